/* followup_form.c — one follow-up of a 督导检查 (督导整改): what the
 * inspection found and required at one organization by when, and the
 * date it was done with what was done.  Saved on its line alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "supervise/supervise.h"
#include "tui/draw.h"
#include "tui/form.h"

struct followup_rec {
	struct sup_visited v;
	char on_date[11];          /* the inspection's */
	char state[24];
};

#define M(member) FORM_MEMBER(struct followup_rec, member)
static const struct form_field field_table[] = {
	{ .key = "org", .label = "被检查党组织：", .row = 0, .col = 2, .width = 30, .type = FT_READONLY,
	  .grow = 1, M(v.org) },
	{ .key = "on_date", .label = "检查日期：", .row = 1, .col = 2, .width = 10, .type = FT_READONLY,
	  M(on_date) },
	{ .key = "deadline", .label = "整改期限：", .row = 1, .col = 28, .width = 10,
	  .type = FT_READONLY, M(v.deadline) },
	{ .key = "state", .label = "", .row = 1, .col = 52, .width = 20, .type = FT_READONLY, M(state) },
	{ .key = "findings", .label = "检查发现：", .row = 2, .col = 2, .width = 64, .type = FT_READONLY,
	  .grow = 1, M(v.findings) },
	{ .key = "followup", .label = "整改要求：", .row = 3, .col = 2, .width = 64, .type = FT_READONLY,
	  .grow = 1, M(v.followup) },
	{ .key = "done_on", .label = "整改完成日期：", .row = 5, .col = 2, .width = 12, .type = FT_DATE,
	  .required = 1, M(v.done_on), .help = "整改完成的日期：不早于检查日期，不晚于今天。" },
	{ .key = "done_note", .label = "整改情况：", .row = 6, .col = 2, .width = 64, .height = 4,
	  .type = FT_NOTE, .grow = 1, M(v.done_note), .help = "整改做了什么，结果如何。" },
};
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct followup_form {
	struct session *s;
	struct supervise_arg *arg;
	struct followup_rec rec, draft;
	struct record_form r;
};

static void state_of(struct followup_rec *r)
{
	char now[11];
	snprintf(r->state, sizeof r->state, "%s", *r->v.done_on ? "已整改" :
	         sup_followup_late(&r->v, today(now)) ? "逾期未整改" : "整改中");
}

static int load_line(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct followup_form *w = ctx;
	struct followup_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (sup_visited_load(w->s, id, &r->v, r->on_date, e))
		return e ? e->code : DJ_DB;
	state_of(r);
	return 0;
}

static int save_line(void *ctx, void *draft, struct dj_err *e)
{
	struct followup_form *w = ctx;
	struct followup_rec *r = draft;
	int rc = sup_followup_done(w->s, &r->v, e);
	if (rc == 0)
		state_of(r);
	return rc;
}

static const struct record_ops followup_ops = {
	.table = "inspection_org", .size = sizeof(struct followup_rec),
	.id_at = offsetof(struct followup_rec, v.id), .words = RECORD_TELL,
	.load = load_line, .save = save_line,
};

static void *open_form(struct app *a, void *arg)
{
	struct followup_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->r = (struct record_form){ .ops = &followup_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, field_table, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	else if (!*w->rec.v.done_on) {
		char now[11];
		form_set(&w->r.f, "done_on", today(now));   /* most are recorded the day they are done */
	}
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
	frame_status("督导整改", "F2 保存");
}

static int save(void *st)
{
	struct followup_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.v.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已登记 %s 整改完成（%s）", w->draft.v.org, w->draft.v.done_on);
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
	return record_form_key_once(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", NULL, "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen supervise_followup_form_screen = {
	.name = "督导整改",
	.help = "一个被检查党组织的整改：检查发现、整改要求和期限；登记整改完成日期和整改情况。\n"
	        "完成日期不早于检查日期、不晚于今天。F2 保存后返回，F3 或 Esc 不保存返回。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
