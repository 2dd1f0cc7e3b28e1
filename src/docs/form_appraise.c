/* form_appraise.c — two forms of issue 13 (forms.h):
 *   述职评议结果表  a round's organizations, landscape: 述职人 and date, the
 *                   votes of both groups, the share of 好+较好 and the grade;
 *   通报            a saved 通报, portrait: title, 文号, the text as edited,
 *                   the issuing unit and the date in Chinese numerals at the
 *                   foot. */
#include "docs/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/appraise.h"
#include "bulletin/bulletin.h"
#include "docs/form_internal.h"
#include "docs/numerals.h"

/* ---- 述职评议结果表 ---- */

enum { AC_NO, AC_ORG, AC_WHO, AC_ON, AC_VOTES, AC_SHARE = AC_VOTES + 8, AC_GRADE, ACOLS };

struct appraisal_form {
	struct appraise_round r;
	struct appraise_rule rule;
	struct appraise_line *rows;
	int n;
	struct pdf_col cols[ACOLS];
};

static const char *const vote_titles[8] = { "党员\n好", "党员\n较好", "党员\n一般", "党员\n差",
                                            "群众\n好", "群众\n较好", "群众\n一般", "群众\n差" };

static void appraisal_columns(struct appraisal_form *f)
{
	f->cols[AC_NO] = (struct pdf_col){ "序号", 12, PDF_CENTER };
	f->cols[AC_ORG] = (struct pdf_col){ "党组织", 62, PDF_LEFT };
	f->cols[AC_WHO] = (struct pdf_col){ "述职人", 22, PDF_CENTER };
	f->cols[AC_ON] = (struct pdf_col){ "述职日期", 25, PDF_CENTER };
	for (int k = 0; k < 8; k++)
		f->cols[AC_VOTES + k] = (struct pdf_col){ vote_titles[k], 13, PDF_CENTER };
	f->cols[AC_SHARE] = (struct pdf_col){ "好和较好\n占比", 22, PDF_CENTER };
	f->cols[AC_GRADE] = (struct pdf_col){ "评议等次", 20, PDF_CENTER };
}

static double appraisal_head(struct pdf *p, const struct appraisal_form *f, const struct pdf_table *t)
{
	char sub[256], title[160];
	snprintf(sub, sizeof sub, "组织单位：%s　　述职期限：%s　　单位：票", f->r.org, f->r.ends_on);
	snprintf(title, sizeof title, "%s结果表", f->r.name);
	return pdf_table_head(p, t, form_page_title(p, title, sub));
}

static int draw_appraisal(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	struct appraisal_form *f = ctx;
	struct pdf_table t = { f->cols, ACOLS, 15, 14, 8, FONT_CELL };
	double y = appraisal_head(p, f, &t);
	char cells[ACOLS][48];
	const char *row[ACOLS];
	for (int i = 0; i < f->n; i++) {
		const struct appraise_line *l = &f->rows[i];
		snprintf(cells[AC_NO], sizeof cells[0], "%d", i + 1);
		snprintf(cells[AC_ORG], sizeof cells[0], "%s", l->org);
		snprintf(cells[AC_WHO], sizeof cells[0], "%s", l->secretary);
		snprintf(cells[AC_ON], sizeof cells[0], "%s", *l->spoke_on ? l->spoke_on : "未述职");
		for (int k = 0; k < 8; k++) {
			int c = l->v.n[k / AP_KINDS][k % AP_KINDS];
			if (c < 0)
				cells[AC_VOTES + k][0] = 0;
			else
				snprintf(cells[AC_VOTES + k], sizeof cells[0], "%d", c);
		}
		int sh = appraise_share(&f->rule, &l->v);
		appraise_format_share(sh, cells[AC_SHARE], sizeof cells[0]);
		snprintf(cells[AC_GRADE], sizeof cells[0], "%s", appraise_word(&f->rule, sh));
		for (int c = 0; c < ACOLS; c++)
			row[c] = cells[c];
		double h = pdf_table_row_height(p, &t, row);
		if (y + h > pdf_page_height(p) - 30) {
			pdf_page_footer(p);
			pdf_new_page(p);
			y = appraisal_head(p, f, &t);
		}
		y = pdf_table_row(p, &t, y, h, row);
	}
	char note[256];
	snprintf(note, sizeof note, "评议结果为“好”和“较好”票数占全部票数的比例，四舍五入到一位小数；"
	         "%s ≥%d%%，%s ≥%d%%，%s ≥%d%%，其余为%s；没有票数为“未评议”。", f->rule.grade[0],
	         f->rule.line[0] / 10, f->rule.grade[1], f->rule.line[1] / 10, f->rule.grade[2],
	         f->rule.line[2] / 10, f->rule.grade[3]);
	pdf_text(p, 15, y + 3, 267, 7, note, FONT_SMALL, PDF_LEFT);
	pdf_page_footer(p);
	return 0;
}

int form_appraisal_pdf(struct session *s, int64_t round_id, const char *path, int *pages,
                       struct dj_err *e)
{
	struct appraisal_form f;
	memset(&f, 0, sizeof f);
	int rc = appraise_round_load(s, round_id, &f.r, e);
	if (rc || (rc = form_may_view(s, f.r.org_id, e)) ||
	    (rc = appraise_lines_load(s, round_id, &f.rows, &f.n, e)))
		return rc;
	appraise_rule_from(s->cfg, &f.rule);
	appraisal_columns(&f);
	rc = pdf_write(path, PDF_LANDSCAPE, draw_appraisal, &f, pages, e);
	free(f.rows);
	return rc;
}

/* ---- 通报 ---- */

static double bulletin_page_top(struct pdf *p, void *ctx)
{
	(void)p;
	(void)ctx;
	return 20;
}

static int draw_bulletin(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	const struct bulletin *b = ctx;
	double y = 20;
	y += pdf_para(p, 20, y, 170, b->title, FONT_TITLE, PDF_CENTER) + 3;
	y += pdf_para(p, 20, y, 170, b->doc_no, FONT_BODY, PDF_CENTER) + 2;
	pdf_line(p, 20, y, 190, y, 0.5, 0);
	y += 6;
	/* the title is printed above; the text repeats it when drafted */
	const char *body = b->text;
	size_t tl = strlen(b->title);
	if (strncmp(body, b->title, tl) == 0)
		for (body += tl; *body == '\n'; body++)
			;
	const double bottom = pdf_page_height(p) - 25;
	y = pdf_flow(p, 20, y, 170, bottom, body, FONT_BODY, bulletin_page_top, NULL);
	if (y + 24 > bottom) {
		pdf_page_footer(p);
		pdf_new_page(p);
		y = 20;
	}
	char date[64];
	if (numerals_date(b->issued_on, date, sizeof date))
		snprintf(date, sizeof date, "%s", b->issued_on);
	pdf_text(p, 90, y + 10, 100, 8, b->org, FONT_BODY, PDF_RIGHT);
	pdf_text(p, 90, y + 19, 100, 8, date, FONT_BODY, PDF_RIGHT);
	pdf_page_footer(p);
	return 0;
}

int form_bulletin_pdf(struct session *s, int64_t id, const char *path, int *pages, struct dj_err *e)
{
	struct bulletin b;
	int rc = bulletin_load(s, id, &b, e);
	if (rc)
		return rc;
	if ((rc = form_may_view(s, b.org_id, e)) == 0)
		rc = pdf_write(path, PDF_PORTRAIT, draw_bulletin, &b, pages, e);
	bulletin_free(&b);
	return rc;
}
