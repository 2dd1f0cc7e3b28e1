/* db.h — the one SQLite file many operators share (DESIGN.md §8).
 *
 * WAL, busy_timeout, foreign keys, synchronous from the config; migrations by
 * PRAGMA user_version; PRAGMA application_id marks the file as ours; a file
 * newer than this binary is opened read-only with a message, never written.
 * Every write goes through db_begin (BEGIN IMMEDIATE) … db_commit. */
#ifndef DJ_DB_H
#define DJ_DB_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/db_wait.h"
#include "core/err.h"

#define DJ_APPLICATION_ID 0x444a4a31   /* "DJJ1" */

/* The user_version of the newest migration this binary carries. */
int db_schema_latest(void);

/* Opens (creating when `create`) and migrates.  Returns 0, or DJ_DB with a
 * Chinese message: not our file, newer than this program, cannot open. */
int db_open(const struct config *c, const char *path, int create, sqlite3 **out, struct dj_err *e);
/* Closes any connection the helpers here have been used on (they keep
 * compiled statements, db_stmt.h): sqlite3_close alone would fail on them. */
void db_close(sqlite3 *db);

/* SQLite's page cache per connection, in KB.  An operator's process keeps
 * 1 MB (many of them share a server; BENCHMARKS.md: peak memory).  A bulk
 * write (an import of a county's roster) inserts into every index of the
 * table in random key order: with 1 MB those index pages go out to the WAL
 * and are read back again and again, so for its transaction it takes 64 MB,
 * given back after.  db_bulk(db, 1) / db_bulk(db, 0) switch. */
#define DB_CACHE_KB 1024
#define DB_BULK_CACHE_KB 65536
void db_bulk(sqlite3 *db, int on);

/* 1 when the file was written by a newer program and must not be written. */
int db_readonly(sqlite3 *db);

/* What an operator is told when others held the write lock past the busy
 * timeout; db_fail adds who, when it can tell (db_busy.h). */
#define DB_BUSY_WHY "其他操作员正在写入（如导入），请稍候再试"
/* … and when the disk (or the quota) is full, whatever SQLite called it. */
#define DB_FULL_WHY "磁盘已满，无法写入数据库"

/* BEGIN IMMEDIATE, after waiting in line behind other writers (db_queue.h);
 * db_commit and db_rollback let the next one in.  From db_begin to the end
 * the job-control stops (Ctrl-Z's SIGTSTP, SIGTTIN, SIGTTOU) are held back
 * and take effect once the transaction is over: a process stopped while it
 * holds the write lock would stop every other operator's saves and starts
 * with it. */
int db_begin(sqlite3 *db, struct dj_err *e);
/* db_on_wait (db_wait.h): what a writer is told before it waits. */
int db_commit(sqlite3 *db, struct dj_err *e);
void db_rollback(sqlite3 *db);
/* The same hold for a lock taken outside db_begin (restore's exclusive
 * connection), under a key of the caller's that outlives the lock: stops
 * wait from hold until the release with the same key. */
void db_stops_hold(const void *key);
void db_stops_release(const void *key);
int db_exec(sqlite3 *db, const char *sql, struct dj_err *e);

/* Turns the connection's last error into a Chinese message for an operator:
 * busy, disk full, read-only, I/O error, corrupt, constraint … `what` names
 * the action ("保存组织"). Returns DJ_DB. */
int db_fail(sqlite3 *db, struct dj_err *e, const char *what);
/* The same reason alone, into out, for a message of the caller's own
 * ("查询失败：%s"): a read path never shows SQLite's English for busy, a
 * full disk or an I/O error.  Returns out. */
const char *db_why(sqlite3 *db, char *out, size_t cap);

/* Prepared-statement helpers: bind text ("" binds NULL when null_if_empty). */
void db_bind_text(sqlite3_stmt *st, int i, const char *s, int null_if_empty);
/* Copies a column as text ("" for NULL), truncating without splitting UTF-8. */
void db_col_text(sqlite3_stmt *st, int i, char *out, size_t cap);

/* One integer from a query with at most one int64 parameter (-1 = none);
 * returns def when no row. */
int64_t db_int(sqlite3 *db, const char *sql, int64_t param, int64_t def);

/* Online backup (SQLite backup API) of a live database into `dest`, fsynced. */
int db_backup(sqlite3 *db, const char *dest, struct dj_err *e);

/* SQL: organization `col` is under :scope, itself included (:scope 0:
 * everything) — the condition every ledger answering to the operator's
 * scope puts in its WHERE.  The recursive walk follows org.parent_id; the
 * alias is its own so that it shadows nothing of the query around it. */
#define DB_SUBTREE(col) "(:scope = 0 OR " col " IN (WITH RECURSIVE sub(id) AS (SELECT :scope" \
	" UNION ALL SELECT sub_org.id FROM org sub_org JOIN sub ON sub_org.parent_id = sub.id)" \
	" SELECT id FROM sub))"

#endif
