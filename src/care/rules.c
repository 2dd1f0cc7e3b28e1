/* rules.c — the 关怀帮扶 settings, the 老党员 rule, money in 元, and the
 * days of 七一 and 春节 the 慰问名单 are made for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/care.h"
#include "core/config.h"
#include "grading/grading.h"

const char *const care_categories[] = { "老党员", "生活困难", "因病", NULL };

static const char *setting(const struct session *s, const char *key, const char *def)
{
	return s && s->cfg ? config_str(s->cfg, key, def) : def;
}

/* A whole number within [lo, hi]; the default when missing or outside. */
static int bounded(const struct session *s, const char *key, int def, int lo, int hi)
{
	int v = s && s->cfg ? config_int(s->cfg, key, def) : def;
	return v < lo || v > hi ? def : v;
}

static int64_t amount(const struct session *s, const char *key, const char *def)
{
	int64_t fen = 0;
	if (care_money_parse(setting(s, key, def), &fen, NULL))
		care_money_parse(def, &fen, NULL);
	return fen;
}

void care_rules_load(const struct session *s, struct care_rules *r)
{
	/* config_load refuses a file with these out of range; bounded() keeps a
	 * session without one (tests, the defaults) within them too */
	r->old_age = bounded(s, "care:old_age", 80, 60, 120);
	r->old_years = bounded(s, "care:old_standing_years", 50, 10, 80);
	r->amount_fen[CARE_OLD] = amount(s, "care:amount_old", "500");
	r->amount_fen[CARE_HARDSHIP] = amount(s, "care:amount_hardship", "1000");
	r->amount_fen[CARE_ILL] = amount(s, "care:amount_ill", "1000");
}

int care_occasions(const struct session *s, char out[][32], int cap)
{
	int n = grading_split_list(setting(s, "care:occasions", "七一,春节,重阳,生日,日常,其他"), out,
	                           cap);
	return n > cap ? cap : n;
}

int care_whole_years(const char *from, const char *on)
{
	char a[11], b[11];
	if (!from || !on || valid_date(from, a, NULL) || valid_date(on, b, NULL) || strcmp(a, b) > 0)
		return -1;
	int years = atoi(b) - atoi(a);
	/* not yet the anniversary this year: MM-DD compares as text */
	return strcmp(b + 5, a + 5) < 0 ? years - 1 : years;
}

int care_is_old(const struct care_rules *r, const char *birth, const char *joined, const char *on,
                char why[64])
{
	int age = care_whole_years(birth, on), standing = care_whole_years(joined, on);
	if (age >= r->old_age) {
		snprintf(why, 64, "年满%d周岁", r->old_age);
		return 1;
	}
	if (standing >= r->old_years) {
		snprintf(why, 64, "党龄满%d年", r->old_years);
		return 1;
	}
	why[0] = 0;
	return 0;
}

int care_money_parse(const char *text, int64_t *fen, char why[WHY_MAX])
{
	char buf[96];
	snprintf(buf, sizeof buf, "%s", text ? text : "");
	fold_fullwidth_digits(buf);
	/* the 全角 point an input method types: "．" (3 bytes) becomes "." */
	for (char *p; (p = strstr(buf, "．")) != NULL;) {
		*p = '.';
		memmove(p + 1, p + 3, strlen(p + 3) + 1);
	}
	return parse_money(buf, fen, why);
}

void care_money_text(int64_t fen, char *out, size_t cap)
{
	if (fen <= 0 && cap)
		out[0] = 0;
	else
		format_money(fen, out, cap);
}

const char *care_festival_name(int which)
{
	return which == CARE_SPRING ? "春节" : "七一";
}

/* 春节 (正月初一) by the Chinese calendar, 2020 to 2040. */
static const char spring[][6] = {
	"01-25", "02-12", "02-01", "01-22", "02-10", "01-29", "02-17", "02-06", "01-26", "02-13",
	"02-03", "01-23", "02-11", "01-31", "02-19", "02-08", "01-28", "02-15", "02-04", "01-24",
	"02-12",
};
enum { SPRING_FIRST = 2020, SPRING_YEARS = sizeof spring / sizeof *spring };

int care_festival_date(int which, int year, char out[11])
{
	if (which != CARE_SPRING) {
		snprintf(out, 11, "%04d-07-01", year % 10000);
		return 0;
	}
	if (year < SPRING_FIRST || year >= SPRING_FIRST + SPRING_YEARS) {
		snprintf(out, 11, "%04d-01-01", year % 10000);
		return -1;
	}
	snprintf(out, 11, "%04d-%s", year, spring[year - SPRING_FIRST]);
	return 0;
}

void care_festival_next(int which, const char *from, char out[11])
{
	int year = atoi(from);
	care_festival_date(which, year, out);
	if (strcmp(out, from) < 0)
		care_festival_date(which, year + 1, out);
}

/* key = org_id * 10^9 + YYYYMMDD * 10 + which */
int64_t care_list_key(int which, const char *on, int64_t org_id)
{
	int64_t day = (int64_t)atoi(on) * 10000 + atoi(on + 5) * 100 + atoi(on + 8);
	return org_id * 1000000000LL + day * 10 + which;
}

int care_list_unkey(int64_t key, int *which, char on[11], int64_t *org_id)
{
	if (key < 0)
		return -1;
	int64_t low = key % 1000000000LL, day = low / 10;
	*which = (int)(low % 10);
	*org_id = key / 1000000000LL;
	snprintf(on, 11, "%04d-%02d-%02d", (int)(day / 10000), (int)(day / 100 % 100),
	         (int)(day % 100));
	return (*which == CARE_JULY1 || *which == CARE_SPRING) && valid_date(on, NULL, NULL) == 0
	       ? 0 : -1;
}
