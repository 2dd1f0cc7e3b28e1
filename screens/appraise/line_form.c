/* line_form.c — 述职登记: one organization's line in a 述职评议 round: who
 * 述职ed (F4 to the organization's members), when, a summary; below, the
 * votes as typed on the sheet and the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/appraise.h"
#include "member/member.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

struct line_rec {
	struct appraise_line l;
	char round[160];
	char members[96], public_[96], result[64];
};

struct line_form {
	struct session *s;
	struct appraise_arg *arg;
	struct line_rec rec, draft;
	struct record_form r;
	struct appraise_rule rule;
};

static struct row_source *open_members(void *ctx)
{
	struct line_form *w = ctx;
	return member_list_source(w->s, w->rec.l.org_id, 0);
}

static const struct form_lookup member_lookup = {
	.open = open_members, .col = 0, .title = "选择述职人（本组织党员）",
};

#define M(member) FORM_MEMBER(struct line_rec, member)
static const struct form_field fields[] = {
	{ .key = "org", .label = "党组织：", .row = 0, .col = 2, .width = 30, .type = FT_READONLY,
	  .grow = 1, M(l.org), .help = "参加述职评议的党组织。" },
	{ .key = "round", .label = "述职评议：", .row = 1, .col = 2, .width = 50, .type = FT_READONLY,
	  .grow = 1, M(round), .help = "本轮述职评议和述职期限。" },
	{ .key = "secretary", .label = "述职人：", .row = 2, .col = 2, .width = 12, .type = FT_LINK,
	  .lookup = &member_lookup, M(l.secretary),
	  .help = "述职的党组织书记。新的一轮取自党组织登记表的书记；F4 从本组织党员中选择，也可直接输入。" },
	{ .key = "spoke_on", .label = "述职日期：", .row = 2, .col = 30, .width = 10, .type = FT_DATE,
	  M(l.spoke_on), .help = "向党员群众述职的日期。登记了日期即算已述职，不再列入待办。" },
	{ .key = "summary", .label = "述职摘要：", .row = 3, .col = 2, .width = 64, .height = 6,
	  .type = FT_NOTE, .grow = 1, M(l.summary),
	  .help = "述职的主要内容：抓基层党建工作的情况、存在问题和改进措施。多行文字：回车换行。" },
	{ .key = "members", .label = "党员评议：", .row = 10, .col = 2, .width = 60, .type = FT_READONLY,
	  .grow = 1, M(members), .help = "在评议录入表中录入的党员评议票数。" },
	{ .key = "public", .label = "群众评议：", .row = 11, .col = 2, .width = 60, .type = FT_READONLY,
	  .grow = 1, M(public_), .help = "在评议录入表中录入的群众评议票数。" },
	{ .key = "result", .label = "评议结果：", .row = 12, .col = 2, .width = 40, .type = FT_READONLY,
	  .grow = 1, M(result), .help = "好和较好票数所占比例和评议等次（dangjian.ini [appraise]）。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

static void group_text(const struct appraise_votes *v, int g, char *out, size_t cap)
{
	static const char *const kinds[AP_KINDS] = { "好", "较好", "一般", "差" };
	size_t at = 0;
	out[0] = 0;
	for (int k = 0; k < AP_KINDS && at < cap; k++) {
		int c = v->n[g][k];
		at += (size_t)snprintf(out + at, cap - at, "%s%s %d 票", k ? "  " : "", kinds[k], c < 0 ? 0 : c);
	}
}

static void describe(struct line_form *w, struct line_rec *r)
{
	struct appraise_round rd;
	struct dj_err e;
	char share[16];
	if (appraise_round_load(w->s, r->l.round_id, &rd, &e) == 0)
		snprintf(r->round, sizeof r->round, "%s（述职期限 %s）", rd.name, rd.ends_on);
	group_text(&r->l.v, AP_MEMBERS, r->members, sizeof r->members);
	group_text(&r->l.v, AP_PUBLIC, r->public_, sizeof r->public_);
	int sh = appraise_share(&w->rule, &r->l.v);
	appraise_format_share(sh, share, sizeof share);
	snprintf(r->result, sizeof r->result, "%s%s%s", *share ? "好和较好占 " : "", share,
	         *share ? "，" : "");
	size_t at = strlen(r->result);
	snprintf(r->result + at, sizeof r->result - at, "%s", appraise_word(&w->rule, sh));
}

static int load_line(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct line_form *w = ctx;
	struct line_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (appraise_line_load(w->s, id, &r->l, e))
		return e ? e->code : DJ_DB;
	describe(w, r);
	return 0;
}

static int save_line(void *ctx, void *draft, struct dj_err *e)
{
	struct line_form *w = ctx;
	struct line_rec *r = draft;
	int rc = appraise_line_save(w->s, &r->l, e);
	if (rc == 0)
		describe(w, r);
	return rc;
}

static const struct record_ops line_ops = {
	.table = "appraise_line", .size = sizeof(struct line_rec),
	.id_at = offsetof(struct line_rec, l.id), .words = RECORD_TELL, .load = load_line,
	.save = save_line,
};

static void *open_form(struct app *a, void *arg)
{
	struct line_form *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	appraise_rule_from(w->s->cfg, &w->rule);
	int64_t id = w->arg->id;
	if (!id && appraise_line_find(w->s, w->arg->year, w->arg->org_id, &id, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	w->r = (struct record_form){ .ops = &line_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	return w;
}

static void close_form(void *st)
{
	struct line_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct line_form *w = st;
	form_draw(&w->r.f);
	frame_status(*w->rec.l.spoke_on ? "述职登记" : "述职登记（尚未述职）", "F2 保存  F4 选择述职人");
}

static int save(void *st)
{
	struct line_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.l.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存「%s」的述职%s%s", w->draft.l.org, *w->draft.l.spoke_on ? "：" : "",
	              w->draft.l.spoke_on);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct line_form *w = st;
	if (w->s->role == ROLE_VIEWER && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen appraise_line_form_screen = {
	.name = "述职登记",
	.help = "一个党组织的述职：述职人（F4 从本组织党员中选择）、述职日期和述职摘要。\n"
	        "下方是在评议录入表中录入的党员评议、群众评议票数和评议结果（在评议录入表中修改）。\n"
	        "回车到下一项，F2 保存，F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
