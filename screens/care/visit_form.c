/* visit_form.c — one 慰问: the member (F4), the date, the occasion (F4,
 * [care] occasions), up to three 慰问人 (F4 over members and operators, as
 * a plan's 责任人 are picked), the money in 元 or the goods, and a note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/care.h"
#include "core/validate.h"
#include "member/member.h"
#include "plan/plan.h"
#include "screens/care/member_pick.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

static struct row_source *open_people(void *ctx)
{
	return plan_person_pick_source(*(struct session **)ctx);
}

static const struct form_lookup person_lookup = {
	.open = open_people, .col = 0, .title = "选择慰问人：党员或操作员（可输入拼音首字母）",
};

static int money_check(const char *value, char why[WHY_MAX])
{
	return care_money_parse(value, NULL, why);
}

#define M(member) FORM_MEMBER(struct care_visit, member)
#define VISITOR(i, l, c) { .key = "visitor" #i, .label = l, .row = 2, .col = c, .width = 10, \
	.type = FT_LINK, .lookup = &person_lookup, .carry = 1, M(visitors[i - 1]), \
	.help = "慰问人姓名；按 F4 从党员和操作员中选择（可输入拼音首字母），也可直接输入。" }
static const struct form_field field_table[] = {
	{ .key = "member", .label = "慰问对象：", .row = 0, .col = 2, .width = 12, .type = FT_TEXT,
	  .required = 1, M(member), .help = "被慰问的党员：按 F4 选择（可输入拼音首字母），或输入姓名。" },
	{ .key = "org", .label = "所在支部：", .row = 0, .col = 32, .width = 30, .type = FT_READONLY,
	  .grow = 1, M(org), .help = "党员所在的党支部（从党员信息读出）。" },
	{ .key = "on_date", .label = "慰问日期：", .row = 1, .col = 2, .width = 10, .type = FT_DATE,
	  .required = 1, .carry = 1, M(on_date), .help = "慰问的日期，不能晚于今天。" },
	{ .key = "occasion", .label = "慰问时机：", .row = 1, .col = 32, .width = 8, .type = FT_CHOICE,
	  .required = 1, .carry = 1, M(occasion),
	  .help = "按 F4 选择（dangjian.ini [care] occasions，默认七一、春节、重阳、生日、日常、其他）。" },
	VISITOR(1, "慰问人：", 2), VISITOR(2, "", 26), VISITOR(3, "", 40),
	{ .key = "money", .label = "慰问金（元）：", .row = 3, .col = 2, .width = 10, .type = FT_TEXT,
	  .carry = 1, M(money), .check = money_check,
	  .help = "以元为单位，最多两位小数，如 500 或 200.50；没有慰问金的留空。" },
	{ .key = "goods", .label = "慰问品：", .row = 3, .col = 32, .width = 30, .type = FT_TEXT,
	  .grow = 1, .carry = 1, M(goods), .help = "送去的物品，如大米一袋、食用油一桶（可留空）。" },
	{ .key = "note", .label = "备注：", .row = 4, .col = 2, .width = 64, .height = 3,
	  .type = FT_NOTE, .grow = 1, M(note), .help = "慰问时了解到的情况、需要帮助解决的困难（可留空）。" },
};
#undef VISITOR
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct visit_form {
	struct session *s;         /* first: the lookup reads it through ctx */
	struct care_arg *arg;
	struct care_visit rec, draft;
	struct record_form r;
	struct form_field defs[NFIELDS];
	char occ[CARE_MAX_OCCASIONS][32];
	const char *occ_list[CARE_MAX_OCCASIONS + 1];
	struct member_pick picked;
};

static void remember(struct visit_form *w, const struct care_visit *v)
{
	w->picked.id = v->member_id;
	snprintf(w->picked.name, sizeof w->picked.name, "%s", v->member);
}

static int load_visit(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct visit_form *w = ctx;
	struct care_visit *v = rec;
	if (care_visit_load(w->s, id, v, e))
		return e ? e->code : DJ_DB;
	remember(w, v);
	return 0;
}

static int save_visit(void *ctx, void *draft, struct dj_err *e)
{
	struct visit_form *w = ctx;
	struct care_visit *v = draft;
	if (member_pick_id(w->s, &w->picked, v->member, "member", "慰问对象", &v->member_id, e))
		return DJ_INVALID;
	int rc = care_visit_save(w->s, v, e);
	if (rc == 0)
		remember(w, v);
	return rc;
}

static const struct record_ops visit_ops = {
	.table = "care_visit", .size = sizeof(struct care_visit),
	.id_at = offsetof(struct care_visit, id), .entry = 1, .words = RECORD_TELL,
	.load = load_visit, .save = save_visit,
};

/* A new visit of member id, its name and branch filled in. */
static void prepare(struct visit_form *w, int64_t member_id)
{
	today(w->rec.on_date);
	struct member m;
	struct dj_err e;
	if (!member_id || member_load(w->s, member_id, &m, &e))
		return;
	w->rec.member_id = member_id;
	snprintf(w->rec.member, sizeof w->rec.member, "%s", m.name);
	snprintf(w->rec.org, sizeof w->rec.org, "%s", m.org);
	remember(w, &w->rec);
}

static void *open_form(struct app *a, void *arg)
{
	struct visit_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	memcpy(w->defs, field_table, sizeof field_table);
	int n = care_occasions(w->s, w->occ, CARE_MAX_OCCASIONS);
	for (int i = 0; i < n; i++)
		w->occ_list[i] = w->occ[i];
	w->occ_list[n] = NULL;
	w->defs[3].choices = w->occ_list;
	if (!w->arg->id)
		prepare(w, w->arg->member_id);
	w->r = (struct record_form){ .ops = &visit_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->defs, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	else if (!w->arg->id && w->rec.member_id)
		form_focus(&w->r.f, "on_date");
	return w;
}

static void close_form(void *st)
{
	struct visit_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct visit_form *w = st;
	form_draw(&w->r.f);
	frame_status(w->rec.id ? "慰问记录" : "新增慰问（连续录入，Ctrl-D 同上）", "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct visit_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.id;
	w->arg->changed = 1;
	char money[24];
	care_money_text(w->draft.money_fen, money, sizeof money);
	frame_message(MSG_INFO, "已保存 %s %s 慰问 %s%s%s", w->draft.on_date, w->draft.occasion,
	              w->draft.member, *money ? " " : "", *money ? money : "");
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct visit_form *w = st;
	return member_pick_form_key(w->s, &w->picked, &w->r.f, k, "on_date", "选择慰问对象（可输入拼音首字母）", save, w);
}

const struct screen care_visit_form_screen = {
	.name = "慰问登记",
	.help = "登记一次慰问：慰问对象（F4 选择党员）、慰问日期、慰问时机（F4，dangjian.ini [care]\n"
	        "occasions）、慰问人（至多三人，F4 从党员和操作员中选择）、慰问金（元，最多两位小数）\n"
	        "或慰问品、备注。新增时连续录入：保存后清空，保留日期、时机、慰问人和慰问金。\n"
	        "F2 保存，F3 或 Esc 返回。",
	.legend = member_pick_legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
