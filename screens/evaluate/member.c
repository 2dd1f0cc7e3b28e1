/* member.c — one member's 民主评议党员 results by year (年度 组织 结果 处置
 * 限期 完成), opened from the member's record; Enter on a 不合格 year opens
 * its follow-up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluate/evaluate.h"
#include "member/member.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/draw.h"

struct results {
	struct session *s;
	struct evaluate_arg *arg;
	struct evaluate_arg sub;
	struct member m;
	struct list_view list;
};

static int load(struct results *w, int keep)
{
	return list_view_show(&w->list, evaluate_member_source(w->s, w->m.id), 1,
	                      "暂无民主评议记录（在党员管理 → 民主评议党员中登记）", keep, NULL);
}

static void *open_results(struct app *a, void *arg)
{
	struct results *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (member_load(w->s, w->arg->member_id, &w->m, &e) || load(w, LIST_KEEP_NOTHING)) {
		frame_message(MSG_ERROR, "%s", w->m.id ? "无法读取民主评议记录" : e.msg);
		free(w);
		return NULL;
	}
	return w;
}

static void close_results(void *st)
{
	struct results *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct results *w = st;
	char head[200];
	snprintf(head, sizeof head, "%s 的民主评议：回车查看不合格的处置", w->m.name);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct results *w = st;
	if (w->sub.changed)
		w->arg->changed = 1;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_line(void *st, struct app *a, int64_t id)
{
	struct results *w = st;
	struct eval_line l;
	struct dj_err e;
	if (evaluate_line_load(w->s, id, &l, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_HANDLED;
	}
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.round_id = l.round_id;
	w->sub.id = l.followup_id ? l.followup_id : l.id;
	app_push(a, l.followup_id ? &evaluate_followup_form_screen : &evaluate_line_form_screen, &w->sub);
	return SCR_PUSH;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct results *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_line, w);
	if (o != SCR_PASS)
		return o;
	if (k.code == K_F5)
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	return SCR_PASS;
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", NULL, "查找", NULL,
                                        NULL, "退出" };

const struct screen evaluate_member_screen = {
	.name = "民主评议记录",
	.help = "一名党员历年的民主评议党员结果：年度、组织、评议日期、结果，\n"
	        "不合格的处置（限期改正、劝退、除名）、限期和完成日期（未完成的标出）。\n"
	        "回车：不合格的年度打开处置，其他年度打开自评和得票。",
	.legend = legend, .open = open_results, .close = close_results, .draw = draw, .key = key,
	.resume = resume,
};
