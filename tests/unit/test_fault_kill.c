/* A writer killed with SIGKILL, a hundred times, at random moments of its
 * loop — inside transactions, between them, during checkpoints.  After each
 * kill the file passes integrity_check, and every record the writer had been
 * told was saved is there, with its audit entry (all of a save or none). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "fixture.h"
#include "org/org.h"

#define KILLS 100

/* Saves new branches until killed; after each commit reports the id. */
static int writer(const char *path, int round, int report)
{
	struct config cfg;
	struct session s = { .cfg = &cfg };
	struct dj_err e;
	char why[256];
	config_defaults(&cfg);
	if (db_open(&cfg, path, 0, &s.db, &e) || session_identify(&s, why, sizeof why))
		return 1;
	/* Checkpoints every few pages, so kills land in them too. */
	sqlite3_exec(s.db, "PRAGMA wal_autocheckpoint=8", NULL, NULL, NULL);
	for (int k = 0;; k++) {
		char name[64];
		snprintf(name, sizeof name, "第%d轮第%d党支部", round, k);
		struct org o = fx_org_draft(name, "党支部", "中共驿亭镇委员会");
		snprintf(o.secretary, sizeof o.secretary, "书记%d", k);
		if (org_save(&s, &o, 0, &e))
			return 2;
		int64_t id = o.id;
		if (write(report, &id, sizeof id) != sizeof id)
			return 3;
	}
}

static int read_all(int fd, int64_t *ids, int cap, int *n)
{
	int64_t id;
	ssize_t got;
	while (*n < cap && (got = read(fd, &id, sizeof id)) == sizeof id)
		ids[(*n)++] = id;
	return 0;
}

static void check_file(struct testdb *t, const int64_t *ids, int n)
{
	struct dj_err e;
	assert_int_equal(db_open(&t->cfg, t->path, 0, &t->s.db, &e), 0);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t->s.db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	for (int i = 0; i < n; i++)
		assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org WHERE id = ?", ids[i], 0), 1);
	/* A save is the record and its audit entry together. */
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org", -1, 0),
	                 db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='org' AND action='新增'"
	                        " AND row_id IN (SELECT id FROM org)", -1, 0));
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='org' AND"
	                        " row_id NOT IN (SELECT id FROM org)", -1, 0), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM pragma_foreign_key_check", -1, 0), 0);
	db_close(t->s.db);
	t->s.db = NULL;
}

static void killed_writers_leave_every_commit(void **state)
{
	struct testdb *t = *state;
	struct org root = fx_org_draft("中共驿亭镇委员会", "党委", "");
	struct dj_err e;
	assert_int_equal(org_save(&t->s, &root, 0, &e), 0);
	db_close(t->s.db);   /* no connection may cross a fork */
	t->s.db = NULL;
	static int64_t ids[KILLS * 64];
	int n = 0, mid_loop = 0;
	srand((unsigned)time(NULL));
	for (int round = 0; round < KILLS; round++) {
		int report[2];
		assert_int_equal(pipe(report), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(report[0]);
			_exit(writer(t->path, round, report[1]));
		}
		close(report[1]);
		/* Wait for a few commits, then kill at a random moment after. */
		int want = 1 + rand() % 4, before = n;
		while (n - before < want && n < KILLS * 60) {
			int64_t id;
			if (read(report[0], &id, sizeof id) != sizeof id)
				break;
			ids[n++] = id;
		}
		struct timespec pause = { 0, (rand() % 3000) * 1000L };
		nanosleep(&pause, NULL);
		kill(pid, SIGKILL);
		int status;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		mid_loop += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
		read_all(report[0], ids, KILLS * 64, &n);   /* reported before the kill: committed */
		close(report[0]);
		check_file(t, ids, n);
	}
	assert_int_equal(mid_loop, KILLS);   /* every writer was still writing when killed */
	assert_true(n >= KILLS);
	assert_int_equal(db_open(&t->cfg, t->path, 0, &t->s.db, &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_DB_TEST(killed_writers_leave_every_commit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
