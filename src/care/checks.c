/* checks.c — the checks the 关怀帮扶 records share. */
#include <stdio.h>
#include <string.h>

#include "care/internal.h"
#include "core/db.h"
#include "core/db_write.h"

int care_day(char *v, const char *key, const char *label, int required, struct dj_err *e)
{
	char norm[11], why[WHY_MAX], now[11];
	if (!*v)
		return required ? dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label) : 0;
	if (valid_date(v, norm, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", label, why, v);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, key, "「%s」%s 晚于今天", label, norm);
	memcpy(v, norm, sizeof norm);
	return 0;
}

int care_member(struct session *s, int64_t member_id, const char *key, char name[64],
                char org[128], struct dj_err *e)
{
	sqlite3_stmt *st;
	if (member_id <= 0)
		return dj_fail(e, DJ_INVALID, key, "「党员」不能为空：须选择一名党员");
	if (sqlite3_prepare_v2(s->db, "SELECT m.name, o.name, m.org_id FROM member m"
	                       " JOIN org o ON o.id = m.org_id WHERE m.id = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return db_fail(s->db, e, "读取党员");
	sqlite3_bind_int64(st, 1, member_id);
	int64_t org_id = 0;
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		db_col_text(st, 0, name, 64);
		db_col_text(st, 1, org, 128);
		org_id = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (!found)
		return dj_fail(e, DJ_INVALID, key, "「党员」所选的党员已不存在");
	return session_may_write(s, org_id, e) ? DJ_DENIED : 0;
}

int care_in_txn(struct session *s, const char *savepoint,
                int (*fn)(struct session *, void *, struct dj_err *), void *rec, struct dj_err *e)
{
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), savepoint, e);
	return rc ? rc : db_txn_end(&t, fn(s, rec, e), e);
}
