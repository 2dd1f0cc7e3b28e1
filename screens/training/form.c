/* form.c — 培训信息: a training session's date, 参训组织 (F4; its members
 * make the 参训名单), title, 主办单位, form and hours. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org/org.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "training/training.h"
#include "tui/draw.h"
#include "tui/form.h"

struct training_form {
	struct session *s;
	struct training_arg *arg;
	struct training_rules rules;
	struct form_field fields[8];
	struct training rec, draft;
	struct record_form r;
};

static struct row_source *open_orgs(void *ctx)
{
	return org_pick_source(((struct training_form *)ctx)->s);
}

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择参训组织", .strict = 1,
};

#define M(member) FORM_MEMBER(struct training, member)
static const struct form_field fields[] = {
	{ .key = "date", .label = "日期：", .row = 0, .col = 2, .width = 10, .type = FT_DATE,
	  .required = 1, M(date), .help = "培训的日期。学时计入这一天所在的年度。" },
	{ .key = "org", .label = "参训组织：", .row = 0, .col = 30, .width = 30, .type = FT_LINK,
	  .required = 1, .lookup = &org_lookup, .grow = 1, .carry = 1, M(org),
	  .help = "参加培训的党组织：参训名单列出它（含下级）的在册党员。按 F4 选择。" },
	{ .key = "title", .label = "培训主题：", .row = 1, .col = 2, .width = 50, .type = FT_TEXT,
	  .required = 1, .max_chars = 60, .grow = 1, M(title),
	  .help = "如「学习贯彻党的二十届三中全会精神专题培训」。" },
	{ .key = "organizer", .label = "主办单位：", .row = 2, .col = 2, .width = 30, .type = FT_TEXT,
	  .required = 1, .max_chars = 60, .grow = 1, .carry = 1, M(organizer),
	  .help = "举办培训的单位，如镇党委、县委组织部、县委党校。" },
	{ .key = "form", .label = "培训形式：", .row = 3, .col = 2, .width = 10, .type = FT_CHOICE,
	  .required = 1, M(form), .help = "在 dangjian.ini [training] forms 中配置的形式之一。" },
	{ .key = "hours", .label = "学时：", .row = 3, .col = 30, .width = 5, .type = FT_TEXT,
	  .required = 1, .max_chars = 5, M(hours),
	  .help = "每名参训党员计入的学时，可为半学时（如 1.5）。个别党员不同的在参训名单中回车填写。" },
	{ .key = "notes", .label = "备注：", .row = 4, .col = 2, .width = 60, .type = FT_TEXT,
	  .grow = 1, M(notes), .help = "其他说明，如培训地点、授课人、文件文号。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

static int load_record(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return training_load(((struct training_form *)ctx)->s, id, rec, e);
}

static int save_record(void *ctx, void *draft, struct dj_err *e)
{
	return training_save(((struct training_form *)ctx)->s, draft, e);
}

static const struct record_ops training_ops = {
	.table = "training", .size = sizeof(struct training), .id_at = offsetof(struct training, id),
	.words = RECORD_TELL, .load = load_record, .save = save_record,
};

static void *open_form(struct app *a, void *arg)
{
	struct training_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	training_rules_from(w->s->cfg, &w->rules);
	memcpy(w->fields, fields, sizeof fields);
	for (int i = 0; i < NFIELDS; i++)
		if (strcmp(w->fields[i].key, "form") == 0)
			w->fields[i].choices = w->rules.form_list;
	if (!w->arg->id)
		training_defaults(w->s, &w->rules, &w->rec);
	w->r = (struct record_form){ .ops = &training_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->fields, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	return w;
}

static void close_form(void *st)
{
	struct training_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct training_form *w = st;
	char left[160];
	form_draw(&w->r.f);
	if (w->rec.id)
		snprintf(left, sizeof left, "参训 %d 人", w->rec.attendees);
	else
		snprintf(left, sizeof left, "新增培训：保存后填写参训名单");
	frame_status(left, "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct training_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存培训「%s」（%s 学时）", w->draft.title, w->draft.hours);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct training_form *w = st;
	if (w->s->role == ROLE_VIEWER && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	if (w->arg->id)
		return record_form_key(&w->r.f, k, save, w);
	/* A new session goes on to its 参训名单 once saved: the sheet takes
	 * the form's place on the stack. */
	enum outcome o = record_form_key_once(&w->r.f, k, save, w);
	if (o == SCR_BACK && w->arg->saved_id) {
		w->arg->id = w->arg->saved_id;
		app_push(a, &training_sheet_screen, w->arg);
	}
	return o;
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen training_form_screen = {
	.name = "培训信息",
	.help = "一次培训：日期、参训组织（F4 选择；参训名单列出其下的党员）、培训主题、主办单位、\n"
	        "培训形式、学时（可为 1.5 等半学时）和备注。新增的培训保存后接着填写参训名单。\n"
	        "回车到下一项，F2 保存，F3 或 Esc 返回。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
