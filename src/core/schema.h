/* schema.h — private to src/core/ (db.c runs them): the migrations
 * embedded at build time (see schema/embed.sh). */
#ifndef DJ_SCHEMA_H
#define DJ_SCHEMA_H

#include <sqlite3.h>

struct migration {
	int version;       /* PRAGMA user_version after this migration */
	const char *name;  /* file name, for messages */
	const char *sql;
};

/* Ordered by version, terminated by { 0, 0, 0 }. */
extern const struct migration migrations[];

/* What a migration does in C after its SQL, in the same transaction (009:
 * chaining the audit entries already there); SQLITE_OK when it has nothing
 * to do, else an error code with the message on db (schema_step.c). */
int migration_step(sqlite3 *db, int version);

#endif
