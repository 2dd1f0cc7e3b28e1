/* people.c — 责任人任务: every task that names a person, one row per person
 * and task, open ones first and the nearest deadline first; F4 narrows it
 * to one person (picked from members and operators), Enter opens the task. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/grid.h"

struct people {
	struct session *s;
	char person[64];           /* "" = everyone */
	struct list_view list;
	struct plan_arg sub;
};

static int load(struct people *w, int keep)
{
	return list_view_show(&w->list, plan_person_source(w->s, w->person), 1,
	                      *w->person ? "此人名下没有任务（F4 换人）" : "暂无任务：在任务台账中按 F6 新增",
	                      keep, "责任人任务");
}

static void *open_people(struct app *a, void *arg)
{
	(void)arg;
	struct people *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_people(void *st)
{
	struct people *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct people *w = st;
	char head[160];
	snprintf(head, sizeof head, "责任人任务：%s（未完成的在前，期限近的在前；F4 选择责任人）",
	         *w->person ? w->person : "全部责任人");
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct people *w = st;
	w->sub.saved_id = 0;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	struct people *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.id = plan_person_task(w->s, id);
	if (!w->sub.id) {
		frame_message(MSG_ERROR, "该任务已不存在（F5 刷新）");
		return SCR_HANDLED;
	}
	app_push(a, &plan_task_form_screen, &w->sub);
	return SCR_PUSH;
}

/* F4: one person, or everyone again when the pick is left empty. */
static void pick_person(struct people *w)
{
	char filter[64] = "";
	struct rs_row row;
	struct row_source *rs = plan_person_pick_source(w->s);
	if (!rs) {
		frame_message(MSG_ERROR, "无法读取党员和操作员");
		return;
	}
	int picked = grid_pick(rs, "选择责任人（可输入拼音首字母；Esc 显示全部）", filter,
	                       sizeof filter, 0, &row);
	row_source_free(rs);
	snprintf(w->person, sizeof w->person, "%s", picked ? row.cell[0] : "");
	load(w, LIST_KEEP_NOTHING);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct people *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_record, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4:
		pick_person(w);
		return SCR_REDRAW;
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "选人", "刷新", NULL, "查找", NULL,
                                        NULL, "退出" };

const struct screen plan_people_screen = {
	.name = "责任人任务",
	.help = "每个责任人名下的任务：未完成的在前，期限近的在前；逾期的标出。\n"
	        "F4：只看一个人（从党员和操作员中选择，可输入拼音首字母；Esc 显示全部）。\n"
	        "回车：打开任务。F7 或 /：按姓名、拼音首字母、任务内容查找。< > 排序。",
	.legend = legend, .open = open_people, .close = close_people, .draw = draw, .key = key,
	.resume = resume,
};
