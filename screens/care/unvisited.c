/* unvisited.c — 本年未慰问: who is on the 关怀对象 register today and has
 * had no visit this calendar year, under the organization F4 chose; Enter
 * records a visit of the member, who then leaves the list; F9 exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/care.h"
#include "core/validate.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/draw.h"

struct unvisited {
	struct session *s;
	int64_t scope;             /* 0: the operator's scope */
	char scope_name[128];
	char today[11];
	struct list_view list;
	struct care_arg sub;
};

static int load(struct unvisited *w, int keep)
{
	today(w->today);
	list_scope_name(w->s, w->scope, w->scope_name, sizeof w->scope_name);
	return list_view_show(&w->list, care_unvisited_source(w->s, w->scope, w->today), 1,
	                      "在册关怀对象今年都已慰问（F4 换范围）", keep, "本年未慰问名单");
}

static void *open_unvisited(struct app *a, void *arg)
{
	(void)arg;
	struct unvisited *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_unvisited(void *st)
{
	struct unvisited *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct unvisited *w = st;
	char head[256];
	snprintf(head, sizeof head, "%.4s 年未慰问的关怀对象  范围：%s（F4）", w->today, w->scope_name);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct unvisited *w = st;
	if (w->sub.changed)
		load(w, LIST_KEEP_FIND);   /* the member visited has left the list */
	w->sub.changed = 0;
	w->sub.saved_id = 0;
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	struct unvisited *w = st;
	if (w->s->role == ROLE_VIEWER) {
		frame_message(MSG_ERROR, "您是只读用户，不能登记慰问");
		return SCR_HANDLED;
	}
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.member_id = id;
	app_push(a, &care_visit_form_screen, &w->sub);
	return SCR_PUSH;
}

static int write_list(void *ctx, const char *path, FILE *report, int *n)
{
	struct unvisited *w = ctx;
	return care_unvisited_export(w->s, w->scope, w->today, path, report, n);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct unvisited *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_record, w);
	if (o != SCR_PASS)
		return o;
	char name[128];
	switch (k.code) {
	case K_F4: {
		int64_t id = w->scope;
		if (list_pick_org(w->s, "选择范围（组织及其下级）", &id)) {
			w->scope = id;
			return load(w, LIST_KEEP_NOTHING) ? SCR_BACK : SCR_REDRAW;
		}
		return SCR_REDRAW;
	}
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F9:
		list_file_name(name, sizeof name, "本年未慰问名单");
		list_export("导出本年未慰问名单", name, "名未慰问的关怀对象", NULL, write_list, w);
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", NULL, "查找", NULL,
                                        "导出", "退出" };

const struct screen care_unvisited_screen = {
	.name = "本年未慰问",
	.help = "本年未慰问名单：今天在册的关怀对象中，今年（1 月 1 日起）还没有慰问记录的，按支部排列。\n"
	        "F4：选择范围（组织及其下级）。回车：登记对该党员的慰问，保存后他不再列出。\n"
	        "F7 或 /：按姓名、拼音首字母、支部查找。F9：导出。",
	.legend = legend, .open = open_unvisited, .close = close_unvisited, .draw = draw, .key = key,
	.resume = resume,
};
