/* supervise.h — 督导 (issue 13; seed 003 四(一)(二), seed 000 四(二)):
 * the reports organizations owe on a recurring duty (每月向镇党委组织办书面
 * 汇报一次), the period ledger of who has reported, who has not and who is
 * 逾期; 督导检查 with the organizations visited, their findings and
 * follow-ups; and the visits liaison leaders make to their 联系点.
 *
 * Duties are configured in dangjian.ini, one section per duty, so an office
 * adds a quarterly report by configuration only:
 *   [duty]
 *   names = 月报,季度报告         the duties, in the order the menu lists them
 *   [duty.月报]
 *   period  = month               month | quarter | year
 *   due_day = 5                   the last day of the next period still on time
 *   kinds   = 党支部              the organization kinds that owe it
 *   [liaison]
 *   no_visit_months = 3           未走访: no visit for this many months
 *   activities = 参加组织生活,解决困难,调研指导,宣讲党课,其他
 * With no [duty] section there is one duty: 月报, monthly, due day 5, owed
 * by every 党支部. */
#ifndef DJ_SUPERVISE_H
#define DJ_SUPERVISE_H

#include <stdint.h>
#include <stdio.h>

#include "bulletin/bulletin.h"
#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "core/validate.h"
#include "todo/todo.h"

#define SUP_MAX_DUTIES 8
#define SUP_MAX_KINDS 4
#define SUP_MAX_VISITED 6     /* what the 督导检查 form shows at 80x24 */
#define SUP_MAX_CHOICES 12

/* ---- periods and the 逾期 rule (period.c) ---- */

enum sup_period { SUP_MONTH = 1, SUP_QUARTER, SUP_YEAR };

/* The period holding date (YYYY-MM-DD): "2026-11", "2026-Q4" or "2026". */
void sup_period_of(int kind, const char *date, char out[11]);
/* A period as typed ("2026-11", "2026年11月", "2026-Q4", "2026Q4", "2026")
 * normalized into norm: 0, or -1 with why. */
int sup_period_parse(int kind, const char *text, char norm[11], char why[WHY_MAX]);
/* The period `delta` periods after (before, when negative) `period`. */
void sup_period_step(int kind, const char *period, int delta, char out[11]);
/* The first and last day of a period. */
void sup_period_first(int kind, const char *period, char out[11]);
void sup_period_last(int kind, const char *period, char out[11]);
/* The 逾期 day: day due_day of the period after (clamped to that month's
 * end): 2026-12 with day 5 -> 2027-01-05; 2026-Q4 -> 2027-01-05. */
void sup_period_due(int kind, const char *period, int due_day, char out[11]);

enum sup_state {
	SUP_REPORTED = 1,  /* received on time */
	SUP_REPORTED_LATE, /* received after the 逾期 day (迟报) */
	SUP_MISSING,       /* not received, the 逾期 day not passed (未报) */
	SUP_OVERDUE,       /* not received and today is past the 逾期 day (逾期) */
};
/* The state of one organization's report for `period` on `today`;
 * received is its 收到日期, "" or NULL when none is on record. */
int sup_report_state(int kind, const char *period, int due_day, const char *received,
                     const char *today);
/* 已报, 迟报, 未报, 逾期. */
const char *sup_state_word(int state);

/* ---- configuration (duty.c) ---- */

struct sup_duty {
	char name[32];                      /* 月报 */
	int period;                         /* enum sup_period */
	int due_day;                        /* 1..28 */
	int nkinds;
	char kinds[SUP_MAX_KINDS][16];      /* 党支部 … */
};
/* The configured duties (at least the default 月报); how many. */
int sup_duties(const struct session *s, struct sup_duty *out, int cap);
/* The duty named `name`: 0, or DJ_INVALID naming field `key`. */
int sup_duty_named(const struct session *s, const char *name, const char *key,
                   struct sup_duty *d, struct dj_err *e);
/* 月 / 季度 / 年 */
const char *sup_period_word(int kind);
int sup_no_visit_months(const struct session *s);
int sup_activities(const struct session *s, char out[][64], int cap);

/* ---- reports received (report.c) ---- */

struct sup_report {
	int64_t id;                 /* 0: none recorded yet */
	int64_t version;
	int64_t org_id;
	char org[128];              /* read back */
	char duty[32];
	char period[16];            /* as typed, then YYYY-MM, YYYY-Qn or YYYY */
	char received_on[11];       /* 收到日期 */
	char brought_by[64];        /* 报送人 */
	char summary[512];          /* 内容摘要 */
};
int sup_report_load(struct session *s, int64_t id, struct sup_report *r, struct dj_err *e);
/* The report of org for duty and period into r; when none is recorded, r
 * is a new one for them (id 0, the org's name filled in).  0, or -1 with e. */
int sup_report_find(struct session *s, int64_t org_id, const char *duty, const char *period,
                    struct sup_report *r, struct dj_err *e);
/* Validates and saves (new when r->id is 0): the duty configured, the
 * organization in scope and of a kind that owes the duty, the period real
 * and not in the future, 收到日期 a real day, not before the period began
 * nor after today, 报送人 given, one per organization, duty and period (a
 * second is refused naming the first).  Version-checked; audited.  On
 * failure what was typed stays in r. */
int sup_report_save(struct session *s, struct sup_report *r, struct dj_err *e);

/* The period ledger: every owing organization under the operator's scope
 * for the duty and period, with 状态 (已报/迟报/未报/逾期), 收到日期, 报送人
 * and 摘要; the row id is the organization's.  Find by name or pinyin
 * initials; every column sorts. */
struct row_source *sup_period_source(struct session *s, const struct sup_duty *d,
                                     const char *period);
int sup_period_export(struct session *s, const struct sup_duty *d, const char *period,
                      const char *path, FILE *report, int *exported);
/* The next owing organization under scope after `after_org` (by name, as
 * the ledger first lists them) whose report for the period is not
 * recorded: 1 with *org_id, 0 when there is none, -1 on error. */
int sup_next_missing(struct session *s, const struct sup_duty *d, const char *period,
                     int64_t after_org, int64_t *org_id);
/* `export reports FILE`: the period ledger of the first duty whose period
 * the file's name holds (月报-2026-10.csv, 季度报告-2026-Q3.xlsx), else
 * every report received under scope. */
int sup_report_export_cli(struct session *s, const char *path, FILE *report, int *exported);
/* How many owing organizations and how many of them have reported. */
int sup_period_counts(struct session *s, const struct sup_duty *d, const char *period,
                      int *owing, int *reported);

/* ---- 督导检查 (inspection.c) ---- */

struct sup_visited {
	int64_t id;                 /* 0: a new line */
	int64_t version;
	int64_t org_id;
	char org[128];
	char findings[512];         /* 检查发现 */
	char followup[512];         /* 整改要求, "" when none */
	char deadline[11];          /* 整改期限, required with a follow-up */
	char done_on[11];           /* 整改完成日期 */
	char done_note[256];        /* 整改情况 */
};

struct sup_inspection {
	int64_t id;
	int64_t version;
	char on_date[11];           /* 检查日期 */
	char leader[64];            /* 组长 */
	char team[256];             /* 检查组成员 */
	char note[256];
	int nvisited;
	struct sup_visited visited[SUP_MAX_VISITED];
};
int sup_inspection_load(struct session *s, int64_t id, struct sup_inspection *in,
                        struct dj_err *e);
/* Saves the inspection and its lines: each organization once and in scope,
 * a follow-up with a deadline not before the inspection, a done date not
 * before it nor after today.  Lines left out are removed.  Version-checked
 * on the inspection; audited. */
int sup_inspection_save(struct session *s, struct sup_inspection *in, struct dj_err *e);
/* One line as it stands (with its inspection's date in on_date when not NULL). */
int sup_visited_load(struct session *s, int64_t id, struct sup_visited *v, char on_date[11],
                     struct dj_err *e);
/* Records a follow-up done (done_on, done_note) on one line; version-checked
 * on the line; audited. */
int sup_followup_done(struct session *s, struct sup_visited *v, struct dj_err *e);
/* 1 when the follow-up is open (required, not done) and past its deadline on today. */
int sup_followup_late(const struct sup_visited *v, const char *today);

/* Ledgers: inspections (date, 组长, organizations visited, open follow-ups);
 * follow-ups not done (late ones flagged), the row id the line's. */
struct row_source *sup_inspection_source(struct session *s);
struct row_source *sup_followup_source(struct session *s);
int sup_inspection_export(struct session *s, const char *path, FILE *report, int *exported);

/* ---- 联系点 visits (visit.c) ---- */

struct sup_visit {
	int64_t id;
	int64_t version;
	int64_t liaison_id;
	char person[64];            /* read back: the liaison's name */
	char role[16];
	int64_t org_id;             /* read back: the 联系点 */
	char org[128];
	char on_date[11];           /* 走访日期 */
	char activity[32];          /* 走访内容, one of [liaison] activities */
	char note[256];
};
int sup_visit_load(struct session *s, int64_t id, struct sup_visit *v, struct dj_err *e);
/* The liaison, current on the visit's date, its organization in scope; the
 * date real and not after today; the activity configured.  Version-checked;
 * audited. */
int sup_visit_save(struct session *s, struct sup_visit *v, struct dj_err *e);

struct sup_liaison {
	int64_t id;
	char person[64];
	char role[16];
};
/* The liaisons of org current on `on` (联系领导 first); how many, or -1. */
int sup_liaisons_of(struct session *s, int64_t org_id, const char *on, struct sup_liaison *out,
                    int cap);

/* The organization liaison_id is the liaison of: 0, or -1 when there is none. */
int sup_liaison_org(struct session *s, int64_t liaison_id, int64_t *org_id);
/* The date from which a liaison leader counts as not visiting: his last
 * visit, or when he has none the day he took the 联系点 (from_on); "" when
 * neither.  Listed as 未走访 when that is before today minus N months. */
int sup_liaison_since(struct session *s, int64_t liaison_id, char since[11]);
/* The cut-off: today minus N months; a leader whose `since` is before it
 * (or "") has not visited for N months. */
void sup_no_visit_cutoff(const struct session *s, const char *today, char out[11]);

struct row_source *sup_visit_source(struct session *s);
/* Current 联系领导 under scope who have not visited for N months, with their
 * last visit; row id the liaison's. */
struct row_source *sup_no_visit_source(struct session *s);
int sup_visit_export(struct session *s, const char *path, FILE *report, int *exported);

/* ---- 待办 and 通报 (providers.c) ---- */

/* TODO_REPORT: reports of the current and the previous period not received,
 * late past their 逾期 day (id the org, ref the period, due_on the 逾期 day). */
int supervise_todo_reports(struct session *s, const char *today, int ahead, todo_emit emit,
                           void *ctx, struct dj_err *e);
/* TODO_FOLLOWUP: follow-ups not done whose deadline has passed or falls
 * within `ahead` days (id the visited-organization line). */
int supervise_todo_followups(struct session *s, const char *today, int ahead, todo_emit emit,
                             void *ctx, struct dj_err *e);
/* TODO_VISIT: 联系领导 who have not visited for N months, or will reach N
 * months within `ahead` days (id the liaison). */
int supervise_todo_visits(struct session *s, const char *today, int ahead, todo_emit emit,
                          void *ctx, struct dj_err *e);
/* BUL_REPORT_MISSING: for every duty, every period whose report fell due
 * within [from, to] (September's 月报, due 10-05, in October's 通报), each
 * owing organization whose report was not in by that due day: 逾期未报送
 * when still missing on `to`, 迟报 when it came in later but by `to`. */
int supervise_bulletin_reports(struct session *s, int64_t root, const char *from, const char *to,
                               bulletin_emit emit, void *ctx, struct dj_err *e);
/* BUL_FOLLOWUP_OPEN: follow-ups whose deadline is before `to` and that were
 * not done by `to`. */
int supervise_bulletin_followups(struct session *s, int64_t root, const char *from,
                                 const char *to, bulletin_emit emit, void *ctx,
                                 struct dj_err *e);

#endif
