/* form.c — one honour (荣誉登记表): the recipient, a member or an
 * organization picked with F4, the title and level from dangjian.ini
 * [honours], the date, 批准机关, 文号, 事迹 and 追授.  A revoked honour is
 * shown read-only with its 撤销 date and reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "honour/honour.h"
#include "member/member.h"
#include "org/org.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/grid.h"

/* The honour as the form shows it: its words for the codes. */
struct honour_rec {
	struct honour h;
	char kind_word[8];        /* 个人 / 组织 */
	char posthumous_word[8];  /* 是 / 否 */
	char revoked[300];        /* "2026-01-05 受党内严重警告处分", "" while in force */
};

static const char *const kind_words[] = { "个人", "组织", NULL };
static const char *const yes_no[] = { "否", "是", NULL };

#define M(member) FORM_MEMBER(struct honour_rec, member)
static const struct form_field field_table[] = {
	{ .key = "kind", .label = "类别：", .row = 0, .col = 2, .width = 6, .type = FT_CHOICE,
	  .required = 1, .choices = kind_words, .carry = 1, M(kind_word),
	  .help = "个人：授予党员；组织：授予党组织。按 F4 选择。" },
	{ .key = "recipient", .label = "获得者：", .row = 0, .col = 42, .width = 24, .type = FT_TEXT,
	  .required = 1, .grow = 1, M(h.recipient),
	  .help = "按 F4 选择：个人从党员中选（可输入拼音首字母），组织从党组织中选。\n"
	          "也可直接输入姓名或组织全称；同名的党员须按 F4 选择。" },
	{ .key = "title", .label = "荣誉称号：", .row = 1, .col = 2, .width = 16, .type = FT_CHOICE,
	  .required = 1, .carry = 1, M(h.title),
	  .help = "按 F4 选择，称号在 dangjian.ini [honours] titles 中配置。\n"
	          "先进基层党组织、党建示范点只授予组织；优秀共产党员、优秀党务工作者、\n"
	          "党员示范岗、党员示范寝室只授予个人。" },
	{ .key = "level", .label = "级别：", .row = 1, .col = 42, .width = 6, .type = FT_CHOICE,
	  .required = 1, .carry = 1, M(h.level),
	  .help = "批准机关的级别，按 F4 选择（dangjian.ini [honours] levels）。" },
	{ .key = "awarded_on", .label = "授予日期：", .row = 2, .col = 2, .width = 10,
	  .type = FT_DATE, .required = 1, .carry = 1, M(h.awarded_on),
	  .help = "表彰决定的日期，不能晚于今天。" },
	{ .key = "posthumous", .label = "追授：", .row = 2, .col = 42, .width = 4, .type = FT_CHOICE,
	  .required = 1, .choices = yes_no, M(posthumous_word),
	  .help = "是：追授已去世的党员（党员状态须为「去世」）。" },
	{ .key = "approved_by", .label = "批准机关：", .row = 3, .col = 2, .width = 40,
	  .type = FT_TEXT, .required = 1, .carry = 1, .grow = 1, M(h.approved_by),
	  .help = "作出表彰决定的机关，如「中共驿亭镇委员会」。" },
	{ .key = "doc_no", .label = "文号：", .row = 4, .col = 2, .width = 30, .type = FT_TEXT,
	  .carry = 1, M(h.doc_no), .help = "表彰决定的文号，如「驿委〔2026〕21号」。" },
	{ .key = "deeds", .label = "事迹：", .row = 5, .col = 2, .width = 60, .height = 6,
	  .type = FT_NOTE, .grow = 1, M(h.deeds),
	  .help = "主要事迹。多行文字：回车换行，Tab 到下一项。" },
	{ .key = "revoked", .label = "撤销：", .row = 12, .col = 2, .width = 60,
	  .type = FT_READONLY, .grow = 1, M(revoked),
	  .help = "撤销的日期和原因；撤销在荣誉台账中按 F9 办理，撤销后本记录不能再修改。" },
};
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct honour_form {
	struct session *s;
	struct honour_arg *arg;
	struct honour_rec rec, draft;
	struct record_form r;
	struct form_field defs[NFIELDS];
	char titles[HONOUR_MAX_CHOICES][64], levels[HONOUR_MAX_CHOICES][64];
	const char *title_list[HONOUR_MAX_CHOICES + 1], *level_list[HONOUR_MAX_CHOICES + 1];
	int64_t picked_id;         /* the recipient chosen with F4 … */
	char picked_name[128];     /* … under this name */
	int saved;
};

static void words_of(struct honour_rec *r)
{
	snprintf(r->kind_word, sizeof r->kind_word, "%s",
	         strcmp(r->h.kind, "org") == 0 ? "组织" : "个人");
	snprintf(r->posthumous_word, sizeof r->posthumous_word, "%s", r->h.posthumous ? "是" : "否");
	if (*r->h.revoked_on)
		snprintf(r->revoked, sizeof r->revoked, "%s %s", r->h.revoked_on, r->h.revoke_reason);
	else
		r->revoked[0] = 0;
}

static int load_honour(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct honour_form *w = ctx;
	struct honour_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (honour_load(w->s, id, &r->h, e))
		return e ? e->code : DJ_DB;
	words_of(r);
	w->picked_id = strcmp(r->h.kind, "org") == 0 ? r->h.org_id : r->h.member_id;
	snprintf(w->picked_name, sizeof w->picked_name, "%s", r->h.recipient);
	return 0;
}

/* The words back to codes, and the recipient: the one picked when its name
 * is still in the field, else the one the typed name names. */
static int save_honour(void *ctx, void *draft, struct dj_err *e)
{
	struct honour_form *w = ctx;
	struct honour_rec *r = draft;
	int is_org = strcmp(r->kind_word, "组织") == 0;
	snprintf(r->h.kind, sizeof r->h.kind, "%s", is_org ? "org" : "member");
	r->h.posthumous = strcmp(r->posthumous_word, "是") == 0;
	int64_t id = 0;
	if (w->picked_id && strcmp(r->h.recipient, w->picked_name) == 0)
		id = w->picked_id;
	else if (honour_find_recipient(w->s, r->h.kind, r->h.recipient, &id, e))
		return DJ_INVALID;
	r->h.member_id = is_org ? 0 : id;
	r->h.org_id = is_org ? id : 0;
	int rc = honour_save(w->s, &r->h, e);
	if (rc == 0)
		words_of(r);
	return rc;
}

static const struct record_ops honour_ops = {
	.table = "honour", .size = sizeof(struct honour_rec),
	.id_at = offsetof(struct honour_rec, h.id), .entry = 1, .words = RECORD_TELL,
	.load = load_honour, .save = save_honour,
};

/* F4 on 获得者: members (every status: a 追授 goes to one who died) or the
 * organizations, as 类别 says. */
static void pick_recipient(struct honour_form *w)
{
	char kind[16], filter[64] = "";
	form_get(&w->r.f, "kind", kind, sizeof kind);
	int is_org = strcmp(kind, "组织") == 0;
	struct row_source *rs = is_org ? org_pick_source(w->s) : member_list_source(w->s, 0, 1);
	struct rs_row row;
	if (!rs) {
		frame_message(MSG_ERROR, "无法读取%s列表", is_org ? "党组织" : "党员");
		return;
	}
	int picked = grid_pick(rs, is_org ? "选择党组织（可输入拼音首字母）"
	                                  : "选择党员（可输入拼音首字母）",
	                       filter, sizeof filter, w->picked_id, &row);
	row_source_free(rs);
	if (!picked)
		return;
	struct org o;
	struct dj_err e;
	w->picked_id = row.key.id;
	if (is_org && org_load(w->s, row.key.id, &o, &e) == 0)
		snprintf(w->picked_name, sizeof w->picked_name, "%s", o.name);
	else
		snprintf(w->picked_name, sizeof w->picked_name, "%s", row.cell[0]);
	form_set(&w->r.f, "recipient", w->picked_name);
	form_focus(&w->r.f, "title");
}

/* The configured titles and levels as the pick fields' lists. */
static void choices(struct honour_form *w)
{
	memcpy(w->defs, field_table, sizeof field_table);
	int nt = honour_titles(w->s, w->titles, HONOUR_MAX_CHOICES);
	int nl = honour_levels(w->s, w->levels, HONOUR_MAX_CHOICES);
	for (int i = 0; i < nt; i++)
		w->title_list[i] = w->titles[i];
	for (int i = 0; i < nl; i++)
		w->level_list[i] = w->levels[i];
	w->title_list[nt] = w->level_list[nl] = NULL;
	w->defs[2].choices = w->title_list;
	w->defs[3].choices = w->level_list;
	/* opened from one recipient's ledger: each new honour is that recipient's */
	w->defs[1].carry = w->arg->kind && w->arg->recipient_id;
}

/* A new honour for a recipient the ledger was showing. */
static void prepare_new(struct honour_form *w)
{
	struct honour_rec *r = &w->rec;
	snprintf(r->kind_word, sizeof r->kind_word, "个人");
	snprintf(r->posthumous_word, sizeof r->posthumous_word, "否");
	if (!w->arg->kind || !w->arg->recipient_id)
		return;
	int is_org = strcmp(w->arg->kind, "org") == 0;
	snprintf(r->kind_word, sizeof r->kind_word, "%s", is_org ? "组织" : "个人");
	struct org o;
	struct member m;
	struct dj_err e;
	if (is_org ? org_load(w->s, w->arg->recipient_id, &o, &e)
	           : member_load(w->s, w->arg->recipient_id, &m, &e))
		return;
	w->picked_id = w->arg->recipient_id;
	snprintf(w->picked_name, sizeof w->picked_name, "%s", is_org ? o.name : m.name);
	snprintf(r->h.recipient, sizeof r->h.recipient, "%s", w->picked_name);
}

static void *open_form(struct app *a, void *arg)
{
	struct honour_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	choices(w);
	if (!w->arg->id)
		prepare_new(w);
	w->r = (struct record_form){ .ops = &honour_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->defs, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (!w->arg->id)
		form_focus(&w->r.f, *w->rec.h.recipient ? "title" : "recipient");
	if (w->s->role == ROLE_VIEWER || *w->rec.h.revoked_on)
		record_form_lock(&w->r.f);
	return w;
}

static void close_form(void *st)
{
	struct honour_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct honour_form *w = st;
	char left[80];
	form_draw(&w->r.f);
	if (*w->rec.h.revoked_on)
		snprintf(left, sizeof left, "已撤销的荣誉（只读）");
	else if (w->arg->id)
		snprintf(left, sizeof left, "修改荣誉记录");
	else
		snprintf(left, sizeof left, "新增荣誉记录（连续录入，本次已保存 %d 条）", w->saved);
	frame_status(left, "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct honour_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->saved++;
	w->arg->saved_id = w->draft.h.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存「%s」%s（%s）", w->draft.h.recipient, w->draft.h.title,
	              w->draft.h.level);
	if (!w->arg->id)
		form_focus(&w->r.f, "recipient");
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct honour_form *w = st;
	int locked = w->s->role == ROLE_VIEWER || *w->rec.h.revoked_on;
	if (locked && (k.code == K_F2 || k.code == K_ENTER)) {
		frame_message(MSG_ERROR, *w->rec.h.revoked_on ? "该荣誉已撤销，不能再修改"
		                                              : "您是只读用户，不能修改荣誉记录");
		return SCR_HANDLED;
	}
	const char *at = form_current_key(&w->r.f);
	if (!locked && k.code == K_F4 && at && strcmp(at, "recipient") == 0) {
		pick_recipient(w);
		return SCR_REDRAW;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen honour_form_screen = {
	.name = "荣誉登记",
	.help = "登记一项表彰荣誉：类别（个人或组织）、获得者（F4 选择）、荣誉称号、级别、\n"
	        "授予日期、追授、批准机关、文号和事迹。称号和级别在 dangjian.ini [honours] 配置。\n"
	        "先进基层党组织、党建示范点只授予组织；优秀共产党员等个人称号只授予党员。\n"
	        "追授只用于状态为「去世」的党员。荣誉不能删除，只能在台账中按 F9 撤销。\n"
	        "新增时为连续录入：F2 保存后表格清空，称号、级别、日期、批准机关、文号沿用。\n"
	        "F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
