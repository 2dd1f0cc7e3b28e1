/* The audit log is evidence (issue 18): an entry is never cut or emptied,
 * however long its fields; through the program it can only be appended
 * (REPLACE, chosen ids and back-dated rows are refused); and whatever is
 * done to it by hand with sqlite3 — triggers dropped, an entry edited or
 * deleted, a backup edited and restored — `check` and `restore` find,
 * naming the first entry that does not verify. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <sys/stat.h>

#include "admin/audit.h"
#include "admin/restore.h"
#include "cli/cli.h"
#include "core/json.h"
#include "core/schema.h"
#include "fixture.h"
#include "orglife/attendance.h"
#include "orglife/meeting.h"

/* ---- helpers ---- */

/* SQL run as someone with the file and the sqlite3 shell would run it: a
 * plain connection, none of the program's functions or keys. */
static int by_hand(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		print_message("by hand: %s\n", sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc;
}

static void reopen(struct testdb *t)
{
	struct dj_err e;
	db_close(t->s.db);
	if (db_open(&t->cfg, t->path, 0, &t->s.db, &e))
		fail_msg("%s", e.msg);
}

/* Three entries through the program. */
static void three_entries(struct testdb *t)
{
	assert_int_equal(audit_record(&t->s, "org", 7, "新增", NULL, "{\"党组织名称\":\"联桥村党支部\"}"), 0);
	assert_int_equal(audit_record(&t->s, "member", 3, "修改", "{\"姓名\":\"王五\"}",
	                              "{\"姓名\":\"王六\"}"), 0);
	assert_int_equal(audit_record(&t->s, "org", 7, "撤销", NULL, "{\"状态\":\"撤销\"}"), 0);
}

/* What `dangjian check` prints, and its count of problems. */
static int check_output(struct testdb *t, char *out, size_t cap)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int problems = cli_check(&t->s, f);
	fclose(f);
	snprintf(out, cap, "%s", text);
	free(text);
	return problems;
}

static void has(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("\"%s\" lacks \"%s\"", text, part);
}

/* ---- item 1: nothing cut ---- */

/* 工作岗位 63 and 备注 255 control characters (six bytes each in JSON), every
 * other field at its maximum: the entry keeps every field whole. */
static void a_member_of_maximum_control_characters_is_logged_whole(void **state)
{
	struct testdb *t = *state;
	struct member m = { 0 };
	memset(m.job, '\x01', sizeof m.job - 1);
	memset(m.notes, '\x1b', sizeof m.notes - 1);
	memset(m.org, 'O', sizeof m.org - 1);
	memset(m.group, '\t', sizeof m.group - 1);
	snprintf(m.name, sizeof m.name, "张三");
	snprintf(m.id_number, sizeof m.id_number, "330683199001010012");
	struct json j = JSON_INIT;
	assert_int_equal(audit_record(&t->s, "member", 1, "新增", NULL, member_json(&m, &j)), 0);
	json_free(&j);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t->s.db, "SELECT json_valid(new_json),"
	        " json_extract(new_json, '$.工作岗位'), json_extract(new_json, '$.备注'),"
	        " json_extract(new_json, '$.所在党小组'), json_extract(new_json, '$.姓名'),"
	        " json_extract(new_json, '$.身份证号'), json_extract(new_json, '$.所在支部')"
	        " FROM audit_log WHERE tbl = 'member'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	assert_string_equal(sqlite3_column_text(st, 1), m.job);
	assert_string_equal(sqlite3_column_text(st, 2), m.notes);
	assert_string_equal(sqlite3_column_text(st, 3), m.group);
	assert_string_equal(sqlite3_column_text(st, 4), "张三");
	assert_string_equal(sqlite3_column_text(st, 5), "330683199001010012");
	assert_string_equal(sqlite3_column_text(st, 6), m.org);
	sqlite3_finalize(st);
	/* and the log's own reader gives them back */
	char back[sizeof m.notes];
	struct audit_entry a;
	struct dj_err e;
	assert_int_equal(audit_get(&t->s, db_int(t->s.db, "SELECT max(id) FROM audit_log", -1, 0), &a,
	                           &e), 0);
	assert_int_equal(audit_json_get(a.new_json, "备注", back, sizeof back), 1);
	assert_string_equal(back, m.notes);
	audit_entry_free(&a);
}

/* Minutes of a meeting are several lines: 4,095 line breaks and tabs, saved
 * through meeting_save, stay whole in the entry. */
static void a_meeting_of_many_lines_is_logged_whole(void **state)
{
	struct testdb *t = *state;
	int64_t g;
	fx_town(&t->s, "2001-07-01", "2001-07-01", &g);
	struct meeting m = { 0 };
	snprintf(m.org, sizeof m.org, "联桥村党支部");
	snprintf(m.type, sizeof m.type, "党课");
	snprintf(m.date, sizeof m.date, "2026-11-03");
	snprintf(m.topic, sizeof m.topic, "学习党章");
	for (size_t i = 0; i + 1 < sizeof m.minutes; i++)
		m.minutes[i] = i % 2 ? '\n' : '\t';
	m.minutes[0] = '1';
	m.minutes[sizeof m.minutes - 2] = '2';
	struct dj_err e;
	assert_int_equal(meeting_save(&t->s, &m, &e), 0);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t->s.db, "SELECT json_extract(new_json, '$.会议记录'),"
	        " json_extract(new_json, '$.主题') FROM audit_log WHERE tbl = 'meeting'", -1, &st, NULL),
	        SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_non_null(sqlite3_column_text(st, 0));
	assert_int_equal(strlen((const char *)sqlite3_column_text(st, 0)), strlen(m.minutes));
	assert_string_equal(sqlite3_column_text(st, 1), "学习党章");
	sqlite3_finalize(st);
}

/* 300 members, 150 on leave and 150 absent: the sign-in entry and the
 * meeting export name every one (the old lists stopped at 1,024 bytes). */
static void a_meeting_with_many_away_names_everyone(void **state)
{
	struct testdb *t = *state;
	int64_t g, br = fx_town(&t->s, "2001-07-01", "2001-07-01", &g);
	char name[32];
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "党员甲乙%03d", i);
		fx_member_row(&t->s, br, name, "男", "status", "正常");
	}
	struct meeting m = { 0 };
	snprintf(m.org, sizeof m.org, "联桥村党支部");
	snprintf(m.type, sizeof m.type, "支部党员大会");
	snprintf(m.date, sizeof m.date, "2026-11-03");
	snprintf(m.topic, sizeof m.topic, "换届");
	struct dj_err e;
	assert_int_equal(meeting_save(&t->s, &m, &e), 0);
	struct att_sheet sh;
	assert_int_equal(attendance_load(&t->s, m.id, &sh, &e), 0);
	assert_int_equal(sh.n, 300);
	for (int i = 0; i < sh.n; i++)
		sh.rows[i].state = i % 2 ? ATT_ABSENT : ATT_LEAVE;
	assert_int_equal(attendance_save(&t->s, &sh, &e), 0);
	attendance_free(&sh);

	char path[160];
	snprintf(path, sizeof path, "%s/meetings.csv", t->dir);
	int exported;
	FILE *report = tmpfile();
	assert_int_equal(meeting_export_csv(&t->s, path, report, &exported), 0);
	fclose(report);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char csv[65536];
	csv[fread(csv, 1, sizeof csv - 1, f)] = 0;
	fclose(f);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t->s.db, "SELECT json_extract(new_json, '$.请假'),"
	        " json_extract(new_json, '$.缺席') FROM audit_log WHERE action = '签到'", -1, &st, NULL),
	        SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *leave = (const char *)sqlite3_column_text(st, 0);
	const char *absent = (const char *)sqlite3_column_text(st, 1);
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "党员甲乙%03d", i);
		if (!strstr(i % 2 ? absent : leave, name))
			fail_msg("the entry lacks %s", name);
		if (!strstr(csv, name))
			fail_msg("the export lacks %s", name);
	}
	sqlite3_finalize(st);
}

/* ---- item 2: append only ---- */

static void replace_explicit_ids_and_back_dates_are_refused(void **state)
{
	struct testdb *t = *state;
	three_entries(t);
	char *err = NULL;
	static const char *const refused[] = {
		/* REPLACE would delete entry 2 without firing the delete trigger */
		"INSERT OR REPLACE INTO audit_log(id, at, login, tbl, row_id, action, mac)"
		" VALUES (2, '2099-01-01 00:00:00', 'x', 'member', 3, '修改', 'ab')",
		"REPLACE INTO audit_log(id, at, login, tbl, action, mac) VALUES (1, '2099-01-01', 'x', 'org', 'y', 'ab')",
		"INSERT INTO audit_log(id, at, login, tbl, action, mac) VALUES (9, '2099-01-01', 'x', 'org', 'y', 'ab')",
		"INSERT INTO audit_log(at, login, tbl, action, mac) VALUES ('2099-01-01', 'x', 'org', 'y', 'ab')",
		"INSERT INTO audit_log(id, at, login, tbl, action, mac) VALUES (4, '2000-01-01 00:00:00', 'x', 'org', 'y', 'ab')",
		"INSERT INTO audit_log(id, at, login, tbl, action) VALUES (4, '2099-01-01', 'x', 'org', 'y')",
		"INSERT INTO audit_log(id, login, tbl, action, mac) VALUES (2, 'x', 'org', 'y', 'ab')"
		" ON CONFLICT(id) DO UPDATE SET login = 'x'",
		"UPDATE audit_log SET mac = NULL WHERE id = 1",
		"DELETE FROM audit_log WHERE id = 3",
	};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		if (sqlite3_exec(t->s.db, refused[i], NULL, NULL, &err) == SQLITE_OK)
			fail_msg("accepted: %s", refused[i]);
		sqlite3_free(err);
		if (by_hand(t->path, refused[i]) == SQLITE_OK)
			fail_msg("accepted by hand: %s", refused[i]);
	}
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log", -1, 0), 3);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE login = 'x'", -1, 0), 0);
	char out[1024];
	assert_int_equal(check_output(t, out, sizeof out), 0);
}

/* A clock set back still logs (at the last entry's time), since the log
 * refuses an earlier one. */
static void an_entry_after_the_clock_went_back_keeps_the_order(void **state)
{
	struct testdb *t = *state;
	assert_int_equal(db_exec(t->s.db, "INSERT INTO audit_log(id, at, login, tbl, action, mac)"
	        " SELECT 1, '2999-01-01 00:00:00', 'a', 'org', '新增',"
	        " dj_audit_mac(NULL, 1, '2999-01-01 00:00:00', 'a', 'org', NULL, '新增', NULL, NULL)",
	        NULL), 0);
	assert_int_equal(audit_record(&t->s, "org", 1, "修改", NULL, NULL), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE at = '2999-01-01 00:00:00'",
	                        -1, 0), 2);
	char out[1024];
	assert_int_equal(check_output(t, out, sizeof out), 0);
}

/* ---- item 2: found everywhere else ---- */

static void check_finds_a_deleted_entry_and_the_dropped_trigger(void **state)
{
	struct testdb *t = *state;
	three_entries(t);
	char out[2048];
	assert_int_equal(check_output(t, out, sizeof out), 0);
	assert_int_equal(by_hand(t->path, "DROP TRIGGER audit_log_no_delete;"
	                                  " DELETE FROM audit_log WHERE id = 2"), SQLITE_OK);
	reopen(t);
	assert_true(check_output(t, out, sizeof out) > 0);
	has(out, "操作日志第 3 条");
	has(out, t->s.login);
	has(out, "第 2 条已被删除");
	has(out, "audit_log_no_delete 不存在");
}

static void text_of(sqlite3 *db, const char *sql, char *out, size_t cap)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* An entry edited, and the trigger put back as it was: the chain alone
 * tells, and check names the entry by its time and who made it. */
static void check_names_an_edited_entry(void **state)
{
	struct testdb *t = *state;
	three_entries(t);
	char at[24], trigger[2048], sql[2400];
	text_of(t->s.db, "SELECT at FROM audit_log WHERE id = 2", at, sizeof at);
	text_of(t->s.db, "SELECT sql FROM sqlite_schema WHERE name = 'audit_log_no_update'", trigger,
	        sizeof trigger);
	snprintf(sql, sizeof sql, "DROP TRIGGER audit_log_no_update;"
	         " UPDATE audit_log SET new_json = '{\"姓名\":\"王七\"}' WHERE id = 2; %s;", trigger);
	assert_int_equal(by_hand(t->path, sql), SQLITE_OK);
	reopen(t);
	char out[2048];
	assert_int_equal(check_output(t, out, sizeof out), 1);
	has(out, "操作日志第 2 条");
	has(out, at);
	has(out, t->s.login);
	has(out, "修改过");
}

/* A trigger recreated to let everything through is found too. */
static void check_finds_a_weakened_trigger(void **state)
{
	struct testdb *t = *state;
	three_entries(t);
	assert_int_equal(by_hand(t->path, "DROP TRIGGER audit_log_append_only;"
	        " CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log WHEN 0"
	        " BEGIN SELECT RAISE(ABORT, 'x'); END;"), SQLITE_OK);
	reopen(t);
	char out[2048];
	assert_true(check_output(t, out, sizeof out) > 0);
	has(out, "audit_log_append_only 已被改写");
}

/* The key is the database's own, 0600, and a lost one is not replaced:
 * nothing can be logged, and check says why. */
static void a_lost_key_is_reported_not_replaced(void **state)
{
	struct testdb *t = *state;
	char key[160];
	snprintf(key, sizeof key, "%s-key", t->path);
	struct stat st;
	assert_int_equal(stat(key, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	three_entries(t);
	assert_int_equal(unlink(key), 0);
	reopen(t);
	assert_int_equal(audit_record(&t->s, "org", 1, "修改", NULL, NULL), -1);
	has(sqlite3_errmsg(t->s.db), "丢失");
	assert_int_not_equal(stat(key, &st), 0);
	char out[2048];
	assert_true(check_output(t, out, sizeof out) > 0);
	has(out, "操作日志第 1 条");
	has(out, "无法校验");
}

static int restore_copies(const char *dir)
{
	char pattern[200];
	glob_t g;
	snprintf(pattern, sizeof pattern, "%s/t.db.before-restore-*", dir);
	int n = glob(pattern, 0, NULL, &g) == 0 ? (int)g.gl_pathc : 0;
	globfree(&g);
	return n;
}

static void restore_refuses_an_edited_backup(void **state)
{
	struct testdb *t = *state;
	snprintf(t->cfg.db_path, sizeof t->cfg.db_path, "%s", t->path);
	three_entries(t);
	char backup[160], saved[256];
	snprintf(backup, sizeof backup, "%s/copy.db", t->dir);
	struct dj_err e;
	assert_int_equal(db_backup(t->s.db, backup, &e), 0);
	assert_int_equal(audit_record(&t->s, "org", 8, "新增", NULL, "{}"), 0);
	/* an entry removed and the ids closed up, as the administrator did */
	assert_int_equal(by_hand(backup, "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update;"
	        " DELETE FROM audit_log WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3"),
	        SQLITE_OK);
	assert_int_equal(db_restore(&t->s, backup, saved, sizeof saved, &e), DJ_INVALID);
	has(e.msg, backup);
	has(e.msg, "校验不通过");
	has(e.msg, "操作日志第 2 条");
	assert_non_null(t->s.db);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log", -1, 0), 4);
	assert_int_equal(restore_copies(t->dir), 0);   /* nothing was touched */

	/* the backup as it was made restores */
	assert_int_equal(db_backup(t->s.db, backup, &e), 0);
	if (db_restore(&t->s, backup, saved, sizeof saved, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(restore_copies(t->dir), 1);
	char out[2048];
	assert_int_equal(check_output(t, out, sizeof out), 0);
}

/* A database from before the chain: its entries are chained by migration
 * 009, and from then on an edit is found. */
static void migration_chains_the_entries_already_there(void **state)
{
	struct testdb *t = *state;
	char old[160], sql[2048];
	snprintf(old, sizeof old, "%s/old.db", t->dir);
	struct dj_err e;
	sqlite3 *db;
	assert_int_equal(db_open(&t->cfg, old, 1, &db, &e), 0);
	db_close(db);
	/* back to schema 8: 005's triggers and no mac, two entries as 005 wrote them */
	const char *m5 = NULL;
	for (const struct migration *m = migrations; m->sql; m++)
		if (m->version == 5)
			m5 = strstr(m->sql, "CREATE TRIGGER audit_log_no_update");
	assert_non_null(m5);
	snprintf(sql, sizeof sql, "DROP TRIGGER audit_log_append_only; DROP TRIGGER audit_log_no_update;"
	         " ALTER TABLE audit_log DROP COLUMN mac; PRAGMA user_version = 8;"
	         " INSERT INTO audit_log(at, login, tbl, row_id, action, new_json) VALUES"
	         " ('2026-01-01 08:00:00', 'a', 'org', 1, '新增', '{}'),"
	         " ('2026-01-02 08:00:00', 'b', 'org', 1, '修改', NULL); %.*s",
	         (int)(strstr(m5, "END;") + 4 - m5), m5);
	assert_int_equal(by_hand(old, sql), SQLITE_OK);

	struct testdb o = *t;
	snprintf(o.path, sizeof o.path, "%s", old);
	assert_int_equal(db_open(&o.cfg, o.path, 0, &o.s.db, &e), 0);
	o.s.cfg = &o.cfg;
	assert_int_equal(db_int(o.s.db, "SELECT count(*) FROM audit_log WHERE mac IS NULL", -1, 1), 0);
	char out[2048];
	assert_int_equal(check_output(&o, out, sizeof out), 0);
	assert_int_equal(audit_record(&o.s, "org", 1, "撤销", NULL, NULL), 0);
	db_close(o.s.db);
	assert_int_equal(by_hand(old, "DROP TRIGGER audit_log_no_update;"
	                              " UPDATE audit_log SET login = 'c' WHERE id = 1"), SQLITE_OK);
	assert_int_equal(db_open(&o.cfg, o.path, 0, &o.s.db, &e), 0);
	assert_true(check_output(&o, out, sizeof out) > 0);
	has(out, "操作日志第 1 条（2026-01-01 08:00:00，c）");
	db_close(o.s.db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_DB_TEST(a_member_of_maximum_control_characters_is_logged_whole),
		FX_DB_TEST(a_meeting_of_many_lines_is_logged_whole),
		FX_DB_TEST(a_meeting_with_many_away_names_everyone),
		FX_DB_TEST(replace_explicit_ids_and_back_dates_are_refused),
		FX_DB_TEST(an_entry_after_the_clock_went_back_keeps_the_order),
		FX_DB_TEST(check_finds_a_deleted_entry_and_the_dropped_trigger),
		FX_DB_TEST(check_names_an_edited_entry),
		FX_DB_TEST(check_finds_a_weakened_trigger),
		FX_DB_TEST(a_lost_key_is_reported_not_replaced),
		FX_DB_TEST(restore_refuses_an_edited_backup),
		FX_DB_TEST(migration_chains_the_entries_already_there),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
