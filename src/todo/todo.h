/* todo.h — 待办: what is due or late within the operator's scope, gathered
 * from every module that has deadlines.  Each module exposes a provider of
 * this shape in its own header; todo.c lists them and merges their items,
 * late ones first, then by due date. */
#ifndef DJ_TODO_H
#define DJ_TODO_H

#include <stdint.h>

#include <stdio.h>

#include "core/config.h"
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
	TODO_EVALUATE,       /* a 民主评议党员 不合格 follow-up not closed: id is the follow-up */
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

/* The providers the 待办 list merges, in the order todo.c lists them. */
struct todo_source {
	int kind;                /* enum todo_kind: the 类别 F4 filters by */
	const char *what;        /* that 类别 as the filter names it */
	todo_provider provide;
};
extern const struct todo_source todo_sources[];
extern const int todo_nsources;

/* [todo] ahead_days of dangjian.ini (default 7, 0..365): how far ahead the
 * list looks; [todo] at_start = yes: the 待办 screen opens at start-up. */
int todo_ahead_days(const struct config *c);
int todo_at_start(const struct config *c);

/* Every item of every provider (kind 0) or of one kind, late ones first,
 * then by due date (undated last), then by kind, organization and id.
 * *items is malloc'd (free it; NULL when *n is 0).  0, or -1 with e set. */
int todo_collect_kind(struct session *s, const char *today, int ahead, int kind,
                      struct todo_item **items, int *n, struct dj_err *e);
int todo_collect(struct session *s, const char *today, int ahead, struct todo_item **items,
                 int *n, struct dj_err *e);
/* How many are late and how many only due (for the title line). */
void todo_count(const struct todo_item *items, int n, int *late, int *due);

/* The list as a row source (core/memrows.h) for the 待办 screen: 类别 组织
 * 事项 责任人 期限, late rows flagged, in todo_collect's order; row i's id
 * is i + 1, and l->items[id - 1] is the item (read again on every reload,
 * so look it up after a refresh, not before).  F7 finds by any column or
 * the organization's pinyin initials.  l outlives the source; kind 0: all. */
struct todo_list {
	struct session *s;
	int ahead;
	int kind;
	struct todo_item *items;
	int n;
};
struct row_source *todo_list_source(struct todo_list *l);
/* The item of a row id, or NULL. */
const struct todo_item *todo_list_item(const struct todo_list *l, int64_t id);
void todo_list_free(struct todo_list *l);

/* The order todo_collect sorts in (qsort comparator over struct todo_item). */
int todo_item_cmp(const void *a, const void *b);

/* Providers of the modules that exist (todo_providers.c reads their public
 * functions; the term and review ones are in src/org/ and src/review/).
 * todo_rectify: plans not accepted whose 整改期限 is past or in the window
 * (TODO_RECTIFY, id the rectification).  todo_develop: the 发展提醒 list's
 * items in the window (TODO_DEVELOP, id the case); that list looks [develop]
 * remind_days (30) ahead for activists and probationers, so an `ahead`
 * longer than that lists what those 30 days hold. */
int todo_rectify(struct session *s, const char *today, int ahead, todo_emit emit, void *ctx,
                 struct dj_err *e);
int todo_develop(struct session *s, const char *today, int ahead, todo_emit emit, void *ctx,
                 struct dj_err *e);

/* Copies src into a field of cap bytes on one line: newlines become
 * spaces, and a character that does not fit whole is left out. */
void todo_copy(char *dst, size_t cap, const char *src);

/* The last day inside the window: today plus ahead days, into out. */
void todo_horizon(const char *today, int ahead, char out[11]);

/* The list as a file (CSV, or xlsx when path ends so): 类别 组织 事项
 * 责任人 期限 状态.  0 with *written items, or -1 with the reason (naming
 * the file) as a line on report; an old file stays as it was. */
int todo_export_csv(const struct todo_item *items, int n, const char *path, FILE *report,
                    int *written);
/* The list as plain lines (a title with the counts, then 类别 期限 组织
 * 责任人 事项, late ones marked "!").  0, or -1 on a write error. */
int todo_print(const struct todo_item *items, int n, const char *today, int ahead, FILE *out);

#endif
