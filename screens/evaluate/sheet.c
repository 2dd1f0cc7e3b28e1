/* sheet.c — 民主评议表: one round's members down, as on the sign-in sheet.
 * One key gives a member's result and moves down (1 优秀, 2 合格, 3 基本合格,
 * 4 不合格, 0 清除), saved at once (version-checked, audited); the counts
 * follow every key.  F4 types the member's four vote counts on one line
 * and moves down too; Enter opens the 自评 and votes; F9 the 不合格
 * follow-up, the export and the printed 结果表. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memrows.h"
#include "core/text.h"
#include "evaluate/evaluate.h"
#include "screens/common/list_screen.h"
#include "screens/common/print_dialog.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"

struct sheet {
	struct session *s;
	struct evaluate_arg *arg;
	struct eval_round r;
	struct eval_words words;
	struct eval_line *rows;
	int n;
	char (*py)[32];
	struct live_rows lr;
	struct row_source *rs;
	struct grid g;
	struct evaluate_arg sub;
};

static const struct rs_column cols[] = {
	{ "序号", 4, 0, 1, 0 }, { "姓名", 14, 0, 0, 0 }, { "所在组织", 14, 1, 0, 0 },
	{ "评议结果", 8, 0, 0, 0 }, { "得票 优/合/基/不", 16, 0, 0, 0 }, { "自评", 12, 1, 0, 0 },
};
enum { NCOLS = sizeof cols / sizeof *cols };

static int row_count(void *ctx)
{
	return ((struct sheet *)ctx)->n;
}

static void row_cell(void *ctx, int i, int c, char *out, size_t cap)
{
	struct sheet *w = ctx;
	const struct eval_line *l = &w->rows[i];
	switch (c) {
	case 0: snprintf(out, cap, "%d", i + 1); break;
	case 1: snprintf(out, cap, *l->tell ? "%s %s" : "%s%s", l->name, l->tell); break;
	case 2: snprintf(out, cap, "%s", l->org); break;
	case 3: snprintf(out, cap, "%s", l->result ? evaluate_word(&w->words, l->result) : "－"); break;
	case 4: evaluate_votes_text(l->v, out, cap); break;
	default: todo_copy(out, cap, l->self_note); break;
	}
}

static const char *row_py(void *ctx, int i)
{
	return ((struct sheet *)ctx)->py[i];
}

static int row_flags(void *ctx, int i)
{
	int r = ((struct sheet *)ctx)->rows[i].result;
	return r == EV_FAIL ? RS_FLAG_WARN : r == EV_NONE ? RS_FLAG_DIM : 0;
}

static void drop(struct sheet *w)
{
	if (w->rs)
		grid_free(&w->g);
	row_source_free(w->rs);
	w->rs = NULL;
	free(w->rows);
	w->rows = NULL;
	free(w->py);
	w->py = NULL;
	w->n = 0;
}

/* Reads the round again; the cursor stays on row `at` (-1: the first
 * member without a result). */
static int load(struct sheet *w, int at, struct dj_err *e)
{
	drop(w);
	if (evaluate_round_load(w->s, w->arg->round_id, &w->r, e) ||
	    evaluate_lines_load(w->s, w->r.id, &w->rows, &w->n, e))
		return -1;
	w->py = calloc(w->n > 0 ? (size_t)w->n : 1, sizeof *w->py);
	w->lr = (struct live_rows){ w, row_count, row_cell, row_py, row_flags, 1 };
	if (w->py)
		w->rs = live_rows_new(&w->lr, cols, NCOLS);
	if (!w->rs || grid_init(&w->g, w->rs, frame_body_top() + 2, 0)) {
		row_source_free(w->rs);
		w->rs = NULL;
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	}
	for (int i = 0; i < w->n; i++)
		pinyin_initials_person(w->rows[i].name, w->py[i], sizeof w->py[i]);
	w->g.empty_text = "本次评议没有党员：该组织（含党小组和下级组织）评议时没有在册党员";
	if (at < 0)
		for (at = 0; at < w->n && w->rows[at].result; at++)
			;
	struct key down = { K_DOWN, 0 };
	for (int i = 0; i < at && i < w->n - 1; i++)
		grid_key(&w->g, down);
	return 0;
}

static void *open_sheet(struct app *a, void *arg)
{
	struct sheet *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	evaluate_words_from(w->s->cfg, &w->words);
	if (load(w, -1, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		drop(w);
		free(w);
		return NULL;
	}
	return w;
}

static void close_sheet(void *st)
{
	struct sheet *w = st;
	drop(w);
	free(w);
}

static struct eval_line *selected(struct sheet *w)
{
	int i = live_rows_index(grid_selected_id(&w->g));
	return i >= 0 && i < w->n ? &w->rows[i] : NULL;
}

static void draw_counts(struct sheet *w)
{
	struct eval_counts c;
	char text[200], right[96] = "";
	evaluate_count(w->rows, w->n, &c);
	evaluate_counts_text(&w->words, &c, text, sizeof text);
	const struct eval_line *l = selected(w);
	if (l && *l->action)
		snprintf(right, sizeof right, "处置：%s（F9）", l->action);
	frame_status(text, right);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct sheet *w = st;
	char head[400], keys[200];
	snprintf(head, sizeof head, "%s 年民主评议党员  %s  评议日期 %s  会议 %s", w->r.year, w->r.org,
	         w->r.held_on, *w->r.meeting ? w->r.meeting : "未关联");
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	snprintf(keys, sizeof keys, "按键：1 %s  2 %s  3 %s  4 %s  0 清除  F4 得票  回车 自评",
	         w->words.w[1], w->words.w[2], w->words.w[3], w->words.w[4]);
	draw_text(frame_body_top() + 1, 0, term_cols(), keys, ST_NORMAL);
	grid_draw(&w->g);
	draw_counts(w);
}

static int may_edit(struct sheet *w)
{
	if (w->s->role != ROLE_VIEWER)
		return 1;
	frame_message(MSG_ERROR, "您是只读用户，不能修改评议结果");
	return 0;
}

/* Saves the selected member's line as changed in l; someone else's save
 * is read in, not overwritten.  0 when saved. */
static int save_row(struct sheet *w, struct eval_line *r, struct eval_line *l)
{
	struct dj_err e;
	int rc = evaluate_line_save(w->s, l, &e);
	if (rc == DJ_CONFLICT && evaluate_line_load(w->s, r->id, l, NULL) == 0) {
		snprintf(l->tell, sizeof l->tell, "%s", r->tell);
		*r = *l;
		grid_refresh(&w->g);
		frame_message(MSG_ERROR, "%s 的评议已被他人修改，已重新读取（%s），请核对后再按键",
		              r->name, evaluate_word(&w->words, r->result));
		return -1;
	}
	if (rc) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	*r = *l;
	w->arg->changed = 1;
	return 0;
}

static void move_down(struct sheet *w)
{
	struct key down = { K_DOWN, 0 };
	grid_refresh(&w->g);
	grid_key(&w->g, down);
}

static enum outcome mark(struct sheet *w, int result)
{
	struct eval_line *r = selected(w);
	if (!r || !may_edit(w))
		return SCR_HANDLED;
	struct eval_line l = *r;
	l.result = result;
	if (save_row(w, r, &l))
		return SCR_REDRAW;
	if (result == EV_FAIL)
		frame_message(MSG_INFO, "%s 评为%s，已登记处置：%s（F9 填写决定和限期）", r->name,
		              evaluate_word(&w->words, EV_FAIL), r->action);
	else
		frame_message(MSG_INFO, "%s：%s", r->name, evaluate_word(&w->words, result));
	move_down(w);
	return SCR_REDRAW;
}

/* F4: the four counts on one line; a wrong one keeps what was typed. */
static enum outcome votes(struct sheet *w)
{
	struct eval_line *r = selected(w);
	struct dj_err e;
	char text[64], title[160];
	if (!r || !may_edit(w))
		return SCR_HANDLED;
	evaluate_votes_text(r->v, text, sizeof text);
	snprintf(title, sizeof title, "%s 的得票", r->name);
	for (;;) {
		char prompt[160];
		snprintf(prompt, sizeof prompt, "%s/%s/%s/%s：", w->words.w[1], w->words.w[2],
		         w->words.w[3], w->words.w[4]);
		if (!dialog_input(title, prompt, text, sizeof text))
			return SCR_REDRAW;
		struct eval_line l = *r;
		if (evaluate_votes_read(text, l.v, &e)) {
			frame_message(MSG_ERROR, "%s", e.msg);
			continue;
		}
		if (save_row(w, r, &l))
			return SCR_REDRAW;
		evaluate_votes_text(r->v, text, sizeof text);
		frame_message(MSG_INFO, "%s 的得票：%s", r->name, *text ? text : "未统计");
		move_down(w);
		return SCR_REDRAW;
	}
}

static enum outcome push(struct sheet *w, struct app *a, const struct screen *to, int64_t id)
{
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.round_id = w->r.id;
	w->sub.id = id;
	app_push(a, to, &w->sub);
	return SCR_PUSH;
}

static enum outcome open_followup(struct sheet *w, struct app *a)
{
	struct eval_line *r = selected(w);
	if (!r)
		return SCR_HANDLED;
	if (!r->followup_id) {
		frame_message(MSG_ERROR, "%s 的评议结果为「%s」，没有处置（评为%s时登记）", r->name,
		              evaluate_word(&w->words, r->result), evaluate_word(&w->words, EV_FAIL));
		return SCR_HANDLED;
	}
	return push(w, a, &evaluate_followup_form_screen, r->followup_id);
}

static int write_round(void *ctx, const char *path, FILE *report, int *n)
{
	struct sheet *w = ctx;
	return evaluate_export(w->s, w->r.id, path, report, n);
}

static void add_members(struct sheet *w)
{
	struct dj_err e;
	int added = 0;
	if (!may_edit(w))
		return;
	if (evaluate_round_add_members(w->s, w->r.id, &added, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return;
	}
	if (added && load(w, live_rows_index(grid_selected_id(&w->g)), &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else if (added)
		frame_message(MSG_INFO, "已补列 %d 名党员", added);
	else
		frame_message(MSG_INFO, "没有需要补列的党员：%s的在册党员都已在评议表中", w->r.org);
	w->arg->changed |= added > 0;
}

static enum outcome actions(struct sheet *w, struct app *a)
{
	static const char *const items[] = { "本人的不合格处置（决定、限期、完成）", "自评和得票",
	                                     "本次评议设置（日期、会议）",
	                                     "导出评议结果表（xlsx 或 CSV）", "打印评议结果表（PDF）",
	                                     "补列新登记的党员（此后转入、新增的在册党员）" };
	struct eval_line *r = selected(w);
	char name[160];
	switch (dialog_pick("操作", items, 6, 0)) {
	case 0: return open_followup(w, a);
	case 1: return r ? push(w, a, &evaluate_line_form_screen, r->id) : SCR_REDRAW;
	case 2: return push(w, a, &evaluate_round_form_screen, 0);
	case 3:
		snprintf(name, sizeof name, "民主评议党员结果表-%s-%s", w->r.year, w->r.org);
		list_file_name(name, sizeof name, name);
		list_export("导出民主评议结果", name, "名党员的评议结果", NULL, write_round, w);
		break;
	case 4: print_dialog(w->s, FORM_EVALUATE, w->r.id, 0); break;
	case 5: add_members(w); break;
	default: break;
	}
	return SCR_REDRAW;
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct sheet *w = st;
	struct dj_err e;
	if (!w->sub.changed)
		return;
	int at = live_rows_index(grid_selected_id(&w->g));
	if (load(w, at < 0 ? 0 : at, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	w->arg->changed = 1;
	w->sub.changed = 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct sheet *w = st;
	struct dj_err e;
	if (k.code == K_CHAR && k.ch >= L'0' && k.ch <= L'4')
		return mark(w, (int)(k.ch - L'0'));
	switch (k.code) {
	case K_ENTER: {
		struct eval_line *r = selected(w);
		return r ? push(w, a, &evaluate_line_form_screen, r->id) : SCR_HANDLED;
	}
	case K_F4:
		return votes(w);
	case K_F5:
		if (load(w, live_rows_index(grid_selected_id(&w->g)), &e))
			frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	case K_F9:
		return actions(w, a);
	default:
		break;
	}
	if (grid_key(&w->g, k) == GRID_HANDLED) {
		draw_counts(w);
		return SCR_HANDLED;
	}
	return SCR_PASS;
}

static const char *const legend[10] = { "帮助", NULL, "返回", "得票", "重读", NULL, "查找", NULL,
                                        "操作", "退出" };

const struct screen evaluate_sheet_screen = {
	.name = "民主评议表",
	.help = "一次民主评议党员：列出评议时该组织（含党小组和下级组织）的在册党员，排列同签到表。\n"
	        "在一行上按一个数字键即登记评议结果并移到下一行（立即保存）：\n"
	        "  1 优秀   2 合格   3 基本合格   4 不合格   0 清除\n"
	        "（结果的名称在 dangjian.ini [evaluate] results 配置。）底行随时显示各结果的人数。\n"
	        "评为不合格即登记处置（默认限期改正，限期为评议日期后 [evaluate] deadline_days 天），\n"
	        "列入今日待办，直到填写完成日期；F9 打开处置，填写决定、限期、完成日期。\n"
	        "F4：在一行中输入本人的得票（优秀、合格、基本合格、不合格四个票数，以空格或 / 分隔，\n"
	        "如 12 3 0 0），保存后移到下一行。回车：本人的自评和得票。\n"
	        "F5 重新读取。F7 或 / 按姓名或拼音首字母查找。\n"
	        "F9：处置、自评和得票、本次设置、导出或打印评议结果表、补列此后登记的党员。\n"
	        "F3 或 Esc 返回。",
	.legend = legend, .open = open_sheet, .close = close_sheet, .draw = draw, .key = key,
	.resume = resume,
};
