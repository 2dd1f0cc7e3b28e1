/* dev_form.c — 发展党员登记表: the person and every dated milestone of the
 * path.  The fields of the next step are open for typing; F9 offers only
 * the transitions the core allows from the current stage and saves with
 * them.  A time rule broken in warn mode is answered with a reason.  The
 * 身份证号 fills 性别 and 出生日期, as on 党员信息. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/validate.h"
#include "member/devcase.h"
#include "member/member.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "screens/member/dev_steps.h"
#include "screens/member/id_fill.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

struct dev_form {
	struct session *s;
	struct dev_form_arg *arg;
	struct dev_case rec;
	struct record_form r;
	int readonly;
	struct dev_form_arg steps;   /* what F8's 发展程序 opens */
};

static struct row_source *open_branches(void *ctx)
{
	return member_branch_source(((struct dev_form *)ctx)->s);
}

/* Every 正式党员, those of the applicant's branch first. */
static struct row_source *open_full_members(void *ctx)
{
	struct dev_form *w = ctx;
	char org[sizeof w->rec.org];
	form_get(&w->r.f, "org", org, sizeof org);
	utf8_trim(org);
	return member_full_source(w->s, *org ? member_branch_id(w->s, org) : 0);
}

static const struct form_lookup branch_lookup = {
	.open = open_branches, .col = 0, .title = "选择所在支部（可输入拼音首字母）",
	.strict = 1,   /* the save takes only one of the list's */
};
static const struct form_lookup member_lookup = {
	.open = open_full_members, .col = 0, .title = "选择正式党员（本支部的在前；可输入拼音首字母）",
};

static int id_check(const char *v, char why[WHY_MAX])
{
	if (valid_id_number(v, NULL, NULL, why) == 0)
		return 0;
	memmove(why, member_id_why(why), strlen(member_id_why(why)) + 1);
	return -1;
}

#define D(f) FORM_MEMBER(struct dev_case, f)
#define DATE(k, l, r, c) { .key = #k, .label = l, .row = r, .col = c, .width = 11, \
	.type = FT_DATE, D(k), .help = "日期，不能晚于今天，须在前一步骤之后。" }
#define PERSON(k, l, r, c, lk) { .key = #k, .label = l, .row = r, .col = c, .width = 10, \
	.type = FT_LINK, .lookup = lk, D(k), \
	.help = "姓名；按 F4 从正式党员中选择（本支部的在前，同名的注出生年份，同年生的注身份证号末四位）。" }
static const struct form_field fields[] = {
	{ .key = "name", .label = "姓名：", .row = 0, .col = 2, .width = 12, .type = FT_TEXT,
	  .required = 1, .max_chars = 20, D(name), .help = "入党申请人的姓名。" },
	{ .key = "id_number", .label = "身份证号：", .row = 0, .col = 42, .width = 19,
	  .type = FT_TEXT, .max_chars = 18, D(id_number), .check = id_check,
	  .help = "18 位身份证号码；接收为预备党员前必须填写。离开本栏时按号码填写出生日期\n"
	          "和性别（与已填的不同时询问）。" },
	{ .key = "gender", .label = "性别：", .row = 1, .col = 2, .width = 4, .type = FT_CHOICE,
	  .required = 1, .choices = member_genders, D(gender), .help = "男或女。" },
	{ .key = "birth_date", .label = "出生日期：", .row = 1, .col = 42, .width = 11,
	  .type = FT_DATE, D(birth_date), .help = "递交申请时须年满 18 周岁。" },
	{ .key = "ethnicity", .label = "民族：", .row = 2, .col = 2, .width = 10, .type = FT_CHOICE,
	  .choices = member_ethnicities, D(ethnicity), .help = "不填为汉族。" },
	{ .key = "education", .label = "学历：", .row = 2, .col = 42, .width = 10, .type = FT_CHOICE,
	  .choices = member_educations, D(education), .help = "最高学历。" },
	{ .key = "phone", .label = "联系电话：", .row = 3, .col = 2, .width = 12, .type = FT_TEXT,
	  .max_chars = 11, D(phone), .check = valid_mobile, .help = "11 位手机号码。" },
	{ .key = "job", .label = "工作岗位：", .row = 3, .col = 42, .width = 20, .type = FT_TEXT,
	  D(job), .help = "工作单位及职务。" },
	{ .key = "org", .label = "所在支部：", .row = 4, .col = 2, .width = 44, .type = FT_LINK,
	  .required = 1, .lookup = &branch_lookup, .grow = 1, .carry = 1, D(org),
	  .help = "按 F4 选择党支部。连续登记时保留上一名的支部。" },
	{ .key = "stage", .label = "阶段：", .row = 5, .col = 2, .width = 8, .type = FT_READONLY,
	  .carry = 1, D(stage), .help = "按 F9 办理下一步后改变。" },
	{ .key = "due_on", .label = "预备期满：", .row = 5, .col = 42, .width = 10,
	  .type = FT_READONLY, D(due_on), .help = "支部大会日期起满预备期（另加延长的月数）。" },
	DATE(applied_on, "递交申请日期：", 6, 2),
	DATE(talked_on, "谈话日期：", 6, 42),
	DATE(activist_on, "确定积极分子日期：", 7, 2),
	{ .key = "training_hours", .label = "培训学时：", .row = 7, .col = 42, .width = 4,
	  .type = FT_INT, D(training_hours), .help = "集中培训的学时，接收为预备党员前须达到规定（默认 24）。" },
	PERSON(mentor1, "培养联系人一：", 8, 2, &member_lookup),
	PERSON(mentor2, "培养联系人二：", 8, 42, &member_lookup),
	DATE(candidate_on, "确定发展对象日期：", 9, 2),
	DATE(vetted_on, "政审日期：", 9, 42),
	PERSON(sponsor1, "入党介绍人一：", 10, 2, &member_lookup),
	PERSON(sponsor2, "入党介绍人二：", 10, 42, &member_lookup),
	DATE(branch_meeting_on, "支部大会日期：", 11, 2),
	DATE(approved_on, "党委审批日期：", 11, 42),
	DATE(sworn_on, "入党宣誓日期：", 12, 2),
	{ .key = "extension", .label = "延长预备期（月）：", .row = 12, .col = 42, .width = 2,
	  .type = FT_INT, D(extension), .help = "支部大会决定延长预备期时填写（6 至 12 个月）。" },
	DATE(confirmed_on, "转正日期：", 13, 2),
	{ .key = "ended_on", .label = "终止日期：", .row = 14, .col = 2, .width = 10,
	  .type = FT_READONLY, D(ended_on), .help = "F9 终止培养时填写。" },
	{ .key = "end_reason", .label = "终止原因：", .row = 14, .col = 42, .width = 26,
	  .type = FT_READONLY, D(end_reason), .help = "F9 终止培养时填写。" },
	{ .key = "notes", .label = "备注：", .row = 15, .col = 2, .width = 60, .height = 2,
	  .type = FT_NOTE, .grow = 1, D(notes), .help = "其他说明。回车换行，Tab 到下一栏。" },
};
#undef D
#undef DATE
#undef PERSON
enum { NFIELDS = sizeof fields / sizeof *fields, HINT_ROW = 17 };

static int load_case(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return dev_load(((struct dev_form *)ctx)->s, id, rec, e);
}

/* Saved by save_to, with the stage to move to. */
static const struct record_ops case_ops = {
	.table = "dev_case", .size = sizeof(struct dev_case), .id_at = offsetof(struct dev_case, id),
	.entry = 1, .words = RECORD_QUIET, .load = load_case,
};

static enum dev_stage stage_of(const struct dev_case *c)
{
	int k = dev_stage_of(c->stage);
	return k < 0 ? DEV_APPLICANT : (enum dev_stage)k;
}

/* Open: the person until the member record takes over, and the milestones
 * of this stage and the next. */
static void set_modes(struct dev_form *w)
{
	enum dev_stage at = stage_of(&w->rec);
	w->readonly = w->s->role == ROLE_VIEWER || at == DEV_FULL || at == DEV_ENDED;
	for (int i = 0; i < NFIELDS; i++) {
		int from = dev_field_stage(fields[i].key), closed;
		if (fields[i].type == FT_READONLY)
			closed = 1;
		else if (from < 0)
			closed = strcmp(fields[i].key, "notes") != 0 && at >= DEV_PROBATIONER;
		else
			closed = from == DEV_ENDED || from > (int)at + 1;
		form_set_readonly(&w->r.f, fields[i].key, w->readonly || closed);
	}
}

/* The 身份证号 fills 性别 and 出生日期, as on 党员信息. */
static void on_changed(struct form *f, const char *key, void *ctx)
{
	(void)ctx;
	if (strcmp(key, "id_number") == 0)
		member_form_fill_from_id(f);
}

static void *open_form(struct app *a, void *arg)
{
	struct dev_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (!w->arg->id) {
		snprintf(w->rec.org, sizeof w->rec.org, "%s", w->arg->org);
		snprintf(w->rec.stage, sizeof w->rec.stage, "申请人");
	}
	w->r = (struct record_form){ .ops = &case_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	w->r.f.changed = on_changed;
	set_modes(w);
	return w;
}

static void close_form(void *st)
{
	struct dev_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw_hint(struct dev_form *w)
{
	const struct dev_transition *t[2];
	char step[256], needs[256] = "";
	enum dev_stage at = stage_of(&w->rec);
	int n = dev_transitions(at, t), y = frame_body_top() + HINT_ROW;
	if (!w->rec.id) {
		snprintf(step, sizeof step, "登记入党申请人：按 F2 保存");
		snprintf(needs, sizeof needs, "须填写姓名、性别、出生日期、所在支部和递交申请日期");
	} else if (n == 0) {
		snprintf(step, sizeof step, "%s，记录只能查看%s", at == DEV_FULL ? "已转正" : "已终止培养",
		         at == DEV_FULL ? "（党员信息在党员台账中）" : "");
	} else {
		snprintf(step, sizeof step, "下一步（F9）：%s%s%s", t[0]->label, n > 1 ? "，或" : "",
		         n > 1 ? t[1]->label : "");
		snprintf(needs, sizeof needs, "办理前%s", t[0]->needs);
	}
	draw_text(y, 0, term_cols(), step, ST_HEADING);
	draw_text(y + 1, 2, term_cols() - 2, needs, ST_NORMAL);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct dev_form *w = st;
	draw_hint(w);
	form_draw(&w->r.f);
	frame_status(w->rec.id ? "发展党员登记表" : "新登记（连续录入：保存后清空）",
	             "F2 保存  F8 发展程序  F9 办理下一步");
}

/* In warn mode a broken time rule may be passed with a reason. */
static int ask_reason(const struct dj_err *e, char *reason, size_t cap)
{
	char q[512], rule[256];
	snprintf(rule, sizeof rule, "%s", e->msg);
	char *ask = strstr(rule, "；确需继续");   /* the dialog asks that itself */
	if (ask)
		*ask = 0;
	snprintf(q, sizeof q, "%s\n\n说明理由后继续办理？（理由将记入记录）", rule);
	if (!dialog_ask(q, 0))
		return 0;
	reason[0] = 0;
	return dialog_input("说明理由", "理由：", reason, cap) && *reason;
}

static int save_to(struct dev_form *w, struct dev_case *draft, enum dev_stage to)
{
	struct dj_err e;
	char reason[256];
	int over = 0;
	int rc = dev_save(w->s, draft, to, NULL, 0, &over, &e);
	if (rc == DJ_INVALID && over && ask_reason(&e, reason, sizeof reason))
		rc = dev_save(w->s, draft, to, reason, 0, &over, &e);
	if (rc == DJ_CONFLICT) {
		record_form_conflict(&w->r, draft, &e);
		return -1;
	}
	if (rc) {
		form_fail(&w->r.f, &e);
		return -1;
	}
	w->arg->saved_id = draft->id;
	if (w->r.f.entry_mode && to == DEV_APPLICANT && !w->rec.id) {
		/* cleared for the next applicant; 阶段 carried over (申请人), so
		 * that it is not a change of the blank form */
		record_form_stored(&w->r, draft);
		snprintf(w->rec.stage, sizeof w->rec.stage, "申请人");
		return 0;
	}
	w->r.f.entry_mode = 0;
	record_form_stored(&w->r, draft);
	set_modes(w);
	return 0;
}

static int save(void *st)
{
	struct dev_form *w = st;
	struct dev_case draft = w->rec;
	form_store(&w->r.f, &draft);
	if (save_to(w, &draft, stage_of(&w->rec)))
		return -1;
	frame_message(MSG_INFO, "已保存「%s」%s", draft.name,
	              w->r.f.entry_mode ? "，可继续登记下一名申请人" : "");
	return 0;
}

/* The transition's own extra input: 终止 asks date and reason, 转正 takes
 * the end of probation when no date was typed. */
static int prepare(struct dev_case *draft, enum dev_stage to)
{
	if (to == DEV_FULL && !*draft->confirmed_on && *draft->due_on) {
		char now[11];
		if (strcmp(draft->due_on, today(now)) <= 0)
			snprintf(draft->confirmed_on, sizeof draft->confirmed_on, "%s", draft->due_on);
	}
	if (to != DEV_ENDED)
		return 1;
	today(draft->ended_on);
	return dialog_input("终止培养", "终止日期：", draft->ended_on, sizeof draft->ended_on) &&
	       dialog_input("终止培养", "终止原因：", draft->end_reason, sizeof draft->end_reason);
}

/* F9: the transitions the core allows from here, and the reasons given
 * for rules passed in warn mode. */
static enum outcome transition(struct dev_form *w)
{
	const struct dev_transition *t[2];
	const char *items[3];
	char reasons[1024];
	if (!w->rec.id) {
		frame_message(MSG_INFO, "请先按 F2 保存申请人的登记");
		return SCR_HANDLED;
	}
	int n = w->readonly ? 0 : dev_transitions(stage_of(&w->rec), t);
	int has_reasons = dev_overrides(w->s, w->rec.id, reasons, sizeof reasons) > 0;
	for (int i = 0; i < n; i++)
		items[i] = t[i]->label;
	if (has_reasons)
		items[n] = "查看已说明的理由";
	if (n + has_reasons == 0) {
		frame_message(MSG_INFO, "此记录只能查看");
		return SCR_HANDLED;
	}
	int k = dialog_pick("办理下一步", items, n + has_reasons, 0);
	if (k < 0)
		return SCR_HANDLED;
	if (k == n) {
		dialog_message("已说明理由继续办理的规则", reasons);
		return SCR_HANDLED;
	}
	struct dev_case draft = w->rec;
	form_store(&w->r.f, &draft);
	if (!prepare(&draft, t[k]->to))
		return SCR_REDRAW;
	if (save_to(w, &draft, t[k]->to) == 0)
		frame_message(MSG_INFO, "已办理：%s%s", t[k]->label,
		              t[k]->to == DEV_PROBATIONER ? "，党员台账中已建立其预备党员记录" :
		              t[k]->to == DEV_FULL ? "，党员台账中已改为正式党员" : "");
	return SCR_REDRAW;
}

/* F8: the 细则's steps of this case (发展程序), kept apart from the form. */
static enum outcome open_steps(struct dev_form *w, struct app *a)
{
	if (!w->rec.id) {
		frame_message(MSG_INFO, "请先按 F2 保存申请人的登记");
		return SCR_HANDLED;
	}
	w->steps = (struct dev_form_arg){ .id = w->rec.id };
	app_push(a, &dev_steps_screen, &w->steps);
	return SCR_PUSH;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct dev_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER)) {
		frame_message(MSG_INFO, "此记录只能查看");
		return SCR_HANDLED;
	}
	enum outcome o = record_form_key(&w->r.f, k, save, w);
	if (o != SCR_PASS)
		return o;
	if (k.code == K_F9)
		return transition(w);
	if (k.code == K_F8)
		return open_steps(w, a);
	return SCR_PASS;
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, "程序",
                                        "办理", "退出" };

const struct screen dev_form_screen = {
	.name = "发展党员登记表",
	.help = "一名入党申请人从递交申请到转正的全过程。\n"
	        "先填写下一步的日期等（可填写的栏才能输入），再按 F9 办理，例如“确定为入党积极分子”。\n"
	        "每一步须具备的条件：确定积极分子须谈话并有两名培养联系人；确定发展对象须作为积极分子\n"
	        "培养满一年；接收为预备党员须政审、培训满规定学时、两名正式党员作入党介绍人、支部大会\n"
	        "通过和党委审批，同时在党员台账中建立预备党员记录；转正日期为预备期满之日。\n"
	        "时间规则按 dangjian.ini [develop] 执行：strict 不符合即拒绝；warn 时管理员可说明理由继续。\n"
	        "推荐、考察、公示、备案、审查、预审、入党志愿书、派人谈话、编入党小组、转正申请\n"
	        "等步骤按 F8 在“发展程序”中记录；F9 办理时检查这一步须具备的步骤。\n"
	        "F2 保存。F4 选择（支部、培养联系人、入党介绍人可输入拼音首字母）。F5 恢复本栏原值。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
