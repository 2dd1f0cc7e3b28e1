/* test_e2e_group.c — 党小组 members (issue 19), as an operator keys them in
 * the demo township: a 党小组会 recorded with its sign-in sheet shows 应到
 * equal to the group's members, and a member's 所在党小组 is set with F4 on
 * the form (and by typing its pinyin initials). */
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

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* The first demo 党小组 with at least three members; their number in *n. */
static void pick_group(const struct app *a, char *name, size_t cap, int64_t *n)
{
	app_db_text(a, name, cap, "SELECT g.name FROM org g WHERE g.kind = '党小组'"
	            " AND g.status = '正常' AND (SELECT count(*) FROM member m WHERE m.group_id = g.id"
	            " AND m.status = '正常') >= 3 ORDER BY g.id LIMIT 1", NULL, NULL);
	if (!*name)
		fail_msg("the demo has no 党小组 with members");
	*n = app_db_int(a, "SELECT count(*) FROM member m JOIN org g ON g.id = m.group_id"
	                " WHERE g.name = ?1 AND m.status = '正常'", name, NULL);
}

static void a_group_meeting_expects_the_groups_members(void **state)
{
	struct app *a = *state;
	char group[256], branch[256], text[512];
	int64_t n;
	pick_group(a, group, sizeof group, &n);
	app_db_text(a, branch, sizeof branch, "SELECT p.name FROM org g JOIN org p ON p.id = g.parent_id"
	            " WHERE g.name = ?1", group, NULL);
	struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
	vt_type(vt, "4");
	app_wait_row(vt, 0, "三会一课");
	vt_type(vt, "1");
	app_wait_row(vt, 0, "会议台账");

	/* The demo's meetings of the group already count its members. */
	assert_int_equal(app_db_int(a, "SELECT count(*) FROM meeting m JOIN org g ON g.id = m.org_id"
	                            " WHERE g.name = ?1 AND (SELECT count(*) FROM attendance a"
	                            " WHERE a.meeting_id = m.id) = 0", group, NULL), 0);

	/* The branch's ledger (its groups' meetings included). */
	vt_key(vt, VT_KEY_F4);
	app_wait(vt, "选择组织");
	vt_type(vt, branch);
	app_wait(vt, "共 1 条");
	vt_key(vt, VT_KEY_ENTER);
	snprintf(text, sizeof text, "组织：%s（含下级）", branch);
	app_wait_row(vt, 2, text);

	/* A new meeting of the group, typed: its sheet lists the group's members. */
	vt_key(vt, VT_KEY_F6);
	app_wait_row(vt, 0, "会议记录");
	app_wait_cursor_after(vt, 3, "会议类型：");
	vt_key(vt, VT_KEY_UP);
	snprintf(text, sizeof text, "组织：%s", branch);
	app_wait_cursor_after(vt, 2, text);
	vt_send(vt, "\x15", 1);   /* Ctrl-U: clear the field */
	vt_type(vt, group);
	vt_key(vt, VT_KEY_ENTER);
	app_wait_cursor_after(vt, 3, "会议类型：");
	vt_type(vt, "dxzh");
	vt_key(vt, VT_KEY_ENTER);
	app_wait_row(vt, 3, "会议类型：党小组会");
	vt_type(vt, "2026-11-20");
	vt_key(vt, VT_KEY_ENTER);
	vt_type(vt, "学习党章交流心得");
	vt_key(vt, VT_KEY_ENTER);
	vt_key(vt, VT_KEY_ENTER);
	vt_key(vt, VT_KEY_ENTER);
	vt_key(vt, VT_KEY_F2);
	app_wait_row(vt, 0, "签到表");
	snprintf(text, sizeof text, "应到 %d 人  实到 %d 人  请假 0 人  缺席 0 人", (int)n, (int)n);
	app_wait(vt, text);
	vt_type(vt, "2");
	vt_type(vt, "3");
	snprintf(text, sizeof text, "应到 %d 人  实到 %d 人  请假 1 人  缺席 1 人", (int)n, (int)n - 2);
	app_wait(vt, text);
	vt_key(vt, VT_KEY_F2);
	snprintf(text, sizeof text, "已保存签到表：应到 %d 人  实到 %d 人  请假 1 人  缺席 1 人", (int)n,
	         (int)n - 2);
	app_wait(vt, text);

	/* Stored: one row for each member of the group, nobody else. */
	assert_int_equal(app_db_int(a, "SELECT count(*) FROM attendance a JOIN meeting m"
	                            " ON m.id = a.meeting_id JOIN member mb ON mb.id = a.member_id"
	                            " JOIN org g ON g.id = mb.group_id WHERE m.topic = '学习党章交流心得'"
	                            " AND g.name = ?1", group, NULL), n);
	assert_int_equal(app_db_int(a, "SELECT count(*) FROM attendance a JOIN meeting m"
	                            " ON m.id = a.meeting_id WHERE m.topic = '学习党章交流心得'", NULL,
	                            NULL), n);
	vt_key(vt, VT_KEY_ESC);
	app_wait_row(vt, 0, "会议台账");
	app_wait(vt, "2026-11-20 党小组会");
	int row = app_row_of(vt, "2026-11-20 党小组会");
	vt_row(vt, row, text, sizeof text);
	char counts[64];
	snprintf(counts, sizeof counts, " %d    %d    1    1", (int)n, (int)n - 2);
	if (!strstr(text, counts))
		fail_msg("ledger row \"%s\" lacks \"%s\"", text, counts);
	app_quit(vt);
}

static void the_form_sets_the_group_with_f4(void **state)
{
	struct app *a = *state;
	char name[64], first[256], second[256], py[64], text[512];
	/* A member of the first group of a branch with two, whose name is unique. */
	app_db_text(a, name, sizeof name, "SELECT m.name FROM member m JOIN org g ON g.id = m.group_id"
	            " WHERE m.status = '正常' AND (SELECT count(*) FROM member x WHERE x.name = m.name) = 1"
	            " AND g.id = (SELECT min(id) FROM org WHERE parent_id = g.parent_id AND kind = '党小组')"
	            " AND (SELECT count(*) FROM org WHERE parent_id = g.parent_id AND kind = '党小组') = 2"
	            " ORDER BY m.id LIMIT 1", NULL, NULL);
	assert_true(*name);
	app_db_text(a, first, sizeof first, "SELECT g.name FROM member m JOIN org g ON g.id = m.group_id"
	            " WHERE m.name = ?1", name, NULL);
	app_db_text(a, second, sizeof second, "SELECT g.name FROM org g JOIN member m"
	            " ON g.parent_id = m.org_id WHERE m.name = ?1 AND g.kind = '党小组'"
	            " AND g.name <> ?2", name, first);
	/* Its initials after the branch's: "dy" for 第一党小组. */
	app_db_text(a, py, sizeof py, "SELECT substr(g.name_py, length(p.name_py) + 1, 2) FROM org g"
	            " JOIN org p ON p.id = g.parent_id WHERE g.name = ?1", first, NULL);

	struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
	vt_type(vt, "3");
	app_wait(vt, "1. 党员台账");
	vt_type(vt, "1");
	app_wait_row(vt, 2, "在册党员");
	vt_key(vt, VT_KEY_F7);
	app_settle(vt);
	vt_type(vt, name);
	vt_key(vt, VT_KEY_ENTER);
	app_wait_row(vt, 21, "共 1 条");
	vt_key(vt, VT_KEY_ENTER);
	app_wait(vt, "修改党员信息");
	snprintf(text, sizeof text, "所在党小组：%s", first);
	app_wait(vt, text);
	int row = app_row_of(vt, "所在党小组：");
	app_tab_to_row(vt, row);

	/* F4 lists the branch's two groups only; Down, Enter picks the other. */
	vt_key(vt, VT_KEY_F4);
	app_wait(vt, "选择所在党小组");
	app_wait(vt, second);
	app_wait(vt, "共 2 条");
	vt_key(vt, VT_KEY_DOWN);
	vt_key(vt, VT_KEY_ENTER);
	app_wait_gone(vt, "选择所在党小组");
	snprintf(text, sizeof text, "所在党小组：%s", second);
	app_wait(vt, text);
	vt_key(vt, VT_KEY_F2);
	snprintf(text, sizeof text, "已保存「%s」", name);
	app_wait(vt, text);
	app_db_text(a, text, sizeof text, "SELECT g.name FROM member m JOIN org g ON g.id = m.group_id"
	            " WHERE m.name = ?1", name, NULL);
	assert_string_equal(text, second);

	/* Typed pinyin initials and Enter resolve the same way. */
	app_tab_to_row(vt, row);
	vt_send(vt, "\x15", 1);   /* Ctrl-U: clear the field */
	vt_type(vt, py);
	vt_key(vt, VT_KEY_ENTER);
	snprintf(text, sizeof text, "所在党小组：%s", first);
	app_wait(vt, text);
	vt_key(vt, VT_KEY_F2);
	snprintf(text, sizeof text, "已保存「%s」", name);
	app_wait(vt, text);
	app_db_text(a, text, sizeof text, "SELECT g.name FROM member m JOIN org g ON g.id = m.group_id"
	            " WHERE m.name = ?1", name, NULL);
	assert_string_equal(text, first);

	/* A name that is no group of the branch is refused as it is typed:
	 * each key after which the branch's list answers nothing rings and is
	 * not kept; F2 then stays on the field, 第 naming both groups. */
	app_tab_to_row(vt, row);
	vt_send(vt, "\x15", 1);
	vt_type(vt, "第九党小组");
	app_wait_row(vt, 22, "「所在党小组」列表中没有与 第组 相符的项（按 F4 选择）");
	app_wait_cursor_after(vt, row, "所在党小组：第");
	vt_key(vt, VT_KEY_F2);
	app_wait_row(vt, 22, "「所在党小组」第 有 2 项相符：");
	app_wait_cursor_after(vt, row, "所在党小组：第");
	app_db_text(a, text, sizeof text, "SELECT g.name FROM member m JOIN org g ON g.id = m.group_id"
	            " WHERE m.name = ?1", name, NULL);
	assert_string_equal(text, first);
	app_quit(vt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_group_meeting_expects_the_groups_members, setup, teardown),
		cmocka_unit_test_setup_teardown(the_form_sets_the_group_with_f4, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
