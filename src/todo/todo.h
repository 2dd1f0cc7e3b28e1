/* todo.h — 待办: what is due or late within the operator's scope, gathered
 * from every module that has deadlines.  Each module exposes a provider of
 * this shape in its own header; todo.c lists them and merges their items,
 * late ones first, then by due date. */
#ifndef DJ_TODO_H
#define DJ_TODO_H

#include <stdint.h>

#include "core/err.h"
#include "core/session.h"

/* Which record an item is, so the 待办 screen knows what Enter opens. */
enum todo_kind {
	TODO_TASK = 1,       /* plan_task (or one branch's line of it): id is the task or line */
	TODO_REPORT,         /* a recurring report not received: id is the org, period in `ref` */
	TODO_FOLLOWUP,       /* a 督导检查 follow-up not done: id is the visited-org line */
	TODO_VISIT,          /* a 联系点 not visited for N months: id is the liaison */
	TODO_RECTIFY,        /* a rectification past its deadline: id is the rectification */
	TODO_DEVELOP,        /* a 发展党员 reminder: id is the case */
	TODO_TERM,           /* a committee term expiring or expired: id is the org */
	TODO_REVIEW,         /* a 立项/创建 stage or task due: id is the application */
	TODO_APPRAISE,       /* a 述职评议 not yet held: id is the org, year in `ref` */
};

struct todo_item {
	int kind;            /* enum todo_kind */
	int64_t id;          /* see enum todo_kind */
	int64_t org_id;      /* the organization it concerns, 0 when none */
	char ref[16];        /* a period ("2026-11"), a year, or "" */
	char due_on[11];     /* YYYY-MM-DD; "" when it has no date */
	int late;            /* 1: past due_on (or, for a missing report, past its 逾期 day) */
	char what[16];       /* the 类别 column: 任务, 月报, 督导整改, 联系点, 整改, 发展党员 … */
	char org[64];        /* the organization's name */
	char text[160];      /* one line saying what is due */
	char who[64];        /* 责任人, "" when none */
};

/* Called once per item; returns 0 to go on, non-zero to stop. */
typedef int (*todo_emit)(void *ctx, const struct todo_item *it);

/* A provider emits every item under the session's scope that is late on
 * `today` (YYYY-MM-DD) or due within `ahead` days of it.  Returns 0, or -1
 * with e set (DJ_DB). */
typedef int (*todo_provider)(struct session *s, const char *today, int ahead, todo_emit emit,
                             void *ctx, struct dj_err *e);

#endif
