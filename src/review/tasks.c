/* tasks.c — the tasks of a 创建 申报书 (任务书、路线图、时间表, seed 001)
 * with their 责任人 and dates: saves with the version check and the audit,
 * and the list with the late ones marked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/memrows.h"
#include "core/text.h"
#include "review/records.h"

/* Tasks are planned with the application and carried out until the
 * acceptance; after it they are the record the acceptance was scored on. */
static const int task_states[] = { RV_APPLIED, RV_RECOMMENDED, RV_SCREENED, RV_APPROVED,
                                   RV_STARTED, RV_MIDTERM, RV_CONCLUDED };

int rv_task_late(const char *due_on, const char *done_on, const char *on)
{
	return !*done_on && *due_on && strcmp(due_on, on) < 0;
}

#define SELECT_TASK \
	"SELECT id, version, app_id, task, responsible, due_on, coalesce(done_on, '')" \
	" FROM review_task"

static void read_task(sqlite3_stmt *st, struct review_task *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->version = sqlite3_column_int64(st, 1);
	t->app_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, t->task, sizeof t->task);
	db_col_text(st, 4, t->responsible, sizeof t->responsible);
	db_col_text(st, 5, t->due_on, sizeof t->due_on);
	db_col_text(st, 6, t->done_on, sizeof t->done_on);
}

int review_task_load(struct session *s, int64_t id, struct review_task *t, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, SELECT_TASK " WHERE id = ?", id, &st, "读取任务",
	                     "该任务已不存在", e);
	if (rc)
		return rc;
	read_task(st, t);
	db_done(st);
	return 0;
}

static const char *task_json(const struct rv_facts *a, const struct review_task *t,
                             struct json *j)
{
	json_begin(j);
	json_str(j, "申报", a->title);
	json_str(j, "任务", t->task);
	json_str(j, "责任人", t->responsible);
	json_str(j, "完成期限", t->due_on);
	json_str(j, "完成日期", t->done_on);
	return json_end(j);
}

/* A task is part of a 创建 申报书, and changes only until the acceptance. */
static int check_app(const struct rv_facts *a, const char *doing, struct dj_err *e)
{
	char buf[32];
	if (a->kind != REVIEW_CREATE)
		return dj_fail(e, DJ_INVALID, NULL, "只有标杆学院和样板支部的创建申报才有任务书，"
		               "「%s」是立项项目", a->title);
	if (rv_state_in(a->state, task_states, sizeof task_states / sizeof *task_states))
		return 0;
	return dj_fail(e, DJ_INVALID, NULL, "任务只能在验收前%s，本申报现为「%s」", doing,
	               rv_state_name(a->kind, a->state, buf));
}

static int check_task(struct review_task *t, struct dj_err *e)
{
	char why[WHY_MAX], norm[11], now[11];
	const struct text_field f[] = {
		{ "task", "任务", t->task, 1 }, { "responsible", "责任人", t->responsible, 0 },
		{ "due_on", "完成期限", t->due_on, 0 }, { "done_on", "完成日期", t->done_on, 0 },
	};
	if (valid_texts(f, sizeof f / sizeof *f, e))
		return DJ_INVALID;
	if (!*t->task)
		return dj_fail(e, DJ_INVALID, "task", "「任务」不能为空");
	if (!*t->responsible)
		return dj_fail(e, DJ_INVALID, "responsible", "「责任人」不能为空（几人时用、分隔）");
	if (!*t->due_on)
		return dj_fail(e, DJ_INVALID, "due_on", "「完成期限」不能为空");
	if (valid_date(t->due_on, norm, why))
		return dj_fail(e, DJ_INVALID, "due_on", "「完成期限」%s：%s", why, t->due_on);
	memcpy(t->due_on, norm, sizeof norm);
	if (!*t->done_on)
		return 0;
	if (valid_date(t->done_on, norm, why))
		return dj_fail(e, DJ_INVALID, "done_on", "「完成日期」%s：%s", why, t->done_on);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, "done_on", "「完成日期」%s 在今天之后", norm);
	memcpy(t->done_on, norm, sizeof norm);
	return 0;
}

static int store_task(struct session *s, struct review_task *t, struct dj_err *e)
{
	sqlite3_stmt *st;
	/* a new task goes last on the 任务书 */
	const char *sql = t->id == 0
		? "INSERT INTO review_task(task, responsible, due_on, done_on, updated_by, updated_at,"
		  " app_id, seq) VALUES (?1, ?2, ?3, ?4, ?5, " RV_NOW ", ?6,"
		  " (SELECT coalesce(max(seq), 0) + 1 FROM review_task WHERE app_id = ?6))"
		: "UPDATE review_task SET task = ?1, responsible = ?2, due_on = ?3, done_on = ?4,"
		  " updated_by = ?5, updated_at = " RV_NOW ", version = version + 1"
		  " WHERE id = ?6 AND version = ?7";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存任务");
	db_bind_text(st, 1, t->task, 0);
	db_bind_text(st, 2, t->responsible, 0);
	db_bind_text(st, 3, t->due_on, 0);
	db_bind_text(st, 4, t->done_on, 1);
	db_bind_text(st, 5, s->login, 1);
	if (t->id == 0) {
		sqlite3_bind_int64(st, 6, t->app_id);
	} else {
		sqlite3_bind_int64(st, 6, t->id);
		sqlite3_bind_int64(st, 7, t->version);
	}
	return db_step_save(s->db, st, &t->id, &t->version, "保存任务", e);
}

static int task_save_in_txn(struct session *s, struct review_task *t, struct dj_err *e)
{
	struct review_task was;
	struct rv_facts a;
	int is_new = t->id == 0;
	if (!is_new) {
		if (review_task_load(s, t->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != t->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		t->app_id = was.app_id;
	}
	if (rv_facts_load(s, t->app_id, &a, e))
		return e ? e->code : DJ_DB;
	if (session_may_write(s, a.org_id, e))
		return DJ_DENIED;
	if (check_app(&a, is_new ? "新增" : "修改", e) || check_task(t, e) || store_task(s, t, e))
		return e ? e->code : DJ_INVALID;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "review_task", t->id, is_new,
	                     is_new ? NULL : task_json(&a, &was, &before), task_json(&a, t, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int review_task_save(struct session *s, struct review_task *t, struct dj_err *e)
{
	struct review_task keep = *t;
	char *trim[] = { t->task, t->responsible, t->due_on, t->done_on };
	for (size_t i = 0; i < sizeof trim / sizeof *trim; i++)
		utf8_trim(trim[i]);
	struct db_txn x;
	int rc = db_txn_begin(&x, s->db, db_in_txn(s->db), NULL, e);
	if (!rc)
		rc = db_txn_end(&x, task_save_in_txn(s, t, e), e);
	if (rc) {
		*t = keep;   /* what was typed stays as typed */
		return rc;
	}
	return review_task_load(s, t->id, t, e);
}

static int task_delete_in_txn(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct review_task t;
	struct rv_facts a;
	if (review_task_load(s, id, &t, e) || rv_facts_load(s, t.app_id, &a, e))
		return e ? e->code : DJ_DB;
	if (t.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (session_may_write(s, a.org_id, e))
		return DJ_DENIED;
	if (check_app(&a, "删除", e))
		return DJ_INVALID;
	if (db_exec_ids(s->db, "DELETE FROM review_task WHERE id = ?", &id, 1, "删除任务", e))
		return DJ_DB;
	struct json before = JSON_INIT;
	int rc = audit_write(s, "review_task", id, "删除", task_json(&a, &t, &before), NULL, e);
	json_free(&before);
	return rc;
}

int review_task_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct db_txn x;
	if (db_txn_begin(&x, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	return db_txn_end(&x, task_delete_in_txn(s, id, version, e), e);
}

/* ---- the list ---- */

static const struct rs_column task_cols[] = {
	{ "任务", 28, 1, 0, 1, 0, 1 }, { "责任人", 12, 1, 0, 1, 24, 0 },
	{ "完成期限", 10, 0, 0, 1, 0, 0 }, { "完成日期", 10, 0, 0, 1, 0, 0 },
	{ "状态", 6, 0, 0, 1, 0, 0 },
};

struct task_list {
	struct session *s;
	int64_t app_id;
};

static int load_tasks(void *ctx, struct memrows *m)
{
	struct task_list *l = ctx;
	char now[11];
	today(now);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(l->s->db, SELECT_TASK " WHERE app_id = ? ORDER BY seq, id", -1, &st,
	                       NULL) != SQLITE_OK) {
		memrows_fail(m, "读取任务书失败");
		return -1;
	}
	sqlite3_bind_int64(st, 1, l->app_id);
	struct review_task t;
	int seq = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		read_task(st, &t);
		char find[512], key[16];
		snprintf(find, sizeof find, "%.250s %.250s", t.task, t.responsible);
		/* the first column sorts in the 任务书's own order */
		snprintf(key, sizeof key, "%08d", ++seq);
		struct rs_row *row = memrows_add(m, t.id, find, key);
		if (!row)
			break;
		int late = rv_task_late(t.due_on, t.done_on, now);
		const char *state = *t.done_on ? "已完成" : late ? "逾期" : "进行中";
		const char *cells[] = { t.task, t.responsible, t.due_on, t.done_on, state };
		for (int c = 0; c < 5; c++)
			snprintf(row->cell[c], RS_CELL, "%s", cells[c]);
		row->flags = late ? RS_FLAG_WARN : 0;
		memrows_rank(m, 4, late ? 1 : *t.done_on ? 3 : 2);
	}
	sqlite3_finalize(st);
	return 0;
}

struct row_source *review_task_list_source(struct session *s, int64_t app_id)
{
	struct task_list *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->s = s;
	l->app_id = app_id;
	return memrows_new(task_cols, 5, load_tasks, l, free);
}
