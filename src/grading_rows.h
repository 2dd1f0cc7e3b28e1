/* grading_rows.h — a row_source over rows computed in C (a round's ledger,
 * its rectification plans): a loader fills the rows whole from a few
 * queries and lets go of them, so nothing stays open while the operator
 * reads; find and sort work on the rows held.  Meant for lists of a round's
 * organizations (hundreds, a few thousand at county scale), not for tables
 * that need keyset paging. */
#ifndef DJ_GRADING_ROWS_H
#define DJ_GRADING_ROWS_H

#include <stdint.h>

#include "rowsource.h"

struct memrows;

/* load(ctx, m) fills m with memrows_add (after a reset); returns 0, or -1
 * with memrows_fail.  It runs when the list is first shown and on every
 * refresh (F5, a return from a form).  destroy_ctx (may be NULL) frees ctx
 * with the source.  cols must outlive the source. */
struct row_source *memrows_new(const struct rs_column *cols, int ncols,
                               int (*load)(void *ctx, struct memrows *m), void *ctx,
                               void (*destroy_ctx)(void *ctx));

/* A new row with this id: fill its cells and flags.  `find` is what F7
 * matches (names, pinyin initials); `name_key` sorts the first column
 * (pinyin then name).  NULL when out of memory. */
struct rs_row *memrows_add(struct memrows *m, int64_t id, const char *find, const char *name_key);
void memrows_fail(struct memrows *m, const char *msg);
/* The row last added sorts by `rank` in column col rather than by its text
 * (grade words: 先进 1 … 后进 4); rows without one sort last. */
void memrows_rank(struct memrows *m, int col, int rank);

/* Reloads now (e.g. before a grid_refresh). */
int memrows_reload(struct row_source *rs);

#endif
