/* table.c — one 党内统计 table at 80x24: its rows down, its columns across
 * (the read-only matrix of tui/sheet.h, which scrolls both ways), the
 * subtree (F4) and the as-of date (F6) above it.  Enter on a cell lists
 * the members or organizations behind the number; F9 writes the table as
 * the upper level's form; on 党员增减, F8 names the members that break
 * 上年末 + 增加 − 减少 = 本年末. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/member/actions.h"
#include "screens/stats/stats_screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/sheet.h"

struct table_screen {
	struct session *s;
	const char *key;
	struct stats_when w;
	struct stats_table t;
	char scope[128];
	int ok, balanced;
	struct sheet sh;
	struct sheet_col cols[STATS_MAXCOLS];
	struct stats_drill_arg drill;
};

static void op_label(void *ctx, int row, char *out, size_t cap)
{
	struct table_screen *w = ctx;
	snprintf(out, cap, "%s", w->t.row_label[row]);
}

static void op_computed(void *ctx, int row, int k, char *out, size_t cap)
{
	(void)ctx, (void)row, (void)k;
	snprintf(out, cap, "%s", "");
}

static int op_check(void *ctx, int row, int col, const char *text, char why[WHY_MAX])
{
	(void)ctx, (void)row, (void)col, (void)text, (void)why;
	return 0;
}

static int op_save(void *ctx, int row)
{
	(void)ctx, (void)row;
	return 0;
}

static const struct sheet_ops ops = {
	.label = op_label, .computed = op_computed, .check = op_check, .save_row = op_save,
};

/* A column as wide as its widest number, its title wrapped on two rows. */
static int col_width(const struct stats_table *t, int c)
{
	int w = (utf8_cols(t->col_label[c]) + 1) / 2;
	for (int r = 0; r < t->nrows; r++) {
		char n[24];
		int d = snprintf(n, sizeof n, "%ld", t->cell[r][c]);
		w = d > w ? d : w;
	}
	return w < 4 ? 4 : w;
}

/* Counts the table again, keeping the cursor where it was. */
static int compute(struct table_screen *w)
{
	struct dj_err e;
	int row = w->sh.row, col = w->sh.col;
	list_scope_name(w->s, w->w.root, w->scope, sizeof w->scope);
	w->ok = stats_compute(w->s, w->key, &w->w, &w->t, &e) == 0;
	if (!w->ok) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	w->balanced = strcmp(w->t.key, "change") != 0 || stats_change_balances(&w->t);
	sheet_free(&w->sh);
	if (sheet_init(&w->sh, w->t.nrows, w->t.ncols)) {
		w->ok = 0;
		frame_message(MSG_ERROR, "内存不足");
		return -1;
	}
	for (int c = 0; c < w->t.ncols; c++)
		w->cols[c] = (struct sheet_col){ w->t.col_label[c], "", col_width(&w->t, c) };
	for (int r = 0; r < w->t.nrows; r++)
		for (int c = 0; c < w->t.ncols; c++) {
			char n[SHEET_CELL];
			snprintf(n, sizeof n, "%ld", w->t.cell[r][c]);
			sheet_load(&w->sh, r, c, n);
		}
	w->sh.cols = w->cols;
	w->sh.label_title = "项目";
	w->sh.label_sub = "";
	w->sh.label_min = 12;
	w->sh.label_max = 28;
	w->sh.top_y = frame_body_top() + 1;
	w->sh.ops = &ops;
	w->sh.ctx = w;
	w->sh.readonly = 1;
	w->sh.readonly_why = "统计表由台账计算，只能查看；回车列出该数字背后的名单";
	sheet_goto(&w->sh, row < w->t.nrows ? row : 0, col < w->t.ncols ? col : 0);
	return 0;
}

void *stats_table_open(struct app *a, const char *key)
{
	struct table_screen *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->key = key;
	stats_when_set(&w->w, 0, "", &e);
	if (compute(w)) {
		sheet_free(&w->sh);
		free(w);
		return NULL;
	}
	return w;
}

void stats_table_close(void *st)
{
	struct table_screen *w = st;
	sheet_free(&w->sh);
	free(w);
}

void stats_table_draw(void *st, struct app *a)
{
	(void)a;
	struct table_screen *w = st;
	char head[320], left[256];
	snprintf(head, sizeof head, "%s  范围：%s  截止：%s%s", w->t.name, w->scope, w->w.as_of,
	         w->balanced ? "" : "  核对不平（F8 查看）");
	draw_text(frame_body_top(), 0, term_cols(), head, w->balanced ? ST_HEADING : ST_WARN);
	if (!w->ok)
		return;
	sheet_draw(&w->sh);
	int r = w->sh.row, c = w->sh.col;
	snprintf(left, sizeof left, "%s · %s：%ld", w->t.row_label[r] + strspn(w->t.row_label[r], " "),
	         w->t.col_label[c], w->t.cell[r][c]);
	frame_status(left, "回车 名单  F4 范围  F6 日期  F9 导出");
}

/* F6: the as-of date, asked again with what was typed until it reads. */
static void ask_date(struct table_screen *w)
{
	char date[32];
	snprintf(date, sizeof date, "%s", w->w.as_of);
	for (;;) {
		if (!dialog_input("统计截止日期", "截止日期（统计年度从该年 1 月 1 日起）：", date, sizeof date))
			return;
		struct stats_when nw;
		struct dj_err e;
		if (stats_when_set(&nw, w->w.root, date, &e) == 0) {
			w->w = nw;
			compute(w);
			return;
		}
		frame_message(MSG_ERROR, "%s", e.msg);
	}
}

static void show_recon(struct table_screen *w)
{
	struct stats_recon r;
	struct dj_err e;
	char why[2048], text[2400];
	if (stats_reconcile(w->s, &w->w, &r, why, sizeof why, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return;
	}
	if (r.ok)
		snprintf(text, sizeof text, "上年末 %ld + 本年增加 %ld − 本年减少 %ld = 本年末 %ld，逐人核对相符。",
		         r.start, r.added, r.removed, r.end);
	else
		snprintf(text, sizeof text, "上年末 %ld + 本年增加 %ld − 本年减少 %ld ≠ 本年末 %ld。\n"
		         "以下党员的变动记录与状态不符（请在党员台账中补登或更正变动）：\n%s",
		         r.start, r.added, r.removed, r.end, why);
	dialog_message("党员增减核对", text);
}

static void export(struct table_screen *w)
{
	char path[256], *report = NULL;
	size_t len = 0;
	list_file_name(path, sizeof path, w->t.name);
	if (!list_ask_file("导出统计表", path, sizeof path))
		return;
	FILE *r = open_memstream(&report, &len);
	if (!r)
		return;
	struct stats_sign sign;
	stats_sign_fill(w->s, &w->w, &sign);
	int rc = stats_export(&w->t, w->scope, &w->w, &sign, path, r);
	fclose(r);
	if (rc) {
		report[strcspn(report, "\n")] = 0;
		frame_message(MSG_ERROR, "导出失败：%s", report);
	} else {
		char full[PATH_MAX];
		list_full_path(path, full, sizeof full);
		frame_message(MSG_INFO, "已导出%s到 %s", w->t.name, full);
	}
	free(report);
}

static enum outcome open_cell(struct table_screen *w, struct app *a)
{
	w->drill = (struct stats_drill_arg){ &w->t, &w->w, w->sh.row, w->sh.col, w->scope };
	app_push(a, &stats_drill_screen, &w->drill);
	return SCR_PUSH;
}

enum outcome stats_table_key(void *st, struct app *a, struct key k)
{
	struct table_screen *w = st;
	int64_t root = w->w.root ? w->w.root : w->s->scope_org;
	switch (k.code) {
	case K_ENTER:
		return w->ok ? open_cell(w, a) : SCR_REDRAW;
	case K_F4:
		if (member_pick_scope(w->s, &root)) {
			w->w.root = root;
			compute(w);
		}
		return SCR_REDRAW;
	case K_F5:
		compute(w);
		return SCR_REDRAW;
	case K_F6:
		ask_date(w);
		return SCR_REDRAW;
	case K_F8:
		if (strcmp(w->key, "change") == 0)
			show_recon(w);
		return SCR_REDRAW;
	case K_F9:
		if (w->ok)
			export(w);
		return SCR_REDRAW;
	case K_F2:
		return SCR_HANDLED;   /* nothing to save */
	default:
		break;
	}
	return w->ok && sheet_key(&w->sh, k) == SHEET_HANDLED ? SCR_REDRAW : SCR_PASS;
}

void stats_table_resume(void *st, struct app *a)
{
	(void)a;
	compute(st);   /* a record changed through the list behind a cell */
}

const char *const stats_table_legend[10] = { "帮助", NULL, "返回", "范围", "刷新", "日期", NULL,
                                             NULL, "导出", "退出" };
const char *const stats_change_legend[10] = { "帮助", NULL, "返回", "范围", "刷新", "日期", NULL,
                                              "核对", "导出", "退出" };

const char stats_table_help[] =
	"党内统计表：按台账记录计算，截止日期默认为本年 12 月 31 日，统计年度从该年 1 月 1 日起。\n"
	"↑↓←→ 移动到一格，PgUp/PgDn 翻页；回车列出这个数字背后的党员（或发展对象、党组织、荣誉），\n"
	"名单的条数就是格中的数字，名单中回车打开该党员的信息表。\n"
	"F4：选择范围（组织及其下级）。F5：重新统计。F6：改截止日期（如 2025-12-31）。\n"
	"F8（党员增减）：逐人核对 上年末 + 本年增加 − 本年减少 = 本年末，列出不符的党员。\n"
	"F9：导出 xlsx 或 CSV，带填报单位、填报人、审核人、日期（审核人见 dangjian.ini [stats] checked_by）。";
