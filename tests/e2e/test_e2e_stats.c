/* test_e2e_stats.c — 党内统计 at 80x24 on the demo: t opens the menu, a
 * table shows its grid, Enter on a cell lists exactly as many members as
 * the cell says (the number read off the screen, the list's 共 N 条), and
 * Enter on one of them opens the member's form. */
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

/* The number after "：" on the status line (row 21): the selected cell. */
static long status_number(struct vt *vt, const char *label)
{
    char row[512];
    app_wait(vt, label);
    app_text_at(vt, 21, 0, row, sizeof row);
    const char *at = strstr(row, label);
    APP_CHECK(vt, at != NULL);
    at = strstr(at, "：");
    APP_CHECK(vt, at != NULL);
    return strtol(at + strlen("："), NULL, 10);
}

static void open_table(struct vt *vt, const char *digit, const char *name)
{
    vt_type(vt, "t");
    app_wait(vt, "1. 党员基本情况");
    vt_type(vt, digit);
    app_wait_row(vt, 2, name);
    app_settle(vt);
}

static void drill_and_count(struct vt *vt, const char *label, long want)
{
    char count[32];
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 2, label);
    snprintf(count, sizeof count, "共 %ld 条", want);
    app_wait(vt, count);
}

static void change_cell_lists_its_members(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "t. 党内统计");
    APP_CHECK(vt, vt_row_of(vt, "0. 退出系统") > 0);   /* the main menu still fits */
    open_table(vt, "2", "党员增减");
    app_wait(vt, "上年末党员数");
    long start = status_number(vt, "上年末党员数 · 人数");
    APP_CHECK(vt, start > 100);
    vt_key(vt, VT_KEY_DOWN);
    long added = status_number(vt, "本年增加 · 人数");
    APP_CHECK(vt, added > 0);
    drill_and_count(vt, "党员增减 · 本年增加 · 人数", added);
    /* Enter on the first member opens the member's form */
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "身份证号");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "共 ");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "本年增加 · 人数");
    /* the year's end, and the balance it keeps */
    for (int i = 0; i < 20 && vt_row_of(vt, "本年末党员数 · 人数") < 0; i++) {
        vt_key(vt, VT_KEY_DOWN);
        app_settle(vt);
    }
    long end = status_number(vt, "本年末党员数 · 人数");
    long removed = end >= 0 ? start + added - end : -1;
    APP_CHECK(vt, removed >= 0);
    APP_CHECK(vt, vt_row_of(vt, "核对不平") < 0);
    drill_and_count(vt, "党员增减 · 本年末党员数 · 人数", end);
    app_quit(vt);
}

static void basic_cell_by_column(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "t. 党内统计");
    open_table(vt, "1", "党员基本情况");
    vt_key(vt, VT_KEY_DOWN);            /* 年龄　30岁及以下 */
    vt_key(vt, VT_KEY_RIGHT);           /* 女 */
    long n = status_number(vt, "年龄　30岁及以下 · 女");
    APP_CHECK(vt, n > 0);
    drill_and_count(vt, "党员基本情况 · 年龄　30岁及以下 · 女", n);
    APP_CHECK(vt, vt_row_of(vt, " 男 ") < 0);   /* the women only */
    APP_CHECK(vt, vt_row_of(vt, " 女 ") == 4);
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(change_cell_lists_its_members, setup, teardown),
        cmocka_unit_test_setup_teardown(basic_cell_by_column, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
