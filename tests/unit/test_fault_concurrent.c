/* Twenty operators saving at once, each in its own process as on the
 * server: every save either succeeds or is told of the conflict and tried
 * again on the fresh record; none is lost and nobody sees "database is
 * locked" (busy_timeout and BEGIN IMMEDIATE make writers queue). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <sys/wait.h>

#include "fixture.h"
#include "org/org.h"

#define WRITERS 20
#define INCREMENTS 10  /* per writer, on the one shared record */
#define INSERTS 2      /* per writer, new records of its own */

static int64_t add_root(struct session *s)
{
	struct org o = fx_org_draft("中共驿亭镇委员会", "党委", "");
	struct dj_err e;
	snprintf(o.notes, sizeof o.notes, "0");
	return org_save(s, &o, 0, &e) == 0 ? o.id : 0;
}

/* One writer: the shared counter in 备注 goes up by one per save, reloading
 * after each conflict as the form does; then records of its own.  Any other
 * refusal is written to `report` and ends the writer with status 1. */
static int writer(const char *path, int64_t root, int n, int go, int report)
{
	char buf;
	if (read(go, &buf, 1) < 0)   /* all start together: the parent closes the pipe */
		return 1;
	struct config cfg;
	struct session s = { .cfg = &cfg };
	struct dj_err e;
	char why[256];
	config_defaults(&cfg);
	if (db_open(&cfg, path, 0, &s.db, &e) || session_identify(&s, why, sizeof why)) {
		dprintf(report, "writer %d: cannot open\n", n);
		return 1;
	}
	int done = 0, conflicts = 0;
	while (done < INCREMENTS) {
		struct org o;
		if (org_load(&s, root, &o, &e) == 0) {
			snprintf(o.notes, sizeof o.notes, "%ld", atol(o.notes) + 1);
			int rc = org_save(&s, &o, 0, &e);
			if (rc == 0) {
				done++;
				continue;
			}
			if (rc == DJ_CONFLICT) {
				conflicts++;
				continue;
			}
		}
		dprintf(report, "writer %d: %s\n", n, e.msg);
		return 1;
	}
	for (int k = 0; k < INSERTS; k++) {
		struct org o = { 0 };
		snprintf(o.name, sizeof o.name, "第%d党支部之%d", n, k);
		snprintf(o.kind, sizeof o.kind, "党支部");
		snprintf(o.category, sizeof o.category, "农村");
		snprintf(o.parent, sizeof o.parent, "中共驿亭镇委员会");
		if (org_save(&s, &o, 0, &e)) {
			dprintf(report, "writer %d: %s\n", n, e.msg);
			return 1;
		}
	}
	db_close(s.db);
	return 0;
}

static void twenty_writers_lose_nothing(void **state)
{
	struct testdb *t = *state;
	int64_t root = add_root(&t->s);
	assert_true(root > 0);
	/* No connection may cross a fork: the parent lets go of its own. */
	db_close(t->s.db);
	t->s.db = NULL;
	int go[2], report[2];
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(report), 0);
	pid_t pids[WRITERS];
	for (int n = 0; n < WRITERS; n++) {
		pids[n] = fork();
		assert_true(pids[n] >= 0);
		if (pids[n] == 0) {
			close(go[1]);
			close(report[0]);
			_exit(writer(t->path, root, n, go[0], report[1]));
		}
	}
	close(go[0]);
	close(report[1]);
	close(go[1]);   /* go */
	int failed = 0;
	for (int n = 0; n < WRITERS; n++) {
		int status;
		while (waitpid(pids[n], &status, 0) < 0 && errno == EINTR)
			;
		failed += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	char text[4096] = "";
	ssize_t got = read(report[0], text, sizeof text - 1);
	close(report[0]);
	text[got > 0 ? got : 0] = 0;
	if (*text)
		fprintf(stderr, "%s", text);
	assert_string_equal(text, "");   /* nobody was told "database is locked" or anything else */
	assert_int_equal(failed, 0);

	struct dj_err e;
	assert_int_equal(db_open(&t->cfg, t->path, 0, &t->s.db, &e), 0);
	struct org o;
	assert_int_equal(org_load(&t->s, root, &o, &e), 0);
	assert_string_equal(o.notes, "200");            /* WRITERS * INCREMENTS */
	assert_int_equal(o.version, WRITERS * INCREMENTS);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org", -1, 0), 1 + WRITERS * INSERTS);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='org' AND row_id=?",
	                        root, 0), 1 + WRITERS * INCREMENTS);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t->s.db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_DB_TEST(twenty_writers_lose_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
