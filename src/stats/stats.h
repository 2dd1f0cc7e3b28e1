/* stats.h — 党内统计: the year-end tables the office sends upward, computed
 * from the records as at a date for a subtree, every cell traceable to the
 * members or organizations behind it, and packed into one SQLite file that
 * the level above sums (stats_pack.h).
 *
 * A table is rows × columns of counts.  Rows and columns have keys (ASCII,
 * stable: a pack made by one version is read by the next) and Chinese
 * labels; a cell is named by (table key, row key, column key), which is how
 * a pack stores it and how a merge sums packs whose tables were computed on
 * different machines. */
#ifndef DJ_STATS_H
#define DJ_STATS_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"

#define STATS_MAXROWS 40
#define STATS_MAXCOLS 12
#define STATS_KEYLEN 24
#define STATS_LABELLEN 64

/* What the people or organizations behind a cell are. */
enum stats_unit { STATS_MEMBERS = 1, STATS_CASES, STATS_ORGS, STATS_HONOURS };

struct stats_table {
	const char *key;          /* "basic", "change", "develop", "confirm", "exit", "orgs", "honours" */
	const char *name;         /* 党员基本情况 … */
	int unit;                 /* enum stats_unit: what Enter on a cell lists */
	int nrows, ncols;
	char row_key[STATS_MAXROWS][STATS_KEYLEN];
	char row_label[STATS_MAXROWS][STATS_LABELLEN];
	int row_sub[STATS_MAXROWS];   /* 1: a 其中/subtotal row, not summed into the total */
	char col_key[STATS_MAXCOLS][STATS_KEYLEN];
	char col_label[STATS_MAXCOLS][STATS_LABELLEN];
	long cell[STATS_MAXROWS][STATS_MAXCOLS];
};

/* The tables, in the order the upper level's forms have them. */
struct stats_def {
	const char *key;
	const char *name;
};
extern const struct stats_def stats_defs[];
extern const int stats_ndefs;
/* The def of that key or Chinese name, or NULL. */
const struct stats_def *stats_def_find(const char *key_or_name);

/* What a table is computed for: the subtree under root (0: the whole
 * database within the operator's scope) as at as_of (YYYY-MM-DD); the work
 * year is as_of's year, running from its 01-01. */
struct stats_when {
	int64_t root;
	char as_of[11];
	int year;
};
/* as_of "" means 12-31 of the current work year (today's year). */
int stats_when_set(struct stats_when *w, int64_t root, const char *as_of, struct dj_err *e);

/* Computes table `key`.  0, or -1 with e set (DJ_DB, DJ_INVALID for an
 * unknown key). */
int stats_compute(struct session *s, const char *key, const struct stats_when *w,
                  struct stats_table *t, struct dj_err *e);

/* The ids behind cell (row, col) of a computed table (members, dev cases,
 * organizations or honours as t->unit says), as a row source for the
 * drill-down list: its count equals t->cell[row][col]. */
struct row_source *stats_cell_source(struct session *s, const struct stats_table *t,
                                     const struct stats_when *w, int row, int col);
/* A unit counted twice in one cell (a member who moved out, back in and out
 * again in the year: 2 人次) is listed twice; the repeat's row id carries
 * its occurrence above bit 40.  The member's (case's, organization's) id. */
#define STATS_UNIT_ID(row_id) ((int64_t)(row_id) & ((INT64_C(1) << 40) - 1))

/* 上年末 + 增加 − 减少 = 本年末 for the members of the subtree.  When it
 * fails, the members that break it (counted in one side and not the other)
 * are named in `why` (up to cap bytes), one 姓名（身份证号后四位）：说明 per line. */
struct stats_recon {
	long start, added, removed, end;
	int ok;
};
int stats_reconcile(struct session *s, const struct stats_when *w, struct stats_recon *r,
                    char *why, size_t cap, struct dj_err *e);

/* The same check on a computed "change" table's cells (row keys "start",
 * "added", "removed", "end", column "total"): 1 when it holds.  A merge
 * runs this on every pack it reads. */
int stats_change_balances(const struct stats_table *change);

/* 填报单位, 填报人, 审核人, 日期 under an exported table. */
struct stats_sign {
	char unit[128];
	char filled_by[64];
	char checked_by[64];
	char date[11];
};

/* The block for w's subtree: 填报单位 the root organization's name (w->root,
 * else the operator's scope, else the one top-level organization, else
 * [unit] name), 填报人 the operator, 审核人 [stats] checked_by, 日期 today. */
void stats_sign_fill(struct session *s, const struct stats_when *w, struct stats_sign *sign);

/* The table to path (.csv, or .xlsx when it ends so), laid out as the
 * upper level's form: title, scope and as-of line, the grid with totals,
 * the signature block.  0, or -1 with the reason on report. */
int stats_export(const struct stats_table *t, const char *scope, const struct stats_when *w,
                 const struct stats_sign *sign, const char *path, FILE *report);

#endif
