/* ledger.c — 学时台账: every member's hours of the year under a scope, by
 * organization, against the target; Tab shows only those short of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/validate.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "training/training.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct ledger {
	struct session *s;
	struct training_rules r;
	int year;
	int64_t scope;
	int short_only;
	char scope_name[128];
	long members, short_n;
	struct list_view list;
};

static int load(struct ledger *w, int keep)
{
	struct dj_err e;
	struct row_source *rs = training_ledger_source(w->s, &w->r, w->year, w->scope, w->short_only);
	if (list_view_show(&w->list, rs, 1, w->short_only ? "没有未达标的党员" : "范围内没有在册党员",
	                   keep, "学时台账"))
		return -1;
	list_scope_name(w->s, w->scope, w->scope_name, sizeof w->scope_name);
	if (training_ledger_totals(w->s, &w->r, w->year, w->scope, &w->members, &w->short_n, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else if (!grid_filter(&w->list.g)[0])
		/* Without a find the list is exactly those counted in the heading:
		 * 共 N 条 is 在册 N 人 (or 未达标 M 人 under Tab), not a second count. */
		grid_set_count(&w->list.g, w->short_only ? w->short_n : w->members);
	return 0;
}

static void *open_ledger(struct app *a, void *arg)
{
	(void)arg;
	struct ledger *w = calloc(1, sizeof *w);
	char now[11];
	if (!w)
		return NULL;
	w->s = a->session;
	training_rules_from(w->s->cfg, &w->r);
	w->year = w->s->cfg && w->s->cfg->year ? w->s->cfg->year : atoi(today(now));
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_ledger(void *st)
{
	struct ledger *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct ledger *w = st;
	char head[200], scope[200], target[16];
	training_format_hours(w->r.target2, target, sizeof target);
	snprintf(head, sizeof head, "%d 年  目标 %s 学时  在册 %ld 人  未达标 %ld 人%s", w->year, target,
	         w->members, w->short_n, w->short_only ? "（只看未达标）" : "");
	snprintf(scope, sizeof scope, "范围：%s（F4）", w->scope_name);
	int cols = term_cols(), sw = utf8_cols(scope) < cols / 2 ? utf8_cols(scope) : cols / 2;
	draw_text(frame_body_top(), 0, cols - sw, head, ST_HEADING);
	draw_text_right(frame_body_top(), cols - sw, sw, scope, ST_HEADING);
	grid_draw(&w->list.g);
}

static enum outcome point_to_sheet(void *st, struct app *a, int64_t id)
{
	(void)st;
	(void)a;
	(void)id;
	frame_message(MSG_INFO, "补登学时：在「培训记录」中打开该次培训的参训名单，标记参加后保存");
	return SCR_HANDLED;
}

static int write_ledger(void *ctx, const char *path, FILE *report, int *n)
{
	struct ledger *w = ctx;
	return training_ledger_export(w->s, w->year, w->scope, w->short_only, path, report, n);
}

static void change_year(struct ledger *w)
{
	char text[16];
	snprintf(text, sizeof text, "%d", w->year);
	if (!dialog_input("学时台账", "年度（如 2026）：", text, sizeof text))
		return;
	long y;
	char why[WHY_MAX];
	utf8_trim(text);
	if (parse_int(text, 2000, 2099, &y, why)) {
		frame_message(MSG_ERROR, "「年度」应为 2000 至 2099 的年份：%s", text);
		return;
	}
	w->year = (int)y;
	if (load(w, LIST_KEEP_FIND))
		frame_message(MSG_ERROR, "无法读取学时台账");
}

static enum outcome actions(struct ledger *w)
{
	static const char *const items[] = { "导出学时台账（xlsx 或 CSV）", "选择年度",
	                                     "只看未达标 / 全部（Tab）" };
	char name[128], stem[64];
	switch (dialog_pick("操作", items, 3, 0)) {
	case 0:
		snprintf(stem, sizeof stem, "学时台账-%d%s", w->year, w->short_only ? "-未达标" : "");
		list_file_name(name, sizeof name, stem);
		list_export("导出学时台账", name, "名党员的学时", NULL, write_ledger, w);
		break;
	case 1: change_year(w); break;
	case 2:
		w->short_only = !w->short_only;
		if (load(w, LIST_KEEP_FIND))
			frame_message(MSG_ERROR, "无法读取学时台账");
		break;
	default: break;
	}
	return SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct ledger *w = st;
	enum outcome o = list_view_key(&w->list, k, a, point_to_sheet, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_TAB:
		w->short_only = !w->short_only;
		if (load(w, LIST_KEEP_FIND))
			frame_message(MSG_ERROR, "无法读取学时台账");
		return SCR_REDRAW;
	case K_F4: {
		int64_t id = w->scope;
		if (list_pick_org(w->s, "选择范围（组织及其下级）", &id)) {
			w->scope = id;
			if (load(w, LIST_KEEP_NOTHING))
				frame_message(MSG_ERROR, "无法读取学时台账");
		}
		return SCR_REDRAW;
	}
	case K_F5:
		if (load(w, LIST_KEEP_FIND | LIST_KEEP_ROW))
			frame_message(MSG_ERROR, "无法读取学时台账");
		return SCR_REDRAW;
	case K_F9:
		return actions(w);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", NULL, "查找", NULL,
                                        "操作", "退出" };

const struct screen training_ledger_screen = {
	.name = "学时台账",
	.help = "范围内每名在册党员本年度的学时：培训学时（参训名单中登记的）、会议学时（dangjian.ini\n"
	        "[training] meeting_types 所列类型的会议，签到为出席的每次计 meeting_hours 学时）、\n"
	        "已完成、目标（target_hours，默认 32）和差额。! 标出未达标的党员。\n"
	        "Tab：只看未达标 / 全部。F4 选择范围（组织及其下级）。F7 或 / 按姓名、拼音首字母或组织查找，\n"
	        "< > 排序，r 反向。F9：导出（xlsx 或 CSV）、选择年度。F5 刷新。",
	.legend = legend,
	.open = open_ledger,
	.close = close_ledger,
	.draw = draw,
	.key = key,
};
