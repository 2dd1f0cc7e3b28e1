/* line_form.c — one branch's line of a split task: its 公开承诺, 进展情况,
 * 状态 and 完成日期.  Saved under the branch's scope; the task rolls up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

#define M(member) FORM_MEMBER(struct plan_line, member)
static const struct form_field field_table[] = {
	{ .key = "org", .label = "党支部：", .row = 0, .col = 2, .width = 30, .type = FT_READONLY,
	  .grow = 1, M(org), .help = "落实任务的党支部。" },
	{ .key = "pledge", .label = "公开承诺：", .row = 1, .col = 2, .width = 64, .height = 4,
	  .type = FT_NOTE, .grow = 1, M(pledge),
	  .help = "支部对这项任务向党员群众作出的公开承诺。多行文字：回车换行，Tab 到下一项。" },
	{ .key = "progress", .label = "进展情况：", .row = 5, .col = 2, .width = 64, .height = 4,
	  .type = FT_NOTE, .grow = 1, M(progress), .help = "落实的进展。多行文字：回车换行。" },
	{ .key = "state", .label = "状态：", .row = 9, .col = 2, .width = 8, .type = FT_CHOICE,
	  .choices = plan_states, M(state), .help = "未开始、进行中、已完成；逾期由程序按期限计算。" },
	{ .key = "done_on", .label = "完成日期：", .row = 9, .col = 42, .width = 10, .type = FT_DATE,
	  M(done_on), .help = "已完成时填写，不能晚于今天。" },
};
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct line_form {
	struct session *s;
	struct plan_arg *arg;
	struct plan_line rec, draft;
	struct record_form r;
};

static int load_line(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return plan_line_load(((struct line_form *)ctx)->s, id, rec, e);
}

static int save_line(void *ctx, void *draft, struct dj_err *e)
{
	return plan_line_save(((struct line_form *)ctx)->s, draft, e);
}

static const struct record_ops line_ops = {
	.table = "plan_line", .size = sizeof(struct plan_line),
	.id_at = offsetof(struct plan_line, id), .words = RECORD_TELL,
	.load = load_line, .save = save_line,
};

static void *open_form(struct app *a, void *arg)
{
	struct line_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->r = (struct record_form){ .ops = &line_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, field_table, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	return w;
}

static void close_form(void *st)
{
	struct line_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct line_form *w = st;
	char left[64];
	form_draw(&w->r.f);
	snprintf(left, sizeof left, "支部任务（%s）", w->rec.shown);
	frame_status(left, "F2 保存");
}

static int save(void *st)
{
	struct line_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存「%s」的承诺和进展（%s）", w->draft.org, w->draft.state);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct line_form *w = st;
	if (w->s->role == ROLE_VIEWER && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen plan_line_form_screen = {
	.name = "支部任务",
	.help = "一个党支部对分解任务的落实：公开承诺、进展情况、状态和完成日期。\n"
	        "保存后任务的状态由各支部汇总。F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
