/* batches.c — the batches (批次) of one review kind, newest first: 支部立项
 * by 学年, 标杆学院/样板支部 创建 by two-year cycle.  Enter opens a batch's
 * ledger of applications; F6 starts a new batch with the defaults of
 * dangjian.ini; F9 has its settings, deletion and the export.  One code for
 * both kinds: the main menu's two entries only say which. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "review/review.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct batches {
	struct session *s;
	int kind;
	struct list_view list;
	struct review_arg arg;   /* what the screen on top opened with */
	char empty[128];
};

static void *open_batches(struct app *a, void *arg)
{
	const struct review_arg *from = arg;
	struct batches *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->kind = from ? from->kind : REVIEW_PROJECT;
	const struct review_flow *fl = review_flow_of(w->kind);
	snprintf(w->empty, sizeof w->empty, "暂无记录，按 F6 新增%s批次", fl->name);
	if (list_view_show(&w->list, review_batch_list_source(w->s, w->kind), 0, w->empty,
	                   LIST_KEEP_NOTHING, "批次")) {
		free(w);
		return NULL;
	}
	return w;
}

static void *open_project(struct app *a, void *arg)
{
	(void)arg;
	struct review_arg k = { .kind = REVIEW_PROJECT };
	return open_batches(a, &k);
}

static void *open_create(struct app *a, void *arg)
{
	(void)arg;
	struct review_arg k = { .kind = REVIEW_CREATE };
	return open_batches(a, &k);
}

static void close_batches(void *st)
{
	struct batches *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	grid_draw(&((struct batches *)st)->list.g);
}

/* Back from a form or a ledger: the list read anew (counts change too),
 * keeping the find, with the batch just saved selected. */
static void resume(void *st, struct app *a)
{
	(void)a;
	struct batches *w = st;
	list_view_show(&w->list, review_batch_list_source(w->s, w->kind), 0, w->empty,
	               LIST_KEEP_FIND | LIST_KEEP_ROW, "批次");
	list_view_resume(&w->list, &w->arg.saved_id);
}

static enum outcome push(struct batches *w, struct app *a, const struct screen *sc,
                         int64_t batch_id)
{
	memset(&w->arg, 0, sizeof w->arg);
	w->arg.kind = w->kind;
	w->arg.batch_id = batch_id;
	app_push(a, sc, &w->arg);
	return SCR_PUSH;
}

static enum outcome remove_batch(struct batches *w)
{
	struct review_batch b;
	struct dj_err e;
	int64_t id = grid_selected_id(&w->list.g);
	char q[320];
	if (!id)
		return SCR_HANDLED;
	if (review_batch_load(w->s, id, &b, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	snprintf(q, sizeof q, "删除批次「%s」？\n只有还没有申报的批次才能删除。", b.name);
	if (!dialog_ask(q, 0))
		return SCR_REDRAW;
	if (review_batch_delete(w->s, id, b.version, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else
		frame_message(MSG_INFO, "已删除批次「%s」", b.name);
	grid_refresh(&w->list.g);
	return SCR_REDRAW;
}

static void export_list(struct batches *w)
{
	char path[256];
	const struct review_flow *fl = review_flow_of(w->kind);
	list_file_name(path, sizeof path, w->kind == REVIEW_PROJECT ? "立项批次" : "创建批次");
	list_export_rows(w->list.rs, "导出批次列表", path, fl->name);
}

static enum outcome actions(struct batches *w, struct app *a)
{
	static const char *const items[] = { "打开批次台账（回车）", "批次设置", "新建批次（F6）",
	                                     "删除批次（F8，未申报的）", "导出批次列表（xlsx/CSV）" };
	int64_t id = grid_selected_id(&w->list.g);
	int pick = dialog_pick("操作", items, 5, 0);
	if ((pick == 0 || pick == 1) && !id) {
		frame_message(MSG_ERROR, "还没有批次，按 F6 新增");
		return SCR_REDRAW;
	}
	switch (pick) {
	case 0: return push(w, a, &review_ledger_screen, id);
	case 1: return push(w, a, &review_batch_form_screen, id);
	case 2: return push(w, a, &review_batch_form_screen, 0);
	case 3: return remove_batch(w);
	case 4: export_list(w); return SCR_REDRAW;
	default: return SCR_REDRAW;
	}
}

static enum outcome open_row(void *st, struct app *a, int64_t id)
{
	return push(st, a, &review_ledger_screen, id);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct batches *w = st;
	if (k.code == K_F5) {
		resume(w, a);
		return SCR_REDRAW;
	}
	enum outcome o = list_view_key(&w->list, k, a, open_row, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F6: return push(w, a, &review_batch_form_screen, 0);
	case K_F8: return remove_batch(w);
	case K_F9: return actions(w, a);
	default: return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", "删除",
                                        "操作", "退出" };

#define KEYS_HELP \
	"回车：打开所选批次的台账（每个申报的状态、下一节点、逾期、经费和总评）。\n" \
	"F6：新建批次，阶段日期、经费、评分标准和名额按 dangjian.ini 预填，可以修改。\n" \
	"F8：删除还没有申报的批次。F7 或 /：查找（名称、学年、组织单位、拼音首字母）。\n" \
	"F9：操作菜单：批次设置、新建、删除、导出批次列表（xlsx/CSV）。F5 刷新，F3 或 Esc 返回。\n" \
	"批次的状态：设置中 → 进行中（第一个评审决定后，评审设置冻结）→ 已结束。"

const struct screen review_batches_screen = {
	.name = "评审批次",
	.help = "立项或创建的批次：每个批次有自己的阶段日期、经费标准、评分标准、评审组和名额。\n" KEYS_HELP,
	.legend = legend,
	.open = open_batches,
	.close = close_batches,
	.draw = draw,
	.key = key,
	.resume = resume,
};

const struct screen review_project_batches_screen = {
	.name = "支部立项",
	.help = "党支部工作“立项活动”：每学年一个批次。支部申报项目，党总支推荐上报，\n"
	        "评审组评审立项并拨付经费，支部实施并写阶段小结，次年 3 月中期检查，\n"
	        "结题后评审组按验收评审表打分，总评 85 分以上可评为优秀成果。\n" KEYS_HELP,
	.legend = legend,
	.open = open_project,
	.close = close_batches,
	.draw = draw,
	.key = key,
	.resume = resume,
};

const struct screen review_create_batches_screen = {
	.name = "标杆样板创建",
	.help = "标杆学院和样板支部培育创建：每两年一个创建周期。党总支、党支部申报，\n"
	        "上级推荐，资格初审（成立年限、无重大问题的声明、推荐名额），评审遴选并公示，\n"
	        "创建两年，中期评估，巩固验收后命名（达标）或通报（不达标）。\n" KEYS_HELP,
	.legend = legend,
	.open = open_create,
	.close = close_batches,
	.draw = draw,
	.key = key,
	.resume = resume,
};
