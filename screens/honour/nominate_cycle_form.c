/* nominate_cycle_form.c — 评选设置: a commendation cycle's year, name,
 * 组织单位, the titles it gives with their level and default quota, and its
 * dates.  The 公示 dates are set by 开始公示 and the 审批 fields by 审批
 * (both from the nominations ledger, F9); an approved cycle is read-only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/validate.h"
#include "honour/honour.h"
#include "honour/nominate.h"
#include "org/org.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

struct cycle_rec {
	struct nom_cycle c;
	char year[8];
	char quota[4];
};

static struct row_source *open_orgs(void *ctx);

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择组织单位", .strict = 1,
};

#define M(member) FORM_MEMBER(struct cycle_rec, member)
static const struct form_field field_table[] = {
	{ .key = "year", .label = "年度：", .row = 0, .col = 2, .width = 4, .type = FT_INT,
	  .required = 1, .max_chars = 4, M(year), .help = "评选的年度，如 2026。" },
	{ .key = "name", .label = "评选名称：", .row = 0, .col = 42, .width = 24, .type = FT_TEXT,
	  .required = 1, .grow = 1, M(c.name), .help = "如「2026年七一表彰」。" },
	{ .key = "org", .label = "组织单位：", .row = 1, .col = 2, .width = 30, .type = FT_LINK,
	  .required = 1, .lookup = &org_lookup, .grow = 1, M(c.org),
	  .help = "组织评选的党委（或党总支）：推荐单位须在它之下。按 F4 选择。" },
	{ .key = "titles", .label = "评选称号：", .row = 2, .col = 2, .width = 60, .type = FT_TEXT,
	  .required = 1, .grow = 1, M(c.titles),
	  .help = "本次评选的称号，用顿号分隔，如「优秀共产党员、优秀党务工作者、先进基层党组织」；\n"
	          "每个都须在 dangjian.ini [honours] titles 中。" },
	{ .key = "level", .label = "级别：", .row = 3, .col = 2, .width = 6, .type = FT_CHOICE,
	  .required = 1, M(c.level), .help = "授予的荣誉的级别，按 F4 选择（[honours] levels）。" },
	{ .key = "quota", .label = "默认名额：", .row = 3, .col = 42, .width = 3, .type = FT_INT,
	  .required = 1, .max_chars = 2, M(quota),
	  .help = "每个推荐单位每个称号可推荐几名；个别单位的名额在推荐台账中按 F9 设置。\n"
	          "新评选的默认值取自 dangjian.ini [nominate] quota。" },
	{ .key = "due_on", .label = "推荐截止：", .row = 4, .col = 2, .width = 10, .type = FT_DATE,
	  M(c.due_on), .help = "各单位报送推荐的截止日期（可不填）。" },
	{ .key = "state", .label = "状态：", .row = 4, .col = 42, .width = 8, .type = FT_READONLY,
	  M(c.state), .help = "推荐中 → 公示中（开始公示）→ 已审批（审批）。" },
	{ .key = "publicity_from", .label = "公示开始：", .row = 5, .col = 2, .width = 10,
	  .type = FT_READONLY, M(c.publicity_from), .help = "在推荐台账中按 F9「开始公示」设置。" },
	{ .key = "publicity_to", .label = "公示结束：", .row = 5, .col = 42, .width = 10,
	  .type = FT_READONLY, M(c.publicity_to), .help = "公示结束后才能审批。" },
	{ .key = "approved_on", .label = "审批日期：", .row = 6, .col = 2, .width = 10,
	  .type = FT_READONLY, M(c.approved_on), .help = "在推荐台账中按 F9「审批」办理。" },
	{ .key = "doc_no", .label = "文号：", .row = 6, .col = 42, .width = 24, .type = FT_READONLY,
	  M(c.doc_no), .help = "表彰决定的文号，审批时填写。" },
	{ .key = "approved_by", .label = "批准机关：", .row = 7, .col = 2, .width = 40,
	  .type = FT_READONLY, M(c.approved_by), .help = "审批时填写。" },
};
#undef M
enum { NFIELDS = sizeof field_table / sizeof *field_table };

struct cycle_form {
	struct session *s;
	struct nominate_arg *arg;
	struct cycle_rec rec, draft;
	struct record_form r;
	struct form_field defs[NFIELDS];
	char levels[HONOUR_MAX_CHOICES][64];
	const char *level_list[HONOUR_MAX_CHOICES + 1];
	int readonly;
};

static struct row_source *open_orgs(void *ctx)
{
	return org_pick_source(((struct cycle_form *)ctx)->s);
}

static void words_of(struct cycle_rec *r)
{
	snprintf(r->year, sizeof r->year, "%d", r->c.year);
	snprintf(r->quota, sizeof r->quota, "%d", r->c.quota);
}

static int load_cycle(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct cycle_form *w = ctx;
	struct cycle_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (nom_cycle_load(w->s, id, &r->c, e))
		return e ? e->code : DJ_DB;
	words_of(r);
	return 0;
}

static int save_cycle(void *ctx, void *draft, struct dj_err *e)
{
	struct cycle_form *w = ctx;
	struct cycle_rec *r = draft;
	r->c.year = atoi(r->year);
	r->c.quota = atoi(r->quota);
	if (org_find_by_name(w->s, r->c.org, &r->c.org_id) != 0)
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」没有名为「%s」的党组织", r->c.org);
	int rc = nom_cycle_save(w->s, &r->c, e);
	if (rc == 0)
		words_of(r);
	return rc;
}

static const struct record_ops cycle_ops = {
	.table = "nom_cycle", .size = sizeof(struct cycle_rec),
	.id_at = offsetof(struct cycle_rec, c.id), .words = RECORD_TELL,
	.load = load_cycle, .save = save_cycle,
};

/* A new cycle: this year, the operator's organization, the usual titles,
 * the first level, the default quota of [nominate]. */
static void prepare_new(struct cycle_form *w)
{
	struct cycle_rec *r = &w->rec;
	char now[11];
	struct org o;
	struct dj_err e;
	r->c.year = atoi(today(now));
	snprintf(r->c.name, sizeof r->c.name, "%d年七一表彰", r->c.year);
	snprintf(r->c.titles, sizeof r->c.titles, "优秀共产党员、优秀党务工作者、先进基层党组织");
	r->c.quota = w->s->cfg ? config_int(w->s->cfg, "nominate:quota", 1) : 1;
	if (w->s->scope_org && org_load(w->s, w->s->scope_org, &o, &e) == 0)
		snprintf(r->c.org, sizeof r->c.org, "%s", o.name);
	words_of(r);
}

static void *open_form(struct app *a, void *arg)
{
	struct cycle_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	memcpy(w->defs, field_table, sizeof field_table);
	int nl = honour_levels(w->s, w->levels, HONOUR_MAX_CHOICES);
	for (int i = 0; i < nl; i++)
		w->level_list[i] = w->levels[i];
	w->level_list[nl] = NULL;
	w->defs[4].choices = w->level_list;
	if (!w->arg->cycle_id)
		prepare_new(w);
	w->r = (struct record_form){ .ops = &cycle_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->defs, NFIELDS, w->arg->cycle_id)) {
		free(w);
		return NULL;
	}
	w->readonly = w->s->role == ROLE_VIEWER || strcmp(w->rec.c.state, "已审批") == 0;
	if (w->readonly)
		record_form_lock(&w->r.f);
	return w;
}

static void close_form(void *st)
{
	struct cycle_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct cycle_form *w = st;
	form_draw(&w->r.f);
	frame_status(w->arg->cycle_id ? "评选设置" : "新建表彰评选",
	             w->readonly ? "只能查看" : "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct cycle_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.c.id;
	w->arg->cycle_id = w->draft.c.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存「%s」", w->draft.c.name);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct cycle_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER)) {
		frame_message(MSG_ERROR, w->s->role == ROLE_VIEWER ? "您是只读用户，不能修改评选设置"
		                                                    : "该评选已审批，不能再修改");
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen nominate_cycle_form_screen = {
	.name = "评选设置",
	.help = "表彰评选的设置：年度、评选名称、组织单位（F4 选择）、评选称号（顿号分隔）、\n"
	        "级别、每个推荐单位每个称号的默认名额、推荐截止日期。\n"
	        "公示日期和审批（日期、批准机关、文号）在推荐台账中按 F9 办理；已审批的只能查看。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
