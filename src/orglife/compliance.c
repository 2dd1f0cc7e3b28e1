/* compliance.c — months, periods, the frequency rules and the cycle
 * counting of 三会一课 (see compliance.h).  No database here: the counting
 * is what the unit tests pin down across quarter and year boundaries. */
#include "orglife/compliance.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/validate.h"

int month_index(const char *s)
{
	if (!s || strlen(s) < 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = atoi(s), m = atoi(s + 5);
	if (y < 1900 || y > 2099 || m < 1 || m > 12 || (s[7] && s[7] != '-'))
		return -1;
	return y * 12 + m - 1;
}

/* Year and month (1-12) of a month index, clamped so the formats below
 * provably fit their buffers. */
static void year_month(int month, unsigned *y, unsigned *m)
{
	if (month < 0)
		month = 0;
	*y = (unsigned)(month / 12) % 10000u;
	*m = (unsigned)(month % 12) % 12u + 1;
}

void month_text(int month, char out[8])
{
	unsigned y, m;
	year_month(month, &y, &m);
	snprintf(out, 8, "%04u-%02u", y, m);
}

void month_first_day(int month, char out[11])
{
	unsigned y, m;
	year_month(month, &y, &m);
	snprintf(out, 11, "%04u-%02u-01", y, m);
}

void month_last_day(int month, char out[11])
{
	static const unsigned days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y, m;
	year_month(month, &y, &m);
	unsigned d = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	snprintf(out, 11, "%04u-%02u-%02u", y, m, d % 100u);
}

static int period_months(enum period_kind kind)
{
	return kind == PERIOD_MONTH ? 1 : kind == PERIOD_QUARTER ? 3 : 12;
}

void period_containing(enum period_kind kind, int month, struct period *p)
{
	int len = period_months(kind);
	p->kind = kind;
	p->from = month - month % len;
	p->to = p->from + len - 1;
}

void period_step(struct period *p, int dir)
{
	int len = period_months(p->kind);
	p->from += dir * len;
	p->to += dir * len;
}

void period_label(const struct period *p, char *out, size_t cap)
{
	int y = p->from / 12, m = p->from % 12;
	if (p->kind == PERIOD_MONTH)
		snprintf(out, cap, "%d年%d月", y, m + 1);
	else if (p->kind == PERIOD_QUARTER)
		snprintf(out, cap, "%d年第%d季度", y, m / 3 + 1);
	else
		snprintf(out, cap, "%d年", y);
}

/* ---- the rules ---- */

static const struct {
	const char *key;    /* [meetings] key, in meeting_types order */
	int every;          /* default (DESIGN.md §6) */
} type_keys[MEETING_NTYPES] = {
	{ "branch_congress", 3 }, { "committee", 1 }, { "group", 1 }, { "lecture", 3 },
	{ "life", 12 }, { "review", 12 }, { "theme_day", 0 },
};

static const struct { const char *word; int every; } frequency_words[] = {
	{ "每月", 1 }, { "每两月", 2 }, { "每两个月", 2 }, { "每季度", 3 }, { "每季", 3 },
	{ "每四个月", 4 }, { "每半年", 6 }, { "每学期", 6 }, { "每年", 12 }, { "不要求", 0 },
};

int parse_frequency(const char *text)
{
	char t[64];
	snprintf(t, sizeof t, "%s", text ? text : "");
	utf8_trim(t);
	for (size_t i = 0; i < sizeof frequency_words / sizeof *frequency_words; i++)
		if (strcmp(t, frequency_words[i].word) == 0)
			return frequency_words[i].every;
	long v;
	if (parse_int(t, 0, 12, &v, NULL) != 0)
		return -1;
	return (v == 0 || 12 % v == 0) ? (int)v : -1;
}

const char *frequency_name(int every, char *buf, size_t cap)
{
	switch (every) {
	case 0: snprintf(buf, cap, "不要求"); break;
	case 1: snprintf(buf, cap, "每月"); break;
	case 3: snprintf(buf, cap, "每季度"); break;
	case 6: snprintf(buf, cap, "每半年"); break;
	case 12: snprintf(buf, cap, "每年"); break;
	default: snprintf(buf, cap, "每 %d 个月", every); break;
	}
	return buf;
}

static int read_count(const struct config *c, const char *key, int def, int lo, int hi,
                      int *out, char *why, size_t cap)
{
	char full[64];
	long v;
	snprintf(full, sizeof full, "meetings:%s", key);
	const char *text = config_str(c, full, NULL);
	*out = def;
	if (!text)
		return 0;
	if (parse_int(text, lo, hi, &v, NULL) != 0) {
		snprintf(why, cap, "dangjian.ini [meetings] %s = %s 无效（应为 %d～%d），已按 %d 计算",
		         key, text, lo, hi, def);
		return -1;
	}
	*out = (int)v;
	return 0;
}

int meeting_rules_load(const struct config *c, struct meeting_rules *r, char *why, size_t cap)
{
	int bad = 0;
	if (cap)
		why[0] = 0;
	for (int i = 0; i < MEETING_NTYPES; i++) {
		char key[64];
		snprintf(key, sizeof key, "meetings:%s", type_keys[i].key);
		const char *text = config_str(c, key, NULL);
		int every = text ? parse_frequency(text) : type_keys[i].every;
		r->every[i] = every >= 0 ? every : type_keys[i].every;
		if (every < 0 && !bad) {
			snprintf(why, cap, "dangjian.ini [meetings] %s = %s 无效（应为 1、2、3、4、6、12 或 0），"
			         "已按默认值计算", type_keys[i].key, text);
			bad = 1;
		}
	}
	if (read_count(c, "absent_meetings", 3, 1, 99, &r->absent_run, why, bad ? 0 : cap))
		bad = 1;
	if (read_count(c, "idle_months", 6, 1, 60, &r->idle_months, why, bad ? 0 : cap))
		bad = 1;
	return bad ? -1 : 0;
}

/* ---- counting ---- */

static int held_in(const int *months, int n, int from, int to)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += months[i] >= from && months[i] <= to;
	return k;
}

void count_cycles(int every, const struct period *p, const int *held_months, int nheld,
                  int alive_from, int alive_to, int now_month, struct cycle_result *r)
{
	memset(r, 0, sizeof *r);
	r->held = held_in(held_months, nheld, p->from, p->to);
	if (every <= 0 || 12 % every != 0)
		return;
	/* Calendar-aligned: 12 % every == 0, so every year starts a cycle. */
	for (int start = p->from - p->from % every; start <= p->to; start += every) {
		int end = start + every - 1;
		if (end < p->from || end > p->to || start < alive_from || end > alive_to)
			continue;
		if (held_in(held_months, nheld, start, end) > 0) {
			r->required++;
			r->met++;
		} else if (end < now_month) {
			r->required++;
			if (r->nlisted < MISSED_MAX)
				r->missed_start[r->nlisted++] = start;
			r->missed++;
		} else {
			r->open++;   /* still running or to come: neither met nor missed */
		}
	}
}

void cycle_label(int every, int start, char *out, size_t cap)
{
	int y = start / 12, m = start % 12 + 1;
	switch (every) {
	case 1: snprintf(out, cap, "%d年%d月", y, m); break;
	case 3: snprintf(out, cap, "%d年第%d季度", y, (m - 1) / 3 + 1); break;
	case 6: snprintf(out, cap, "%d年%s半年", y, m <= 6 ? "上" : "下"); break;
	case 12: snprintf(out, cap, "%d年", y); break;
	default: snprintf(out, cap, "%d年%d-%d月", y, m, m + every - 1); break;
	}
}

void attendance_rate_text(const struct att_counts *c, char *out, size_t cap)
{
	if (c->expected <= 0)
		snprintf(out, cap, "-");
	else
		snprintf(out, cap, "%d%%", (c->present * 100 + c->expected / 2) / c->expected);
}
