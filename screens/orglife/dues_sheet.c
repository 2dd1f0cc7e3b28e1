/* dues_sheet.c — 党费收缴表: one branch, one month, one line per member.
 * The list shows every line; the entry bar under it edits the current
 * one: 类别, 基数, 实交, 日期.  Typing replaces a cell's value, Enter keeps it
 * and goes down to the same cell of the next member, space pays the amount
 * due in full.  F2 saves the sheet (each line under its version). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memrows.h"
#include "core/text.h"
#include "core/validate.h"
#include "orglife/dues.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/field.h"
#include "tui/grid.h"

enum { F_KIND, F_BASE, F_PAID, F_DATE, NFIELDS };

static const char *const field_labels[NFIELDS] = { "类别：", "基数：", "实交：", "日期：" };
/* 类别 holds 离退休 and the cursor after it: at 6 the field scrolled and
 * showed 退休. */
static const int field_widths[NFIELDS] = { 7, 10, 9, 10 };

struct dsheet {
	struct session *s;
	struct meeting_scope_arg *arg;
	struct dues_rules rules;
	struct dues_sheet sh;
	struct live_rows lr;
	struct row_source *rs;
	struct grid g;
	struct field f[NFIELDS];
	int cur;            /* the field being typed in */
	int line;           /* the line the bar shows, -1 none */
	int fresh;          /* the next character replaces the field */
	int dirty;
	int rows_seen;
};

static const struct rs_column cols[] = {
	{ "姓名", 8, 0, 0, 0 }, { "类别", 6, 0, 0, 0 }, { "基数", 9, 0, 1, 0 },
	{ "比例", 5, 0, 1, 0 }, { "应交", 8, 0, 1, 0 }, { "实交", 8, 0, 1, 0 },
	{ "交纳日期", 10, 0, 0, 0 }, { "减免", 4, 0, 0, 0 }, { "所在组织", 12, 1, 0, 0 },
};

static void money_or(int64_t fen, const char *none, char *out, size_t cap)
{
	if (fen < 0)
		snprintf(out, cap, "%s", none);
	else
		format_money(fen, out, cap);
}

static int line_count(void *ctx)
{
	return ((struct dsheet *)ctx)->sh.n;
}

static void line_cell(void *ctx, int i, int c, char *out, size_t cap)
{
	const struct dues_line *l = &((struct dsheet *)ctx)->sh.lines[i];
	switch (c) {
	case 0: snprintf(out, cap, "%s%s%s", l->name, *l->tell ? " " : "", l->tell); break;
	case 1: snprintf(out, cap, "%s", l->kind); break;
	case 2: money_or(dues_kind_has_base(l->kind) ? l->base : -1,
	                 dues_kind_has_base(l->kind) ? "未核定" : "", out, cap); break;
	case 3: if (l->rate) dues_rate_text(l->rate, out, cap); else out[0] = 0; break;
	case 4: money_or(l->due, "", out, cap); break;
	case 5: money_or(l->paid > 0 || l->id ? l->paid : -1, "", out, cap); break;
	case 6: snprintf(out, cap, "%s", l->paid_on); break;
	case 7: snprintf(out, cap, "%s", l->relief); break;
	default: snprintf(out, cap, "%s", l->org); break;
	}
}

static const char *line_py(void *ctx, int i)
{
	return ((struct dsheet *)ctx)->sh.lines[i].name_py;
}

static int line_flags(void *ctx, int i)
{
	const struct dues_line *l = &((struct dsheet *)ctx)->sh.lines[i];
	return l->due >= 0 && l->paid < l->due ? RS_FLAG_WARN : 0;
}

static struct dues_line *current(struct dsheet *w)
{
	return w->line >= 0 && w->line < w->sh.n ? &w->sh.lines[w->line] : NULL;
}

/* The bar shows the selected line's values. */
static void bar_load(struct dsheet *w)
{
	char text[32];
	w->line = live_rows_index(grid_selected_id(&w->g));
	struct dues_line *l = current(w);
	for (int i = 0; i < NFIELDS; i++)
		field_set(&w->f[i], "");
	if (l) {
		field_set(&w->f[F_KIND], l->kind);
		money_or(l->base, "", text, sizeof text);
		field_set(&w->f[F_BASE], text);
		money_or(l->paid > 0 ? l->paid : -1, "", text, sizeof text);
		field_set(&w->f[F_PAID], text);
		field_set(&w->f[F_DATE], l->paid_on);
	}
	w->fresh = 1;
}

static void drop(struct dsheet *w)
{
	if (w->rs)
		grid_free(&w->g);
	row_source_free(w->rs);
	w->rs = NULL;
	dues_sheet_free(&w->sh);
}

static int load(struct dsheet *w, struct dj_err *e)
{
	drop(w);
	if (dues_sheet_load(w->s, &w->rules, w->arg->org_id, w->arg->month, &w->sh, e))
		return -1;
	w->lr = (struct live_rows){ w, line_count, line_cell, line_py, line_flags, 0 };
	w->rs = live_rows_new(&w->lr, cols, 9);
	int rows = frame_body_rows() - 4;
	if (!w->rs || grid_init(&w->g, w->rs, frame_body_top() + 1, rows > 3 ? rows : 3)) {
		row_source_free(w->rs);
		w->rs = NULL;
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	}
	w->g.empty_text = "该党支部（含党小组）没有在册党员";
	w->rows_seen = frame_body_rows();
	w->dirty = 0;
	bar_load(w);
	return 0;
}

static void *open_sheet(struct app *a, void *arg)
{
	struct dsheet *w = calloc(1, sizeof *w);
	struct dj_err e;
	char why[256];
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->cur = F_PAID;
	dues_rules_load(w->s->cfg, &w->rules, why, sizeof why);
	for (int i = 0; i < NFIELDS; i++) {
		static const enum field_type types[NFIELDS] = { FT_CHOICE, FT_MONEY, FT_MONEY, FT_DATE };
		static const char *const names[NFIELDS] = { "类别", "计算基数", "实交", "交纳日期" };
		if (field_init(&w->f[i], types[i], names[i], 16, 32, field_widths[i], 1)) {
			for (int k = 0; k < i; k++)
				field_free(&w->f[k]);
			free(w);
			return NULL;
		}
	}
	w->f[F_KIND].choices = dues_kinds;
	if (load(w, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		for (int i = 0; i < NFIELDS; i++)
			field_free(&w->f[i]);
		drop(w);
		free(w);
		return NULL;
	}
	return w;
}

static void close_sheet(void *st)
{
	struct dsheet *w = st;
	drop(w);
	for (int i = 0; i < NFIELDS; i++)
		field_free(&w->f[i]);
	free(w);
}

static int bar_top(void)
{
	return frame_body_top() + frame_body_rows() - 3;
}

static void draw_bar(struct dsheet *w)
{
	char info[512], due[32], rate[16] = "";
	int y = bar_top();
	struct dues_line *l = current(w);
	if (l) {
		money_or(l->due, "未核定", due, sizeof due);
		if (l->rate)
			dues_rate_text(l->rate, rate, sizeof rate);
		snprintf(info, sizeof info, "%s%s%s（%s）  比例 %s  应交 %s%s%s%s", l->name,
		         *l->tell ? " " : "", l->tell, l->org,
		         *rate ? rate : "定额", due, *l->relief ? "  " : "", l->relief,
		         *l->approval ? "（已注明批准情况）" : "");
	} else {
		info[0] = 0;
	}
	draw_text(y, 0, term_cols(), info, ST_HEADING);
	int x = 0;
	draw_text(y + 1, 0, term_cols(), "", ST_NORMAL);
	for (int i = 0; i < NFIELDS; i++) {
		int lw = utf8_cols(field_labels[i]);
		draw_text(y + 1, x, lw, field_labels[i], ST_NORMAL);
		x += lw;
		if (i != w->cur)
			field_draw(&w->f[i], y + 1, x, 0);
		x += field_widths[i] + 2;
	}
	draw_text(y + 2, 0, term_cols(),
	          "回车 下一人  Tab 下一栏  空格 按应交足额交纳  F4 选类别  F9 减免/备注", ST_DIM);
	/* The field being typed in last: its cursor is the one that shows. */
	x = 0;
	for (int i = 0; i < w->cur; i++)
		x += utf8_cols(field_labels[i]) + field_widths[i] + 2;
	field_draw(&w->f[w->cur], y + 1, x + utf8_cols(field_labels[w->cur]), w->line >= 0);
	if (w->line < 0 || w->s->role == ROLE_VIEWER)
		cursor_want(-1, -1);
}

static void draw_totals(struct dsheet *w)
{
	struct dues_totals t;
	char status[256], due[32], paid[32], owed[32];
	dues_sheet_totals(&w->sh, &t);
	format_money(t.due, due, sizeof due);
	format_money(t.paid, paid, sizeof paid);
	format_money(t.owed, owed, sizeof owed);
	snprintf(status, sizeof status, "%d 人  应交 %s  实交 %s  欠交 %d 人 %s", t.members, due, paid,
	         t.owing, owed);
	frame_status(status, w->dirty ? "未保存（F2 保存）" : "");
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct dsheet *w = st;
	char head[256];
	if (w->rows_seen != frame_body_rows()) {
		int rows = frame_body_rows() - 4;
		grid_resize(&w->g, frame_body_top() + 1, rows > 3 ? rows : 3);
		w->rows_seen = frame_body_rows();
	}
	snprintf(head, sizeof head, "%s  %.4s年%s月 党费收缴表（元）", w->sh.org, w->sh.month,
	         w->sh.month + 5 + (w->sh.month[5] == '0'));
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->g);
	draw_bar(w);
	draw_totals(w);
}

/* Everything below a change: the row, the bar, the totals. */
static void show(struct dsheet *w)
{
	grid_draw(&w->g);
	draw_bar(w);
	draw_totals(w);
}

static int may_edit(struct dsheet *w)
{
	if (w->s->role != ROLE_VIEWER)
		return 1;
	frame_message(MSG_ERROR, "您是只读用户，不能修改党费记录");
	return 0;
}


/* ---- editing ---- */

/* Takes the bar's current field into the line.  Returns 0, or -1 with the
 * reason on the message line (the cursor stays). */
static int commit(struct dsheet *w)
{
	struct dues_line *l = current(w);
	char text[64], why[WHY_MAX], now[11];
	int64_t fen;
	if (!l || w->s->role == ROLE_VIEWER)
		return 0;
	field_get(&w->f[w->cur], text, sizeof text);
	utf8_trim(text);
	struct dues_line before = *l;
	switch (w->cur) {
	case F_KIND: {
		const char *only = NULL;
		int matches = 0;
		for (const char *const *k = dues_kinds; *k; k++)
			if (strcmp(*k, text) == 0 || (choice_matches(*k, text) && *text)) {
				matches += strcmp(*k, text) == 0 ? 100 : 1;
				only = *k;
				if (strcmp(*k, text) == 0)
					break;
			}
		if (!only || (matches > 1 && matches < 100)) {
			frame_message(MSG_ERROR, "「类别」应为 在职、离退休、学生、困难 或 农民（按 F4 选择）");
			return -1;
		}
		snprintf(l->kind, sizeof l->kind, "%s", only);
		break;
	}
	case F_BASE:
		if (*text && parse_money(text, &fen, why)) {
			frame_message(MSG_ERROR, "「计算基数」%s：%s", why, text);
			return -1;
		}
		l->base = *text ? fen : -1;
		break;
	case F_PAID:
		if (*text && parse_money(text, &fen, why)) {
			frame_message(MSG_ERROR, "「实交」%s：%s", why, text);
			return -1;
		}
		l->paid = *text ? fen : 0;
		if (l->paid > 0 && !*l->paid_on)
			snprintf(l->paid_on, sizeof l->paid_on, "%s", today(now));
		if (l->paid == 0)
			l->paid_on[0] = 0;
		break;
	default:
		if (*text && valid_date(text, l->paid_on, why)) {
			frame_message(MSG_ERROR, "「交纳日期」%s：%s", why, text);
			return -1;
		}
		if (!*text)
			l->paid_on[0] = 0;
		break;
	}
	if (memcmp(&before, l, sizeof before) != 0) {
		dues_line_recompute(&w->rules, l);
		w->dirty = 1;
		grid_refresh(&w->g);
	}
	return 0;
}

/* Leaves the current line for another (a grid move); the bar follows. */
static enum outcome move(struct dsheet *w, struct key k)
{
	if (commit(w))
		return SCR_HANDLED;
	grid_key(&w->g, k);
	bar_load(w);
	show(w);
	return SCR_HANDLED;
}

static enum outcome next_line(struct dsheet *w)
{
	struct key down = { K_DOWN, 0 };
	if (commit(w))
		return SCR_HANDLED;
	int before = w->line;
	grid_key(&w->g, down);
	bar_load(w);
	if (before == w->line)
		frame_message(MSG_INFO, "已是最后一人，按 F2 保存");
	show(w);
	return SCR_HANDLED;
}

static enum outcome switch_field(struct dsheet *w, int dir)
{
	if (commit(w))
		return SCR_HANDLED;
	bar_load(w);
	w->cur = (w->cur + dir + NFIELDS) % NFIELDS;
	show(w);
	return SCR_HANDLED;
}

static enum outcome pay_in_full(struct dsheet *w)
{
	struct dues_line *l = current(w);
	char now[11];
	if (!l || !may_edit(w) || commit(w))
		return SCR_HANDLED;
	if (l->due < 0) {
		frame_message(MSG_ERROR, "%s 的应交金额未核定，请先填写「基数」", l->name);
		w->cur = F_BASE;
		bar_load(w);
		show(w);
		return SCR_HANDLED;
	}
	l->paid = l->due;
	if (!*l->paid_on)
		snprintf(l->paid_on, sizeof l->paid_on, "%s", today(now));
	if (l->paid == 0)
		l->paid_on[0] = 0;
	l->dirty = 1;
	w->dirty = 1;
	grid_refresh(&w->g);
	bar_load(w);   /* so moving on does not take the old text back */
	return next_line(w);
}

static void pick_kind(struct dsheet *w)
{
	struct row_source *rs = choice_source_new(dues_kinds, "类别");
	char filter[64] = "";
	struct rs_row row;
	if (!rs)
		return;
	w->cur = F_KIND;
	if (grid_pick(rs, "选择类别", filter, sizeof filter, 0, &row)) {
		field_set(&w->f[F_KIND], row.cell[0]);
		commit(w);
		bar_load(w);
	}
	row_source_free(rs);
}

static int save(struct dsheet *w)
{
	struct dj_err e;
	int bad;
	if (!may_edit(w) || commit(w))
		return -1;
	int rc = dues_sheet_save(w->s, &w->sh, &bad, &e);
	if (rc == DJ_CONFLICT) {
		if (dialog_ask("党费记录已被他人修改。\n重新读取本表？（选「否」保留您录入的内容）", 0)) {
			if (load(w, &e))
				frame_message(MSG_ERROR, "%s", e.msg);
			else
				frame_message(MSG_INFO, "已重新读取，请重新录入后保存");
		} else {
			frame_message(MSG_ERROR, "%s", e.msg);
		}
		return -1;
	}
	if (rc) {
		if (bad >= 0 && grid_select_id(&w->g, bad + 1) == 0) {
			w->cur = strcmp(e.field, "base") == 0 ? F_BASE : strcmp(e.field, "paid_on") == 0
			         ? F_DATE : strcmp(e.field, "kind") == 0 ? F_KIND : w->cur;
			bar_load(w);
		}
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	struct dues_totals t;
	char paid[32];
	dues_sheet_totals(&w->sh, &t);
	format_money(t.paid, paid, sizeof paid);
	frame_message(MSG_INFO, "已保存 %s 党费：实交 %s 元，欠交 %d 人", w->sh.month, paid, t.owing);
	w->dirty = 0;
	w->arg->saved = 1;
	grid_refresh(&w->g);
	bar_load(w);
	return 0;
}

static enum outcome back(struct dsheet *w)
{
	static const char *const answers[] = { "是，保存后返回", "否，不保存，返回" };
	if (commit(w) == 0 && !w->dirty)
		return SCR_BACK;
	switch (dialog_pick("保存党费收缴表？", answers, 2, 0)) {
	case 0:
		return save(w) == 0 ? SCR_BACK : SCR_REDRAW;
	case 1:
		return SCR_BACK;
	default:
		return SCR_REDRAW;
	}
}

static int save_any(void *w) { return save(w); }

/* 减交 / 免交 with the approval, 取消减免, 备注. */
static void relief(struct dsheet *w, const char *kind)
{
	struct dues_line *l = current(w);
	char title[128], approval[sizeof l->approval], amount[32] = "";
	int64_t fen = 0;
	if (!l)
		return;   /* an empty sheet has no line to relieve */
	snprintf(title, sizeof title, "%s %s", l->name, kind);
	snprintf(approval, sizeof approval, "%s", l->approval);
	if (strcmp(kind, "减交") == 0) {
		char why[WHY_MAX];
		if (l->due >= 0)
			format_money(l->due, amount, sizeof amount);
		if (!dialog_input(title, "减交后每月应交（元）：", amount, sizeof amount))
			return;
		if (parse_money(amount, &fen, why)) {
			frame_message(MSG_ERROR, "「应交」%s：%s", why, amount);
			return;
		}
	}
	if (!dialog_input(title, "批准情况（何时经谁批准）：", approval, sizeof approval))
		return;
	utf8_trim(approval);
	snprintf(l->relief, sizeof l->relief, "%s", kind);
	snprintf(l->approval, sizeof l->approval, "%s", approval);
	dues_line_recompute(&w->rules, l);
	if (strcmp(kind, "减交") == 0)
		l->due = fen;
	w->dirty = 1;
	grid_refresh(&w->g);
}

struct export_ctx {
	struct session *s;
	int64_t org;
	const char *month;
};

static int write_sheet(void *ctx, const char *path, FILE *report, int *n)
{
	struct export_ctx *c = ctx;
	return dues_export_month(c->s, c->org, c->month, path, report, n);
}

static enum outcome actions(struct dsheet *w)
{
	static const char *const items[] = { "减交（须注明批准情况）", "免交（须注明批准情况）",
	                                     "取消减免", "备注", "导出本表（xlsx/CSV）" };
	struct dues_line *l = current(w);
	if (commit(w))
		return SCR_HANDLED;
	int choice = dialog_pick("操作", items, 5, 0);
	if (choice >= 0 && choice <= 3 && (!l || !may_edit(w)))
		return SCR_REDRAW;
	if (choice == 0 || choice == 1) {
		relief(w, choice ? "免交" : "减交");
	} else if (choice == 2 && *l->relief) {
		l->relief[0] = 0;
		l->approval[0] = 0;
		dues_line_recompute(&w->rules, l);
		w->dirty = 1;
		grid_refresh(&w->g);
	} else if (choice == 3) {
		char notes[sizeof l->notes];
		snprintf(notes, sizeof notes, "%s", l->notes);
		if (dialog_input(l->name, "备注：", notes, sizeof notes)) {
			utf8_trim(notes);
			snprintf(l->notes, sizeof l->notes, "%s", notes);
			l->dirty = 1;
			w->dirty = 1;
		}
	} else if (choice == 4) {
		char name[256];
		struct export_ctx c = { w->s, w->sh.org_id, w->sh.month };
		if (w->dirty)
			frame_message(MSG_ERROR, "请先按 F2 保存，再导出");
		else {
			snprintf(name, sizeof name, "党费收缴表-%s-%s.xlsx", w->sh.org, w->sh.month);
			list_export("导出党费收缴表", name, "条党费记录", NULL, write_sheet, &c);
		}
	}
	bar_load(w);
	return SCR_REDRAW;
}

static enum outcome reload(struct dsheet *w)
{
	struct dj_err e;
	if (w->dirty && !dialog_ask("放弃未保存的录入，重新读取本表？", 0))
		return SCR_REDRAW;
	if (load(w, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	return SCR_REDRAW;
}

/* Typing into the bar: the first character replaces what was there. */
static enum outcome type_in(struct dsheet *w, struct key k)
{
	if (w->line < 0)
		return SCR_PASS;
	if (k.code == K_CHAR && !may_edit(w))
		return SCR_HANDLED;
	if (w->s->role == ROLE_VIEWER)
		return SCR_PASS;
	if (w->fresh && k.code == K_CHAR)
		field_set(&w->f[w->cur], "");
	enum field_result r = field_key(&w->f[w->cur], k);
	if (r == FIELD_PASS)
		return SCR_PASS;
	w->fresh = 0;
	draw_bar(w);
	return SCR_HANDLED;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct dsheet *w = st;
	if (k.code == K_CHAR && k.ch == L' ')
		return pay_in_full(w);
	switch (k.code) {
	case K_ENTER:
		return next_line(w);
	case K_TAB:
		return switch_field(w, 1);
	case K_BTAB:
		return switch_field(w, -1);
	case K_UP: case K_DOWN: case K_PGUP: case K_PGDN:
		return move(w, k);
	case K_F2:
		save(w);
		return SCR_REDRAW;
	case K_F3: case K_ESC:
		return back(w);
	case K_F10:
		/* the line being typed counts as unsaved work, as on F3 */
		return commit(w) != 0 || w->dirty ? app_quit_unsaved(save_any, w) : SCR_PASS;
	case K_F4:
		if (may_edit(w))
			pick_kind(w);
		return SCR_REDRAW;
	case K_F5:
		return reload(w);
	case K_F7:
		if (commit(w) == 0) {
			grid_key(&w->g, k);
			bar_load(w);
		}
		return SCR_REDRAW;
	case K_F9:
		return actions(w);
	default:
		break;
	}
	enum outcome o = type_in(w, k);
	if (o != SCR_PASS)
		return o;
	if (k.code == K_HOME || k.code == K_END)
		return move(w, k);
	return SCR_PASS;
}

static const char *const legend[10] = { "帮助", "保存", "返回", "类别", "重读", NULL, "查找", NULL,
                                        "减免", "退出" };

const struct screen dues_sheet_screen = {
	.name = "党费收缴表",
	.help = "一个党支部一个月的党费，每人一行；下方录入栏修改所选党员的一行。\n"
	        "类别：在职、离退休（按基数和比例计算），学生、困难、农民（定额）。\n"
	        "基数：在职党员为税后月收入，离退休党员为离退休费（元）；上月的类别和基数自动带入。\n"
	        "输入即替换原值；回车保留并移到下一人的同一栏；Tab/Shift-Tab 换栏；↑↓ 换人。\n"
	        "空格：按应交金额足额交纳（日期为今天）并移到下一人。\n"
	        "实交填写后日期自动为今天，可改。F4 在类别栏选择类别。\n"
	        "F9：减交、免交（须注明批准情况）、取消减免、备注、导出。\n"
	        "F2 保存整张表。F5 重新读取。F7 或 / 按姓名或拼音首字母查找。\n"
	        "应交比例和定额见 dangjian.ini [dues]；行首 ! 为尚未交足。",
	.legend = legend,
	.open = open_sheet,
	.close = close_sheet,
	.draw = draw,
	.key = key,
};
