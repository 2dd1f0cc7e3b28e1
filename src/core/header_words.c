/* header_words.c — header words of real rosters.  The synonyms are the
 * words the 党员花名册 and 党组织 tables of township and college offices
 * use (issue 15); each maps onto a column name some import defines, and an
 * import without that column simply never meets it. */
#include "core/header_words.h"

#include <stdio.h>
#include <string.h>

void header_normal(const char *cell, char *out, size_t cap)
{
	size_t k = 0;
	for (const char *p = cell; *p && k + 4 < cap;) {
		const char *put = NULL;
		size_t skip = 1;
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			put = "";
		else if (strncmp(p, "\xE3\x80\x80", 3) == 0)   /* U+3000 */
			put = "", skip = 3;
		else if (strncmp(p, "\xC2\xA0", 2) == 0)   /* U+00A0 */
			put = "", skip = 2;
		else if (*p == '(')
			put = "（";
		else if (*p == ')')
			put = "）";
		if (!put) {
			out[k++] = *p++;
			continue;
		}
		size_t n = strlen(put);
		memcpy(out + k, put, n);
		k += n;
		p += skip;
	}
	out[k] = 0;
}

static const struct { const char *word, *column; } synonyms[] = {
	/* members */
	{ "名字", "姓名" }, { "党员姓名", "姓名" },
	{ "出生年月", "出生日期" }, { "出生时间", "出生日期" }, { "出生年月日", "出生日期" },
	{ "身份证号码", "身份证号" }, { "公民身份号码", "身份证号" }, { "身份证", "身份证号" },
	{ "公民身份证号码", "身份证号" }, { "身份证件号码", "身份证号" },
	{ "文化程度", "学历" }, { "最高学历", "学历" },
	{ "入党时间", "入党日期" }, { "入党年月", "入党日期" },
	{ "转正时间", "转正日期" }, { "转正年月", "转正日期" },
	{ "所在支部", "所在党组织" }, { "所在党支部", "所在党组织" }, { "所属支部", "所在党组织" },
	{ "所属党组织", "所在党组织" }, { "所属党支部", "所在党组织" }, { "支部", "所在党组织" },
	{ "党员类别", "人员类别" }, { "党员类型", "人员类别" },
	{ "所在党小组", "党小组" },
	{ "手机", "联系电话" }, { "手机号", "联系电话" }, { "手机号码", "联系电话" },
	{ "电话", "联系电话" }, { "联系方式", "联系电话" }, { "电话号码", "联系电话" },
	{ "工作单位及职务", "工作岗位" }, { "工作单位及职务（岗位）", "工作岗位" }, { "职务", "工作岗位" },
	{ "岗位", "工作岗位" },
	/* organizations */
	{ "组织名称", "党组织名称" }, { "党组织全称", "党组织名称" }, { "名称", "党组织名称" },
	{ "上级党组织", "上级组织" }, { "上级党组织名称", "上级组织" },
	{ "组织类型", "类型" }, { "党组织类型", "类型" },
	{ "组织类别", "类别" }, { "党组织类别", "类别" }, { "单位类别", "类别" },
	{ "成立时间", "成立日期" }, { "党组织书记", "书记" }, { "支部书记", "书记" },
	{ "换届时间", "本届选举日期" }, { "换届日期", "本届选举日期" }, { "选举日期", "本届选举日期" },
	{ "任期", "任期（年）" }, { "批准成立文号", "批准文号" },
};

const char *header_synonym(const char *normal)
{
	for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++)
		if (strcmp(normal, synonyms[i].word) == 0)
			return synonyms[i].column;
	return NULL;
}

int header_ignored(const char *normal)
{
	return !*normal || strcmp(normal, "序号") == 0 || strcmp(normal, "编号") == 0;
}
