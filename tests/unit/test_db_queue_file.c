/* test_db_queue_file.c — the writers' lock file beside the database
 * (db_queue.h): root makes it with the database file's owner, an existing
 * one of ours is repaired to the database's permission bits, and one that cannot be used
 * (a directory, a planted symbolic link) is told once by db_queue_problem,
 * never followed.  Installed, a lock file of 0644 root turned every
 * operator's queue off without a word (issue 18). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sys/stat.h>

#include "core/db_queue.h"
#include "testdb.h"

static struct testdb T;
static char lock[160];

static int setup(void **state)
{
	(void)state;
	testdb_open(&T);
	snprintf(lock, sizeof lock, "%s-lock", T.path);
	char why[700];
	db_queue_problem(why, sizeof why);   /* nothing left over from before */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&T);
	return 0;
}

/* Opens another connection to the test database (and so the lock file). */
static sqlite3 *open_other(void)
{
	struct dj_err e;
	sqlite3 *db;
	if (db_open(&T.cfg, T.path, 0, &db, &e))
		fail_msg("%s", e.msg);
	return db;
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode & 07777;
}

/* What tools/install.sh used to leave: the database made 0660 after the
 * lock file was made 0644.  Its owner (or root) puts it right on opening. */
static void an_existing_lock_file_of_ours_is_repaired(void **state)
{
	(void)state;
	assert_int_equal(chmod(T.path, 0660), 0);
	assert_int_equal(chmod(lock, 0644), 0);
	sqlite3 *db = open_other();
	assert_int_equal(mode_of(lock), 0660);
	db_close(db);
}

/* Root (make install's init) hands the lock file to the database's owner. */
static void root_gives_the_lock_file_the_database_owner(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	assert_int_equal(chown(T.path, 65534, 65534), 0);
	assert_int_equal(unlink(lock), 0);
	sqlite3 *db = open_other();
	struct stat st;
	assert_int_equal(stat(lock, &st), 0);
	assert_int_equal(st.st_uid, 65534);
	assert_int_equal(st.st_gid, 65534);
	db_close(db);
}

static void an_unusable_lock_file_is_told_once(void **state)
{
	(void)state;
	assert_int_equal(unlink(lock), 0);
	assert_int_equal(mkdir(lock, 0700), 0);
	sqlite3 *db = open_other();   /* the database still opens: writes go unqueued */
	char why[700] = "";
	assert_int_equal(db_queue_problem(why, sizeof why), 1);
	assert_non_null(strstr(why, "写入不排队：无法打开 "));
	assert_non_null(strstr(why, lock));
	assert_int_equal(db_queue_problem(why, sizeof why), 0);   /* once */
	struct dj_err e;
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	db_close(db);
	rmdir(lock);
}

static void a_planted_link_is_not_followed(void **state)
{
	(void)state;
	char target[160];
	snprintf(target, sizeof target, "%s/elsewhere", T.dir);
	int fd = open(target, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(unlink(lock), 0);
	assert_int_equal(symlink(target, lock), 0);
	assert_int_equal(chmod(T.path, 0666), 0);
	sqlite3 *db = open_other();
	char why[700];
	assert_int_equal(db_queue_problem(why, sizeof why), 1);
	assert_int_equal(mode_of(target), 0600);   /* not made the database's */
	struct dj_err e;
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	struct stat st;
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_size, 0);   /* no ticket written through it */
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(an_existing_lock_file_of_ours_is_repaired, setup, teardown),
		cmocka_unit_test_setup_teardown(root_gives_the_lock_file_the_database_owner, setup, teardown),
		cmocka_unit_test_setup_teardown(an_unusable_lock_file_is_told_once, setup, teardown),
		cmocka_unit_test_setup_teardown(a_planted_link_is_not_followed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
