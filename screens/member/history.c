/* history.c — every move of one member, oldest first, with F9 to
 * record another or export the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "member/member.h"
#include "screens/common/list_screen.h"
#include "screens/common/print_dialog.h"
#include "screens/common/screens.h"
#include "screens/member/actions.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct history {
	struct session *s;
	struct member_event_arg *arg;
	struct member_event_arg event;
	struct member m;
	struct list_view list;
};

static void *open_history(struct app *a, void *arg)
{
	struct history *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (member_load(w->s, w->arg->member_id, &w->m, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	struct row_source *rs = member_event_source(w->s, w->m.id);
	if (list_view_show(&w->list, rs, 1, "暂无组织关系变动记录（按 F9 办理转出、流出等）",
	                   LIST_KEEP_NOTHING, NULL)) {
		frame_message(MSG_ERROR, "无法读取变动记录");
		free(w);
		return NULL;
	}
	return w;
}

static void close_history(void *st)
{
	struct history *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct history *w = st;
	char head[384];
	snprintf(head, sizeof head, "%s（%s，%s，现状态：%s）", w->m.name, w->m.org, w->m.category,
	         w->m.status);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct history *w = st;
	struct dj_err e;
	if (w->event.done) {
		member_load(w->s, w->m.id, &w->m, &e);
		w->arg->done = 1;   /* the form below reloads too */
		w->event.done = 0;
	}
	grid_refresh(&w->list.g);
}

/* The moves are only listed here; Enter opens nothing. */
static enum outcome stay(void *st, struct app *a, int64_t id)
{
	(void)st;
	(void)a;
	(void)id;
	return SCR_HANDLED;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct history *w = st;
	static const char *const items[] = { "办理党员变动", "导出变动记录（xlsx/CSV）",
	                                     "打印所选转出的组织关系介绍信（PDF）" };
	enum outcome o = list_view_key(&w->list, k, a, stay, w);
	if (o != SCR_PASS)
		return o;
	if (k.code == K_F6)
		return member_choose_event(a, w->m.id, &w->event);
	if (k.code != K_F9)
		return SCR_PASS;
	const struct rs_row *row = grid_selected(&w->list.g);
	switch (dialog_pick("操作", items, 3, 0)) {
	case 0:
		return member_choose_event(a, w->m.id, &w->event);
	case 1:
		member_export_rows(w->list.rs, "党员变动记录", "变动记录");
		return SCR_REDRAW;
	case 2:
		if (row && strcmp(row->cell[1], "转出") == 0)
			print_dialog(w->s, FORM_LETTER, row->key.id, 0);
		else
			frame_message(MSG_ERROR, "请先选中一条「转出」记录，再打印介绍信");
		return SCR_REDRAW;
	default:
		return SCR_HANDLED;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "办理", "查找", NULL,
                                        "操作", "退出" };

const struct screen member_history_screen = {
	.name = "组织关系变动记录",
	.help = "一名党员的全部组织关系变动：转入、转出、内部调整、流出、流入、失联、恢复、出党、去世。\n"
	        "F6：办理新的变动。F9：办理变动、导出为 xlsx 或 CSV，\n"
	        "或打印所选转出的组织关系介绍信（PDF）。\n"
	        "F3 或 Esc 返回党员信息。",
	.legend = legend,
	.open = open_history,
	.close = close_history,
	.draw = draw,
	.key = key,
	.resume = resume,
};
