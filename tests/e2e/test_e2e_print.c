/* test_e2e_print.c — F9 → 打印 as an operator does it: a member transferred
 * out, then from the move in the member's history F9 prints the 组织关系
 * 介绍信 to the file typed in the dialog; the message names the full path,
 * and the PDF holds the member and the destination (pdftotext).  A second
 * print to the same file asks 文件已存在，是否覆盖？ */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"

#define UTF8_LOCALE "zh_CN.UTF-8"
#define DEST "中共上虞区百官街道委员会"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void field(struct vt *vt, const char *text)
{
    if (*text)
        vt_type(vt, text);
    vt_key(vt, VT_KEY_ENTER);
}

/* The roster, 洪辉 found (F7) and selected. */
static void find_member(struct vt *vt)
{
    vt_key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, "洪辉");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
}

static void transfer_out(struct vt *vt)
{
    vt_type(vt, "3");
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "1");
    app_wait_row(vt, 2, "在册党员");
    app_settle(vt);
    find_member(vt);
    vt_key(vt, VT_KEY_F8);
    app_wait(vt, "为洪辉办理（现为正常）");
    vt_type(vt, "1");
    app_wait(vt, "转出：洪辉");
    field(vt, "");        /* 转出日期: today */
    field(vt, DEST);
    field(vt, "17");      /* 介绍信编号 */
    field(vt, "");        /* 有效期 30 天 */
    field(vt, "");        /* 党费交至, from the dues ledger */
    field(vt, "");        /* 说明: saves */
    app_wait_row(vt, 22, "已为洪辉办理转出");
}

/* F9 on the history's selected 转出 → 打印, the path typed over the default. */
static void print_letter(struct vt *vt, const char *path)
{
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "打印所选转出的组织关系介绍信");
    vt_type(vt, "3");
    app_wait(vt, "文件名");
    app_wait(vt, "介绍信-洪辉-");   /* the form's own name to start with */
    vt_send(vt, "\x15", 1);          /* Ctrl-U */
    vt_type(vt, path);
    vt_key(vt, VT_KEY_ENTER);
}

static void letter_printed_from_the_move(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    transfer_out(vt);
    /* every member, so that the one transferred out is listed again */
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "显示全部党员");
    vt_type(vt, "3");
    app_wait_row(vt, 2, "显示：全部");
    app_wait_row(vt, 21, "共 1 条");   /* the find (洪辉) is kept */
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "姓名：洪辉");
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "全部组织关系变动记录");
    vt_type(vt, "2");
    app_wait_row(vt, 1, "组织关系变动记录");
    app_wait(vt, "转出");

    char path[PATH_MAX], want[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/介绍信.pdf", a->dir);
    print_letter(vt, path);
    snprintf(want, sizeof want, "已写出 %s", path);
    app_wait_row(vt, 22, want);
    app_wait_row(vt, 22, "（1 页）");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 1000);
    assert_int_equal(st.st_mode & 0777, 0600);   /* as an export: the operator's only */

    char cmd[PATH_MAX + 64], text[8192] = "";
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - | tr -d ' \\n'", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(text, 1, sizeof text - 1, p);
    text[n] = 0;
    assert_int_equal(pclose(p), 0);
    assert_non_null(strstr(text, "洪辉同志"));
    assert_non_null(strstr(text, "去" DEST "，请转接组织关系"));
    assert_non_null(strstr(text, "（2026）第17号"));
    assert_non_null(strstr(text, "有效期叁拾天"));

    /* again: the file is there, so the dialog asks; 否 keeps it */
    print_letter(vt, path);
    app_wait(vt, "文件已存在，是否覆盖？");
    vt_key(vt, VT_KEY_ESC);
    app_wait_gone(vt, "文件已存在，是否覆盖？");
    struct stat again;
    assert_int_equal(stat(path, &again), 0);
    assert_int_equal(again.st_mtime, st.st_mtime);
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(letter_printed_from_the_move, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
