/* result_form.c — 定级结果: one organization's totals by source,
 * weighted total, suggested and previous grade; the office may set another
 * grade with a recorded reason (调整理由) until the round is confirmed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/appraise.h"
#include "grading/grading.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

#define FOLLOW "按建议"

/* The result as the form shows it, and as it was read. */
struct result_rec {
	char org[128];
	char category[32];
	char sources[200];
	char total[16];
	char suggested[32];
	char previous[32];
	char movement[16];
	char grade[32];       /* a grade word, or 按建议 */
	char reason[256];
	char appraisal[64];   /* 联考: the year's 述职评议 result */
	struct grading_result res;
};

#define M(member) FORM_MEMBER(struct result_rec, member)
static const struct form_field fields[] = {
	{ .key = "org", .label = "党组织：", .row = 0, .col = 2, .width = 40, .type = FT_READONLY,
	  .grow = 1, M(org), .help = "参加本轮定级的组织。" },
	{ .key = "category", .label = "类别：", .row = 0, .col = 52, .width = 10, .type = FT_READONLY,
	  M(category), .help = "组织类别（决定比例检查时归入哪一类）。" },
	{ .key = "sources", .label = "各来源得分：", .row = 2, .col = 2, .width = 60,
	  .type = FT_READONLY, .grow = 1, M(sources), .help = "每个评分来源各项指标的合计。" },
	{ .key = "total", .label = "综合得分：", .row = 3, .col = 2, .width = 6, .type = FT_READONLY,
	  M(total), .help = "按各来源权重加权，四舍五入到一位小数。" },
	{ .key = "suggested", .label = "建议等次：", .row = 3, .col = 42, .width = 8,
	  .type = FT_READONLY, M(suggested), .help = "综合得分对照分数线得出的等次。" },
	{ .key = "previous", .label = "上次等次：", .row = 4, .col = 2, .width = 8,
	  .type = FT_READONLY, M(previous), .help = "上一轮已确认定级中的等次。" },
	{ .key = "movement", .label = "变化：", .row = 4, .col = 42, .width = 6, .type = FT_READONLY,
	  M(movement), .help = "与上次相比：晋位、降位或持平。" },
	{ .key = "appraisal", .label = "述职评议：", .row = 5, .col = 2, .width = 30,
	  .type = FT_READONLY, M(appraisal),
	  .help = "同一年度述职评议的结果（联述联评联考）：评议等次和好、较好票数所占比例。" },
	{ .key = "grade", .label = "等次：", .row = 6, .col = 2, .width = 8, .type = FT_CHOICE,
	  .required = 1, M(grade),
	  .help = "办公室确定的等次。选「按建议」即采用建议等次（评分变化时随之变化）；\n"
	          "选其他等次须填写调整理由。按 F4 选择。" },
	{ .key = "reason", .label = "调整理由：", .row = 7, .col = 2, .width = 60, .type = FT_TEXT,
	  .grow = 1, .max_chars = 80, M(reason),
	  .help = "等次与建议等次不同的理由，如「群众反映问题较多，经党委会研究降为一般」。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

struct result_form {
	struct session *s;
	struct grading_arg *arg;
	struct grading_round round;
	struct result_rec rec;
	const char *choices[GRADING_GRADES + 2];
	struct form_field defs[NFIELDS];
	struct record_form r;
	int readonly;
};

static void to_record(const struct grading_round *r, struct result_rec *rec)
{
	char t[16];
	const struct grading_result res = rec->res;
	memset(rec, 0, sizeof *rec);
	rec->res = res;
	snprintf(rec->org, sizeof rec->org, "%s", res.org);
	snprintf(rec->category, sizeof rec->category, "%s", res.category);
	for (int i = 0; i < r->nsrc; i++) {
		grading_format_total(res.source_total[i], t, sizeof t);
		size_t n = strlen(rec->sources);
		snprintf(rec->sources + n, sizeof rec->sources - n, "%s%s %s", i ? "　" : "", r->src[i].name,
		         *t ? t : "未评");
	}
	grading_format_total(res.total, rec->total, sizeof rec->total);
	snprintf(rec->suggested, sizeof rec->suggested, "%s",
	         res.suggested ? grading_word(r, res.suggested) : "（未评分）");
	snprintf(rec->previous, sizeof rec->previous, "%s", grading_word(r, res.previous));
	int now = res.grade ? res.grade : res.suggested;
	snprintf(rec->movement, sizeof rec->movement, "%s", grading_movement(res.previous, now));
	snprintf(rec->grade, sizeof rec->grade, "%s", res.grade ? grading_word(r, res.grade) : FOLLOW);
	snprintf(rec->reason, sizeof rec->reason, "%s", res.reason);
}

/* The result and, in *r, its round as they are now. */
static int read_result(struct session *s, int64_t id, struct result_rec *rec,
                       struct grading_round *r, struct dj_err *e)
{
	if (grading_result_load(s, id, &rec->res, e) || grading_round_load(s, rec->res.round_id, r, e))
		return -1;
	to_record(r, rec);
	appraise_result_of(s, r->year, rec->res.org_id, rec->appraisal, sizeof rec->appraisal);
	if (!*rec->appraisal)
		snprintf(rec->appraisal, sizeof rec->appraisal, "（未参加 %d 年述职评议）", r->year);
	return 0;
}

/* Read again after someone else's change, in the words of the round as it is
 * then; the form keeps the round it opened with. */
static int load_result(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct grading_round r;
	return read_result(((struct result_form *)ctx)->s, id, rec, &r, e);
}

/* Saved by save() through grading_result_set_grade. */
static const struct record_ops result_ops = {
	.table = "grading_result", .size = sizeof(struct result_rec),
	.id_at = offsetof(struct result_rec, res.id), .words = RECORD_QUIET, .load = load_result,
};

static void *open_form(struct app *a, void *arg)
{
	struct result_form *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (read_result(w->s, w->arg->id, &w->rec, &w->round, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	/* The grade's choices are this round's words. */
	w->choices[0] = FOLLOW;
	for (int g = 0; g < GRADING_GRADES; g++)
		w->choices[g + 1] = w->round.grade[g];
	memcpy(w->defs, fields, sizeof fields);
	for (int i = 0; i < NFIELDS; i++)
		if (strcmp(w->defs[i].key, "grade") == 0)
			w->defs[i].choices = w->choices;
	w->r = (struct record_form){ .ops = &result_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (form_init(&w->r.f, w->defs, NFIELDS, w)) {
		free(w);
		return NULL;
	}
	form_load(&w->r.f, &w->rec);
	w->readonly = strcmp(w->round.status, "已确认") == 0 || w->s->role == ROLE_VIEWER;
	if (w->readonly) {
		form_set_readonly(&w->r.f, "grade", 1);
		form_set_readonly(&w->r.f, "reason", 1);
		frame_message(MSG_INFO, "%s", strcmp(w->round.status, "已确认") == 0
		                              ? "本轮已确认定级，等次只能查看" : "您是只读用户，只能查看");
	}
	return w;
}

static void close_form(void *st)
{
	struct result_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct result_form *w = st;
	form_draw(&w->r.f);
	frame_status(w->round.name, w->readonly ? "只能查看" : "F2 保存  F4 选择等次");
}

static int rank_of(const struct result_form *w, const char *word)
{
	for (int g = 0; g < GRADING_GRADES; g++)
		if (strcmp(w->round.grade[g], word) == 0)
			return g + 1;
	return 0;
}

static int save(void *st)
{
	struct result_form *w = st;
	struct dj_err e;
	struct result_rec draft = w->rec;
	form_store(&w->r.f, &draft);
	int rc = grading_result_set_grade(w->s, w->rec.res.id, w->rec.res.version,
	                                  rank_of(w, draft.grade), draft.reason, &e);
	if (rc == DJ_CONFLICT) {
		record_form_conflict(&w->r, &draft, &e);
		return -1;
	}
	if (rc) {
		form_fail(&w->r.f, &e);
		return -1;
	}
	/* Read back: the grade 按建议 follows the scores, and the movement with it. */
	if (read_result(w->s, w->rec.res.id, &w->rec, &w->round, &e) == 0) {
		form_load(&w->r.f, &w->rec);
		form_saved(&w->r.f, &w->rec);
	}
	w->arg->saved_id = w->rec.res.id;
	frame_message(MSG_INFO, "已保存「%s」的等次：%s", w->rec.org, w->rec.grade);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct result_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER))
		return SCR_HANDLED;
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen grading_result_form_screen = {
	.name = "定级结果",
	.help = "一个组织在本轮的定级结果：各来源得分、综合得分、建议等次、上次等次和变化。\n"
	        "办公室可以确定与建议不同的等次（F4 选择），须填写调整理由；\n"
	        "选「按建议」则采用建议等次。保存经版本检查并记入操作日志。\n"
	        "本轮确认定级后只能查看。F2 保存，F3 或 Esc 返回。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
