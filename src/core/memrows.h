/* memrows.h — row sources over rows held in memory, for lists that no single
 * SQL query pages well: hundreds or a few thousand rows (a grading round's
 * organizations and rectification plans, the compliance table, the absentee
 * list, the dues month overview, a sign-in or dues sheet).  Nothing stays
 * open in the database while the operator reads.
 *
 * Two kinds of held rows share one store, find, sort and paging; they differ
 * in how they are filled and in what find and sort compare:
 *
 *   memrows_new        rows a loader computes, read again on every refresh
 *                      (memrows_reload).  Find (F7) keeps rows whose find
 *                      text contains what was typed; the first column sorts
 *                      by a name key (pinyin, then name), a ranked column by
 *                      its ranks (unranked rows last), a right-aligned column
 *                      as numbers (empty cells last), others by their text.
 *   memrows_fixed_new  rows the caller computes once.  Find keeps rows with
 *                      a cell that contains the text, or whose pinyin
 *                      initials start with it; a cell that begins with a
 *                      number ("12", "86%", "1,234.50", "2/3") sorts by it
 *                      when the other cell does too, else by text.
 * Find ignores ASCII case in both.
 *
 * live_rows_new is apart: the rows stay the screen's, read through callbacks
 * at every fetch, in the order they are kept. */
#ifndef DJ_MEMROWS_H
#define DJ_MEMROWS_H

#include <stddef.h>
#include <stdint.h>

#include "core/rowsource.h"

struct memrows;

/* load(ctx, m) fills m with memrows_add (m is empty when it runs); returns
 * 0, or -1 with memrows_fail.  It runs now and on every memrows_reload (F5,
 * a return from a form).  destroy_ctx (may be NULL) frees ctx with the
 * source, or at once when this fails.  cols must outlive the source.  NULL
 * when out of memory or when the first load failed. */
struct row_source *memrows_new(const struct rs_column *cols, int ncols,
                               int (*load)(void *ctx, struct memrows *m), void *ctx,
                               void (*destroy_ctx)(void *ctx));

/* A new row with this id: the loader fills its cells and flags until the
 * next memrows_add or the end of the load.  `find` is what F7 matches
 * (names, pinyin initials …); `name_key` sorts the first column.  NULL when
 * out of memory. */
struct rs_row *memrows_add(struct memrows *m, int64_t id, const char *find, const char *name_key);
void memrows_fail(struct memrows *m, const char *msg);
/* The row last added sorts by `rank` in column col rather than by its text
 * (grade words: 先进 1 … 后进 4); rows without one sort last. */
void memrows_rank(struct memrows *m, int col, int rank);

/* Runs the loader again (e.g. before a grid_refresh).  0, or -1. */
int memrows_reload(struct row_source *rs);

/* cols must outlive the source.  NULL when out of memory. */
struct row_source *memrows_fixed_new(const struct rs_column *cols, int ncols);
/* Appends a row (ids unique within the source); cells has ncols strings;
 * py the pinyin initials a find may start with ("" or NULL: none).  0, or
 * -1 when out of memory. */
int memrows_fixed_add(struct row_source *rs, int64_t id, int flags, const char *const cells[],
                      const char *py);

/* A row_source over rows a screen keeps and edits (a sign-in sheet, a dues
 * sheet): cells are read through `cell` at every fetch, so a change shows
 * on the next refresh.  Row i's id is i + 1.  Find keeps rows whose name
 * (column `name_col`) contains the text or whose `py` starts with it; the
 * rows cannot be sorted. */
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

#endif
