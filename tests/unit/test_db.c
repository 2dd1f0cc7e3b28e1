/* The database layer: migrations, the file marker, refusing a newer file,
 * pragmas, backups. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testdb.h"

static void migrations_reach_latest_and_mark_file(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	assert_true(db_schema_latest() >= 1);
	assert_int_equal(db_int(t.s.db, "PRAGMA user_version", -1, -1), db_schema_latest());
	assert_int_equal(db_int(t.s.db, "PRAGMA application_id", -1, 0), DJ_APPLICATION_ID);
	assert_int_equal(db_int(t.s.db, "PRAGMA foreign_keys", -1, 0), 1);
	assert_int_equal(db_int(t.s.db, "SELECT count(*) FROM dict WHERE kind='组织类别'", -1, 0), 10);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t.s.db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	testdb_close(&t);
}

static void reopening_runs_no_migration_twice(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	db_close(t.s.db);
	struct dj_err e;
	assert_int_equal(db_open(&t.cfg, t.path, 0, &t.s.db, &e), 0);
	assert_int_equal(db_int(t.s.db, "SELECT count(*) FROM dict", -1, 0),
	                 db_int(t.s.db, "SELECT count(DISTINCT kind || label) FROM dict", -1, 0));
	testdb_close(&t);
}

static void foreign_file_is_refused(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	char other[160];
	snprintf(other, sizeof other, "%s/other.db", t.dir);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(other, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE x(a)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	sqlite3 *db;
	struct dj_err e;
	assert_int_equal(db_open(&t.cfg, other, 0, &db, &e), DJ_DB);
	assert_non_null(strstr(e.msg, "不是党建台账数据库"));
	testdb_close(&t);
}

static void newer_file_opens_read_only(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", db_schema_latest() + 1);
	assert_int_equal(sqlite3_exec(t.s.db, sql, NULL, NULL, NULL), SQLITE_OK);
	db_close(t.s.db);
	struct dj_err e;
	assert_int_equal(db_open(&t.cfg, t.path, 0, &t.s.db, &e), 0);
	assert_true(db_readonly(t.s.db));
	assert_int_not_equal(sqlite3_exec(t.s.db, "DELETE FROM dict", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(db_int(t.s.db, "PRAGMA user_version", -1, 0), db_schema_latest() + 1);
	testdb_close(&t);
}

static void missing_file_is_not_created_without_init(void **state)
{
	(void)state;
	struct config c;
	config_defaults(&c);
	sqlite3 *db;
	struct dj_err e;
	assert_int_equal(db_open(&c, "/tmp/no-such-dir-dj/x.db", 0, &db, &e), DJ_DB);
	assert_non_null(strstr(e.msg, "dangjian init"));
	assert_null(db);
}

static void backup_copies_a_live_database(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	assert_int_equal(sqlite3_exec(t.s.db, "INSERT INTO dict(kind,label) VALUES('测试','备份')",
	                              NULL, NULL, NULL), SQLITE_OK);
	char dest[160];
	snprintf(dest, sizeof dest, "%s/copy.db", t.dir);
	struct dj_err e;
	assert_int_equal(db_backup(t.s.db, dest, &e), 0);
	sqlite3 *copy;
	assert_int_equal(sqlite3_open(dest, &copy), SQLITE_OK);
	assert_int_equal(db_int(copy, "SELECT count(*) FROM dict WHERE label='备份'", -1, 0), 1);
	assert_int_equal(db_int(copy, "PRAGMA application_id", -1, 0), DJ_APPLICATION_ID);
	sqlite3_close(copy);
	testdb_close(&t);
}

/* Fills the new file named by the mkstemp template `path` with `text`. */
static void temp_ini(char *path, const char *text)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	ssize_t n = (ssize_t)strlen(text);
	assert_int_equal(write(fd, text, (size_t)n), n);
	close(fd);
}

static void config_refuses_bad_line_with_its_number(void **state)
{
	(void)state;
	char path[] = "/tmp/djini.XXXXXX";
	temp_ini(path, "[database]\npath = x.db\n[ui]\nambiwidth = 2\nthis line is broken\n");
	struct config c;
	char why[512];
	assert_int_equal(config_load(&c, path, why, sizeof why), -1);
	assert_non_null(strstr(why, "第 5 行"));
	unlink(path);
}

static void config_reads_keys_and_defaults_the_rest(void **state)
{
	(void)state;
	char path[] = "/tmp/djini.XXXXXX";
	temp_ini(path, "[ui]\nambiwidth = 2\nborders = ascii\n[unit]\nname = 测试镇党委\n");
	struct config c;
	char why[512];
	assert_int_equal(config_load(&c, path, why, sizeof why), 0);
	assert_int_equal(c.ambiwidth, 2);
	assert_int_equal(c.ascii_borders, 1);
	assert_string_equal(c.unit_name, "测试镇党委");
	assert_int_equal(c.busy_timeout_ms, 5000);
	assert_string_equal(c.synchronous, "NORMAL");
	assert_string_equal(c.db_path, "dangjian.db");
	config_free(&c);
	unlink(path);
}

static void config_refuses_out_of_range_values(void **state)
{
	(void)state;
	char path[] = "/tmp/djini.XXXXXX";
	temp_ini(path, "[ui]\nambiwidth = 3\n");
	struct config c;
	char why[512];
	assert_int_equal(config_load(&c, path, why, sizeof why), -1);
	assert_non_null(strstr(why, "ambiwidth"));
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrations_reach_latest_and_mark_file),
		cmocka_unit_test(reopening_runs_no_migration_twice),
		cmocka_unit_test(foreign_file_is_refused),
		cmocka_unit_test(newer_file_opens_read_only),
		cmocka_unit_test(missing_file_is_not_created_without_init),
		cmocka_unit_test(backup_copies_a_live_database),
		cmocka_unit_test(config_refuses_bad_line_with_its_number),
		cmocka_unit_test(config_reads_keys_and_defaults_the_rest),
		cmocka_unit_test(config_refuses_out_of_range_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
