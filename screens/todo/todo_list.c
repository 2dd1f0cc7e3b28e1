/* todo_list.c — 今日待办: what is late or due within [todo] ahead_days in
 * the operator's scope, from every module with deadlines, late first.
 * Enter opens the record through the opener table by kind; on return the
 * list is collected again, so what was settled leaves it. */
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

struct todo_screen {
	struct todo_list l;
	struct list_view list;
	/* what an opened record's screen gets; one of them at a time */
	union {
		struct grading_arg grading;
		struct dev_form_arg dev;
		struct org_form_arg org;
		struct review_arg review;
	} arg;
};

/* ---- openers: one line per kind ---- */

static int open_rectify(struct todo_screen *w, struct app *a, const struct todo_item *it)
{
	w->arg.grading = (struct grading_arg){ .id = it->id };
	app_push(a, &rectify_form_screen, &w->arg.grading);
	return 0;
}

static int open_develop(struct todo_screen *w, struct app *a, const struct todo_item *it)
{
	w->arg.dev = (struct dev_form_arg){ .id = it->id };
	app_push(a, &dev_form_screen, &w->arg.dev);
	return 0;
}

static int open_term(struct todo_screen *w, struct app *a, const struct todo_item *it)
{
	w->arg.org = (struct org_form_arg){ .id = it->id };
	app_push(a, &org_form_screen, &w->arg.org);
	return 0;
}

/* The application's form needs its batch. */
static int open_review(struct todo_screen *w, struct app *a, const struct todo_item *it)
{
	struct review_app ap;
	struct dj_err e;
	if (review_app_load(w->l.s, it->id, &ap, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	w->arg.review = (struct review_arg){
		.kind = strcmp(ap.kind, "项目") == 0 ? REVIEW_PROJECT : REVIEW_CREATE,
		.batch_id = ap.batch_id, .id = it->id,
	};
	app_push(a, &review_app_form_screen, &w->arg.review);
	return 0;
}

static const struct {
	int kind;
	int (*open)(struct todo_screen *w, struct app *a, const struct todo_item *it);
} openers[] = {
	{ TODO_RECTIFY, open_rectify },
	{ TODO_DEVELOP, open_develop },
	{ TODO_TERM, open_term },
	{ TODO_REVIEW, open_review },
};

static enum outcome open_item(void *st, struct app *a, int64_t id)
{
	struct todo_screen *w = st;
	const struct todo_item *it = todo_list_item(&w->l, id);
	if (!it)
		return SCR_HANDLED;
	for (size_t i = 0; i < sizeof openers / sizeof *openers; i++)
		if (openers[i].kind == it->kind)
			return openers[i].open(w, a, it) ? SCR_REDRAW : SCR_PUSH;
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
