/* test_e2e_text.c — what the member form takes as text (issue 18, item 10):
 * a field holding an invisible character that turns the text around (pasted
 * from a web page) is refused on F2 with the message naming the field and
 * the cursor back on it, nothing stored; a 身份证号 typed in 全角 digits, as
 * a Chinese input method gives them, is read as the number it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app.h"

#define LOCALE "zh_CN.UTF-8"
#define RLO "\xe2\x80\xae"   /* U+202E RIGHT-TO-LEFT OVERRIDE */

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* 主菜单 → 3 党员管理 → 1 党员台账 → F6: a new member's form. */
static void open_new_member(struct vt *vt)
{
    vt_type(vt, "3");
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "1");
    app_wait_row(vt, 2, "在册党员");
    app_settle(vt);
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新增（连续录入");
    app_wait_cursor_after(vt, 2, "姓名：");
}

static void leave_unsaved(struct vt *vt)
{
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "保存修改？");
    vt_type(vt, "2");            /* 否，不保存，返回 */
    app_wait_row(vt, 2, "在册党员");
}

/* An existing member's 工作岗位 with U+202E pasted in: the form's own
 * checks pass, the save refuses it on that field. */
static void an_invisible_override_is_refused_on_its_field(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, LOCALE);
    vt_type(vt, "3");
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "1");
    app_wait_row(vt, 2, "在册党员");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);                /* the first member's form */
    app_wait(vt, "工作岗位：");
    app_settle(vt);
    char name[64];
    app_text_at(vt, 2, app_col_of(vt, 2, "姓名：") + app_width("姓名："), name, sizeof name);
    char *end = strstr(name, "  ");
    if (end)
        *end = 0;
    int job = app_row_of(vt, "工作岗位：");
    app_tab_to_row(vt, job);
    vt_key(vt, VT_KEY_END);
    vt_type(vt, RLO "gpj.exe");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "「工作岗位」含有改变文字方向的控制字符（U+202E，");
    app_settle(vt);
    int row, col;
    vt_cursor(vt, &row, &col);
    if (row != job) {
        vt_dump(vt, stderr);
        fail_msg("the cursor is on row %d, not on 工作岗位 (row %d)", row, job);
    }
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member WHERE job LIKE '%gpj.exe%'", NULL,
                                NULL), 0);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member WHERE name = ?1", name, NULL), 1);
    leave_unsaved(vt);
    app_quit(vt);
}

static void a_full_width_id_is_read_as_digits(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, LOCALE);
    open_new_member(vt);
    vt_type(vt, "丙全角");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "３３０６８２１９８５０３１２９８７８");   /* 330682198503129878 */
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "已按身份证号填写出生日期");
    app_wait(vt, "出生日期：1985-03-12");
    APP_CHECK(vt, vt_row_of(vt, "太长") < 0);
    leave_unsaved(vt);
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_invisible_override_is_refused_on_its_field, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_full_width_id_is_read_as_digits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
