/* test_e2e_dues.c — 党费 as a branch's dues collector enters a month: the
 * month sheet filled line by line (one amount typed, the rest paid in full
 * with the space bar), saved, and the arrears list shrinks (issue 4). */
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
#define MONTH "2026-10"   /* the month before APP_TODAY */

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

#define OWING_MEMBERS "SELECT count(DISTINCT member_id) FROM dues WHERE paid < due"

/* A branch whose name no other organization contains, with a member who
 * owes October only (paying October takes them off the list). */
static void pick_branch(const struct app *a, char *name, size_t cap)
{
	app_db_text(a, name, cap,
	            "SELECT o.name FROM org o WHERE o.kind = '党支部' AND o.status = '正常'"
	            " AND NOT EXISTS (SELECT 1 FROM org x WHERE x.id <> o.id AND instr(x.name, o.name) > 0)"
	            " AND EXISTS (SELECT 1 FROM dues d WHERE d.org_id = o.id AND d.month = ?1"
	            "   AND d.paid < d.due AND NOT EXISTS (SELECT 1 FROM dues e"
	            "   WHERE e.member_id = d.member_id AND e.month <> ?1 AND e.paid < e.due))"
	            " ORDER BY o.name_py LIMIT 1", MONTH, NULL);
	if (!*name)
		fail_msg("the demo has no branch with a member owing %s only", MONTH);
}

/* The lines of the branch's sheet: its current members and anyone it kept
 * a row for that month. */
static int64_t sheet_lines(const struct app *a, const char *branch)
{
	return app_db_int(a,
	                  "WITH RECURSIVE sub(id) AS (SELECT id FROM org WHERE name = ?1"
	                  " UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id)"
	                  " SELECT count(*) FROM (SELECT id FROM member WHERE status = '正常'"
	                  " AND org_id IN (SELECT id FROM sub) UNION SELECT d.member_id FROM dues d"
	                  " JOIN org o ON o.id = d.org_id WHERE o.name = ?1 AND d.month = ?2)",
	                  branch, MONTH);
}

static void status_owing(const struct app *a, char *out, size_t cap)
{
	char owed[32];
	app_db_text(a, owed, sizeof owed, "SELECT printf('%d.%02d', sum(due - paid) / 100,"
	            " sum(due - paid) % 100) FROM dues WHERE paid < due", NULL, NULL);
	snprintf(out, cap, "欠交 %d 人，共 %s 元", (int)app_db_int(a, OWING_MEMBERS, NULL, NULL),
	         owed);
}

/* The amount the entry bar says is due for the current line. */
static void bar_due(struct vt *vt, char *out, size_t cap)
{
	char line[512];
	vt_row(vt, 18, line, sizeof line);   /* the bar's first row at 80x24 */
	const char *at = strstr(line, "应交 ");
	if (!at) {
		vt_dump(vt, stderr);
		fail_msg("no 应交 on the entry bar");
	}
	snprintf(out, cap, "%s", at + strlen("应交 "));
	out[strcspn(out, " ")] = 0;
}

static void enter_a_month_and_the_arrears_shrink(void **state)
{
	struct app *a = *state;
	char branch[128], text[256], before_text[128];
	pick_branch(a, branch, sizeof branch);
	int64_t owing_before = app_db_int(a, OWING_MEMBERS, NULL, NULL);
	int64_t lines = sheet_lines(a, branch);
	int64_t owing_here = app_db_int(a, "SELECT count(*) FROM dues d JOIN org o ON o.id = d.org_id"
	                                " WHERE o.name = ?1 AND d.month = ?2 AND d.paid < d.due",
	                                branch, MONTH);
	status_owing(a, before_text, sizeof before_text);
	assert_true(lines >= 2);
	assert_true(owing_here >= 1);

	struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
	vt_type(vt, "f");
	app_wait_row(vt, 0, "党费管理");
	vt_type(vt, "2");
	app_wait_row(vt, 0, "党费欠交名单");
	app_wait(vt, before_text);
	vt_key(vt, VT_KEY_ESC);
	app_wait_row(vt, 0, "党费管理");

	/* The month overview: October, this branch. */
	vt_type(vt, "1");
	app_wait_row(vt, 0, "党费收缴");
	app_wait(vt, "2026年11月党费");
	vt_key(vt, VT_KEY_LEFT);
	app_wait(vt, "2026年10月党费");
	vt_key(vt, VT_KEY_F7);
	app_wait(vt, "名称或拼音首字母");
	vt_type(vt, branch);
	vt_key(vt, VT_KEY_ENTER);
	app_wait(vt, "查找：");
	vt_key(vt, VT_KEY_ENTER);
	app_wait_row(vt, 0, "党费收缴表");
	snprintf(text, sizeof text, "%s  2026年10月 党费收缴表", branch);
	app_wait_row(vt, 2, text);

	/* The first member's due typed as yuan, everyone else paid in full. */
	char due[32];
	app_wait_row(vt, 18, "应交 ");
	app_settle(vt);
	bar_due(vt, due, sizeof due);
	app_wait_row(vt, 19, "实交：");
	vt_type(vt, due);
	vt_key(vt, VT_KEY_ENTER);
	for (int64_t i = 1; i < lines; i++)
		vt_type(vt, " ");
	app_wait(vt, "已是最后一人");
	snprintf(text, sizeof text, "%d 人", (int)lines);
	app_wait_row(vt, 21, text);
	app_wait(vt, "欠交 0 人 0.00");
	vt_key(vt, VT_KEY_F2);
	app_wait(vt, "已保存 2026-10 党费");
	app_wait(vt, "欠交 0 人");
	assert_int_equal(app_db_int(a, "SELECT count(*) FROM dues d JOIN org o ON o.id = d.org_id"
	                            " WHERE o.name = ?1 AND d.month = ?2 AND d.paid < d.due",
	                            branch, MONTH), 0);
	/* Those who owed were paid today; the others kept their dates. */
	assert_int_equal(app_db_int(a, "SELECT count(*) FROM dues d JOIN org o ON o.id = d.org_id"
	                            " WHERE o.name = ?1 AND d.month = ?2 AND d.paid_on = '" APP_TODAY "'",
	                            branch, MONTH), owing_here);

	/* The overview shows the branch settled; the arrears list is shorter. */
	vt_key(vt, VT_KEY_ESC);
	app_wait_gone(vt, "党费收缴表");
	app_wait_row(vt, 0, "党费收缴");
	app_settle(vt);
	char line[512];
	vt_row(vt, app_row_of(vt, "欠交金额") + 1, line, sizeof line);   /* the one row found */
	char *last = strrchr(line, ' ');
	assert_non_null(last);
	assert_string_equal(last + 1, "0.00");   /* 欠交金额 */
	vt_key(vt, VT_KEY_ESC);
	app_wait_row(vt, 0, "党费管理");
	vt_type(vt, "2");
	app_wait_row(vt, 0, "党费欠交名单");
	int64_t owing_after = app_db_int(a, OWING_MEMBERS, NULL, NULL);
	assert_true(owing_after < owing_before);
	status_owing(a, text, sizeof text);
	app_wait(vt, text);
	app_quit(vt);
}

/* The entry bar's 类别 shows 离退休 whole with the cursor in it (it showed
 * 退休: the field had no room for the cursor after the word). */
static void the_kind_shows_the_whole_word(void **state)
{
	struct app *a = *state;
	char branch[128], name[64];
	app_db_text(a, branch, sizeof branch,
	            "SELECT o.name FROM dues d JOIN org o ON o.id = d.org_id WHERE d.month = ?1"
	            " AND d.kind = '离退休' AND NOT EXISTS (SELECT 1 FROM org x WHERE x.id <> o.id"
	            " AND instr(x.name, o.name) > 0) ORDER BY o.name_py LIMIT 1", MONTH, NULL);
	app_db_text(a, name, sizeof name,
	            "SELECT m.name FROM dues d JOIN member m ON m.id = d.member_id JOIN org o"
	            " ON o.id = d.org_id WHERE o.name = ?1 AND d.month = ?2 AND d.kind = '离退休'"
	            " AND (SELECT count(*) FROM member x WHERE x.name = m.name) = 1"
	            " ORDER BY m.name_py LIMIT 1", branch, MONTH);
	if (!*branch || !*name)
		fail_msg("the demo has no 离退休 dues in %s", MONTH);
	struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
	vt_type(vt, "f");
	app_wait_row(vt, 0, "党费管理");
	vt_type(vt, "1");
	app_wait(vt, "2026年11月党费");
	vt_key(vt, VT_KEY_LEFT);
	app_wait(vt, "2026年10月党费");
	vt_key(vt, VT_KEY_F7);
	app_wait(vt, "名称或拼音首字母");
	vt_type(vt, branch);
	vt_key(vt, VT_KEY_ENTER);
	app_wait(vt, "查找：");
	vt_key(vt, VT_KEY_ENTER);
	app_wait_row(vt, 0, "党费收缴表");
	vt_key(vt, VT_KEY_F7);
	app_wait(vt, "拼音首字母");
	vt_type(vt, name);
	vt_key(vt, VT_KEY_ENTER);
	char text[160];
	snprintf(text, sizeof text, "%s（%s）", name, branch);
	app_wait_row(vt, 18, text);
	app_settle(vt);   /* the cursor starts in 实交 */
	vt_key(vt, VT_KEY_TAB);
	vt_key(vt, VT_KEY_TAB);
	app_wait_cursor_after(vt, 19, "类别：离退休");
	app_quit(vt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(enter_a_month_and_the_arrears_shrink, setup, teardown),
		cmocka_unit_test_setup_teardown(the_kind_shows_the_whole_word, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
