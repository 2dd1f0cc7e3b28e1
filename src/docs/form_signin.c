/* form_signin.c — a meeting's 签到表 (forms.h): the meeting's organization,
 * type, date, topic, 主持人 and 记录人 at the top of every page, then one
 * ruled row per member — blank with room to sign, or as the sign-in sheet
 * recorded it (出席/请假/缺席/列席 with the reasons) and the counts. */
#include "docs/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/form_internal.h"
#include "orglife/attendance.h"
#include "orglife/meeting.h"

struct signin {
	struct meeting m;
	struct att_sheet sh;
	int blank;
	int *rows;        /* indexes into sh.rows of the rows printed */
	int n;
};

static const struct pdf_col blank_cols[] = {
	{ "序号", 14, PDF_CENTER }, { "姓名", 40, PDF_CENTER }, { "所在组织", 66, PDF_LEFT },
	{ "签名", 60, PDF_CENTER },
};
static const struct pdf_col filled_cols[] = {
	{ "序号", 14, PDF_CENTER }, { "姓名", 36, PDF_CENTER }, { "所在组织", 56, PDF_LEFT },
	{ "出席情况", 22, PDF_CENTER }, { "请假（缺席）事由", 52, PDF_LEFT },
};

static struct pdf_table table_of(const struct signin *g)
{
	struct pdf_table t = { g->blank ? blank_cols : filled_cols, g->blank ? 4 : 5, 15, 9,
	                       g->blank ? 11 : 8, FONT_CELL };
	return t;
}

/* Title, the meeting's particulars and the table's header; returns y below. */
static double page_head(struct pdf *p, void *ctx)
{
	const struct signin *g = ctx;
	char title[96], line[512], date[32];
	snprintf(title, sizeof title, "%s签到表", g->m.type);
	double y = form_page_title(p, title, g->m.org);
	form_date_words(g->m.date, date, sizeof date);
	snprintf(line, sizeof line, "会议类型：%s　　时间：%s%s", g->m.type, date,
	         g->blank ? "　　地点：" : "");
	pdf_text(p, 15, y, 180, 7, line, FONT_BODY, PDF_LEFT);
	y += 7;
	snprintf(line, sizeof line, "主题：%s", g->m.topic);
	y += pdf_para(p, 16, y + 0.5, 178, line, FONT_BODY, PDF_LEFT) + 1;
	snprintf(line, sizeof line, "主持人：%s　　记录人：%s", g->m.host, g->m.recorder);
	pdf_text(p, 15, y, 180, 7, line, FONT_BODY, PDF_LEFT);
	y += 9;
	struct pdf_table t = table_of(g);
	return pdf_table_head(p, &t, y);
}

static void cells_of(const struct signin *g, int k, char num[8], char name[96],
                     const char *cells[5])
{
	const struct att_row *r = &g->sh.rows[g->rows[k]];
	snprintf(num, 8, "%d", k + 1);
	if (*r->tell)
		snprintf(name, 96, "%s（%s）", r->name, r->tell);
	else
		snprintf(name, 96, "%s", r->name);
	cells[0] = num;
	cells[1] = name;
	cells[2] = r->org;
	cells[3] = g->blank ? "" : att_state_names[r->state];
	cells[4] = g->blank ? "" : r->reason;
}

static int draw(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	struct signin *g = ctx;
	struct pdf_table t = table_of(g);
	const double bottom = pdf_page_height(p) - 22;
	double y = page_head(p, g);
	for (int k = 0; k < g->n; k++) {
		char num[8], name[96];
		const char *cells[5];
		cells_of(g, k, num, name, cells);
		double h = pdf_table_row_height(p, &t, cells);
		if (y + h > bottom) {
			pdf_page_footer(p);
			pdf_new_page(p);
			y = page_head(p, g);
		}
		y = pdf_table_row(p, &t, y, h, cells);
	}
	if (!g->blank) {
		struct att_counts c;
		char line[160];
		attendance_count(g->sh.rows, g->sh.n, &c);
		meeting_counts_text(&c, line, sizeof line);
		if (y + 9 > bottom) {
			pdf_page_footer(p);
			pdf_new_page(p);
			y = page_head(p, g);
		}
		pdf_text(p, 15, y + 1, 180, 8, line, FONT_BODY, PDF_LEFT);
	}
	pdf_page_footer(p);
	return 0;
}

/* The rows to print: blank, everyone the sheet lists; filled, the rows
 * the sheet recorded (not the defaults of a sheet never saved). */
static int choose_rows(struct signin *g, struct dj_err *e)
{
	g->rows = calloc((size_t)(g->sh.n ? g->sh.n : 1), sizeof *g->rows);
	if (!g->rows)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	for (int i = 0; i < g->sh.n; i++)
		if (g->blank || (g->sh.rows[i].stored && g->sh.rows[i].state != ATT_NONE))
			g->rows[g->n++] = i;
	if (!g->blank && g->n == 0)
		return dj_fail(e, DJ_INVALID, NULL, "该会议还没有保存签到记录，只能打印空白签到表");
	if (g->blank && g->n == 0)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」现在没有党员，签到表无人可列", g->m.org);
	return 0;
}

int form_signin_pdf(struct session *s, int64_t meeting_id, int blank, const char *path,
                    int *pages, struct dj_err *e)
{
	struct signin *g = calloc(1, sizeof *g);
	if (!g)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	g->blank = blank;
	int rc = meeting_load(s, meeting_id, &g->m, e);
	if (rc == 0)
		rc = form_may_view(s, g->m.org_id, e);
	if (rc == 0)
		rc = attendance_load(s, meeting_id, &g->sh, e);
	if (rc == 0) {
		if ((rc = choose_rows(g, e)) == 0)
			rc = pdf_write(path, PDF_PORTRAIT, draw, g, pages, e);
		attendance_free(&g->sh);
	}
	free(g->rows);
	free(g);
	return rc;
}
