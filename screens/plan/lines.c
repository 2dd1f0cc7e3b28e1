/* lines.c — 支部分解表 of a split task: one row per branch with its 公开承诺,
 * 进展 and 状态, 逾期 marked; Enter fills one branch's line in.  The task's
 * state rolls up from these. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/draw.h"

struct lines {
	struct session *s;
	struct plan_arg *arg;
	struct plan_task t;
	struct list_view list;
	struct plan_arg sub;
};

static int load(struct lines *w, int keep)
{
	return list_view_show(&w->list, plan_line_source(w->s, w->t.id), 1,
	                      "该任务没有分解到支部", keep, "支部分解");
}

static void *open_lines(struct app *a, void *arg)
{
	struct lines *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (plan_task_load(w->s, w->arg->id, &w->t, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_lines(void *st)
{
	struct lines *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct lines *w = st;
	char head[200];
	snprintf(head, sizeof head, "支部分解：%.60s（期限 %s）", w->t.body, w->t.due);
	for (char *c = head; *c; c++)
		if (*c == '\n')
			*c = ' ';
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct lines *w = st;
	if (w->sub.changed)
		w->arg->changed = 1;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	struct lines *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.plan_id = w->t.plan_id;
	w->sub.id = id;
	app_push(a, &plan_line_form_screen, &w->sub);
	return SCR_PUSH;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct lines *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_record, w);
	if (o != SCR_PASS)
		return o;
	if (k.code == K_F5)
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	return SCR_PASS;
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", NULL, "查找", NULL,
                                        NULL, "退出" };

const struct screen plan_lines_screen = {
	.name = "支部分解",
	.help = "分解到支部的任务：每个党支部一行，公开承诺、进展情况和状态；逾期的标出。\n"
	        "回车：填写该支部的承诺、进展和状态。任务的状态由各支部汇总：\n"
	        "全部已完成为已完成，有进行中或已完成的为进行中，否则未开始。F7 按支部名称查找。",
	.legend = legend, .open = open_lines, .close = close_lines, .draw = draw, .key = key,
	.resume = resume,
};
