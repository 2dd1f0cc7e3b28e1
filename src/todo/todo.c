/* todo.c — 待办: the providers of every module with deadlines, merged into
 * one list, late items first.  Adding a module's provider is one line in
 * todo_sources (and one line in the screen's opener table). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "appraise/appraise.h"
#include "evaluate/evaluate.h"
#include "org/org.h"
#include "plan/plan.h"
#include "review/review.h"
#include "supervise/supervise.h"
#include "todo/todo.h"

const struct todo_source todo_sources[] = {
	{ TODO_RECTIFY, "整改", todo_rectify },
	{ TODO_DEVELOP, "发展党员", todo_develop },
	{ TODO_TERM, "换届", org_term_todo },
	{ TODO_REVIEW, "立项创建", review_todo },
	{ TODO_TASK, "任务", plan_todo },
	{ TODO_REPORT, "工作汇报", supervise_todo_reports },
	{ TODO_FOLLOWUP, "督导整改", supervise_todo_followups },
	{ TODO_VISIT, "联系点", supervise_todo_visits },
	{ TODO_APPRAISE, "述职评议", appraise_todo },
	{ TODO_EVALUATE, "评议整改", evaluate_todo },
};
const int todo_nsources = sizeof todo_sources / sizeof *todo_sources;

int todo_ahead_days(const struct config *c)
{
	int d = c ? config_int(c, "todo:ahead_days", 7) : 7;
	return d < 0 || d > 365 ? 7 : d;
}

int todo_at_start(const struct config *c)
{
	const char *v = c ? config_str(c, "todo:at_start", "no") : "no";
	return strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0 ||
	       strcasecmp(v, "on") == 0;
}

void todo_horizon(const char *today, int ahead, char out[11])
{
	/* The window is at most a year: walk it a day at a time. */
	int y, m, d;
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (sscanf(today, "%4d-%2d-%2d", &y, &m, &d) != 3) {
		snprintf(out, 11, "%s", today);
		return;
	}
	for (int i = 0; i < ahead; i++) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		int last = mdays[m - 1] + (m == 2 && leap);
		if (++d > last) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

void todo_copy(char *dst, size_t cap, const char *src)
{
	size_t n = 0;
	if (!cap)
		return;
	for (; src && src[n] && n + 1 < cap; n++)
		dst[n] = src[n] == '\n' || src[n] == '\r' || src[n] == '\t' ? ' ' : src[n];
	/* a UTF-8 sequence cut at the end is dropped whole */
	if (src && src[n]) {
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	dst[n] = 0;
}

struct gather {
	struct todo_item *items;
	int n, cap;
	int failed;
};

static int keep(void *ctx, const struct todo_item *it)
{
	struct gather *g = ctx;
	if (g->n == g->cap) {
		int cap = g->cap ? g->cap * 2 : 64;
		struct todo_item *more = realloc(g->items, (size_t)cap * sizeof *more);
		if (!more) {
			g->failed = 1;
			return 1;
		}
		g->items = more;
		g->cap = cap;
	}
	g->items[g->n++] = *it;
	return 0;
}

/* Late first; then the nearest date, undated last; then 类别, 组织, id. */
int todo_item_cmp(const void *a, const void *b)
{
	const struct todo_item *x = a, *y = b;
	if (x->late != y->late)
		return y->late - x->late;
	if (!x->due_on[0] != !y->due_on[0])
		return x->due_on[0] ? -1 : 1;
	int c = strcmp(x->due_on, y->due_on);
	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	if ((c = strcmp(x->org, y->org)))
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

int todo_collect_kind(struct session *s, const char *today, int ahead, int kind,
                      struct todo_item **items, int *n, struct dj_err *e)
{
	struct gather g = { 0 };
	*items = NULL;
	*n = 0;
	for (int i = 0; i < todo_nsources; i++) {
		if (kind && todo_sources[i].kind != kind)
			continue;
		if (todo_sources[i].provide(s, today, ahead, keep, &g, e)) {
			free(g.items);
			return -1;
		}
		if (g.failed) {
			free(g.items);
			dj_fail(e, DJ_DB, NULL, "内存不足，无法列出待办事项");
			return -1;
		}
	}
	if (g.n > 1)
		qsort(g.items, (size_t)g.n, sizeof *g.items, todo_item_cmp);
	*items = g.items;
	*n = g.n;
	return 0;
}

int todo_collect(struct session *s, const char *today, int ahead, struct todo_item **items,
                 int *n, struct dj_err *e)
{
	return todo_collect_kind(s, today, ahead, 0, items, n, e);
}

void todo_count(const struct todo_item *items, int n, int *late, int *due)
{
	*late = *due = 0;
	for (int i = 0; i < n; i++)
		(items[i].late ? late : due)[0]++;
}
