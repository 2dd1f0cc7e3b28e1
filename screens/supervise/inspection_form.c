/* inspection_form.c — one 督导检查 (督导检查登记表): the date, the 组长 and
 * the group's members, and up to six organizations visited, each with what
 * was found, the follow-up required and its deadline.  F4 on a line's
 * 党组织 picks it.  A follow-up is marked done on the 督导整改 ledger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "org/org.h"
#include "screens/common/list_screen.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "supervise/supervise.h"
#include "tui/draw.h"
#include "tui/form.h"

enum { LINES = SUP_MAX_VISITED };

struct insp_rec {
	struct sup_inspection in;
	char org[LINES][128];
	char state[LINES][48];    /* 已整改 2026-11-18 / 逾期 / 整改中 */
};

#define M(member) FORM_MEMBER(struct insp_rec, member)
#define LINE(i) \
	{ .key = "org" #i, .label = "党组织：", .row = 3 + 2 * i, .col = 0, .width = 22, \
	  .type = FT_TEXT, M(org[i]), .help = "被检查的党组织：按 F4 选择，或输入全称。" }, \
	{ .key = "deadline" #i, .label = "整改期限：", .row = 3 + 2 * i, .col = 36, .width = 10, \
	  .type = FT_DATE, M(in.visited[i].deadline), .help = "有整改要求时必填，不早于检查日期。" }, \
	{ .key = "state" #i, .label = "", .row = 3 + 2 * i, .col = 58, .width = 20, \
	  .type = FT_READONLY, M(state[i]) }, \
	{ .key = "findings" #i, .label = "  发现：", .row = 4 + 2 * i, .col = 0, .width = 28, \
	  .type = FT_TEXT, .grow = 1, M(in.visited[i].findings), .help = "检查发现的情况和问题。" }, \
	{ .key = "followup" #i, .label = "整改要求：", .row = 4 + 2 * i, .col = 38, .width = 30, \
	  .type = FT_TEXT, .grow = 1, M(in.visited[i].followup), .help = "需要整改的事项（无需整改可留空）。" }
static const struct form_field field_table[] = {
	{ .key = "on_date", .label = "检查日期：", .row = 0, .col = 2, .width = 10, .type = FT_DATE,
	  .required = 1, M(in.on_date), .help = "督导检查的日期，不能晚于今天。" },
	{ .key = "leader", .label = "组长：", .row = 0, .col = 28, .width = 10, .type = FT_TEXT,
	  .required = 1, M(in.leader), .help = "检查组组长。" },
	{ .key = "team", .label = "检查组成员：", .row = 1, .col = 2, .width = 50, .type = FT_TEXT,
	  .grow = 1, M(in.team), .help = "检查组的成员，用顿号分隔。" },
	{ .key = "note", .label = "备注：", .row = 2, .col = 2, .width = 60, .type = FT_TEXT, .grow = 1,
	  M(in.note) },
	LINE(0), LINE(1), LINE(2), LINE(3), LINE(4), LINE(5),
};
#undef LINE
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct insp_form {
	struct session *s;
	struct supervise_arg *arg;
	struct insp_rec rec, draft;
	struct record_form r;
	struct form_field defs[NFIELDS];
	char labels[LINES][24];
	int64_t picked[LINES];     /* chosen with F4 (or loaded) … */
	char picked_name[LINES][128];   /* … under this name */
};

static void states(struct insp_rec *r)
{
	char now[11];
	today(now);
	for (int i = 0; i < LINES; i++) {
		const struct sup_visited *v = &r->in.visited[i];
		if (i >= r->in.nvisited || !*v->followup)
			r->state[i][0] = 0;
		else if (*v->done_on)
			snprintf(r->state[i], sizeof r->state[i], "已整改 %s", v->done_on);
		else
			snprintf(r->state[i], sizeof r->state[i], "%s",
			         sup_followup_late(v, now) ? "逾期未整改" : "整改中");
	}
}

static void from_record(struct insp_form *w, struct insp_rec *r)
{
	for (int i = 0; i < LINES; i++) {
		snprintf(r->org[i], sizeof r->org[i], "%s", i < r->in.nvisited ? r->in.visited[i].org : "");
		w->picked[i] = i < r->in.nvisited ? r->in.visited[i].org_id : 0;
		snprintf(w->picked_name[i], sizeof w->picked_name[i], "%s", r->org[i]);
	}
	states(r);
}

static int load_insp(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct insp_form *w = ctx;
	struct insp_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (sup_inspection_load(w->s, id, &r->in, e))
		return e ? e->code : DJ_DB;
	from_record(w, r);
	return 0;
}

/* The lines typed, in order, each organization by the name F4 put there
 * or by its full name; a gap before a filled line is refused there. */
static int lines_of(struct insp_form *w, struct insp_rec *r, struct dj_err *e)
{
	int last = -1;
	for (int i = 0; i < LINES; i++) {
		const struct sup_visited *v = &r->in.visited[i];
		if (*r->org[i] || *v->findings || *v->followup || *v->deadline)
			last = i;
	}
	for (int i = 0; i <= last; i++) {
		char key[16];
		snprintf(key, sizeof key, "org%d", i);
		struct sup_visited *v = &r->in.visited[i];
		if (!*r->org[i])
			return dj_fail(e, DJ_INVALID, key, "「被检查党组织」第 %d 行不能为空：按 F4 选择", i + 1);
		if (w->picked[i] && strcmp(r->org[i], w->picked_name[i]) == 0)
			v->org_id = w->picked[i];
		else if (org_find_by_name(w->s, r->org[i], &v->org_id))
			return dj_fail(e, DJ_INVALID, key, "「被检查党组织」没有名为「%s」的党组织，请按 F4 选择",
			               r->org[i]);
	}
	for (int i = last + 1; i < LINES; i++)
		memset(&r->in.visited[i], 0, sizeof r->in.visited[i]);
	r->in.nvisited = last + 1;
	return 0;
}

static int save_insp(void *ctx, void *draft, struct dj_err *e)
{
	struct insp_form *w = ctx;
	struct insp_rec *r = draft;
	if (lines_of(w, r, e))
		return DJ_INVALID;
	int rc = sup_inspection_save(w->s, &r->in, e);
	if (rc == 0)
		from_record(w, r);
	return rc;
}

static const struct record_ops insp_ops = {
	.table = "inspection", .size = sizeof(struct insp_rec),
	.id_at = offsetof(struct insp_rec, in.id), .words = RECORD_TELL,
	.load = load_insp, .save = save_insp,
};

static void *open_form(struct app *a, void *arg)
{
	struct insp_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	memcpy(w->defs, field_table, sizeof field_table);
	for (int i = 0; i < LINES; i++) {
		snprintf(w->labels[i], sizeof w->labels[i], "%d 党组织：", i + 1);
		w->defs[4 + 5 * i].label = w->labels[i];
	}
	if (!w->arg->id) {
		today(w->rec.in.on_date);
		w->rec.in.nvisited = 0;
	}
	w->r = (struct record_form){ .ops = &insp_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->defs, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	return w;
}

static void close_form(void *st)
{
	struct insp_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct insp_form *w = st;
	form_draw(&w->r.f);
	frame_status(w->rec.in.id ? "督导检查登记表" : "新增督导检查", "F2 保存  F4 选择党组织");
}

static int save(void *st)
{
	struct insp_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.in.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存 %s 的督导检查（%d 个党组织）", w->draft.in.on_date,
	              w->draft.in.nvisited);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct insp_form *w = st;
	int locked = w->s->role == ROLE_VIEWER;
	if (locked && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	const char *at = form_current_key(&w->r.f);
	if (!locked && k.code == K_F4 && at && strncmp(at, "org", 3) == 0) {
		int i = atoi(at + 3);
		int64_t id = w->picked[i];
		struct org o;
		struct dj_err e;
		if (list_pick_org(w->s, "选择被检查的党组织（可输入拼音首字母）", &id) &&
		    org_load(w->s, id, &o, &e) == 0) {
			w->picked[i] = id;
			snprintf(w->picked_name[i], sizeof w->picked_name[i], "%s", o.name);
			form_set(&w->r.f, at, o.name);
			char next[16];
			snprintf(next, sizeof next, "deadline%d", i);
			form_focus(&w->r.f, next);
		}
		return SCR_REDRAW;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen supervise_inspection_form_screen = {
	.name = "督导检查登记",
	.help = "登记一次督导检查：检查日期、组长、检查组成员，和被检查的党组织（最多 6 个，F4 选择），\n"
	        "每个党组织的检查发现、整改要求和整改期限（有整改要求时必填）。\n"
	        "整改完成在“督导整改”台账上登记。F2 保存，F3 或 Esc 返回。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
