/* line.c — one branch's line of a split task (公开承诺, 进展, 状态), and the
 * dated progress notes of a task.  A line is scope-checked on its branch;
 * saving one rolls the task's state up from all its lines. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_stmt.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "core/validate.h"
#include "plan/internal.h"

#define SELECT_LINE \
	"SELECT l.id, l.version, l.task_id, l.org_id, o.name, l.pledge, l.progress, l.state," \
	" coalesce(l.done_on, ''), " PLAN_DUE " FROM plan_line l JOIN org o ON o.id = l.org_id" \
	" JOIN plan_task t ON t.id = l.task_id"

static void line_row(sqlite3_stmt *st, struct plan_line *l, const char *now)
{
	char due[11];
	memset(l, 0, sizeof *l);
	l->id = sqlite3_column_int64(st, 0);
	l->version = sqlite3_column_int64(st, 1);
	l->task_id = sqlite3_column_int64(st, 2);
	l->org_id = sqlite3_column_int64(st, 3);
	db_col_text(st, 4, l->org, sizeof l->org);
	db_col_text(st, 5, l->pledge, sizeof l->pledge);
	db_col_text(st, 6, l->progress, sizeof l->progress);
	db_col_text(st, 7, l->state, sizeof l->state);
	db_col_text(st, 8, l->done_on, sizeof l->done_on);
	db_col_text(st, 9, due, sizeof due);
	snprintf(l->shown, sizeof l->shown, "%s", plan_state_of(l->state, due, now));
}

int plan_lines(struct session *s, int64_t task_id, struct plan_line *out, int cap)
{
	sqlite3_stmt *st;
	char now[11];
	today(now);
	if (sqlite3_prepare_v2(s->db, SELECT_LINE " WHERE l.task_id = ? ORDER BY o.name_py, o.id", -1,
	                       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, task_id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n < cap)
			line_row(st, &out[n], now);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

int plan_line_counts(struct session *s, int64_t task_id, int *n, int *done, int *going,
                     int *late)
{
	sqlite3_stmt *st;
	*n = *done = *going = *late = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*), coalesce(sum(l.state = '已完成'), 0),"
	                       " coalesce(sum(l.state = '进行中'), 0), coalesce(sum(l.state <> '已完成'"
	                       " AND " PLAN_DUE " <> '' AND dj_today() > " PLAN_DUE "), 0)"
	                       " FROM plan_line l JOIN plan_task t ON t.id = l.task_id"
	                       " WHERE l.task_id = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, task_id);
	int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
	if (rc == 0) {
		*n = sqlite3_column_int(st, 0);
		*done = sqlite3_column_int(st, 1);
		*going = sqlite3_column_int(st, 2);
		*late = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	return rc;
}

int plan_line_load(struct session *s, int64_t id, struct plan_line *l, struct dj_err *e)
{
	sqlite3_stmt *st;
	char now[11];
	int rc = db_load_row(s->db, SELECT_LINE " WHERE l.id = ?", id, &st, "读取支部任务",
	                     "该支部任务已不存在", e);
	if (rc)
		return rc;
	line_row(st, l, today(now));
	db_done(st);
	return 0;
}

static const char *line_json(const struct plan_line *l, struct json *j)
{
	json_begin(j);
	json_str(j, "党支部", l->org);
	json_str(j, "公开承诺", l->pledge);
	json_str(j, "进展情况", l->progress);
	json_str(j, "状态", l->state);
	json_str(j, "完成日期", l->done_on);
	return json_end(j);
}

static int save_line_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct plan_line *l = rec, was;
	if (plan_line_load(s, l->id, &was, e))
		return e ? e->code : DJ_DB;
	if (was.version != l->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (session_may_write(s, was.org_id, e))
		return DJ_DENIED;
	const struct text_field f[] = {
		{ "pledge", "公开承诺", l->pledge, 1 }, { "progress", "进展情况", l->progress, 1 },
	};
	if (!*l->state)
		snprintf(l->state, sizeof l->state, "未开始");
	if (valid_texts(f, 2, e) || plan_check_state(l->state, l->done_on, "state", "done_on", e))
		return DJ_INVALID;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE plan_line SET pledge = ?1, progress = ?2, state = ?3,"
	                       " done_on = ?4, updated_by = ?5, updated_at = " PLAN_NOW ","
	                       " version = version + 1 WHERE id = ?6 AND version = ?7", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存支部任务");
	db_bind_text(st, 1, l->pledge, 0);
	db_bind_text(st, 2, l->progress, 0);
	db_bind_text(st, 3, l->state, 0);
	db_bind_text(st, 4, l->done_on, 1);
	db_bind_text(st, 5, s->login, 1);
	sqlite3_bind_int64(st, 6, l->id);
	sqlite3_bind_int64(st, 7, l->version);
	if (db_step_save(s->db, st, &l->id, &l->version, "保存支部任务", e) ||
	    pl_roll_up(s, was.task_id, e))
		return e ? e->code : DJ_DB;
	snprintf(l->org, sizeof l->org, "%s", was.org);
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "plan_line", l->id, 0, line_json(&was, &before), line_json(l, &after),
	                     e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int plan_line_save(struct session *s, struct plan_line *l, struct dj_err *e)
{
	struct plan_line keep = *l;
	utf8_trim(l->state);
	utf8_trim(l->done_on);
	int rc = pl_in_txn(s, "plan_line", save_line_txn, l, e);
	if (rc) {
		*l = keep;
		return rc;
	}
	return plan_line_load(s, l->id, l, e);
}

/* ---- progress notes ---- */

static int add_note_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct plan_note *n = rec;
	struct plan_task t;
	int64_t org;
	char now[11];
	if (plan_task_load(s, n->task_id, &t, e) || pl_plan_org(s, t.plan_id, &org, e))
		return e ? e->code : DJ_INVALID;
	if (session_may_write(s, org, e))
		return DJ_DENIED;
	const struct text_field f[] = { { "body", "进展", n->body, 1 } };
	if (valid_texts(f, 1, e) || pl_check_date(n->on_date, 1, "on_date", "日期", e))
		return DJ_INVALID;
	if (strcmp(n->on_date, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, "on_date", "「日期」%s 在今天之后", n->on_date);
	if (!*n->body)
		return dj_fail(e, DJ_INVALID, "body", "「进展」不能为空");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO plan_note(task_id, on_date, body, updated_by,"
	                       " updated_at) VALUES (?, ?, ?, ?, " PLAN_NOW ")", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "新增进展");
	sqlite3_bind_int64(st, 1, n->task_id);
	db_bind_text(st, 2, n->on_date, 0);
	db_bind_text(st, 3, n->body, 0);
	db_bind_text(st, 4, s->login, 1);
	int64_t v = 0;
	if (db_step_save(s->db, st, &n->id, &v, "新增进展", e))
		return DJ_DB;
	struct json j = JSON_INIT;
	json_begin(&j);
	json_str(&j, "任务", t.body);
	json_str(&j, "日期", n->on_date);
	json_str(&j, "进展", n->body);
	int rc = audit_write(s, "plan_note", n->id, "新增", NULL, json_end(&j), e);
	json_free(&j);
	return rc;
}

int plan_note_add(struct session *s, struct plan_note *n, struct dj_err *e)
{
	utf8_trim(n->on_date);
	utf8_trim(n->body);
	return pl_in_txn(s, "plan_note", add_note_txn, n, e);
}

int plan_notes(struct session *s, int64_t task_id, struct plan_note *out, int cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id, task_id, on_date, body, coalesce(updated_by, '')"
	                       " FROM plan_note WHERE task_id = ? ORDER BY on_date DESC, id DESC", -1,
	                       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, task_id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n < cap) {
			out[n].id = sqlite3_column_int64(st, 0);
			out[n].task_id = sqlite3_column_int64(st, 1);
			db_col_text(st, 2, out[n].on_date, sizeof out[n].on_date);
			db_col_text(st, 3, out[n].body, sizeof out[n].body);
			db_col_text(st, 4, out[n].by, sizeof out[n].by);
		}
		n++;
	}
	sqlite3_finalize(st);
	return n;
}
