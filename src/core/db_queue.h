/* db_queue.h — db.c installs it on every connection; only
 * db_queue_problem is for the program above (main.c, cli.c): writers of one database file wait their turn in the kernel.
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
 * read-only directory) writes without queueing, exactly as before, and
 * db_queue_problem says so: installed, a lock file the operators cannot
 * write turned the queue off for everyone, unnoticed (issue 18).  Others
 * using the sqlite3 shell are not in the queue and are simply raced by
 * SQLite as before.  db.c calls these from db_open, db_begin, db_commit,
 * db_rollback and db_close. */
#ifndef DJ_DB_QUEUE_H
#define DJ_DB_QUEUE_H

#include <sqlite3.h>
#include <stddef.h>

/* Opens the lock file for db (created beside path with the database file's
 * owner and permissions, repaired to them when we may).  When it cannot,
 * db writes unqueued and the reason is kept for db_queue_problem. */
void db_queue_attach(sqlite3 *db, const char *path, int timeout_ms);

/* Whether a lock file could not be used since the last call: 1 with the
 * Chinese reason (naming the file and the remedy) in out, once; else 0. */
int db_queue_problem(char *out, size_t cap);

/* Waits (at most the connection's busy timeout) for db's turn.  Returns 0
 * when it is ours or db has no lock file, -1 when the wait timed out. */
int db_queue_enter(sqlite3 *db);

/* Lets the next writer in; nothing when db does not hold the turn. */
void db_queue_leave(sqlite3 *db);

/* Closes db's lock file (leaving the turn if held). */
void db_queue_detach(sqlite3 *db);

#endif
