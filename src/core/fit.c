/* fit.c — fitting with a mark, sharing width by need, line breaks (fit.h). */
#include "core/fit.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

static char mark[8] = "…";

const char *fit_mark(void)
{
	return mark;
}

int fit_set_mark(const char *utf8)
{
	if (!utf8 || strlen(utf8) >= sizeof mark || utf8_cols(utf8) != 1)
		return -1;
	memcpy(mark, utf8, strlen(utf8) + 1);
	return 0;
}

size_t fit_wcs(const wchar_t *s, size_t n, int cols, int *used, int *cut)
{
	wchar_t cell[TEXT_CELL_MAX];
	int w, total = wcs_cols(s, n);
	size_t i = 0, shown = 0;
	*used = 0;
	*cut = total > cols;
	if (!*cut) {
		*used = total;
		return n;
	}
	/* The head that leaves the last column for the mark. */
	while (text_cell_next(s, n, &i, cell, &w) && *used + w <= cols - 1) {
		*used += w;
		shown = i;
	}
	return shown;
}

size_t fit_wcs_tail(const wchar_t *s, size_t n, int cols, int *used, int *cut)
{
	wchar_t cell[TEXT_CELL_MAX];
	int w, rest = wcs_cols(s, n);
	size_t i = 0;
	*cut = rest > cols;
	while (*cut && rest > cols - 1 && text_cell_next(s, n, &i, cell, &w))
		rest -= w;
	*used = rest;
	return i;
}

int fit_utf8(const char *s, int cols, char *out, size_t cap)
{
	size_t len = s ? strlen(s) : 0;
	wchar_t *w = malloc((len + 1) * sizeof *w);
	int used, cut;
	if (cap == 0)
		return 0;
	out[0] = '\0';
	if (w == NULL)
		return 0;
	size_t n = utf8_to_wcs(s ? s : "", len, w, len + 1);
	size_t k = fit_wcs(w, n, cols, &used, &cut);
	size_t b = wcs_to_utf8(w, k, out, cap);
	if (cut && cols > 0 && b + strlen(mark) < cap)
		memcpy(out + b, mark, strlen(mark) + 1);
	free(w);
	return cut;
}

/* ---- sharing ---- */

static int clamp_need(const struct fit_col *c)
{
	int most = c->max > c->min ? c->max : c->min;
	return c->need < c->min ? c->min : c->need > most ? most : c->need;
}

/* Too narrow even for the minimums: grow columns give way first, then the
 * others from the right, none below 2. */
static void shrink(const struct fit_col *c, int n, int out[], int over)
{
	for (int pass = 0; pass < 2 && over > 0; pass++) {
		int shrunk = 1;
		while (over > 0 && shrunk) {
			shrunk = 0;
			for (int i = n - 1; i >= 0 && over > 0; i--)
				if ((pass == 1 || c[i].grow) && out[i] > 2) {
					out[i]--;
					over--;
					shrunk = 1;
				}
		}
	}
}

/* One column at a time in turn to the columns (key or not) short of their
 * need; returns what is left of spare. */
static int fill_needs(const struct fit_col *c, int n, int out[], int spare, int key)
{
	int gave = 1;
	while (spare > 0 && gave) {
		gave = 0;
		for (int i = 0; i < n && spare > 0; i++)
			if ((c[i].key != 0) == key && out[i] < clamp_need(&c[i])) {
				out[i]++;
				spare--;
				gave = 1;
			}
	}
	return spare;
}

void fit_share(const struct fit_col *c, int n, int avail, int out[])
{
	int sum = 0, ngrow = 0;
	for (int i = 0; i < n; i++) {
		out[i] = c[i].min > 0 ? c[i].min : 1;
		sum += out[i];
		ngrow += c[i].grow != 0;
	}
	if (sum > avail) {
		shrink(c, n, out, sum - avail);
		return;
	}
	int spare = fill_needs(c, n, out, avail - sum, 1);
	spare = fill_needs(c, n, out, spare, 0);
	for (int i = 0, nth = 0; spare > 0 && ngrow > 0 && i < n; i++)
		if (c[i].grow)
			out[i] += spare / ngrow + (nth++ < spare % ngrow);
}

/* ---- line breaking ---- */

int fit_no_line_start(wchar_t c)
{
	static const wchar_t closing[] = L"、。，．：；！？）］｝」』》〉】〕〗〙〛’”…‥・·％‰℃々ゝー"
	                                 L",.;:!?)]}%";
	return c != 0 && wcschr(closing, c) != NULL;
}

int fit_no_line_end(wchar_t c)
{
	static const wchar_t opening[] = L"（［｛「『《〈【〔〖〘〚‘“([{";
	return c != 0 && wcschr(opening, c) != NULL;
}

static int is_word_char(wchar_t c)
{
	return c < 0x80 && c > 0x20;
}

/* The start of the cell before pos (pos > start). */
static size_t cell_before(const wchar_t *t, size_t n, size_t start, size_t pos)
{
	wchar_t cell[TEXT_CELL_MAX];
	int w;
	size_t i = start, prev = start;
	while (i < pos) {
		prev = i;
		if (!text_cell_next(t, n, &i, cell, &w))
			break;
	}
	return prev;
}

/* A break at `at` is allowed by 禁则: the next line does not start with
 * closing punctuation, this one does not end with opening punctuation, and
 * a …… or —— pair stays together. */
static int break_allowed(const wchar_t *t, size_t at)
{
	wchar_t before = t[at - 1], after = t[at];
	if (before == L' ' || after == L' ')
		return 1;
	if (fit_no_line_start(after) || fit_no_line_end(before))
		return 0;
	return !(before == after && (after == L'—' || after == L'…'));
}

static int inside_word(const wchar_t *t, size_t at)
{
	return is_word_char(t[at]) && is_word_char(t[at - 1]);
}

/* Inside an ASCII word: at the last space in the line's second half. */
static size_t word_break(const wchar_t *t, size_t start, size_t at)
{
	if (!inside_word(t, at))
		return at;
	for (size_t i = at; i > start + (at - start) / 2; i--)
		if (t[i - 1] == ' ')
			return i;
	return at;
}

/* The last break at or before `from` and after `limit` that 禁则 allows
 * (and, with words, not inside an ASCII word); 0 when there is none. */
static size_t back_off(const wchar_t *t, size_t n, size_t start, size_t from, size_t limit,
                       int words)
{
	size_t cut = from;
	while (cut > limit && !(break_allowed(t, cut) && !(words && inside_word(t, cut))))
		cut = cell_before(t, n, start, cut);
	return cut > limit ? cut : 0;
}

size_t fit_line(const wchar_t *t, size_t n, size_t start, int width, size_t *next)
{
	wchar_t cell[TEXT_CELL_MAX];
	size_t i = start, at = n;
	int used = 0, w;
	for (;;) {
		size_t before = i;
		if (!text_cell_next(t, n, &i, cell, &w))
			break;
		if (used + w > width && before > start) {
			at = before;
			break;
		}
		used += w;
	}
	size_t cut = at;
	if (at < n) {
		/* A whole word carried over when the line's second half allows;
		 * else only what 禁则 asks; else where it must. */
		cut = back_off(t, n, start, word_break(t, start, at), start + (at - start) / 2, 1);
		if (cut == 0)
			cut = back_off(t, n, start, at, start, 0);
		if (cut == 0)
			cut = at;
	}
	size_t end = cut;
	while (end > start + 1 && t[end - 1] == ' ')
		end--;
	while (cut < n && t[cut] == ' ')
		cut++;
	*next = cut;
	return end;
}
