/* checks.c — the checks the 督导 records share. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "supervise/internal.h"

int sup_check_date(char *v, const char *key, const char *label, struct dj_err *e)
{
	if (!*v)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label);
	return sup_check_date_opt(v, key, label, 1, e);
}

int sup_check_date_opt(char *v, const char *key, const char *label, int not_future,
                       struct dj_err *e)
{
	char norm[11], why[WHY_MAX], now[11];
	if (!*v)
		return 0;
	if (valid_date(v, norm, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", label, why, v);
	if (not_future && strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, key, "「%s」%s 在今天之后", label, norm);
	memcpy(v, norm, sizeof norm);
	return 0;
}

int sup_org_name(struct session *s, int64_t org_id, const char *key, char name[128],
                 char kind[16], struct dj_err *e)
{
	sqlite3_stmt *st;
	if (org_id <= 0)
		return dj_fail(e, DJ_INVALID, key, "「党组织」不能为空：须选择一个党组织");
	if (sqlite3_prepare_v2(s->db, "SELECT name, kind FROM org WHERE id = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return db_fail(s->db, e, "读取党组织");
	sqlite3_bind_int64(st, 1, org_id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		db_col_text(st, 0, name, 128);
		if (kind)
			db_col_text(st, 1, kind, 16);
	}
	sqlite3_finalize(st);
	return found ? 0 : dj_fail(e, DJ_INVALID, key, "「党组织」所选的党组织已不存在");
}

char *sup_kinds_sql(const struct sup_duty *d, const char *col)
{
	char *sql = sqlite3_mprintf("%s IN (''", col);
	for (int i = 0; sql && i < d->nkinds; i++) {
		char *more = sqlite3_mprintf("%s, %Q", sql, d->kinds[i]);
		sqlite3_free(sql);
		sql = more;
	}
	if (sql) {
		char *more = sqlite3_mprintf("%s)", sql);
		sqlite3_free(sql);
		sql = more;
	}
	return sql;
}
