/* test_e2e_evaluate.c — 民主评议党员 as a branch office types it at 80x24:
 * a round for 联桥村党支部 at its 民主评议 meeting (F4), held on the sheet
 * heads-down with one key a member (1 1 2 1 4), the counts following every
 * key and the member marked 不合格 given a follow-up (in UTF-8 and GB18030
 * terminals); then the follow-up on
 * the member's record (the form's 民主评议 line, F9 民主评议记录, the
 * follow-up form) and, its 限期 brought near, on 今日待办. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#define TOP "中共测试镇委员会"
#define BRANCH "联桥村党支部"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* Five members in good standing (by pinyin: 陈红 李明 王芳 赵强 张伟), one
 * transferred out, and the branch's 民主评议 meeting of 2026-11-18. */
static void branch_with_members(struct app *a)
{
    app_fresh_orgs(a, "党组织名称,类型,类别,上级组织,书记\n"
                      TOP ",党委,机关,,王书记\n"
                      BRANCH ",党支部,农村," TOP ",李国良\n");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(a->db, &db), SQLITE_OK);
    const char *sql =
        "INSERT INTO member(org_id, name, name_py, gender, category, status)"
        " SELECT o.id, v.column1, v.column2, v.column3, '正式党员', v.column4 FROM org o,"
        " (VALUES ('张伟', 'zw', '男', '正常'), ('李明', 'lm', '男', '正常'),"
        "  ('陈红', 'ch', '女', '正常'), ('王芳', 'wf', '女', '正常'),"
        "  ('赵强', 'zq', '男', '正常'), ('孙丽', 'sl', '女', '转出')) v"
        " WHERE o.name = '" BRANCH "';"
        "INSERT INTO meeting(org_id, type, date, topic) SELECT id, '民主评议', '2026-11-18',"
        " '2026年度民主评议党员' FROM org WHERE name = '" BRANCH "';"
        "INSERT INTO meeting(org_id, type, date, topic) SELECT id, '支委会', '2026-11-10',"
        " '研究党员发展' FROM org WHERE name = '" BRANCH "';";
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s", err);
    sqlite3_close(db);
}

static void assert_row_has(struct vt *vt, const char *name, const char *text)
{
    char row[512];
    int y = app_row_of(vt, name);
    app_text_at(vt, y, 0, row, sizeof row);
    if (!strstr(row, text)) {
        vt_dump(vt, stderr);
        fail_msg("row of %s lacks \"%s\": %s", name, text, row);
    }
}

static void hold_the_round(struct app *a, struct vt *vt)
{
    vt_type(vt, "3");
    app_wait_row(vt, 1, "主菜单 > 党员管理");
    app_wait(vt, "8. 民主评议党员");
    vt_type(vt, "8");
    app_wait(vt, "暂无民主评议党员记录，按 F6 新增");
    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "民主评议设置");
    app_wait(vt, "新增民主评议：保存后列入该组织的在册党员");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);           /* 年度 2026 as it stands */
    vt_type(vt, BRANCH);
    vt_key(vt, VT_KEY_ENTER);
    vt_key(vt, VT_KEY_ENTER);           /* 评议日期: today */
    app_settle(vt);
    vt_key(vt, VT_KEY_F4);              /* 会议: the branch's 民主评议 meetings only */
    app_wait(vt, "2026年度民主评议党员");
    app_settle(vt);
    APP_CHECK(vt, vt_row_of(vt, "研究党员发展") < 0);
    vt_key(vt, VT_KEY_ENTER);
    app_settle(vt);
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存 2026 年 " BRANCH " 的民主评议（参评党员 5 人）");
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 21, "共 1 条");
    assert_row_has(vt, BRANCH, "2026-11-18");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "2026 年民主评议党员  " BRANCH "  评议日期 " APP_TODAY "  会议 2026-11-18");
    app_wait(vt, "参评 5 人：优秀 0  合格 0  基本合格 0  不合格 0  未评 5");
    app_settle(vt);

    /* heads down: one key a member, the cursor moving on, the counts following */
    unsigned long before = vt_keystrokes(vt);
    vt_type(vt, "1");
    app_wait(vt, "参评 5 人：优秀 1  合格 0  基本合格 0  不合格 0  未评 4");
    vt_type(vt, "1");
    app_wait(vt, "参评 5 人：优秀 2  合格 0  基本合格 0  不合格 0  未评 3");
    vt_type(vt, "2");
    app_wait(vt, "参评 5 人：优秀 2  合格 1  基本合格 0  不合格 0  未评 2");
    vt_type(vt, "1");
    app_wait(vt, "参评 5 人：优秀 3  合格 1  基本合格 0  不合格 0  未评 1");
    vt_type(vt, "4");
    app_wait(vt, "参评 5 人：优秀 3  合格 1  基本合格 0  不合格 1  未评 0");
    app_wait(vt, "张伟 评为不合格，已登记处置：限期改正（F9 填写决定和限期）");
    assert_int_equal(vt_keystrokes(vt) - before, 5);
    app_settle(vt);
    assert_row_has(vt, "陈红", "优秀");
    assert_row_has(vt, "王芳", "合格");
    assert_row_has(vt, "赵强", "优秀");
    assert_row_has(vt, "张伟", "不合格");
    APP_CHECK(vt, vt_row_of(vt, "孙丽") < 0);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM eval_line WHERE result = 1", NULL, NULL), 3);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM eval_followup f JOIN member m"
                                   " ON m.id = f.member_id WHERE m.name = '张伟' AND f.done_on IS NULL"
                                   " AND f.action = '限期改正' AND f.deadline = '2027-02-19'",
                                NULL, NULL), 1);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM audit_log WHERE tbl = 'eval_line'", NULL,
                                NULL), 5);
}

/* In a GB18030 terminal, the same keys and the same screen. */
static void a_round_on_the_sheet(void **state)
{
    struct app *a = *state;
    branch_with_members(a);
    struct vt *vt = app_start(a, 24, 80, "zh_CN.GB18030");
    hold_the_round(a, vt);
    /* a changed mind on the sheet: 王芳 again, now 基本合格 */
    vt_key(vt, VT_KEY_HOME);
    app_settle(vt);
    for (int i = 0; i < 2; i++)
        vt_key(vt, VT_KEY_DOWN);
    vt_type(vt, "3");
    app_wait(vt, "参评 5 人：优秀 3  合格 0  基本合格 1  不合格 1  未评 0");
    /* votes on one line with F4, a wrong one told and kept to correct */
    vt_key(vt, VT_KEY_HOME);
    app_settle(vt);
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "陈红 的得票");
    vt_type(vt, "4 1 0");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "「得票」应为四个票数");
    app_settle(vt);
    vt_type(vt, " 0");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "陈红 的得票：4/1/0/0");
    app_settle(vt);
    assert_row_has(vt, "陈红", "4/1/0/0");
    assert_int_equal(app_db_int(a, "SELECT v1 * 1000 + v2 * 100 + v3 * 10 + v4 FROM eval_line l"
                                   " JOIN member m ON m.id = l.member_id WHERE m.name = '陈红'",
                                NULL, NULL), 4100);
    app_quit(vt);
}

static void the_followup_on_the_record_and_on_todo(void **state)
{
    struct app *a = *state;
    branch_with_members(a);
    struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");
    hold_the_round(a, vt);
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 21, "共 1 条");
    assert_row_has(vt, BRANCH, "3");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "1");
    app_wait_row(vt, 2, "在册党员");
    app_settle(vt);
    vt_key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, "张伟");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 1, "党员信息");
    app_wait(vt, "民主评议：2026 不合格（限期改正 限期 2027-02-19，未完成）");
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "民主评议记录（历年结果和不合格处置）");
    for (int i = 0; i < 5; i++)
        vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "张伟 的民主评议：回车查看不合格的处置");
    app_wait_row(vt, 21, "共 1 条");
    assert_row_has(vt, BRANCH, "不合格");
    assert_row_has(vt, BRANCH, "限期改正");
    assert_row_has(vt, BRANCH, "2027-02-19");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 1, "不合格处置");
    app_wait(vt, "张伟  2026 年民主评议  " BRANCH);
    app_wait(vt, "未完成");
    app_settle(vt);
    /* the decision taken: three days to correct, so it is due this week */
    vt_key(vt, VT_KEY_ENTER);           /* 处置 限期改正 */
    vt_key(vt, VT_KEY_ENTER);           /* 决定日期 as the round's date */
    vt_type(vt, "\025");
    vt_type(vt, "2026.11.24");
    vt_key(vt, VT_KEY_ENTER);
    vt_key(vt, VT_KEY_ENTER);           /* no done date yet */
    vt_type(vt, "限期改正，支部书记谈心帮教");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存 张伟 的处置：限期改正（未完成）");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM eval_followup WHERE deadline = '2026-11-24'"
                                   " AND decision LIKE '%谈心帮教%'", NULL, NULL), 1);
    /* back: the follow-up, the results, the member form, the roster, 党员管理 */
    for (int i = 0; i < 5; i++) {
        vt_key(vt, VT_KEY_F3);
        app_settle(vt);
    }
    app_wait(vt, "0. 退出系统");
    vt_type(vt, "d");
    app_wait_row(vt, 0, "今日待办");
    app_wait(vt, "张伟 2026 年评议不合格：限期改正");
    app_settle(vt);
    assert_row_has(vt, "张伟 2026 年评议不合格", "评议整改");
    assert_row_has(vt, "张伟 2026 年评议不合格", "2026-11-24");
    /* Enter opens the follow-up itself */
    int y = app_row_of(vt, "张伟 2026 年评议不合格");
    for (int i = 0; i < 30 && app_selected_row(vt, 3, 20, 2) != y; i++) {
        vt_key(vt, VT_KEY_DOWN);
        app_settle(vt);
    }
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 1, "不合格处置");
    app_wait(vt, "限期改正，支部书记谈心帮教");
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_round_on_the_sheet, setup, teardown),
        cmocka_unit_test_setup_teardown(the_followup_on_the_record_and_on_todo, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
