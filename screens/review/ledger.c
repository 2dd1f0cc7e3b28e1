/* ledger.c — a batch's 台账: every application with its state, the next
 * stage and date, 逾期 (marked) where a stage date passed without the step,
 * its money and its 总评.  The line above the grid totals the batch: how
 * many, how many late, and the money granted, spent and left, each
 * application's figures coming from the domain (review_money_of).  Enter
 * opens an application, F6 enters a new one, F9 exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "review/review.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct ledger {
	struct session *s;
	struct review_batch b;
	struct list_view list;
	struct review_arg arg;
	char empty[128];
	char totals[320];
};

/* Sums the batch over every application, whatever the find shows. */
static void summarise(struct ledger *w)
{
	struct row_source *rs = review_ledger_source(w->s, w->b.id, NULL);
	struct rs_row *rows = malloc(32 * sizeof *rows);
	struct review_money sum = { 0 }, m;
	struct dj_err e;
	int n = 0, late = 0, got = 0;
	char g[32], sp[32], left[32];
	if (!rs || !rows) {
		snprintf(w->totals, sizeof w->totals, "无法汇总本批次");
		goto out;
	}
	const struct rs_key *anchor = NULL;
	struct rs_key last;
	while ((got = rs->fetch(rs->ctx, anchor, 1, 32, rows)) > 0) {
		for (int i = 0; i < got; i++) {
			n++;
			late += (rows[i].flags & RS_FLAG_WARN) != 0;
			if (review_money_of(w->s, rows[i].key.id, &m, &e) == 0) {
				sum.granted += m.granted;
				sum.spent += m.spent;
				sum.balance += m.balance;
			}
		}
		last = rows[got - 1].key;
		anchor = &last;
		if (got < 32)
			break;
	}
	review_format_money(sum.granted, g, sizeof g);
	review_format_money(sum.spent, sp, sizeof sp);
	review_format_money(sum.balance, left, sizeof left);
	snprintf(w->totals, sizeof w->totals, "共 %d 项  逾期 %d  拨付 %s  支出 %s  结余 %s 元｜%s", n,
	         late, g, sp, left, w->b.name);
out:
	free(rows);
	row_source_free(rs);
}

static int reopen(struct ledger *w, int64_t batch_id, int keep)
{
	struct dj_err e;
	struct review_batch b;
	if (review_batch_load(w->s, batch_id, &b, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	w->b = b;
	if (list_view_show(&w->list, review_ledger_source(w->s, batch_id, NULL), 1, w->empty, keep,
	                   "申报台账"))
		return -1;
	summarise(w);
	return 0;
}

static void *open_ledger(struct app *a, void *arg)
{
	const struct review_arg *from = arg;
	struct ledger *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	snprintf(w->empty, sizeof w->empty, "暂无记录，按 F6 新增申报");
	if (reopen(w, from->batch_id, LIST_KEEP_NOTHING)) {
		list_view_free(&w->list);
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
	draw_text(frame_body_top(), 0, term_cols(), w->totals, ST_HEADING);
	grid_draw(&w->list.g);
}

/* Back from a form: what changed there changes the totals too. */
static void resume(void *st, struct app *a)
{
	(void)a;
	struct ledger *w = st;
	if (reopen(w, w->b.id, LIST_KEEP_FIND | LIST_KEEP_ROW) == 0)
		list_view_resume(&w->list, &w->arg.saved_id);
}

static enum outcome push(struct ledger *w, struct app *a, const struct screen *sc, int64_t id)
{
	memset(&w->arg, 0, sizeof w->arg);
	w->arg.kind = w->b.kind;
	w->arg.batch_id = w->b.id;
	w->arg.id = id;
	app_push(a, sc, &w->arg);
	return SCR_PUSH;
}

static enum outcome remove_app(struct ledger *w)
{
	struct review_app ap;
	struct dj_err e;
	int64_t id = grid_selected_id(&w->list.g);
	char q[320];
	if (!id)
		return SCR_HANDLED;
	if (review_app_load(w->s, id, &ap, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	snprintf(q, sizeof q, "删除申报「%s」（%s）？\n只有还是已申报状态的申报才能删除，其记录和经费一并删除。",
	         ap.title, ap.org);
	if (!dialog_ask(q, 0))
		return SCR_REDRAW;
	if (review_app_delete(w->s, id, ap.version, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else
		frame_message(MSG_INFO, "已删除申报「%s」", ap.title);
	reopen(w, w->b.id, LIST_KEEP_FIND);
	return SCR_REDRAW;
}

struct export_ctx {
	struct session *s;
	int64_t batch_id;
};

static int write_ledger(void *ctx, const char *path, FILE *report, int *n)
{
	struct export_ctx *c = ctx;
	return review_export_csv(c->s, c->batch_id, path, report, n);
}

static void export_ledger(struct ledger *w)
{
	char path[256];
	struct export_ctx c = { w->s, w->b.id };
	list_file_name(path, sizeof path, w->b.kind == REVIEW_PROJECT ? "立项台账" : "创建台账");
	list_export("导出批次台账（含经费、总评和每位评委的合计）", path, "项",
	            NULL, write_ledger, &c);
}

static enum outcome actions(struct ledger *w, struct app *a)
{
	static const char *const items[] = { "打开申报（回车）", "新增申报（F6）", "删除申报（F8，已申报的）",
	                                     "批次设置", "导出批次台账（xlsx/CSV，含评委得分）",
	                                     "导出本屏列表（xlsx/CSV）" };
	int64_t id = grid_selected_id(&w->list.g);
	char path[256];
	switch (dialog_pick("操作", items, 6, 0)) {
	case 0:
		if (id)
			return push(w, a, &review_app_form_screen, id);
		frame_message(MSG_ERROR, "本批次还没有申报，按 F6 新增");
		return SCR_REDRAW;
	case 1: return push(w, a, &review_app_form_screen, 0);
	case 2: return remove_app(w);
	case 3: return push(w, a, &review_batch_form_screen, w->b.id);
	case 4: export_ledger(w); return SCR_REDRAW;
	case 5:
		list_file_name(path, sizeof path, "申报列表");
		list_export_rows(w->list.rs, "导出本屏列表", path, w->b.name);
		return SCR_REDRAW;
	default: return SCR_REDRAW;
	}
}

static enum outcome open_row(void *st, struct app *a, int64_t id)
{
	return push(st, a, &review_app_form_screen, id);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct ledger *w = st;
	if (k.code == K_F5) {   /* others' changes: the rows and the totals read anew */
		reopen(w, w->b.id, LIST_KEEP_FIND | LIST_KEEP_ROW);
		return SCR_REDRAW;
	}
	enum outcome o = list_view_key(&w->list, k, a, open_row, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F6: return push(w, a, &review_app_form_screen, 0);
	case K_F8: return remove_app(w);
	case K_F9: return actions(w, a);
	default: return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", "删除",
                                        "操作", "退出" };

const struct screen review_ledger_screen = {
	.name = "申报台账",
	.help = "一个批次的全部申报：名称、申报单位、状态、下一节点（阶段和日期）、逾期、\n"
	        "拨付、支出、结余和验收总评。行首的 ! 表示某一阶段日期已过而还没有走到这一步（逾期）。\n"
	        "第一行是本批次的合计：申报数、逾期数，拨付、支出和结余的经费（元）。\n"
	        "回车：打开申报表（F9 在申报表中推荐、评审、立项、验收等，并进入经费、记录、评分）。\n"
	        "F6 新增申报；F8 删除还是已申报状态的申报；F7 或 / 查找（名称、单位、拼音首字母）；\n"
	        "< > 选排序列，r 反向；F5 刷新。\n"
	        "F9：批次设置、导出批次台账（xlsx/CSV，含每位评委的合计）、导出本屏列表。",
	.legend = legend,
	.open = open_ledger,
	.close = close_ledger,
	.draw = draw,
	.key = key,
	.resume = resume,
};
