/* visits.c — 慰问记录: every visit under scope, newest first; Enter opens
 * one, F6 records new ones (连续录入), F7 finds, F9 exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/care.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/draw.h"

struct visits {
	struct session *s;
	struct list_view list;
	struct care_arg sub;
};

static int load(struct visits *w, int keep)
{
	return list_view_show(&w->list, care_visit_source(w->s), 1, "暂无慰问记录，按 F6 新增", keep,
	                      "慰问记录");
}

static void *open_visits(struct app *a, void *arg)
{
	(void)arg;
	struct visits *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_visits(void *st)
{
	struct visits *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct visits *w = st;
	draw_text(frame_body_top(), 0, term_cols(), "慰问记录（最近的在前）", ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct visits *w = st;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	struct visits *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.id = id;
	app_push(a, &care_visit_form_screen, &w->sub);
	return SCR_PUSH;
}

static int write_ledger(void *ctx, const char *path, FILE *report, int *n)
{
	struct visits *w = ctx;
	return care_visit_export(w->s, path, report, n);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct visits *w = st;
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
		memset(&w->sub, 0, sizeof w->sub);
		app_push(a, &care_visit_form_screen, &w->sub);
		return SCR_PUSH;
	case K_F9:
		list_file_name(name, sizeof name, "慰问记录");
		list_export("导出慰问记录", name, "条慰问记录", NULL, write_ledger, w);
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", NULL,
                                        "导出", "退出" };

const struct screen care_visits_screen = {
	.name = "慰问记录",
	.help = "慰问记录台账：慰问日期、对象、所在支部、时机、慰问金（元）、慰问品和慰问人，最近的在前。\n"
	        "回车：打开记录。F6：新增（连续录入）。F7 或 /：按姓名、拼音首字母、时机、慰问人查找。\n"
	        "F9：导出（.xlsx 或 .csv），含备注。",
	.legend = legend, .open = open_visits, .close = close_visits, .draw = draw, .key = key,
	.resume = resume,
};
