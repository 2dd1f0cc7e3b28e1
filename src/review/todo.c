/* todo.c — 待办 items of 立项 and 创建: an application's next stage due
 * (review_next_due, the ledger's 下一节点) and its own tasks past or near
 * their 完成期限, for applications in the operator's scope.  Both open the
 * application (TODO_REVIEW, id the application). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "review/review.h"
#include "todo/todo.h"

#define IN_SCOPE(col) "(?2 = 0 OR " col " IN (WITH RECURSIVE sub(id) AS (SELECT ?2" \
	" UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"

/* The applications in scope (review_next_due says which are still under
 * way): the ids first, so it runs its queries with no statement of ours
 * open. */
#define OPEN_APPS "SELECT a.id FROM review_app a WHERE " IN_SCOPE("a.org_id") " ORDER BY a.id"

#define TASKS "SELECT a.id, a.org_id, o.name, a.title, t.task, t.responsible, t.due_on" \
	" FROM review_task t JOIN review_app a ON a.id = t.app_id JOIN org o ON o.id = a.org_id" \
	" WHERE coalesce(t.done_on, '') = '' AND t.due_on <= ?1 AND " IN_SCOPE("a.org_id") \
	" ORDER BY t.due_on, t.id"

/* ?1 the window's last day (horizon NULL: the query has none), ?2 the
 * operator's scope. */
static sqlite3_stmt *prepare(struct session *s, const char *sql, const char *horizon,
                             struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(s->db, e, "读取立项创建的待办事项");
		return NULL;
	}
	if (horizon)
		sqlite3_bind_text(st, 1, horizon, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, s->scope_org);
	return st;
}

static int app_ids(struct session *s, int64_t **ids, int *n, struct dj_err *e)
{
	sqlite3_stmt *st = prepare(s, OPEN_APPS, NULL, e);
	int cap = 0, rc;
	*ids = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			int64_t *more = realloc(*ids, (size_t)cap * sizeof *more);
			if (!more) {
				rc = SQLITE_NOMEM;
				break;
			}
			*ids = more;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		dj_fail(e, DJ_DB, NULL, "读取立项创建的待办事项失败");
		return -1;
	}
	return 0;
}

/* One application's next stage, when its date is inside the window. */
static int stage_item(struct session *s, int64_t id, const char *today, const char *horizon,
                      struct todo_item *it, struct dj_err *e)
{
	struct review_app a;
	char stage[64], due[11];
	dj_clear(e);
	int late = review_next_due(s, id, today, stage, sizeof stage, due, e);
	if (late < 0)
		return e->code == DJ_OK ? 0 : -1;
	if (!due[0] || strcmp(due, horizon) > 0)
		return 0;
	if (review_app_load(s, id, &a, e))
		return -1;
	*it = (struct todo_item){ .kind = TODO_REVIEW, .id = id, .org_id = a.org_id, .late = late };
	snprintf(it->due_on, sizeof it->due_on, "%s", due);
	snprintf(it->what, sizeof it->what, "%s", strcmp(a.kind, "项目") == 0 ? "立项" : "创建");
	todo_copy(it->org, sizeof it->org, a.org);
	todo_copy(it->who, sizeof it->who, a.executor);
	char text[sizeof it->text + 64];
	snprintf(text, sizeof text, "%s：%s（%s）", a.title, stage, a.state_word);
	todo_copy(it->text, sizeof it->text, text);
	return 1;
}

static int stages(struct session *s, const char *today, const char *horizon, todo_emit emit,
                  void *ctx, struct dj_err *e)
{
	int64_t *ids;
	int n;
	if (app_ids(s, &ids, &n, e))
		return -1;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		struct todo_item it;
		int got = stage_item(s, ids[i], today, horizon, &it, e);
		if (got < 0)
			rc = -1;
		else if (got && emit(ctx, &it))
			rc = 1;
	}
	free(ids);
	return rc;
}

static int tasks(struct session *s, const char *today, const char *horizon, todo_emit emit,
                 void *ctx, struct dj_err *e)
{
	sqlite3_stmt *st = prepare(s, TASKS, horizon, e);
	int rc;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct todo_item it = { .kind = TODO_REVIEW, .id = sqlite3_column_int64(st, 0),
		                        .org_id = sqlite3_column_int64(st, 1) };
		char title[128], task[256], text[400];
		db_col_text(st, 2, it.org, sizeof it.org);
		db_col_text(st, 3, title, sizeof title);
		db_col_text(st, 4, task, sizeof task);
		db_col_text(st, 5, it.who, sizeof it.who);
		db_col_text(st, 6, it.due_on, sizeof it.due_on);
		it.late = strcmp(it.due_on, today) < 0;
		snprintf(it.what, sizeof it.what, "立项任务");
		snprintf(text, sizeof text, "%s：%s", title, task);
		todo_copy(it.text, sizeof it.text, text);
		if (emit(ctx, &it)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_fail(s->db, e, "读取立项任务");
		return -1;
	}
	return 0;
}

int review_todo(struct session *s, const char *today, int ahead, todo_emit emit, void *ctx,
                struct dj_err *e)
{
	char horizon[11];
	todo_horizon(today, ahead, horizon);
	int rc = stages(s, today, horizon, emit, ctx, e);
	if (rc)
		return rc < 0 ? -1 : 0;
	return tasks(s, today, horizon, emit, ctx, e);
}
