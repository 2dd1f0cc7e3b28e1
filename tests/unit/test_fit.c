/* test_fit.c — cuts that show a mark, columns sharing width by need, and
 * line breaks that follow 禁则. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "core/fit.h"
#include "core/text.h"

static int restore_mark(void **state)
{
	(void)state;
	text_set_ambiwidth(1);
	return fit_set_mark("…");
}

static void assert_fit(const char *s, int cols, const char *want, int want_cut)
{
	char out[256];
	assert_int_equal(fit_utf8(s, cols, out, sizeof out), want_cut);
	assert_string_equal(out, want);
	assert_true(utf8_cols(out) <= cols);
}

static void test_fit_marks_a_cut(void **state)
{
	(void)state;
	assert_fit("白马湖村第二党支部", 18, "白马湖村第二党支部", 0);
	assert_fit("白马湖村第二党支部第一党小组", 20, "白马湖村第二党支部…", 1);
	/* Odd room: the wide character that would straddle goes, the mark stays. */
	assert_fit("白马湖村第二党支部第一党小组", 21, "白马湖村第二党支部第…", 1);
	assert_fit("ABCDEF", 4, "ABC…", 1);
	assert_fit("ABCD", 4, "ABCD", 0);
	assert_fit("中文", 1, "…", 1);
	assert_fit("中文", 0, "", 1);
	assert_fit("", 3, "", 0);
	/* A combining mark stays with its letter. */
	assert_fit("e\xcc\x81" "abc", 2, "e\xcc\x81…", 1);
}

static void test_two_names_stay_apart(void **state)
{
	(void)state;
	char a[128], b[128];
	/* The names differ only after 24 columns: a cut at 25 keeps them apart,
	 * and never reads as the branch itself. */
	fit_utf8("白马湖村第二党支部第一党小组", 25, a, sizeof a);
	fit_utf8("白马湖村第二党支部第二党小组", 25, b, sizeof b);
	assert_string_not_equal(a, b);
	assert_string_not_equal(a, "白马湖村第二党支部第");
}

static void test_tail(void **state)
{
	(void)state;
	const wchar_t *s = L"abcdef中文";
	int used, cut;
	size_t skip = fit_wcs_tail(s, wcslen(s), 6, &used, &cut);
	assert_int_equal(cut, 1);
	assert_int_equal(skip, 5);   /* "f中文" after the mark */
	assert_int_equal(used, 5);
	skip = fit_wcs_tail(s, wcslen(s), 10, &used, &cut);
	assert_int_equal(cut, 0);
	assert_int_equal(skip, 0);
	assert_int_equal(used, 10);
}

static void test_mark_is_one_column(void **state)
{
	(void)state;
	assert_int_equal(fit_set_mark("中"), -1);
	assert_int_equal(fit_set_mark("›"), 0);
	assert_fit("五夫村第一党支部", 9, "五夫村第›", 1);
	text_set_ambiwidth(2);   /* … is ambiguous: two columns now */
	assert_int_equal(fit_set_mark("…"), -1);
	assert_string_equal(fit_mark(), "›");
}

static void share(const struct fit_col *c, int n, int avail, int out[])
{
	fit_share(c, n, avail, out);
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += out[i];
	assert_true(sum <= avail);
}

/* The 党员台账 at 120 columns: the name fits its longest name, the branch
 * its longest branch, and only what is left goes to the grow column. */
static void test_share_by_need(void **state)
{
	(void)state;
	const struct fit_col c[] = {
		{ .min = 8, .need = 15, .max = 16, .key = 1 },   /* 姓名 */
		{ .min = 4, .need = 4 },                          /* 性别 */
		{ .min = 10, .need = 10 },                        /* 入党日期 */
		{ .min = 12, .need = 32, .max = 40, .grow = 1 },  /* 所在支部 */
	};
	int w[4];
	share(c, 4, 111, w);
	assert_int_equal(w[0], 15);
	assert_int_equal(w[1], 4);
	assert_int_equal(w[2], 10);
	assert_int_equal(w[3], 111 - 15 - 4 - 10);
	/* A name longer than the limit stops at it. */
	struct fit_col d[4];
	memcpy(d, c, sizeof d);
	d[0].need = 30;
	share(d, 4, 111, w);
	assert_int_equal(w[0], 16);
}

/* Short of room: the key column first, then the others in turn. */
static void test_share_shortfall(void **state)
{
	(void)state;
	const struct fit_col c[] = {
		{ .min = 16, .need = 28, .max = 40, .key = 1 },   /* 党组织名称 */
		{ .min = 6, .need = 6 },                          /* 类型 */
		{ .min = 8, .need = 20, .max = 24, .grow = 1 },   /* 上级组织 */
		{ .min = 6, .need = 10, .max = 12 },              /* 联系领导 */
	};
	int w[4];
	share(c, 4, 52, w);
	assert_int_equal(w[0], 28);
	assert_int_equal(w[1], 6);
	/* 16 over the minimums: 12 to the name, 4 shared in turn. */
	assert_int_equal(w[2], 10);
	assert_int_equal(w[3], 8);
	share(c, 4, 44, w);
	assert_int_equal(w[0], 24);
	assert_int_equal(w[2], 8);
	assert_int_equal(w[3], 6);
}

static void test_share_too_narrow(void **state)
{
	(void)state;
	const struct fit_col c[] = {
		{ .min = 10, .need = 10 },
		{ .min = 10, .need = 10, .grow = 1 },
		{ .min = 4, .need = 4 },
	};
	int w[3];
	share(c, 3, 20, w);
	assert_int_equal(w[1], 6);   /* the grow column gives way first */
	assert_int_equal(w[0], 10);
	assert_int_equal(w[2], 4);
	share(c, 3, 6, w);
	assert_int_equal(w[0], 2);
	assert_int_equal(w[1], 2);
	assert_int_equal(w[2], 2);
}

/* Wraps s at width and checks the lines against want ("|" between lines). */
static void assert_wraps(const wchar_t *s, int width, const wchar_t *want)
{
	wchar_t got[512] = L"";
	size_t n = wcslen(s), start = 0, next;
	while (start < n) {
		size_t end = fit_line(s, n, start, width, &next);
		assert_true(next > start);
		assert_true(wcs_cols(s + start, end - start) <= width || end - start == 1);
		if (got[0])
			wcscat(got, L"|");
		wcsncat(got, s + start, end - start);
		start = next;
	}
	char g[1024], w[1024];
	wcs_to_utf8(got, wcslen(got), g, sizeof g);
	wcs_to_utf8(want, wcslen(want), w, sizeof w);
	assert_string_equal(g, w);
}

static void test_line_breaks_follow_kinsoku(void **state)
{
	(void)state;
	/* 、 would start the second line: 部 goes down with it. */
	assert_wraps(L"党员干、部", 6, L"党员|干、部");
	assert_wraps(L"新增党支部、党小组", 10, L"新增党支|部、党小组");
	/* ）。 together would start the second line. */
	assert_wraps(L"按回车保存（F2）。", 16, L"按回车保存|（F2）。");
	/* A lone 。 never makes a line of its own. */
	assert_wraps(L"已保存本条记录。", 14, L"已保存本条记|录。");
	/* An opening bracket never ends a line. */
	assert_wraps(L"请按键选择（F4）", 12, L"请按键选择|（F4）");
	/* …… stays in one piece. */
	assert_wraps(L"正在读取……", 9, L"正在读|取……");
	/* ASCII words break at a space. */
	assert_wraps(L"press the key", 10, L"press the|key");
	/* Nothing but punctuation: broken where it must. */
	assert_wraps(L"。。。。", 4, L"。。|。。");
}

static void test_punctuation_classes(void **state)
{
	(void)state;
	assert_true(fit_no_line_start(L'、'));
	assert_true(fit_no_line_start(L'）'));
	assert_true(fit_no_line_start(L'」'));
	assert_true(fit_no_line_start(L'…'));
	assert_false(fit_no_line_start(L'（'));
	assert_false(fit_no_line_start(L'党'));
	assert_true(fit_no_line_end(L'（'));
	assert_true(fit_no_line_end(L'《'));
	assert_false(fit_no_line_end(L'。'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_marks_a_cut),
		cmocka_unit_test(test_two_names_stay_apart),
		cmocka_unit_test(test_tail),
		cmocka_unit_test_teardown(test_mark_is_one_column, restore_mark),
		cmocka_unit_test(test_share_by_need),
		cmocka_unit_test(test_share_shortfall),
		cmocka_unit_test(test_share_too_narrow),
		cmocka_unit_test(test_line_breaks_follow_kinsoku),
		cmocka_unit_test(test_punctuation_classes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
