/* event_form.c — one move of a member (转出, 出党, 去世, 失联, 流出,
 * 流入, 恢复, 转入, 内部调整) on its own small form: the fields its type
 * asks for (member_event_needs), checked and applied by the core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "member/member.h"
#include "orglife/dues.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

struct event_form {
	struct session *s;
	struct member_event_arg *arg;
	struct member m;
	struct member_event ev;
	struct form_field defs[6];
	struct form f;
};

static struct row_source *open_branches(void *ctx)
{
	return member_branch_source(((struct event_form *)ctx)->s);
}

static const struct form_lookup branch_lookup = {
	.open = open_branches, .col = 0, .title = "选择党支部（可输入拼音首字母）",
	.strict = 1,   /* the save takes only one of the list's */
};

#define E(f) FORM_MEMBER(struct member_event, f)

/* What the date, the destination and the reason are called for each type. */
static void wording(const char *type, const char **date, const char **to, const char **reason)
{
	static const char *const words[][4] = {
		{ "转出", "转出日期：", "转往单位：", "说明：" },
		{ "出党", "出党日期：", "", "出党方式和原因：" },
		{ "去世", "去世日期：", "", "说明：" },
		{ "失联", "失联日期：", "", "说明：" },
		{ "流出", "外出日期：", "外出去向：", "外出原因：" },
		{ "流入", "返回日期：", "", "说明：" },
		{ "恢复", "恢复联系日期：", "", "说明：" },
		{ "转入", "转入日期：", "接收支部：", "说明：" },
		{ "内部调整", "调整日期：", "调入支部：", "原因：" },
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(words[i][0], type) == 0) {
			*date = words[i][1];
			*to = words[i][2];
			*reason = words[i][3];
			return;
		}
	*date = "日期：";
	*to = "去往：";
	*reason = "说明：";
}

/* The fields this type asks for, in order, on rows 2.. of the body. */
static int build_fields(struct event_form *w)
{
	const char *date, *to, *reason;
	int needs = member_event_needs(w->ev.type), n = 0, row = 2;
	wording(w->ev.type, &date, &to, &reason);
	w->defs[n++] = (struct form_field){ .key = "date", .label = date, .row = row++, .col = 2,
		.width = 11, .type = FT_DATE, .required = 1, E(date), .help = "办理的日期，不能晚于今天。" };
	if (needs & EV_NEEDS_FROM)
		w->defs[n++] = (struct form_field){ .key = "from_org", .label = "原所在组织：",
			.row = row++, .col = 2, .width = 44, .type = FT_TEXT, .required = 1, .grow = 1,
			E(from_org), .help = "转出单位党组织的名称。" };
	if (needs & EV_NEEDS_TO)
		w->defs[n++] = (struct form_field){ .key = "to_org", .label = to, .row = row++, .col = 2,
			.width = 44, .type = (needs & EV_TO_BRANCH) ? FT_LINK : FT_TEXT,
			.required = !(needs & EV_OPTIONAL_TO), .grow = 1, E(to_org),
			.lookup = (needs & EV_TO_BRANCH) ? &branch_lookup : NULL,
			.help = (needs & EV_TO_BRANCH) ? "本单位的党支部，按 F4 选择。不填为原所在支部。"
			                               : "接收单位的党组织名称，或外出的地点。" };
	if (needs & (EV_NEEDS_LETTER | EV_LETTER_OURS))
		w->defs[n++] = (struct form_field){ .key = "letter_no", .label = "介绍信编号：",
			.row = row++, .col = 2, .width = 24, .type = FT_TEXT,
			.required = (needs & EV_NEEDS_LETTER) != 0, E(letter_no),
			.help = (needs & EV_LETTER_OURS)
			        ? "本单位开出的介绍信编号；留空由程序按年度顺序编号（第 N 号）。"
			        : "对方开来的组织关系介绍信的编号。" };
	if (needs & EV_NEEDS_DAYS)
		w->defs[n++] = (struct form_field){ .key = "valid_days", .label = "有效期（天）：",
			.row = row - 1, .col = 42, .width = 3, .type = FT_INT, .required = 1, E(valid_days),
			.help = "介绍信的有效天数（1 至 365）。" };
	if (needs & EV_NEEDS_DUES)
		w->defs[n++] = (struct form_field){ .key = "dues_paid_to", .label = "党费交至：",
			.row = row++, .col = 2, .width = 8, .type = FT_TEXT, .required = 1, E(dues_paid_to),
			.help = "党费已交到的年月，如 2026-10。按党费台账预填，请核对。" };
	w->defs[n++] = (struct form_field){ .key = "reason", .label = reason, .row = row + 1,
		.col = 2, .width = 56, .type = FT_TEXT, .required = (needs & EV_NEEDS_REASON) != 0,
		.grow = 1, E(reason), .help = "原因或需要说明的情况。" };
	return n;
}
#undef E

static void *open_event(struct app *a, void *arg)
{
	struct event_form *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (member_load(w->s, w->arg->member_id, &w->m, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	snprintf(w->ev.type, sizeof w->ev.type, "%s", w->arg->type);
	today(w->ev.date);
	if (member_event_needs(w->ev.type) & EV_NEEDS_DAYS)
		snprintf(w->ev.valid_days, sizeof w->ev.valid_days, "30");
	if ((member_event_needs(w->ev.type) & EV_NEEDS_DUES) &&
	    dues_paid_up_to(w->s, w->m.id, w->ev.dues_paid_to) != 0)
		w->ev.dues_paid_to[0] = 0;   /* from the dues ledger; the operator checks it */
	int n = build_fields(w);
	if (form_init(&w->f, w->defs, n, w)) {
		free(w);
		return NULL;
	}
	form_load(&w->f, &w->ev);
	return w;
}

static void close_event(void *st)
{
	struct event_form *w = st;
	form_free(&w->f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct event_form *w = st;
	char head[384];
	snprintf(head, sizeof head, "%s：%s（%s，%s，%s）", w->ev.type, w->m.name, w->m.org,
	         w->m.category, w->m.status);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	form_draw(&w->f);
	const char *result = member_event_result(w->ev.type);
	char left[160];
	if (*result)
		snprintf(left, sizeof left, "保存后党员状态改为「%s」%s", result,
		         strcmp(result, "正常") == 0 ? "（计入在册人数）" : "（不计入在册人数）");
	else
		snprintf(left, sizeof left, "保存后党员编入所填的党支部");
	frame_status(left, "F2 保存  F3 返回");
}

static int save(void *st)
{
	struct event_form *w = st;
	struct dj_err e;
	struct member_event draft = w->ev;
	form_store(&w->f, &draft);
	int rc = member_record_event(w->s, w->m.id, w->m.version, &draft, &e);
	if (rc == DJ_CONFLICT) {
		struct dj_err le;
		if (member_load(w->s, w->m.id, &w->m, &le) == 0)
			snprintf(e.msg, sizeof e.msg, "%s的记录刚被他人修改（现为%s），已重新读取，请核对后再按 F2",
			         w->m.name, w->m.status);
		form_fail(&w->f, &e);
		return -1;
	}
	if (rc) {
		form_fail(&w->f, &e);
		return -1;
	}
	w->arg->done = 1;
	frame_message(MSG_INFO, "已为%s办理%s", w->m.name, draft.type);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct event_form *w = st;
	return record_form_key_once(&w->f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen member_event_screen = {
	.name = "党员变动",
	.help = "为一名党员办理组织关系变动。党员记录不删除，变动记入历史：\n"
	        "转出（转往单位、介绍信编号、有效期、党费交至）、出党、去世、失联，\n"
	        "流出（外出去向）、流入（外出归来）、恢复（重新取得联系），\n"
	        "转入（从外单位转回）、内部调整（调到本单位另一个党支部）。\n"
	        "只计状态为“正常”的党员为在册人数。\n"
	        "回车到下一栏，最后一栏回车或 F2 保存并返回；F3 或 Esc 不办理返回。",
	.legend = legend,
	.open = open_event,
	.close = close_event,
	.draw = draw,
	.key = key,
};
