/* rectify_list.c — 整改台账: the rectification plans of one round (or of
 * every round), overdue ones flagged first.  Enter opens a plan; F6 puts
 * another organization of the round on the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memrows.h"
#include "grading/grading.h"
#include "grading/rectify.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/grading/actions.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct plans {
	struct session *s;
	int64_t round_id;              /* 0: every round */
	struct grading_round r;
	struct list_view list;
	struct grading_arg arg;
};

static void *open_plans(struct app *a, void *arg)
{
	const struct grading_arg *from = arg;
	struct dj_err e;
	struct plans *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->round_id = from ? from->round_id : 0;
	if (w->round_id && grading_round_load(w->s, w->round_id, &w->r, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	struct row_source *rs = rectify_list_source(w->s, w->round_id);
	const char *empty = !w->round_id ? "暂无整改记录（确认定级时，一般和后进的组织自动列入）"
	                    : strcmp(w->r.status, "已确认") == 0 ? "本轮没有列入整改的组织，按 F6 列入"
	                                                         : "本轮尚未确认定级；确认时一般和后进的组织自动列入整改";
	if (list_view_show(&w->list, rs, 1, empty, LIST_KEEP_NOTHING, NULL)) {
		frame_message(MSG_ERROR, "无法读取整改台账");
		free(w);
		return NULL;
	}
	return w;
}

static void close_plans(void *st)
{
	struct plans *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct plans *w = st;
	struct rectify_counts c;
	char head[320];
	rectify_count(w->s, w->round_id, &c);
	snprintf(head, sizeof head, "%s｜整改 %d 个，逾期 %d 个，已验收 %d 个",
	         w->round_id ? w->r.name : "全部定级", c.total, c.overdue, c.accepted);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct plans *w = st;
	memrows_reload(w->list.rs);
	list_view_resume(&w->list, &w->arg.saved_id);
}

static enum outcome open_plan(void *st, struct app *a, int64_t id)
{
	struct plans *w = st;
	memset(&w->arg, 0, sizeof w->arg);
	w->arg.round_id = w->round_id;
	w->arg.id = id;
	app_push(a, &rectify_form_screen, &w->arg);
	return SCR_PUSH;
}

/* F6: an organization of the round, picked from its ledger. */
static enum outcome add_plan(struct plans *w, struct app *a)
{
	struct dj_err e;
	struct rs_row picked;
	char filter[128] = "";
	int64_t id;
	if (!w->round_id) {
		frame_message(MSG_ERROR, "请从某一轮定级的整改台账中列入（分类定级 → 回车 → 7）");
		return SCR_HANDLED;
	}
	if (strcmp(w->r.status, "已确认") != 0) {
		frame_message(MSG_ERROR, "本轮确认定级后才能列入整改");
		return SCR_HANDLED;
	}
	struct row_source *orgs = grading_ledger_source(w->s, &w->r);
	int chosen = orgs && grid_pick(orgs, "列入整改的组织", filter, sizeof filter, 0, &picked);
	row_source_free(orgs);
	if (!chosen)
		return SCR_REDRAW;
	if (rectify_add(w->s, w->round_id, picked.cell[0], &id, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	frame_message(MSG_INFO, "已把「%s」列入整改，请填写整改方案", picked.cell[0]);
	return open_plan(w, a, id);
}

static enum outcome actions(struct plans *w, struct app *a)
{
	static const char *const items[] = { "打开整改方案（回车）", "列入整改（F6）", "一村一策名单",
	                                     "导出整改台账（xlsx/CSV）" };
	int64_t id = grid_selected_id(&w->list.g);
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0:
		return id ? open_plan(w, a, id) : SCR_REDRAW;
	case 1:
		return add_plan(w, a);
	case 2:
		if (w->round_id)
			grading_action_bottom(w->s, w->round_id);
		else
			frame_message(MSG_ERROR, "请从某一轮定级中查看一村一策名单");
		return SCR_REDRAW;
	case 3:
		rectify_action_export(w->s, w->round_id);
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct plans *w = st;
	if (k.code == K_F5)
		memrows_reload(w->list.rs);
	enum outcome o = list_view_key(&w->list, k, a, open_plan, w);
	if (o == SCR_HANDLED && k.code == K_F5)
		return SCR_REDRAW;
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F6:
		return add_plan(w, a);
	case K_F9:
		return actions(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "列入", "查找", NULL,
                                        "操作", "退出" };

const struct screen rectify_list_screen = {
	.name = "整改台账",
	.help = "列入整改的组织：等次、列入原因（定级为一般或后进、一村一策、办公室列入）、\n"
	        "责任人、整改期限、验收日期和状态。行首 ! 为已过整改期限仍未验收（逾期），\n"
	        "灰色为已验收。逾期的排在最前。\n"
	        "回车：打开整改方案，填写存在问题、整改措施、责任人、期限、进展和验收日期。\n"
	        "F6：把本轮另一个组织列入整改（本轮确认定级后）。\n"
	        "F7 或 /：查找（名称、拼音首字母、责任人）。F9：一村一策名单、导出 xlsx 或 CSV。",
	.legend = legend,
	.open = open_plans,
	.close = close_plans,
	.draw = draw,
	.key = key,
	.resume = resume,
};
