/* todo_rows.c — the 待办 list as rows for the screen's grid: collected
 * again on every reload (F5, a return from a record), so a record just
 * settled leaves the list. */
#include <stdio.h>
#include <stdlib.h>

#include "core/memrows.h"
#include "core/text.h"
#include "core/validate.h"
#include "todo/todo.h"

static const struct rs_column cols[] = {
	{ "类别", 8, 0, 0, 1 }, { "组织", 14, 0, 0, 1, 20, 1 }, { "事项", 24, 1, 0, 0 },
	{ "责任人", 8, 0, 0, 1, 14 }, { "期限", 10, 0, 0, 1 },
};

static int load(void *ctx, struct memrows *m)
{
	struct todo_list *l = ctx;
	struct dj_err e;
	char now[11];
	free(l->items);
	l->items = NULL;
	l->n = 0;
	if (todo_collect_kind(l->s, today(now), l->ahead, l->kind, &l->items, &l->n, &e)) {
		memrows_fail(m, e.msg);
		return -1;
	}
	for (int i = 0; i < l->n; i++) {
		const struct todo_item *it = &l->items[i];
		char py[64], find[512], key[96];
		pinyin_initials(it->org, py, sizeof py);
		snprintf(find, sizeof find, "%s %s %s %s %s %s", it->what, it->org, py, it->text,
		         it->who, it->due_on);
		snprintf(key, sizeof key, "%s\t%s", py, it->org);
		struct rs_row *row = memrows_add(m, i + 1, find, key);
		if (!row) {
			memrows_fail(m, "内存不足");
			return -1;
		}
		const char *cells[] = { it->what, it->org, it->text, it->who,
		                        it->due_on[0] ? it->due_on : "—" };
		for (int c = 0; c < 5; c++)
			snprintf(row->cell[c], RS_CELL, "%s", cells[c]);
		row->flags = it->late ? RS_FLAG_WARN : 0;
		/* 期限 sorts late first too: its rank is the list's own order */
		memrows_rank(m, 4, i + 1);
	}
	return 0;
}

struct row_source *todo_list_source(struct todo_list *l)
{
	return memrows_new(cols, 5, load, l, NULL);
}

const struct todo_item *todo_list_item(const struct todo_list *l, int64_t id)
{
	return id >= 1 && id <= l->n ? &l->items[id - 1] : NULL;
}

void todo_list_free(struct todo_list *l)
{
	free(l->items);
	l->items = NULL;
	l->n = 0;
}
