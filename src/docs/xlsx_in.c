/* xlsx_in.c — a sheet's rows, one at a time: the sheet's XML streams
 * through expat, and the parser pauses (XML_StopParser, resumable) at the
 * end of each row that has any text, so xlsx_next hands out that row and
 * the next call parses on from where it stopped. */
#include "docs/xlsx_in.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/xlsx_part.h"

enum cell_type { T_NUMBER, T_SHARED, T_INLINE, T_TEXT, T_BOOL, T_ERROR, T_DATE };
/* Excel's last column is XFD. */
enum { MAX_COLS = 16384 };

struct xlsx_reader {
	struct xlsx_part part;     /* first: the parser's user data */
	struct xlsx_book book;
	size_t max_row;
	/* where the parse is */
	int in_data, in_v, in_is, in_t, in_rph;
	int row, last_row;         /* this row's number, the one before */
	int col;                   /* the next column a cell without a ref takes */
	enum cell_type type;
	int style;
	int paused;
	/* the current cell's text */
	char *cell;
	size_t cell_len, cell_cap;
	/* the current row: fields packed in rec, each NUL-terminated */
	char *rec;
	size_t rec_len, rec_cap;
	size_t *offs;
	char **fields;
	int nfields, fields_cap;
	int any;                   /* a field of this row is not empty */
};

/* Stops the parse for good with the reason. */
static void halt(struct xlsx_reader *x)
{
	XML_StopParser(x->part.p, XML_FALSE);
}

static int too_long(struct xlsx_reader *x)
{
	xlsx_fail(&x->book, "文件 %s 第 %d 行太长：一行超过 %zu KB（dangjian.ini [import] max_line_kb）",
	          x->book.name, x->row, x->max_row >> 10);
	halt(x);
	return -1;
}

static int grow(struct xlsx_reader *x, char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 256;
	while (c < need)
		c *= 2;
	char *m = realloc(*buf, c);
	if (!m) {
		xlsx_fail(&x->book, "内存不足，无法读取文件 %s", x->book.name);
		halt(x);
		return -1;
	}
	*buf = m;
	*cap = c;
	return 0;
}

/* Appends one field (text of n bytes) to the row. */
static int field_put(struct xlsx_reader *x, const char *text, size_t n)
{
	if (x->max_row && x->rec_len + n + 1 > x->max_row)
		return too_long(x);
	if (x->nfields == x->fields_cap) {
		int cap = x->fields_cap ? x->fields_cap * 2 : 32;
		size_t *o = realloc(x->offs, (size_t)cap * sizeof *o);
		if (o)
			x->offs = o;
		char **f = o ? realloc(x->fields, (size_t)cap * sizeof *f) : NULL;
		if (!f) {
			xlsx_fail(&x->book, "内存不足，无法读取文件 %s", x->book.name);
			halt(x);
			return -1;
		}
		x->fields = f;
		x->fields_cap = cap;
	}
	if (grow(x, &x->rec, &x->rec_cap, x->rec_len + n + 1))
		return -1;
	x->offs[x->nfields++] = x->rec_len;
	memcpy(x->rec + x->rec_len, text, n);
	x->rec_len += n;
	x->rec[x->rec_len++] = 0;
	x->any |= n > 0;
	return 0;
}

/* "C5" → column 2 (0-based); -1 when the reference has no letters. */
static int ref_column(const char *ref)
{
	long c = 0;
	int k = 0;
	for (; ref[k] >= 'A' && ref[k] <= 'Z' && k < 4; k++)
		c = c * 26 + (ref[k] - 'A' + 1);
	return k == 0 || c > MAX_COLS ? -1 : (int)c - 1;
}

static enum cell_type type_of(const char *t)
{
	static const struct { const char *name; enum cell_type type; } types[] = {
		{ "s", T_SHARED }, { "inlineStr", T_INLINE }, { "str", T_TEXT }, { "b", T_BOOL },
		{ "e", T_ERROR }, { "d", T_DATE },
	};
	for (size_t i = 0; t && i < sizeof types / sizeof *types; i++)
		if (strcmp(t, types[i].name) == 0)
			return types[i].type;
	return T_NUMBER;
}

static void row_start(struct xlsx_reader *x, const char **atts)
{
	const char *r = xlsx_attr(atts, "r");
	x->row = r ? atoi(r) : x->last_row + 1;
	if (x->row <= x->last_row || x->row > 1048576) {
		xlsx_fail(&x->book, "文件 %s 已损坏：工作表的行号顺序错乱（第 %d 行之后是第 %d 行）",
		          x->book.name, x->last_row, x->row);
		halt(x);
		return;
	}
	x->last_row = x->row;
	x->rec_len = 0;
	x->nfields = 0;
	x->any = 0;
	x->col = 0;
}

static void cell_start(struct xlsx_reader *x, const char **atts)
{
	const char *r = xlsx_attr(atts, "r"), *s = xlsx_attr(atts, "s");
	int col = r ? ref_column(r) : x->col;
	if (col < 0 || col < x->col) {
		xlsx_fail(&x->book, "文件 %s 已损坏：第 %d 行的单元格「%.12s」位置不对", x->book.name,
		          x->row, r ? r : "");
		halt(x);
		return;
	}
	while (x->nfields < col)   /* the columns with no cell are empty */
		if (field_put(x, "", 0))
			return;
	x->col = col + 1;
	x->type = type_of(xlsx_attr(atts, "t"));
	x->style = s ? atoi(s) : 0;
	x->cell_len = 0;
}

/* The finished cell's text as its field. */
static void cell_end(struct xlsx_reader *x)
{
	char num[64];
	const char *v = x->cell;
	size_t n = x->cell_len;
	if (grow(x, &x->cell, &x->cell_cap, x->cell_len + 1))
		return;
	x->cell[x->cell_len] = 0;
	v = x->cell;
	if (x->type == T_SHARED && n) {
		char *end;
		unsigned long i = strtoul(x->cell, &end, 10);
		if (*end || i >= x->book.nsst) {
			xlsx_fail(&x->book, "文件 %s 已损坏：第 %d 行引用了不存在的共享字符串 %s", x->book.name,
			          x->row, x->cell);
			halt(x);
			return;
		}
		v = x->book.pool + x->book.sst[i];
		n = strlen(v);
	} else if (x->type == T_BOOL && n) {
		v = strcmp(x->cell, "1") == 0 ? "TRUE" : "FALSE";
		n = strlen(v);
	} else if (x->type == T_DATE && n >= 10) {
		n = 10;   /* an ISO date-time: the date */
	} else if (x->type == T_NUMBER && n) {
		int date = x->style >= 0 && (size_t)x->style < x->book.nxf && x->book.xf_date[x->style];
		xlsx_number_text(x->cell, date, x->book.date1904, num, sizeof num);
		v = num;
		n = strlen(num);
	}
	field_put(x, v, n);
}

static void XMLCALL on_start(void *u, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *x = u;
	const char *l = xlsx_local(name);
	if (strcmp(l, "sheetData") == 0)
		x->in_data = 1;
	else if (!x->in_data)
		return;
	else if (strcmp(l, "row") == 0)
		row_start(x, atts);
	else if (strcmp(l, "c") == 0)
		cell_start(x, atts);
	else if (strcmp(l, "v") == 0)
		x->in_v = 1;
	else if (strcmp(l, "is") == 0)
		x->in_is = 1;
	else if (strcmp(l, "rPh") == 0)
		x->in_rph++;
	else if (strcmp(l, "t") == 0)
		x->in_t = x->in_is;
}

static void XMLCALL on_end(void *u, const XML_Char *name)
{
	struct xlsx_reader *x = u;
	const char *l = xlsx_local(name);
	if (!x->in_data)
		return;
	if (strcmp(l, "sheetData") == 0) {
		x->in_data = 0;
	} else if (strcmp(l, "row") == 0) {
		if (x->any) {   /* a row with text: hand it out */
			x->paused = 1;
			XML_StopParser(x->part.p, XML_TRUE);
		}
	} else if (strcmp(l, "c") == 0) {
		cell_end(x);
	} else if (strcmp(l, "v") == 0) {
		x->in_v = 0;
	} else if (strcmp(l, "is") == 0) {
		x->in_is = 0;
	} else if (strcmp(l, "rPh") == 0) {
		x->in_rph--;
	} else if (strcmp(l, "t") == 0) {
		x->in_t = 0;
	}
}

static void XMLCALL on_text(void *u, const XML_Char *text, int len)
{
	struct xlsx_reader *x = u;
	if (!x->in_v && !(x->in_t && !x->in_rph))
		return;
	if (x->max_row && x->rec_len + x->cell_len + (size_t)len > x->max_row) {
		too_long(x);
		return;
	}
	if (grow(x, &x->cell, &x->cell_cap, x->cell_len + (size_t)len + 1))
		return;
	memcpy(x->cell + x->cell_len, text, (size_t)len);
	x->cell_len += (size_t)len;
}

struct xlsx_reader *xlsx_open(const char *path, const char *sheet, size_t max_bytes,
                              size_t max_row, char *why, size_t whycap)
{
	struct xlsx_reader *x = calloc(1, sizeof *x);
	char sheet_path[512];
	if (!x) {
		snprintf(why, whycap, "内存不足，无法读取文件 %s", path);
		return NULL;
	}
	snprintf(x->book.name, sizeof x->book.name, "%s", path);
	x->book.max_bytes = max_bytes;
	x->max_row = max_row;
	XML_Parser p = NULL;
	int rc = xlsx_book_open(&x->book, path, sheet, sheet_path, sizeof sheet_path);
	if (rc == 0 && !(p = xlsx_parser(&x->book, x)))
		rc = -1;
	if (rc == 0) {
		XML_SetElementHandler(p, on_start, on_end);
		XML_SetCharacterDataHandler(p, on_text);
		rc = xlsx_part_open(&x->book, &x->part, sheet_path, p);
		if (rc == 1)
			rc = xlsx_fail(&x->book, "文件 %s 已损坏：缺少工作表的内容（%s）", x->book.name, sheet_path);
	}
	if (rc != 0) {
		snprintf(why, whycap, "%s", x->book.why);
		xlsx_close(x);   /* the parser, once made, is the part's */
		return NULL;
	}
	return x;
}

int xlsx_next(struct xlsx_reader *x, char ***fields, int *row)
{
	*fields = NULL;
	if (x->book.failed)
		return -1;
	int rc;
	do {
		if (x->paused) {
			x->paused = 0;
			rc = xlsx_part_resume(&x->part);
		} else {
			rc = xlsx_part_step(&x->part);
		}
	} while (rc == 1 && !x->paused);
	if (rc < 0)
		return -1;
	if (!x->paused)
		return 0;   /* the final chunk parsed, no row waiting */
	for (int i = 0; i < x->nfields; i++)
		x->fields[i] = x->rec + x->offs[i];
	*fields = x->fields;
	if (row)
		*row = x->row;
	return x->nfields;
}

const char *xlsx_error(const struct xlsx_reader *x)
{
	return x->book.failed ? x->book.why : NULL;
}

void xlsx_close(struct xlsx_reader *x)
{
	if (!x)
		return;
	xlsx_part_close(&x->part);
	xlsx_book_close(&x->book);
	free(x->cell);
	free(x->rec);
	free(x->offs);
	free(x->fields);
	free(x);
}
