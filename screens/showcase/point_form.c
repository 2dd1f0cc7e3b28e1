/* point_form.c — one 党建示范点 (示范点登记表): the organization (F4), its
 * level from [showcase] point_levels, the date it was named and a note;
 * below, its year checks.  F9 records the year's check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "screens/showcase/pick.h"
#include "showcase/showcase.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

enum { CHECK_LINES = 8 };

struct point_rec {
	struct showcase_point p;
	char org[128];
	char checks[CHECK_LINES][200];
};

#define M(member) FORM_MEMBER(struct point_rec, member)
#define CHECK_LINE(i) { .key = "check" #i, .label = i ? "" : "年度检查：", .row = 4 + i, \
	.col = i ? 12 : 2, .width = 66, .type = FT_READONLY, .grow = 1, M(checks[i]), \
	.help = "历年检查：年度、日期、结果和备注。F9 登记。" }
static const struct form_field field_table[] = {
	{ .key = "org", .label = "党组织：", .row = 0, .col = 2, .width = 28, .type = FT_TEXT,
	  .required = 1, .grow = 1, M(org), .help = "确定为示范点的党组织。按 F4 选择，或输入全称。" },
	{ .key = "level", .label = "示范点级别：", .row = 1, .col = 2, .width = 12, .type = FT_CHOICE,
	  .required = 1, M(p.level),
	  .help = "按 F4 选择（dangjian.ini [showcase] point_levels，默认党总支示范点、党支部示范点）。" },
	{ .key = "opened_on", .label = "确定日期：", .row = 1, .col = 42, .width = 10,
	  .type = FT_DATE, .required = 1, M(p.opened_on), .help = "确定为示范点的日期。" },
	{ .key = "note", .label = "备注：", .row = 2, .col = 2, .width = 64, .type = FT_TEXT,
	  .grow = 1, M(p.note) },
	CHECK_LINE(0), CHECK_LINE(1), CHECK_LINE(2), CHECK_LINE(3), CHECK_LINE(4), CHECK_LINE(5),
	CHECK_LINE(6), CHECK_LINE(7),
};
#undef CHECK_LINE
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct point_form {
	struct session *s;
	struct showcase_arg *arg;
	struct point_rec rec, draft;
	struct record_form r;
	struct form_field defs[NFIELDS];
	char levels[SHOWCASE_MAX_CHOICES][64];
	const char *level_list[SHOWCASE_MAX_CHOICES + 1];
	struct sc_org_pick org;
};

static void check_lines(struct session *s, struct point_rec *r)
{
	struct showcase_point_check c[CHECK_LINES];
	int n = r->p.id ? showcase_point_checks(s, r->p.id, c, CHECK_LINES) : 0;
	for (int i = 0; i < CHECK_LINES; i++)
		if (i < n)
			snprintf(r->checks[i], sizeof r->checks[i], "%d 年 %s %s%s%s", c[i].year,
			         c[i].on_date, c[i].result, *c[i].note ? "：" : "", c[i].note);
		else
			r->checks[i][0] = 0;
}

static int load_point(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct point_form *w = ctx;
	struct point_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (showcase_point_load(w->s, id, &r->p, e))
		return e ? e->code : DJ_DB;
	snprintf(r->org, sizeof r->org, "%s", r->p.org);
	check_lines(w->s, r);
	w->org.id = r->p.org_id;
	snprintf(w->org.name, sizeof w->org.name, "%s", r->p.org);
	return 0;
}

static int save_point(void *ctx, void *draft, struct dj_err *e)
{
	struct point_form *w = ctx;
	struct point_rec *r = draft;
	if (sc_org_of(w->s, r->org, &w->org, &r->p.org_id, "org", "党组织", e))
		return DJ_INVALID;
	int rc = showcase_point_save(w->s, &r->p, e);
	if (rc == 0)
		check_lines(w->s, r);
	return rc;
}

static const struct record_ops point_ops = {
	.table = "showcase_point", .size = sizeof(struct point_rec),
	.id_at = offsetof(struct point_rec, p.id), .words = RECORD_TELL,
	.load = load_point, .save = save_point,
};

static void *open_form(struct app *a, void *arg)
{
	struct point_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	memcpy(w->defs, field_table, sizeof field_table);
	int n = showcase_point_levels(w->s, w->levels, SHOWCASE_MAX_CHOICES);
	for (int i = 0; i < n; i++)
		w->level_list[i] = w->levels[i];
	w->level_list[n] = NULL;
	w->defs[1].choices = w->level_list;
	w->r = (struct record_form){ .ops = &point_ops, .s = w->s, .ctx = w, .rec = &w->rec };
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
	struct point_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct point_form *w = st;
	form_draw(&w->r.f);
	frame_status(w->rec.p.id ? "党建示范点登记表" : "新增党建示范点",
	             w->rec.p.id ? "F2 保存  F4 选择  F9 年度检查" : "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct point_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.p.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存党建示范点「%s」（%s）", w->draft.p.org, w->draft.p.level);
	return 0;
}

/* 年度检查: the year, date, result and a note, asked until the core takes
 * them (what was typed is asked again with the reason). */
static void add_check(struct point_form *w)
{
	char results[SHOWCASE_MAX_CHOICES][64], year[8], on[16], note[256] = "";
	const char *items[SHOWCASE_MAX_CHOICES];
	int n = showcase_point_results(w->s, results, SHOWCASE_MAX_CHOICES), pick = 0;
	for (int i = 0; i < n; i++)
		items[i] = results[i];
	today(on);
	snprintf(year, sizeof year, "%.4s", on);
	struct dj_err e;
	for (;;) {
		if (!dialog_input("年度检查", "检查年度：", year, sizeof year) ||
		    !dialog_input("年度检查", "检查日期：", on, sizeof on))
			return;
		if ((pick = dialog_pick("检查结果", items, n, pick)) < 0 ||
		    !dialog_input("年度检查", "备注（可留空）：", note, sizeof note))
			return;
		struct showcase_point_check c = { .point_id = w->rec.p.id, .year = atoi(year) };
		snprintf(c.on_date, sizeof c.on_date, "%s", on);
		snprintf(c.result, sizeof c.result, "%s", results[pick]);
		snprintf(c.note, sizeof c.note, "%s", note);
		if (showcase_point_check_add(w->s, &c, &e) == 0) {
			int dirty = form_is_dirty(&w->r.f);
			check_lines(w->s, &w->rec);
			for (int i = 0; i < CHECK_LINES; i++) {
				char key[8];
				snprintf(key, sizeof key, "check%d", i);
				form_set(&w->r.f, key, w->rec.checks[i]);
			}
			if (!dirty)   /* new lines below are no change to save */
				form_saved(&w->r.f, &w->rec);
			w->arg->changed = 1;
			frame_message(MSG_INFO, "已登记 %d 年检查：%s", c.year, c.result);
			return;
		}
		dialog_message("不能登记检查", e.msg);
		if (e.code == DJ_DENIED)
			return;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct point_form *w = st;
	int locked = w->s->role == ROLE_VIEWER;
	if (locked && (k.code == K_F2 || k.code == K_F9)) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	if (k.code == K_F9) {
		if (!w->rec.p.id)
			frame_message(MSG_ERROR, "请先按 F2 保存示范点，再登记年度检查");
		else
			add_check(w);
		return SCR_REDRAW;
	}
	const char *at = form_current_key(&w->r.f);
	if (!locked && k.code == K_F4 && at && strcmp(at, "org") == 0) {
		if (sc_pick_org(w->s, &w->r.f, "org", &w->org))
			form_focus(&w->r.f, "level");
		return SCR_REDRAW;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        "检查", "退出" };

const struct screen showcase_point_form_screen = {
	.name = "示范点登记",
	.help = "登记一个党建示范点：党组织（F4 选择）、示范点级别、确定日期和备注。\n"
	        "每个党组织只登记一次。保存后按 F9 登记年度检查（每年一次：年度、日期、结果、备注；\n"
	        "结果在 dangjian.ini [showcase] point_results 配置）。F3 或 Esc 返回。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
