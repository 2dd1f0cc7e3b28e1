/* sheet.h — an editable matrix of numbers (a score sheet: 评分表): records
 * down, number columns across, a label column fixed on the left and
 * computed columns (totals, a suggested grade) fixed on the right.
 *
 *   heading rows   three: the column title wrapped on two rows, then its
 *                  sub-title (e.g. the maximum score)
 *   rows           label | cells … | computed …
 *
 * The number columns scroll sideways when they do not all fit (at 80
 * columns the label narrows first, down to label_min).  Rows scroll by
 * themselves; the whole matrix is in memory, so nothing is read while the
 * operator types.
 *
 * Keys (sheet_key):
 *   digits . (full-width too)  type into the cell; the first key after
 *                              arriving replaces what was there
 *   Backspace                  delete the last character
 *   Delete, Ctrl-U             empty the cell
 *   Enter, Tab, →              next cell: right, then the next row's first
 *   Shift-Tab, ←               previous cell
 *   ↑ ↓ PgUp PgDn              other rows, same column
 *   Home / End                 first / last cell of the row
 *   F2                         save this row now
 *   F5                         this row back to what was saved
 * Leaving a cell runs ops->check (a refusal keeps the cursor there, the
 * reason on the message line); leaving a changed row runs ops->save_row
 * (a refusal keeps the cursor in the row).  Other keys are SHEET_PASS. */
#ifndef DJ_TUI_SHEET_H
#define DJ_TUI_SHEET_H

#include <stddef.h>

#include "core/validate.h"
#include "tui/term.h"

#define SHEET_CELL 16      /* bytes of one cell's text */

struct sheet_col {
	const char *title;     /* wrapped over two heading rows */
	const char *sub;       /* third heading row (may be NULL) */
	int width;             /* columns */
};

struct sheet_ops {
	/* The text of row `row`'s label. */
	void (*label)(void *ctx, int row, char *out, size_t cap);
	/* Computed column k of a row, from the cells as typed (sheet_get). */
	void (*computed)(void *ctx, int row, int k, char *out, size_t cap);
	/* The cell's text when the cursor leaves it ("" is an empty cell):
	 * 0, or -1 with why (Chinese, naming the column). */
	int (*check)(void *ctx, int row, int col, const char *text, char why[WHY_MAX]);
	/* A changed row is left (or F2): store it.  0 when stored (the row
	 * becomes clean), -1 to keep the cursor in the row (the reason is on
	 * the message line). */
	int (*save_row)(void *ctx, int row);
};

struct sheet {
	const struct sheet_col *cols;       /* ncols number columns */
	const struct sheet_col *computed;   /* ncomputed read-only columns */
	int ncols, ncomputed, nrows;
	const char *label_title;            /* over the label column */
	const char *label_sub;              /* on the sub-title row (e.g. "满分") */
	int label_min, label_max;           /* label column width bounds */
	int top_y;                          /* screen row of the first heading row */
	int readonly;                       /* look, but typing is refused */
	const char *readonly_why;           /* the message for typing then */
	const struct sheet_ops *ops;
	void *ctx;
	/* private */
	char (*text)[SHEET_CELL];           /* nrows × ncols, as typed */
	char (*orig)[SHEET_CELL];           /* as loaded or last saved */
	int row, col;                       /* the cursor */
	int top, left;                      /* first row shown, first number column shown */
	int fresh;                          /* the next character replaces the cell */
	int shown_cols;                     /* number columns on screen at the last draw */
};

/* Sets up an empty nrows × ncols sheet; the caller fills cols, computed,
 * ops … before drawing.  Returns 0, or -1 when out of memory. */
int sheet_init(struct sheet *sh, int nrows, int ncols);
void sheet_free(struct sheet *sh);

/* Loading: the cell's text and its saved value. */
void sheet_load(struct sheet *sh, int row, int col, const char *text);
const char *sheet_get(const struct sheet *sh, int row, int col);
int sheet_row_dirty(const struct sheet *sh, int row);
/* The row as typed is now what is stored (after a save). */
void sheet_row_saved(struct sheet *sh, int row);
/* The cursor to (row, col), without checks (when the sheet opens). */
void sheet_goto(struct sheet *sh, int row, int col);

/* Before the screen closes: checks the current cell and saves a changed
 * row.  Returns 0, or -1 to stay. */
int sheet_leave(struct sheet *sh);

void sheet_draw(struct sheet *sh);

enum sheet_result { SHEET_HANDLED, SHEET_PASS };
enum sheet_result sheet_key(struct sheet *sh, struct key k);

#endif
