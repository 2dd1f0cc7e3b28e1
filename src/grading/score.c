/* score.c — the score sheet's data: one source's scores for every
 * organization of a round, read whole (nothing stays open while the
 * operator types), and saved a line at a time with a version check per cell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "grading/internal.h"

/* The ledger's order: category as in the code list, then pinyin. */
#define RESULT_ORDER "ORDER BY coalesce(d.sort, 99), o.name_py, o.name, x.id"

static void empty_row(struct grading_sheet_row *row)
{
	memset(row, 0, sizeof *row);
	for (int k = 0; k < GRADING_MAX_IND; k++)
		row->score[k] = GRADING_NONE;
	for (int k = 0; k < GRADING_MAX_SRC; k++)
		row->source_total[k] = GRADING_NONE;
}

static int read_orgs(struct session *s, const struct grading_round *r, int64_t only,
                     struct grading_sheet_row **rows, int *n, struct dj_err *e)
{
	sqlite3_stmt *st;
	*rows = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT x.id, x.org_id, o.name FROM grading_result x JOIN org o ON o.id = x.org_id"
	        " LEFT JOIN dict d ON d.kind = '组织类别' AND d.label = o.category"
	        " WHERE x.round_id = ?1 AND (?2 = 0 OR x.id = ?2) " RESULT_ORDER, -1, &st,
	        NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取评分表");
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, only);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			struct grading_sheet_row *m = realloc(*rows, (size_t)cap * sizeof **rows);
			if (!m) {
				sqlite3_finalize(st);
				return dj_fail(e, DJ_DB, NULL, "内存不足，无法读取评分表");
			}
			*rows = m;
		}
		struct grading_sheet_row *row = &(*rows)[(*n)++];
		empty_row(row);
		row->result_id = sqlite3_column_int64(st, 0);
		row->org_id = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, row->org, sizeof row->org);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "读取评分表");
}

static int by_result(const void *a, const void *b)
{
	int64_t x = (*(const struct grading_sheet_row *const *)a)->result_id;
	int64_t y = (*(const struct grading_sheet_row *const *)b)->result_id;
	return (x > y) - (x < y);
}

static int index_of(const struct grading_round *r, int64_t id, int is_source)
{
	int n = is_source ? r->nsrc : r->nind;
	for (int i = 0; i < n; i++)
		if ((is_source ? r->src[i].id : r->ind[i].id) == id)
			return i;
	return -1;
}

static void take_score(const struct grading_round *r, int src, struct grading_sheet_row *row,
                       sqlite3_stmt *st)
{
	int si = index_of(r, sqlite3_column_int64(st, 1), 1);
	int ii = index_of(r, sqlite3_column_int64(st, 2), 0);
	int v = sqlite3_column_int(st, 4);
	if (si < 0 || ii < 0)
		return;
	row->source_total[si] = (row->source_total[si] < 0 ? 0 : row->source_total[si]) + v;
	if (si != src)
		return;
	row->score[ii] = v;
	row->score_id[ii] = sqlite3_column_int64(st, 3);
	row->score_version[ii] = sqlite3_column_int64(st, 5);
}

static int read_scores(struct session *s, const struct grading_round *r, int src, int64_t only,
                       struct grading_sheet_row *rows, int n, struct dj_err *e)
{
	struct grading_sheet_row **index = malloc((size_t)(n ? n : 1) * sizeof *index);
	if (!index)
		return dj_fail(e, DJ_DB, NULL, "内存不足，无法读取评分表");
	for (int i = 0; i < n; i++)
		index[i] = &rows[i];
	qsort(index, (size_t)n, sizeof *index, by_result);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT g.result_id, g.source_id, g.indicator_id, g.id, g.score, g.version"
	        " FROM grading_score g JOIN grading_result x ON x.id = g.result_id"
	        " WHERE x.round_id = ?1 AND (?2 = 0 OR x.id = ?2)", -1, &st, NULL) != SQLITE_OK) {
		free(index);
		return db_fail(s->db, e, "读取评分");
	}
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, only);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct grading_sheet_row key = { .result_id = sqlite3_column_int64(st, 0) }, *kp = &key;
		struct grading_sheet_row **hit = bsearch(&kp, index, (size_t)n, sizeof *index, by_result);
		if (hit)
			take_score(r, src, *hit, st);
	}
	sqlite3_finalize(st);
	free(index);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "读取评分");
}

int grading_sheet_load(struct session *s, const struct grading_round *r, int src,
                       struct grading_sheet_row **rows, int *n, struct dj_err *e)
{
	if (src < 0 || src >= r->nsrc)
		return dj_fail(e, DJ_INVALID, NULL, "本轮没有第 %d 个评分来源", src + 1);
	if (read_orgs(s, r, 0, rows, n, e) || read_scores(s, r, src, 0, *rows, *n, e)) {
		free(*rows);
		*rows = NULL;
		*n = 0;
		return e ? e->code : DJ_DB;
	}
	return 0;
}

static int reload_row(struct session *s, const struct grading_round *r, int src,
                      struct grading_sheet_row *row, struct dj_err *e)
{
	struct grading_sheet_row *one;
	int n;
	if (read_orgs(s, r, row->result_id, &one, &n, e))
		return e ? e->code : DJ_DB;
	int rc = n == 1 ? read_scores(s, r, src, row->result_id, one, 1, e)
	                : dj_fail(e, DJ_NOTFOUND, NULL, "「%s」已不在本轮定级中", row->org);
	if (rc == 0)
		*row = one[0];
	free(one);
	return rc;
}

int grading_sheet_preview(const struct grading_round *r, int src,
                          const struct grading_sheet_row *row, const int scores[], int *grade)
{
	int weights[GRADING_MAX_SRC], totals[GRADING_MAX_SRC];
	for (int i = 0; i < r->nsrc; i++) {
		weights[i] = r->src[i].weight;
		totals[i] = i == src ? grading_row_total(scores, r->nind) : row->source_total[i];
	}
	int total = grading_weighted_total(weights, totals, r->nsrc);
	if (grade)
		*grade = grading_grade_of(r->line, total);
	return total;
}

int grading_recompute(struct session *s, const struct grading_round *r, int64_t result_id,
                      struct dj_err *e)
{
	int weights[GRADING_MAX_SRC], totals[GRADING_MAX_SRC];
	for (int i = 0; i < r->nsrc; i++) {
		weights[i] = r->src[i].weight;
		totals[i] = grading_source_sum(s, result_id, r->src[i].id);
	}
	int total = grading_weighted_total(weights, totals, r->nsrc);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE grading_result SET total = ?1, suggested = ?2,"
	                       " version = version + 1, updated_by = ?3, updated_at = " GRADING_NOW
	                       " WHERE id = ?4", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "计算总分");
	if (total >= 0) {
		sqlite3_bind_int(st, 1, total);
		sqlite3_bind_int(st, 2, grading_grade_of(r->line, total));
	}
	sqlite3_bind_text(st, 3, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, result_id);
	return db_step_done(s->db, st, "计算总分", e);
}

/* ---- saving a line ---- */

static int check_scores(const struct grading_round *r, const struct grading_sheet_row *row,
                        const int scores[], struct dj_err *e)
{
	for (int k = 0; k < r->nind; k++)
		if (scores[k] != GRADING_NONE && (scores[k] < 0 || scores[k] > r->ind[k].max)) {
			char m[16];
			grading_format_score(r->ind[k].max, m, sizeof m);
			return dj_fail(e, DJ_INVALID, r->ind[k].name, "「%s」「%s」超过满分 %s 分", row->org,
			               r->ind[k].name, m);
		}
	return 0;
}

/* One cell: insert, update or delete with the version it was read at.
 * Returns 1 when it changed, 0 when not, -1 on a refusal. */
static int write_cell(struct session *s, const struct grading_round *r, int src,
                      const struct grading_sheet_row *row, int k, int now, struct dj_err *e)
{
	int64_t id = row->score_id[k];
	if ((!id && now == GRADING_NONE) || (id && now == row->score[k]))
		return 0;
	const char *sql = !id ? "INSERT INTO grading_score(result_id, source_id, indicator_id, score,"
	                        " updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, " GRADING_NOW ")"
	                : now == GRADING_NONE ? "DELETE FROM grading_score WHERE id = ?6 AND version = ?7"
	                : "UPDATE grading_score SET score = ?4, updated_by = ?5, updated_at = " GRADING_NOW
	                  ", version = version + 1 WHERE id = ?6 AND version = ?7";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(s->db, e, "保存评分");
		return -1;
	}
	sqlite3_bind_int64(st, 1, row->result_id);
	sqlite3_bind_int64(st, 2, r->src[src].id);
	sqlite3_bind_int64(st, 3, r->ind[k].id);
	sqlite3_bind_int(st, 4, now);
	sqlite3_bind_text(st, 5, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, id);
	sqlite3_bind_int64(st, 7, row->score_version[k]);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_CONSTRAINT || (id && rc == SQLITE_DONE && sqlite3_changes(s->db) == 0)) {
		dj_fail(e, DJ_CONFLICT, NULL, "「%s」的%s评分已被他人修改，请按 F5 重新读取", row->org,
		        r->src[src].name);
		return -1;
	}
	if (rc != SQLITE_DONE) {
		db_fail(s->db, e, "保存评分");
		return -1;
	}
	return 1;
}

static const char *line_json(const struct grading_round *r, int src, const char *org,
                             const int scores[], struct json *j)
{
	char v[16];
	json_begin(j);
	json_str(j, "党组织", org);
	json_str(j, "评分来源", r->src[src].name);
	for (int k = 0; k < r->nind; k++) {
		grading_format_score(scores[k], v, sizeof v);
		json_str(j, r->ind[k].name, v);
	}
	return json_end(j);
}

/* The sheet was read with the round's indicators, sources and thresholds;
 * while the round was still 设置中 someone may have changed them since. */
static int same_lists(const struct grading_round *a, const struct grading_round *b)
{
	if (a->nind != b->nind || a->nsrc != b->nsrc || memcmp(a->line, b->line, sizeof a->line))
		return 0;
	for (int k = 0; k < a->nind; k++)
		if (a->ind[k].id != b->ind[k].id || a->ind[k].max != b->ind[k].max)
			return 0;
	for (int k = 0; k < a->nsrc; k++)
		if (a->src[k].id != b->src[k].id || a->src[k].weight != b->src[k].weight)
			return 0;
	return 1;
}

static int save_in_txn(struct session *s, const struct grading_round *sheet_round, int src,
                       const struct grading_sheet_row *row, const int scores[], int *changed,
                       struct dj_err *e)
{
	struct grading_round now, *r = &now;
	if (grading_round_load(s, sheet_round->id, &now, e))
		return e ? e->code : DJ_DB;
	if (strcmp(now.status, "已确认") == 0)
		return dj_fail(e, DJ_INVALID, NULL, "本轮已确认定级，评分不能再修改");
	if (!same_lists(sheet_round, &now))
		return dj_fail(e, DJ_CONFLICT, "round",
		               "本轮的评分设置已被他人修改，请退出评分表后重新打开");
	if (session_may_write(s, row->org_id, e))
		return DJ_DENIED;
	*changed = 0;
	for (int k = 0; k < r->nind; k++) {
		int c = write_cell(s, r, src, row, k, scores[k], e);
		if (c < 0)
			return e ? e->code : DJ_DB;
		*changed += c;
	}
	if (!*changed)
		return 0;
	if (db_exec_ids(s->db, "UPDATE grading_round SET status = '评分中', version = version + 1"
	                " WHERE id = ? AND status = '设置中'", &r->id, 1, "开始评分", e) ||
	    grading_recompute(s, r, row->result_id, e))
		return DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_write(s, "grading_score", row->result_id, "评分",
	                     line_json(r, src, row->org, row->score, &before),
	                     line_json(r, src, row->org, scores, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int grading_sheet_save_row(struct session *s, const struct grading_round *r, int src,
                           struct grading_sheet_row *row, const int scores[], struct dj_err *e)
{
	if (src < 0 || src >= r->nsrc)
		return dj_fail(e, DJ_INVALID, NULL, "本轮没有第 %d 个评分来源", src + 1);
	if (check_scores(r, row, scores, e))
		return DJ_INVALID;
	int changed = 0;
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	int rc = db_txn_end(&t, save_in_txn(s, r, src, row, scores, &changed, e), e);
	if (rc)
		return rc;
	return reload_row(s, r, src, row, e);
}
