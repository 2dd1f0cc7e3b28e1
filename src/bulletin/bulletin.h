/* bulletin.h — 通报: a draft written from the records for a period and a
 * scope.  Each module that knows a shortfall exposes a source of this shape
 * in its own header; bulletin.c lists them, in the order the 通报 reads. */
#ifndef DJ_BULLETIN_H
#define DJ_BULLETIN_H

#include <stdint.h>

#include "core/err.h"
#include "core/session.h"

/* The draft's sections, in the order they are written. */
enum bulletin_section {
	BUL_REPORT_MISSING = 1,  /* branches whose monthly (recurring) report is missing */
	BUL_TASK_OVERDUE,        /* tasks (or branch lines) past their deadline, not 已完成 */
	BUL_MEETING_SHORT,       /* 三会一课 shortfalls (compliance) */
	BUL_RECTIFY_OVERDUE,     /* rectifications past their deadline */
	BUL_FOLLOWUP_OPEN,       /* 督导检查 follow-ups past their deadline, not done */
};

/* One finding about one organization (org_id 0: about no single one, such
 * as a task assigned to the township itself). */
struct bulletin_line {
	int section;             /* enum bulletin_section */
	int64_t org_id;
	char org[64];
	char text[200];          /* what is wrong, in a phrase the 通报 can print */
};

typedef int (*bulletin_emit)(void *ctx, const struct bulletin_line *l);

/* A source emits every finding for organizations under `root` (0: the
 * session's scope) in the period [from, to] (YYYY-MM-DD, inclusive), as the
 * records stand on `to`.  Returns 0, or -1 with e set. */
typedef int (*bulletin_source)(struct session *s, int64_t root, const char *from, const char *to,
                               bulletin_emit emit, void *ctx, struct dj_err *e);

#endif
