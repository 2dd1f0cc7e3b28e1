/* test_e2e_review.c — 支部立项 and 样板支部 driven as an office would at
 * 80x24 (issue 12's acceptance test): a new 立项 batch with a 评审组 of
 * three; a branch's project with emoji and ZWJ in its name; recommended,
 * approved with 1000 元, two spending lines, the mid-term check, 结题, three
 * reviewers' scores with the 总评 live, accepted, 优秀成果, and the ledger
 * showing it all; then a 样板支部 of a branch founded two years ago refused
 * at 初审 with the reason on screen.  The database is checked after the
 * keys. */
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

#define TOP "中共测试学院委员会"
#define ZZ "机电学院党总支"
#define BRANCH "机电学院学生第一党支部"
#define YOUNG "机电学院教工新建党支部"
/* Seed 004's salt: an emoji, a ZWJ sequence with a skin tone, a rare glyph. */
#define TITLE "青春🛶党建👩🏽‍🚒领航𓀚"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* A college instead of the demo: its 党委, one 党总支 with a student branch
 * founded long ago and a staff branch founded two years before today. */
static void college(struct app *a)
{
    app_fresh_orgs(a, "党组织名称,类型,类别,上级组织,书记,成立日期\n"
                      TOP ",党委,学校教工,,王书记,1990-07-01\n"
                      ZZ ",党总支,学校教工," TOP ",孙总支,2001-09-01\n"
                      BRANCH ",党支部,学校学生," ZZ ",赵志刚,2010-09-01\n"
                      YOUNG ",党支部,学校教工," ZZ ",钱红,2024-11-01\n");
}

/* In an open pick list: the digit of the item reading `text`. */
static void pick(struct vt *vt, const char *text)
{
    char row[512];
    app_wait(vt, text);
    app_settle(vt);
    int y = app_row_of(vt, text);
    app_text_at(vt, y, 0, row, sizeof row);
    char *at = strstr(row, text);
    assert_non_null(at);
    while (at > row && !(at[-1] >= '1' && at[-1] <= '9'))
        at--;
    if (at == row) {
        vt_dump(vt, stderr);
        fail_msg("no number before \"%s\"", text);
    }
    char digit[2] = { at[-1], 0 };
    vt_type(vt, digit);
}

/* F9 on the application, then the step `word`: the date as offered, and
 * each further answer in turn ("" takes what is offered). */
static void step(struct vt *vt, const char *word, const char *const answers[], int n)
{
    char item[96];
    vt_key(vt, VT_KEY_F9);
    snprintf(item, sizeof item, "办理：%s", word);
    pick(vt, item);
    app_wait(vt, "日期：");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    for (int i = 0; i < n; i++) {
        app_settle(vt);
        if (*answers[i]) {
            vt_type(vt, "\x15");   /* in a dialog: clear what is offered */
            vt_type(vt, answers[i]);
        }
        vt_key(vt, VT_KEY_ENTER);
    }
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

static int64_t app_state(const struct app *a)
{
    return app_db_int(a, "SELECT state FROM review_app WHERE title = ?1", TITLE, NULL);
}

/* The batch: 评审组 typed, the rest as dangjian.ini offers it. */
static void new_batch(struct app *a, struct vt *vt)
{
    vt_type(vt, "6");
    app_wait_row(vt, 1, "支部立项");
    app_wait(vt, "按 F6 新增");
    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "批次设置");
    app_wait(vt, "组织单位：" TOP);
    app_settle(vt);
    for (int i = 0; i < 9; i++)   /* term, org, name, fund, per_org, lines, quota, years */
        vt_key(vt, VT_KEY_ENTER);
    app_wait_cursor_after(vt, 7, "评审组：");
    vt_type(vt, "张评委、李评委、王评委");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存批次「2026-2027学年党支部工作立项」");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM review_reviewer", NULL, NULL), 3);
    vt_key(vt, VT_KEY_F3);
    app_wait_gone(vt, "批次设置");
    app_wait(vt, "2026-2027学年党支部工作立项");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 1, "申报台账");
    app_wait(vt, "暂无记录，按 F6 新增");
}

/* The 申报表 typed field by field; the last field's Enter saves. */
static void new_project(struct app *a, struct vt *vt)
{
    static const char *const notes[] = { "支部活动形式单一，党员参与不够。", "每月一次主题党日，党员结对帮扶。",
                                         "党员参与率 90% 以上。", "主题党日、志愿服务。",
                                         "分三个阶段实施，预算 1000 元。", "2026 年 12 月至 2027 年 5 月。" };
    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "申报表");
    app_wait_cursor_after(vt, 2, "项目名称：");
    vt_type(vt, TITLE);
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "机电工程学院");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, BRANCH);
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "李明");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "赵志刚");
    vt_key(vt, VT_KEY_ENTER);
    vt_key(vt, VT_KEY_ENTER);   /* 填表日期: today */
    vt_type(vt, "创新党支部活动");
    vt_key(vt, VT_KEY_ENTER);
    for (int i = 0; i < 6; i++) {
        vt_type(vt, notes[i]);
        vt_key(vt, VT_KEY_TAB);   /* Enter breaks a line in a note */
    }
    app_wait_cursor_after(vt, 20, "计划结束：");
    vt_key(vt, VT_KEY_ENTER);   /* within the 学年: nothing to explain */
    app_wait_cursor_after(vt, 20, "超期说明：");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "（已申报）");   /* the terminal shows the ZWJ sequence its own way */
    app_wait(vt, "已保存申报「青春🛶党建");
    assert_int_equal(app_state(a), 1);
    char text[128];
    app_db_text(a, text, sizeof text, "SELECT o.name FROM review_app x JOIN org o ON o.id = x.org_id",
                NULL, NULL);
    assert_string_equal(text, BRANCH);
}

/* F3 until the application's form is on top again. */
static void back_to_form(struct vt *vt)
{
    char row[256];
    for (int i = 0; i < 4; i++) {
        app_settle(vt);
        vt_row(vt, 1, row, sizeof row);
        size_t n = strlen(row);
        while (n && row[n - 1] == ' ')
            row[--n] = 0;
        if (n >= strlen("申报表") && strcmp(row + n - strlen("申报表"), "申报表") == 0)
            return;
        vt_key(vt, VT_KEY_F3);
    }
    vt_dump(vt, stderr);
    fail_msg("not back on the application's form");
}

/* Two spending lines on the funds screen, in entry mode. */
static void spend(struct app *a, struct vt *vt)
{
    static const char *const items[2] = { "购买学习资料", "志愿服务交通费" };
    static const char *const amounts[2] = { "300", "150.50" };
    vt_key(vt, VT_KEY_F9);
    pick(vt, "经费（拨付、支出、结余）");
    app_wait_row(vt, 1, "经费");
    app_settle(vt);
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "金额（元）：");
    for (int i = 0; i < 2; i++) {
        app_settle(vt);
        app_wait(vt, "类别：支出");   /* once approved a line is a 支出, dated today */
        app_wait_cursor_after(vt, 3, "事项：");
        vt_type(vt, items[i]);
        vt_key(vt, VT_KEY_ENTER);
        vt_type(vt, amounts[i]);
        if (i == 0) {   /* 经手人, carried to the next line */
            vt_key(vt, VT_KEY_ENTER);
            vt_key(vt, VT_KEY_ENTER);
            vt_type(vt, "赵志刚");
        }
        vt_key(vt, VT_KEY_F2);
        app_wait(vt, items[i]);
    }
    app_settle(vt);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM review_fund WHERE kind = '支出'", NULL,
                                NULL), 2);
    back_to_form(vt);
}

/* A note of `kind` on the notes screen: F6, the kind, its first fields. */
static void note(struct vt *vt, const char *kind, const char *result, const char *body)
{
    vt_key(vt, VT_KEY_F9);
    pick(vt, "阶段小结与检查记录");
    app_wait_row(vt, 1, "记录");
    app_settle(vt);
    vt_key(vt, VT_KEY_F6);
    pick(vt, kind);
    app_wait(vt, "类别：");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);   /* 日期: today */
    if (result) {
        vt_type(vt, result);
        vt_key(vt, VT_KEY_ENTER);
    }
    vt_type(vt, body);
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存");
    back_to_form(vt);
}

/* Three reviewers on the 验收评审表: 88, 90 and 85; the 总评 87.7. */
static void score(struct app *a, struct vt *vt)
{
    static const char *const rows[3][5] = {
        { "18", "17", "18", "17", "18" },
        { "19", "18", "17", "18", "18" },
        { "17", "17", "17", "17", "17" },
    };
    vt_key(vt, VT_KEY_F9);
    pick(vt, "验收评分（验收评审表）");
    app_wait_row(vt, 1, "验收评分");
    app_wait(vt, "张评委");
    app_settle(vt);
    for (int r = 0; r < 3; r++)
        for (int k = 0; k < 5; k++) {
            vt_type(vt, rows[r][k]);
            vt_key(vt, VT_KEY_ENTER);
        }
    app_wait(vt, "总评 87.7（3/3 位评委已评完）");
    app_settle(vt);   /* the rest of the frame */
    assert_row_has(vt, "王评委", "17     85");
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 1, "申报表");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM review_score", NULL, NULL), 15);
}

static void project_cycle(void **state)
{
    struct app *a = *state;
    college(a);
    struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");
    new_batch(a, vt);
    new_project(a, vt);

    step(vt, "推荐上报", (const char *const[]){ "" }, 1);
    app_wait(vt, "已办理「推荐上报」");
    assert_int_equal(app_state(a), 2);
    step(vt, "批准立项", (const char *const[]){ "", "同意立项" }, 2);
    app_wait(vt, "已办理「批准立项」");
    app_wait(vt, "状态：已立项（实施中）");
    app_wait(vt, "拨付（元）：1000.00");
    APP_CHECK(vt, vt_row_of(vt, "F2 保存") < 0);   /* under review: the form only shows it */
    assert_int_equal(app_state(a), 4);
    assert_int_equal(app_db_int(a, "SELECT granted_fen FROM review_app", NULL, NULL), 100000);

    spend(a, vt);
    note(vt, "中期检查", "良好", "已开展主题党日 4 次。");
    step(vt, "中期检查", NULL, 0);
    app_wait(vt, "已办理「中期检查」");
    assert_int_equal(app_state(a), 6);
    note(vt, "结题报告", NULL, "形成了党员结对帮扶制度。");
    step(vt, "结题", NULL, 0);
    app_wait(vt, "已办理「结题");
    assert_int_equal(app_state(a), 7);

    score(a, vt);
    step(vt, "验收", (const char *const[]){ "" }, 1);
    app_wait(vt, "验收通过");
    assert_int_equal(app_state(a), 8);
    step(vt, "评为优秀成果", (const char *const[]){ "奖牌一枚、奖金500元" }, 1);
    app_wait(vt, "已办理「评为优秀成果」");
    assert_int_equal(app_state(a), 9);

    /* the ledger: the outcome, the money and the 总评 */
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 1, "申报台账");
    app_wait(vt, "共 1 项  逾期 0  拨付 1000.00  支出 450.50  结余 549.50 元");
    app_settle(vt);
    assert_row_has(vt, " 青春🛶", "优秀成果");
    assert_row_has(vt, " 青春🛶", "1000 450.50 549.50 87.7");
    app_quit(vt);

    char text[128];
    app_db_text(a, text, sizeof text, "SELECT title FROM review_app", NULL, NULL);
    assert_string_equal(text, TITLE);   /* byte for byte */
    assert_int_equal(app_db_int(a, "SELECT total FROM review_app", NULL, NULL), 877);
    app_db_text(a, text, sizeof text, "SELECT award FROM review_app", NULL, NULL);
    assert_string_equal(text, "奖牌一枚、奖金500元");
    assert_int_equal(app_db_int(a, "SELECT sum(amount_fen) FROM review_fund WHERE kind = '支出'",
                                NULL, NULL), 45050);
}

/* A 样板支部 of the branch founded 2024-11-01: not eligible at 初审. */
static void young_branch_refused(void **state)
{
    struct app *a = *state;
    college(a);
    struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");
    vt_type(vt, "7");
    app_wait_row(vt, 1, "标杆样板创建");
    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "批次设置");
    app_settle(vt);
    app_tab_to_row(vt, app_row_of(vt, "评审组："));
    vt_type(vt, "张评委、李评委、王评委");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存批次");
    vt_key(vt, VT_KEY_F3);
    app_wait_gone(vt, "批次设置");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 1, "申报台账");
    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "申报表");
    app_wait(vt, "类别：样板支部");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, YOUNG);
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "教工新建党支部样板支部创建");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "钱红");
    for (int i = 0; i < 4; i++)   /* to 书记, 填表日期 (today), past the declaration */
        vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "完成七个有力的创建任务。");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存申报");
    app_wait(vt, "申报资格：");
    app_wait(vt, "成立不满 3 年");   /* on the form itself */

    step(vt, "推荐上报", (const char *const[]){ "" }, 1);
    app_settle(vt);
    if (app_db_int(a, "SELECT state FROM review_app", NULL, NULL) == 2) {   /* recommended: the eligibility is judged at 初审 */
        vt_key(vt, VT_KEY_F9);
        pick(vt, "办理：初审通过");
        app_wait(vt, "日期：");
        app_settle(vt);
        vt_key(vt, VT_KEY_ENTER);
        app_settle(vt);
        vt_key(vt, VT_KEY_ENTER);
    }
    app_wait(vt, "按任意键关闭");   /* every failing rule, a line each, in a dialog */
    app_wait(vt, "不符合申报条件");
    app_wait(vt, "成立不满 3 年");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);   /* closes the dialog */
    app_wait_gone(vt, "按任意键关闭");
    app_wait_row(vt, 9, "申报资格：成立不满 3 年");   /* the form and the message line keep it */
    app_wait_row(vt, 22, "成立不满 3 年");
    assert_true(app_state(a) <= 2);
    app_quit(vt);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM review_app WHERE kind = '样板支部'",
                                NULL, NULL), 1);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM review_app WHERE state > 2", NULL, NULL),
                     0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(project_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(young_branch_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
