/* drill.c — the members (cases, organizations, honours) behind one cell
 * of a 党内统计 table: the list's 共 N 条 is the cell's number.  Enter opens
 * the record's own form, as the ledgers do; F9 writes the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/stats/stats_screens.h"
#include "tui/draw.h"

struct drill {
	struct session *s;
	struct stats_drill_arg *arg;
	char what[256];
	struct list_view list;
	struct member_form_arg member;
	struct dev_form_arg dev;
	struct org_form_arg org;
	struct honour_arg honour;
};

static int load(struct drill *d, int keep)
{
	const struct stats_drill_arg *in = d->arg;
	struct row_source *rs = stats_cell_source(d->s, in->t, in->w, in->row, in->col);
	return list_view_show(&d->list, rs, 1, "这一格为 0，没有名单", keep, "名单");
}

static void *open_drill(struct app *a, void *arg)
{
	struct stats_drill_arg *in = arg;
	struct drill *d = calloc(1, sizeof *d);
	if (!d || !in)
		return free(d), NULL;
	d->s = a->session;
	d->arg = in;
	const char *row = in->t->row_label[in->row];
	while (strncmp(row, "　", 3) == 0)
		row += 3;
	snprintf(d->what, sizeof d->what, "%s · %s · %s：%ld  （%s，截止 %s）", in->t->name, row,
	         in->t->col_label[in->col], in->t->cell[in->row][in->col], in->scope, in->w->as_of);
	if (load(d, LIST_KEEP_NOTHING)) {
		free(d);
		return NULL;
	}
	return d;
}

static void close_drill(void *st)
{
	struct drill *d = st;
	list_view_free(&d->list);
	free(d);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct drill *d = st;
	draw_text(frame_body_top(), 0, term_cols(), d->what, ST_HEADING);
	grid_draw(&d->list.g);
}

static enum outcome open_row(void *st, struct app *a, int64_t row_id)
{
	struct drill *d = st;
	int64_t id = STATS_UNIT_ID(row_id);
	switch (d->arg->t->unit) {
	case STATS_CASES:
		d->dev = (struct dev_form_arg){ .id = id };
		app_push(a, &dev_form_screen, &d->dev);
		break;
	case STATS_ORGS:
		d->org = (struct org_form_arg){ .id = id };
		app_push(a, &org_form_screen, &d->org);
		break;
	case STATS_HONOURS:
		d->honour = (struct honour_arg){ .id = id };
		app_push(a, &honour_form_screen, &d->honour);
		break;
	default:
		d->member = (struct member_form_arg){ .id = id };
		app_push(a, &member_form_screen, &d->member);
		break;
	}
	return SCR_PUSH;
}

static void resume(void *st, struct app *a)
{
	(void)a;
	/* the list is what the table counted when it was opened: a record
	 * changed since shows in both after F5 on the table */
	long long none = 0;
	list_view_resume(&((struct drill *)st)->list, &none);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct drill *d = st;
	enum outcome o = list_view_key(&d->list, k, a, open_row, d);
	if (o != SCR_PASS)
		return o;
	char name[128], date[9];
	switch (k.code) {
	case K_F9:
		list_file_date(date);
		snprintf(name, sizeof name, "%s名单-%s.xlsx", d->arg->t->name, date);
		list_export_rows(d->list.rs, "导出名单", name, d->what);
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, NULL, NULL, "查找", NULL,
                                        "导出", "退出" };

const struct screen stats_drill_screen = {
	.name = "统计名单",
	.help = "统计表中一个数字背后的名单：条数等于表中该格的数字。\n"
	        "回车打开该党员（发展对象、党组织、荣誉）的信息表；F7 或 / 查找，< > 排序；\n"
	        "F9 导出 xlsx 或 CSV。F3 或 Esc 返回统计表。",
	.legend = legend,
	.open = open_drill,
	.close = close_drill,
	.draw = draw,
	.key = key,
	.resume = resume,
};
