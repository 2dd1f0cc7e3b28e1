/* The arithmetic of 分类定级: scores as typed, weighted totals and their
 * rounding, thresholds at their edges, proportion checks, movement and the
 * category groups (grading/rules.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "fixture.h"
#include "grading/grading.h"

static void scores_as_typed(void **state)
{
	(void)state;
	int v = -7;
	char why[WHY_MAX];
	assert_int_equal(grading_parse_score("18", 200, &v, why), 0);
	assert_int_equal(v, 180);
	assert_int_equal(grading_parse_score("18.5", 200, &v, why), 0);
	assert_int_equal(v, 185);
	assert_int_equal(grading_parse_score(" 7 ", 200, &v, why), 0);
	assert_int_equal(v, 70);
	assert_int_equal(grading_parse_score(".5", 200, &v, why), 0);
	assert_int_equal(v, 5);
	assert_int_equal(grading_parse_score("20.0", 200, &v, why), 0);
	assert_int_equal(v, 200);
	assert_int_equal(grading_parse_score("0", 200, &v, why), 0);
	assert_int_equal(v, 0);
	assert_int_equal(grading_parse_score("20.1", 200, &v, why), -1);
	assert_string_equal(why, "超过满分 20 分：20.1");
	assert_int_equal(grading_parse_score("18.55", 200, &v, why), -1);
	assert_string_equal(why, "最多一位小数：18.55");
	assert_int_equal(grading_parse_score("1８", 200, &v, why), -1);
	assert_int_equal(grading_parse_score("-3", 200, &v, why), -1);
	assert_int_equal(grading_parse_score("", 200, &v, why), -1);
	assert_int_equal(grading_parse_score(".", 200, &v, why), -1);
	assert_int_equal(grading_parse_score("1.2.3", 200, &v, why), -1);
	assert_int_equal(grading_parse_score("15", 155, &v, why), 0);     /* a 15.5 maximum */
	assert_int_equal(grading_parse_score("15.6", 155, &v, why), -1);
	assert_string_equal(why, "超过满分 15.5 分：15.6");
}

static void formats(void **state)
{
	(void)state;
	char out[16];
	grading_format_score(185, out, sizeof out);
	assert_string_equal(out, "18.5");
	grading_format_score(200, out, sizeof out);
	assert_string_equal(out, "20");
	grading_format_score(GRADING_NONE, out, sizeof out);
	assert_string_equal(out, "");
	grading_format_total(900, out, sizeof out);
	assert_string_equal(out, "90.0");
	grading_format_total(5, out, sizeof out);
	assert_string_equal(out, "0.5");
}

static void row_totals(void **state)
{
	(void)state;
	int a[] = { 180, GRADING_NONE, 100, 5 };
	assert_int_equal(grading_row_total(a, 4), 285);
	int none[] = { GRADING_NONE, GRADING_NONE };
	assert_int_equal(grading_row_total(none, 2), GRADING_NONE);
	int zero[] = { 0, GRADING_NONE };
	assert_int_equal(grading_row_total(zero, 2), 0);
}

static void weighted_totals(void **state)
{
	(void)state;
	/* 15·70 + 15·80 + 30·95 + 40·88 = 86.2 */
	int w4[] = { 15, 15, 30, 40 }, t4[] = { 700, 800, 950, 880 };
	assert_int_equal(grading_weighted_total(w4, t4, 4), 862);
	/* self 40% + upper 60% (the published example) */
	int w2[] = { 40, 60 }, t2[] = { 850, 920 };
	assert_int_equal(grading_weighted_total(w2, t2, 2), 892);
	/* a source not yet scored: the others count in proportion */
	int missing[] = { GRADING_NONE, 850 };
	assert_int_equal(grading_weighted_total(w2, missing, 2), 850);
	int partial[] = { 700, 800, GRADING_NONE, 880 };   /* 5770 / 70 = 82.43 */
	assert_int_equal(grading_weighted_total(w4, partial, 4), 824);
	int nothing[] = { GRADING_NONE, GRADING_NONE };
	assert_int_equal(grading_weighted_total(w2, nothing, 2), GRADING_NONE);
}

/* Half up to one decimal: .x5 goes up, .x4999 down. */
static void rounding_edges(void **state)
{
	(void)state;
	int half[] = { 50, 50 };
	int up[] = { 899, 900 };           /* 89.95 -> 90.0 */
	assert_int_equal(grading_weighted_total(half, up, 2), 900);
	int up2[] = { 898, 899 };          /* 89.85 -> 89.9 */
	assert_int_equal(grading_weighted_total(half, up2, 2), 899);
	int w[] = { 30, 70 }, down[] = { 900, 899 };   /* 89.93 -> 89.9 */
	assert_int_equal(grading_weighted_total(w, down, 2), 899);
	int thirds[] = { 1, 1, 1 }, t[] = { 900, 900, 899 };   /* 89.966… -> 90.0 */
	assert_int_equal(grading_weighted_total(thirds, t, 3), 900);
	int t2[] = { 900, 899, 899 };      /* 89.933… -> 89.9 */
	assert_int_equal(grading_weighted_total(thirds, t2, 3), 899);
	int w3[] = { 33, 33, 34 }, t3[] = { 601, 600, 598 };   /* 59.965 -> 60.0 */
	assert_int_equal(grading_weighted_total(w3, t3, 3), 600);
	/* so the grade read from the rounded total agrees with what is shown */
	int lines[] = { 900, 750, 600 };
	assert_int_equal(grading_grade_of(lines, grading_weighted_total(half, up, 2)), 1);
	assert_int_equal(grading_grade_of(lines, grading_weighted_total(half, up2, 2)), 2);
	assert_int_equal(grading_grade_of(lines, grading_weighted_total(w3, t3, 3)), 3);
}

static void thresholds(void **state)
{
	(void)state;
	int lines[] = { 900, 750, 600 };
	assert_int_equal(grading_grade_of(lines, 1000), 1);
	assert_int_equal(grading_grade_of(lines, 900), 1);
	assert_int_equal(grading_grade_of(lines, 899), 2);
	assert_int_equal(grading_grade_of(lines, 750), 2);
	assert_int_equal(grading_grade_of(lines, 749), 3);
	assert_int_equal(grading_grade_of(lines, 600), 3);
	assert_int_equal(grading_grade_of(lines, 599), 4);
	assert_int_equal(grading_grade_of(lines, 0), 4);
	assert_int_equal(grading_grade_of(lines, GRADING_NONE), 0);
	int odd[] = { 855, 705, 0 };       /* 85.5 / 70.5 / 0: nothing is 后进 */
	assert_int_equal(grading_grade_of(odd, 855), 1);
	assert_int_equal(grading_grade_of(odd, 854), 2);
	assert_int_equal(grading_grade_of(odd, 0), 3);
}

static void movement(void **state)
{
	(void)state;
	assert_string_equal(grading_movement(3, 2), "晋位");
	assert_string_equal(grading_movement(4, 1), "晋位");
	assert_string_equal(grading_movement(1, 2), "降位");
	assert_string_equal(grading_movement(3, 3), "持平");
	assert_string_equal(grading_movement(0, 2), "");
	assert_string_equal(grading_movement(2, 0), "");
}

static void proportions(void **state)
{
	(void)state;
	int guide[] = { 30, 60, 10 };
	struct grading_band b[BANDS];
	struct grading_mix on_guide = { 10, { 1, 2, 6, 1 } };
	assert_int_equal(grading_proportion(&on_guide, guide, 10, b), 0);
	assert_int_equal(b[BAND_TOP].count, 3);
	assert_int_equal(b[BAND_TOP].permille, 300);
	assert_int_equal(b[BAND_MID].permille, 600);
	assert_int_equal(b[BAND_BOTTOM].permille, 100);
	/* exactly at guide + tolerance is within; one more is not */
	struct grading_mix edge = { 10, { 2, 2, 5, 1 } };
	assert_int_equal(grading_proportion(&edge, guide, 10, b), 0);
	assert_int_equal(b[BAND_TOP].off, 0);
	struct grading_mix over = { 10, { 3, 2, 4, 1 } };
	assert_int_equal(grading_proportion(&over, guide, 10, b), 2);
	assert_int_equal(b[BAND_TOP].off, 1);
	assert_int_equal(b[BAND_MID].off, -1);
	assert_int_equal(b[BAND_BOTTOM].off, 0);
	/* three organizations, one of each: 66.7% / 33.3% / 0% */
	struct grading_mix three = { 3, { 1, 1, 1, 0 } };
	assert_int_equal(grading_proportion(&three, guide, 10, b), 2);
	assert_int_equal(b[BAND_TOP].permille, 667);
	assert_int_equal(b[BAND_MID].permille, 333);
	assert_int_equal(b[BAND_BOTTOM].off, 0);         /* 0% is 10 - 10 */
	assert_int_equal(grading_proportion(&three, guide, 9, b), 3);
	assert_int_equal(b[BAND_BOTTOM].off, -1);
	struct grading_mix none = { 0, { 0, 0, 0, 0 } };
	assert_int_equal(grading_proportion(&none, guide, 10, b), 0);
	assert_int_equal(b[BAND_TOP].permille, 0);
}

static void lists(void **state)
{
	(void)state;
	char items[5][32];
	assert_int_equal(grading_split_list("先进、较好，一般,后进", items, 4), 4);
	assert_string_equal(items[0], "先进");
	assert_string_equal(items[3], "后进");
	assert_int_equal(grading_split_list(" 90 / 75 /60 ", items, 3), 3);
	assert_string_equal(items[1], "75");
	assert_int_equal(grading_split_list("a,b,c,d,e", items, 4), 5);   /* more than max */
	assert_int_equal(grading_split_list("", items, 4), 0);
}

static void category_groups(void **state)
{
	(void)state;
	struct config c;
	char g[32], names[9][32];
	config_defaults(&c);
	const char *const cases[][2] = {
		{ "农村", "农村" }, { "社区", "农村" }, { "国有企业", "国有金融机构" },
		{ "非公企业", "非公企业" }, { "社会组织", "非公企业" }, { "机关", "机关事业单位" },
		{ "事业单位", "机关事业单位" }, { "学校教工", "机关事业单位" },
		{ "学校学生", "机关事业单位" }, { "其他", "其他" }, { "", "其他" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		grading_category_group(&c, cases[i][0], g, sizeof g);
		assert_string_equal(g, cases[i][1]);
	}
	assert_int_equal(grading_category_groups(&c, names, 9), 5);
	assert_string_equal(names[0], "农村");
	assert_string_equal(names[3], "机关事业单位");
	assert_string_equal(names[4], "其他");

	/* configured groups replace the defaults entirely */
	char dir[] = "/tmp/djgrade.XXXXXX", path[64], why[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/dangjian.ini", dir);
	fx_write_file(path, "[grading]\ngroup1 = 村和社区：农村、社区\ngroup2 = 企业:国有企业,非公企业\n");
	assert_int_equal(config_load(&c, path, why, sizeof why), 0);
	grading_category_group(&c, "社区", g, sizeof g);
	assert_string_equal(g, "村和社区");
	grading_category_group(&c, "非公企业", g, sizeof g);
	assert_string_equal(g, "企业");
	grading_category_group(&c, "机关", g, sizeof g);
	assert_string_equal(g, "其他");
	assert_int_equal(grading_category_groups(&c, names, 9), 3);
	config_free(&c);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scores_as_typed), cmocka_unit_test(formats),
		cmocka_unit_test(row_totals), cmocka_unit_test(weighted_totals),
		cmocka_unit_test(rounding_edges), cmocka_unit_test(thresholds),
		cmocka_unit_test(movement), cmocka_unit_test(proportions), cmocka_unit_test(lists),
		cmocka_unit_test(category_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
