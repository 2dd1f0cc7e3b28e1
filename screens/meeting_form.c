/* meeting_form.c — 会议记录: one meeting's organization, type, date, topic,
 * host, recorder and minutes.  A new meeting, once saved, goes straight on
 * to its sign-in sheet; an existing one opens the sheet with F9. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meeting.h"
#include "screens/conflict.h"
#include "screens/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

static struct row_source *open_orgs(void *ctx)
{
	return meeting_org_source(ctx);
}

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择召开会议的组织",
};

#define M(member) FORM_MEMBER(struct meeting, member)
static const struct form_field fields[] = {
	{ .key = "org", .label = "组织：", .row = 0, .col = 2, .width = 46, .type = FT_LINK,
	  .required = 1, .lookup = &org_lookup, .grow = 1, M(org),
	  .help = "召开会议的党组织全称。按 F4 选择（可输入拼音首字母筛选），党小组会选党小组。" },
	{ .key = "type", .label = "会议类型：", .row = 1, .col = 2, .width = 12, .type = FT_CHOICE,
	  .required = 1, .choices = meeting_types, M(type),
	  .help = "支部党员大会、支委会、党小组会、党课、组织生活会、民主评议或主题党日。\n"
	          "按 F4 选择，或输入拼音首字母（如 zwh 即支委会）后回车。" },
	{ .key = "date", .label = "日期：", .row = 1, .col = 42, .width = 11, .type = FT_DATE,
	  .required = 1, M(date), .help = "会议召开的日期（不能晚于今天）。" },
	{ .key = "topic", .label = "主题：", .row = 2, .col = 2, .width = 60, .type = FT_TEXT,
	  .required = 1, .grow = 1, M(topic), .help = "会议的主题或议题，如「研究发展党员工作」。" },
	{ .key = "host", .label = "主持人：", .row = 3, .col = 2, .width = 12, .type = FT_TEXT,
	  M(host), .help = "主持会议的人，一般为书记。" },
	{ .key = "recorder", .label = "记录人：", .row = 3, .col = 42, .width = 12, .type = FT_TEXT,
	  M(recorder), .help = "做会议记录的人。" },
	{ .key = "minutes", .label = "会议记录：", .row = 4, .col = 2, .width = 60, .height = 11,
	  .type = FT_NOTE, .grow = 1, M(minutes),
	  .help = "会议的主要内容、讨论情况和决定事项。\n本栏可输入多行：回车换行，Tab 到下一栏。" },
	{ .key = "counts", .label = "签到情况：", .row = 16, .col = 2, .width = 60, .type = FT_READONLY,
	  .grow = 1, M(counts), .help = "由签到表统计（F9 打开签到表）。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

struct meeting_form {
	struct session *s;
	struct meeting_arg *arg;
	struct meeting rec;             /* as loaded (the original for conflicts) */
	struct meeting draft;           /* what a save works on */
	struct meeting_arg sheet;       /* the sheet opened from here */
	struct form f;
	int readonly;
};

static void *open_form(struct app *a, void *arg)
{
	struct meeting_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	struct dj_err e;
	if (w->arg->id && meeting_load(w->s, w->arg->id, &w->rec, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	if (!w->arg->id)
		snprintf(w->rec.org, sizeof w->rec.org, "%s", w->arg->org);
	if (form_init(&w->f, fields, NFIELDS, w->s)) {
		free(w);
		return NULL;
	}
	form_load(&w->f, &w->rec);
	if (w->rec.org[0] && !w->arg->id)
		form_focus(&w->f, "type");
	if (w->s->role == ROLE_VIEWER) {
		for (int i = 0; i < NFIELDS; i++)
			form_set_readonly(&w->f, fields[i].key, 1);
		w->readonly = 1;
	}
	return w;
}

static void close_form(void *st)
{
	struct meeting_form *w = st;
	form_free(&w->f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct meeting_form *w = st;
	form_draw(&w->f);
	frame_status(w->rec.id ? "修改会议记录（F9 签到表）" : "新增会议：保存后进入签到表",
	             "F2 保存  F4 选择");
}

/* The sheet saved under this record: its new version is ours when nobody
 * else saved in between; an untouched form also shows the new counts. */
static void resume(void *st, struct app *a)
{
	(void)a;
	struct meeting_form *w = st;
	if (!w->sheet.new_version)
		return;
	if (w->rec.version == w->sheet.read_version) {
		struct meeting now;
		struct dj_err e;
		if (!form_is_dirty(&w->f) && meeting_load(w->s, w->rec.id, &now, &e) == 0) {
			w->rec = now;
			form_load(&w->f, &w->rec);
		} else {
			w->rec.version = w->sheet.new_version;
		}
	}
	w->sheet.new_version = 0;
}

static void on_conflict(struct meeting_form *w)
{
	struct meeting *now = malloc(sizeof *now);
	struct dj_err e;
	if (!now || meeting_load(w->s, w->rec.id, now, &e)) {
		frame_message(MSG_ERROR, "%s；您输入的内容仍在表中", now ? e.msg : "内存不足");
		free(now);
		return;
	}
	switch (conflict_resolve(&w->f, w->s, "meeting", w->rec.id, &w->rec, now, &w->draft)) {
	case CONFLICT_MERGE:
		w->rec = *now;
		frame_message(MSG_INFO, "已读取最新内容并保留您的改动，请核对后按 F2 保存");
		break;
	case CONFLICT_THEIRS:
		w->rec = *now;
		frame_message(MSG_INFO, "已重新读取最新内容，您的改动已放弃");
		break;
	case CONFLICT_KEEP:
		frame_message(MSG_ERROR, "此记录已被他人修改，尚未保存；您输入的内容仍在表中");
		break;
	}
	free(now);
}

/* Returns 1 when a new meeting was saved (the sheet takes over), 0 when
 * saved, -1 when refused. */
static int save(struct meeting_form *w)
{
	struct dj_err e;
	int is_new = w->rec.id == 0;
	w->draft = w->rec;
	form_store(&w->f, &w->draft);
	int rc = meeting_save(w->s, &w->draft, &e);
	if (rc == DJ_CONFLICT) {
		on_conflict(w);
		return -1;
	}
	if (rc) {
		form_fail(&w->f, &e);
		return -1;
	}
	w->arg->saved_id = w->draft.id;
	w->rec = w->draft;
	form_load(&w->f, &w->rec);
	form_saved(&w->f, &w->rec);
	frame_message(MSG_INFO, "已保存 %s %s%s", w->rec.date, w->rec.type,
	              is_new ? "，请填写签到表" : "");
	return is_new;
}

static enum outcome open_sheet(struct meeting_form *w, struct app *a)
{
	if (!w->rec.id) {
		frame_message(MSG_ERROR, "请先按 F2 保存会议记录，再填写签到表");
		return SCR_HANDLED;
	}
	memset(&w->sheet, 0, sizeof w->sheet);
	w->sheet.id = w->rec.id;
	app_push(a, &meeting_sheet_screen, &w->sheet);
	return SCR_PUSH;
}

/* After a new meeting is saved the sign-in sheet replaces the form. */
static enum outcome after_save(struct meeting_form *w, struct app *a, int saved, int back)
{
	if (saved == 1) {
		w->arg->id = w->rec.id;
		app_push(a, &meeting_sheet_screen, w->arg);
		return SCR_BACK;
	}
	return saved == 0 && back ? SCR_BACK : SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct meeting_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER)) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改会议记录");
		return SCR_HANDLED;
	}
	switch (form_key(&w->f, k)) {
	case FORM_HANDLED:
		return SCR_HANDLED;
	case FORM_SAVE:
		return after_save(w, a, save(w), 0);
	case FORM_SAVE_BACK:
		return after_save(w, a, save(w), 1);
	case FORM_BACK:
		return SCR_BACK;
	case FORM_PASS:
		break;
	}
	if (k.code == K_F9) {
		static const char *const items[] = { "签到表（签到、请假）" };
		if (dialog_pick("操作", items, 1, 0) == 0)
			return open_sheet(w, a);
		return SCR_REDRAW;
	}
	return SCR_PASS;
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        "签到", "退出" };

const struct screen meeting_form_screen = {
	.name = "会议记录",
	.help = "登记一次会议：组织、会议类型、日期、主题、主持人、记录人和会议记录。\n"
	        "回车到下一栏（会议记录栏内回车换行，Tab 到下一栏）；F2 保存。\n"
	        "新增的会议保存后直接进入签到表，逐人标记出席、请假、缺席、列席。\n"
	        "F4 在「组织」「会议类型」栏打开选择列表，可输入拼音首字母筛选。\n"
	        "F9 打开签到表。F5 恢复本栏原值。F3 或 Esc 返回（有改动时询问是否保存）。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
	.resume = resume,
};
