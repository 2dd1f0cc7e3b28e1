/* fund_form.c — one line of an application's funds: 预算, 拨付, 配套 (with
 * the outside grant it matches) or 支出.  New lines are entered one after
 * another, keeping the kind and the 经手人; a 支出 beyond the balance is
 * refused by the domain with the cursor on the amount and nothing lost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "review/review.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

static const char *const fund_kinds[] = { "预算", "拨付", "配套", "支出", NULL };

#define M(member) FORM_MEMBER(struct review_fund, member)
static const struct form_field fields[] = {
	{ .key = "kind", .label = "类别：", .row = 0, .col = 2, .width = 6, .type = FT_CHOICE,
	  .required = 1, .choices = fund_kinds, .carry = 1, M(kind),
	  .help = "预算：申报时的预算（不是实际收支）；拨付：上级拨给的经费；\n"
	          "配套：按国家级、省级立项配套的经费；支出：实际花费。按 F4 选择。" },
	{ .key = "on_date", .label = "日期：", .row = 0, .col = 42, .width = 10, .type = FT_DATE,
	  .required = 1, .carry = 1, M(on_date), .help = "收到或支出的日期。" },
	{ .key = "item", .label = "事项：", .row = 1, .col = 2, .width = 60, .type = FT_TEXT,
	  .required = 1, .grow = 1, M(item), .help = "经费的用途或来源，如「购买学习资料」。" },
	{ .key = "amount", .label = "金额（元）：", .row = 2, .col = 2, .width = 12, .type = FT_MONEY,
	  .required = 1, M(amount),
	  .help = "金额，单位元，最多两位小数，如 300 或 125.50。支出不能超过当前结余。" },
	{ .key = "outside", .label = "外部立项经费（元）：", .row = 2, .col = 42, .width = 12,
	  .type = FT_MONEY, M(outside),
	  .help = "仅配套：国家级、省级立项拨给的经费；配套金额不得少于本批次规定的配套比例。" },
	{ .key = "handler", .label = "经手人：", .row = 3, .col = 2, .width = 16, .type = FT_TEXT,
	  .carry = 1, M(handler), .help = "经手这笔经费的人（一般为支部书记）。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

struct fund_form {
	struct session *s;
	struct review_arg *arg;
	struct review_fund rec;
	struct review_fund draft;
	struct record_form r;
	int saved;                 /* lines saved on this form (entry mode) */
};

/* The outside grant is typed only for a 配套 line. */
static void follow_kind(struct form *f)
{
	char kind[16];
	form_get(f, "kind", kind, sizeof kind);
	form_set_readonly(f, "outside", strcmp(kind, "配套") != 0);
}

static void changed(struct form *f, const char *key, void *ctx)
{
	(void)ctx;
	if (strcmp(key, "kind") == 0)
		follow_kind(f);
}

static int load_fund(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return review_fund_load(((struct fund_form *)ctx)->s, id, rec, e);
}

/* Entry mode clears the record between lines: the application comes back. */
static int save_fund(void *ctx, void *draft, struct dj_err *e)
{
	struct fund_form *w = ctx;
	struct review_fund *f = draft;
	f->app_id = w->arg->id;
	return review_fund_save(w->s, f, e);
}

static const struct record_ops fund_ops = {
	.table = "review_fund", .size = sizeof(struct review_fund),
	.id_at = offsetof(struct review_fund, id), .entry = 1, .words = RECORD_TELL,
	.load = load_fund, .save = save_fund,
};

static void *open_form(struct app *a, void *arg)
{
	struct fund_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->rec.app_id = w->arg->id;
	snprintf(w->rec.kind, sizeof w->rec.kind, "支出");
	today(w->rec.on_date);
	w->r = (struct record_form){ .ops = &fund_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, w->arg->sub_id)) {
		free(w);
		return NULL;
	}
	w->r.f.changed = changed;
	follow_kind(&w->r.f);
	if (!w->arg->sub_id)
		form_focus(&w->r.f, "item");
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	return w;
}

static void close_form(void *st)
{
	struct fund_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct fund_form *w = st;
	char left[80];
	form_draw(&w->r.f);
	if (w->arg->sub_id)
		snprintf(left, sizeof left, "修改经费记录");
	else
		snprintf(left, sizeof left, "新增经费记录（连续录入，本次已保存 %d 笔）", w->saved);
	frame_status(left, "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct fund_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->saved++;
	w->arg->saved_id = w->draft.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存%s「%s」%s 元", w->draft.kind, w->draft.item, w->draft.amount);
	/* the cleared form starts on 事项: kind, date and 经手人 carry over */
	if (!w->arg->sub_id) {
		follow_kind(&w->r.f);
		form_focus(&w->r.f, "item");
	}
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct fund_form *w = st;
	if (w->s->role == ROLE_VIEWER && (k.code == K_F2 || k.code == K_ENTER)) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改经费台账");
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL, NULL,
                                        "退出" };

const struct screen review_fund_form_screen = {
	.name = "经费记录",
	.help = "登记一笔经费：类别（预算、拨付、配套、支出）、日期、事项、金额（元）和经手人；\n"
	        "配套还要填写所配套的国家级、省级立项经费。\n"
	        "结余 = 拨付 + 配套 − 支出，不能小于零：超过结余的支出不予保存，\n"
	        "提示「结余不足」，光标回到金额栏，已输入的内容保留，可改小金额后再保存。\n"
	        "新增时为连续录入：F2 保存后表格清空，类别、日期、经手人沿用上一笔。\n"
	        "回车到下一栏，最后一栏回车即保存。F4 选择类别；F5 恢复本栏原值；\n"
	        "F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
