/* visit_ledger.c — 联系点走访: the visits liaisons made to their 联系点,
 * newest first; Tab turns to the 联系领导 who have not visited for N
 * months ([liaison] no_visit_months) with their last visit, and back.
 * Enter opens a visit, or on a 未走访 line registers a visit of that
 * leader; F6 registers one; F7 finds, < > sort, F9 exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "supervise/supervise.h"
#include "tui/draw.h"

struct ledger {
	struct session *s;
	int absent;               /* showing the 未走访 list */
	char empty[128];          /* the empty list's words: the list keeps the pointer */
	struct list_view list;
	struct supervise_arg sub;
};

static int load(struct ledger *w, int keep)
{
	snprintf(w->empty, sizeof w->empty, "没有超过 %d 个月未走访联系点的联系领导",
	         sup_no_visit_months(w->s));
	return w->absent ? list_view_show(&w->list, sup_no_visit_source(w->s), 1, w->empty, keep,
	                                  "未走访名单")
	                 : list_view_show(&w->list, sup_visit_source(w->s), 1,
	                                  "没有走访记录（F6 新增）", keep, "走访记录");
}

static void *open_ledger(struct app *a, void *arg)
{
	(void)arg;
	struct ledger *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_ledger(void *st)
{
	struct ledger *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct ledger *w = st;
	char head[160];
	if (w->absent)
		snprintf(head, sizeof head, "未走访名单：超过 %d 个月未走访联系点的联系领导  Tab 走访记录",
		         sup_no_visit_months(w->s));
	else
		snprintf(head, sizeof head, "联系点走访记录  Tab 未走访名单");
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct ledger *w = st;
	if (w->absent && w->sub.changed)
		load(w, LIST_KEEP_FIND);   /* the leader who visited has left the list */
	else
		list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	struct ledger *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	if (w->absent)
		w->sub.liaison_id = id;
	else
		w->sub.id = id;
	app_push(a, &supervise_visit_form_screen, &w->sub);
	return SCR_PUSH;
}

static int write_ledger(void *ctx, const char *path, FILE *report, int *n)
{
	struct ledger *w = ctx;
	return sup_visit_export(w->s, path, report, n);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct ledger *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_record, w);
	if (o != SCR_PASS)
		return o;
	char name[128];
	switch (k.code) {
	case K_TAB:
		w->absent = !w->absent;
		return load(w, LIST_KEEP_NOTHING) ? SCR_BACK : SCR_REDRAW;
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能新增");
			return SCR_HANDLED;
		}
		memset(&w->sub, 0, sizeof w->sub);
		app_push(a, &supervise_visit_form_screen, &w->sub);
		return SCR_PUSH;
	case K_F9:
		if (w->absent) {
			list_file_name(name, sizeof name, "未走访名单");
			list_export_rows(w->list.rs, "导出未走访名单", name, "未走访联系点的联系领导");
		} else {
			list_file_name(name, sizeof name, "联系点走访台账");
			list_export("导出联系点走访台账", name, "条走访记录", NULL, write_ledger, w);
		}
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", NULL,
                                        "导出", "退出" };

const struct screen supervise_visit_ledger_screen = {
	.name = "联系点走访",
	.help = "联系点走访台账：走访日期、联系人、身份、联系点、走访内容和备注，最近的在前。\n"
	        "Tab：未走访名单——现任联系领导中超过 N 个月（dangjian.ini [liaison] no_visit_months，\n"
	        "默认 3）未走访联系点的，及最近一次走访日期；在名单上回车即登记该领导的走访。\n"
	        "回车：打开走访记录。F6：新增。F7 或 /：按姓名、联系点、走访内容查找。F9：导出。",
	.legend = legend, .open = open_ledger, .close = close_ledger, .draw = draw, .key = key,
	.resume = resume,
};
