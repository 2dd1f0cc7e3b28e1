/* test_e2e_plan_path.c — issue 13's own path at 80x24, in a township that
 * has just registered its three village branches:
 *   1. 9 工作计划与督导 → 1: seed 003's plan with its four phases, and three
 *      of its tasks with two 责任人 each (one due at the end of 总结验收);
 *   2. 9 → 4 工作汇报: 二都村's October 月报 recorded;
 *   3. d 今日待办: the other two branches' October 月报 逾期, and the task
 *      past its phase — exactly those three; Enter opens the task;
 *   4. 9 → 9 通报: the draft for November names the two branches 逾期未报送
 *      and the task; 二都村, whose October 月报 came after its 11-05 due
 *      day, as 迟报; saved with its 文号. */
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
#define TOP "中共驿亭镇委员会"
#define PLAN "驿亭镇基层组织建设年活动实施方案"
#define LATE_TASK "开展支部分类定级"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void township(struct app *a)
{
    app_fresh_orgs(a, "党组织名称,类型,类别,上级组织,书记\n"
                      TOP ",党委,机关,,王书记\n"
                      "二都村党支部,党支部,农村," TOP ",陈志明\n"
                      "联桥村党支部,党支部,农村," TOP ",李国良\n"
                      "孝丰村党支部,党支部,农村," TOP ",张伟\n");
}

static void task(struct vt *vt, int n, const char *group, const char *body, const char *due,
                 const char *first, const char *second)
{
    char saved[160];
    if (*group)
        plan_keys_field(vt, group);
    vt_type(vt, body);
    vt_key(vt, VT_KEY_TAB);
    vt_type(vt, "\x15");                             /* Ctrl-U: the carried date */
    plan_keys_field(vt, due);
    plan_keys_field(vt, "");                         /* 期限阶段: none */
    plan_keys_field(vt, first);
    vt_type(vt, second);
    vt_key(vt, VT_KEY_F2);
    snprintf(saved, sizeof saved, "已保存任务「%s」", body);
    app_wait_row(vt, 22, saved);
    snprintf(saved, sizeof saved, "已录入 %d 项", n);
    app_wait(vt, saved);
    app_wait_cursor_after(vt, 3, "任务内容：");
}

/* Step 1: the plan, its phases and three tasks; back on the submenu. */
static void enter_the_plan(struct vt *vt)
{
    vt_type(vt, "9");
    app_wait(vt, "3. 责任人任务");
    vt_type(vt, "1");
    plan_keys_seed003(vt, PLAN, TOP);
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新增任务（连续录入");
    app_settle(vt);
    task(vt, 1, "党员先锋活动", "开展党员亮身份、亮承诺活动", "2026-12-31", "洪辉", "李国良");
    task(vt, 2, "", "建立党员联系户制度", "2026-12-31", "洪辉", "陈志明");
    /* the third is due with the phase 总结验收 (2026-09-30), long past */
    vt_type(vt, LATE_TASK);
    vt_key(vt, VT_KEY_TAB);
    vt_type(vt, "\x15");
    vt_key(vt, VT_KEY_ENTER);
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "选择期限阶段");
    vt_type(vt, "4");
    app_wait(vt, "期限阶段：总结验收");
    plan_keys_field(vt, "王建国");
    vt_type(vt, "李国良");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存任务「" LATE_TASK "」（期限 2026-09-30）");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, PLAN " 任务台账");
    app_wait(vt, LATE_TASK);
    for (int i = 0; i < 3; i++)
        vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "4. 工作汇报");
}

/* Step 2: 二都村's October 月报, heads-down form, then back to the main menu. */
static void one_branch_reports(struct vt *vt)
{
    vt_type(vt, "4");
    app_wait_row(vt, 2, "月报 2026-11");
    app_settle(vt);
    vt_type(vt, "[");
    app_wait_row(vt, 2, "月报 2026-10");
    app_wait(vt, "孝丰村党支部");
    app_settle(vt);
    vt_key(vt, VT_KEY_F7);
    app_wait(vt, "查找");
    vt_type(vt, "二都村");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "共 1 条");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "月报报送登记（连续录入）");
    app_settle(vt);
    vt_type(vt, "王国尧");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "十月份召开支委会两次，开展主题党日");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已登记 二都村党支部 2026-10 月报");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "月报 2026-10");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "4. 工作汇报");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "d. 今日待办");
}

/* Step 3: exactly the two missing 月报 and the late task, all 逾期. */
static void the_morning_list(struct vt *vt)
{
    vt_type(vt, "d");
    app_wait_row(vt, 0, "今日待办");
    app_wait_row(vt, 2, "逾期 3 项，即将到期 0 项");
    app_wait(vt, LATE_TASK);
    app_settle(vt);
    int a = app_row_of(vt, "联桥村党支部"), b = app_row_of(vt, "孝丰村党支部");
    APP_CHECK(vt, vt_row_of(vt, "二都村党支部") < 0);
    APP_CHECK(vt, app_col_of(vt, a, "2026-10") > 0 && app_col_of(vt, b, "2026-11-05") > 0);
    int t = app_row_of(vt, LATE_TASK);
    APP_CHECK(vt, app_col_of(vt, t, "王建国、李国良") > 0 && app_col_of(vt, t, "2026-09-30") > 0);
    /* the oldest first: the task is the first row, selected, and Enter opens it */
    APP_CHECK(vt, t < a && t < b && app_selected_row(vt, 4, 20, 20) == t);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "任务内容：" LATE_TASK);
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "逾期 3 项");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "9. 工作计划与督导");
}

/* Step 4: the 通报 for November (the month October's 月报 fell due in). */
static void the_bulletin(struct app *a, struct vt *vt)
{
    vt_type(vt, "9");
    app_wait(vt, "9. 通报");
    vt_type(vt, "9");
    app_wait(vt, "暂无通报，按 F6 起草");
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "通报期间起始日期：");
    app_settle(vt);
    vt_type(vt, "\x15");
    plan_keys_field(vt, "2026-11-01");
    vt_type(vt, "\x15");
    plan_keys_field(vt, APP_TODAY);
    app_wait(vt, "通报范围");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "已由台账记录起草通报");
    app_wait(vt, "月度工作汇报未按时报送的支部");
    vt_type(vt, "驿组通〔2026〕12号");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存通报 驿组通〔2026〕12号");
    app_quit(vt);

    char body[4096];
    app_db_text(a, body, sizeof body, "SELECT body FROM bulletin WHERE doc_no = ?1",
                "驿组通〔2026〕12号", NULL);
    char *reports = strstr(body, "月度工作汇报未按时报送的支部：");
    char *tasks = strstr(body, "逾期未完成的任务：");
    if (!reports || !tasks)
        fail_msg("the draft lacks its sections:\n%s", body);
    char *end = strchr(reports, '\n');
    if (end)
        *end = 0;
    if (!strstr(reports, "联桥村党支部（2026-10 月报逾期未报送）") ||
        !strstr(reports, "孝丰村党支部（2026-10 月报逾期未报送）") ||
        !strstr(reports, "二都村党支部（2026-10 月报迟报，" APP_TODAY " 才报送）"))
        fail_msg("the 月报 paragraph names the wrong branches: %s", reports);
    if (!strstr(tasks, LATE_TASK) || strstr(tasks, "建立党员联系户制度"))
        fail_msg("the task paragraph names the wrong tasks:\n%s", tasks);
}

static void plan_report_todo_bulletin(void **state)
{
    struct app *a = *state;
    township(a);
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    enter_the_plan(vt);
    one_branch_reports(vt);
    the_morning_list(vt);
    the_bulletin(a, vt);

    assert_int_equal(app_db_int(a, "SELECT count(*) FROM plan_phase", NULL, NULL), 4);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM plan_task", NULL, NULL), 3);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM plan_person", NULL, NULL), 6);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM duty_report", NULL, NULL), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(plan_report_todo_bulletin, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
