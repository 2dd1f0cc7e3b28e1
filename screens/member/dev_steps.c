/* dev_steps.c — 发展程序: every step of 《中国共产党发展党员工作细则》 for one
 * case, a line each (序号 阶段 步骤 日期 状态 说明).  Enter on a step kept
 * here (推荐, 考察, 公示, 备案 …) records or changes it in a small form; the
 * steps of the 登记表 (申请, 支部大会 …) are filled there.  F8 removes a
 * recorded step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memrows.h"
#include "core/validate.h"
#include "member/devstep.h"
#include "member/member.h"
#include "screens/common/list_screen.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "screens/member/dev_steps.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

/* ---- one step's form ----------------------------------------------------- */

struct step_arg {
	int64_t case_id, org_id, step_id;   /* step_id 0: a new record */
	const struct dev_step_def *def;
	long long saved_id;
};

struct step_form {
	struct session *s;
	struct step_arg *arg;
	struct dev_step rec;
	struct form_field defs[6];
	char note_label[40];
	struct form f;
};

static const char *const ways[] = { "党员推荐", "群团推优", NULL };

static struct row_source *open_groups(void *ctx)
{
	struct step_form *w = ctx;
	return member_group_source(w->s, w->arg->org_id);
}

static const struct form_lookup group_lookup = {
	.open = open_groups, .col = 0, .title = "选择党小组（可输入拼音首字母）", .strict = 1,
};

#define S(f) FORM_MEMBER(struct dev_step, f)
static int build_fields(struct step_form *w)
{
	const struct dev_step_def *d = w->arg->def;
	int n = 0, row = 2;
	int until = (d->has & DS_UNTIL) != 0;
	w->defs[n++] = (struct form_field){ .key = "done_on", .label = until ? "公示开始日期：" : "日期：",
		.row = row, .col = 2, .width = 11, .type = FT_DATE, .required = 1, S(done_on),
		.help = "办理这一步的日期，不能晚于今天，须在前一步骤之后。" };
	if (until)
		w->defs[n++] = (struct form_field){ .key = "until_on", .label = "公示结束日期：",
			.row = row, .col = 42, .width = 11, .type = FT_DATE, .required = 1, S(until_on),
			.help = "公示的最后一天（可以在今天之后）。公示期满后才能办理下一步。" };
	row += 2;
	if (d->has & DS_NUMBER) {
		int is_way = strcmp(d->key, "推荐") == 0, is_group = strcmp(d->key, "编入党小组") == 0;
		w->defs[n++] = (struct form_field){ .key = "number", .row = row, .col = 2,
			.label = is_way ? "推荐方式：" : is_group ? "党小组：" : "志愿书编号：",
			.width = is_group ? 30 : 20, .required = !is_group, S(number),
			.type = is_way ? FT_CHOICE : is_group ? FT_LINK : FT_TEXT,
			.choices = is_way ? ways : NULL, .lookup = is_group ? &group_lookup : NULL,
			.help = is_way ? "党员推荐或群团组织推优（F4 选择）。"
			      : is_group ? "编入的党小组，按 F4 从本支部的党小组中选择；支部未设党小组的不填。"
			                 : "《入党志愿书》的编号。" };
		row += 2;
	}
	if (d->has & DS_VOTES) {
		w->defs[n++] = (struct form_field){ .key = "votes", .label = "得票：", .row = row,
			.col = 2, .width = 5, .type = FT_INT, .required = 1, S(votes),
			.help = "推荐中得到的票数，不能多于应到人数。" };
		w->defs[n++] = (struct form_field){ .key = "of_votes", .label = "应到人数：", .row = row,
			.col = 42, .width = 5, .type = FT_INT, .required = 1, S(of_votes),
			.help = "参加推荐应到的党员或团员人数。" };
		row += 2;
	}
	snprintf(w->note_label, sizeof w->note_label, "%s：", d->note_label ? d->note_label : "说明");
	w->defs[n++] = (struct form_field){ .key = "note", .label = w->note_label, .row = row, .col = 2,
		.width = 60, .height = 3, .type = FT_NOTE, .grow = 1, S(note),
		.help = "这一步的情况：考察意见、收到的意见或异议及处理等。回车换行，Tab 到下一栏。" };
	return n;
}
#undef S

static void *open_step(struct app *a, void *arg)
{
	struct step_form *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (w->arg->step_id && dev_step_load(w->s, w->arg->step_id, &w->rec, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	if (!w->arg->step_id) {
		w->rec.case_id = w->arg->case_id;
		snprintf(w->rec.step, sizeof w->rec.step, "%s", w->arg->def->key);
	}
	if (form_init(&w->f, w->defs, build_fields(w), w)) {
		free(w);
		return NULL;
	}
	form_load(&w->f, &w->rec);
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->f);
	return w;
}

static void close_step(void *st)
{
	struct step_form *w = st;
	form_free(&w->f);
	free(w);
}

static void draw_step(void *st, struct app *a)
{
	(void)a;
	struct step_form *w = st;
	char head[160];
	snprintf(head, sizeof head, "%s%s", w->arg->def->label, w->arg->step_id ? "（修改）" : "（记录）");
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	form_draw(&w->f);
	frame_status("发展程序：记录一步", "F2 保存  F3 返回");
}

static int save_step(void *st)
{
	struct step_form *w = st;
	struct dj_err e;
	struct dev_step draft = w->rec;
	if (w->s->role == ROLE_VIEWER) {
		frame_message(MSG_INFO, "此记录只能查看");
		return -1;
	}
	form_store(&w->f, &draft);
	int rc = dev_step_save(w->s, &draft, 0, &e);
	if (rc == DJ_CONFLICT && dev_step_load(w->s, w->rec.id, &w->rec, NULL) == 0) {
		form_load(&w->f, &w->rec);
		frame_message(MSG_ERROR, "这一步刚被他人修改，已重新读取，请核对后再按 F2");
		return -1;
	}
	if (rc) {
		form_fail(&w->f, &e);
		return -1;
	}
	w->arg->saved_id = w->arg->def->has & DS_REPEAT ? DEV_STEP_ROW_ID(draft.id)
	                                                 : (w->arg->def - dev_steps) + 1;
	frame_message(MSG_INFO, "已记录：%s %s", w->arg->def->label, draft.done_on);
	return 0;
}

static enum outcome key_step(void *st, struct app *a, struct key k)
{
	(void)a;
	return record_form_key_once(&((struct step_form *)st)->f, k, save_step, st);
}

static const char *const step_legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL,
                                             NULL, NULL, "退出" };

static const struct screen dev_step_form_screen = {
	.name = "发展程序",
	.help = "记录发展党员程序中的一步：日期（公示填开始和结束日期）、志愿书编号、推荐方式和票数、\n"
	        "党小组（F4 选择）及情况说明。日期须在前一步骤之后；公示期满后才能办理下一步。\n"
	        "F2 保存并返回，F3 返回。",
	.legend = step_legend,
	.open = open_step,
	.close = close_step,
	.draw = draw_step,
	.key = key_step,
};

/* ---- the list ------------------------------------------------------------ */

struct steps {
	struct session *s;
	struct dev_form_arg *arg;
	struct dev_case c;
	struct list_view list;
	struct step_arg step;
};

static void *open_steps(struct app *a, void *arg)
{
	struct steps *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (dev_load(w->s, w->arg->id, &w->c, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	if (list_view_show(&w->list, dev_step_source(w->s, w->c.id), 1, "没有步骤",
	                   LIST_KEEP_NOTHING, "发展程序")) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_steps(void *st)
{
	struct steps *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw_steps(void *st, struct app *a)
{
	(void)a;
	struct steps *w = st;
	char head[256];
	snprintf(head, sizeof head, "%s（%s，%s）发展程序  行首 ! 为待办或未记录", w->c.name,
	         w->c.stage, w->c.org);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
	frame_status("回车记录或修改一步", "F8 删除  F3 返回");
}

static void resume_steps(void *st, struct app *a)
{
	(void)a;
	struct steps *w = st;
	struct dj_err e;
	dev_load(w->s, w->c.id, &w->c, &e);
	memrows_reload(w->list.rs);
	list_view_resume(&w->list, &w->step.saved_id);
}

/* The recorded row of a step kept here (not 考察: each is its own line). */
static int64_t recorded(struct steps *w, const struct dev_step_def *d)
{
	struct dev_step *rows = NULL;
	int64_t id = 0;
	int n = dev_step_list(w->s, w->c.id, &rows, NULL);
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].step, d->key) == 0)
			id = rows[i].id;
	free(rows);
	return id;
}

static enum outcome open_row(void *st, struct app *a, int64_t id)
{
	struct steps *w = st;
	memset(&w->step, 0, sizeof w->step);
	w->step.case_id = w->c.id;
	w->step.org_id = w->c.org_id;
	if (id > DEV_STEP_ROW_ID(0)) {
		w->step.step_id = id - DEV_STEP_ROW_ID(0);
		w->step.def = dev_step_find("考察");
	} else if (id >= 1 && id <= dev_nsteps) {
		w->step.def = &dev_steps[id - 1];
		if (!(w->step.def->has & DS_ROW)) {
			frame_message(MSG_INFO, "「%s」在发展党员登记表中填写", w->step.def->label);
			return SCR_HANDLED;
		}
		if (!(w->step.def->has & DS_REPEAT))
			w->step.step_id = recorded(w, w->step.def);
	} else {
		return SCR_HANDLED;
	}
	app_push(a, &dev_step_form_screen, &w->step);
	return SCR_PUSH;
}

static enum outcome remove_row(struct steps *w)
{
	int64_t id = grid_selected_id(&w->list.g), step_id = 0;
	struct dj_err e;
	if (id > DEV_STEP_ROW_ID(0))
		step_id = id - DEV_STEP_ROW_ID(0);
	else if (id >= 1 && id <= dev_nsteps && (dev_steps[id - 1].has & DS_ROW) &&
	         !(dev_steps[id - 1].has & DS_REPEAT))
		step_id = recorded(w, &dev_steps[id - 1]);
	if (!step_id) {
		frame_message(MSG_INFO, "这一行没有可删除的记录");
		return SCR_HANDLED;
	}
	if (!dialog_ask("删除这一步的记录？", 0))
		return SCR_REDRAW;
	if (dev_step_delete(w->s, step_id, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	memrows_reload(w->list.rs);
	grid_refresh(&w->list.g);
	frame_message(MSG_INFO, "已删除");
	return SCR_REDRAW;
}

static enum outcome key_steps(void *st, struct app *a, struct key k)
{
	struct steps *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_row, w);
	if (o != SCR_PASS)
		return o;
	if (k.code == K_F8)
		return w->s->role == ROLE_VIEWER ? (frame_message(MSG_INFO, "此记录只能查看"), SCR_HANDLED)
		                                 : remove_row(w);
	return SCR_PASS;
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", NULL, "查找", "删除",
                                        NULL, "退出" };

const struct screen dev_steps_screen = {
	.name = "发展程序",
	.help = "按《中国共产党发展党员工作细则》五个阶段列出这名同志的每一个步骤：\n"
	        "已完成、待办（下一步要办的）、未记录（已过了这一步却没有记录，多为以前登记的）、\n"
	        "不适用（dangjian.ini [develop] optional 中列为可选且未记录的）。\n"
	        "回车记录或修改一步；申请、谈话、支部大会等在发展党员登记表中填写。\n"
	        "培养考察每半年记录一次，每次一行。F8 删除一条记录。F7 查找。",
	.legend = legend,
	.open = open_steps,
	.close = close_steps,
	.draw = draw_steps,
	.key = key_steps,
	.resume = resume_steps,
};
