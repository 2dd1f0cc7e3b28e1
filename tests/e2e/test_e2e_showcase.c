/* test_e2e_showcase.c — 示范工程 at 80x24, as an office keeps it: 8 表彰荣誉
 * 3 registers a 党员示范岗 for 洪辉 (F4) with its public commitment, F9
 * records a 检查 note and the year's 考核, and the ledger shows it graded;
 * 4 registers a 示范寝室 with two member residents picked with F4 (one
 * alone refused, what was typed kept) and one 检查评比 whose total is
 * computed; 5 names a 党支部示范点 and records its year check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

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

static void open_submenu(struct vt *vt, const char *key, const char *line, const char *title)
{
    app_wait(vt, "8. 表彰荣誉");
    vt_type(vt, "8");
    app_wait(vt, line);
    vt_type(vt, key);
    app_wait_row(vt, 2, title);
    app_settle(vt);
}

static void pick(struct vt *vt, const char *box, const char *name)
{
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, box);
    app_settle(vt);
    vt_type(vt, name);
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, box);
}

static void register_a_post_with_its_check_and_grade(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_submenu(vt, "3", "3. 党员示范岗", "党员示范岗台账");
    app_wait(vt, "便民服务窗口岗");          /* the demo's two posts */
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新增党员示范岗");
    app_settle(vt);
    pick(vt, "选择党员", "洪辉");
    app_wait(vt, "洪辉");
    field(vt, "窗口服务岗");
    field(vt, "2026-03-01");
    vt_type(vt, "群众满意率98%以上");
    vt_key(vt, VT_KEY_TAB);
    vt_key(vt, VT_KEY_F2);                /* no commitment: refused */
    app_wait_row(vt, 22, "「岗位承诺」不能为空");
    app_wait(vt, "窗口服务岗");            /* what was typed stays */
    vt_type(vt, "微笑服务一次办好");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「洪辉」的党员示范岗「窗口服务岗」");
    app_wait(vt, "驿亭社区党支部");
    app_wait(vt, "尚未考核（F9 登记）");

    /* F9: a 检查 note */
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "新增检查记录");
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "新增检查记录");
    app_wait(vt, "记录人：");
    app_settle(vt);
    field(vt, "");                        /* today */
    field(vt, "王书记");
    vt_type(vt, "承诺上墙，群众评价好");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, APP_TODAY " 检查 王书记：承诺上墙，群众评价好");

    /* F9: the year's 考核 */
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "年度考核");
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "考核年度：");
    field(vt, "");                        /* 2026 */
    app_wait(vt, "考核等次");
    vt_key(vt, VT_KEY_ENTER);             /* 优秀 */
    app_wait(vt, "考核日期：");
    field(vt, "");
    app_wait(vt, "考核人：");
    field(vt, "镇党委");
    app_wait(vt, "评语");
    field(vt, "");
    app_wait_row(vt, 22, "已登记 2026 年考核：优秀");
    app_wait(vt, "年度考核：2026 优秀");
    char got[256];
    app_db_text(a, got, sizeof got, "SELECT p.name || '|' || p.pledge || '|' || g.grade || '|'"
                " || g.assessor || '|' || n.kind FROM showcase_post p JOIN member m ON"
                " m.id = p.member_id JOIN showcase_post_grade g ON g.post_id = p.id JOIN"
                " showcase_post_note n ON n.post_id = p.id WHERE m.name = ?1", "洪辉", NULL);
    assert_string_equal(got, "窗口服务岗|微笑服务一次办好|优秀|镇党委|检查");

    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "党员示范岗台账");
    app_wait_row(vt, 21, "共 3 条");          /* the demo's two and this one */
    int row = app_row_of(vt, "洪辉");
    assert_true(row > 2);
    assert_true(app_col_of(vt, row, "窗口服务岗") > 0);
    assert_true(app_col_of(vt, row, "优秀") > 0);
    app_quit(vt);
}

static void register_a_dorm_with_its_residents_and_a_check(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_submenu(vt, "4", "4. 党员示范寝室", "党员示范寝室台账");
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新增党员示范寝室");
    app_settle(vt);
    field(vt, "3号楼");
    field(vt, "402");
    field(vt, "联桥村党支部");
    field(vt, "2026-03-10");
    pick(vt, "选择寝室中的党员", "傅海军");
    app_wait(vt, "傅海军");
    vt_key(vt, VT_KEY_F2);                /* one member only: refused */
    app_wait_row(vt, 22, "「寝室成员」中状态正常的党员只有 1 名，示范寝室至少要有 2 名");
    app_wait(vt, "3号楼");
    pick(vt, "选择寝室中的党员", "李国良");
    app_wait(vt, "傅海军、李国良");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存示范寝室 3号楼 402");

    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "新增检查评比");
    app_wait(vt, "卫生（满分 30）：");
    app_settle(vt);
    field(vt, "学工办");
    field(vt, "31");                      /* over 30: refused on leaving or on save */
    field(vt, "30");
    field(vt, "18");
    field(vt, "19");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "「卫生」31 超过满分 30 分");
    vt_send(vt, "\x15", 1);               /* the cursor is on 卫生: clear it */
    vt_type(vt, "28.5");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "总分 95.5 分");
    app_wait(vt, APP_TODAY " 学工办 95.5 分（卫生 28.5/30 纪律 30/30 学风 18/20");
    assert_int_equal(app_db_int(a, "SELECT c.total FROM showcase_dorm_check c JOIN showcase_dorm d"
                                   " ON d.id = c.dorm_id WHERE d.building = ?1", "3号楼", NULL), 955);

    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "党员示范寝室台账");
    app_wait_row(vt, 21, "共 3 条");          /* the demo's two and this one */
    int row = app_row_of(vt, "3号楼");
    assert_true(row > 2);
    assert_true(app_col_of(vt, row, "联桥村党支部") > 0);
    assert_true(app_col_of(vt, row, "95.5") > 0);
    app_quit(vt);
}

/* 5: 联桥村党支部 picked with F4 as a 党支部示范点, its year check by F9. */
static void register_a_point_and_its_year_check(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_submenu(vt, "5", "5. 党建示范点", "党建示范点台账");
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新增党建示范点");
    app_settle(vt);
    pick(vt, "选择党组织", "lqc");
    app_wait(vt, "联桥村党支部");
    field(vt, "党支部示范点");
    field(vt, "2026-01-10");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存党建示范点「联桥村党支部」（党支部示范点）");
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "检查年度：");
    field(vt, "");                        /* 2026 */
    app_wait(vt, "检查日期：");
    field(vt, "");
    app_wait(vt, "检查结果");
    vt_key(vt, VT_KEY_ENTER);             /* 优秀 */
    app_wait(vt, "备注");
    field(vt, "阵地规范");
    app_wait_row(vt, 22, "已登记 2026 年检查：优秀");
    app_wait(vt, "2026 年 " APP_TODAY " 优秀：阵地规范");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "党建示范点台账");
    app_wait_row(vt, 21, "共 3 条");          /* the demo's two and this one */
    int row = app_row_of(vt, "联桥村党支部");
    assert_true(row > 2);
    assert_true(app_col_of(vt, row, "2026 优秀") > 0);
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(register_a_post_with_its_check_and_grade, setup, teardown),
        cmocka_unit_test_setup_teardown(register_a_dorm_with_its_residents_and_a_check, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(register_a_point_and_its_year_check, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
