/* meeting_sheet.c — 签到表: who came to a meeting.  One key marks a member
 * and moves down (1 出席, 2 请假, 3 缺席, 4 列席, 0 不计); Enter types the
 * reason of a leave or absence; the counts follow every key.  F2 saves the
 * whole sheet under the meeting's version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memrows.h"
#include "core/text.h"
#include "orglife/attendance.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"

struct sheet {
	struct session *s;
	struct meeting_arg *arg;
	struct att_sheet sh;
	char (*py)[32];
	struct live_rows lr;
	struct row_source *rs;
	struct grid g;
	int dirty;
};

static const struct rs_column cols[] = {
	{ "序号", 4, 0, 1, 0 }, { "姓名", 16, 0, 0, 0 }, { "所在组织", 20, 1, 0, 0 },
	{ "签到", 6, 0, 0, 0 }, { "事由", 16, 1, 0, 0 },
};

static int row_count(void *ctx)
{
	return ((struct sheet *)ctx)->sh.n;
}

static void row_cell(void *ctx, int i, int c, char *out, size_t cap)
{
	const struct att_row *r = &((struct sheet *)ctx)->sh.rows[i];
	int with_reason = r->state == ATT_LEAVE || r->state == ATT_ABSENT;
	switch (c) {
	case 0: snprintf(out, cap, "%d", i + 1); break;
	case 1: snprintf(out, cap, *r->tell ? "%s %s" : "%s%s", r->name, r->tell); break;
	case 2: snprintf(out, cap, "%s", r->org); break;
	case 3: snprintf(out, cap, "%s", r->state ? att_state_names[r->state] : "－"); break;
	default: snprintf(out, cap, "%s", with_reason ? r->reason : ""); break;
	}
}

static const char *row_py(void *ctx, int i)
{
	return ((struct sheet *)ctx)->py[i];
}

static int row_flags(void *ctx, int i)
{
	int st = ((struct sheet *)ctx)->sh.rows[i].state;
	return st == ATT_ABSENT ? RS_FLAG_WARN : st == ATT_NONE ? RS_FLAG_DIM : 0;
}

static void drop(struct sheet *w)
{
	if (w->rs)
		grid_free(&w->g);
	row_source_free(w->rs);
	w->rs = NULL;
	attendance_free(&w->sh);
	free(w->py);
	w->py = NULL;
}

static int load(struct sheet *w, struct dj_err *e)
{
	drop(w);
	if (attendance_load(w->s, w->arg->id, &w->sh, e))
		return -1;
	w->py = calloc(w->sh.n > 0 ? (size_t)w->sh.n : 1, sizeof *w->py);
	w->lr = (struct live_rows){ w, row_count, row_cell, row_py, row_flags, 1 };
	if (w->py)
		w->rs = live_rows_new(&w->lr, cols, 5);
	if (!w->rs || grid_init(&w->g, w->rs, frame_body_top() + 2, 0)) {
		row_source_free(w->rs);
		w->rs = NULL;
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	}
	for (int i = 0; i < w->sh.n; i++)
		pinyin_initials_person(w->sh.rows[i].name, w->py[i], sizeof w->py[i]);
	w->g.empty_text = w->sh.is_group
	                  ? "该党小组还没有分配党员，请在党员信息中设置「所在党小组」"
	                  : "该组织（含下级）没有在册党员。请先在党员管理中登记党员";
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
	w->arg->read_version = w->sh.version;
	w->arg->saved_id = w->sh.meeting_id;
	return w;
}

static void close_sheet(void *st)
{
	struct sheet *w = st;
	drop(w);
	free(w);
}

static void draw_counts(struct sheet *w)
{
	struct att_counts c;
	char text[160];
	attendance_count(w->sh.rows, w->sh.n, &c);
	meeting_counts_text(&c, text, sizeof text);
	frame_status(text, w->dirty ? "未保存（F2 保存）" : "");
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct sheet *w = st;
	char head[512];
	snprintf(head, sizeof head, "%s  %s  %s  主题：%s", w->sh.date, w->sh.type, w->sh.org,
	         w->sh.topic);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	draw_text(frame_body_top() + 1, 0, term_cols(),
	          "按键：1 出席  2 请假  3 缺席  4 列席  0 不计（非应到）  回车 填写事由", ST_NORMAL);
	grid_draw(&w->g);
	draw_counts(w);
}

static struct att_row *selected(struct sheet *w)
{
	int i = live_rows_index(grid_selected_id(&w->g));
	return i >= 0 && i < w->sh.n ? &w->sh.rows[i] : NULL;
}

/* The row changed: show it, go to the next one, recount. */
static void after_change(struct sheet *w)
{
	struct key down = { K_DOWN, 0 };
	w->dirty = 1;
	grid_refresh(&w->g);
	grid_key(&w->g, down);
	grid_draw(&w->g);
	draw_counts(w);
}

static int may_edit(struct sheet *w)
{
	if (w->s->role != ROLE_VIEWER)
		return 1;
	frame_message(MSG_ERROR, "您是只读用户，不能修改签到表");
	return 0;
}

static enum outcome mark(struct sheet *w, int state)
{
	struct att_row *r = selected(w);
	if (!r || !may_edit(w))
		return SCR_HANDLED;
	r->state = state;
	after_change(w);
	return SCR_HANDLED;
}

static enum outcome reason(struct sheet *w)
{
	struct att_row *r = selected(w);
	if (!r || !may_edit(w))
		return SCR_HANDLED;
	if (r->state != ATT_LEAVE && r->state != ATT_ABSENT) {
		frame_message(MSG_ERROR, "%s 为「%s」，只有请假、缺席需要填写事由（先按 2 或 3）", r->name,
		              r->state ? att_state_names[r->state] : "不计");
		return SCR_HANDLED;
	}
	char text[sizeof r->reason], title[160];
	snprintf(text, sizeof text, "%s", r->reason);
	snprintf(title, sizeof title, "%s %s", r->name, att_state_names[r->state]);
	if (dialog_input(title, "事由：", text, sizeof text)) {
		utf8_trim(text);
		snprintf(r->reason, sizeof r->reason, "%s", text);
		after_change(w);
	}
	return SCR_HANDLED;
}

static int save(struct sheet *w)
{
	struct dj_err e;
	if (!may_edit(w))
		return -1;
	int rc = attendance_save(w->s, &w->sh, &e);
	if (rc == DJ_CONFLICT) {
		if (dialog_ask("此会议的签到表或会议记录已被他人修改。\n"
		               "重新读取最新的签到表？（选「否」保留您标记的内容）", 0)) {
			if (load(w, &e))
				frame_message(MSG_ERROR, "%s", e.msg);
			else
				frame_message(MSG_INFO, "已重新读取，请重新标记后保存");
			w->arg->read_version = w->sh.version;
		} else {
			frame_message(MSG_ERROR, "%s", e.msg);
		}
		return -1;
	}
	if (rc) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	struct att_counts c;
	char text[160];
	attendance_count(w->sh.rows, w->sh.n, &c);
	meeting_counts_text(&c, text, sizeof text);
	frame_message(MSG_INFO, "已保存签到表：%s", text);
	w->dirty = 0;
	w->arg->new_version = w->sh.version;
	w->arg->saved_id = w->sh.meeting_id;
	grid_refresh(&w->g);
	return 0;
}

static enum outcome back(struct sheet *w)
{
	static const char *const answers[] = { "是，保存后返回", "否，不保存，返回" };
	if (!w->dirty)
		return SCR_BACK;
	switch (dialog_pick("保存签到表？", answers, 2, 0)) {
	case 0:
		return save(w) == 0 ? SCR_BACK : SCR_REDRAW;
	case 1:
		return SCR_BACK;
	default:
		return SCR_HANDLED;
	}
}

static int save_any(void *w) { return save(w); }

static void set_all(struct sheet *w, int state)
{
	if (!may_edit(w))
		return;
	for (int i = 0; i < w->sh.n; i++)
		w->sh.rows[i].state = state;
	w->dirty = 1;
	grid_refresh(&w->g);
}

static enum outcome actions(struct sheet *w)
{
	static const char *const items[] = { "全部标为出席", "全部标为不计（清空）", "导出签到表（xlsx/CSV）" };
	char name[256], date[9], heading[512];
	switch (dialog_pick("操作", items, 3, 0)) {
	case 0:
		set_all(w, ATT_PRESENT);
		break;
	case 1:
		set_all(w, ATT_NONE);
		break;
	case 2:
		list_file_date(date);
		snprintf(name, sizeof name, "签到表-%s-%s.xlsx", w->sh.date, date);
		snprintf(heading, sizeof heading, "%s %s %s 主题：%s", w->sh.date, w->sh.type, w->sh.org,
		         w->sh.topic);
		list_export_rows(w->rs, "导出签到表", name, heading);
		break;
	default:
		break;
	}
	return SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct sheet *w = st;
	if (k.code == K_CHAR) {
		switch (k.ch) {
		case L'1': return mark(w, ATT_PRESENT);
		case L'2': return mark(w, ATT_LEAVE);
		case L'3': return mark(w, ATT_ABSENT);
		case L'4': return mark(w, ATT_OBSERVER);
		case L'0': return mark(w, ATT_NONE);
		default: break;
		}
	}
	switch (k.code) {
	case K_ENTER:
		return reason(w);
	case K_F2:
		save(w);
		return SCR_REDRAW;
	case K_F3: case K_ESC:
		return back(w);
	case K_F10:
		return w->dirty ? app_quit_unsaved(save_any, w) : SCR_PASS;
	case K_F5:
		if (w->dirty && !dialog_ask("放弃未保存的标记，重新读取签到表？", 0))
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

static const char *const legend[10] = { "帮助", "保存", "返回", NULL, "重读", NULL, "查找", NULL,
                                        "操作", "退出" };

const struct screen meeting_sheet_screen = {
	.name = "签到表",
	.help = "一次会议的签到、请假记录。列出召开会议的组织（含下级党小组）的在册党员；\n"
	        "党小组会列出「所在党小组」为该党小组的党员。同名的党员在姓名后注出生年份\n"
	        "（同年出生的注身份证号末四位）。\n"
	        "在一行上按一个数字键即标记并移到下一行：\n"
	        "  1 出席   2 请假   3 缺席   4 列席   0 不计（不是应到人员，如支委会的非支委）\n"
	        "回车：为请假或缺席的党员填写事由。\n"
	        "应到 = 出席 + 请假 + 缺席；实到 = 出席；列席另计。底行随时显示人数。\n"
	        "新会议的签到表默认全部出席（支委会默认全部不计），只需标记例外。\n"
	        "F2 保存整张签到表。F5 重新读取。F7 或 / 按姓名或拼音首字母查找。\n"
	        "F9：全部标为出席、全部清空、导出签到表。F3 或 Esc 返回（未保存时询问）。",
	.legend = legend,
	.open = open_sheet,
	.close = close_sheet,
	.draw = draw,
	.key = key,
};
