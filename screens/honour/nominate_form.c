/* nominate_form.c — 推荐表: one nomination of a cycle — the recipient (a
 * member or an organization, F4), the title from the cycle's, 推荐理由, and
 * the 越过规则理由 asked for in warn mode; below it what the records say:
 * the rules the recipient fails (each with its message), the evidence
 * (attendance, dues, honours before; or compliance, grade, 立项) and the
 * objections of 公示.  Only a 已推荐 nomination can be changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/itemlist.h"
#include "honour/honour.h"
#include "honour/nominate.h"
#include "member/member.h"
#include "org/org.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/grid.h"

struct nom_rec {
	struct nomination n;
	char kind_word[8];   /* 个人 / 组织 */
};

static const char *const kind_words[] = { "个人", "组织", NULL };

#define M(member) FORM_MEMBER(struct nom_rec, member)
static const struct form_field field_table[] = {
	{ .key = "kind", .label = "类别：", .row = 0, .col = 2, .width = 6, .type = FT_CHOICE,
	  .required = 1, .choices = kind_words, M(kind_word),
	  .help = "个人：推荐党员；组织：推荐党组织。按 F4 选择。" },
	{ .key = "recipient", .label = "推荐对象：", .row = 0, .col = 42, .width = 24,
	  .type = FT_TEXT, .required = 1, .grow = 1, M(n.recipient),
	  .help = "按 F4 选择：个人从党员中选（可输入拼音首字母），组织从党组织中选。\n"
	          "选定后下方列出推荐依据和不符合的条件。" },
	{ .key = "title", .label = "称号：", .row = 1, .col = 2, .width = 16, .type = FT_CHOICE,
	  .required = 1, M(n.title), .help = "本次评选的称号之一，按 F4 选择。" },
	{ .key = "state", .label = "状态：", .row = 1, .col = 42, .width = 10, .type = FT_READONLY,
	  M(n.state), .help = "已推荐 → 审核通过/审核不通过 → 公示中 → 已批准/未批准。" },
	{ .key = "nominator", .label = "推荐单位：", .row = 2, .col = 2, .width = 30,
	  .type = FT_READONLY, .grow = 1, M(n.nominator),
	  .help = "党员所在的党支部；党组织的上级组织。名额按推荐单位和称号计算。" },
	{ .key = "reasons", .label = "推荐理由：", .row = 3, .col = 2, .width = 60, .height = 3,
	  .type = FT_NOTE, .grow = 1, M(n.reasons),
	  .help = "主要事迹。批准后作为荣誉的事迹记入荣誉台账。回车换行，Tab 到下一项。" },
	{ .key = "override_reason", .label = "越过规则理由：", .row = 6, .col = 2, .width = 56,
	  .type = FT_TEXT, .grow = 1, M(n.override_reason),
	  .help = "不符合推荐条件而仍要推荐时填写（dangjian.ini [nominate] rules = warn 时可用，\n"
	          "由 override_role 规定的角色办理）；理由和未满足的条件记入推荐。" },
	{ .key = "review_note", .label = "审核意见：", .row = 7, .col = 2, .width = 24,
	  .type = FT_READONLY, M(n.review_note), .help = "审核时填写（推荐台账 F9）。" },
	{ .key = "decision_reason", .label = "未批准原因：", .row = 7, .col = 42, .width = 22,
	  .type = FT_READONLY, M(n.decision_reason), .help = "未批准时填写（推荐台账 F9）。" },
};
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table, FACTS_MAX = 32 };

struct nom_form {
	struct session *s;
	struct nominate_arg *arg;
	struct nom_cycle cycle;
	struct nom_rec rec, draft;
	struct record_form r;
	struct form_field defs[NFIELDS];
	char titles[16][64];
	const char *title_list[17];
	int64_t picked_id;
	char picked_name[128];
	char facts[FACTS_MAX][NOM_RULE_LEN];   /* rules failed, evidence, objections */
	int nfacts, nrules;
	int readonly;
};

static void add_fact(struct nom_form *w, const char *text)
{
	if (w->nfacts < FACTS_MAX)
		snprintf(w->facts[w->nfacts++], NOM_RULE_LEN, "%s", text);
}

/* What the records say of the recipient now in the form, for the title in
 * it: the rules (rules gone past on a saved nomination as recorded) first. */
static void read_facts(struct nom_form *w)
{
	char kind[16], title[64], rules[NOM_MAX_RULES][NOM_RULE_LEN], line[NOM_RULE_LEN];
	char ev[NOM_EVIDENCE_MAX][96], obj[8][NOM_RULE_LEN];
	w->nfacts = w->nrules = 0;
	if (!w->picked_id)
		return;
	form_get(&w->r.f, "kind", kind, sizeof kind);
	form_get(&w->r.f, "title", title, sizeof title);
	struct nomination n = { 0 };
	snprintf(n.kind, sizeof n.kind, "%s", strcmp(kind, "组织") == 0 ? "org" : "member");
	if (*n.kind == 'o')
		n.org_id = w->picked_id;
	else
		n.member_id = w->picked_id;
	snprintf(n.title, sizeof n.title, "%s", title);
	int k = nominate_breaches(w->s, &w->cycle, &n, rules, NOM_MAX_RULES);
	for (int i = 0; i < k; i++) {
		snprintf(line, sizeof line, "✗ %s", rules[i]);
		add_fact(w, line);
	}
	w->nrules = w->nfacts;
	int ne = nominate_evidence(w->s, &n, w->cycle.year, ev, NOM_EVIDENCE_MAX);
	for (int i = 0; i < ne; i++)
		add_fact(w, ev[i]);
	int no = w->rec.n.id ? nom_objection_lines(w->s, w->rec.n.id, obj, 8) : 0;
	for (int i = 0; i < no && i < 8; i++) {
		snprintf(line, sizeof line, "公示异议：%s", obj[i]);
		add_fact(w, line);
	}
}

static int load_nom(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct nom_form *w = ctx;
	struct nom_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (nomination_load(w->s, id, &r->n, e))
		return e ? e->code : DJ_DB;
	snprintf(r->kind_word, sizeof r->kind_word, "%s", strcmp(r->n.kind, "org") == 0 ? "组织"
	                                                                               : "个人");
	w->picked_id = *r->n.kind == 'o' ? r->n.org_id : r->n.member_id;
	snprintf(w->picked_name, sizeof w->picked_name, "%s", r->n.recipient);
	return 0;
}

static int save_nom(void *ctx, void *draft, struct dj_err *e)
{
	struct nom_form *w = ctx;
	struct nom_rec *r = draft;
	int is_org = strcmp(r->kind_word, "组织") == 0;
	snprintf(r->n.kind, sizeof r->n.kind, "%s", is_org ? "org" : "member");
	int64_t id = 0;
	if (w->picked_id && strcmp(r->n.recipient, w->picked_name) == 0)
		id = w->picked_id;
	else if (honour_find_recipient(w->s, r->n.kind, r->n.recipient, &id, e))
		return DJ_INVALID;
	r->n.member_id = is_org ? 0 : id;
	r->n.org_id = is_org ? id : 0;
	r->n.cycle_id = w->cycle.id;
	return nominate_save(w->s, &r->n, e);
}

static const struct record_ops nom_ops = {
	.table = "nomination", .size = sizeof(struct nom_rec),
	.id_at = offsetof(struct nom_rec, n.id), .words = RECORD_TELL,
	.load = load_nom, .save = save_nom,
};

static void pick_recipient(struct nom_form *w)
{
	char kind[16], filter[64] = "";
	form_get(&w->r.f, "kind", kind, sizeof kind);
	int is_org = strcmp(kind, "组织") == 0;
	struct row_source *rs = is_org ? org_pick_source(w->s) : member_list_source(w->s, 0, 0);
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
	read_facts(w);
}

/* The title list is the cycle's. */
static void choices(struct nom_form *w)
{
	static const char *const seps[] = { "、", "，", ",", NULL };
	const char *p = w->cycle.titles;
	int n = 0;
	memcpy(w->defs, field_table, sizeof field_table);
	while (n < 16 && itemlist_next(&p, seps, w->titles[n], sizeof w->titles[n]))
		if (*w->titles[n])
			w->title_list[n] = w->titles[n], n++;
	w->title_list[n] = NULL;
	w->defs[2].choices = w->title_list;
}

/* The facts follow the title and the kind as they change. */
static void changed(struct form *f, const char *key, void *ctx)
{
	(void)f;
	struct nom_form *w = ctx;
	if (strcmp(key, "title") == 0 || strcmp(key, "kind") == 0)
		read_facts(w);
}

static void *open_form(struct app *a, void *arg)
{
	struct nom_form *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (nom_cycle_load(w->s, w->arg->cycle_id, &w->cycle, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	choices(w);
	if (!w->arg->id) {
		snprintf(w->rec.kind_word, sizeof w->rec.kind_word, "个人");
		snprintf(w->rec.n.title, sizeof w->rec.n.title, "%s", w->title_list[0] ? w->title_list[0]
		                                                                      : "");
	}
	w->r = (struct record_form){ .ops = &nom_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->defs, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	w->r.f.changed = changed;
	w->readonly = w->s->role == ROLE_VIEWER ||
	              (w->arg->id && strcmp(w->rec.n.state, "已推荐") != 0);
	if (w->readonly)
		record_form_lock(&w->r.f);
	if (!w->arg->id)
		form_focus(&w->r.f, "recipient");
	read_facts(w);
	return w;
}

static void close_form(void *st)
{
	struct nom_form *w = st;
	form_free(&w->r.f);
	free(w);
}

/* Below the form: the rules failed, the evidence, the objections. */
static void draw_facts(struct nom_form *w)
{
	int top = frame_body_top() + 9, last = frame_body_top() + frame_body_rows() - 1;
	char head[160];
	snprintf(head, sizeof head, "推荐依据（来自记录，%d 年）%s%s", w->cycle.year,
	         w->nrules ? "：✗ 为不符合的推荐条件" : "",
	         *w->rec.n.overrides ? "（推荐时已说明理由越过）" : "");
	draw_text(top, 0, term_cols(), head, ST_HEADING);
	if (!w->picked_id)
		draw_text(top + 1, 2, term_cols() - 2, "（选择推荐对象后显示）", ST_DIM);
	for (int i = 0; i < w->nfacts && top + 1 + i <= last; i++)
		draw_text(top + 1 + i, 2, term_cols() - 2, w->facts[i], i < w->nrules ? ST_WARN
		                                                                     : ST_NORMAL);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct nom_form *w = st;
	form_draw(&w->r.f);
	draw_facts(w);
	frame_status(w->arg->id ? w->rec.n.state : "推荐", w->readonly ? "只能查看"
	                                                                : "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct nom_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.n.id;
	w->arg->id = w->draft.n.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已推荐「%s」为%s（推荐单位：%s）", w->draft.n.recipient,
	              w->draft.n.title, w->draft.n.nominator);
	read_facts(w);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct nom_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER)) {
		frame_message(MSG_ERROR, w->s->role == ROLE_VIEWER ? "您是只读用户，不能修改推荐"
		                                                    : "该推荐已%s，不能再修改",
		              w->rec.n.state);
		return SCR_HANDLED;
	}
	const char *at = form_current_key(&w->r.f);
	if (!w->readonly && k.code == K_F4 && at && strcmp(at, "recipient") == 0) {
		pick_recipient(w);
		return SCR_REDRAW;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen nominate_form_screen = {
	.name = "推荐表",
	.help = "推荐一名党员或一个党组织：类别、推荐对象（F4 选择）、称号、推荐理由。\n"
	        "下方列出记录中的推荐依据：党员的三会一课出席率、党费交至、以往荣誉；\n"
	        "党组织的组织生活、定级等次和进退、立项。✗ 为不符合的条件：状态须为正常，\n"
	        "[nominate] formal_only 中的称号须为正式党员，党费须交至上月，不在缺勤预警名单；\n"
	        "党组织当年未定为后进、没有逾期未验收的整改。不符合时不能推荐；\n"
	        "[nominate] rules = warn 时可填写「越过规则理由」后保存，理由记入推荐。\n"
	        "名额按推荐单位和称号计算。已审核的推荐只能查看。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
