/* `dangjian check`: a clean demo passes; each broken rule is reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli/cli.h"
#include "demo/demo.h"
#include "testdb.h"

static int run_check(struct testdb *t, char *report, size_t cap)
{
	FILE *f = fmemopen(report, cap, "w");
	int n = cli_check(&t->s, f);
	fclose(f);
	return n;
}

static void demo_passes_and_each_broken_rule_is_named(void **state)
{
	(void)state;
	setenv("DJ_TODAY", "2026-11-21", 1);
	struct testdb t;
	testdb_open(&t);
	struct dj_err e;
	assert_int_equal(demo_populate(&t.s, &e), 0);
	char report[8192];
	assert_int_equal(run_check(&t, report, sizeof report), 0);
	assert_non_null(strstr(report, "检查通过"));

	/* a wrong check digit, a member left in a dissolved branch, a 党支部
	 * hanging under a 党小组 */
	assert_int_equal(sqlite3_exec(t.s.db,
	        "UPDATE member SET id_number = substr(id_number, 1, 17) ||"
	        "  CASE substr(id_number, 18, 1) WHEN '0' THEN '1' ELSE '0' END"
	        "  WHERE id = (SELECT min(id) FROM member WHERE id_number IS NOT NULL);"
	        "UPDATE org SET status = '撤销', dissolved_on = '2026-01-01', reason = '测试'"
	        "  WHERE id = (SELECT org_id FROM member WHERE status = '正常' ORDER BY id DESC LIMIT 1);"
	        "UPDATE org SET parent_id = (SELECT id FROM org WHERE kind = '党小组' LIMIT 1)"
	        "  WHERE id = (SELECT id FROM org WHERE kind = '党支部' AND name LIKE '%有限公司%' LIMIT 1);",
	        NULL, NULL, NULL), SQLITE_OK);
	int n = run_check(&t, report, sizeof report);
	assert_true(n >= 3);
	assert_non_null(strstr(report, "身份证号有误"));
	assert_non_null(strstr(report, "党员所在组织已撤销"));
	assert_non_null(strstr(report, "上下级类型不符"));
	/* A 党小组 straight under a 党总支: refused on save, so named here too. */
	assert_int_equal(sqlite3_exec(t.s.db,
	        "UPDATE org SET parent_id = (SELECT id FROM org WHERE kind = '党总支' LIMIT 1)"
	        "  WHERE id = (SELECT id FROM org WHERE kind = '党小组' ORDER BY id DESC LIMIT 1)",
	        NULL, NULL, NULL), SQLITE_OK);
	run_check(&t, report, sizeof report);
	assert_non_null(strstr(report, "（党小组）在"));
	testdb_close(&t);
}

/* A member's 党小组 that is not an active group of their own branch: a
 * group of another branch, or one dissolved since. */
static void a_group_outside_the_branch_is_named(void **state)
{
	(void)state;
	setenv("DJ_TODAY", "2026-11-21", 1);
	struct testdb t;
	testdb_open(&t);
	struct dj_err e;
	assert_int_equal(demo_populate(&t.s, &e), 0);
	assert_int_equal(sqlite3_exec(t.s.db,
	        "UPDATE member SET group_id = (SELECT g.id FROM org g WHERE g.kind = '党小组'"
	        "  AND g.parent_id <> member.org_id LIMIT 1)"
	        "  WHERE id = (SELECT min(id) FROM member WHERE status = '正常' AND group_id IS NULL);",
	        NULL, NULL, NULL), SQLITE_OK);
	char report[8192];
	assert_int_equal(run_check(&t, report, sizeof report), 1);
	assert_non_null(strstr(report, "党员所在党小组不符"));
	testdb_close(&t);
}

/* A member stored before the age rule held on every path (or written by
 * hand) who joined at 15: named, with the branch and the age. */
static void a_member_under_age_at_joining_is_named(void **state)
{
	(void)state;
	setenv("DJ_TODAY", "2026-11-21", 1);
	struct testdb t;
	testdb_open(&t);
	struct dj_err e;
	assert_int_equal(demo_populate(&t.s, &e), 0);
	assert_int_equal(sqlite3_exec(t.s.db,
	        "UPDATE member SET name = '少年甲', category = '预备党员', confirmed_on = NULL,"
	        "  joined_on = date(birth_date, '+15 years', '+3 months')"
	        "  WHERE id = (SELECT min(id) FROM member WHERE status = '正常' AND birth_date > '2000-01-01');"
	        "UPDATE member SET name = '十八整', joined_on = date(birth_date, '+18 years')"
	        "  WHERE id = (SELECT max(id) FROM member WHERE status = '正常' AND birth_date < '1990-01-01');",
	        NULL, NULL, NULL), SQLITE_OK);
	char report[8192];
	assert_int_equal(run_check(&t, report, sizeof report), 1);
	if (!strstr(report, "入党时未满 18 周岁：少年甲（") || !strstr(report, "时年龄 15 岁，未满 18 周岁") ||
	    strstr(report, "十八整"))
		fail_msg("report:\n%s", report);
	testdb_close(&t);
}

/* The review engine's money and scores, edited outside the program: a
 * spending line beyond what was granted, a score above its maximum. */
static void review_funds_and_scores_broken_outside_are_named(void **state)
{
	(void)state;
	setenv("DJ_TODAY", "2026-11-21", 1);
	struct testdb t;
	testdb_open(&t);
	struct dj_err e;
	assert_int_equal(demo_populate(&t.s, &e), 0);
	char report[8192];
	assert_int_equal(run_check(&t, report, sizeof report), 0);
	assert_int_equal(sqlite3_exec(t.s.db,
	        "UPDATE review_fund SET amount_fen = 500000 WHERE id ="
	        "  (SELECT min(id) FROM review_fund WHERE kind = '支出');"
	        "UPDATE review_score SET score = score + 1000 WHERE id = (SELECT min(id) FROM review_score);",
	        NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(run_check(&t, report, sizeof report), 2);
	assert_non_null(strstr(report, "立项/创建经费结余为负："));
	assert_non_null(strstr(report, "元"));
	assert_non_null(strstr(report, "验收评分超过满分："));
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(demo_passes_and_each_broken_rule_is_named),
		cmocka_unit_test(a_group_outside_the_branch_is_named),
		cmocka_unit_test(a_member_under_age_at_joining_is_named),
		cmocka_unit_test(review_funds_and_scores_broken_outside_are_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
