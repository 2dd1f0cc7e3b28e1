/* festival.c — the 七一 and 春节 慰问名单: who is on the 关怀对象 register
 * on the festival's day (the next one to start with) under the
 * organization F4 chose, with 类别, 年龄, 电话, 住址, the last visit and the
 * 拟慰问金 of [care]; F9 exports it, prints it with a 签收 column, or
 * makes it for another day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/care.h"
#include "core/validate.h"
#include "screens/common/list_screen.h"
#include "screens/common/print_dialog.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct festival {
	struct session *s;
	int which;                 /* CARE_JULY1 or CARE_SPRING */
	char on[11];               /* the list's day */
	int64_t scope;             /* 0: the operator's scope */
	char scope_name[128];
	struct list_view list;
};

static int load(struct festival *w, int keep)
{
	list_scope_name(w->s, w->scope, w->scope_name, sizeof w->scope_name);
	return list_view_show(&w->list, care_list_source(w->s, w->scope, w->on), 1,
	                      "这一天没有在册的关怀对象：在「关怀对象」中按 F6 新增", keep, "慰问名单");
}

static void *open_list(struct app *a, int which)
{
	struct festival *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	char now[11];
	w->s = a->session;
	w->which = which;
	care_festival_next(which, today(now), w->on);
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void *open_july1(struct app *a, void *arg)
{
	(void)arg;
	return open_list(a, CARE_JULY1);
}

static void *open_spring(struct app *a, void *arg)
{
	(void)arg;
	return open_list(a, CARE_SPRING);
}

static void close_list(void *st)
{
	struct festival *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct festival *w = st;
	char head[256];
	snprintf(head, sizeof head, "%.4s 年%s慰问名单（%s 在册）  范围：%s（F4）", w->on,
	         care_festival_name(w->which), w->on, w->scope_name);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct festival *w = st;
	long long none = 0;
	list_view_resume(&w->list, &none);
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	(void)st;
	(void)a;
	(void)id;
	frame_message(MSG_INFO, "名单由关怀对象生成：在「关怀对象」中修改，F9 导出或打印");
	return SCR_HANDLED;
}

static int write_list(void *ctx, const char *path, FILE *report, int *n)
{
	struct festival *w = ctx;
	return care_list_export(w->s, w->scope, w->on, path, report, n);
}

static void change_day(struct festival *w)
{
	char typed[32], norm[11], why[WHY_MAX];
	snprintf(typed, sizeof typed, "%s", w->on);
	if (!dialog_input("名单日期", "列出这一天在册的关怀对象：", typed, sizeof typed))
		return;
	if (valid_date(typed, norm, why)) {
		frame_message(MSG_ERROR, "「名单日期」%s：%s", why, typed);
		return;
	}
	memcpy(w->on, norm, sizeof norm);
	load(w, LIST_KEEP_NOTHING);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct festival *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_record, w);
	if (o != SCR_PASS)
		return o;
	static const char *const actions[] = { "导出名单（.xlsx 或 .csv）", "打印名单（PDF，带签收栏）",
	                                       "更改名单日期" };
	char name[128], stem[64];
	switch (k.code) {
	case K_F4: {
		int64_t id = w->scope;
		if (list_pick_org(w->s, "选择范围（组织及其下级）", &id)) {
			w->scope = id;
			return load(w, LIST_KEEP_NOTHING) ? SCR_BACK : SCR_REDRAW;
		}
		return SCR_REDRAW;
	}
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F9:
		switch (dialog_pick("慰问名单", actions, 3, 0)) {
		case 0:
			snprintf(stem, sizeof stem, "%s慰问名单", care_festival_name(w->which));
			list_file_name(name, sizeof name, stem);
			list_export("导出慰问名单", name, "名关怀对象", NULL, write_list, w);
			break;
		case 1:
			print_dialog(w->s, FORM_CARE, care_list_key(w->which, w->on, w->scope), 0);
			break;
		case 2:
			change_day(w);
			break;
		}
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", NULL, "查找", NULL,
                                        "操作", "退出" };

#define HELP(day) "慰问名单：" day "当天在册的关怀对象（列入日期不晚于当天、尚未移出），姓名、支部、\n" \
	"类别、年龄、联系电话、家庭住址、最近一次慰问和拟慰问金（dangjian.ini [care] amount_old、\n" \
	"amount_hardship、amount_ill；多个类别取最高的）。F4：范围。F7 或 /：查找。\n" \
	"F9 操作：导出（.xlsx 或 .csv，带签收栏）、打印（PDF，带签收栏）、更改名单日期。"

const struct screen care_july1_list_screen = {
	.name = "七一慰问名单",
	.help = HELP("七一（7 月 1 日）"),
	.legend = legend, .open = open_july1, .close = close_list, .draw = draw, .key = key,
	.resume = resume,
};

const struct screen care_spring_list_screen = {
	.name = "春节慰问名单",
	.help = HELP("春节（农历正月初一）"),
	.legend = legend, .open = open_spring, .close = close_list, .draw = draw, .key = key,
	.resume = resume,
};
