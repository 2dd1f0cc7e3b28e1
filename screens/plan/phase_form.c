/* phase_form.c — one 工作阶段 of a plan: 名称, 起始日期 (may be empty: from
 * the plan's start), 截止日期.  New phases are entered one after another
 * (连续录入): F2 saves and clears the form for the next. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

#define M(member) FORM_MEMBER(struct plan_phase, member)
static const struct form_field field_table[] = {
	{ .key = "name", .label = "阶段名称：", .row = 1, .col = 2, .width = 24, .type = FT_TEXT,
	  .required = 1, M(name), .help = "如「动员部署」「分类定级」「深入实施」「总结验收」。" },
	{ .key = "from_on", .label = "起始日期：", .row = 2, .col = 2, .width = 10, .type = FT_DATE,
	  M(from_on), .help = "阶段开始的日期；「某日前完成」的阶段可留空。" },
	{ .key = "to_on", .label = "截止日期：", .row = 2, .col = 42, .width = 10, .type = FT_DATE,
	  .required = 1, M(to_on),
	  .help = "阶段结束的日期；以该阶段为期限的任务，到这一天须完成。" },
};
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct phase_form {
	struct session *s;
	struct plan_arg *arg;
	struct plan_phase rec, draft;
	struct record_form r;
	int saved;                 /* phases saved since the form opened */
};

static int load_phase(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct phase_form *w = ctx;
	return plan_phase_load(w->s, id, rec, e);
}

static int save_phase(void *ctx, void *draft, struct dj_err *e)
{
	struct phase_form *w = ctx;
	struct plan_phase *ph = draft;
	ph->plan_id = w->arg->plan_id;
	return plan_phase_save(w->s, ph, e);
}

static const struct record_ops phase_ops = {
	.table = "plan_phase", .size = sizeof(struct plan_phase),
	.id_at = offsetof(struct plan_phase, id), .entry = 1, .words = RECORD_TELL,
	.load = load_phase, .save = save_phase,
};

static void *open_form(struct app *a, void *arg)
{
	struct phase_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->rec.plan_id = w->arg->plan_id;
	w->r = (struct record_form){ .ops = &phase_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, field_table, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_form(void *st)
{
	struct phase_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct phase_form *w = st;
	char head[96];
	if (w->arg->id)
		snprintf(head, sizeof head, "修改工作阶段");
	else
		snprintf(head, sizeof head, "新增工作阶段（连续录入，已录入 %d 个）", w->saved);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	form_draw(&w->r.f);
	frame_status(w->arg->id ? "修改工作阶段" : "新增工作阶段", "F2 保存  Ctrl-D 同上");
}

static int save(void *st)
{
	struct phase_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->changed = 1;
	w->saved++;
	frame_message(MSG_INFO, "已保存第 %d 个阶段「%s」（至 %s）", w->draft.seq, w->draft.name,
	              w->draft.to_on);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct phase_form *w = st;
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", NULL, "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen plan_phase_form_screen = {
	.name = "工作阶段",
	.help = "工作计划的一个阶段：名称、起始日期（可空）、截止日期。\n"
	        "新增时为连续录入：F2 保存后表单清空，接着录入下一个阶段；Ctrl-D 同上。\n"
	        "阶段按录入的次序编号；任务可以某阶段的截止日期为期限。F3 或 Esc 返回。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
