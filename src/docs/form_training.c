/* form_training.c — 教育培训学时登记表 (forms.h): one training session, its
 * particulars at the top, then every member who attended with the hours
 * of this session, their hours of the year so far against the target, and
 * room to sign. */
#include "docs/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/form_internal.h"
#include "training/training.h"

enum { TC_NO, TC_NAME, TC_ORG, TC_HOURS, TC_YEAR, TC_SIGN, TCOLS };

struct training_form {
	struct session *s;
	struct training t;
	struct training_rules r;
	struct trn_sheet sh;
	struct pdf_col cols[TCOLS];
};

static void training_columns(struct training_form *f)
{
	f->cols[TC_NO] = (struct pdf_col){ "序号", 12, PDF_CENTER };
	f->cols[TC_NAME] = (struct pdf_col){ "姓名", 24, PDF_CENTER };
	f->cols[TC_ORG] = (struct pdf_col){ "所在组织", 58, PDF_LEFT };
	f->cols[TC_HOURS] = (struct pdf_col){ "本次学时", 20, PDF_CENTER };
	f->cols[TC_YEAR] = (struct pdf_col){ "本年累计\n／目标", 26, PDF_CENTER };
	f->cols[TC_SIGN] = (struct pdf_col){ "本人签名", 40, PDF_CENTER };
}

static double training_head(struct pdf *p, const struct training_form *f, const struct pdf_table *t)
{
	char sub[512];
	snprintf(sub, sizeof sub, "%s　%s　主办单位：%s　形式：%s　学时：%s", f->t.date, f->t.title,
	         f->t.organizer, f->t.form, f->t.hours);
	double y = form_page_title(p, "党员教育培训学时登记表", sub);
	char org[200];
	snprintf(org, sizeof org, "参训组织：%s", f->t.org);
	pdf_text(p, t->x, y, pdf_table_width(t), 7, org, FONT_SMALL, PDF_LEFT);
	return pdf_table_head(p, t, y + 8);
}

static void year_cell(const struct training_form *f, int64_t member_id, char *out, size_t cap)
{
	int train2, meet2;
	char done[16], target[16];
	if (training_member_hours(f->s, member_id, atoi(f->t.date), &train2, &meet2, NULL)) {
		out[0] = 0;
		return;
	}
	training_format_hours(train2 + meet2, done, sizeof done);
	training_format_hours(f->r.target2, target, sizeof target);
	snprintf(out, cap, "%s／%s", done, target);
}

static int draw_training(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	struct training_form *f = ctx;
	struct pdf_table t = { f->cols, TCOLS, 15, 12, 9, FONT_CELL };
	double y = training_head(p, f, &t);
	char cells[TCOLS][160];
	const char *row[TCOLS];
	int no = 0, total2 = 0;
	for (int i = 0; i < f->sh.n; i++) {
		const struct trn_row *r = &f->sh.rows[i];
		if (!r->stored)
			continue;
		int h2 = r->own2 ? r->own2 : f->sh.hours2;
		total2 += h2;
		snprintf(cells[TC_NO], sizeof cells[0], "%d", ++no);
		snprintf(cells[TC_NAME], sizeof cells[0], "%s", r->name);
		snprintf(cells[TC_ORG], sizeof cells[0], "%s", r->org);
		training_format_hours(h2, cells[TC_HOURS], sizeof cells[0]);
		year_cell(f, r->member_id, cells[TC_YEAR], sizeof cells[0]);
		cells[TC_SIGN][0] = 0;
		for (int c = 0; c < TCOLS; c++)
			row[c] = cells[c];
		double h = pdf_table_row_height(p, &t, row);
		if (y + h > pdf_page_height(p) - 30) {
			pdf_page_footer(p);
			pdf_new_page(p);
			y = training_head(p, f, &t);
		}
		y = pdf_table_row(p, &t, y, h, row);
	}
	char note[256], total[16];
	training_format_hours(total2, total, sizeof total);
	snprintf(note, sizeof note, "参训 %d 人，合计 %s 学时。本年累计含按规定计入学时的会议（党课等）。",
	         no, total);
	pdf_text(p, 15, y + 3, pdf_table_width(&t), 7, note, FONT_SMALL, PDF_LEFT);
	pdf_page_footer(p);
	return 0;
}

int form_training_pdf(struct session *s, int64_t training_id, const char *path, int *pages,
                      struct dj_err *e)
{
	struct training_form *f = calloc(1, sizeof *f);
	if (!f)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	f->s = s;
	int rc = training_load(s, training_id, &f->t, e);
	if (rc == 0)
		rc = form_may_view(s, f->t.org_id, e);
	if (rc == 0)
		rc = training_sheet_load(s, training_id, &f->sh, e);
	if (rc == 0) {
		training_rules_from(s->cfg, &f->r);
		training_columns(f);
		rc = pdf_write(path, PDF_PORTRAIT, draw_training, f, pages, e);
	}
	training_sheet_free(&f->sh);
	free(f);
	return rc;
}
