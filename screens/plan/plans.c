/* plans.c — 工作计划: the plans (实施方案) under the operator's scope, newest
 * year first; F6 a new plan, Enter opens one (its phases, F9 its tasks). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/draw.h"

struct plans {
	struct session *s;
	struct list_view list;
	struct plan_arg sub;
};

static int load(struct plans *w, int keep)
{
	return list_view_show(&w->list, plan_source(w->s), 1, "暂无工作计划，按 F6 新增", keep,
	                      "工作计划");
}

static void *open_plans(struct app *a, void *arg)
{
	(void)arg;
	struct plans *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_plans(void *st)
{
	struct plans *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct plans *w = st;
	draw_text(frame_body_top(), 0, term_cols(), "工作计划（实施方案）  回车打开：阶段、任务台账",
	          ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct plans *w = st;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	struct plans *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.plan_id = id;
	app_push(a, &plan_form_screen, &w->sub);
	return SCR_PUSH;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct plans *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_record, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能新增");
			return SCR_HANDLED;
		}
		return open_record(w, a, 0);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", NULL,
                                        NULL, "退出" };

const struct screen plan_list_screen = {
	.name = "工作计划",
	.help = "工作计划（实施方案）：年度、方案名称、印发单位、文号、任务数和逾期任务数。\n"
	        "回车：打开方案（阶段的新增、修改、删除；F9 任务台账）。F6：新增方案。\n"
	        "F7 或 /：按名称、文号、单位、年度查找。< > 选择排序列，r 反向。",
	.legend = legend, .open = open_plans, .close = close_plans, .draw = draw, .key = key,
	.resume = resume,
};
