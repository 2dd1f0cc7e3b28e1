/* tasks.c — 任务书: a 创建 application's tasks (任务书、路线图、时间表) with
 * their 责任人, deadlines and completion dates; late ones marked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/review/subs.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct tasks {
	struct session *s;
	struct review_arg *arg;
	struct review_app *app;
	struct list_view list;
	struct review_arg sub;
};

static struct row_source *source(struct tasks *w)
{
	return review_task_list_source(w->s, w->app->id);
}

static void *open_tasks(struct app *a, void *arg)
{
	struct tasks *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->app = subs_app_load(w->s, w->arg->id);
	if (w->app && subs_app_flow(w->app) != REVIEW_CREATE) {
		/* 立项 projects plan in their 实施方案 and 时间安排 instead. */
		frame_message(MSG_ERROR, "任务书只用于标杆学院、样板支部创建；立项项目的安排写在申报表的时间安排中");
		free(w->app);
		w->app = NULL;
	}
	if (!w->app || subs_list_show(&w->list, source(w), 1, "任务书")) {
		free(w->app);
		free(w);
		return NULL;
	}
	return w;
}

static void close_tasks(void *st)
{
	struct tasks *w = st;
	list_view_free(&w->list);
	free(w->app);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct tasks *w = st;
	char head[400];
	subs_app_heading(w->app, head, sizeof head);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void reload(struct tasks *w)
{
	subs_list_reload(&w->list, source(w), 1, "任务书", &w->sub.saved_id);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct tasks *w = st;
	if (w->sub.changed) {
		w->arg->changed = 1;
		w->arg->saved_id = w->sub.saved_id;
	}
	w->sub.changed = 0;
	reload(w);
}

static enum outcome open_task(void *st, struct app *a, int64_t id)
{
	struct tasks *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.kind = REVIEW_CREATE;
	w->sub.batch_id = w->app->batch_id;
	w->sub.id = w->app->id;
	w->sub.sub_id = id;
	app_push(a, &review_task_form_screen, &w->sub);
	return SCR_PUSH;
}

static enum outcome remove_selected(struct tasks *w)
{
	struct review_task t;
	struct dj_err e;
	int64_t id = grid_selected_id(&w->list.g);
	if (!id) {
		frame_message(MSG_ERROR, "没有选中的任务");
		return SCR_HANDLED;
	}
	if (review_task_load(w->s, id, &t, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	char q[400];
	snprintf(q, sizeof q, "删除任务「%s」？\n删除后不能恢复。", t.task);
	if (!dialog_ask(q, 0))
		return SCR_REDRAW;
	if (review_task_delete(w->s, id, t.version, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
	} else {
		frame_message(MSG_INFO, "已删除任务「%s」", t.task);
		w->arg->changed = 1;
	}
	reload(w);
	return SCR_REDRAW;
}

static enum outcome actions(struct tasks *w, struct app *a)
{
	static const char *const items[] = { "导出任务书（xlsx/CSV）", "新增任务（F6）", "打开所选任务（回车）",
	                                     "删除所选任务（F8）" };
	int64_t id = grid_selected_id(&w->list.g);
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0:
		subs_list_export(&w->list, w->app, "任务书");
		return SCR_REDRAW;
	case 1:
		return open_task(w, a, 0);
	case 2:
		return id ? open_task(w, a, id) : SCR_REDRAW;
	case 3:
		return remove_selected(w);
	default:
		return SCR_REDRAW;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct tasks *w = st;
	if (k.code == K_F5) {
		reload(w);
		return SCR_REDRAW;
	}
	enum outcome o = list_view_key(&w->list, k, a, open_task, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F6:
		return open_task(w, a, 0);
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

const struct screen review_tasks_screen = {
	.name = "任务书",
	.help = "标杆学院、样板支部创建的任务书（任务书、路线图、时间表）：\n"
	        "每项任务、责任人（多人用顿号分隔）、完成期限和完成日期。\n"
	        "行首 ! 为逾期：已过完成期限仍未填写完成日期。\n"
	        "回车：打开所选任务修改（完成后填写完成日期）。F6：新增任务（连续录入）。\n"
	        "F8：删除所选任务（须确认）。F9：操作菜单，可把任务书导出为 xlsx 或 CSV 文件。\n"
	        "F7 或 /：查找任务或责任人。F5 刷新。F3 或 Esc 返回申报表。",
	.legend = legend,
	.open = open_tasks,
	.close = close_tasks,
	.draw = draw,
	.key = key,
	.resume = resume,
};
