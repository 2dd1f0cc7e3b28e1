/* nominate_ledger.c — 推荐台账: the nominations of one cycle (状态 推荐对象
 * 类别 称号 推荐单位 异议), with the cycle's state and dates at the top.  F6
 * 推荐 opens a new nomination, Enter one, F9 the steps (nominate_steps.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "honour/nominate.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/honour/nominate_screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

int nom_ledger_load(struct nom_ledger *w, int keep)
{
	struct dj_err e;
	if (nom_cycle_load(w->s, w->arg->cycle_id, &w->cycle, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	return list_view_show(&w->list, nomination_source(w->s, w->arg->cycle_id), 2,
	                      "没有推荐（F6 推荐）", keep, "推荐");
}

static void *open_ledger(struct app *a, void *arg)
{
	struct nom_ledger *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (nom_ledger_load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_ledger(void *st)
{
	struct nom_ledger *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct nom_ledger *w = st;
	const struct nom_cycle *c = &w->cycle;
	char head[320], dates[200] = "";
	snprintf(head, sizeof head, "%s  %s  %s（%s）", c->name, c->state, c->titles, c->level);
	if (*c->publicity_from)
		snprintf(dates, sizeof dates, "公示 %s 至 %s", c->publicity_from, c->publicity_to);
	if (*c->doc_no)
		snprintf(dates + strlen(dates), sizeof dates - strlen(dates), "  审批 %s %s",
		         c->approved_on, c->doc_no);
	if (!*dates)
		snprintf(dates, sizeof dates, "默认名额每单位每称号 %d 名%s%s", c->quota,
		         *c->due_on ? "  推荐截止 " : "", c->due_on);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	draw_text(frame_body_top() + 1, 0, term_cols(), dates, ST_NORMAL);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct nom_ledger *w = st;
	struct dj_err e;
	if (w->sub.changed)
		w->arg->changed = 1;
	nom_cycle_load(w->s, w->arg->cycle_id, &w->cycle, &e);
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

enum outcome nom_ledger_open(void *st, struct app *a, int64_t id)
{
	struct nom_ledger *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.cycle_id = w->arg->cycle_id;
	w->sub.id = id;
	app_push(a, &nominate_form_screen, &w->sub);
	return SCR_PUSH;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct nom_ledger *w = st;
	enum outcome o = list_view_key(&w->list, k, a, nom_ledger_open, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F5:
		return nom_ledger_load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能推荐");
			return SCR_HANDLED;
		}
		if (strcmp(w->cycle.state, "推荐中") != 0) {
			frame_message(MSG_ERROR, "「%s」已%s，不能再推荐", w->cycle.name, w->cycle.state);
			return SCR_HANDLED;
		}
		return nom_ledger_open(w, a, 0);
	case K_F9:
		return nom_ledger_steps(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "推荐", "查找", NULL,
                                        "操作", "退出" };

const struct screen nominate_ledger_screen = {
	.name = "推荐台账",
	.help = "一次表彰评选的推荐：状态、推荐对象、称号、推荐单位、公示异议数。\n"
	        "F6 推荐：选择党员或党组织（F4）和称号，填写推荐理由；超出名额或不符合条件的\n"
	        "不能推荐（[nominate] rules = warn 时可说明理由后继续，理由记入推荐）。\n"
	        "F9 操作：审核通过/不通过、开始公示（全部审核通过的）、登记异议、处理异议、\n"
	        "未批准、审批（填写日期、批准机关和文号：公示期满后，公示中的推荐全部批准，\n"
	        "记入荣誉台账）、设置某单位的名额、导出。",
	.legend = legend,
	.open = open_ledger,
	.close = close_ledger,
	.draw = draw,
	.key = key,
	.resume = resume,
};
