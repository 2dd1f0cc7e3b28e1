/* db_write.h — the shape every save in src/ shares: the transaction one
 * write runs in (its own BEGIN IMMEDIATE, or a caller's such as the demo or
 * an import), the optimistic version check of an UPDATE, reading one row by
 * id, and statements that take only row ids.  db.h holds the connection. */
#ifndef DJ_DB_WRITE_H
#define DJ_DB_WRITE_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/db_stmt.h"
#include "core/err.h"

/* What an operator is told when the record moved on since they read it:
 * "保存" after a save, "操作" after a delete, close-out or event. */
#define DB_CONFLICT_SAVE "此记录已被他人修改，请按 F5 重新读取后再保存"
#define DB_CONFLICT_ACT "此记录已被他人修改，请按 F5 重新读取后再操作"

/* The transaction one write runs in, from db_txn_begin to db_txn_end. */
struct db_txn {
	sqlite3 *db;
	int own;                 /* opened here: COMMIT or ROLLBACK at the end */
	const char *savepoint;   /* inside the caller's, under this savepoint */
};

/* 1 when the connection has a transaction open (a caller's). */
int db_in_txn(sqlite3 *db);

/* Opens a write.  join 0: BEGIN IMMEDIATE.  join 1: inside the caller's
 * transaction — under SAVEPOINT `savepoint`, so a failure undoes this write
 * alone and the caller may go on; with savepoint NULL a failure is left for
 * the caller to undo.  Returns 0, or DJ_DB with the message. */
int db_txn_begin(struct db_txn *t, sqlite3 *db, int join, const char *savepoint,
                 struct dj_err *e);

/* Ends the write with the work's outcome rc: commits (rc 0) or rolls back
 * what db_txn_begin opened.  Returns the outcome: rc, or DJ_DB when the
 * COMMIT itself failed (then everything is rolled back). */
int db_txn_end(struct db_txn *t, int rc, struct dj_err *e);

struct session;
/* fn(s, rec, e) as one write: in its own transaction, or under SAVEPOINT
 * `savepoint` inside the caller's; its outcome, or DJ_DB when the COMMIT
 * failed. */
int db_txn_run(struct session *s, const char *savepoint,
               int (*fn)(struct session *, void *, struct dj_err *), void *rec, struct dj_err *e);

/* Steps a prepared, bound statement that returns no rows and gives it back
 * (db_done: a kept one is reset, any other finalized): 0, or DJ_DB as
 * db_fail(what). */
int db_step_done(sqlite3 *db, sqlite3_stmt *st, const char *what, struct dj_err *e);

/* Steps and gives back a prepared, bound UPDATE … WHERE id=? AND version=?.
 * Returns 0; DJ_CONFLICT with the message `conflict` when no row matched
 * (another operator saved first); or DJ_DB as db_fail(what). */
int db_step_update(sqlite3 *db, sqlite3_stmt *st, const char *what, const char *conflict,
                   struct dj_err *e);

/* A record's save, prepared and bound: its INSERT when *id is 0 (then *id
 * is the new row's), else its version-checked UPDATE as db_step_update with
 * DB_CONFLICT_SAVE (then *version moves on with the row's). */
int db_step_save(sqlite3 *db, sqlite3_stmt *st, int64_t *id, int64_t *version, const char *what,
                 struct dj_err *e);

/* Takes sql's kept statement (db_keep), binds id as ?1 and steps to its
 * row: 0 with *st on the row (the caller reads it and gives it back with
 * db_done, never sqlite3_finalize), DJ_NOTFOUND with the message
 * `missing` when there is none, or DJ_DB as db_fail(what). */
int db_load_row(sqlite3 *db, const char *sql, int64_t id, sqlite3_stmt **st, const char *what,
                const char *missing, struct dj_err *e);

/* Runs a statement whose parameters are n row ids (?1 … ?n); 0, or DJ_DB as
 * db_fail(what) when it does not run through. */
int db_exec_ids(sqlite3 *db, const char *sql, const int64_t *ids, int n, const char *what,
                struct dj_err *e);

#endif
