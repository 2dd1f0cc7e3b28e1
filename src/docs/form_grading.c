/* form_grading.c — 定级台账 of a grading round (forms.h), landscape: the
 * round's ledger (each organization's source totals, 综合, 等次, the last
 * round's grade and the movement, 整改) with a totals row, then each
 * source's scores per indicator.  Header rows repeat on every page. */
#include "docs/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rowsource.h"
#include "docs/form_internal.h"
#include "grading/grading.h"

struct ledger_form {
	struct grading_round r;
	struct rs_row *rows;
	int n, ncols;
	char titles[RS_MAXCOLS][32];
	struct pdf_col cols[RS_MAXCOLS];
	struct grading_sheet_row *sheet[GRADING_MAX_SRC];
	int nsheet[GRADING_MAX_SRC];
	struct pdf_col icols[GRADING_MAX_IND + 2];
	char ititles[GRADING_MAX_IND][48];
	char subtitle[256];
};

static void ledger_columns(struct ledger_form *g)
{
	const double width = 267, org_w = 62;
	double rest = (width - org_w) / (g->ncols - 1);
	for (int c = 0; c < g->ncols; c++)
		g->cols[c] = (struct pdf_col){ g->titles[c], c == 0 ? org_w : rest,
		                               c == 0 ? PDF_LEFT : PDF_CENTER };
	g->icols[0] = (struct pdf_col){ "党组织", 62, PDF_LEFT };
	double iw = (width - 62) / (g->r.nind + 1);
	for (int i = 0; i < g->r.nind; i++) {
		char max[16];
		grading_format_score(g->r.ind[i].max, max, sizeof max);
		snprintf(g->ititles[i], sizeof g->ititles[i], "%s（%s）", g->r.ind[i].name, max);
		g->icols[i + 1] = (struct pdf_col){ g->ititles[i], iw, PDF_CENTER };
	}
	g->icols[g->r.nind + 1] = (struct pdf_col){ "合计", iw, PDF_CENTER };
}

struct part {
	struct ledger_form *g;
	const char *heading;
	struct pdf_table t;
};

static double page_top(struct pdf *p, struct part *pt)
{
	char title[192];
	snprintf(title, sizeof title, "%s 定级台账", pt->g->r.name);
	double y = form_page_title(p, title, pt->g->subtitle);
	pdf_text(p, 15, y, 267, 7, pt->heading, FONT_HEAD, PDF_LEFT);
	return pdf_table_head(p, &pt->t, y + 8);
}

/* A row, on a new page (with the headings again) when it does not fit. */
static double put_row(struct pdf *p, struct part *pt, double y, const char *const *cells)
{
	double h = pdf_table_row_height(p, &pt->t, cells);
	if (y + h > pdf_page_height(p) - 22) {
		pdf_page_footer(p);
		pdf_new_page(p);
		y = page_top(p, pt);
	}
	return pdf_table_row(p, &pt->t, y, h, cells);
}

/* 合计: how many organizations, the mean 综合, how many of each grade. */
static void totals_row(const struct ledger_form *g, char cells[RS_MAXCOLS][RS_CELL])
{
	int total_col = -1, grade_col = -1, scored = 0, count[GRADING_GRADES] = { 0 };
	double sum = 0;
	for (int c = 0; c < g->ncols; c++) {
		cells[c][0] = 0;
		if (strcmp(g->titles[c], "综合") == 0)
			total_col = c;
		if (strcmp(g->titles[c], "等次") == 0)
			grade_col = c;
	}
	for (int i = 0; i < g->n; i++) {
		if (total_col >= 0 && g->rows[i].cell[total_col][0]) {
			sum += strtod(g->rows[i].cell[total_col], NULL);
			scored++;
		}
		for (int k = 0; grade_col >= 0 && k < GRADING_GRADES; k++)
			if (strcmp(g->rows[i].cell[grade_col], grading_word(&g->r, k + 1)) == 0)
				count[k]++;
	}
	snprintf(cells[0], RS_CELL, "合计 %d 个组织", g->n);
	if (total_col >= 0 && scored)
		snprintf(cells[total_col], RS_CELL, "均 %.1f", sum / scored);
	if (grade_col >= 0) {
		size_t len = 0;
		for (int k = 0; k < GRADING_GRADES; k++)
			len += (size_t)snprintf(cells[grade_col] + len, RS_CELL - len, "%s%s%d",
			                        k ? " " : "", grading_word(&g->r, k + 1), count[k]);
	}
}

static double ledger_part(struct pdf *p, struct ledger_form *g)
{
	struct part pt = { g, "一、定级结果", { g->cols, g->ncols, 15, 10, 8, FONT_CELL } };
	double y = page_top(p, &pt);
	for (int i = 0; i < g->n; i++) {
		const char *cells[RS_MAXCOLS];
		for (int c = 0; c < g->ncols; c++)
			cells[c] = g->rows[i].cell[c];
		y = put_row(p, &pt, y, cells);
	}
	char tot[RS_MAXCOLS][RS_CELL];
	const char *cells[RS_MAXCOLS];
	totals_row(g, tot);
	for (int c = 0; c < g->ncols; c++)
		cells[c] = tot[c];
	return put_row(p, &pt, y, cells);
}

static void source_part(struct pdf *p, struct ledger_form *g, int k)
{
	char heading[96];
	snprintf(heading, sizeof heading, "%s、%s（权重 %d%%）各项得分", k == 0 ? "二" : k == 1 ? "三" : k == 2 ? "四" : "五",
	         g->r.src[k].name, g->r.src[k].weight);
	struct part pt = { g, heading, { g->icols, g->r.nind + 2, 15, 12, 8, FONT_CELL } };
	pdf_page_footer(p);
	pdf_new_page(p);
	double y = page_top(p, &pt);
	for (int i = 0; i < g->nsheet[k]; i++) {
		const struct grading_sheet_row *row = &g->sheet[k][i];
		char text[GRADING_MAX_IND + 1][16];
		const char *cells[GRADING_MAX_IND + 2] = { row->org };
		for (int j = 0; j < g->r.nind; j++) {
			grading_format_score(row->score[j], text[j], sizeof text[j]);
			cells[j + 1] = text[j];
		}
		grading_format_score(grading_row_total(row->score, g->r.nind), text[g->r.nind],
		                     sizeof text[g->r.nind]);
		cells[g->r.nind + 1] = text[g->r.nind];
		y = put_row(p, &pt, y, cells);
	}
}

static int draw(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	struct ledger_form *g = ctx;
	ledger_part(p, g);
	for (int k = 0; k < g->r.nsrc; k++)
		source_part(p, g, k);
	pdf_page_footer(p);
	return 0;
}

static int load(struct session *s, int64_t round_id, struct ledger_form *g, struct dj_err *e)
{
	int rc = grading_round_load(s, round_id, &g->r, e);
	if (rc || (rc = form_may_view(s, g->r.org_id, e)))
		return rc;
	struct row_source *rs = grading_ledger_source(s, &g->r);
	if (!rs)
		return dj_fail(e, DJ_DB, NULL, "读取定级台账失败");
	g->ncols = rs->ncols;
	for (int c = 0; c < rs->ncols; c++)   /* the titles live in the source */
		snprintf(g->titles[c], sizeof g->titles[c], "%s", rs->cols[c].title);
	if ((rc = form_read_rows(rs, &g->rows, &g->n, e)))
		return rc;
	for (int k = 0; k < g->r.nsrc; k++)
		if ((rc = grading_sheet_load(s, &g->r, k, &g->sheet[k], &g->nsheet[k], e)))
			return rc;
	snprintf(g->subtitle, sizeof g->subtitle, "组织单位：%s　　状态：%s%s%s", g->r.org,
	         g->r.status, *g->r.published_on ? "　　公布日期：" : "", g->r.published_on);
	ledger_columns(g);
	return 0;
}

int form_grading_pdf(struct session *s, int64_t round_id, const char *path, int *pages,
                     struct dj_err *e)
{
	struct ledger_form *g = calloc(1, sizeof *g);
	if (!g)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	int rc = load(s, round_id, g, e);
	if (rc == 0 && g->n == 0)
		rc = dj_fail(e, DJ_INVALID, NULL, "「%s」还没有参评组织，定级台账无可打印", g->r.name);
	if (rc == 0)
		rc = pdf_write(path, PDF_LANDSCAPE, draw, g, pages, e);
	free(g->rows);
	for (int k = 0; k < GRADING_MAX_SRC; k++)
		free(g->sheet[k]);
	free(g);
	return rc;
}
