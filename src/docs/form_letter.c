/* form_letter.c — 中国共产党党员组织关系介绍信 of a 转出 move (forms.h):
 * 存根 (kept by the issuing office), 介绍信 (carried by the member) and 回执
 * (sent back by the receiving organization) on one A4 page, parted by cut
 * lines on which the 骑缝 number and seal fall half on either side. */
#include "docs/forms.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/db.h"
#include "core/db_stmt.h"
#include "core/db_write.h"
#include "docs/form_internal.h"
#include "docs/numerals.h"
#include "member/member.h"

struct letter {
	struct member m;
	struct member_event ev;
	char issuer[128];      /* the office that issues it: [unit] name */
	char number[96];       /* （2026）第 17 号 */
	char age[16], days[32], dues[32], date_words[64], identity[16], from[128];
};

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* The number as the form writes it: the move's year and letter_no, or
 * what is stored when it is more than a number; blank room when none. */
static void letter_number(const struct member_event *ev, char *out, size_t cap)
{
	if (all_digits(ev->letter_no))
		snprintf(out, cap, "（%.4s）第 %s 号", ev->date, ev->letter_no);
	else if (*ev->letter_no)
		snprintf(out, cap, "%s", ev->letter_no);
	else
		snprintf(out, cap, "（%.4s）第　　　号", ev->date);
}

int form_event_member(struct session *s, int64_t event_id, int64_t *member_id, char date[11],
                      struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT member_id, date FROM member_event WHERE id = ?", event_id,
	                     &st, "读取组织关系变动", "该变动记录不存在", e);
	if (rc)
		return rc;
	*member_id = sqlite3_column_int64(st, 0);
	db_col_text(st, 1, date, 11);
	db_done(st);
	return 0;
}

/* The event and its member, a 转出 in the operator's scope. */
static int load(struct session *s, int64_t event_id, struct letter *l, struct dj_err *e)
{
	int64_t member_id;
	char date[11];
	int rc = form_event_member(s, event_id, &member_id, date, e);
	if (rc || (rc = member_load(s, member_id, &l->m, e)) || (rc = form_may_view(s, l->m.org_id, e)))
		return rc;
	enum { MAX_EVENTS = 200 };
	struct member_event *evs = calloc(MAX_EVENTS, sizeof *evs);
	if (!evs)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	int n = member_events(s, member_id, evs, MAX_EVENTS), found = 0;
	for (int i = 0; i < n && !found; i++)
		if (evs[i].id == event_id) {
			l->ev = evs[i];
			found = 1;
		}
	free(evs);
	if (!found)
		return dj_fail(e, DJ_NOTFOUND, NULL, "该变动记录不存在");
	if (strcmp(l->ev.type, "转出") != 0)
		return dj_fail(e, DJ_INVALID, NULL, "只有「转出」才开具组织关系介绍信（这一条是「%s」）",
		               l->ev.type);
	return 0;
}

static void prepare(struct session *s, struct letter *l)
{
	snprintf(l->issuer, sizeof l->issuer, "%s", s->cfg->unit_name);
	letter_number(&l->ev, l->number, sizeof l->number);
	int age = form_age_on(l->m.birth_date, l->ev.date);
	if (age >= 0)
		snprintf(l->age, sizeof l->age, "%d", age);
	long days = strtol(l->ev.valid_days, NULL, 10);
	if (days <= 0 || numerals_financial(days, l->days, sizeof l->days))
		snprintf(l->days, sizeof l->days, "%s", l->ev.valid_days);
	form_date_words(l->ev.dues_paid_to, l->dues, sizeof l->dues);
	if (numerals_date(l->ev.date, l->date_words, sizeof l->date_words))
		snprintf(l->date_words, sizeof l->date_words, "%s", l->ev.date);
	snprintf(l->identity, sizeof l->identity, "%s",
	         strcmp(l->m.category, "预备党员") == 0 ? "预备" : "正式");
	snprintf(l->from, sizeof l->from, "%s", *l->ev.from_org ? l->ev.from_org : l->m.org);
}

/* A part's title, with its number at the right under it; returns y below. */
static double part_title(struct pdf *p, double y, const char *title, const struct letter *l)
{
	pdf_text(p, 15, y, 180, 10, title, FONT_TITLE, PDF_CENTER);
	pdf_text(p, 15, y + 10, 180, 7, l->number, FONT_BODY, PDF_RIGHT);
	return y + 18;
}

/* A ruled grid of label/value pairs, two pairs a row. */
static double stub_grid(struct pdf *p, double y, const struct letter *l)
{
	const char *cells[][4] = {
		{ "姓　　名", l->m.name, "性　　别", l->m.gender },
		{ "年　　龄", l->age, "民　　族", l->m.ethnicity },
		{ "身份证号码", l->m.id_number, "党员身份", l->m.category },
		{ "由", l->from, "去", l->ev.to_org },
		{ "党费交至", l->dues, "有 效 期", l->days },
		{ "开具日期", l->date_words, "开具单位", l->issuer },
	};
	static const double w[4] = { 25, 65, 25, 65 };
	const double h = 8;
	for (size_t r = 0; r < sizeof cells / sizeof *cells; r++) {
		double x = 15;
		for (int c = 0; c < 4; c++) {
			char buf[160];
			const char *t = cells[r][c];
			if (r == 4 && c == 3) {   /* 有效期 in 大写 with its unit */
				snprintf(buf, sizeof buf, "%s天", l->days);
				t = buf;
			}
			pdf_rect(p, x, y, w[c], h, 0.3);
			pdf_text(p, x, y, w[c], h, t, c % 2 ? FONT_CELL : (struct pdf_font){ 10.5, 1 },
			         c % 2 ? PDF_LEFT : PDF_CENTER);
			x += w[c];
		}
		y += h;
	}
	return y;
}

/* A dashed cut line across the page with the 骑缝 wording on it. */
static void cut_line(struct pdf *p, double y, const struct letter *l)
{
	char text[160];
	snprintf(text, sizeof text, "（骑缝）%s　盖章", l->number);
	pdf_line(p, 8, y, 62, y, 0.3, 1);
	pdf_line(p, 148, y, 202, y, 0.3, 1);
	pdf_text(p, 62, y - 3, 86, 6, text, FONT_SMALL, PDF_CENTER);
}

static double signature(struct pdf *p, double y, const char *who, const char *date)
{
	pdf_text(p, 100, y, 95, 7, who, FONT_BODY, PDF_RIGHT);
	pdf_text(p, 100, y + 8, 95, 7, date, FONT_BODY, PDF_RIGHT);
	return y + 16;
}

static int draw(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	const struct letter *l = ctx;
	char body[1024], who[192];

	double y = part_title(p, 12, "中国共产党党员组织关系介绍信（存根）", l);
	stub_grid(p, y, l);
	cut_line(p, 88, l);

	y = part_title(p, 94, "中国共产党党员组织关系介绍信", l);
	snprintf(body, sizeof body, "%s：", l->ev.to_org);
	y += pdf_para(p, 15, y, 180, body, FONT_BODY, PDF_LEFT) + 2;
	snprintf(body, sizeof body,
	         "　　%s同志（%s），%s岁，%s，系中共%s党员，身份证号码%s，由%s去%s，请转接组织关系。"
	         "该同志党费已交到%s。",
	         l->m.name, l->m.gender, l->age, l->m.ethnicity, l->identity, l->m.id_number, l->from,
	         l->ev.to_org, l->dues);
	y += pdf_para(p, 15, y, 180, body, FONT_BODY, PDF_LEFT) + 2;
	snprintf(body, sizeof body, "（有效期%s天）", l->days);
	y += pdf_para(p, 15, y, 180, body, FONT_BODY, PDF_LEFT) + 6;
	snprintf(who, sizeof who, "%s（盖章）", l->issuer);
	signature(p, y, who, l->date_words);
	cut_line(p, 200, l);

	y = part_title(p, 206, "中国共产党党员组织关系介绍信（回执）", l);
	snprintf(body, sizeof body, "%s：", l->issuer);
	y += pdf_para(p, 15, y, 180, body, FONT_BODY, PDF_LEFT) + 2;
	snprintf(body, sizeof body, "　　%s同志的党员组织关系已转达我处，特此回执。", l->m.name);
	y += pdf_para(p, 15, y, 180, body, FONT_BODY, PDF_LEFT) + 8;
	signature(p, y, "接收党组织（盖章）", "年　　月　　日");
	return 0;
}

int form_letter_pdf(struct session *s, int64_t event_id, const char *path, int *pages,
                    struct dj_err *e)
{
	struct letter *l = calloc(1, sizeof *l);
	if (!l)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	int rc = load(s, event_id, l, e);
	if (rc == 0) {
		prepare(s, l);
		rc = pdf_write(path, PDF_PORTRAIT, draw, l, pages, e);
	}
	free(l);
	return rc;
}
