/* source_rectify.c — BUL_RECTIFY_OVERDUE: rectification plans past their
 * deadline and not accepted, as the records stood on the period's last day. */
#include <stdio.h>
#include <string.h>

#include "bulletin/bulletin.h"
#include "core/db.h"

int bulletin_rectify_overdue(struct session *s, int64_t root, const char *from, const char *to,
                             bulletin_emit emit, void *ctx, struct dj_err *e)
{
	(void)from;   /* a plan overdue since before the period is still overdue */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT z.org_id, o.name, z.deadline, r.name FROM rectification z"
	        " JOIN org o ON o.id = z.org_id JOIN grading_round r ON r.id = z.round_id"
	        " WHERE z.deadline < ?2 AND (z.accepted_on IS NULL OR z.accepted_on = ''"
	        " OR z.accepted_on > ?2) AND (?1 = 0 OR z.org_id IN (WITH RECURSIVE sub(id) AS"
	        " (SELECT ?1 UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id)"
	        " SELECT id FROM sub)) ORDER BY o.sort_key, z.deadline", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取整改台账");
	sqlite3_bind_int64(st, 1, root ? root : s->scope_org);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		struct bulletin_line l = { .section = BUL_RECTIFY_OVERDUE,
		                           .org_id = sqlite3_column_int64(st, 0) };
		char deadline[11], round[128];
		db_col_text(st, 1, l.org, sizeof l.org);
		db_col_text(st, 2, deadline, sizeof deadline);
		db_col_text(st, 3, round, sizeof round);
		snprintf(l.text, sizeof l.text, "%s整改期限%s，逾期未验收", round, deadline);
		rc = emit(ctx, &l);
	}
	sqlite3_finalize(st);
	return 0;
}
