/* audit_browse.c — 操作日志: every insert, change, close-out and delete, who
 * made it and when, newest first; filtered by person, object, record and
 * dates (F4), searched (F7), each entry's fields before and after (Enter),
 * exported as CSV (F9).  Admins only.  The log cannot be edited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/audit.h"
#include "screens/common/list_screen.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

struct filter_arg {
	struct audit_filter filter;
	int applied;          /* set by the filter form when F2 passed */
};

struct audit_browse {
	struct session *s;
	struct list_view list;
	struct filter_arg arg;
};

/* ---- the filter form --------------------------------------------- */

#define M(member) FORM_MEMBER(struct audit_filter, member)
static const struct form_field filter_fields[] = {
	{ .key = "who", .label = "操作员：", .row = 1, .col = 2, .width = 20, .type = FT_TEXT, M(who),
	  .help = "操作员的登录名或姓名；不填为全部。" },
	{ .key = "table", .label = "对象：", .row = 3, .col = 2, .width = 10, .type = FT_CHOICE,
	  .choices = audit_table_labels, M(table),
	  .help = "记录的种类：党组织、党员、会议……按 F4 选择；不填为全部。" },
	{ .key = "row_id", .label = "记录号：", .row = 3, .col = 42, .width = 10, .type = FT_INT,
	  M(row_id), .help = "某一条记录的编号（日志列表「记录」栏 # 后的数字，详情中也有）。" },
	{ .key = "from", .label = "起始日期：", .row = 5, .col = 2, .width = 11, .type = FT_DATE,
	  M(from), .help = "只看这一天及以后的记录；不填为不限。" },
	{ .key = "to", .label = "截止日期：", .row = 5, .col = 42, .width = 11, .type = FT_DATE,
	  M(to), .help = "只看这一天及以前的记录；不填为不限。" },
};
#undef M
enum { NFILTER = sizeof filter_fields / sizeof *filter_fields };

struct filter_form {
	struct filter_arg *arg;
	struct form f;
};

static void *open_filter(struct app *a, void *arg)
{
	struct filter_form *w = calloc(1, sizeof *w);
	if (!w || form_init(&w->f, filter_fields, NFILTER, a->session)) {
		free(w);
		return NULL;
	}
	w->arg = arg;
	form_load(&w->f, &w->arg->filter);
	return w;
}

static void close_filter(void *st)
{
	struct filter_form *w = st;
	form_free(&w->f);
	free(w);
}

static void draw_filter(void *st, struct app *a)
{
	(void)a;
	struct filter_form *w = st;
	form_draw(&w->f);
	frame_status("筛选操作日志：各栏都不填为全部", "F2 确定");
}

static int apply_filter(void *st)
{
	struct filter_form *w = st;
	struct audit_filter f = w->arg->filter;
	struct dj_err e;
	form_store(&w->f, &f);
	if (audit_filter_check(&f, &e)) {
		form_fail(&w->f, &e);
		return -1;
	}
	w->arg->filter = f;
	w->arg->applied = 1;
	return 0;
}

static enum outcome filter_key(void *st, struct app *a, struct key k)
{
	(void)a;
	return record_form_key_once(&((struct filter_form *)st)->f, k, apply_filter, st);
}

static const char *const filter_legend[10] = { "帮助", "确定", "返回", "选择", "还原", NULL, NULL,
                                               NULL, NULL, "退出" };

static const struct screen audit_filter_screen = {
	.name = "筛选操作日志",
	.help = "填写筛选条件后按 F2（或在最后一栏回车）回到操作日志。\n"
	        "各栏都不填即显示全部记录。F4 在「对象」栏选择记录种类。\n"
	        "日期可写成 2026-11-21、20261121 或 2026.11.21。",
	.legend = filter_legend,
	.open = open_filter,
	.close = close_filter,
	.draw = draw_filter,
	.key = filter_key,
};

/* ---- the list ------------------------------------------------------ */

static int load_list(struct audit_browse *b)
{
	struct dj_err e;
	struct row_source *rs = audit_list_source(b->s, &b->arg.filter, &e);
	if (!rs) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	return list_view_show(&b->list, rs, 1, "暂无操作记录（或没有符合筛选条件的记录，按 F4 修改筛选）",
	                      LIST_KEEP_NOTHING, "操作日志");
}

static void *open_browse(struct app *a, void *arg)
{
	(void)arg;
	struct audit_browse *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->s = a->session;
	if (load_list(b)) {
		free(b);
		return NULL;
	}
	return b;
}

static void close_browse(void *st)
{
	struct audit_browse *b = st;
	list_view_free(&b->list);
	free(b);
}

static void describe_filter(const struct audit_filter *f, char *out, size_t cap)
{
	snprintf(out, cap, "筛选：");
	size_t n = strlen(out);
	if (*f->who)
		n += (size_t)snprintf(out + n, cap - n, "操作员 %s  ", f->who);
	const char *table = *f->table ? audit_table_name(f->table) : NULL;
	if (*f->table && n < cap)
		n += (size_t)snprintf(out + n, cap - n, "对象 %s  ", table ? audit_table_label(table) : f->table);
	if (*f->row_id && n < cap)
		n += (size_t)snprintf(out + n, cap - n, "记录号 %s  ", f->row_id);
	if ((*f->from || *f->to) && n < cap)
		n += (size_t)snprintf(out + n, cap - n, "日期 %s 至 %s  ", *f->from ? f->from : "不限",
		                      *f->to ? f->to : "不限");
	if (n == strlen("筛选：") && n < cap)
		snprintf(out + n, cap - n, "全部记录（F4 筛选，F7 查找）");
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct audit_browse *b = st;
	char line[512];
	describe_filter(&b->arg.filter, line, sizeof line);
	draw_text(frame_body_top(), 0, term_cols(), line, ST_HEADING);
	grid_draw(&b->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct audit_browse *b = st;
	if (b->arg.applied)
		load_list(b);
	else
		grid_refresh(&b->list.g);
	b->arg.applied = 0;
}

/* Copies text with two spaces before each line, so fields stand out under
 * their heading. */
static void indent_lines(const char *text, char *out, size_t cap)
{
	size_t n = strlen(out);
	for (const char *line = text; *line && n + 3 < cap;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) + 1 : strlen(line);
		n += (size_t)snprintf(out + n, cap - n, "  %.*s", (int)len, line);
		line += len;
	}
}

static void entry_text(const struct audit_entry *a, char *out, size_t cap)
{
	char who[160];
	if (strcmp(a->who, a->login) != 0)
		snprintf(who, sizeof who, "%s（%s）", a->who, a->login);
	else
		snprintf(who, sizeof who, "%s", a->login);
	snprintf(out, cap, "时间：%s\n操作员：%s\n对象：%s\n记录：%s\n操作：%s\n%s\n", a->at, who,
	         audit_table_label(a->table), a->record, a->action,
	         a->old_json && a->new_json ? "改动：" : a->new_json ? "内容：" : "原内容：");
	char *fields = malloc(cap);
	if (!fields)
		return;
	if (audit_diff_text(a->table, a->old_json, a->new_json, fields, cap) == 0)
		snprintf(fields, cap, "（无栏目改动）");
	indent_lines(fields, out, cap);
	free(fields);
}

static void show_entry(struct audit_browse *b)
{
	struct audit_entry a;
	struct dj_err e;
	int64_t id = grid_selected_id(&b->list.g);
	if (!id)
		return;
	if (audit_get(b->s, id, &a, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return;
	}
	size_t cap = 16384;
	char *text = malloc(cap), title[64];
	if (text) {
		entry_text(&a, text, cap);
		snprintf(title, sizeof title, "操作日志第 %lld 条", (long long)a.id);
		dialog_message(title, text);
		free(text);
	}
	audit_entry_free(&a);
}

static int write_log(void *ctx, const char *path, FILE *report, int *n)
{
	struct audit_browse *b = ctx;
	return audit_export(b->s, &b->arg.filter, path, report, n);
}

static void export_list(struct audit_browse *b)
{
	char path[256];
	list_file_name(path, sizeof path, "操作日志");
	list_export("导出操作日志（当前筛选条件）", path, "条操作记录", NULL, write_log, b);
}

static enum outcome open_filter_form(struct audit_browse *b, struct app *a)
{
	b->arg.applied = 0;
	app_push(a, &audit_filter_screen, &b->arg);
	return SCR_PUSH;
}

static enum outcome actions(struct audit_browse *b, struct app *a)
{
	static const char *const items[] = { "查看所选记录的详情", "筛选…", "清除筛选",
	                                     "导出当前列表（xlsx/CSV）" };
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0:
		show_entry(b);
		return SCR_REDRAW;
	case 1:
		return open_filter_form(b, a);
	case 2:
		memset(&b->arg.filter, 0, sizeof b->arg.filter);
		load_list(b);
		return SCR_REDRAW;
	case 3:
		export_list(b);
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome open_entry(void *st, struct app *a, int64_t id)
{
	(void)a;
	(void)id;
	show_entry(st);
	return SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct audit_browse *b = st;
	enum outcome o = list_view_key(&b->list, k, a, open_entry, b);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4:
		return open_filter_form(b, a);
	case K_F6:
	case K_F8:
		frame_message(MSG_ERROR, "操作日志由系统自动记录，不能新增、修改或删除");
		return SCR_REDRAW;
	case K_F9:
		return actions(b, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "筛选", "刷新", NULL, "查找", NULL,
                                        "操作", "退出" };

const struct screen audit_browse_screen = {
	.name = "操作日志",
	.help = "系统自动记录的每一次新增、修改、撤销和删除：谁、何时、哪条记录、改了什么。\n"
	        "最新的在最上面；r 反向排序，< 和 > 选择排序列。\n"
	        "回车：查看所选记录的详情（每一栏改动前后的内容）。\n"
	        "F4：按操作员、对象、记录号和日期筛选。F7 或 /：查找文字（姓名、组织名等）。\n"
	        "F9：操作菜单（详情、筛选、清除筛选、导出当前列表为 xlsx 或 CSV）。\n"
	        "操作日志不能修改或删除。只有管理员能进入本屏。\n"
	        "F5 刷新，F3 或 Esc 返回主菜单，F10 退出系统。",
	.legend = legend,
	.open = open_browse,
	.close = close_browse,
	.draw = draw,
	.key = key,
	.resume = resume,
};
