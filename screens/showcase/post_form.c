/* post_form.c — one 党员示范岗 (示范岗登记表): the member (F4), 岗位名称,
 * 挂牌日期, the 岗位目标 and the public 岗位承诺, 摘牌; below, its 年度考核
 * and latest 跟踪/检查 notes.  F9 adds a note or the year's 考核. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "member/member.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "showcase/showcase.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/grid.h"

enum { NOTE_LINES = 5 };

struct post_rec {
	struct showcase_post p;
	char grades[160];                  /* 2026 优秀；2025 合格 */
	char notes[NOTE_LINES][160];       /* 2026-06-01 检查 李委员：承诺上墙 */
};

#define M(member) FORM_MEMBER(struct post_rec, member)
static const struct form_field field_table[] = {
	{ .key = "member", .label = "党员：", .row = 0, .col = 2, .width = 12, .type = FT_TEXT,
	  .required = 1, M(p.member),
	  .help = "按 F4 从在册党员中选择（可输入拼音首字母）；也可直接输入姓名，同名的须按 F4 选择。" },
	{ .key = "org", .label = "所在党组织：", .row = 0, .col = 42, .width = 24, .type = FT_READONLY,
	  .grow = 1, M(p.org), .help = "党员所在的党组织，保存后显示。" },
	{ .key = "name", .label = "岗位名称：", .row = 1, .col = 2, .width = 24, .type = FT_TEXT,
	  .required = 1, M(p.name), .help = "示范岗的名称，如「窗口服务岗」「护林岗」。" },
	{ .key = "opened_on", .label = "挂牌日期：", .row = 1, .col = 42, .width = 10,
	  .type = FT_DATE, .required = 1, M(p.opened_on), .help = "示范岗挂牌的日期，不能晚于今天。" },
	{ .key = "goal", .label = "岗位目标：", .row = 2, .col = 2, .width = 64, .height = 3,
	  .type = FT_NOTE, .grow = 1, M(p.goal),
	  .help = "岗位要达到的目标。多行文字：回车换行，Tab 到下一项。" },
	{ .key = "pledge", .label = "岗位承诺：", .row = 5, .col = 2, .width = 64, .height = 3,
	  .type = FT_NOTE, .required = 1, .grow = 1, M(p.pledge),
	  .help = "向群众公开的承诺（亮身份、作承诺）。多行文字：回车换行，Tab 到下一项。" },
	{ .key = "closed_on", .label = "摘牌日期：", .row = 8, .col = 2, .width = 10, .type = FT_DATE,
	  M(p.closed_on), .help = "示范岗结束时填写，须同时填写摘牌原因；在岗时留空。" },
	{ .key = "close_reason", .label = "摘牌原因：", .row = 8, .col = 42, .width = 24,
	  .type = FT_TEXT, .grow = 1, M(p.close_reason), .help = "摘牌的原因，如「岗位调整」。" },
	{ .key = "grades", .label = "年度考核：", .row = 10, .col = 2, .width = 64,
	  .type = FT_READONLY, .grow = 1, M(grades), .help = "历年考核等次；F9 登记本年考核。" },
	{ .key = "note0", .label = "跟踪检查：", .row = 11, .col = 2, .width = 64,
	  .type = FT_READONLY, .grow = 1, M(notes[0]), .help = "最近的跟踪、检查记录；F9 新增。" },
	{ .key = "note1", .label = "", .row = 12, .col = 12, .width = 64, .type = FT_READONLY,
	  .grow = 1, M(notes[1]) },
	{ .key = "note2", .label = "", .row = 13, .col = 12, .width = 64, .type = FT_READONLY,
	  .grow = 1, M(notes[2]) },
	{ .key = "note3", .label = "", .row = 14, .col = 12, .width = 64, .type = FT_READONLY,
	  .grow = 1, M(notes[3]) },
	{ .key = "note4", .label = "", .row = 15, .col = 12, .width = 64, .type = FT_READONLY,
	  .grow = 1, M(notes[4]) },
};
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct post_form {
	struct session *s;
	struct showcase_arg *arg;
	struct post_rec rec, draft;
	struct record_form r;
	int64_t picked_id;          /* the member chosen with F4 … */
	char picked_name[64];       /* … under this name */
	struct showcase_note_arg note;
};

/* The post's 考核 and latest notes as the read-only lines show them. */
static void lines_of(struct session *s, struct post_rec *r)
{
	struct showcase_grade g[6];
	struct showcase_note n[NOTE_LINES];
	size_t at = 0;
	r->grades[0] = 0;
	int ng = r->p.id ? showcase_grades(s, r->p.id, g, 6) : 0;
	for (int i = 0; i < ng && i < 6; i++)
		at += (size_t)snprintf(r->grades + at, sizeof r->grades - at, "%s%d %s", i ? "；" : "",
		                       g[i].year, g[i].grade);
	if (r->p.id && ng <= 0)
		snprintf(r->grades, sizeof r->grades, "尚未考核（F9 登记）");
	int nn = r->p.id ? showcase_notes(s, r->p.id, n, NOTE_LINES) : 0;
	for (int i = 0; i < NOTE_LINES; i++)
		if (i < nn)
			snprintf(r->notes[i], sizeof r->notes[i], "%s %s %s：%s", n[i].on_date, n[i].kind,
			         n[i].by_whom, n[i].body);
		else
			r->notes[i][0] = 0;
	for (int i = 0; i < NOTE_LINES; i++)   /* a note of several lines shows as one */
		for (char *c = r->notes[i]; *c; c++)
			if (*c == '\n' || *c == '\t')
				*c = ' ';
}

static int load_post(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct post_form *w = ctx;
	struct post_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (showcase_post_load(w->s, id, &r->p, e))
		return e ? e->code : DJ_DB;
	lines_of(w->s, r);
	w->picked_id = r->p.member_id;
	snprintf(w->picked_name, sizeof w->picked_name, "%s", r->p.member);
	return 0;
}

/* The member: the one picked while its name is still in the field, else
 * the one the typed name names. */
static int save_post(void *ctx, void *draft, struct dj_err *e)
{
	struct post_form *w = ctx;
	struct post_rec *r = draft;
	if (w->picked_id && strcmp(r->p.member, w->picked_name) == 0)
		r->p.member_id = w->picked_id;
	else if (showcase_member_named(w->s, r->p.member, "member", &r->p.member_id, e))
		return DJ_INVALID;
	int rc = showcase_post_save(w->s, &r->p, e);
	if (rc == 0)
		lines_of(w->s, r);
	return rc;
}

static const struct record_ops post_ops = {
	.table = "showcase_post", .size = sizeof(struct post_rec),
	.id_at = offsetof(struct post_rec, p.id), .words = RECORD_TELL,
	.load = load_post, .save = save_post,
};

static void pick_member(struct post_form *w)
{
	char filter[64] = "";
	struct rs_row row;
	struct row_source *rs = member_list_source(w->s, 0, 0);
	if (!rs) {
		frame_message(MSG_ERROR, "无法读取党员列表");
		return;
	}
	int picked = grid_pick(rs, "选择党员（可输入拼音首字母）", filter, sizeof filter,
	                       w->picked_id, &row);
	row_source_free(rs);
	if (!picked)
		return;
	w->picked_id = row.key.id;
	snprintf(w->picked_name, sizeof w->picked_name, "%s", row.cell[0]);
	form_set(&w->r.f, "member", w->picked_name);
	form_focus(&w->r.f, "name");
}

static void *open_form(struct app *a, void *arg)
{
	struct post_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->r = (struct record_form){ .ops = &post_ops, .s = w->s, .ctx = w, .rec = &w->rec };
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
	struct post_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct post_form *w = st;
	form_draw(&w->r.f);
	frame_status(w->rec.p.id ? "党员示范岗登记表" : "新增党员示范岗",
	             w->rec.p.id ? "F2 保存  F4 选择  F9 记录和考核" : "F2 保存  F4 选择");
}

/* Read again after a note or a 考核: the lines below change, what is typed
 * above stays. */
static void refresh_lines(struct post_form *w)
{
	int dirty = form_is_dirty(&w->r.f);
	lines_of(w->s, &w->rec);
	form_set(&w->r.f, "grades", w->rec.grades);
	for (int i = 0; i < NOTE_LINES; i++) {
		char key[8];
		snprintf(key, sizeof key, "note%d", i);
		form_set(&w->r.f, key, w->rec.notes[i]);
	}
	if (!dirty)   /* new lines below are no change to save */
		form_saved(&w->r.f, &w->rec);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct post_form *w = st;
	if (w->note.done) {
		refresh_lines(w);
		w->arg->changed = 1;
	}
	w->note.done = 0;
}

static int save(void *st)
{
	struct post_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.p.id;
	w->arg->changed = 1;
	if (!w->arg->id)
		w->arg->id = w->draft.p.id;   /* stays open on the saved post: F9 adds to it */
	frame_message(MSG_INFO, "已保存「%s」的党员示范岗「%s」", w->draft.p.member, w->draft.p.name);
	return 0;
}

/* 年度考核: the year, grade, date, 考核人 and 评语, asked until the core takes
 * them (what was typed is asked again with the reason). */
static void add_grade(struct post_form *w)
{
	char grades[SHOWCASE_MAX_CHOICES][64], year[8], on[16], who[64] = "", note[256] = "";
	const char *items[SHOWCASE_MAX_CHOICES];
	int n = showcase_post_grades(w->s, grades, SHOWCASE_MAX_CHOICES);
	for (int i = 0; i < n; i++)
		items[i] = grades[i];
	today(on);
	snprintf(year, sizeof year, "%.4s", on);
	int pick = 0;
	struct dj_err e;
	for (;;) {
		if (!dialog_input("年度考核", "考核年度：", year, sizeof year))
			return;
		if ((pick = dialog_pick("考核等次", items, n, pick)) < 0)
			return;
		if (!dialog_input("年度考核", "考核日期：", on, sizeof on) ||
		    !dialog_input("年度考核", "考核人：", who, sizeof who) ||
		    !dialog_input("年度考核", "评语（可留空）：", note, sizeof note))
			return;
		struct showcase_grade g = { .post_id = w->rec.p.id, .year = atoi(year) };
		snprintf(g.grade, sizeof g.grade, "%s", grades[pick]);
		snprintf(g.on_date, sizeof g.on_date, "%s", on);
		snprintf(g.assessor, sizeof g.assessor, "%s", who);
		snprintf(g.note, sizeof g.note, "%s", note);
		if (showcase_grade_add(w->s, &g, &e) == 0) {
			frame_message(MSG_INFO, "已登记 %d 年考核：%s", g.year, g.grade);
			refresh_lines(w);
			w->arg->changed = 1;
			return;
		}
		dialog_message("不能登记考核", e.msg);
		if (e.code == DJ_DENIED)
			return;
	}
}

static enum outcome actions(struct post_form *w, struct app *a)
{
	static const char *const items[] = { "新增跟踪记录", "新增检查记录", "年度考核" };
	if (!w->rec.p.id) {
		frame_message(MSG_ERROR, "请先按 F2 保存示范岗，再登记记录和考核");
		return SCR_HANDLED;
	}
	if (w->s->role == ROLE_VIEWER) {
		frame_message(MSG_ERROR, "您是只读用户，不能登记记录和考核");
		return SCR_HANDLED;
	}
	int pick = dialog_pick("示范岗记录和考核", items, 3, 0);
	if (pick == 0 || pick == 1) {
		w->note = (struct showcase_note_arg){ .post_id = w->rec.p.id,
		                                      .kind = pick ? "检查" : "跟踪" };
		app_push(a, &showcase_note_form_screen, &w->note);
		return SCR_PUSH;
	}
	if (pick == 2)
		add_grade(w);
	return SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct post_form *w = st;
	int locked = w->s->role == ROLE_VIEWER;
	if (locked && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	if (k.code == K_F9)
		return actions(w, a);
	const char *at = form_current_key(&w->r.f);
	if (!locked && k.code == K_F4 && at && strcmp(at, "member") == 0) {
		pick_member(w);
		return SCR_REDRAW;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        "记录", "退出" };

const struct screen showcase_post_form_screen = {
	.name = "示范岗登记",
	.help = "登记一个党员示范岗：党员（F4 选择）、岗位名称、挂牌日期、岗位目标、公开的岗位承诺。\n"
	        "示范岗结束时填写摘牌日期和原因（记录保留）。\n"
	        "保存后按 F9：新增跟踪记录、检查记录（日期、记录人、内容），或登记年度考核\n"
	        "（每年一次，等次在 dangjian.ini [showcase] post_grades 配置）。\n"
	        "考核结果作为评选优秀党员的依据。F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
	.resume = resume,
};
