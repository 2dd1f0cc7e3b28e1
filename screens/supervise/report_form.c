/* report_form.c — one organization's report on a recurring duty for a
 * period (报送登记): 收到日期, 报送人, 内容摘要 under the organization, duty
 * and period it is for.  Opened from the period ledger heads-down: after
 * F2 the form goes on to the next organization 未报 in the ledger's order,
 * keeping the 收到日期, so a month's pile of reports costs the typed text
 * and about one key per field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "supervise/supervise.h"
#include "tui/draw.h"
#include "tui/form.h"

struct report_rec {
	struct sup_report r;
	char state[64];          /* 已报 / 未报 / 逾期, with the 逾期 day */
};

#define M(member) FORM_MEMBER(struct report_rec, member)
static const struct form_field field_table[] = {
	{ .key = "org", .label = "党组织：", .row = 0, .col = 2, .width = 30, .type = FT_READONLY,
	  .grow = 1, M(r.org), .help = "报送的党组织（在台账上选择）。" },
	{ .key = "duty", .label = "事项：", .row = 1, .col = 2, .width = 12, .type = FT_READONLY,
	  M(r.duty), .help = "报送事项，在 dangjian.ini [duty] 配置。" },
	{ .key = "period", .label = "期间：", .row = 1, .col = 24, .width = 10, .type = FT_READONLY,
	  M(r.period), .help = "报告所属的月份、季度或年度（在台账上用 [ ] 切换）。" },
	{ .key = "state", .label = "状态：", .row = 1, .col = 42, .width = 30, .type = FT_READONLY,
	  M(state) },
	{ .key = "received_on", .label = "收到日期：", .row = 2, .col = 2, .width = 10,
	  .type = FT_DATE, .required = 1, .carry = 1, M(r.received_on),
	  .help = "收到书面报告的日期，不能晚于今天。连续录入时保留给下一个党组织。" },
	{ .key = "brought_by", .label = "报送人：", .row = 2, .col = 30, .width = 12, .type = FT_TEXT,
	  .required = 1, M(r.brought_by), .help = "送来报告的人。" },
	{ .key = "summary", .label = "内容摘要：", .row = 4, .col = 2, .width = 64, .height = 4,
	  .type = FT_NOTE, .grow = 1, M(r.summary), .help = "报告的主要内容（可留空）。" },
};
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct report_form {
	struct session *s;
	struct supervise_report_arg *arg;
	struct sup_duty duty;
	struct report_rec rec, draft;
	struct record_form r;
	int saved;               /* reports saved in this sitting */
};

static void state_of(struct report_form *w, struct report_rec *r)
{
	char now[11], due[11];
	sup_period_due(w->duty.period, r->r.period, w->duty.due_day, due);
	int st = sup_report_state(w->duty.period, r->r.period, w->duty.due_day, r->r.received_on,
	                          today(now));
	snprintf(r->state, sizeof r->state, "%s（%s 前报送）", r->r.id ? sup_state_word(st) :
	         sup_state_word(st == SUP_OVERDUE ? SUP_OVERDUE : SUP_MISSING), due);
}

static int load_report(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct report_form *w = ctx;
	struct report_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (sup_report_load(w->s, id, &r->r, e))
		return e ? e->code : DJ_DB;
	state_of(w, r);
	return 0;
}

static int save_report(void *ctx, void *draft, struct dj_err *e)
{
	struct report_form *w = ctx;
	struct report_rec *r = draft;
	int rc = sup_report_save(w->s, &r->r, e);
	if (rc == 0)
		state_of(w, r);
	return rc;
}

static const struct record_ops report_ops = {
	.table = "duty_report", .size = sizeof(struct report_rec),
	.id_at = offsetof(struct report_rec, r.id), .words = RECORD_TELL,
	.load = load_report, .save = save_report,
};

/* Sets the form up on org's report (recorded or new); `carry` keeps the
 * 收到日期 typed for the one before. */
static int open_on(struct report_form *w, int64_t org_id, const char *carry)
{
	struct dj_err e;
	memset(&w->rec, 0, sizeof w->rec);
	if (sup_report_find(w->s, org_id, w->duty.name, w->arg->period, &w->rec.r, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	if (!w->rec.r.id) {
		char now[11];
		snprintf(w->rec.r.received_on, sizeof w->rec.r.received_on, "%s",
		         carry && *carry ? carry : today(now));
	}
	state_of(w, &w->rec);
	w->r = (struct record_form){ .ops = &report_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, field_table, NFIELDS, w->rec.r.id))
		return -1;
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	form_focus(&w->r.f, w->rec.r.id ? "received_on" : "brought_by");
	return 0;
}

static void *open_form(struct app *a, void *arg)
{
	struct report_form *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (sup_duty_named(w->s, w->arg->duty, "duty", &w->duty, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	if (!*w->arg->period) {
		char now[11];
		sup_period_of(w->duty.period, today(now), w->arg->period);
	}
	if (open_on(w, w->arg->org_id, NULL)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_form(void *st)
{
	struct report_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct report_form *w = st;
	char left[96];
	snprintf(left, sizeof left, "%s报送登记%s", w->duty.name,
	         w->arg->heads_down ? "（连续录入）" : "");
	form_draw(&w->r.f);
	frame_status(left, w->saved ? "F2 保存并转到下一个未报  F3 返回" : "F2 保存  F3 返回");
}

static int save(void *st)
{
	struct report_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.r.org_id;
	w->arg->changed = 1;
	w->saved++;
	int64_t next = 0;
	int more = w->arg->heads_down
		? sup_next_missing(w->s, &w->duty, w->arg->period, w->draft.r.org_id, &next) : 0;
	if (more == 1) {
		char carry[11];
		snprintf(carry, sizeof carry, "%s", w->draft.r.received_on);
		form_free(&w->r.f);
		if (open_on(w, next, carry) == 0) {
			frame_message(MSG_INFO, "已登记 %s %s %s；下一个未报：%s", w->draft.r.org,
			              w->draft.r.period, w->draft.r.duty, w->rec.r.org);
			return 1;   /* stay: the next organization is in the form */
		}
		return 0;
	}
	frame_message(MSG_INFO, "已登记 %s %s %s（%s）%s", w->draft.r.org, w->draft.r.period,
	              w->draft.r.duty, w->draft.r.received_on,
	              w->arg->heads_down ? "；本期已没有未报的党组织" : "");
	return 0;
}

static int save_stay(void *st)
{
	int rc = save(st);
	return rc < 0 ? -1 : 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct report_form *w = st;
	if (w->s->role == ROLE_VIEWER && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save_stay, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", NULL, "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen supervise_report_form_screen = {
	.name = "报送登记",
	.help = "登记一个党组织一期的书面报告：收到日期、报送人和内容摘要。\n"
	        "每个党组织每期只登记一次；不能登记尚未开始的期间，收到日期不能晚于今天。\n"
	        "从台账进入时为连续录入：F2 保存后转到本期下一个未报的党组织，收到日期保留。\n"
	        "F3 或 Esc 返回台账。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
