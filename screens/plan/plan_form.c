/* plan_form.c — one 工作计划 (实施方案): 年度, 方案名称, 印发单位 (F4), 文号,
 * 印发日期; below, its phases in order and its task groups.  F9: add phases
 * (连续录入), change or delete one, open the plan's task ledger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "org/org.h"
#include "plan/plan.h"
#include "screens/common/list_screen.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

enum { PHASE_LINES = 8, MAX_PHASES = 32 };

struct plan_rec {
	struct plan p;
	char phases[PHASE_LINES][120];   /* 1 动员部署 至 2026-04-25 */
	char groups[240];                /* 组织建设工程、党员示范工程 … */
};

struct plan_form {
	struct session *s;
	struct plan_arg *arg;
	struct plan_rec rec, draft;
	struct record_form r;
	struct plan_arg sub;
};

static struct row_source *open_orgs(void *ctx)
{
	return org_pick_source(((struct plan_form *)ctx)->s);
}

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择印发单位（可输入拼音首字母）",
};

#define M(member) FORM_MEMBER(struct plan_rec, member)
#define PHASE(i) { .key = "phase" #i, .label = i ? "" : "工作阶段：", .row = 5 + i, \
	.col = i ? 12 : 2, .width = 64, .type = FT_READONLY, .grow = 1, M(phases[i]), \
	.help = "方案的工作阶段，按序号排列；F9 新增、修改或删除。" }
static const struct form_field field_table[] = {
	{ .key = "year", .label = "年度：", .row = 0, .col = 2, .width = 4, .type = FT_INT,
	  .required = 1, M(p.year_text), .help = "方案所属的年度，四位数字。" },
	{ .key = "issued_on", .label = "印发日期：", .row = 0, .col = 42, .width = 10,
	  .type = FT_DATE, .required = 1, M(p.issued_on), .help = "方案印发的日期。" },
	{ .key = "name", .label = "方案名称：", .row = 1, .col = 2, .width = 60, .type = FT_TEXT,
	  .required = 1, .grow = 1, M(p.name),
	  .help = "如「关于开展基层组织建设年活动的实施方案」。" },
	{ .key = "org", .label = "印发单位：", .row = 2, .col = 2, .width = 24, .type = FT_LINK,
	  .required = 1, .lookup = &org_lookup, M(p.org),
	  .help = "印发方案的党组织；按 F4 选择（可输入拼音首字母）。" },
	{ .key = "doc_no", .label = "文号：", .row = 2, .col = 42, .width = 20, .type = FT_TEXT,
	  M(p.doc_no), .help = "发文字号，如「驿委(2012)38号」。" },
	{ .key = "groups", .label = "任务分组：", .row = 3, .col = 2, .width = 64,
	  .type = FT_READONLY, .grow = 1, M(groups),
	  .help = "录入任务时填写的分组（工程、活动），按首次使用的次序排列。" },
	PHASE(0), PHASE(1), PHASE(2), PHASE(3), PHASE(4), PHASE(5), PHASE(6), PHASE(7),
};
#undef PHASE
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

static void lines_of(struct session *s, struct plan_rec *r)
{
	struct plan_phase ph[MAX_PHASES];
	char groups[16][64];
	int n = r->p.id ? plan_phases(s, r->p.id, ph, MAX_PHASES) : 0;
	for (int i = 0; i < PHASE_LINES; i++) {
		r->phases[i][0] = 0;
		if (i < n && i < MAX_PHASES)
			snprintf(r->phases[i], sizeof r->phases[i], "%d %s  %s%s至 %s", ph[i].seq, ph[i].name,
			         ph[i].from_on, *ph[i].from_on ? " " : "", ph[i].to_on);
	}
	if (r->p.id && n <= 0)
		snprintf(r->phases[0], sizeof r->phases[0], "尚无阶段（F9 新增）");
	if (n > PHASE_LINES)
		snprintf(r->phases[PHASE_LINES - 1], sizeof r->phases[0], "…… 共 %d 个阶段", n);
	int g = r->p.id ? plan_groups(s, r->p.id, groups, 16) : 0;
	size_t at = 0;
	r->groups[0] = 0;
	for (int i = 0; i < g && i < 16; i++)
		at += (size_t)snprintf(r->groups + at, sizeof r->groups - at, "%s%s", i ? "、" : "",
		                       groups[i]);
}

static int load_plan(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct plan_form *w = ctx;
	struct plan_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (plan_load(w->s, id, &r->p, e))
		return e ? e->code : DJ_DB;
	lines_of(w->s, r);
	return 0;
}

static int save_plan(void *ctx, void *draft, struct dj_err *e)
{
	struct plan_form *w = ctx;
	struct plan_rec *r = draft;
	int rc = plan_save(w->s, &r->p, e);
	if (rc == 0)
		lines_of(w->s, r);
	return rc;
}

static const struct record_ops plan_ops = {
	.table = "plan", .size = sizeof(struct plan_rec), .id_at = offsetof(struct plan_rec, p.id),
	.words = RECORD_TELL, .load = load_plan, .save = save_plan,
};

static void *open_form(struct app *a, void *arg)
{
	struct plan_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (!w->arg->plan_id) {   /* a new plan: this year, today, the operator's organization */
		char now[11];
		today(now);
		snprintf(w->rec.p.year_text, sizeof w->rec.p.year_text, "%.4s", now);
		snprintf(w->rec.p.issued_on, sizeof w->rec.p.issued_on, "%s", now);
		if (w->s->scope_org)
			list_scope_name(w->s, w->s->scope_org, w->rec.p.org, sizeof w->rec.p.org);
	}
	w->r = (struct record_form){ .ops = &plan_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, field_table, NFIELDS, w->arg->plan_id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
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
	frame_status(w->rec.p.id ? "工作计划" : "新增工作计划",
	             w->rec.p.id ? "F2 保存  F9 阶段和任务" : "F2 保存后可录入阶段和任务");
}

static void refresh_lines(struct plan_form *w)
{
	int dirty = form_is_dirty(&w->r.f);
	lines_of(w->s, &w->rec);
	form_set(&w->r.f, "groups", w->rec.groups);
	for (int i = 0; i < PHASE_LINES; i++) {
		char key[8];
		snprintf(key, sizeof key, "phase%d", i);
		form_set(&w->r.f, key, w->rec.phases[i]);
	}
	if (!dirty)
		form_saved(&w->r.f, &w->rec);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct plan_form *w = st;
	if (w->sub.changed) {
		refresh_lines(w);
		w->arg->changed = 1;
	}
	w->sub.changed = 0;
}

static int save(void *st)
{
	struct plan_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.p.id;
	w->arg->changed = 1;
	if (!w->arg->plan_id)
		w->arg->plan_id = w->draft.p.id;
	frame_message(MSG_INFO, "已保存工作计划「%s」；按 F9 录入阶段和任务", w->draft.p.name);
	return 0;
}

/* One phase, picked from a list of them, for change or delete. */
static int pick_phase(struct plan_form *w, const char *title, struct plan_phase *out)
{
	struct plan_phase ph[MAX_PHASES];
	char names[MAX_PHASES][96];
	const char *items[MAX_PHASES];
	int n = plan_phases(w->s, w->rec.p.id, ph, MAX_PHASES);
	if (n <= 0) {
		frame_message(MSG_ERROR, "本计划还没有阶段");
		return -1;
	}
	if (n > MAX_PHASES)
		n = MAX_PHASES;
	for (int i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "%d %s（至 %s）", ph[i].seq, ph[i].name, ph[i].to_on);
		items[i] = names[i];
	}
	int k = dialog_pick(title, items, n, 0);
	if (k < 0)
		return -1;
	*out = ph[k];
	return 0;
}

static enum outcome phases(struct plan_form *w, struct app *a, int pick)
{
	struct plan_phase ph;
	struct dj_err e;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.plan_id = w->rec.p.id;
	if (pick == 0) {
		app_push(a, &plan_phase_form_screen, &w->sub);
		return SCR_PUSH;
	}
	if (pick_phase(w, pick == 1 ? "修改哪个阶段" : "删除哪个阶段", &ph))
		return SCR_REDRAW;
	if (pick == 1) {
		w->sub.id = ph.id;
		app_push(a, &plan_phase_form_screen, &w->sub);
		return SCR_PUSH;
	}
	char q[160];
	snprintf(q, sizeof q, "删除阶段「%s」？", ph.name);
	if (!dialog_confirm(q))
		return SCR_REDRAW;
	if (plan_phase_delete(w->s, ph.id, ph.version, &e))
		dialog_message("不能删除", e.msg);
	else
		frame_message(MSG_INFO, "已删除阶段「%s」", ph.name);
	refresh_lines(w);
	return SCR_REDRAW;
}

static enum outcome actions(struct plan_form *w, struct app *a)
{
	static const char *const items[] = { "新增阶段（连续录入）", "修改阶段", "删除阶段",
	                                     "任务台账" };
	if (!w->rec.p.id) {
		frame_message(MSG_ERROR, "请先按 F2 保存工作计划，再录入阶段和任务");
		return SCR_HANDLED;
	}
	int viewer = w->s->role == ROLE_VIEWER;
	int pick = dialog_pick("阶段和任务", items, 4, viewer ? 3 : 0);
	if (pick < 0)
		return SCR_REDRAW;
	if (pick == 3) {
		memset(&w->sub, 0, sizeof w->sub);
		w->sub.plan_id = w->rec.p.id;
		app_push(a, &plan_tasks_screen, &w->sub);
		return SCR_PUSH;
	}
	if (viewer) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改阶段");
		return SCR_REDRAW;
	}
	return phases(w, a, pick);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct plan_form *w = st;
	if (w->s->role == ROLE_VIEWER && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	if (k.code == K_F9)
		return actions(w, a);
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        "阶段任务", "退出" };

const struct screen plan_form_screen = {
	.name = "工作计划",
	.help = "一个工作计划（实施方案）：年度、方案名称、印发单位（F4 选择）、文号、印发日期。\n"
	        "保存后按 F9：新增阶段（连续录入：名称、起止日期）、修改或删除阶段，\n"
	        "或打开任务台账录入任务（分组、内容、责任人、期限）。\n"
	        "下方列出方案的阶段和任务分组。F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
	.resume = resume,
};
