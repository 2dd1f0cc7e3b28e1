/* nominate_cycles.c — 表彰推荐评选: the commendation cycles under the
 * operator's scope, the newest year first.  Enter opens a cycle's
 * nominations, F6 sets up a new cycle, F9 opens a cycle's settings or
 * exports its nominations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "honour/nominate.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct cycles {
	struct session *s;
	struct list_view list;
	struct nominate_arg sub;
};

static int load(struct cycles *w, int keep)
{
	return list_view_show(&w->list, nom_cycle_source(w->s), 1, "没有表彰评选（F6 新建）", keep,
	                      "表彰评选");
}

static void *open_cycles(struct app *a, void *arg)
{
	(void)arg;
	struct cycles *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_cycles(void *st)
{
	struct cycles *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct cycles *w = st;
	draw_text(frame_body_top(), 0, term_cols(),
	          "表彰评选（回车：推荐台账；F6 新建；F9 评选设置、导出）", ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct cycles *w = st;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_nominations(void *st, struct app *a, int64_t id)
{
	struct cycles *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.cycle_id = id;
	app_push(a, &nominate_ledger_screen, &w->sub);
	return SCR_PUSH;
}

static enum outcome open_settings(struct cycles *w, struct app *a, int64_t id)
{
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.cycle_id = id;
	app_push(a, &nominate_cycle_form_screen, &w->sub);
	return SCR_PUSH;
}

static int write_cycle(void *ctx, const char *path, FILE *report, int *n)
{
	struct cycles *w = ctx;
	return nominate_export(w->s, grid_selected_id(&w->list.g), path, report, n);
}

static enum outcome actions(struct cycles *w, struct app *a)
{
	static const char *const items[] = { "评选设置（所选评选）", "新建表彰评选（F6）",
	                                     "导出所选评选的推荐（xlsx/CSV）" };
	int64_t id = grid_selected_id(&w->list.g);
	char name[128];
	int pick = dialog_pick("操作", items, 3, 0);
	if ((pick == 0 || pick == 2) && !id) {
		frame_message(MSG_ERROR, "没有选中的表彰评选");
		return SCR_HANDLED;
	}
	switch (pick) {
	case 0:
		return open_settings(w, a, id);
	case 1:
		return open_settings(w, a, 0);
	case 2:
		list_file_name(name, sizeof name, "表彰推荐");
		list_export("导出表彰推荐", name, "条推荐", NULL, write_cycle, w);
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct cycles *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_nominations, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能新建表彰评选");
			return SCR_HANDLED;
		}
		return open_settings(w, a, 0);
	case K_F9:
		return actions(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新建", "查找", NULL,
                                        "操作", "退出" };

const struct screen nominate_cycles_screen = {
	.name = "表彰推荐评选",
	.help = "表彰推荐评选（两优一先等）：每次评选有年度、名称、组织单位、称号、级别和名额。\n"
	        "回车：打开该评选的推荐台账（推荐、审核、公示、审批）。F6：新建评选。\n"
	        "F9：评选设置、导出所选评选的推荐（xlsx 或 CSV）。F7 或 /：按名称、文号查找。",
	.legend = legend,
	.open = open_cycles,
	.close = close_cycles,
	.draw = draw,
	.key = key,
	.resume = resume,
};
