/* Chinese numerals for the printed forms: counts, financial 大写 and the
 * dates under a seal, with the zeros and tens that forms get wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "docs/numerals.h"

static void counts(void **state)
{
	(void)state;
	static const struct { long n; const char *plain, *money; } cases[] = {
		{ 0, "零", "零" }, { 7, "七", "柒" }, { 10, "十", "壹拾" }, { 15, "十五", "壹拾伍" },
		{ 30, "三十", "叁拾" }, { 60, "六十", "陆拾" }, { 99, "九十九", "玖拾玖" },
		{ 100, "一百", "壹佰" }, { 105, "一百零五", "壹佰零伍" }, { 110, "一百一十", "壹佰壹拾" },
		{ 1001, "一千零一", "壹仟零壹" }, { 2026, "二千零二十六", "贰仟零贰拾陆" },
		{ 10000, "一万", "壹万" }, { 10010, "一万零一十", "壹万零壹拾" },
		{ 10500, "一万零五百", "壹万零伍佰" }, { 120000, "十二万", "壹拾贰万" },
		{ 99999999, "九千九百九十九万九千九百九十九", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖" },
	};
	char out[128];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(numerals_count(cases[i].n, out, sizeof out), 0);
		assert_string_equal(out, cases[i].plain);
		assert_int_equal(numerals_financial(cases[i].n, out, sizeof out), 0);
		assert_string_equal(out, cases[i].money);
	}
	assert_int_equal(numerals_count(-1, out, sizeof out), -1);
	assert_string_equal(out, "");
	assert_int_equal(numerals_count(100000000, out, sizeof out), -1);
	/* too small a buffer is refused, never cut in the middle of a character */
	assert_int_equal(numerals_count(99, out, 7), -1);
	assert_string_equal(out, "");
}

static void dates(void **state)
{
	(void)state;
	char out[96];
	assert_int_equal(numerals_date("2026-12-03", out, sizeof out), 0);
	assert_string_equal(out, "二〇二六年十二月三日");
	assert_int_equal(numerals_date("2000-01-10", out, sizeof out), 0);
	assert_string_equal(out, "二〇〇〇年一月十日");
	assert_int_equal(numerals_date("1999-10-31", out, sizeof out), 0);
	assert_string_equal(out, "一九九九年十月三十一日");
	assert_int_equal(numerals_date("2026-10", out, sizeof out), 0);
	assert_string_equal(out, "二〇二六年十月");
	static const char *const bad[] = { "", "2026", "2026-13-01", "2026-00", "2026/12/03",
	                                   "2026-12-3", "2026-12-32", "２０２６-12-03" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(numerals_date(bad[i], out, sizeof out), -1);
		assert_string_equal(out, "");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(counts), cmocka_unit_test(dates) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
