/* meeting_browse.c — 会议台账: the meetings of one organization and
 * everything under it (F4 chooses which), newest first, with their counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orglife/meeting.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct browse {
	struct session *s;
	int64_t scope;             /* 0: everything the operator sees */
	char scope_name[128];
	struct list_view list;
	struct meeting_arg arg;    /* what the form or sheet opened from here works on */
};

/* The meetings of b->scope; `unreadable` as for list_view_show. */
static int load(struct browse *b, const char *unreadable)
{
	if (list_view_show(&b->list, meeting_list_source(b->s, b->scope), 1, "暂无会议记录，按 F6 新增",
	                   LIST_KEEP_NOTHING, unreadable))
		return -1;
	list_scope_name(b->s, b->scope, b->scope_name, sizeof b->scope_name);
	return 0;
}

static void *open_browse(struct app *a, void *arg)
{
	(void)arg;
	struct browse *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->s = a->session;
	if (load(b, "会议台账")) {
		free(b);
		return NULL;
	}
	return b;
}

static void close_browse(void *st)
{
	struct browse *b = st;
	list_view_free(&b->list);
	free(b);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct browse *b = st;
	char head[256];
	snprintf(head, sizeof head, "组织：%s（含下级）  F4 选择组织", b->scope_name);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&b->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct browse *b = st;
	list_view_resume(&b->list, &b->arg.saved_id);
}

static enum outcome open_meeting(struct browse *b, struct app *a, const struct screen *scr,
                                 int64_t id)
{
	memset(&b->arg, 0, sizeof b->arg);
	b->arg.id = id;
	if (!id && b->scope)
		snprintf(b->arg.org, sizeof b->arg.org, "%s", b->scope_name);
	app_push(a, scr, &b->arg);
	return SCR_PUSH;
}

static enum outcome remove_selected(struct browse *b)
{
	struct meeting *m = malloc(sizeof *m);
	struct dj_err e;
	int64_t id = grid_selected_id(&b->list.g);
	if (!id || !m) {
		free(m);
		return SCR_HANDLED;
	}
	if (meeting_load(b->s, id, m, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
	} else {
		char q[512];
		snprintf(q, sizeof q, "删除 %s %s「%s」的会议记录及其签到表？\n删除后不能恢复。",
		         m->date, m->type, m->org);
		if (dialog_ask(q, 0)) {
			if (meeting_delete(b->s, id, m->version, &e))
				frame_message(MSG_ERROR, "%s", e.msg);
			else
				frame_message(MSG_INFO, "已删除 %s %s 的会议记录", m->date, m->type);
			grid_refresh(&b->list.g);
		}
	}
	free(m);
	return SCR_REDRAW;
}

struct export_ctx {
	struct session *s;
	int64_t scope;
};

static int write_ledger(void *ctx, const char *path, FILE *report, int *n)
{
	struct export_ctx *c = ctx;
	return meeting_export_scope(c->s, c->scope ? c->scope : c->s->scope_org, path, report, n);
}

static void export_ledger(struct browse *b)
{
	char name[256];
	struct export_ctx c = { b->s, b->scope };
	list_file_name(name, sizeof name, "会议台账");
	list_export("导出会议台账", name, "条会议记录", NULL, write_ledger, &c);
}

static enum outcome choose_scope(struct browse *b)
{
	int64_t id = b->scope;
	if (!list_pick_org(b->s, "选择组织（列出其本级和下级的会议）", &id))
		return SCR_REDRAW;
	b->scope = id;
	if (load(b, NULL))
		frame_message(MSG_ERROR, "无法读取会议台账");
	return SCR_REDRAW;
}

static enum outcome actions(struct browse *b, struct app *a)
{
	static const char *const items[] = { "签到表（签到、请假）", "打开会议记录", "新增会议",
	                                     "删除会议记录", "导出会议台账（xlsx/CSV）", "显示全部组织的会议" };
	int64_t id = grid_selected_id(&b->list.g);
	switch (dialog_pick("操作", items, 6, 0)) {
	case 0:
		return id ? open_meeting(b, a, &meeting_sheet_screen, id) : SCR_REDRAW;
	case 1:
		return id ? open_meeting(b, a, &meeting_form_screen, id) : SCR_REDRAW;
	case 2:
		return open_meeting(b, a, &meeting_form_screen, 0);
	case 3:
		return remove_selected(b);
	case 4:
		export_ledger(b);
		return SCR_REDRAW;
	case 5:
		b->scope = 0;
		if (load(b, NULL))
			frame_message(MSG_ERROR, "无法读取会议台账");
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome open_row(void *st, struct app *a, int64_t id)
{
	return open_meeting(st, a, &meeting_form_screen, id);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct browse *b = st;
	enum outcome o = list_view_key(&b->list, k, a, open_row, b);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4:
		return choose_scope(b);
	case K_F6:
		return open_meeting(b, a, &meeting_form_screen, 0);
	case K_F8:
		return remove_selected(b);
	case K_F9:
		return actions(b, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "组织", "刷新", "新增", "查找",
                                        "删除", "操作", "退出" };

const struct screen meeting_browse_screen = {
	.name = "会议台账",
	.help = "一个组织（含下级）的全部会议记录，新近的在前；应到、实到、请假、缺席来自签到表。\n"
	        "F4：选择组织（可输入拼音首字母筛选），列出它本级和下级组织的会议。\n"
	        "回车：打开会议记录修改。F6：新增会议（组织默认为当前选择的组织）。\n"
	        "F9：操作菜单——签到表（逐人标记出席、请假、缺席、列席）、删除、导出 xlsx 或 CSV、显示全部。\n"
	        "F7 或 /：查找主题、组织、会议类型、主持人或日期。< > 换排序列，r 反向。\n"
	        "F8：删除所选会议记录（连同签到表）。F5 刷新。F3 或 Esc 返回。",
	.legend = legend,
	.open = open_browse,
	.close = close_browse,
	.draw = draw,
	.key = key,
	.resume = resume,
};
