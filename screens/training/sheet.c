/* sheet.c — 参训名单: who attended a training session.  One key marks a
 * member and moves down (1 参加, 0 未参加); Enter types a member's own
 * hours where they differ from the session's; F4 adds a member from any
 * organization by name or pinyin initials.  F2 saves the whole list under
 * the session's version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memrows.h"
#include "core/text.h"
#include "member/member.h"
#include "screens/common/list_screen.h"
#include "screens/common/print_dialog.h"
#include "screens/common/screens.h"
#include "training/training.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"

struct sheet {
	struct session *s;
	struct training_arg *arg;
	struct trn_sheet sh;
	char (*py)[32];
	int npy;
	struct live_rows lr;
	struct row_source *rs;
	struct grid g;
	int dirty;
};

static const struct rs_column cols[] = {
	{ "序号", 4, 0, 1, 0 }, { "姓名", 16, 0, 0, 0 }, { "所在组织", 24, 1, 0, 0 },
	{ "参训", 6, 0, 0, 0 }, { "本人学时", 8, 0, 1, 0 },
};

static int row_count(void *ctx)
{
	return ((struct sheet *)ctx)->sh.n;
}

static void row_cell(void *ctx, int i, int c, char *out, size_t cap)
{
	const struct trn_row *r = &((struct sheet *)ctx)->sh.rows[i];
	switch (c) {
	case 0: snprintf(out, cap, "%d", i + 1); break;
	case 1: snprintf(out, cap, *r->tell ? "%s %s" : "%s%s", r->name, r->tell); break;
	case 2: snprintf(out, cap, "%s", r->org); break;
	case 3: snprintf(out, cap, "%s", r->on ? "参加" : "未参加"); break;
	default:
		if (r->on && r->own2)
			training_format_hours(r->own2, out, cap);
		else
			out[0] = 0;
		break;
	}
}

static const char *row_py(void *ctx, int i)
{
	struct sheet *w = ctx;
	return i < w->npy ? w->py[i] : "";
}

static int row_flags(void *ctx, int i)
{
	return ((struct sheet *)ctx)->sh.rows[i].on ? 0 : RS_FLAG_DIM;
}

static void drop(struct sheet *w)
{
	if (w->rs)
		grid_free(&w->g);
	row_source_free(w->rs);
	w->rs = NULL;
	training_sheet_free(&w->sh);
	free(w->py);
	w->py = NULL;
	w->npy = 0;
}

/* The pinyin initials F7 finds by, for rows [from, sh.n). */
static int index_names(struct sheet *w, int from)
{
	void *more = realloc(w->py, (size_t)(w->sh.n > 0 ? w->sh.n : 1) * sizeof *w->py);
	if (!more)
		return -1;
	w->py = more;
	for (int i = from; i < w->sh.n; i++)
		pinyin_initials_person(w->sh.rows[i].name, w->py[i], sizeof w->py[i]);
	w->npy = w->sh.n;
	return 0;
}

static int load(struct sheet *w, struct dj_err *e)
{
	drop(w);
	if (training_sheet_load(w->s, w->arg->id, &w->sh, e))
		return -1;
	w->lr = (struct live_rows){ w, row_count, row_cell, row_py, row_flags, 1 };
	if (index_names(w, 0) == 0)
		w->rs = live_rows_new(&w->lr, cols, 5);
	if (!w->rs || grid_init(&w->g, w->rs, frame_body_top() + 2, 0)) {
		row_source_free(w->rs);
		w->rs = NULL;
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	}
	w->g.empty_text = "参训组织（含下级）没有在册党员；按 F4 按姓名或拼音首字母添加其他组织的党员";
	w->dirty = 0;
	return 0;
}

static void *open_sheet(struct app *a, void *arg)
{
	struct sheet *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (load(w, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		drop(w);
		free(w);
		return NULL;
	}
	return w;
}

static void close_sheet(void *st)
{
	struct sheet *w = st;
	drop(w);
	free(w);
}

static void counts_text(struct sheet *w, char *out, size_t cap)
{
	int on, hours2;
	char h[16], total[16];
	training_sheet_count(&w->sh, &on, &hours2);
	training_format_hours(w->sh.hours2, h, sizeof h);
	training_format_hours(hours2, total, sizeof total);
	snprintf(out, cap, "共 %d 人  参加 %d 人  每人 %s 学时  合计 %s 学时", w->sh.n, on, h, total);
}

static void draw_counts(struct sheet *w)
{
	char text[160];
	counts_text(w, text, sizeof text);
	frame_status(text, w->dirty ? "未保存（F2 保存）" : "");
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct sheet *w = st;
	char head[512], h[16];
	training_format_hours(w->sh.hours2, h, sizeof h);
	snprintf(head, sizeof head, "%s  %s  %s 学时  %s", w->sh.date, w->sh.title, h, w->sh.org);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	draw_text(frame_body_top() + 1, 0, term_cols(),
	          "按键：1 参加  0 未参加  回车 本人学时  F4 添加其他组织的党员", ST_NORMAL);
	grid_draw(&w->g);
	draw_counts(w);
}

static struct trn_row *selected(struct sheet *w)
{
	int i = live_rows_index(grid_selected_id(&w->g));
	return i >= 0 && i < w->sh.n ? &w->sh.rows[i] : NULL;
}

static void after_change(struct sheet *w, int move)
{
	struct key down = { K_DOWN, 0 };
	w->dirty = 1;
	grid_refresh(&w->g);
	if (move)
		grid_key(&w->g, down);
	grid_draw(&w->g);
	draw_counts(w);
}

static int may_edit(struct sheet *w)
{
	if (w->s->role != ROLE_VIEWER)
		return 1;
	frame_message(MSG_ERROR, "您是只读用户，不能修改参训名单");
	return 0;
}

static enum outcome mark(struct sheet *w, int on)
{
	struct trn_row *r = selected(w);
	if (!r || !may_edit(w))
		return SCR_HANDLED;
	r->on = on;
	after_change(w, 1);
	return SCR_HANDLED;
}

static enum outcome own_hours(struct sheet *w)
{
	struct trn_row *r = selected(w);
	if (!r || !may_edit(w))
		return SCR_HANDLED;
	if (!r->on) {
		frame_message(MSG_ERROR, "%s 为「未参加」，先按 1 标为参加再填写本人学时", r->name);
		return SCR_HANDLED;
	}
	char text[16] = "", title[160], why[WHY_MAX];
	if (r->own2)
		training_format_hours(r->own2, text, sizeof text);
	snprintf(title, sizeof title, "%s 本人学时（留空为本次培训的学时）", r->name);
	int half2 = 0;
	/* a value refused is asked for again with what was typed still there */
	for (;;) {
		if (!dialog_input(title, "本人学时：", text, sizeof text))
			return SCR_REDRAW;
		utf8_trim(text);
		half2 = 0;
		if (!*text || training_parse_hours(text, &half2, why) == 0)
			break;
		frame_message(MSG_ERROR, "「本人学时」%s：%s（%s）", why, text, r->name);
	}
	r->own2 = half2 == w->sh.hours2 ? 0 : half2;
	after_change(w, 0);
	return SCR_REDRAW;
}

static enum outcome add_member(struct sheet *w)
{
	if (!may_edit(w))
		return SCR_HANDLED;
	char filter[128] = "";
	struct rs_row row;
	struct dj_err e;
	struct row_source *rs = member_list_source(w->s, 0, 0);
	if (!rs) {
		frame_message(MSG_ERROR, "无法读取党员名单");
		return SCR_REDRAW;
	}
	int picked = grid_pick(rs, "添加参训党员（输入姓名或拼音首字母）", filter, sizeof filter, 0, &row);
	row_source_free(rs);
	if (!picked)
		return SCR_REDRAW;
	int at = training_sheet_add(w->s, &w->sh, row.key.id, &e);
	if (at < 0 || index_names(w, at)) {
		frame_message(MSG_ERROR, "%s", at < 0 ? e.msg : "内存不足");
		return SCR_REDRAW;
	}
	w->dirty = 1;
	grid_refresh(&w->g);
	grid_select_id(&w->g, at + 1);
	frame_message(MSG_INFO, "已添加 %s（参加），按 F2 保存", w->sh.rows[at].name);
	draw_counts(w);
	return SCR_REDRAW;
}

static int save(struct sheet *w)
{
	struct dj_err e;
	if (!may_edit(w))
		return -1;
	int rc = training_sheet_save(w->s, &w->sh, &e);
	if (rc == DJ_CONFLICT) {
		if (dialog_ask("此培训记录或参训名单已被他人修改。\n"
		               "重新读取最新的参训名单？（选「否」保留您标记的内容）", 0)) {
			if (load(w, &e))
				frame_message(MSG_ERROR, "%s", e.msg);
			else
				frame_message(MSG_INFO, "已重新读取，请重新标记后保存");
		} else {
			frame_message(MSG_ERROR, "%s", e.msg);
		}
		return -1;
	}
	if (rc) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	char text[160];
	counts_text(w, text, sizeof text);
	frame_message(MSG_INFO, "已保存参训名单：%s", text);
	w->dirty = 0;
	w->arg->saved_id = w->sh.training_id;
	w->arg->changed = 1;
	grid_refresh(&w->g);
	return 0;
}

static enum outcome back(struct sheet *w)
{
	static const char *const answers[] = { "是，保存后返回", "否，不保存，返回" };
	if (!w->dirty)
		return SCR_BACK;
	switch (dialog_pick("保存参训名单？", answers, 2, 0)) {
	case 0: return save(w) == 0 ? SCR_BACK : SCR_REDRAW;
	case 1: return SCR_BACK;
	default: return SCR_HANDLED;
	}
}

static int save_any(void *w) { return save(w); }

static void set_all(struct sheet *w, int on)
{
	if (!may_edit(w))
		return;
	for (int i = 0; i < w->sh.n; i++)
		w->sh.rows[i].on = on;
	w->dirty = 1;
	grid_refresh(&w->g);
}

static void export_list(struct sheet *w)
{
	char name[256], date[9], heading[512], h[16];
	list_file_date(date);
	training_format_hours(w->sh.hours2, h, sizeof h);
	snprintf(name, sizeof name, "参训名单-%s-%s.xlsx", w->sh.date, date);
	snprintf(heading, sizeof heading, "%s %s（%s 学时）%s", w->sh.date, w->sh.title, h, w->sh.org);
	list_export_rows(w->rs, "导出参训名单", name, heading);
}

static enum outcome actions(struct sheet *w)
{
	static const char *const items[] = { "全部标为参加", "全部标为未参加", "导出参训名单（xlsx/CSV）",
	                                     "打印学时登记表（PDF）" };
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0: set_all(w, 1); break;
	case 1: set_all(w, 0); break;
	case 2: export_list(w); break;
	case 3:
		if (w->dirty) {
			frame_message(MSG_ERROR, "参训名单尚未保存，请先按 F2 保存再打印");
			break;
		}
		print_dialog(w->s, FORM_TRAINING, w->sh.training_id, 0);
		break;
	default: break;
	}
	return SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct sheet *w = st;
	if (k.code == K_CHAR && (k.ch == L'1' || k.ch == L'0'))
		return mark(w, k.ch == L'1');
	switch (k.code) {
	case K_ENTER:
		return own_hours(w);
	case K_F2:
		save(w);
		return SCR_REDRAW;
	case K_F3: case K_ESC:
		return back(w);
	case K_F4:
		return add_member(w);
	case K_F10:
		return w->dirty ? app_quit_unsaved(save_any, w) : SCR_PASS;
	case K_F5:
		if (w->dirty && !dialog_ask("放弃未保存的标记，重新读取参训名单？", 0))
			return SCR_HANDLED;
		{
			struct dj_err e;
			if (load(w, &e))
				frame_message(MSG_ERROR, "%s", e.msg);
		}
		return SCR_REDRAW;
	case K_F9:
		return actions(w);
	default:
		break;
	}
	if (grid_key(&w->g, k) == GRID_HANDLED) {
		draw_counts(w);
		return SCR_HANDLED;
	}
	return SCR_PASS;
}

static const char *const legend[10] = { "帮助", "保存", "返回", "添加", "重读", NULL, "查找", NULL,
                                        "操作", "退出" };

const struct screen training_sheet_screen = {
	.name = "参训名单",
	.help = "一次培训的参训党员。列出参训组织（含下级）的在册党员和已登记参训的党员。\n"
	        "在一行上按一个数字键即标记并移到下一行：1 参加   0 未参加\n"
	        "回车：填写该党员的本人学时（与本次培训学时不同时，如中途离开；留空为本次学时）。\n"
	        "F4：按姓名或拼音首字母添加其他组织的党员（标为参加）。\n"
	        "底行随时显示参加人数和学时合计。F2 保存整张名单，保存后学时即计入学时台账。\n"
	        "F5 重新读取。F7 或 / 按姓名或拼音首字母查找。\n"
	        "F9：全部参加、全部未参加、导出参训名单、打印学时登记表。F3 或 Esc 返回（未保存时询问）。",
	.legend = legend,
	.open = open_sheet,
	.close = close_sheet,
	.draw = draw,
	.key = key,
};
