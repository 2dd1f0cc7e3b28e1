/* form.c — 通报: its 文号, title, period, issuing unit and date, and the
 * text drafted from the records (an FT_NOTE the office edits).  A new one
 * comes prefilled from bulletin_draft; F2 saves; F9 exports or prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin/bulletin.h"
#include "core/validate.h"
#include "org/org.h"
#include "screens/common/list_screen.h"
#include "screens/common/print_dialog.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

struct bulletin_rec {
	int64_t id, version;
	char doc_no[64], title[160], from[11], to[11], org[128], issued_on[11];
	char body[16384];
};

struct bulletin_form {
	struct session *s;
	struct bulletin_arg *arg;
	struct bulletin_rec rec, draft;
	struct record_form r;
};

static struct row_source *open_orgs(void *ctx)
{
	return org_pick_source(((struct bulletin_form *)ctx)->s);
}

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择发文单位", .strict = 1,
};

#define M(member) FORM_MEMBER(struct bulletin_rec, member)
static const struct form_field fields[] = {
	{ .key = "doc_no", .label = "文号：", .row = 0, .col = 2, .width = 24, .type = FT_TEXT,
	  .required = 1, .max_chars = 30, M(doc_no), .help = "通报的文号，如 驿组通〔2026〕3号。每份通报的文号不能重复。" },
	{ .key = "issued_on", .label = "发文日期：", .row = 0, .col = 42, .width = 10, .type = FT_DATE,
	  .required = 1, M(issued_on), .help = "印发通报的日期，不早于通报期间的截止日期。" },
	{ .key = "title", .label = "标题：", .row = 1, .col = 2, .width = 64, .type = FT_TEXT,
	  .required = 1, .grow = 1, .max_chars = 60, M(title), .help = "通报的标题，按期间拟好，可以修改。" },
	{ .key = "from", .label = "通报期间：", .row = 2, .col = 2, .width = 10, .type = FT_DATE,
	  .required = 1, M(from), .help = "通报所列情况的起始日期（起草时选定）。" },
	{ .key = "to", .label = "至：", .row = 2, .col = 25, .width = 10, .type = FT_DATE,
	  .required = 1, M(to), .help = "通报所列情况的截止日期。" },
	{ .key = "org", .label = "发文单位：", .row = 2, .col = 42, .width = 24, .type = FT_LINK,
	  .required = 1, .grow = 1, .lookup = &org_lookup, M(org),
	  .help = "印发通报的党组织（起草时的范围），落款处打印。按 F4 选择。" },
	{ .key = "text", .label = "正文：", .row = 3, .col = 2, .width = 70, .height = 15,
	  .type = FT_NOTE, .required = 1, .grow = 1, M(body),
	  .help = "由台账记录起草的通报正文，可以修改、补充。多行文字：回车换行。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

static void to_rec(const struct bulletin *b, struct bulletin_rec *r)
{
	memset(r, 0, sizeof *r);
	r->id = b->id;
	r->version = b->version;
	snprintf(r->doc_no, sizeof r->doc_no, "%s", b->doc_no);
	snprintf(r->title, sizeof r->title, "%s", b->title);
	snprintf(r->from, sizeof r->from, "%s", b->from);
	snprintf(r->to, sizeof r->to, "%s", b->to);
	snprintf(r->org, sizeof r->org, "%s", b->org);
	snprintf(r->issued_on, sizeof r->issued_on, "%s", b->issued_on);
	snprintf(r->body, sizeof r->body, "%s", b->text ? b->text : "");
}

static int load_bulletin(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct bulletin b;
	if (bulletin_load(((struct bulletin_form *)ctx)->s, id, &b, e))
		return e ? e->code : DJ_DB;
	to_rec(&b, rec);
	bulletin_free(&b);
	return 0;
}

static int save_bulletin(void *ctx, void *draft, struct dj_err *e)
{
	struct bulletin_rec *r = draft;
	struct bulletin b = { .id = r->id, .version = r->version, .text = r->body };
	snprintf(b.doc_no, sizeof b.doc_no, "%s", r->doc_no);
	snprintf(b.title, sizeof b.title, "%s", r->title);
	snprintf(b.from, sizeof b.from, "%s", r->from);
	snprintf(b.to, sizeof b.to, "%s", r->to);
	snprintf(b.org, sizeof b.org, "%s", r->org);
	snprintf(b.issued_on, sizeof b.issued_on, "%s", r->issued_on);
	int rc = bulletin_save(((struct bulletin_form *)ctx)->s, &b, e);
	if (rc == 0) {
		r->id = b.id;
		r->version = b.version;
		snprintf(r->issued_on, sizeof r->issued_on, "%s", b.issued_on);
		snprintf(r->from, sizeof r->from, "%s", b.from);
		snprintf(r->to, sizeof r->to, "%s", b.to);
	}
	return rc;
}

static const struct record_ops bulletin_ops = {
	.table = "bulletin", .size = sizeof(struct bulletin_rec),
	.id_at = offsetof(struct bulletin_rec, id), .words = RECORD_TELL, .load = load_bulletin,
	.save = save_bulletin,
};

/* A new 通报: the draft for the period and scope the list asked for. */
static int prepare_new(struct bulletin_form *w)
{
	struct dj_err e;
	char *text = NULL;
	struct bulletin_arg *a = w->arg;
	if (bulletin_draft(w->s, a->root, a->from, a->to, &text, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	snprintf(w->rec.body, sizeof w->rec.body, "%s", text);
	free(text);
	bulletin_title(a->from, a->to, w->rec.title, sizeof w->rec.title);
	snprintf(w->rec.from, sizeof w->rec.from, "%s", a->from);
	snprintf(w->rec.to, sizeof w->rec.to, "%s", a->to);
	list_scope_name(w->s, a->root, w->rec.org, sizeof w->rec.org);
	today(w->rec.issued_on);
	return 0;
}

static void *open_form(struct app *a, void *arg)
{
	struct bulletin_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (!w->arg->id && prepare_new(w)) {
		free(w);
		return NULL;
	}
	w->r = (struct record_form){ .ops = &bulletin_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	if (!w->arg->id)
		frame_message(MSG_INFO, "已由台账记录起草通报，请核对修改正文，填写文号后按 F2 保存");
	return w;
}

static void close_form(void *st)
{
	struct bulletin_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct bulletin_form *w = st;
	form_draw(&w->r.f);
	frame_status(w->rec.id ? "通报" : "新通报（尚未保存）", w->rec.id ? "F2 保存  F9 导出、打印" : "F2 保存");
}

static int save(void *st)
{
	struct bulletin_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.id;
	w->arg->id = w->draft.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存通报 %s", w->draft.doc_no);
	return 0;
}

static int write_text(void *ctx, const char *path, FILE *report, int *n)
{
	struct bulletin_form *w = ctx;
	return bulletin_export_text(w->s, w->rec.id, path, report, n);
}

static void actions(struct bulletin_form *w)
{
	static const char *const items[] = { "导出为文本文件（.txt）", "打印通报（PDF）" };
	char name[160];
	if (!w->rec.id) {
		frame_message(MSG_ERROR, "请先按 F2 保存通报，再导出");
		return;
	}
	if (form_is_dirty(&w->r.f)) {
		frame_message(MSG_ERROR, "通报有未保存的修改，请先按 F2 保存");
		return;
	}
	switch (dialog_pick("操作", items, 2, 0)) {
	case 0:
		snprintf(name, sizeof name, "通报-%s.txt", w->rec.issued_on);
		list_export("导出通报", name, "份通报", NULL, write_text, w);
		break;
	case 1: print_dialog(w->s, FORM_BULLETIN, w->rec.id, 0); break;
	default: break;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct bulletin_form *w = st;
	if (w->s->role == ROLE_VIEWER && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	if (k.code == K_F9) {
		actions(w);
		return SCR_REDRAW;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        "操作", "退出" };

const struct screen bulletin_form_screen = {
	.name = "通报内容",
	.help = "一份通报：文号、发文日期、标题、通报期间、发文单位和正文。\n"
	        "新通报的正文由台账记录起草：月报缺报、任务逾期、“三会一课”落实不到位、整改逾期、\n"
	        "督导检查整改未落实的组织各列一段，没有问题的党支部列为按时完成各项工作的支部。\n"
	        "正文可以修改（回车换行）。填写文号后按 F2 保存；F9 导出文本或打印（PDF）。F3 或 Esc 返回。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
