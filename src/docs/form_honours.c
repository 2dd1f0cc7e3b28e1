/* form_honours.c — 表彰荣誉汇总表 of a year (forms.h), landscape: a row per
 * title with its count at each level, 合计, 其中个人 and 其中组织, the totals
 * row, the note on 追授 and revoked honours, and the block the level above
 * signs off (填报单位, 填报人, 审核人, 填报日期). */
#include "docs/forms.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "docs/form_internal.h"
#include "honour/honour.h"

struct summary_form {
	struct honour_summary sum;
	char unit[128];
	char head[HONOUR_SUM_COLS][64];
	struct pdf_col cols[HONOUR_SUM_COLS];
	int ncols;
};

static void columns(struct summary_form *f)
{
	const double width = 267, title_w = 52;
	f->ncols = honour_summary_head(&f->sum, f->head);
	double rest = (width - title_w) / (f->ncols - 1);
	for (int c = 0; c < f->ncols; c++)
		f->cols[c] = (struct pdf_col){ f->head[c], c == 0 ? title_w : rest,
		                               c == 0 ? PDF_LEFT : PDF_CENTER };
}

static void sign_block(struct pdf *p, const struct summary_form *f, double y)
{
	char today[11], words[32], unit[192];
	time_t now = time(NULL);
	strftime(today, sizeof today, "%Y-%m-%d", localtime(&now));
	form_date_words(today, words, sizeof words);
	snprintf(unit, sizeof unit, "填报单位（盖章）：%s", f->unit);
	pdf_text(p, 15, y, 130, 8, unit, FONT_BODY, PDF_LEFT);
	pdf_text(p, 150, y, 60, 8, "填报人：", FONT_BODY, PDF_LEFT);
	pdf_text(p, 215, y, 67, 8, "审核人：", FONT_BODY, PDF_LEFT);
	char date[64];
	snprintf(date, sizeof date, "填报日期：%s", words);
	pdf_text(p, 215, y + 10, 67, 8, date, FONT_BODY, PDF_LEFT);
}

static int draw(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	struct summary_form *f = ctx;
	char title[96], sub[192], cells[HONOUR_SUM_COLS][64];
	const char *row[HONOUR_SUM_COLS];
	snprintf(title, sizeof title, "%d 年度表彰荣誉汇总表", f->sum.year);
	snprintf(sub, sizeof sub, "范围：%s　　单位：项", f->unit);
	struct pdf_table t = { f->cols, f->ncols, 15, 10, 8, FONT_CELL };
	double y = pdf_table_head(p, &t, form_page_title(p, title, sub));
	for (int i = 0; i <= f->sum.ntitles; i++) {   /* the titles, then 合计 */
		int n = honour_summary_row(&f->sum, i < f->sum.ntitles ? i : -1, cells);
		for (int c = 0; c < n; c++)
			row[c] = cells[c];
		double h = pdf_table_row_height(p, &t, row);
		if (y + h > pdf_page_height(p) - 45) {
			pdf_page_footer(p);
			pdf_new_page(p);
			y = pdf_table_head(p, &t, form_page_title(p, title, sub));
		}
		y = pdf_table_row(p, &t, y, h, row);
	}
	char note[192];
	honour_summary_note(&f->sum, note, sizeof note);
	pdf_text(p, 15, y + 3, 267, 7, note, FONT_SMALL, PDF_LEFT);
	sign_block(p, f, y + 14);
	pdf_page_footer(p);
	return 0;
}

int form_honours_pdf(struct session *s, int year, const char *path, int *pages,
                     struct dj_err *e)
{
	if (year < 1921 || year > 9999)
		return dj_fail(e, DJ_INVALID, NULL, "年度「%d」不对：须是 1921 年以后的四位年份", year);
	struct summary_form f;
	memset(&f, 0, sizeof f);
	int rc = honour_summary_load(s, year, &f.sum, e);
	if (rc)
		return rc;
	form_unit_name(s, f.unit, sizeof f.unit);
	columns(&f);
	return pdf_write(path, PDF_LANDSCAPE, draw, &f, pages, e);
}
