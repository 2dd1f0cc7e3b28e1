/* test_validate.c — dates, phones, 身份证号, money and integers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/err.h"
#include "core/validate.h"

static void assert_date(const char *typed, const char *norm)
{
	char out[11] = "unset", why[WHY_MAX] = "";
	assert_int_equal(valid_date(typed, out, why), 0);
	assert_string_equal(out, norm);
	assert_string_equal(why, "");
}

static void assert_bad_date(const char *typed, const char *reason)
{
	char out[11] = "unset", why[WHY_MAX] = "";
	assert_int_equal(valid_date(typed, out, why), -1);
	assert_string_equal(why, reason);
	assert_string_equal(out, "unset");
}

static void test_date_forms(void **state)
{
	(void)state;
	assert_date("2024-03-05", "2024-03-05");
	assert_date("20240305", "2024-03-05");
	assert_date("2024.03.05", "2024-03-05");
	assert_date("2024/03/05", "2024-03-05");
	assert_date("2024-3-5", "2024-03-05");
	assert_date("2024.3.15", "2024-03-15");
	assert_date("2024年3月5日", "2024-03-05");
	assert_date("2024年12月31", "2024-12-31");
	assert_date(" 2024-03-05 ", "2024-03-05");
	assert_date("1900-01-01", "1900-01-01");
	assert_date("2099-12-31", "2099-12-31");
	assert_date("2000-02-29", "2000-02-29");   /* divisible by 400 */
	assert_date("2024-02-29", "2024-02-29");
	assert_int_equal(valid_date("2024-03-05", NULL, NULL), 0);
}

static void test_date_refusals(void **state)
{
	(void)state;
	assert_bad_date("", "日期不能为空");
	assert_bad_date("   ", "日期不能为空");
	assert_bad_date(NULL, "日期不能为空");
	assert_bad_date("2024-03", "只有年月（2024年3月），缺少日：请填写完整日期");
	assert_bad_date("2024-03/05", "日期格式应为 YYYY-MM-DD");   /* mixed separators */
	assert_bad_date("24-03-05", "日期格式应为 YYYY-MM-DD");
	assert_bad_date("2024-003-05", "日期格式应为 YYYY-MM-DD");
	assert_bad_date("2024-03-05x", "日期格式应为 YYYY-MM-DD");
	assert_bad_date("202403051", "日期格式应为 YYYY-MM-DD");
	assert_bad_date("2024-3-", "日期格式应为 YYYY-MM-DD");
	assert_bad_date("abc", "日期格式应为 YYYY-MM-DD");
	assert_bad_date("2024-02-30", "日期不存在（2月没有30日）");
	assert_bad_date("2024-04-31", "日期不存在（4月没有31日）");
	assert_bad_date("2023-02-29", "日期不存在（2023年不是闰年，2月没有29日）");
	assert_bad_date("1900-02-29", "日期不存在（1900年不是闰年，2月没有29日）");
	assert_bad_date("2024-13-01", "日期不存在（没有13月）");
	assert_bad_date("2024-00-10", "日期不存在（没有0月）");
	assert_bad_date("2024-01-00", "日期不存在（没有0日）");
	assert_bad_date("1899-12-31", "日期年份应在1900至2099之间");
	assert_bad_date("2100-01-01", "日期年份应在1900至2099之间");
	assert_int_equal(valid_date("2024-02-30", NULL, NULL), -1);
}

/* The ways a real roster writes a day: 全角 digits and separators, 号,
 * and the year and month alone (refused here, taken where a field allows a
 * month: valid_date_or_month). */
static void test_date_roster_forms(void **state)
{
	(void)state;
	assert_date("1990年7月1日", "1990-07-01");
	assert_date("1990年07月01日", "1990-07-01");
	assert_date("1990年7月1号", "1990-07-01");
	assert_date("1990.7.1", "1990-07-01");
	assert_date("1990/07/01", "1990-07-01");
	assert_date("19900701", "1990-07-01");
	assert_date("１９９０年７月１日", "1990-07-01");
	assert_date("１９９０．０７．０１", "1990-07-01");
	assert_date("１９９０－７－１", "1990-07-01");
	assert_date("１９９０／７／１", "1990-07-01");
	assert_bad_date("2015年7月", "只有年月（2015年7月），缺少日：请填写完整日期");
	assert_bad_date("2015.07", "只有年月（2015年7月），缺少日：请填写完整日期");
	assert_bad_date("201507", "只有年月（2015年7月），缺少日：请填写完整日期");
	assert_bad_date("２０１５．７", "只有年月（2015年7月），缺少日：请填写完整日期");
	assert_bad_date("2015年13月", "日期不存在（没有13月）");
	assert_bad_date("1990年7月", "只有年月（1990年7月），缺少日：请填写完整日期");
	assert_bad_date("1990年7月0日", "日期不存在（没有0日）");
	assert_date("1990年7月1", "1990-07-01");
	assert_bad_date("1990年7月1日日", "日期格式应为 YYYY-MM-DD");
	assert_bad_date("1990.7.1.", "日期格式应为 YYYY-MM-DD");
	assert_bad_date("1990.07-01", "日期格式应为 YYYY-MM-DD");

	char norm[11] = "", why[WHY_MAX] = "";
	assert_int_equal(valid_date_or_month("2015年7月", norm, why), DATE_MONTH);
	assert_string_equal(norm, "2015-07");
	assert_int_equal(valid_date_or_month("2015-7", norm, why), DATE_MONTH);
	assert_string_equal(norm, "2015-07");
	assert_int_equal(valid_date_or_month("201507", norm, why), DATE_MONTH);
	assert_string_equal(norm, "2015-07");
	assert_int_equal(valid_date_or_month("2015/07/09", norm, why), DATE_DAY);
	assert_string_equal(norm, "2015-07-09");
	assert_int_equal(valid_date_or_month("2015年", norm, why), -1);
	assert_string_equal(why, "日期格式应为 YYYY-MM-DD");
	assert_int_equal(valid_date_or_month("1899.12", norm, why), -1);
	assert_string_equal(why, "日期年份应在1900至2099之间");
}

static void test_month(void **state)
{
	(void)state;
	char norm[8] = "", why[WHY_MAX] = "";
	assert_int_equal(valid_month("2024-06", norm, why), 0);
	assert_string_equal(norm, "2024-06");
	assert_int_equal(valid_month("2024年6月", norm, why), 0);
	assert_string_equal(norm, "2024-06");
	assert_int_equal(valid_month("２０２４．６", norm, why), 0);
	assert_string_equal(norm, "2024-06");
	assert_int_equal(valid_month("202406", norm, why), 0);
	assert_string_equal(norm, "2024-06");
	assert_int_equal(valid_month("2024-06-30", norm, why), -1);
	assert_string_equal(why, "应为年月（如 2024-06），不填日");
	assert_int_equal(valid_month("2024-13", norm, why), -1);
	assert_string_equal(why, "年月不存在（没有13月）");
	assert_int_equal(valid_month("六月", norm, why), -1);
	assert_string_equal(why, "应为年月，如 2024-06");
	assert_int_equal(valid_month("", norm, why), -1);
	assert_string_equal(why, "年月不能为空");
}

static void test_today(void **state)
{
	(void)state;
	char buf[11], norm[11];
	setenv("DJ_TODAY", "2024-06-30", 1);
	assert_string_equal(today(buf), "2024-06-30");
	assert_ptr_equal(today(buf), buf);
	setenv("DJ_TODAY", "2024.7.1", 1);
	assert_string_equal(today(buf), "2024-07-01");
	unsetenv("DJ_TODAY");
	today(buf);
	assert_int_equal(strlen(buf), 10);
	assert_int_equal(valid_date(buf, norm, NULL), 0);
	assert_string_equal(norm, buf);
}

static void test_date_arithmetic(void **state)
{
	(void)state;
	char out[11];
	assert_int_equal(date_diff_days("2024-01-01", "2024-01-01"), 0);
	assert_int_equal(date_diff_days("2024-01-01", "2024-12-31"), 365);  /* leap year */
	assert_int_equal(date_diff_days("2023-01-01", "2024-01-01"), 365);
	assert_int_equal(date_diff_days("2024-01-01", "2025-01-01"), 366);
	assert_int_equal(date_diff_days("2024-03-01", "2024-02-28"), -2);
	assert_int_equal(date_diff_days("1970-01-01", "2000-01-01"), 10957);
	assert_int_equal(date_diff_days("1900-01-01", "2099-12-31"), 73048);
	assert_int_equal(date_diff_days("garbage", "2024-01-01"), 0);

	date_add_months("2024-01-31", 1, out);
	assert_string_equal(out, "2024-02-29");
	date_add_months("2023-01-31", 1, out);
	assert_string_equal(out, "2023-02-28");
	date_add_months("2024-05-15", 12, out);
	assert_string_equal(out, "2025-05-15");
	date_add_months("2024-11-30", 3, out);
	assert_string_equal(out, "2025-02-28");
	date_add_months("2024-03-31", -1, out);
	assert_string_equal(out, "2024-02-29");
	date_add_months("2024-01-15", -13, out);
	assert_string_equal(out, "2022-12-15");
	date_add_months("2024-06-10", 0, out);
	assert_string_equal(out, "2024-06-10");
	date_add_months("2021-07-01", 36, out);  /* a 3-year term */
	assert_string_equal(out, "2024-07-01");
	date_add_months("nonsense", 1, out);
	assert_string_equal(out, "");
}

static void assert_mobile_refused(const char *s, const char *reason)
{
	char why[WHY_MAX] = "";
	assert_int_equal(valid_mobile(s, why), -1);
	assert_string_equal(why, reason);
}

static void test_mobile(void **state)
{
	(void)state;
	assert_int_equal(valid_mobile("13812345678", NULL), 0);
	assert_int_equal(valid_mobile("19900000000", NULL), 0);
	assert_int_equal(valid_mobile("15000000001", NULL), 0);
	assert_mobile_refused("", "手机号码不能为空");
	assert_mobile_refused("1381234567", "手机号码应为1开头的11位数字");
	assert_mobile_refused("138123456789", "手机号码应为1开头的11位数字");
	assert_mobile_refused("23812345678", "手机号码应为1开头的11位数字");
	assert_mobile_refused("138-1234-5678", "手机号码应为1开头的11位数字");
	assert_mobile_refused("1381234567a", "手机号码应为1开头的11位数字");
	assert_mobile_refused("12812345678", "手机号码第2位应为3至9");
	assert_mobile_refused("10812345678", "手机号码第2位应为3至9");
}

static void test_phone(void **state)
{
	(void)state;
	static const char *good[] = {
		"13812345678", "010-12345678", "0571-8888888", "0755-88889999",
		"12345678", "6543210", "010-12345678-123", "0571-87654321-1",
		"88889999-8001",
	};
	static const char *bad[] = {
		"010 12345678", "01012345678", "010-123456", "010-123456789",
		"1-12345678", "00-12345678", "01-12345678", "05711-1234567",
		"010-02345678", "0123456", "010-12345678-", "010-12345678-1234567",
		"(010)12345678", "电话", "123456", "010-12345678x",
	};
	char why[WHY_MAX];
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		why[0] = 0;
		if (valid_phone(good[i], why) != 0)
			fail_msg("refused %s: %s", good[i], why);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why[0] = 0;
		if (valid_phone(bad[i], why) != -1)
			fail_msg("accepted %s", bad[i]);
		assert_string_equal(why, "电话应为手机号码，或“区号-号码”如 010-12345678，分机用“-”隔开");
	}
	/* something typed as a mobile gets the mobile's reason */
	assert_int_equal(valid_phone("1381234567", why), -1);
	assert_string_equal(why, "手机号码应为1开头的11位数字");
	assert_int_equal(valid_phone("12812345678", why), -1);
	assert_string_equal(why, "手机号码第2位应为3至9");
	assert_int_equal(valid_phone("", why), -1);
	assert_string_equal(why, "电话号码不能为空");
}

/* The check character by GB 11643's ISO 7064 MOD 11-2, independently of
 * validate.c, to build test numbers. */
static char check_char(const char *first17)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

static void assert_id_refused(const char *s, const char *reason)
{
	char why[WHY_MAX] = "", birth[11] = "unset";
	int male = 7;
	assert_int_equal(valid_id_number(s, birth, &male, why), -1);
	assert_string_equal(why, reason);
	assert_string_equal(birth, "unset");
	assert_int_equal(male, 7);
}

static void test_id_number_valid(void **state)
{
	(void)state;
	char birth[11], why[WHY_MAX] = "";
	int male = -1;

	setenv("DJ_TODAY", "2024-06-30", 1);
	/* the published example: check X, born 1949-12-31, female */
	assert_int_equal(valid_id_number("11010519491231002X", birth, &male, why), 0);
	assert_string_equal(birth, "1949-12-31");
	assert_int_equal(male, 0);
	assert_int_equal(valid_id_number("11010519491231002x", NULL, NULL, NULL), 0);
	/* computed by hand: sum 219, 219 mod 11 = 10 -> '2'; 17th digit 1: male */
	assert_int_equal(valid_id_number("440308199901010012", birth, &male, why), 0);
	assert_string_equal(birth, "1999-01-01");
	assert_int_equal(male, 1);
	/* a leap day, and the oldest year allowed */
	assert_int_equal(valid_id_number("110101200002290018", birth, &male, why), 0);
	assert_string_equal(birth, "2000-02-29");
	assert_int_equal(valid_id_number("510101190012310009", birth, &male, why), 0);
	assert_int_equal(male, 0);
	/* cross-check the helper against the hand-checked numbers */
	assert_int_equal(check_char("11010519491231002"), 'X');
	assert_int_equal(check_char("44030819990101001"), '2');

	/* every check character 0-9 and X occurs over these; all must pass */
	for (int seq = 0; seq < 1000; seq += 7) {
		char id[19];
		snprintf(id, sizeof id, "32058319800101%03d", seq);
		id[17] = check_char(id);
		id[18] = 0;
		if (valid_id_number(id, birth, &male, why) != 0)
			fail_msg("refused %s: %s", id, why);
		assert_int_equal(male, (seq % 10) % 2);
	}
	unsetenv("DJ_TODAY");
}

/* What a roster's ID column holds: spaces and 全角 digits inside (read
 * as the number), and numbers Excel has already rounded (refused saying so). */
static void test_id_number_roster(void **state)
{
	(void)state;
	char birth[11] = "";
	setenv("DJ_TODAY", "2024-06-30", 1);
	assert_int_equal(valid_id_number("110105 19491231 002X", birth, NULL, NULL), 0);
	assert_string_equal(birth, "1949-12-31");
	assert_int_equal(valid_id_number("１１０１０５　１９４９１２３１００２ｘ", NULL, NULL, NULL), 0);
	assert_int_equal(valid_id_number("\t110105194912310\t02x ", NULL, NULL, NULL), 0);
	static const char fix[] = "：请在 Excel 中把该列设为“文本”后重新录入";
	char want[WHY_MAX];
	snprintf(want, sizeof want, "身份证号已被 Excel 转成数字（3.30682E+17），末尾几位已丢失%s", fix);
	assert_id_refused("3.30682E+17", want);
	snprintf(want, sizeof want, "身份证号已被 Excel 转成数字（3.30682199001011E+17），末尾几位已丢失%s",
	         fix);
	assert_id_refused("3.30682199001011E+17", want);
	assert_id_refused("３.３０６８２Ｅ+１７", "身份证号应为18位（现为11位）");   /* Ｅ is not E */
	assert_int_equal(id_number_is_excel_number("3e17"), 1);
	assert_int_equal(id_number_is_excel_number("3.3E+017"), 0);
	assert_int_equal(id_number_is_excel_number("3.E+17"), 0);
	assert_int_equal(id_number_is_excel_number("E+17"), 0);
	assert_int_equal(id_number_is_excel_number("33.1E+17"), 0);
	/* 330682199001011234 through a General cell: 15 digits kept */
	snprintf(want, sizeof want, "身份证号已被 Excel 转成数字（330682199001011000），末尾几位已丢失%s",
	         fix);
	assert_id_refused("330682199001011000", want);
	/* …000 whose check digit is right is a real number */
	char ok[19] = "33068219900101100";
	ok[17] = check_char(ok);
	ok[18] = 0;
	assert_int_equal(valid_id_number(ok, birth, NULL, NULL), 0);
	assert_string_equal(birth, "1990-01-01");

	char s[64] = "１１０１０５　１９４９ 1231002ｘ";
	fold_id_number(s);
	assert_string_equal(s, "11010519491231002X");
}

static void test_id_number_refused(void **state)
{
	(void)state;
	setenv("DJ_TODAY", "2024-06-30", 1);
	assert_id_refused("", "身份证号不能为空");
	assert_id_refused("11010519491231002", "身份证号应为18位（现为17位）");
	assert_id_refused("11010519491231002XX", "身份证号应为18位（现为19位）");
	assert_id_refused("110105491231002", "身份证号应为18位（这是15位的旧号码）");
	assert_id_refused("１１０１０５１９４９", "身份证号应为18位（现为10位）");
	assert_id_refused("1101051949123100AX", "身份证号前17位应为数字");
	assert_id_refused("11010519491231002Y", "身份证号第18位应为数字或X");
	assert_id_refused("110105194912310021", "身份证号校验位错误，应为 X");
	assert_id_refused("440308199901010013", "身份证号校验位错误，应为 2");
	/* birth dates: 1949-02-30 does not exist, 2025 is after DJ_TODAY */
	assert_id_refused("110105194902300027",
	                  "身份证号中的出生日期不存在（2月没有30日）");
	assert_id_refused("110105189912310027",
	                  "身份证号中的出生日期年份应在1900至2099之间");
	{
		char id[19] = "11010520250101002";
		id[17] = check_char(id);
		id[18] = 0;
		assert_id_refused(id, "身份证号中的出生日期（2025-01-01）晚于今天");
	}
	{
		char id[19] = "00010519491231002";
		id[17] = check_char(id);
		id[18] = 0;
		assert_id_refused(id, "身份证号前两位地区码不正确");
	}
	assert_int_equal(valid_id_number("110105194912310021", NULL, NULL, NULL), -1);
	unsetenv("DJ_TODAY");
}

/* 全角 digits typed by an input method are the digits they are: never
 * "18位（现为54…）" or 太长. */
static void test_id_number_full_width(void **state)
{
	(void)state;
	char birth[11], why[WHY_MAX];
	int male = -1;
	assert_int_equal(valid_id_number("１１０１０５１９４９１２３１００２Ｘ", birth, &male, why), 0);
	assert_string_equal(birth, "1949-12-31");
	assert_int_equal(male, 0);
	assert_int_equal(valid_id_number("１１０１０５１９４９１２３１００２x", NULL, NULL, NULL), 0);
	assert_int_equal(valid_id_number("4403０８199901010012", NULL, NULL, why), 0);   /* mixed */
	assert_int_equal(valid_id_number("１１０１０５１９４９１２３１００２９", NULL, NULL, why), -1);
	assert_non_null(strstr(why, "校验位错误"));
	assert_int_equal(valid_id_number("１１０１０５１９４９１２３１００２", NULL, NULL, why), -1);
	assert_string_equal(why, "身份证号应为18位（现为17位）");
	char s[] = "１２３ａｂｃＸｘ９０";
	fold_fullwidth_digits(s);
	assert_string_equal(s, "123ａｂｃXX90");
}

static void assert_text_refused(const char *s, int multiline, const char *reason)
{
	char why[WHY_MAX] = "";
	if (valid_text(s, multiline, why) != -1)
		fail_msg("accepted: %s", s);
	if (!strstr(why, reason))
		fail_msg("「%s」 for %s", why, s);
}

static void test_text(void **state)
{
	(void)state;
	assert_text_refused("张\x1b[2J三", 0, "含有控制字符（U+001B，第 2 个字）");
	assert_text_refused("\x1b]0;x\x07", 1, "U+001B");
	assert_text_refused("a\tb", 0, "控制字符（U+0009");
	assert_text_refused("第一行\n第二行", 0, "控制字符（U+000A，第 4 个字）");
	assert_text_refused("回车\r", 1, "U+000D");
	assert_text_refused("x\x7f", 0, "U+007F");
	assert_text_refused("x\xc2\x85", 0, "控制字符（U+0085");              /* C1 NEL */
	assert_text_refused("x\xc2\x9b" "31m", 0, "U+009B");                     /* C1 CSI */
	assert_text_refused("\xef\xbb\xbf张三", 0, "不可见的字节顺序标记（U+FEFF，第 1 个字）");
	assert_text_refused("abc\xe2\x80\xae" "exe.txt", 0, "改变文字方向的控制字符（U+202E");
	assert_text_refused("\xe2\x81\xa6x\xe2\x81\xa9", 0, "U+2066");
	assert_text_refused("x\xe2\x80\x8f", 0, "U+200F");
	assert_text_refused("x\xe2\x80\xa8y", 1, "不可见的格式字符（U+2028");
	assert_text_refused("x\xff", 0, "无效的 UTF-8 字节（0xFF，第 2 个字）");
	assert_text_refused("\xc0\xaf", 0, "无效的 UTF-8");                  /* overlong '/' */
	assert_text_refused("\xed\xa0\x80", 0, "无效的 UTF-8");              /* a surrogate */
	assert_text_refused("\xe4\xb8", 0, "无效的 UTF-8");                   /* cut short */
	/* what names and notes really hold */
	static const char *const fine[] = {
		"", "张三", "𠮷野家", "e\xcc\x81", "👨\xe2\x80\x8d👩\xe2\x80\x8d👧",   /* ZWJ family */
		"❤\xef\xb8\x8f", "🇨🇳", "葛\xf3\xa0\x84\x80",   /* VS16, a flag, an IVS */
		"a\xe2\x80\x8c" "b", "全角　空格、“引号”——破折号",
	};
	for (size_t i = 0; i < sizeof fine / sizeof *fine; i++)
		if (valid_text(fine[i], 0, NULL) != 0)
			fail_msg("refused: %s", fine[i]);
	assert_int_equal(valid_text("第一行\n\t第二行", 1, NULL), 0);
	assert_int_equal(valid_text(NULL, 0, NULL), 0);

	struct dj_err e;
	const struct text_field f[] = {
		{ "name", "姓名", "张三", 0 }, { "notes", "备注", "一\n二", 1 },
		{ "job", "工作岗位", "村\x1b委", 0 },
	};
	assert_int_equal(valid_texts(f, 2, &e), 0);
	assert_int_equal(valid_texts(f, 3, &e), DJ_INVALID);
	assert_string_equal(e.field, "job");
	assert_string_equal(e.msg, "「工作岗位」含有控制字符（U+001B，第 2 个字），请删除");
}

static void assert_money(const char *typed, int64_t want)
{
	int64_t fen = -1;
	char why[WHY_MAX] = "";
	if (parse_money(typed, &fen, why) != 0)
		fail_msg("refused %s: %s", typed, why);
	assert_int_equal(fen, want);
}

static void assert_money_refused(const char *typed, const char *reason)
{
	int64_t fen = 77;
	char why[WHY_MAX] = "";
	assert_int_equal(parse_money(typed, &fen, why), -1);
	assert_string_equal(why, reason);
	assert_int_equal(fen, 77);
}

static void test_money(void **state)
{
	(void)state;
	static const char format[] = "金额格式不正确，应为如 1234.56 的数字";
	assert_money("12", 1200);
	assert_money("12.5", 1250);
	assert_money("12.05", 1205);
	assert_money("0.01", 1);
	assert_money(".5", 50);
	assert_money("12.", 1200);
	assert_money("0", 0);
	assert_money("1,234.56", 123456);
	assert_money("1,234,567", 123456700);
	assert_money("￥12.50", 1250);
	assert_money("¥ 8", 800);
	assert_money("1000元", 100000);
	assert_money(" 3.2 ", 320);
	assert_money("10000000000", 1000000000000LL);   /* the ceiling: 100亿元 */
	assert_money_refused("", "金额不能为空");
	assert_money_refused("-5", "金额不能为负数");
	assert_money_refused("￥-5", "金额不能为负数");
	assert_money_refused("1.234", "金额最多两位小数（到分）");
	assert_money_refused("10000000000.01", "金额超出上限（100亿元）");
	assert_money_refused("99999999999999999999999", "金额超出上限（100亿元）");
	assert_money_refused("12,5", format);
	assert_money_refused("1,2345", format);
	assert_money_refused(",123", format);
	assert_money_refused("1234,567", format);
	assert_money_refused("1,,234", format);
	assert_money_refused("abc", format);
	assert_money_refused("12a", format);
	assert_money_refused(".", format);
	assert_money_refused("￥", format);
	assert_money_refused("1.2.3", format);
	assert_int_equal(parse_money("5", NULL, NULL), 0);
}

static void test_format_money(void **state)
{
	(void)state;
	char out[32];
	format_money(123456, out, sizeof out);
	assert_string_equal(out, "1234.56");
	format_money(5, out, sizeof out);
	assert_string_equal(out, "0.05");
	format_money(0, out, sizeof out);
	assert_string_equal(out, "0.00");
	format_money(100, out, sizeof out);
	assert_string_equal(out, "1.00");
	format_money(-1250, out, sizeof out);
	assert_string_equal(out, "-12.50");
	format_money(INT64_MIN, out, sizeof out);
	assert_string_equal(out, "-92233720368547758.08");
	format_money(123456, out, 5);
	assert_string_equal(out, "1234");
	{ /* parse and format are inverse */
		int64_t fen;
		assert_int_equal(parse_money("1,234.5", &fen, NULL), 0);
		format_money(fen, out, sizeof out);
		assert_string_equal(out, "1234.50");
	}
}

static void assert_int_parsed(const char *typed, long lo, long hi, long want)
{
	long v = -1;
	char why[WHY_MAX] = "";
	if (parse_int(typed, lo, hi, &v, why) != 0)
		fail_msg("refused %s: %s", typed, why);
	assert_int_equal(v, want);
}

static void assert_int_refused(const char *typed, long lo, long hi, const char *reason)
{
	long v = 77;
	char why[WHY_MAX] = "";
	assert_int_equal(parse_int(typed, lo, hi, &v, why), -1);
	assert_string_equal(why, reason);
	assert_int_equal(v, 77);   /* untouched by the refusal */
}

static void test_parse_int(void **state)
{
	(void)state;
	assert_int_parsed("42", 0, 100, 42);
	assert_int_parsed(" 7 ", 1, 10, 7);
	assert_int_parsed("0", 0, 0, 0);
	assert_int_refused("101", 0, 100, "应为0至100之间的整数");
	assert_int_refused("2", 3, 5, "应为3至5之间的整数");
	assert_int_refused("-1", 0, 100, "应为0至100之间的整数，不能为负数");
	assert_int_refused("1.5", 0, 100, "应为整数（只能填数字）");
	assert_int_refused("12a", 0, 100, "应为整数（只能填数字）");
	assert_int_refused("", 0, 100, "数字不能为空");
	assert_int_refused("99999999999999999999999", 0, 100, "应为0至100之间的整数");
}

/* What a message quotes: the characters valid_text refuses and malformed
 * bytes as "?", names with emoji, ZWJ and rare characters as they are, and
 * a cut only between characters. */
static void test_text_shown(void **state)
{
	(void)state;
	char out[64];
	text_shown("王\x1b[31m红\tA\xff\xe2\x80\xae", 40, out, sizeof out);
	assert_string_equal(out, "王?[31m红?A??");
	text_shown("𠮷䶮·👨\u200d👩\u200d👧", 40, out, sizeof out);
	assert_string_equal(out, "𠮷䶮·👨\u200d👩\u200d👧");
	text_shown("一二三四五", 3, out, sizeof out);
	assert_string_equal(out, "一二三…");
	char small[8];   /* "一" and "…" fit; "二" would leave no room for "…" */
	text_shown("一二三", 40, small, sizeof small);
	assert_string_equal(small, "一…");
	text_shown(NULL, 40, out, sizeof out);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_forms),
		cmocka_unit_test(test_date_refusals),
		cmocka_unit_test(test_date_roster_forms),
		cmocka_unit_test(test_month),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_date_arithmetic),
		cmocka_unit_test(test_mobile),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_id_number_valid),
		cmocka_unit_test(test_id_number_roster),
		cmocka_unit_test(test_id_number_refused),
		cmocka_unit_test(test_id_number_full_width),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_format_money),
		cmocka_unit_test(test_parse_int),
		cmocka_unit_test(test_text_shown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
