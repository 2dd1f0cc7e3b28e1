/* ledgers.c — the 督导检查 and 督导整改 ledgers on one pattern: the records
 * under the operator's scope, F7 finds, < > sort, Enter opens one, F9
 * exports; F6 registers a new inspection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "supervise/supervise.h"
#include "tui/draw.h"

struct ledger_kind {
	const char *title;
	const char *empty;
	const char *unit;
	struct row_source *(*open)(struct session *s);
	const struct screen *form;
	int adds;                 /* F6 registers a new record */
};

struct ledger {
	struct session *s;
	const struct ledger_kind *kind;
	struct list_view list;
	struct supervise_arg sub;
};

static const struct ledger_kind kinds[] = {
	{ "督导检查台账", "没有督导检查记录（F6 新增）", "条检查记录", sup_inspection_source,
	  &supervise_inspection_form_screen, 1 },
	{ "督导整改台账（未完成的整改）", "没有未完成的整改", "条检查记录", sup_followup_source,
	  &supervise_followup_form_screen, 0 },
};

static int load(struct ledger *w, int keep)
{
	return list_view_show(&w->list, w->kind->open(w->s), 1, w->kind->empty, keep, w->kind->title);
}

static void *open_ledger(struct session *s, const struct ledger_kind *kind)
{
	struct ledger *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = s;
	w->kind = kind;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void *open_inspections(struct app *a, void *arg)
{
	(void)arg;
	return open_ledger(a->session, &kinds[0]);
}

static void *open_followups(struct app *a, void *arg)
{
	(void)arg;
	return open_ledger(a->session, &kinds[1]);
}

static void close_ledger(void *st)
{
	struct ledger *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct ledger *w = st;
	draw_text(frame_body_top(), 0, term_cols(), w->kind == &kinds[1]
	          ? "督导整改台账：未完成的整改，逾期的标出；回车登记整改完成" : w->kind->title,
	          ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct ledger *w = st;
	if (w->kind == &kinds[1] && w->sub.changed)
		load(w, LIST_KEEP_FIND);   /* the line done has left the list */
	else
		list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	struct ledger *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.id = id;
	app_push(a, w->kind->form, &w->sub);
	return SCR_PUSH;
}

static int write_ledger(void *ctx, const char *path, FILE *report, int *n)
{
	struct ledger *w = ctx;
	return sup_inspection_export(w->s, path, report, n);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct ledger *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_record, w);
	if (o != SCR_PASS)
		return o;
	char name[128];
	switch (k.code) {
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (!w->kind->adds)
			return SCR_PASS;
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能新增");
			return SCR_HANDLED;
		}
		return open_record(w, a, 0);
	case K_F9:
		list_file_name(name, sizeof name, "督导检查台账");
		list_export("导出督导检查台账（每个被检查党组织一行）", name, "条检查记录", NULL,
		            write_ledger, w);
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", NULL,
                                        "导出", "退出" };
static const char *const legend_followups[10] = { "帮助", NULL, "返回", NULL, "刷新", NULL,
                                                  "查找", NULL, "导出", "退出" };

const struct screen supervise_inspection_ledger_screen = {
	.name = "督导检查",
	.help = "督导检查台账：检查日期、组长、被检查的党组织和未完成的整改数（有未完成的标出）。\n"
	        "回车：打开检查登记表（检查发现、整改要求和期限）。F6：新增一次检查。\n"
	        "F7 或 /：按组长、成员、党组织名称或拼音首字母查找。< > 排序，r 反向。\n"
	        "F9：导出（每个被检查党组织一行，含整改情况）。",
	.legend = legend, .open = open_inspections, .close = close_ledger, .draw = draw, .key = key,
	.resume = resume,
};

const struct screen supervise_followup_ledger_screen = {
	.name = "督导整改",
	.help = "督导整改台账：督导检查提出、尚未完成的整改，按整改期限排列，逾期的标出。\n"
	        "回车：登记整改完成日期和整改情况（完成后不再列出）。\n"
	        "F7 或 /：按党组织名称、拼音首字母或整改要求查找。F9：导出全部检查记录。",
	.legend = legend_followups, .open = open_followups, .close = close_ledger, .draw = draw,
	.key = key, .resume = resume,
};
