/* schema.h — private to src/core/ (db.c runs them): the migrations
 * embedded at build time (see schema/embed.sh). */
#ifndef DJ_SCHEMA_H
#define DJ_SCHEMA_H

struct migration {
	int version;       /* PRAGMA user_version after this migration */
	const char *name;  /* file name, for messages */
	const char *sql;
};

/* Ordered by version, terminated by { 0, 0, 0 }. */
extern const struct migration migrations[];

#endif
