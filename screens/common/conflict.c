/* conflict.c — see conflict.h. */
#include "screens/common/conflict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/audit.h"
#include "core/text.h"
#include "tui/dialog.h"

#define SHOWN_COLS 24   /* a value longer than this is cut with … in the report */

/* A member of one copy of the record, trimmed (form_store trims too). */
static void member_value(const struct form_field *d, const void *record, char *out, size_t cap)
{
	const char *m = (const char *)record + d->offset;
	size_t n = strnlen(m, d->size);
	snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), m);
	utf8_trim(out);
}

/* The label without its colon: "成立日期：" -> "成立日期". */
static void field_name(const struct form_field *d, char *out, size_t cap)
{
	snprintf(out, cap, "%s", d->label ? d->label : d->key);
	size_t n = strlen(out);
	const char *colon = "：";
	size_t cl = strlen(colon);
	if (n >= cl && strcmp(out + n - cl, colon) == 0)
		out[n - cl] = 0;
	else if (n && out[n - 1] == ':')
		out[n - 1] = 0;
}

static void append(char *out, size_t cap, const char *text)
{
	size_t n = strlen(out);
	if (n + 1 < cap)
		snprintf(out + n, cap - n, "%s", text);
}

/* A value as shown: one line, at most SHOWN_COLS columns, （空） for nothing. */
static void shown(const char *v, char *out, size_t cap)
{
	char line[512];
	snprintf(line, sizeof line, "%s", v);
	for (char *c = line; *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	if (!*line) {
		snprintf(out, cap, "（空）");
		return;
	}
	size_t fit = utf8_prefix_fitting(line, SHOWN_COLS);
	snprintf(out, cap, "%.*s%s", (int)fit, line, line[fit] ? "…" : "");
}

static void change_line(char *out, size_t cap, const char *name, const char *from,
                        const char *to, const char *note)
{
	char a[128], b[128], line[400];
	shown(from, a, sizeof a);
	shown(to, b, sizeof b);
	snprintf(line, sizeof line, "  %s：%s → %s%s\n", name, a, b, note);
	append(out, cap, line);
}

int conflict_report(const struct form_field *defs, int n, const char *who, const void *loaded,
                    const void *current, const void *typed, char *out, size_t cap)
{
	char was[1024], now[1024], mine[1024], name[64];
	int theirs = 0, own = 0;
	out[0] = 0;
	append(out, cap, who && *who ? who : "此记录在您打开后已被他人修改。");
	append(out, cap, "\n对方的改动：\n");
	for (int i = 0; i < n; i++) {
		member_value(&defs[i], loaded, was, sizeof was);
		member_value(&defs[i], current, now, sizeof now);
		if (strcmp(was, now) != 0) {
			field_name(&defs[i], name, sizeof name);
			change_line(out, cap, name, was, now, "");
			theirs++;
		}
	}
	if (!theirs)
		append(out, cap, "  （改动不在本表显示的栏目中）\n");
	append(out, cap, "您的改动：\n");
	for (int i = 0; i < n; i++) {
		if (defs[i].type == FT_READONLY)
			continue;
		member_value(&defs[i], loaded, was, sizeof was);
		member_value(&defs[i], typed, mine, sizeof mine);
		member_value(&defs[i], current, now, sizeof now);
		if (strcmp(was, mine) != 0) {
			field_name(&defs[i], name, sizeof name);
			int clash = strcmp(was, now) != 0 && strcmp(now, mine) != 0;
			change_line(out, cap, name, was, mine, clash ? "（对方也改了此栏）" : "");
			own++;
		}
	}
	if (!own)
		append(out, cap, "  （无）\n");
	return theirs;
}

/* "张三（zhangsan）于 2026-11-21 10:03 修改了此记录。" from the audit log. */
static void last_changer(struct session *s, const char *table, int64_t id, char *out, size_t cap)
{
	struct audit_entry a;
	out[0] = 0;
	if (audit_last_change(s, table, id, &a) != 0)
		return;
	if (strcmp(a.who, a.login) != 0)
		snprintf(out, cap, "%s（%s）于 %.16s %s了此记录。", a.who, a.login, a.at, a.action);
	else
		snprintf(out, cap, "%s 于 %.16s %s了此记录。", a.login, a.at, a.action);
	audit_entry_free(&a);
}

/* The operator's changes go back over the fresh copy, marked as changed so
 * F5 restores the stored value and leaving asks 保存修改？. */
static void merge(struct form *f, const void *loaded, const void *current, const void *typed)
{
	char was[1024], mine[1024];
	form_load(f, current);
	for (int i = 0; i < f->n; i++) {
		const struct form_field *d = &f->defs[i];
		if (d->type == FT_READONLY || d->size == 0)
			continue;
		member_value(d, loaded, was, sizeof was);
		member_value(d, typed, mine, sizeof mine);
		if (strcmp(was, mine) != 0)
			form_set(f, d->key, mine);
	}
}

enum conflict_choice conflict_resolve(struct form *f, struct session *s, const char *table,
                                      int64_t id, const void *loaded, const void *current,
                                      const void *typed)
{
	char who[256];
	size_t cap = 8192;
	char *text = malloc(cap);
	last_changer(s, table, id, who, sizeof who);
	if (text) {
		conflict_report(f->defs, f->n, who, loaded, current, typed, text, cap);
		append(text, cap, "\n按任意键选择如何处理。");
		dialog_message("此记录已被他人修改", text);
		free(text);
	}
	static const char *const choices[] = { "重新读取，保留我的改动（推荐）", "重新读取，放弃我的改动",
	                                       "暂不读取，继续编辑（内容不会丢失）" };
	switch (dialog_pick("如何处理您的修改？", choices, 3, 0)) {
	case 0:
		merge(f, loaded, current, typed);
		return CONFLICT_MERGE;
	case 1:
		form_load(f, current);
		return CONFLICT_THEIRS;
	default:
		return CONFLICT_KEEP;
	}
}
