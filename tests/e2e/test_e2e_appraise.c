/* test_e2e_appraise.c — 述职评议 as an office types it at 80x24: a round
 * of three village branches from the main menu's 工作计划与督导, the votes
 * typed on the sheet with the share and grade following the keys, a count
 * that is not a number refused where it was typed, then one branch's 述职
 * recorded on its line form; a 通报 drafted from the records for last
 * month, refused without its 文号, then saved with one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"

#define TOP "中共测试镇委员会"
#define ROUND "2026年度党组织书记述职评议"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void three_branches(struct app *a)
{
    app_fresh_orgs(a, "党组织名称,类型,类别,上级组织,书记\n"
                      TOP ",党委,机关,,王书记\n"
                      "二都村党支部,党支部,农村," TOP ",陈志明\n"
                      "联桥村党支部,党支部,农村," TOP ",李国良\n"
                      "孝丰村党支部,党支部,农村," TOP ",张伟\n");
}

static void assert_row_has(struct vt *vt, const char *org, const char *text)
{
    char row[512];
    int y = app_row_of(vt, org);
    app_text_at(vt, y, 0, row, sizeof row);
    if (!strstr(row, text)) {
        vt_dump(vt, stderr);
        fail_msg("row of %s lacks \"%s\": %s", org, text, row);
    }
}

static void votes_on_the_sheet(void **state)
{
    struct app *a = *state;
    three_branches(a);
    struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");

    vt_type(vt, "9");
    app_wait_row(vt, 1, "主菜单 > 工作计划与督导");
    vt_type(vt, "8");
    app_wait(vt, "暂无述职评议，按 F6 新增");
    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "述职评议设置");
    app_wait(vt, TOP);
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存「" ROUND "」（3 个组织参加）");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "0/3");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "评议录入：" ROUND);
    app_wait(vt, "书记 陈志明  述职 未述职");
    app_settle(vt);

    /* a count that is not a whole number stays where it was typed */
    vt_type(vt, "3.5");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "「党员评议好」应为票数（整数）");
    for (int i = 0; i < 3; i++)
        vt_key(vt, VT_KEY_BACKSPACE);
    app_settle(vt);

    /* 二都: 党员 20 6 2 0, 群众 10 5 3 2 -> 41/48 = 85.4% 较好 */
    static const char *const row1[8] = { "20", "6", "2", "0", "10", "5", "3", "2" };
    unsigned long before = vt_keystrokes(vt), want = 0;
    for (int k = 0; k < 8; k++) {
        vt_type(vt, row1[k]);
        vt_key(vt, VT_KEY_ENTER);
        want += strlen(row1[k]) + 1;
    }
    assert_int_equal(vt_keystrokes(vt) - before, want);   /* the digits and one Enter a cell */
    app_wait(vt, "已保存「二都村党支部」的评议票数：好和较好占 85.4%，较好");
    app_settle(vt);
    assert_row_has(vt, "二都村党支部", "85.4%");
    assert_row_has(vt, "二都村党支部", "较好");
    assert_row_has(vt, "联桥村党支部", "未评议");
    /* the share follows the keys before the row is saved */
    vt_type(vt, "9");
    app_settle(vt);
    assert_row_has(vt, "联桥村党支部", "100.0%");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "0");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "1");
    app_settle(vt);
    assert_row_has(vt, "联桥村党支部", "90.0%");
    assert_int_equal(app_db_int(a, "SELECT m_good + m_fair + m_avg + m_poor + p_good + p_fair"
                                   " + p_avg + p_poor FROM appraise_line l JOIN org o ON"
                                   " o.id = l.org_id WHERE o.name = '二都村党支部'", NULL, NULL), 48);

    /* 述职 of the row under the cursor: the row is saved first */
    vt_key(vt, VT_KEY_F4);
    app_wait_row(vt, 1, "述职登记");
    app_wait(vt, "李国良");
    app_wait(vt, "好 9 票  较好 0 票  一般 1 票");
    app_wait(vt, "好和较好占 90.0%，好");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);   /* 述职人 as the org's record has it, on to 述职日期 */
    vt_type(vt, "2026.11.10");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "抓班子带队伍");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存「联桥村党支部」的述职：2026-11-10");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "书记 李国良  述职 2026-11-10");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM appraise_line WHERE spoke_on IS NOT NULL",
                                NULL, NULL), 1);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM audit_log WHERE tbl = 'appraise_line'",
                                NULL, NULL), 3);
    app_quit(vt);
}

/* 通报: drafted from the records for last month, numbered and saved.  No
 * meetings are on record, so every branch falls short of 三会一课. */
static void a_bulletin_drafted_and_saved(void **state)
{
    struct app *a = *state;
    three_branches(a);
    struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");
    vt_type(vt, "9");
    app_wait_row(vt, 1, "主菜单 > 工作计划与督导");
    vt_type(vt, "9");
    app_wait(vt, "暂无通报，按 F6 起草");
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "通报期间起始日期：");
    app_wait(vt, "2026-10-01");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "2026-10-31");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "通报范围");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "已由台账记录起草通报");
    app_wait_row(vt, 1, "主菜单 > 工作计划与督导 > 通报 > 通报内容");
    app_wait(vt, "关于2026年10月基层党建工作落实情况的通报");
    app_wait(vt, "“三会一课”落实不到位的支部");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "「文号」不能为空");
    vt_type(vt, "测组通〔2026〕3号");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存通报 测组通〔2026〕3号");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "测组通〔2026〕3号");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM bulletin WHERE doc_no = '测组通〔2026〕3号'"
                                   " AND issued_on = '" APP_TODAY "' AND body LIKE '%二都村党支部%'"
                                   " AND body LIKE '%孝丰村党支部%'", NULL, NULL), 1);
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(votes_on_the_sheet, setup, teardown),
        cmocka_unit_test_setup_teardown(a_bulletin_drafted_and_saved, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
