/* rules.c — 述职评议's arithmetic, without the database: vote counts as
 * typed, the share of 好+较好, and the grade word from the thresholds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/appraise.h"
#include "grading/grading.h"

static const char *const default_grades = "好,较好,一般,差";
/* 90/70/50: the lines the offices' 民主评议 tallies use for 好 (nine in ten
 * satisfied), 较好 and 一般; below half satisfied is 差. */
static const char *const default_lines = "90,70,50";

/* "93.5" -> 935 (‰); -1 when it is not a percent 0..100 with one decimal. */
static int parse_percent(const char *t)
{
	char *end;
	long whole = strtol(t, &end, 10);
	int tenth = 0;
	if (end == t || whole < 0 || whole > 100)
		return -1;
	if (*end == '.') {
		if (end[1] < '0' || end[1] > '9' || end[2])
			return -1;
		tenth = end[1] - '0';
	} else if (*end) {
		return -1;
	}
	int v = (int)whole * 10 + tenth;
	return v > 1000 ? -1 : v;
}

int appraise_rule_parse(const char *grades, const char *lines, int member_weight,
                        struct appraise_rule *r, char why[WHY_MAX])
{
	char w[5][32], l[4][32];
	if (grading_split_list(grades, w, 4) != 4) {
		if (why)
			snprintf(why, WHY_MAX, "等次名称应为四个（由好到差）");
		return -1;
	}
	for (int i = 0; i < 4; i++)
		for (int k = 0; k < i; k++)
			if (!*w[i] || strcmp(w[i], w[k]) == 0) {
				if (why)
					snprintf(why, WHY_MAX, "等次名称不能为空或重复");
				return -1;
			}
	if (grading_split_list(lines, l, 3) != 3) {
		if (why)
			snprintf(why, WHY_MAX, "分数线应为三个百分比（由高到低）");
		return -1;
	}
	int v[3];
	for (int i = 0; i < 3; i++)
		if ((v[i] = parse_percent(l[i])) < 0 || (i > 0 && v[i] >= v[i - 1])) {
			if (why)
				snprintf(why, WHY_MAX, "分数线应为 0～100 之间由高到低的三个百分比");
			return -1;
		}
	if (member_weight < 0 || member_weight > 99) {
		if (why)
			snprintf(why, WHY_MAX, "党员评议权重应为 0（合并计票）或 1～99");
		return -1;
	}
	for (int i = 0; i < 4; i++)
		snprintf(r->grade[i], sizeof r->grade[i], "%s", w[i]);
	memcpy(r->line, v, sizeof v);
	r->member_weight = member_weight;
	return 0;
}

void appraise_rule_from(const struct config *c, struct appraise_rule *r)
{
	struct appraise_rule def;
	appraise_rule_parse(default_grades, default_lines, 0, &def, NULL);
	const char *g = c ? config_str(c, "appraise:grades", default_grades) : default_grades;
	const char *l = c ? config_str(c, "appraise:thresholds", default_lines) : default_lines;
	int mw = c ? config_int(c, "appraise:member_weight", 0) : 0;
	*r = def;
	if (appraise_rule_parse(g, default_lines, 0, r, NULL))
		memcpy(r->grade, def.grade, sizeof def.grade);
	struct appraise_rule t = *r;
	if (appraise_rule_parse(default_grades, l, 0, &t, NULL) == 0)
		memcpy(r->line, t.line, sizeof t.line);
	r->member_weight = mw >= 0 && mw <= 99 ? mw : 0;
}

int appraise_group_total(const struct appraise_votes *v, int group)
{
	int t = 0;
	for (int k = 0; k < AP_KINDS; k++)
		if (v->n[group][k] > 0)
			t += v->n[group][k];
	return t;
}

static int count(const struct appraise_votes *v, int g, int k)
{
	return v->n[g][k] > 0 ? v->n[g][k] : 0;
}

/* a/b in ‰ rounded half up, in integers so 2/3 is 667 on every machine. */
static long permille(long a, long b)
{
	return (2000 * a + b) / (2 * b);
}

int appraise_share(const struct appraise_rule *r, const struct appraise_votes *v)
{
	long good[AP_GROUPS], all[AP_GROUPS];
	for (int g = 0; g < AP_GROUPS; g++) {
		good[g] = count(v, g, AP_GOOD) + count(v, g, AP_FAIR);
		all[g] = appraise_group_total(v, g);
	}
	if (all[AP_MEMBERS] + all[AP_PUBLIC] == 0)
		return APPRAISE_NONE;
	if (r->member_weight == 0 || all[AP_MEMBERS] == 0 || all[AP_PUBLIC] == 0)
		return (int)permille(good[AP_MEMBERS] + good[AP_PUBLIC], all[AP_MEMBERS] + all[AP_PUBLIC]);
	/* weighted: w·gm/am + (100-w)·gp/ap over 100, as one fraction so the
	 * rounding happens once */
	long w = r->member_weight;
	long num = w * good[AP_MEMBERS] * all[AP_PUBLIC] + (100 - w) * good[AP_PUBLIC] * all[AP_MEMBERS];
	long den = 100 * all[AP_MEMBERS] * all[AP_PUBLIC];
	return (int)permille(num, den);
}

int appraise_grade_of(const struct appraise_rule *r, int share)
{
	if (share == APPRAISE_NONE)
		return 0;
	for (int i = 0; i < 3; i++)
		if (share >= r->line[i])
			return i + 1;
	return 4;
}

const char *appraise_word(const struct appraise_rule *r, int share)
{
	int g = appraise_grade_of(r, share);
	return g ? r->grade[g - 1] : APPRAISE_UNRATED;
}

void appraise_format_share(int share, char *out, size_t cap)
{
	if (share == APPRAISE_NONE)
		snprintf(out, cap, "%s", "");
	else
		snprintf(out, cap, "%d.%d%%", share / 10, share % 10);
}

int appraise_parse_count(const char *text, int *n, char why[WHY_MAX])
{
	char t[32];
	snprintf(t, sizeof t, "%s", text ? text : "");
	fold_fullwidth_digits(t);
	size_t a = 0, b = strlen(t);
	while (t[a] == ' ')
		a++;
	while (b > a && t[b - 1] == ' ')
		b--;
	if (a == b) {
		*n = APPRAISE_NONE;
		return 0;
	}
	long v = 0;
	for (size_t i = a; i < b; i++) {
		if (t[i] < '0' || t[i] > '9') {
			if (why)
				snprintf(why, WHY_MAX, "应为票数（整数）");
			return -1;
		}
		v = v * 10 + (t[i] - '0');
		if (v > 99999) {
			if (why)
				snprintf(why, WHY_MAX, "票数超过 99999");
			return -1;
		}
	}
	*n = (int)v;
	return 0;
}
