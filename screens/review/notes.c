/* notes.c — 阶段记录: an application's dated notes (阶段小结, 延期,
 * 中期检查, 结题报告, 整改, 自查报告, 公示, 成果报告), oldest first.  F6 adds
 * one of the kinds its configuration keeps, Enter opens one, F8 deletes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/review/subs.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct notes {
	struct session *s;
	struct review_arg *arg;    /* the caller's: changed and saved_id go back in it */
	struct review_app *app;
	struct list_view list;
	struct review_arg sub;     /* what the note form opened from here works on */
};

static struct row_source *source(struct notes *w)
{
	return review_note_list_source(w->s, w->app->id);
}

static void *open_notes(struct app *a, void *arg)
{
	struct notes *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->app = subs_app_load(w->s, w->arg->id);
	if (!w->app || subs_list_show(&w->list, source(w), 1, "阶段记录")) {
		free(w->app);
		free(w);
		return NULL;
	}
	return w;
}

static void close_notes(void *st)
{
	struct notes *w = st;
	list_view_free(&w->list);
	free(w->app);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct notes *w = st;
	char head[400], line[480];
	subs_app_heading(w->app, head, sizeof head);
	if (w->app->ends_on[0])
		snprintf(line, sizeof line, "%s  计划完成：%s", head, w->app->ends_on);
	else
		snprintf(line, sizeof line, "%s", head);
	draw_text(frame_body_top(), 0, term_cols(), line, ST_HEADING);
	grid_draw(&w->list.g);
}

/* The application is read again too: a 延期 moves its end date, and a note
 * may be what its next step needs. */
static void reload(struct notes *w)
{
	struct review_app *now = subs_app_load(w->s, w->app->id);
	if (now) {
		free(w->app);
		w->app = now;
	}
	subs_list_reload(&w->list, source(w), 1, "阶段记录", &w->sub.saved_id);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct notes *w = st;
	if (w->sub.changed) {
		w->arg->changed = 1;
		w->arg->saved_id = w->sub.saved_id;
	}
	w->sub.changed = 0;
	reload(w);
}

static enum outcome open_form(struct notes *w, struct app *a, int64_t id, const char *kind)
{
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.kind = subs_app_flow(w->app);
	w->sub.batch_id = w->app->batch_id;
	w->sub.id = w->app->id;
	w->sub.sub_id = id;
	snprintf(w->sub.note_kind, sizeof w->sub.note_kind, "%s", kind ? kind : "");
	app_push(a, &review_note_form_screen, &w->sub);
	return SCR_PUSH;
}

static enum outcome open_row(void *st, struct app *a, int64_t id)
{
	return open_form(st, a, id, NULL);
}

/* F6: the kind the caller asked for, else one of those the application's
 * state takes now (review_note_kinds), picked by the operator. */
static enum outcome add_note(struct notes *w, struct app *a)
{
	if (w->arg->note_kind[0])
		return open_form(w, a, 0, w->arg->note_kind);
	const char *kinds[16];
	struct dj_err e;
	int n = review_note_kinds(w->s, w->app->id, kinds, 16, &e);
	if (n < 0) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	if (n == 0) {
		frame_message(MSG_ERROR, "本申报现为「%s」，这一阶段没有要登记的记录", w->app->state_word);
		return SCR_REDRAW;
	}
	int i = n == 1 ? 0 : dialog_pick("新增哪一类记录", kinds, n, 0);
	return i < 0 ? SCR_REDRAW : open_form(w, a, 0, kinds[i]);
}

static enum outcome remove_selected(struct notes *w)
{
	struct review_note *n = malloc(sizeof *n);
	struct dj_err e;
	int64_t id = grid_selected_id(&w->list.g);
	if (!id || !n) {
		free(n);
		frame_message(MSG_ERROR, "没有选中的记录");
		return SCR_HANDLED;
	}
	if (review_note_load(w->s, id, n, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
	} else {
		char q[256];
		snprintf(q, sizeof q, "删除 %s 的%s？\n删除后不能恢复。", n->on_date, n->kind);
		if (dialog_ask(q, 0)) {
			if (review_note_delete(w->s, id, n->version, &e)) {
				frame_message(MSG_ERROR, "%s", e.msg);
			} else {
				frame_message(MSG_INFO, "已删除 %s 的%s", n->on_date, n->kind);
				w->arg->changed = 1;
			}
			reload(w);
		}
	}
	free(n);
	return SCR_REDRAW;
}

static enum outcome actions(struct notes *w, struct app *a)
{
	static const char *const items[] = { "导出阶段记录（xlsx/CSV）", "新增记录（F6）", "打开所选记录（回车）",
	                                     "删除所选记录（F8）" };
	int64_t id = grid_selected_id(&w->list.g);
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0:
		subs_list_export(&w->list, w->app, "阶段记录");
		return SCR_REDRAW;
	case 1:
		return add_note(w, a);
	case 2:
		return id ? open_form(w, a, id, NULL) : SCR_REDRAW;
	case 3:
		return remove_selected(w);
	default:
		return SCR_REDRAW;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct notes *w = st;
	if (k.code == K_F5) {
		reload(w);
		return SCR_REDRAW;
	}
	enum outcome o = list_view_key(&w->list, k, a, open_row, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F6:
		return add_note(w, a);
	case K_F8:
		return remove_selected(w);
	case K_F9:
		return actions(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找",
                                        "删除", "操作", "退出" };

const struct screen review_notes_screen = {
	.name = "阶段记录",
	.help = "一个申报项目在实施各阶段留下的记录，按日期先后排列：阶段小结、延期、\n"
	        "中期检查（中期评估）、结题报告、整改；创建还有自查报告、公示、成果报告。\n"
	        "回车：打开所选记录查看或修改。\n"
	        "F6：新增记录，先选类别。哪一类能在当前状态下登记，保存时会说明\n"
	        "（如阶段小结只能在实施中登记；中期检查须填写检查结果）。\n"
	        "延期记录保存后，项目的计划完成日期改为「延期至」的日期。\n"
	        "F8：删除所选记录（须确认）。F9：操作菜单，可把本列表导出为 xlsx 或 CSV 文件。\n"
	        "F7 或 /：查找。F5 刷新。F3 或 Esc 返回申报表。",
	.legend = legend,
	.open = open_notes,
	.close = close_notes,
	.draw = draw,
	.key = key,
	.resume = resume,
};
