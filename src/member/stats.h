/* stats.h — 党员结构: how the members of a subtree divide by sex,
 * ethnicity, age, education, category and joining era.  Only members whose
 * status is 正常 count, so every group adds up to the ledger's count. */
#ifndef DJ_MEMBER_STATS_H
#define DJ_MEMBER_STATS_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/session.h"

enum stat_flag {
	STAT_OPTIONAL = 1,   /* "未填": worth showing only when not zero */
	STAT_SUBTOTAL = 2,   /* a sum of other items (大专及以上), not part of the group's total */
};

struct stat_item {
	const char *label;
	long n;
	int flags;
};

enum { STAT_GENDER, STAT_ETHNIC, STAT_CATEGORY, STAT_AGE, STAT_EDUCATION, STAT_ERA, STAT_NGROUPS };
#define STAT_MAXITEMS 12

struct stat_group {
	const char *title;
	int n;
	struct stat_item item[STAT_MAXITEMS];
};

struct member_stats {
	long total;
	struct stat_group group[STAT_NGROUPS];
};

/* Counts the subtree under root (0: all) as of today(). */
int member_stats_compute(struct session *s, int64_t root, struct member_stats *st,
                         struct dj_err *e);

/* Age in whole years on `on` (both YYYY-MM-DD), or -1 when birth is not a date. */
int member_age(const char *birth, const char *on);

/* The groupings the 党内统计 tables (src/stats) share with this one. */
#define STAT_NAGES 8   /* age bands: 30岁及以下 … 61岁及以上 */
#define STAT_NERAS 7   /* joining eras: 1949.9及以前 … 2012.11以后 */
/* The band of the age on `on` (0 … STAT_NAGES-1), STAT_NAGES when birth is not a date. */
int stat_age_band(const char *birth, const char *on);
const char *stat_age_label(int band);
/* The era of a 入党日期 (0 … STAT_NERAS-1), STAT_NERAS when "". */
int stat_era_index(const char *joined);
const char *stat_era_label(int era);
/* The index of edu in member_educations, 7 (未填) when it is none of them;
 * college says 大专及以上. */
int stat_education_index(const char *edu, int *college);

/* "12.5%" of n in total (one decimal; "-" when total is 0). */
void stat_percent(long n, long total, char *out, size_t cap);

/* Writes 分组, 项目, 人数, 占比 rows, headed by the scope's name. */
int member_stats_export(const struct member_stats *st, const char *scope, const char *path,
                        FILE *report);

#endif
