/* tasks.c — 任务台账 of one plan: 组 任务 责任人 期限 状态, 逾期 marked,
 * sorted by 期限 first; F7 finds by text or 责任人 (pinyin initials too);
 * F6 enters tasks one after another, Enter opens one, F9 exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct tasks {
	struct session *s;
	struct plan p;
	struct list_view list;
	struct plan_arg sub;
};

static int load(struct tasks *w, int keep)
{
	return list_view_show(&w->list, plan_task_source(w->s, w->p.id, 0), 1,
	                      "本计划暂无任务，按 F6 新增", keep, "任务");
}

static void *open_tasks(struct app *a, void *arg)
{
	struct plan_arg *pa = arg;
	struct dj_err e;
	int64_t id = pa && pa->plan_id ? pa->plan_id : plan_current(a->session);
	if (!id) {
		frame_message(MSG_ERROR, "还没有工作计划：请先在「工作计划」中按 F6 新增");
		return NULL;
	}
	struct tasks *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (plan_load(w->s, id, &w->p, &e)) {
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

static void close_tasks(void *st)
{
	struct tasks *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct tasks *w = st;
	char head[200];
	snprintf(head, sizeof head, "%d %s 任务台账（逾期的标出）", w->p.year, w->p.name);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct tasks *w = st;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	struct tasks *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.plan_id = w->p.id;
	w->sub.id = id;
	app_push(a, &plan_task_form_screen, &w->sub);
	return SCR_PUSH;
}

static int write_tasks(void *ctx, const char *path, FILE *report, int *n)
{
	struct tasks *w = ctx;
	return plan_task_export(w->s, w->p.id, path, report, n);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct tasks *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_record, w);
	if (o != SCR_PASS)
		return o;
	char name[128];
	switch (k.code) {
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能新增");
			return SCR_HANDLED;
		}
		return open_record(w, a, 0);
	case K_F9:
		list_file_name(name, sizeof name, "任务台账");
		list_export("导出任务台账", name, "行（任务和支部分解）", NULL, write_tasks, w);
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", NULL,
                                        "导出", "退出" };

const struct screen plan_tasks_screen = {
	.name = "任务台账",
	.help = "一个工作计划的任务：分组、任务内容、责任人、期限、状态；逾期的（过了期限仍未完成）标出。\n"
	        "回车：打开任务（责任人、落实对象、进展记录；分解到支部的按 F9 看各支部）。\n"
	        "F6：连续录入任务（Ctrl-D 同上，责任人按 F4 选择）。F7 或 /：按内容、责任人查找。\n"
	        "< > 选择排序列（默认按期限），r 反向。F9：导出 xlsx 或 CSV（含各支部的分解）。",
	.legend = legend, .open = open_tasks, .close = close_tasks, .draw = draw, .key = key,
	.resume = resume,
};
