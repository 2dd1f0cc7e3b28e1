/* todo_providers.c — the 待办 items of 整改 and 发展党员, read through the
 * modules' own ledgers (rectify_list_source, dev_remind_source): the rules
 * of what is overdue stay where they are kept, and this file only keeps
 * the rows inside the 待办 window. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grading/rectify.h"
#include "member/devcase.h"
#include "todo/todo.h"

#define PAGE 64

/* Calls each(row) for every row of rs, a page at a time; frees rs.
 * 0, or -1 with e set when the source could not be read. */
static int each_row(struct row_source *rs, const char *what,
                    int (*each)(void *ctx, const struct rs_row *row), void *ctx,
                    struct dj_err *e)
{
	struct rs_row *page = rs ? calloc(PAGE, sizeof *page) : NULL;
	int rc = 0;
	if (!page) {
		row_source_free(rs);
		dj_fail(e, DJ_DB, NULL, "无法读取%s：内存不足", what);
		return -1;
	}
	struct rs_key last;
	const struct rs_key *anchor = NULL;
	for (;;) {
		int k = rs->fetch(rs->ctx, anchor, 1, PAGE, page);
		if (k < 0) {
			const char *why = rs->last_error ? rs->last_error(rs->ctx) : "";
			dj_fail(e, DJ_DB, NULL, "无法读取%s：%s", what, why && *why ? why : "数据库错误");
			rc = -1;
			break;
		}
		for (int i = 0; i < k && !rc; i++)
			rc = each(ctx, &page[i]);
		if (rc || k < PAGE)
			break;
		last = page[k - 1].key;
		anchor = &last;
	}
	free(page);
	row_source_free(rs);
	return rc < 0 ? -1 : 0;
}

struct window {
	struct session *s;
	const char *today;
	char horizon[11];
	todo_emit emit;
	void *ctx;
	struct dj_err *e;
	int stopped;
};

static void window_start(struct window *w, struct session *s, const char *today, int ahead,
                         todo_emit emit, void *ctx, struct dj_err *e)
{
	*w = (struct window){ .s = s, .today = today, .emit = emit, .ctx = ctx, .e = e };
	todo_horizon(today, ahead, w->horizon);
}

/* ---- 整改 ---- */

enum { RC_ORG, RC_GRADE, RC_ORIGIN, RC_RESPONSIBLE, RC_DEADLINE, RC_ACCEPTED, RC_STATUS };

static int rectify_row(void *ctx, const struct rs_row *row)
{
	struct window *w = ctx;
	const char *deadline = row->cell[RC_DEADLINE];
	if (row->cell[RC_ACCEPTED][0] || !deadline[0] || strcmp(deadline, w->horizon) > 0)
		return 0;
	struct rectification r;
	if (rectify_load(w->s, row->key.id, &r, w->e))
		return -1;
	struct todo_item it = { .kind = TODO_RECTIFY, .id = r.id, .org_id = r.org_id };
	it.late = strcmp(r.deadline, w->today) < 0;
	snprintf(it.due_on, sizeof it.due_on, "%s", r.deadline);
	snprintf(it.what, sizeof it.what, "整改");
	todo_copy(it.org, sizeof it.org, r.org);
	todo_copy(it.who, sizeof it.who, r.responsible);
	char text[sizeof it.text + 64];
	/* the problem first: it is what the column has room for */
	if (r.problem[0])
		snprintf(text, sizeof text, "%s（%s %s）", r.problem, r.round,
		         r.grade[0] ? r.grade : r.origin);
	else
		snprintf(text, sizeof text, "%s整改（%s）", r.round, r.grade[0] ? r.grade : r.origin);
	todo_copy(it.text, sizeof it.text, text);
	if (w->emit(w->ctx, &it))
		w->stopped = 1;
	return w->stopped;
}

int todo_rectify(struct session *s, const char *today, int ahead, todo_emit emit, void *ctx,
                 struct dj_err *e)
{
	struct window w;
	window_start(&w, s, today, ahead, emit, ctx, e);
	return each_row(rectify_list_source(s, 0), "整改台账", rectify_row, &w, e);
}

/* ---- 发展党员 ---- */

enum { DV_KIND, DV_NAME, DV_BRANCH, DV_DUE, DV_NOTE };

static int develop_row(void *ctx, const struct rs_row *row)
{
	struct window *w = ctx;
	const char *due = row->cell[DV_DUE];
	if (!due[0] || strcmp(due, w->horizon) > 0)
		return 0;
	struct dev_case c;
	if (dev_load(w->s, row->key.id, &c, w->e))
		return -1;
	struct todo_item it = { .kind = TODO_DEVELOP, .id = c.id, .org_id = c.org_id };
	it.late = strcmp(due, w->today) < 0;
	snprintf(it.due_on, sizeof it.due_on, "%s", due);
	snprintf(it.what, sizeof it.what, "发展党员");
	todo_copy(it.org, sizeof it.org, c.org);
	/* who answers for the step: the 培养联系人 of an activist, else none
	 * named on the case (the branch's secretary acts) */
	todo_copy(it.who, sizeof it.who, c.mentor1);
	char text[sizeof it.text + 64];
	snprintf(text, sizeof text, "%s %s：%s", c.name, row->cell[DV_KIND], row->cell[DV_NOTE]);
	todo_copy(it.text, sizeof it.text, text);
	if (w->emit(w->ctx, &it))
		w->stopped = 1;
	return w->stopped;
}

int todo_develop(struct session *s, const char *today, int ahead, todo_emit emit, void *ctx,
                 struct dj_err *e)
{
	struct window w;
	window_start(&w, s, today, ahead, emit, ctx, e);
	return each_row(dev_remind_source(s, s->scope_org), "发展提醒", develop_row, &w, e);
}
