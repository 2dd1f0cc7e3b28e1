/* term_todo.c — 待办 items of the organization registry: committees whose
 * current term (the latest org_term) has ended or ends within the window,
 * for active organizations in the operator's scope. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "org/org.h"
#include "todo/todo.h"

#define TERMS \
	"SELECT o.id, o.name, coalesce(o.secretary, ''), t.elected_on, t.term_years, t.due_on" \
	" FROM org o JOIN org_term t ON t.id = (SELECT id FROM org_term WHERE org_id = o.id" \
	" ORDER BY elected_on DESC LIMIT 1)" \
	" WHERE o.status = '正常' AND t.due_on <= ?1 AND (?2 = 0 OR o.id IN (WITH RECURSIVE" \
	" sub(id) AS (SELECT ?2 UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id)" \
	" SELECT id FROM sub)) ORDER BY t.due_on, o.sort_key"

int org_term_todo(struct session *s, const char *today, int ahead, todo_emit emit, void *ctx,
                  struct dj_err *e)
{
	char horizon[11];
	sqlite3_stmt *st;
	todo_horizon(today, ahead, horizon);
	if (sqlite3_prepare_v2(s->db, TERMS, -1, &st, NULL) != SQLITE_OK) {
		db_fail(s->db, e, "读取届满提醒");
		return -1;
	}
	sqlite3_bind_text(st, 1, horizon, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, s->scope_org);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct todo_item it = { .kind = TODO_TERM, .id = sqlite3_column_int64(st, 0) };
		char elected[11];
		it.org_id = it.id;
		db_col_text(st, 1, it.org, sizeof it.org);
		db_col_text(st, 2, it.who, sizeof it.who);
		db_col_text(st, 3, elected, sizeof elected);
		db_col_text(st, 5, it.due_on, sizeof it.due_on);
		it.late = strcmp(it.due_on, today) < 0;
		snprintf(it.what, sizeof it.what, "换届");
		snprintf(it.text, sizeof it.text, "%s：%s 选举，任期 %d 年，%s 届满",
		         it.late ? "任期已届满，应及时换届" : "任期即将届满，准备换届", elected,
		         sqlite3_column_int(st, 4), it.due_on);
		if (emit(ctx, &it)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE) {
		db_fail(s->db, e, "读取届满提醒");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}
