#include "core/csv_table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/db.h"
#include "core/header_words.h"
#include "core/text.h"
#include "core/validate.h"

static int column_of_field(const struct csv_import *t, const char *field)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].field, field) == 0)
			return i;
	return -1;
}

/* Rows looked at for the header before giving up: title rows, a 填报单位
 * line, a blank-but-formatted row or two. */
enum { HEADER_SEARCH_ROWS = 20 };

/* The import's column a header cell names (its own name first, then a
 * synonym), -1 when none, -2 when the column is one to leave out. */
static int column_named(const struct csv_import *t, const char *cell, const char **via)
{
	char h[256], own[256];
	header_normal(cell, h, sizeof h);
	*via = NULL;
	for (int pass = 0; pass < 2; pass++) {
		const char *want = pass == 0 ? h : header_synonym(h);
		for (int c = 0; want && c < t->ncols; c++) {
			header_normal(t->cols[c].header, own, sizeof own);
			if (strcmp(want, own) == 0) {
				*via = pass ? t->cols[c].header : NULL;
				return c;
			}
		}
	}
	return header_ignored(h) ? -2 : -1;
}

/* Fields up to the last non-empty one (a sheet's formatted blank cells and
 * a CSV's trailing commas are no columns). */
static int used_fields(char **f, int n)
{
	while (n > 0 && !*f[n - 1])
		n--;
	return n;
}

static int names_a_column(const struct csv_import *t, char **f, int n)
{
	const char *via;
	for (int i = 0; i < n; i++)
		if (column_named(t, f[i], &via) >= 0)
			return 1;
	return 0;
}

/* Maps the header row to our columns: synonyms are read as the column they
 * stand for (and said so), 序号 and empty headers left out (map -1);
 * unknown and repeated names refused, missing required ones named.
 * Returns 0 or 1 (refused). */
static int map_header(const struct csv_import *t, char **f, int n, int line, int map[CSV_MAX_COLUMNS],
                      int *nmap, FILE *report)
{
	unsigned char seen[CSV_MAX_COLUMNS] = { 0 };
	int bad = 0;
	for (int i = 0; i < n; i++) {
		char h[128], shown[sizeof h + 16];
		const char *via;
		snprintf(h, sizeof h, "%s", f[i]);
		utf8_trim(h);
		text_shown(h, 40, shown, sizeof shown);
		int c = column_named(t, h, &via);
		map[i] = c >= 0 ? c : -1;
		if (c == -1) {
			fprintf(report, "第 %d 行：未知的列「%s」\n", line, shown);
			bad = 1;
		} else if (c >= 0 && seen[c]++) {
			fprintf(report, "第 %d 行：列「%s」重复\n", line, shown);
			bad = 1;
		} else if (via) {
			fprintf(report, "第 %d 行：列「%s」按「%s」导入\n", line, shown, via);
		}
	}
	for (int c = 0; c < t->ncols; c++)
		if (t->cols[c].required && !seen[c]) {
			fprintf(report, "第 %d 行：缺少必需的列「%s」\n", line, t->cols[c].header);
			bad = 1;
		}
	*nmap = n;
	return bad;
}

/* The required columns, for a message: 「姓名」「年龄」 */
static void required_names(const struct csv_import *t, char *out, size_t cap)
{
	size_t k = 0;
	out[0] = 0;
	for (int c = 0; c < t->ncols && k + 8 < cap; c++)
		if (t->cols[c].required)
			k += (size_t)snprintf(out + k, cap - k, "「%s」", t->cols[c].header);
}

/* Finds the header row: the first row naming one of the import's columns;
 * rows above it (a title such as 「驿亭镇党员花名册」, 「填报单位：…」) are
 * skipped, each said in the report.  Returns 0, 1 (refused) or 2 (the file
 * cannot be read). */
static int read_header(const struct csv_import *t, struct csv_reader *r, int map[CSV_MAX_COLUMNS],
                       int *nmap, FILE *report)
{
	char **f, names[512];
	int line;
	for (int tries = 0; tries < HEADER_SEARCH_ROWS; tries++) {
		int n = csv_next(r, &f, &line);
		if (n < 0) {
			fprintf(report, "%s\n", csv_error(r));
			return 2;
		}
		if (n == 0 && tries == 0) {
			fprintf(report, "%s\n", t->empty_file);
			return 1;
		}
		if (n == 0)
			break;
		int used = used_fields(f, n);
		if (used > CSV_MAX_COLUMNS) {
			fprintf(report, "第 %d 行：列数太多（%d 列）\n", line, used);
			return 1;
		}
		/* a column with an empty header is one (left out); blank cells
		 * past the last column are not */
		n = n > CSV_MAX_COLUMNS ? used : n;
		if (names_a_column(t, f, n))
			return map_header(t, f, n, line, map, nmap, report);
		char shown[128];
		int first = 0;
		while (first < n - 1 && !*f[first])
			first++;
		text_shown(f[first], 30, shown, sizeof shown);
		fprintf(report, "第 %d 行「%s」不是列名行，作为标题跳过\n", line, shown);
	}
	required_names(t, names, sizeof names);
	fprintf(report, "在文件开头 %d 行中找不到列名行：列名行应含有%s等列\n", HEADER_SEARCH_ROWS, names);
	return 1;
}

/* One record's cells into rec; returns 1 when it has a problem (reported). */
static int take_row(const struct csv_import *t, char **f, int n, int line, const int map[],
                    int nmap, int sheet, char *rec, FILE *report)
{
	int bad = 0;
	memset(rec, 0, t->rec_size);
	n = used_fields(f, n);
	/* A sheet's column past the header's last cell is one with an empty
	 * header (left out); a CSV record longer than the header is broken
	 * (an unquoted comma). */
	if (sheet && n > nmap)
		n = nmap;
	if (n > nmap) {
		fprintf(report, "第 %d 行：有 %d 列，比列名行多 %d 列\n", line, n, n - nmap);
		bad = 1;
	}
	for (int i = 0; i < n && i < nmap; i++) {
		if (map[i] < 0)
			continue;   /* 序号, an empty header: left out */
		const struct csv_column *c = &t->cols[map[i]];
		char *dst = rec + c->off;
		size_t len = strlen(f[i]);
		if (len >= c->cap) {
			char shown[128];
			text_shown(f[i], 20, shown, sizeof shown);
			fprintf(report, "第 %d 行「%s」值「%s」：太长（最多 %zu 字节，约 %zu 个汉字）\n", line,
			        c->header, shown, c->cap - 1, (c->cap - 1) / 3);
			bad = 1;
			len = c->cap - 1;
		}
		memcpy(dst, f[i], len);   /* rec is zeroed: the copy stays terminated */
		utf8_trim(dst);
	}
	if (t->check_row && t->check_row(rec, line, report))
		bad = 1;
	return bad;
}

/* ---- the rows, packed, between the two phases ---- */

/* A record struct is mostly the empty tails of its char[] members, so a
 * run of zero bytes is kept as 0 and its length (1..255): a county's
 * 900-byte member records take ~200 bytes each.  Blocks of 1 MB, never
 * moved once written. */
enum { STAGE_BLOCK = 1 << 20 };

struct stage_block {
	struct stage_block *next;
	size_t used;
	unsigned char data[];
};

struct stage {
	struct stage_block *first, *last;
	int n;
	/* reading back */
	struct stage_block *at;
	size_t pos;
};

static int stage_put(struct stage *st, const void *rec, size_t size, int line)
{
	size_t worst = sizeof line + size + size / 2 + 2;   /* a lone zero takes two bytes */
	if (!st->last || st->last->used + worst > STAGE_BLOCK) {
		size_t cap = worst > STAGE_BLOCK ? worst : STAGE_BLOCK;
		struct stage_block *b = malloc(sizeof *b + cap);
		if (!b)
			return -1;
		b->next = NULL;
		b->used = 0;
		if (st->last)
			st->last->next = b;
		else
			st->first = b;
		st->last = b;
	}
	unsigned char *o = st->last->data + st->last->used, *start = o;
	memcpy(o, &line, sizeof line);
	o += sizeof line;
	const unsigned char *p = rec, *end = p + size;
	while (p < end) {
		if (*p) {
			*o++ = *p++;
			continue;
		}
		unsigned run = 0;
		while (p < end && !*p && run < 255)
			p++, run++;
		*o++ = 0;
		*o++ = (unsigned char)run;
	}
	st->last->used += (size_t)(o - start);
	st->n++;
	return 0;
}

/* The next record into rec (size bytes); its line in *line. */
static void stage_get(struct stage *st, void *rec, size_t size, int *line)
{
	if (st->pos == st->at->used)
		st->at = st->at->next, st->pos = 0;
	const unsigned char *p = st->at->data + st->pos;
	memcpy(line, p, sizeof *line);
	p += sizeof *line;
	unsigned char *o = rec, *end = o + size;
	while (o < end) {
		if (*p) {
			*o++ = *p++;
			continue;
		}
		memset(o, 0, p[1]);
		o += p[1];
		p += 2;
	}
	st->pos = (size_t)(p - st->at->data);
}

static void stage_free(struct stage *st)
{
	while (st->first) {
		struct stage_block *b = st->first;
		st->first = b->next;
		free(b);
	}
}

/* ---- phase 1: read, check and prepare every row, no write lock ---- */

/* Every row of the file, checked and prepared and packed.  A row with a
 * problem is reported and the others still checked, so one run reports
 * every bad row.  Returns 0, 1 when any row was refused, 2 when the file
 * cannot be read on. */
static int read_and_prepare(struct session *s, const struct csv_import *t, struct csv_reader *r,
                            const int map[], int nmap, void *ctx, struct stage *st, FILE *report)
{
	char **f;
	int line, n, bad = 0, total = 0;
	char *rec = malloc(t->rec_size);
	if (!rec) {
		fprintf(report, "内存不足，无法导入\n");
		return 1;
	}
	const struct csv_import_opts *o = s->import;
	while ((n = csv_next(r, &f, &line)) > 0) {
		if (++total % CSV_PROGRESS_ROWS == 0 && o && o->progress)
			o->progress(o->arg, total);
		int rc = take_row(t, f, n, line, map, nmap, csv_is_sheet(r), rec, report);
		if (!rc && t->prepare)
			rc = t->prepare(s, t, rec, line, ctx, report);
		if (rc < 0) {
			bad = 1;
			break;
		}
		bad |= rc;
		if (!rc && !bad && stage_put(st, rec, t->rec_size, line)) {
			fprintf(report, "内存不足，文件太大（第 %d 行）\n", line);
			bad = 1;
			break;
		}
	}
	free(rec);
	if (n < 0) {
		fprintf(report, "%s\n", csv_error(r));
		return 2;
	}
	if (total == 0 && !bad && t->no_rows) {
		fprintf(report, "%s\n", t->no_rows);
		return 1;
	}
	if (!bad && t->prepared && t->prepared(s, ctx, report))
		bad = 1;
	return bad;
}

/* Phase 1 in one read transaction: every row is checked against the same
 * moment of the database, and WAL lets writers go on meanwhile. */
static int prepare_all(struct session *s, const struct csv_import *t, struct csv_reader *r,
                       const int map[], int nmap, void *ctx, struct stage *st, FILE *report)
{
	int reading = sqlite3_exec(s->db, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;
	int rc = read_and_prepare(s, t, r, map, nmap, ctx, st, report);
	if (reading)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* ---- phase 2: the write transaction only stores ---- */

/* Hands the prepared rows to store, batch at a time.  Returns 1 when any
 * was refused. */
static int store_all(struct session *s, const struct csv_import *t, struct stage *st, void *ctx,
                     FILE *report)
{
	int per = t->batch > 0 && t->batch < st->n ? t->batch : st->n;
	char *recs = malloc((size_t)(per ? per : 1) * t->rec_size);
	int *lines = malloc((size_t)(per ? per : 1) * sizeof *lines), bad = 0;
	if (!recs || !lines) {
		fprintf(report, "内存不足，无法导入\n");
		bad = 1;
	}
	st->at = st->first;
	st->pos = 0;
	for (int done = 0; !bad && done < st->n;) {
		int k = 0;
		for (; k < per && done + k < st->n; k++)
			stage_get(st, recs + (size_t)k * t->rec_size, t->rec_size, &lines[k]);
		int refused = t->store(s, t, recs, lines, k, ctx, report);
		bad = refused != 0;
		done += k;
	}
	free(recs);
	free(lines);
	return bad;
}

/* One transaction, with a page cache big enough for the indexes a large
 * file touches; returns 1 when anything was refused. */
static int write_phase(struct session *s, const struct csv_import *t, struct stage *st, void *ctx,
                       FILE *report)
{
	struct dj_err e;
	if (s->import && s->import->progress)
		s->import->progress(s->import->arg, -1);
	if (db_begin(s->db, &e) != 0) {
		fprintf(report, "%s\n", e.msg);
		return 1;
	}
	int bad = store_all(s, t, st, ctx, report);
	if (!bad && db_commit(s->db, &e) != 0) {
		fprintf(report, "%s\n", e.msg);
		bad = 1;
	}
	if (bad)
		db_rollback(s->db);
	return bad;
}

static struct csv_limits limits_of(const struct session *s)
{
	struct config d;
	const struct config *c = s->cfg;
	if (!c) {
		config_defaults(&d);
		c = &d;
	}
	return (struct csv_limits){ (size_t)c->import_max_mb << 20, (size_t)c->import_max_line_kb << 10 };
}

int csv_import(struct session *s, const struct csv_import *t, const char *path, void *ctx,
               FILE *report, int *imported)
{
	char why[512];
	*imported = 0;
	struct csv_limits lim = limits_of(s);
	struct csv_reader *r = csv_open_sheet(path, &lim, s->import ? s->import->sheet : NULL, why,
	                                      sizeof why);
	if (!r) {
		fprintf(report, "%s\n", why);
		return 2;
	}
	int map[CSV_MAX_COLUMNS], nmap = 0, rc;
	struct stage st = { 0 };
	rc = read_header(t, r, map, &nmap, report);
	if (rc == 0) {
		db_bulk(s->db, 1);
		rc = prepare_all(s, t, r, map, nmap, ctx, &st, report);
		if (rc == 0)
			rc = write_phase(s, t, &st, ctx, report);
		db_bulk(s->db, 0);
	}
	csv_close(r);
	int n = st.n;
	stage_free(&st);
	if (rc) {
		fprintf(report, "导入失败：没有导入任何记录\n");
		return rc == 2 ? 2 : 1;
	}
	*imported = n;
	return 0;
}

void csv_import_report(const struct csv_import *t, int line, const void *rec,
                       const struct dj_err *e, FILE *report)
{
	int c = column_of_field(t, e->field);
	char shown[256];
	if (c >= 0)
		text_shown((const char *)rec + t->cols[c].off, 40, shown, sizeof shown);
	if (c >= 0)
		fprintf(report, "第 %d 行「%s」值「%s」：%s\n", line, t->cols[c].header, shown, e->msg);
	else
		fprintf(report, "第 %d 行：%s\n", line, e->msg);
}

/* ---- export ---- */

void csv_write_record(struct csv_writer *w, const char *const cells[], int n)
{
	for (int i = 0; i < n; i++)
		csv_write_field(w, cells[i]);
	csv_end_record(w);
}

int csv_export_open(struct csv_writer *w, const char *path, const char *const headers[], int n,
                    FILE *report)
{
	if (csv_writer_open(w, path)) {
		fprintf(report, "%s\n", csv_writer_why(w));
		return 1;
	}
	if (n > 0)
		csv_write_record(w, headers, n);
	return 0;
}

int csv_export_close(struct csv_writer *w, const char *path, FILE *report)
{
	(void)path;   /* the reason names it */
	if (csv_writer_close(w) != 0) {
		fprintf(report, "%s\n", csv_writer_why(w));
		return 1;
	}
	return 0;
}

static int write_columns(struct csv_writer *w, sqlite3_stmt *st, int ncols)
{
	for (int c = 0; c < ncols; c++) {
		const char *v = (const char *)sqlite3_column_text(st, c);
		csv_write_field(w, v ? v : "");
	}
	csv_end_record(w);
	return 0;
}

static int open_with_headers(struct csv_writer *w, const struct csv_export *x, const char *path,
                             FILE *report)
{
	if (x->headers)
		return csv_export_open(w, path, x->headers, x->ncols, report);
	if (csv_export_open(w, path, NULL, 0, report))
		return 1;
	for (int c = 0; c < x->ncols; c++)
		csv_write_field(w, x->cols[c].header);
	csv_end_record(w);
	return 0;
}

int csv_export_rows(sqlite3 *db, sqlite3_stmt *st, const struct csv_export *x, const char *path,
                    FILE *report, int *exported)
{
	struct csv_writer w;
	*exported = 0;
	if (!st) {
		fprintf(report, "读取%s失败：%s\n", x->what, sqlite3_errmsg(db));
		return 1;
	}
	if (open_with_headers(&w, x, path, report)) {
		sqlite3_finalize(st);
		return 1;
	}
	int rc = SQLITE_DONE, failed = 0;
	while (!failed && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		failed = x->write_row ? x->write_row(&w, st, x->ctx, report) : write_columns(&w, st, x->ncols);
		*exported += !failed;
	}
	if (!failed && rc != SQLITE_DONE) {
		fprintf(report, "读取%s失败：%s\n", x->what, sqlite3_errmsg(db));
		failed = 1;
	}
	sqlite3_finalize(st);
	if (failed) {
		csv_writer_abort(&w);   /* half a ledger is not written, the old file stays */
		return 1;
	}
	return csv_export_close(&w, path, report);
}
