/* test_db_queue.c — writers of one database take turns first come, first
 * served (db_queue.h): a second writer waits for the first and gives up at
 * its busy timeout with the Chinese message; writers queued in an order
 * get in in that order; a writer killed in its turn lets the next one in at
 * once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "core/db_stmt.h"
#include "testdb.h"

static struct testdb T;

static int setup(void **state)
{
	(void)state;
	testdb_open(&T);
	struct dj_err e;
	return db_exec(T.s.db, "CREATE TABLE turn(who INTEGER)", &e);
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&T);
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A second connection; NULL (with the reason on stderr) when it cannot be
 * opened — children must not return into cmocka. */
static sqlite3 *open_other(int timeout_ms)
{
	struct config c = T.cfg;
	struct dj_err e;
	sqlite3 *db;
	c.busy_timeout_ms = timeout_ms;
	if (db_open(&c, T.path, 0, &db, &e)) {
		fprintf(stderr, "pid %d: %s\n", (int)getpid(), e.msg);
		return NULL;
	}
	return db;
}

/* The tickets drawn so far: the first 8 bytes of the lock file. */
static uint64_t tickets(void)
{
	char lock[160];
	uint64_t n = 0;
	snprintf(lock, sizeof lock, "%s-lock", T.path);
	FILE *f = fopen(lock, "rb");
	assert_non_null(f);
	if (fread(&n, sizeof n, 1, f) != 1)
		n = 0;
	fclose(f);
	return n;
}

static void second_writer_waits_then_gives_up_with_message(void **state)
{
	(void)state;
	struct dj_err e;
	sqlite3 *other = open_other(150);
	assert_non_null(other);
	assert_int_equal(db_begin(T.s.db, &e), 0);
	double t0 = now_ms();
	assert_int_equal(db_begin(other, &e), DJ_DB);
	double waited = now_ms() - t0;
	assert_true(waited >= 140);
	assert_non_null(strstr(e.msg, DB_BUSY_WHY));
	assert_int_equal(sqlite3_get_autocommit(other), 1);   /* nothing left open */
	assert_int_equal(db_commit(T.s.db, &e), 0);
	assert_int_equal(db_begin(other, &e), 0);   /* the turn was given back */
	assert_int_equal(db_exec(other, "INSERT INTO turn VALUES (1)", &e), 0);
	assert_int_equal(db_commit(other, &e), 0);
	db_rollback(T.s.db);   /* leaving a turn not held does nothing */
	assert_int_equal(db_begin(T.s.db, &e), 0);
	db_rollback(T.s.db);
	db_close(other);
}

/* A child that opens its connection, says so on `ready`, waits for a byte
 * on `go`, then queues for a turn and records its number.  (Children are
 * forked before the parent's transaction: a child of a process inside a
 * write transaction inherits SQLite's idea that the lock is held.) */
static void queued_child(int who, int ready, int go)
{
	struct dj_err e;
	sqlite3 *db = open_other(5000);
	char sql[64], c;
	snprintf(sql, sizeof sql, "INSERT INTO turn VALUES (%d)", who);
	if (!db || write(ready, "x", 1) != 1 || read(go, &c, 1) != 1)
		_exit(2);
	if (db_begin(db, &e) || db_exec(db, sql, &e) || db_commit(db, &e)) {
		fprintf(stderr, "writer %d: %s\n", who, e.msg);
		_exit(1);
	}
	db_close(db);
	_exit(0);
}

static void writers_get_in_in_the_order_they_queued(void **state)
{
	(void)state;
	struct dj_err e;
	enum { N = 5 };
	pid_t pids[N];
	int ready[2], go[N][2];
	char c;
	assert_int_equal(pipe(ready), 0);
	for (int i = 0; i < N; i++) {
		assert_int_equal(pipe(go[i]), 0);
		pids[i] = fork();
		if (pids[i] == 0)
			queued_child(i + 1, ready[1], go[i][0]);
		assert_int_equal(read(ready[0], &c, 1), 1);
	}
	assert_int_equal(db_begin(T.s.db, &e), 0);
	uint64_t before = tickets();
	for (int i = N - 1; i >= 0; i--) {   /* in line last to first */
		assert_int_equal(write(go[i][1], "x", 1), 1);
		while (tickets() < before + (uint64_t)(N - i))
			usleep(1000);
	}
	assert_int_equal(db_commit(T.s.db, &e), 0);
	for (int i = 0; i < N; i++) {
		int status;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		close(go[i][0]);
		close(go[i][1]);
	}
	close(ready[0]);
	close(ready[1]);
	sqlite3_stmt *st = db_keep(T.s.db, "SELECT group_concat(who, ',') FROM turn");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "5,4,3,2,1");
	db_done(st);
}

static void a_writer_killed_in_its_turn_lets_the_next_in(void **state)
{
	(void)state;
	struct dj_err e;
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	if (pid == 0) {
		sqlite3 *db = open_other(5000);
		if (!db || db_begin(db, &e) || write(ready[1], "x", 1) != 1)
			_exit(1);
		pause();   /* killed while holding the turn and the write lock */
		_exit(0);
	}
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	double t0 = now_ms();
	assert_int_equal(db_begin(T.s.db, &e), 0);
	assert_true(now_ms() - t0 < 1000);
	db_rollback(T.s.db);
	close(ready[0]);
	close(ready[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(second_writer_waits_then_gives_up_with_message, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(writers_get_in_in_the_order_they_queued, setup, teardown),
		cmocka_unit_test_setup_teardown(a_writer_killed_in_its_turn_lets_the_next_in, setup,
		                                teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
