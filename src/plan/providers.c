/* providers.c — the plan's providers for 待办 (todo.h) and 通报 (bulletin.h):
 * tasks, and the branch lines of split tasks, that are late or due soon.
 * A split task speaks through its lines, so each late branch is named. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/validate.h"
#include "plan/internal.h"

/* One row per open item: the unsplit tasks, then the lines of split ones.
 * Columns: task id, org id, org name, due, body, people, state, done_on. */
#define ITEMS(scope_col_task, scope_col_line) \
	"SELECT t.id AS tid, coalesce(t.target_org, p.org_id) AS oid, coalesce(tor.name, po.name)" \
	" AS oname, " PLAN_DUE " AS due, t.body AS body, t.people AS people, t.state AS state," \
	" coalesce(t.done_on, '') AS done FROM plan_task t" \
	" JOIN plan p ON p.id = t.plan_id JOIN org po ON po.id = p.org_id" \
	" LEFT JOIN org tor ON tor.id = t.target_org" \
	" WHERE t.split = 0 AND " DB_SUBTREE(scope_col_task) \
	" UNION ALL SELECT t.id, l.org_id, o.name, " PLAN_DUE ", t.body, t.people, l.state," \
	" coalesce(l.done_on, '') FROM plan_line l JOIN plan_task t ON t.id = l.task_id" \
	" JOIN org o ON o.id = l.org_id WHERE t.split = 1 AND " DB_SUBTREE(scope_col_line)

struct item_row {
	int64_t task_id, org_id;
	char org[64], due[11], body[512], people[64], state[16], done_on[11];
};

static void read_item(sqlite3_stmt *st, struct item_row *r)
{
	r->task_id = sqlite3_column_int64(st, 0);
	r->org_id = sqlite3_column_int64(st, 1);
	db_col_text(st, 2, r->org, sizeof r->org);
	db_col_text(st, 3, r->due, sizeof r->due);
	db_col_text(st, 4, r->body, sizeof r->body);
	db_col_text(st, 5, r->people, sizeof r->people);
	db_col_text(st, 6, r->state, sizeof r->state);
	db_col_text(st, 7, r->done_on, sizeof r->done_on);
	for (char *c = r->body; *c; c++)   /* one line in a list */
		if (*c == '\n' || *c == '\t')
			*c = ' ';
}

int plan_todo(struct session *s, const char *today_on, int ahead, todo_emit emit, void *ctx,
              struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT * FROM (" ITEMS("p.org_id", "l.org_id") ")"
	                       " WHERE state <> '已完成' AND due <> '' AND due <= date(:today, :ahead)"
	                       " ORDER BY due, oname, tid", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取待办任务");
	char days[24];
	snprintf(days, sizeof days, "+%d days", ahead < 0 ? 0 : ahead);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":today"), today_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":ahead"), days, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct item_row r;
		struct todo_item it = { .kind = TODO_TASK, .what = "任务" };
		read_item(st, &r);
		it.id = r.task_id;
		it.org_id = r.org_id;
		snprintf(it.due_on, sizeof it.due_on, "%s", r.due);
		it.late = plan_is_late(r.state, r.due, today_on);
		snprintf(it.org, sizeof it.org, "%s", r.org);
		text_shown(r.body, 40, it.text, sizeof it.text);
		snprintf(it.who, sizeof it.who, "%s", r.people);
		if (emit(ctx, &it))
			break;
	}
	int bad = rc != SQLITE_ROW && rc != SQLITE_DONE;
	sqlite3_finalize(st);
	return bad ? db_fail(s->db, e, "读取待办任务") : 0;
}

int plan_bulletin_overdue(struct session *s, int64_t root, const char *from, const char *to,
                          bulletin_emit emit, void *ctx, struct dj_err *e)
{
	(void)from;   /* a deadline before the period that is still not met is reported too */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT * FROM (" ITEMS("p.org_id", "l.org_id") ")"
	                       " WHERE due <> '' AND due < :to AND (state <> '已完成' OR done = '' OR done > :to)"
	                       " ORDER BY oname, due, tid", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取逾期任务");
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), root ? root : s->scope_org);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":to"), to, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct item_row r;
		struct bulletin_line l = { .section = BUL_TASK_OVERDUE };
		char body[160];
		read_item(st, &r);
		l.org_id = r.org_id;
		snprintf(l.org, sizeof l.org, "%s", r.org);
		text_shown(r.body, 30, body, sizeof body);
		snprintf(l.text, sizeof l.text, "「%s」期限 %s，至 %s 未完成", body, r.due, to);
		if (emit(ctx, &l))
			break;
	}
	int bad = rc != SQLITE_ROW && rc != SQLITE_DONE;
	sqlite3_finalize(st);
	return bad ? db_fail(s->db, e, "读取逾期任务") : 0;
}
