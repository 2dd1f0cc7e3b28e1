/* xlsx_book.c — what a workbook's rows need before the first is read: the
 * package's relationships to find the workbook, the workbook's sheet names
 * and date system, its relationships to find the sheet, the shared strings
 * and the styles that say which cells hold dates. */
#include "docs/xlsx_part.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A workbook has at most this many sheets / relationships we keep. */
enum { MAX_SHEETS = 256, MAX_RELS = 1024, NAME_MAX_BYTES = 128 };
/* Shared strings beyond this count are no roster (Excel's own limit on a
 * sheet's cells is far larger, but an import is a few hundred thousand). */
#define MAX_SST ((size_t)1 << 24)
#define MAX_XF ((size_t)65536)

/* ---- relationships (_rels/.rels, xl/_rels/workbook.xml.rels) ---- */

struct rel {
	char id[64], type[160], target[256];
};

struct rels {
	struct xlsx_part part;   /* first: the parser's user data */
	struct rel *r;
	int n;
};

static void XMLCALL rel_start(void *u, const XML_Char *name, const XML_Char **atts)
{
	struct rels *rs = u;
	if (strcmp(xlsx_local(name), "Relationship") != 0 || rs->n >= MAX_RELS)
		return;
	const char *id = xlsx_attr(atts, "Id"), *type = xlsx_attr(atts, "Type"),
	           *target = xlsx_attr(atts, "Target");
	if (!id || !type || !target)
		return;
	struct rel *r = &rs->r[rs->n++];
	snprintf(r->id, sizeof r->id, "%s", id);
	snprintf(r->type, sizeof r->type, "%s", type);
	snprintf(r->target, sizeof r->target, "%s", target);
}

/* Reads a relationships part.  0 (a missing part has none), -1. */
static int read_rels(struct xlsx_book *b, const char *path, struct rels *rs)
{
	memset(rs, 0, sizeof *rs);
	if (!(rs->r = calloc(MAX_RELS, sizeof *rs->r)))
		return xlsx_fail(b, "内存不足，无法读取文件 %s", b->name);
	XML_Parser p = xlsx_parser(b, rs);
	if (!p)
		return -1;
	XML_SetStartElementHandler(p, rel_start);
	int rc = xlsx_part_open(b, &rs->part, path, p);
	if (rc == 0)
		rc = xlsx_part_all(&rs->part);
	xlsx_part_close(&rs->part);
	return rc < 0 ? -1 : 0;
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), k = strlen(tail);
	return a >= k && strcmp(s + a - k, tail) == 0;
}

/* The target of the first relationship whose type ends in `type` (or has
 * id `id`), as a zip path: relative targets are under dir. */
static int rel_path(const struct rels *rs, const char *type, const char *id, const char *dir,
                    char *out, size_t cap)
{
	for (int i = 0; i < rs->n; i++) {
		const struct rel *r = &rs->r[i];
		if (type ? !ends_with(r->type, type) : strcmp(r->id, id) != 0)
			continue;
		if (r->target[0] == '/')
			snprintf(out, cap, "%s", r->target + 1);
		else
			snprintf(out, cap, "%s%s", dir, r->target);
		return 1;
	}
	return 0;
}

/* ---- the workbook: sheets and date system ---- */

struct sheet {
	char name[NAME_MAX_BYTES], rid[64];
};

struct workbook {
	struct xlsx_part part;
	int is_workbook;          /* the root element was <workbook> */
	int depth;
	struct sheet *s;
	int n;
};

static int truthy(const char *v)
{
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

static void XMLCALL book_start(void *u, const XML_Char *name, const XML_Char **atts)
{
	struct workbook *w = u;
	const char *l = xlsx_local(name);
	if (w->depth++ == 0)
		w->is_workbook = strcmp(l, "workbook") == 0;
	if (strcmp(l, "workbookPr") == 0)
		w->part.book->date1904 = truthy(xlsx_attr(atts, "date1904"));
	if (strcmp(l, "sheet") == 0 && w->n < MAX_SHEETS) {
		const char *nm = xlsx_attr(atts, "name"), *rid = xlsx_attr(atts, "id");
		snprintf(w->s[w->n].name, NAME_MAX_BYTES, "%s", nm ? nm : "");
		snprintf(w->s[w->n].rid, sizeof w->s[w->n].rid, "%s", rid ? rid : "");
		w->n++;
	}
}

static void XMLCALL book_end(void *u, const XML_Char *name)
{
	(void)name;
	((struct workbook *)u)->depth--;
}

/* The sheet names for a message: 「Sheet1」「名册」… */
static void list_names(const struct workbook *w, char *out, size_t cap)
{
	size_t k = 0;
	out[0] = 0;
	for (int i = 0; i < w->n && k + 8 < cap; i++)
		k += (size_t)snprintf(out + k, cap - k, "「%s」", w->s[i].name);
}

/* Which sheet's relationship id: the named one, or the first. */
static int pick_sheet(struct xlsx_book *b, const struct workbook *w, const char *sheet)
{
	if (w->n == 0)
		return xlsx_fail(b, "文件 %s 是工作簿，但里面没有工作表", b->name);
	if (!sheet)
		return 0;
	for (int i = 0; i < w->n; i++)
		if (strcmp(w->s[i].name, sheet) == 0)
			return i;
	char names[400];
	list_names(w, names, sizeof names);
	return xlsx_fail(b, "文件 %s 中没有名为「%s」的工作表（有：%s）", b->name, sheet, names);
}

static int read_workbook(struct xlsx_book *b, const char *path, struct workbook *w)
{
	memset(w, 0, sizeof *w);
	if (!(w->s = calloc(MAX_SHEETS, sizeof *w->s)))
		return xlsx_fail(b, "内存不足，无法读取文件 %s", b->name);
	XML_Parser p = xlsx_parser(b, w);
	if (!p)
		return -1;
	XML_SetElementHandler(p, book_start, book_end);
	int rc = xlsx_part_open(b, &w->part, path, p);
	if (rc == 0)
		rc = xlsx_part_all(&w->part);
	xlsx_part_close(&w->part);
	if (rc == 1 || (rc == 0 && !w->is_workbook))
		return xlsx_fail(b, "文件 %s 是 zip 压缩包或 Office 文档，但不是 Excel 工作簿（.xlsx）："
		                 "请导入 .xlsx 或 CSV 文件", b->name);
	return rc;
}

/* ---- shared strings ---- */

struct strings {
	struct xlsx_part part;
	int in_si, in_t, in_rph;
};

static int pool_put(struct xlsx_book *b, const char *s, size_t n)
{
	if (b->pool_len + n + 1 > b->pool_cap) {
		size_t cap = b->pool_cap ? b->pool_cap : 65536;
		while (cap < b->pool_len + n + 1)
			cap *= 2;
		char *m = realloc(b->pool, cap);
		if (!m)
			return xlsx_fail(b, "内存不足，无法读取文件 %s 的共享字符串", b->name);
		b->pool = m;
		b->pool_cap = cap;
	}
	memcpy(b->pool + b->pool_len, s, n);
	b->pool_len += n;
	b->pool[b->pool_len] = 0;
	return 0;
}

static int sst_begin(struct xlsx_book *b)
{
	if (b->nsst >= MAX_SST)
		return xlsx_fail(b, "文件 %s 的共享字符串超过 %zu 个，不像是名册，不予读取", b->name, MAX_SST);
	if (b->nsst == b->sst_cap) {
		size_t cap = b->sst_cap ? b->sst_cap * 2 : 1024;
		size_t *m = realloc(b->sst, cap * sizeof *m);
		if (!m)
			return xlsx_fail(b, "内存不足，无法读取文件 %s 的共享字符串", b->name);
		b->sst = m;
		b->sst_cap = cap;
	}
	b->sst[b->nsst++] = b->pool_len;
	return 0;
}

static void XMLCALL sst_start(void *u, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	struct strings *s = u;
	struct xlsx_book *b = s->part.book;
	const char *l = xlsx_local(name);
	if (strcmp(l, "si") == 0) {
		s->in_si = 1;
		if (sst_begin(b))
			XML_StopParser(s->part.p, XML_FALSE);
	} else if (strcmp(l, "rPh") == 0) {
		s->in_rph++;   /* a phonetic guide (furigana) is not the text */
	} else if (strcmp(l, "t") == 0 && s->in_si) {
		s->in_t = 1;
	}
}

static void XMLCALL sst_end(void *u, const XML_Char *name)
{
	struct strings *s = u;
	const char *l = xlsx_local(name);
	if (strcmp(l, "si") == 0) {
		s->in_si = 0;
		if (pool_put(s->part.book, "", 1))   /* the terminator */
			XML_StopParser(s->part.p, XML_FALSE);
	} else if (strcmp(l, "rPh") == 0) {
		s->in_rph--;
	} else if (strcmp(l, "t") == 0) {
		s->in_t = 0;
	}
}

static void XMLCALL sst_text(void *u, const XML_Char *text, int len)
{
	struct strings *s = u;
	if (s->in_t && !s->in_rph && pool_put(s->part.book, text, (size_t)len))
		XML_StopParser(s->part.p, XML_FALSE);
}

static int read_strings(struct xlsx_book *b, const char *path)
{
	struct strings s = { 0 };
	XML_Parser p = xlsx_parser(b, &s);
	if (!p)
		return -1;
	XML_SetElementHandler(p, sst_start, sst_end);
	XML_SetCharacterDataHandler(p, sst_text);
	int rc = xlsx_part_open(b, &s.part, path, p);
	if (rc == 0)
		rc = xlsx_part_all(&s.part);
	xlsx_part_close(&s.part);
	return rc < 0 ? -1 : 0;
}

/* ---- styles: which cell formats are dates ---- */

struct styles {
	struct xlsx_part part;
	int in_xfs;
	/* custom number formats that are dates, by id */
	long date_ids[512];
	int ndate;
};

static int custom_is_date(const struct styles *st, long id)
{
	for (int i = 0; i < st->ndate; i++)
		if (st->date_ids[i] == id)
			return 1;
	return 0;
}

static void xf_add(struct styles *st, const char *fmt)
{
	struct xlsx_book *b = st->part.book;
	if (b->nxf >= MAX_XF)
		return;   /* Excel keeps at most 64000 */
	if (b->nxf == b->xf_cap) {
		size_t cap = b->xf_cap ? b->xf_cap * 2 : 64;
		unsigned char *m = realloc(b->xf_date, cap);
		if (!m) {
			xlsx_fail(b, "内存不足，无法读取文件 %s 的样式", b->name);
			XML_StopParser(st->part.p, XML_FALSE);
			return;
		}
		b->xf_date = m;
		b->xf_cap = cap;
	}
	long id = fmt ? strtol(fmt, NULL, 10) : 0;
	b->xf_date[b->nxf++] = (unsigned char)(xlsx_builtin_is_date(id) || custom_is_date(st, id));
}

static void XMLCALL style_start(void *u, const XML_Char *name, const XML_Char **atts)
{
	struct styles *st = u;
	const char *l = xlsx_local(name);
	if (strcmp(l, "numFmt") == 0) {
		const char *id = xlsx_attr(atts, "numFmtId"), *code = xlsx_attr(atts, "formatCode");
		if (id && code && xlsx_code_is_date(code) && st->ndate < (int)(sizeof st->date_ids / sizeof *st->date_ids))
			st->date_ids[st->ndate++] = strtol(id, NULL, 10);
	} else if (strcmp(l, "cellXfs") == 0) {
		st->in_xfs = 1;
	} else if (strcmp(l, "xf") == 0 && st->in_xfs) {
		xf_add(st, xlsx_attr(atts, "numFmtId"));
	}
}

static void XMLCALL style_end(void *u, const XML_Char *name)
{
	struct styles *st = u;
	if (strcmp(xlsx_local(name), "cellXfs") == 0)
		st->in_xfs = 0;
}

static int read_styles(struct xlsx_book *b, const char *path)
{
	struct styles st = { 0 };
	XML_Parser p = xlsx_parser(b, &st);
	if (!p)
		return -1;
	XML_SetElementHandler(p, style_start, style_end);
	int rc = xlsx_part_open(b, &st.part, path, p);
	if (rc == 0)
		rc = xlsx_part_all(&st.part);
	xlsx_part_close(&st.part);
	return rc < 0 ? -1 : 0;
}

/* ---- the whole ---- */

static int open_zip(struct xlsx_book *b, const char *path)
{
	int err = 0;
	if ((b->zip = zip_open(path, ZIP_RDONLY, &err)))
		return 0;
	if (err == ZIP_ER_NOENT)
		return xlsx_fail(b, "找不到文件 %s", b->name);
	if (err == ZIP_ER_OPEN && errno == EACCES)
		return xlsx_fail(b, "没有权限读取文件 %s", b->name);
	zip_error_t ze;
	zip_error_init_with_code(&ze, err);
	xlsx_fail(b, "文件 %s 不是完好的 .xlsx 工作簿（zip 结构损坏：%s）：请在 Excel 或 WPS 中打开后重新保存",
	          b->name, zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return -1;
}

/* The folder of a part's path, with its slash ("xl/"). */
static void dir_of(const char *path, char *dir, size_t cap)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path + 1) : 0;
	snprintf(dir, cap, "%.*s", (int)n, path);
}

static int read_tables(struct xlsx_book *b, const char *book_path, const char *sheet,
                       char *sheet_path, size_t cap)
{
	struct workbook w;
	struct rels rs;
	char dir[256], rels_path[512], part[512];
	int rc = read_workbook(b, book_path, &w);
	if (rc == 0 && (rc = pick_sheet(b, &w, sheet)) >= 0) {
		dir_of(book_path, dir, sizeof dir);
		snprintf(rels_path, sizeof rels_path, "%s_rels/%s.rels", dir, book_path + strlen(dir));
		const char *rid = w.s[rc].rid, *nm = w.s[rc].name;
		rc = read_rels(b, rels_path, &rs);
		if (rc == 0 && !rel_path(&rs, NULL, rid, dir, sheet_path, cap))
			rc = xlsx_fail(b, "文件 %s 已损坏：找不到工作表「%s」的内容", b->name, nm);
		if (rc == 0 && rel_path(&rs, "/sharedStrings", NULL, dir, part, sizeof part))
			rc = read_strings(b, part);
		if (rc == 0 && rel_path(&rs, "/styles", NULL, dir, part, sizeof part))
			rc = read_styles(b, part);
		free(rs.r);
	}
	free(w.s);
	return rc < 0 ? -1 : 0;
}

int xlsx_book_open(struct xlsx_book *b, const char *path, const char *sheet, char *sheet_path,
                   size_t cap)
{
	struct rels root;
	char book_path[512];
	if (open_zip(b, path))
		return -1;
	if (read_rels(b, "_rels/.rels", &root)) {
		free(root.r);
		return -1;
	}
	if (!rel_path(&root, "/officeDocument", NULL, "", book_path, sizeof book_path))
		snprintf(book_path, sizeof book_path, "xl/workbook.xml");
	free(root.r);
	return read_tables(b, book_path, sheet, sheet_path, cap);
}

void xlsx_book_close(struct xlsx_book *b)
{
	if (b->zip)
		zip_discard(b->zip);
	free(b->pool);
	free(b->sst);
	free(b->xf_date);
	memset(b, 0, sizeof *b);
}
