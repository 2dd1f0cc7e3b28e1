/* The demo township's members and applicants: every branch has members, the
 * records pass every rule, ages spread, every development stage appears and
 * the 提醒 list has something in each kind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/validate.h"
#include "demo/demo.h"
#include "fixture.h"
#include "member/devcase.h"
#include "member/stats.h"

static int setup(void **state)
{
	fx_db_setup(state);
	struct testdb *t = *state;
	struct dj_err e;
	if (demo_populate(&t->s, &e)) {
		fprintf(stderr, "demo: %s\n", e.msg);
		fx_db_teardown(state);
		return -1;
	}
	return 0;
}

static void every_branch_has_members(void **state)
{
	struct testdb *t = *state;
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org o WHERE kind = '党支部'"
	                        " AND status = '正常' AND NOT EXISTS (SELECT 1 FROM member m"
	                        " WHERE m.org_id = o.id AND m.status = '正常')", -1, -1), 0);
	assert_true(db_int(t->s.db, "SELECT count(*) FROM member", -1, 0) > 200);
	assert_true(db_int(t->s.db, "SELECT count(*) FROM member WHERE category = '预备党员'", -1, 0) >= 5);
	assert_true(db_int(t->s.db, "SELECT count(*) FROM member WHERE ethnicity <> '汉族'", -1, 0) >= 3);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM member WHERE name = '洪辉'", -1, 0), 1);
	/* moves and close-outs, each through its event */
	assert_int_equal(db_int(t->s.db, "SELECT count(DISTINCT status) FROM member", -1, 0), 6);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM member m WHERE status <> '正常'"
	                        " AND NOT EXISTS (SELECT 1 FROM member_event v WHERE v.member_id = m.id)",
	                        -1, -1), 0);
}

static void every_record_passes_the_rules(void **state)
{
	struct testdb *t = *state;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t->s.db, "SELECT id FROM member WHERE status = '正常'",
	                                    -1, &st, NULL), SQLITE_OK);
	int checked = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct member m;
		struct dj_err e;
		assert_int_equal(member_load(&t->s, sqlite3_column_int64(st, 0), &m, &e), 0);
		if (member_validate(&t->s, &m, &e))
			fail_msg("%s: %s", m.name, e.msg);
		char born[11];
		int male;
		assert_int_equal(valid_id_number(m.id_number, born, &male, NULL), 0);
		assert_string_equal(born, m.birth_date);
		checked++;
	}
	sqlite3_finalize(st);
	assert_true(checked > 200);
	struct member_stats s;
	struct dj_err e;
	assert_int_equal(member_stats_compute(&t->s, 0, &s, &e), 0);
	assert_int_equal(s.total, checked);
	for (int i = 0; i < 8; i++)   /* every age band has someone */
		assert_true(s.group[STAT_AGE].item[i].n > 0);
}

/* Branches with 党小组 have their members in them, so every demo 党小组会
 * has a sheet of the group's own members (issue 19). */
static void members_of_branches_with_groups_are_in_them(void **state)
{
	struct testdb *t = *state;
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org g WHERE g.kind = '党小组'"
	                        " AND g.status = '正常' AND NOT EXISTS (SELECT 1 FROM member m"
	                        " WHERE m.group_id = g.id AND m.status = '正常')", -1, -1), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM member m JOIN org g ON g.id = m.group_id"
	                        " WHERE g.kind <> '党小组' OR g.parent_id <> m.org_id", -1, -1), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM member m WHERE m.status = '正常'"
	                        " AND m.group_id IS NULL AND EXISTS (SELECT 1 FROM org g WHERE"
	                        " g.parent_id = m.org_id AND g.kind = '党小组' AND g.status = '正常')",
	                        -1, -1), 0);
	/* Every 党小组会 was attended by the group's members, and only by them. */
	assert_true(db_int(t->s.db, "SELECT count(*) FROM meeting WHERE type = '党小组会'", -1, 0) > 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM meeting mt WHERE mt.type = '党小组会'"
	                        " AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = mt.id)",
	                        -1, -1), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM attendance a JOIN meeting mt"
	                        " ON mt.id = a.meeting_id JOIN member m ON m.id = a.member_id"
	                        " WHERE mt.type = '党小组会' AND coalesce(m.group_id, 0) <> mt.org_id",
	                        -1, -1), 0);
}

static void applicants_at_every_stage(void **state)
{
	struct testdb *t = *state;
	assert_int_equal(db_int(t->s.db, "SELECT count(DISTINCT stage) FROM dev_case", -1, 0), 6);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM dev_case WHERE stage IN"
	                        " ('预备党员', '正式党员') AND member_id IS NULL", -1, -1), 0);
	struct row_source *rs = dev_remind_source(&t->s, 0);
	assert_non_null(rs);
	struct rs_row rows[40];
	int n = rs->fetch(rs->ctx, NULL, 1, 40, rows), kinds = 0;
	static const char *const want[] = { "申请待谈话", "积极分子满培养期", "预备党员转正" };
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < n; i++)
			if (strcmp(rows[i].cell[0], want[k]) == 0) {
				kinds++;
				break;
			}
	assert_int_equal(kinds, 3);
	row_source_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_branch_has_members, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(every_record_passes_the_rules, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(members_of_branches_with_groups_are_in_them, setup,
		                                fx_db_teardown),
		cmocka_unit_test_setup_teardown(applicants_at_every_stage, setup, fx_db_teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pinyin_shutdown();
	return rc;
}
