/* compliance_absent.c — 缺勤预警名单: members who missed their latest
 * meetings in a row, or took part in no organizational life for months. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "orglife/compliance.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/draw.h"

struct absent {
	struct session *s;
	struct meeting_rules rules;
	int64_t scope;
	char scope_name[128];
	char asof[11];
	int n;
	struct list_view list;
};

static int compute(struct absent *w)
{
	struct dj_err e;
	struct absentee *rows;
	int n;
	if (compliance_absentees(w->s, w->scope ? w->scope : w->s->scope_org, w->asof, &w->rules,
	                         &rows, &n, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	struct row_source *rs = absentee_source(rows, n, &w->rules);
	free(rows);
	/* A find survives a recount. */
	if (list_view_show(&w->list, rs, 2, "没有需要预警的党员", LIST_KEEP_FIND, NULL))
		return -1;
	w->n = n;
	list_scope_name(w->s, w->scope, w->scope_name, sizeof w->scope_name);
	return 0;
}

static void *open_absent(struct app *a, void *arg)
{
	struct meeting_scope_arg *in = arg;
	struct absent *w = calloc(1, sizeof *w);
	char why[256];
	if (!w)
		return NULL;
	w->s = a->session;
	meeting_rules_load(w->s->cfg, &w->rules, why, sizeof why);
	w->scope = in ? in->org_id : 0;
	if (in && *in->asof)
		snprintf(w->asof, sizeof w->asof, "%s", in->asof);
	else
		today(w->asof);
	if (compute(w)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_absent(void *st)
{
	struct absent *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct absent *w = st;
	char head[256], scope[200];
	snprintf(head, sizeof head, "截至 %s：连续 %d 次缺席或 %d 个月未参加组织生活", w->asof,
	         w->rules.absent_run, w->rules.idle_months);
	snprintf(scope, sizeof scope, "范围：%s（F4 选择）", w->scope_name);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	draw_text(frame_body_top() + 1, 0, term_cols(), scope, ST_NORMAL);
	grid_draw(&w->list.g);
}

static enum outcome point_to_ledger(void *st, struct app *a, int64_t id)
{
	(void)st;
	(void)a;
	(void)id;
	frame_message(MSG_INFO, "请到会议台账中查看该党员参加会议的情况");
	return SCR_HANDLED;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct absent *w = st;
	enum outcome o = list_view_key(&w->list, k, a, point_to_ledger, w);
	if (o != SCR_PASS)
		return o;
	char name[256], date[9], heading[256];
	switch (k.code) {
	case K_F4: {
		int64_t id = w->scope;
		if (list_pick_org(w->s, "选择范围（组织及其下级）", &id)) {
			w->scope = id;
			compute(w);
		}
		return SCR_REDRAW;
	}
	case K_F9:
		list_file_date(date);
		snprintf(name, sizeof name, "缺勤预警名单-%s.xlsx", date);
		snprintf(heading, sizeof heading, "缺勤预警名单 截至 %s %s", w->asof, w->scope_name);
		list_export_rows(w->list.rs, "导出缺勤预警名单", name, heading);
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", NULL, "查找", NULL,
                                        "导出", "退出" };

const struct screen compliance_absent_screen = {
	.name = "缺勤预警名单",
	.help = "需要关注的在册党员：\n"
	        "1. 最近连续多次应到会议都缺席（请假不算缺席）；\n"
	        "2. 或最近若干个月没有出席（或列席）任何会议，即未参加组织生活"
	        "（入党不满这段时间的新党员不列入）。\n"
	        "次数和月数见 dangjian.ini [meetings] absent_meetings、idle_months。\n"
	        "F4 选择范围。F7 或 / 按姓名、拼音首字母或组织查找，< > 排序。F9 导出 xlsx 或 CSV。",
	.legend = legend,
	.open = open_absent,
	.close = close_absent,
	.draw = draw,
	.key = key,
};
