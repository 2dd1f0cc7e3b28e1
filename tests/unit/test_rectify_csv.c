/* test_rectify_csv.c — the rectification ledger's CSV: one cell under each
 * header, the status worked out from the deadline and acceptance. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "csv.h"
#include "org.h"
#include "rectify.h"
#include "testdb.h"

static int setup(void **state)
{
	setenv("DJ_TODAY", "2026-11-21", 1);
	struct testdb *t = malloc(sizeof *t);
	testdb_open(t);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	testdb_close(*state);
	free(*state);
	return 0;
}

static int64_t add_org(struct session *s, const char *name, const char *kind, const char *parent)
{
	struct org o = { 0 };
	struct dj_err e;
	snprintf(o.name, sizeof o.name, "%s", name);
	snprintf(o.kind, sizeof o.kind, "%s", kind);
	snprintf(o.category, sizeof o.category, "农村");
	snprintf(o.parent, sizeof o.parent, "%s", parent);
	if (org_save(s, &o, 0, &e))
		fail_msg("%s: %s", name, e.msg);
	return o.id;
}

/* A confirmed round of the 党委 with two branches put on rectification: one
 * graded 后进 and past its deadline, one accepted. */
static void two_plans(struct testdb *t)
{
	int64_t top = add_org(&t->s, "中共驿亭镇委员会", "党委", "");
	int64_t a = add_org(&t->s, "联桥村党支部", "党支部", "中共驿亭镇委员会");
	int64_t b = add_org(&t->s, "二都村党支部", "党支部", "中共驿亭镇委员会");
	char sql[1024];
	snprintf(sql, sizeof sql,
	         "INSERT INTO grading_round (id, year, name, org_id, status, grade1, grade2, grade3,"
	         " grade4, line1, line2, line3, guide_top, guide_mid, guide_bottom, tolerance)"
	         " VALUES (1, 2026, '2026年度分类定级', %lld, '已确认', '先进', '较好', '一般', '后进',"
	         " 900, 800, 600, 30, 60, 10, 5);"
	         "INSERT INTO grading_result (round_id, org_id, suggested, grade) VALUES"
	         " (1, %lld, 4, 4), (1, %lld, 3, NULL);"
	         "INSERT INTO rectification (round_id, org_id, origin, problem, deadline, accepted_on)"
	         " VALUES (1, %lld, '定级', '组织生活不经常', '2026-10-31', NULL),"
	         " (1, %lld, '办公室列入', '', '2026-09-30', '2026-10-08');",
	         (long long)top, (long long)a, (long long)b, (long long)a, (long long)b);
	struct dj_err e;
	if (db_exec(t->s.db, sql, &e))
		fail_msg("%s", e.msg);
}

static void every_cell_under_its_header(void **state)
{
	struct testdb *t = *state;
	two_plans(t);
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/整改台账.csv", t->dir);
	int n = 0;
	assert_int_equal(rectify_export_csv(&t->s, path, stderr, &n), 0);
	assert_int_equal(n, 2);
	struct csv_reader *r = csv_open(path, why, sizeof why);
	assert_non_null(r);
	char **f;
	int line;
	assert_int_equal(csv_next(r, &f, &line), 12);
	assert_string_equal(f[3], "等次");
	assert_string_equal(f[11], "状态");
	assert_int_equal(csv_next(r, &f, &line), 12);
	assert_string_equal(f[0], "2026");
	assert_string_equal(f[2], "二都村党支部");
	assert_string_equal(f[3], "一般");
	assert_string_equal(f[10], "2026-10-08");
	assert_string_equal(f[11], "已验收");
	assert_int_equal(csv_next(r, &f, &line), 12);
	assert_string_equal(f[2], "联桥村党支部");
	assert_string_equal(f[3], "后进");
	assert_string_equal(f[5], "组织生活不经常");
	assert_string_equal(f[8], "2026-10-31");
	assert_string_equal(f[11], "逾期");
	assert_int_equal(csv_next(r, &f, &line), 0);
	csv_close(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_cell_under_its_header, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
