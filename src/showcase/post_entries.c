/* post_entries.c — what a 示范岗 gathers: dated 跟踪 and 检查 notes, and one
 * 考核 a year graded from [showcase] post_grades.  Each is added in the
 * scope of the post's member, audited, and kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "showcase/internal.h"

/* The post exists, stands on the date, and its member's organization is the
 * operator's to write in. */
static int check_post_open(struct session *s, int64_t post_id, const char *on,
                           struct showcase_post *p, struct dj_err *e)
{
	if (post_id <= 0 || showcase_post_load(s, post_id, p, e))
		return dj_fail(e, DJ_INVALID, NULL, "该示范岗记录已不存在");
	int64_t org = 0;
	char status[16], name[64];
	if (sc_member(s, p->member_id, "member", &org, status, name, e))
		return DJ_INVALID;
	if (session_may_write(s, org, e))
		return DJ_DENIED;
	if (strcmp(on, p->opened_on) < 0)
		return dj_fail(e, DJ_INVALID, "on_date", "「日期」%s 早于挂牌日期 %s", on, p->opened_on);
	if (*p->closed_on && strcmp(on, p->closed_on) > 0)
		return dj_fail(e, DJ_INVALID, "on_date", "「日期」%s 晚于摘牌日期 %s", on, p->closed_on);
	return 0;
}

static int note_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct showcase_note *n = rec;
	struct showcase_post p;
	const struct text_field t[] = { { "by_whom", "记录人", n->by_whom, 0 },
	                                { "body", "内容", n->body, 1 } };
	if (strcmp(n->kind, "跟踪") != 0 && strcmp(n->kind, "检查") != 0)
		return dj_fail(e, DJ_INVALID, "kind", "「类别」须为「跟踪」或「检查」");
	if (sc_check_date(n->on_date, "on_date", "日期", e) || valid_texts(t, 2, e))
		return DJ_INVALID;
	if (check_post_open(s, n->post_id, n->on_date, &p, e))
		return e ? e->code : DJ_INVALID;
	if (!*n->by_whom)
		return dj_fail(e, DJ_INVALID, "by_whom", "「记录人」不能为空");
	if (!*n->body)
		return dj_fail(e, DJ_INVALID, "body", "「内容」不能为空");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO showcase_post_note(post_id, kind, on_date, by_whom,"
	                       " body, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
	                       SHOWCASE_NOW ")", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存示范岗记录");
	sqlite3_bind_int64(st, 1, n->post_id);
	db_bind_text(st, 2, n->kind, 0);
	db_bind_text(st, 3, n->on_date, 0);
	db_bind_text(st, 4, n->by_whom, 0);
	db_bind_text(st, 5, n->body, 0);
	db_bind_text(st, 6, s->login, 1);
	if (db_step_done(s->db, st, "保存示范岗记录", e))
		return DJ_DB;
	n->id = sqlite3_last_insert_rowid(s->db);
	struct json j = JSON_INIT;
	json_begin(&j);
	json_str(&j, "示范岗", p.name);
	json_str(&j, "党员", p.member);
	json_str(&j, "类别", n->kind);
	json_str(&j, "日期", n->on_date);
	json_str(&j, "记录人", n->by_whom);
	json_str(&j, "内容", n->body);
	int rc = audit_saved(s, "showcase_post_note", n->id, 1, NULL, json_end(&j), e);
	json_free(&j);
	return rc;
}

int showcase_note_add(struct session *s, struct showcase_note *n, struct dj_err *e)
{
	struct showcase_note keep = *n;
	utf8_trim(n->on_date);
	utf8_trim(n->by_whom);
	int rc = sc_in_txn(s, "showcase_note", note_in_txn, n, e);
	if (rc)
		*n = keep;
	return rc;
}

int showcase_notes(struct session *s, int64_t post_id, struct showcase_note *out, int cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id, kind, on_date, by_whom, body FROM showcase_post_note"
	                       " WHERE post_id = ? ORDER BY on_date DESC, id DESC", -1, &st,
	                       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, post_id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n < cap) {
			struct showcase_note *o = &out[n];
			memset(o, 0, sizeof *o);
			o->id = sqlite3_column_int64(st, 0);
			o->post_id = post_id;
			db_col_text(st, 1, o->kind, sizeof o->kind);
			db_col_text(st, 2, o->on_date, sizeof o->on_date);
			db_col_text(st, 3, o->by_whom, sizeof o->by_whom);
			db_col_text(st, 4, o->body, sizeof o->body);
		}
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

/* The 考核 of that year already there, refused by name. */
static int check_one_a_year(struct session *s, const struct showcase_grade *g, struct dj_err *e)
{
	sqlite3_stmt *st;
	char grade[16] = "", on[11] = "";
	if (sqlite3_prepare_v2(s->db, "SELECT grade, on_date FROM showcase_post_grade"
	                       " WHERE post_id = ? AND year = ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取年度考核");
	sqlite3_bind_int64(st, 1, g->post_id);
	sqlite3_bind_int(st, 2, g->year);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		db_col_text(st, 0, grade, sizeof grade);
		db_col_text(st, 1, on, sizeof on);
	}
	sqlite3_finalize(st);
	if (found)
		return dj_fail(e, DJ_INVALID, "year", "「年度」%d 年已于 %s 考核为「%s」，每年只考核一次",
		               g->year, on, grade);
	return 0;
}

static int grade_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct showcase_grade *g = rec;
	struct showcase_post p;
	char grades[SHOWCASE_MAX_CHOICES][64];
	int ng = showcase_post_grades(s, grades, SHOWCASE_MAX_CHOICES);
	const struct text_field t[] = { { "assessor", "考核人", g->assessor, 0 },
	                                { "note", "评语", g->note, 1 } };
	if (sc_check_year(g->year, "year", e) ||
	    sc_check_choice(g->grade, "grade", "考核等次", grades, ng, "post_grades", e) ||
	    sc_check_date(g->on_date, "on_date", "考核日期", e) || valid_texts(t, 2, e))
		return DJ_INVALID;
	int on_year = 0;
	sscanf(g->on_date, "%4d", &on_year);
	if (on_year < g->year)
		return dj_fail(e, DJ_INVALID, "on_date", "「考核日期」%s 在 %d 年之前：年度考核在年内或年后进行",
		               g->on_date, g->year);
	if (!*g->assessor)
		return dj_fail(e, DJ_INVALID, "assessor", "「考核人」不能为空");
	if (check_post_open(s, g->post_id, g->on_date, &p, e))
		return e ? e->code : DJ_INVALID;
	if (atoi(p.opened_on) > g->year)
		return dj_fail(e, DJ_INVALID, "year", "「年度」%d 年在挂牌（%s）之前", g->year,
		               p.opened_on);
	if (check_one_a_year(s, g, e))
		return e ? e->code : DJ_INVALID;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO showcase_post_grade(post_id, year, grade, on_date,"
	                       " assessor, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
	                       SHOWCASE_NOW ")", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存年度考核");
	sqlite3_bind_int64(st, 1, g->post_id);
	sqlite3_bind_int(st, 2, g->year);
	db_bind_text(st, 3, g->grade, 0);
	db_bind_text(st, 4, g->on_date, 0);
	db_bind_text(st, 5, g->assessor, 0);
	db_bind_text(st, 6, g->note, 0);
	db_bind_text(st, 7, s->login, 1);
	if (db_step_done(s->db, st, "保存年度考核", e))
		return DJ_DB;
	g->id = sqlite3_last_insert_rowid(s->db);
	struct json j = JSON_INIT;
	json_begin(&j);
	json_str(&j, "示范岗", p.name);
	json_str(&j, "党员", p.member);
	json_int(&j, "年度", g->year);
	json_str(&j, "考核等次", g->grade);
	json_str(&j, "考核日期", g->on_date);
	json_str(&j, "考核人", g->assessor);
	json_str(&j, "评语", g->note);
	int rc = audit_saved(s, "showcase_post_grade", g->id, 1, NULL, json_end(&j), e);
	json_free(&j);
	return rc;
}

int showcase_grade_add(struct session *s, struct showcase_grade *g, struct dj_err *e)
{
	struct showcase_grade keep = *g;
	utf8_trim(g->grade);
	utf8_trim(g->on_date);
	utf8_trim(g->assessor);
	int rc = sc_in_txn(s, "showcase_grade", grade_in_txn, g, e);
	if (rc)
		*g = keep;
	return rc;
}

int showcase_grades(struct session *s, int64_t post_id, struct showcase_grade *out, int cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id, year, grade, on_date, assessor, note"
	                       " FROM showcase_post_grade WHERE post_id = ? ORDER BY year DESC", -1,
	                       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, post_id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n < cap) {
			struct showcase_grade *o = &out[n];
			memset(o, 0, sizeof *o);
			o->id = sqlite3_column_int64(st, 0);
			o->post_id = post_id;
			o->year = sqlite3_column_int(st, 1);
			db_col_text(st, 2, o->grade, sizeof o->grade);
			db_col_text(st, 3, o->on_date, sizeof o->on_date);
			db_col_text(st, 4, o->assessor, sizeof o->assessor);
			db_col_text(st, 5, o->note, sizeof o->note);
		}
		n++;
	}
	sqlite3_finalize(st);
	return n;
}
