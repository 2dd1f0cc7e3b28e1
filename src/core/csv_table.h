/* csv_table.h — a ledger as a CSV file with Chinese headers: what every
 * domain module's import and export share (org/csv.c and member/csv.c
 * import; they, meeting_csv.c, the dues, rectification and grading ledgers
 * and the 党员结构 table export).
 *
 * Import: the file is streamed (core/csv.h) and its header row checked
 * first; the header row is mapped onto known columns in any order; unknown
 * and repeated columns are refused by name, missing required ones named.
 * Then, outside any write transaction, each row's cells are copied, trimmed,
 * into the char[] members of a record struct, checked (check_row) and
 * prepared against the database (prepare: lookups only), and kept in memory
 * packed (a record's empty tail takes no room).  Only when every row passed
 * does the write phase begin: one BEGIN IMMEDIATE … COMMIT that only stores
 * the prepared rows, so the write lock is held for the inserts and nothing
 * else: everything or nothing.  Every problem is one report line
 *   第 N 行「列名」值「…」：原因
 * and a refused file ends with 导入失败：没有导入任何记录.
 *
 * Export: a new private file opened (core/outfile.h) and its header row
 * written, a record per row of a query, and the file committed with the
 * disk-full check, or thrown away when the rows stop half-way (the old file
 * stays); each failure one report line in the same words for every ledger. */
#ifndef DJ_CSV_TABLE_H
#define DJ_CSV_TABLE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>

#include "core/csv.h"
#include "core/err.h"
#include "core/session.h"

/* A file may have at most this many columns (known or not). */
#define CSV_MAX_COLUMNS 256

/* One column: its header, the char[] member of the record it fills, and the
 * dj_err.field that names it when saving the record fails. */
struct csv_column {
	const char *header;
	size_t off, cap;
	const char *field;
	int required;        /* a file without this column is refused */
};

/* The usual column: member `m` of `type`, also named `m` in dj_err.field. */
#define CSV_COLUMN(type, header, m, required) \
	{ (header), offsetof(type, m), sizeof(((type *)0)->m), #m, (required) }

struct csv_import {
	const struct csv_column *cols;
	int ncols;                   /* at most CSV_MAX_COLUMNS */
	size_t rec_size;             /* the record struct the columns' offsets point into */
	const char *empty_file;      /* report line for a file with no header row */
	const char *no_rows;         /* report line for a header-only file; NULL: 0 rows import */
	/* After a row's cells are in `rec`: what no column alone can check, and
	 * clearing what a file may not set.  Returns 1 after reporting a problem. */
	int (*check_row)(void *rec, int line, FILE *report);
	/* Outside the write transaction, after check_row: checks the row against
	 * the database (reading only) and fills what store needs (ids, normal
	 * forms).  Returns 0, 1 after reporting a problem, or -1 when nothing
	 * more can be checked (the database failed): the import stops.  NULL:
	 * the rows go to store as the file has them. */
	int (*prepare)(struct session *s, const struct csv_import *t, void *rec, int line, void *ctx,
	               FILE *report);
	/* After every row was prepared, none refused: what concerns several rows
	 * (an ID number twice in the file).  Returns 1 after reporting. */
	int (*prepared)(struct session *s, void *ctx, FILE *report);
	/* Stores recs[0..n) (lines[i]: the file line of recs[i]) inside the
	 * import's write transaction.  Returns how many were refused, each
	 * reported (csv_import_report with t), or -1 when nothing more can be
	 * stored (the database failed, the operator may not write). */
	int (*store)(struct session *s, const struct csv_import *t, void *recs, const int *lines,
	             int n, void *ctx, FILE *report);
	/* Rows go to store `batch` at a time; 0: all at once, for rows that
	 * refer to others (an org's parent). */
	int batch;
};

/* What the operator chose for one import, handed to csv_import through
 * the session (s->import) so every domain import takes it unchanged. */
struct csv_import_opts {
	const char *sheet;   /* the workbook's sheet to read; NULL: the first */
	/* Called with the rows read so far, every CSV_PROGRESS_ROWS rows while
	 * they are checked, and once with -1 when the rows are being stored;
	 * NULL: nothing is said. */
	void (*progress)(void *arg, int rows);
	void *arg;
};
#define CSV_PROGRESS_ROWS 1000

/* Imports every row of the file or none.  Returns 0 (all stored, *imported
 * set), 1 (refused, nothing stored) or 2 (the file cannot be read).  ctx is
 * handed to prepare, prepared and store.  The file may be at most
 * [import] max_mb, a record [import] max_line_kb (s->cfg); CSV, or an
 * .xlsx workbook's sheet (s->import's, else the first).  The header row is
 * the first row naming one of t's columns (within the first 20); a title
 * row above it is skipped and reported. */
int csv_import(struct session *s, const struct csv_import *t, const char *path, void *ctx,
               FILE *report, int *imported);

/* Reports why saving the record from `line` failed: names the column and
 * its value when e->field is one of the import's columns. */
void csv_import_report(const struct csv_import *t, int line, const void *rec,
                       const struct dj_err *e, FILE *report);

/* ---- export ---- */

/* One record of n cells. */
void csv_write_record(struct csv_writer *w, const char *const cells[], int n);

/* Opens path and writes the header row (n may be 0: the caller writes it).
 * Returns 0, or 1 after reporting 无法写入 path：reason. */
int csv_export_open(struct csv_writer *w, const char *path, const char *const headers[], int n,
                    FILE *report);
/* Closes the file.  Returns 0, or 1 after reporting 写入 path 失败（磁盘已满？）. */
int csv_export_close(struct csv_writer *w, const char *path, FILE *report);

/* A ledger exported a record per row of one query. */
struct csv_export {
	const char *what;                   /* the rows, in 读取{what}失败：… */
	const char *const *headers;         /* the header row, or NULL: */
	const struct csv_column *cols;      /* … these columns' headers (an import's) */
	int ncols;
	/* Writes the statement's current row as one record; NULL writes its first
	 * ncols columns as text.  Returns 0, or 1 after reporting why the export
	 * stops there. */
	int (*write_row)(struct csv_writer *w, sqlite3_stmt *st, void *ctx, FILE *report);
	void *ctx;
};

/* Writes the header row and a record per row of st to path.  st comes
 * prepared and bound, or NULL when preparing it failed (reported here); it is
 * finalized here.  Returns 0, or 1 after reporting each failure. */
int csv_export_rows(sqlite3 *db, sqlite3_stmt *st, const struct csv_export *x, const char *path,
                    FILE *report, int *exported);

#endif
