/* rows_csv.h — a list on screen (any row_source, e.g. the in-memory
 * ones of memrows.h) written as CSV. */
#ifndef DJ_MEETING_ROWS_H
#define DJ_MEETING_ROWS_H

#include <stdio.h>

#include "core/rowsource.h"

/* Writes every row of a source (under its current find and sort) as CSV,
 * the column titles as headers; `title_row` (may be NULL) is written first
 * as a one-cell line (the period, the month …).  0, or 1 with the reason in
 * report. */
int rows_export_csv(struct row_source *rs, const char *title_row, const char *path,
                    FILE *report, int *exported);

#endif
