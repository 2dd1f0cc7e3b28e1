/* Write errors and a full disk, injected under SQLite through the unix
 * VFS's xSetSystemCall: the operator is told in Chinese what happened, the
 * database stays intact with the old record, the record as typed is still
 * in the operator's hands, and once the disk has room the same save works. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>

#include "admin/user.h"
#include "fixture.h"
#include "org/org.h"

static int fail_errno;      /* 0: writes pass; else every write fails with it */
static long room = -1;      /* >= 0: bytes left on the disk; then ENOSPC (-1: no limit) */
static sqlite3_syscall_ptr real_write, real_pwrite64;

/* How much of n bytes the disk takes: all, part of it (filling up), or none
 * (-1 with errno). */
static ssize_t allowed(size_t n)
{
	if (fail_errno) {
		errno = fail_errno;
		return -1;
	}
	if (room < 0)
		return (ssize_t)n;
	if (room == 0) {
		errno = ENOSPC;
		return -1;
	}
	size_t take = (size_t)room < n ? (size_t)room : n;
	room -= (long)take;
	return (ssize_t)take;
}

static ssize_t failing_write(int fd, const void *buf, size_t n)
{
	ssize_t take = allowed(n);
	if (take < 0)
		return -1;
	return ((ssize_t(*)(int, const void *, size_t))real_write)(fd, buf, (size_t)take);
}

static ssize_t failing_pwrite64(int fd, const void *buf, size_t n, off_t at)
{
	typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
	ssize_t take = allowed(n);
	if (take < 0)
		return -1;
	return ((pwrite_fn)real_pwrite64)(fd, buf, (size_t)take, at);
}

static void inject(void)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find("unix");
	real_write = vfs->xGetSystemCall(vfs, "write");
	real_pwrite64 = vfs->xGetSystemCall(vfs, "pwrite64");
	assert_non_null(real_write);
	assert_non_null(real_pwrite64);   /* this SQLite writes with pwrite64 */
	assert_int_equal(vfs->xSetSystemCall(vfs, "write", (sqlite3_syscall_ptr)failing_write), SQLITE_OK);
	assert_int_equal(vfs->xSetSystemCall(vfs, "pwrite64", (sqlite3_syscall_ptr)failing_pwrite64),
	                 SQLITE_OK);
}

static void restore_calls(void)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find("unix");
	vfs->xSetSystemCall(vfs, NULL, NULL);   /* every call back to the default */
	fail_errno = 0;
	room = -1;
}

static int setup(void **state)
{
	fx_db_setup(state);
	struct testdb *t = *state;
	struct org o = fx_org_draft("中共驿亭镇委员会", "党委", "");
	snprintf(o.secretary, sizeof o.secretary, "王建国");
	fx_org_save(&t->s, o);
	return 0;
}

static int teardown(void **state)
{
	restore_calls();
	return fx_db_teardown(state);
}

static void assert_intact(struct testdb *t)
{
	/* A second connection sees the file as another program would. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(t->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	assert_int_equal(db_int(db, "SELECT count(*) FROM org WHERE secretary = '王建国'", -1, 0), 1);
	assert_int_equal(db_int(db, "SELECT count(*) FROM audit_log", -1, 0), 1);
	sqlite3_close(db);
}

/* The operator's typing: every field the form fills, in normal form. */
static struct org typed_record(struct testdb *t)
{
	struct org o;
	struct dj_err e;
	int64_t id;
	assert_int_equal(org_find_by_name(&t->s, "中共驿亭镇委员会", &id), 0);
	assert_int_equal(org_load(&t->s, id, &o, &e), 0);
	snprintf(o.secretary, sizeof o.secretary, "李四");
	snprintf(o.address, sizeof o.address, "驿亭镇人民路 1 号");
	snprintf(o.phone, sizeof o.phone, "13905751234");
	snprintf(o.notes, sizeof o.notes, "第一行\n第二行");
	return o;
}

static void fails_then_succeeds(struct testdb *t, const char *expected)
{
	struct org o = typed_record(t), typed = o;
	struct dj_err e;
	int rc = org_save(&t->s, &o, 0, &e);
	restore_calls();
	assert_int_equal(rc, DJ_DB);
	if (!strstr(e.msg, expected))
		fprintf(stderr, "message: %s\n", e.msg);
	assert_non_null(strstr(e.msg, expected));
	assert_memory_equal(&o, &typed, sizeof o);   /* nothing typed is lost */
	assert_intact(t);
	/* Room again: the very same record saves. */
	assert_int_equal(org_save(&t->s, &o, 0, &e), 0);
	assert_int_equal(o.version, typed.version + 1);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org WHERE secretary = '李四'", -1, 0), 1);
}

static void a_full_disk_is_named_and_nothing_is_lost(void **state)
{
	struct testdb *t = *state;
	inject();
	fail_errno = ENOSPC;
	fails_then_succeeds(t, "磁盘已满，无法写入数据库");
}

static void a_disk_filling_up_midway_is_a_full_disk(void **state)
{
	struct testdb *t = *state;
	inject();
	room = 6000;   /* the first WAL frame and a half fit, then the disk is full */
	fails_then_succeeds(t, "磁盘已满，无法写入数据库");
}

static void an_io_error_is_named_and_nothing_is_lost(void **state)
{
	struct testdb *t = *state;
	inject();
	fail_errno = EIO;
	fails_then_succeeds(t, "读写数据库文件出错");
}

static void other_saves_fail_the_same_way(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	struct user u = { 0 };
	snprintf(u.login, sizeof u.login, "%s", t->s.login);
	snprintf(u.role, sizeof u.role, "管理员");
	struct user typed = u;
	inject();
	fail_errno = ENOSPC;
	int rc = user_save(&t->s, &u, &e);
	restore_calls();
	assert_int_equal(rc, DJ_DB);
	assert_non_null(strstr(e.msg, "磁盘已满"));
	assert_memory_equal(&u, &typed, sizeof u);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM app_user", -1, 0), 0);
	assert_int_equal(user_save(&t->s, &u, &e), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM app_user", -1, 0), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_full_disk_is_named_and_nothing_is_lost, setup, teardown),
		cmocka_unit_test_setup_teardown(a_disk_filling_up_midway_is_a_full_disk, setup, teardown),
		cmocka_unit_test_setup_teardown(an_io_error_is_named_and_nothing_is_lost, setup, teardown),
		cmocka_unit_test_setup_teardown(other_saves_fail_the_same_way, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
