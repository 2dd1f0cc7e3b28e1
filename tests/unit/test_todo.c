/* test_todo.c — 待办: a fixture with one record of each kind late, due
 * within the window and not yet due (or done); the providers emit exactly
 * the late and due ones, merged late first, then by date, then by kind;
 * the `ahead` boundary; an operator limited to one branch sees only its
 * items; the file and the printed lines the CLI writes. */
#include "review_fx.h"

#include "core/csv.h"
#include "todo/todo.h"

/* October's 月报 of every branch, so the default duty owes nothing (the
 * 督导 kinds have their own test; one step below drops a report). */
static void all_reported(struct fixture *f)
{
	char sql[512];
	snprintf(sql, sizeof sql, "INSERT INTO duty_report (org_id, duty, period, received_on,"
	         " brought_by) VALUES (%lld, '月报', '2026-10', '2026-11-02', '组织委员'),"
	         " (%lld, '月报', '2026-10', '2026-11-02', '组织委员'),"
	         " (%lld, '月报', '2026-10', '2026-11-02', '组织委员')", (long long)f->a,
	         (long long)f->b, (long long)f->c1);
	rfx_sql(f->s, sql);
}

/* Today is 2026-11-21 (FX_TODAY); with ahead 7 the window ends 2026-11-28. */
static void records(struct fixture *f)
{
	all_reported(f);
	char sql[3072];
	int64_t batch = rfx_batch(f->s, REVIEW_PROJECT);
	snprintf(sql, sizeof sql,
	         "INSERT INTO grading_round (id, year, name, org_id, status, grade1, grade2, grade3,"
	         " grade4, line1, line2, line3, guide_top, guide_mid, guide_bottom, tolerance)"
	         " VALUES (1, 2026, '2026年度分类定级', %1$lld, '已确认', '先进', '较好', '一般', '后进',"
	         " 900, 800, 600, 30, 60, 10, 5);"
	         "INSERT INTO rectification (round_id, org_id, origin, problem, responsible, deadline,"
	         " accepted_on) VALUES (1, %2$lld, '定级', '组织生活不经常', '王东', '2026-11-01', NULL),"
	         " (1, %3$lld, '办公室列入', '阵地建设滞后', '李西', '2026-11-28', NULL),"
	         " (1, %4$lld, '办公室列入', '', '', '2026-11-29', NULL);"
	         "INSERT INTO grading_round (id, year, name, org_id, status, grade1, grade2, grade3,"
	         " grade4, line1, line2, line3, guide_top, guide_mid, guide_bottom, tolerance)"
	         " VALUES (2, 2025, '2025年度分类定级', %1$lld, '已确认', '先进', '较好', '一般', '后进',"
	         " 900, 800, 600, 30, 60, 10, 5);"
	         "INSERT INTO rectification (round_id, org_id, origin, deadline, accepted_on)"
	         " VALUES (2, %2$lld, '定级', '2026-10-01', '2026-10-20');"
	         "INSERT INTO dev_case (org_id, name, name_py, gender, birth_date, stage, applied_on,"
	         " talked_on, activist_on, mentor1) VALUES"
	         " (%2$lld, '赵申请', 'zsq', '男', '2000-01-01', '申请人', '2026-10-01', NULL, NULL, NULL),"
	         " (%3$lld, '钱积极', 'qjj', '女', '1999-01-01', '积极分子', '2025-03-01', '2025-04-01',"
	         " '2025-11-25', '孙联系'),"
	         " (%4$lld, '周未到', 'zwd', '女', '1999-01-01', '积极分子', '2025-03-01', '2025-04-01',"
	         " '2025-12-15', NULL);"
	         "INSERT INTO org_term (org_id, elected_on, term_years, due_on) VALUES"
	         " (%2$lld, '2023-11-01', 3, '2026-11-01'), (%3$lld, '2023-11-21', 3, '2026-11-21'),"
	         " (%4$lld, '2024-01-01', 3, '2027-01-01');"
	         "UPDATE org SET secretary = '东书记' WHERE id = %2$lld;"
	         "UPDATE review_stage SET due_on = '2026-11-25' WHERE batch_id = %5$lld;",
	         (long long)f->top, (long long)f->a, (long long)f->b, (long long)f->c1,
	         (long long)batch);
	rfx_sql(f->s, sql);
	int64_t open = rfx_app(f->s, batch, f->c1, "项目", "红色课堂", RV_APPLIED);
	rfx_app(f->s, batch, f->c1, "项目", "已验收项目", RV_PASSED);
	snprintf(sql, sizeof sql,
	         "INSERT INTO review_task (app_id, seq, task, responsible, due_on, done_on) VALUES"
	         " (%1$lld, 1, '制定活动方案', '周执行', '2026-11-10', NULL),"
	         " (%1$lld, 2, '采购资料', '周执行', '2026-11-12', '2026-11-11');",
	         (long long)open);
	rfx_sql(f->s, sql);
}

struct want {
	int kind, late;
	const char *due, *org;
};

static void collect(struct fixture *f, int ahead, struct todo_item **items, int *n)
{
	struct dj_err e;
	if (todo_collect(f->s, FX_TODAY, ahead, items, n, &e))
		fail_msg("%s", e.msg);
}

static void expect(const struct todo_item *items, int n, const struct want *w, int nw)
{
	for (int i = 0; i < n && i < nw; i++) {
		if (items[i].kind != w[i].kind || items[i].late != w[i].late ||
		    strcmp(items[i].due_on, w[i].due) || strcmp(items[i].org, w[i].org))
			fail_msg("item %d: kind %d late %d %s %s, expected kind %d late %d %s %s", i,
			         items[i].kind, items[i].late, items[i].due_on, items[i].org, w[i].kind,
			         w[i].late, w[i].due, w[i].org);
	}
	assert_int_equal(n, nw);
}

static const struct want all_seven_days[] = {
	{ TODO_DEVELOP, 1, "2026-10-31", "东村党支部" },
	{ TODO_RECTIFY, 1, "2026-11-01", "东村党支部" },
	{ TODO_TERM, 1, "2026-11-01", "东村党支部" },
	{ TODO_REVIEW, 1, "2026-11-10", "南村第一党支部" },
	{ TODO_TERM, 0, "2026-11-21", "西村党支部" },
	{ TODO_DEVELOP, 0, "2026-11-25", "西村党支部" },
	{ TODO_REVIEW, 0, "2026-11-25", "南村第一党支部" },
	{ TODO_RECTIFY, 0, "2026-11-28", "西村党支部" },
};

static void every_kind_late_and_due_in_order(void **state)
{
	struct fixture *f = *state;
	struct todo_item *items;
	int n, late, due;
	records(f);
	collect(f, 7, &items, &n);
	expect(items, n, all_seven_days, 8);
	todo_count(items, n, &late, &due);
	assert_int_equal(late, 4);
	assert_int_equal(due, 4);
	/* what each line says and who answers for it */
	assert_non_null(strstr(items[0].text, "赵申请 申请待谈话"));
	assert_string_equal(items[1].who, "王东");
	assert_non_null(strstr(items[1].text, "组织生活不经常"));
	assert_string_equal(items[2].who, "东书记");
	assert_non_null(strstr(items[2].text, "已届满"));
	assert_non_null(strstr(items[3].text, "红色课堂：制定活动方案"));
	assert_string_equal(items[5].who, "孙联系");
	assert_non_null(strstr(items[6].text, "红色课堂"));
	assert_string_equal(items[6].what, "立项");
	/* Enter opens by (kind, id): the ids are the records' */
	assert_int_equal(items[1].id, db_int(f->s->db, "SELECT id FROM rectification WHERE"
	                                     " deadline = '2026-11-01'", -1, -1));
	assert_int_equal(items[2].id, f->a);
	assert_int_equal(items[3].id, items[6].id);
	free(items);

	/* 西村's October 月报 missing: late since 11-05, merged in by date */
	rfx_sql(f->s, "DELETE FROM duty_report WHERE org_id IN (SELECT id FROM org WHERE"
	              " name = '西村党支部')");
	collect(f, 7, &items, &n);
	assert_int_equal(n, 9);
	assert_int_equal(items[3].kind, TODO_REPORT);
	assert_int_equal(items[3].late, 1);
	assert_string_equal(items[3].due_on, "2026-11-05");
	assert_string_equal(items[3].org, "西村党支部");
	assert_string_equal(items[3].ref, "2026-10");
	assert_int_equal(items[3].id, f->b);
	free(items);
}

static void ahead_is_the_last_day_included(void **state)
{
	struct fixture *f = *state;
	struct todo_item *items;
	int n;
	records(f);
	collect(f, 6, &items, &n);   /* up to 11-27: the rectification due 11-28 drops out */
	expect(items, n, all_seven_days, 7);
	free(items);
	collect(f, 8, &items, &n);   /* up to 11-29: the one due 11-29 comes in */
	assert_int_equal(n, 9);
	assert_int_equal(items[8].kind, TODO_RECTIFY);
	assert_string_equal(items[8].due_on, "2026-11-29");
	free(items);
	collect(f, 0, &items, &n);   /* today only: the late ones and the term ending today */
	expect(items, n, all_seven_days, 5);
	free(items);
}

static void an_operator_of_one_branch_sees_its_own(void **state)
{
	struct fixture *f = *state;
	struct todo_item *items;
	int n;
	records(f);
	f->s->scope_org = f->a;
	collect(f, 7, &items, &n);
	expect(items, n, all_seven_days, 3);
	free(items);
	f->s->scope_org = f->zz;
	collect(f, 7, &items, &n);
	assert_int_equal(n, 2);
	for (int i = 0; i < n; i++)
		assert_int_equal(items[i].org_id, f->c1);
	free(items);
}

static void one_kind_for_the_filter(void **state)
{
	struct fixture *f = *state;
	struct todo_item *items;
	struct dj_err e;
	int n;
	records(f);
	assert_int_equal(todo_collect_kind(f->s, FX_TODAY, 7, TODO_TERM, &items, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].kind, TODO_TERM);
	assert_int_equal(items[1].kind, TODO_TERM);
	free(items);
}

static void nothing_on_an_empty_database(void **state)
{
	struct fixture *f = *state;
	struct todo_item *items = (struct todo_item *)1;
	int n = -1;
	all_reported(f);
	collect(f, 7, &items, &n);
	assert_int_equal(n, 0);
	assert_null(items);
}

static void file_and_printed_lines(void **state)
{
	struct fixture *f = *state;
	struct todo_item *items;
	int n, written;
	char path[200], line[512];
	records(f);
	collect(f, 7, &items, &n);
	snprintf(path, sizeof path, "%s/待办.csv", f->t.dir);
	assert_int_equal(todo_export_csv(items, n, path, stderr, &written), 0);
	assert_int_equal(written, 8);
	char why[256], **fields;
	int lineno, rows = 0;
	struct csv_reader *r = csv_open(path, why, sizeof why);
	assert_non_null(r);
	assert_int_equal(csv_next(r, &fields, &lineno), 6);
	assert_string_equal(fields[0], "类别");
	assert_string_equal(fields[4], "期限");
	while (csv_next(r, &fields, &lineno) > 0) {
		assert_string_equal(fields[4], items[rows].due_on);
		assert_string_equal(fields[5], items[rows].late ? "逾期" : "即将到期");
		rows++;
	}
	csv_close(r);
	assert_int_equal(rows, 8);

	snprintf(path, sizeof path, "%s/待办.txt", f->t.dir);
	FILE *out = fopen(path, "w+");
	assert_non_null(out);
	assert_int_equal(todo_print(items, n, FX_TODAY, 7, out), 0);
	rewind(out);
	assert_non_null(fgets(line, sizeof line, out));
	assert_non_null(strstr(line, "逾期 4 项，即将到期 4 项"));
	assert_non_null(fgets(line, sizeof line, out));
	assert_true(strncmp(line, "! 发展党员", strlen("! 发展党员")) == 0);
	fclose(out);
	free(items);
}

static void copy_keeps_whole_characters(void **state)
{
	(void)state;
	char out[8];
	todo_copy(out, sizeof out, "党建\n台账");   /* 3 bytes each: 党建 + space = 7 */
	assert_string_equal(out, "党建 ");
	char hz[11];
	todo_horizon("2026-12-28", 7, hz);
	assert_string_equal(hz, "2027-01-04");
	todo_horizon("2028-02-27", 2, hz);
	assert_string_equal(hz, "2028-02-29");
}

static void config_defaults_and_bounds(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(todo_ahead_days(f->s->cfg), 7);
	assert_int_equal(todo_at_start(f->s->cfg), 0);
	assert_int_equal(todo_ahead_days(NULL), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(every_kind_late_and_due_in_order),
		FX_TEST(ahead_is_the_last_day_included),
		FX_TEST(an_operator_of_one_branch_sees_its_own),
		FX_TEST(one_kind_for_the_filter),
		FX_TEST(nothing_on_an_empty_database),
		FX_TEST(file_and_printed_lines),
		cmocka_unit_test(copy_keeps_whole_characters),
		FX_TEST(config_defaults_and_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
