/* Backups while another process writes, and restores: admins only, refused
 * while anybody else has the database open, the data as they were kept
 * aside, the backup's records back in place, the restore on record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "admin/restore.h"
#include "fixture.h"
#include "org/org.h"

/* Backups and restores find the database by the configured path. */
static int setup(void **state)
{
	fx_db_setup(state);
	struct testdb *t = *state;
	snprintf(t->cfg.db_path, sizeof t->cfg.db_path, "%s", t->path);
	return 0;
}

/* Returns org_save's code rather than failing: the writing child of
 * other_program calls it too, and a child must not unwind into cmocka. */
static int add_org(struct session *s, const char *name, const char *kind, const char *parent)
{
	struct org o = fx_org_draft(name, kind, parent);
	struct dj_err e;
	return org_save(s, &o, 0, &e);
}

static int reopen(struct testdb *t)
{
	struct dj_err e;
	char why[256];
	return db_open(&t->cfg, t->path, 0, &t->s.db, &e) || session_identify(&t->s, why, sizeof why);
}

/* Another program with the database open: it opens, says so on `ready`,
 * and with `keep_writing` saves branch after branch until killed. */
static pid_t other_program(struct testdb *t, int keep_writing)
{
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	db_close(t->s.db);   /* no connection may cross a fork */
	t->s.db = NULL;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(ready[0]);
		if (reopen(t))
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		for (int k = 0; keep_writing; k++) {
			char name[64];
			snprintf(name, sizeof name, "写入中第%d党支部", k);
			add_org(&t->s, name, "党支部", "中共驿亭镇委员会");
		}
		pause();
		_exit(0);
	}
	close(ready[1]);
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	assert_int_equal(reopen(t), 0);
	return pid;
}

static void stop(pid_t pid)
{
	int status;
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

static void backups_are_made_while_another_program_writes(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	assert_int_equal(add_org(&t->s, "中共驿亭镇委员会", "党委", ""), 0);
	pid_t writer = other_program(t, 1);
	char path[160];
	int64_t last = 0;
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/backup-%d.db", t->dir, i);
		assert_int_equal(db_backup(t->s.db, path, &e), 0);
		assert_int_equal(restore_check_file(path, &e), 0);
		sqlite3 *b;
		assert_int_equal(sqlite3_open_v2(path, &b, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		int64_t n = db_int(b, "SELECT count(*) FROM org", -1, 0);
		assert_true(n >= last && n >= 1);
		/* One moment of the data: each record with its audit entry. */
		assert_int_equal(db_int(b, "SELECT count(*) FROM audit_log WHERE tbl='org'", -1, 0), n);
		last = n;
		sqlite3_close(b);
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);   /* personal data: the maker only */
	}
	stop(writer);
	assert_true(last > 1);   /* the writer was writing meanwhile */
}

static void restore_refuses_while_others_are_connected(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	char backup[160], saved[512];
	assert_int_equal(add_org(&t->s, "中共驿亭镇委员会", "党委", ""), 0);
	snprintf(backup, sizeof backup, "%s/backup.db", t->dir);
	assert_int_equal(db_backup(t->s.db, backup, &e), 0);
	assert_int_equal(add_org(&t->s, "备份之后的党支部", "党支部", "中共驿亭镇委员会"), 0);

	pid_t idle = other_program(t, 0);   /* open, doing nothing */
	assert_int_equal(db_restore(&t->s, backup, saved, sizeof saved, &e), DJ_DENIED);
	assert_non_null(strstr(e.msg, "还有其他人在使用数据库"));
	assert_non_null(t->s.db);   /* the session goes on */
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org", -1, 0), 2);
	stop(idle);

	assert_int_equal(db_restore(&t->s, backup, saved, sizeof saved, &e), 0);
	assert_non_null(t->s.db);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org", -1, 0), 1);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='database'"
	                        " AND action='恢复'", -1, 0), 1);
	assert_non_null(strstr(saved, ".before-restore-"));
	sqlite3 *before;   /* the data as they were before the restore, kept aside */
	assert_int_equal(sqlite3_open_v2(saved, &before, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(db_int(before, "SELECT count(*) FROM org WHERE name='备份之后的党支部'", -1, 0), 1);
	sqlite3_close(before);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM pragma_quick_check WHERE quick_check<>'ok'",
	                        -1, 1), 0);
	/* The restored database is a working one: writes go on. */
	assert_int_equal(add_org(&t->s, "恢复之后的党支部", "党支部", "中共驿亭镇委员会"), 0);
}

static void restore_refuses_what_is_not_a_good_backup(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	char path[160], saved[512];
	snprintf(path, sizeof path, "%s/other.db", t->dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE x(y)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(db_restore(&t->s, path, saved, sizeof saved, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "不是党建台账数据库的备份"));

	snprintf(path, sizeof path, "%s/newer.db", t->dir);
	assert_int_equal(db_backup(t->s.db, path, &e), 0);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=999", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(db_restore(&t->s, path, saved, sizeof saved, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "由更新版本的程序创建"));

	assert_int_equal(db_restore(&t->s, "/nonexistent/x.db", saved, sizeof saved, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "无法读取备份文件"));
	assert_int_equal(db_restore(&t->s, t->path, saved, sizeof saved, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "不能用它恢复自己"));

	t->s.role = ROLE_OPERATOR;
	snprintf(path, sizeof path, "%s/good.db", t->dir);
	assert_int_equal(db_backup(t->s.db, path, &e), 0);
	assert_int_equal(db_restore(&t->s, path, saved, sizeof saved, &e), DJ_DENIED);
	assert_string_equal(e.msg, "只有管理员才能恢复数据库");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(backups_are_made_while_another_program_writes, setup,
		                                fx_db_teardown),
		cmocka_unit_test_setup_teardown(restore_refuses_while_others_are_connected, setup,
		                                fx_db_teardown),
		cmocka_unit_test_setup_teardown(restore_refuses_what_is_not_a_good_backup, setup,
		                                fx_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
