/* compliance_detail.c — one branch's 三会一课 for a period: each meeting
 * type's requirement, what was held, which months or quarters passed
 * without it, and the attendance. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "orglife/compliance.h"
#include "screens/common/screens.h"
#include "tui/draw.h"

struct detail {
	struct session *s;
	struct meeting_scope_arg *arg;
	struct meeting_rules rules;
	struct period p;
	struct branch_compliance bc;
	int absentees;
	struct meeting_scope_arg sub;
};

static int compute(struct detail *d)
{
	struct dj_err e;
	struct branch_compliance *rows;
	struct absentee *a;
	int n;
	if (compliance_compute(d->s, d->arg->org_id, &d->p, &d->rules, &rows, &n, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	int found = 0;
	for (int i = 0; i < n && !found; i++)
		if (rows[i].b.id == d->arg->org_id) {
			d->bc = rows[i];
			found = 1;
		}
	free(rows);
	if (!found) {
		frame_message(MSG_ERROR, "该党支部在所选期间不存在");
		return -1;
	}
	d->absentees = 0;
	if (compliance_absentees(d->s, d->arg->org_id, d->arg->asof, &d->rules, &a, &n, &e) == 0) {
		d->absentees = n;
		free(a);
	}
	return 0;
}

static void *open_detail(struct app *a, void *arg)
{
	struct detail *d = calloc(1, sizeof *d);
	char why[256];
	if (!d)
		return NULL;
	d->s = a->session;
	d->arg = arg;
	meeting_rules_load(d->s->cfg, &d->rules, why, sizeof why);
	d->p.kind = (enum period_kind)d->arg->period_kind;
	d->p.from = d->arg->period_from;
	d->p.to = d->arg->period_to;
	if (compute(d)) {
		free(d);
		return NULL;
	}
	return d;
}

static void close_detail(void *st)
{
	free(st);
}

/* "2026年10月、2026年11月" — the cycles that passed without a meeting. */
static void missed_text(const struct cycle_result *r, int every, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = 0;
	for (int i = 0; i < r->nlisted && n + 1 < cap; i++) {
		char label[32];
		cycle_label(every, r->missed_start[i], label, sizeof label);
		n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? "、" : "", label);
	}
	if (r->missed > r->nlisted && n + 1 < cap)
		n += (size_t)snprintf(out + n, cap - n, "等 %d 个", r->missed);
	if (r->open > 0 && n + 1 < cap)
		snprintf(out + n, cap - n, "%s%d 个周期进行中", n ? "；另 " : "", r->open);
}

static const int col_x[] = { 2, 16, 26, 32, 38, 44 };

static void draw_type(struct detail *d, int t, int y)
{
	const struct cycle_result *r = &d->bc.r[t];
	char freq[32], req[16], met[16], held[16], missed[512];
	int applies = d->bc.applies[t];
	frequency_name(applies ? d->rules.every[t] : 0, freq, sizeof freq);
	if (t == 2 && d->rules.every[t] && !applies)
		snprintf(freq, sizeof freq, "无党小组");
	snprintf(req, sizeof req, "%d", r->required);
	snprintf(met, sizeof met, "%d", r->met);
	snprintf(held, sizeof held, "%d", r->held);
	missed_text(r, d->rules.every[t], missed, sizeof missed);
	enum style st = r->missed ? ST_WARN : ST_NORMAL;
	const char *cells[] = { meeting_types[t], freq, req, met, held, missed };
	for (int c = 0; c < 6; c++) {
		int w = c < 5 ? col_x[c + 1] - col_x[c] - 1 : term_cols() - col_x[c];
		if (c >= 2 && c <= 4)
			draw_text_right(y, col_x[c], w, cells[c], st);
		else
			draw_text(y, col_x[c], w, cells[c], st);
	}
	draw_text(y, 0, 2, r->missed ? "!" : "", st);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct detail *d = st;
	char label[64], line[512], rate[16];
	int top = frame_body_top();
	static const char *const heads[] = { "会议类型", "要求", "应开", "达标", "已开",
	                                     "未按要求召开的周期" };
	period_label(&d->p, label, sizeof label);
	snprintf(line, sizeof line, "%s  %s", d->bc.b.name, label);
	draw_text(top, 0, term_cols(), line, ST_HEADING);
	for (int c = 0; c < 6; c++) {
		int w = c < 5 ? col_x[c + 1] - col_x[c] - 1 : term_cols() - col_x[c];
		if (c >= 2 && c <= 4)
			draw_text_right(top + 2, col_x[c], w, heads[c], ST_HEADING);
		else
			draw_text(top + 2, col_x[c], w, heads[c], ST_HEADING);
	}
	for (int t = 0; t < MEETING_NTYPES; t++)
		draw_type(d, t, top + 3 + t);
	attendance_rate_text(&d->bc.att, rate, sizeof rate);
	snprintf(line, sizeof line, "本期召开会议 %d 次，出席率 %s", d->bc.meetings, rate);
	draw_text(top + 11, 2, term_cols() - 2, line, ST_NORMAL);
	snprintf(line, sizeof line, "应到 %d 人次：实到 %d，请假 %d，缺席 %d；列席 %d 人次",
	         d->bc.att.expected, d->bc.att.present, d->bc.att.leave, d->bc.att.absent,
	         d->bc.att.observer);
	draw_text(top + 12, 2, term_cols() - 2, line, ST_NORMAL);
	snprintf(line, sizeof line, "缺勤预警（截至 %s）：%d 名党员%s", d->arg->asof, d->absentees,
	         d->absentees ? "，按 F9 查看" : "");
	draw_text(top + 14, 2, term_cols() - 2, line, d->absentees ? ST_WARN : ST_NORMAL);
	draw_text(top + 16, 2, term_cols() - 2,
	          "应开：已结束的周期和已开过会的周期；达标：其中开过会的；已开：本期内召开的次数。",
	          ST_DIM);
	frame_status(d->bc.short_types ? "有会议未按要求召开（行首 !）"
	                               : "已结束的周期都按要求召开了会议", "");
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct detail *d = st;
	if (k.code == K_F9 || k.code == K_ENTER) {
		memset(&d->sub, 0, sizeof d->sub);
		d->sub.org_id = d->arg->org_id;
		snprintf(d->sub.asof, sizeof d->sub.asof, "%s", d->arg->asof);
		app_push(a, &compliance_absent_screen, &d->sub);
		return SCR_PUSH;
	}
	if (k.code == K_F5) {
		compute(d);
		return SCR_REDRAW;
	}
	return SCR_PASS;
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", NULL, NULL, NULL,
                                        "缺勤", "退出" };

const struct screen compliance_detail_screen = {
	.name = "落实情况明细",
	.help = "一个党支部在所选期间内各类会议的召开情况。\n"
	        "要求：dangjian.ini 规定的频次；应开：本期内已经结束的周期（月、季度、半年、年），"
	        "加上尚未结束但已开过会的周期；达标：其中至少开过一次的周期数；已开：本期内召开的次数。\n"
	        "未按要求召开的周期已经结束仍没有召开；进行中（或尚未开始）又还没开会的周期"
	        "另行说明，不计入应开，也不算未落实。\n"
	        "党小组会只要求设有党小组的党支部。\n"
	        "F9 或回车：本支部的缺勤预警名单。F5 刷新。F3 或 Esc 返回。",
	.legend = legend,
	.open = open_detail,
	.close = close_detail,
	.draw = draw,
	.key = key,
};
