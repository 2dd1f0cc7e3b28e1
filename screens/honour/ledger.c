/* ledger.c — 荣誉台账: every honour under the operator's scope, the newest
 * first; F4 filters by year, title and level, F7 finds by name, pinyin
 * initials or 文号, F6 registers a new one, Enter opens one, F9 exports or
 * revokes the selected.  Opened for one member or organization (from its
 * form) it lists that recipient's honours only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "honour/honour.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct honours {
	struct session *s;
	struct honour_filter filter;
	const char *for_kind;        /* opened for one recipient: "member"/"org", else NULL */
	int64_t for_id;
	struct honour_arg *parent;   /* the recipient's form: told when an honour changed */
	struct list_view list;
	struct honour_arg sub;
};

static int load(struct honours *w, int keep)
{
	return list_view_show(&w->list, honour_source(w->s, &w->filter), 1,
	                      "没有荣誉记录（F6 新增）", keep, "荣誉台账");
}

/* arg: NULL for the whole ledger, or a struct honour_arg naming the
 * recipient whose honours are listed. */
static void *open_honours(struct app *a, void *arg)
{
	struct honours *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	struct honour_arg *only = arg;
	if (only && only->kind && only->recipient_id) {
		w->parent = only;
		w->for_kind = only->kind;
		w->for_id = only->recipient_id;
		if (strcmp(only->kind, "org") == 0)
			w->filter.org_id = only->recipient_id;
		else
			w->filter.member_id = only->recipient_id;
	}
	if (only && only->year) {
		w->filter.year = only->year;
		if (only->title)
			snprintf(w->filter.title, sizeof w->filter.title, "%s", only->title);
	}
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_honours(void *st)
{
	struct honours *w = st;
	list_view_free(&w->list);
	free(w);
}

static void filter_words(const struct honours *w, char *out, size_t cap)
{
	char year[16] = "";
	if (w->filter.year)
		snprintf(year, sizeof year, "%d 年 ", w->filter.year);
	snprintf(out, cap, "%s%s%s%s", year, w->filter.title, *w->filter.level ? " " : "",
	         w->filter.level);
	if (!*out)
		snprintf(out, cap, "全部年度、称号和级别");
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct honours *w = st;
	char head[320], words[160];
	filter_words(w, words, sizeof words);
	snprintf(head, sizeof head, "%s荣誉台账  %s（F4 筛选；已撤销的显示为灰色）",
	         w->for_kind ? "本记录的" : "", words);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct honours *w = st;
	if (w->sub.changed && w->parent)
		w->parent->changed = 1;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_honour(void *st, struct app *a, int64_t id)
{
	struct honours *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.id = id;
	w->sub.kind = w->for_kind;
	w->sub.recipient_id = w->for_id;
	app_push(a, &honour_form_screen, &w->sub);
	return SCR_PUSH;
}

/* F4: a year (typed, empty for all), then a title and a level from the
 * configured lists, each with 全部 first. */
static enum outcome choose_filter(struct honours *w)
{
	char year[16] = "", names[HONOUR_MAX_CHOICES][64];
	const char *items[HONOUR_MAX_CHOICES + 1];
	if (w->filter.year)
		snprintf(year, sizeof year, "%d", w->filter.year);
	for (;;) {
		if (!dialog_input("筛选荣誉台账", "年度（如 2026，留空为全部）：", year, sizeof year))
			return SCR_REDRAW;
		int y = atoi(year);
		if (!*year || (y >= 1921 && y <= 2200 && strspn(year, "0123456789") == strlen(year))) {
			w->filter.year = *year ? y : 0;
			break;
		}
		dialog_message("年度有误", "年度须为四位数字，如 2026");
	}
	items[0] = "全部称号";
	int n = honour_titles(w->s, names, HONOUR_MAX_CHOICES);
	for (int i = 0; i < n; i++)
		items[i + 1] = names[i];
	int pick = dialog_pick("荣誉称号", items, n + 1, 0);
	if (pick >= 0)
		snprintf(w->filter.title, sizeof w->filter.title, "%s", pick ? items[pick] : "");
	items[0] = "全部级别";
	n = honour_levels(w->s, names, HONOUR_MAX_CHOICES);
	for (int i = 0; i < n; i++)
		items[i + 1] = names[i];
	pick = dialog_pick("级别", items, n + 1, 0);
	if (pick >= 0)
		snprintf(w->filter.level, sizeof w->filter.level, "%s", pick ? items[pick] : "");
	load(w, LIST_KEEP_FIND);
	return SCR_REDRAW;
}

/* 撤销 the selected: a date and a reason, asked until the core takes them. */
static enum outcome revoke_selected(struct honours *w)
{
	struct honour h;
	struct dj_err e;
	int64_t id = grid_selected_id(&w->list.g);
	if (!id) {
		frame_message(MSG_ERROR, "没有选中的荣誉记录");
		return SCR_HANDLED;
	}
	if (honour_load(w->s, id, &h, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	if (*h.revoked_on) {
		frame_message(MSG_ERROR, "该荣誉已于 %s 撤销", h.revoked_on);
		return SCR_REDRAW;
	}
	char date[32], reason[256] = "";
	today(date);
	for (;;) {
		if (!dialog_input("撤销荣誉", "撤销日期：", date, sizeof date) ||
		    !dialog_input("撤销荣誉", "撤销原因：", reason, sizeof reason))
			return SCR_REDRAW;
		if (honour_revoke(w->s, id, h.version, date, reason, &e) == 0)
			break;
		dialog_message("不能撤销", e.msg);
		if (e.code == DJ_CONFLICT || e.code == DJ_DENIED)
			return SCR_REDRAW;
	}
	frame_message(MSG_INFO, "已撤销「%s」的%s（记录保留，不能再修改）", h.recipient, h.title);
	if (w->parent)
		w->parent->changed = 1;
	load(w, LIST_KEEP_FIND | LIST_KEEP_ROW);
	return SCR_REDRAW;
}

static int write_ledger(void *ctx, const char *path, FILE *report, int *n)
{
	struct honours *w = ctx;
	return honour_export(w->s, &w->filter, path, report, n);
}

static enum outcome actions(struct honours *w, struct app *a)
{
	static const char *const items[] = { "导出荣誉台账（xlsx/CSV，含事迹和撤销原因）",
	                                     "新增荣誉记录（F6）", "撤销所选荣誉" };
	char name[128];
	switch (dialog_pick("操作", items, 3, 0)) {
	case 0:
		list_file_name(name, sizeof name, "荣誉台账");
		list_export("导出荣誉台账", name, "条荣誉记录", NULL, write_ledger, w);
		return SCR_REDRAW;
	case 1:
		return open_honour(w, a, 0);
	case 2:
		return revoke_selected(w);
	default:
		return SCR_REDRAW;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct honours *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_honour, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4:
		return choose_filter(w);
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能新增荣誉记录");
			return SCR_HANDLED;
		}
		return open_honour(w, a, 0);
	case K_F9:
		return actions(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "筛选", "刷新", "新增", "查找", NULL,
                                        "操作", "退出" };

const struct screen honour_ledger_screen = {
	.name = "荣誉台账",
	.help = "表彰荣誉台账：授予党员和党组织的各项荣誉，最新的在前；已撤销的显示为灰色。\n"
	        "回车：打开登记表。F6：新增。F4：按年度、荣誉称号、级别筛选。\n"
	        "F7 或 /：按获得者姓名、拼音首字母或文号查找。< > 选择排序列，r 反向。\n"
	        "F9：导出（xlsx 或 CSV）、撤销所选荣誉（填写日期和原因；荣誉不删除，撤销后只读）。\n"
	        "称号和级别在 dangjian.ini [honours] 中配置。",
	.legend = legend,
	.open = open_honours,
	.close = close_honours,
	.draw = draw,
	.key = key,
	.resume = resume,
};
