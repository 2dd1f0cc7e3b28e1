/* funds.c — 经费台账: an application's funds, oldest first, with the
 * running balance, and its totals (预算, 拨付 incl. 配套, 支出, 结余) above.
 * The balance never goes below zero: the domain refuses a 支出 that would
 * take it there, and the form keeps what was typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/review/subs.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct funds {
	struct session *s;
	struct review_arg *arg;
	struct review_app *app;
	struct review_money money;
	char money_err[160];       /* why the totals could not be read, or "" */
	struct list_view list;
	struct review_arg sub;
};

static struct row_source *source(struct funds *w)
{
	return review_fund_list_source(w->s, w->app->id);
}

static void read_money(struct funds *w)
{
	struct dj_err e;
	w->money_err[0] = 0;
	if (review_money_of(w->s, w->app->id, &w->money, &e))
		snprintf(w->money_err, sizeof w->money_err, "无法读取经费合计：%s", e.msg);
}

static void *open_funds(struct app *a, void *arg)
{
	struct funds *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->app = subs_app_load(w->s, w->arg->id);
	if (!w->app || subs_list_show(&w->list, source(w), 2, "经费台账")) {
		free(w->app);
		free(w);
		return NULL;
	}
	read_money(w);
	return w;
}

static void close_funds(void *st)
{
	struct funds *w = st;
	list_view_free(&w->list);
	free(w->app);
	free(w);
}

/* "预算 1000.00  拨付 1000.00  支出 300.00  结余 700.00", after acceptance
 * saying whose the balance now is (seed 004 §五). */
static void totals_line(const struct funds *w, char *out, size_t cap)
{
	char b[32], g[32], sp[32], bal[32];
	if (w->money_err[0]) {
		snprintf(out, cap, "%s", w->money_err);
		return;
	}
	review_format_money(w->money.budget, b, sizeof b);
	review_format_money(w->money.granted, g, sizeof g);
	review_format_money(w->money.spent, sp, sizeof sp);
	review_format_money(w->money.balance, bal, sizeof bal);
	int kept = w->app->state == RV_PASSED || w->app->state == RV_HONOURED;
	snprintf(out, cap, "预算 %s  拨付 %s  支出 %s  结余 %s%s", b, g, sp, bal,
	         kept ? "（留作本支部活动经费）" : "");
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct funds *w = st;
	char head[400], line[200];
	subs_app_heading(w->app, head, sizeof head);
	totals_line(w, line, sizeof line);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	draw_text(frame_body_top() + 1, 0, term_cols(), line, ST_NORMAL);
	grid_draw(&w->list.g);
}

static void reload(struct funds *w)
{
	read_money(w);
	subs_list_reload(&w->list, source(w), 2, "经费台账", &w->sub.saved_id);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct funds *w = st;
	if (w->sub.changed) {
		w->arg->changed = 1;
		w->arg->saved_id = w->sub.saved_id;
	}
	w->sub.changed = 0;
	reload(w);
}

static enum outcome open_line(void *st, struct app *a, int64_t id)
{
	struct funds *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.kind = subs_app_flow(w->app);
	w->sub.batch_id = w->app->batch_id;
	w->sub.id = w->app->id;
	w->sub.sub_id = id;
	app_push(a, &review_fund_form_screen, &w->sub);
	return SCR_PUSH;
}

static enum outcome remove_selected(struct funds *w)
{
	struct review_fund f;
	struct dj_err e;
	int64_t id = grid_selected_id(&w->list.g);
	if (!id) {
		frame_message(MSG_ERROR, "没有选中的经费记录");
		return SCR_HANDLED;
	}
	if (review_fund_load(w->s, id, &f, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	char q[400];
	snprintf(q, sizeof q, "删除 %s %s「%s」%s 元？\n删除后不能恢复。", f.on_date, f.kind, f.item,
	         f.amount);
	if (!dialog_ask(q, 0))
		return SCR_REDRAW;
	if (review_fund_delete(w->s, id, f.version, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
	} else {
		frame_message(MSG_INFO, "已删除%s「%s」", f.kind, f.item);
		w->arg->changed = 1;
	}
	reload(w);
	return SCR_REDRAW;
}

static enum outcome actions(struct funds *w, struct app *a)
{
	static const char *const items[] = { "导出经费台账（xlsx/CSV）", "新增经费记录（F6）",
	                                     "打开所选记录（回车）", "删除所选记录（F8）" };
	int64_t id = grid_selected_id(&w->list.g);
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0:
		subs_list_export(&w->list, w->app, "经费台账");
		return SCR_REDRAW;
	case 1:
		return open_line(w, a, 0);
	case 2:
		return id ? open_line(w, a, id) : SCR_REDRAW;
	case 3:
		return remove_selected(w);
	default:
		return SCR_REDRAW;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct funds *w = st;
	if (k.code == K_F5) {
		reload(w);
		return SCR_REDRAW;
	}
	enum outcome o = list_view_key(&w->list, k, a, open_line, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F6:
		return open_line(w, a, 0);
	case K_F8:
		return remove_selected(w);
	case K_F9:
		return actions(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找",
                                        "删除", "操作", "退出" };

const struct screen review_funds_screen = {
	.name = "经费台账",
	.help = "一个申报项目的经费：预算、拨付、配套和每笔支出（日期、事项、金额、经手人），\n"
	        "按日期先后排列，最后一列为逐笔结余；上方为预算、拨付（含配套）、支出和结余合计。\n"
	        "结余 = 拨付 + 配套 − 支出，不能小于零：超过结余的支出不予保存（结余不足）。\n"
	        "预算只能在评审决定前登记；拨付、配套、支出在立项（入选）后、验收前登记。\n"
	        "验收通过后的结余留作本支部活动经费。\n"
	        "F6：新增经费记录（连续录入）。回车：打开所选记录。F8：删除（须确认）。\n"
	        "F9：操作菜单，可把经费台账导出为 xlsx 或 CSV 文件。F7 或 /：查找。F5 刷新。F3 或 Esc 返回。",
	.legend = legend,
	.open = open_funds,
	.close = close_funds,
	.draw = draw,
	.key = key,
	.resume = resume,
};
