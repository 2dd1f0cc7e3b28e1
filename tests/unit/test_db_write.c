/* test_db_write.c — the shared write path: transactions of one's own or
 * inside a caller's, version-checked saves, rows by id, the audit entry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/db_write.h"
#include "testdb.h"

static struct testdb T;

static int setup(void **state)
{
	(void)state;
	testdb_open(&T);
	struct dj_err e;
	return db_exec(T.s.db, "CREATE TABLE thing(id INTEGER PRIMARY KEY, version INTEGER NOT NULL"
	               " DEFAULT 1, v TEXT)", &e);
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&T);
	return 0;
}

static int64_t things(void)
{
	return db_int(T.s.db, "SELECT count(*) FROM thing", -1, -1);
}

static int insert_thing(const char *v, struct dj_err *e)
{
	char sql[128];
	snprintf(sql, sizeof sql, "INSERT INTO thing(v) VALUES ('%s')", v);
	return db_exec(T.s.db, sql, e);
}

static void own_transaction_commits_or_rolls_back(void **state)
{
	(void)state;
	struct db_txn t;
	struct dj_err e;
	assert_int_equal(db_txn_begin(&t, T.s.db, 0, NULL, &e), 0);
	assert_int_equal(db_in_txn(T.s.db), 1);
	assert_int_equal(db_txn_end(&t, insert_thing("a", &e), &e), 0);
	assert_int_equal(db_in_txn(T.s.db), 0);
	assert_int_equal(things(), 1);

	assert_int_equal(db_txn_begin(&t, T.s.db, 0, NULL, &e), 0);
	insert_thing("b", &e);
	assert_int_equal(db_txn_end(&t, DJ_INVALID, &e), DJ_INVALID);
	assert_int_equal(db_in_txn(T.s.db), 0);
	assert_int_equal(things(), 1);
}

static void savepoint_undoes_only_the_failed_write(void **state)
{
	(void)state;
	struct db_txn outer, inner;
	struct dj_err e;
	assert_int_equal(db_txn_begin(&outer, T.s.db, 0, NULL, &e), 0);
	insert_thing("kept", &e);
	assert_int_equal(db_txn_begin(&inner, T.s.db, db_in_txn(T.s.db), "one_write", &e), 0);
	insert_thing("undone", &e);
	assert_int_equal(db_txn_end(&inner, DJ_CONFLICT, &e), DJ_CONFLICT);
	assert_int_equal(db_in_txn(T.s.db), 1);   /* the caller's goes on */
	assert_int_equal(db_txn_begin(&inner, T.s.db, 1, "one_write", &e), 0);
	insert_thing("also kept", &e);
	assert_int_equal(db_txn_end(&inner, 0, &e), 0);
	assert_int_equal(db_txn_end(&outer, 0, &e), 0);
	assert_int_equal(db_int(T.s.db, "SELECT count(*) FROM thing WHERE v IN ('kept','also kept')",
	                        -1, -1), 2);
	assert_int_equal(db_int(T.s.db, "SELECT count(*) FROM thing WHERE v = 'undone'", -1, -1), 0);
}

static void joined_without_savepoint_leaves_failure_to_caller(void **state)
{
	(void)state;
	struct db_txn outer, inner;
	struct dj_err e;
	assert_int_equal(db_txn_begin(&outer, T.s.db, 0, NULL, &e), 0);
	assert_int_equal(db_txn_begin(&inner, T.s.db, 1, NULL, &e), 0);
	insert_thing("x", &e);
	assert_int_equal(db_txn_end(&inner, DJ_INVALID, &e), DJ_INVALID);
	assert_int_equal(things(), 1);   /* still there: the caller decides */
	assert_int_equal(db_txn_end(&outer, DJ_INVALID, &e), DJ_INVALID);
	assert_int_equal(things(), 0);
}

static void begin_inside_open_transaction_fails_as_db_error(void **state)
{
	(void)state;
	struct db_txn outer, inner;
	struct dj_err e;
	assert_int_equal(db_txn_begin(&outer, T.s.db, 0, NULL, &e), 0);
	assert_int_equal(db_txn_begin(&inner, T.s.db, 0, NULL, &e), DJ_DB);
	assert_non_null(strstr(e.msg, "开始写入失败"));
	assert_int_equal(db_txn_end(&outer, 0, &e), 0);
}

static sqlite3_stmt *prepare(const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(T.s.db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s", sqlite3_errmsg(T.s.db));
	return st;
}

static int save(int64_t *id, int64_t *version, const char *v, struct dj_err *e)
{
	sqlite3_stmt *st = prepare(*id ? "UPDATE thing SET v=?1, version=version+1"
	                                 " WHERE id=?2 AND version=?3"
	                               : "INSERT INTO thing(v) VALUES (?1)");
	sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	if (*id) {
		sqlite3_bind_int64(st, 2, *id);
		sqlite3_bind_int64(st, 3, *version);
	}
	return db_step_save(T.s.db, st, id, version, "保存东西", e);
}

static void save_inserts_then_updates_under_the_version(void **state)
{
	(void)state;
	struct dj_err e;
	int64_t id = 0, version = 1;
	assert_int_equal(save(&id, &version, "first", &e), 0);
	assert_true(id > 0);
	assert_int_equal(version, 1);
	assert_int_equal(save(&id, &version, "second", &e), 0);
	assert_int_equal(version, 2);
	assert_int_equal(db_int(T.s.db, "SELECT version FROM thing WHERE id = ?", id, 0), 2);

	int64_t stale = 1;
	assert_int_equal(save(&id, &stale, "third", &e), DJ_CONFLICT);
	assert_string_equal(e.msg, "此记录已被他人修改，请按 F5 重新读取后再保存");
	assert_int_equal(stale, 1);
	assert_int_equal(db_int(T.s.db, "SELECT count(*) FROM thing WHERE v = 'second'", -1, 0), 1);
}

static void update_conflict_says_the_callers_words(void **state)
{
	(void)state;
	struct dj_err e;
	insert_thing("a", &e);
	sqlite3_stmt *st = prepare("UPDATE thing SET v='b' WHERE id=1 AND version=7");
	assert_int_equal(db_step_update(T.s.db, st, "撤销东西", DB_CONFLICT_ACT, &e), DJ_CONFLICT);
	assert_string_equal(e.msg, "此记录已被他人修改，请按 F5 重新读取后再操作");
	st = prepare("UPDATE thing SET v='b' WHERE id=1 AND version=1");
	assert_int_equal(db_step_update(T.s.db, st, "撤销东西", DB_CONFLICT_ACT, &e), 0);
	st = prepare("UPDATE thing SET version=NULL WHERE id=1");
	assert_int_equal(db_step_update(T.s.db, st, "撤销东西", DB_CONFLICT_ACT, &e), DJ_DB);
	assert_non_null(strstr(e.msg, "撤销东西失败：数据违反约束"));
}

static void step_done_runs_or_says_what_failed(void **state)
{
	(void)state;
	struct dj_err e;
	assert_int_equal(db_step_done(T.s.db, prepare("INSERT INTO thing(v) VALUES ('a')"), "登记东西",
	                              &e), 0);
	assert_int_equal(things(), 1);
	assert_int_equal(db_step_done(T.s.db, prepare("INSERT INTO thing(id, v) VALUES (1, 'b')"),
	                              "登记东西", &e), DJ_DB);
	assert_non_null(strstr(e.msg, "登记东西失败：数据违反约束"));
}

static void load_row_by_id(void **state)
{
	(void)state;
	struct dj_err e;
	sqlite3_stmt *st;
	insert_thing("here", &e);
	assert_int_equal(db_load_row(T.s.db, "SELECT v FROM thing WHERE id = ?", 1, &st, "读取东西",
	                             "该东西已不存在", &e), 0);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "here");
	db_done(st);
	assert_int_equal(db_load_row(T.s.db, "SELECT v FROM thing WHERE id = ?", 9, &st, "读取东西",
	                             "该东西已不存在", &e), DJ_NOTFOUND);
	assert_string_equal(e.msg, "该东西已不存在");
	assert_int_equal(db_load_row(T.s.db, "SELECT nope FROM thing WHERE id = ?", 1, &st, "读取东西",
	                             "该东西已不存在", &e), DJ_DB);
	assert_non_null(strstr(e.msg, "读取东西失败"));
}

static void exec_ids_binds_each_id(void **state)
{
	(void)state;
	struct dj_err e;
	insert_thing("a", &e);
	insert_thing("b", &e);
	insert_thing("c", &e);
	int64_t ids[2] = { 1, 3 };
	assert_int_equal(db_exec_ids(T.s.db, "DELETE FROM thing WHERE id IN (?1, ?2)", ids, 2,
	                             "删除东西", &e), 0);
	assert_int_equal(things(), 1);
	assert_int_equal(db_exec_ids(T.s.db, "DELETE FROM nowhere WHERE id = ?", ids, 1, "删除东西",
	                             &e), DJ_DB);
	assert_non_null(strstr(e.msg, "删除东西失败"));
}

static void audit_write_fails_the_write_when_the_log_refuses(void **state)
{
	(void)state;
	struct dj_err e;
	assert_int_equal(audit_write(&T.s, "thing", 5, "新增", NULL, "{\"v\":\"a\"}", &e), 0);
	assert_int_equal(db_int(T.s.db, "SELECT count(*) FROM audit_log WHERE tbl = 'thing'"
	                        " AND row_id = 5 AND action = '新增'", -1, 0), 1);
	db_exec(T.s.db, "CREATE TEMP TRIGGER no_log BEFORE INSERT ON audit_log"
	        " BEGIN SELECT RAISE(ABORT, 'refused'); END", &e);
	assert_int_equal(audit_write(&T.s, "thing", 5, "修改", "{}", "{}", &e), DJ_DB);
	assert_non_null(strstr(e.msg, "记录操作日志失败"));
}

/* The cache hands the same compiled statement back, reset with no
 * bindings; a statement still running up the stack is never handed out
 * twice; db_done finalizes what was never kept (ASan reports a leak
 * otherwise); many distinct statements push out the oldest idle one. */
static void kept_statements_come_back_reset(void **state)
{
	(void)state;
	struct dj_err e;
	static const char sel[] = "SELECT v FROM thing WHERE id >= ?1 ORDER BY id";
	assert_int_equal(insert_thing("a", &e), 0);
	assert_int_equal(insert_thing("b", &e), 0);

	sqlite3_stmt *a = db_keep(T.s.db, sel);
	assert_non_null(a);
	sqlite3_bind_int(a, 1, 2);
	assert_int_equal(sqlite3_step(a), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(a, 0), "b");
	sqlite3_stmt *nested = db_keep(T.s.db, sel);   /* a is mid-run */
	assert_non_null(nested);
	assert_ptr_not_equal(nested, a);
	assert_int_equal(sqlite3_step(nested), SQLITE_DONE);   /* its own ?1 is unbound: NULL */
	db_done(nested);
	db_done(a);

	char copy[sizeof sel];   /* the same text elsewhere finds the same statement */
	memcpy(copy, sel, sizeof sel);
	sqlite3_stmt *again = db_keep(T.s.db, copy);
	assert_ptr_equal(again, a);
	assert_int_equal(sqlite3_bind_parameter_count(again), 1);
	assert_int_equal(sqlite3_step(again), SQLITE_DONE);   /* binding cleared */
	db_done(again);

	assert_null(db_keep(T.s.db, "SELECT nonsense FROM nowhere"));
	for (int i = 0; i < 100; i++) {
		char sql[64];
		snprintf(sql, sizeof sql, "SELECT %d", i);
		sqlite3_stmt *st = db_keep(T.s.db, sql);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), i);
		db_done(st);
	}
	sqlite3_stmt *evicted = db_keep(T.s.db, sel);   /* compiled again, still right */
	sqlite3_bind_int(evicted, 1, 1);
	assert_int_equal(sqlite3_step(evicted), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(evicted, 0), "a");
	db_done(evicted);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(own_transaction_commits_or_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(savepoint_undoes_only_the_failed_write, setup, teardown),
		cmocka_unit_test_setup_teardown(joined_without_savepoint_leaves_failure_to_caller, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(begin_inside_open_transaction_fails_as_db_error, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(save_inserts_then_updates_under_the_version, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(update_conflict_says_the_callers_words, setup, teardown),
		cmocka_unit_test_setup_teardown(step_done_runs_or_says_what_failed, setup, teardown),
		cmocka_unit_test_setup_teardown(load_row_by_id, setup, teardown),
		cmocka_unit_test_setup_teardown(kept_statements_come_back_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(exec_ids_binds_each_id, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_write_fails_the_write_when_the_log_refuses, setup,
		                                teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
