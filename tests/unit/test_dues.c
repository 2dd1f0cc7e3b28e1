/* Dues: the brackets at their edges, the fixed sums, the config parser, the
 * month sheet's save with its version checks, paid-up-to and arrears. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/text.h"
#include "core/validate.h"
#include "fixture.h"
#include "org/org.h"
#include "orglife/dues.h"

static int64_t due_of(const struct dues_rules *r, const char *kind, const char *yuan, int *rate)
{
	int64_t base = -1, due = -1;
	int rt = 0;
	if (yuan && parse_money(yuan, &base, NULL) != 0)
		fail_msg("bad money %s", yuan);
	assert_int_equal(dues_compute(r, kind, base, &rt, &due), 0);
	if (rate)
		*rate = rt;
	return due;
}

static void working_brackets_edges_fall_in_the_lower_bracket(void **state)
{
	(void)state;
	struct dues_rules r;
	int rate;
	dues_rules_default(&r);
	/* ≤3000 0.5% */
	assert_int_equal(due_of(&r, "在职", "3000.00", &rate), 1500);
	assert_int_equal(rate, 50);
	/* 3000.01 is in the 1% bracket: 30.0001 元 rounds to 30.00 */
	assert_int_equal(due_of(&r, "在职", "3000.01", &rate), 3000);
	assert_int_equal(rate, 100);
	/* 5000.00 still 1%; 5000.01 1.5% */
	assert_int_equal(due_of(&r, "在职", "5000.00", &rate), 5000);
	assert_int_equal(rate, 100);
	assert_int_equal(due_of(&r, "在职", "5000.01", &rate), 7500);
	assert_int_equal(rate, 150);
	/* 10000.00 still 1.5%; 10000.01 2% */
	assert_int_equal(due_of(&r, "在职", "10000.00", &rate), 15000);
	assert_int_equal(rate, 150);
	assert_int_equal(due_of(&r, "在职", "10000.01", &rate), 20000);
	assert_int_equal(rate, 200);
	assert_int_equal(due_of(&r, "在职", "0", &rate), 0);
	assert_int_equal(due_of(&r, "在职", "2345.67", NULL), 1173);   /* 11.72835 → 11.73 */
	assert_int_equal(due_of(&r, "在职", "2345.66", NULL), 1173);   /* 11.7283 → 11.73 */
	assert_int_equal(due_of(&r, "在职", "2345.00", NULL), 1173);   /* 11.725 → 11.73 (half up) */
}

static void retiree_brackets(void **state)
{
	(void)state;
	struct dues_rules r;
	int rate;
	dues_rules_default(&r);
	assert_int_equal(due_of(&r, "离退休", "5000.00", &rate), 2500);
	assert_int_equal(rate, 50);
	assert_int_equal(due_of(&r, "离退休", "5000.01", &rate), 5000);
	assert_int_equal(rate, 100);
	assert_int_equal(due_of(&r, "离退休", "3000.00", &rate), 1500);
	assert_int_equal(due_of(&r, "离退休", "12000.00", &rate), 12000);
}

static void students_relief_and_farmers_pay_a_fixed_sum(void **state)
{
	(void)state;
	struct dues_rules r;
	int rate;
	dues_rules_default(&r);
	assert_int_equal(due_of(&r, "学生", NULL, &rate), 20);
	assert_int_equal(rate, 0);
	assert_int_equal(due_of(&r, "困难", NULL, NULL), 20);
	assert_int_equal(due_of(&r, "农民", "9000", NULL), 20);   /* the base does not matter */
	int64_t due;
	assert_int_equal(dues_compute(&r, "在职", -1, &rate, &due), -1);   /* base unknown */
	assert_int_equal(dues_compute(&r, "干部", 100000, &rate, &due), -1);
}

static void brackets_from_the_ini_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/djdues.XXXXXX", path[64], why[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/d.ini", dir);
	fx_write_file(path, "[dues]\nbrackets = 2000:0.5, 6000:1, *:2\nretiree_brackets = *:0.5\n"
	              "student = 0.5\nfarmer = 1\n");
	struct config c;
	assert_int_equal(config_load(&c, path, why, sizeof why), 0);
	struct dues_rules r;
	assert_int_equal(dues_rules_load(&c, &r, why, sizeof why), 0);
	assert_int_equal(due_of(&r, "在职", "2000.00", NULL), 1000);
	assert_int_equal(due_of(&r, "在职", "2000.01", NULL), 2000);
	assert_int_equal(due_of(&r, "在职", "6000.01", NULL), 12000);
	assert_int_equal(due_of(&r, "离退休", "9000", NULL), 4500);
	assert_int_equal(due_of(&r, "学生", NULL, NULL), 50);
	assert_int_equal(due_of(&r, "农民", NULL, NULL), 100);
	assert_int_equal(due_of(&r, "困难", NULL, NULL), 20);   /* default kept */
	config_free(&c);

	fx_write_file(path, "[dues]\nbrackets = 5000:1, 3000:0.5, *:2\n");
	assert_int_equal(config_load(&c, path, why, sizeof why), 0);
	assert_int_equal(dues_rules_load(&c, &r, why, sizeof why), -1);
	assert_non_null(strstr(why, "[dues] brackets"));
	assert_non_null(strstr(why, "从小到大"));
	assert_int_equal(due_of(&r, "在职", "3000.00", NULL), 1500);   /* defaults stand */
	config_free(&c);
	unlink(path);
	rmdir(dir);
}

static void bracket_parser_refusals(void **state)
{
	(void)state;
	struct dues_bracket b[DUES_BRACKETS];
	int n;
	char why[160];
	assert_int_equal(dues_parse_brackets("3000:0.5, 5000:1", b, DUES_BRACKETS, &n, why,
	                                     sizeof why), -1);
	assert_non_null(strstr(why, "最后一档"));
	assert_int_equal(dues_parse_brackets("3000-0.5, *:1", b, DUES_BRACKETS, &n, why, sizeof why), -1);
	assert_non_null(strstr(why, "上限:比例"));
	assert_int_equal(dues_parse_brackets("3000:abc, *:1", b, DUES_BRACKETS, &n, why, sizeof why), -1);
	assert_int_equal(dues_parse_brackets("3000：0.5，*:1", b, DUES_BRACKETS, &n, why, sizeof why), -1);
	assert_int_equal(dues_parse_brackets("3000:0.5，*:1", b, DUES_BRACKETS, &n, why, sizeof why), 0);
	assert_int_equal(n, 2);
	assert_int_equal(b[0].upto, 300000);
	assert_int_equal(b[0].rate, 50);
	assert_int_equal(b[1].upto, -1);
	char text[16];
	dues_rate_text(150, text, sizeof text);
	assert_string_equal(text, "1.5%");
	dues_rate_text(50, text, sizeof text);
	assert_string_equal(text, "0.5%");
	dues_rate_text(200, text, sizeof text);
	assert_string_equal(text, "2%");
}

/* ---- the database part ---- */

/* A member whose 工作岗位 decides the kind of dues. */
static int64_t add_member(struct session *s, int64_t org, const char *name, const char *job)
{
	return fx_member_row(s, org, name, "男", "job", job);
}

static struct dues_line *line_of(struct dues_sheet *sh, const char *name)
{
	for (int i = 0; i < sh->n; i++)
		if (strcmp(sh->lines[i].name, name) == 0)
			return &sh->lines[i];
	fail_msg("no line for %s", name);
	return NULL;
}

static void pay(struct dues_line *l, int64_t fen)
{
	l->paid = fen;
	snprintf(l->paid_on, sizeof l->paid_on, "2026-11-20");
	l->dirty = 1;
}

static void a_month_sheet_saves_carries_over_and_shrinks_arrears(void **state)
{
	struct testdb *t = *state;
	struct dues_rules r;
	struct dues_sheet sh;
	struct dj_err e;
	int bad;
	dues_rules_default(&r);
	int64_t grp, br = fx_town(&t->s, "", "", &grp);
	int64_t zhang = add_member(&t->s, br, "张三", "村干部");
	add_member(&t->s, grp, "李四", "退休教师");
	add_member(&t->s, br, "王五", "在校学生");

	assert_int_equal(dues_sheet_load(&t->s, &r, br, "2026-10", &sh, &e), 0);
	assert_int_equal(sh.n, 3);
	assert_string_equal(line_of(&sh, "李四")->kind, "离退休");
	assert_string_equal(line_of(&sh, "王五")->kind, "学生");
	assert_int_equal(line_of(&sh, "王五")->due, 20);
	struct dues_line *z = line_of(&sh, "张三");
	assert_int_equal(z->due, -1);                   /* base not known yet */
	pay(z, 1500);
	assert_int_equal(dues_sheet_save(&t->s, &sh, &bad, &e), DJ_INVALID);
	assert_string_equal(e.field, "base");
	assert_int_equal(bad, (int)(z - sh.lines));
	z->base = 300000;
	dues_line_recompute(&r, z);
	assert_int_equal(z->due, 1500);
	struct dues_line *li = line_of(&sh, "李四");
	li->base = 520000;
	dues_line_recompute(&r, li);
	assert_int_equal(li->due, 5200);
	assert_int_equal(dues_sheet_save(&t->s, &sh, &bad, &e), 0);
	dues_sheet_free(&sh);

	/* 李四 and 王五 owe October. */
	long owing;
	int64_t owed;
	assert_int_equal(dues_arrears_totals(&t->s, 0, &owing, &owed), 0);
	assert_int_equal(owing, 2);
	assert_int_equal(owed, 5220);
	char upto[8];
	assert_int_equal(dues_paid_up_to(&t->s, zhang, upto), 0);
	assert_string_equal(upto, "2026-10");

	/* November starts from October: kind and base carried, nothing paid. */
	assert_int_equal(dues_sheet_load(&t->s, &r, br, "2026-11", &sh, &e), 0);
	assert_int_equal(line_of(&sh, "李四")->base, 520000);
	assert_int_equal(line_of(&sh, "李四")->due, 5200);
	assert_int_equal(line_of(&sh, "李四")->paid, 0);
	assert_int_equal(line_of(&sh, "李四")->id, 0);
	dues_sheet_free(&sh);

	/* Paying October in full empties the arrears list. */
	assert_int_equal(dues_sheet_load(&t->s, &r, br, "2026-10", &sh, &e), 0);
	pay(line_of(&sh, "李四"), 5200);
	pay(line_of(&sh, "王五"), 20);
	assert_int_equal(dues_sheet_save(&t->s, &sh, &bad, &e), 0);
	dues_sheet_free(&sh);
	assert_int_equal(dues_arrears_totals(&t->s, 0, &owing, &owed), 0);
	assert_int_equal(owing, 0);
	assert_int_equal(owed, 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='dues'", -1, 0), 5);
}

static void a_stale_sheet_is_a_conflict_naming_the_member(void **state)
{
	struct testdb *t = *state;
	struct dues_rules r;
	struct dues_sheet mine, theirs;
	struct dj_err e;
	int bad;
	dues_rules_default(&r);
	fx_org(&t->s, "中共驿亭镇委员会", "党委", "");
	int64_t br = fx_org(&t->s, "二都村党支部", "党支部", "中共驿亭镇委员会");
	add_member(&t->s, br, "陈志明", "学生");
	assert_int_equal(dues_sheet_load(&t->s, &r, br, "2026-09", &mine, &e), 0);
	assert_int_equal(dues_sheet_save(&t->s, &mine, &bad, &e), 0);   /* stores the 0.2 due */
	dues_sheet_free(&mine);
	assert_int_equal(dues_sheet_load(&t->s, &r, br, "2026-09", &mine, &e), 0);
	assert_int_equal(dues_sheet_load(&t->s, &r, br, "2026-09", &theirs, &e), 0);
	pay(&theirs.lines[0], 20);
	assert_int_equal(dues_sheet_save(&t->s, &theirs, &bad, &e), 0);
	pay(&mine.lines[0], 10);
	assert_int_equal(dues_sheet_save(&t->s, &mine, &bad, &e), DJ_CONFLICT);
	assert_non_null(strstr(e.msg, "陈志明"));
	assert_non_null(strstr(e.msg, "已被他人修改"));
	assert_int_equal(mine.lines[0].paid, 10);   /* what was typed is kept */
	assert_int_equal(db_int(t->s.db, "SELECT paid FROM dues", -1, 0), 20);
	dues_sheet_free(&mine);
	dues_sheet_free(&theirs);
}

static void relief_needs_an_approval_and_paid_up_to_stops_at_a_gap(void **state)
{
	struct testdb *t = *state;
	struct dues_rules r;
	struct dues_sheet sh;
	struct dj_err e;
	int bad;
	char upto[8];
	dues_rules_default(&r);
	fx_org(&t->s, "中共驿亭镇委员会", "党委", "");
	int64_t br = fx_org(&t->s, "孝丰村党支部", "党支部", "中共驿亭镇委员会");
	int64_t m = add_member(&t->s, br, "张伟", "");
	assert_int_equal(dues_paid_up_to(&t->s, m, upto), 0);
	assert_string_equal(upto, "");
	const char *months[] = { "2026-06", "2026-07", "2026-09" };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(dues_sheet_load(&t->s, &r, br, months[i], &sh, &e), 0);
		struct dues_line *l = &sh.lines[0];
		snprintf(l->relief, sizeof l->relief, "免交");
		dues_line_recompute(&r, l);
		assert_int_equal(l->due, 0);
		assert_int_equal(dues_sheet_save(&t->s, &sh, &bad, &e), DJ_INVALID);
		assert_string_equal(e.field, "approval");
		snprintf(l->approval, sizeof l->approval, "2026-05-20 支部大会讨论，镇党委批准");
		assert_int_equal(dues_sheet_save(&t->s, &sh, &bad, &e), 0);
		dues_sheet_free(&sh);
	}
	/* June and July are settled (exempt); August has no record: the run stops. */
	assert_int_equal(dues_paid_up_to(&t->s, m, upto), 0);
	assert_string_equal(upto, "2026-07");
}

/* Two members of one name on a branch's sheet read apart by birth year;
 * a name that occurs once shows nothing more (issue 19 item 9). */
static void namesakes_on_the_sheet_read_apart(void **state)
{
	struct testdb *t = *state;
	struct dues_rules r;
	struct dues_sheet sh;
	struct dj_err e;
	dues_rules_default(&r);
	int64_t grp, br = fx_town(&t->s, "", "", &grp);
	int64_t a = add_member(&t->s, br, "曹宇航", "村干部");
	int64_t b = add_member(&t->s, grp, "曹宇航", "村干部");
	add_member(&t->s, br, "王五", "村干部");
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE member SET birth_date = CASE id WHEN %lld THEN '1947-03-01'"
	         " ELSE '1985-07-01' END WHERE id IN (%lld, %lld)", (long long)a, (long long)a,
	         (long long)b);
	assert_int_equal(sqlite3_exec(t->s.db, sql, NULL, NULL, NULL), SQLITE_OK);

	assert_int_equal(dues_sheet_load(&t->s, &r, br, "2026-10", &sh, &e), 0);
	int seen = 0;
	for (int i = 0; i < sh.n; i++) {
		const struct dues_line *l = &sh.lines[i];
		if (strcmp(l->name, "王五") == 0) {
			assert_string_equal(l->tell, "");
			continue;
		}
		assert_string_equal(l->tell, l->member_id == a ? "1947年生" : "1985年生");
		seen++;
	}
	assert_int_equal(seen, 2);
	dues_sheet_free(&sh);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(working_brackets_edges_fall_in_the_lower_bracket),
		cmocka_unit_test(retiree_brackets),
		cmocka_unit_test(students_relief_and_farmers_pay_a_fixed_sum),
		cmocka_unit_test(brackets_from_the_ini_file),
		cmocka_unit_test(bracket_parser_refusals),
		FX_DB_TEST(a_month_sheet_saves_carries_over_and_shrinks_arrears),
		FX_DB_TEST(a_stale_sheet_is_a_conflict_naming_the_member),
		FX_DB_TEST(relief_needs_an_approval_and_paid_up_to_stops_at_a_gap),
		FX_DB_TEST(namesakes_on_the_sheet_read_apart),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pinyin_shutdown();
	return rc;
}
