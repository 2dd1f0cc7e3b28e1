/* summary.c — 年度汇总: the year's honours under the operator's scope by
 * title and level (honour_summary), a row per title and the 合计 row.
 * Enter lists the honours behind a row in the ledger; F4 changes the year;
 * F9 exports the table or prints it as the 表彰荣誉汇总表. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memrows.h"
#include "core/text.h"
#include "core/validate.h"
#include "docs/forms.h"
#include "honour/honour.h"
#include "screens/common/list_screen.h"
#include "screens/common/print_dialog.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct summary_screen {
	struct session *s;
	struct honour_summary sum;
	char head[HONOUR_SUM_COLS][64];
	struct rs_column cols[HONOUR_SUM_COLS];
	int ncols;
	struct live_rows lr;
	struct list_view list;
	struct honour_arg sub;
};

static int count(void *ctx)
{
	const struct summary_screen *w = ctx;
	return w->sum.ntitles + 1;
}

static void cell(void *ctx, int row, int col, char *out, size_t cap)
{
	const struct summary_screen *w = ctx;
	char cells[HONOUR_SUM_COLS][64];
	int n = honour_summary_row(&w->sum, row < w->sum.ntitles ? row : -1, cells);
	snprintf(out, cap, "%s", col < n ? cells[col] : "");
}

/* A title with nothing in the year is greyed, as the ledgers grey what
 * does not count. */
static int flags(void *ctx, int row)
{
	const struct summary_screen *w = ctx;
	return row < w->sum.ntitles && w->sum.title_total[row] == 0 ? 2 : 0;
}

static void columns(struct summary_screen *w)
{
	w->ncols = honour_summary_head(&w->sum, w->head);
	/* on screen 其中个人 / 其中组织 read 个人 / 组织, so seven levels fit 80 columns */
	snprintf(w->head[w->ncols - 2], 64, "个人");
	snprintf(w->head[w->ncols - 1], 64, "组织");
	for (int c = 0; c < w->ncols; c++) {
		int width = utf8_cols(w->head[c]);
		w->cols[c] = (struct rs_column){ w->head[c], c == 0 ? 14 : width < 3 ? 3 : width,
		                                 c == 0, c > 0, 0, c == 0 ? 24 : 0, c == 0 };
	}
	w->lr = (struct live_rows){ w, count, cell, NULL, flags, 0 };
}

static int load(struct summary_screen *w, int year)
{
	struct dj_err e;
	if (honour_summary_load(w->s, year, &w->sum, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	columns(w);
	return list_view_show(&w->list, live_rows_new(&w->lr, w->cols, w->ncols), 2,
	                      "没有配置荣誉称号", LIST_KEEP_ROW, "表彰荣誉汇总");
}

static void *open_summary(struct app *a, void *arg)
{
	(void)arg;
	struct summary_screen *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	char d[11];
	if (load(w, atoi(today(d)))) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_summary(void *st)
{
	struct summary_screen *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct summary_screen *w = st;
	char head[256];
	int top = frame_body_top();
	snprintf(head, sizeof head, "%d 年度表彰荣誉汇总（按称号和级别，单位：项；F4 换年度）",
	         w->sum.year);
	draw_text(top, 0, term_cols(), head, ST_HEADING);
	honour_summary_note(&w->sum, head, sizeof head);
	draw_text(top + 1, 0, term_cols(), head, ST_NORMAL);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct summary_screen *w = st;
	load(w, w->sum.year);   /* an honour may have been revoked or added there */
}

/* Enter: the honours behind the row in the ledger, the year's and the
 * title's (合计: the whole year's). */
static enum outcome open_row(void *st, struct app *a, int64_t id)
{
	struct summary_screen *w = st;
	int t = live_rows_index(id);
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.year = w->sum.year;
	w->sub.title = t >= 0 && t < w->sum.ntitles ? w->sum.titles[t] : NULL;
	app_push(a, &honour_ledger_screen, &w->sub);
	return SCR_PUSH;
}

static enum outcome choose_year(struct summary_screen *w)
{
	char year[16];
	snprintf(year, sizeof year, "%d", w->sum.year);
	for (;;) {
		if (!dialog_input("表彰荣誉汇总", "年度（如 2026）：", year, sizeof year))
			return SCR_REDRAW;
		int y = atoi(year);
		if (y >= 1921 && y <= 2200 && strspn(year, "0123456789") == strlen(year)) {
			load(w, y);
			return SCR_REDRAW;
		}
		dialog_message("年度有误", "年度须为 1921 年以后的四位数字，如 2026");
	}
}

static int write_table(void *ctx, const char *path, FILE *report, int *n)
{
	struct summary_screen *w = ctx;
	*n = w->sum.ntitles;
	return honour_summary_export(&w->sum, path, report);
}

static enum outcome actions(struct summary_screen *w)
{
	static const char *const items[] = { "导出汇总表（xlsx/CSV）", "打印表彰荣誉汇总表（PDF）" };
	char name[128], stem[64];
	switch (dialog_pick("操作", items, 2, 0)) {
	case 0:
		snprintf(stem, sizeof stem, "表彰荣誉汇总-%d", w->sum.year);
		list_file_name(name, sizeof name, stem);
		list_export("导出表彰荣誉汇总表", name, "个荣誉称号", NULL, write_table, w);
		return SCR_REDRAW;
	case 1:
		print_dialog(w->s, FORM_HONOURS, w->sum.year, 0);
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct summary_screen *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_row, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4:
		return choose_year(w);
	case K_F5:
		load(w, w->sum.year);
		return SCR_REDRAW;
	case K_F9:
		return actions(w);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "年度", "刷新", NULL, "查找", NULL,
                                        "操作", "退出" };

const struct screen honour_summary_screen = {
	.name = "年度汇总",
	.help = "表彰荣誉年度汇总：本单位及下级一年内授予的有效荣誉，按荣誉称号和级别统计，\n"
	        "另列其中授予个人和授予组织的项数；已撤销的不计入，在表头下注明。\n"
	        "回车：在荣誉台账中列出该称号当年的荣誉（合计行：当年全部）。F4：换年度。\n"
	        "F9：导出汇总表（xlsx 或 CSV），或打印表彰荣誉汇总表（PDF，含填报单位、填报人、审核人、日期）。\n"
	        "命令行：dangjian print honours 年度 文件.pdf。",
	.legend = legend,
	.open = open_summary,
	.close = close_summary,
	.draw = draw,
	.key = key,
	.resume = resume,
};
