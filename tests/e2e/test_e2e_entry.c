/* test_e2e_entry.c — data entry that never traps the typist (issue 19):
 * a pick field refuses what would match none of its choices instead of
 * piling the next field's text into it, a lookup field (所在支部, 培养联系人)
 * whose text matches several stays and names them without opening its list,
 * a strict one refuses keys its list does not answer, F4 opens narrowed by a plausible
 * query and a pick moves on, Esc then a digit a moment later is still the
 * F-key, the carried-over values of 连续录入 are no change, 入党日期 fills
 * 转正日期, the 发展党员 form fills 性别 and 出生日期 from the 身份证号, and a
 * name wider than its field shows a mark where it is cut. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app.h"

#define UTF8_LOCALE "zh_CN.UTF-8"
#define LONG_NAME "阿依古丽·买买提"   /* 15 columns, the 姓名 field 12 */

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* Text, then Enter to the next field. */
static void field(struct vt *vt, const char *text)
{
    if (*text)
        vt_type(vt, text);
    vt_key(vt, VT_KEY_ENTER);
}

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

/* 主菜单 → 3 党员管理 → 4 发展党员 → F6: a new applicant's form. */
static void open_new_applicant(struct vt *vt)
{
    vt_type(vt, "3");
    app_wait(vt, "4. 发展党员");
    vt_type(vt, "4");
    app_wait_row(vt, 2, "发展对象");
    app_settle(vt);
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新登记（连续录入");
    app_wait_cursor_after(vt, 2, "姓名：");
}

/* The text of `row` from the column where `label` starts, up to the next
 * run of two spaces (one form field "label：value"). */
static void field_text(struct vt *vt, int row, const char *label, char *out, size_t cap)
{
    char line[512];
    vt_row(vt, row, line, sizeof line);
    const char *at = strstr(line, label);
    if (!at) {
        vt_dump(vt, stderr);
        fail_msg("no %s on row %d", label, row);
    }
    snprintf(out, cap, "%s", at);
    char *gap = strstr(out, "  ");
    if (gap)
        *gap = 0;
}

/* hz in 民族 is ambiguous (汉族, 回族, 赫哲族 by their initials): Tab stays and says so, the
 * digits typed next for the next field are refused rather than kept, F4
 * opens on what was typed, and the pick moves on to 学历. */
static void pick_field_keeps_nothing_meant_for_the_next(void **state)
{
    struct app *a = *state;
    char text[128];
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_new_member(vt);
    for (int i = 0; i < 4; i++)   /* 姓名, 身份证号, 性别, 出生日期 */
        vt_key(vt, VT_KEY_TAB);
    app_wait_cursor_after(vt, 4, "民族：");
    vt_type(vt, "hz");
    vt_key(vt, VT_KEY_TAB);
    app_wait_row(vt, 22, "「民族」hz 有 3 项相符：汉族、回族、赫哲族；请再输入，或按 F4 选择");
    app_wait_cursor_after(vt, 4, "民族：hz");
    vt_type(vt, "967512345");
    app_wait_row(vt, 22, "「民族」没有与 hz5 相符的项，可选：汉族、回族、赫哲族");
    app_settle(vt);
    field_text(vt, 4, "民族：", text, sizeof text);
    assert_string_equal(text, "民族：hz");
    app_wait_cursor_after(vt, 4, "民族：hz");
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "选择民族");
    app_wait(vt, "查找：hz");
    app_wait(vt, "共 4 条");       /* and 拉祜族 (lhz) */
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, "选择民族");
    /* picked, and on to the next field as Enter does */
    app_wait_cursor_after(vt, 4, "学历：");
    field_text(vt, 4, "民族：", text, sizeof text);
    assert_string_equal(text, "民族：汉族");
    /* bk is part of 大学本科's initials (dxbk): taken on Tab */
    vt_type(vt, "bk");
    vt_key(vt, VT_KEY_TAB);
    app_wait_cursor_after(vt, 5, "人员类别：");
    field_text(vt, 4, "学历：", text, sizeof text);
    assert_string_equal(text, "学历：大学本科");
    app_quit(vt);
}

/* F4 on a link field whose text the list does not answer opens the whole
 * list, not an empty one (培养联系人 may hold a name off the list, so the
 * text is there to be no query). */
static void f4_opens_unfiltered_on_text_that_is_no_query(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_new_applicant(vt);
    app_tab_to_row(vt, 10);
    app_wait_cursor_after(vt, 10, "培养联系人一：");
    vt_type(vt, "qqqq");
    app_wait_cursor_after(vt, 10, "培养联系人一：qqqq");
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "选择正式党员");
    app_settle(vt);
    APP_CHECK(vt, vt_row_of(vt, "查找：qqqq") < 0);
    char all[64];
    snprintf(all, sizeof all, "共 %ld 条", (long)app_db_int(a, "SELECT count(*) FROM member WHERE"
             " status = '正常' AND category = '正式党员'", NULL, NULL));
    app_wait(vt, all);
    vt_key(vt, VT_KEY_ESC);
    app_wait_gone(vt, "选择正式党员");
    app_quit(vt);
}

/* wfc in 所在支部 answers two branches (五夫村第一党支部, 五夫村第二党支部):
 * Enter stays and names them, never opening the list by itself (where 张
 * and the digits typed next would go into its find box); 所在支部 takes
 * only a branch, so the keys after which the list answers nothing are
 * refused and the field keeps wfc; F4 opens narrowed by it. */
static void link_field_keeps_nothing_meant_for_the_next(void **state)
{
    struct app *a = *state;
    char text[128];
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_new_member(vt);
    app_tab_to_row(vt, 8);
    app_wait_cursor_after(vt, 8, "所在支部：");
    vt_type(vt, "wfc");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 22, "「所在支部」wfc 有 2 项相符：五夫村第");
    char line[512];
    vt_row(vt, 22, line, sizeof line);   /* both, in the picker's order */
    APP_CHECK(vt, strstr(line, "五夫村第一党支部") && strstr(line, "五夫村第二党支部") &&
                  strstr(line, "党支部（按 F4 选择）"));
    app_wait_cursor_after(vt, 8, "所在支部：wfc");
    vt_type(vt, "张");
    app_wait_row(vt, 22, "「所在支部」列表中没有与 wfc张 相符的项（按 F4 选择）");
    vt_type(vt, "967512345");
    app_wait_row(vt, 22, "「所在支部」列表中没有与 wfc5 相符的项（按 F4 选择）");
    app_settle(vt);
    APP_CHECK(vt, vt_row_of(vt, "选择所在支部") < 0);
    field_text(vt, 8, "所在支部：", text, sizeof text);
    assert_string_equal(text, "所在支部：wfc");
    app_wait_cursor_after(vt, 8, "所在支部：wfc");
    /* Tab says so again, and stays */
    vt_key(vt, VT_KEY_TAB);
    app_wait_row(vt, 22, "「所在支部」wfc 有 2 项相符");
    app_wait_cursor_after(vt, 8, "所在支部：wfc");
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "选择所在支部");
    app_wait(vt, "查找：wfc");
    app_wait(vt, "共 2 条");
    vt_key(vt, VT_KEY_ESC);
    app_wait_gone(vt, "选择所在支部");
    app_wait_cursor_after(vt, 8, "所在支部：wfc");
    /* a key that narrows it is taken, and the one branch left on Enter */
    vt_type(vt, "dy");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_cursor_after(vt, 9, "所在党小组：");
    field_text(vt, 8, "所在支部：", text, sizeof text);
    assert_string_equal(text, "所在支部：五夫村第一党支部");
    app_quit(vt);
}

/* 培养联系人 may be someone off the list of 正式党员: text that matches
 * nothing is kept as typed, and an ambiguous one stays on the first Enter
 * (naming the matches) and is kept as typed on the second. */
static void people_field_keeps_a_free_name(void **state)
{
    struct app *a = *state;
    char text[128];
    int r, c;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_new_applicant(vt);
    app_tab_to_row(vt, 10);
    app_wait_cursor_after(vt, 10, "培养联系人一：");
    vt_type(vt, "王晓");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 22, "「培养联系人一」王晓 有 2 项相符：王晓东、王晓东（F4 选择；再按回车保留原样）");
    app_settle(vt);
    APP_CHECK(vt, vt_row_of(vt, "选择正式党员") < 0);
    app_wait_cursor_after(vt, 10, "培养联系人一：王晓");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 22, "「培养联系人一」按输入保留「王晓」（不是列表中的一项）");
    app_wait_cursor_after(vt, 10, "培养联系人二：");
    field_text(vt, 10, "培养联系人一：", text, sizeof text);
    assert_string_equal(text, "培养联系人一：王晓");
    /* a name the list does not have goes on at once */
    vt_type(vt, "欧阳修远");
    vt_key(vt, VT_KEY_ENTER);
    app_settle(vt);
    vt_cursor(vt, &r, &c);
    APP_CHECK(vt, r != 10 || c < app_col_of(vt, 10, "培养联系人二："));
    field_text(vt, 10, "培养联系人二：", text, sizeof text);
    assert_string_equal(text, "培养联系人二：欧阳修远");
    app_quit(vt);
}

/* Esc, a pause an operator makes, then 2: still F2 (保存), not 返回 followed
 * by a stray 2; a lone Esc still goes back once the wait is over. */
static void esc_then_digit_after_a_pause_is_the_f_key(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_new_member(vt);
    vt_type(vt, "丁测试");
    app_wait_cursor_after(vt, 2, "姓名：丁测试");
    vt_key(vt, VT_KEY_ESC);
    vt_pump(vt, 600);
    vt_type(vt, "2");
    app_wait_row(vt, 22, "「性别」不能为空");
    APP_CHECK(vt, vt_row_of(vt, "保存修改？") < 0);
    app_wait_row(vt, 2, "姓名：丁测试");
    /* alone, Esc is 返回: the form has a change, so it asks */
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "保存修改？");
    vt_type(vt, "2");            /* 否，不保存，返回 */
    app_wait_row(vt, 2, "在册党员");
    app_quit(vt);
}

/* 连续录入 of applicants: after a save the blank form keeps 所在支部 and
 * 阶段, and Esc leaves it without asking 保存修改？. */
static void entry_mode_carried_values_are_no_change(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_new_applicant(vt);
    field(vt, "戊测试");
    field(vt, "");               /* 身份证号 */
    field(vt, "男");
    field(vt, "1990-01-01");
    for (int i = 0; i < 4; i++)  /* 民族, 学历, 联系电话, 工作岗位 */
        field(vt, "");
    field(vt, "驿亭社区");
    field(vt, "2026-11-01");     /* 递交申请日期 */
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「戊测试」，可继续登记下一名申请人");
    app_wait(vt, "所在支部：驿亭社区党支部");
    app_wait(vt, "阶段：申请人");
    app_wait_cursor_after(vt, 2, "姓名：");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "发展对象");
    APP_CHECK(vt, vt_row_of(vt, "保存修改？") < 0);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM dev_case WHERE name = ?1", "戊测试",
                                NULL), 1);
    app_quit(vt);
}

/* 入党日期 typed for a 正式党员 fills 转正日期 (入党满一年), so the record
 * costs the typed text plus one key per field; the long name shows its
 * tail with ‹ while typed, its head with › after, and its head when the
 * record is opened again. */
static void joined_on_fills_confirmed_on(void **state)
{
    struct app *a = *state;
    char text[128];
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_new_member(vt);
    unsigned long start = vt_keystrokes(vt);
    vt_type(vt, LONG_NAME);
    app_wait_cursor_after(vt, 2, "姓名：‹丽·买买提");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 2, "姓名：阿依古丽·买›");
    field(vt, "330682198503129878");
    app_wait(vt, "已按身份证号填写出生日期");
    for (int i = 0; i < 4; i++)  /* 性别, 出生日期 (from the ID), 民族, 学历 */
        field(vt, "");
    field(vt, "zs");             /* 人员类别: 正式党员 */
    field(vt, "");               /* 联系电话 */
    field(vt, "2010-07-01");
    app_wait_row(vt, 22, "已填写转正日期 2011-07-01");
    app_wait_cursor_after(vt, 6, "转正日期：2011-07-01");
    field(vt, "");               /* 转正日期, filled */
    field(vt, "");               /* 延长预备期 */
    field(vt, "驿亭社区");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「" LONG_NAME "」");
    /* the 42 characters typed, one key for each of the 12 fields passed,
     * one to save: nothing for 转正日期 */
    assert_int_equal(vt_keystrokes(vt) - start, 42 + 12 + 1);
    char confirmed[16];
    app_db_text(a, confirmed, sizeof confirmed, "SELECT confirmed_on FROM member WHERE name = ?1",
                LONG_NAME, NULL);
    assert_string_equal(confirmed, "2011-07-01");
    /* opened again from the roster: the head, the cursor at its start */
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "在册党员");
    vt_key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, "阿依古丽");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "修改党员信息");
    app_settle(vt);
    field_text(vt, 2, "姓名：", text, sizeof text);
    assert_string_equal(text, "姓名：阿依古丽·买›");
    app_wait_cursor(vt, 2, app_col_of(vt, 2, "姓名：") + app_width("姓名："));
    app_quit(vt);
}

/* The 发展党员 form fills 性别 and 出生日期 from the 身份证号, as 党员信息
 * does. */
static void dev_form_fills_from_the_id(void **state)
{
    struct app *a = *state;
    char text[128];
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_new_applicant(vt);
    field(vt, "己测试");
    field(vt, "330682199010039887");
    app_wait_row(vt, 22, "已按身份证号填写出生日期 1990-10-03、性别 女");
    app_settle(vt);
    field_text(vt, 3, "性别：", text, sizeof text);
    assert_string_equal(text, "性别：女");
    field_text(vt, 3, "出生日期：", text, sizeof text);
    assert_string_equal(text, "出生日期：1990-10-03");
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(pick_field_keeps_nothing_meant_for_the_next, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(f4_opens_unfiltered_on_text_that_is_no_query, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(link_field_keeps_nothing_meant_for_the_next, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(people_field_keeps_a_free_name, setup, teardown),
        cmocka_unit_test_setup_teardown(esc_then_digit_after_a_pause_is_the_f_key, setup, teardown),
        cmocka_unit_test_setup_teardown(entry_mode_carried_values_are_no_change, setup, teardown),
        cmocka_unit_test_setup_teardown(joined_on_fills_confirmed_on, setup, teardown),
        cmocka_unit_test_setup_teardown(dev_form_fills_from_the_id, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
