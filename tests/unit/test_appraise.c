/* test_appraise.c — 述职评议: the share of 好+较好 and its rounding, the
 * thresholds and their edges, no votes (未评议), the weighted groups, counts
 * as typed; a round's organizations, a line saved and refused by field,
 * scope, the 联考 result, the 待办 items and the export read back. */
#include "fixture.h"

#include "appraise/appraise.h"
#include "core/csv.h"
#include "core/db.h"
#include "grading/grading.h"


static struct appraise_rule rule(int weight)
{
	struct appraise_rule r;
	char why[WHY_MAX];
	assert_int_equal(appraise_rule_parse("好,较好,一般,差", "90,70,50", weight, &r, why), 0);
	return r;
}

static struct appraise_votes votes(int g, int f, int a, int p, int pg, int pf, int pa, int pp)
{
	struct appraise_votes v = { { { g, f, a, p }, { pg, pf, pa, pp } } };
	return v;
}

static void shares_round_half_up(void **state)
{
	(void)state;
	struct appraise_rule r = rule(0);
	char out[16];
	struct appraise_votes v = votes(2, 0, 1, 0, 0, 0, 0, 0);   /* 2/3 = 66.67% */
	assert_int_equal(appraise_share(&r, &v), 667);
	appraise_format_share(667, out, sizeof out);
	assert_string_equal(out, "66.7%");
	v = votes(1, 0, 0, 0, 0, 0, 7, 0);                         /* 1/8 = 12.5% exactly */
	assert_int_equal(appraise_share(&r, &v), 125);
	v = votes(0, 1, 0, 0, 0, 0, 0, 1999);                      /* 1/2000 = 0.05% -> 0.1 */
	assert_int_equal(appraise_share(&r, &v), 1);
	v = votes(30, 10, 0, 0, 5, 5, 0, 0);                       /* all good */
	assert_int_equal(appraise_share(&r, &v), 1000);
	appraise_format_share(1000, out, sizeof out);
	assert_string_equal(out, "100.0%");
}

static void thresholds_at_their_edges(void **state)
{
	(void)state;
	struct appraise_rule r = rule(0);
	assert_string_equal(appraise_word(&r, 900), "好");
	assert_string_equal(appraise_word(&r, 899), "较好");
	assert_string_equal(appraise_word(&r, 700), "较好");
	assert_string_equal(appraise_word(&r, 699), "一般");
	assert_string_equal(appraise_word(&r, 500), "一般");
	assert_string_equal(appraise_word(&r, 499), "差");
	assert_string_equal(appraise_word(&r, 0), "差");
	/* 899.5‰ shown as 90.0% is 好: the grade is read from the rounded share */
	struct appraise_votes v = votes(1799, 0, 201, 0, 0, 0, 0, 0);   /* 89.95% */
	assert_int_equal(appraise_share(&r, &v), 900);
	assert_string_equal(appraise_word(&r, appraise_share(&r, &v)), "好");
}

static void no_votes_is_unrated(void **state)
{
	(void)state;
	struct appraise_rule r = rule(0);
	struct appraise_votes v = votes(-1, -1, -1, -1, -1, -1, -1, -1);
	char out[16] = "x";
	assert_int_equal(appraise_share(&r, &v), APPRAISE_NONE);
	assert_string_equal(appraise_word(&r, APPRAISE_NONE), "未评议");
	assert_int_equal(appraise_grade_of(&r, APPRAISE_NONE), 0);
	appraise_format_share(APPRAISE_NONE, out, sizeof out);
	assert_string_equal(out, "");
	v = votes(0, 0, 0, 0, 0, 0, 0, 0);
	assert_int_equal(appraise_share(&r, &v), APPRAISE_NONE);
}

static void groups_weighted_or_pooled(void **state)
{
	(void)state;
	/* 党员 9 of 10 good, 群众 1 of 2: pooled 10/12, weighted 60:40 */
	struct appraise_votes v = votes(5, 4, 1, 0, 1, 0, 0, 1);
	struct appraise_rule pooled = rule(0), weighted = rule(60);
	assert_int_equal(appraise_share(&pooled, &v), 833);
	assert_int_equal(appraise_share(&weighted, &v), 740);   /* .6*.9 + .4*.5 */
	/* one group without votes: the other counts alone */
	v = votes(0, 0, 0, 0, 3, 1, 0, 0);
	assert_int_equal(appraise_share(&weighted, &v), 1000);
}

static void rules_and_counts_refused_with_reasons(void **state)
{
	(void)state;
	struct appraise_rule r;
	char why[WHY_MAX];
	int n;
	assert_int_equal(appraise_rule_parse("好,较好,一般", "90,70,50", 0, &r, why), -1);
	assert_non_null(strstr(why, "四个"));
	assert_int_equal(appraise_rule_parse("好,较好,一般,差", "70,90,50", 0, &r, why), -1);
	assert_non_null(strstr(why, "由高到低"));
	assert_int_equal(appraise_rule_parse("好,好,一般,差", "90,70,50", 0, &r, why), -1);
	assert_int_equal(appraise_rule_parse("优秀,良好,合格,不合格", "85.5,70,60", 0, &r, why), 0);
	assert_int_equal(r.line[0], 855);
	assert_string_equal(appraise_word(&r, 855), "优秀");
	assert_int_equal(appraise_parse_count("１２", &n, why), 0);
	assert_int_equal(n, 12);
	assert_int_equal(appraise_parse_count("", &n, why), 0);
	assert_int_equal(n, APPRAISE_NONE);
	assert_int_equal(appraise_parse_count("3.5", &n, why), -1);
	assert_non_null(strstr(why, "整数"));
	assert_int_equal(appraise_parse_count("100000", &n, why), -1);
}

static void config_sets_the_rule(void **state)
{
	struct fixture *f = *state;
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/a.ini", f->t.dir);
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fprintf(out, "[database]\npath = %s\n\n[appraise]\ngrades = 优秀,良好,合格,不合格\n"
	        "thresholds = 95,80,60\nmember_weight = 70\n", f->t.path);
	fclose(out);
	config_free(&f->t.cfg);
	assert_int_equal(config_load(&f->t.cfg, path, why, sizeof why), 0);
	struct appraise_rule r;
	appraise_rule_from(f->s->cfg, &r);
	assert_string_equal(r.grade[3], "不合格");
	assert_int_equal(r.line[1], 800);
	assert_int_equal(r.member_weight, 70);
}

static int64_t new_round(struct fixture *f, const char *ends)
{
	struct appraise_round r;
	struct dj_err e;
	appraise_round_defaults(f->s, &r);
	snprintf(r.year, sizeof r.year, "2026");
	snprintf(r.org, sizeof r.org, "中共测试镇委员会");
	snprintf(r.starts_on, sizeof r.starts_on, "2026-11-01");
	snprintf(r.ends_on, sizeof r.ends_on, "%s", ends);
	if (appraise_round_save(f->s, &r, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(r.lines, 4);   /* 东村 西村 南村党总支 南村第一党支部, not the 党委 */
	return r.id;
}

static struct appraise_line line_of(struct fixture *f, int64_t round, int64_t org)
{
	struct appraise_line *rows;
	int n;
	struct dj_err e;
	assert_int_equal(appraise_lines_load(f->s, round, &rows, &n, &e), 0);
	struct appraise_line l = { 0 };
	for (int i = 0; i < n; i++)
		if (rows[i].org_id == org)
			l = rows[i];
	free(rows);
	assert_true(l.id > 0);
	return l;
}

static void a_round_holds_the_branches_and_saves_votes(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t round = new_round(f, "2026-11-30");
	struct appraise_line l = line_of(f, round, f->a);
	assert_int_equal(l.v.n[0][0], APPRAISE_NONE);
	snprintf(l.secretary, sizeof l.secretary, "王书记");
	snprintf(l.spoke_on, sizeof l.spoke_on, "2026.11.10");
	snprintf(l.summary, sizeof l.summary, "抓班子带队伍，三会一课按时开展");
	l.v = votes(20, 6, 2, 0, 10, 5, 3, 2);
	assert_int_equal(appraise_line_save(f->s, &l, &e), 0);
	assert_string_equal(l.spoke_on, "2026-11-10");
	assert_int_equal(l.v.n[1][3], 2);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'appraise_line'",
	                        -1, 0), 1);
	char res[32];
	appraise_result_of(f->s, 2026, f->a, res, sizeof res);
	assert_string_equal(res, "较好 85.4%");                     /* 41/48 */
	appraise_result_of(f->s, 2026, f->b, res, sizeof res);
	assert_string_equal(res, "未评议");
	appraise_result_of(f->s, 2025, f->a, res, sizeof res);
	assert_string_equal(res, "");
	char history[160];
	appraise_history(f->s, f->a, 3, history, sizeof history);
	assert_string_equal(history, "2026 较好 85.4%");
	appraise_history(f->s, f->top, 3, history, sizeof history);
	assert_string_equal(history, "");

	/* a stale version is refused, what was typed kept */
	struct appraise_line stale = line_of(f, round, f->b);
	struct appraise_line other = stale;
	snprintf(other.secretary, sizeof other.secretary, "李书记");
	assert_int_equal(appraise_line_save(f->s, &other, &e), 0);
	stale.v = votes(1, 0, 0, 0, -1, -1, -1, -1);
	assert_int_equal(appraise_line_save(f->s, &stale, &e), DJ_CONFLICT);
	assert_int_equal(stale.v.n[0][0], 1);
}

static void a_line_refused_names_the_field(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t round = new_round(f, "2026-11-30");
	struct appraise_line l = line_of(f, round, f->a);
	snprintf(l.spoke_on, sizeof l.spoke_on, "2026-12-01");
	assert_int_not_equal(appraise_line_save(f->s, &l, &e), 0);
	assert_string_equal(e.field, "spoke_on");
	assert_non_null(strstr(e.msg, "今天之后"));
	assert_string_equal(l.spoke_on, "2026-12-01");
	snprintf(l.spoke_on, sizeof l.spoke_on, "2026-11-02");
	l.secretary[0] = 0;
	assert_int_not_equal(appraise_line_save(f->s, &l, &e), 0);
	assert_string_equal(e.field, "secretary");
	l.spoke_on[0] = 0;
	l.v.n[1][2] = -5;
	assert_int_not_equal(appraise_line_save(f->s, &l, &e), 0);
	assert_string_equal(e.field, "p_avg");
}

static void a_round_refused_names_the_field(void **state)
{
	struct fixture *f = *state;
	struct appraise_round r;
	struct dj_err e;
	appraise_round_defaults(f->s, &r);
	snprintf(r.org, sizeof r.org, "不存在的党委");
	assert_int_not_equal(appraise_round_save(f->s, &r, &e), 0);
	assert_string_equal(e.field, "org");
	snprintf(r.org, sizeof r.org, "中共测试镇委员会");
	snprintf(r.starts_on, sizeof r.starts_on, "2026-12-01");
	snprintf(r.ends_on, sizeof r.ends_on, "2026-11-01");
	assert_int_not_equal(appraise_round_save(f->s, &r, &e), 0);
	assert_string_equal(e.field, "ends_on");
	assert_int_equal(r.id, 0);
}

static void an_operator_writes_only_in_scope(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t round = new_round(f, "2026-11-30");
	struct appraise_line mine = line_of(f, round, f->a), theirs = line_of(f, round, f->b);
	f->s->scope_org = f->a;
	f->s->role = ROLE_OPERATOR;
	mine.v = votes(1, 1, 0, 0, -1, -1, -1, -1);
	assert_int_equal(appraise_line_save(f->s, &mine, &e), 0);
	theirs.v = votes(1, 1, 0, 0, -1, -1, -1, -1);
	assert_int_equal(appraise_line_save(f->s, &theirs, &e), DJ_DENIED);
}

struct seen { int n, late; char orgs[256]; };

static int collect(void *ctx, const struct todo_item *it)
{
	struct seen *s = ctx;
	assert_int_equal(it->kind, TODO_APPRAISE);
	assert_string_equal(it->ref, "2026");
	s->n++;
	s->late += it->late;
	strncat(s->orgs, it->org, sizeof s->orgs - strlen(s->orgs) - 2);
	strcat(s->orgs, "|");
	return 0;
}

static void todo_lists_who_has_not_spoken(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t round = new_round(f, "2026-11-30");
	struct appraise_line l = line_of(f, round, f->a);
	snprintf(l.secretary, sizeof l.secretary, "王书记");
	snprintf(l.spoke_on, sizeof l.spoke_on, "2026-11-10");
	assert_int_equal(appraise_line_save(f->s, &l, &e), 0);
	struct seen s = { 0 };
	assert_int_equal(appraise_todo(f->s, "2026-11-21", 30, collect, &s, &e), 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.late, 0);
	assert_null(strstr(s.orgs, "东村"));
	memset(&s, 0, sizeof s);
	assert_int_equal(appraise_todo(f->s, "2026-12-02", 30, collect, &s, &e), 0);
	assert_int_equal(s.late, 3);
	memset(&s, 0, sizeof s);   /* due beyond the horizon: not yet listed */
	assert_int_equal(appraise_todo(f->s, "2026-11-21", 5, collect, &s, &e), 0);
	assert_int_equal(s.n, 0);
}

static void the_export_reads_back(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t round = new_round(f, "2026-11-30");
	struct appraise_line l = line_of(f, round, f->b);
	l.v = votes(9, 0, 1, 0, 0, 0, 0, 0);
	assert_int_equal(appraise_line_save(f->s, &l, &e), 0);
	char path[160];
	snprintf(path, sizeof path, "%s/a.csv", f->t.dir);
	int n = 0;
	FILE *report = tmpfile();
	assert_int_equal(appraise_export(f->s, 2026, path, report, &n), 0);
	fclose(report);
	assert_int_equal(n, 4);
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	char buf[4096];
	size_t got = fread(buf, 1, sizeof buf - 1, in);
	fclose(in);
	buf[got] = 0;
	assert_non_null(strstr(buf, "好和较好占比"));
	if (!strstr(buf, "\"西村党支部\",\"\",\"\",\"\",\"9\",\"0\",\"1\",\"0\",\"0\",\"0\",\"0\",\"0\",\"90.0%\",\"好\"")) fail_msg("%s", buf);
	assert_non_null(strstr(buf, "未评议"));
	n = 0;
	report = tmpfile();
	snprintf(path, sizeof path, "%s/b.csv", f->t.dir);
	assert_int_equal(appraise_export(f->s, 2025, path, report, &n), 0);
	fclose(report);
	assert_int_equal(n, 0);
}

/* 联考: the grading export of the same year carries the 述职评议 result,
 * and the 待办 screen's (org, year) finds the line. */
static void the_grading_export_carries_the_result(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t round = new_round(f, "2026-11-30");
	struct appraise_line l = line_of(f, round, f->a);
	l.v = votes(20, 6, 2, 0, 10, 5, 3, 2);
	assert_int_equal(appraise_line_save(f->s, &l, &e), 0);
	int64_t found = 0;
	assert_int_equal(appraise_line_find(f->s, 2026, f->a, &found, &e), 0);
	assert_int_equal(found, l.id);
	assert_int_equal(appraise_line_find(f->s, 2025, f->a, &found, &e), DJ_NOTFOUND);
	char sql[600];
	snprintf(sql, sizeof sql, "INSERT INTO grading_round(id, year, name, org_id, grade1, grade2,"
	         " grade3, grade4, line1, line2, line3, guide_top, guide_mid, guide_bottom, tolerance)"
	         " VALUES (1, 2026, '2026年度分类定级', %lld, '先进', '较好', '一般', '后进', 900, 750,"
	         " 600, 30, 60, 10, 10); INSERT INTO grading_result(round_id, org_id, total, suggested)"
	         " VALUES (1, %lld, 880, 2), (1, %lld, 700, 3)", (long long)f->top, (long long)f->a,
	         (long long)f->b);
	assert_int_equal(sqlite3_exec(f->s->db, sql, NULL, NULL, NULL), SQLITE_OK);
	char path[160];
	snprintf(path, sizeof path, "%s/定级.csv", f->t.dir);
	int n = 0;
	assert_int_equal(grading_export_csv(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 2);
	FILE *in = fopen(path, "r");
	char buf[4096];
	size_t got = fread(buf, 1, sizeof buf - 1, in);
	fclose(in);
	buf[got] = 0;
	if (!strstr(buf, "\"较好 85.4%\"") || !strstr(buf, "\"未评议\""))
		fail_msg("%s", buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shares_round_half_up),
		cmocka_unit_test(thresholds_at_their_edges),
		cmocka_unit_test(no_votes_is_unrated),
		cmocka_unit_test(groups_weighted_or_pooled),
		cmocka_unit_test(rules_and_counts_refused_with_reasons),
		FX_TEST(config_sets_the_rule),
		FX_TEST(a_round_holds_the_branches_and_saves_votes),
		FX_TEST(a_line_refused_names_the_field),
		FX_TEST(a_round_refused_names_the_field),
		FX_TEST(an_operator_writes_only_in_scope),
		FX_TEST(todo_lists_who_has_not_spoken),
		FX_TEST(the_export_reads_back),
		FX_TEST(the_grading_export_carries_the_result),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
