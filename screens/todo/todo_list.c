/* todo_list.c — 今日待办: what is late or due within [todo] ahead_days in
 * the operator's scope, from every module with deadlines, late first.
 * Enter opens the record through the opener table by kind; on return the
 * list is collected again, so what was settled leaves it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memrows.h"
#include "review/review.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "todo/todo.h"
#include "tui/dialog.h"
#include "tui/draw.h"

/* What an opened record's screen gets as its arg: room for any module's
 * arg struct, kept here while that screen is open. */
#define ARG_ROOM 512

struct todo_screen {
	struct todo_list l;
	struct list_view list;
	_Alignas(max_align_t) unsigned char arg[ARG_ROOM];
};

/* ---- openers: one line per kind ----
 * Enter on an item pushes `screen` with a zeroed arg of its module's type
 * whose `id` field holds the item's id (BY_ID names the type and field);
 * `more`, when set, fills what else that screen needs and may refuse. */
struct opener {
	int kind;
	const struct screen *screen;
	size_t size, id_at, id_size;
	int (*more)(struct session *s, const struct todo_item *it, void *arg);
};
#define BY_ID(type, field) sizeof(type), offsetof(type, field), sizeof(((type *)0)->field)

/* The application's form needs its batch and kind. */
static int review_more(struct session *s, const struct todo_item *it, void *arg)
{
	struct review_arg *r = arg;
	struct review_app ap;
	struct dj_err e;
	if (review_app_load(s, it->id, &ap, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	r->kind = strcmp(ap.kind, "项目") == 0 ? REVIEW_PROJECT : REVIEW_CREATE;
	r->batch_id = ap.batch_id;
	return 0;
}

/* A report is one organization's for a duty and a period. */
static int report_more(struct session *s, const struct todo_item *it, void *arg)
{
	(void)s;
	struct supervise_report_arg *r = arg;
	snprintf(r->duty, sizeof r->duty, "%s", it->what);
	snprintf(r->period, sizeof r->period, "%s", it->ref);
	return 0;
}

/* A 述职评议 line is found by its organization and year. */
static int appraise_more(struct session *s, const struct todo_item *it, void *arg)
{
	(void)s;
	((struct appraise_arg *)arg)->year = atoi(it->ref);
	return 0;
}

static const struct opener openers[] = {
	{ TODO_RECTIFY, &rectify_form_screen, BY_ID(struct grading_arg, id), NULL },
	{ TODO_DEVELOP, &dev_form_screen, BY_ID(struct dev_form_arg, id), NULL },
	{ TODO_TERM, &org_form_screen, BY_ID(struct org_form_arg, id), NULL },
	{ TODO_REVIEW, &review_app_form_screen, BY_ID(struct review_arg, id), review_more },
	{ TODO_TASK, &plan_task_form_screen, BY_ID(struct plan_arg, id), NULL },
	{ TODO_REPORT, &supervise_report_form_screen, BY_ID(struct supervise_report_arg, org_id),
	  report_more },
	{ TODO_FOLLOWUP, &supervise_followup_form_screen, BY_ID(struct supervise_arg, id), NULL },
	{ TODO_VISIT, &supervise_visit_form_screen, BY_ID(struct supervise_arg, liaison_id), NULL },
	{ TODO_APPRAISE, &appraise_line_form_screen, BY_ID(struct appraise_arg, org_id),
	  appraise_more },
	{ TODO_EVALUATE, &evaluate_followup_form_screen, BY_ID(struct evaluate_arg, id), NULL },
};

static enum outcome open_item(void *st, struct app *a, int64_t id)
{
	struct todo_screen *w = st;
	const struct todo_item *it = todo_list_item(&w->l, id);
	if (!it)
		return SCR_HANDLED;
	for (size_t i = 0; i < sizeof openers / sizeof *openers; i++) {
		const struct opener *o = &openers[i];
		if (o->kind != it->kind)
			continue;
		if (o->size > sizeof w->arg || (o->id_size != 4 && o->id_size != 8)) {
			frame_message(MSG_ERROR, "无法打开这一类事项（%s）", it->what);
			return SCR_HANDLED;
		}
		memset(w->arg, 0, sizeof w->arg);
		if (o->id_size == 8) {
			int64_t v = it->id;
			memcpy(w->arg + o->id_at, &v, 8);
		} else {
			int32_t v = (int32_t)it->id;
			memcpy(w->arg + o->id_at, &v, 4);
		}
		if (o->more && o->more(w->l.s, it, w->arg))
			return SCR_REDRAW;
		app_push(a, o->screen, w->arg);
		return SCR_PUSH;
	}
	frame_message(MSG_ERROR, "这一类事项（%s）请从所在的台账中办理", it->what);
	return SCR_HANDLED;
}

/* ---- the list ---- */

static const char *kind_word(int kind)
{
	for (int i = 0; i < todo_nsources; i++)
		if (todo_sources[i].kind == kind)
			return todo_sources[i].what;
	return "全部";
}

static int show(struct todo_screen *w, int keep)
{
	return list_view_show(&w->list, todo_list_source(&w->l), 1,
	                      w->l.kind ? "这一类目前没有逾期或即将到期的事项（F4 选择类别）"
	                                : "目前没有逾期或即将到期的事项",
	                      keep, "待办事项");
}

static void *open_todo(struct app *a, void *arg)
{
	(void)arg;
	struct todo_screen *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->l.s = a->session;
	w->l.ahead = todo_ahead_days(w->l.s->cfg);
	if (show(w, LIST_KEEP_NOTHING)) {
		todo_list_free(&w->l);
		free(w);
		return NULL;
	}
	return w;
}

static void close_todo(void *st)
{
	struct todo_screen *w = st;
	list_view_free(&w->list);
	todo_list_free(&w->l);
	free(w);
}

static void heading(const struct todo_screen *w, char *out, size_t cap)
{
	int late, due;
	todo_count(w->l.items, w->l.n, &late, &due);
	snprintf(out, cap, "逾期 %d 项，即将到期 %d 项（%d 天内）｜类别：%s", late, due, w->l.ahead,
	         kind_word(w->l.kind));
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct todo_screen *w = st;
	char head[256];
	heading(w, head, sizeof head);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct todo_screen *w = st;
	long long none = 0;
	memrows_reload(w->list.rs);
	list_view_resume(&w->list, &none);
}

/* F4: one 类别, or all of them. */
static enum outcome pick_kind(struct todo_screen *w)
{
	const char *items[16];
	int n = 0, at = 0;
	items[n++] = "全部";
	for (int i = 0; i < todo_nsources && n < 16; i++) {
		if (todo_sources[i].kind == w->l.kind)
			at = n;
		items[n++] = todo_sources[i].what;
	}
	int k = dialog_pick("按类别筛选", items, n, at);
	if (k < 0)
		return SCR_REDRAW;
	int was = w->l.kind;
	w->l.kind = k == 0 ? 0 : todo_sources[k - 1].kind;
	if (show(w, LIST_KEEP_FIND))
		w->l.kind = was;
	return SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct todo_screen *w = st;
	if (k.code == K_F5)
		memrows_reload(w->list.rs);
	enum outcome o = list_view_key(&w->list, k, a, open_item, w);
	if (o == SCR_HANDLED && k.code == K_F5)
		return SCR_REDRAW;
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4:
		return pick_kind(w);
	case K_F9: {
		char head[256];
		heading(w, head, sizeof head);
		list_export_rows(w->list.rs, "导出待办事项", "待办事项", head);
		return SCR_REDRAW;
	}
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "类别", "刷新", NULL, "查找", NULL,
                                        "导出", "退出" };

const struct screen todo_screen = {
	.name = "今日待办",
	.help = "本人权限范围内已逾期（行首 !）和即将到期的事项，逾期的在前，再按期限排列：\n"
	        "整改期限已到仍未验收的整改、发展党员到期提醒、党组织任期届满（换届）、\n"
	        "立项和创建的下一节点与未完成的任务。\n"
	        "“即将到期”的天数由 dangjian.ini [todo] ahead_days 设置（默认 7 天）；\n"
	        "[todo] at_start = yes 时，进入系统先打开本屏。\n"
	        "回车：打开该记录办理，返回后列表重新计算。F4：按类别筛选。\n"
	        "F7 或 /：查找（类别、组织、拼音首字母、事项、责任人）。F9：导出为 xlsx 或 CSV。",
	.legend = legend,
	.open = open_todo,
	.close = close_todo,
	.draw = draw,
	.key = key,
	.resume = resume,
};
