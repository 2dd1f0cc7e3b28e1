/* rectify.h — 整改: the plan an organization graded 一般 or 后进 (or in the
 * bottom share of villages, 一村一策; or put on the list by the office)
 * carries out after a grading round: problems, measures, 责任人, deadline,
 * progress notes, and the date it was accepted (验收).  A plan past its
 * deadline and not accepted is overdue (逾期), judged against today() so
 * DJ_TODAY fixes it in tests. */
#ifndef DJ_RECTIFY_H
#define DJ_RECTIFY_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"

#define RECTIFY_ORIGIN_GRADE "定级"
#define RECTIFY_ORIGIN_BOTTOM "一村一策"
#define RECTIFY_ORIGIN_OFFICE "办公室列入"

/* As the form shows it; field keys are the member names. */
struct rectification {
	int64_t id, version, round_id, org_id;
	char org[128];            /* 党组织 */
	char round[128];          /* 定级名称 */
	char grade[32];           /* 等次 in that round */
	char origin[16];          /* 列入原因 */
	char problem[512];        /* 存在问题 */
	char measures[512];       /* 整改措施 */
	char responsible[64];     /* 责任人 */
	char deadline[11];        /* 整改期限 */
	char progress[1024];      /* 整改进展 */
	char accepted_on[11];     /* 验收日期 */
	char status[16];          /* 整改中 / 逾期 / 已验收, computed */
};

/* 整改中, 逾期 (deadline before today, not accepted) or 已验收. */
const char *rectify_status(const char *deadline, const char *accepted_on);

int rectify_load(struct session *s, int64_t id, struct rectification *r, struct dj_err *e);
/* Saves problems, measures, 责任人, deadline, progress and acceptance with
 * the version check: the deadline is required; acceptance is a real date
 * not in the future and needs the problems and measures written down. */
int rectify_save(struct session *s, struct rectification *r, struct dj_err *e);
/* The office puts an organization of a confirmed round on the list
 * (办公室列入), with the round's deadline.  Returns 0 with *id set. */
int rectify_add(struct session *s, int64_t round_id, const char *org_name, int64_t *id,
                struct dj_err *e);
/* Inside the caller's transaction (grading_confirm): a plan with origin and
 * deadline, 责任人 the branch's secretary; nothing when one exists. */
int rectify_create(struct session *s, int64_t round_id, int64_t org_id, const char *origin,
                   const char *deadline, struct dj_err *e);

/* The plans of one round (0: every round), overdue first flagged, accepted
 * dimmed: 党组织 等次 列入原因 责任人 整改期限 验收日期 状态. */
struct row_source *rectify_list_source(struct session *s, int64_t round_id);
/* Counts for a status line. */
struct rectify_counts {
	int total, overdue, accepted;
};
void rectify_count(struct session *s, int64_t round_id, struct rectify_counts *c);

/* CSV: every plan (CLI `export rectify`), or one round's. */
int rectify_export_csv(struct session *s, const char *path, FILE *report, int *exported);
int rectify_export_round_csv(struct session *s, int64_t round_id, const char *path, FILE *report,
                             int *exported);

#endif
