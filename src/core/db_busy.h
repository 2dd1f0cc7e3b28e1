/* db_busy.h — private to src/core/ (db.c): who holds the write lock, for
 * the message a writer gets when it waited past its busy timeout.
 *
 * SQLite's WAL write lock is a POSIX byte lock on the database's -shm file;
 * the kernel lists it with its process in /proc/locks, and /proc tells
 * whose that process is and what it runs.  Nothing is written anywhere, so
 * saves cost nothing extra; when any of it cannot be read (another kind of
 * file system, /proc hidden) the message is only the general one. */
#ifndef DJ_DB_BUSY_H
#define DJ_DB_BUSY_H

#include <sqlite3.h>
#include <stddef.h>

/* Writes "：zhang（进程 1234）正在运行 dangjian import members a.csv" —
 * the login, process and command holding db's write lock, the command last
 * since a narrow message line cuts the end — into out, or "" when nobody
 * else holds it or it cannot be told. */
void db_busy_holder(sqlite3 *db, char *out, size_t cap);

#endif
