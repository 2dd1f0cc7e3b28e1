/* checks.c — the checks every showcase record repeats: dates, configured
 * choices, years, the member a post or a resident names. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "showcase/internal.h"

int sc_check_date(char *v, const char *key, const char *label, struct dj_err *e)
{
	char norm[11], why[WHY_MAX], now[11];
	if (!*v)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label);
	if (valid_date(v, norm, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", label, why, v);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, key, "「%s」%s 在今天之后", label, norm);
	memcpy(v, norm, sizeof norm);
	return 0;
}

int sc_check_choice(const char *v, const char *key, const char *label, char list[][64], int n,
                    const char *ini_key, struct dj_err *e)
{
	if (!*v)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label);
	for (int i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return 0;
	return dj_fail(e, DJ_INVALID, key, "「%s」「%s」不在 dangjian.ini [showcase] %s 配置的列表中",
	               label, v, ini_key);
}

int sc_check_year(int year, const char *key, struct dj_err *e)
{
	char now[11];
	int this_year = 0;
	sscanf(today(now), "%4d", &this_year);
	if (year < 1921 || year > this_year)
		return dj_fail(e, DJ_INVALID, key, "「年度」须为 1921 至 %d 之间的四位数字", this_year);
	return 0;
}

int sc_member(struct session *s, int64_t member_id, const char *key, int64_t *org,
              char status[16], char name[64], struct dj_err *e)
{
	sqlite3_stmt *st;
	if (member_id <= 0)
		return dj_fail(e, DJ_INVALID, key, "「党员」不能为空：须选择一名党员");
	if (sqlite3_prepare_v2(s->db, "SELECT org_id, status, name FROM member WHERE id = ?", -1,
	                       &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取党员");
	sqlite3_bind_int64(st, 1, member_id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		*org = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, status, 16);
		db_col_text(st, 2, name, 64);
	}
	sqlite3_finalize(st);
	return found ? 0 : dj_fail(e, DJ_INVALID, key, "「党员」所选的党员已不存在");
}

int sc_in_txn(struct session *s, const char *savepoint,
              int (*fn)(struct session *, void *, struct dj_err *), void *rec, struct dj_err *e)
{
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), savepoint, e);
	return rc ? rc : db_txn_end(&t, fn(s, rec, e), e);
}

int showcase_member_named(struct session *s, const char *name, const char *key, int64_t *id,
                          struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM member WHERE name = ? ORDER BY id", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "查找党员");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int n = 0;
	*id = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (n++ == 0)
			*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (n == 0)
		return dj_fail(e, DJ_INVALID, key, "没有名为「%s」的党员", name);
	if (n > 1)
		return dj_fail(e, DJ_INVALID, key, "有 %d 名党员名为「%s」，请按 F4 选择", n, name);
	return 0;
}
