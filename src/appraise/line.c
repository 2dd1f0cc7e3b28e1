/* line.c — one organization's line in a 述职评议 round: the secretary's
 * 述职 and the two groups' votes; the 联考 result read by the grading
 * ledger; the export; the 待办 provider. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/internal.h"
#include "core/csv_table.h"
#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"

const char *const ap_count_cols[AP_GROUPS * AP_KINDS] = {
	"m_good", "m_fair", "m_avg", "m_poor", "p_good", "p_fair", "p_avg", "p_poor",
};
const char *const ap_count_labels[AP_GROUPS * AP_KINDS] = {
	"党员评议好", "党员评议较好", "党员评议一般", "党员评议差",
	"群众评议好", "群众评议较好", "群众评议一般", "群众评议差",
};

#define LINE_COLS "l.id, l.version, l.round_id, l.org_id, o.name, coalesce(l.secretary, ''),"  \
	" coalesce(l.spoke_on, ''), coalesce(l.summary, ''), coalesce(l.m_good, -1),"          \
	" coalesce(l.m_fair, -1), coalesce(l.m_avg, -1), coalesce(l.m_poor, -1),"             \
	" coalesce(l.p_good, -1), coalesce(l.p_fair, -1), coalesce(l.p_avg, -1),"             \
	" coalesce(l.p_poor, -1)"
#define LINE_FROM " FROM appraise_line l JOIN org o ON o.id = l.org_id"

static void read_line(sqlite3_stmt *st, struct appraise_line *l)
{
	memset(l, 0, sizeof *l);
	l->id = sqlite3_column_int64(st, 0);
	l->version = sqlite3_column_int64(st, 1);
	l->round_id = sqlite3_column_int64(st, 2);
	l->org_id = sqlite3_column_int64(st, 3);
	db_col_text(st, 4, l->org, sizeof l->org);
	db_col_text(st, 5, l->secretary, sizeof l->secretary);
	db_col_text(st, 6, l->spoke_on, sizeof l->spoke_on);
	db_col_text(st, 7, l->summary, sizeof l->summary);
	for (int i = 0; i < AP_GROUPS * AP_KINDS; i++)
		l->v.n[i / AP_KINDS][i % AP_KINDS] = sqlite3_column_int(st, 8 + i);
}

int appraise_line_load(struct session *s, int64_t id, struct appraise_line *l, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT " LINE_COLS LINE_FROM " WHERE l.id = ?", id, &st, "读取述职评议",
	                     "该组织已不在本轮述职评议中", e);
	if (rc)
		return rc;
	read_line(st, l);
	db_done(st);
	return 0;
}

int appraise_lines_load(struct session *s, int64_t round_id, struct appraise_line **rows, int *n,
                        struct dj_err *e)
{
	sqlite3_stmt *st;
	*rows = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT " LINE_COLS LINE_FROM " WHERE l.round_id = ?"
	                       " ORDER BY o.sort_key, o.id", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取述职评议");
	sqlite3_bind_int64(st, 1, round_id);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			struct appraise_line *more = realloc(*rows, (size_t)cap * sizeof **rows);
			if (!more) {
				sqlite3_finalize(st);
				free(*rows);
				*rows = NULL;
				*n = 0;
				return dj_fail(e, DJ_DB, NULL, "内存不足");
			}
			*rows = more;
		}
		read_line(st, &(*rows)[(*n)++]);
	}
	sqlite3_finalize(st);
	return 0;
}

static const char *line_json(struct session *s, const struct appraise_line *l, struct json *j)
{
	struct appraise_rule r;
	char share[16];
	appraise_rule_from(s->cfg, &r);
	int sh = appraise_share(&r, &l->v);
	appraise_format_share(sh, share, sizeof share);
	json_begin(j);
	json_str(j, "党组织", l->org);
	json_str(j, "述职人", l->secretary);
	json_str(j, "述职日期", l->spoke_on);
	json_str(j, "述职摘要", l->summary);
	for (int i = 0; i < AP_GROUPS * AP_KINDS; i++) {
		int v = l->v.n[i / AP_KINDS][i % AP_KINDS];
		if (v == APPRAISE_NONE)
			json_str(j, ap_count_labels[i], "");
		else
			json_int(j, ap_count_labels[i], v);
	}
	json_str(j, "好和较好占比", share);
	json_str(j, "评议等次", appraise_word(&r, sh));
	return json_end(j);
}

static int check_line(struct appraise_line *l, const struct appraise_round *r, struct dj_err *e)
{
	const struct text_field t[] = { { "secretary", "述职人", l->secretary, 0 },
	                                { "summary", "述职摘要", l->summary, 1 } };
	if (valid_texts(t, 2, e))
		return DJ_INVALID;
	if (*l->spoke_on) {
		char norm[11], why[WHY_MAX], now[11];
		if (valid_date(l->spoke_on, norm, why))
			return dj_fail(e, DJ_INVALID, "spoke_on", "「述职日期」%s：%s", why, l->spoke_on);
		snprintf(l->spoke_on, sizeof l->spoke_on, "%s", norm);
		if (strcmp(norm, today(now)) > 0)
			return dj_fail(e, DJ_INVALID, "spoke_on", "「述职日期」%s 在今天之后", norm);
		if (atoi(norm) < atoi(r->year))
			return dj_fail(e, DJ_INVALID, "spoke_on", "「述职日期」%s 在 %s 年之前", norm, r->year);
		if (!*l->secretary)
			return dj_fail(e, DJ_INVALID, "secretary", "「述职人」不能为空：登记了述职日期，须写明述职的书记");
	}
	for (int i = 0; i < AP_GROUPS * AP_KINDS; i++) {
		int v = l->v.n[i / AP_KINDS][i % AP_KINDS];
		if (v < APPRAISE_NONE || v > 99999)
			return dj_fail(e, DJ_INVALID, ap_count_cols[i], "「%s」应为 0～99999 的票数",
			               ap_count_labels[i]);
	}
	return 0;
}

static int store_line(struct session *s, struct appraise_line *l, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE appraise_line SET secretary = ?1, spoke_on = ?2,"
	                       " summary = ?3, m_good = ?4, m_fair = ?5, m_avg = ?6, m_poor = ?7,"
	                       " p_good = ?8, p_fair = ?9, p_avg = ?10, p_poor = ?11, updated_by = ?12,"
	                       " updated_at = " AP_NOW ", version = version + 1"
	                       " WHERE id = ?13 AND version = ?14", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存述职评议");
	db_bind_text(st, 1, l->secretary, 1);
	db_bind_text(st, 2, l->spoke_on, 1);
	db_bind_text(st, 3, l->summary, 1);
	for (int i = 0; i < AP_GROUPS * AP_KINDS; i++) {
		int v = l->v.n[i / AP_KINDS][i % AP_KINDS];
		if (v == APPRAISE_NONE)
			sqlite3_bind_null(st, 4 + i);
		else
			sqlite3_bind_int(st, 4 + i, v);
	}
	db_bind_text(st, 12, s->login, 1);
	sqlite3_bind_int64(st, 13, l->id);
	sqlite3_bind_int64(st, 14, l->version);
	if (db_step_update(s->db, st, "保存述职评议", DB_CONFLICT_SAVE, e))
		return e ? e->code : DJ_DB;
	l->version++;
	return 0;
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct appraise_line *l = rec, was;
	struct appraise_round r;
	if (appraise_line_load(s, l->id, &was, e) || appraise_round_load(s, was.round_id, &r, e))
		return e ? e->code : DJ_DB;
	if (was.version != l->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (session_may_write(s, was.org_id, e))
		return DJ_DENIED;
	if (strcmp(r.status, "已结束") == 0)
		return dj_fail(e, DJ_INVALID, "round", "「%s」已结束，不能再修改", r.name);
	snprintf(l->org, sizeof l->org, "%s", was.org);
	l->org_id = was.org_id;
	l->round_id = was.round_id;
	if (check_line(l, &r, e) || store_line(s, l, e))
		return e ? e->code : DJ_INVALID;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "appraise_line", l->id, 0, line_json(s, &was, &before),
	                     line_json(s, l, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int appraise_line_save(struct session *s, struct appraise_line *l, struct dj_err *e)
{
	struct appraise_line keep = *l;
	utf8_trim(l->secretary);
	utf8_trim(l->spoke_on);
	int rc = db_txn_run(s, "appraise_line", save_in_txn, l, e);
	if (rc) {
		*l = keep;
		return rc;
	}
	return appraise_line_load(s, l->id, l, e);
}

int appraise_line_find(struct session *s, int year, int64_t org_id, int64_t *line_id,
                       struct dj_err *e)
{
	sqlite3_stmt *st;
	*line_id = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT l.id FROM appraise_line l JOIN appraise_round r"
	                       " ON r.id = l.round_id WHERE r.year = ? AND l.org_id = ?"
	                       " ORDER BY r.ends_on DESC, r.id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取述职评议");
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int64(st, 2, org_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		*line_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return *line_id ? 0 : dj_fail(e, DJ_NOTFOUND, NULL, "该组织不在 %d 年的述职评议中", year);
}

void appraise_result_of(struct session *s, int year, int64_t org_id, char *out, size_t cap)
{
	sqlite3_stmt *st;
	out[0] = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT " LINE_COLS LINE_FROM " JOIN appraise_round r ON r.id = l.round_id"
	                       " WHERE r.year = ? AND l.org_id = ? ORDER BY r.ends_on DESC, r.id DESC"
	                       " LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int64(st, 2, org_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		struct appraise_line l;
		struct appraise_rule r;
		char share[16];
		read_line(st, &l);
		appraise_rule_from(s->cfg, &r);
		int sh = appraise_share(&r, &l.v);
		appraise_format_share(sh, share, sizeof share);
		snprintf(out, cap, "%s%s%s", appraise_word(&r, sh), *share ? " " : "", share);
	}
	sqlite3_finalize(st);
}

void appraise_history(struct session *s, int64_t org_id, int max, char *out, size_t cap)
{
	sqlite3_stmt *st;
	out[0] = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT DISTINCT r.year FROM appraise_line l JOIN appraise_round r"
	                       " ON r.id = l.round_id WHERE l.org_id = ? ORDER BY r.year DESC LIMIT ?",
	                       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, max);
	size_t at = 0;
	while (sqlite3_step(st) == SQLITE_ROW && at < cap) {
		char one[64];
		int year = sqlite3_column_int(st, 0);
		appraise_result_of(s, year, org_id, one, sizeof one);
		at += (size_t)snprintf(out + at, cap - at, "%s%d %s", at ? "；" : "", year, one);
	}
	sqlite3_finalize(st);
}

/* ---- export ---- */

static const char *const export_head[] = {
	"年度", "述职评议", "党组织", "述职人", "述职日期", "述职摘要",
	"党员评议好", "党员评议较好", "党员评议一般", "党员评议差",
	"群众评议好", "群众评议较好", "群众评议一般", "群众评议差", "好和较好占比", "评议等次",
};

static int write_line(struct csv_writer *w, sqlite3_stmt *st, void *ctx, FILE *report)
{
	struct session *s = ctx;
	struct appraise_line l;
	struct appraise_rule r;
	char buf[32];
	(void)report;
	read_line(st, &l);
	appraise_rule_from(s->cfg, &r);
	csv_write_field(w, (const char *)sqlite3_column_text(st, 16));
	csv_write_field(w, (const char *)sqlite3_column_text(st, 17));
	csv_write_field(w, l.org);
	csv_write_field(w, l.secretary);
	csv_write_field(w, l.spoke_on);
	csv_write_field(w, l.summary);
	for (int i = 0; i < AP_GROUPS * AP_KINDS; i++) {
		int v = l.v.n[i / AP_KINDS][i % AP_KINDS];
		snprintf(buf, sizeof buf, "%d", v);
		csv_write_field(w, v == APPRAISE_NONE ? "" : buf);
	}
	int sh = appraise_share(&r, &l.v);
	appraise_format_share(sh, buf, sizeof buf);
	csv_write_field(w, buf);
	csv_write_field(w, appraise_word(&r, sh));
	csv_end_record(w);
	return 0;
}

int appraise_export(struct session *s, int year, const char *path, FILE *report, int *exported)
{
	const struct csv_export x = { .what = "述职评议", .headers = export_head,
	                              .ncols = sizeof export_head / sizeof *export_head,
	                              .write_row = write_line, .ctx = s };
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT " LINE_COLS ", r.year, r.name" LINE_FROM
	                       " JOIN appraise_round r ON r.id = l.round_id WHERE (:year = 0 OR"
	                       " r.year = :year) AND " DB_SUBTREE("r.org_id")
	                       " ORDER BY r.year, r.id, o.sort_key, o.id", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":year"), year);
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	}
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

int appraise_export_all(struct session *s, const char *path, FILE *report, int *exported)
{
	return appraise_export(s, 0, path, report, exported);
}

/* ---- 待办 ---- */

int appraise_todo(struct session *s, const char *today_, int ahead, todo_emit emit, void *ctx,
                  struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT o.id, o.name, r.year, r.ends_on, r.name,"
	                       " coalesce(l.secretary, '') FROM appraise_line l"
	                       " JOIN appraise_round r ON r.id = l.round_id JOIN org o ON o.id = l.org_id"
	                       " WHERE r.status = '进行中' AND l.spoke_on IS NULL AND r.starts_on <= :today"
	                       " AND julianday(r.ends_on) - julianday(:today) <= :ahead"
	                       " AND " DB_SUBTREE("l.org_id") " ORDER BY r.ends_on, o.sort_key, o.id",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取述职评议待办");
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":today"), today_, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":ahead"), ahead);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		struct todo_item it = { .kind = TODO_APPRAISE, .id = sqlite3_column_int64(st, 0),
		                        .org_id = sqlite3_column_int64(st, 0) };
		char round[128];
		db_col_text(st, 1, it.org, sizeof it.org);
		snprintf(it.ref, sizeof it.ref, "%d", sqlite3_column_int(st, 2));
		db_col_text(st, 3, it.due_on, sizeof it.due_on);
		db_col_text(st, 4, round, sizeof round);
		db_col_text(st, 5, it.who, sizeof it.who);
		it.late = strcmp(it.due_on, today_) < 0;
		snprintf(it.what, sizeof it.what, "述职评议");
		snprintf(it.text, sizeof it.text, "%s：尚未述职（期限 %s）", round, it.due_on);
		rc = emit(ctx, &it);
	}
	sqlite3_finalize(st);
	return 0;
}
