/* test_e2e_honour.c — the honours register at 80x24, as an office keeps
 * it: 8 表彰荣誉 lists the demo's honours (a revoked one among them), F6
 * registers 优秀共产党员 for 洪辉 picked with F4, a title that goes to
 * organizations refused with what was typed kept, the saved honour in the
 * ledger and on 洪辉's member form. */
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

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void field(struct vt *vt, const char *text)
{
    if (*text)
        vt_type(vt, text);
    vt_key(vt, VT_KEY_ENTER);
}

/* F6 on the ledger, 洪辉 picked from the members with F4. */
static void new_honour_for_hong_hui(struct vt *vt)
{
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新增荣誉记录");
    app_settle(vt);
    vt_key(vt, VT_KEY_F4);                /* the cursor starts on 获得者 */
    app_wait(vt, "选择党员");
    app_settle(vt);
    vt_type(vt, "洪辉");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, "选择党员");
    app_wait(vt, "洪辉");
}

static void register_an_honour_and_see_it_on_the_member(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "8. 表彰荣誉");
    vt_type(vt, "8");
    app_wait(vt, "1. 荣誉台账");
    vt_type(vt, "1");
    app_wait_row(vt, 2, "荣誉台账");
    app_wait(vt, "丁建国");
    app_wait(vt, "已撤销");                /* the demo's revoked one is kept */
    app_settle(vt);

    new_honour_for_hong_hui(vt);
    /* a title of organizations is refused; what was typed stays */
    field(vt, "先进基层党组织");
    field(vt, "镇级");
    field(vt, "2026-07-01");
    field(vt, "");                        /* 追授: 否 */
    field(vt, "中共驿亭镇委员会");
    field(vt, "驿委〔2026〕30号");
    vt_type(vt, "带头参加抗台救灾");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "「先进基层党组织」授予党组织，不能授予党员个人");
    app_wait(vt, "驿委〔2026〕30号");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM honour m JOIN member p ON p.id = m.member_id"
                                   " WHERE p.name = ?1", "洪辉", NULL), 0);
    /* the cursor is on 荣誉称号: the right one saves */
    vt_send(vt, "\x15", 1);
    field(vt, "优秀共产党员");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「洪辉」优秀共产党员（镇级）");
    char got[256];
    app_db_text(a, got, sizeof got, "SELECT h.title || '|' || h.level || '|' || h.awarded_on || '|'"
                " || h.doc_no || '|' || h.deeds || '|' || h.posthumous FROM honour h JOIN member m"
                " ON m.id = h.member_id WHERE m.name = ?1", "洪辉", NULL);
    assert_string_equal(got, "优秀共产党员|镇级|2026-07-01|驿委〔2026〕30号|带头参加抗台救灾|0");

    /* back in the ledger: the new one is listed */
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "荣誉台账");
    app_wait(vt, "2026-07-01 洪辉");
    /* the newest first: the demo's 追授 of today, then 洪辉's */
    assert_int_equal(app_row_of(vt, APP_TODAY " 蔡俊"), 4);
    int row = app_row_of(vt, "洪辉");
    assert_int_equal(row, 5);
    assert_true(vt_col_of(vt, row, "优秀共产党员 镇级") > 0);
    app_wait_row(vt, 21, "共 9 条");

    /* and on 洪辉's member form */
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "1. 荣誉台账");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "3. 党员管理");
    vt_type(vt, "3");
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "1");
    app_wait_row(vt, 2, "在册党员");
    app_settle(vt);
    vt_key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, "洪辉");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "荣誉：2026 优秀共产党员（镇级）");
    app_quit(vt);
}

/* From 联桥村党支部's form: its honour listed, F9 荣誉记录 opens its own
 * ledger, where F9 撤销 needs a reason and keeps the record, marked. */
static void revoke_from_an_organizations_record(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "2. 组织台账");
    vt_type(vt, "2");
    app_settle(vt);
    vt_key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, "联桥村党支部");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "荣誉：2025 先进基层党组织（县处）（F9 荣誉记录）");
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "荣誉记录（表彰荣誉台账）");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 2, "本记录的荣誉台账");
    app_wait_row(vt, 21, "共 1 条");
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "撤销所选荣誉");
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "撤销日期：");
    field(vt, "");                        /* today */
    app_wait(vt, "撤销原因：");
    field(vt, "");                        /* no reason: refused */
    app_wait(vt, "「撤销原因」不能为空");
    vt_key(vt, VT_KEY_ENTER);             /* closes the message; the boxes come back */
    app_wait(vt, "撤销日期：");
    field(vt, "");
    app_wait(vt, "撤销原因：");
    field(vt, "材料不实");
    app_wait_row(vt, 22, "已撤销「联桥村党支部」的先进基层党组织");
    app_wait(vt, "已撤销");
    char got[128];
    app_db_text(a, got, sizeof got, "SELECT h.revoked_on || '|' || h.revoke_reason FROM honour h"
                " JOIN org o ON o.id = h.org_id WHERE o.name = ?1", "联桥村党支部", NULL);
    assert_string_equal(got, APP_TODAY "|材料不实");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM audit_log WHERE tbl = 'honour'"
                                   " AND action = '撤销'", NULL, NULL), 2);   /* the demo's too */
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "荣誉：2025 先进基层党组织（县处）（已撤销）");
    app_quit(vt);
}

/* 表彰荣誉 → 6 年度汇总: the demo's year counted by title and level, Enter
 * on 优秀共产党员 lists its honours of the year in the ledger, F9 prints the
 * 表彰荣誉汇总表 to the file typed. */
static void the_years_summary_lists_and_prints(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "8. 表彰荣誉");
    vt_type(vt, "8");
    app_wait(vt, "6. 年度汇总");
    vt_type(vt, "6");
    app_wait_row(vt, 2, "2026 年度表彰荣誉汇总");
    /* 冯国庆's 示范岗, 蔡俊's 追授, 孝丰村's 示范点, 五夫村第二's 先进 */
    app_wait_row(vt, 3, "2026 年度共 4 项有效荣誉（追授 1 项）");
    app_wait(vt, "优秀共产党员");
    app_settle(vt);
    int row = app_row_of(vt, "优秀共产党员");
    assert_true(row > 3);
    int county = app_col_of(vt, 4, "县处");
    assert_true(county > 0);
    char cell[16];
    app_text_at(vt, row, county, cell, sizeof cell);
    assert_int_equal(atoi(cell), 1);
    app_wait_row(vt, row + 7, "合计");    /* under the seven configured titles */
    /* Enter on the title's row: its honours of the year, and no other */
    while (app_selected_row(vt, 5, 20, 0) != row)
        vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 2, "荣誉台账  2026 年 优秀共产党员");
    app_wait(vt, "蔡俊");
    app_wait_row(vt, 21, "共 1 条");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "2026 年度表彰荣誉汇总");
    /* F4: 姚建新's of 2024 was revoked; 2025 has 丁建国's, 傅海军's, 联桥村's */
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "年度（如 2026）：");
    vt_send(vt, "\x15", 1);
    vt_type(vt, "2024");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 3, "2024 年度共 0 项有效荣誉（追授 0 项）；已撤销 1 项不计入");
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "年度（如 2026）：");
    vt_send(vt, "\x15", 1);
    vt_type(vt, "2025");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 3, "2025 年度共 3 项有效荣誉（追授 0 项）；已撤销 0 项不计入");
    char path[600];
    snprintf(path, sizeof path, "%s/汇总.pdf", a->dir);
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "打印表彰荣誉汇总表（PDF）");
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "表彰荣誉汇总表-2025.pdf");
    vt_send(vt, "\x15", 1);
    vt_type(vt, path);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "（1 页）");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 1000);
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(register_an_honour_and_see_it_on_the_member, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(revoke_from_an_organizations_record, setup, teardown),
        cmocka_unit_test_setup_teardown(the_years_summary_lists_and_prints, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
