/* grading_result_form.c — 定级结果: one organization's totals by source,
 * weighted total, suggested and previous grade; the office may set another
 * grade with a recorded reason (调整理由) until the round is confirmed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grading.h"
#include "screens/conflict.h"
#include "screens/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

#define FOLLOW "按建议"

/* The result as the form shows it. */
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
	struct grading_round r;
	struct grading_result res;
	struct result_rec rec;
	const char *choices[GRADING_GRADES + 2];
	struct form_field defs[NFIELDS];
	struct form f;
	int readonly;
};

static void to_record(const struct result_form *w, const struct grading_result *res,
                      struct result_rec *rec)
{
	char t[16];
	memset(rec, 0, sizeof *rec);
	snprintf(rec->org, sizeof rec->org, "%s", res->org);
	snprintf(rec->category, sizeof rec->category, "%s", res->category);
	for (int i = 0; i < w->r.nsrc; i++) {
		grading_format_total(res->source_total[i], t, sizeof t);
		size_t n = strlen(rec->sources);
		snprintf(rec->sources + n, sizeof rec->sources - n, "%s%s %s", i ? "　" : "", w->r.src[i].name,
		         *t ? t : "未评");
	}
	grading_format_total(res->total, rec->total, sizeof rec->total);
	snprintf(rec->suggested, sizeof rec->suggested, "%s",
	         res->suggested ? grading_word(&w->r, res->suggested) : "（未评分）");
	snprintf(rec->previous, sizeof rec->previous, "%s", grading_word(&w->r, res->previous));
	int now = res->grade ? res->grade : res->suggested;
	snprintf(rec->movement, sizeof rec->movement, "%s", grading_movement(res->previous, now));
	snprintf(rec->grade, sizeof rec->grade, "%s", res->grade ? grading_word(&w->r, res->grade) : FOLLOW);
	snprintf(rec->reason, sizeof rec->reason, "%s", res->reason);
}

static int load(struct result_form *w, int64_t id, struct dj_err *e)
{
	if (grading_result_load(w->s, id, &w->res, e) || grading_round_load(w->s, w->res.round_id, &w->r, e))
		return -1;
	to_record(w, &w->res, &w->rec);
	return 0;
}

static void *open_form(struct app *a, void *arg)
{
	struct result_form *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (load(w, w->arg->id, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	/* The grade's choices are this round's words. */
	w->choices[0] = FOLLOW;
	for (int g = 0; g < GRADING_GRADES; g++)
		w->choices[g + 1] = w->r.grade[g];
	memcpy(w->defs, fields, sizeof fields);
	for (int i = 0; i < NFIELDS; i++)
		if (strcmp(w->defs[i].key, "grade") == 0)
			w->defs[i].choices = w->choices;
	if (form_init(&w->f, w->defs, NFIELDS, w->s)) {
		free(w);
		return NULL;
	}
	form_load(&w->f, &w->rec);
	w->readonly = strcmp(w->r.status, "已确认") == 0 || w->s->role == ROLE_VIEWER;
	if (w->readonly) {
		form_set_readonly(&w->f, "grade", 1);
		form_set_readonly(&w->f, "reason", 1);
		frame_message(MSG_INFO, "%s", strcmp(w->r.status, "已确认") == 0 ? "本轮已确认定级，等次只能查看"
		                                                                 : "您是只读用户，只能查看");
	}
	return w;
}

static void close_form(void *st)
{
	struct result_form *w = st;
	form_free(&w->f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct result_form *w = st;
	form_draw(&w->f);
	frame_status(w->r.name, w->readonly ? "只能查看" : "F2 保存  F4 选择等次");
}

static int rank_of(const struct result_form *w, const char *word)
{
	for (int g = 0; g < GRADING_GRADES; g++)
		if (strcmp(w->r.grade[g], word) == 0)
			return g + 1;
	return 0;
}

static int save(struct result_form *w)
{
	struct dj_err e;
	struct result_rec draft = w->rec;
	form_store(&w->f, &draft);
	int rc = grading_result_set_grade(w->s, w->res.id, w->res.version, rank_of(w, draft.grade),
	                                  draft.reason, &e);
	if (rc == DJ_CONFLICT) {
		struct result_form now = *w;
		form_fail(&w->f, &e);
		if (load(&now, w->res.id, &e) == 0 &&
		    conflict_resolve(&w->f, w->s, "grading_result", w->res.id, &w->rec, &now.rec, &draft) !=
		        CONFLICT_KEEP) {
			w->res = now.res;
			w->rec = now.rec;
		}
		return -1;
	}
	if (rc) {
		form_fail(&w->f, &e);
		return -1;
	}
	if (load(w, w->res.id, &e) == 0) {
		form_load(&w->f, &w->rec);
		form_saved(&w->f, &w->rec);
	}
	w->arg->saved_id = w->res.id;
	frame_message(MSG_INFO, "已保存「%s」的等次：%s", w->rec.org, w->rec.grade);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct result_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER))
		return SCR_HANDLED;
	switch (form_key(&w->f, k)) {
	case FORM_HANDLED:
		return SCR_HANDLED;
	case FORM_SAVE:
		save(w);
		return SCR_REDRAW;
	case FORM_SAVE_BACK:
		return save(w) == 0 ? SCR_BACK : SCR_REDRAW;
	case FORM_BACK:
		return SCR_BACK;
	case FORM_PASS:
		break;
	}
	return SCR_PASS;
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
