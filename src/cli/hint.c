/* hint.c — screen hints in messages turned into command-line ones. */
#include "cli/hint.h"

#include <string.h>

#include "admin/user.h"
#include "member/member.h"
#include "org/org.h"
#include "orglife/meeting.h"

#define ORGS_EXPORT "现有党组织可用 dangjian export orgs 文件.csv 导出查看"

/* A field's advice: its valid values, or a sentence. */
static const struct field_hint {
	const char *field;
	const char *const *values;
	const char *text;
} hints[] = {
	{ "所在党组织", NULL, "填写所在党支部的全称，" ORGS_EXPORT },
	{ "所在支部", NULL, "填写所在党支部的全称，" ORGS_EXPORT },
	{ "调入支部", NULL, "填写调入党支部的全称，" ORGS_EXPORT },
	{ "上级组织", NULL, "填写已有的或文件中另一行的上级组织全称，" ORGS_EXPORT },
	{ "组织", NULL, "填写党组织的全称，" ORGS_EXPORT },
	{ "组织单位", NULL, "填写党组织的全称，" ORGS_EXPORT },
	{ "党组织", NULL, "填写党组织的全称，" ORGS_EXPORT },
	{ "管辖范围", NULL, "--org 填写党组织的全称，" ORGS_EXPORT "；--org \"\" 为全部" },
	{ "类型", org_kinds, NULL },
	{ "类别", org_categories, NULL },
	{ "民族", member_ethnicities, NULL },
	{ "会议类型", meeting_types, NULL },
	{ "角色", NULL, "--role 可填 admin（管理员）、operator（操作员）或 viewer（只读）" },
};

/* Screen phrases and what the command line says instead; "" drops one. */
#define PICK "（按 F4 选择）"
static const struct { const char *screen, *cli; } phrases[] = {
	{ "，请按 F5 重新读取后再保存", "，请重新运行命令" },
	{ "，请按 F5 重新读取后再操作", "，请重新运行命令" },
	{ "，请按 F5 重新读取", "，请重新运行命令" },
	{ "，请按 F9 办理", "，请在程序中办理" },
	{ "（F9）", "（在程序中办理）" },
};

/* The first 「…」 in msg. */
static void first_field(const char *msg, char *out, size_t cap)
{
	out[0] = 0;
	const char *a = strstr(msg, "「"), *b = a ? strstr(a, "」") : NULL;
	if (!b)
		return;
	a += strlen("「");
	snprintf(out, cap, "%.*s", (int)(b - a), a);
}

static void pick_hint(const char *msg, char *out, size_t cap)
{
	char field[64];
	first_field(msg, field, sizeof field);
	for (size_t i = 0; i < sizeof hints / sizeof *hints; i++) {
		if (strcmp(hints[i].field, field) != 0)
			continue;
		if (hints[i].text) {
			snprintf(out, cap, "（%s）", hints[i].text);
			return;
		}
		size_t n = (size_t)snprintf(out, cap, "（可填：");
		for (const char *const *v = hints[i].values; *v && n < cap; v++)
			n += (size_t)snprintf(out + n, cap - n, "%s%s", v == hints[i].values ? "" : "、", *v);
		if (n < cap)
			snprintf(out + n, cap - n, "）");
		return;
	}
	out[0] = 0;   /* a field without advice: the message alone */
}

static void replace(char *s, size_t cap, const char *from, const char *to)
{
	char *at = strstr(s, from);
	if (!at)
		return;
	size_t tail = strlen(at + strlen(from)), len = strlen(to);
	if ((size_t)(at - s) + len + tail + 1 > cap)
		return;
	memmove(at + len, at + strlen(from), tail + 1);
	memcpy(at, to, len);
}

void cli_plain(const char *msg, char *out, size_t cap)
{
	snprintf(out, cap, "%s", msg);
	if (strstr(out, PICK)) {
		char hint[1024];
		pick_hint(msg, hint, sizeof hint);
		replace(out, cap, PICK, hint);
	}
	for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++)
		replace(out, cap, phrases[i].screen, phrases[i].cli);
}

void cli_plain_lines(FILE *to, const char *text)
{
	char line[2048];
	while (*text) {
		size_t len = strcspn(text, "\n");
		snprintf(line, sizeof line, "%.*s", (int)len, text);
		char out[4096];
		cli_plain(line, out, sizeof out);
		fprintf(to, "%s\n", out);
		text += len + (text[len] == '\n');
	}
}

void cli_error(const char *msg)
{
	char out[4096];
	cli_plain(msg, out, sizeof out);
	fprintf(stderr, "%s\n", out);
}
