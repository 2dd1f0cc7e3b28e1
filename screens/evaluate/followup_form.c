/* followup_form.c — 不合格处置: what follows a member's 不合格 result in a
 * 民主评议党员 round — 限期改正, 劝退 or 除名, decided on, the 限期, the done
 * date (which takes it off 待办) and the decision's text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "evaluate/evaluate.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

struct followup_rec {
	struct eval_followup f;
	char who[200];
	char state[24];
};

static const char *const actions[] = { "限期改正", "劝退", "除名", NULL };

#define M(member) FORM_MEMBER(struct followup_rec, member)
static const struct form_field fields[] = {
	{ .key = "who", .label = "党员：", .row = 0, .col = 2, .width = 56, .type = FT_READONLY,
	  .grow = 1, M(who), .help = "评议为不合格的党员、评议年度和组织。" },
	{ .key = "state", .label = "状态：", .row = 1, .col = 2, .width = 12, .type = FT_READONLY,
	  M(state), .help = "未完成的处置列在今日待办中；过了限期为逾期。" },
	{ .key = "action", .label = "处置：", .row = 2, .col = 2, .width = 8, .type = FT_CHOICE,
	  .required = 1, .choices = actions, M(f.action),
	  .help = "限期改正：限期内改正后完成；劝退：劝其退党；除名：按党章除名。F4 选择。" },
	{ .key = "decided_on", .label = "决定日期：", .row = 2, .col = 30, .width = 10, .type = FT_DATE,
	  .required = 1, M(f.decided_on), .help = "支部作出处置决定的日期（默认为评议日期），不晚于今天。" },
	{ .key = "deadline", .label = "限期：", .row = 3, .col = 2, .width = 10, .type = FT_DATE,
	  M(f.deadline), .help = "改正的期限（限期改正必填）；过期未完成在今日待办中标为逾期。" },
	{ .key = "done_on", .label = "完成日期：", .row = 3, .col = 30, .width = 10, .type = FT_DATE,
	  M(f.done_on), .help = "改正完毕、劝退或除名办结的日期；填写后不再列入待办。" },
	{ .key = "decision", .label = "处置决定：", .row = 4, .col = 2, .width = 64, .height = 6,
	  .type = FT_NOTE, .grow = 1, M(f.decision),
	  .help = "支部的决定和改正情况，如：限期三个月改正，由支部书记谈话帮教。多行文字：回车换行。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

struct followup_form {
	struct session *s;
	struct evaluate_arg *arg;
	struct followup_rec rec, draft;
	struct record_form r;
};

static void describe(struct followup_rec *r)
{
	char now[11];
	snprintf(r->who, sizeof r->who, "%s  %s 年民主评议  %s", r->f.name, r->f.year, r->f.org);
	snprintf(r->state, sizeof r->state, "%s", *r->f.done_on ? "已完成" :
	         *r->f.deadline && strcmp(r->f.deadline, today(now)) < 0 ? "逾期未完成" : "未完成");
}

static int load_followup(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct followup_form *w = ctx;
	struct followup_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (evaluate_followup_load(w->s, id, &r->f, e))
		return e ? e->code : DJ_DB;
	describe(r);
	return 0;
}

static int save_followup(void *ctx, void *draft, struct dj_err *e)
{
	struct followup_form *w = ctx;
	struct followup_rec *r = draft;
	int rc = evaluate_followup_save(w->s, &r->f, e);
	if (rc == 0)
		describe(r);
	return rc;
}

static const struct record_ops followup_ops = {
	.table = "eval_followup", .size = sizeof(struct followup_rec),
	.id_at = offsetof(struct followup_rec, f.id), .words = RECORD_TELL, .load = load_followup,
	.save = save_followup,
};

static void *open_form(struct app *a, void *arg)
{
	struct followup_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->r = (struct record_form){ .ops = &followup_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	return w;
}

static void close_form(void *st)
{
	struct followup_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct followup_form *w = st;
	form_draw(&w->r.f);
	frame_status("不合格党员的处置", "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct followup_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.f.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存 %s 的处置：%s（%s）", w->draft.f.name, w->draft.f.action,
	              w->draft.state);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct followup_form *w = st;
	if (w->s->role == ROLE_VIEWER && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen evaluate_followup_form_screen = {
	.name = "不合格处置",
	.help = "民主评议为不合格的党员的处置：限期改正、劝退或除名（F4 选择），决定日期、\n"
	        "限期（限期改正必填）、完成日期和处置决定。没有完成日期的处置列在今日待办中，\n"
	        "过了限期标为逾期。回车到下一项，F2 保存，F3 或 Esc 返回。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
