/* xlsx_part.c — XML parts streamed out of the workbook's zip, with the
 * limits that keep a hostile file from taking the server's memory: every
 * inflated byte is counted as it comes (the zip directory's sizes are not
 * trusted), an entry inflating beyond 200:1 is a zip bomb, and a DOCTYPE
 * or ENTITY declaration (which no workbook has) stops the parse. */
#include "docs/xlsx_part.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { CHUNK = 65536 };
/* A zip bomb: past BOMB_FLOOR inflated bytes, more than BOMB_RATIO times
 * what the entry holds compressed.  Real sheets compress 5–50:1. */
#define BOMB_FLOOR ((size_t)4 << 20)
#define BOMB_RATIO 200

int xlsx_fail(struct xlsx_book *b, const char *fmt, ...)
{
	if (!b->failed) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(b->why, sizeof b->why, fmt, ap);
		va_end(ap);
	}
	b->failed = 1;
	return -1;
}

static void XMLCALL no_doctype(void *u, const XML_Char *name, const XML_Char *sys,
                               const XML_Char *pub, int internal)
{
	(void)name, (void)sys, (void)pub, (void)internal;
	struct xlsx_part *pt = u;   /* every parser's user data starts with its part */
	xlsx_fail(pt->book, "文件 %s 的 %s 含有 DOCTYPE 声明：Excel 工作簿不会有，"
	          "这个文件可能是伪造的（实体炸弹），不予读取", pt->book->name, pt->path);
	XML_StopParser(pt->p, XML_FALSE);
}

static void XMLCALL no_entity(void *u, const XML_Char *name, int param, const XML_Char *value,
                              int len, const XML_Char *base, const XML_Char *sys,
                              const XML_Char *pub, const XML_Char *notation)
{
	(void)param, (void)value, (void)len, (void)base, (void)sys, (void)pub, (void)notation;
	struct xlsx_part *pt = u;
	xlsx_fail(pt->book, "文件 %s 的 %s 声明了实体「%.40s」：Excel 工作簿不会有，不予读取",
	          pt->book->name, pt->path, name);
	XML_StopParser(pt->p, XML_FALSE);
}

XML_Parser xlsx_parser(struct xlsx_book *b, void *u)
{
	XML_Parser p = XML_ParserCreateNS("UTF-8", '\1');
	if (!p) {
		xlsx_fail(b, "内存不足，无法读取文件 %s", b->name);
		return NULL;
	}
	XML_SetUserData(p, u);
	XML_SetStartDoctypeDeclHandler(p, no_doctype);
	XML_SetEntityDeclHandler(p, no_entity);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	return p;
}

const char *xlsx_local(const char *name)
{
	const char *s = strrchr(name, '\1');
	return s ? s + 1 : name;
}

const char *xlsx_attr(const char **atts, const char *local)
{
	for (int i = 0; atts[i]; i += 2)
		if (strcmp(xlsx_local(atts[i]), local) == 0)
			return atts[i + 1];
	return NULL;
}

int xlsx_part_open(struct xlsx_book *b, struct xlsx_part *pt, const char *path, XML_Parser p)
{
	memset(pt, 0, sizeof *pt);
	pt->book = b;
	pt->p = p;
	snprintf(pt->path, sizeof pt->path, "%s", path);
	zip_int64_t i = zip_name_locate(b->zip, path, 0);
	if (i < 0)
		return 1;
	zip_stat_t st;
	if (zip_stat_index(b->zip, (zip_uint64_t)i, 0, &st) != 0)
		return xlsx_fail(b, "文件 %s 已损坏：读不出其中的 %s", b->name, path);
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return xlsx_fail(b, "文件 %s 加了密码：请在 Excel 或 WPS 中取消密码、另存后再导入", b->name);
	pt->packed = (st.valid & ZIP_STAT_COMP_SIZE) ? (size_t)st.comp_size : 0;
	if (!(pt->f = zip_fopen_index(b->zip, (zip_uint64_t)i, 0)))
		return xlsx_fail(b, "文件 %s 已损坏：无法解压其中的 %s（%s）", b->name, path,
		                 zip_strerror(b->zip));
	return 0;
}

/* Counts n more inflated bytes against the limits. */
static int account(struct xlsx_part *pt, size_t n)
{
	struct xlsx_book *b = pt->book;
	pt->inflated += n;
	b->inflated += n;
	if (b->max_bytes && b->inflated > b->max_bytes)
		return xlsx_fail(b, "文件 %s 解压后超过导入上限 %zu MB（dangjian.ini [import] max_mb）："
		                 "请分成几个文件导入，或请管理员调高上限", b->name, b->max_bytes >> 20);
	if (pt->inflated > BOMB_FLOOR && pt->inflated / BOMB_RATIO > (pt->packed ? pt->packed : 1))
		return xlsx_fail(b, "文件 %s 的 %s 解压后比压缩时大 %d 倍以上，是“压缩炸弹”而不是正常的"
		                 "工作簿，不予读取", b->name, pt->path, BOMB_RATIO);
	return 0;
}

/* What expat's status means for the caller. */
static int status(struct xlsx_part *pt, enum XML_Status st)
{
	struct xlsx_book *b = pt->book;
	if (b->failed)
		return -1;
	if (st == XML_STATUS_SUSPENDED)
		return 2;
	if (st == XML_STATUS_ERROR)
		return xlsx_fail(b, "文件 %s 的 %s 不是正确的 XML（第 %lu 行：%s）：文件已损坏",
		                 b->name, pt->path, (unsigned long)XML_GetCurrentLineNumber(pt->p),
		                 XML_ErrorString(XML_GetErrorCode(pt->p)));
	return pt->done ? 0 : 1;
}

int xlsx_part_step(struct xlsx_part *pt)
{
	struct xlsx_book *b = pt->book;
	if (b->failed)
		return -1;
	if (pt->done)
		return 0;
	void *buf = XML_GetBuffer(pt->p, CHUNK);
	if (!buf)
		return xlsx_fail(b, "内存不足，无法读取文件 %s", b->name);
	zip_int64_t k = zip_fread(pt->f, buf, CHUNK);
	if (k < 0)
		return xlsx_fail(b, "文件 %s 已损坏：解压 %s 出错（%s）", b->name, pt->path,
		                 zip_file_strerror(pt->f));
	if (account(pt, (size_t)k))
		return -1;
	pt->done = k == 0;
	return status(pt, XML_ParseBuffer(pt->p, (int)k, pt->done));
}

int xlsx_part_resume(struct xlsx_part *pt)
{
	return status(pt, XML_ResumeParser(pt->p));
}

int xlsx_part_all(struct xlsx_part *pt)
{
	int rc;
	while ((rc = xlsx_part_step(pt)) == 1)
		;
	return rc < 0 ? -1 : 0;
}

void xlsx_part_close(struct xlsx_part *pt)
{
	if (pt->f)
		zip_fclose(pt->f);
	pt->f = NULL;
	if (pt->p)
		XML_ParserFree(pt->p);
	pt->p = NULL;
}
