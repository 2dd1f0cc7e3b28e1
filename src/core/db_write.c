/* db_write.c — transactions, version-checked updates and id statements for
 * the domain modules' saves. */
#include "core/db_write.h"

#include <stdio.h>

#include "core/db.h"
#include "core/db_stmt.h"
#include "core/session.h"

int db_in_txn(sqlite3 *db)
{
	return !sqlite3_get_autocommit(db);
}

int db_txn_begin(struct db_txn *t, sqlite3 *db, int join, const char *savepoint,
                 struct dj_err *e)
{
	t->db = db;
	t->own = !join;
	t->savepoint = join ? savepoint : NULL;
	if (t->own)
		return db_begin(db, e);
	if (!t->savepoint)
		return 0;
	char sql[96];
	snprintf(sql, sizeof sql, "SAVEPOINT %s", t->savepoint);
	return db_exec(db, sql, e);
}

int db_txn_end(struct db_txn *t, int rc, struct dj_err *e)
{
	if (t->savepoint) {
		char sql[96];
		if (rc) {
			snprintf(sql, sizeof sql, "ROLLBACK TO %s", t->savepoint);
			sqlite3_exec(t->db, sql, NULL, NULL, NULL);
		}
		snprintf(sql, sizeof sql, "RELEASE %s", t->savepoint);
		sqlite3_exec(t->db, sql, NULL, NULL, NULL);
		return rc;
	}
	if (!t->own)
		return rc;
	if (rc == 0)
		rc = db_commit(t->db, e);
	if (rc)
		db_rollback(t->db);
	return rc;
}

int db_step_done(sqlite3 *db, sqlite3_stmt *st, const char *what, struct dj_err *e)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		rc = db_fail(db, e, what);   /* before db_done resets the error away */
	else
		rc = 0;
	db_done(st);
	return rc;
}

int db_step_update(sqlite3 *db, sqlite3_stmt *st, const char *what, const char *conflict,
                   struct dj_err *e)
{
	int rc = db_step_done(db, st, what, e);
	if (rc)
		return rc;
	if (sqlite3_changes(db) == 0)
		return dj_fail(e, DJ_CONFLICT, NULL, "%s", conflict);
	return 0;
}

int db_step_save(sqlite3 *db, sqlite3_stmt *st, int64_t *id, int64_t *version, const char *what,
                 struct dj_err *e)
{
	if (*id) {
		int rc = db_step_update(db, st, what, DB_CONFLICT_SAVE, e);
		if (rc == 0)
			(*version)++;
		return rc;
	}
	int rc = db_step_done(db, st, what, e);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(db);
	return rc;
}

int db_load_row(sqlite3 *db, const char *sql, int64_t id, sqlite3_stmt **st, const char *what,
                const char *missing, struct dj_err *e)
{
	if ((*st = db_keep(db, sql)) == NULL)
		return db_fail(db, e, what);
	sqlite3_bind_int64(*st, 1, id);
	int rc = sqlite3_step(*st);
	if (rc == SQLITE_ROW)
		return 0;
	rc = rc == SQLITE_DONE ? dj_fail(e, DJ_NOTFOUND, NULL, "%s", missing) : db_fail(db, e, what);
	db_done(*st);
	*st = NULL;
	return rc;
}

int db_exec_ids(sqlite3 *db, const char *sql, const int64_t *ids, int n, const char *what,
                struct dj_err *e)
{
	sqlite3_stmt *st = db_keep(db, sql);
	if (!st)
		return db_fail(db, e, what);
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(st, i + 1, ids[i]);
	int rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_fail(db, e, what);
	db_done(st);
	return rc;
}

int db_txn_run(struct session *s, const char *savepoint,
               int (*fn)(struct session *, void *, struct dj_err *), void *rec, struct dj_err *e)
{
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), savepoint, e);
	return rc ? rc : db_txn_end(&t, fn(s, rec, e), e);
}
