/* testdb.h — a fresh database file per test, in a private temp directory. */
#ifndef DJ_TESTDB_H
#define DJ_TESTDB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/db.h"
#include "core/session.h"

struct testdb {
	char dir[64];
	char path[128];
	struct config cfg;
	struct session s;
};

static inline void testdb_open(struct testdb *t)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/djtest.XXXXXX");
	if (!mkdtemp(t->dir))
		abort();
	snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
	config_defaults(&t->cfg);
	memset(&t->s, 0, sizeof t->s);
	t->s.cfg = &t->cfg;
	struct dj_err e;
	if (db_open(&t->cfg, t->path, 1, &t->s.db, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		abort();
	}
	char why[256];
	if (session_identify(&t->s, why, sizeof why))
		abort();
}

static inline void testdb_close(struct testdb *t)
{
	db_close(t->s.db);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		abort();
}

#endif
