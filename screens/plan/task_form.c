/* task_form.c — one task of a plan: 分组 (F4 the plan's groups, or a new
 * name), 内容, 期限 (a date, or a phase picked with F4), up to four 责任人
 * (F4 over members and operators by pinyin initials), 落实对象, 分解到支部,
 * 状态; below, how its branch lines stand and its latest progress notes.
 * New tasks are entered one after another (连续录入, Ctrl-D 同上).  F9: the
 * branch lines of a split task, or a new progress note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "org/org.h"
#include "plan/plan.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

enum { NOTE_LINES = 4, MAX_PICK = 32 };

struct task_rec {
	struct plan_task t;
	char split[8];                    /* 是 / 否 */
	char lines[120];                  /* 分解到 3 个支部：已完成 1，进行中 1，未开始 1（逾期 1） */
	char notes[NOTE_LINES][160];      /* 2026-05-10 已召开动员大会 */
};

struct task_form {
	struct session *s;
	struct plan_arg *arg;
	struct task_rec rec, draft;
	struct record_form r;
	struct plan_arg sub;
	int saved;
};

static const char *const yes_no[] = { "否", "是", NULL };

static struct row_source *open_people(void *ctx)
{
	return plan_person_pick_source(((struct task_form *)ctx)->s);
}

static struct row_source *open_orgs(void *ctx)
{
	return org_pick_source(((struct task_form *)ctx)->s);
}

static const struct form_lookup person_lookup = {
	.open = open_people, .col = 0, .title = "选择责任人：党员或操作员（可输入拼音首字母）",
};
static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择对象组织（可输入拼音首字母）",
};

#define M(member) FORM_MEMBER(struct task_rec, member)
#define PERSON(i, l, r, c) { .key = "person" #i, .label = l, .row = r, .col = c, .width = 10, \
	.type = FT_LINK, .lookup = &person_lookup, M(t.people[i - 1].name), \
	.help = "责任人姓名；按 F4 从党员和操作员中选择（可输入拼音首字母），也可直接输入姓名。" }
#define NOTE(i) { .key = "note" #i, .label = i ? "" : "进展记录：", .row = 12 + i, \
	.col = i ? 12 : 2, .width = 64, .type = FT_READONLY, .grow = 1, M(notes[i]), \
	.help = "最近的进展记录；F9 新增。" }
static const struct form_field field_table[] = {
	{ .key = "group", .label = "任务分组：", .row = 0, .col = 2, .width = 24, .type = FT_TEXT,
	  .required = 1, .carry = 1, M(t.group),
	  .help = "任务所属的分组（工程、活动），如「党员示范工程」；按 F4 选本计划已有的分组，或输入新的分组。" },
	{ .key = "body", .label = "任务内容：", .row = 1, .col = 2, .width = 64, .height = 3,
	  .type = FT_NOTE, .required = 1, .grow = 1, M(t.body),
	  .help = "要做的事。多行文字：回车换行，Tab 到下一项。" },
	{ .key = "deadline", .label = "完成期限：", .row = 4, .col = 2, .width = 10, .type = FT_DATE,
	  .carry = 1, M(t.deadline),
	  .help = "任务须完成的日期；以阶段为期限的留空，在「期限阶段」按 F4 选择。" },
	{ .key = "phase", .label = "期限阶段：", .row = 4, .col = 42, .width = 16, .type = FT_TEXT,
	  .carry = 1, M(t.phase),
	  .help = "以某阶段的截止日期为期限：按 F4 选择本计划的阶段。与完成期限二者填一。" },
	PERSON(1, "责任人一：", 5, 2), PERSON(2, "责任人二：", 5, 42),
	PERSON(3, "责任人三：", 6, 2), PERSON(4, "责任人四：", 6, 42),
	{ .key = "target_kind", .label = "落实对象：", .row = 7, .col = 2, .width = 10,
	  .type = FT_CHOICE, .choices = plan_target_kinds, .carry = 1, M(t.target_kind),
	  .help = "本级：对象组织本身；下属全部：对象组织下的全部党支部；全部党支部：印发单位下的；类别：某一类别的党支部。" },
	{ .key = "target_org", .label = "对象组织：", .row = 7, .col = 42, .width = 24,
	  .type = FT_LINK, .lookup = &org_lookup, .carry = 1, M(t.target_org),
	  .help = "落实任务的组织；留空为印发单位。按 F4 选择。" },
	{ .key = "target_category", .label = "对象类别：", .row = 8, .col = 2, .width = 10,
	  .type = FT_CHOICE, .choices = org_categories, .carry = 1, M(t.target_category),
	  .help = "落实对象为「类别」时：农村、社区、机关……的党支部。" },
	{ .key = "split", .label = "分解到支部：", .row = 8, .col = 42, .width = 4, .type = FT_CHOICE,
	  .choices = yes_no, .carry = 1, M(split),
	  .help = "是：每个对象党支部一行，各自填写公开承诺、进展和状态（工作项目化、项目责任化、责任具体化）；任务的状态由各支部汇总。" },
	{ .key = "state", .label = "状态：", .row = 9, .col = 2, .width = 8, .type = FT_CHOICE,
	  .choices = plan_states, M(t.state),
	  .help = "未开始、进行中、已完成；逾期由程序按期限计算。分解到支部的任务由各支部的状态汇总。" },
	{ .key = "done_on", .label = "完成日期：", .row = 9, .col = 42, .width = 10, .type = FT_DATE,
	  M(t.done_on), .help = "已完成时填写，不能晚于今天。" },
	{ .key = "lines", .label = "支部分解：", .row = 11, .col = 2, .width = 64,
	  .type = FT_READONLY, .grow = 1, M(lines), .help = "各支部的落实情况；F9 打开支部分解表。" },
	NOTE(0), NOTE(1), NOTE(2), NOTE(3),
};
#undef NOTE
#undef PERSON
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

/* The branch lines and the latest notes as the read-only rows show them. */
static void lines_of(struct session *s, struct task_rec *r)
{
	r->lines[0] = 0;
	for (int i = 0; i < NOTE_LINES; i++)
		r->notes[i][0] = 0;
	if (!r->t.id)
		return;
	if (r->t.split) {
		int n = 0, done = 0, going = 0, late = 0;
		plan_line_counts(s, r->t.id, &n, &done, &going, &late);
		snprintf(r->lines, sizeof r->lines, "分解到 %d 个支部：已完成 %d，进行中 %d，未开始 %d%s", n,
		         done, going, n - done - going, late ? "（有逾期）" : "");
	} else {
		snprintf(r->lines, sizeof r->lines, "未分解");
	}
	struct plan_note notes[NOTE_LINES];
	int nn = plan_notes(s, r->t.id, notes, NOTE_LINES);
	for (int i = 0; i < nn && i < NOTE_LINES; i++) {
		snprintf(r->notes[i], sizeof r->notes[i], "%s %s", notes[i].on_date, notes[i].body);
		for (char *c = r->notes[i]; *c; c++)
			if (*c == '\n' || *c == '\t')
				*c = ' ';
	}
}

static int load_task(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct task_form *w = ctx;
	struct task_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (plan_task_load(w->s, id, &r->t, e))
		return e ? e->code : DJ_DB;
	snprintf(r->split, sizeof r->split, "%s", r->t.split ? "是" : "否");
	lines_of(w->s, r);
	return 0;
}

static int save_task(void *ctx, void *draft, struct dj_err *e)
{
	struct task_form *w = ctx;
	struct task_rec *r = draft;
	r->t.plan_id = w->arg->plan_id;
	r->t.split = strcmp(r->split, "是") == 0;
	int rc = plan_task_save(w->s, &r->t, e);
	if (rc == 0)
		lines_of(w->s, r);
	return rc;
}

static const struct record_ops task_ops = {
	.table = "plan_task", .size = sizeof(struct task_rec),
	.id_at = offsetof(struct task_rec, t.id), .entry = 1, .words = RECORD_TELL,
	.load = load_task, .save = save_task,
};

static void *open_form(struct app *a, void *arg)
{
	struct task_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	snprintf(w->rec.t.target_kind, sizeof w->rec.t.target_kind, "本级");
	snprintf(w->rec.split, sizeof w->rec.split, "否");
	w->r = (struct record_form){ .ops = &task_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, field_table, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (w->arg->id)   /* opened by id (the 待办 screen): its plan */
		w->arg->plan_id = w->rec.t.plan_id;
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
	char left[96];
	form_draw(&w->r.f);
	if (w->rec.t.id)
		snprintf(left, sizeof left, "任务（%s）", w->rec.t.shown);
	else
		snprintf(left, sizeof left, "新增任务（连续录入，已录入 %d 项）", w->saved);
	frame_status(left, w->rec.t.id ? "F2 保存  F4 选择  F9 分解和进展" : "F2 保存  F4 选择  Ctrl-D 同上");
}

static void refresh_lines(struct task_form *w)
{
	struct dj_err e;
	int dirty = form_is_dirty(&w->r.f);
	if (!dirty && load_task(w, w->rec.t.id, &w->rec, &e) == 0) {
		form_load(&w->r.f, &w->rec);   /* the state rolled up from the lines */
		return;
	}
	lines_of(w->s, &w->rec);
	form_set(&w->r.f, "lines", w->rec.lines);
	for (int i = 0; i < NOTE_LINES; i++) {
		char key[8];
		snprintf(key, sizeof key, "note%d", i);
		form_set(&w->r.f, key, w->rec.notes[i]);
	}
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct task_form *w = st;
	if (w->sub.changed) {
		refresh_lines(w);
		w->arg->changed = 1;
	}
	w->sub.changed = 0;
}

static int save(void *st)
{
	struct task_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.t.id;
	w->arg->changed = 1;
	w->saved++;
	frame_message(MSG_INFO, "已保存任务「%.60s」（期限 %s）", w->draft.t.body, w->draft.t.due);
	return 0;
}

/* F4 on 分组 or 期限阶段: the plan's groups or phases. */
static void pick_into(struct task_form *w, const char *key)
{
	char names[MAX_PICK][64], shown[MAX_PICK][96];
	const char *items[MAX_PICK];
	int n;
	if (strcmp(key, "group") == 0) {
		n = plan_groups(w->s, w->arg->plan_id, names, MAX_PICK);
		for (int i = 0; i < n && i < MAX_PICK; i++)
			snprintf(shown[i], sizeof shown[i], "%s", names[i]);
	} else {
		struct plan_phase ph[MAX_PICK];
		n = plan_phases(w->s, w->arg->plan_id, ph, MAX_PICK);
		for (int i = 0; i < n && i < MAX_PICK; i++) {
			snprintf(names[i], sizeof names[i], "%s", ph[i].name);
			snprintf(shown[i], sizeof shown[i], "%s（至 %s）", ph[i].name, ph[i].to_on);
		}
	}
	if (n <= 0) {
		frame_message(MSG_ERROR, strcmp(key, "group") == 0
		              ? "本计划还没有分组：直接输入新的分组名称" : "本计划还没有阶段：请在工作计划中按 F9 新增阶段");
		return;
	}
	if (n > MAX_PICK)
		n = MAX_PICK;
	for (int i = 0; i < n; i++)
		items[i] = shown[i];
	int k = dialog_pick(strcmp(key, "group") == 0 ? "选择任务分组" : "选择期限阶段", items, n, 0);
	if (k < 0)
		return;
	form_set(&w->r.f, key, names[k]);
	if (strcmp(key, "phase") == 0)
		form_set(&w->r.f, "deadline", "");
	form_focus(&w->r.f, strcmp(key, "group") == 0 ? "body" : "person1");
}

/* 进展记录: the date and what was done, asked until the core takes them. */
static void add_note(struct task_form *w)
{
	struct plan_note n = { .task_id = w->rec.t.id };
	struct dj_err e;
	today(n.on_date);
	for (;;) {
		if (!dialog_input("新增进展记录", "日期：", n.on_date, sizeof n.on_date) ||
		    !dialog_input("新增进展记录", "进展：", n.body, sizeof n.body))
			return;
		if (plan_note_add(w->s, &n, &e) == 0) {
			frame_message(MSG_INFO, "已记录 %s 的进展", n.on_date);
			refresh_lines(w);
			w->arg->changed = 1;
			return;
		}
		dialog_message("不能记录进展", e.msg);
		if (e.code == DJ_DENIED)
			return;
	}
}

static enum outcome actions(struct task_form *w, struct app *a)
{
	static const char *const items[] = { "支部分解表（承诺、进展、状态）", "新增进展记录" };
	if (!w->rec.t.id) {
		frame_message(MSG_ERROR, "请先按 F2 保存任务，再看分解和记录进展");
		return SCR_HANDLED;
	}
	int pick = dialog_pick("分解和进展", items, 2, w->rec.t.split ? 0 : 1);
	if (pick == 0) {
		if (!w->rec.t.split) {
			frame_message(MSG_ERROR, "该任务未分解到支部：把「分解到支部」改为「是」并保存");
			return SCR_REDRAW;
		}
		memset(&w->sub, 0, sizeof w->sub);
		w->sub.plan_id = w->rec.t.plan_id;
		w->sub.id = w->rec.t.id;
		app_push(a, &plan_lines_screen, &w->sub);
		return SCR_PUSH;
	}
	if (pick == 1) {
		if (w->s->role == ROLE_VIEWER)
			frame_message(MSG_ERROR, "您是只读用户，不能记录进展");
		else
			add_note(w);
	}
	return SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct task_form *w = st;
	int locked = w->s->role == ROLE_VIEWER;
	if (locked && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	if (k.code == K_F9)
		return actions(w, a);
	const char *at = form_current_key(&w->r.f);
	if (!locked && k.code == K_F4 && at && (strcmp(at, "group") == 0 || strcmp(at, "phase") == 0)) {
		pick_into(w, at);
		return SCR_REDRAW;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        "分解进展", "退出" };

const struct screen plan_task_form_screen = {
	.name = "任务",
	.help = "工作计划的一项任务：分组（F4 选择已有分组）、内容、完成期限或期限阶段（F4）、\n"
	        "责任人（最多 4 名，F4 从党员和操作员中选择，可输入拼音首字母）、落实对象、是否分解到支部、状态。\n"
	        "新增为连续录入：F2 保存后清空，分组、期限、落实对象保留；其余项 Ctrl-D 同上。\n"
	        "逾期：过了期限仍未完成，由程序计算。保存后按 F9：支部分解表，或新增进展记录。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
	.resume = resume,
};
