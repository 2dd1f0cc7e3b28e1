/* case_form.c — one entry of the 关怀对象 register: the member (F4), the
 * category, why and from when, the home address for visits, and when and
 * why the member left the register. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/care.h"
#include "core/validate.h"
#include "member/member.h"
#include "screens/care/member_pick.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

#define M(member) FORM_MEMBER(struct care_case, member)
static const struct form_field field_table[] = {
	{ .key = "member", .label = "党员：", .row = 0, .col = 2, .width = 12, .type = FT_TEXT,
	  .required = 1, M(member), .help = "列入关怀的党员：按 F4 选择（可输入拼音首字母），或输入姓名。" },
	{ .key = "org", .label = "所在支部：", .row = 0, .col = 30, .width = 30, .type = FT_READONLY,
	  .grow = 1, M(org), .help = "党员所在的党支部（从党员信息读出）。" },
	{ .key = "category", .label = "类别：", .row = 1, .col = 2, .width = 8, .type = FT_CHOICE,
	  .required = 1, .choices = care_categories, M(category),
	  .help = "老党员（年龄或党龄达到 dangjian.ini [care] 的规定）、生活困难、因病。按 F4 选择。" },
	{ .key = "listed_on", .label = "列入日期：", .row = 1, .col = 30, .width = 10, .type = FT_DATE,
	  .required = 1, M(listed_on), .help = "列入关怀对象的日期，不能晚于今天。" },
	{ .key = "reason", .label = "原因：", .row = 2, .col = 2, .width = 60, .type = FT_TEXT,
	  .required = 1, .grow = 1, M(reason),
	  .help = "列入的原因：年满八十周岁、党龄五十年、家庭收入低于低保线、患重病住院……" },
	{ .key = "address", .label = "家庭住址：", .row = 3, .col = 2, .width = 56, .type = FT_TEXT,
	  .grow = 1, M(address), .help = "上门慰问的地址（可留空），列在慰问名单上。" },
	{ .key = "left_on", .label = "移出日期：", .row = 5, .col = 2, .width = 10, .type = FT_DATE,
	  M(left_on), .help = "不再列为关怀对象的日期；仍在册的留空。" },
	{ .key = "left_reason", .label = "移出原因：", .row = 5, .col = 30, .width = 30, .type = FT_TEXT,
	  .grow = 1, M(left_reason), .help = "移出的原因：去世、转出、困难已解决、病愈……填了移出日期必填。" },
};
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct case_form {
	struct session *s;
	struct care_arg *arg;
	struct care_case rec, draft;
	struct record_form r;
	struct member_pick picked;
};

static int load_case(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct case_form *w = ctx;
	struct care_case *c = rec;
	if (care_case_load(w->s, id, c, e))
		return e ? e->code : DJ_DB;
	w->picked.id = c->member_id;
	snprintf(w->picked.name, sizeof w->picked.name, "%s", c->member);
	return 0;
}

static int save_case(void *ctx, void *draft, struct dj_err *e)
{
	struct case_form *w = ctx;
	struct care_case *c = draft;
	if (member_pick_id(w->s, &w->picked, c->member, "member", "党员", &c->member_id, e))
		return DJ_INVALID;
	int rc = care_case_save(w->s, c, e);
	if (rc == 0) {
		w->picked.id = c->member_id;
		snprintf(w->picked.name, sizeof w->picked.name, "%s", c->member);
	}
	return rc;
}

static const struct record_ops case_ops = {
	.table = "care_case", .size = sizeof(struct care_case),
	.id_at = offsetof(struct care_case, id), .words = RECORD_TELL,
	.load = load_case, .save = save_case,
};

static void *open_form(struct app *a, void *arg)
{
	struct case_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	today(w->rec.listed_on);
	w->r = (struct record_form){ .ops = &case_ops, .s = w->s, .ctx = w, .rec = &w->rec };
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
	struct case_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct case_form *w = st;
	form_draw(&w->r.f);
	frame_status(w->rec.id ? "关怀对象登记" : "新增关怀对象", "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct case_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存 %s（%s，%s 列入%s）", w->draft.member, w->draft.category,
	              w->draft.listed_on, *w->draft.left_on ? "，已移出" : "");
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct case_form *w = st;
	return member_pick_form_key(w->s, &w->picked, &w->r.f, k, "category", "选择党员（可输入拼音首字母）", save, w);
}

const struct screen care_case_form_screen = {
	.name = "关怀对象登记",
	.help = "登记一名关怀对象：党员（F4 选择）、类别（老党员、生活困难、因病）、列入日期、原因和\n"
	        "家庭住址。同一党员同一类别在册期间只能列入一次。不再需要关怀时填写移出日期和移出原因\n"
	        "（记录保留，名单上不再列出）。F2 保存，F3 或 Esc 返回。",
	.legend = member_pick_legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
