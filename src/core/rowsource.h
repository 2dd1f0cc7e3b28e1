/* rowsource.h — what a ledger grid pages through, without knowing SQL.
 *
 * A domain module (src/) implements these callbacks over a keyset-paged query;
 * the grid (src/tui/grid.c) calls them.  The grid never holds more than about
 * a screenful of rows, so a table of 200,000 members costs a page of memory.
 *
 * Order: rows are in a total order by (key.sort, key.id).  key.sort is an
 * opaque string the source builds (it may encode several columns); the grid
 * only hands keys back. */
#ifndef DJ_ROWSOURCE_H
#define DJ_ROWSOURCE_H

#include <stdint.h>

#define RS_MAXCOLS 12
#define RS_CELL    160   /* bytes per cell, UTF-8, truncated by the source */
#define RS_SORT    160

struct rs_key {
	char sort[RS_SORT];
	int64_t id;
};

enum rs_flag {
	RS_FLAG_WARN = 1,   /* draw the row marked (e.g. term expiring, overdue) */
	RS_FLAG_DIM  = 2,   /* closed out / dissolved */
};

struct rs_row {
	struct rs_key key;
	int flags;
	char cell[RS_MAXCOLS][RS_CELL];
};

/* How the grid shares a line (core/fit.h): every column gets `width`; then
 * the `key` columns (the row's name) and then the others get what the
 * longest text on the page takes (the heading included), up to `max`; what
 * is left goes to the `grow` columns.  A text still too long ends in a
 * one-column mark, and the selected row's cut cells show whole on the
 * status line. */
struct rs_column {
	const char *title;  /* UTF-8 heading */
	int width;          /* least columns; the widths (one space between, one
	                       for the gutter) add up to at most 80 */
	int grow;           /* 1: takes what is left on wider terminals */
	int right;          /* 1: right-aligned (numbers, money) */
	int sortable;
	int max;            /* most columns it takes by need; 0: width */
	int key;            /* 1: the row's name: its need is met first */
};

struct row_source {
	void *ctx;
	int ncols;
	const struct rs_column *cols;

	/* Up to n rows next to `anchor`, always returned in display order:
	 *   dir > 0: rows after anchor (anchor NULL: the first n rows)
	 *   dir < 0: the n rows just before anchor (anchor NULL: the last n rows)
	 *   dir = 0: anchor itself and the rows after it (for a refresh in place)
	 * Returns how many were written, or -1 on a database error (msg set by
	 * last_error). */
	int (*fetch)(void *ctx, const struct rs_key *anchor, int dir, int n, struct rs_row *rows);
	/* Rows under the current filter, or -1. */
	long (*count)(void *ctx);
	/* 1-based position of key under the current filter, or -1. */
	long (*ordinal)(void *ctx, const struct rs_key *key);
	/* Filter text as typed at F7 (name, pinyin initials, …); "" clears. */
	int (*set_filter)(void *ctx, const char *text);
	/* Sort by column (0-based), descending when desc; -1 on an unsortable column. */
	int (*set_sort)(void *ctx, int col, int desc);
	/* The last database error as a Chinese message, or "". */
	const char *(*last_error)(void *ctx);
	/* The key of row `id` under the current sort and filter (to select a
	 * record just saved); 0, or -1 when the row is not in this list. */
	int (*key_of)(void *ctx, int64_t id, struct rs_key *out);
	/* Frees the source (any kind), so screens need not know which it is. */
	void (*destroy)(struct row_source *rs);
};

static inline void row_source_free(struct row_source *rs)
{
	if (rs && rs->destroy)
		rs->destroy(rs);
}

#endif
