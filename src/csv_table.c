#include "csv_table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "text.h"

/* The rows read so far: records of t->rec_size bytes and their file lines. */
struct rows {
	char *recs;
	int *lines;
	int n, cap;
};

static int column_of_field(const struct csv_import *t, const char *field)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].field, field) == 0)
			return i;
	return -1;
}

/* Maps the header row to our columns; refuses unknown and repeated names. */
static int read_header(const struct csv_import *t, struct csv_reader *r, int map[CSV_MAX_COLUMNS],
                       int *nmap, FILE *report)
{
	char **f;
	int line, n = csv_next(r, &f, &line), bad = 0;
	unsigned char seen[CSV_MAX_COLUMNS] = { 0 };
	if (n <= 0) {
		fprintf(report, "%s\n", t->empty_file);
		return -1;
	}
	if (n > CSV_MAX_COLUMNS) {
		fprintf(report, "第 %d 行：列数太多（%d 列）\n", line, n);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char h[128];
		snprintf(h, sizeof h, "%s", f[i]);
		utf8_trim(h);
		map[i] = -1;
		for (int c = 0; c < t->ncols; c++)
			if (strcmp(h, t->cols[c].header) == 0)
				map[i] = c;
		if (map[i] < 0) {
			fprintf(report, "第 %d 行：未知的列「%s」\n", line, h);
			bad = 1;
		} else if (seen[map[i]]++) {
			fprintf(report, "第 %d 行：列「%s」重复\n", line, h);
			bad = 1;
		}
	}
	for (int c = 0; c < t->ncols; c++)
		if (t->cols[c].required && !seen[c]) {
			fprintf(report, "第 %d 行：缺少必需的列「%s」\n", line, t->cols[c].header);
			bad = 1;
		}
	*nmap = n;
	return bad ? -1 : 0;
}

/* One record's cells into rec; returns 1 when it has a problem (reported). */
static int take_row(const struct csv_import *t, char **f, int n, int line, const int map[],
                    int nmap, char *rec, FILE *report)
{
	int bad = 0;
	memset(rec, 0, t->rec_size);
	if (n > nmap) {
		fprintf(report, "第 %d 行：有 %d 列，比列名行多 %d 列\n", line, n, n - nmap);
		bad = 1;
	}
	for (int i = 0; i < n && i < nmap; i++) {
		const struct csv_column *c = &t->cols[map[i]];
		char *dst = rec + c->off;
		if (strlen(f[i]) >= c->cap) {
			fprintf(report, "第 %d 行「%s」值「%.40s…」：太长\n", line, c->header, f[i]);
			bad = 1;
		}
		snprintf(dst, c->cap, "%s", f[i]);
		utf8_trim(dst);
	}
	if (t->check_row && t->check_row(rec, line, report))
		bad = 1;
	return bad;
}

static int grow(const struct csv_import *t, struct rows *rs)
{
	int cap = rs->cap ? rs->cap * 2 : 64;
	char *recs = realloc(rs->recs, (size_t)cap * t->rec_size);
	if (recs)
		rs->recs = recs;
	int *lines = realloc(rs->lines, (size_t)cap * sizeof *lines);
	if (lines)
		rs->lines = lines;
	if (!recs || !lines)
		return -1;
	rs->cap = cap;
	return 0;
}

static int read_rows(const struct csv_import *t, struct csv_reader *r, const int map[], int nmap,
                     struct rows *rs, FILE *report)
{
	char **f;
	int line, n, bad = 0;
	while ((n = csv_next(r, &f, &line)) > 0) {
		if (rs->n == rs->cap && grow(t, rs)) {
			fprintf(report, "内存不足，文件太大\n");
			return 1;
		}
		rs->lines[rs->n] = line;
		bad |= take_row(t, f, n, line, map, nmap, rs->recs + (size_t)rs->n * t->rec_size, report);
		rs->n++;
	}
	if (rs->n == 0 && !bad && t->no_rows) {
		fprintf(report, "%s\n", t->no_rows);
		bad = 1;
	}
	return bad;
}

/* Stores every row in one transaction; returns 1 when anything was refused. */
static int store_all(struct session *s, const struct csv_import *t, struct rows *rs, FILE *report)
{
	struct dj_err e;
	if (db_begin(s->db, &e) != 0) {
		fprintf(report, "%s\n", e.msg);
		return 1;
	}
	int bad = t->store(s, t, rs->recs, rs->lines, rs->n, report) != 0;
	if (!bad && db_commit(s->db, &e) != 0) {
		fprintf(report, "%s\n", e.msg);
		bad = 1;
	}
	if (bad)
		db_rollback(s->db);
	return bad;
}

int csv_import(struct session *s, const struct csv_import *t, const char *path, FILE *report,
               int *imported)
{
	char why[256];
	*imported = 0;
	struct csv_reader *r = csv_open(path, why, sizeof why);
	if (!r) {
		fprintf(report, "%s\n", why);
		return 2;
	}
	int map[CSV_MAX_COLUMNS], nmap = 0;
	struct rows rs = { 0 };
	int bad = read_header(t, r, map, &nmap, report) != 0;
	if (!bad)
		bad = read_rows(t, r, map, nmap, &rs, report) != 0;
	csv_close(r);
	if (!bad)
		bad = store_all(s, t, &rs, report);
	free(rs.recs);
	free(rs.lines);
	if (bad) {
		fprintf(report, "导入失败：没有导入任何记录\n");
		return 1;
	}
	*imported = rs.n;
	return 0;
}

void csv_import_report(const struct csv_import *t, int line, const void *rec,
                       const struct dj_err *e, FILE *report)
{
	int c = column_of_field(t, e->field);
	if (c >= 0)
		fprintf(report, "第 %d 行「%s」值「%s」：%s\n", line, t->cols[c].header,
		        (const char *)rec + t->cols[c].off, e->msg);
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
		fprintf(report, "无法写入 %s：%s\n", path, strerror(errno));
		return 1;
	}
	if (n > 0)
		csv_write_record(w, headers, n);
	return 0;
}

int csv_export_close(struct csv_writer *w, const char *path, FILE *report)
{
	if (csv_writer_close(w) != 0) {
		fprintf(report, "写入 %s 失败（磁盘已满？）\n", path);
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
	return csv_export_close(&w, path, report) || failed;
}
