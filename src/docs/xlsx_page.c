/* xlsx_page.c — see xlsx_page.h. */
#include "docs/xlsx_page.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define WIDTH_MIN 6    /* Excel's units: about one digit each */
#define WIDTH_MAX 50   /* a long 备注 wraps in Excel rather than pushing the rest off the page */
#define PORTRAIT_WIDTH 100   /* what portrait A4 holds legibly, one page wide */
#define PORTRAIT_COLS 10

void xlsx_sheet_name(const char *path, char *out, size_t cap)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base), w = 0;
	if (n > 5 && strcasecmp(base + n - 5, ".xlsx") == 0)
		n -= 5;
	int chars = 0;
	for (size_t i = 0; i < n && w + 5 < cap;) {
		unsigned char b = (unsigned char)base[i];
		size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
		if (i + len > n || chars == 31)
			break;
		if (len == 1 && strchr("[]:*?/\\", b)) {
			out[w++] = '_';
		} else {
			memcpy(out + w, base + i, len);
			w += len;
		}
		i += len;
		chars++;
	}
	out[w] = 0;
	while (w > 0 && out[w - 1] == '\'')   /* nor may it begin or end with ' */
		out[--w] = 0;
	if (out[0] == '\'')
		out[0] = '_';
}

static int column_width(const int *width, int nwidth, int c)
{
	int w = c < nwidth ? width[c] + 2 : WIDTH_MIN;
	return w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
}

int xlsx_landscape(const int *width, int n)
{
	int total = 0;
	for (int c = 0; c < n; c++)
		total += column_width(width, n, c);
	return total > PORTRAIT_WIDTH || n > PORTRAIT_COLS;
}

/* & starts a code in Excel's page headers: a unit's own & is doubled. */
static void header_text(const char *unit, char *out, size_t cap)
{
	size_t w = 0;
	int chars = 0;
	for (const char *p = unit; *p && w + 6 < cap && chars < 100; p++) {
		if (*p == '&')
			out[w++] = '&';
		out[w++] = *p;
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	}
	out[w] = 0;
}

static void page_set_up(lxw_worksheet *ws, const struct xlsx_layout *l, int ncols)
{
	char unit[512], head[700];
	worksheet_set_paper(ws, 9);   /* A4 */
	if (xlsx_landscape(l->width, ncols < l->nwidth ? ncols : l->nwidth))
		worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);   /* one page wide, as many long as it takes */
	if (l->header >= 0)
		worksheet_repeat_rows(ws, (lxw_row_t)l->header, (lxw_row_t)l->header);
	header_text(l->unit ? l->unit : "", unit, sizeof unit);
	snprintf(head, sizeof head, "&L%s&R导出日期：%s", unit, l->date);
	worksheet_set_header(ws, head);
	worksheet_set_footer(ws, "&C第 &P 页 共 &N 页");
}

void xlsx_lay_out(lxw_worksheet *ws, const struct xlsx_layout *l)
{
	int ncols = l->ncols > l->nwidth ? l->ncols : l->nwidth;
	for (int c = 0; c < ncols; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, column_width(l->width, l->nwidth, c),
		                     NULL);
	if (l->header >= 0 && l->ncols > 0) {
		worksheet_freeze_panes(ws, (lxw_row_t)l->header + 1, 0);
		long last = l->last_row > l->header ? l->last_row : l->header;
		worksheet_autofilter(ws, (lxw_row_t)l->header, 0, (lxw_row_t)last, (lxw_col_t)(l->ncols - 1));
	}
	page_set_up(ws, l, ncols);
}
