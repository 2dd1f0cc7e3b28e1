/* cases.c — 关怀对象: the register, those still on it first; Enter opens
 * an entry, F6 adds one, F9 lists at once the members the 老党员 rule
 * takes in who are not yet listed, or exports the register. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/care.h"
#include "core/validate.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct cases {
	struct session *s;
	struct list_view list;
	struct care_arg sub;
};

static int load(struct cases *w, int keep)
{
	return list_view_show(&w->list, care_case_source(w->s), 1,
	                      "暂无关怀对象，按 F6 新增，或按 F9 按规则列入老党员", keep, "关怀对象");
}

static void *open_cases(struct app *a, void *arg)
{
	(void)arg;
	struct cases *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_cases(void *st)
{
	struct cases *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct cases *w = st;
	struct care_rules r;
	char head[160];
	care_rules_load(w->s, &r);
	snprintf(head, sizeof head, "关怀对象（在册的在前）  老党员：年满 %d 周岁或党龄满 %d 年", r.old_age,
	         r.old_years);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct cases *w = st;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	struct cases *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.id = id;
	app_push(a, &care_case_form_screen, &w->sub);
	return SCR_PUSH;
}

/* The proposals named, as many as fit a confirmation line. */
static void names_of(const struct care_proposal *p, int n, char *out, size_t cap)
{
	size_t at = 0;
	out[0] = 0;
	for (int i = 0; i < n && i < 6 && at < cap; i++)
		at += (size_t)snprintf(out + at, cap - at, "%s%s（%s）", i ? "、" : "", p[i].name, p[i].why);
	if (n > 6 && at < cap)
		snprintf(out + at, cap - at, " 等");
}

static void add_old(struct cases *w)
{
	struct care_proposal *p = NULL;
	struct dj_err e;
	char now[11], names[640], question[800];
	int n = 0, added = 0;
	if (care_old_proposals(w->s, 0, today(now), &p, &n, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return;
	}
	if (n == 0) {
		frame_message(MSG_INFO, "没有符合老党员条件而未列入的党员");
		free(p);
		return;
	}
	names_of(p, n, names, sizeof names);
	snprintf(question, sizeof question, "%d 名党员符合老党员条件而未列入：%s。全部列入（列入日期 %s）？",
	         n, names, now);
	if (dialog_confirm(question)) {
		if (care_old_add(w->s, p, n, now, &added, &e))
			frame_message(MSG_ERROR, "列入失败：%s", e.msg);
		else
			frame_message(MSG_INFO, "已列入 %d 名老党员", added);
		load(w, LIST_KEEP_FIND);
	}
	free(p);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct cases *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_record, w);
	if (o != SCR_PASS)
		return o;
	char name[128];
	static const char *const actions[] = { "按规则列入老党员", "导出关怀对象台账" };
	switch (k.code) {
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能新增");
			return SCR_HANDLED;
		}
		memset(&w->sub, 0, sizeof w->sub);
		app_push(a, &care_case_form_screen, &w->sub);
		return SCR_PUSH;
	case K_F9:
		switch (dialog_pick("关怀对象", actions, 2, 0)) {
		case 0:
			if (w->s->role == ROLE_VIEWER)
				frame_message(MSG_ERROR, "您是只读用户，不能列入");
			else
				add_old(w);
			break;
		case 1:
			list_file_name(name, sizeof name, "关怀对象台账");
			list_export_rows(w->list.rs, "导出关怀对象台账", name, "关怀对象");
			break;
		}
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", NULL,
                                        "操作", "退出" };

const struct screen care_cases_screen = {
	.name = "关怀对象",
	.help = "关怀对象台账：老党员、生活困难党员和因病党员，类别、原因、列入日期，在册的在前，\n"
	        "已移出的标出。回车：打开登记。F6：新增。F7 或 /：按姓名、拼音首字母、类别、原因查找。\n"
	        "F9 操作：按规则列入老党员——年满 [care] old_age 周岁或党龄满 old_standing_years 年、\n"
	        "尚未列为老党员的在册党员，确认后一次全部列入；导出台账。",
	.legend = legend, .open = open_cases, .close = close_cases, .draw = draw, .key = key,
	.resume = resume,
};
