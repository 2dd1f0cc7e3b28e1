/* test_e2e_import.c — 党员管理 → 7 导入党员名册 driven as an operator would:
 * an office's .xlsx roster (a title row, 序号, 名字/所在支部/入党时间 for
 * the column names) imported from the screen, its report in the viewer,
 * the members then found in the roster; and a roster with one bad row
 * refused whole, the row named, nothing stored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* dir/name.xlsx from a CSV of cells (tests/data/make_xlsx.py table). */
static void make_workbook(const struct app *a, const char *name, const char *csv, char *path,
                          size_t cap)
{
    char src[PATH_MAX + 16], cmd[3 * PATH_MAX];
    snprintf(src, sizeof src, "%s/%s.src.csv", a->dir, name);
    FILE *f = fopen(src, "w");
    assert_non_null(f);
    fputs(csv, f);
    fclose(f);
    snprintf(path, cap, "%s/%s.xlsx", a->dir, name);
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/data/make_xlsx.py table '%s' '%s'", path, src);
    assert_int_equal(system(cmd), 0);
}

static const char head[] =
    "驿亭镇党员花名册\n"
    "序号,名字,性别,出生年月,身份证号码,人员类别,入党时间,所在支部\n"
    "1,丙导入,男,#d:1977-07-07,330682197707079978,正式党员,#d:2000-07-01,驿亭社区党支部\n";

/* 主菜单 → 3 党员管理 → 7 导入党员名册, the file typed, the first sheet. */
static void import_from_screen(struct vt *vt, const char *path)
{
    vt_type(vt, "3");
    app_wait(vt, "7. 导入党员名册");
    vt_type(vt, "7");
    app_wait(vt, "按回车选择要导入的文件");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "文件名（.csv 或 .xlsx）");
    vt_type(vt, path);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "工作表名");
    vt_key(vt, VT_KEY_ENTER);
}

static void an_xlsx_roster_imports_from_the_screen(void **state)
{
    struct app *a = *state;
    char path[PATH_MAX + 16], csv[2048];
    snprintf(csv, sizeof csv, "%s%s", head,
             "2,戊导入,女,#d:1990-10-03,330682199010039887,预备党员,#d:2026-06-01,镇机关党支部\n");
    make_workbook(a, "roster", csv, path, sizeof path);
    long before = app_db_int(a, "SELECT count(*) FROM member WHERE status = '正常'", NULL, NULL);
    struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");
    import_from_screen(vt, path);
    app_wait(vt, "导入报告");
    app_wait(vt, "第 1 行「驿亭镇党员花名册」不是列名行，作为标题跳过");
    app_wait(vt, "列「所在支部」按「所在党组织」导入");
    app_wait(vt, "已导入 2 名党员");
    vt_key(vt, VT_KEY_ENTER);   /* closes the report */
    app_wait_row(vt, 22, "已导入 2 名党员");
    app_wait(vt, "上次导入：2 名党员");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "1");
    app_wait_row(vt, 2, "在册党员");
    char want[64];
    snprintf(want, sizeof want, "在册党员 %ld 人", before + 2);
    app_wait_row(vt, 2, want);
    vt_key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, "戊导入");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "查找：戊导入");
    app_wait(vt, "戊导入   女");
    int row = app_row_of(vt, "戊导入");
    char line[512];
    vt_row(vt, row, line, sizeof line);
    APP_CHECK(vt, strstr(line, "镇机关党支部") && strstr(line, "预备党员"));
    app_quit(vt);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member WHERE name = '丙导入'"
                                " AND birth_date = '1977-07-07' AND joined_on = '2000-07-01'",
                                NULL, NULL), 1);
}

static void a_bad_row_is_named_and_nothing_stored(void **state)
{
    struct app *a = *state;
    char path[PATH_MAX + 16], csv[2048];
    snprintf(csv, sizeof csv, "%s%s", head,   /* a wrong check digit in row 4 */
             "2,丁导入,男,#d:1985-03-12,330682198503129870,正式党员,#d:2005-07-01,镇机关党支部\n");
    make_workbook(a, "bad", csv, path, sizeof path);
    long before = app_db_int(a, "SELECT count(*) FROM member", NULL, NULL);
    struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");
    import_from_screen(vt, path);
    app_wait(vt, "导入报告（导入失败）");
    app_wait(vt, "第 4 行「身份证号」值「330682198503129870」");
    app_wait(vt, "导入失败：没有导入任何记录");
    APP_CHECK(vt, vt_row_of(vt, "第 3 行「") < 0);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 22, "导入失败，没有导入任何记录");
    app_quit(vt);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member", NULL, NULL), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_xlsx_roster_imports_from_the_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(a_bad_row_is_named_and_nothing_stored, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
