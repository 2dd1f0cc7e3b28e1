/* list_screen.c — see list_screen.h. */
#include "screens/common/list_screen.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/outfile.h"
#include "core/rows_csv.h"
#include "core/validate.h"
#include "org/org.h"
#include "tui/dialog.h"
#include "tui/draw.h"

int list_view_show(struct list_view *v, struct row_source *rs, int head, const char *empty,
                   int keep, const char *unreadable)
{
	char find[sizeof v->g.filter] = "";
	int64_t selected = 0;
	struct grid g;
	if (!rs || grid_init(&g, rs, frame_body_top() + head, 0)) {
		if (unreadable)
			frame_message(MSG_ERROR, "无法读取%s：%s", unreadable,
			              rs ? rs->last_error(rs->ctx) : "内存不足");
		row_source_free(rs);
		return -1;
	}
	if (v->shown) {
		if (keep & LIST_KEEP_FIND)
			snprintf(find, sizeof find, "%s", grid_filter(&v->g));
		if (keep & LIST_KEEP_ROW)
			selected = grid_selected_id(&v->g);
	}
	list_view_free(v);
	v->rs = rs;
	v->g = g;
	v->shown = 1;
	v->g.empty_text = empty;
	if (*find)
		grid_set_filter(&v->g, find);
	if (selected)
		grid_select_id(&v->g, selected);
	return 0;
}

void list_view_free(struct list_view *v)
{
	if (v->shown)
		grid_free(&v->g);
	row_source_free(v->rs);
	v->rs = NULL;
	v->shown = 0;
}

void list_view_resume(struct list_view *v, long long *saved_id)
{
	if (*saved_id)
		grid_select_id(&v->g, *saved_id);
	else
		grid_refresh(&v->g);
	*saved_id = 0;
}

enum outcome list_view_key(struct list_view *v, struct key k, struct app *a,
                           enum outcome (*open)(void *st, struct app *a, int64_t id), void *st)
{
	switch (grid_key(&v->g, k)) {
	case GRID_HANDLED:
		return SCR_HANDLED;
	case GRID_OPEN:
		return open(st, a, grid_selected_id(&v->g));
	case GRID_PASS:
		break;
	}
	return SCR_PASS;
}

int list_pick_org(struct session *s, const char *title, int64_t *org_id)
{
	char filter[128] = "";
	struct rs_row row;
	struct row_source *rs = org_pick_source(s);
	if (!rs) {
		frame_message(MSG_ERROR, "无法读取组织列表");
		return 0;
	}
	int picked = grid_pick(rs, title, filter, sizeof filter, *org_id, &row);
	row_source_free(rs);
	if (picked)
		*org_id = row.key.id;
	return picked;
}

void list_scope_name(struct session *s, int64_t org_id, char *out, size_t cap)
{
	struct org o;
	struct dj_err e;
	int64_t id = org_id ? org_id : s->scope_org;
	if (id && org_load(s, id, &o, &e) == 0)
		snprintf(out, cap, "%s", o.name);
	else
		snprintf(out, cap, "全部党组织");
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcasecmp(s + n - t, tail) == 0;
}

/* A table offers both formats: the name's ending chooses (csv.h). */
static const char *file_prompt(const char *proposed)
{
	if (ends_with(proposed, ".xlsx") || ends_with(proposed, ".csv"))
		return "以 .xlsx 结尾导出 Excel 表格，改为 .csv 则导出 CSV 文本\n文件名：";
	return "文件名：";
}

int list_ask_file(const char *title, char *path, size_t cap)
{
	char why[512], q[400];
	if (!dialog_input(title, file_prompt(path), path, cap))
		return 0;
	switch (outfile_target(path, why, sizeof why)) {
	case OUTFILE_REFUSED:
		frame_message(MSG_ERROR, "导出失败：%s", why);
		return 0;
	case OUTFILE_EXISTS:
		snprintf(q, sizeof q, "文件已存在，是否覆盖？\n%s", path);
		if (!dialog_ask(q, 0))
			return 0;
		outfile_permit_replace(path);
		return 1;
	case OUTFILE_ABSENT:
		break;
	}
	return 1;
}

void list_export(const char *title, const char *default_name, const char *unit, const char *note,
                 list_writer write, void *ctx)
{
	char path[256];
	snprintf(path, sizeof path, "%s", default_name);
	if (!list_ask_file(title, path, sizeof path))
		return;
	char *report = NULL;
	size_t len = 0;
	FILE *r = open_memstream(&report, &len);
	if (!r) {
		frame_message(MSG_ERROR, "内存不足，无法导出");
		return;
	}
	int n = 0, rc = write(ctx, path, r, &n);
	outfile_permit_replace(NULL);   /* a writer that failed before opening leaves none behind */
	fclose(r);
	if (rc) {
		report[strcspn(report, "\n")] = 0;
		frame_message(MSG_ERROR, "导出失败：%s", report);
	} else {
		char full[PATH_MAX];
		list_full_path(path, full, sizeof full);
		frame_message(MSG_INFO, "已导出 %d %s到 %s%s", n, unit, full, note ? note : "");
	}
	free(report);
}

struct rows_ctx {
	struct row_source *rs;
	const char *heading;
};

static int write_rows(void *ctx, const char *path, FILE *report, int *n)
{
	struct rows_ctx *c = ctx;
	return rows_export_csv(c->rs, c->heading, path, report, n);
}

void list_export_rows(struct row_source *rs, const char *title, const char *default_name,
                      const char *heading)
{
	struct rows_ctx c = { rs, heading };
	list_export(title, default_name, "条记录", NULL, write_rows, &c);
}

void list_file_date(char out[9])
{
	char now[11];
	today(now);
	snprintf(out, 9, "%.4s%.2s%.2s", now, now + 5, now + 8);
}

void list_file_name(char *out, size_t cap, const char *stem)
{
	char date[9];
	list_file_date(date);
	snprintf(out, cap, "%s-%s.xlsx", stem, date);
}

void list_full_path(const char *path, char *out, size_t cap)
{
	char real[PATH_MAX];
	if (realpath(path, real))
		snprintf(out, cap, "%s", real);
	else
		snprintf(out, cap, "%s", path);   /* gone already: the name as typed */
}
