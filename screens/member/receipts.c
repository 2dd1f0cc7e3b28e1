/* receipts.c — 回执台账: every 转出 whose 介绍信 回执 has not come back,
 * overdue ones first marked, by due date; Enter records the day it came
 * back.  F6 shows the returned ones too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "member/member.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/member/actions.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct receipts {
	struct session *s;
	int64_t root;
	int all;
	long overdue;
	char scope[128];
	struct list_view list;
};

static int load(struct receipts *w, int keep)
{
	int64_t root = w->root ? w->root : w->s->scope_org;
	struct row_source *rs = member_receipt_source(w->s, root, w->all);
	if (list_view_show(&w->list, rs, 1,
	                   w->all ? "没有转出记录" : "没有待退回的回执（F6 显示已退回的）", keep,
	                   "回执台账"))
		return -1;
	w->overdue = member_receipts_overdue(w->s, root);
	list_scope_name(w->s, w->root, w->scope, sizeof w->scope);
	return 0;
}

static void *open_receipts(struct app *a, void *arg)
{
	(void)arg;
	struct receipts *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_receipts(void *st)
{
	struct receipts *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct receipts *w = st;
	char head[320];
	snprintf(head, sizeof head, "%s  %s介绍信回执，逾期未回 %ld 份（行首 ! 为逾期）", w->scope,
	         w->all ? "全部" : "待退回的", w->overdue < 0 ? 0 : w->overdue);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct receipts *w = st;
	grid_refresh(&w->list.g);
}

/* Asks for the day the 回执 came back until it is one the core takes, or
 * the operator gives up; what was typed stays in the box after a refusal. */
static enum outcome record(void *st, struct app *a, int64_t id)
{
	(void)a;
	struct receipts *w = st;
	char date[32];
	today(date);
	for (;;) {
		if (!dialog_input("登记回执", "回执退回日期（留空为清除）：", date, sizeof date))
			return SCR_REDRAW;
		struct dj_err e;
		if (member_record_receipt(w->s, id, date, &e) == 0)
			break;
		dialog_message("不能登记", e.msg);
	}
	frame_message(MSG_INFO, *date ? "回执已登记" : "回执日期已清除");
	load(w, LIST_KEEP_FIND | LIST_KEEP_ROW);
	return SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct receipts *w = st;
	int64_t root = w->root ? w->root : w->s->scope_org;
	enum outcome o = list_view_key(&w->list, k, a, record, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4:
		if (!member_pick_scope(w->s, &root))
			return SCR_REDRAW;
		w->root = root;
		return load(w, LIST_KEEP_FIND) ? SCR_BACK : SCR_REDRAW;
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		w->all = !w->all;
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F9:
		member_export_rows(w->list.rs, "回执台账", "转出记录");
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", "全部", "查找", NULL,
                                        "导出", "退出" };

const struct screen member_receipts_screen = {
	.name = "回执台账",
	.help = "转出党员的组织关系介绍信回执：按应退回日期排列，逾期的行首标 !。\n"
	        "应退回日期为转出日期加 dangjian.ini [moves] receipt_days 天（默认 30 天）。\n"
	        "回车：登记回执退回的日期（留空为清除误登记的日期）。\n"
	        "F6：在待退回和全部（含已退回）之间切换。F4：选择范围。F7 或 /：按姓名、去往或编号查找。\n"
	        "F9：导出为 xlsx 或 CSV。",
	.legend = legend,
	.open = open_receipts,
	.close = close_receipts,
	.draw = draw,
	.key = key,
	.resume = resume,
};
