/* compliance_browse.c — 组织生活落实情况: every branch under the chosen
 * organization against every meeting type for a month, quarter or year;
 * a branch that let a cycle pass without the required meeting is marked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/validate.h"
#include "orglife/compliance.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct comp {
	struct session *s;
	struct meeting_rules rules;
	struct period p;
	int64_t scope;
	char scope_name[128];
	struct branch_compliance *rows;
	int n, short_n;
	struct list_view list;
	struct meeting_scope_arg sub;   /* what the detail or absentee list opened with */
};

static int compute(struct comp *c)
{
	struct dj_err e;
	struct branch_compliance *rows;
	int n;
	if (compliance_compute(c->s, c->scope ? c->scope : c->s->scope_org, &c->p, &c->rules, &rows,
	                       &n, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	struct row_source *rs = compliance_source(rows, n);
	if (!rs) {
		free(rows);
		frame_message(MSG_ERROR, "内存不足");
		return -1;
	}
	/* A find and the branch looked at survive a recount. */
	if (list_view_show(&c->list, rs, 2, "所选范围内没有党支部（可按 F4 选择其他组织）",
	                   LIST_KEEP_FIND | LIST_KEEP_ROW, NULL)) {
		free(rows);
		return -1;
	}
	free(c->rows);
	c->rows = rows;
	c->n = n;
	c->short_n = 0;
	for (int i = 0; i < n; i++)
		c->short_n += rows[i].short_types > 0;
	list_scope_name(c->s, c->scope, c->scope_name, sizeof c->scope_name);
	return 0;
}

static void *open_comp(struct app *a, void *arg)
{
	(void)arg;
	struct comp *c = calloc(1, sizeof *c);
	char why[256], now[11];
	if (!c)
		return NULL;
	c->s = a->session;
	if (meeting_rules_load(c->s->cfg, &c->rules, why, sizeof why))
		frame_message(MSG_ERROR, "%s", why);
	period_containing(PERIOD_QUARTER, month_index(today(now)), &c->p);
	if (compute(c)) {
		free(c);
		return NULL;
	}
	return c;
}

static void close_comp(void *st)
{
	struct comp *c = st;
	list_view_free(&c->list);
	free(c->rows);
	free(c);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct comp *c = st;
	char label[64], head[256], scope[200], status[160];
	period_label(&c->p, label, sizeof label);
	snprintf(head, sizeof head, "%s  左右键换期  M 月 Q 季 Y 年", label);
	snprintf(scope, sizeof scope, "范围：%s（F4）", c->scope_name);
	int w = term_cols(), sw = utf8_cols(scope) < w / 2 ? utf8_cols(scope) : w / 2;
	draw_text(frame_body_top(), 0, w - sw, head, ST_HEADING);
	draw_text_right(frame_body_top(), w - sw, sw, scope, ST_HEADING);
	snprintf(status, sizeof status, "%d 个党支部，%d 个未按要求召开（!）；格内为 达标/应开+进行中",
	         c->n, c->short_n);
	draw_text(frame_body_top() + 1, 0, w, status, ST_NORMAL);
	grid_draw(&c->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct comp *c = st;
	compute(c);   /* meetings may have been recorded meanwhile */
}

static enum outcome change_period(struct comp *c, int kind, int step)
{
	if (kind >= 0 && kind != (int)c->p.kind) {
		char now[11];
		int now_m = month_index(today(now));
		/* Keep the period holding today when it is in view, else the start of the old one. */
		int anchor = now_m >= c->p.from && now_m <= c->p.to ? now_m : c->p.from;
		period_containing((enum period_kind)kind, anchor, &c->p);
	}
	if (step)
		period_step(&c->p, step);
	compute(c);
	return SCR_REDRAW;
}

static void show_rules(const struct comp *c)
{
	char text[1024], f[32];
	int n = snprintf(text, sizeof text, "dangjian.ini [meetings] 规定的召开频次：\n");
	for (int t = 0; t < MEETING_NTYPES && n > 0 && (size_t)n < sizeof text; t++)
		n += snprintf(text + n, sizeof text - (size_t)n, "  %s：%s%s\n", meeting_types[t],
		              frequency_name(c->rules.every[t], f, sizeof f),
		              t == 2 ? "（仅对设有党小组的党支部）" : "");
	if (n > 0 && (size_t)n < sizeof text)
		snprintf(text + n, sizeof text - (size_t)n,
		         "每个周期（月、季、半年、年）至少召开一次；周期在所选期间内结束才计入应开，"
		         "本期尚未结束的周期不算未召开。\n缺勤预警：连续 %d 次缺席，或 %d 个月未参加组织生活。",
		         c->rules.absent_run, c->rules.idle_months);
	dialog_message("召开频次要求", text);
}

static enum outcome open_sub(struct comp *c, struct app *a, const struct screen *scr,
                             int64_t org)
{
	memset(&c->sub, 0, sizeof c->sub);
	c->sub.org_id = org;
	c->sub.period_kind = (int)c->p.kind;
	c->sub.period_from = c->p.from;
	c->sub.period_to = c->p.to;
	char last[11], now[11];
	month_last_day(c->p.to, last);
	today(now);
	snprintf(c->sub.asof, sizeof c->sub.asof, "%s", strcmp(last, now) < 0 ? last : now);
	app_push(a, scr, &c->sub);
	return SCR_PUSH;
}

static enum outcome open_detail(void *st, struct app *a, int64_t id)
{
	return open_sub(st, a, &compliance_detail_screen, id);
}

static enum outcome actions(struct comp *c, struct app *a)
{
	static const char *const items[] = { "本支部明细", "缺勤预警名单", "导出本表（xlsx/CSV）",
	                                     "召开频次要求" };
	char name[256], date[9], heading[256], label[64];
	int64_t id = grid_selected_id(&c->list.g);
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0:
		return id ? open_sub(c, a, &compliance_detail_screen, id) : SCR_REDRAW;
	case 1:
		return open_sub(c, a, &compliance_absent_screen, c->scope);
	case 2:
		period_label(&c->p, label, sizeof label);
		list_file_date(date);
		snprintf(name, sizeof name, "组织生活落实情况-%s-%s.xlsx", label, date);
		snprintf(heading, sizeof heading, "组织生活落实情况 %s %s（达标周期/应开周期+进行中周期）", label,
		         c->scope_name);
		list_export_rows(c->list.rs, "导出组织生活落实情况", name, heading);
		return SCR_REDRAW;
	case 3:
		show_rules(c);
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct comp *c = st;
	if (k.code == K_CHAR) {
		switch (k.ch) {
		case L'm': case L'M': return change_period(c, PERIOD_MONTH, 0);
		case L'q': case L'Q': return change_period(c, PERIOD_QUARTER, 0);
		case L'y': case L'Y': return change_period(c, PERIOD_YEAR, 0);
		default: break;
		}
	}
	if (k.code == K_LEFT || k.code == K_RIGHT)
		return change_period(c, -1, k.code == K_LEFT ? -1 : 1);
	enum outcome o = list_view_key(&c->list, k, a, open_detail, c);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4: {
		int64_t id = c->scope;
		if (list_pick_org(c->s, "选择统计范围（组织及其下级）", &id)) {
			c->scope = id;
			compute(c);
		}
		return SCR_REDRAW;
	}
	case K_F9:
		return actions(c, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", NULL, "查找", NULL,
                                        "操作", "退出" };

const struct screen compliance_browse_screen = {
	.name = "组织生活落实情况",
	.help = "各党支部在所选期间内召开三会一课的情况，与 dangjian.ini 规定的频次比较。\n"
	        "列：大会＝支部党员大会，支委＝支委会，小组＝党小组会，党课，生活＝组织生活会，"
	        "评议＝民主评议，党日＝主题党日；最后一列为出席率（实到/应到）。\n"
	        "格内「2/3」表示应开 3 个周期、已按要求开了 2 个；「2/2+1」另有 1 个周期正在进行"
	        "（或尚未开始）、还没开会，不算未落实（格内放不下时只写 +，个数见明细）；"
	        "带 ! 表示有已结束的周期没有召开；"
	        "只写数字表示本期不作要求但开了几次；- 表示本期不作要求。\n"
	        "左右方向键（← →）换到上一期或下一期；M 按月，Q 按季度，Y 按年。F4 选择统计范围。\n"
	        "回车：所选党支部的明细（哪几个月、哪个季度没开）。\n"
	        "F9：明细、缺勤预警名单、导出本表、查看频次要求。F7 或 / 查找支部，< > 排序。",
	.legend = legend,
	.open = open_comp,
	.close = close_comp,
	.draw = draw,
	.key = key,
	.resume = resume,
};
