/* export.c — a table as the upper level's form: the title with the scope
 * and the as-of date, the grid (项目 then the columns), and the signature
 * block under it, to CSV or (by the path's ending) xlsx through the one
 * writer every export uses. */
#include <string.h>

#include "core/csv.h"
#include "core/csv_table.h"
#include "stats/stats.h"

static void one(struct csv_writer *cw, const char *text)
{
	const char *cells[] = { text };
	csv_write_record(cw, cells, 1);
}

int stats_export(const struct stats_table *t, const char *scope, const struct stats_when *w,
                 const struct stats_sign *sign, const char *path, FILE *report)
{
	struct csv_writer cw;
	if (csv_export_open(&cw, path, NULL, 0, report ? report : stderr))
		return -1;
	char title[512];
	snprintf(title, sizeof title, "%s（%d 年度）　统计范围：%s　截止日期：%s", t->name, w->year,
	         scope, w->as_of);
	one(&cw, title);
	const char *cells[STATS_MAXCOLS + 1];
	char num[STATS_MAXCOLS][24];
	cells[0] = "项目";
	for (int c = 0; c < t->ncols; c++)
		cells[1 + c] = t->col_label[c];
	csv_write_record(&cw, cells, 1 + t->ncols);
	for (int r = 0; r < t->nrows; r++) {
		cells[0] = t->row_label[r];
		for (int c = 0; c < t->ncols; c++) {
			snprintf(num[c], sizeof num[c], "%ld", t->cell[r][c]);
			cells[1 + c] = num[c];
		}
		csv_write_record(&cw, cells, 1 + t->ncols);
	}
	char line[4][200];
	snprintf(line[0], sizeof line[0], "填报单位：%s", sign ? sign->unit : "");
	snprintf(line[1], sizeof line[1], "填报人：%s", sign ? sign->filled_by : "");
	snprintf(line[2], sizeof line[2], "审核人：%s", sign ? sign->checked_by : "");
	snprintf(line[3], sizeof line[3], "日期：%s", sign ? sign->date : "");
	one(&cw, "");
	for (int i = 0; i < 4; i++)
		one(&cw, line[i]);
	return csv_export_close(&cw, path, report ? report : stderr) ? -1 : 0;
}
