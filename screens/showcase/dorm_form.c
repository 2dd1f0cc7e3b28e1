/* dorm_form.c — one 党员示范寝室 (示范寝室登记表): the room, its
 * organization (F4), 挂牌日期, the residents — members picked with F4 and
 * others by name — and, below, its 检查评比 with each item's score.  F9
 * adds a check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/itemlist.h"
#include "member/member.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "screens/showcase/pick.h"
#include "showcase/showcase.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/grid.h"

enum { CHECK_LINES = 8 };

struct dorm_rec {
	struct showcase_dorm d;
	char org[128];
	char members[512];                 /* 甲同学、乙同学 */
	char others[512];                  /* residents who are not members */
	char checks[CHECK_LINES][200];     /* 2026-05-01 学工办 95.5 分（卫生 28.5/30 …） */
};

#define M(member) FORM_MEMBER(struct dorm_rec, member)
#define CHECK_LINE(i) { .key = "check" #i, .label = i ? "" : "检查评比：", .row = 6 + i, \
	.col = i ? 12 : 2, .width = 66, .type = FT_READONLY, .grow = 1, M(checks[i]), \
	.help = "历次检查评比，最新的在前：日期、检查人、总分和各项得分。F9 新增。" }
static const struct form_field field_table[] = {
	{ .key = "building", .label = "楼栋：", .row = 0, .col = 2, .width = 12, .type = FT_TEXT,
	  .required = 1, M(d.building), .help = "寝室所在的楼栋，如「3号楼」。" },
	{ .key = "room", .label = "房号：", .row = 0, .col = 42, .width = 8, .type = FT_TEXT,
	  .required = 1, M(d.room), .help = "房间号，如「402」。同一楼栋的房号只能登记一次。" },
	{ .key = "org", .label = "所在党组织：", .row = 1, .col = 2, .width = 24, .type = FT_TEXT,
	  .required = 1, .grow = 1, M(org),
	  .help = "负责这间寝室的党组织。按 F4 选择，或输入全称。" },
	{ .key = "opened_on", .label = "挂牌日期：", .row = 1, .col = 42, .width = 10,
	  .type = FT_DATE, .required = 1, M(d.opened_on), .help = "挂牌的日期，不能晚于今天。" },
	{ .key = "residents", .label = "党员成员：", .row = 2, .col = 2, .width = 64, .type = FT_TEXT,
	  .grow = 1, M(members),
	  .help = "住在寝室的党员，用顿号分隔。按 F4 选择一名党员加入（可输入拼音首字母）。\n"
	          "至少要有 dangjian.ini [showcase] dorm_min_members 名状态正常的党员（默认 2 名）。" },
	{ .key = "others", .label = "其他成员：", .row = 3, .col = 2, .width = 64, .type = FT_TEXT,
	  .grow = 1, M(others), .help = "住在寝室的非党员，姓名用顿号分隔。" },
	{ .key = "note", .label = "备注：", .row = 4, .col = 2, .width = 64, .type = FT_TEXT,
	  .grow = 1, M(d.note) },
	CHECK_LINE(0), CHECK_LINE(1), CHECK_LINE(2), CHECK_LINE(3), CHECK_LINE(4), CHECK_LINE(5),
	CHECK_LINE(6), CHECK_LINE(7),
};
#undef CHECK_LINE
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct dorm_form {
	struct session *s;
	struct showcase_arg *arg;
	struct dorm_rec rec, draft;
	struct record_form r;
	struct sc_org_pick org;
	struct showcase_resident picked[SHOWCASE_MAX_RESIDENTS * 2];   /* F4's choices */
	int npicked;
	struct showcase_arg check;
};

static void check_lines(struct session *s, struct dorm_rec *r)
{
	struct showcase_check c[CHECK_LINES];
	int n = r->d.id ? showcase_checks(s, r->d.id, c, CHECK_LINES) : 0;
	for (int i = 0; i < CHECK_LINES; i++) {
		r->checks[i][0] = 0;
		if (i >= n)
			continue;
		char total[16], v[16], m[16];
		showcase_format_tenths(c[i].total, total, sizeof total);
		size_t at = (size_t)snprintf(r->checks[i], sizeof r->checks[i], "%s %s %s 分（",
		                             c[i].on_date, c[i].checker, total);
		for (int k = 0; k < c[i].nitems && at < sizeof r->checks[i]; k++) {
			showcase_format_tenths(c[i].score[k], v, sizeof v);
			showcase_format_tenths(c[i].item[k].max, m, sizeof m);
			at += (size_t)snprintf(r->checks[i] + at, sizeof r->checks[i] - at, "%s%s %s/%s",
			                       k ? " " : "", c[i].item[k].name, v, m);
		}
		if (at < sizeof r->checks[i])
			snprintf(r->checks[i] + at, sizeof r->checks[i] - at, "）");
	}
}

/* The residents into the two name fields. */
static void words_of(struct session *s, struct dorm_rec *r)
{
	size_t am = 0, ao = 0;
	r->members[0] = r->others[0] = 0;
	snprintf(r->org, sizeof r->org, "%s", r->d.org);
	for (int i = 0; i < r->d.nres; i++) {
		if (r->d.res[i].member_id)
			am += (size_t)snprintf(r->members + am, sizeof r->members - am, "%s%s",
			                       am ? "、" : "", r->d.res[i].name);
		else
			ao += (size_t)snprintf(r->others + ao, sizeof r->others - ao, "%s%s",
			                       ao ? "、" : "", r->d.res[i].name);
	}
	check_lines(s, r);
}

static int load_dorm(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct dorm_form *w = ctx;
	struct dorm_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (showcase_dorm_load(w->s, id, &r->d, e))
		return e ? e->code : DJ_DB;
	words_of(w->s, r);
	w->org.id = r->d.org_id;
	snprintf(w->org.name, sizeof w->org.name, "%s", r->d.org);
	w->npicked = 0;
	for (int i = 0; i < r->d.nres && w->npicked < SHOWCASE_MAX_RESIDENTS * 2; i++)
		if (r->d.res[i].member_id)
			w->picked[w->npicked++] = r->d.res[i];
	return 0;
}

static const char *const seps[] = { "、", "，", ",", " ", NULL };

/* A member named in the field: one chosen with F4 under that name, else the
 * one member of that name. */
static int member_of(struct dorm_form *w, const char *name, int64_t *id, struct dj_err *e)
{
	for (int i = 0; i < w->npicked; i++)
		if (strcmp(w->picked[i].name, name) == 0) {
			*id = w->picked[i].member_id;
			return 0;
		}
	return showcase_member_named(w->s, name, "residents", id, e);
}

static int residents_of(struct dorm_form *w, struct dorm_rec *r, struct dj_err *e)
{
	char name[64];
	const char *p = r->members;
	r->d.nres = 0;
	while (itemlist_next(&p, seps, name, sizeof name)) {
		if (!*name)
			continue;
		if (r->d.nres == SHOWCASE_MAX_RESIDENTS)
			return dj_fail(e, DJ_INVALID, "residents", "「寝室成员」最多 %d 人",
			               SHOWCASE_MAX_RESIDENTS);
		struct showcase_resident *res = &r->d.res[r->d.nres++];
		snprintf(res->name, sizeof res->name, "%s", name);
		if (member_of(w, name, &res->member_id, e))
			return DJ_INVALID;
	}
	p = r->others;
	while (itemlist_next(&p, seps, name, sizeof name)) {
		if (!*name)
			continue;
		if (r->d.nres == SHOWCASE_MAX_RESIDENTS)
			return dj_fail(e, DJ_INVALID, "others", "「寝室成员」最多 %d 人",
			               SHOWCASE_MAX_RESIDENTS);
		struct showcase_resident *res = &r->d.res[r->d.nres++];
		res->member_id = 0;
		snprintf(res->name, sizeof res->name, "%s", name);
	}
	return 0;
}

static int save_dorm(void *ctx, void *draft, struct dj_err *e)
{
	struct dorm_form *w = ctx;
	struct dorm_rec *r = draft;
	if (sc_org_of(w->s, r->org, &w->org, &r->d.org_id, "org", "所在党组织", e) ||
	    residents_of(w, r, e))
		return DJ_INVALID;
	int rc = showcase_dorm_save(w->s, &r->d, e);
	if (rc == 0)
		words_of(w->s, r);
	return rc;
}

static const struct record_ops dorm_ops = {
	.table = "showcase_dorm", .size = sizeof(struct dorm_rec),
	.id_at = offsetof(struct dorm_rec, d.id), .words = RECORD_TELL,
	.load = load_dorm, .save = save_dorm,
};

/* F4 on 党员成员: one member more at the end of the list. */
static void pick_member(struct dorm_form *w)
{
	char filter[64] = "", now[512];
	struct rs_row row;
	struct row_source *rs = member_list_source(w->s, 0, 0);
	if (!rs) {
		frame_message(MSG_ERROR, "无法读取党员列表");
		return;
	}
	int picked = grid_pick(rs, "选择寝室中的党员（可输入拼音首字母）", filter, sizeof filter, 0,
	                       &row);
	row_source_free(rs);
	if (!picked)
		return;
	if (w->npicked < SHOWCASE_MAX_RESIDENTS * 2) {
		w->picked[w->npicked].member_id = row.key.id;
		snprintf(w->picked[w->npicked++].name, 64, "%s", row.cell[0]);
	}
	form_get(&w->r.f, "residents", now, sizeof now);
	size_t len = strlen(now);
	snprintf(now + len, sizeof now - len, "%s%s", len ? "、" : "", row.cell[0]);
	form_set(&w->r.f, "residents", now);
}

static void *open_form(struct app *a, void *arg)
{
	struct dorm_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->r = (struct record_form){ .ops = &dorm_ops, .s = w->s, .ctx = w, .rec = &w->rec };
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
	struct dorm_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct dorm_form *w = st;
	form_draw(&w->r.f);
	frame_status(w->rec.d.id ? "党员示范寝室登记表" : "新增党员示范寝室",
	             w->rec.d.id ? "F2 保存  F4 选择  F9 检查评比" : "F2 保存  F4 选择");
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct dorm_form *w = st;
	if (!w->check.changed)
		return;
	int dirty = form_is_dirty(&w->r.f);
	check_lines(w->s, &w->rec);
	for (int i = 0; i < CHECK_LINES; i++) {
		char key[8];
		snprintf(key, sizeof key, "check%d", i);
		form_set(&w->r.f, key, w->rec.checks[i]);
	}
	if (!dirty)   /* new lines below are no change to save */
		form_saved(&w->r.f, &w->rec);
	w->check.changed = 0;
	w->arg->changed = 1;
}

static int save(void *st)
{
	struct dorm_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.d.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存示范寝室 %s %s", w->draft.d.building, w->draft.d.room);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct dorm_form *w = st;
	int locked = w->s->role == ROLE_VIEWER;
	if (locked && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	if (k.code == K_F9) {
		if (!w->rec.d.id) {
			frame_message(MSG_ERROR, "请先按 F2 保存示范寝室，再登记检查评比");
			return SCR_HANDLED;
		}
		if (locked) {
			frame_message(MSG_ERROR, "您是只读用户，不能登记检查评比");
			return SCR_HANDLED;
		}
		w->check = (struct showcase_arg){ .id = w->rec.d.id };
		app_push(a, &showcase_check_form_screen, &w->check);
		return SCR_PUSH;
	}
	const char *at = form_current_key(&w->r.f);
	if (!locked && k.code == K_F4 && at && strcmp(at, "residents") == 0) {
		pick_member(w);
		return SCR_REDRAW;
	}
	if (!locked && k.code == K_F4 && at && strcmp(at, "org") == 0) {
		if (sc_pick_org(w->s, &w->r.f, "org", &w->org))
			form_focus(&w->r.f, "opened_on");
		return SCR_REDRAW;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        "检查", "退出" };

const struct screen showcase_dorm_form_screen = {
	.name = "示范寝室登记",
	.help = "登记一间党员示范寝室：楼栋、房号、所在党组织（F4 选择）、挂牌日期和寝室成员。\n"
	        "党员成员在该栏按 F4 逐个选择加入；非党员写在「其他成员」，用顿号分隔。\n"
	        "至少要有 dangjian.ini [showcase] dorm_min_members 名状态正常的党员（默认 2 名）。\n"
	        "保存后按 F9 登记检查评比：各项得分（[showcase] dorm_items 配置项目和满分），总分自动计算。\n"
	        "F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
	.resume = resume,
};
