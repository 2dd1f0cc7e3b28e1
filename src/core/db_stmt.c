/* db_stmt.c — a small table of compiled statements per process, looked up by
 * connection and SQL text. */
#include "core/db_stmt.h"

#include <string.h>

/* The hot statements of every save together are a few dozen; a one-off
 * query that lands here only pushes out the least recently used entry. */
enum { KEPT_MAX = 64 };

static struct kept {
	sqlite3 *db;
	sqlite3_stmt *st;
	unsigned long used;   /* clock of the last db_keep, for eviction */
} kept[KEPT_MAX];
static unsigned long clock_now;

static struct kept *find(sqlite3 *db, const char *sql)
{
	for (int i = 0; i < KEPT_MAX; i++)
		if (kept[i].db == db && strcmp(sqlite3_sql(kept[i].st), sql) == 0)
			return &kept[i];
	return NULL;
}

/* An empty slot, or the least recently used idle one (finalized). */
static struct kept *free_slot(void)
{
	struct kept *lru = NULL;
	for (int i = 0; i < KEPT_MAX; i++) {
		if (!kept[i].db)
			return &kept[i];
		if (!sqlite3_stmt_busy(kept[i].st) && (!lru || kept[i].used < lru->used))
			lru = &kept[i];
	}
	if (lru) {
		sqlite3_finalize(lru->st);
		memset(lru, 0, sizeof *lru);
	}
	return lru;
}

sqlite3_stmt *db_keep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	struct kept *k = find(db, sql);
	if (k && !sqlite3_stmt_busy(k->st)) {
		k->used = ++clock_now;
		return k->st;
	}
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return NULL;
	}
	if (!k && st && (k = free_slot()) != NULL)
		*k = (struct kept){ db, st, ++clock_now };
	return st;
}

static struct kept *kept_of(sqlite3_stmt *st)
{
	for (int i = 0; i < KEPT_MAX; i++)
		if (kept[i].st == st)
			return &kept[i];
	return NULL;
}

void db_done(sqlite3_stmt *st)
{
	if (!st)
		return;
	if (!kept_of(st)) {
		sqlite3_finalize(st);
		return;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

void db_forget(sqlite3 *db)
{
	for (int i = 0; i < KEPT_MAX; i++)
		if (kept[i].db == db) {
			sqlite3_finalize(kept[i].st);
			memset(&kept[i], 0, sizeof kept[i]);
		}
}
