/* test_e2e_meeting.c — 三会一课 as a branch secretary and the township office
 * use it: record a 支委会 with two leaves and one absence through the form and
 * the sign-in sheet, then see it counted in 组织生活落实情况 (issue 4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#define UTF8_LOCALE "zh_CN.UTF-8"
#define GB_LOCALE "zh_CN.GB18030"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* A branch with no 党小组, at least four members, a name no other
 * organization contains, and a month of the second or third quarter of the
 * demo year without a 支委会: "name|YYYY-MM". */
static void pick_branch_and_month(const struct app *a, char *name, size_t ncap, char *month)
{
	char both[256];
	app_db_text(a, both, sizeof both,
	            "WITH months(m) AS (VALUES ('2026-04'),('2026-05'),('2026-06'),('2026-07'),"
	            " ('2026-08'),('2026-09'))"
	            " SELECT o.name || '|' || months.m FROM org o, months"
	            " WHERE o.kind = '党支部' AND o.status = '正常'"
	            " AND (SELECT count(*) FROM member WHERE org_id = o.id AND status = '正常') >= 4"
	            " AND NOT EXISTS (SELECT 1 FROM org g WHERE g.parent_id = o.id)"
	            " AND NOT EXISTS (SELECT 1 FROM org x WHERE x.id <> o.id AND instr(x.name, o.name) > 0)"
	            " AND NOT EXISTS (SELECT 1 FROM meeting WHERE org_id = o.id AND type = '支委会'"
	            "   AND substr(date, 1, 7) = months.m)"
	            " ORDER BY months.m, o.name LIMIT 1", NULL, NULL);
	char *bar = strchr(both, '|');
	if (!bar)
		fail_msg("the demo has no branch missing a 支委会 in Q2/Q3 2026");
	*bar = 0;
	snprintf(name, ncap, "%s", both);
	snprintf(month, 8, "%s", bar + 1);
}

/* Months of the quarter holding `month` with a 支委会 of the branch. */
static int64_t committee_months(const struct app *a, const char *branch, const char *month)
{
	char q[8];
	int m = atoi(month + 5), first = (m - 1) / 3 * 3 + 1;
	snprintf(q, sizeof q, "%.4s-%02d", month, first);
	return app_db_int(a, "SELECT count(DISTINCT substr(m.date, 1, 7)) FROM meeting m"
	                  " JOIN org o ON o.id = m.org_id WHERE o.name = ?1 AND m.type = '支委会'"
	                  " AND substr(m.date, 1, 7) >= ?2 AND substr(m.date, 1, 7) <"
	                  " printf('%s-%02d', substr(?2, 1, 4), substr(?2, 6, 2) + 3)", branch, q);
}

static int64_t quarter_count(const struct app *a, const char *branch, const char *month,
                             const char *state)
{
	char sql[768], q[8];
	int m = atoi(month + 5), first = (m - 1) / 3 * 3 + 1;
	snprintf(q, sizeof q, "%.4s-%02d", month, first);
	snprintf(sql, sizeof sql,
	         "SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id"
	         " JOIN org o ON o.id = m.org_id WHERE o.name = ?1 AND a.state = '%s'"
	         " AND substr(m.date, 1, 7) >= ?2 AND substr(m.date, 1, 7) <"
	         " printf('%%s-%%02d', substr(?2, 1, 4), substr(?2, 6, 2) + 3)", state);
	return app_db_int(a, sql, branch, q);
}

/* The whitespace-separated cell `n` (0-based) of the first row under the
 * headings (the row the find left), the gutter's ! dropped from the first. */
static void first_row_cell(struct vt *vt, int n, char *out, size_t cap)
{
	char line[1024];
	vt_row(vt, app_row_of(vt, "出席率") + 1, line, sizeof line);
	char *tok = strtok(line, " ");
	for (int i = 0; tok && i < n; i++)
		tok = strtok(NULL, " ");
	snprintf(out, cap, "%s", tok ? tok : "");
}

static void record_committee_and_see_it_counted(void **state)
{
	struct app *a = *state;
	char branch[128], month[8], date[11], text[256];
	pick_branch_and_month(a, branch, sizeof branch, month);
	snprintf(date, sizeof date, "%s-15", month);
	int64_t before = committee_months(a, branch, month);
	int64_t leave_before = quarter_count(a, branch, month, "请假");
	int64_t absent_before = quarter_count(a, branch, month, "缺席");

	struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
	vt_type(vt, "4");
	app_wait_row(vt, 0, "三会一课");
	vt_type(vt, "1");
	app_wait_row(vt, 0, "会议台账");
	app_wait(vt, "组织：全部党组织（含下级）");

	/* F4: this branch's ledger. */
	vt_key(vt, VT_KEY_F4);
	app_wait(vt, "选择组织");
	vt_type(vt, branch);
	app_wait(vt, "共 1 条");
	vt_key(vt, VT_KEY_ENTER);
	snprintf(text, sizeof text, "组织：%s（含下级）", branch);
	app_wait_row(vt, 2, text);

	/* F6: the form starts with the branch, the cursor on 会议类型. */
	vt_key(vt, VT_KEY_F6);
	app_wait_row(vt, 0, "会议记录");
	snprintf(text, sizeof text, "组织：%s", branch);
	app_wait_row(vt, 2, text);
	app_wait_cursor_after(vt, 3, "会议类型：");
	unsigned long keys = vt_keystrokes(vt);
	vt_type(vt, "zwh");                 /* pinyin initials of 支委会 */
	vt_key(vt, VT_KEY_ENTER);
	app_wait_row(vt, 3, "会议类型：支委会");
	vt_type(vt, date);
	vt_key(vt, VT_KEY_ENTER);
	vt_type(vt, "研究发展党员工作");
	vt_key(vt, VT_KEY_ENTER);
	vt_key(vt, VT_KEY_ENTER);           /* 主持人 left empty */
	vt_key(vt, VT_KEY_ENTER);           /* 记录人 left empty */
	vt_key(vt, VT_KEY_F2);
	/* Typed text plus one key per field and one to save. */
	assert_int_equal(vt_keystrokes(vt) - keys, 3 + 1 + 10 + 1 + 8 + 1 + 1 + 1 + 1);

	/* The new meeting goes straight to its sign-in sheet: a 支委会 starts blank. */
	app_wait_row(vt, 0, "签到表");
	app_wait(vt, "应到 0 人  实到 0 人  请假 0 人  缺席 0 人");
	vt_type(vt, "1");
	vt_type(vt, "2");
	vt_type(vt, "2");
	vt_type(vt, "3");
	app_wait(vt, "应到 4 人  实到 1 人  请假 2 人  缺席 1 人");
	vt_key(vt, VT_KEY_UP);
	vt_key(vt, VT_KEY_UP);
	vt_key(vt, VT_KEY_ENTER);
	app_wait(vt, "事由：");
	vt_type(vt, "外出务工");
	vt_key(vt, VT_KEY_ENTER);
	app_wait_gone(vt, "事由：");
	app_wait(vt, "外出务工");
	vt_key(vt, VT_KEY_F2);
	app_wait(vt, "已保存签到表：应到 4 人  实到 1 人  请假 2 人  缺席 1 人");

	/* Stored: the meeting, its four rows, the one reason. */
	assert_int_equal(app_db_int(a, "SELECT count(*) FROM meeting m JOIN org o ON o.id = m.org_id"
	                            " WHERE o.name = ?1 AND m.date = ?2 AND m.type = '支委会'"
	                            " AND m.topic = '研究发展党员工作'", branch, date), 1);
	assert_int_equal(app_db_int(a, "SELECT count(*) FROM attendance a JOIN meeting m"
	                            " ON m.id = a.meeting_id WHERE m.date = ?1 AND m.type = '支委会'"
	                            " AND m.topic = '研究发展党员工作' AND a.state = '请假'", date, NULL), 2);
	app_db_text(a, text, sizeof text, "SELECT group_concat(a.reason) FROM attendance a"
	            " JOIN meeting m ON m.id = a.meeting_id WHERE m.date = ?1"
	            " AND m.topic = '研究发展党员工作'", date, NULL);
	assert_string_equal(text, "外出务工");
	int64_t after = committee_months(a, branch, month);
	assert_int_equal(after, before + 1);

	/* Back in the ledger the meeting is listed with its counts. */
	vt_key(vt, VT_KEY_ESC);
	app_wait_row(vt, 0, "会议台账");
	snprintf(text, sizeof text, "%s 支委会", date);
	app_wait(vt, text);
	int row = app_row_of(vt, text);
	vt_row(vt, row, text, sizeof text);
	assert_non_null(strstr(text, "4    1    2    1"));

	/* 组织生活落实情况 for that quarter: the 支委 cell counts the new month. */
	vt_key(vt, VT_KEY_ESC);
	app_wait_row(vt, 0, "三会一课");
	vt_type(vt, "2");
	app_wait_row(vt, 0, "组织生活落实情况");
	app_wait(vt, "2026年第4季度");
	int target = (atoi(month + 5) - 1) / 3 + 1;
	for (int q = 4; q > target; q--)
		vt_key(vt, VT_KEY_LEFT);
	snprintf(text, sizeof text, "2026年第%d季度", target);
	app_wait_row(vt, 2, text);
	vt_key(vt, VT_KEY_F7);
	app_wait(vt, "名称或拼音首字母");
	vt_type(vt, branch);
	vt_key(vt, VT_KEY_ENTER);
	app_wait(vt, "共 1 条");
	char cell[32], expected[32];
	snprintf(expected, sizeof expected, "%d/3%s", (int)after, after < 3 ? "!" : "");
	first_row_cell(vt, 2, cell, sizeof cell);
	if (strcmp(cell, expected) != 0) {
		vt_dump(vt, stderr);
		fail_msg("支委 cell reads \"%s\", expected \"%s\"", cell, expected);
	}

	/* The detail counts the two leaves and the absence. */
	vt_key(vt, VT_KEY_ENTER);
	app_wait_row(vt, 0, "落实情况明细");
	int64_t leave = quarter_count(a, branch, month, "请假");
	int64_t absent = quarter_count(a, branch, month, "缺席");
	assert_int_equal(leave, leave_before + 2);
	assert_int_equal(absent, absent_before + 1);
	snprintf(text, sizeof text, "请假 %d，缺席 %d；", (int)leave, (int)absent);
	app_wait(vt, text);
	snprintf(text, sizeof text, "%d", (int)after);
	row = app_row_of(vt, "支委会");
	app_assert_at(vt, row, 32 + 5 - (int)strlen(text), text);   /* 达标, right-aligned */
	app_quit(vt);
}

static void compliance_year_and_absentees_in_gb18030(void **state)
{
	struct app *a = *state;
	struct vt *vt = app_start(a, 40, 120, GB_LOCALE);
	vt_type(vt, "4");
	app_wait_row(vt, 0, "三会一课");
	vt_type(vt, "2");
	app_wait_row(vt, 0, "组织生活落实情况");
	vt_type(vt, "y");
	app_wait_row(vt, 2, "2026年");
	app_wait(vt, "个未按要求召开");
	app_wait_row(vt, 37, "共 ");
	/* Every data row's cells line up under the headings. */
	int head = app_row_of(vt, "出席率");
	int rate_end = app_col_of(vt, head, "出席率") + app_width("出席率");
	char line[1024];
	vt_row(vt, head + 1, line, sizeof line);
	assert_int_equal(app_width(line), rate_end);
	/* The branches that missed a cycle are flagged and counted. */
	/* (those dissolved this year included) */
	int64_t branches = app_db_int(a, "SELECT count(*) FROM org o WHERE (o.status = '正常'"
	                              " OR o.dissolved_on >= '2026-01-01') AND (o.kind = '党支部'"
	                              " OR (o.kind = '党总支' AND NOT EXISTS (SELECT 1 FROM org c"
	                              " WHERE c.parent_id = o.id AND c.kind = '党支部'"
	                              " AND c.status = '正常')))", NULL, NULL);
	char text[128];
	snprintf(text, sizeof text, "%d 个党支部，", (int)branches);
	app_wait(vt, text);
	/* F9 2: the absentee list of the whole township. */
	vt_key(vt, VT_KEY_F9);
	app_wait(vt, "缺勤预警名单");
	vt_type(vt, "2");
	app_wait_row(vt, 0, "缺勤预警名单");
	app_wait(vt, "连续");
	app_wait_row(vt, 37, "共 ");
	vt_key(vt, VT_KEY_ESC);
	app_wait_row(vt, 0, "组织生活落实情况");
	app_quit(vt);
}

/* F10 on a sign-in sheet with unmarked work asks to save it first; 是 saves
 * the marks and leaves the program (退出系统？ used to drop them). */
static void f10_on_a_marked_sheet_saves_first(void **state)
{
	struct app *a = *state;
	char branch[128], month[8], date[11], text[256];
	pick_branch_and_month(a, branch, sizeof branch, month);
	snprintf(date, sizeof date, "%s-16", month);
	struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
	vt_type(vt, "4");
	app_wait_row(vt, 0, "三会一课");
	vt_type(vt, "1");
	app_wait_row(vt, 0, "会议台账");
	vt_key(vt, VT_KEY_F4);
	app_wait(vt, "选择组织");
	vt_type(vt, branch);
	app_wait(vt, "共 1 条");
	vt_key(vt, VT_KEY_ENTER);
	snprintf(text, sizeof text, "组织：%s（含下级）", branch);
	app_wait_row(vt, 2, text);
	vt_key(vt, VT_KEY_F6);
	app_wait_cursor_after(vt, 3, "会议类型：");
	vt_type(vt, "zwh");
	vt_key(vt, VT_KEY_ENTER);
	vt_type(vt, date);
	vt_key(vt, VT_KEY_ENTER);
	vt_type(vt, "退出前的签到");
	vt_key(vt, VT_KEY_F2);
	app_wait_row(vt, 0, "签到表");
	vt_type(vt, "1");
	vt_type(vt, "3");
	app_wait(vt, "应到 2 人  实到 1 人  请假 0 人  缺席 1 人");
	vt_key(vt, VT_KEY_F10);
	app_wait(vt, "退出系统前保存修改？");
	vt_key(vt, VT_KEY_ENTER);
	app_wait_exit(vt, "是，保存后退出");
	assert_int_equal(app_db_int(a, "SELECT count(*) FROM attendance t JOIN meeting m"
	                            " ON m.id = t.meeting_id WHERE m.topic = '退出前的签到'"
	                            " AND t.state IN ('出席', '缺席')", NULL, NULL), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(record_committee_and_see_it_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(compliance_year_and_absentees_in_gb18030, setup, teardown),
		cmocka_unit_test_setup_teardown(f10_on_a_marked_sheet_saves_first, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
