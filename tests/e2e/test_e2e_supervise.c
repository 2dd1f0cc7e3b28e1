/* test_e2e_supervise.c — 工作汇报 at 80x24, as an office keeps it: 9 工作
 * 计划与督导 4 shows this month's 月报 ledger of every 党支部 (the demo's
 * early reports 已报, the rest 未报); ] refuses a month not begun and [
 * steps back to last month, where the demo's missing ones are 逾期; on this
 * month F7 finds 二都村党支部, Enter records its report heads-down (the form
 * goes on to the next 未报 branch), and back on the ledger it reads 已报
 * while the other branches still show 未报. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app.h"

#define UTF8_LOCALE "zh_CN.UTF-8"
#define BRANCH "二都村党支部"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static int64_t missing(struct app *a, const char *period)
{
    return app_db_int(a, "SELECT count(*) FROM org o WHERE o.kind = '党支部' AND o.status = '正常'"
                      " AND NOT EXISTS (SELECT 1 FROM duty_report r WHERE r.org_id = o.id"
                      " AND r.duty = '月报' AND r.period = ?1)", period, NULL);
}

static void record_one_branch_report(void **state)
{
    struct app *a = *state;
    int64_t before = missing(a, "2026-11");
    assert_true(before > 1);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM duty_report r JOIN org o ON o.id = r.org_id"
                                " WHERE o.name = ?1 AND r.period = '2026-11'", BRANCH, NULL), 0);
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "9. 工作计划与督导");
    vt_type(vt, "9");
    app_wait(vt, "4. 工作汇报");
    vt_type(vt, "4");
    app_wait_row(vt, 2, "月报 2026-11");
    app_wait(vt, "2026-12-05 后逾期");
    app_wait(vt, "未报");
    app_wait(vt, "已报");
    app_settle(vt);
    vt_type(vt, "]");                        /* December has not begun */
    app_wait_row(vt, 22, "2026-12 尚未开始");
    vt_type(vt, "[");                        /* October: its 逾期 day 11-05 has passed */
    app_wait_row(vt, 2, "月报 2026-10");
    app_wait(vt, "逾期");
    app_settle(vt);
    vt_type(vt, "]");
    app_wait_row(vt, 2, "月报 2026-11");
    app_settle(vt);

    vt_key(vt, VT_KEY_F7);
    app_wait(vt, "查找");
    vt_type(vt, BRANCH);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "共 1 条");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "月报报送登记（连续录入）");
    app_wait(vt, BRANCH);
    app_wait(vt, "收到日期：2026-11-21");  /* today, ready */
    app_settle(vt);
    unsigned long keys = vt_keystrokes(vt);
    vt_type(vt, "王国尧");                  /* the cursor starts on 报送人 */
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "召开支委会，部署冬季党员冬训");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已登记 " BRANCH " 2026-11 月报；下一个未报");
    /* the typed text, one Enter and one F2 */
    assert_int_equal(vt_keystrokes(vt) - keys, 3 + 1 + 14 + 1);
    app_wait_gone(vt, "「" BRANCH);
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "月报 2026-11");
    app_settle(vt);
    int row = app_row_of(vt, BRANCH);
    APP_CHECK(vt, app_col_of(vt, row, "已报") > app_col_of(vt, row, BRANCH));
    APP_CHECK(vt, app_col_of(vt, row, "2026-11-21 王国尧") > 0);
    app_quit(vt);

    char who[64];
    app_db_text(a, who, sizeof who, "SELECT r.brought_by || '|' || r.received_on FROM duty_report r"
                " JOIN org o ON o.id = r.org_id WHERE o.name = ?1 AND r.period = '2026-11'", BRANCH,
                NULL);
    assert_string_equal(who, "王国尧|2026-11-21");
    assert_int_equal(missing(a, "2026-11"), before - 1);   /* the others still 未报 */
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM audit_log WHERE tbl = 'duty_report'"
                                " AND action = '新增' AND row_id = (SELECT r.id FROM duty_report r"
                                " JOIN org o ON o.id = r.org_id WHERE o.name = ?1"
                                " AND r.period = '2026-11')", BRANCH, NULL), 1);
}

/* 5 督导检查 lists the demo's inspection and opens it with its two lines;
 * 6 督导整改 lists its two follow-ups, the overdue one marked 逾期; Enter
 * and F2 record it done today, and it leaves the list. */
static void inspection_and_its_follow_up(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "9. 工作计划与督导");
    vt_type(vt, "9");
    app_wait(vt, "5. 督导检查");
    vt_type(vt, "5");
    app_wait_row(vt, 2, "督导检查台账");
    app_wait(vt, "陈狄龙");
    app_wait(vt, "联桥村党支部、二都村党支部");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "督导检查登记表");
    app_wait(vt, "1 党组织：联桥村党支部");
    app_wait(vt, "逾期未整改");
    app_wait(vt, "2 党组织：二都村党支部");
    app_wait(vt, "整改中");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "督导检查台账");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "6. 督导整改");
    vt_type(vt, "6");
    app_wait_row(vt, 2, "督导整改台账");
    app_wait(vt, "联桥村党支部");
    app_wait(vt, "二都村党支部");
    int row = app_row_of(vt, "联桥村党支部");
    APP_CHECK(vt, app_col_of(vt, row, "逾期") > 0);
    app_settle(vt);
    vt_key(vt, VT_KEY_F7);
    app_wait(vt, "查找");
    vt_type(vt, "lqc");                      /* pinyin initials */
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "共 1 条");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "整改完成日期：2026-11-21");
    app_wait(vt, "被检查党组织：联桥村党支部");
    app_settle(vt);
    vt_type(vt, "已补齐");
    vt_key(vt, VT_KEY_TAB);
    vt_type(vt, "七、八月支委会记录已补齐");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 2, "督导整改台账");
    app_wait_row(vt, 22, "已登记 联桥村党支部 整改完成（2026-11-21）");
    app_wait_row(vt, 21, "共 0 条");          /* done: no longer listed */
    app_quit(vt);
    char done[64];
    app_db_text(a, done, sizeof done, "SELECT w.done_on FROM inspection_org w JOIN org o"
                " ON o.id = w.org_id WHERE o.name = ?1", "联桥村党支部", NULL);
    assert_string_equal(done, "2026-11-21");
}

/* 7 联系点走访 lists the visits; Tab shows the 联系领导 not at his 联系点
 * for more than 3 months (the demo's 傅飞军, last there five months ago);
 * Enter registers his visit today (he and the 联系点 filled in, the
 * activity picked with F4) and he leaves the list. */
static void liaison_leader_who_has_not_visited(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "9. 工作计划与督导");
    vt_type(vt, "9");
    app_wait(vt, "7. 联系点走访");
    vt_type(vt, "7");
    app_wait_row(vt, 2, "联系点走访记录");
    app_wait(vt, "参加组织生活");
    app_settle(vt);
    vt_key(vt, VT_KEY_TAB);
    app_wait_row(vt, 2, "未走访名单：超过 3 个月");
    app_wait(vt, "傅飞军");
    app_wait(vt, "2026-06-15");              /* the demo: five months back, on the 15th */
    app_wait(vt, "5 个月");
    app_wait_row(vt, 21, "共 1 条");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "新增联系点走访");
    app_wait(vt, "联系点：联桥村党支部");
    app_wait(vt, "联系人：傅飞军");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);                /* 走访日期: today */
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "宣讲党课");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);                /* the first: 参加组织生活 */
    app_settle(vt);
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存 2026-11-21 傅飞军 走访 联桥村党支部（参加组织生活）");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "未走访名单");
    app_wait(vt, "没有超过 3 个月未走访联系点的联系领导");
    app_quit(vt);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM liaison_visit v JOIN liaison l"
                                " ON l.id = v.liaison_id WHERE l.person = ?1 AND v.on_date = ?2",
                                "傅飞军", "2026-11-21"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(record_one_branch_report, setup, teardown),
        cmocka_unit_test_setup_teardown(inspection_and_its_follow_up, setup, teardown),
        cmocka_unit_test_setup_teardown(liaison_leader_who_has_not_visited, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
