/* rounds.c — 述职评议 rounds under the operator's scope: Enter opens the
 * round's 评议录入 sheet, F6 a new round, F8 deletes one with nothing
 * recorded, F9 the round's settings or the export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/appraise.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct rounds {
	struct session *s;
	struct list_view list;
	struct appraise_arg sub;
};

static int load(struct rounds *w, int keep)
{
	return list_view_show(&w->list, appraise_round_source(w->s), 1,
	                      "暂无述职评议，按 F6 新增", keep, "述职评议");
}

static void *open_rounds(struct app *a, void *arg)
{
	(void)arg;
	struct rounds *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (load(w, LIST_KEEP_NOTHING)) {
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
	struct rounds *w = st;
	draw_text(frame_body_top(), 0, term_cols(), "述职评议（联述联评联考）：回车录入评议，F9 设置或导出",
	          ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct rounds *w = st;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome push(struct rounds *w, struct app *a, const struct screen *to, int64_t round)
{
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.round_id = round;
	app_push(a, to, &w->sub);
	return SCR_PUSH;
}

static enum outcome open_sheet(void *st, struct app *a, int64_t id)
{
	return push(st, a, &appraise_sheet_screen, id);
}

static int write_all(void *ctx, const char *path, FILE *report, int *n)
{
	struct rounds *w = ctx;
	return appraise_export_all(w->s, path, report, n);
}

static void delete_round(struct rounds *w, int64_t id)
{
	struct appraise_round r;
	struct dj_err e;
	char ask[300];
	if (appraise_round_load(w->s, id, &r, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return;
	}
	snprintf(ask, sizeof ask, "删除述职评议「%s」？\n（只能删除还没有述职和评议记录的）", r.name);
	if (!dialog_ask(ask, 0))
		return;
	if (appraise_round_delete(w->s, id, r.version, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else
		frame_message(MSG_INFO, "已删除述职评议「%s」", r.name);
	load(w, LIST_KEEP_FIND);
}

static enum outcome actions(struct rounds *w, struct app *a)
{
	static const char *const items[] = { "本轮设置（名称、组织单位、期限、状态）", "评议录入",
	                                     "导出全部述职评议（xlsx 或 CSV）" };
	int64_t id = grid_selected_id(&w->list.g);
	char name[128];
	switch (dialog_pick("操作", items, 3, 0)) {
	case 0: if (id) return push(w, a, &appraise_round_form_screen, id); break;
	case 1: if (id) return push(w, a, &appraise_sheet_screen, id); break;
	case 2:
		list_file_name(name, sizeof name, "述职评议");
		list_export("导出述职评议", name, "个组织的述职评议", NULL, write_all, w);
		break;
	default: break;
	}
	return SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct rounds *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_sheet, w);
	if (o != SCR_PASS)
		return o;
	int64_t id = grid_selected_id(&w->list.g);
	switch (k.code) {
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能新增");
			return SCR_HANDLED;
		}
		return push(w, a, &appraise_round_form_screen, 0);
	case K_F8:
		if (id)
			delete_round(w, id);
		return SCR_REDRAW;
	case K_F9:
		return actions(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", "删除",
                                        "操作", "退出" };

const struct screen appraise_rounds_screen = {
	.name = "述职评议",
	.help = "述职评议（联述联评联考）：每年一轮，组织单位下的党总支、党支部书记述职，党员和群众评议。\n"
	        "回车：评议录入表（每个组织一行，录入党员评议、群众评议的好、较好、一般、差票数）。\n"
	        "F6：新增一轮（年度、名称、组织单位、开始日期和述职期限）。F8：删除还没有记录的一轮。\n"
	        "F9：本轮设置、评议录入、导出。结果为好和较好票数所占比例，等次和分数线在\n"
	        "dangjian.ini [appraise] 配置；结果列在同年分类定级台账的“述职评议”列。",
	.legend = legend, .open = open_rounds, .close = close_rounds, .draw = draw, .key = key,
	.resume = resume,
};
