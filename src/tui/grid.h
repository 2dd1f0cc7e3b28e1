/* grid.h — the ledger grid (台账): a list that pages through a row_source by
 * keyset, holding only the rows on screen, so a 200,000-row table costs one
 * page of memory and each key costs one small query.
 *
 * Layout (rows are screen rows):
 *   top            column headings (ST_HEADING; the sort column marked ↑/↓)
 *   top+1 ..       one row per record; a 1-column gutter shows '!' on
 *                  RS_FLAG_WARN rows (so it shows without colour)
 *   status line    共 N 条  第 K 条  查找：…  <the selected row's cut cells,
 *                  whole>        ↑更多… / 更多…↓
 *
 * Column widths (rs_column in core/rowsource.h): each column its `width`,
 * then what the current page's longest text takes up to `max` (name
 * columns first), then the rest to `grow` columns.  A cell still too long
 * ends in a one-column mark, and the status line shows the selected row's
 * cut cells whole.
 *
 * Keys (grid_key): Up/Down, PgUp/PgDn, Home/End move; Enter opens (GRID_OPEN);
 * F5 refreshes; F7 or '/' asks for find text (name or pinyin initials; empty
 * clears); '<' and '>' choose the sort column, 'r' reverses it.  Anything else
 * is GRID_PASS for the screen (F6 add, F8 delete, F9 actions …). */
#ifndef DJ_TUI_GRID_H
#define DJ_TUI_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "core/rowsource.h"
#include "tui/term.h"

enum grid_result {
	GRID_HANDLED,  /* done, and what changed is drawn */
	GRID_OPEN,     /* Enter on a row: the screen opens grid_selected_id() */
	GRID_PASS,     /* not a grid key */
};

struct grid {
	struct row_source *rs;
	int top, rows;          /* heading row and rows used, heading included */
	int x, cols;            /* left column and width; cols 0: to the right edge */
	int status_y;           /* row of the status line; -1: the frame's (frame_status) */
	const char *empty_text; /* shown when the list is empty */
	/* private */
	struct rs_row *page;    /* the rows on screen */
	struct rs_row *work;    /* room to assemble a new page: 2 pages + 2 */
	int cap;                /* rows that fit below the heading */
	int n, sel;             /* rows held, selected index */
	int more_above, more_below;
	long count;             /* cached; -1 until asked */
	long first_ord;         /* ordinal of page[0]; -1 until asked */
	char filter[128];
	int sort_col, sort_desc;  /* -1: the source's own order */
	int fill;               /* rows follow the body's end */
	int w[RS_MAXCOLS];      /* column widths for the page on screen */
};

/* Sets up the grid on screen rows [top_row, top_row + rows) and loads the
 * first page; rows 0 means down to the end of the body, following terminal
 * resizes by itself.  Does not draw.  Returns 0, or -1 when out of memory. */
int grid_init(struct grid *g, struct row_source *rs, int top_row, int rows);
void grid_free(struct grid *g);             /* the grid's memory, not the source */

/* Limits the grid to columns [x, x + cols) (pick lists in a box). */
void grid_set_area(struct grid *g, int x, int cols);

void grid_draw(struct grid *g);             /* headings, rows, status line */
enum grid_result grid_key(struct grid *g, struct key k);

/* The selected row's id, or 0 when the list is empty; its cells, or NULL. */
int64_t grid_selected_id(const struct grid *g);
const struct rs_row *grid_selected(const struct grid *g);

/* Reloads in place from the top row's key (after a form saved or F5), keeping
 * the selection on the same record when it is still listed.  Forgets the
 * cached count.  Does not draw. */
void grid_refresh(struct grid *g);
/* Moves the selection to record id (e.g. just saved), loading the page
 * around it through the source's key_of.  Returns 0, or -1 when the record is
 * not in the list (the selection stays).  Does not draw. */
int grid_select_id(struct grid *g, int64_t id);
/* New place after a terminal resize (rows 0: to the body's end); keeps the
 * selection.  Does not draw. */
void grid_resize(struct grid *g, int top_row, int rows);

/* The number of rows, when the screen has just counted them itself (for its
 * heading), so the status line's 共 N 条 does not count them a second time.
 * Forgotten, like any cached count, on refresh and on find. */
void grid_set_count(struct grid *g, long count);

/* Find text as if typed at F7 ("" clears); reloads from the top. */
int grid_set_filter(struct grid *g, const char *text);
const char *grid_filter(const struct grid *g);

/* A modal pick list in a box over the body: typing narrows it (set_filter
 * with the text, so pinyin initials work), Up/Down/PgUp/PgDn move, Enter
 * picks, Esc cancels.  filter is the starting text and, on return, the text
 * the operator left there; the selection starts on record `initial` when
 * listed (0: the first).  Returns 1 with the row in *picked, or 0.  What was
 * under the box is put back, as dialogs do. */
int grid_pick(struct row_source *rs, const char *title, char *filter, size_t fcap,
              int64_t initial, struct rs_row *picked);

#endif
