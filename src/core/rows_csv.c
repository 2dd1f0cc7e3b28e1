/* rows_csv.c — a list on screen written as CSV (see rows_csv.h). */
#include "core/rows_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

int rows_export_csv(struct row_source *rs, const char *title_row, const char *path,
                    FILE *report, int *exported)
{
	struct csv_writer w;
	struct rs_row *page = calloc(64, sizeof *page);
	*exported = 0;
	if (!page || csv_writer_open(&w, path)) {
		fprintf(report, "%s\n", page ? csv_writer_why(&w) : "内存不足，无法导出");
		free(page);
		return 1;
	}
	if (title_row && *title_row) {
		csv_write_field(&w, title_row);
		csv_end_record(&w);
	}
	for (int c = 0; c < rs->ncols; c++)
		csv_write_field(&w, rs->cols[c].title);
	csv_end_record(&w);
	int got, rc = 0;
	struct rs_key last;
	for (int first = 1;; first = 0) {
		got = rs->fetch(rs->ctx, first ? NULL : &last, 1, 64, page);
		if (got < 0) {
			fprintf(report, "读取列表失败：%s\n", rs->last_error(rs->ctx));
			rc = 1;
			break;
		}
		for (int i = 0; i < got; i++) {
			for (int c = 0; c < rs->ncols; c++)
				csv_write_field(&w, page[i].cell[c]);
			csv_end_record(&w);
		}
		*exported += got;
		if (got < 64)
			break;
		last = page[got - 1].key;
	}
	free(page);
	if (rc) {
		csv_writer_abort(&w);   /* half a list is not written, the old file stays */
		return rc;
	}
	if (csv_writer_close(&w) != 0) {
		fprintf(report, "%s\n", csv_writer_why(&w));
		rc = 1;
	}
	return rc;
}
