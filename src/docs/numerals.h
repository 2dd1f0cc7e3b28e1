/* numerals.h — numbers and dates in Chinese numerals, as paper forms write
 * them: the date under a seal (二〇二六年十二月三日), a count (三十), and the
 * financial 大写 that cannot be altered by a stroke (叁拾).  No database,
 * no drawing: the forms call these, and the unit tests hold them. */
#ifndef DJ_NUMERALS_H
#define DJ_NUMERALS_H

#include <stddef.h>

/* 0..99999999 in ordinary numerals: 0 零, 10 十, 15 十五, 30 三十, 105 一百零五,
 * 1000 一千, 10010 一万零一十.  Returns 0, or -1 (out "") when n is out of
 * range or cap too small. */
int numerals_count(long n, char *out, size_t cap);

/* The same in financial 大写: 30 叁拾, 15 壹拾伍, 105 壹佰零伍 (a leading 十 is
 * written 壹拾, so that nothing can be put before it). */
int numerals_financial(long n, char *out, size_t cap);

/* A date YYYY-MM-DD (or YYYY-MM, without the day) as a form's 落款 writes
 * it: digit by digit for the year with 〇 for zero, the month and day as
 * counts — 2026-12-03 → 二〇二六年十二月三日, 2026-10 → 二〇二六年十月.
 * Returns 0, or -1 (out "") when date is not one. */
int numerals_date(const char *date, char *out, size_t cap);

#endif
