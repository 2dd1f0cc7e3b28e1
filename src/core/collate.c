/* collate.c — the "zh" collation: ICU's pinyin order for Chinese, with
 * Chinese numbers compared as numbers (see collate.h). */
#include "core/collate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>

static UCollator *collator;
static int collator_failed;

/* One collator for the process: opening it reads ICU's tailoring for zh
 * (a few ms), a comparison is then a fraction of a microsecond. */
static UCollator *zh_collator(void)
{
	if (!collator && !collator_failed) {
		UErrorCode st = U_ZERO_ERROR;
		collator = ucol_open("zh", &st);
		if (U_SUCCESS(st))
			ucol_setAttribute(collator, UCOL_NUMERIC_COLLATION, UCOL_ON, &st);
		if (U_FAILURE(st)) {
			ucol_close(collator);
			collator = NULL;
			collator_failed = 1;
		}
	}
	return collator;
}

void collate_shutdown(void)
{
	ucol_close(collator);
	collator = NULL;
	collator_failed = 0;
}

/* ---- Chinese numbers ---- */

/* The value of a numeral character: 0-9 a digit, 10/100/1000 a unit, -1
 * none.  Each is three bytes of UTF-8. */
static int numeral_at(const char *p, size_t left)
{
	static const struct { const char *ch; int v; } numerals[] = {
		{ "〇", 0 }, { "零", 0 }, { "一", 1 }, { "二", 2 }, { "两", 2 }, { "三", 3 },
		{ "四", 4 }, { "五", 5 }, { "六", 6 }, { "七", 7 }, { "八", 8 }, { "九", 9 },
		{ "十", 10 }, { "百", 100 }, { "千", 1000 },
	};
	if (left < 3)
		return -1;
	for (size_t i = 0; i < sizeof numerals / sizeof *numerals; i++)
		if (memcmp(p, numerals[i].ch, 3) == 0)
			return numerals[i].v;
	return -1;
}

/* Reads the run of numerals at p (at most 8): 十一 11, 二十 20, 一百零五 105,
 * and digit by digit when it has no unit (一〇五 105).  Returns the bytes
 * read, 0 when there is no run or it is not a number (十十). */
static size_t numeral_run(const char *p, size_t left, long *value)
{
	int v[8], n = 0, units = 0;
	while (n < 8 && (v[n] = numeral_at(p + 3 * n, left - 3 * (size_t)n)) >= 0)
		units += v[n++] >= 10;
	if (n == 0)
		return 0;
	long total = 0, digit = -1, last_unit = 100000;
	for (int i = 0; i < n; i++) {
		if (!units) {
			total = total * 10 + v[i];
		} else if (v[i] >= 10) {
			if (v[i] >= last_unit)
				return 0;   /* 十十, 十百: not a number */
			total += (digit < 0 ? 1 : digit) * v[i];
			last_unit = v[i];
			digit = -1;
		} else {
			digit = v[i];
		}
	}
	if (units && digit > 0)
		total += digit;
	*value = total;
	return 3 * (size_t)n;
}

/* A number counts something when 第 stands before it or a unit word after. */
static int counts_something(const char *s, size_t at, size_t end, size_t n)
{
	static const char *const after[] = { "支", "小组", "组", "总支", "党" };
	if (at >= 3 && memcmp(s + at - 3, "第", 3) == 0)
		return 1;
	for (size_t i = 0; i < sizeof after / sizeof *after; i++) {
		size_t len = strlen(after[i]);
		if (end + len <= n && memcmp(s + end, after[i], len) == 0)
			return 1;
	}
	return 0;
}

size_t collate_numbers(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, w = 0;
	if (cap == 0)
		return 0;
	while (i < n && w + 1 < cap) {
		long value;
		size_t len = numeral_run(s + i, n - i, &value);
		if (len && counts_something(s, i, i + len, n)) {
			char digits[24];
			size_t k = (size_t)snprintf(digits, sizeof digits, "%ld", value);
			if (w + k >= cap)
				break;
			memcpy(out + w, digits, k);
			w += k;
			i += len;
			continue;
		}
		size_t step = len ? len : 1;   /* a numeral run left as it is goes whole */
		if (w + step >= cap)
			break;
		memcpy(out + w, s + i, step);
		w += step;
		i += step;
	}
	out[w] = 0;
	return w;
}

/* ---- comparing ---- */

static int bytes_compare(const char *a, size_t na, const char *b, size_t nb)
{
	int c = memcmp(a, b, na < nb ? na : nb);
	return c ? c : (na > nb) - (na < nb);
}

int collate_zh(const char *a, size_t na, const char *b, size_t nb)
{
	UCollator *c = zh_collator();
	if (!c)
		return bytes_compare(a, na, b, nb);
	/* A thousand in digits is four bytes where 千 is three: twice the input
	 * always holds the digits. */
	char sa[512], sb[512];
	char *ta = na * 2 + 1 <= sizeof sa ? sa : malloc(na * 2 + 1);
	char *tb = nb * 2 + 1 <= sizeof sb ? sb : malloc(nb * 2 + 1);
	int rc;
	if (!ta || !tb) {
		rc = bytes_compare(a, na, b, nb);
	} else {
		size_t la = collate_numbers(a, na, ta, na * 2 + 1);
		size_t lb = collate_numbers(b, nb, tb, nb * 2 + 1);
		UErrorCode st = U_ZERO_ERROR;
		UCollationResult r = ucol_strcollUTF8(c, ta, (int32_t)la, tb, (int32_t)lb, &st);
		/* Equal to the collator (full-width and half-width A) is not
		 * equal as text: the bytes decide, so the order is total. */
		rc = U_FAILURE(st) ? bytes_compare(a, na, b, nb)
		     : r == UCOL_EQUAL ? bytes_compare(a, na, b, nb) : (r == UCOL_LESS ? -1 : 1);
	}
	if (ta != sa)
		free(ta);
	if (tb != sb)
		free(tb);
	return rc;
}

static int sqlite_zh(void *ctx, int na, const void *a, int nb, const void *b)
{
	(void)ctx;
	return collate_zh(a, (size_t)na, b, (size_t)nb);
}

int collate_register(sqlite3 *db)
{
	return sqlite3_create_collation_v2(db, "zh", SQLITE_UTF8, NULL, sqlite_zh, NULL);
}
