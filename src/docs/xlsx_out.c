/* xlsx_out.c — see xlsx_out.h. */
#include "docs/xlsx_out.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/cell_kinds.h"
#include "core/err.h"
#include "core/text.h"
#include "core/validate.h"
#include "docs/xlsx_page.h"

#define MAX_DECIMALS 6
#define CELL_CHARS_MAX 32767   /* Excel's limit of one cell's text */

struct xsheet {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *title, *date, *money, *decimals[MAX_DECIMALS + 1];
	char *title_text;   /* held until the header says how wide the table is */
	lxw_row_t row;      /* the next row to write */
	long header;        /* the header's row, -1 before it */
	int ncols;          /* the header's width */
	int *width;         /* display width of each column's widest cell */
	int nwidth;         /* columns seen */
	int cap;            /* of width */
	char tmpdir[PATH_MAX];
};

static int say(char *why, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int say(char *why, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, cap, fmt, ap);
	va_end(ap);
	return -1;
}

/* Where libxlsxwriter writes: the file outfile_open created and holds
 * open, by its descriptor, so a name swapped in the meantime is never
 * written through; the plain NAME.tmp where /proc is not mounted. */
static void target_of(const struct outfile *o, char *out, size_t cap)
{
	snprintf(out, cap, "/proc/self/fd/%d", fileno(o->f));
	if (access(out, W_OK) != 0)
		snprintf(out, cap, "%s", o->tmp);
}

/* The directory of the export: its temporary files hold the same personal
 * data, and /tmp may be small or shared. */
static void dir_of(const char *path, char *out, size_t cap)
{
	snprintf(out, cap, "%s", path);
	char *slash = strrchr(out, '/');
	if (slash == out)
		out[1] = 0;
	else if (slash)
		*slash = 0;
	else
		snprintf(out, cap, ".");
}

static lxw_format *number_format(lxw_workbook *wb, const char *pattern)
{
	lxw_format *f = workbook_add_format(wb);
	if (f)
		format_set_num_format(f, pattern);
	return f;
}

static int add_formats(struct xsheet *x)
{
	x->bold = workbook_add_format(x->wb);
	x->title = workbook_add_format(x->wb);
	if (!x->bold || !x->title)
		return -1;
	format_set_bold(x->bold);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	format_set_align(x->title, LXW_ALIGN_CENTER);
	format_set_align(x->title, LXW_ALIGN_VERTICAL_CENTER);
	x->date = number_format(x->wb, "yyyy-mm-dd");
	x->money = number_format(x->wb, "0.00");
	char pattern[16] = "0.";
	for (int d = 1; d <= MAX_DECIMALS; d++) {
		pattern[1 + d] = '0';
		pattern[2 + d] = 0;
		x->decimals[d] = number_format(x->wb, pattern);
		if (!x->decimals[d])
			return -1;
	}
	return x->date && x->money ? 0 : -1;
}

static void *xlsx_open(const struct outfile *o, char *why, size_t cap)
{
	struct xsheet *x = calloc(1, sizeof *x);
	char target[PATH_MAX + 32], name[XLSX_SHEET_NAME_MAX];
	if (!x) {
		say(why, cap, "内存不足，无法导出 %s", o->path);
		return NULL;
	}
	x->header = -1;
	dir_of(o->path, x->tmpdir, sizeof x->tmpdir);
	target_of(o, target, sizeof target);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = x->tmpdir };
	x->wb = workbook_new_opt(target, &opt);
	xlsx_sheet_name(o->path, name, sizeof name);
	if (x->wb && !(x->ws = workbook_add_worksheet(x->wb, *name ? name : NULL)))
		x->ws = workbook_add_worksheet(x->wb, NULL);   /* a name Excel refuses: Sheet1 */
	if (!x->wb || !x->ws || add_formats(x)) {
		say(why, cap, "无法创建 %s（内存不足）", o->path);
		if (x->wb)
			lxw_workbook_free(x->wb);
		free(x);
		return NULL;
	}
	return x;
}

static int utf8_chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void note_width(struct xsheet *x, int c, int cols)
{
	if (c >= x->cap) {
		int n = c + 16;
		int *w = realloc(x->width, (size_t)n * sizeof *w);
		if (!w)
			return;   /* only the width is lost: the column keeps Excel's default */
		memset(w + x->cap, 0, (size_t)(n - x->cap) * sizeof *w);
		x->width = w;
		x->cap = n;
	}
	if (c >= x->nwidth)
		x->nwidth = c + 1;
	if (cols > x->width[c])
		x->width[c] = cols;
}

/* Explains a cell libxlsxwriter refused, naming row and column. */
static int refused(const struct xsheet *x, int c, lxw_error e, char *why, size_t cap)
{
	if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
		return say(why, cap, "第 %lu 行第 %d 列超过 Excel 单元格的上限 %d 字：请改为导出 CSV",
		           (unsigned long)x->row + 1, c + 1, CELL_CHARS_MAX);
	if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
		return say(why, cap, "内存不足");
	return say(why, cap, "第 %lu 行第 %d 列无法写入（libxlsxwriter：%s）",
	           (unsigned long)x->row + 1, c + 1, lxw_strerror(e));
}

static lxw_error put_text(struct xsheet *x, int c, const char *v, lxw_format *f)
{
	if (!*v)
		return LXW_NO_ERROR;   /* an empty cell is no cell */
	if (utf8_chars(v) > CELL_CHARS_MAX)
		return LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED;
	return worksheet_write_string(x->ws, x->row, (lxw_col_t)c, v, f);
}

static lxw_error put_cell(struct xsheet *x, int c, enum col_kind k, const char *v)
{
	int decimals, ymd[3];
	switch (cell_kind_of(k, v, &decimals, ymd)) {
	case CELL_DATE: {
		lxw_datetime d = { .year = ymd[0], .month = ymd[1], .day = ymd[2] };
		note_width(x, c, 10);
		return worksheet_write_datetime(x->ws, x->row, (lxw_col_t)c, &d, x->date);
	}
	case CELL_MONEY:
		note_width(x, c, (int)strlen(v) + (decimals < 2 ? 3 - decimals : 0));
		return worksheet_write_number(x->ws, x->row, (lxw_col_t)c, strtod(v, NULL), x->money);
	case CELL_NUMBER:
		note_width(x, c, (int)strlen(v));
		return worksheet_write_number(x->ws, x->row, (lxw_col_t)c, strtod(v, NULL),
		                              decimals ? x->decimals[decimals] : NULL);
	case CELL_TEXT:
		break;
	}
	note_width(x, c, utf8_cols(v));
	return put_text(x, c, v, NULL);
}

/* The title, merged over the table's width, then the header row. */
static lxw_error put_header(struct xsheet *x, const char *const *cells, int n)
{
	lxw_error e = LXW_NO_ERROR;
	if (x->title_text) {
		worksheet_set_row(x->ws, x->row, 24, NULL);
		if (n > 1)
			e = worksheet_merge_range(x->ws, x->row, 0, x->row, (lxw_col_t)(n - 1), x->title_text,
			                          x->title);
		else
			e = put_text(x, 0, x->title_text, x->title);
		free(x->title_text);
		x->title_text = NULL;
		x->row++;
		if (e)
			return e;
	}
	x->header = (long)x->row;
	x->ncols = n;
	for (int c = 0; c < n && !e; c++) {
		note_width(x, c, utf8_cols(cells[c]) + 2);   /* the filter's button beside it */
		e = put_text(x, c, cells[c], x->bold);
	}
	return e;
}

static int xlsx_record(void *sheet, enum csv_role role, const char *const *cells, int n,
                       const unsigned char *kinds, int nkinds, char *why, size_t cap)
{
	struct xsheet *x = sheet;
	if (x->row >= LXW_ROW_MAX)
		return say(why, cap, "超过 Excel 一张工作表的上限 %d 行：请改为导出 CSV", LXW_ROW_MAX);
	if (n > LXW_COL_MAX)
		return say(why, cap, "超过 Excel 一张工作表的上限 %d 列：请改为导出 CSV", LXW_COL_MAX);
	if (role == CSV_TITLE) {
		free(x->title_text);
		x->title_text = strdup(n ? cells[0] : "");
		return x->title_text ? 0 : say(why, cap, "内存不足");
	}
	lxw_error e = LXW_NO_ERROR;
	int c = 0;
	if (role == CSV_HEADER) {
		e = put_header(x, cells, n);
	} else {
		for (; c < n && !e; c++)
			e = put_cell(x, c, c < nkinds ? (enum col_kind)kinds[c] : COL_PLAIN, cells[c]);
		c--;
	}
	if (e)
		return refused(x, c < 0 ? 0 : c, e, why, cap);
	x->row++;
	return 0;
}

static void free_sheet(struct xsheet *x)
{
	free(x->title_text);
	free(x->width);
	free(x);
}

static void xlsx_discard(void *sheet)
{
	struct xsheet *x = sheet;
	if (!x)
		return;
	lxw_workbook_free(x->wb);
	free_sheet(x);
}

/* Widths, frozen header, filter and print set-up: all kept by the sheet
 * and written when the workbook closes, so they can wait for the last row. */
static void lay_out(struct xsheet *x)
{
	struct xlsx_layout l = {
		.width = x->width, .nwidth = x->nwidth, .ncols = x->ncols, .header = x->header,
		.last_row = x->row ? (long)x->row - 1 : 0, .unit = csv_unit_name(),
	};
	char day[11];
	l.date = today(day);
	xlsx_lay_out(x->ws, &l);
}

/* libxlsxwriter prints its own English errors on stderr, which would land
 * on the operator's full screen: the reason is told in Chinese instead. */
static int mute_stderr(void)
{
	fflush(stderr);
	int saved = dup(2), nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved >= 0 && nul >= 0)
		dup2(nul, 2);
	if (nul >= 0)
		close(nul);
	return saved;
}

static void unmute_stderr(int saved)
{
	if (saved < 0)
		return;
	dup2(saved, 2);
	close(saved);
}

/* The rows already streamed to the temporary file: a write that failed
 * there (a full disk) would otherwise leave a short sheet in a whole file. */
static int rows_kept(struct xsheet *x)
{
	FILE *t = x->ws->optimize_tmpfile;
	errno = 0;
	if (!t)
		return 0;
	if (fflush(t) != 0)
		return errno ? errno : EIO;
	return ferror(t) ? EIO : 0;
}

static int xlsx_finish(void *sheet, char *why, size_t cap)
{
	struct xsheet *x = sheet;
	if (x->title_text) {   /* a title and nothing else */
		put_text(x, 0, x->title_text, x->title);
		x->row++;
	}
	lay_out(x);
	int e = rows_kept(x);
	if (e) {
		xlsx_discard(x);
		return say(why, cap, "%s", dj_io_why(e));
	}
	int saved = mute_stderr();
	errno = 0;
	lxw_error le = workbook_close(x->wb);   /* frees the workbook, written or not */
	e = errno;
	unmute_stderr(saved);
	free_sheet(x);
	if (le == LXW_NO_ERROR)
		return 0;
	if (e)
		return say(why, cap, "%s", dj_io_why(e));
	return say(why, cap, "生成 xlsx 文件出错（libxlsxwriter：%s）", lxw_strerror(le));
}

const struct csv_format xlsx_out_format = {
	.suffix = ".xlsx",
	.open = xlsx_open,
	.record = xlsx_record,
	.finish = xlsx_finish,
	.discard = xlsx_discard,
};
