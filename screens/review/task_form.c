/* task_form.c — one task of a 创建 application's 任务书: what, who, by when,
 * and when it was done.  New tasks are entered one after another. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "review/review.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

#define M(member) FORM_MEMBER(struct review_task, member)
static const struct form_field fields[] = {
	{ .key = "task", .label = "任务：", .row = 0, .col = 2, .width = 66, .height = 3,
	  .type = FT_NOTE, .required = 1, .grow = 1, M(task),
	  .help = "任务书中的一项任务（工作项目化、项目责任化、责任具体化）。" },
	{ .key = "responsible", .label = "责任人：", .row = 3, .col = 2, .width = 30, .type = FT_TEXT,
	  .required = 1, .carry = 1, M(responsible),
	  .help = "负责这项任务的人，多人用顿号（、）分隔。连续录入时沿用上一项。" },
	{ .key = "due_on", .label = "完成期限：", .row = 4, .col = 2, .width = 10, .type = FT_DATE,
	  .required = 1, M(due_on), .help = "完成这项任务的期限（时间表）。过期仍未完成的标为逾期。" },
	{ .key = "done_on", .label = "完成日期：", .row = 4, .col = 42, .width = 10, .type = FT_DATE,
	  M(done_on), .help = "任务完成的日期；未完成时留空。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

struct task_form {
	struct session *s;
	struct review_arg *arg;
	struct review_task rec;
	struct review_task draft;
	struct record_form r;
	int saved;                 /* tasks saved on this form (entry mode) */
};

static int load_task(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct task_form *w = ctx;
	return review_task_load(w->s, id, rec, e);
}

/* Entry mode clears the record between tasks: the application comes back. */
static int save_task(void *ctx, void *draft, struct dj_err *e)
{
	struct task_form *w = ctx;
	struct review_task *t = draft;
	t->app_id = w->arg->id;
	return review_task_save(w->s, t, e);
}

static const struct record_ops task_ops = {
	.table = "review_task", .size = sizeof(struct review_task),
	.id_at = offsetof(struct review_task, id), .entry = 1, .words = RECORD_TELL,
	.load = load_task, .save = save_task,
};

static void *open_form(struct app *a, void *arg)
{
	struct task_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->rec.app_id = w->arg->id;
	w->r = (struct record_form){ .ops = &task_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, w->arg->sub_id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	return w;
}

static void close_form(void *st)
{
	struct task_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct task_form *w = st;
	char left[64];
	form_draw(&w->r.f);
	if (w->arg->sub_id)
		snprintf(left, sizeof left, "修改任务");
	else
		snprintf(left, sizeof left, "新增任务（连续录入，本次已保存 %d 项）", w->saved);
	frame_status(left, "F2 保存");
}

static int save(void *st)
{
	struct task_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->saved++;
	w->arg->saved_id = w->draft.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存任务「%s」，期限 %s", w->draft.task, w->draft.due_on);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct task_form *w = st;
	if (w->s->role == ROLE_VIEWER && (k.code == K_F2 || k.code == K_ENTER)) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改任务书");
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", NULL, "还原", NULL, NULL, NULL, NULL,
                                        "退出" };

const struct screen review_task_form_screen = {
	.name = "任务",
	.help = "任务书中的一项任务：任务内容、责任人、完成期限和完成日期。\n"
	        "新增时为连续录入：F2 保存后表格清空，接着录入下一项，责任人沿用上一项。\n"
	        "任务栏中回车换行，↓ 或 Tab 到下一栏；其他栏回车到下一栏，最后一栏回车即保存。\n"
	        "过了完成期限仍未填写完成日期的任务，在任务书中标为逾期（行首 !）。\n"
	        "F2 保存；F5 恢复本栏原值；F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
