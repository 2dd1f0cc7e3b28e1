/* export.c — the command line's `export care-list FILE`: the 七一 or 春节
 * 慰问名单 the file's name asks for (春节 or spring in it: 春节, else 七一),
 * on the date in it (2027-02-06 or 20270206), or the festival of the year
 * in it (春节慰问名单-2027.xlsx), or else the next one from today. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/care.h"

/* The first date (YYYY-MM-DD or YYYYMMDD) or year (YYYY, 1921..2099) in
 * base: 2 with day, 1 with *year, 0 when none. */
static int day_in_name(const char *base, char day[11], int *year)
{
	for (const char *p = base; *p; p++) {
		if (p[0] < '0' || p[0] > '9' || (p > base && p[-1] >= '0' && p[-1] <= '9'))
			continue;
		char cand[16];
		snprintf(cand, sizeof cand, "%.10s", p);
		if (strlen(cand) == 10 && valid_date(cand, day, NULL) == 0)
			return 2;
		snprintf(cand, sizeof cand, "%.8s", p);
		if (strlen(cand) == 8 && strspn(cand, "0123456789") == 8 && valid_date(cand, day, NULL) == 0)
			return 2;
		int y = atoi(p);
		if (strspn(p, "0123456789") == 4 && y >= 1921 && y <= 2099) {
			*year = y;
			return 1;
		}
	}
	return 0;
}

int care_list_export_cli(struct session *s, const char *path, FILE *report, int *exported)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	int which = strstr(base, "春节") || strstr(base, "spring") ? CARE_SPRING : CARE_JULY1;
	char day[11], now[11];
	int year = 0;
	switch (day_in_name(base, day, &year)) {
	case 2:
		break;
	case 1:
		care_festival_date(which, year, day);
		break;
	default:
		care_festival_next(which, today(now), day);
	}
	return care_list_export(s, 0, day, path, report, exported);
}

int care_unvisited_export_cli(struct session *s, const char *path, FILE *report, int *exported)
{
	char now[11];
	return care_unvisited_export(s, 0, today(now), path, report, exported);
}
