/* ledger.c — 定级台账: one round's organizations with their total
 * by source, weighted total, grade (* where the office changed the
 * suggestion), previous grade, movement and rectification; the movement
 * summary above.  Enter opens an organization's result to change its grade. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memrows.h"
#include "grading/grading.h"
#include "grading/rectify.h"
#include "org/org.h"
#include "screens/common/list_screen.h"
#include "screens/common/print_dialog.h"
#include "screens/common/screens.h"
#include "screens/grading/actions.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct ledger {
	struct session *s;
	struct grading_round r;
	struct list_view list;
	struct grading_arg arg;
	char summary[384];
};

/* Name, state and the movement against the previous round, in 80 columns. */
static void summarise(struct ledger *w)
{
	struct grading_moves m;
	char state[32], moves[96];
	if (strcmp(w->r.status, "已确认") == 0)
		snprintf(state, sizeof state, "%s 公布", w->r.published_on);
	else
		snprintf(state, sizeof state, "%s", w->r.status);
	if (!w->r.previous_id || grading_moves(w->s, &w->r, &m) || m.compared == 0) {
		snprintf(moves, sizeof moves, "无上轮对比");
	} else {
		int pm = (2000 * m.up + m.compared) / (2 * m.compared);
		snprintf(moves, sizeof moves, "比上轮晋位 %d（%d.%d%%）持平 %d 降位 %d", m.up, pm / 10, pm % 10,
		         m.same, m.down);
	}
	snprintf(w->summary, sizeof w->summary, "%s｜%s｜%s", w->r.name, state, moves);
}

/* (Re)reads the round and its rows; keeps the selection on `keep`. */
static int reopen(struct ledger *w, int64_t round_id, int64_t keep)
{
	struct dj_err e;
	struct grading_round r;
	if (grading_round_load(w->s, round_id, &r, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	struct row_source *rs = grading_ledger_source(w->s, &r);
	if (!rs) {
		frame_message(MSG_ERROR, "无法读取定级台账");
		return -1;
	}
	if (list_view_show(&w->list, rs, 1,
	                   strcmp(r.status, "已确认") == 0 ? "本轮没有参加定级的组织"
	                                                   : "本轮还没有参加定级的组织，按 F6 加入",
	                   LIST_KEEP_NOTHING, NULL))
		return -1;
	w->r = r;
	if (keep)
		grid_select_id(&w->list.g, keep);
	summarise(w);
	return 0;
}

static void *open_ledger(struct app *a, void *arg)
{
	const struct grading_arg *from = arg;
	struct ledger *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (reopen(w, from->round_id, 0)) {
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
	draw_text(frame_body_top(), 0, term_cols(), w->summary, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct ledger *w = st;
	reopen(w, w->r.id, w->arg.saved_id ? w->arg.saved_id : grid_selected_id(&w->list.g));
	w->arg.saved_id = 0;
}

static enum outcome open_result(struct ledger *w, struct app *a, const struct screen *sc,
                                int64_t id)
{
	memset(&w->arg, 0, sizeof w->arg);
	w->arg.round_id = w->r.id;
	w->arg.id = id;
	app_push(a, sc, &w->arg);
	return SCR_PUSH;
}

static enum outcome add_org(struct ledger *w)
{
	struct rs_row picked;
	struct dj_err e;
	char filter[128] = "";
	if (strcmp(w->r.status, "已确认") == 0) {
		frame_message(MSG_ERROR, "本轮已确认定级，不能再加入组织");
		return SCR_HANDLED;
	}
	struct row_source *orgs = org_pick_source(w->s);
	int chosen = orgs && grid_pick(orgs, "加入本轮定级的组织（党总支、党支部）", filter, sizeof filter,
	                               0, &picked);
	row_source_free(orgs);
	if (!chosen)
		return SCR_REDRAW;
	if (grading_round_add_org(w->s, w->r.id, picked.cell[0], &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	frame_message(MSG_INFO, "已把「%s」加入本轮定级", picked.cell[0]);
	reopen(w, w->r.id, 0);
	return SCR_REDRAW;
}

static enum outcome remove_org(struct ledger *w)
{
	const struct rs_row *row = grid_selected(&w->list.g);
	struct dj_err e;
	char q[256];
	if (!row)
		return SCR_HANDLED;
	snprintf(q, sizeof q, "把「%s」移出本轮定级？\n只有还没有评分的组织可以移出。", row->cell[0]);
	if (!dialog_ask(q, 0))
		return SCR_REDRAW;
	if (grading_round_remove_org(w->s, row->key.id, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else
		frame_message(MSG_INFO, "已移出「%s」", row->cell[0]);
	reopen(w, w->r.id, 0);
	return SCR_REDRAW;
}

/* The office puts the selected organization on the rectification list and
 * goes on to write its plan. */
static enum outcome add_plan(struct ledger *w, struct app *a)
{
	const struct rs_row *row = grid_selected(&w->list.g);
	struct dj_err e;
	int64_t id;
	if (!row)
		return SCR_HANDLED;
	if (rectify_add(w->s, w->r.id, row->cell[0], &id, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	frame_message(MSG_INFO, "已把「%s」列入整改，请填写整改方案", row->cell[0]);
	return open_result(w, a, &rectify_form_screen, id);
}

static enum outcome actions(struct ledger *w, struct app *a)
{
	static const char *const items[] = { "调整等次（回车）", "列入整改", "比例检查", "确认定级并公布",
	                                     "一村一策名单", "导出本轮定级台账（xlsx/CSV）",
	                                     "加入组织（F6）", "移出组织（F8）", "打印定级台账（PDF）" };
	int64_t id = grid_selected_id(&w->list.g);
	switch (dialog_pick("操作", items, 9, 0)) {
	case 0:
		return id ? open_result(w, a, &grading_result_form_screen, id) : SCR_REDRAW;
	case 1:
		return add_plan(w, a);
	case 2:
		grading_action_check(w->s, w->r.id);
		return SCR_REDRAW;
	case 3:
		if (grading_action_confirm(w->s, w->r.id))
			reopen(w, w->r.id, id);
		return SCR_REDRAW;
	case 4:
		grading_action_bottom(w->s, w->r.id);
		return SCR_REDRAW;
	case 5:
		grading_action_export(w->s, w->r.id);
		return SCR_REDRAW;
	case 6:
		return add_org(w);
	case 7:
		return remove_org(w);
	case 8:
		print_dialog(w->s, FORM_GRADING, w->r.id, 0);
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome open_row(void *st, struct app *a, int64_t id)
{
	return open_result(st, a, &grading_result_form_screen, id);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct ledger *w = st;
	if (k.code == K_F5)
		memrows_reload(w->list.rs);
	enum outcome o = list_view_key(&w->list, k, a, open_row, w);
	if (o == SCR_HANDLED && k.code == K_F5) {
		summarise(w);
		return SCR_REDRAW;
	}
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F6:
		return add_org(w);
	case K_F8:
		return remove_org(w);
	case K_F9:
		return actions(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "加入", "查找", "移出",
                                        "操作", "退出" };

const struct screen grading_ledger_screen = {
	.name = "定级台账",
	.help = "本轮各组织的得分和等次：各来源得分（列头取来源名称后两字，如 初评、评议、自评、考评）、\n"
	        "加权综合分、等次（带 * 的是办公室调整过的，与建议等次不同）、上次等次和变化\n"
	        "（晋位、降位、持平），以及整改状态（整改中、逾期、已验收）。\n"
	        "第一行是本轮状态和比上轮晋位升级的组织数及比例。\n"
	        "确认前行首的 ! 表示还没有等次；确认后表示整改已逾期。\n"
	        "回车：打开该组织的定级结果，调整等次（须写明理由）。\n"
	        "F6 加入组织，F8 移出还没有评分的组织（确认前）。F7 或 / 查找，< > 排序，r 反向。\n"
	        "F9：列入整改、比例检查、确认定级并公布、一村一策名单、导出 xlsx 或 CSV、打印定级台账（PDF）。",
	.legend = legend,
	.open = open_ledger,
	.close = close_ledger,
	.draw = draw,
	.key = key,
	.resume = resume,
};
