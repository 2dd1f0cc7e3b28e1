/* rules.c — 民主评议党员 without the database: the result words of
 * [evaluate], the default 限期 of a 限期改正, and the counts' wording. */
#include <stdio.h>
#include <string.h>

#include "appraise/appraise.h"
#include "evaluate/evaluate.h"
#include "grading/grading.h"

static const char *const default_words = "优秀,合格,基本合格,不合格";
/* 限期改正: three months is the span offices give a 不合格 member to correct. */
enum { DEFAULT_DAYS = 90, MAX_DAYS = 730 };

int evaluate_words_parse(const char *text, struct eval_words *w, char why[WHY_MAX])
{
	char items[5][32];
	if (grading_split_list(text ? text : "", items, 4) != 4) {
		if (why)
			snprintf(why, WHY_MAX, "评议结果应为四个（优秀、合格、基本合格、不合格的顺序）");
		return -1;
	}
	for (int i = 0; i < 4; i++) {
		int clash = !*items[i] || strcmp(items[i], EVAL_UNDECIDED) == 0;
		for (int k = 0; k < i; k++)
			clash |= strcmp(items[i], items[k]) == 0;
		if (clash) {
			if (why)
				snprintf(why, WHY_MAX, "评议结果不能为空、重复或为“%s”", EVAL_UNDECIDED);
			return -1;
		}
	}
	snprintf(w->w[EV_NONE], sizeof w->w[0], "%s", EVAL_UNDECIDED);
	for (int i = 0; i < 4; i++)
		snprintf(w->w[i + 1], sizeof w->w[0], "%s", items[i]);
	return 0;
}

void evaluate_words_from(const struct config *c, struct eval_words *w)
{
	const char *text = c ? config_str(c, "evaluate:results", default_words) : default_words;
	if (evaluate_words_parse(text, w, NULL))
		evaluate_words_parse(default_words, w, NULL);
	int days = c ? config_int(c, "evaluate:deadline_days", DEFAULT_DAYS) : DEFAULT_DAYS;
	w->deadline_days = days >= 1 && days <= MAX_DAYS ? days : DEFAULT_DAYS;
}

const char *evaluate_word(const struct eval_words *w, int result)
{
	return result > EV_NONE && result < EV_RESULTS ? w->w[result] : EVAL_UNDECIDED;
}

void evaluate_counts_text(const struct eval_words *w, const struct eval_counts *c, char *out,
                          size_t cap)
{
	snprintf(out, cap, "参评 %d 人：%s %d  %s %d  %s %d  %s %d  %s %d", c->total,
	         w->w[EV_EXCELLENT], c->n[EV_EXCELLENT], w->w[EV_QUALIFIED], c->n[EV_QUALIFIED],
	         w->w[EV_BASIC], c->n[EV_BASIC], w->w[EV_FAIL], c->n[EV_FAIL], w->w[EV_NONE],
	         c->n[EV_NONE]);
}

void evaluate_vote_label(const struct eval_words *w, int k, char *out, size_t cap)
{
	snprintf(out, cap, "%s票", k >= 0 && k < EVAL_NVOTES ? w->w[k + 1] : "");
}

/* The count's arithmetic is 述职评议's: the same typed digits, the same
 * 0..99999. */
int evaluate_votes_parse(const struct eval_words *w, const char text[EVAL_NVOTES][8],
                         int v[EVAL_NVOTES], struct dj_err *e)
{
	static const char *const keys[EVAL_NVOTES] = { "v1", "v2", "v3", "v4" };
	for (int k = 0; k < EVAL_NVOTES; k++) {
		char why[WHY_MAX], label[40];
		if (appraise_parse_count(text[k], &v[k], why)) {
			evaluate_vote_label(w, k, label, sizeof label);
			return dj_fail(e, DJ_INVALID, keys[k], "「%s」%s：%s", label, why, text[k]);
		}
		if (v[k] == APPRAISE_NONE)
			v[k] = EVAL_UNSET;
	}
	return 0;
}

/* Separators: ASCII space, '/', ',' and their 全角 forms (U+3000, ／, ，, 、). */
static size_t separator(const char *p)
{
	static const char *const wide[] = { "\u3000", "\uff0f", "\uff0c", "\u3001" };
	if (*p == ' ' || *p == '/' || *p == ',' || *p == '\t')
		return 1;
	for (size_t i = 0; i < sizeof wide / sizeof *wide; i++)
		if (strncmp(p, wide[i], strlen(wide[i])) == 0)
			return strlen(wide[i]);
	return 0;
}

int evaluate_votes_read(const char *text, int v[EVAL_NVOTES], struct dj_err *e)
{
	char tok[EVAL_NVOTES + 1][16];
	int n = 0;
	const char *p = text ? text : "";
	while (*p) {
		size_t sep;
		while ((sep = separator(p)) > 0)
			p += sep;
		if (!*p)
			break;
		size_t len = 0;
		while (p[len] && !separator(p + len))
			len++;
		if (n > EVAL_NVOTES || len >= sizeof tok[0])
			return dj_fail(e, DJ_INVALID, "votes", "「得票」应为四个票数（%s）：%s",
			               "优秀 合格 基本合格 不合格，以空格或 / 分隔", text);
		memcpy(tok[n], p, len);
		tok[n++][len] = 0;
		p += len;
	}
	if (n == 0) {
		for (int k = 0; k < EVAL_NVOTES; k++)
			v[k] = EVAL_UNSET;
		return 0;
	}
	if (n != EVAL_NVOTES)
		return dj_fail(e, DJ_INVALID, "votes", "「得票」应为四个票数（%s）：%s",
		               "优秀 合格 基本合格 不合格，以空格或 / 分隔", text);
	for (int k = 0; k < EVAL_NVOTES; k++) {
		char why[WHY_MAX];
		int c;
		if (appraise_parse_count(tok[k], &c, why))
			return dj_fail(e, DJ_INVALID, "votes", "「得票」第 %d 个%s：%s", k + 1, why, tok[k]);
		v[k] = c;
	}
	return 0;
}

void evaluate_votes_text(const int v[EVAL_NVOTES], char *out, size_t cap)
{
	int any = 0;
	for (int k = 0; k < EVAL_NVOTES; k++)
		any |= v[k] != EVAL_UNSET;
	if (!any) {
		snprintf(out, cap, "%s", "");
		return;
	}
	snprintf(out, cap, "%d/%d/%d/%d", v[0] < 0 ? 0 : v[0], v[1] < 0 ? 0 : v[1], v[2] < 0 ? 0 : v[2],
	         v[3] < 0 ? 0 : v[3]);
}
