/* form_evaluate.c — 民主评议党员结果表 (forms.h): one round's members,
 * landscape: the self-assessment, the votes for each result, the result
 * and the 不合格 follow-up, with the counts at the foot. */
#include "docs/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/form_internal.h"
#include "evaluate/evaluate.h"

enum { EC_NO, EC_NAME, EC_ORG, EC_NOTE, EC_VOTES, EC_RESULT = EC_VOTES + EVAL_NVOTES, EC_ACTION,
       ECOLS };

struct evaluate_form {
	struct eval_round r;
	struct eval_words w;
	struct eval_line *rows;
	int n;
	char vote_titles[EVAL_NVOTES][48];
	struct pdf_col cols[ECOLS];
};

static void evaluate_columns(struct evaluate_form *f)
{
	f->cols[EC_NO] = (struct pdf_col){ "序号", 12, PDF_CENTER };
	f->cols[EC_NAME] = (struct pdf_col){ "姓名", 24, PDF_CENTER };
	f->cols[EC_ORG] = (struct pdf_col){ "所在组织", 40, PDF_LEFT };
	f->cols[EC_NOTE] = (struct pdf_col){ "自评", 86, PDF_LEFT };
	for (int k = 0; k < EVAL_NVOTES; k++) {
		snprintf(f->vote_titles[k], sizeof f->vote_titles[k], "%s\n票", f->w.w[k + 1]);
		f->cols[EC_VOTES + k] = (struct pdf_col){ f->vote_titles[k], 15, PDF_CENTER };
	}
	f->cols[EC_RESULT] = (struct pdf_col){ "评议结果", 20, PDF_CENTER };
	f->cols[EC_ACTION] = (struct pdf_col){ "处置", 25, PDF_CENTER };
}

static double evaluate_head(struct pdf *p, const struct evaluate_form *f, const struct pdf_table *t)
{
	char sub[320], title[200];
	snprintf(sub, sizeof sub, "评议日期：%s　　会议：%s　　单位：票", f->r.held_on,
	         *f->r.meeting ? f->r.meeting : "未关联");
	snprintf(title, sizeof title, "%s %s 年民主评议党员结果表", f->r.org, f->r.year);
	return pdf_table_head(p, t, form_page_title(p, title, sub));
}

static void line_cells(const struct evaluate_form *f, int i, char cells[ECOLS][512])
{
	const struct eval_line *l = &f->rows[i];
	snprintf(cells[EC_NO], 512, "%d", i + 1);
	snprintf(cells[EC_NAME], 512, "%s", l->name);
	snprintf(cells[EC_ORG], 512, "%s", l->org);
	snprintf(cells[EC_NOTE], 512, "%s", l->self_note);
	for (int k = 0; k < EVAL_NVOTES; k++) {
		if (l->v[k] == EVAL_UNSET)
			cells[EC_VOTES + k][0] = 0;
		else
			snprintf(cells[EC_VOTES + k], 512, "%d", l->v[k]);
	}
	snprintf(cells[EC_RESULT], 512, "%s", evaluate_word(&f->w, l->result));
	snprintf(cells[EC_ACTION], 512, "%s", l->action);
}

static int draw_evaluate(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	struct evaluate_form *f = ctx;
	struct pdf_table t = { f->cols, ECOLS, 15, 14, 8, FONT_CELL };
	double y = evaluate_head(p, f, &t);
	static char cells[ECOLS][512];
	const char *row[ECOLS];
	for (int i = 0; i < f->n; i++) {
		line_cells(f, i, cells);
		for (int c = 0; c < ECOLS; c++)
			row[c] = cells[c];
		double h = pdf_table_row_height(p, &t, row);
		if (y + h > pdf_page_height(p) - 30) {
			pdf_page_footer(p);
			pdf_new_page(p);
			y = evaluate_head(p, f, &t);
		}
		y = pdf_table_row(p, &t, y, h, row);
	}
	char note[256];
	evaluate_counts_text(&f->w, &f->r.c, note, sizeof note);
	pdf_text(p, 15, y + 3, 267, 7, note, FONT_SMALL, PDF_LEFT);
	pdf_page_footer(p);
	return 0;
}

int form_evaluate_pdf(struct session *s, int64_t round_id, const char *path, int *pages,
                      struct dj_err *e)
{
	struct evaluate_form f;
	memset(&f, 0, sizeof f);
	int rc = evaluate_round_load(s, round_id, &f.r, e);
	if (rc || (rc = form_may_view(s, f.r.org_id, e)) ||
	    (rc = evaluate_lines_load(s, round_id, &f.rows, &f.n, e)))
		return rc;
	evaluate_words_from(s->cfg, &f.w);
	evaluate_columns(&f);
	rc = pdf_write(path, PDF_LANDSCAPE, draw_evaluate, &f, pages, e);
	free(f.rows);
	return rc;
}
