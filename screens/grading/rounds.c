/* rounds.c — 分类定级: the grading rounds, newest first.  Enter
 * opens a round's menu (settings, score sheets, ledger, confirmation,
 * rectification); F6 starts a new round. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grading/grading.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/grading/actions.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct rounds {
	struct session *s;
	struct list_view list;
	struct grading_arg arg;
};

static void *open_rounds(struct app *a, void *arg)
{
	(void)arg;
	struct rounds *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	struct row_source *rs = grading_round_list_source(w->s);
	if (list_view_show(&w->list, rs, 0,
	                   "暂无分类定级，按 F6 新建一轮（指标、来源、分数线按配置文件预填）",
	                   LIST_KEEP_NOTHING, "定级")) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_rounds(void *st)
{
	struct rounds *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	grid_draw(&((struct rounds *)st)->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct rounds *w = st;
	list_view_resume(&w->list, &w->arg.saved_id);
}

static enum outcome open_screen(struct rounds *w, struct app *a, const struct screen *sc,
                                int64_t round_id)
{
	memset(&w->arg, 0, sizeof w->arg);
	w->arg.round_id = round_id;
	app_push(a, sc, &w->arg);
	return SCR_PUSH;
}

static enum outcome remove_round(struct rounds *w)
{
	struct grading_round r;
	struct dj_err e;
	int64_t id = grid_selected_id(&w->list.g);
	char q[256];
	if (!id)
		return SCR_HANDLED;
	if (grading_round_load(w->s, id, &r, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	snprintf(q, sizeof q, "删除「%s」？\n只有还没有开始评分的定级才能删除。", r.name);
	if (!dialog_ask(q, 0))
		return SCR_REDRAW;
	if (grading_round_delete(w->s, id, r.version, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else
		frame_message(MSG_INFO, "已删除「%s」", r.name);
	grid_refresh(&w->list.g);
	return SCR_REDRAW;
}

static enum outcome actions(struct rounds *w, struct app *a)
{
	static const char *const items[] = { "打开本轮定级", "新建一轮分类定级", "删除本轮（未开始评分的）",
	                                     "全部整改台账", "导出全部定级台账（xlsx/CSV）",
	                                     "导出全部整改台账（xlsx/CSV）" };
	int64_t id = grid_selected_id(&w->list.g);
	switch (dialog_pick("操作", items, 6, 0)) {
	case 0:
		return id ? open_screen(w, a, &grading_hub_screen, id) : SCR_REDRAW;
	case 1:
		return open_screen(w, a, &grading_round_form_screen, 0);
	case 2:
		return remove_round(w);
	case 3:
		return open_screen(w, a, &rectify_list_screen, 0);
	case 4:
		grading_action_export(w->s, 0);
		return SCR_REDRAW;
	case 5:
		rectify_action_export(w->s, 0);
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome open_row(void *st, struct app *a, int64_t id)
{
	return open_screen(st, a, &grading_hub_screen, id);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct rounds *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_row, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F6:
		return open_screen(w, a, &grading_round_form_screen, 0);
	case K_F8:
		return remove_round(w);
	case K_F9:
		return actions(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新建", "查找", "删除",
                                        "操作", "退出" };

const struct screen grading_rounds_screen = {
	.name = "分类定级",
	.help = "基层党组织分类定级：每一轮对组织单位直属的党总支、党支部逐一评分定级。\n"
	        "回车：打开所选的一轮（设置、评分录入、定级台账、比例检查与确认、整改台账）。\n"
	        "F6：新建一轮，指标、来源权重、分数线和等次名称按配置文件预填。\n"
	        "F8：删除还没有开始评分的一轮。F7 或 /：查找（名称、年度、组织单位）。\n"
	        "F9：操作菜单，含全部整改台账和导出 xlsx 或 CSV。F5 刷新，F3 或 Esc 返回主菜单。\n"
	        "一轮的状态：设置中 → 评分中（开始评分后评分设置冻结）→ 已确认（锁定并公布）。",
	.legend = legend,
	.open = open_rounds,
	.close = close_rounds,
	.draw = draw,
	.key = key,
	.resume = resume,
};
