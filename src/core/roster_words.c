/* roster_words.c — a roster's words for the dictionary's: a table of the
 * unambiguous ones, and the 民族 names written without 族. */
#include "core/roster_words.h"

#include <stdio.h>
#include <string.h>

struct alias {
	enum roster_kind kind;
	const char *word;    /* as rosters write it */
	const char *label;   /* the dictionary's word */
};

/* 职高 and 技校 are 中等职业教育, counted as 中专 in the 党内统计 (as the
 * issue lists them); 高职 is 高等职业教育, a 专科. */
static const struct alias aliases[] = {
	{ ROSTER_GENDER, "男性", "男" }, { ROSTER_GENDER, "女性", "女" },
	{ ROSTER_GENDER, "男士", "男" }, { ROSTER_GENDER, "女士", "女" },

	{ ROSTER_EDUCATION, "硕士研究生", "研究生" }, { ROSTER_EDUCATION, "博士研究生", "研究生" },
	{ ROSTER_EDUCATION, "硕士", "研究生" }, { ROSTER_EDUCATION, "博士", "研究生" },
	{ ROSTER_EDUCATION, "研究生（硕士）", "研究生" }, { ROSTER_EDUCATION, "研究生（博士）", "研究生" },
	{ ROSTER_EDUCATION, "研究生(硕士)", "研究生" }, { ROSTER_EDUCATION, "研究生(博士)", "研究生" },
	{ ROSTER_EDUCATION, "在职研究生", "研究生" },
	{ ROSTER_EDUCATION, "本科", "大学本科" }, { ROSTER_EDUCATION, "大本", "大学本科" },
	{ ROSTER_EDUCATION, "大专", "大学专科" }, { ROSTER_EDUCATION, "专科", "大学专科" },
	{ ROSTER_EDUCATION, "高职", "大学专科" },
	{ ROSTER_EDUCATION, "中技", "中专" }, { ROSTER_EDUCATION, "职高", "中专" },
	{ ROSTER_EDUCATION, "技校", "中专" }, { ROSTER_EDUCATION, "中职", "中专" },
	{ ROSTER_EDUCATION, "中等专科", "中专" }, { ROSTER_EDUCATION, "中等专业学校", "中专" },
	{ ROSTER_EDUCATION, "中师", "中专" }, { ROSTER_EDUCATION, "职业高中", "中专" },
	{ ROSTER_EDUCATION, "技工学校", "中专" },
	{ ROSTER_EDUCATION, "普高", "高中" }, { ROSTER_EDUCATION, "普通高中", "高中" },
	{ ROSTER_EDUCATION, "初级中学", "初中" },
	{ ROSTER_EDUCATION, "小学", "小学及以下" }, { ROSTER_EDUCATION, "小学以下", "小学及以下" },
	{ ROSTER_EDUCATION, "文盲", "小学及以下" }, { ROSTER_EDUCATION, "半文盲", "小学及以下" },

	/* the short names in everyday use, which no prefix rule finds */
	{ ROSTER_ETHNICITY, "蒙族", "蒙古族" }, { ROSTER_ETHNICITY, "维族", "维吾尔族" },
};
enum { NALIASES = sizeof aliases / sizeof *aliases };

/* 「大学」 is said of a 本科 and of a 专科 course alike: never guessed. */
static const char university[] = "大学";
static const char university_why[] = "「大学」分不清是大学本科还是大学专科：请填写本科或大专";

const char *roster_kind_name(enum roster_kind kind)
{
	switch (kind) {
	case ROSTER_GENDER:    return "性别";
	case ROSTER_ETHNICITY: return "民族";
	default:               return "学历";
	}
}

static const char *in_labels(const char *const *labels, const char *s)
{
	for (; labels && *labels; labels++)
		if (strcmp(*labels, s) == 0)
			return *labels;
	return NULL;
}

static int set_why(char why[WHY_MAX], const char *msg)
{
	if (why)
		snprintf(why, WHY_MAX, "%s", msg);
	return -1;
}

/* A 民族 without 族: the name plus 族, else the one name beginning with it. */
static int ethnicity(const char *typed, const char *const *labels, const char **label,
                     char why[WHY_MAX])
{
	char with[64];
	snprintf(with, sizeof with, "%s族", typed);
	if ((*label = in_labels(labels, with)) != NULL)
		return ROSTER_MAPPED;
	const char *found[3];
	int n = 0;
	size_t len = strlen(typed);
	for (const char *const *l = labels; l && *l; l++)
		if (strcmp(*l, "其他") != 0 && strncmp(*l, typed, len) == 0 && n < 3)
			found[n++] = *l;
	if (n == 1) {
		*label = found[0];
		return ROSTER_MAPPED;
	}
	if (n > 1 && why) {
		snprintf(why, WHY_MAX, "「%s」可能是%s或%s%s：请填写民族全称", typed, found[0], found[1],
		         n > 2 ? "等" : "");
		return -1;
	}
	return ROSTER_UNKNOWN;
}

/* 本科毕业, 大专毕业: a finished course is the course.  (肄业 is not.) */
static void strip_graduated(const char *typed, char *out, size_t cap)
{
	static const char suffix[] = "毕业";
	snprintf(out, cap, "%s", typed);
	size_t n = strlen(out), k = sizeof suffix - 1;
	if (n > k && strcmp(out + n - k, suffix) == 0)
		out[n - k] = 0;
}

int roster_word(enum roster_kind kind, const char *typed, const char *const *labels,
                const char **label, char why[WHY_MAX])
{
	char word[128];
	*label = NULL;
	if (!typed || !*typed)
		return ROSTER_UNKNOWN;
	if ((*label = in_labels(labels, typed)) != NULL)
		return ROSTER_SAME;
	if (kind == ROSTER_EDUCATION)
		strip_graduated(typed, word, sizeof word);
	else
		snprintf(word, sizeof word, "%s", typed);
	if (kind == ROSTER_EDUCATION && (*label = in_labels(labels, word)) != NULL)
		return ROSTER_MAPPED;
	for (int i = 0; i < NALIASES; i++)
		if (aliases[i].kind == kind && strcmp(aliases[i].word, word) == 0 &&
		    (*label = in_labels(labels, aliases[i].label)) != NULL)
			return ROSTER_MAPPED;
	if (kind == ROSTER_EDUCATION && strcmp(word, university) == 0)
		return set_why(why, university_why);
	*label = NULL;
	if (kind == ROSTER_ETHNICITY)
		return ethnicity(word, labels, label, why);
	return ROSTER_UNKNOWN;
}

int roster_word_begins(const char *label, const char *typed)
{
	size_t n = strlen(typed);
	for (int i = 0; i < NALIASES; i++)
		if (strcmp(aliases[i].label, label) == 0 && strncmp(aliases[i].word, typed, n) == 0)
			return 1;
	return 0;
}
