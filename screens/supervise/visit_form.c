/* visit_form.c — one visit of a liaison to his 联系点 (走访登记): the
 * organization (F4), the person among its current 联系领导 and 联系干部
 * (F4), the date, what was done (F4, [liaison] activities) and a note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "org/org.h"
#include "screens/common/list_screen.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "supervise/supervise.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

struct visit_rec {
	struct sup_visit v;
	char org[128];
	char person[64];
};

#define M(member) FORM_MEMBER(struct visit_rec, member)
static const struct form_field field_table[] = {
	{ .key = "org", .label = "联系点：", .row = 0, .col = 2, .width = 30, .type = FT_TEXT,
	  .required = 1, .grow = 1, M(org), .help = "走访的党组织：按 F4 选择，或输入全称。" },
	{ .key = "person", .label = "联系人：", .row = 1, .col = 2, .width = 12, .type = FT_TEXT,
	  .required = 1, M(person), .help = "按 F4 从该党组织现任的联系领导、联系干部中选择。" },
	{ .key = "on_date", .label = "走访日期：", .row = 1, .col = 30, .width = 10, .type = FT_DATE,
	  .required = 1, M(v.on_date), .help = "走访的日期，不能晚于今天。" },
	{ .key = "activity", .label = "走访内容：", .row = 2, .col = 2, .width = 14, .type = FT_CHOICE,
	  .required = 1, M(v.activity),
	  .help = "按 F4 选择（dangjian.ini [liaison] activities，默认参加组织生活、解决困难、调研指导、宣讲党课、其他）。" },
	{ .key = "note", .label = "备注：", .row = 3, .col = 2, .width = 64, .height = 3,
	  .type = FT_NOTE, .grow = 1, M(v.note), .help = "走访做了什么（可留空）。" },
};
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct visit_form {
	struct session *s;
	struct supervise_arg *arg;
	struct visit_rec rec, draft;
	struct record_form r;
	struct form_field defs[NFIELDS];
	char acts[SUP_MAX_CHOICES][64];
	const char *act_list[SUP_MAX_CHOICES + 1];
	int64_t org_id;            /* picked or loaded, under org_name */
	char org_name[128];
	int64_t liaison_id;        /* picked or loaded, under person */
	char person[64];
};

static void remember(struct visit_form *w, const struct sup_visit *v)
{
	w->org_id = v->org_id;
	snprintf(w->org_name, sizeof w->org_name, "%s", v->org);
	w->liaison_id = v->liaison_id;
	snprintf(w->person, sizeof w->person, "%s", v->person);
}

static int load_visit(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct visit_form *w = ctx;
	struct visit_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (sup_visit_load(w->s, id, &r->v, e))
		return e ? e->code : DJ_DB;
	snprintf(r->org, sizeof r->org, "%s", r->v.org);
	snprintf(r->person, sizeof r->person, "%s", r->v.person);
	remember(w, &r->v);
	return 0;
}

/* The liaison the form names: the one F4 chose while its names stand,
 * else the person of that name among the organization's current ones. */
static int liaison_of(struct visit_form *w, struct visit_rec *r, struct dj_err *e)
{
	int64_t org = w->org_id;
	if (!(org && strcmp(r->org, w->org_name) == 0) && org_find_by_name(w->s, r->org, &org))
		return dj_fail(e, DJ_INVALID, "org", "「联系点」没有名为「%s」的党组织，请按 F4 选择", r->org);
	if (org == w->org_id && w->liaison_id && strcmp(r->person, w->person) == 0) {
		r->v.liaison_id = w->liaison_id;
		return 0;
	}
	struct sup_liaison l[16];
	char now[11];
	int n = sup_liaisons_of(w->s, org, *r->v.on_date ? r->v.on_date : today(now), l, 16);
	for (int i = 0; i < n && i < 16; i++)
		if (strcmp(l[i].person, r->person) == 0) {
			r->v.liaison_id = l[i].id;
			return 0;
		}
	return dj_fail(e, DJ_INVALID, "person", "「联系人」%s 不是 %s 现任的联系领导或联系干部，请按 F4 选择",
	               r->person, r->org);
}

static int save_visit(void *ctx, void *draft, struct dj_err *e)
{
	struct visit_form *w = ctx;
	struct visit_rec *r = draft;
	if (liaison_of(w, r, e))
		return DJ_INVALID;
	int rc = sup_visit_save(w->s, &r->v, e);
	if (rc == 0) {
		snprintf(r->org, sizeof r->org, "%s", r->v.org);
		snprintf(r->person, sizeof r->person, "%s", r->v.person);
		remember(w, &r->v);
	}
	return rc;
}

static const struct record_ops visit_ops = {
	.table = "liaison_visit", .size = sizeof(struct visit_rec),
	.id_at = offsetof(struct visit_rec, v.id), .words = RECORD_TELL,
	.load = load_visit, .save = save_visit,
};

/* A new visit of liaison id: its organization and person filled in. */
static void prepare(struct visit_form *w, int64_t liaison_id)
{
	char now[11];
	today(w->rec.v.on_date);
	if (!liaison_id)
		return;
	struct sup_liaison l[16];
	struct org o;
	struct dj_err e;
	int64_t org = 0;
	if (sup_liaison_org(w->s, liaison_id, &org))
		return;
	if (!org || org_load(w->s, org, &o, &e))
		return;
	int n = sup_liaisons_of(w->s, org, today(now), l, 16);
	for (int i = 0; i < n && i < 16; i++)
		if (l[i].id == liaison_id) {
			w->org_id = org;
			snprintf(w->org_name, sizeof w->org_name, "%s", o.name);
			snprintf(w->rec.org, sizeof w->rec.org, "%s", o.name);
			w->liaison_id = liaison_id;
			snprintf(w->person, sizeof w->person, "%s", l[i].person);
			snprintf(w->rec.person, sizeof w->rec.person, "%s", l[i].person);
		}
}

static void *open_form(struct app *a, void *arg)
{
	struct visit_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	memcpy(w->defs, field_table, sizeof field_table);
	int n = sup_activities(w->s, w->acts, SUP_MAX_CHOICES);
	for (int i = 0; i < n; i++)
		w->act_list[i] = w->acts[i];
	w->act_list[n] = NULL;
	w->defs[3].choices = w->act_list;
	if (!w->arg->id)
		prepare(w, w->arg->liaison_id);
	w->r = (struct record_form){ .ops = &visit_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->defs, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	else if (!w->arg->id && w->liaison_id)
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
	frame_status(w->rec.v.id ? "联系点走访登记" : "新增联系点走访", "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct visit_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.v.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存 %s %s 走访 %s（%s）", w->draft.v.on_date, w->draft.v.person,
	              w->draft.v.org, w->draft.v.activity);
	return 0;
}

static void pick_person(struct visit_form *w)
{
	char org[128], on[16], now[11];
	form_get(&w->r.f, "org", org, sizeof org);
	form_get(&w->r.f, "on_date", on, sizeof on);
	int64_t id = w->org_id;
	if (!(id && strcmp(org, w->org_name) == 0) && org_find_by_name(w->s, org, &id)) {
		frame_message(MSG_ERROR, "请先选择联系点（F4）");
		return;
	}
	char norm[11];
	struct sup_liaison l[16];
	int n = sup_liaisons_of(w->s, id, valid_date(on, norm, NULL) == 0 ? norm : today(now), l, 16);
	if (n <= 0) {
		frame_message(MSG_ERROR, "%s 没有现任的联系领导或联系干部（在组织登记表中填写）", org);
		return;
	}
	char items[16][96];
	const char *list[16];
	for (int i = 0; i < n && i < 16; i++) {
		snprintf(items[i], sizeof items[i], "%s（%s）", l[i].person, l[i].role);
		list[i] = items[i];
	}
	int at = dialog_pick("选择联系人", list, n < 16 ? n : 16, 0);
	if (at < 0)
		return;
	w->org_id = id;
	snprintf(w->org_name, sizeof w->org_name, "%s", org);
	w->liaison_id = l[at].id;
	snprintf(w->person, sizeof w->person, "%s", l[at].person);
	form_set(&w->r.f, "person", l[at].person);
	form_focus(&w->r.f, "on_date");
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct visit_form *w = st;
	int locked = w->s->role == ROLE_VIEWER;
	if (locked && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	const char *at = form_current_key(&w->r.f);
	if (!locked && k.code == K_F4 && at && strcmp(at, "org") == 0) {
		int64_t id = w->org_id;
		struct org o;
		struct dj_err e;
		if (list_pick_org(w->s, "选择联系点（可输入拼音首字母）", &id) &&
		    org_load(w->s, id, &o, &e) == 0) {
			w->org_id = id;
			snprintf(w->org_name, sizeof w->org_name, "%s", o.name);
			form_set(&w->r.f, "org", o.name);
			form_focus(&w->r.f, "person");
		}
		return SCR_REDRAW;
	}
	if (!locked && k.code == K_F4 && at && strcmp(at, "person") == 0) {
		pick_person(w);
		return SCR_REDRAW;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen supervise_visit_form_screen = {
	.name = "走访登记",
	.help = "登记一次联系点走访：联系点（F4 选择党组织）、联系人（F4 从现任联系领导、联系干部中选择）、\n"
	        "走访日期、走访内容（F4 选择，dangjian.ini [liaison] activities）和备注。\n"
	        "联系人须在走访日期担任该党组织的联系人。F2 保存，F3 或 Esc 返回。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
