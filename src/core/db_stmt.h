/* db_stmt.h — prepared statements a connection keeps for its life.
 *
 * A save runs the same handful of statements every time (find the branch,
 * check the 身份证号, insert, audit); an import runs them for every row.
 * Compiling each one anew cost more than running it (an import of 194,043
 * members spent a quarter of its time in SQLite's parser and malloc), so the
 * hot paths take their statements from here: compiled once per connection,
 * handed back reset.
 *
 * Rules: a statement from db_keep goes back with db_done, never
 * sqlite3_finalize; db_done also finalizes a statement that was never kept,
 * so a helper that takes either (db_step_done) calls it on both.  Connections
 * opened with db_open are closed with db_close, which drops their kept
 * statements. */
#ifndef DJ_DB_STMT_H
#define DJ_DB_STMT_H

#include <sqlite3.h>

/* The statement for sql on db, reset with no bindings: the kept one, or one
 * compiled now and kept.  When the kept one is still running (a caller up the
 * stack is stepping it) a fresh one is compiled and not kept.  NULL when sql
 * does not compile (sqlite3_errmsg(db) says why). */
sqlite3_stmt *db_keep(sqlite3 *db, const char *sql);

/* Gives a statement back: a kept one is reset and its bindings cleared, any
 * other finalized.  NULL is ignored. */
void db_done(sqlite3_stmt *st);

/* Finalizes every statement kept for db (before closing it). */
void db_forget(sqlite3 *db);

#endif
