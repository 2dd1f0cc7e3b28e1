/* period.c — the periods a recurring duty is owed for (a month, a quarter,
 * a year) and the rule that says whether a report is missing or late on a
 * given day.  Periods are text that sorts in time order within one kind:
 * "2026-11", "2026-Q4", "2026". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "supervise/supervise.h"

/* A period as (year, index): month 1..12, quarter 1..4, or year only. */
static void split(int kind, const char *period, int *year, int *idx)
{
	*year = atoi(period);
	*idx = 1;
	if (kind == SUP_MONTH && strlen(period) >= 7)
		*idx = atoi(period + 5);
	else if (kind == SUP_QUARTER && strlen(period) >= 7)
		*idx = period[6] - '0';
}

static void join(int kind, int year, int idx, char out[11])
{
	if (kind == SUP_MONTH)
		snprintf(out, 11, "%04d-%02d", year % 10000, idx % 100);
	else if (kind == SUP_QUARTER)
		snprintf(out, 11, "%04d-Q%d", year % 10000, idx % 10);
	else
		snprintf(out, 11, "%04d", year % 10000);
}

static int per_year(int kind)
{
	return kind == SUP_MONTH ? 12 : kind == SUP_QUARTER ? 4 : 1;
}

void sup_period_of(int kind, const char *date, char out[11])
{
	int y = atoi(date), m = strlen(date) >= 7 ? atoi(date + 5) : 1;
	join(kind, y, kind == SUP_MONTH ? m : kind == SUP_QUARTER ? (m + 2) / 3 : 1, out);
}

void sup_period_step(int kind, const char *period, int delta, char out[11])
{
	int y, i, n = per_year(kind);
	split(kind, period, &y, &i);
	int at = y * n + (i - 1) + delta;
	join(kind, at / n, at % n + 1, out);
}

void sup_period_first(int kind, const char *period, char out[11])
{
	int y, i;
	split(kind, period, &y, &i);
	int month = kind == SUP_MONTH ? i : kind == SUP_QUARTER ? 3 * i - 2 : 1;
	snprintf(out, 11, "%04d-%02d-01", y % 10000, month % 100);
}

static int month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[(m - 1) % 12];
}

void sup_period_last(int kind, const char *period, char out[11])
{
	int y, i;
	split(kind, period, &y, &i);
	int month = kind == SUP_MONTH ? i : kind == SUP_QUARTER ? 3 * i : 12;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, month % 100, month_days(y, month) % 100);
}

void sup_period_due(int kind, const char *period, int due_day, char out[11])
{
	char next[11], first[11];
	sup_period_step(kind, period, 1, next);
	sup_period_first(kind, next, first);
	int y = atoi(first), m = atoi(first + 5), end = month_days(y, m);
	int d = due_day < 1 ? 1 : due_day > end ? end : due_day;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

static int refuse(char why[WHY_MAX], const char *fmt, const char *shown)
{
	if (why)
		snprintf(why, WHY_MAX, fmt, shown);
	return -1;
}

static int parse_quarter(const char *s, char norm[11], char why[WHY_MAX], const char *shown)
{
	int y = 0, q = 0;
	char tail = 0;
	if (sscanf(s, "%4d-Q%1d%c", &y, &q, &tail) < 2 && sscanf(s, "%4dQ%1d%c", &y, &q, &tail) < 2 &&
	    sscanf(s, "%4d-q%1d%c", &y, &q, &tail) < 2 && sscanf(s, "%4dq%1d%c", &y, &q, &tail) < 2)
		return refuse(why, "不是季度：%s（应为 2026-Q4 这样的写法）", shown);
	if (tail || y < 1900 || y > 2099 || q < 1 || q > 4)
		return refuse(why, "不是季度：%s（季度为 1 到 4）", shown);
	join(SUP_QUARTER, y, q, norm);
	return 0;
}

int sup_period_parse(int kind, const char *text, char norm[11], char why[WHY_MAX])
{
	char s[40], shown[48];
	snprintf(s, sizeof s, "%s", text ? text : "");
	fold_fullwidth_digits(s);
	utf8_trim(s);
	text_shown(s, 12, shown, sizeof shown);
	if (!*s)
		return refuse(why, "期间为空%s", "");
	if (kind == SUP_MONTH) {
		char m[11];
		char *nian = strstr(s, "年"), *yue = strstr(s, "月");
		if (nian && yue && yue[3] == 0 && yue > nian) {
			/* 2026年11月 -> 2026-11 (the text only shrinks) */
			*yue = 0;
			memmove(nian + 1, nian + 3, strlen(nian + 3) + 1);
			*nian = '-';
		}
		int rc = valid_date_or_month(s, m, why);
		if (rc == DATE_DAY)
			return refuse(why, "应为年月（如 2026-11），不填日：%s", shown);
		if (rc != DATE_MONTH)
			return -1;
		memcpy(norm, m, 8);
		return 0;
	}
	if (kind == SUP_QUARTER)
		return parse_quarter(s, norm, why, shown);
	char *end;
	long y = strtol(s, &end, 10);
	if (strcmp(end, "年") == 0 || *end == 0) {
		if (y >= 1900 && y <= 2099 && end - s == 4) {
			join(SUP_YEAR, (int)y, 1, norm);
			return 0;
		}
	}
	return refuse(why, "不是年度：%s（应为 2026 这样的四位年份）", shown);
}

int sup_report_state(int kind, const char *period, int due_day, const char *received,
                     const char *today)
{
	char due[11];
	sup_period_due(kind, period, due_day, due);
	if (received && *received)
		return strcmp(received, due) > 0 ? SUP_REPORTED_LATE : SUP_REPORTED;
	return strcmp(today, due) > 0 ? SUP_OVERDUE : SUP_MISSING;
}

const char *sup_state_word(int state)
{
	switch (state) {
	case SUP_REPORTED: return "已报";
	case SUP_REPORTED_LATE: return "迟报";
	case SUP_OVERDUE: return "逾期";
	default: return "未报";
	}
}
