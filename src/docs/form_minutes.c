/* form_minutes.c — a meeting's 会议记录 (forms.h): its particulars, who
 * came (应到/实到/请假/缺席 with the names and reasons, as the sign-in
 * sheet recorded them), then the record itself wrapped over as many pages
 * as it takes, signed by 主持人 and 记录人. */
#include "docs/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/form_internal.h"
#include "orglife/attendance.h"
#include "orglife/meeting.h"

struct minutes {
	struct meeting m;
	struct att_sheet sh;
};

/* "张三、李四（事由：出差）" of the recorded rows in `state`; "无" when none. */
static void names_in(const struct att_sheet *sh, int state, char *out, size_t cap)
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < sh->n && len + 1 < cap; i++) {
		const struct att_row *r = &sh->rows[i];
		if (!r->stored || r->state != state)
			continue;
		len += (size_t)snprintf(out + len, cap - len, "%s%s%s%s%s", len ? "、" : "", r->name,
		                        *r->reason ? "（" : "", r->reason, *r->reason ? "）" : "");
	}
	if (!out[0])
		snprintf(out, cap, "无");
}

static double head(struct pdf *p, void *ctx)
{
	const struct minutes *g = ctx;
	pdf_page_footer(p);
	pdf_new_page(p);
	char sub[192];
	snprintf(sub, sizeof sub, "%s　%s（续）", g->m.org, g->m.date);
	return form_page_title(p, "会议记录", sub);
}

/* A ruled label/value row across the page, as tall as its text. */
static double field_row(struct pdf *p, double y, const char *label, const char *value)
{
	static const struct pdf_col cols[] = { { "", 28, PDF_CENTER }, { "", 152, PDF_LEFT } };
	struct pdf_table t = { cols, 2, 15, 0, 8, FONT_CELL };
	const char *cells[2] = { label, value };
	return pdf_table_row(p, &t, y, pdf_table_row_height(p, &t, cells), cells);
}

static int draw(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	struct minutes *g = ctx;
	char text[4096], date[32];
	double y = form_page_title(p, "会议记录", g->m.org);
	form_date_words(g->m.date, date, sizeof date);
	y = field_row(p, y, "会议类型", g->m.type);
	y = field_row(p, y, "时　　间", date);
	y = field_row(p, y, "主　　题", g->m.topic);
	snprintf(text, sizeof text, "主持人：%s　　记录人：%s", g->m.host, g->m.recorder);
	y = field_row(p, y, "主持记录", text);
	y = field_row(p, y, "人　　数", g->m.counts[0] ? g->m.counts : "未签到");
	static const struct { int state; const char *label; } groups[] = {
		{ ATT_PRESENT, "出席人员" }, { ATT_LEAVE, "请假人员" },
		{ ATT_ABSENT, "缺席人员" }, { ATT_OBSERVER, "列席人员" },
	};
	for (size_t i = 0; i < sizeof groups / sizeof *groups; i++) {
		names_in(&g->sh, groups[i].state, text, sizeof text);
		y = field_row(p, y, groups[i].label, text);
	}
	y += 4;
	pdf_text(p, 15, y, 180, 8, "会议内容：", FONT_HEAD, PDF_LEFT);
	y += 9;
	const double bottom = pdf_page_height(p) - 22;
	y = pdf_flow(p, 18, y, 174, bottom, g->m.minutes[0] ? g->m.minutes : "（未记录）", FONT_BODY,
	             head, g);
	if (y + 18 > bottom) {
		pdf_page_footer(p);
		pdf_new_page(p);
		y = form_page_title(p, "会议记录", g->m.org);
	}
	pdf_text(p, 100, y + 6, 95, 7, "主持人（签字）：　　　　　　", FONT_BODY, PDF_RIGHT);
	pdf_text(p, 100, y + 14, 95, 7, "记录人（签字）：　　　　　　", FONT_BODY, PDF_RIGHT);
	pdf_page_footer(p);
	return 0;
}

int form_minutes_pdf(struct session *s, int64_t meeting_id, const char *path, int *pages,
                     struct dj_err *e)
{
	struct minutes *g = calloc(1, sizeof *g);
	if (!g)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	int rc = meeting_load(s, meeting_id, &g->m, e);
	if (rc == 0)
		rc = form_may_view(s, g->m.org_id, e);
	if (rc == 0 && (rc = attendance_load(s, meeting_id, &g->sh, e)) == 0) {
		rc = pdf_write(path, PDF_PORTRAIT, draw, g, pages, e);
		attendance_free(&g->sh);
	}
	free(g);
	return rc;
}
