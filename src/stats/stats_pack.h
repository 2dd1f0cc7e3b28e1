/* stats_pack.h — 党内统计 sent upward without a shared server: a township
 * packs the year's tables of its whole database into one file (an SQLite
 * database, so a kept library reads it), and the county's machine merges
 * several packs into one view with each township beside the total.
 *
 * The pack's tables: meta (key, value: format, program, unit, as_of,
 * made_at, pack_id, checksum), tables (pos, key, name, unit), rows
 * (table_key, pos, key, label, sub), cols (table_key, pos, key, label) and
 * cells (table_key, row_key, col_key, row_label, col_label, value).  The
 * checksum is SHA-256 over a canonical dump of everything but itself, so a
 * changed byte anywhere shows.  PRAGMA application_id marks the file as a
 * pack, user_version is its format.
 *
 * A pack arrives on a USB stick or by mail: everything in it is untrusted.
 * It is opened read-only and immutable (no -wal or -shm beside it), its
 * size bounded before it is opened, its structure and checksum checked, and
 * its labels cleaned of control characters as they are read. */
#ifndef DJ_STATS_PACK_H
#define DJ_STATS_PACK_H

#include <stdio.h>

#include "core/err.h"
#include "core/session.h"
#include "stats/stats.h"

#define STATS_PACK_APPID 0x444a5350   /* "DJSP" */
#define STATS_PACK_FORMAT 1
#define STATS_PACK_MAX_BYTES (64L * 1024 * 1024)
#define STATS_PACK_MAX_TABLES 16

struct stats_pack_meta {
	int format;
	char program[32];    /* the version of the program that made it */
	char unit[128];      /* 填报单位: the root organization of the database */
	char as_of[11];
	char made_at[20];    /* YYYY-MM-DD HH:MM:SS, local time */
	char pack_id[33];    /* 32 hex digits, random: the same pack sent twice shows */
	char checksum[65];   /* hex SHA-256 */
};

/* A pack as read: its tables own their key and name strings. */
struct stats_pack {
	struct stats_pack_meta meta;
	int n;
	struct stats_table t[STATS_PACK_MAX_TABLES];
	char key[STATS_PACK_MAX_TABLES][STATS_KEYLEN];
	char name[STATS_PACK_MAX_TABLES][STATS_LABELLEN];
};

/* Writes tables[0..n) with meta's unit, as_of and program (format,
 * made_at, pack_id and checksum are filled in here, into *meta) to path,
 * atomically (core/outfile.h: whole or absent; an existing path only after
 * outfile_permit_replace).  0, or -1 with the Chinese reason in e. */
int stats_pack_write(const char *path, struct stats_pack_meta *meta,
                     const struct stats_table *tables, int n, struct dj_err *e);

/* Computes every table of stats_defs for the whole database (root 0) as at
 * as_of ("" or NULL: 12-31 of the work year) and writes the pack.  A change
 * table that does not balance is refused, naming its figures.  *meta (when
 * not NULL) gets what was written. */
int stats_pack_make(struct session *s, const char *path, const char *as_of,
                    struct stats_pack_meta *meta, struct dj_err *e);

/* Reads and checks a pack.  0, or -1 with e->msg saying why in Chinese
 * (not a pack, damaged, truncated, newer format, too large), without the
 * file's name: the caller names it. */
int stats_pack_read(const char *path, struct stats_pack *p, struct dj_err *e);

/* The table of that key in a read pack, or NULL. */
const struct stats_table *stats_pack_table(const struct stats_pack *p, const char *key);

/* The packs summed, cell by cell by keys: the union of tables, rows and
 * columns in the order they first appear, a cell absent from a pack
 * counting 0 there. */
struct stats_merged_table {
	char key[STATS_KEYLEN];
	char name[STATS_LABELLEN];
	int nrows, ncols;
	char row_key[STATS_MAXROWS][STATS_KEYLEN];
	char row_label[STATS_MAXROWS][STATS_LABELLEN];
	int row_sub[STATS_MAXROWS];
	char col_key[STATS_MAXCOLS][STATS_KEYLEN];
	char col_label[STATS_MAXCOLS][STATS_LABELLEN];
	long *cell;   /* [unit][row][col], units 0..nunits-1 then the total */
};
struct stats_merge {
	int nunits;
	char (*unit)[128];
	char as_of[11];   /* the latest of the packs' */
	int ntables;
	struct stats_merged_table t[STATS_PACK_MAX_TABLES];
};
/* The cell of unit u (nunits: the total) at (r, c). */
long stats_merged_cell(const struct stats_merge *m, const struct stats_merged_table *t, int u,
                       int r, int c);

/* Reads every file and sums them: all or nothing.  A pack refused (damaged,
 * sent twice — the same pack id, or the same unit and as-of date —, its own
 * change table out of balance, another year's) refuses the merge, and e
 * names the file(s) and the reason.  0, or -1. */
int stats_merge_files(const char *const *paths, int n, struct stats_merge *m, struct dj_err *e);
void stats_merge_free(struct stats_merge *m);

/* The merge as aligned text, one table after another, units as rows and
 * the total last, wrapped into column groups that fit `width` columns. */
void stats_merge_print(const struct stats_merge *m, int width, FILE *out);
/* The merge to path (.csv, or .xlsx by its name: core/csv.h), one section
 * per table, rows the units and 合计.  0, or -1 with the reason on report. */
int stats_merge_export(const struct stats_merge *m, const char *path, FILE *report);

#endif
