/* 发展程序 at 80x24: a 发展对象 whose 公示 is still running cannot be taken
 * to 预备党员 — the 支部大会 is refused naming the 公示 and its end, the
 * cursor on 支部大会日期 and everything typed kept; once the 公示's dates
 * (it ended earlier than planned) and the remaining steps are recorded on
 * the 发展程序 screen (F8), the same F9 goes through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app.h"

#define UTF8_LOCALE "zh_CN.UTF-8"
#define CTRL_U "\x15"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void field(struct vt *vt, const char *text)
{
    if (*text)
        vt_type(vt, text);
    vt_key(vt, VT_KEY_ENTER);
}

/* Moves the 发展程序 list's selection down to the step `label`. */
static void select_step(struct vt *vt, const char *label)
{
    char line[512];
    for (int i = 0; i < 40; i++) {
        app_settle(vt);
        int row = app_selected_row(vt, 2, 21, 8);
        if (row >= 0 && app_text_at(vt, row, 0, line, sizeof line) >= 0 && strstr(line, label))
            return;
        vt_key(vt, VT_KEY_DOWN);
    }
    fail_msg("step %s never selected", label);
}

/* Enter on a step, its date (and for a 公示 its end), F2 back to the list. */
static void record_step(struct vt *vt, const char *label, const char *on, const char *until,
                        const char *number)
{
    char done[128];
    select_step(vt, label);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 2, label);
    vt_type(vt, CTRL_U);
    vt_type(vt, on);
    if (until) {
        vt_key(vt, VT_KEY_TAB);
        vt_type(vt, CTRL_U);
        vt_type(vt, until);
    }
    if (number) {
        vt_key(vt, VT_KEY_TAB);
        vt_type(vt, number);
    }
    vt_key(vt, VT_KEY_F2);
    snprintf(done, sizeof done, "已记录：%s %s", label, on);
    app_wait_row(vt, 22, done);
}

static void the_meeting_waits_for_the_notice(void **state)
{
    struct app *a = *state;
    char name[64], mentor1[64], mentor2[64];
    app_db_text(a, name, sizeof name, "SELECT c.name FROM dev_case c JOIN dev_step s"
                " ON s.case_id = c.id AND s.step = '发展对象公示' WHERE c.stage = '发展对象'"
                " AND s.until_on > ?1 ORDER BY c.id LIMIT 1", APP_TODAY, NULL);
    assert_true(name[0] != 0);
    app_db_text(a, mentor1, sizeof mentor1, "SELECT mentor1 FROM dev_case WHERE name = ?1", name, NULL);
    app_db_text(a, mentor2, sizeof mentor2, "SELECT mentor2 FROM dev_case WHERE name = ?1", name, NULL);
    char until[11];
    app_db_text(a, until, sizeof until, "SELECT s.until_on FROM dev_step s JOIN dev_case c"
                " ON c.id = s.case_id WHERE c.name = ?1 AND s.step = '发展对象公示'", name, NULL);
    assert_string_equal(until, "2026-11-25");   /* the demo's 公示 runs to today + 4 */

    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    vt_type(vt, "3");
    app_wait(vt, "4. 发展党员");
    vt_type(vt, "4");
    app_wait_row(vt, 2, "发展对象");
    vt_key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, name);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "下一步（F9）：接收为预备党员");
    for (int i = 0; i < 16; i++)   /* to 政审日期, as test_e2e_member does */
        vt_key(vt, VT_KEY_TAB);
    app_wait_cursor_after(vt, app_row_of(vt, "政审日期："), "政审日期：");
    field(vt, "2026-11-01");
    field(vt, mentor1);
    field(vt, mentor2);
    field(vt, "2026-11-21");       /* 支部大会 today, while the 公示 runs */
    vt_type(vt, "2026-11-21");     /* 党委审批 */
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "1. 接收为预备党员");
    vt_type(vt, "1");
    app_wait_row(vt, 22, "「支部大会日期」2026-11-21 须在「发展对象公示」结束（2026-11-25）之后");
    int row = app_row_of(vt, "支部大会日期：");   /* the cursor on the field, after its text */
    app_wait_cursor(vt, row, app_col_of(vt, row, "支部大会日期：2026-11-21") + 14 + 10);
    app_wait(vt, "政审日期：2026-11-01");  /* nothing typed is lost */
    app_wait(vt, "党委审批日期：2026-11-21");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM dev_case WHERE name = ?1"
                                " AND stage = '发展对象' AND vetted_on IS NULL", name, NULL), 1);

    /* F8: the 发展程序, the 公示 shown running */
    vt_key(vt, VT_KEY_F8);
    app_wait(vt, "发展程序  行首 ! 为待办或未记录");
    app_wait(vt, "发展对象公示             2026-11-19 待办   至 2026-11-25 公示中");
    /* it ended on the 12th: its dates corrected; then the steps still to record */
    record_step(vt, "发展对象公示", "2026-11-05", "2026-11-12", NULL);
    record_step(vt, "发展对象报上级党委备案", "2026-11-06", NULL, NULL);
    record_step(vt, "支部委员会审查", "2026-11-13", NULL, NULL);
    record_step(vt, "上级党委预审", "2026-11-14", NULL, NULL);
    record_step(vt, "填写入党志愿书", "2026-11-15", NULL, "2026031");
    record_step(vt, "上级党委派人谈话", "2026-11-19", NULL, NULL);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM dev_step s JOIN dev_case c"
                                " ON c.id = s.case_id WHERE c.name = ?1", name, NULL), 11);
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "下一步（F9）：接收为预备党员");
    app_wait(vt, "政审日期：2026-11-01");   /* the form as it was left */

    /* the 支部大会 after the 公示 ended, the 派人谈话 between it and 审批 */
    app_wait_cursor(vt, row, app_col_of(vt, row, "支部大会日期：2026-11-21") + 14 + 10);
    vt_type(vt, CTRL_U);
    vt_type(vt, "2026-11-18");
    vt_key(vt, VT_KEY_TAB);
    vt_type(vt, CTRL_U);
    vt_type(vt, "2026-11-20");
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "1. 接收为预备党员");
    vt_type(vt, "1");
    app_wait_row(vt, 22, "已办理：接收为预备党员，党员台账中已建立其预备党员记录");
    app_wait(vt, "阶段：预备党员");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM dev_case c JOIN member m"
                                " ON m.id = c.member_id WHERE c.name = ?1 AND c.stage = '预备党员'"
                                " AND c.branch_meeting_on = '2026-11-18'"
                                " AND m.joined_on = '2026-11-18'", name, NULL), 1);
    app_quit(vt);
    app_cli(a, "check", NULL, NULL);   /* the data stays valid */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_meeting_waits_for_the_notice, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
