/* meeting_common.c — see meeting_common.h. */
#include "screens/meeting_common.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "meeting_rows.h"
#include "org.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"
#include "validate.h"

int meeting_pick_org(struct session *s, const char *title, int64_t *org_id)
{
	char filter[128] = "";
	struct rs_row row;
	struct row_source *rs = org_pick_source(s);
	if (!rs) {
		frame_message(MSG_ERROR, "无法读取组织列表");
		return 0;
	}
	int picked = grid_pick(rs, title, filter, sizeof filter, *org_id, &row);
	org_source_free(rs);
	if (picked)
		*org_id = row.key.id;
	return picked;
}

void meeting_scope_name(struct session *s, int64_t org_id, char *out, size_t cap)
{
	sqlite3_stmt *st;
	int64_t id = org_id ? org_id : s->scope_org;
	out[0] = 0;
	if (id && sqlite3_prepare_v2(s->db, "SELECT name FROM org WHERE id = ?", -1, &st,
	                             NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			db_col_text(st, 0, out, cap);
		sqlite3_finalize(st);
	}
	if (!*out)
		snprintf(out, cap, "全部党组织");
}

void meeting_file_date(char out[9])
{
	char now[11];
	today(now);
	snprintf(out, 9, "%.4s%.2s%.2s", now, now + 5, now + 8);
}

void meeting_export_dialog(const char *title, const char *default_name, const char *what,
                           meeting_writer write, void *ctx)
{
	char path[256];
	snprintf(path, sizeof path, "%s", default_name);
	if (!dialog_input(title, "文件名：", path, sizeof path))
		return;
	char *report = NULL;
	size_t len = 0;
	FILE *r = open_memstream(&report, &len);
	if (!r) {
		frame_message(MSG_ERROR, "内存不足，无法导出");
		return;
	}
	int n = 0, rc = write(ctx, path, r, &n);
	fclose(r);
	if (rc) {
		report[strcspn(report, "\n")] = 0;
		frame_message(MSG_ERROR, "导出失败：%s", report);
	} else {
		frame_message(MSG_INFO, "已导出 %d 条%s到 %s", n, what, path);
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

void meeting_export_rows(struct row_source *rs, const char *title, const char *default_name,
                         const char *heading)
{
	struct rows_ctx c = { rs, heading };
	meeting_export_dialog(title, default_name, "记录", write_rows, &c);
}
