/* test_e2e_todo.c — 今日待办 on the demo at 80x24: late rectifications and
 * 发展党员 reminders marked, the heading's counts, F4 by 类别, Enter opening
 * the record and Esc coming back to the list, a rectification accepted in
 * its form leaving the list on return, and [todo] at_start opening the
 * screen before the main menu. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#define LOCALE "zh_CN.UTF-8"
#define FIRST 4    /* the grid's first row, under the heading and the column titles */
#define LAST 20    /* at 24 rows; the grid ends 4 rows above the bottom */

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* The demo's late rectifications, as the unit tests' rule reads them:
 * deadline before today, not accepted. */
static int64_t late_rectifications(const struct app *a)
{
    return app_db_int(a, "SELECT count(*) FROM rectification WHERE deadline < ?1"
                      " AND accepted_on IS NULL", APP_TODAY, NULL);
}

static void open_todo(struct vt *vt)
{
    vt_type(vt, "d");
    app_wait_row(vt, 0, "今日待办");
    app_wait_row(vt, 2, "逾期 ");
    app_settle(vt);
}

/* F4, then the numbered 类别 (1 全部, 2 整改, 3 发展党员 …). */
static void only(struct vt *vt, const char *digit, const char *word)
{
    char heading[64];
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "按类别筛选");
    vt_type(vt, digit);
    snprintf(heading, sizeof heading, "类别：%s", word);
    app_wait_row(vt, 2, heading);
    app_settle(vt);
}

/* Rows of the grid (down to `last`) that read `word` and begin with the
 * late mark. */
static int late_rows_to(struct vt *vt, const char *word, int last)
{
    int n = 0;
    for (int r = FIRST; r <= last; r++) {
        char text[512];
        vt_row(vt, r, text, sizeof text);
        n += text[0] == '!' && strstr(text, word) != NULL;
    }
    return n;
}

static int late_rows(struct vt *vt, const char *word)
{
    return late_rows_to(vt, word, LAST);
}

static void late_items_are_marked_and_open(void **state)
{
    struct app *a = *state;
    int64_t late = late_rectifications(a);
    assert_true(late >= 2);
    struct vt *vt = app_start(a, 24, 80, LOCALE);
    open_todo(vt);
    APP_CHECK(vt, vt_row_of(vt, "类别：全部") == 2);

    only(vt, "2", "整改");
    APP_CHECK(vt, late_rows(vt, "整改") == late);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 0, "整改方案");
    app_wait(vt, "已过整改期限");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 0, "今日待办");
    app_wait_row(vt, 2, "类别：整改");
    app_settle(vt);
    APP_CHECK(vt, late_rows(vt, "整改") == late);

    only(vt, "3", "发展党员");
    APP_CHECK(vt, late_rows(vt, "申请待谈话") >= 1);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 0, "发展党员登记表");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 0, "今日待办");
    app_settle(vt);

    only(vt, "5", "立项创建");
    APP_CHECK(vt, late_rows(vt, "立项") >= 1);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 0, "申报表");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 0, "今日待办");
    app_settle(vt);

    /* every 类别 again, then F7 by the organization's pinyin initials */
    only(vt, "1", "全部");
    vt_key(vt, VT_KEY_F7);
    app_wait(vt, "查找");
    vt_type(vt, "ytsq");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, FIRST, "驿亭社区党支部");
    app_settle(vt);
    for (int r = FIRST; r <= LAST; r++) {
        char text[512];
        vt_row(vt, r, text, sizeof text);
        APP_CHECK(vt, !text[0] || strstr(text, "驿亭社区党支部"));
    }
    vt_key(vt, VT_KEY_F1);
    app_wait(vt, "回车：打开该记录办理");
    vt_key(vt, VT_KEY_ESC);
    app_wait_gone(vt, "回车：打开该记录办理");
    app_quit(vt);
}

/* The first late rectification accepted on its form: back on the list it
 * is gone, and the heading counts one less. */
static void a_settled_item_leaves_the_list(void **state)
{
    struct app *a = *state;
    int64_t late = late_rectifications(a);
    struct vt *vt = app_start(a, 24, 80, LOCALE);
    open_todo(vt);
    only(vt, "2", "整改");
    char first[512], org[128];
    vt_row(vt, FIRST, first, sizeof first);
    /* the 组织 column: the second cell of "!整改     <组织> …" */
    APP_CHECK(vt, sscanf(first, "!%*s %127s", org) == 1 && vt_row_of(vt, org) == FIRST);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 0, "整改方案");
    app_settle(vt);
    app_tab_to_row(vt, app_row_of(vt, "验收日期："));
    vt_type(vt, "2026-11-20");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 0, "今日待办");
    char heading[96];
    snprintf(heading, sizeof heading, "逾期 %lld 项", (long long)late - 1);
    app_wait_row(vt, 2, heading);
    app_settle(vt);
    APP_CHECK(vt, late_rows(vt, "整改") == late - 1);
    APP_CHECK(vt, vt_row_of(vt, org) < 0);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM rectification WHERE accepted_on = ?1",
                                "2026-11-20", NULL), 1);
    app_quit(vt);
}

/* [todo] at_start = yes: the program opens on 今日待办, looking 100 days
 * ahead; a term ending opens the organization's form; Esc is the menu. */
static void at_start_opens_the_list_first(void **state)
{
    struct app *a = *state;
    FILE *f = fopen(a->ini, "a");
    assert_non_null(f);
    /* 100 days: the demo's first terms end in February */
    fputs("\n[todo]\nat_start = yes\nahead_days = 100\n", f);
    fclose(f);
    static char today[] = "DJ_TODAY=" APP_TODAY;
    char *argv[] = { APP_PROGRAM, "--config", a->ini, NULL };
    char *env[] = { today, NULL };
    a->vt = vt_spawn(24, 80, LOCALE, argv, env);
    assert_non_null(a->vt);
    struct vt *vt = a->vt;
    app_wait_row(vt, 0, "今日待办");
    app_wait_row(vt, 2, "（100 天内）");
    app_settle(vt);
    only(vt, "4", "换届");
    APP_CHECK(vt, vt_row_of(vt, "任期即将届满") >= FIRST);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 0, "党组织登记表");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 0, "今日待办");
    app_settle(vt);
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "1. 组织管理");
    app_settle(vt);
    app_quit(vt);
}

/* A GB18030 terminal, wider: the same list, the room going to 事项, and
 * Enter and Esc as at 80x24. */
static void gb18030_and_wider(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 30, 120, "zh_CN.GB18030");
    open_todo(vt);
    /* 30 rows: 16 late items and room to spare, so every kind shows */
    APP_CHECK(vt, late_rows_to(vt, "整改", 26) >= 1);
    APP_CHECK(vt, late_rows_to(vt, "申请待谈话：递交申请", 26) >= 1);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 0, "申报表");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 0, "今日待办");
    app_settle(vt);
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(late_items_are_marked_and_open, setup, teardown),
        cmocka_unit_test_setup_teardown(a_settled_item_leaves_the_list, setup, teardown),
        cmocka_unit_test_setup_teardown(at_start_opens_the_list_first, setup, teardown),
        cmocka_unit_test_setup_teardown(gb18030_and_wider, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
