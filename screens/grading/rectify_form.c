/* rectify_form.c — 整改方案: an organization's problems, measures, 责任人,
 * deadline, progress notes and acceptance after a grading round. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grading/rectify.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

#define M(member) FORM_MEMBER(struct rectification, member)
static const struct form_field fields[] = {
	{ .key = "org", .label = "党组织：", .row = 0, .col = 2, .width = 36, .type = FT_READONLY,
	  .grow = 1, M(org), .help = "列入整改的组织。" },
	{ .key = "grade", .label = "等次：", .row = 0, .col = 52, .width = 8, .type = FT_READONLY,
	  M(grade), .help = "该组织在本轮定级中的等次。" },
	{ .key = "round", .label = "定级：", .row = 1, .col = 2, .width = 36, .type = FT_READONLY,
	  .grow = 1, M(round), .help = "列入整改的那一轮定级。" },
	{ .key = "origin", .label = "列入原因：", .row = 1, .col = 52, .width = 10,
	  .type = FT_READONLY, M(origin),
	  .help = "定级：等次为一般或后进；一村一策：按得分倒排在后的村；办公室列入：办公室另行列入。" },
	{ .key = "problem", .label = "存在问题：", .row = 2, .col = 2, .width = 62, .height = 3,
	  .type = FT_NOTE, .grow = 1, M(problem),
	  .help = "调查摸底和评议中找出的突出问题和薄弱环节。可输入多行：回车换行，↓ 或 Tab 到下一栏。" },
	{ .key = "measures", .label = "整改措施：", .row = 5, .col = 2, .width = 62, .height = 3,
	  .type = FT_NOTE, .grow = 1, M(measures),
	  .help = "整改目标、措施和时间要求（工作项目化、项目责任化、责任具体化）。可输入多行。" },
	{ .key = "responsible", .label = "责任人：", .row = 8, .col = 2, .width = 20, .type = FT_TEXT,
	  M(responsible), .help = "负责整改的人，多人用顿号（、）分隔。列入时预填该组织的书记。" },
	{ .key = "deadline", .label = "整改期限：", .row = 8, .col = 42, .width = 10, .type = FT_DATE,
	  .required = 1, M(deadline), .help = "完成整改的期限。过期仍未验收的在台账中标为逾期。" },
	{ .key = "progress", .label = "整改进展：", .row = 9, .col = 2, .width = 62, .height = 5,
	  .type = FT_NOTE, .grow = 1, M(progress),
	  .help = "整改进展，每次一行，行首写日期，如「2026-07-15 已调整支委，制定三会一课计划」。" },
	{ .key = "accepted_on", .label = "验收日期：", .row = 14, .col = 2, .width = 10,
	  .type = FT_DATE, M(accepted_on),
	  .help = "整改通过验收的日期。填写前须写明存在问题和整改措施；不能晚于今天。" },
	{ .key = "status", .label = "状态：", .row = 14, .col = 42, .width = 6, .type = FT_READONLY,
	  M(status), .help = "整改中、逾期（过了期限仍未验收）或已验收。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

struct plan_form {
	struct session *s;
	struct grading_arg *arg;
	struct rectification rec;
	struct record_form r;
	int readonly;
};

static int load_plan(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return rectify_load(((struct plan_form *)ctx)->s, id, rec, e);
}

static int save_plan(void *ctx, void *draft, struct dj_err *e)
{
	return rectify_save(((struct plan_form *)ctx)->s, draft, e);
}

static const struct record_ops plan_ops = {
	.table = "rectification", .size = sizeof(struct rectification),
	.id_at = offsetof(struct rectification, id), .words = RECORD_QUIET, .load = load_plan,
	.save = save_plan,
};

static void *open_form(struct app *a, void *arg)
{
	struct plan_form *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->r = (struct record_form){ .ops = &plan_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (session_may_write(w->s, w->rec.org_id, &e)) {
		w->readonly = 1;
		record_form_lock(&w->r.f);
		frame_message(MSG_INFO, "%s", e.msg);
	} else if (strcmp(w->rec.status, "逾期") == 0) {
		frame_message(MSG_INFO, "已过整改期限 %s，尚未验收", w->rec.deadline);
	}
	return w;
}

static void close_form(void *st)
{
	struct plan_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct plan_form *w = st;
	form_draw(&w->r.f);
	frame_status(w->rec.round, w->readonly ? "只能查看" : "F2 保存");
}

static int save(void *st)
{
	struct plan_form *w = st;
	struct rectification draft;
	if (record_form_save(&w->r, &draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->rec.id;
	frame_message(MSG_INFO, "已保存「%s」的整改方案（%s）", w->rec.org, w->rec.status);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct plan_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER))
		return SCR_HANDLED;
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", NULL, "还原", NULL, NULL, NULL, NULL,
                                        "退出" };

const struct screen rectify_form_screen = {
	.name = "整改方案",
	.help = "列入整改的组织的整改方案：存在问题、整改措施、责任人、整改期限，\n"
	        "整改进展（每次一行，行首写日期）和验收日期。\n"
	        "多行栏中回车换行，↓ 或 Tab 到下一栏；其他栏回车到下一栏，最后一栏回车即保存。\n"
	        "F2 保存；F5 恢复本栏原值；F3 或 Esc 返回（有修改时询问是否保存）。\n"
	        "过了整改期限仍未验收的，在整改台账和定级台账中标为逾期。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
