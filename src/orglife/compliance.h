/* compliance.h — 组织生活落实情况: how well each branch keeps 三会一课.
 *
 * Frequencies ([meetings] in dangjian.ini) say "at least one meeting of this
 * type every k months", k in 1, 2, 3, 4, 6, 12 (0: not required).  Cycles are
 * calendar-aligned: k = 3 means the quarters, 6 the half-years, 12 the year.
 *
 * For a reporting period (a month, a quarter, a year — any run of whole
 * months):
 *   the period's cycles = those that END inside the period, during all of
 *                     which the branch existed (founded in or before the
 *                     cycle's first month, not dissolved before its end);
 *   达标 (met)      = those cycles with at least one meeting of the type
 *                     anywhere in the cycle (a meeting in February satisfies
 *                     the first quarter when the period is March);
 *   应开 (required) = the cycles that are over (ended before the current
 *                     month), and those not over but already met;
 *   进行中 (open)   = the cycles not over and not met yet: the running one
 *                     and those still to come.  They are counted apart, so
 *                     on 2 December a quarter with October's and November's
 *                     支委会 held reads 2/2+1, not 2/3;
 *   缺   (missed)   = required cycles not met — only ever cycles that are
 *                     over;
 *   已开 (held)     = meetings of the type dated inside the period.
 * So a quarterly requirement is required 0 times in January, once in March;
 * a yearly one once in December (or in Q4, or the year).
 *
 * 党小组会 is required only of branches that have 党小组.  Attendance rate
 * = 实到 / 应到 over the branch's meetings in the period (its 党小组's
 * included). */
#ifndef DJ_COMPLIANCE_H
#define DJ_COMPLIANCE_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "orglife/meeting.h"

/* ---- months and periods (month index = year * 12 + month - 1) ---- */

/* "2026-11" or "2026-11-05" → index; -1 when not a month. */
int month_index(const char *s);
void month_text(int month, char out[8]);          /* "2026-11" */
void month_first_day(int month, char out[11]);    /* "2026-11-01" */
void month_last_day(int month, char out[11]);     /* "2026-11-30" */

enum period_kind { PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR };
struct period {
	enum period_kind kind;
	int from, to;   /* month indices, inclusive */
};
void period_containing(enum period_kind kind, int month, struct period *p);
void period_step(struct period *p, int dir);       /* the next (+1) or previous (-1) one */
/* "2026年11月", "2026年第4季度", "2026年" */
void period_label(const struct period *p, char *out, size_t cap);

/* ---- the rules ---- */

struct meeting_rules {
	int every[MEETING_NTYPES];   /* months per cycle; 0 = not required */
	int absent_run;              /* [meetings] absent_meetings: flag N straight absences */
	int idle_months;             /* [meetings] idle_months: flag no organizational life */
};
/* Reads [meetings]; a bad value keeps its default and returns -1 with the
 * key named in why ("dangjian.ini [meetings] committee = 5 无效…"). */
int meeting_rules_load(const struct config *c, struct meeting_rules *r, char *why, size_t cap);
/* "1" "3" "12" "0" or 每月 每两月 每季度 每四月 每半年 每年 不要求 → months; -1 if neither. */
int parse_frequency(const char *text);
/* "每月", "每季度", "每半年", "每年", "每 2 个月", "不要求" */
const char *frequency_name(int every, char *buf, size_t cap);

#define MISSED_MAX 24
struct cycle_result {
	int required, met, missed, held;
	int open;                     /* cycles not over and not met yet (进行中) */
	int nlisted;                  /* missed cycles listed (at most MISSED_MAX) */
	int missed_start[MISSED_MAX]; /* first month of each missed cycle */
};

/* The counting itself, pure: `held_months` are the months of the
 * organization's meetings of one type (any order, any months — those
 * outside the cycles are ignored); alive_from/alive_to the first and last
 * month the organization existed (INT_MIN/INT_MAX when unknown);
 * now_month the current month. */
void count_cycles(int every, const struct period *p, const int *held_months, int nheld,
                  int alive_from, int alive_to, int now_month, struct cycle_result *r);
/* "2026年3月" / "2026年第1季度" / "2026年上半年" / "2026年" / "2026年1-2月" */
void cycle_label(int every, int start_month, char *out, size_t cap);

/* ---- per branch ---- */

struct branch_compliance {
	struct branch_ref b;
	int applies[MEETING_NTYPES];          /* required of this branch at all */
	struct cycle_result r[MEETING_NTYPES];
	struct att_counts att;                /* summed over the period's meetings */
	int meetings;                         /* meetings held in the period, any type */
	int short_types;                      /* types with a missed cycle */
};

/* Every branch under scope (0: all) that existed during the period.
 * *out is malloc'ed. */
int compliance_compute(struct session *s, int64_t scope, const struct period *p,
                       const struct meeting_rules *rules, struct branch_compliance **out,
                       int *n, struct dj_err *e);

/* "86%" or "-" when nobody was expected. */
void attendance_rate_text(const struct att_counts *c, char *out, size_t cap);

/* The compliance table: 党支部 大会 支委 小组 党课 生活 评议 党日 出席率; a
 * cell reads 达标/应开, then +进行中 when cycles are still open ("2/2+1"),
 * then "!" when a cycle was missed; the held count when nothing is required
 * ("-" when none).  Row ids are
 * branch ids; a branch with a shortfall is flagged. */
struct row_source *compliance_source(const struct branch_compliance *rows, int n);

/* ---- members drifting away ---- */

struct absentee {
	int64_t member_id;
	char name[64];
	char name_py[32];
	char org[128];
	int absent_run;          /* latest straight 缺席 at meetings they were expected at */
	char last_present[11];   /* last 出席 or 列席, "" when none */
	int idle;                /* no organizational life for rules->idle_months */
};
/* Current members under scope flagged as of `asof` (YYYY-MM-DD): absent
 * from the last rules->absent_run meetings they were expected at, or with no
 * 出席/列席 in the last rules->idle_months months (members who joined the
 * Party inside that window are not flagged for it).  Sorted by
 * organization and name. */
int compliance_absentees(struct session *s, int64_t scope, const char *asof,
                         const struct meeting_rules *rules, struct absentee **out, int *n,
                         struct dj_err *e);
struct row_source *absentee_source(const struct absentee *rows, int n,
                                   const struct meeting_rules *rules);

#endif
