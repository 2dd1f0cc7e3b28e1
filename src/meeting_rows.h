/* meeting_rows.h — a row_source over rows computed in memory (the
 * compliance table, the absentee list, the dues month overview): lists of a
 * few hundred rows that no single SQL query pages well.
 *
 * Find (F7) keeps rows where any cell contains the text, or whose pinyin
 * initials start with it; sorting compares numbers as numbers. */
#ifndef DJ_MEETING_ROWS_H
#define DJ_MEETING_ROWS_H

#include <stdint.h>

#include "rowsource.h"

/* cols must outlive the source.  NULL when out of memory. */
struct row_source *memrows_new(const struct rs_column *cols, int ncols);
/* Appends a row (ids unique within the source); cells has ncols strings;
 * py the pinyin initials matched by find ("" none).  0, or -1 (memory). */
int memrows_add(struct row_source *rs, int64_t id, int flags, const char *const cells[],
                const char *py);

#endif
