/* csv.h — the organization registry as CSV with Chinese headers. */
#ifndef DJ_ORG_CSV_H
#define DJ_ORG_CSV_H

#include <stdio.h>

#include "core/session.h"

/* Imports every row or none.  Columns may come in any order; unknown ones
 * are refused by name; a parent is named by its full name and may come later
 * in the file.  Each problem is one line in `report`:
 *   第 N 行「列名」值「…」：原因
 * Returns 0 (all stored), 1 (refused, nothing stored) or 2 (file unusable). */
int org_import_csv(struct session *s, const char *path, FILE *report, int *imported);

/* Writes every organization (the import's columns plus 状态 and 届满日期). */
int org_export_csv(struct session *s, const char *path, FILE *report, int *exported);

#endif
