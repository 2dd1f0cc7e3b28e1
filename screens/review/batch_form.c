/* batch_form.c — 批次设置: a batch's term, name, 组织单位, funding rule,
 * score lines, quotas, 评审组, the date of each stage and the acceptance
 * criteria with their maxima.  立项 and 创建 show their own parameters;
 * the stage names are the batch's own (the labels come from it).  Once the
 * batch has its first review decision the settings that decided it show
 * read-only (review_batch_frozen; the domain refuses them too), and the
 * message line says so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org/org.h"
#include "review/review.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

#define M(member) FORM_MEMBER(struct review_batch, member)
#define FROZEN "（第一个评审决定后冻结）"

static struct row_source *open_orgs(void *ctx);

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择组织单位", .strict = 1,
};

/* What both kinds have, above the kind's own parameters. */
static const struct form_field head_fields[] = {
	{ .key = "term", .label = "学年/周期：", .row = 0, .col = 2, .width = 10, .type = FT_TEXT,
	  .required = 1, .max_chars = 9, M(term),
	  .help = "立项为学年，如 2026-2027；创建为两年周期，如 2026-2028。" FROZEN },
	{ .key = "org", .label = "组织单位：", .row = 0, .col = 42, .width = 26, .type = FT_LINK,
	  .required = 1, .lookup = &org_lookup, .grow = 1, M(org),
	  .help = "组织这一批次的党委（或党总支）：申报单位须在它之下。按 F4 选择。" FROZEN },
	{ .key = "name", .label = "批次名称：", .row = 1, .col = 2, .width = 38, .type = FT_TEXT,
	  .required = 1, .max_chars = 40, M(name),
	  .help = "如「2026-2027学年党支部工作立项活动」。冻结后仍可修改。" },
	{ .key = "status", .label = "状态：", .row = 1, .col = 54, .width = 6, .type = FT_READONLY,
	  M(status), .help = "设置中：可改全部设置；进行中：评审设置已冻结；已结束：全部结题验收。" },
	{ .key = "apps", .label = "申报：", .row = 1, .col = 68, .width = 4, .type = FT_READONLY,
	  M(apps), .help = "本批次的申报数。" },
};

static const struct form_field project_fields[] = {
	{ .key = "fund", .label = "每项经费（元）：", .row = 2, .col = 2, .width = 10,
	  .type = FT_MONEY, .required = 1, M(fund),
	  .help = "立项时给每个项目拨付的经费，默认 1000 元；立项时可另定。" FROZEN },
	{ .key = "per_org", .label = "每支部限报（项）：", .row = 2, .col = 42, .width = 3,
	  .type = FT_INT, .required = 1, .max_chars = 2, M(per_org),
	  .help = "一个党支部在本批次最多申报几个项目，默认 1。" FROZEN },
	{ .key = "pass_line", .label = "验收通过分：", .row = 3, .col = 2, .width = 5, .type = FT_TEXT,
	  .required = 1, .max_chars = 5, M(pass_line),
	  .help = "验收总评达到这一分数为通过，否则不通过（整改后再次验收）。" FROZEN },
	{ .key = "excellent_line", .label = "优秀成果分：", .row = 3, .col = 42, .width = 5,
	  .type = FT_TEXT, .required = 1, .max_chars = 5, M(excellent_line),
	  .help = "验收总评达到这一分数（默认 85）的项目可以评为优秀成果。" FROZEN },
	{ .key = "excellent_max", .label = "优秀成果名额：", .row = 4, .col = 2, .width = 3,
	  .type = FT_INT, .required = 1, .max_chars = 1, M(excellent_max),
	  .help = "本批次最多评几个优秀成果（1～3）。" FROZEN },
	{ .key = "years", .label = "项目周期（学年）：", .row = 4, .col = 42, .width = 2,
	  .type = FT_INT, .required = 1, .max_chars = 1, M(years),
	  .help = "项目原则上在 1 学年内完成；更长的项目须在申报时说明理由。" FROZEN },
};

static const struct form_field create_fields[] = {
	{ .key = "fund", .label = "样板支部每年（元）：", .row = 2, .col = 2, .width = 10,
	  .type = FT_MONEY, .required = 1, M(fund), .help = "每个样板支部每年的经费，默认 1 万元。" FROZEN },
	{ .key = "fund2", .label = "标杆学院每年（元）：", .row = 2, .col = 42, .width = 10,
	  .type = FT_MONEY, .required = 1, M(fund2),
	  .help = "每个标杆学院每年的经费，默认 2.5 万元。" FROZEN },
	{ .key = "match", .label = "配套比例（%）：", .row = 3, .col = 2, .width = 4, .type = FT_INT,
	  .required = 1, .max_chars = 3, M(match),
	  .help = "入选全国或省级培育创建的，学校按不低于这一比例配套经费（默认 100，即 1:1）。" FROZEN },
	{ .key = "years", .label = "创建年限：", .row = 3, .col = 42, .width = 2, .type = FT_INT,
	  .required = 1, .max_chars = 1, M(years), .help = "创建达标期，默认 2 年。" FROZEN },
	{ .key = "quota_college", .label = "标杆学院名额：", .row = 4, .col = 2, .width = 3,
	  .type = FT_INT, .required = 1, .max_chars = 2, M(quota_college),
	  .help = "本周期遴选的标杆学院数，默认 1。" FROZEN },
	{ .key = "quota_branch", .label = "样板支部名额：", .row = 4, .col = 42, .width = 3,
	  .type = FT_INT, .required = 1, .max_chars = 2, M(quota_branch),
	  .help = "本周期遴选的样板支部数，默认 3。" FROZEN },
	{ .key = "limit_zongzhi", .label = "党总支限推（个）：", .row = 5, .col = 2, .width = 2,
	  .type = FT_INT, .required = 1, .max_chars = 1, M(limit_zongzhi),
	  .help = "每个党总支最多推荐几个样板支部，默认 1。" FROZEN },
	{ .key = "limit_jiguan", .label = "机关党委限推（个）：", .row = 5, .col = 42, .width = 2,
	  .type = FT_INT, .required = 1, .max_chars = 1, M(limit_jiguan),
	  .help = "机关党委最多推荐几个样板支部（1～2），默认 2。" FROZEN },
	{ .key = "pass_line", .label = "验收达标分：", .row = 6, .col = 2, .width = 5, .type = FT_TEXT,
	  .required = 1, .max_chars = 5, M(pass_line),
	  .help = "巩固验收总评达到这一分数为达标（命名），否则不达标（通报）。" FROZEN },
};

#define NHEAD (int)(sizeof head_fields / sizeof *head_fields)
#define NMAXF (NHEAD + 9 + 2 + REVIEW_MAX_STAGES + 2 * REVIEW_MAX_CRIT)

struct batch_form {
	struct session *s;
	struct review_arg *arg;
	struct review_batch rec;
	struct record_form r;
	struct form_field defs[NMAXF];
	char labels[REVIEW_MAX_STAGES + REVIEW_MAX_CRIT][48];
	char keys[REVIEW_MAX_STAGES + 2 * REVIEW_MAX_CRIT][16];
	int n;
	int readonly;
};

static struct row_source *open_orgs(void *ctx)
{
	return org_pick_source(((struct batch_form *)ctx)->s);
}

static void add(struct batch_form *w, const struct form_field *f)
{
	w->defs[w->n++] = *f;
}

/* The stage dates, two a row, labelled with the batch's stage names. */
static int add_stages(struct batch_form *w, int row)
{
	for (int i = 0; i < w->rec.nstage && i < REVIEW_MAX_STAGES; i++) {
		snprintf(w->keys[i], sizeof w->keys[i], "stage_due%d", i + 1);
		snprintf(w->labels[i], sizeof w->labels[i], "%s：", w->rec.stage_name[i]);
		add(w, &(struct form_field){
			.key = w->keys[i], .label = w->labels[i], .row = row + i / 2,
			.col = i % 2 ? 42 : 2, .width = 10, .type = FT_DATE, .required = 1,
			.offset = offsetof(struct review_batch, stage_due) + (size_t)i * 11, .size = 11,
			.help = "这一阶段的日期：到这一天还没有走到这一步的申报，台账中标为逾期。冻结后仍可修改。" });
	}
	return row + (w->rec.nstage + 1) / 2;
}

/* The criteria of the 验收评审表, two a row: a name and its maximum. */
static int add_criteria(struct batch_form *w, int row)
{
	for (int i = 0; i < REVIEW_MAX_CRIT; i++) {
		char *lab = w->labels[REVIEW_MAX_STAGES + i];
		char *kn = w->keys[REVIEW_MAX_STAGES + 2 * i], *km = w->keys[REVIEW_MAX_STAGES + 2 * i + 1];
		int col = i < REVIEW_MAX_CRIT / 2 ? 2 : 42, r = row + i % (REVIEW_MAX_CRIT / 2);
		snprintf(lab, 48, "标准%2d：", i + 1);
		snprintf(kn, 16, "crit_name%d", i + 1);
		snprintf(km, 16, "crit_max%d", i + 1);
		add(w, &(struct form_field){
			.key = kn, .label = lab, .row = r, .col = col, .width = 18, .type = FT_TEXT,
			.max_chars = 20, .offset = offsetof(struct review_batch, crit_name) + (size_t)i * 64, .size = 64,
			.help = "验收评审表的一项评分标准，如「完整性」「党员参与」；不用的行留空。" FROZEN });
		add(w, &(struct form_field){
			.key = km, .label = "满分：", .row = r, .col = col + 27, .width = 4, .type = FT_TEXT,
			.max_chars = 4, .offset = offsetof(struct review_batch, crit_max) + (size_t)i * 8, .size = 8,
			.help = "这一标准的满分，可有一位小数。" FROZEN });
	}
	return row + REVIEW_MAX_CRIT / 2;
}

static void build_defs(struct batch_form *w)
{
	const struct form_field *own = w->rec.kind == REVIEW_PROJECT ? project_fields : create_fields;
	int nown = w->rec.kind == REVIEW_PROJECT ? (int)(sizeof project_fields / sizeof *project_fields)
	                                         : (int)(sizeof create_fields / sizeof *create_fields);
	w->n = 0;
	for (int i = 0; i < NHEAD; i++)
		add(w, &head_fields[i]);
	int row = 0;
	for (int i = 0; i < nown; i++) {
		add(w, &own[i]);
		row = own[i].row + 1 > row ? own[i].row + 1 : row;
	}
	add(w, &(struct form_field){
		.key = "reviewers", .label = "评审组：", .row = row, .col = 2, .width = 62, .type = FT_TEXT,
		.required = 1, .grow = 1, M(reviewers),
		.help = "评审组成员，用顿号分隔，如「张三、李四、王五」（至多 9 人）。\n"
		        "验收评审表每人一行。" FROZEN });
	row = add_stages(w, row + 1);
	row = add_criteria(w, row);
	add(w, &(struct form_field){
		.key = "notes", .label = "备注：", .row = row, .col = 2, .width = 62, .type = FT_TEXT,
		.grow = 1, M(notes), .help = "其他说明，如通知的文号。冻结后仍可修改。" });
}
#undef M

static int load_batch(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return review_batch_load(((struct batch_form *)ctx)->s, id, rec, e);
}

static int save_batch(void *ctx, void *draft, struct dj_err *e)
{
	return review_batch_save(((struct batch_form *)ctx)->s, draft, e);
}

static const struct record_ops batch_ops = {
	.table = "review_batch", .size = sizeof(struct review_batch),
	.id_at = offsetof(struct review_batch, id), .words = RECORD_QUIET, .load = load_batch,
	.save = save_batch,
};

/* A frozen batch: what decided its first review shows read-only. */
static void apply_freeze(struct batch_form *w)
{
	int viewer = w->s->role == ROLE_VIEWER;
	w->readonly = 1;
	for (int i = 0; i < w->n; i++) {
		if (w->defs[i].type == FT_READONLY)
			continue;
		int frozen = viewer || (*w->rec.frozen_on && review_batch_frozen(w->defs[i].key));
		form_set_readonly(&w->r.f, w->defs[i].key, frozen);
		if (!frozen)
			w->readonly = 0;
	}
}

static void tell_state(struct batch_form *w)
{
	if (w->s->role == ROLE_VIEWER)
		frame_message(MSG_INFO, "您是只读用户，批次设置只能查看");
	else if (*w->rec.frozen_on)
		frame_message(MSG_INFO, "本批次已于 %s 开始评审：经费、评分标准、评审组、名额等已冻结，"
		              "只能改名称、备注和阶段日期", w->rec.frozen_on);
}

static void *open_form(struct app *a, void *arg)
{
	struct batch_form *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (w->arg->batch_id) {
		if (review_batch_load(w->s, w->arg->batch_id, &w->rec, &e)) {
			frame_message(MSG_ERROR, "%s", e.msg);
			free(w);
			return NULL;
		}
	} else {
		review_batch_defaults(w->s, w->arg->kind, &w->rec);
	}
	build_defs(w);
	w->r = (struct record_form){ .ops = &batch_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->defs, w->n, w->arg->batch_id)) {
		free(w);
		return NULL;
	}
	apply_freeze(w);
	tell_state(w);
	return w;
}

static void close_form(void *st)
{
	struct batch_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct batch_form *w = st;
	char left[200];
	form_draw(&w->r.f);
	snprintf(left, sizeof left, "%s%s%s", review_flow_of(w->rec.kind)->name,
	         *w->rec.frozen_on ? "  评审设置已冻结于 " : "", w->rec.frozen_on);
	frame_status(left, w->readonly ? "只能查看" : "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct batch_form *w = st;
	struct review_batch draft;
	switch (record_form_save(&w->r, &draft)) {
	case RECORD_SAVED:
		break;
	case RECORD_REREAD:
		apply_freeze(w);
		return -1;
	case RECORD_REFUSED:
		return -1;
	}
	w->arg->saved_id = draft.id;
	w->arg->batch_id = draft.id;
	w->arg->changed = 1;
	apply_freeze(w);
	frame_message(MSG_INFO, "已保存批次「%s」", draft.name);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct batch_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER)) {
		tell_state(w);
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen review_batch_form_screen = {
	.name = "批次设置",
	.help = "一个立项或创建批次的设置：学年（或周期）、名称、组织单位、经费标准、\n"
	        "验收分数线、名额、评审组、各阶段日期和验收评审表的评分标准（名称和满分）。\n"
	        "新建时按 dangjian.ini 的 [review_project] 或 [review_create] 预填，可以修改。\n"
	        "第一个评审决定（立项、不予立项、初审、入选）之后，这些设置决定了评审结果，\n"
	        "因此冻结：经费、分数线、名额、评审组、评分标准和组织单位只能查看，\n"
	        "名称、备注和阶段日期仍可修改。\n"
	        "回车到下一项，最后一项回车即保存；F2 保存；F4 选择组织单位；\n"
	        "F5 恢复本项原值；F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
