/* meeting_rows.h — a row_source over rows computed in memory (the
 * compliance table, the absentee list, the dues month overview): lists of a
 * few hundred rows that no single SQL query pages well.
 *
 * Find (F7) keeps rows where any cell contains the text, or whose pinyin
 * initials start with it; sorting compares numbers as numbers. */
#ifndef DJ_MEETING_ROWS_H
#define DJ_MEETING_ROWS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rowsource.h"

/* cols must outlive the source.  NULL when out of memory. */
struct row_source *calc_rows_new(const struct rs_column *cols, int ncols);
/* Appends a row (ids unique within the source); cells has ncols strings;
 * py the pinyin initials matched by find ("" none).  0, or -1 (memory). */
int calc_rows_add(struct row_source *rs, int64_t id, int flags, const char *const cells[],
                const char *py);

/* A row_source over rows a screen keeps and edits (a sign-in sheet, a dues
 * sheet): cells are read through `cell` at every fetch, so a change shows
 * on the next refresh.  Row i's id is i + 1.  Find keeps rows whose name
 * (column `name_col`) contains the text or whose `py` starts with it. */
struct live_rows {
	void *ctx;
	int (*count)(void *ctx);
	void (*cell)(void *ctx, int row, int col, char *out, size_t cap);
	const char *(*py)(void *ctx, int row);      /* may be NULL */
	int (*flags)(void *ctx, int row);           /* may be NULL */
	int name_col;
};
/* lr and cols must outlive the source. */
struct row_source *live_rows_new(const struct live_rows *lr, const struct rs_column *cols,
                                 int ncols);
/* The index of the row with this id (id - 1), or -1. */
int live_rows_index(int64_t id);

/* Writes every row of a source (under its current find and sort) as CSV,
 * the column titles as headers; `title_row` (may be NULL) is written first
 * as a one-cell line (the period, the month …).  0, or 1 with the reason in
 * report. */
int rows_export_csv(struct row_source *rs, const char *title_row, const char *path,
                    FILE *report, int *exported);

#endif
