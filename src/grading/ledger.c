/* ledger.c — the grading ledger (定级台账) of a round: each
 * organization's total by source, weighted total, grade, previous grade and
 * movement (晋位/降位/持平), and its rectification; as a list for the
 * screen and as CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/appraise.h"
#include "core/csv_table.h"
#include "core/db.h"
#include "core/memrows.h"
#include "core/text.h"
#include "grading/internal.h"
#include "grading/rectify.h"

struct ledger_line {
	int64_t result_id, org_id;
	char org[128], org_py[64], category[32], group[32];
	int src_total[GRADING_MAX_SRC];
	int total, suggested, grade, previous;   /* grade: final, else the office's, else 0 */
	char reason[256];
	char origin[16], deadline[11], accepted_on[11];
};

static int effective(const struct ledger_line *l)
{
	return l->grade ? l->grade : l->suggested;
}

#define IN_SCOPE(col) "(?2 = 0 OR " col " IN (WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL" \
	" SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"

/* Each source's sum per result, in result order, for a binary search. */
struct sum {
	int64_t result_id;
	int src;
	int value;
};

static int read_sums(struct session *s, const struct grading_round *r, struct sum **out, int *n)
{
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT g.result_id, g.source_id, sum(g.score) FROM grading_score g"
	        " JOIN grading_result x ON x.id = g.result_id WHERE x.round_id = ?"
	        " GROUP BY g.result_id, g.source_id ORDER BY g.result_id", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, r->id);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int src = -1;
		for (int k = 0; k < r->nsrc; k++)
			if (r->src[k].id == sqlite3_column_int64(st, 1))
				src = k;
		if (src < 0)
			continue;
		if (*n == cap) {
			struct sum *m = realloc(*out, (size_t)(cap = cap ? cap * 2 : 128) * sizeof *m);
			if (!m)
				break;
			*out = m;
		}
		(*out)[(*n)++] = (struct sum){ sqlite3_column_int64(st, 0), src, sqlite3_column_int(st, 2) };
	}
	sqlite3_finalize(st);
	return 0;
}

static void fill_sums(struct ledger_line *l, const struct sum *sums, int n)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (sums[mid].result_id < l->result_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < n && sums[i].result_id == l->result_id; i++)
		l->src_total[sums[i].src] = sums[i].value;
}

static void read_line(struct session *s, sqlite3_stmt *st, struct ledger_line *l)
{
	memset(l, 0, sizeof *l);
	for (int k = 0; k < GRADING_MAX_SRC; k++)
		l->src_total[k] = GRADING_NONE;
	l->result_id = sqlite3_column_int64(st, 0);
	l->org_id = sqlite3_column_int64(st, 1);
	db_col_text(st, 2, l->org, sizeof l->org);
	db_col_text(st, 3, l->org_py, sizeof l->org_py);
	db_col_text(st, 4, l->category, sizeof l->category);
	grading_category_group(s->cfg, l->category, l->group, sizeof l->group);
	l->total = sqlite3_column_int(st, 5);
	l->suggested = sqlite3_column_int(st, 6);
	l->grade = sqlite3_column_int(st, 7);
	l->previous = sqlite3_column_int(st, 8);
	db_col_text(st, 9, l->reason, sizeof l->reason);
	db_col_text(st, 10, l->origin, sizeof l->origin);
	db_col_text(st, 11, l->deadline, sizeof l->deadline);
	db_col_text(st, 12, l->accepted_on, sizeof l->accepted_on);
}

/* The round's lines in ledger order, within the operator's scope. */
static int read_lines(struct session *s, const struct grading_round *r, struct ledger_line **out,
                      int *n, char *err, size_t errcap)
{
	struct sum *sums;
	int nsums;
	*out = NULL;
	*n = 0;
	if (read_sums(s, r, &sums, &nsums)) {
		snprintf(err, errcap, "读取评分失败：%s", sqlite3_errmsg(s->db));
		return -1;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT x.id, x.org_id, o.name, o.name_py, o.category, coalesce(x.total, -1),"
	        " coalesce(x.suggested, 0), coalesce(x.grade, 0),"
	        " coalesce(CASE WHEN ?3 THEN x.previous_grade ELSE (SELECT coalesce(p.grade, p.suggested)"
	        " FROM grading_result p WHERE p.round_id = ?4 AND p.org_id = x.org_id) END, 0),"
	        " coalesce(x.reason, ''), coalesce(z.origin, ''), coalesce(z.deadline, ''),"
	        " coalesce(z.accepted_on, '') FROM grading_result x JOIN org o ON o.id = x.org_id"
	        " LEFT JOIN rectification z ON z.round_id = x.round_id AND z.org_id = x.org_id"
	        " LEFT JOIN dict d ON d.kind = '组织类别' AND d.label = o.category"
	        " WHERE x.round_id = ?1 AND " IN_SCOPE("x.org_id")
	        " ORDER BY coalesce(d.sort, 99), o.sort_key, x.id", -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errcap, "读取定级台账失败：%s", sqlite3_errmsg(s->db));
		free(sums);
		return -1;
	}
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, s->scope_org);
	sqlite3_bind_int(st, 3, strcmp(r->status, "已确认") == 0);
	sqlite3_bind_int64(st, 4, r->previous_id);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			struct ledger_line *m = realloc(*out, (size_t)(cap = cap ? cap * 2 : 32) * sizeof *m);
			if (!m)
				break;
			*out = m;
		}
		struct ledger_line *l = &(*out)[(*n)++];
		read_line(s, st, l);
		fill_sums(l, sums, nsums);
	}
	sqlite3_finalize(st);
	free(sums);
	return 0;
}

int grading_moves(struct session *s, const struct grading_round *r, struct grading_moves *m)
{
	struct ledger_line *l;
	int n;
	char err[256];
	memset(m, 0, sizeof *m);
	if (read_lines(s, r, &l, &n, err, sizeof err))
		return -1;
	for (int i = 0; i < n; i++) {
		const char *mv = grading_movement(l[i].previous, effective(&l[i]));
		if (!*mv)
			continue;
		m->compared++;
		m->up += strcmp(mv, "晋位") == 0;
		m->same += strcmp(mv, "持平") == 0;
		m->down += strcmp(mv, "降位") == 0;
	}
	free(l);
	return 0;
}

/* ---- the list on screen ---- */

enum { LC_ORG, LC_CATEGORY, LC_SOURCE };   /* then the sources, then the tail */
enum { TAIL_TOTAL, TAIL_GRADE, TAIL_PREVIOUS, TAIL_MOVE, TAIL_RECTIFY, TAILS };

struct ledger {
	struct session *s;
	struct grading_round r;
	struct rs_column cols[RS_MAXCOLS];
	char titles[GRADING_MAX_SRC][32];
	int ncols;
};

/* The last two characters name a source in a narrow column: 群众初评 -> 初评. */
static void short_title(const char *name, char *out, size_t cap)
{
	const char *p = name;
	while (utf8_cols(p) > 4) {
		p++;
		while (((unsigned char)*p & 0xC0) == 0x80)
			p++;
	}
	snprintf(out, cap, "%s", p);
}

static void build_columns(struct ledger *lg)
{
	static const struct rs_column head[] = { { "党组织", 16, 1, 0, 1 }, { "类别", 8, 0, 0, 1 } };
	static const struct rs_column tail[TAILS] = {
		{ "综合", 5, 0, 1, 1 }, { "等次", 5, 0, 0, 1 }, { "上次", 4, 0, 0, 1 },
		{ "变化", 4, 0, 0, 1 }, { "整改", 6, 0, 0, 1 },
	};
	int n = 0;
	lg->cols[n++] = head[0];
	lg->cols[n++] = head[1];
	for (int k = 0; k < lg->r.nsrc; k++) {
		short_title(lg->r.src[k].name, lg->titles[k], sizeof lg->titles[k]);
		lg->cols[n++] = (struct rs_column){ lg->titles[k], 5, 0, 1, 1 };
	}
	for (int t = 0; t < TAILS; t++)
		lg->cols[n++] = tail[t];
	lg->ncols = n;
}

static void fill_row(const struct ledger *lg, const struct ledger_line *l, struct rs_row *row)
{
	const struct grading_round *r = &lg->r;
	int g = effective(l), k = LC_SOURCE, confirmed = strcmp(r->status, "已确认") == 0;
	snprintf(row->cell[LC_ORG], RS_CELL, "%s", l->org);
	snprintf(row->cell[LC_CATEGORY], RS_CELL, "%s", l->category);
	for (int i = 0; i < r->nsrc; i++)
		grading_format_total(l->src_total[i], row->cell[k++], RS_CELL);
	grading_format_total(l->total, row->cell[k + TAIL_TOTAL], RS_CELL);
	snprintf(row->cell[k + TAIL_GRADE], RS_CELL, "%s%s", grading_word(r, g),
	         g && l->suggested && g != l->suggested ? "*" : "");
	snprintf(row->cell[k + TAIL_PREVIOUS], RS_CELL, "%s", grading_word(r, l->previous));
	snprintf(row->cell[k + TAIL_MOVE], RS_CELL, "%s", grading_movement(l->previous, g));
	const char *st = *l->deadline ? rectify_status(l->deadline, l->accepted_on) : "";
	snprintf(row->cell[k + TAIL_RECTIFY], RS_CELL, "%s", st);
	/* Before confirmation what needs doing is the missing grades; after, the
	 * overdue plans. */
	if (confirmed ? strcmp(st, "逾期") == 0 : g == 0)
		row->flags = RS_FLAG_WARN;
}

/* Grades, movement and rectification sort by meaning, not by their words. */
static void rank_row(const struct ledger *lg, const struct ledger_line *l, struct memrows *m)
{
	static const char *const moves[] = { "晋位", "持平", "降位" };
	static const char *const states[] = { "逾期", "整改中", "已验收" };
	int tail = LC_SOURCE + lg->r.nsrc, g = effective(l);
	const char *mv = grading_movement(l->previous, g);
	const char *st = *l->deadline ? rectify_status(l->deadline, l->accepted_on) : "";
	memrows_rank(m, tail + TAIL_GRADE, g);
	memrows_rank(m, tail + TAIL_PREVIOUS, l->previous);
	for (int i = 0; i < 3; i++) {
		if (strcmp(mv, moves[i]) == 0)
			memrows_rank(m, tail + TAIL_MOVE, i + 1);
		if (strcmp(st, states[i]) == 0)
			memrows_rank(m, tail + TAIL_RECTIFY, i + 1);
	}
}

static int load_ledger(void *ctx, struct memrows *m)
{
	struct ledger *lg = ctx;
	struct ledger_line *l;
	int n;
	char err[256];
	if (read_lines(lg->s, &lg->r, &l, &n, err, sizeof err)) {
		memrows_fail(m, err);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char find[256], key[256];
		snprintf(find, sizeof find, "%s %s %s", l[i].org, l[i].org_py, l[i].category);
		snprintf(key, sizeof key, "%s\t%s", l[i].org_py, l[i].org);
		struct rs_row *row = memrows_add(m, l[i].result_id, find, key);
		if (!row) {
			memrows_fail(m, "内存不足");
			free(l);
			return -1;
		}
		fill_row(lg, &l[i], row);
		rank_row(lg, &l[i], m);
	}
	free(l);
	return 0;
}

struct row_source *grading_ledger_source(struct session *s, const struct grading_round *r)
{
	struct ledger *lg = calloc(1, sizeof *lg);
	if (!lg)
		return NULL;
	lg->s = s;
	lg->r = *r;
	build_columns(lg);
	return memrows_new(lg->cols, lg->ncols, load_ledger, lg, free);
}

/* ---- CSV ---- */

#define CSV_MAX_SOURCES 12

/* Source names of the exported rounds, in first-seen order. */
struct csv_sources {
	char name[CSV_MAX_SOURCES][32];
	int n;
};

static int source_column(struct csv_sources *cs, const char *name)
{
	for (int i = 0; i < cs->n; i++)
		if (strcmp(cs->name[i], name) == 0)
			return i;
	if (cs->n == CSV_MAX_SOURCES)
		return -1;
	snprintf(cs->name[cs->n], sizeof cs->name[0], "%s", name);
	return cs->n++;
}

static void write_header(struct csv_writer *w, const struct csv_sources *cs)
{
	static const char *const head[] = { "年度", "定级名称", "党组织名称", "类别", "分类" };
	static const char *const tail[] = { "综合得分", "建议等次", "等次", "调整理由", "上次等次", "升降",
	                                    "公布日期", "列入整改", "整改期限", "验收日期", "整改状态",
	                                    "述职评议" };
	char title[64];
	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		csv_write_field(w, head[i]);
	for (int i = 0; i < cs->n; i++) {
		snprintf(title, sizeof title, "%s得分", cs->name[i]);
		csv_write_field(w, title);
	}
	for (size_t i = 0; i < sizeof tail / sizeof *tail; i++)
		csv_write_field(w, tail[i]);
	csv_end_record(w);
}

/* 联考: the 述职评议 result of the same year sits beside the grade. */
static void write_line(struct session *s, struct csv_writer *w, const struct grading_round *r,
                       struct csv_sources *cs, const struct ledger_line *l)
{
	char v[32], year[8], appraisal[64];
	snprintf(year, sizeof year, "%d", r->year);
	const char *head[] = { year, r->name, l->org, l->category, l->group };
	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		csv_write_field(w, head[i]);
	for (int c = 0; c < cs->n; c++) {
		v[0] = 0;
		for (int k = 0; k < r->nsrc; k++)
			if (strcmp(r->src[k].name, cs->name[c]) == 0)
				grading_format_total(l->src_total[k], v, sizeof v);
		csv_write_field(w, v);
	}
	int g = effective(l);
	grading_format_total(l->total, v, sizeof v);
	csv_write_field(w, v);
	csv_write_field(w, grading_word(r, l->suggested));
	csv_write_field(w, grading_word(r, g));
	csv_write_field(w, l->reason);
	csv_write_field(w, grading_word(r, l->previous));
	csv_write_field(w, grading_movement(l->previous, g));
	csv_write_field(w, r->published_on);
	csv_write_field(w, l->origin);
	csv_write_field(w, l->deadline);
	csv_write_field(w, l->accepted_on);
	csv_write_field(w, *l->deadline ? rectify_status(l->deadline, l->accepted_on) : "");
	appraise_result_of(s, r->year, l->org_id, appraisal, sizeof appraisal);
	csv_write_field(w, appraisal);
	csv_end_record(w);
}

/* Round ids to export: one, or every round in the operator's scope. */
static int round_ids(struct session *s, int64_t only, int64_t **ids, int *n)
{
	sqlite3_stmt *st;
	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT r.id FROM grading_round r WHERE (?1 = 0 OR r.id = ?1)"
	                       " AND " IN_SCOPE("r.org_id") " ORDER BY r.year, r.id", -1, &st,
	                       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, only);
	sqlite3_bind_int64(st, 2, s->scope_org);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			int64_t *m = realloc(*ids, (size_t)(cap = cap ? cap * 2 : 16) * sizeof *m);
			if (!m)
				break;
			*ids = m;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return 0;
}

static int export_rounds(struct session *s, int64_t only, const char *path, FILE *report,
                         int *exported)
{
	int64_t *ids;
	int nids, rc = 0;
	struct csv_sources cs = { .n = 0 };
	struct csv_writer w;
	struct dj_err e;
	*exported = 0;
	if (round_ids(s, only, &ids, &nids)) {
		fprintf(report, "读取定级失败：%s\n", sqlite3_errmsg(s->db));
		return 1;
	}
	struct grading_round *rounds = calloc((size_t)(nids ? nids : 1), sizeof *rounds);
	for (int i = 0; rounds && i < nids && rc == 0; i++) {
		if ((rc = grading_round_load(s, ids[i], &rounds[i], &e)) != 0)
			fprintf(report, "%s\n", e.msg);
		for (int k = 0; rc == 0 && k < rounds[i].nsrc; k++)
			source_column(&cs, rounds[i].src[k].name);
	}
	free(ids);
	if (!rounds || rc) {
		free(rounds);
		if (!rounds)
			fprintf(report, "内存不足，无法导出\n");
		return 1;
	}
	if (csv_export_open(&w, path, NULL, 0, report)) {
		free(rounds);
		return 1;
	}
	write_header(&w, &cs);
	for (int i = 0; i < nids && rc == 0; i++) {
		struct ledger_line *l;
		int n;
		char err[256];
		if (read_lines(s, &rounds[i], &l, &n, err, sizeof err)) {
			fprintf(report, "%s\n", err);
			rc = 1;
			break;
		}
		for (int k = 0; k < n; k++)
			write_line(s, &w, &rounds[i], &cs, &l[k]);
		*exported += n;
		free(l);
	}
	free(rounds);
	if (rc) {
		csv_writer_abort(&w);   /* half a ledger is not written, the old file stays */
		return 1;
	}
	return csv_export_close(&w, path, report);
}

int grading_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	return export_rounds(s, 0, path, report, exported);
}

int grading_export_round_csv(struct session *s, int64_t round_id, const char *path, FILE *report,
                             int *exported)
{
	if (round_id <= 0) {
		fprintf(report, "没有选定定级\n");
		return 1;
	}
	return export_rounds(s, round_id, path, report, exported);
}
