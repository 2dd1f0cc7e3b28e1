/* followup.c — the follow-up of a 不合格 result (处置: 限期改正, 劝退 or
 * 除名, decided on, 限期, done on, the decision), and the 待办 items of the
 * ones not yet done. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "evaluate/internal.h"

#define FOLLOWUP_SQL "SELECT f.id, f.version, f.line_id, f.member_id, r.org_id, mb.name, o.name," \
	" r.year, f.action, coalesce(f.decided_on, ''), coalesce(f.deadline, ''), coalesce(f.done_on, '')," \
	" coalesce(f.decision, '') FROM eval_followup f JOIN eval_line l ON l.id = f.line_id" \
	" JOIN eval_round r ON r.id = l.round_id JOIN org o ON o.id = r.org_id" \
	" JOIN member mb ON mb.id = f.member_id"

int evaluate_followup_load(struct session *s, int64_t id, struct eval_followup *f,
                           struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, FOLLOWUP_SQL " WHERE f.id = ?", id, &st, "读取不合格处置",
	                     "该处置已不存在（评议结果可能已改为其他）", e);
	if (rc)
		return rc;
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(st, 0);
	f->version = sqlite3_column_int64(st, 1);
	f->line_id = sqlite3_column_int64(st, 2);
	f->member_id = sqlite3_column_int64(st, 3);
	f->org_id = sqlite3_column_int64(st, 4);
	db_col_text(st, 5, f->name, sizeof f->name);
	db_col_text(st, 6, f->org, sizeof f->org);
	snprintf(f->year, sizeof f->year, "%d", sqlite3_column_int(st, 7));
	db_col_text(st, 8, f->action, sizeof f->action);
	db_col_text(st, 9, f->decided_on, sizeof f->decided_on);
	db_col_text(st, 10, f->deadline, sizeof f->deadline);
	db_col_text(st, 11, f->done_on, sizeof f->done_on);
	db_col_text(st, 12, f->decision, sizeof f->decision);
	db_done(st);
	return 0;
}

static const char *followup_json(const struct eval_followup *f, struct json *j)
{
	json_begin(j);
	json_str(j, "党员", f->name);
	json_str(j, "处置", f->action);
	json_str(j, "决定日期", f->decided_on);
	json_str(j, "限期", f->deadline);
	json_str(j, "完成日期", f->done_on);
	json_str(j, "处置决定", f->decision);
	return json_end(j);
}

static int check_followup(struct eval_followup *f, struct dj_err *e)
{
	char norm[11], why[WHY_MAX];
	const struct text_field t[] = { { "decision", "处置决定", f->decision, 1 } };
	if (strcmp(f->action, "限期改正") && strcmp(f->action, "劝退") && strcmp(f->action, "除名"))
		return dj_fail(e, DJ_INVALID, "action", "「处置」应为 限期改正、劝退 或 除名");
	if (ev_check_date(f->decided_on, 1, "decided_on", "决定日期", e) ||
	    ev_check_date(f->done_on, 0, "done_on", "完成日期", e))
		return DJ_INVALID;
	if (*f->deadline) {
		if (valid_date(f->deadline, norm, why))
			return dj_fail(e, DJ_INVALID, "deadline", "「限期」%s：%s", why, f->deadline);
		snprintf(f->deadline, sizeof f->deadline, "%s", norm);
		if (strcmp(norm, f->decided_on) < 0)
			return dj_fail(e, DJ_INVALID, "deadline", "「限期」%s 早于决定日期 %s", norm, f->decided_on);
	} else if (strcmp(f->action, "限期改正") == 0) {
		return dj_fail(e, DJ_INVALID, "deadline", "「限期」不能为空：限期改正须写明改正的期限");
	}
	if (*f->done_on && strcmp(f->done_on, f->decided_on) < 0)
		return dj_fail(e, DJ_INVALID, "done_on", "「完成日期」%s 早于决定日期 %s", f->done_on,
		               f->decided_on);
	return valid_texts(t, 1, e);
}

static int save_in_txn(struct session *s, struct eval_followup *f, struct dj_err *e)
{
	struct eval_followup was;
	if (evaluate_followup_load(s, f->id, &was, e))
		return e ? e->code : DJ_DB;
	if (was.version != f->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (session_may_write(s, was.org_id, e))
		return DJ_DENIED;
	if (check_followup(f, e))
		return e ? e->code : DJ_INVALID;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE eval_followup SET action = ?1, decided_on = ?2,"
	                       " deadline = ?3, done_on = ?4, decision = ?5, updated_by = ?6,"
	                       " updated_at = " EV_NOW ", version = version + 1 WHERE id = ?7"
	                       " AND version = ?8", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存不合格处置");
	db_bind_text(st, 1, f->action, 0);
	db_bind_text(st, 2, f->decided_on, 1);
	db_bind_text(st, 3, f->deadline, 1);
	db_bind_text(st, 4, f->done_on, 1);
	db_bind_text(st, 5, f->decision, 1);
	db_bind_text(st, 6, s->login, 1);
	sqlite3_bind_int64(st, 7, f->id);
	sqlite3_bind_int64(st, 8, f->version);
	if (db_step_update(s->db, st, "保存不合格处置", DB_CONFLICT_SAVE, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "eval_followup", f->id, 0, followup_json(&was, &before),
	                     followup_json(f, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int evaluate_followup_save(struct session *s, struct eval_followup *f, struct dj_err *e)
{
	struct eval_followup keep = *f;
	struct db_txn t;
	utf8_trim(f->action);
	utf8_trim(f->decided_on);
	utf8_trim(f->deadline);
	utf8_trim(f->done_on);
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), "eval_followup", e);
	if (rc == 0)
		rc = db_txn_end(&t, save_in_txn(s, f, e), e);
	if (rc) {
		*f = keep;
		return rc;
	}
	return evaluate_followup_load(s, f->id, f, e);
}

int evaluate_todo(struct session *s, const char *today_, int ahead, todo_emit emit, void *ctx,
                  struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT f.id, r.org_id, o.name, r.year, coalesce(f.deadline, ''),"
	                       " f.action, mb.name, coalesce(f.decision, '') = '' FROM eval_followup f"
	                       " JOIN eval_line l ON l.id = f.line_id"
	                       " JOIN eval_round r ON r.id = l.round_id JOIN org o ON o.id = r.org_id"
	                       " JOIN member mb ON mb.id = f.member_id WHERE f.done_on IS NULL"
	                       " AND (f.deadline IS NULL OR coalesce(f.decision, '') = ''"
	                       " OR julianday(f.deadline) - julianday(:today) <= :ahead)"
	                       " AND " DB_SUBTREE("r.org_id") " ORDER BY f.deadline, f.id", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取民主评议待办");
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":today"), today_, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":ahead"), ahead);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	struct eval_words w;
	evaluate_words_from(s->cfg, &w);
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		struct todo_item it = { .kind = TODO_EVALUATE, .id = sqlite3_column_int64(st, 0),
		                        .org_id = sqlite3_column_int64(st, 1) };
		char action[16], name[64];
		db_col_text(st, 2, it.org, sizeof it.org);
		snprintf(it.ref, sizeof it.ref, "%d", sqlite3_column_int(st, 3));
		db_col_text(st, 4, it.due_on, sizeof it.due_on);
		db_col_text(st, 5, action, sizeof action);
		db_col_text(st, 6, name, sizeof name);
		it.late = *it.due_on && strcmp(it.due_on, today_) < 0;
		snprintf(it.what, sizeof it.what, "评议整改");
		char text[sizeof it.text];
		/* short enough for the 事项 column at 80 wide; the 期限 column has the date */
		snprintf(text, sizeof text, "%s %s 年评议%s：%s%s%s", name, it.ref, evaluate_word(&w, EV_FAIL),
		         action, *it.due_on ? "" : "，未定限期", sqlite3_column_int(st, 7) ? "，待定处置" : "");
		todo_copy(it.text, sizeof it.text, text);
		rc = emit(ctx, &it);
	}
	sqlite3_finalize(st);
	return 0;
}
