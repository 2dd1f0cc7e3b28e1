/* meeting_form.c — 会议记录: one meeting's organization, type, date, topic,
 * host, recorder and minutes.  A new meeting, once saved, goes straight on
 * to its sign-in sheet; an existing one opens the sheet with F9. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orglife/meeting.h"
#include "screens/common/print_dialog.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

struct meeting_form {
	struct session *s;
	struct meeting_arg *arg;
	struct meeting rec;             /* as loaded (the original for conflicts) */
	struct meeting draft;           /* what a save works on */
	struct meeting_arg sheet;       /* the sheet opened from here */
	struct record_form r;
	int readonly;
	int created;                    /* the last save stored a new meeting */
};

static struct row_source *open_orgs(void *ctx)
{
	return meeting_org_source(((struct meeting_form *)ctx)->s);
}

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择召开会议的组织",
	.strict = 1,   /* the save takes only one of the list's */
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

static int load_meeting(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return meeting_load(((struct meeting_form *)ctx)->s, id, rec, e);
}

static int save_meeting(void *ctx, void *draft, struct dj_err *e)
{
	return meeting_save(((struct meeting_form *)ctx)->s, draft, e);
}

static const struct record_ops meeting_ops = {
	.table = "meeting", .size = sizeof(struct meeting), .id_at = offsetof(struct meeting, id),
	.words = RECORD_TELL, .load = load_meeting, .save = save_meeting,
};

static void *open_form(struct app *a, void *arg)
{
	struct meeting_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (!w->arg->id)
		snprintf(w->rec.org, sizeof w->rec.org, "%s", w->arg->org);
	w->r = (struct record_form){ .ops = &meeting_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (w->rec.org[0] && !w->arg->id)
		form_focus(&w->r.f, "type");
	if (w->s->role == ROLE_VIEWER) {
		record_form_lock(&w->r.f);
		w->readonly = 1;
	}
	return w;
}

static void close_form(void *st)
{
	struct meeting_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct meeting_form *w = st;
	form_draw(&w->r.f);
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
		if (!form_is_dirty(&w->r.f) && meeting_load(w->s, w->rec.id, &now, &e) == 0) {
			w->rec = now;
			form_load(&w->r.f, &w->rec);
		} else {
			w->rec.version = w->sheet.new_version;
		}
	}
	w->sheet.new_version = 0;
}

/* A new meeting, once saved, is marked `created`: its sign-in sheet takes
 * over from the form. */
static int save(void *st)
{
	struct meeting_form *w = st;
	int is_new = w->rec.id == 0;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.id;
	w->created = is_new;
	frame_message(MSG_INFO, "已保存 %s %s%s", w->rec.date, w->rec.type,
	              is_new ? "，请填写签到表" : "");
	return 0;
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

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct meeting_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER)) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改会议记录");
		return SCR_HANDLED;
	}
	w->created = 0;
	enum outcome o = record_form_key(&w->r.f, k, save, w);
	if (w->created) {
		/* After a new meeting is saved the sign-in sheet replaces the form. */
		w->arg->id = w->rec.id;
		app_push(a, &meeting_sheet_screen, w->arg);
		return SCR_BACK;
	}
	if (o != SCR_PASS)
		return o;
	if (k.code == K_F9) {
		static const char *const items[] = { "签到表（签到、请假）", "打印签到表（PDF）",
		                                     "打印空白签到表（PDF，带签名栏）", "打印会议记录（PDF）" };
		int pick = dialog_pick("操作", items, 4, 0);
		if (pick == 0)
			return open_sheet(w, a);
		if (pick > 0 && !w->rec.id)
			frame_message(MSG_ERROR, "请先按 F2 保存会议，再打印");
		else if (pick > 0)
			print_dialog(w->s, pick == 3 ? FORM_MINUTES : FORM_SIGNIN, w->rec.id, pick == 2);
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
	        "F9 打开签到表，或打印签到表（按签到记录或空白带签名栏）、会议记录（PDF）。\n"
	        "F5 恢复本栏原值。F3 或 Esc 返回（有改动时询问是否保存）。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
	.resume = resume,
};
