/* The review engine without the database (review/flow.c, rules.c): every
 * state × action pair of both flows against a table written out here, the
 * words, the mean and its half-up rounding, money as typed, and each of
 * seed 001's eligibility rules at its edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "review/internal.h"

/* Where each (state, action) leads, first acceptance round; 0 refused. */
#define A RV_APPLIED
#define R RV_RECOMMENDED
#define S RV_SCREENED
#define P RV_APPROVED
#define T RV_STARTED
#define M RV_MIDTERM
#define C RV_CONCLUDED
#define OK RV_PASSED
#define H RV_HONOURED
#define F RV_FAILED
#define X RV_REFUSED
#define V RV_REVOKED

/* Columns: RECOMMEND SCREEN APPROVE REFUSE START MIDTERM CONCLUDE ACCEPT
 * RESUBMIT HONOUR REVOKE. */
static const int project_table[RV_STATES][RA_ACTIONS] = {
	[A] = { R, 0, 0, X, 0, 0, 0, 0, 0, 0, 0 },
	[R] = { 0, 0, P, X, 0, 0, 0, 0, 0, 0, 0 },
	[S] = { 0 },
	[P] = { 0, 0, 0, 0, 0, M, 0, 0, 0, 0, V },
	[T] = { 0 },
	[M] = { 0, 0, 0, 0, 0, 0, C, 0, 0, 0, V },
	[C] = { 0, 0, 0, 0, 0, 0, 0, OK, 0, 0, V },
	[OK] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, H, 0 },
	[H] = { 0 },
	[F] = { 0, 0, 0, 0, 0, 0, 0, 0, C, 0, V },
	[X] = { 0 },
	[V] = { 0 },
};

static const int create_table[RV_STATES][RA_ACTIONS] = {
	[A] = { R, 0, 0, X, 0, 0, 0, 0, 0, 0, 0 },
	[R] = { 0, S, 0, X, 0, 0, 0, 0, 0, 0, 0 },
	[S] = { 0, 0, P, X, 0, 0, 0, 0, 0, 0, 0 },
	[P] = { 0, 0, 0, 0, T, 0, 0, 0, 0, 0, V },
	[T] = { 0, 0, 0, 0, 0, M, 0, 0, 0, 0, V },
	[M] = { 0, 0, 0, 0, 0, 0, C, 0, 0, 0, V },
	[C] = { 0, 0, 0, 0, 0, 0, 0, OK, 0, 0, 0 },
	[OK] = { 0 },
	[H] = { 0 },
	[F] = { 0 },
	[X] = { 0 },
	[V] = { 0 },
};

static void walk_table(enum review_kind k, const int table[RV_STATES][RA_ACTIONS])
{
	int allowed = 0;
	for (int st = 0; st < RV_STATES + 1; st++)
		for (int a = 0; a < RA_ACTIONS; a++) {
			int want = st < RV_STATES ? table[st][a] : 0;
			int got = review_next(k, st, (enum review_action)a, 1);
			if (got != want)
				fail_msg("%s: state %d action %d gives %d, expected %d", review_kind_word(k), st,
				         a, got, want);
			allowed += want != 0;
		}
	/* review_actions lists the same, in the table's order. */
	for (int st = 1; st < RV_STATES; st++) {
		enum review_action out[RA_ACTIONS];
		int n = review_actions(k, st, 1, out), want = 0;
		for (int a = 0; a < RA_ACTIONS; a++)
			want += table[st][a] != 0;
		assert_int_equal(n, want);
		for (int i = 0; i < n; i++)
			assert_int_not_equal(table[st][out[i]], 0);
	}
	assert_true(allowed >= 13);
}

static void project_transitions(void **state)
{
	(void)state;
	walk_table(REVIEW_PROJECT, project_table);
	/* A second failure leaves only 撤销立项. */
	assert_int_equal(review_next(REVIEW_PROJECT, F, RA_RESUBMIT, 2), 0);
	assert_int_equal(review_next(REVIEW_PROJECT, F, RA_REVOKE, 2), V);
	enum review_action out[RA_ACTIONS];
	assert_int_equal(review_actions(REVIEW_PROJECT, F, 2, out), 1);
	assert_int_equal(out[0], RA_REVOKE);
	assert_int_equal(review_actions(REVIEW_PROJECT, F, 1, out), 2);
	assert_int_equal(out[0], RA_RESUBMIT);
	/* The step forward comes first in the menu. */
	assert_int_equal(review_actions(REVIEW_PROJECT, A, 1, out), 2);
	assert_int_equal(out[0], RA_RECOMMEND);
	assert_int_equal(out[1], RA_REFUSE);
}

static void create_transitions(void **state)
{
	(void)state;
	walk_table(REVIEW_CREATE, create_table);
	assert_int_equal(review_next(REVIEW_CREATE, RV_RECOMMENDED, RA_APPROVE, 1), 0);
	assert_int_equal(review_next(REVIEW_CREATE, RV_PASSED, RA_HONOUR, 1), 0);
}

static void words(void **state)
{
	(void)state;
	assert_string_equal(review_state_word(REVIEW_PROJECT, RV_APPROVED), "已立项（实施中）");
	assert_string_equal(review_state_word(REVIEW_PROJECT, RV_FAILED), "验收不通过（整改中）");
	assert_string_equal(review_state_word(REVIEW_PROJECT, RV_REVOKED), "已撤销立项");
	assert_string_equal(review_state_word(REVIEW_PROJECT, RV_SCREENED), "");
	assert_string_equal(review_state_word(REVIEW_CREATE, RV_APPROVED), "拟入选（公示中）");
	assert_string_equal(review_state_word(REVIEW_CREATE, RV_PASSED), "达标（已命名）");
	assert_string_equal(review_state_word(REVIEW_CREATE, RV_FAILED), "不达标（已通报）");
	assert_string_equal(review_state_word(REVIEW_CREATE, RV_REFUSED), "未入选");
	assert_string_equal(review_state_word(REVIEW_CREATE, RV_HONOURED), "");
	assert_string_equal(review_state_word(REVIEW_CREATE, 0), "");
	assert_string_equal(review_state_word(REVIEW_CREATE, RV_STATES), "");
	const struct review_flow *p = review_flow_of(REVIEW_PROJECT);
	assert_string_equal(p->action_word[RA_RESUBMIT], "整改完成再次验收");
	assert_string_equal(p->action_word[RA_HONOUR], "评为优秀成果");
	assert_null(p->action_word[RA_SCREEN]);
	assert_null(review_flow_of(REVIEW_CREATE)->action_word[RA_HONOUR]);
	assert_int_equal(review_kind_parse("立项"), REVIEW_PROJECT);
	assert_int_equal(review_kind_parse("创建"), REVIEW_CREATE);
	assert_int_equal(review_kind_parse("项目"), -1);
	assert_true(review_state_final(REVIEW_PROJECT, RV_HONOURED));
	assert_false(review_state_final(REVIEW_PROJECT, RV_PASSED));
	assert_false(review_state_final(REVIEW_PROJECT, RV_FAILED));
	assert_true(review_state_final(REVIEW_CREATE, RV_FAILED));
	assert_true(review_state_final(REVIEW_CREATE, RV_PASSED));
}

static void stages_and_reach(void **state)
{
	(void)state;
	char names[REVIEW_MAX_STAGES][32], dues[REVIEW_MAX_STAGES][11];
	int reach[REVIEW_MAX_STAGES];
	assert_int_equal(review_default_stages(REVIEW_PROJECT, 2026, 1, names, dues, reach), 5);
	assert_string_equal(names[0], "项目设计");
	assert_string_equal(dues[0], "2026-04-10");
	assert_string_equal(dues[2], "2026-05-31");
	assert_int_equal(reach[2], RV_APPROVED);
	assert_string_equal(dues[3], "2027-03-31");
	assert_string_equal(dues[4], "2027-05-31");
	assert_int_equal(reach[4], RV_PASSED);
	assert_int_equal(review_default_stages(REVIEW_CREATE, 2026, 2, names, dues, reach), 6);
	assert_string_equal(names[2], "评审遴选及公示");
	assert_string_equal(dues[3], "2027-06-30");
	assert_string_equal(dues[4], "2028-05-31");
	assert_string_equal(dues[5], "2028-06-30");
	/* A failed 立项 acceptance has not reached its acceptance; refused never late. */
	assert_false(review_reached(REVIEW_PROJECT, RV_FAILED, RV_PASSED));
	assert_true(review_reached(REVIEW_PROJECT, RV_FAILED, RV_CONCLUDED));
	assert_true(review_reached(REVIEW_CREATE, RV_FAILED, RV_PASSED));
	assert_true(review_reached(REVIEW_PROJECT, RV_REFUSED, RV_PASSED));
	assert_true(review_reached(REVIEW_PROJECT, RV_HONOURED, RV_PASSED));
	assert_false(review_reached(REVIEW_PROJECT, RV_APPROVED, RV_MIDTERM));
	assert_true(review_reached(REVIEW_CREATE, RV_APPLIED, 0));
}

static void mean_half_up(void **state)
{
	(void)state;
	const int a[] = { 850, 860, 860 };   /* 85.666… → 85.7 */
	assert_int_equal(review_mean(a, 3), 857);
	const int b[] = { 850, 855 };        /* 85.25 → 85.3 */
	assert_int_equal(review_mean(b, 2), 853);
	const int c[] = { 850, 851, 851 };   /* 85.0666… → 85.1 */
	assert_int_equal(review_mean(c, 3), 851);
	const int d[] = { 850, 850, 851 };   /* 85.0333… → 85.0 */
	assert_int_equal(review_mean(d, 3), 850);
	assert_int_equal(review_mean(a, 0), -1);
	assert_int_equal(review_accept_state(600, 600), RV_PASSED);
	assert_int_equal(review_accept_state(599, 600), RV_FAILED);
	char t[16];
	review_format_tenths(857, t, sizeof t);
	assert_string_equal(t, "85.7");
	review_format_tenths(800, t, sizeof t);
	assert_string_equal(t, "80");
	int v = 0;
	assert_int_equal(review_parse_tenths("18.5", 200, &v, NULL), 0);
	assert_int_equal(v, 185);
	char why[WHY_MAX];
	assert_int_equal(review_parse_tenths("20.5", 200, &v, why), -1);
	assert_string_equal(why, "超过 20 分：20.5");
	assert_int_equal(review_parse_tenths("1.25", 200, &v, why), -1);
	assert_string_equal(why, "分数最多一位小数：1.25");
}

static void money(void **state)
{
	(void)state;
	const struct { const char *in; int64_t fen; } ok[] = {
		{ "1000", 100000 }, { "1000.5", 100050 }, { "1,000.00", 100000 }, { "１０００", 100000 },
		{ "1000元", 100000 }, { " 25000 元 ", 2500000 }, { "0.01", 1 }, { "１２．５", 1250 },
		{ "1000000000", 100000000000LL },
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		int64_t fen = -1;
		char why[WHY_MAX] = "";
		if (review_parse_money(ok[i].in, &fen, why))
			fail_msg("%s: %s", ok[i].in, why);
		assert_int_equal(fen, ok[i].fen);
	}
	const struct { const char *in, *why; } bad[] = {
		{ "-5", "金额不能为负数：-5" }, { "1.005", "金额最多两位小数：1.005" },
		{ "1000000000.01", "金额太大（最多 10 亿元）：1000000000.01" },
		{ "12345678901", "金额太大（最多 10 亿元）：12345678901" },
		{ "一千", "不是金额：一千（只能输入数字和小数点）" }, { "", "不是金额：" },
		{ "元", "不是金额：元" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int64_t fen = 77;
		char why[WHY_MAX] = "";
		assert_int_equal(review_parse_money(bad[i].in, &fen, why), -1);
		assert_string_equal(why, bad[i].why);
		assert_int_equal(fen, 77);
	}
	char out[32];
	review_format_money(100000, out, sizeof out);
	assert_string_equal(out, "1000.00");
	review_format_money(5, out, sizeof out);
	assert_string_equal(out, "0.05");
	review_format_money(-150, out, sizeof out);
	assert_string_equal(out, "-1.50");
}

static struct review_facts branch_facts(void)
{
	struct review_facts f = { .has_declaration = 1, .limit = 1 };
	snprintf(f.app_kind, sizeof f.app_kind, "样板支部");
	snprintf(f.org_kind, sizeof f.org_kind, "党支部");
	snprintf(f.category, sizeof f.category, "学校教工");
	snprintf(f.status, sizeof f.status, "正常");
	snprintf(f.founded_on, sizeof f.founded_on, "2023-05-01");
	snprintf(f.on, sizeof f.on, "2026-05-01");
	snprintf(f.parent, sizeof f.parent, "机械学院党总支");
	return f;
}

static void eligibility(void **state)
{
	(void)state;
	char why[512];
	struct review_facts f = branch_facts();
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 0);   /* exactly 3 years */
	assert_string_equal(why, "符合申报条件");
	snprintf(f.founded_on, sizeof f.founded_on, "2023-05-02");
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 1);
	assert_string_equal(why, "成立不满 3 年（2023-05-02 成立，至 2026-05-01 不足 3 年）");
	f = branch_facts();
	snprintf(f.founded_on, sizeof f.founded_on, "2024-09-01");
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 1);
	assert_string_equal(why, "成立不满 3 年（2024-09-01 成立，至 2026-05-01 不足 3 年）");
	/* A student branch needs 2 years: two years ago passes, one day less does not. */
	snprintf(f.category, sizeof f.category, "学校学生");
	snprintf(f.founded_on, sizeof f.founded_on, "2024-05-01");
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 0);
	snprintf(f.founded_on, sizeof f.founded_on, "2024-05-02");
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 1);
	assert_string_equal(why, "成立不满 2 年（2024-05-02 成立，至 2026-05-01 不足 2 年）");
	/* A teachers' branch founded two years ago is refused. */
	f = branch_facts();
	snprintf(f.founded_on, sizeof f.founded_on, "2024-05-01");
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 1);
	f = branch_facts();
	f.founded_on[0] = 0;
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 1);
	assert_string_equal(why, "成立日期未登记，无法确认成立满 3 年");
	f = branch_facts();
	f.has_declaration = 0;
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 1);
	assert_non_null(strstr(why, "未出现重大问题、事件"));
	f = branch_facts();
	snprintf(f.status, sizeof f.status, "撤销");
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 1);
	assert_string_equal(why, "申报组织已撤销");
	f = branch_facts();
	f.recommended = 1;
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 1);
	assert_string_equal(why, "超过推荐名额（机械学院党总支 已推荐 1 个，最多推荐 1 个）");
	f.limit = 2;   /* a 机关党委 recommends up to two */
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 0);
	f.recommended = 2;
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 1);
	/* 标杆学院 needs a 党总支; every failing rule is its own line. */
	f = branch_facts();
	snprintf(f.app_kind, sizeof f.app_kind, "标杆学院");
	snprintf(f.founded_on, sizeof f.founded_on, "2025-01-01");
	f.has_declaration = 0;
	f.limit = 0;
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 3);
	assert_string_equal(why, "标杆学院应由党总支申报（申报组织是党支部）\n"
	                         "成立不满 3 年（2025-01-01 成立，至 2026-05-01 不足 3 年）\n"
	                         "未记录“未出现重大问题、事件”的声明（须写明声明人和日期）");
	snprintf(f.org_kind, sizeof f.org_kind, "党总支");
	snprintf(f.founded_on, sizeof f.founded_on, "2020-01-01");
	f.has_declaration = 1;
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 0);
	/* 立项 projects have no such rules. */
	f = branch_facts();
	snprintf(f.app_kind, sizeof f.app_kind, "项目");
	f.founded_on[0] = 0;
	assert_int_equal(review_check_eligible(&f, why, sizeof why), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(project_transitions), cmocka_unit_test(create_transitions),
		cmocka_unit_test(words), cmocka_unit_test(stages_and_reach),
		cmocka_unit_test(mean_half_up), cmocka_unit_test(money),
		cmocka_unit_test(eligibility),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
