/* test_rectify_csv.c — the rectification ledger's CSV: one cell under each
 * header, the status worked out from the deadline and acceptance. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/csv.h"
#include "fixture.h"
#include "grading/rectify.h"

/* A confirmed round of the 党委 with two branches put on rectification: one
 * graded 后进 and past its deadline, one accepted. */
static void two_plans(struct fixture *f)
{
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
	         (long long)f->top, (long long)f->a, (long long)f->b, (long long)f->a,
	         (long long)f->b);
	struct dj_err e;
	if (db_exec(f->s->db, sql, &e))
		fail_msg("%s", e.msg);
}

static void every_cell_under_its_header(void **state)
{
	struct fixture *f = *state;
	two_plans(f);
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/整改台账.csv", f->t.dir);
	int n = 0;
	assert_int_equal(rectify_export_csv(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 2);
	struct csv_reader *r = csv_open(path, why, sizeof why);
	assert_non_null(r);
	char **cell;
	int line;
	assert_int_equal(csv_next(r, &cell, &line), 12);
	assert_string_equal(cell[3], "等次");
	assert_string_equal(cell[11], "状态");
	assert_int_equal(csv_next(r, &cell, &line), 12);
	assert_string_equal(cell[0], "2026");
	assert_string_equal(cell[2], "东村党支部");
	assert_string_equal(cell[3], "后进");
	assert_string_equal(cell[5], "组织生活不经常");
	assert_string_equal(cell[8], "2026-10-31");
	assert_string_equal(cell[11], "逾期");
	assert_int_equal(csv_next(r, &cell, &line), 12);
	assert_string_equal(cell[2], "西村党支部");
	assert_string_equal(cell[3], "一般");
	assert_string_equal(cell[10], "2026-10-08");
	assert_string_equal(cell[11], "已验收");
	assert_int_equal(csv_next(r, &cell, &line), 0);
	csv_close(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(every_cell_under_its_header),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pinyin_shutdown();
	return rc;
}
