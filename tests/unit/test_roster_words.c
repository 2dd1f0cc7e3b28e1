/* test_roster_words.c — a real roster's words onto the dictionary's: every
 * mapping, every refusal, and names the mapping must never touch. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/roster_words.h"
#include "member/member.h"

static void assert_maps(enum roster_kind kind, const char *const *labels, const char *typed,
                        const char *want)
{
	const char *label = "unset";
	char why[WHY_MAX] = "";
	int r = roster_word(kind, typed, labels, &label, why);
	if (r != ROSTER_MAPPED || !label || strcmp(label, want) != 0)
		fail_msg("「%s」 gave %d %s, not 「%s」", typed, r, label ? label : "(null)", want);
	assert_string_equal(why, "");
}

static void assert_same(enum roster_kind kind, const char *const *labels, const char *typed)
{
	const char *label = NULL;
	assert_int_equal(roster_word(kind, typed, labels, &label, NULL), ROSTER_SAME);
	assert_string_equal(label, typed);
}

static void assert_unknown(enum roster_kind kind, const char *const *labels, const char *typed)
{
	const char *label = "unset";
	char why[WHY_MAX] = "";
	assert_int_equal(roster_word(kind, typed, labels, &label, why), ROSTER_UNKNOWN);
	assert_null(label);
	assert_string_equal(why, "");
}

static void assert_refused(enum roster_kind kind, const char *const *labels, const char *typed,
                           const char *reason)
{
	const char *label = "unset";
	char why[WHY_MAX] = "";
	assert_int_equal(roster_word(kind, typed, labels, &label, why), -1);
	assert_null(label);
	assert_string_equal(why, reason);
}

static void test_education(void **state)
{
	(void)state;
	const char *const *l = member_educations;
	for (int i = 0; l[i]; i++)
		assert_same(ROSTER_EDUCATION, l, l[i]);
	static const char *const pairs[][2] = {
		{ "大专", "大学专科" }, { "专科", "大学专科" }, { "高职", "大学专科" },
		{ "大专毕业", "大学专科" }, { "大学专科毕业", "大学专科" },
		{ "本科", "大学本科" }, { "大本", "大学本科" }, { "本科毕业", "大学本科" },
		{ "硕士研究生", "研究生" }, { "博士研究生", "研究生" }, { "硕士", "研究生" },
		{ "博士", "研究生" }, { "研究生（硕士）", "研究生" }, { "研究生(博士)", "研究生" },
		{ "研究生（博士）", "研究生" }, { "研究生(硕士)", "研究生" }, { "在职研究生", "研究生" },
		{ "研究生毕业", "研究生" },
		{ "中技", "中专" }, { "职高", "中专" }, { "技校", "中专" }, { "中职", "中专" },
		{ "中等专科", "中专" }, { "中等专业学校", "中专" }, { "中师", "中专" },
		{ "职业高中", "中专" }, { "技工学校", "中专" }, { "中专毕业", "中专" },
		{ "普高", "高中" }, { "普通高中", "高中" }, { "高中毕业", "高中" },
		{ "初级中学", "初中" }, { "初中毕业", "初中" },
		{ "小学", "小学及以下" }, { "小学以下", "小学及以下" }, { "文盲", "小学及以下" },
		{ "半文盲", "小学及以下" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		assert_maps(ROSTER_EDUCATION, l, pairs[i][0], pairs[i][1]);
	assert_refused(ROSTER_EDUCATION, l, "大学",
	               "「大学」分不清是大学本科还是大学专科：请填写本科或大专");
	assert_refused(ROSTER_EDUCATION, l, "大学毕业",
	               "「大学」分不清是大学本科还是大学专科：请填写本科或大专");
	/* degrees and unfinished courses say nothing certain */
	assert_unknown(ROSTER_EDUCATION, l, "学士");
	assert_unknown(ROSTER_EDUCATION, l, "本科肄业");
	assert_unknown(ROSTER_EDUCATION, l, "毕业");
	assert_unknown(ROSTER_EDUCATION, l, "大");
	assert_unknown(ROSTER_EDUCATION, l, "");
	assert_unknown(ROSTER_EDUCATION, l, NULL);
	/* a word maps only onto a label the caller's dictionary holds */
	static const char *const few[] = { "研究生", "大学本科", NULL };
	assert_unknown(ROSTER_EDUCATION, few, "大专");
	assert_maps(ROSTER_EDUCATION, few, "硕士", "研究生");
	/* the kinds keep to themselves */
	assert_unknown(ROSTER_GENDER, member_genders, "大专");
}

static void test_ethnicity(void **state)
{
	(void)state;
	const char *const *l = member_ethnicities;
	int n = 0;
	for (int i = 0; l[i]; i++, n++)
		assert_same(ROSTER_ETHNICITY, l, l[i]);
	assert_int_equal(n, 57);   /* the 56 and 其他 */
	assert_maps(ROSTER_ETHNICITY, l, "汉", "汉族");
	assert_maps(ROSTER_ETHNICITY, l, "回", "回族");
	assert_maps(ROSTER_ETHNICITY, l, "满", "满族");
	assert_maps(ROSTER_ETHNICITY, l, "土家", "土家族");
	assert_maps(ROSTER_ETHNICITY, l, "土", "土族");          /* 土 + 族 is a name */
	assert_maps(ROSTER_ETHNICITY, l, "蒙古", "蒙古族");
	assert_maps(ROSTER_ETHNICITY, l, "维吾尔", "维吾尔族");
	assert_maps(ROSTER_ETHNICITY, l, "柯尔克孜", "柯尔克孜族");
	assert_maps(ROSTER_ETHNICITY, l, "柯", "柯尔克孜族");    /* the only one beginning so */
	assert_maps(ROSTER_ETHNICITY, l, "俄罗斯", "俄罗斯族");
	assert_maps(ROSTER_ETHNICITY, l, "蒙族", "蒙古族");
	assert_maps(ROSTER_ETHNICITY, l, "维族", "维吾尔族");
	/* every name less its 族 finds itself */
	for (int i = 0; l[i]; i++) {
		size_t len = strlen(l[i]);
		if (len <= 3 || strcmp(l[i] + len - 3, "族") != 0)
			continue;
		char bare[64];
		snprintf(bare, sizeof bare, "%.*s", (int)(len - 3), l[i]);
		assert_maps(ROSTER_ETHNICITY, l, bare, l[i]);
	}
	assert_refused(ROSTER_ETHNICITY, l, "哈", "「哈」可能是哈尼族或哈萨克族：请填写民族全称");
	assert_refused(ROSTER_ETHNICITY, l, "鄂", "「鄂」可能是鄂温克族或鄂伦春族：请填写民族全称");
	assert_refused(ROSTER_ETHNICITY, l, "塔", "「塔」可能是塔吉克族或塔塔尔族：请填写民族全称");
	assert_unknown(ROSTER_ETHNICITY, l, "其");       /* 其他 is no name to begin */
	assert_unknown(ROSTER_ETHNICITY, l, "火星");
	assert_unknown(ROSTER_ETHNICITY, l, "汉族人");
}

static void test_gender(void **state)
{
	(void)state;
	const char *const *l = member_genders;
	assert_same(ROSTER_GENDER, l, "男");
	assert_same(ROSTER_GENDER, l, "女");
	assert_maps(ROSTER_GENDER, l, "男性", "男");
	assert_maps(ROSTER_GENDER, l, "女性", "女");
	assert_maps(ROSTER_GENDER, l, "男士", "男");
	assert_maps(ROSTER_GENDER, l, "女士", "女");
	assert_unknown(ROSTER_GENDER, l, "M");
	assert_unknown(ROSTER_GENDER, l, "男女");
	assert_unknown(ROSTER_GENDER, l, "性");
}

/* Names and other text are never mapped, whatever they hold: rare
 * characters, ·, emoji. */
static void test_untouched(void **state)
{
	(void)state;
	static const char *const odd[] = {
		"𠮷", "䶮", "阿依古丽·买买提", "👨‍👩‍👧", "汉🇨🇳", "𠮷族", "大专\xF0\x9F\x98\x80", "·",
	};
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
		assert_unknown(ROSTER_EDUCATION, member_educations, odd[i]);
		assert_unknown(ROSTER_GENDER, member_genders, odd[i]);
		assert_unknown(ROSTER_ETHNICITY, member_ethnicities, odd[i]);
	}
}

static void test_begins(void **state)
{
	(void)state;
	assert_true(roster_word_begins("大学专科", "大"));
	assert_true(roster_word_begins("大学专科", "大专"));
	assert_true(roster_word_begins("研究生", "硕"));
	assert_true(roster_word_begins("研究生", "硕士研究生"));
	assert_true(roster_word_begins("男", "男性"));
	assert_true(roster_word_begins("蒙古族", "蒙族"));
	assert_false(roster_word_begins("大学本科", "大专"));
	assert_false(roster_word_begins("研究生", "硕士研究生毕业"));
	assert_false(roster_word_begins("汉族", "𠮷"));
	assert_string_equal(roster_kind_name(ROSTER_EDUCATION), "学历");
	assert_string_equal(roster_kind_name(ROSTER_ETHNICITY), "民族");
	assert_string_equal(roster_kind_name(ROSTER_GENDER), "性别");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_education), cmocka_unit_test(test_ethnicity),
		cmocka_unit_test(test_gender),    cmocka_unit_test(test_untouched),
		cmocka_unit_test(test_begins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
