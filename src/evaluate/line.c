/* line.c — one member's line in a 民主评议党员 round: the result, the
 * self-assessment and the votes, and the 不合格 follow-up the result opens
 * or closes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "evaluate/internal.h"
#include "member/member.h"

static const char *const vote_keys[EVAL_NVOTES] = { "v1", "v2", "v3", "v4" };

#define LINE_COLS "l.id, l.version, l.round_id, l.member_id, mb.name, o.name," \
	" coalesce(l.result, 0), coalesce(l.self_note, ''), coalesce(l.v1, -1), coalesce(l.v2, -1)," \
	" coalesce(l.v3, -1), coalesce(l.v4, -1), coalesce(f.action, ''), coalesce(f.id, 0)"
#define LINE_FROM " FROM eval_line l JOIN member mb ON mb.id = l.member_id" \
	" JOIN org o ON o.id = coalesce(mb.group_id, mb.org_id)" \
	" LEFT JOIN eval_followup f ON f.line_id = l.id"

static void read_line(sqlite3_stmt *st, struct eval_line *l)
{
	memset(l, 0, sizeof *l);
	l->id = sqlite3_column_int64(st, 0);
	l->version = sqlite3_column_int64(st, 1);
	l->round_id = sqlite3_column_int64(st, 2);
	l->member_id = sqlite3_column_int64(st, 3);
	db_col_text(st, 4, l->name, sizeof l->name);
	db_col_text(st, 5, l->org, sizeof l->org);
	l->result = sqlite3_column_int(st, 6);
	db_col_text(st, 7, l->self_note, sizeof l->self_note);
	for (int k = 0; k < EVAL_NVOTES; k++)
		l->v[k] = sqlite3_column_int(st, 8 + k);
	db_col_text(st, 12, l->action, sizeof l->action);
	l->followup_id = sqlite3_column_int64(st, 13);
}

int evaluate_line_load(struct session *s, int64_t id, struct eval_line *l, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT " LINE_COLS LINE_FROM " WHERE l.id = ?", id, &st,
	                     "读取民主评议", "该党员已不在本次民主评议中", e);
	if (rc)
		return rc;
	read_line(st, l);
	db_done(st);
	return 0;
}

/* The sign-in sheet's order: the organization's own members first, then by
 * 党小组, each by name. */
int evaluate_lines_load(struct session *s, int64_t round_id, struct eval_line **rows, int *n,
                        struct dj_err *e)
{
	sqlite3_stmt *st;
	*rows = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT " LINE_COLS ", "
	                       MEMBER_TELL_SQL("mb.", "count(*) OVER (PARTITION BY mb.name) > 1",
	                                       "count(*) OVER (PARTITION BY mb.name,"
	                                       " substr(mb.birth_date, 1, 4)) > 1")
	                       LINE_FROM " JOIN eval_round r ON r.id = l.round_id WHERE l.round_id = ?"
	                       " ORDER BY CASE WHEN o.id = r.org_id THEN '' ELSE o.name_py || o.name END,"
	                       " mb.name_py, mb.name, mb.id", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取民主评议");
	sqlite3_bind_int64(st, 1, round_id);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			struct eval_line *more = realloc(*rows, (size_t)cap * sizeof **rows);
			if (!more) {
				sqlite3_finalize(st);
				free(*rows);
				*rows = NULL;
				*n = 0;
				return dj_fail(e, DJ_DB, NULL, "内存不足");
			}
			*rows = more;
		}
		struct eval_line *l = &(*rows)[(*n)++];
		read_line(st, l);
		db_col_text(st, 14, l->tell, sizeof l->tell);
	}
	sqlite3_finalize(st);
	return 0;
}

void evaluate_count(const struct eval_line *rows, int n, struct eval_counts *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < n; i++) {
		int r = rows[i].result > EV_NONE && rows[i].result < EV_RESULTS ? rows[i].result : EV_NONE;
		c->n[r]++;
	}
	c->total = n;
}

static const char *line_json(const struct eval_words *w, const struct eval_line *l, struct json *j)
{
	static const char *const labels[EVAL_NVOTES] = { "优秀票", "合格票", "基本合格票", "不合格票" };
	json_begin(j);
	json_str(j, "党员", l->name);
	json_str(j, "评议结果", l->result ? evaluate_word(w, l->result) : "");
	json_str(j, "自评", l->self_note);
	for (int k = 0; k < EVAL_NVOTES; k++) {
		if (l->v[k] == EVAL_UNSET)
			json_str(j, labels[k], "");
		else
			json_int(j, labels[k], l->v[k]);
	}
	return json_end(j);
}

static int check_line(struct eval_line *l, struct dj_err *e)
{
	static const char *const labels[EVAL_NVOTES] = { "优秀票", "合格票", "基本合格票", "不合格票" };
	const struct text_field t[] = { { "self_note", "自评", l->self_note, 1 } };
	if (l->result < EV_NONE || l->result >= EV_RESULTS)
		return dj_fail(e, DJ_INVALID, "result", "「评议结果」应为 1～4");
	for (int k = 0; k < EVAL_NVOTES; k++)
		if (l->v[k] < EVAL_UNSET || l->v[k] > 99999)
			return dj_fail(e, DJ_INVALID, vote_keys[k], "「%s」应为 0～99999 的票数", labels[k]);
	return valid_texts(t, 1, e);
}

static int store_line(struct session *s, struct eval_line *l, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE eval_line SET result = ?1, self_note = ?2, v1 = ?3,"
	                       " v2 = ?4, v3 = ?5, v4 = ?6, updated_by = ?7, updated_at = " EV_NOW ","
	                       " version = version + 1 WHERE id = ?8 AND version = ?9", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存民主评议");
	if (l->result)
		sqlite3_bind_int(st, 1, l->result);
	else
		sqlite3_bind_null(st, 1);
	db_bind_text(st, 2, l->self_note, 1);
	for (int k = 0; k < EVAL_NVOTES; k++) {
		if (l->v[k] == EVAL_UNSET)
			sqlite3_bind_null(st, 3 + k);
		else
			sqlite3_bind_int(st, 3 + k, l->v[k]);
	}
	db_bind_text(st, 7, s->login, 1);
	sqlite3_bind_int64(st, 8, l->id);
	sqlite3_bind_int64(st, 9, l->version);
	return db_step_update(s->db, st, "保存民主评议", DB_CONFLICT_SAVE, e);
}

/* 不合格 opens the follow-up: 限期改正, decided on the round's date, the
 * 限期 deadline_days later. */
static int open_followup(struct session *s, const struct eval_words *w, const struct eval_line *l,
                         struct dj_err *e)
{
	sqlite3_stmt *st;
	char days[24];
	snprintf(days, sizeof days, "+%d days", w->deadline_days);
	if (sqlite3_prepare_v2(s->db, "INSERT INTO eval_followup(line_id, member_id, action, decided_on,"
	                       " deadline, updated_by, updated_at) SELECT ?1, ?2, '限期改正', r.held_on,"
	                       " date(r.held_on, ?3), ?4, " EV_NOW " FROM eval_round r WHERE r.id = ?5",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "登记不合格处置");
	sqlite3_bind_int64(st, 1, l->id);
	sqlite3_bind_int64(st, 2, l->member_id);
	db_bind_text(st, 3, days, 0);
	db_bind_text(st, 4, s->login, 1);
	sqlite3_bind_int64(st, 5, l->round_id);
	int64_t id = 0, version = 0;
	if (db_step_save(s->db, st, &id, &version, "登记不合格处置", e))
		return DJ_DB;
	struct eval_followup f;
	struct json j = JSON_INIT;
	if (evaluate_followup_load(s, id, &f, e))
		return DJ_DB;
	json_begin(&j);
	json_str(&j, "党员", f.name);
	json_str(&j, "处置", f.action);
	json_str(&j, "决定日期", f.decided_on);
	json_str(&j, "限期", f.deadline);
	int rc = audit_write(s, "eval_followup", id, "新增", json_end(&j), NULL, e);
	json_free(&j);
	return rc;
}

/* Another result: a follow-up with nothing recorded goes; one with a
 * decision or a done date stays and the change is refused. */
static int drop_followup(struct session *s, const struct eval_words *w, const struct eval_line *was,
                         struct dj_err *e)
{
	struct eval_followup f;
	if (evaluate_followup_load(s, was->followup_id, &f, e))
		return DJ_DB;
	if (*f.done_on || *f.decision)
		return dj_fail(e, DJ_INVALID, "result", "%s的%s处置已登记%s，不能改为其他结果（请先在处置中删去）",
		               f.name, evaluate_word(w, EV_FAIL), *f.done_on ? "完成日期" : "决定");
	if (db_exec_ids(s->db, "DELETE FROM eval_followup WHERE id = ?", &f.id, 1, "撤销不合格处置", e))
		return DJ_DB;
	struct json j = JSON_INIT;
	json_begin(&j);
	json_str(&j, "党员", f.name);
	json_str(&j, "处置", f.action);
	json_str(&j, "限期", f.deadline);
	int rc = audit_write(s, "eval_followup", f.id, "删除", json_end(&j), NULL, e);
	json_free(&j);
	return rc;
}

static int save_in_txn(struct session *s, struct eval_line *l, struct dj_err *e)
{
	struct eval_line was;
	struct eval_words w;
	evaluate_words_from(s->cfg, &w);
	if (evaluate_line_load(s, l->id, &was, e))
		return e ? e->code : DJ_DB;
	if (was.version != l->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	int64_t org = db_int(s->db, "SELECT org_id FROM eval_round WHERE id = ?", was.round_id, 0);
	if (session_may_write(s, org, e))
		return DJ_DENIED;
	l->round_id = was.round_id;
	l->member_id = was.member_id;
	if (check_line(l, e) || store_line(s, l, e))
		return e ? e->code : DJ_INVALID;
	if (l->result == EV_FAIL && !was.followup_id && open_followup(s, &w, l, e))
		return e ? e->code : DJ_DB;
	if (l->result != EV_FAIL && was.followup_id && drop_followup(s, &w, &was, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "eval_line", l->id, 0, line_json(&w, &was, &before),
	                     line_json(&w, l, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int evaluate_line_save(struct session *s, struct eval_line *l, struct dj_err *e)
{
	struct eval_line keep = *l;
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), "eval_line", e);
	if (rc == 0)
		rc = db_txn_end(&t, save_in_txn(s, l, e), e);
	if (rc) {
		*l = keep;
		return rc;
	}
	rc = evaluate_line_load(s, l->id, l, e);
	snprintf(l->tell, sizeof l->tell, "%s", keep.tell);
	return rc;
}
