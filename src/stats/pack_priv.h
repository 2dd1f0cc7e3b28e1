/* pack_priv.h — private to src/stats/: what the pack's writer and reader
 * share, its schema and its checksum. */
#ifndef DJ_STATS_PACK_PRIV_H
#define DJ_STATS_PACK_PRIV_H

#include <sqlite3.h>

#include "core/err.h"
#include "stats/stats.h"

extern const char pack_schema_sql[];

/* The hex SHA-256 of the canonical dump of db's pack tables (meta without
 * its checksum, then tables, rows, cols and cells in key order, every value
 * with its type and length).  0, or -1 when a table or column is missing or
 * the database cannot be read. */
int pack_digest(sqlite3 *db, char hex[65]);

/* A pack's change table (key "change") must balance: 0, or -1 with e
 * naming the unit and the four figures.  A table set without one is
 * refused too: every pack the program makes has it. */
int pack_change_check(const struct stats_table *change, const char *unit, struct dj_err *e);

#endif
