/* stats.c — 党员结构 at a glance: the members in good standing of a
 * subtree by sex, ethnicity, joining era, age, education and category, in
 * three columns that fit 80x24.  F4 changes the subtree, F9 exports. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "member/stats.h"
#include "core/text.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/member/actions.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct stats_screen {
	struct session *s;
	int64_t root;
	char scope[128];
	struct member_stats st;
	int ok;
};

static void compute(struct stats_screen *w)
{
	struct dj_err e;
	list_scope_name(w->s, w->root, w->scope, sizeof w->scope);
	w->ok = member_stats_compute(w->s, w->root ? w->root : w->s->scope_org, &w->st, &e) == 0;
	if (!w->ok)
		frame_message(MSG_ERROR, "%s", e.msg);
}

static void *open_stats(struct app *a, void *arg)
{
	struct stats_screen *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->root = arg ? ((struct member_scope_arg *)arg)->root : 0;
	compute(w);
	return w;
}

static void close_stats(void *st)
{
	free(st);
}

/* One group at (y, x) in width columns; returns the next free row. */
static int draw_group(const struct stats_screen *w, int g, int y, int x, int width, int last)
{
	const struct stat_group *grp = &w->st.group[g];
	if (y >= last)
		return y;
	draw_text(y++, x, width - 1, grp->title, ST_HEADING);
	for (int i = 0; i < grp->n && y < last; i++) {
		const struct stat_item *it = &grp->item[i];
		char num[64], pct[48];
		if ((it->flags & STAT_OPTIONAL) && it->n == 0)
			continue;
		stat_percent(it->n, w->st.total, pct, sizeof pct);
		snprintf(num, sizeof num, "%ld %6s", it->n, pct);
		/* A county's five- and six-digit counts leave no room for the share
		 * beside the longest labels at 80 columns: the share gives way (the
		 * export keeps it), never the label, and a space always parts them. */
		if (utf8_cols(it->label) + 1 + (int)strlen(num) > width - 1)
			snprintf(num, sizeof num, "%ld", it->n);
		int nw = (int)strlen(num);
		draw_text(y, x, width - 2 - nw, it->label, ST_NORMAL);
		draw_text_right(y, x + width - 1 - nw, nw, num, ST_NORMAL);
		y++;
	}
	return y + 1;
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct stats_screen *w = st;
	int top = frame_body_top(), last = top + frame_body_rows(), width = term_cols() / 3;
	char head[256];
	snprintf(head, sizeof head, "%s  在册党员 %ld 人（只计状态为“正常”的党员）", w->scope, w->st.total);
	draw_text(top, 0, term_cols(), head, ST_HEADING);
	if (!w->ok)
		return;
	int y = top + 1;
	y = draw_group(w, STAT_GENDER, y, 0, width, last);
	y = draw_group(w, STAT_ETHNIC, y, 0, width, last);
	draw_group(w, STAT_ERA, y, 0, width, last);
	draw_group(w, STAT_AGE, top + 1, width, width, last);
	y = draw_group(w, STAT_EDUCATION, top + 1, 2 * width, width, last);
	draw_group(w, STAT_CATEGORY, y, 2 * width, width, last);
	frame_status("每组合计均等于党员台账的在册人数", "F4 范围  F5 刷新  F9 导出");
}

static void export(struct stats_screen *w)
{
	char path[256], *report = NULL;
	size_t len = 0;
	list_file_name(path, sizeof path, "党员结构");
	if (!list_ask_file("导出党员结构", path, sizeof path))
		return;
	FILE *r = open_memstream(&report, &len);
	if (!r)
		return;
	int rc = member_stats_export(&w->st, w->scope, path, r);
	fclose(r);
	if (rc) {
		report[strcspn(report, "\n")] = 0;
		frame_message(MSG_ERROR, "导出失败：%s", report);
	} else {
		char full[PATH_MAX];
		list_full_path(path, full, sizeof full);
		frame_message(MSG_INFO, "已导出党员结构到 %s", full);
	}
	free(report);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct stats_screen *w = st;
	int64_t root = w->root ? w->root : w->s->scope_org;
	switch (k.code) {
	case K_F4:
		if (member_pick_scope(w->s, &root)) {
			w->root = root;
			compute(w);
		}
		return SCR_REDRAW;
	case K_F5:
		compute(w);
		return SCR_REDRAW;
	case K_F9:
		if (w->ok)
			export(w);
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", NULL, NULL, NULL,
                                        "导出", "退出" };

const struct screen member_stats_screen = {
	.name = "党员结构",
	.help = "所选党组织（含下级）在册党员的结构：性别、民族（少数民族）、入党时间、\n"
	        "年龄（30岁及以下、31-35 … 56-60、61岁及以上）、学历（含大专及以上小计）、人员类别。\n"
	        "只计状态为“正常”的党员，每组合计都等于党员台账的在册人数。\n"
	        "F4：选择范围。F5：重新统计。F9：导出为 xlsx 或 CSV。F3 或 Esc 返回。",
	.legend = legend,
	.open = open_stats,
	.close = close_stats,
	.draw = draw,
	.key = key,
};
