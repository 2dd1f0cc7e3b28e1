/* round_form.c — 述职评议设置: a round's year, name, 组织单位 (F4; its
 * 党总支 and 党支部 take part), the dates and whether it is still open. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/appraise.h"
#include "org/org.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

struct round_form {
	struct session *s;
	struct appraise_arg *arg;
	struct appraise_round rec, draft;
	struct record_form r;
};

static struct row_source *open_orgs(void *ctx)
{
	return org_pick_source(((struct round_form *)ctx)->s);
}

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择组织单位", .strict = 1,
};

static const char *const statuses[] = { "进行中", "已结束", NULL };

#define M(member) FORM_MEMBER(struct appraise_round, member)
static const struct form_field fields[] = {
	{ .key = "year", .label = "年度：", .row = 0, .col = 2, .width = 5, .type = FT_INT,
	  .required = 1, .max_chars = 4, M(year), .help = "述职评议的工作年度，如 2026（述职的是这一年的工作）。" },
	{ .key = "org", .label = "组织单位：", .row = 0, .col = 30, .width = 30, .type = FT_LINK,
	  .required = 1, .lookup = &org_lookup, .grow = 1, M(org),
	  .help = "组织述职评议的党委（或党总支）：它下面的党总支、党支部书记参加述职评议。按 F4 选择。" },
	{ .key = "name", .label = "名称：", .row = 1, .col = 2, .width = 50, .type = FT_TEXT,
	  .required = 1, .max_chars = 40, .grow = 1, M(name),
	  .help = "如「2026年度党组织书记述职评议」。同一单位同一年度不能重名。" },
	{ .key = "starts_on", .label = "开始日期：", .row = 2, .col = 2, .width = 10, .type = FT_DATE,
	  .required = 1, M(starts_on), .help = "述职评议开始的日期；此前不列入待办。" },
	{ .key = "ends_on", .label = "述职期限：", .row = 2, .col = 30, .width = 10, .type = FT_DATE,
	  .required = 1, M(ends_on), .help = "各组织书记应在此日期前述职；过期未述职的在待办中标为逾期。" },
	{ .key = "status", .label = "状态：", .row = 3, .col = 2, .width = 6, .type = FT_CHOICE,
	  .required = 1, .choices = statuses, M(status),
	  .help = "进行中：可录入述职和评议；已结束：只能查看（改回进行中可再修改）。" },
	{ .key = "notes", .label = "备注：", .row = 4, .col = 2, .width = 60, .type = FT_TEXT,
	  .grow = 1, M(notes), .help = "其他说明，如述职评议大会的安排、文件文号。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

static int load_round(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return appraise_round_load(((struct round_form *)ctx)->s, id, rec, e);
}

static int save_round(void *ctx, void *draft, struct dj_err *e)
{
	return appraise_round_save(((struct round_form *)ctx)->s, draft, e);
}

static const struct record_ops round_ops = {
	.table = "appraise_round", .size = sizeof(struct appraise_round),
	.id_at = offsetof(struct appraise_round, id), .words = RECORD_TELL, .load = load_round,
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
		appraise_round_defaults(w->s, &w->rec);
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
		snprintf(left, sizeof left, "参加组织 %d 个", w->rec.lines);
	else
		snprintf(left, sizeof left, "新增述职评议：保存后组织单位下的党总支、党支部列入本轮");
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
	frame_message(MSG_INFO, "已保存「%s」（%d 个组织参加）", w->draft.name, w->draft.lines);
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

const struct screen appraise_round_form_screen = {
	.name = "述职评议设置",
	.help = "一轮述职评议：年度、组织单位（F4 选择；其下的党总支、党支部参加）、名称、\n"
	        "开始日期、述职期限、状态和备注。保存新的一轮时列入参加的组织，书记取自组织登记表。\n"
	        "已有述职或评议记录后不能再换组织单位。回车到下一项，F2 保存，F3 或 Esc 返回。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
