/* form.c — 党员信息: every field of a member, the history of their
 * moves under it, and F9 for a new move.  New members are entered in entry
 * mode (连续录入); typing the 身份证号 fills 出生日期 and 性别 (or asks, when
 * they differ), and a 正式党员's 入党日期 fills 转正日期.  A member
 * transferred in from elsewhere also gets the 转入 details, stored with the
 * record in one save. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/care.h"
#include "core/text.h"
#include "evaluate/evaluate.h"
#include "honour/honour.h"
#include "member/member.h"
#include "screens/common/print_dialog.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "screens/member/actions.h"
#include "screens/member/id_fill.h"
#include "training/training.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

/* The form's record: the member, and the 转入 details of a newcomer. */
struct member_rec {
	struct member m;
	char date[11];        /* 转入日期 */
	char from_org[128];   /* 原所在组织 */
	char letter_no[64];   /* 介绍信编号 */
};

struct member_form {
	struct session *s;
	struct member_form_arg *arg;
	struct member_rec rec;
	struct form_field *defs;
	struct record_form r;
	int readonly;
	struct member_event_arg event;
	struct member_event history[6];
	int nhistory;
	char honours[256];         /* 荣誉：the newest few, as honour_lines gives them */
	struct honour_arg honour;
	char evaluation[256];      /* 民主评议：the latest years' results */
	char year_line[320];       /* this year's 学时 and the 关怀帮扶 entry */
	struct evaluate_arg evaluate;
};

static struct row_source *open_branches(void *ctx)
{
	return member_branch_source(((struct member_form *)ctx)->s);
}

static const struct form_lookup branch_lookup = {
	.open = open_branches, .col = 0, .title = "选择所在支部（可输入拼音首字母）",
	.strict = 1,   /* the save takes only one of the list's */
};

/* The branch named in 所在支部 as the form stands, or 0. */
static int64_t typed_branch(struct member_form *w)
{
	char org[sizeof w->rec.m.org];
	form_get(&w->r.f, "org", org, sizeof org);
	utf8_trim(org);
	return *org ? member_branch_id(w->s, org) : 0;
}

/* Only the 党小组 of the branch the form names. */
static struct row_source *open_groups(void *ctx)
{
	struct member_form *w = ctx;
	return member_group_source(w->s, typed_branch(w));
}

static const struct form_lookup group_lookup = {
	.open = open_groups, .col = 0, .title = "选择所在党小组（本支部的党小组）",
	.strict = 1,   /* the save takes only one of the list's */
};

/* F4 on 所在党小组 with nothing to choose from says why, instead of an
 * empty list.  1 when it did. */
static int no_groups(struct member_form *w)
{
	int64_t branch = typed_branch(w);
	if (!branch) {
		frame_message(MSG_ERROR, "请先填写「所在支部」，再选择所在党小组");
		return 1;
	}
	struct row_source *rs = member_group_source(w->s, branch);
	long n = rs ? rs->count(rs->ctx) : -1;
	row_source_free(rs);
	if (n != 0)
		return 0;
	frame_message(MSG_INFO, "本支部没有党小组，「所在党小组」不填");
	return 1;
}

#define M(f) FORM_MEMBER(struct member_rec, m.f)
#define R(f) FORM_MEMBER(struct member_rec, f)
static int id_check(const char *v, char why[WHY_MAX])
{
	if (valid_id_number(v, NULL, NULL, why) == 0)
		return 0;
	memmove(why, member_id_why(why), strlen(member_id_why(why)) + 1);
	return -1;
}

static const struct form_field base_fields[] = {
	{ .key = "name", .label = "姓名：", .row = 0, .col = 2, .width = 12, .type = FT_TEXT,
	  .required = 1, .max_chars = 20, M(name), .help = "党员姓名。" },
	{ .key = "id_number", .label = "身份证号：", .row = 0, .col = 42, .width = 19, .type = FT_TEXT,
	  .max_chars = 18, M(id_number), .check = id_check,
	  .help = "18 位居民身份证号码，最后一位可为 X。离开本栏时检查校验位，\n"
	          "并按号码填写出生日期和性别（与已填的不同时询问）。" },
	{ .key = "gender", .label = "性别：", .row = 1, .col = 2, .width = 4, .type = FT_CHOICE,
	  .required = 1, .choices = member_genders, M(gender), .help = "男或女，须与身份证号一致。" },
	{ .key = "birth_date", .label = "出生日期：", .row = 1, .col = 42, .width = 11, .type = FT_DATE,
	  M(birth_date), .help = "填写身份证号时自动填写；须与身份证号中的出生日期一致。" },
	{ .key = "ethnicity", .label = "民族：", .row = 2, .col = 2, .width = 10, .type = FT_CHOICE,
	  .choices = member_ethnicities, M(ethnicity), .help = "不填为汉族。按 F4 选择，可输入拼音首字母。" },
	{ .key = "education", .label = "学历：", .row = 2, .col = 42, .width = 10, .type = FT_CHOICE,
	  .choices = member_educations, M(education), .help = "最高学历。按 F4 选择。" },
	{ .key = "category", .label = "人员类别：", .row = 3, .col = 2, .width = 8, .type = FT_CHOICE,
	  .required = 1, .choices = member_categories, M(category),
	  .help = "正式党员或预备党员（可输入 zs 或 yb）。" },
	{ .key = "phone", .label = "联系电话：", .row = 3, .col = 42, .width = 12, .type = FT_TEXT,
	  .max_chars = 11, M(phone), .check = valid_mobile, .help = "11 位手机号码。" },
	{ .key = "joined_on", .label = "入党日期：", .row = 4, .col = 2, .width = 11, .type = FT_DATE,
	  .required = 1, M(joined_on), .help = "支部大会通过接收为预备党员的日期。" },
	{ .key = "confirmed_on", .label = "转正日期：", .row = 4, .col = 42, .width = 11,
	  .type = FT_DATE, M(confirmed_on),
	  .help = "预备期满之日：入党日期满一年（延长了预备期的再加延长的月数）。\n"
	          "正式党员填写入党日期后自动填写。预备党员不填。" },
	{ .key = "extension", .label = "延长预备期（月）：", .row = 5, .col = 2, .width = 2,
	  .type = FT_INT, M(extension), .help = "预备期延长的月数（6 至 12），未延长不填。" },
	{ .key = "status", .label = "状态：", .row = 5, .col = 42, .width = 4, .type = FT_READONLY,
	  M(status), .help = "正常、流出、失联、转出、出党、去世。由 F9 办理的变动决定。" },
	{ .key = "org", .label = "所在支部：", .row = 6, .col = 2, .width = 44, .type = FT_LINK,
	  .required = 1, .lookup = &branch_lookup, .grow = 1, M(org),
	  .help = "党员所在党支部的全称。按 F4 选择（可输入拼音首字母）；Ctrl-D 同上一名。\n"
	          "在本单位内调到另一个支部，请用 F9 办理“内部调整”。" },
	{ .key = "group", .label = "所在党小组：", .row = 7, .col = 2, .width = 42, .type = FT_LINK,
	  .lookup = &group_lookup, .grow = 1, M(group),
	  .help = "党员编入的党小组，须是所在支部的党小组；支部没有党小组的不填。\n"
	          "按 F4 在本支部的党小组中选择（可输入拼音首字母）。调到另一个支部时自动清空。" },
	{ .key = "job", .label = "工作岗位：", .row = 8, .col = 2, .width = 40, .type = FT_TEXT,
	  .grow = 1, M(job), .help = "工作单位及职务，或农民、退休等。" },
	{ .key = "notes", .label = "备注：", .row = 9, .col = 2, .width = 60, .height = 2,
	  .type = FT_NOTE, .grow = 1, M(notes), .help = "其他说明。本栏可输入多行：回车换行，Tab 到下一栏。" },
};
static const struct form_field transfer_fields[] = {
	{ .key = "date", .label = "转入日期：", .row = 11, .col = 2, .width = 11, .type = FT_DATE,
	  .required = 1, R(date), .help = "组织关系转入本单位的日期。" },
	{ .key = "letter_no", .label = "介绍信编号：", .row = 11, .col = 42, .width = 20,
	  .type = FT_TEXT, .required = 1, R(letter_no), .help = "组织关系介绍信的编号。" },
	{ .key = "from_org", .label = "原所在组织：", .row = 12, .col = 2, .width = 44, .type = FT_TEXT,
	  .required = 1, .grow = 1, R(from_org), .help = "转出单位党组织的名称。" },
};
#undef M
#undef R
enum { NBASE = sizeof base_fields / sizeof *base_fields, NTRANSFER = 3, HISTORY_ROW = 12 };

/* The field table for this opening: the branch carried from record to
 * record when the list was a branch's, and the 转入 fields for a newcomer. */
static struct form_field *make_fields(const struct member_form_arg *arg, int *n)
{
	int transfer = arg->transfer_in && !arg->id;
	*n = NBASE + (transfer ? NTRANSFER : 0);
	struct form_field *defs = malloc((size_t)*n * sizeof *defs);
	if (!defs)
		return NULL;
	memcpy(defs, base_fields, sizeof base_fields);
	if (transfer)
		memcpy(defs + NBASE, transfer_fields, sizeof transfer_fields);
	for (int i = 0; i < NBASE; i++)
		if (strcmp(defs[i].key, "org") == 0)
			defs[i].carry = *arg->org != 0;
	return defs;
}

/* 入党日期 (or 人员类别) typed: a 正式党员's 转正日期 can only be the end of
 * probation, so it is filled in when still blank. */
static void prefill_confirmed(struct form *f, struct member_form *w)
{
	struct member_rec typed = w->rec;
	char due[11];
	form_store(f, &typed);
	if (member_confirm_prefill(w->s, &typed.m, due)) {
		form_set(f, "confirmed_on", due);
		frame_message(MSG_INFO, "已填写转正日期 %s（入党满一年）", due);
	}
}

static void on_changed(struct form *f, const char *key, void *ctx)
{
	if (strcmp(key, "id_number") == 0)
		member_form_fill_from_id(f);
	else if (strcmp(key, "joined_on") == 0 || strcmp(key, "category") == 0)
		prefill_confirmed(f, ctx);
}

/* "荣誉：2026 优秀共产党员（镇级）；2024 党员示范岗（院级）等 3 项". */
static void load_honours(struct member_form *w)
{
	char lines[2][96];
	int n = honour_lines(w->s, "member", w->rec.m.id, lines, 2);
	if (n <= 0) {
		snprintf(w->honours, sizeof w->honours, "荣誉：%s", n < 0 ? "无法读取" : "无");
		return;
	}
	char more[32] = "";
	if (n > 2)
		snprintf(more, sizeof more, "等 %d 项", n);
	snprintf(w->honours, sizeof w->honours, "荣誉：%s%s%s%s（F9 荣誉记录）", lines[0],
	         n > 1 ? "；" : "", n > 1 ? lines[1] : "", more);
}

/* "2026 年学时：12 / 32，差 20    关怀：老党员（2025-12-20 列入）；最近慰问 …" */
static void load_year(struct member_form *w)
{
	char now[11], hours[96], care[224];
	today(now);
	int year = w->s->cfg && w->s->cfg->year ? w->s->cfg->year : atoi(now);
	training_member_line(w->s, w->rec.m.id, year, hours, sizeof hours);
	care_member_line(w->s, w->rec.m.id, now, care, sizeof care);
	snprintf(w->year_line, sizeof w->year_line, "%s%s%s", hours, *care ? "    " : "", care);
}

static void load_history(struct member_form *w)
{
	w->nhistory = w->rec.m.id ? member_events(w->s, w->rec.m.id, w->history, 6) : 0;
	if (w->nhistory < 0)
		w->nhistory = 0;
	if (w->rec.m.id) {
		load_honours(w);
		evaluate_member_line(w->s, w->rec.m.id, 3, w->evaluation, sizeof w->evaluation);
		load_year(w);
	}
}

static void set_readonly(struct member_form *w)
{
	const struct member *m = &w->rec.m;
	int left = strcmp(m->status, "转出") == 0 || strcmp(m->status, "出党") == 0 ||
	           strcmp(m->status, "去世") == 0;
	w->readonly = left || w->s->role == ROLE_VIEWER;
	for (int i = 0; i < w->r.f.n; i++)
		form_set_readonly(&w->r.f, w->defs[i].key, w->readonly || w->defs[i].type == FT_READONLY);
	if (left)
		frame_message(MSG_INFO, "%s已%s，记录只能查看；恢复组织关系请按 F9 办理转入", m->name,
		              m->status);
}

static int load_member(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return member_load(((struct member_form *)ctx)->s, id, &((struct member_rec *)rec)->m, e);
}

/* A newcomer transferred in is stored with its 转入 event in one save. */
static int save_member(void *ctx, void *rec, struct dj_err *e)
{
	struct member_form *w = ctx;
	struct member_rec *draft = rec;
	if (!w->arg->transfer_in || draft->m.id)
		return member_save(w->s, &draft->m, 0, e);
	struct member_event ev;
	memset(&ev, 0, sizeof ev);
	snprintf(ev.type, sizeof ev.type, "转入");
	snprintf(ev.date, sizeof ev.date, "%s", draft->date);
	snprintf(ev.from_org, sizeof ev.from_org, "%s", draft->from_org);
	snprintf(ev.letter_no, sizeof ev.letter_no, "%s", draft->letter_no);
	return member_transfer_in(w->s, &draft->m, &ev, e);
}

static const struct record_ops member_ops = {
	.table = "member", .size = sizeof(struct member_rec), .id_at = offsetof(struct member_rec, m.id),
	.entry = 1, .words = RECORD_QUIET_GONE, .load = load_member, .save = save_member,
};

static void *open_form(struct app *a, void *arg)
{
	struct member_form *w = calloc(1, sizeof *w);
	int n;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (!w->arg->id)
		snprintf(w->rec.m.org, sizeof w->rec.m.org, "%s", w->arg->org);
	w->defs = make_fields(w->arg, &n);
	w->r = (struct record_form){ .ops = &member_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (!w->defs || record_form_open(&w->r, w->defs, n, w->arg->id)) {
		free(w->defs);
		free(w);
		return NULL;
	}
	w->r.f.changed = on_changed;
	set_readonly(w);
	load_history(w);
	return w;
}

static void close_form(void *st)
{
	struct member_form *w = st;
	form_free(&w->r.f);
	free(w->defs);
	free(w);
}

/* One history line: date, event, and where to or from. */
static void history_line(const struct member_event *v, char *out, size_t cap)
{
	if (strcmp(v->type, "转出") == 0)
		snprintf(out, cap, "%s  转出  至 %s  介绍信 %s，有效期 %s 天，党费交至 %s", v->date, v->to_org,
		         v->letter_no, v->valid_days, v->dues_paid_to);
	else if (strcmp(v->type, "转入") == 0)
		snprintf(out, cap, "%s  转入  自 %s  介绍信 %s", v->date, v->from_org, v->letter_no);
	else if (strcmp(v->type, "内部调整") == 0)
		snprintf(out, cap, "%s  内部调整  %s 调至 %s", v->date, v->from_org, v->to_org);
	else if (strcmp(v->type, "流出") == 0)
		snprintf(out, cap, "%s  流出  去往 %s  %s", v->date, v->to_org, v->reason);
	else
		snprintf(out, cap, "%s  %s  %s", v->date, v->type, v->reason);
}

static void draw_history(struct member_form *w)
{
	int y = frame_body_top() + HISTORY_ROW, last = frame_body_top() + frame_body_rows();
	char line[512];
	if (!w->rec.m.id || w->r.f.n > NBASE)
		return;
	draw_text(y++, 0, term_cols(), w->honours, ST_NORMAL);
	draw_text(y++, 0, term_cols(), w->evaluation, ST_NORMAL);
	draw_text(y++, 0, term_cols(), w->year_line, ST_NORMAL);
	draw_text(y++, 0, term_cols(), w->nhistory ? "组织关系变动记录（F9 办理变动、查看全部）"
	                                            : "组织关系变动记录：无（F9 办理转出、流出等）",
	          ST_HEADING);
	for (int i = 0; i < w->nhistory && y < last; i++, y++) {
		history_line(&w->history[i], line, sizeof line);
		draw_text(y, 2, term_cols() - 2, line, ST_NORMAL);
	}
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct member_form *w = st;
	draw_history(w);
	form_draw(&w->r.f);
	if (w->rec.m.id)
		frame_status(w->readonly ? "查看党员信息" : "修改党员信息", "F2 保存  F4 选择  F9 变动");
	else
		frame_status(w->arg->transfer_in ? "转入党员（填写转入日期、介绍信编号和原所在组织）"
		                                 : "新增（连续录入：保存后清空，Ctrl-D 同上一名）",
		             "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct member_form *w = st;
	struct member_rec draft;
	if (record_form_save(&w->r, &draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = draft.m.id;
	frame_message(MSG_INFO, "已保存「%s」%s", draft.m.name,
	              w->r.f.entry_mode ? "，可继续录入下一名党员" : "");
	return 0;
}

/* The member's latest 转出, whose 介绍信 F9 prints; 0 when none. */
static int64_t latest_move_out(struct member_form *w)
{
	struct member_event ev[32];
	int n = member_events(w->s, w->rec.m.id, ev, 32);
	for (int i = 0; i < n; i++)   /* newest first */
		if (strcmp(ev[i].type, "转出") == 0)
			return ev[i].id;
	return 0;
}

static enum outcome actions(struct member_form *w, struct app *a)
{
	static const char *const items[] = { "办理党员变动（转出、出党、去世、失联、流出、内部调整…）",
	                                     "全部组织关系变动记录", "打印党员信息采集表（PDF）",
	                                     "打印组织关系介绍信（最近一次转出，PDF）",
	                                     "荣誉记录（表彰荣誉台账）",
	                                     "民主评议记录（历年结果和不合格处置）" };
	if (!w->rec.m.id)
		return SCR_PASS;
	int64_t out;
	switch (dialog_pick("操作", items, 6, 0)) {
	case 0:
		if (form_is_dirty(&w->r.f)) {
			frame_message(MSG_ERROR, "请先按 F2 保存修改，再办理变动");
			return SCR_HANDLED;
		}
		return member_choose_event(a, w->rec.m.id, &w->event);
	case 1:
		memset(&w->event, 0, sizeof w->event);
		w->event.member_id = w->rec.m.id;
		app_push(a, &member_history_screen, &w->event);
		return SCR_PUSH;
	case 2:
		print_dialog(w->s, FORM_MEMBER, w->rec.m.id, 0);
		return SCR_REDRAW;
	case 3:
		if ((out = latest_move_out(w)))
			print_dialog(w->s, FORM_LETTER, out, 0);
		else
			frame_message(MSG_ERROR, "「%s」没有转出记录，无介绍信可打印", w->rec.m.name);
		return SCR_REDRAW;
	case 4:
		w->honour = (struct honour_arg){ .kind = "member", .recipient_id = w->rec.m.id };
		app_push(a, &honour_ledger_screen, &w->honour);
		return SCR_PUSH;
	case 5:
		w->evaluate = (struct evaluate_arg){ .member_id = w->rec.m.id };
		app_push(a, &evaluate_member_screen, &w->evaluate);
		return SCR_PUSH;
	default:
		return SCR_HANDLED;
	}
}

/* Back from an event: the record's status, branch and version moved. */
static void resume(void *st, struct app *a)
{
	(void)a;
	struct member_form *w = st;
	struct dj_err e;
	if (w->honour.changed) {
		load_honours(w);
		w->honour.changed = 0;
	}
	if (w->evaluate.changed) {
		evaluate_member_line(w->s, w->rec.m.id, 3, w->evaluation, sizeof w->evaluation);
		w->evaluate.changed = 0;
	}
	if (!w->event.done || member_load(w->s, w->rec.m.id, &w->rec.m, &e))
		return;
	form_load(&w->r.f, &w->rec);
	set_readonly(w);
	load_history(w);
	w->arg->saved_id = w->rec.m.id;
	w->event.done = 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct member_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER)) {
		frame_message(MSG_INFO, "此记录只能查看");
		return SCR_HANDLED;
	}
	const char *at = form_current_key(&w->r.f);
	if (k.code == K_F4 && !w->readonly && at && strcmp(at, "group") == 0 && no_groups(w))
		return SCR_HANDLED;
	enum outcome o = record_form_key(&w->r.f, k, save, w);
	if (o != SCR_PASS)
		return o;
	if (k.code == K_F9)
		return actions(w, a);
	return SCR_PASS;
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        "变动", "退出" };

const struct screen member_form_screen = {
	.name = "党员信息",
	.help = "登记或修改一名党员的信息。\n"
	        "回车到下一栏，最后一栏回车即保存；Tab/Shift-Tab、↑↓ 也可移动。F2 保存。\n"
	        "填写身份证号后自动填写出生日期和性别；身份证号的校验位、出生日期、性别、\n"
	        "手机号码、日期（不得晚于今天）和转正日期（入党满一年，延长的另加）都会检查。\n"
	        "F4 在性别、民族、学历、人员类别、所在支部、所在党小组栏打开选择列表，\n"
	        "可输入拼音首字母筛选；所在党小组只列所在支部的党小组。\n"
	        "F5 把本栏恢复为打开时的内容。Ctrl-D 同上：复制上一名已保存党员的本栏内容。\n"
	        "新增时为连续录入：保存后清空，继续录入下一名。\n"
	        "F9：办理转出、出党、去世、失联、流出、内部调整等，查看全部变动记录，\n"
	        "或打印党员信息采集表、组织关系介绍信（PDF，写到您指定的文件），\n"
	        "或打开本人的荣誉记录（表头下一行列出最近的荣誉），\n"
	        "或打开民主评议记录（下一行列出最近三年的评议结果和不合格处置）。\n"
	        "党员不能删除；转出、出党、去世的党员只能查看。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
	.resume = resume,
};
