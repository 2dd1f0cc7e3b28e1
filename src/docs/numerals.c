/* numerals.c — Chinese numerals for the printed forms (numerals.h). */
#include "docs/numerals.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const plain_digit[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
static const char *const money_digit[] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };
static const char *const plain_unit[] = { "", "十", "百", "千" };
static const char *const money_unit[] = { "", "拾", "佰", "仟" };

struct numeral_set {
	const char *const *digit, *const *unit;
	const char *wan;
	int bare_ten;   /* 10..19 written 十… rather than 一十… when first */
};

static const struct numeral_set plain = { plain_digit, plain_unit, "万", 1 };
static const struct numeral_set money = { money_digit, money_unit, "万", 0 };

/* Appends s to out at *len; -1 when it does not fit. */
static int put(char *out, size_t cap, size_t *len, const char *s)
{
	size_t n = strlen(s);
	if (*len + n + 1 > cap)
		return -1;
	memcpy(out + *len, s, n + 1);
	*len += n;
	return 0;
}

/* One group of four digits (0..9999).  lead: this group starts the number
 * (no 零 before it, 十 bare when allowed); *zero carries a pending 零
 * across groups (一万零一十). */
static int put_group(const struct numeral_set *ns, int g, int lead, int *zero, char *out,
                     size_t cap, size_t *len)
{
	int d[4] = { g / 1000, g / 100 % 10, g / 10 % 10, g % 10 };
	int started = 0;
	for (int i = 0; i < 4; i++) {
		int place = 3 - i;
		if (d[i] == 0) {
			if (started || !lead)
				*zero = 1;
			continue;
		}
		if (*zero && (started || !lead))
			if (put(out, cap, len, ns->digit[0]))
				return -1;
		*zero = 0;
		int bare = ns->bare_ten && lead && !started && place == 1 && d[i] == 1;
		if (!bare && put(out, cap, len, ns->digit[d[i]]))
			return -1;
		if (put(out, cap, len, ns->unit[place]))
			return -1;
		started = 1;
	}
	return 0;
}

static int spell(const struct numeral_set *ns, long n, char *out, size_t cap)
{
	size_t len = 0;
	if (!out || cap == 0)
		return -1;
	out[0] = 0;
	if (n < 0 || n > 99999999L)
		return -1;
	if (n == 0)
		return put(out, cap, &len, ns->digit[0]);
	int high = (int)(n / 10000), low = (int)(n % 10000), zero = 0;
	if (high) {
		if (put_group(ns, high, 1, &zero, out, cap, &len) || put(out, cap, &len, ns->wan))
			goto full;
		zero = low > 0 && low < 1000;
	}
	if (low && put_group(ns, low, !high, &zero, out, cap, &len))
		goto full;
	return 0;
full:
	out[0] = 0;
	return -1;
}

int numerals_count(long n, char *out, size_t cap)
{
	return spell(&plain, n, out, cap);
}

int numerals_financial(long n, char *out, size_t cap)
{
	return spell(&money, n, out, cap);
}

/* Reads exactly `digits` ASCII digits at s into *v. */
static int digits_at(const char *s, int digits, int *v)
{
	*v = 0;
	for (int i = 0; i < digits; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int numerals_date(const char *date, char *out, size_t cap)
{
	int y, m, d = 0;
	size_t n = date ? strlen(date) : 0;
	if (!out || cap == 0)
		return -1;
	out[0] = 0;
	if ((n != 7 && n != 10) || digits_at(date, 4, &y) || date[4] != '-' ||
	    digits_at(date + 5, 2, &m) || m < 1 || m > 12)
		return -1;
	if (n == 10 && (date[7] != '-' || digits_at(date + 8, 2, &d) || d < 1 || d > 31))
		return -1;
	size_t len = 0;
	for (int i = 0; i < 4; i++)
		if (put(out, cap, &len, date[i] == '0' ? "〇" : plain_digit[date[i] - '0']))
			goto full;
	char part[32];
	if (put(out, cap, &len, "年") || numerals_count(m, part, sizeof part) ||
	    put(out, cap, &len, part) || put(out, cap, &len, "月"))
		goto full;
	if (d && (numerals_count(d, part, sizeof part) || put(out, cap, &len, part) ||
	          put(out, cap, &len, "日")))
		goto full;
	return 0;
full:
	out[0] = 0;
	return -1;
}
