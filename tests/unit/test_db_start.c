/* Starts and the write lock (issue 18, item 4).  A start of a database
 * whose schema is current only reads: a viewer, `check` and `export` start
 * while another process holds the write lock past the busy timeout, and on
 * a full disk; nothing in the file changes.  A writer kept out is told in
 * Chinese who holds the lock.  Ctrl-Z (SIGTSTP) during a write stops the
 * process only once the transaction has committed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "cli/cli.h"
#include "core/db_write.h"
#include "fixture.h"

#define TIMEOUT_MS 800   /* everybody's busy_timeout here */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int setup(void **state)
{
	fx_db_setup(state);
	struct testdb *t = *state;
	t->cfg.busy_timeout_ms = TIMEOUT_MS;
	sqlite3_busy_timeout(t->s.db, TIMEOUT_MS);
	snprintf(t->cfg.db_path, sizeof t->cfg.db_path, "%s", t->path);
	fx_org_save(&t->s, fx_org_draft("中共驿亭镇委员会", "党委", ""));
	return 0;
}

/* ---- another process in a long write ---- */

struct holder {
	pid_t pid;
	int release;   /* write end: closing it ends the holder's write */
};

/* A child process opens the database as the program does, begins a write,
 * inserts a row, says so, and holds the lock until told to roll back. */
static struct holder hold_write_lock(struct testdb *t)
{
	int ready[2], release[2];
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(release), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(ready[0]);
		close(release[1]);
		sqlite3 *db;
		struct dj_err e;
		char c;
		if (db_open(&t->cfg, t->path, 0, &db, &e) || db_begin(db, &e) ||
		    db_exec(db, "INSERT INTO app_user(login, display_name, role)"
		                " VALUES ('holder', '导入中', 'viewer')", &e))
			_exit(1);
		if (write(ready[1], "r", 1) != 1 || read(release[0], &c, 1) < 0)
			_exit(1);
		db_rollback(db);
		db_close(db);
		_exit(0);
	}
	close(ready[1]);
	close(release[0]);
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	return (struct holder){ pid, release[1] };
}

static void let_go(struct holder h)
{
	int status;
	close(h.release);
	assert_int_equal(waitpid(h.pid, &status, 0), h.pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Runs a command with its stdout and stderr caught in out. */
static int run_cli(struct testdb *t, char *out, size_t cap, char **argv, int argc)
{
	char path[160];
	snprintf(path, sizeof path, "%s/out.txt", t->dir);
	fflush(NULL);
	int saved_err = dup(2), saved_out = dup(1);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	dup2(fd, 1);
	close(fd);
	int rc = cli_run(&t->cfg, argc, argv);
	fflush(NULL);
	dup2(saved_err, 2);
	dup2(saved_out, 1);
	close(saved_err);
	close(saved_out);
	FILE *in = fopen(path, "r");
	size_t n = fread(out, 1, cap - 1, in);
	out[n] = 0;
	fclose(in);
	return rc;
}

/* The program's start: the database opened and the operator known. */
static int start(struct testdb *t, sqlite3 **db, struct dj_err *e)
{
	if (db_open(&t->cfg, t->path, 0, db, e))
		return -1;
	struct session s = { .cfg = &t->cfg, .db = *db };
	char why[256];
	if (session_identify(&s, why, sizeof why)) {
		dj_fail(e, DJ_DB, NULL, "%s", why);
		db_close(*db);
		*db = NULL;
		return -1;
	}
	return 0;
}

static void readers_start_while_a_long_write_holds_the_lock(void **state)
{
	struct testdb *t = *state;
	struct holder h = hold_write_lock(t);
	char out[8192], csv[160];
	snprintf(csv, sizeof csv, "%s/orgs.csv", t->dir);
	char *check[] = { "check", NULL };
	char *export[] = { "export", "orgs", csv, NULL };
	sqlite3 *db = NULL;
	struct dj_err e = { 0 };

	double t0 = now_ms();
	int started = start(t, &db, &e);
	double t1 = now_ms();
	int checked = run_cli(t, out, sizeof out, check, 1);
	double t2 = now_ms();
	char check_out[8192];
	snprintf(check_out, sizeof check_out, "%s", out);
	int exported = run_cli(t, out, sizeof out, export, 3);
	double t3 = now_ms();
	/* A writer, meanwhile, is kept out and told by whom. */
	struct dj_err busy = { 0 };
	int began = started == 0 ? db_begin(db, &busy) : -1;
	let_go(h);

	if (started)
		fail_msg("a viewer's start failed after %.0f ms: %s", t1 - t0, e.msg);
	assert_true(t1 - t0 < TIMEOUT_MS / 2);   /* read at once, not after the timeout */
	if (checked)
		fail_msg("check failed: %s", check_out);
	assert_true(t2 - t1 < TIMEOUT_MS / 2 + 400);
	assert_non_null(strstr(check_out, "检查通过"));
	if (exported)
		fail_msg("export failed: %s", out);
	assert_true(t3 - t2 < TIMEOUT_MS / 2);
	assert_non_null(strstr(out, "已导出 1 条"));

	assert_int_equal(began, DJ_DB);
	assert_non_null(strstr(busy.msg, DB_BUSY_WHY));
	char by[64];
	snprintf(by, sizeof by, "%s（进程 %ld）正在运行 ", t->s.login, (long)h.pid);
	if (!strstr(busy.msg, by) || !strstr(busy.msg, t->s.login))
		fail_msg("the message does not name the holder %s %s: %s", t->s.login, by, busy.msg);
	assert_null(strstr(busy.msg, "locked"));
	assert_null(strstr(busy.msg, "busy"));
	db_close(db);
}

/* ---- nothing written ---- */

struct file_mark {
	off_t db_size, wal_size;
	struct timespec db_mtime, wal_mtime;
	int64_t data_version;
};

static struct file_mark mark(struct testdb *t)
{
	struct file_mark m;
	struct stat st;
	char wal[160];
	snprintf(wal, sizeof wal, "%s-wal", t->path);
	assert_int_equal(stat(t->path, &st), 0);
	m.db_size = st.st_size;
	m.db_mtime = st.st_mtim;
	assert_int_equal(stat(wal, &st), 0);   /* our connection keeps the WAL there */
	m.wal_size = st.st_size;
	m.wal_mtime = st.st_mtim;
	/* data_version moves when any other connection commits. */
	m.data_version = db_int(t->s.db, "PRAGMA data_version", -1, -1);
	return m;
}

static void a_current_start_writes_nothing(void **state)
{
	struct testdb *t = *state;
	char out[8192], csv[160];
	snprintf(csv, sizeof csv, "%s/orgs.csv", t->dir);
	char *check[] = { "check", NULL };
	char *export[] = { "export", "orgs", csv, NULL };
	struct file_mark before = mark(t);
	usleep(20000);   /* a write now would show in the mtimes */
	sqlite3 *db;
	struct dj_err e;
	if (start(t, &db, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(sqlite3_total_changes(db), 0);
	db_close(db);
	assert_int_equal(run_cli(t, out, sizeof out, check, 1), 0);
	assert_int_equal(run_cli(t, out, sizeof out, export, 3), 0);
	struct file_mark after = mark(t);
	assert_int_equal(after.data_version, before.data_version);
	assert_int_equal(after.wal_size, before.wal_size);
	assert_int_equal(after.db_size, before.db_size);
	assert_memory_equal(&after.wal_mtime, &before.wal_mtime, sizeof before.wal_mtime);
	assert_memory_equal(&after.db_mtime, &before.db_mtime, sizeof before.db_mtime);
}

/* ---- a full disk ---- */

static sqlite3_syscall_ptr real_write, real_pwrite64;

static ssize_t full_write(int fd, const void *buf, size_t n)
{
	(void)fd, (void)buf, (void)n;
	errno = ENOSPC;
	return -1;
}

static ssize_t full_pwrite64(int fd, const void *buf, size_t n, off_t at)
{
	(void)fd, (void)buf, (void)n, (void)at;
	errno = ENOSPC;
	return -1;
}

/* From here every write SQLite makes fails with ENOSPC (the unix VFS's
 * system calls, as test_fault_io does). */
static void disk_full(void)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find("unix");
	real_write = vfs->xGetSystemCall(vfs, "write");
	real_pwrite64 = vfs->xGetSystemCall(vfs, "pwrite64");
	assert_non_null(real_pwrite64);
	assert_int_equal(vfs->xSetSystemCall(vfs, "write", (sqlite3_syscall_ptr)full_write), SQLITE_OK);
	assert_int_equal(vfs->xSetSystemCall(vfs, "pwrite64", (sqlite3_syscall_ptr)full_pwrite64),
	                 SQLITE_OK);
}

static void disk_has_room(void)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find("unix");
	vfs->xSetSystemCall(vfs, NULL, NULL);
}

static int teardown(void **state)
{
	disk_has_room();
	return fx_db_teardown(state);
}

static void a_start_on_a_full_disk_works_and_a_write_says_so(void **state)
{
	struct testdb *t = *state;
	char out[8192], csv[160];
	snprintf(csv, sizeof csv, "%s/orgs.csv", t->dir);
	char *check[] = { "check", NULL };
	char *export[] = { "export", "orgs", csv, NULL };
	disk_full();
	sqlite3 *db;
	struct dj_err e, save_e = { 0 };
	int started = start(t, &db, &e);
	struct session s = { .cfg = &t->cfg, .db = db };
	char why[256];
	struct org o = fx_org_draft("五夫村党总支", "党总支", "中共驿亭镇委员会");
	int saved = started == 0 && session_identify(&s, why, sizeof why) == 0
	            ? org_save(&s, &o, 0, &save_e) : -1;
	db_close(db);
	int checked = run_cli(t, out, sizeof out, check, 1);
	char check_out[8192];
	snprintf(check_out, sizeof check_out, "%s", out);
	int exported = run_cli(t, out, sizeof out, export, 3);
	disk_has_room();
	if (started)
		fail_msg("the start failed on a full disk: %s", e.msg);
	assert_int_equal(saved, DJ_DB);
	if (!strstr(save_e.msg, "磁盘已满"))
		fail_msg("a save on a full disk says: %s", save_e.msg);
	if (checked)
		fail_msg("check failed on a full disk: %s", check_out);
	assert_non_null(strstr(check_out, "检查通过"));
	if (exported)
		fail_msg("export failed on a full disk: %s", out);
}

/* The first process to open the file makes its -shm file, which a full
 * disk refuses: the start still works (the index in memory). */
static void a_first_start_on_a_full_disk_works_too(void **state)
{
	struct testdb *t = *state;
	char shm[160];
	snprintf(shm, sizeof shm, "%s-shm", t->path);
	db_close(t->s.db);   /* the last connection: -wal and -shm go */
	t->s.db = NULL;
	assert_int_equal(access(shm, F_OK), -1);
	a_start_on_a_full_disk_works_and_a_write_says_so(state);
	/* Room again: everything as before, the -shm file grown. */
	sqlite3 *db;
	struct dj_err e;
	if (start(t, &db, &e))
		fail_msg("%s", e.msg);
	struct session s = { .cfg = &t->cfg, .db = db };
	char why[256];
	assert_int_equal(session_identify(&s, why, sizeof why), 0);
	struct org o = fx_org_draft("五夫村党总支", "党总支", "中共驿亭镇委员会");
	if (org_save(&s, &o, 0, &e))
		fail_msg("%s", e.msg);
	db_close(db);
}

/* A backup onto a full disk says so, in Chinese only. */
static void a_backup_on_a_full_disk_says_so(void **state)
{
	struct testdb *t = *state;
	char dest[160];
	snprintf(dest, sizeof dest, "%s/copy.db", t->dir);
	struct dj_err e;
	disk_full();
	int rc = db_backup(t->s.db, dest, &e);
	disk_has_room();
	assert_int_equal(rc, DJ_DB);
	if (!strstr(e.msg, "磁盘已满") || strstr(e.msg, "disk") || strstr(e.msg, "full"))
		fail_msg("a backup on a full disk says: %s", e.msg);
	assert_int_equal(access(dest, F_OK), -1);
}

/* SQLite's own name for a failure on a full disk is an I/O error in many
 * places (the -shm, an fsync, a truncate): the errno decides. */
static void an_io_error_with_enospc_is_a_full_disk(void **state)
{
	(void)state;
	assert_true(dj_disk_full(ENOSPC));
	assert_true(dj_disk_full(EDQUOT));
	assert_false(dj_disk_full(EIO));
	assert_string_equal(dj_io_why(EDQUOT), "磁盘已满");
	assert_string_equal(dj_io_why(EIO), "磁盘或文件系统故障");
}

/* ---- Ctrl-Z ---- */

/* A child in its own process group (so that a stop signal is not dropped
 * as for an orphaned group) begins a write, tells the parent, works 400 ms
 * in it, commits, and lives on a while. */
static pid_t writer_in_a_long_write(struct testdb *t, int *ready_fd)
{
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(ready[0]);
		setpgid(0, 0);
		sqlite3 *db;
		struct dj_err e;
		if (db_open(&t->cfg, t->path, 0, &db, &e) || db_begin(db, &e) ||
		    db_exec(db, "INSERT INTO app_user(login, display_name, role)"
		                " VALUES ('importer', '导入', 'viewer')", &e))
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		usleep(400000);
		if (db_commit(db, &e))
			_exit(1);
		usleep(2000000);
		db_close(db);
		_exit(0);
	}
	close(ready[1]);
	*ready_fd = ready[0];
	return pid;
}

static void ctrl_z_in_a_write_stops_only_after_the_commit(void **state)
{
	struct testdb *t = *state;
	int ready;
	pid_t pid = writer_in_a_long_write(t, &ready);
	char c;
	assert_int_equal(read(ready, &c, 1), 1);
	close(ready);
	assert_int_equal(kill(pid, SIGTSTP), 0);
	int status;
	assert_int_equal(waitpid(pid, &status, WUNTRACED), pid);
	int stopped = WIFSTOPPED(status);
	/* Stopped: the row must be in, committed before the stop. */
	int64_t rows = db_int(t->s.db, "SELECT count(*) FROM app_user WHERE login='importer'", -1, -1);
	kill(pid, SIGKILL);
	kill(pid, SIGCONT);
	waitpid(pid, &status, 0);
	assert_true(stopped);
	assert_int_equal(rows, 1);
	/* …and no one else waits behind the stopped process. */
	struct dj_err e;
	struct org o = fx_org_draft("五夫村党总支", "党总支", "中共驿亭镇委员会");
	if (org_save(&t->s, &o, 0, &e))
		fail_msg("%s", e.msg);
}

/* Stops pressed while this process writes wait; the mask is as before
 * once the write is over, committed or not. */
static void stops_are_held_only_inside_a_write(void **state)
{
	struct testdb *t = *state;
	sigset_t m;
	struct dj_err e;
	assert_int_equal(db_begin(t->s.db, &e), 0);
	sigprocmask(SIG_BLOCK, NULL, &m);
	assert_true(sigismember(&m, SIGTSTP));
	assert_true(sigismember(&m, SIGTTOU));
	db_rollback(t->s.db);
	db_rollback(t->s.db);   /* twice, as after a failed COMMIT: nothing more */
	sigprocmask(SIG_BLOCK, NULL, &m);
	assert_false(sigismember(&m, SIGTSTP));
	assert_false(sigismember(&m, SIGTTIN));
	struct db_txn x;
	assert_int_equal(db_txn_begin(&x, t->s.db, 0, NULL, &e), 0);
	sigprocmask(SIG_BLOCK, NULL, &m);
	assert_true(sigismember(&m, SIGTSTP));
	assert_int_equal(db_txn_end(&x, 0, &e), 0);
	sigprocmask(SIG_BLOCK, NULL, &m);
	assert_false(sigismember(&m, SIGTSTP));
}

/* restore's exclusive lock is held under a key of its own: a write begun
 * and ended meanwhile does not let the stops through before it is over. */
static void a_lock_held_by_key_keeps_the_stops_across_a_write(void **state)
{
	struct testdb *t = *state;
	sigset_t m;
	struct dj_err e;
	int key = 0;   /* only its address is the key */
	db_stops_hold(&key);
	assert_int_equal(db_begin(t->s.db, &e), 0);
	assert_int_equal(db_commit(t->s.db, &e), 0);
	sigprocmask(SIG_BLOCK, NULL, &m);
	assert_true(sigismember(&m, SIGTSTP));
	db_stops_release(&key);
	sigprocmask(SIG_BLOCK, NULL, &m);
	assert_false(sigismember(&m, SIGTSTP));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(readers_start_while_a_long_write_holds_the_lock, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(a_current_start_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(a_start_on_a_full_disk_works_and_a_write_says_so, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(a_first_start_on_a_full_disk_works_too, setup, teardown),
		cmocka_unit_test_setup_teardown(a_backup_on_a_full_disk_says_so, setup, teardown),
		cmocka_unit_test(an_io_error_with_enospc_is_a_full_disk),
		cmocka_unit_test_setup_teardown(ctrl_z_in_a_write_stops_only_after_the_commit, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(stops_are_held_only_inside_a_write, setup, teardown),
		cmocka_unit_test_setup_teardown(a_lock_held_by_key_keeps_the_stops_across_a_write, setup,
		                                teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
