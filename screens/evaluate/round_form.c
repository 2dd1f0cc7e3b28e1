/* round_form.c — 民主评议设置: a round's year, organization (F4), date and
 * the 民主评议 meeting it was held at (F4: that organization's meetings of
 * that type in 三会一课). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "evaluate/evaluate.h"
#include "org/org.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

struct round_form {
	struct session *s;
	struct evaluate_arg *arg;
	struct eval_round rec, draft;
	struct record_form r;
};

static struct row_source *open_orgs(void *ctx)
{
	return org_pick_source(((struct round_form *)ctx)->s);
}

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择组织", .strict = 1,
};

/* The 民主评议 meetings of the organization the form names. */
static struct row_source *open_meetings(void *ctx)
{
	struct round_form *w = ctx;
	char org[sizeof w->rec.org];
	int64_t id = 0;
	form_get(&w->r.f, "org", org, sizeof org);
	utf8_trim(org);
	if (!*org || org_find_by_name(w->s, org, &id))
		frame_message(MSG_ERROR, "请先填写「组织」（按 F4 选择），再选择它的民主评议会议");
	return evaluate_meeting_source(w->s, id);
}

static const struct form_lookup meeting_lookup = {
	.open = open_meetings, .col = 0, .title = "选择民主评议会议（三会一课中登记的）",
};

#define M(member) FORM_MEMBER(struct eval_round, member)
static const struct form_field fields[] = {
	{ .key = "year", .label = "年度：", .row = 0, .col = 2, .width = 5, .type = FT_INT,
	  .required = 1, .max_chars = 4, M(year), .help = "评议的是哪一年，如 2026。每个组织每年一次。" },
	{ .key = "org", .label = "组织：", .row = 0, .col = 24, .width = 30, .type = FT_LINK,
	  .required = 1, .lookup = &org_lookup, .grow = 1, M(org),
	  .help = "开展民主评议的党支部（或党总支、党委）：其在册党员（含党小组和下级组织）参加评议。F4 选择。" },
	{ .key = "held_on", .label = "评议日期：", .row = 1, .col = 2, .width = 10, .type = FT_DATE,
	  .required = 1, M(held_on), .help = "召开民主评议党员会议的日期，不晚于今天。" },
	{ .key = "meeting", .label = "会议：", .row = 1, .col = 24, .width = 10, .type = FT_LINK,
	  .lookup = &meeting_lookup, M(meeting),
	  .help = "三会一课中登记的该组织「民主评议」会议的日期。F4 选择；尚未登记的可以留空。" },
	{ .key = "notes", .label = "备注：", .row = 2, .col = 2, .width = 60, .type = FT_TEXT,
	  .grow = 1, M(notes), .help = "其他说明，如上级的通知文号。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

static int load_round(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return evaluate_round_load(((struct round_form *)ctx)->s, id, rec, e);
}

static int save_round(void *ctx, void *draft, struct dj_err *e)
{
	return evaluate_round_save(((struct round_form *)ctx)->s, draft, e);
}

static const struct record_ops round_ops = {
	.table = "eval_round", .size = sizeof(struct eval_round),
	.id_at = offsetof(struct eval_round, id), .words = RECORD_TELL, .load = load_round,
	.save = save_round,
};

static void *open_form(struct app *a, void *arg)
{
	struct round_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (!w->arg->round_id)
		evaluate_round_defaults(w->s, &w->rec);
	w->r = (struct record_form){ .ops = &round_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, w->arg->round_id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	return w;
}

static void close_form(void *st)
{
	struct round_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct round_form *w = st;
	char left[160];
	form_draw(&w->r.f);
	if (w->rec.id)
		snprintf(left, sizeof left, "参评党员 %d 人", w->rec.c.total);
	else
		snprintf(left, sizeof left, "新增民主评议：保存后列入该组织的在册党员");
	frame_status(left, "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct round_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.id;
	w->arg->round_id = w->draft.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存 %s 年 %s 的民主评议（参评党员 %d 人）", w->draft.year, w->draft.org,
	              w->draft.c.total);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct round_form *w = st;
	if (w->s->role == ROLE_VIEWER && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen evaluate_round_form_screen = {
	.name = "民主评议设置",
	.help = "一次民主评议党员：年度、组织（F4 选择）、评议日期、会议（F4 选择该组织在三会一课中\n"
	        "登记的民主评议会议）和备注。保存新的一次时列入该组织（含党小组和下级组织）的\n"
	        "在册党员；已有评议结果后不能再换组织。回车到下一项，F2 保存，F3 或 Esc 返回。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
