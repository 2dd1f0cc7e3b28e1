/* pager.h — a row_source over one SQL query, paged by keyset.
 *
 * Each ledger describes its query as data (cell expressions, sort expressions,
 * FROM, WHERE, the find condition); the pager builds the statements and pages
 * with WHERE (sortkey, id) > (anchor) ORDER BY sortkey, id LIMIT n, so a page
 * costs the same at row 10 and at row 200,000, and no more than a page is
 * ever held.  Statements are reset after every call: nothing stays open while
 * the operator is reading. */
#ifndef DJ_PAGER_H
#define DJ_PAGER_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "core/rowsource.h"

#define PAGER_KEYS 4   /* expressions a sort may be split into (pager_def.keys) */

struct pager_def {
	const struct rs_column *cols;
	int ncols;
	const char *cells[RS_MAXCOLS];  /* SQL expression of each column's text */
	const char *sort[RS_MAXCOLS];   /* text sort expression per column, NULL = not sortable;
	                                   must not be NULL-valued (wrap in coalesce) */
	const char *id;                 /* the row id expression, e.g. "o.id" */
	const char *from;               /* FROM clause body */
	const char *where;              /* base condition (may use :scope), NULL = none */
	const char *find;               /* condition on :fc ('%text%') and :fp ('text%',
	                                   NULL unless the text is ASCII letters/digits) */
	/* Optional: the condition used instead of `find` when the text is ASCII
	 * letters only — pinyin initials — on :flo and :fhi, the lower-cased text
	 * and the first string after every string it begins.  Written as a range
	 * (name_py >= :flo AND name_py < :fhi) it walks an index where LIKE over
	 * several columns reads the whole table (200,000 members: 6 ms instead of
	 * 330 ms, tests/bench). */
	const char *find_initials;
	const char *flags;              /* SQL expression giving rs_flag bits, NULL = 0 */
	int default_sort;               /* column sorted by at first */
	/* Optional, per column: the same order as sort[col] given as up to
	 * PAGER_KEYS expressions (e.g. "o.name_py", "o.id", "m.name_py"),
	 * compared as one row value.  SQLite can then walk indexes in that
	 * order and stop after a page, where one expression over two tables
	 * makes it read and sort every row for every page (200,000 members:
	 * 150 ms a key, tests/bench).  sort[col] must still be set. */
	const char *keys[RS_MAXCOLS][PAGER_KEYS];
};

/* A new source; def must outlive it.  scope binds :scope in where. */
struct row_source *pager_new(sqlite3 *db, const struct pager_def *def, int64_t scope);
/* The same for a definition built at run time: def is copied, and `owned`
 * (sqlite3_mprintf'd text the copy points into, such as its WHERE) is
 * sqlite3_free'd with the pager.  NULL `owned` — a failed mprintf — gives
 * NULL, so a caller can pass its mprintf straight in. */
struct row_source *pager_new_owning(sqlite3 *db, const struct pager_def *def, int64_t scope,
                                    char *owned);
void pager_free(struct row_source *rs);

/* Find text as typed at F7, ready to bind: fc is '%text%' (part of a name,
 * an ID number, a phone); fp is 'text%' lower-cased, set only when the text
 * is ASCII letters and digits (pinyin initials); flo/fhi bound a range of
 * strings starting with the lower-cased text, when it is letters only. */
struct find_text {
	int active;    /* any text at all */
	int prefix;    /* fp applies */
	int letters;   /* ASCII letters only: flo and fhi apply */
	char flo[RS_CELL], fhi[RS_CELL];
	char fc[RS_CELL * 2 + 4];
	char fp[RS_CELL * 2 + 4];
};
void find_text_set(struct find_text *f, const char *text);

/* Escapes LIKE wildcards with '\' and wraps: ("50%", 1, 1) -> "%50\%%". */
void like_pattern(const char *text, int lead, int trail, char *out, size_t cap);

#endif
