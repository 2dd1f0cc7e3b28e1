/* test_e2e_training.c — 教育培训学时 as an office types it at 80x24: the
 * 学时台账 before anything is recorded, a session entered from 党员管理 → 9
 * (a 学时 that is not a multiple of 0.5 refused where it was typed), its
 * 参训名单 marked one key a member with one member's own hours, and the
 * ledger after: each member's hours moved by exactly what was recorded,
 * and who is short of the target changed (Tab: only those short). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "vt.h"

#define TOP "中共测试镇委员会"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* A 身份证号 of a man born on `born` (YYYYMMDD), with its check digit. */
static void id_number(const char *born, int seq, char out[19])
{
    static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    snprintf(out, 19, "330682%s%03d", born, seq * 2 + 1);
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (out[i] - '0') * w[i];
    out[17] = "10X98765432"[sum % 11];
    out[18] = 0;
}

/* Two branches, four members; the year's target lowered to 8 学时. */
static void town(struct app *a)
{
    app_fresh_orgs(a, "党组织名称,类型,类别,上级组织,书记\n"
                      TOP ",党委,机关,,王书记\n"
                      "二都村党支部,党支部,农村," TOP ",陈刚\n"
                      "联桥村党支部,党支部,农村," TOP ",张明\n");
    static const char *const who[4][3] = {
        { "陈刚", "19700101", "二都村党支部" }, { "李芳", "19750202", "联桥村党支部" },
        { "王强", "19800303", "联桥村党支部" }, { "张明", "19850404", "联桥村党支部" },
    };
    char path[PATH_MAX + 16], id[19];
    snprintf(path, sizeof path, "%s/党员.csv", a->dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("姓名,性别,出生日期,身份证号,人员类别,入党日期,转正日期,所在党组织\r\n", f);
    for (int i = 0; i < 4; i++) {
        id_number(who[i][1], i, id);
        fprintf(f, "%s,男,%.4s-%.2s-%.2s,%s,正式党员,2010-07-01,2011-07-01,%s\r\n", who[i][0],
                who[i][1], who[i][1] + 4, who[i][1] + 6, id, who[i][2]);
    }
    assert_int_equal(fclose(f), 0);
    app_cli(a, "import", "members", path);
    f = fopen(a->ini, "a");
    assert_non_null(f);
    fputs("\n[training]\ntarget_hours = 8\n", f);
    assert_int_equal(fclose(f), 0);
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

static void open_ledger(struct vt *vt)
{
    vt_type(vt, "2");
    app_wait_row(vt, 1, "学时台账");
    app_settle(vt);
}

static void a_session_moves_the_hours(void **state)
{
    struct app *a = *state;
    town(a);
    struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");
    vt_type(vt, "3");
    app_wait(vt, "9. 教育培训学时");
    vt_type(vt, "9");
    app_wait_row(vt, 1, "主菜单 > 党员管理 > 教育培训学时");

    /* before: nobody has an hour, all four short of 8 */
    open_ledger(vt);
    app_wait(vt, "2026 年  目标 8 学时  在册 4 人  未达标 4 人");
    assert_row_has(vt, "陈刚", "0        0      0    8      8");
    vt_key(vt, VT_KEY_F3);

    /* a session: 8 学时 for the whole 党委 */
    vt_type(vt, "1");
    app_wait(vt, "暂无培训记录，按 F6 新增");
    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "培训信息");
    app_wait(vt, "新增培训：保存后填写参训名单");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);               /* 日期: today */
    vt_key(vt, VT_KEY_ENTER);               /* 参训组织: the 党委 */
    vt_type(vt, "学习党章专题培训");
    vt_key(vt, VT_KEY_ENTER);
    vt_key(vt, VT_KEY_ENTER);               /* 主办单位: the 党委 */
    vt_key(vt, VT_KEY_ENTER);               /* 培训形式: 集中学习 */
    vt_type(vt, "\x15" "1.3");              /* Ctrl-U, then a third of an hour */
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "「学时」应为 0.5 的整数倍（如 1.5）：1.3");
    app_settle(vt);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM training", NULL, NULL), 0);
    vt_type(vt, "\x15" "8");                /* the cursor stayed on 学时 */
    vt_key(vt, VT_KEY_F2);

    /* its 参训名单 follows: four members, none marked yet */
    app_wait_row(vt, 1, "参训名单");
    app_wait(vt, "共 4 人  参加 0 人  每人 8 学时  合计 0 学时");
    app_settle(vt);
    unsigned long before = vt_keystrokes(vt);
    vt_type(vt, "1");                       /* 陈刚 (二都村 first by pinyin) */
    vt_type(vt, "0");                       /* 李芳 away */
    vt_type(vt, "1");                       /* 王强 */
    vt_type(vt, "1");                       /* 张明, the last row */
    app_wait(vt, "共 4 人  参加 3 人  每人 8 学时  合计 24 学时");
    assert_int_equal(vt_keystrokes(vt) - before, 4);   /* one key a member */
    vt_key(vt, VT_KEY_ENTER);               /* 张明 left after an hour and a half */
    app_wait(vt, "本人学时：");
    vt_type(vt, "1.5");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "共 4 人  参加 3 人  每人 8 学时  合计 17.5 学时");
    assert_row_has(vt, "张明", "1.5");
    assert_row_has(vt, "李芳", "未参加");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存参训名单：共 4 人  参加 3 人  每人 8 学时  合计 17.5 学时");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM training_attendee", NULL, NULL), 3);
    assert_int_equal(app_db_int(a, "SELECT round(sum(hours) * 2) FROM training_sum", NULL, NULL), 35);
    vt_key(vt, VT_KEY_F3);
    app_wait_gone(vt, "按键：1 参加");
    app_settle(vt);
    assert_row_has(vt, "学习党章专题培训", "集中学习");
    vt_key(vt, VT_KEY_F3);

    /* after: exactly the hours recorded; 陈刚 and 王强 reach 8 */
    open_ledger(vt);
    app_wait(vt, "在册 4 人  未达标 2 人");
    assert_row_has(vt, "陈刚", "8        0      8    8      0");
    assert_row_has(vt, "王强", "8        0      8    8      0");
    assert_row_has(vt, "张明", "1.5        0    1.5    8    6.5");
    assert_row_has(vt, "李芳", "0        0      0    8      8");
    app_wait(vt, "共 4 条");               /* the heading's 在册, not counted again */
    vt_key(vt, VT_KEY_TAB);                 /* only those short */
    app_wait(vt, "（只看未达标）");
    app_settle(vt);
    assert_int_equal(vt_row_of(vt, "陈刚"), -1);
    assert_int_equal(vt_row_of(vt, "王强"), -1);
    assert_row_has(vt, "张明", "6.5");
    assert_row_has(vt, "李芳", "8");
    app_wait(vt, "共 2 条");
    vt_key(vt, VT_KEY_F7);                  /* a find counts its own rows */
    app_settle(vt);
    vt_type(vt, "李芳");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "共 1 条");
    assert_int_equal(vt_row_of(vt, "张明"), -1);
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_session_moves_the_hours, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
