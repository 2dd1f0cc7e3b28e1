/* dues_arrears.c — 欠交名单: members owing dues, with how many months, how
 * much, and from when to when. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/validate.h"
#include "orglife/dues.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/draw.h"

struct arrears {
	struct session *s;
	int64_t scope;
	char scope_name[128];
	struct list_view list;
};

static int load(struct arrears *w)
{
	struct row_source *rs = dues_arrears_source(w->s, w->scope);
	if (list_view_show(&w->list, rs, 1, "没有欠交党费的党员", LIST_KEEP_NOTHING, NULL))
		return -1;
	list_scope_name(w->s, w->scope, w->scope_name, sizeof w->scope_name);
	return 0;
}

static void *open_arrears(struct app *a, void *arg)
{
	struct meeting_scope_arg *in = arg;
	struct arrears *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->scope = in ? in->org_id : 0;
	if (load(w)) {
		frame_message(MSG_ERROR, "无法读取欠交名单");
		free(w);
		return NULL;
	}
	return w;
}

static void close_arrears(void *st)
{
	struct arrears *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct arrears *w = st;
	char scope[200], status[160], owed_text[32];
	long members;
	int64_t owed;
	if (dues_arrears_totals(w->s, w->scope, &members, &owed) == 0) {
		format_money(owed, owed_text, sizeof owed_text);
		snprintf(status, sizeof status, "欠交 %ld 人，共 %s 元（! 为 3 个月及以上）", members,
		         owed_text);
	} else {
		status[0] = 0;
	}
	snprintf(scope, sizeof scope, "范围：%s（F4）", w->scope_name);
	int cols = term_cols(), sw = utf8_cols(scope) < cols / 2 ? utf8_cols(scope) : cols / 2;
	draw_text(frame_body_top(), 0, cols - sw, status, ST_HEADING);
	draw_text_right(frame_body_top(), cols - sw, sw, scope, ST_HEADING);
	grid_draw(&w->list.g);
}

static void export_list(struct arrears *w)
{
	char name[256], date[9], heading[256];
	list_file_date(date);
	snprintf(name, sizeof name, "党费欠交名单-%s.xlsx", date);
	snprintf(heading, sizeof heading, "党费欠交名单 %s（元）", w->scope_name);
	list_export_rows(w->list.rs, "导出欠交名单", name, heading);
}

static enum outcome point_to_sheet(void *st, struct app *a, int64_t id)
{
	(void)st;
	(void)a;
	(void)id;
	frame_message(MSG_INFO, "补交党费：在「党费收缴」中选月份和党支部，录入实交金额");
	return SCR_HANDLED;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct arrears *w = st;
	enum outcome o = list_view_key(&w->list, k, a, point_to_sheet, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4: {
		int64_t id = w->scope;
		if (list_pick_org(w->s, "选择范围（组织及其下级）", &id)) {
			w->scope = id;
			if (load(w))
				frame_message(MSG_ERROR, "无法读取欠交名单");
		}
		return SCR_REDRAW;
	}
	case K_F9:
		export_list(w);
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", NULL, "查找", NULL,
                                        "导出", "退出" };

const struct screen dues_arrears_screen = {
	.name = "党费欠交名单",
	.help = "实交少于应交的党员：欠交月数、欠交金额（元）、最早和最近欠交的月份；"
	        "所在支部为最近欠交月份收缴党费的支部。\n"
	        "补交：在「党费收缴」中选该月份和党支部，录入实交金额后保存，名单随即减少。\n"
	        "F4 选择范围。F7 或 / 按姓名、拼音首字母或支部查找，< > 排序，r 反向。\n"
	        "F9 导出 xlsx 或 CSV。F5 刷新。灰色为已不在册（转出等）的党员。",
	.legend = legend,
	.open = open_arrears,
	.close = close_arrears,
	.draw = draw,
	.key = key,
};
