/* dues_browse.c — 党费收缴: every branch's dues for one month (members,
 * rows entered, due, paid, arrears) with the month's totals; Enter opens the
 * branch's month sheet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/validate.h"
#include "orglife/compliance.h"
#include "orglife/dues.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct dues_view {
	struct session *s;
	int month;                   /* month index */
	char month_text[8];
	int64_t scope;
	char scope_name[128];
	struct dues_totals t;
	struct list_view list;
	struct meeting_scope_arg sub;
};

static int compute(struct dues_view *v)
{
	struct dj_err e;
	month_text(v->month, v->month_text);
	struct row_source *rs = dues_month_source(v->s, v->scope, v->month_text, &v->t, &e);
	if (!rs) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	/* A find and the branch looked at survive a recount. */
	if (list_view_show(&v->list, rs, 2, "所选范围内没有党支部（可按 F4 选择其他组织）",
	                   LIST_KEEP_FIND | LIST_KEEP_ROW, NULL))
		return -1;
	list_scope_name(v->s, v->scope, v->scope_name, sizeof v->scope_name);
	return 0;
}

static void *open_view(struct app *a, void *arg)
{
	(void)arg;
	struct dues_view *v = calloc(1, sizeof *v);
	char now[11], why[256];
	struct dues_rules r;
	if (!v)
		return NULL;
	v->s = a->session;
	v->month = month_index(today(now));
	if (dues_rules_load(v->s->cfg, &r, why, sizeof why))
		frame_message(MSG_ERROR, "%s", why);
	if (compute(v)) {
		free(v);
		return NULL;
	}
	return v;
}

static void close_view(void *st)
{
	struct dues_view *v = st;
	list_view_free(&v->list);
	free(v);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct dues_view *v = st;
	char head[128], scope[200], status[256], due[32], paid[32], owed[32];
	snprintf(head, sizeof head, "%d年%d月党费  左右键换月", v->month / 12, v->month % 12 + 1);
	snprintf(scope, sizeof scope, "范围：%s（F4）", v->scope_name);
	int w = term_cols(), sw = utf8_cols(scope) < w / 2 ? utf8_cols(scope) : w / 2;
	draw_text(frame_body_top(), 0, w - sw, head, ST_HEADING);
	draw_text_right(frame_body_top(), w - sw, sw, scope, ST_HEADING);
	format_money(v->t.due, due, sizeof due);
	format_money(v->t.paid, paid, sizeof paid);
	format_money(v->t.owed, owed, sizeof owed);
	snprintf(status, sizeof status, "合计（元）应交 %s  实交 %s  欠交 %d 人 %s；回车录入", due, paid,
	         v->t.owing, owed);
	draw_text(frame_body_top() + 1, 0, w, status, ST_NORMAL);
	grid_draw(&v->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	compute(st);   /* a sheet may have been saved */
}

static enum outcome open_sheet(void *st, struct app *a, int64_t id)
{
	struct dues_view *v = st;
	if (!id)
		return SCR_HANDLED;
	memset(&v->sub, 0, sizeof v->sub);
	v->sub.org_id = id;
	snprintf(v->sub.month, sizeof v->sub.month, "%s", v->month_text);
	app_push(a, &dues_sheet_screen, &v->sub);
	return SCR_PUSH;
}

struct export_ctx {
	struct session *s;
	int64_t scope;
	const char *month;
};

static int write_month(void *ctx, const char *path, FILE *report, int *n)
{
	struct export_ctx *c = ctx;
	return dues_export_month(c->s, c->scope ? c->scope : c->s->scope_org, c->month, path, report, n);
}

static enum outcome actions(struct dues_view *v, struct app *a)
{
	static const char *const items[] = { "录入所选党支部本月党费", "欠交名单",
	                                     "导出本月党费明细（xlsx/CSV）", "导出本表（xlsx/CSV）" };
	char name[256], heading[256];
	struct export_ctx c = { v->s, v->scope, v->month_text };
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0:
		return open_sheet(v, a, grid_selected_id(&v->list.g));
	case 1:
		memset(&v->sub, 0, sizeof v->sub);
		v->sub.org_id = v->scope;
		app_push(a, &dues_arrears_screen, &v->sub);
		return SCR_PUSH;
	case 2:
		snprintf(name, sizeof name, "党费收缴-%s.xlsx", v->month_text);
		list_export("导出本月党费明细", name, "条党费记录", NULL, write_month, &c);
		return SCR_REDRAW;
	case 3:
		snprintf(name, sizeof name, "党费汇总-%s.xlsx", v->month_text);
		snprintf(heading, sizeof heading, "%s 党费汇总 %s（元）", v->month_text, v->scope_name);
		list_export_rows(v->list.rs, "导出党费汇总", name, heading);
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct dues_view *v = st;
	if (k.code == K_LEFT || k.code == K_RIGHT) {
		v->month += k.code == K_LEFT ? -1 : 1;
		compute(v);
		return SCR_REDRAW;
	}
	if (k.code == K_F5) {   /* the totals above the rows are read with them */
		if (compute(v) == 0)
			frame_message(MSG_INFO, "已刷新");
		return SCR_REDRAW;
	}
	enum outcome o = list_view_key(&v->list, k, a, open_sheet, v);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4: {
		int64_t id = v->scope;
		if (list_pick_org(v->s, "选择范围（组织及其下级）", &id)) {
			v->scope = id;
			compute(v);
		}
		return SCR_REDRAW;
	}
	case K_F9:
		return actions(v, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", NULL, "查找", NULL,
                                        "操作", "退出" };

const struct screen dues_browse_screen = {
	.name = "党费收缴",
	.help = "一个月各党支部的党费：在册党员数、已录入人数、应交、实交、欠交人数和金额（元）。\n"
	        "左右方向键换月份。F4 选择范围（组织及其下级）。\n"
	        "回车：打开所选党支部本月的党费收缴表逐人录入。\n"
	        "F9：欠交名单、导出本月党费明细（每人一行）、导出本表。\n"
	        "行首 ! 表示该支部本月有人欠交。F7 或 / 查找支部，< > 排序。",
	.legend = legend,
	.open = open_view,
	.close = close_view,
	.draw = draw,
	.key = key,
	.resume = resume,
};
