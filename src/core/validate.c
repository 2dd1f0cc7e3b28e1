/* validate.c — checks on what operators type: dates, phones, 身份证号, money,
 * integers, free text.  Reasons are short Chinese sentences that say what to
 * fix. */
#include "core/validate.h"

#include "core/err.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MONEY_MAX_FEN 1000000000000LL   /* 10^12 fen = 100亿元 */

static int refuse(char why[WHY_MAX], const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int refuse(char why[WHY_MAX], const char *fmt, ...)
{
	if (why) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, WHY_MAX, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static const char *skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Length of s without trailing ASCII spaces. */
static size_t trimmed_len(const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return n > 0;
}

/* Reads 1..max digits at *p into *val; returns how many were read. */
static int read_number(const char **p, int max, int *val)
{
	int n = 0;
	*val = 0;
	while (n < max && is_digit(**p)) {
		*val = *val * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

static void put_digits(char *out, unsigned v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
}

/* y-m-d as YYYY-MM-DD (the values are in range), digit by digit: every
 * valid_date formats one, and a count over a county's birth dates spent
 * more in snprintf than in the rest of the check. */
static void format_day(char out[11], int y, int m, int d)
{
	put_digits(out, (unsigned)y % 10000u, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)m % 100u, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d % 100u, 2);
	out[10] = 0;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* The date as typed with its 全角 digits and separators (１９９０．７．１, as an
 * input method's full-width mode types them) read as ASCII, into out.  -1 when
 * it cannot be a date (longer than any date is written). */
static int fold_date(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		const unsigned char *u = (const unsigned char *)s + i;
		char c = s[i];
		size_t step = 1;
		if (n - i >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x8D && u[2] <= 0x99) {
			c = (char)('-' + (u[2] - 0x8D));   /* U+FF0D－ U+FF0E． U+FF0F／ U+FF10-19 ０-９ */
			step = 3;
		}
		if (k + 1 >= cap)
			return -1;
		out[k++] = c;
		i += step;
	}
	out[k] = 0;
	return 0;
}

/* Splits the typed forms into y, m, d (no calendar check); d is -1 when only
 * the year and month are written (2015年7月, 2015.07, 2015-7, 201507).
 * 0 or -1. */
static int split_date(const char *s, size_t n, int *y, int *m, int *d)
{
	const char *p = s, *end = s + n;
	*d = -1;
	if ((n == 8 || n == 6) && all_digits(s, n)) {
		*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		*m = (s[4] - '0') * 10 + (s[5] - '0');
		if (n == 8)
			*d = (s[6] - '0') * 10 + (s[7] - '0');
		return 0;
	}
	if (read_number(&p, 4, y) != 4)
		return -1;
	if (*p == '-' || *p == '.' || *p == '/') {
		char sep = *p++;
		if (read_number(&p, 2, m) == 0)
			return -1;
		if (p == end)
			return 0;   /* year and month only */
		if (*p++ != sep || read_number(&p, 2, d) == 0)
			return -1;
		return p == end ? 0 : -1;
	}
	/* 2024年3月5日, as typed with an input method */
	if (strncmp(p, "年", 3) != 0)
		return -1;
	p += 3;
	if (read_number(&p, 2, m) == 0 || strncmp(p, "月", 3) != 0)
		return -1;
	p += 3;
	if (p == end)
		return 0;   /* 2015年7月 */
	if (read_number(&p, 2, d) == 0)
		return -1;
	if (strncmp(p, "日", 3) == 0 || strncmp(p, "号", 3) == 0)
		p += 3;
	return p == end ? 0 : -1;
}

/* Calendar check of y-m-d; `what` names the thing in the reason. */
static int check_day(int y, int m, int d, const char *what, char why[WHY_MAX])
{
	if (y < 1900 || y > 2099)
		return refuse(why, "%s年份应在1900至2099之间", what);
	if (m < 1 || m > 12)
		return refuse(why, "%s不存在（没有%d月）", what, m);
	if (d < 1)
		return refuse(why, "%s不存在（没有%d日）", what, d);
	if (d > days_in_month(y, m)) {
		if (m == 2 && d == 29)
			return refuse(why, "%s不存在（%d年不是闰年，2月没有29日）", what, y);
		return refuse(why, "%s不存在（%d月没有%d日）", what, m, d);
	}
	return 0;
}

/* valid_date_or_month, with `what` naming the value in a calendar reason. */
static int date_or_month(const char *s, char norm[11], const char *what, const char *format,
                         char why[WHY_MAX])
{
	int y, m, d;
	char folded[64];
	if (!s)
		s = "";
	s = skip_spaces(s);
	size_t n = trimmed_len(s);
	if (n == 0)
		return refuse(why, "%s不能为空", what);
	if (fold_date(s, n, folded, sizeof folded) || split_date(folded, strlen(folded), &y, &m, &d))
		return refuse(why, "%s", format);
	if (check_day(y, m, d >= 0 ? d : 1, what, why) != 0)
		return -1;
	if (norm && d >= 0)
		format_day(norm, y, m, d);
	else if (norm)
		snprintf(norm, 11, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
	return d >= 0 ? DATE_DAY : DATE_MONTH;
}

int valid_date_or_month(const char *s, char norm[11], char why[WHY_MAX])
{
	return date_or_month(s, norm, "日期", "日期格式应为 YYYY-MM-DD", why);
}

int valid_date(const char *s, char norm[11], char why[WHY_MAX])
{
	char got[11];
	int kind = valid_date_or_month(s, got, why);
	if (kind < 0)
		return -1;
	if (kind == DATE_MONTH)
		/* the year and month as read, whatever digits they were typed in */
		return refuse(why, "只有年月（%d年%d月），缺少日：请填写完整日期", atoi(got), atoi(got + 5));
	if (norm)
		memcpy(norm, got, 11);
	return 0;
}

int valid_month(const char *s, char norm[8], char why[WHY_MAX])
{
	char got[11];
	int kind = date_or_month(s, got, "年月", "应为年月，如 2024-06", why);
	if (kind < 0)
		return -1;
	if (kind == DATE_DAY)
		return refuse(why, "应为年月（如 %.7s），不填日", got);
	if (norm)
		memcpy(norm, got, 8);
	return 0;
}

const char *today(char buf[11])
{
	const char *env = getenv("DJ_TODAY");
	if (env && valid_date(env, buf, NULL) == 0)
		return buf;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
	return buf;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's method). */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* y, m, d of a date valid_date accepts; -1 otherwise. */
static int parse_day(const char *s, int *y, int *m, int *d)
{
	char norm[11];
	if (!s || valid_date(s, norm, NULL) != 0)
		return -1;
	*y = atoi(norm);
	*m = atoi(norm + 5);
	*d = atoi(norm + 8);
	return 0;
}

long date_diff_days(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;
	/* callers pass normal dates; a malformed one counts as no difference */
	if (parse_day(a, &ya, &ma, &da) != 0 || parse_day(b, &yb, &mb, &db) != 0)
		return 0;
	return days_from_civil(yb, mb, db) - days_from_civil(ya, ma, da);
}

void date_add_months(const char *d, int months, char out[11])
{
	int y, m, day;
	out[0] = 0;
	if (parse_day(d, &y, &m, &day) != 0)
		return;
	long total = (long)y * 12 + (m - 1) + months;
	long ny = total >= 0 ? total / 12 : -((-total + 11) / 12);
	int nm = (int)(total - ny * 12) + 1;
	if (ny < 1 || ny > 9999)
		return;
	if (day > days_in_month((int)ny, nm))
		day = days_in_month((int)ny, nm);
	format_day(out, (int)ny, nm, day);
}

static const char mobile_rule[] = "手机号码应为1开头的11位数字";

int valid_mobile(const char *s, char why[WHY_MAX])
{
	if (!s || !*s)
		return refuse(why, "手机号码不能为空");
	size_t n = strlen(s);
	if (n != 11 || !all_digits(s, n) || s[0] != '1')
		return refuse(why, "%s", mobile_rule);
	if (s[1] < '3')
		return refuse(why, "手机号码第2位应为3至9");
	return 0;
}

/* Counts digits at p; returns the count and moves p past them. */
static size_t digit_run(const char **p)
{
	size_t n = 0;
	while (is_digit(**p)) {
		(*p)++;
		n++;
	}
	return n;
}

int valid_phone(const char *s, char why[WHY_MAX])
{
	if (!s || !*s)
		return refuse(why, "电话号码不能为空");
	size_t n = strlen(s);
	if (all_digits(s, n) && s[0] == '1' && n >= 9)
		return valid_mobile(s, why);   /* typed as a mobile: say what is wrong with it */

	const char *p = s;
	if (*p == '0') {   /* area code 0xx or 0xxx, then '-' */
		size_t area = digit_run(&p);
		if (area < 3 || area > 4 || *p != '-')
			goto bad;
		p++;
	}
	if (*p == '0')
		goto bad;
	size_t local = digit_run(&p);
	if (local < 7 || local > 8)
		goto bad;
	if (*p == '-') {   /* extension */
		p++;
		size_t ext = digit_run(&p);
		if (ext < 1 || ext > 6)
			goto bad;
	}
	if (*p == 0)
		return 0;
bad:
	return refuse(why, "电话应为手机号码，或“区号-号码”如 010-12345678，分机用“-”隔开");
}

/* Characters (not bytes) in a UTF-8 string, for "you typed N digits". */
static size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static char id_check_char(const char *s)
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * weight[i];
	return "10X98765432"[sum % 11];
}

void fold_fullwidth_digits(char *s)
{
	char *out = s;
	for (const char *p = s; *p;) {
		const unsigned char *u = (const unsigned char *)p;
		/* U+FF10-FF19 is EF BC 90-99; U+FF38 Ｘ EF BC B8, U+FF58 ｘ EF BD 98 */
		if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
			*out++ = (char)('0' + (u[2] - 0x90));
			p += 3;
		} else if (u[0] == 0xEF && ((u[1] == 0xBC && u[2] == 0xB8) || (u[1] == 0xBD && u[2] == 0x98))) {
			*out++ = 'X';
			p += 3;
		} else {
			*out++ = *p++;
		}
	}
	*out = 0;
}

/* One character of a 身份证号 as stored, from the text at p: *c is the
 * ASCII digit or X it stands for (or the byte itself), 0 for a space to drop.
 * Returns the bytes it took. */
static size_t id_char(const char *p, char *c)
{
	const unsigned char *u = (const unsigned char *)p;
	if (*p == ' ' || *p == '\t') {
		*c = 0;
		return 1;
	}
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) {   /* U+3000 全角空格 */
		*c = 0;
		return 3;
	}
	if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
		*c = (char)('0' + (u[2] - 0x90));
		return 3;
	}
	if (u[0] == 0xEF && ((u[1] == 0xBC && u[2] == 0xB8) || (u[1] == 0xBD && u[2] == 0x98))) {
		*c = 'X';
		return 3;
	}
	*c = *p == 'x' ? 'X' : *p;
	return 1;
}

/* The folded 身份证号 into out (cap bytes); -1 when it does not fit. */
static int fold_id_into(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (const char *p = s; *p;) {
		char c;
		p += id_char(p, &c);
		if (!c)
			continue;
		if (n + 1 >= cap)
			return -1;
		out[n++] = c;
	}
	out[n] = 0;
	return 0;
}

void fold_id_number(char *s)
{
	char *out = s;   /* the text only shrinks */
	for (const char *p = s; *p;) {
		char c;
		p += id_char(p, &c);
		if (c)
			*out++ = c;
	}
	*out = 0;
}

int id_number_is_excel_number(const char *s)
{
	/* d[.ddd]E[+]dd, as Excel shows an 18-digit number in a General cell */
	const char *p = s;
	if (!is_digit(*p++))
		return 0;
	if (*p == '.') {
		p++;
		if (!is_digit(*p))
			return 0;
		while (is_digit(*p))
			p++;
	}
	if (*p != 'E' && *p != 'e')
		return 0;
	p++;
	if (*p == '+')
		p++;
	return is_digit(*p) && digit_run(&p) <= 2 && *p == 0;
}

static int refuse_excel(char why[WHY_MAX], const char *shown)
{
	return refuse(why, "身份证号已被 Excel 转成数字（%s），末尾几位已丢失：请在 Excel 中把该列"
	              "设为“文本”后重新录入", shown);
}

int valid_id_number(const char *typed, char birth[11], int *male, char why[WHY_MAX])
{
	if (!typed || !*typed)
		return refuse(why, "身份证号不能为空");
	/* 全角 digits read as the digits they are, spaces inside dropped: a
	 * number is never "too long" for having been typed in full width */
	char folded[64];
	if (fold_id_into(typed, folded, sizeof folded))
		return refuse(why, "身份证号应为18位（现为%zu位）", utf8_length(typed));
	const char *s = folded;
	size_t n = strlen(s);
	if (id_number_is_excel_number(s))
		return refuse_excel(why, s);
	if (n != 18) {
		if (n == 15 && all_digits(s, 15))
			return refuse(why, "身份证号应为18位（这是15位的旧号码）");
		return refuse(why, "身份证号应为18位（现为%zu位）", utf8_length(s));
	}
	if (!all_digits(s, 17))
		return refuse(why, "身份证号前17位应为数字");
	char last = s[17];
	if (!is_digit(last) && last != 'X')
		return refuse(why, "身份证号第18位应为数字或X");
	if (s[0] == '0' && s[1] == '0')
		return refuse(why, "身份证号前两位地区码不正确");

	const char *p = s + 6;
	int y, m, d;
	read_number(&p, 4, &y);
	read_number(&p, 2, &m);
	read_number(&p, 2, &d);
	if (check_day(y, m, d, "身份证号中的出生日期", why) != 0)
		return -1;
	char born[11], now[11];
	format_day(born, y, m, d);
	if (strcmp(born, today(now)) > 0)
		return refuse(why, "身份证号中的出生日期（%s）晚于今天", born);

	char want = id_check_char(s);
	/* Excel keeps 15 significant digits: 330682199001011234 comes back as
	 * …011000, whose check digit then fails */
	if (last != want && strcmp(s + 15, "000") == 0)
		return refuse_excel(why, s);
	if (last != want)
		return refuse(why, "身份证号校验位错误，应为 %c", want);
	if (birth)
		memcpy(birth, born, 11);
	if (male)
		*male = (s[16] - '0') % 2;
	return 0;
}

/* Skips a currency sign typed before an amount: ￥ (U+FFE5) or ¥ (U+00A5). */
static const char *skip_currency(const char *p)
{
	if (strncmp(p, "\xEF\xBF\xA5", 3) == 0)
		return p + 3;
	if (strncmp(p, "\xC2\xA5", 2) == 0)
		return p + 2;
	return p;
}

/* Integer part with optional thousands commas (each followed by exactly
 * three digits, so "12,5" is refused rather than read as 125).  Adds to *v. */
static int read_yuan(const char **pp, int64_t *v, int *digits)
{
	const char *p = *pp;
	int group = 0;     /* digits since the start or the last comma */
	int grouped = 0;   /* a comma was seen */
	for (;;) {
		if (is_digit(*p)) {
			if (*v > MONEY_MAX_FEN)
				return -2;
			*v = *v * 10 + (*p++ - '0');
			group++;
			(*digits)++;
		} else if (*p == ',') {
			/* the first group has 1-3 digits, every later one 3 */
			if (group == 0 || group > 3 || (grouped && group != 3))
				return -1;
			grouped = 1;
			group = 0;
			p++;
		} else {
			break;
		}
	}
	if (grouped && group != 3)
		return -1;
	*pp = p;
	return 0;
}

int parse_money(const char *s, int64_t *fen, char why[WHY_MAX])
{
	static const char format[] = "金额格式不正确，应为如 1234.56 的数字";
	int64_t yuan = 0, cents = 0;
	int digits = 0, decimals = 0;

	if (!s)
		s = "";
	const char *p = skip_spaces(s);
	if (*p == 0)
		return refuse(why, "金额不能为空");
	p = skip_spaces(skip_currency(p));
	if (*p == '-' || (*p && strncmp(p, "－", 3) == 0))
		return refuse(why, "金额不能为负数");
	int r = read_yuan(&p, &yuan, &digits);
	if (r == -2)
		return refuse(why, "金额超出上限（100亿元）");
	if (r != 0)
		return refuse(why, "%s", format);
	if (*p == '.') {
		p++;
		while (is_digit(*p)) {
			if (++decimals > 2)
				return refuse(why, "金额最多两位小数（到分）");
			cents = cents * 10 + (*p++ - '0');
			digits++;
		}
		if (decimals == 1)
			cents *= 10;
	}
	if (strncmp(p, "元", 3) == 0)
		p += 3;
	p = skip_spaces(p);
	if (*p != 0 || digits == 0)
		return refuse(why, "%s", format);
	if (yuan > MONEY_MAX_FEN / 100 || yuan * 100 + cents > MONEY_MAX_FEN)
		return refuse(why, "金额超出上限（100亿元）");
	if (fen)
		*fen = yuan * 100 + cents;
	return 0;
}

void format_money(int64_t fen, char *out, size_t cap)
{
	unsigned long long mag = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
	if (cap == 0)
		return;
	snprintf(out, cap, "%s%llu.%02llu", fen < 0 ? "-" : "", mag / 100, mag % 100);
}

int parse_int(const char *s, long min, long max, long *out, char why[WHY_MAX])
{
	if (!s)
		s = "";
	const char *p = skip_spaces(s);
	size_t n = trimmed_len(p);
	if (n == 0)
		return refuse(why, "数字不能为空");
	if (p[0] == '-' && n > 1 && all_digits(p + 1, n - 1))
		return refuse(why, "应为%ld至%ld之间的整数，不能为负数", min, max);
	if (!all_digits(p, n))
		return refuse(why, "应为整数（只能填数字）");
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		int digit = p[i] - '0';
		if (v > (LONG_MAX - digit) / 10)
			return refuse(why, "应为%ld至%ld之间的整数", min, max);
		v = v * 10 + digit;
	}
	if (v < min || v > max)
		return refuse(why, "应为%ld至%ld之间的整数", min, max);
	if (out)
		*out = v;
	return 0;
}

/* ---- free text ---------------------------------------------------------- */

/* The code point at s and its length in bytes; 0 for a malformed sequence
 * (overlong, a surrogate, beyond U+10FFFF, a stray continuation byte). */
static int utf8_decode(const unsigned char *s, uint32_t *cp)
{
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	int len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
	        : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (len == 0)
		return 0;
	uint32_t c = len == 1 ? s[0] : s[0] & (0x7F >> len);
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < least[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* What kind of character a terminal must not be sent inside a name or a
 * note, or NULL when it is shown as itself. */
static const char *hidden_kind(uint32_t c, int multiline)
{
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
		if (multiline && (c == '\n' || c == '\t'))
			return NULL;
		return "控制字符";
	}
	if (c == 0xFEFF)
		return "不可见的字节顺序标记";
	if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069))
		return "改变文字方向的控制字符";
	if (c == 0x2028 || c == 0x2029 || (c >= 0x206A && c <= 0x206F) || (c >= 0xFFF9 && c <= 0xFFFB))
		return "不可见的格式字符";
	return NULL;
}

int valid_text(const char *s, int multiline, char why[WHY_MAX])
{
	if (!s)
		return 0;
	const unsigned char *p = (const unsigned char *)s;
	for (int nth = 1; *p; nth++) {
		uint32_t c;
		int len = utf8_decode(p, &c);
		if (len == 0)
			return refuse(why, "含有无效的 UTF-8 字节（0x%02X，第 %d 个字）", *p, nth);
		const char *kind = hidden_kind(c, multiline);
		if (kind)
			return refuse(why, "含有%s（U+%04X，第 %d 个字），请删除", kind, (unsigned)c, nth);
		p += len;
	}
	return 0;
}

void text_shown(const char *s, size_t max_chars, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = 0, chars = 0;
	if (!cap)
		return;
	while (*p) {
		uint32_t c;
		int len = utf8_decode(p, &c);
		int keep = len > 0 && !hidden_kind(c, 0);
		const char *put = keep ? (const char *)p : "?";
		size_t put_len = keep ? (size_t)len : 1;
		if (chars == max_chars || n + put_len + sizeof "…" > cap) {
			if (n + sizeof "…" <= cap) {
				memcpy(out + n, "…", sizeof "…" - 1);
				n += sizeof "…" - 1;
			}
			break;
		}
		memcpy(out + n, put, put_len);
		n += put_len;
		chars++;
		p += len > 0 ? len : 1;
	}
	out[n] = 0;
}

int valid_texts(const struct text_field *f, int n, struct dj_err *e)
{
	char why[WHY_MAX];
	for (int i = 0; i < n; i++)
		if (valid_text(f[i].value, f[i].multiline, why))
			return dj_fail(e, DJ_INVALID, f[i].key, "「%s」%s", f[i].label, why);
	return 0;
}
