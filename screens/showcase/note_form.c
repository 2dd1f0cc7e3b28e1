/* note_form.c — one dated 跟踪 or 检查 note of a 党员示范岗: the date, who
 * recorded it and what was found.  A note is added once and kept (audited);
 * the form closes when it is saved. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "showcase/showcase.h"
#include "tui/draw.h"
#include "tui/form.h"

#define M(member) FORM_MEMBER(struct showcase_note, member)
static const struct form_field field_table[] = {
	{ .key = "kind", .label = "类别：", .row = 0, .col = 2, .width = 4, .type = FT_READONLY,
	  M(kind), .help = "跟踪：日常跟踪管理；检查：检查监督。" },
	{ .key = "on_date", .label = "日期：", .row = 0, .col = 42, .width = 10, .type = FT_DATE,
	  .required = 1, M(on_date), .help = "跟踪或检查的日期，在挂牌之后、不晚于今天。" },
	{ .key = "by_whom", .label = "记录人：", .row = 1, .col = 2, .width = 16, .type = FT_TEXT,
	  .required = 1, M(by_whom), .help = "跟踪或检查的人，如「党支部书记 王明」。" },
	{ .key = "body", .label = "内容：", .row = 2, .col = 2, .width = 70, .height = 8,
	  .type = FT_NOTE, .required = 1, .grow = 1, M(body),
	  .help = "跟踪、检查的情况：承诺践行、群众评价、存在问题。多行文字：回车换行。" },
};
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct note_form {
	struct session *s;
	struct showcase_note_arg *arg;
	struct showcase_note rec, draft;
	struct record_form r;
};

static int load_none(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	(void)ctx;
	(void)id;
	(void)rec;
	return dj_fail(e, DJ_NOTFOUND, NULL, "示范岗记录新增后不能修改");
}

static int save_note(void *ctx, void *draft, struct dj_err *e)
{
	struct note_form *w = ctx;
	struct showcase_note *n = draft;
	n->post_id = w->arg->post_id;
	return showcase_note_add(w->s, n, e);
}

static const struct record_ops note_ops = {
	.table = "showcase_post_note", .size = sizeof(struct showcase_note),
	.id_at = offsetof(struct showcase_note, id), .words = RECORD_TELL,
	.load = load_none, .save = save_note,
};

static void *open_form(struct app *a, void *arg)
{
	struct note_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->rec.post_id = w->arg->post_id;
	snprintf(w->rec.kind, sizeof w->rec.kind, "%s", w->arg->kind);
	today(w->rec.on_date);
	w->r = (struct record_form){ .ops = &note_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, field_table, NFIELDS, 0)) {
		free(w);
		return NULL;
	}
	form_focus(&w->r.f, "on_date");
	return w;
}

static void close_form(void *st)
{
	struct note_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct note_form *w = st;
	char left[64];
	form_draw(&w->r.f);
	snprintf(left, sizeof left, "新增%s记录", w->arg->kind);
	frame_status(left, "F2 保存");
}

static int save(void *st)
{
	struct note_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->done = 1;
	frame_message(MSG_INFO, "已保存%s记录（%s）", w->draft.kind, w->draft.on_date);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct note_form *w = st;
	return record_form_key_once(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", NULL, "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen showcase_note_form_screen = {
	.name = "示范岗记录",
	.help = "新增示范岗的一条跟踪或检查记录：日期、记录人和内容。\n"
	        "F2 保存后返回示范岗登记表；记录保存后不能修改（记入操作日志）。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
