/* list.c — 培训记录: the training sessions under the operator's scope,
 * latest first.  Enter opens a session's 参训名单, F6 a new session (its
 * 参训名单 follows once it is saved), F8 deletes one, F9 edits, prints or
 * exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/common/list_screen.h"
#include "screens/common/print_dialog.h"
#include "screens/common/screens.h"
#include "training/training.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct sessions {
	struct session *s;
	struct list_view list;
	struct training_arg sub;
};

static int load(struct sessions *w, int keep)
{
	return list_view_show(&w->list, training_source(w->s, 0), 1, "暂无培训记录，按 F6 新增", keep,
	                      "培训记录");
}

static void *open_list(struct app *a, void *arg)
{
	(void)arg;
	struct sessions *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_list(void *st)
{
	struct sessions *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct sessions *w = st;
	draw_text(frame_body_top(), 0, term_cols(), "培训记录：回车填写参训名单，F6 新增，F9 修改、打印或导出",
	          ST_HEADING);
	grid_draw(&w->list.g);
}

static enum outcome push(struct sessions *w, struct app *a, const struct screen *to, int64_t id)
{
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.id = id;
	app_push(a, to, &w->sub);
	return SCR_PUSH;
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct sessions *w = st;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_sheet(void *st, struct app *a, int64_t id)
{
	return push(st, a, &training_sheet_screen, id);
}

static void delete_session(struct sessions *w, int64_t id)
{
	struct training t;
	struct dj_err e;
	char ask[400];
	if (training_load(w->s, id, &t, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return;
	}
	snprintf(ask, sizeof ask, "删除培训记录「%s %s」？\n（%d 名党员的参训记录和学时一并删除）", t.date,
	         t.title, t.attendees);
	if (!dialog_ask(ask, 0))
		return;
	if (training_delete(w->s, id, t.version, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else
		frame_message(MSG_INFO, "已删除培训记录「%s」", t.title);
	load(w, LIST_KEEP_FIND);
}

static enum outcome actions(struct sessions *w, struct app *a)
{
	static const char *const items[] = { "修改培训信息（日期、主题、主办单位、形式、学时）", "参训名单",
	                                     "打印学时登记表（PDF）", "导出培训记录（xlsx 或 CSV）" };
	int64_t id = grid_selected_id(&w->list.g);
	char name[128];
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0: if (id) return push(w, a, &training_form_screen, id); break;
	case 1: if (id) return push(w, a, &training_sheet_screen, id); break;
	case 2: if (id) print_dialog(w->s, FORM_TRAINING, id, 0); break;
	case 3:
		list_file_name(name, sizeof name, "培训记录");
		list_export_rows(w->list.rs, "导出培训记录", name, "培训记录");
		break;
	default: break;
	}
	return SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct sessions *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_sheet, w);
	if (o != SCR_PASS)
		return o;
	int64_t id = grid_selected_id(&w->list.g);
	switch (k.code) {
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能新增");
			return SCR_HANDLED;
		}
		return push(w, a, &training_form_screen, 0);
	case K_F8:
		if (id)
			delete_session(w, id);
		return SCR_REDRAW;
	case K_F9:
		return actions(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", "删除",
                                        "操作", "退出" };

const struct screen training_list_screen = {
	.name = "培训记录",
	.help = "党员教育培训的记录，最近的在前：日期、培训主题、主办单位、形式、学时、参训人数。\n"
	        "回车：参训名单（参训组织的党员逐一标记参加或未参加，可添加其他组织的党员）。\n"
	        "F6：新增一次培训，保存后接着填写参训名单。F8：删除（参训记录一并删除）。\n"
	        "F9：修改培训信息、参训名单、打印学时登记表、导出。F7 或 / 按主题、主办单位、形式查找。\n"
	        "培训形式在 dangjian.ini [training] forms 配置。",
	.legend = legend, .open = open_list, .close = close_list, .draw = draw, .key = key,
	.resume = resume,
};
