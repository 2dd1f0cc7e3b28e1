/* fit.h — text fitted into the columns it is given, never cut silently;
 * the columns of a line shared by what they hold; and where a line of
 * Chinese text may break (禁则).  No curses: the drawing layer calls these,
 * and unit tests reach them.
 *
 * Widths are screen columns as core/text.h counts them. */
#ifndef DJ_FIT_H
#define DJ_FIT_H

#include <stddef.h>
#include <wchar.h>

/* The mark that ends a cut text: one column wide.  "…" unless the drawing
 * layer chose another for this terminal (where … takes two columns, as with
 * ambiwidth 2 or a GB18030 locale, it uses "›").  fit_set_mark refuses a
 * mark that is not exactly one column (returns -1). */
const char *fit_mark(void);
int fit_set_mark(const char *utf8);

/* How much of s (n characters) to show in `cols` columns.  When s fits, all
 * of it (*cut 0); otherwise the longest whole-cell head that leaves one
 * column for the mark (*cut 1).  Returns the characters of s to show and
 * sets *used to their columns (the mark not counted). */
size_t fit_wcs(const wchar_t *s, size_t n, int cols, int *used, int *cut);

/* The same from the end, for text whose end matters (a find text being
 * typed): the characters to skip at the start, *cut 1 when any were (the
 * mark then goes first). */
size_t fit_wcs_tail(const wchar_t *s, size_t n, int cols, int *used, int *cut);

/* UTF-8: out gets s whole or its head and the mark, at most `cols` columns,
 * not padded.  Returns 1 when cut, 0 when whole. */
int fit_utf8(const char *s, int cols, char *out, size_t cap);

/* ---- sharing a line's width among columns ---- */

struct fit_col {
	int min;     /* it gets this much before any column gets more */
	int need;    /* what its widest text on the page takes */
	int max;     /* it takes no more than this by need (0: min) */
	int key;     /* 1: the row's name: its need comes first */
	int grow;    /* 1: takes what is left when every need is met */
};

/* Widths out[0..n) that add up to at most `avail`:
 *   1. every column its min; when even that does not fit, grow columns
 *      shrink first, then the others from the right, none below 2;
 *   2. key columns up to their need (capped by max);
 *   3. the other columns up to their need, a column at a time in turn, so
 *      a shortfall is shared rather than taken by one;
 *   4. what is left goes to the grow columns in equal parts. */
void fit_share(const struct fit_col *c, int n, int avail, int out[]);

/* ---- line breaking ---- */

/* 1 when c may not start a line (closing punctuation: 、。，）」』》！？：；…
 * and their ASCII kin), 1 when c may not end one (opening: （「『《“). */
int fit_no_line_start(wchar_t c);
int fit_no_line_end(wchar_t c);

/* One line of the paragraph t[start, n) wrapped at `width` columns: returns
 * where the line ends (exclusive) and sets *next where the following line
 * starts (spaces at the break skipped).  Breaks keep ASCII words whole when
 * a space is in the line's second half, and follow 禁则: no line starts with
 * closing punctuation and none ends with opening punctuation; the character
 * before is carried to the next line instead (a run that cannot be kept
 * apart breaks where it must).  A line always holds at least one cell. */
size_t fit_line(const wchar_t *t, size_t n, size_t start, int width, size_t *next);

#endif
