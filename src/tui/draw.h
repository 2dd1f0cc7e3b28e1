/* draw.h — width-correct drawing on the standard screen, and the fixed frame
 * every screen shares (DESIGN.md §4):
 *
 *   row 0        title: 系统名 | 单位 | 屏幕名 | 操作员 | 日期
 *   row 1        breadcrumbs (主菜单 > 组织管理 > …)
 *   rows 2..R-4  the screen's body
 *   row R-3      totals / record count line
 *   row R-2      message line
 *   row R-1      F-key legend
 *
 * All strings are UTF-8 (from the database); they are decoded with the
 * explicit UTF-8 decoder of core/text.h and drawn cell by cell with the wide
 * ncurses calls, so a GB18030 terminal works.  Every draw call is clipped to
 * the columns it is given and pads the rest with spaces.  Only draw_flush()
 * sends anything to the terminal. */
#ifndef DJ_TUI_DRAW_H
#define DJ_TUI_DRAW_H

enum style {
	ST_NORMAL,
	ST_TITLE,      /* row 0 */
	ST_HEADING,    /* column headings, section labels */
	ST_SELECTED,   /* the grid's current row, the menu's current item */
	ST_FIELD,      /* an input field not being edited */
	ST_FIELD_EDIT, /* the field being edited */
	ST_ERROR,      /* message line errors: red, or reverse+bold without colour */
	ST_WARN,       /* flagged rows (term expiring, overdue) */
	ST_DIM,        /* dissolved / closed out rows, read-only fields */
	ST_LEGEND_KEY, /* the digit in the F-key legend */
};

/* Draws s at (y, x) clipped and padded to exactly `cols` columns.
 * Returns the columns the text itself took (before padding). */
int draw_text(int y, int x, int cols, const char *utf8, enum style st);
/* The same, right-aligned in `cols`. */
int draw_text_right(int y, int x, int cols, const char *utf8, enum style st);
/* The same for wide strings (the field editor's buffer). */
int draw_wtext(int y, int x, int cols, const wchar_t *s, size_t n, enum style st);

/* A frame with a title in its top border, line or ASCII per [ui] borders. */
void draw_box(int y, int x, int h, int w, const char *title);
/* Clears rows [y0, y1) across the screen. */
void draw_clear_rows(int y0, int y1);

/* The shared frame. */
void frame_set_identity(const char *system, const char *unit, const char *op);
void frame_title(const char *screen_name);      /* row 0, with today's date */
void frame_breadcrumbs(const char *path);       /* row 1 */
void frame_status(const char *left, const char *right); /* row R-3 (counts) */

/* The message line.  An error stays until the next key is handled. */
enum msg_kind { MSG_INFO, MSG_ERROR };
void frame_message(enum msg_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void frame_message_clear(void);
void frame_message_draw(void);                  /* repaint the current message */

/* The F-key legend: labels[i] is the text for F(i+1) ("帮助", "保存", …) or
 * NULL to leave that key out; at 80 columns it shows "1帮助 2保存 …". */
void frame_legend(const char *const labels[10]);

/* Body area of the current terminal size. */
int frame_body_top(void);      /* 2 */
int frame_body_rows(void);     /* rows between the breadcrumbs and the status line */

/* Where the hardware cursor should be when this key's drawing is done
 * (the insertion point, so an input method's candidate window appears
 * there); (-1, -1) hides it.  The main loop applies it last, before doupdate. */
void cursor_want(int y, int x);
/* The position last asked for, so a dialog can put it back when it closes. */
void cursor_wanted(int *y, int *x);
void cursor_apply(void);

/* Sends this key's drawing to the terminal: puts the hardware cursor where
 * cursor_want() asked (last, for the input method), then one doupdate().
 * The main loop (app.h) calls it once per key; dialogs and the grid's
 * waits, which run their own key loops, call it too.  Nothing else
 * refreshes the screen. */
void draw_flush(void);

#endif
