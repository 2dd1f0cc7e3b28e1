/* form_member.c — 党员信息采集表 of one member (forms.h): every field of the
 * record in a ruled form with a box for the photograph, then the member's
 * history (组织关系变动) as a table continued over pages. */
#include "docs/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/form_internal.h"
#include "core/validate.h"
#include "member/member.h"

enum { MAX_EVENTS = 200 };

struct sheet {
	struct member m;
	struct member_event *ev;
	int nev;
	char printed[32];
};

static const struct pdf_col event_cols[] = {
	{ "日期", 24, PDF_CENTER }, { "类型", 20, PDF_CENTER }, { "来自", 38, PDF_LEFT },
	{ "去往", 38, PDF_LEFT }, { "介绍信编号", 24, PDF_CENTER }, { "说明", 36, PDF_LEFT },
};
static const struct pdf_table event_table = { event_cols, 6, 15, 8, 8, FONT_CELL };

/* One ruled row of label/value pairs from x0 across width (label columns 24 mm). */
static void pair_row(struct pdf *p, double y, double h, double x0, int pairs, const char *const *lv,
                     double width)
{
	double vw = (width - pairs * 24) / pairs, x = x0;
	for (int i = 0; i < pairs; i++) {
		pdf_rect(p, x, y, 24, h, 0.3);
		pdf_text(p, x, y, 24, h, lv[2 * i], (struct pdf_font){ 10.5, 1 }, PDF_CENTER);
		pdf_rect(p, x + 24, y, vw, h, 0.3);
		pdf_text(p, x + 24, y, vw, h, lv[2 * i + 1], FONT_CELL, PDF_LEFT);
		x += 24 + vw;
	}
}

static double head(struct pdf *p, void *ctx)
{
	const struct sheet *g = ctx;
	pdf_page_footer(p);
	pdf_new_page(p);
	char sub[128];
	snprintf(sub, sizeof sub, "%s（续）", g->m.name);
	double y = form_page_title(p, "党员信息采集表", sub);
	return pdf_table_head(p, &event_table, y);
}

static int draw(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	struct sheet *g = ctx;
	const struct member *m = &g->m;
	char sub[160];
	snprintf(sub, sizeof sub, "填表日期：%s", g->printed);
	double y = form_page_title(p, "党员信息采集表", sub);
	const double h = 9, left_w = 145;   /* the photo box takes the rest of 180 */
	const char *top[][4] = {
		{ "姓　　名", m->name, "性　　别", m->gender },
		{ "民　　族", m->ethnicity, "出生日期", m->birth_date },
		{ "学　　历", m->education, "人员类别", m->category },
		{ "入党日期", m->joined_on, "转正日期", m->confirmed_on },
		{ "延长预备期", *m->extension ? m->extension : "无", "状　　态", m->status },
	};
	for (size_t r = 0; r < sizeof top / sizeof *top; r++)
		pair_row(p, y + h * (double)r, h, 15, 2, top[r], left_w);
	pdf_rect(p, 15 + left_w, y, 180 - left_w, h * 5, 0.3);
	pdf_text(p, 15 + left_w, y, 180 - left_w, h * 5, "照片\n（二寸）", FONT_SMALL, PDF_CENTER);
	y += h * 5;
	const char *rows[][4] = {
		{ "身份证号", m->id_number, "联系电话", m->phone },
		{ "所在支部", m->org, "所在党小组", *m->group ? m->group : "无" },
	};
	for (size_t r = 0; r < sizeof rows / sizeof *rows; r++, y += h)
		pair_row(p, y, h, 15, 2, rows[r], 180);
	const char *job[] = { "工作岗位", m->job };
	pair_row(p, y, h, 15, 1, job, 180);
	y += h;
	double nh = pdf_para_height(p, 150, m->notes, FONT_CELL) + 4;
	nh = nh < 18 ? 18 : nh;
	const char *notes[] = { "备　　注", m->notes };
	pair_row(p, y, nh, 15, 1, notes, 180);
	y += nh + 8;

	pdf_text(p, 15, y, 180, 8, "组织关系变动记录", FONT_HEAD, PDF_LEFT);
	y = pdf_table_head(p, &event_table, y + 9);
	const double bottom = pdf_page_height(p) - 22;
	if (g->nev == 0) {
		const char *none[6] = { "", "无", "", "", "", "" };
		y = pdf_table_row(p, &event_table, y, 8, none);
	}
	for (int i = g->nev - 1; i >= 0; i--) {   /* oldest first, as history reads */
		const struct member_event *ev = &g->ev[i];
		const char *cells[6] = { ev->date, ev->type, ev->from_org, ev->to_org, ev->letter_no,
		                         ev->reason };
		double rh = pdf_table_row_height(p, &event_table, cells);
		if (y + rh > bottom)
			y = head(p, g);
		y = pdf_table_row(p, &event_table, y, rh, cells);
	}
	pdf_text(p, 100, y + 8, 95, 7, "本人签字：　　　　　　　　支部审核（盖章）：　　　　　　",
	         FONT_BODY, PDF_RIGHT);
	pdf_page_footer(p);
	return 0;
}

int form_member_pdf(struct session *s, int64_t member_id, const char *path, int *pages,
                    struct dj_err *e)
{
	struct sheet *g = calloc(1, sizeof *g);
	if (!g || !(g->ev = calloc(MAX_EVENTS, sizeof *g->ev))) {
		free(g);
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	}
	char d[11];
	form_date_words(today(d), g->printed, sizeof g->printed);
	int rc = member_load(s, member_id, &g->m, e);
	if (rc == 0)
		rc = form_may_view(s, g->m.org_id, e);
	if (rc == 0 && (g->nev = member_events(s, member_id, g->ev, MAX_EVENTS)) < 0)
		rc = dj_fail(e, DJ_DB, NULL, "读取党员「%s」的组织关系变动失败", g->m.name);
	if (rc == 0)
		rc = pdf_write(path, PDF_PORTRAIT, draw, g, pages, e);
	free(g->ev);
	free(g);
	return rc;
}
