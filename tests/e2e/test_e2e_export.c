/* test_e2e_export.c — an export from the screens: the file name offered
 * ends in .xlsx (Enter alone gives a workbook), the dialog says that .csv
 * gives CSV, and the message names the file by its absolute path even when
 * the operator typed a relative one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* The same file named from the program's working directory, through ../ */
static void relative_to_cwd(const char *abs, char *out, size_t cap)
{
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    size_t w = 0;
    for (const char *p = cwd; *p; p++)
        if (*p == '/' && p[1] && w + 3 < cap)
            w += (size_t)snprintf(out + w, cap - w, "../");
    snprintf(out + w, cap - w, "%s", abs + 1);
}

static void orgs_to_xlsx_named_in_full(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");
    vt_type(vt, "1");
    app_wait_row(vt, 0, "组织管理");
    app_settle(vt);
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "导出全部党组织");
    vt_type(vt, "4");
    app_wait(vt, "文件名：");
    app_wait(vt, "党组织台账-20261121.xlsx");   /* APP_TODAY: Enter alone writes a workbook */
    app_wait(vt, "改为 .csv 则导出 CSV");
    char full[PATH_MAX], typed[2 * PATH_MAX], done[PATH_MAX + 64];
    snprintf(full, sizeof full, "%s/台账.xlsx", a->dir);
    relative_to_cwd(full, typed, sizeof typed);
    vt_send(vt, "\x15", 1);      /* Ctrl-U clears the proposed name */
    vt_type(vt, typed);
    vt_key(vt, VT_KEY_ENTER);
    snprintf(done, sizeof done, "个党组织到 %s", full);
    app_wait(vt, done);
    app_quit(vt);
    FILE *f = fopen(full, "rb");
    assert_non_null(f);
    char magic[4] = "";
    assert_int_equal(fread(magic, 1, 4, f), 4);
    fclose(f);
    assert_memory_equal(magic, "PK\3\4", 4);   /* a zip: the workbook, not CSV text */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(orgs_to_xlsx_named_in_full, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
