/* note_form.c — one dated note of an application.  Its fields follow its
 * kind: every note has a date and a body; a 自查报告 answers one of the
 * batch's criteria, a 中期检查 has its problems, the reviewers' 后续工作意见
 * and a result, a 延期 the new end date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/validate.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "screens/review/subs.h"
#include "tui/draw.h"
#include "tui/form.h"

enum extra { EX_NONE, EX_CRIT, EX_RESULT, EX_EXTEND };

/* What a kind of note asks for: the body's label and help, and which of
 * the optional fields it shows (NULL: not this kind's). */
struct shape {
	const char *kind;
	const char *body, *body_help;
	const char *problems, *opinion;
	enum extra extra;
};

static const struct shape shapes[] = {
	{ "阶段小结", "阶段小结：", "这一阶段开展了哪些活动、党员参与情况和取得的成效。", "存在问题：",
	  NULL, EX_NONE },
	{ "延期", "延期原因：", "为什么不能按期完成，延期期间做什么。", NULL, NULL, EX_EXTEND },
	{ "中期检查", "进展情况：", "项目实施到中期的进展：完成了哪些内容，与计划相比如何。",
	  "存在问题：", "后续工作意见：", EX_RESULT },
	{ "结题报告", "结题报告：", "活动取得的成效、成功的经验和做法（总结提升为制度）。", "存在不足：",
	  NULL, EX_NONE },
	{ "整改", "整改情况：", "验收不通过后按意见整改的情况。", NULL, "评审意见：", EX_NONE },
	{ "自查报告", "自查情况：", "对照这一条指标，本单位做了什么、做到什么程度。", "存在问题：",
	  NULL, EX_CRIT },
	{ "公示", "公示情况：", "公示的时间、范围和期间收到的意见。", NULL, "评审意见：", EX_NONE },
	{ "成果报告", "成果报告：", "创建取得的成果和经验。", "存在不足：", NULL, EX_NONE },
};

static const char *const results[] = { "良好", "合格", "需整改", NULL };

#define M(member) FORM_MEMBER(struct review_note, member)
static const struct form_field f_kind = {
	.key = "kind", .label = "类别：", .row = 0, .col = 2, .width = 10, .type = FT_READONLY,
	M(kind), .help = "记录的类别，新增时选定。"
};
static const struct form_field f_date = {
	.key = "on_date", .label = "日期：", .row = 0, .col = 42, .width = 10, .type = FT_DATE,
	.required = 1, M(on_date), .help = "这条记录的日期（小结、检查、报告的日期）。"
};
static const struct form_field f_crit = {
	.key = "criterion", .label = "对照指标：", .type = FT_CHOICE, .width = 30, .required = 1,
	.grow = 1, M(criterion),
	.help = "本批次指南中的一条指标（样板支部默认七个有力）。按 F4 选择，或输入拼音首字母。"
};
static const struct form_field f_result = {
	.key = "result", .label = "检查结果：", .type = FT_CHOICE, .width = 8, .required = 1,
	.choices = results, M(result), .help = "中期检查的结论：良好、合格或需整改。按 F4 选择。"
};
static const struct form_field f_extend = {
	.key = "extends_to", .label = "延期至：", .type = FT_DATE, .width = 10, .required = 1,
	M(extends_to), .help = "新的计划完成日期。保存后项目的计划完成日期随之改变。"
};
static const struct form_field f_body = {
	.key = "body", .type = FT_NOTE, .required = 1, .grow = 1, M(body)
};
static const struct form_field f_problems = {
	.key = "problems", .type = FT_NOTE, .grow = 1, M(problems),
	.help = "实施中发现的问题和不足。"
};
static const struct form_field f_opinion = {
	.key = "opinion", .type = FT_NOTE, .grow = 1, M(opinion),
	.help = "评审组提出的意见（中期检查：后续工作意见）。"
};
#undef M

enum { MAXF = 7, BODY_ROWS = 18 };

struct note_form {
	struct session *s;
	struct review_arg *arg;
	const struct shape *shape;
	struct review_note rec;
	struct review_note draft;
	struct record_form r;
	struct form_field defs[MAXF];
	int n;
	struct review_batch *batch;                  /* 自查报告: the criteria */
	const char *crit[REVIEW_MAX_CRIT + 1];
};

static const struct shape *shape_of(const char *kind)
{
	for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
		if (strcmp(shapes[i].kind, kind) == 0)
			return &shapes[i];
	return NULL;
}

/* A multi-line field from row `row`, `h` rows tall, as wide as the line
 * leaves after its label. */
static void add_note(struct note_form *w, const struct form_field *base, const char *label,
                     const char *help, int row, int h)
{
	struct form_field *f = &w->defs[w->n++];
	*f = *base;
	f->label = label;
	if (help)
		f->help = help;
	f->row = row;
	f->col = 2;
	f->height = h;
	f->width = 78 - 2 - utf8_cols(label);
}

/* The fields of w->shape, laid out down the body. */
static void build(struct note_form *w)
{
	const struct shape *sh = w->shape;
	int row = 1;
	w->defs[w->n++] = f_kind;
	w->defs[w->n++] = f_date;
	const struct form_field *extra = sh->extra == EX_CRIT     ? &f_crit
	                                 : sh->extra == EX_RESULT ? &f_result
	                                 : sh->extra == EX_EXTEND ? &f_extend
	                                                          : NULL;
	if (extra) {
		struct form_field *f = &w->defs[w->n++];
		*f = *extra;
		f->row = row++;
		f->col = 2;
		if (sh->extra == EX_CRIT)
			f->choices = w->crit;
	}
	int others = (sh->problems != NULL) + (sh->opinion != NULL);
	int left = BODY_ROWS - row;
	int side = left / (others + 2);   /* the body gets twice as much as each other */
	int body = left - others * side;
	add_note(w, &f_body, sh->body, sh->body_help, row, body);
	row += body;
	if (sh->problems) {
		add_note(w, &f_problems, sh->problems, NULL, row, side);
		row += side;
	}
	if (sh->opinion)
		add_note(w, &f_opinion, sh->opinion, NULL, row, side);
}

/* 自查报告: the batch's criteria become the field's choices. */
static int load_criteria(struct note_form *w)
{
	struct dj_err e;
	struct review_app *app = subs_app_load(w->s, w->arg->id);
	if (!app)
		return -1;
	w->batch = calloc(1, sizeof *w->batch);
	int rc = !w->batch ? -1 : review_batch_load(w->s, app->batch_id, w->batch, &e);
	free(app);
	if (rc) {
		frame_message(MSG_ERROR, "%s", w->batch ? e.msg : "内存不足");
		return -1;
	}
	for (int i = 0; i < w->batch->ncrit && i < REVIEW_MAX_CRIT; i++)
		w->crit[i] = w->batch->crit_name[i];
	if (!w->batch->ncrit) {
		frame_message(MSG_ERROR, "本批次没有设置评价标准，请先在批次设置中填写");
		return -1;
	}
	return 0;
}

static int load_note(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return review_note_load(((struct note_form *)ctx)->s, id, rec, e);
}

static int save_note(void *ctx, void *draft, struct dj_err *e)
{
	return review_note_save(((struct note_form *)ctx)->s, draft, e);
}

static const struct record_ops note_ops = {
	.table = "review_note", .size = sizeof(struct review_note),
	.id_at = offsetof(struct review_note, id), .words = RECORD_TELL, .load = load_note,
	.save = save_note,
};

/* The kind: the stored note's, or the one a new note was asked as. */
static int prepare(struct note_form *w)
{
	struct dj_err e;
	if (w->arg->sub_id) {
		if (review_note_load(w->s, w->arg->sub_id, &w->rec, &e)) {
			frame_message(MSG_ERROR, "%s", e.msg);
			return -1;
		}
	} else {
		w->rec.app_id = w->arg->id;
		snprintf(w->rec.kind, sizeof w->rec.kind, "%s", w->arg->note_kind);
		today(w->rec.on_date);
	}
	w->shape = shape_of(w->rec.kind);
	if (!w->shape) {
		frame_message(MSG_ERROR, "没有「%s」这一类记录", w->rec.kind);
		return -1;
	}
	return w->shape->extra == EX_CRIT ? load_criteria(w) : 0;
}

static void close_form(void *st)
{
	struct note_form *w = st;
	form_free(&w->r.f);
	free(w->batch);
	free(w);
}

static void *open_form(struct app *a, void *arg)
{
	struct note_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (prepare(w)) {
		free(w->batch);
		free(w);
		return NULL;
	}
	build(w);
	w->r = (struct record_form){ .ops = &note_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->defs, w->n, w->arg->sub_id)) {
		free(w->batch);
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	return w;
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct note_form *w = st;
	char left[64];
	form_draw(&w->r.f);
	snprintf(left, sizeof left, "%s%s", w->rec.id ? "修改" : "新增", w->rec.kind);
	frame_status(left, "F2 保存");
}

static int save(void *st)
{
	struct note_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->rec.id;
	w->arg->sub_id = w->rec.id;
	w->arg->changed = 1;
	if (w->shape->extra == EX_EXTEND)
		frame_message(MSG_INFO, "已保存延期，计划完成日期改为 %s", w->rec.extends_to);
	else
		frame_message(MSG_INFO, "已保存 %s 的%s", w->rec.on_date, w->rec.kind);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct note_form *w = st;
	if (w->s->role == ROLE_VIEWER && (k.code == K_F2 || k.code == K_ENTER)) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改记录");
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL, NULL,
                                        "退出" };

const struct screen review_note_form_screen = {
	.name = "阶段记录",
	.help = "登记一条阶段记录，栏目随类别不同：\n"
	        "阶段小结：日期、小结内容、存在问题；延期：延期原因和「延期至」日期\n"
	        "（保存后项目的计划完成日期随之改变）；中期检查：进展情况、存在问题、\n"
	        "后续工作意见和检查结果（良好、合格、需整改）；结题报告：成效与不足；\n"
	        "自查报告：对照本批次的指标逐条自查。\n"
	        "多行栏中回车换行，↓ 或 Tab 到下一栏；其他栏回车到下一栏。\n"
	        "F2 保存；F4 在选择栏打开列表；F5 恢复本栏原值；F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
