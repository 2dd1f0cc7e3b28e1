/* The demo's review cycles: last 学年's 立项 batch holds a project in every
 * state the issue names, with money that adds up and scores by reviewer;
 * this year's 样板支部 batch has an applicant screened and one the rules
 * refuse, with the reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "demo/demo.h"
#include "fixture.h"
#include "review/review.h"

static int setup(void **state)
{
	setenv("DJ_TODAY", "2026-12-03", 1);
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

static int64_t project_batch(struct testdb *t)
{
	return db_int(t->s.db, "SELECT id FROM review_batch WHERE kind = '立项'", -1, 0);
}

static int64_t app_named(struct testdb *t, const char *title)
{
	sqlite3_stmt *st;
	int64_t id = 0;
	assert_int_equal(sqlite3_prepare_v2(t->s.db, "SELECT id FROM review_app WHERE title = ?1", -1,
	                                    &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	assert_true(id > 0);
	return id;
}

static void the_project_batch_has_every_state(void **state)
{
	struct testdb *t = *state;
	int64_t b = project_batch(t);
	assert_true(b > 0);
	static const int states[] = { RV_APPLIED, RV_REFUSED, RV_APPROVED, RV_MIDTERM, RV_FAILED,
	                              RV_PASSED, RV_HONOURED, RV_REVOKED };
	for (size_t i = 0; i < sizeof states / sizeof *states; i++) {
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM review_app WHERE batch_id = ?1 AND state = %d",
		         states[i]);
		if (db_int(t->s.db, sql, b, 0) != 1)
			fail_msg("state %s: %lld projects", review_state_word(REVIEW_PROJECT, states[i]),
			         (long long)db_int(t->s.db, sql, b, 0));
	}
	/* its settings froze at the first decision */
	assert_int_equal(db_int(t->s.db, "SELECT status = '进行中' AND frozen_on IS NOT NULL"
	                        " FROM review_batch WHERE id = ?1", b, 0), 1);
}

static void the_best_project_is_honoured_with_its_money_and_scores(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	int64_t id = app_named(t, "“𠮷祥联桥”党建品牌创建");
	struct review_app a;
	assert_int_equal(review_app_load(&t->s, id, &a, &e), 0);
	assert_int_equal(a.state, RV_HONOURED);
	assert_true(atof(a.total) >= 85.0);
	struct review_money m;
	assert_int_equal(review_money_of(&t->s, id, &m, &e), 0);
	assert_int_equal(m.granted, 100000);
	assert_int_equal(m.spent, 18650 + 42000);
	assert_int_equal(m.balance, 100000 - 18650 - 42000);
	struct review_sheet sh;
	assert_int_equal(review_sheet_load(&t->s, id, &sh, &e), 0);
	assert_int_equal(sh.nrev, 3);
	assert_true(sh.complete);
	/* the stored 总评 is the sheet's mean */
	char mean[16];
	snprintf(mean, sizeof mean, "%d.%d", sh.mean / 10, sh.mean % 10);
	assert_string_equal(a.total, mean);
}

static void the_failed_project_waits_on_its_rectification(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	struct review_app a;
	assert_int_equal(review_app_load(&t->s, app_named(t, "发展党员全程纪实"), &a, &e), 0);
	assert_int_equal(a.state, RV_FAILED);
	assert_true(a.rectify_due[0] != 0);
	assert_true(atof(a.total) < 60.0);
}

static void the_young_branch_is_not_eligible_and_says_why(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	char why[1024];
	int64_t young = app_named(t, "驿亭镇新时代文明实践所党支部样板支部创建");
	int64_t school = app_named(t, "镇中心学校党支部样板支部创建");
	assert_true(review_eligibility(&t->s, young, why, sizeof why, &e) > 0);
	if (!strstr(why, "3 年"))
		fail_msg("reason: %s", why);
	assert_int_equal(review_eligibility(&t->s, school, why, sizeof why, &e), 0);
	struct review_app a;
	assert_int_equal(review_app_load(&t->s, school, &a, &e), 0);
	assert_int_equal(a.state, RV_SCREENED);
	assert_int_equal(review_app_load(&t->s, young, &a, &e), 0);
	assert_int_equal(a.state, RV_RECOMMENDED);
	/* and the engine refuses to screen it, naming the same rule */
	struct review_step st = { .action = RA_SCREEN };
	snprintf(st.on, sizeof st.on, "2026-12-03");
	assert_int_not_equal(review_transition(&t->s, young, a.version, &st, NULL, &e), 0);
	if (!strstr(e.msg, "3 年"))
		fail_msg("refusal: %s", e.msg);
}

static void the_ledger_marks_the_late_ones(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	char stage[64], due[11];
	/* never recommended, though 项目申报 was in May */
	assert_int_equal(review_next_due(&t->s, app_named(t, "党员“积分制”管理试点"), "2026-12-03", stage,
	                                 sizeof stage, due, &e), 1);
	/* honoured: nothing more is due */
	assert_int_equal(review_next_due(&t->s, app_named(t, "“𠮷祥联桥”党建品牌创建"), "2026-12-03",
	                                 stage, sizeof stage, due, &e), -1);
}

/* 立项方向: seed 004 §三's six from the code list, or the office's own. */
static void directions_come_from_the_seed_or_the_ini(void **state)
{
	struct testdb *t = *state;
	char d[16][64];
	assert_int_equal(review_directions(&t->s, d, 16), 6);
	assert_string_equal(d[0], "加强党员队伍作风建设");
	assert_string_equal(d[5], "大学生党支部建设");
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/d.ini", t->dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("[review_project]\ndirections = 乡村振兴、基层治理，党建引领,\n", f);
	fclose(f);
	struct config c, *was = t->s.cfg;
	assert_int_equal(config_load(&c, path, why, sizeof why), 0);
	t->s.cfg = &c;
	int n = review_directions(&t->s, d, 16);
	t->s.cfg = was;
	config_free(&c);
	assert_int_equal(n, 3);
	assert_string_equal(d[1], "基层治理");
	assert_string_equal(d[2], "党建引领");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_project_batch_has_every_state),
		cmocka_unit_test(the_best_project_is_honoured_with_its_money_and_scores),
		cmocka_unit_test(the_failed_project_waits_on_its_rectification),
		cmocka_unit_test(the_young_branch_is_not_eligible_and_says_why),
		cmocka_unit_test(the_ledger_marks_the_late_ones),
		cmocka_unit_test(directions_come_from_the_seed_or_the_ini),
	};
	return cmocka_run_group_tests(tests, setup, fx_db_teardown);
}
