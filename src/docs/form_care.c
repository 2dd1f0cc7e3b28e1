/* form_care.c — the 七一 or 春节 慰问名单 (forms.h), landscape: who is on the
 * 关怀对象 register on that day under the organization, one ruled row each
 * with 类别, 年龄, 联系电话, 家庭住址, 拟慰问金 and room for the member (or
 * the family) to sign on receipt (签收); the count and the sum below, and
 * the lines the office signs (经办人, 审核人). */
#include "docs/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/care.h"
#include "core/rowsource.h"
#include "docs/form_internal.h"
#include "org/org.h"

struct care_form {
	int which;
	char on[11];
	char scope[128];
	struct rs_row *rows;
	int n;
};

static const struct pdf_col cols[] = {
	{ "序号", 12, PDF_CENTER }, { "姓名", 24, PDF_CENTER }, { "所在支部", 44, PDF_LEFT },
	{ "类别", 30, PDF_CENTER }, { "年龄", 12, PDF_CENTER }, { "联系电话", 28, PDF_CENTER },
	{ "家庭住址", 47, PDF_LEFT }, { "拟慰问金（元）", 28, PDF_CENTER }, { "签收", 40, PDF_CENTER },
};
enum { NCOLS = sizeof cols / sizeof *cols };

static double page_head(struct pdf *p, const struct care_form *f, const struct pdf_table *t)
{
	char title[96], sub[256], date[32];
	form_date_words(f->on, date, sizeof date);
	snprintf(title, sizeof title, "%.4s 年%s慰问名单", f->on, care_festival_name(f->which));
	snprintf(sub, sizeof sub, "范围：%s　　名单日期：%s（当日在册的关怀对象）", f->scope, date);
	return pdf_table_head(p, t, form_page_title(p, title, sub));
}

static void sign_block(struct pdf *p, const struct care_form *f, double y)
{
	int64_t sum = 0;
	for (int i = 0; i < f->n; i++) {
		int64_t fen = 0;
		if (*f->rows[i].cell[7] && care_money_parse(f->rows[i].cell[7], &fen, NULL) == 0)
			sum += fen;
	}
	char money[32], line[160];
	care_money_text(sum, money, sizeof money);
	snprintf(line, sizeof line, "合计 %d 人，拟慰问金 %s 元", f->n, *money ? money : "0.00");
	pdf_text(p, 15, y, 150, 8, line, FONT_BODY, PDF_LEFT);
	pdf_text(p, 15, y + 10, 80, 8, "经办人：", FONT_BODY, PDF_LEFT);
	pdf_text(p, 110, y + 10, 80, 8, "审核人：", FONT_BODY, PDF_LEFT);
	pdf_text(p, 205, y + 10, 77, 8, "日期：", FONT_BODY, PDF_LEFT);
}

static int draw(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	struct care_form *f = ctx;
	struct pdf_table t = { cols, NCOLS, 15, 10, 11, FONT_CELL };
	const double bottom = pdf_page_height(p) - 22;
	double y = page_head(p, f, &t);
	for (int i = 0; i < f->n; i++) {
		const struct rs_row *r = &f->rows[i];
		char num[12];
		snprintf(num, sizeof num, "%d", i + 1);
		const char *cells[NCOLS] = { num, r->cell[0], r->cell[1], r->cell[2], r->cell[3],
		                             r->cell[4], r->cell[5], r->cell[7], "" };
		double h = pdf_table_row_height(p, &t, cells);
		if (y + h > bottom) {
			pdf_page_footer(p);
			pdf_new_page(p);
			y = page_head(p, f, &t);
		}
		y = pdf_table_row(p, &t, y, h, cells);
	}
	if (y + 20 > bottom) {
		pdf_page_footer(p);
		pdf_new_page(p);
		y = page_head(p, f, &t);
	}
	sign_block(p, f, y + 4);
	pdf_page_footer(p);
	return 0;
}

int form_care_pdf(struct session *s, int64_t key, const char *path, int *pages, struct dj_err *e)
{
	struct care_form f;
	memset(&f, 0, sizeof f);
	int64_t org_id = 0;
	if (care_list_unkey(key, &f.which, f.on, &org_id))
		return dj_fail(e, DJ_INVALID, NULL, "慰问名单的编号不对");
	if (org_id) {
		int rc = form_may_view(s, org_id, e);
		if (rc)
			return rc;
	}
	struct row_source *rs = care_list_source(s, org_id, f.on);
	if (!rs)
		return dj_fail(e, DJ_DB, NULL, "无法读取慰问名单");
	int rc = form_read_rows(rs, &f.rows, &f.n, e);
	if (rc)
		return rc;
	if (f.n == 0) {
		free(f.rows);
		return dj_fail(e, DJ_INVALID, NULL, "%s 没有在册的关怀对象，名单无人可列", f.on);
	}
	struct org o;
	if (org_id && org_load(s, org_id, &o, e) == 0) {
		snprintf(f.scope, sizeof f.scope, "%s", o.name);
	} else {
		form_unit_name(s, f.scope, sizeof f.scope);
	}
	rc = pdf_write(path, PDF_LANDSCAPE, draw, &f, pages, e);
	free(f.rows);
	return rc;
}
