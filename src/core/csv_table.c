#include "core/csv_table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/text.h"

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
		size_t len = strlen(f[i]);
		if (len >= c->cap) {
			fprintf(report, "第 %d 行「%s」值「%.40s…」：太长\n", line, c->header, f[i]);
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

static int grow(const struct csv_import *t, struct rows *rs)
{
	int cap = rs->cap ? rs->cap * 2 : 64;
	if (t->batch && cap > t->batch)
		cap = t->batch;
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

/* Hands the rows held to the module's store and empties the buffer.
 * Returns 1 when any was refused. */
static int flush(struct session *s, const struct csv_import *t, struct rows *rs, FILE *report)
{
	int refused = rs->n ? t->store(s, t, rs->recs, rs->lines, rs->n, report) : 0;
	rs->n = 0;
	return refused < 0 ? -1 : refused > 0;
}

/* Reads every row, storing them as it goes (t->batch) or all at the end,
 * inside the caller's transaction.  A row with a problem of its own is
 * reported and not stored; in batches the others still go through the
 * module's checks, so one run reports every bad row.  A module that needs
 * the whole file (batch 0: orgs whose parents come later) stores nothing
 * once a row is bad.  *total counts the data rows.  Returns 1 when
 * anything was refused. */
static int read_and_store(struct session *s, const struct csv_import *t, struct csv_reader *r,
                          const int map[], int nmap, struct rows *rs, int *total, FILE *report)
{
	char **f;
	int line, n, bad = 0;
	*total = 0;
	while ((n = csv_next(r, &f, &line)) > 0) {
		if (rs->n == rs->cap && t->batch && rs->n) {
			int rc = flush(s, t, rs, report);   /* after refusals the rest is still checked */
			if (rc < 0)
				return 1;
			bad |= rc;
		}
		if (rs->n == rs->cap && grow(t, rs)) {
			fprintf(report, "内存不足，文件太大\n");
			return 1;
		}
		(*total)++;
		rs->lines[rs->n] = line;
		if (take_row(t, f, n, line, map, nmap, rs->recs + (size_t)rs->n * t->rec_size, report))
			bad = 1;
		else
			rs->n++;
	}
	if (*total == 0 && !bad && t->no_rows) {
		fprintf(report, "%s\n", t->no_rows);
		return 1;
	}
	if (t->batch || !bad)
		bad |= flush(s, t, rs, report) != 0;
	return bad;
}

/* Everything in one transaction, with a page cache big enough for the
 * indexes a large file touches; returns 1 when anything was refused. */
static int import_rows(struct session *s, const struct csv_import *t, struct csv_reader *r,
                       const int map[], int nmap, int *total, FILE *report)
{
	struct dj_err e;
	struct rows rs = { 0 };
	if (db_begin(s->db, &e) != 0) {
		fprintf(report, "%s\n", e.msg);
		return 1;
	}
	db_bulk(s->db, 1);
	int bad = read_and_store(s, t, r, map, nmap, &rs, total, report);
	if (!bad && db_commit(s->db, &e) != 0) {
		fprintf(report, "%s\n", e.msg);
		bad = 1;
	}
	if (bad)
		db_rollback(s->db);
	db_bulk(s->db, 0);
	free(rs.recs);
	free(rs.lines);
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
	int map[CSV_MAX_COLUMNS], nmap = 0, total = 0;
	int bad = read_header(t, r, map, &nmap, report) != 0;
	if (!bad)
		bad = import_rows(s, t, r, map, nmap, &total, report);
	csv_close(r);
	if (bad) {
		fprintf(report, "导入失败：没有导入任何记录\n");
		return 1;
	}
	*imported = total;
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
