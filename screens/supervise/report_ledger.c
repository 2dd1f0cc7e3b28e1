/* report_ledger.c — 工作汇报: for a duty (月报 …) and a period, every
 * organization that owes it with 已报 (收到日期, 报送人) or 未报, 逾期 once
 * the 逾期 day has passed.  [ and ] step the period, Tab the duty; Enter
 * records the line's report and goes on heads-down to the next 未报;
 * F7 finds, < > sort, F9 exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "supervise/supervise.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct ledger {
	struct session *s;
	struct sup_duty duties[SUP_MAX_DUTIES];
	int nduties, at;           /* the duty shown */
	char period[11];
	char empty[160];           /* the empty list's words: the list keeps the pointer */
	struct list_view list;
	struct supervise_report_arg sub;
};

static const struct sup_duty *duty(const struct ledger *w)
{
	return &w->duties[w->at];
}

static int load(struct ledger *w, int keep)
{
	snprintf(w->empty, sizeof w->empty, "没有应报送%s的党组织（dangjian.ini [duty.%s] kinds）",
	         duty(w)->name, duty(w)->name);
	return list_view_show(&w->list, sup_period_source(w->s, duty(w), w->period), 1, w->empty, keep,
	                      "报送台账");
}

static void this_period(struct ledger *w)
{
	char now[11];
	sup_period_of(duty(w)->period, today(now), w->period);
}

static void *open_ledger(struct app *a, void *arg)
{
	(void)arg;
	struct ledger *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->nduties = sup_duties(w->s, w->duties, SUP_MAX_DUTIES);
	this_period(w);
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_ledger(void *st)
{
	struct ledger *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct ledger *w = st;
	char head[200], due[11];
	int owing = 0, reported = 0;
	sup_period_counts(w->s, duty(w), w->period, &owing, &reported);
	sup_period_due(duty(w)->period, w->period, duty(w)->due_day, due);
	snprintf(head, sizeof head, "%s %s  应报 %d  已报 %d  未报 %d  %s 后逾期  [ ]换期%s",
	         duty(w)->name, w->period, owing, reported, owing - reported, due,
	         w->nduties > 1 ? " Tab换事项" : "");
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct ledger *w = st;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	struct ledger *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.org_id = id;
	w->sub.heads_down = 1;
	snprintf(w->sub.duty, sizeof w->sub.duty, "%s", duty(w)->name);
	snprintf(w->sub.period, sizeof w->sub.period, "%s", w->period);
	app_push(a, &supervise_report_form_screen, &w->sub);
	return SCR_PUSH;
}

static int write_ledger(void *ctx, const char *path, FILE *report, int *n)
{
	struct ledger *w = ctx;
	return sup_period_export(w->s, duty(w), w->period, path, report, n);
}

static enum outcome step(struct ledger *w, int delta)
{
	char now[11], first[11], next[11];
	sup_period_step(duty(w)->period, w->period, delta, next);
	sup_period_first(duty(w)->period, next, first);
	if (delta > 0 && strcmp(first, today(now)) > 0) {
		frame_message(MSG_ERROR, "%s 尚未开始", next);
		return SCR_HANDLED;
	}
	snprintf(w->period, sizeof w->period, "%s", next);
	return load(w, LIST_KEEP_FIND) ? SCR_BACK : SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct ledger *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_record, w);
	if (o != SCR_PASS)
		return o;
	char name[128], what[160], stem[64];
	if (k.code == K_CHAR && (k.ch == L'[' || k.ch == L']'))
		return step(w, k.ch == L']' ? 1 : -1);
	switch (k.code) {
	case K_TAB:
		if (w->nduties < 2)
			return SCR_HANDLED;
		w->at = (w->at + 1) % w->nduties;
		this_period(w);
		return load(w, LIST_KEEP_NOTHING) ? SCR_BACK : SCR_REDRAW;
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F9:
		snprintf(what, sizeof what, "导出%s %s报送台账", w->period, duty(w)->name);
		snprintf(stem, sizeof stem, "%s报送台账-%s", duty(w)->name, w->period);
		list_file_name(name, sizeof name, stem);
		list_export(what, name, "个党组织", NULL, write_ledger, w);
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", NULL, "查找", NULL,
                                        "导出", "退出" };

const struct screen supervise_report_ledger_screen = {
	.name = "工作汇报",
	.help = "工作汇报台账：一期中应报送的每个党组织，已报（收到日期、报送人）或未报；\n"
	        "过了逾期日（下一期的第几天，dangjian.ini [duty.名称] due_day）仍未报的为逾期。\n"
	        "[ 上一期，] 下一期；有几项报送事项时 Tab 切换（dangjian.ini [duty] names）。\n"
	        "回车：登记或修改该党组织的报告，保存后自动转到下一个未报的党组织（连续录入）。\n"
	        "F7 或 /：按名称、拼音首字母、报送人查找。< > 选择排序列，r 反向。F9：导出。",
	.legend = legend, .open = open_ledger, .close = close_ledger, .draw = draw, .key = key,
	.resume = resume,
};
