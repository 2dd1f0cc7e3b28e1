/* test_e2e_plan.c — 工作计划 at 80x24, as an office types seed 003's 实施方案
 * in: 9 工作计划与督导, 1 工作计划, F6 the plan with its 文号, F9 its four
 * phases in 连续录入, then F9 任务台账 and F6 three tasks of the 七大活动
 * with two 责任人 each (the first 责任人 of the second copied with Ctrl-D 同上,
 * one deadline a phase picked with F4).  The ledger lists them by 期限 with
 * the one past its deadline marked 逾期. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "plan_keys.h"

#define UTF8_LOCALE "zh_CN.UTF-8"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static int count_on_screen(struct vt *vt, const char *utf8)
{
    int n = 0;
    char row[512];
    for (int r = 4; r < 21; r++)   /* the grid rows, below the heading and its 逾期的标出 */
        if (app_text_at(vt, r, 0, row, sizeof row) && strstr(row, utf8))
            n++;
    return n;
}

static void enter_seed_003s_plan_by_hand(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "9. 工作计划与督导");
    vt_type(vt, "9");
    app_wait(vt, "3. 责任人任务");
    vt_type(vt, "1");
    plan_keys_seed003(vt, "驿亭镇基层组织建设年活动实施方案", "中共驿亭镇委员会");
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新增任务（连续录入");
    app_settle(vt);
    plan_keys_field(vt, "党员先锋活动");
    vt_type(vt, "开展党员亮身份、亮承诺活动");
    vt_key(vt, VT_KEY_TAB);
    plan_keys_field(vt, "2026-12-31");
    plan_keys_field(vt, "");                                   /* 期限阶段: none */
    plan_keys_field(vt, "洪辉");
    vt_type(vt, "李国良");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存任务「开展党员亮身份、亮承诺活动」");
    app_wait(vt, "已录入 1 项");

    /* the second: group and deadline carried, 责任人一 同上 */
    app_wait_cursor_after(vt, 3, "任务内容：");
    vt_type(vt, "建立党员联系户制度");
    vt_key(vt, VT_KEY_TAB);
    plan_keys_field(vt, "");                                   /* 期限 carried: 2026-12-31 */
    plan_keys_field(vt, "");
    vt_key(vt, VT_KEY_CTRL_D);                       /* 洪辉 */
    app_wait(vt, "责任人一：洪辉");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "陈志明");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存任务「建立党员联系户制度」");
    app_wait(vt, "已录入 2 项");

    /* the third: its deadline is the phase 总结验收, picked with F4 */
    vt_type(vt, "开展支部分类定级");
    vt_key(vt, VT_KEY_TAB);
    vt_key(vt, VT_KEY_ENTER);                        /* past the carried date */
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "选择期限阶段");
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "期限阶段：总结验收");
    plan_keys_field(vt, "王建国");
    vt_type(vt, "李国良");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存任务「开展支部分类定级」（期限 2026-09-30）");
    vt_key(vt, VT_KEY_ESC);

    /* the ledger: by 期限, the phase-dated one first and 逾期 */
    app_wait(vt, "驿亭镇基层组织建设年活动实施方案 任务台账");
    app_wait(vt, "开展支部分类定级");
    app_wait(vt, "建立党员联系户制度");
    app_settle(vt);
    int late = app_row_of(vt, "开展支部分类定级");
    APP_CHECK(vt, late < app_row_of(vt, "开展党员亮身份"));
    char row[512];
    app_text_at(vt, late, 0, row, sizeof row);
    APP_CHECK(vt, strstr(row, "逾期") && strstr(row, "2026-09-30") && strstr(row, "王建国、李国良"));
    APP_CHECK(vt, count_on_screen(vt, "逾期") == 1);
    app_text_at(vt, app_row_of(vt, "建立党员联系户制度"), 0, row, sizeof row);
    APP_CHECK(vt, strstr(row, "洪辉、陈志明") && strstr(row, "未开始"));
    app_quit(vt);

    const char *plan = "驿亭镇基层组织建设年活动实施方案";
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM plan_phase ph JOIN plan p ON p.id = ph.plan_id"
                                " WHERE p.name = ?1", plan, NULL), 4);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM plan_task t JOIN plan p ON p.id = t.plan_id"
                                " WHERE p.name = ?1", plan, NULL), 3);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM plan_person pp JOIN plan_task t"
                                " ON t.id = pp.task_id JOIN plan p ON p.id = t.plan_id"
                                " WHERE p.name = ?1", plan, NULL), 6);
    char doc[64];
    app_db_text(a, doc, sizeof doc, "SELECT doc_no FROM plan WHERE name = ?1", plan, NULL);
    assert_string_equal(doc, "驿委(2012)38号");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM plan_person pp JOIN plan_task t"
                                " ON t.id = pp.task_id JOIN plan p ON p.id = t.plan_id"
                                " WHERE p.name = ?1 AND pp.name = '洪辉' AND pp.member_id IS NOT NULL",
                                plan, NULL), 2);
}

/* The demo's 两新 task, split to the 非公企业 branches: 2 任务台账 finds it,
 * F9 opens its 支部分解表, and one late branch reports its line done. */
static void a_branch_reports_its_line_of_a_split_task(void **state)
{
    struct app *a = *state;
    char branch[128];
    app_db_text(a, branch, sizeof branch, "SELECT o.name FROM plan_line l JOIN org o"
                " ON o.id = l.org_id WHERE l.state = '进行中' ORDER BY o.name_py LIMIT 1", NULL, NULL);
    assert_true(*branch);
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "9. 工作计划与督导");
    vt_type(vt, "9");
    app_wait(vt, "2. 任务台账");
    vt_type(vt, "2");
    app_wait(vt, "任务台账（逾期的标出）");
    app_settle(vt);
    vt_key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, "巩固非公企业");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "任务（逾期）");
    app_wait(vt, "分解到 7 个支部：已完成 3，进行中 4，未开始 0（有逾期）");
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "支部分解表（承诺、进展、状态）");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "支部分解：巩固非公企业党组织组建成果");
    app_settle(vt);
    vt_key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, branch);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
    char row[512];
    app_text_at(vt, app_row_of(vt, branch), 0, row, sizeof row);
    APP_CHECK(vt, strstr(row, "逾期") != NULL);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "支部任务（逾期）");
    app_settle(vt);
    vt_key(vt, VT_KEY_TAB);                          /* past 公开承诺 and 进展情况 */
    vt_key(vt, VT_KEY_TAB);
    app_wait_cursor_after(vt, app_row_of(vt, "状态："), "状态：进行中");
    for (int i = 0; i < 3; i++)
        vt_key(vt, VT_KEY_BACKSPACE);
    vt_type(vt, "已完成");
    vt_key(vt, VT_KEY_TAB);
    vt_type(vt, "2026-11-20");
    vt_key(vt, VT_KEY_F2);
    char saved[200];
    snprintf(saved, sizeof saved, "已保存「%s」的承诺和进展（已完成）", branch);
    app_wait_row(vt, 22, saved);
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "支部分解：");
    app_settle(vt);
    app_text_at(vt, app_row_of(vt, branch), 0, row, sizeof row);
    APP_CHECK(vt, strstr(row, "已完成") != NULL);
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "分解到 7 个支部：已完成 4，进行中 3");
    app_quit(vt);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM plan_line l JOIN org o ON o.id = l.org_id"
                                " WHERE o.name = ?1 AND l.state = '已完成' AND l.done_on = '2026-11-20'",
                                branch, NULL), 1);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM audit_log WHERE tbl = 'plan_line'"
                                " AND action = '修改'", NULL, NULL), 8);   /* the demo's 7, and this */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(enter_seed_003s_plan_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(a_branch_reports_its_line_of_a_split_task, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
