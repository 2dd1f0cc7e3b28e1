/* test_db_busy.c — naming who holds the write lock (db_busy.h) leaves
 * SQLite's own locks alone, and names the other process that holds it.
 *
 * The old look opened the -shm file and closed it again; closing any
 * descriptor of a file drops every POSIX lock the process holds on it, so
 * each save of an operator let go of SQLite's lock on the -shm, and the
 * next process to open the database reset the -shm under the first one's
 * mapping (a SIGBUS in CI, or two views of the WAL). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sys/wait.h>

#include "core/db_busy.h"
#include "testdb.h"

/* SQLite's dead-man-switch byte of the -shm (UNIX_SHM_DMS in os_unix.c):
 * every connection that uses the -shm holds a read lock on it. */
enum { SHM_DMS_BYTE = 128 };

/* Whether another process sees a lock held on byte `at` of file: asked in
 * a child, whose closing of its descriptor drops nothing of ours. */
static pid_t holder_seen_by_another(const char *file, int at)
{
	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	pid_t child = fork();
	if (child == 0) {
		pid_t seen = 0;
		int fd = open(file, O_RDONLY);
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = at, .l_len = 1 };
		if (fd >= 0 && fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
			seen = fl.l_pid;
		_exit(write(pipefd[1], &seen, sizeof seen) == sizeof seen ? 0 : 1);
	}
	pid_t seen = 0;
	assert_int_equal(read(pipefd[0], &seen, sizeof seen), sizeof seen);
	waitpid(child, NULL, 0);
	close(pipefd[0]);
	close(pipefd[1]);
	return seen;
}

static void asking_keeps_sqlites_own_locks(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	char shm[160], holder[160];
	snprintf(shm, sizeof shm, "%s-shm", t.path);
	assert_int_equal(db_int(t.s.db, "SELECT count(*) FROM dict", -1, -1) > 0, 1);
	assert_int_equal(holder_seen_by_another(shm, SHM_DMS_BYTE), getpid());
	db_busy_holder(t.s.db, holder, sizeof holder);
	assert_string_equal(holder, "");   /* nobody else writes */
	assert_int_equal(holder_seen_by_another(shm, SHM_DMS_BYTE), getpid());
	testdb_close(&t);
}

static void names_the_other_writer(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	int go[2], done[2];
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(done), 0);
	pid_t child = fork();
	if (child == 0) {
		sqlite3 *db;
		char c = 0;
		if (sqlite3_open(t.path, &db) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(go[1], "x", 1) != 1 || read(done[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	char c, holder[160], want[64];
	assert_int_equal(read(go[0], &c, 1), 1);
	db_busy_holder(t.s.db, holder, sizeof holder);
	snprintf(want, sizeof want, "（进程 %ld）正在运行 ", (long)child);
	if (!strstr(holder, want))
		fail_msg("「%s」中没有「%s」", holder, want);
	assert_int_equal(write(done[1], "x", 1), 1);
	int st;
	waitpid(child, &st, 0);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(asking_keeps_sqlites_own_locks),
		cmocka_unit_test(names_the_other_writer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
