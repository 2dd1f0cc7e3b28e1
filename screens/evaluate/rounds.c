/* rounds.c — 民主评议党员 rounds under the operator's scope: Enter opens
 * the round's sheet, F6 a new round, F8 deletes one with nothing recorded,
 * F9 the settings or the export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluate/evaluate.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct rounds {
	struct session *s;
	struct list_view list;
	struct evaluate_arg sub;
};

static int load(struct rounds *w, int keep)
{
	return list_view_show(&w->list, evaluate_round_source(w->s), 1,
	                      "暂无民主评议党员记录，按 F6 新增", keep, "次民主评议");
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
	draw_text(frame_body_top(), 0, term_cols(), "民主评议党员：回车打开评议表，F6 新增，F9 设置或导出",
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
	return push(st, a, &evaluate_sheet_screen, id);
}

static int write_all(void *ctx, const char *path, FILE *report, int *n)
{
	struct rounds *w = ctx;
	return evaluate_export_all(w->s, path, report, n);
}

static void delete_round(struct rounds *w, int64_t id)
{
	struct eval_round r;
	struct dj_err e;
	char ask[300];
	if (evaluate_round_load(w->s, id, &r, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return;
	}
	snprintf(ask, sizeof ask, "删除 %s 年 %s 的民主评议党员？\n（只能删除还没有评议记录的）", r.year, r.org);
	if (!dialog_ask(ask, 0))
		return;
	if (evaluate_round_delete(w->s, id, r.version, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else
		frame_message(MSG_INFO, "已删除 %s 年 %s 的民主评议党员", r.year, r.org);
	load(w, LIST_KEEP_FIND);
}

static enum outcome actions(struct rounds *w, struct app *a)
{
	static const char *const items[] = { "本次设置（年度、组织、日期、会议）", "评议表",
	                                     "导出全部民主评议党员结果（xlsx 或 CSV）" };
	int64_t id = grid_selected_id(&w->list.g);
	char name[128];
	switch (dialog_pick("操作", items, 3, 0)) {
	case 0: if (id) return push(w, a, &evaluate_round_form_screen, id); break;
	case 1: if (id) return push(w, a, &evaluate_sheet_screen, id); break;
	case 2:
		list_file_name(name, sizeof name, "民主评议党员");
		list_export("导出民主评议党员", name, "名党员的评议结果", NULL, write_all, w);
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
		return push(w, a, &evaluate_round_form_screen, 0);
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

const struct screen evaluate_rounds_screen = {
	.name = "民主评议党员",
	.help = "民主评议党员：每个组织每年一次，在三会一课的「民主评议」会议上进行。\n"
	        "列出年度、组织、评议日期、会议、参评人数和各评议结果的人数（有不合格的标出）。\n"
	        "回车：评议表（每名党员一行，按 1～4 登记优秀、合格、基本合格、不合格）。\n"
	        "F6：新增一次（年度、组织、评议日期、会议）。F8：删除还没有评议记录的一次。\n"
	        "F9：本次设置、评议表、导出全部结果。结果名称在 dangjian.ini [evaluate] 配置。",
	.legend = legend, .open = open_rounds, .close = close_rounds, .draw = draw, .key = key,
	.resume = resume,
};
