/* db_queue.h — private to src/core/ (db.c installs it on every
 * connection): writers of one database file wait their turn in the kernel.
 *
 * SQLite lets one writer in at a time; the others sleep in its busy handler
 * and retry, sleeping longer each time (up to 100 ms a sleep), and whoever
 * happens to retry first after the lock is freed wins.  With twenty
 * operators saving at once that made one save in a hundred wait 80 ms for a
 * lock held well under a millisecond at a time (BENCHMARKS.md).  Here
 * writers first line up in a file beside the database, <database>-lock:
 * first come first served, each woken by the kernel the moment the one
 * before it is done, so nobody sleeps past a free lock or is overtaken.
 *
 * The queue only decides who waits how; SQLite's own locking still guards
 * the data.  A process that cannot open the lock file (its permissions, a
 * read-only directory) writes without queueing, exactly as before; others
 * using the sqlite3 shell are not in the queue and are simply raced by
 * SQLite as before.  db.c calls these from db_open, db_begin, db_commit,
 * db_rollback and db_close. */
#ifndef DJ_DB_QUEUE_H
#define DJ_DB_QUEUE_H

#include <sqlite3.h>

/* Opens the lock file for db (created beside path with the database file's
 * permissions).  Silently does nothing when it cannot. */
void db_queue_attach(sqlite3 *db, const char *path, int timeout_ms);

/* Waits (at most the connection's busy timeout) for db's turn.  Returns 0
 * when it is ours or db has no lock file, -1 when the wait timed out. */
int db_queue_enter(sqlite3 *db);

/* Lets the next writer in; nothing when db does not hold the turn. */
void db_queue_leave(sqlite3 *db);

/* Closes db's lock file (leaving the turn if held). */
void db_queue_detach(sqlite3 *db);

#endif
