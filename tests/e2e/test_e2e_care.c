/* test_e2e_care.c — 关怀帮扶 at 80x24, as an office keeps it: 3 党员管理 a
 * 关怀帮扶 1 关怀对象, F6 registers a member 因病; 3 本年未慰问 names him (and
 * the demo's 老党员 not visited at this year's 春节, while those who were
 * are absent); Enter there records a visit with 200.5 元 and he leaves the
 * list.  5 春节慰问名单 lists who is on the register on the next 春节
 * (2027-02-06): him with the 因病 amount, not the member the demo moved off;
 * F9 exports it as CSV and the file holds exactly those rows.  And F9 on
 * 关怀对象 lists the 老党员 the rule takes in, all at once. */
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

#define UTF8_LOCALE "zh_CN.UTF-8"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* A member in good standing, not on the register, whose name no one else
 * has (so typing it names him). */
static void pick_member(struct app *a, char *name, size_t cap)
{
    app_db_text(a, name, cap, "SELECT m.name FROM member m WHERE m.status = '正常'"
                " AND birth_date > '1970-01-01'"
                " AND NOT EXISTS (SELECT 1 FROM care_case c WHERE c.member_id = m.id)"
                " AND (SELECT count(*) FROM member x WHERE x.name = m.name) = 1"
                " ORDER BY m.id DESC LIMIT 1", NULL, NULL);
    assert_true(strlen(name) > 0);
}

static void open_care(struct vt *vt)
{
    app_wait(vt, "3. 党员管理");
    vt_type(vt, "3");
    app_wait(vt, "a. 关怀帮扶");
    vt_type(vt, "a");
    app_wait(vt, "5. 春节慰问名单");
}

static void register_visit_and_list(void **state)
{
    struct app *a = *state;
    char name[64], visited[64], unvisited[64];
    pick_member(a, name, sizeof name);
    /* the demo: 春节 visits to some of its 老党员, none to others */
    app_db_text(a, visited, sizeof visited, "SELECT m.name FROM care_visit v JOIN member m"
                " ON m.id = v.member_id JOIN care_case c ON c.member_id = m.id"
                " WHERE c.category = '老党员' ORDER BY v.id LIMIT 1", NULL, NULL);
    app_db_text(a, unvisited, sizeof unvisited, "SELECT m.name FROM care_case c JOIN member m"
                " ON m.id = c.member_id WHERE c.left_on IS NULL AND NOT EXISTS (SELECT 1"
                " FROM care_visit v WHERE v.member_id = m.id) ORDER BY c.id LIMIT 1", NULL, NULL);
    assert_true(*visited && *unvisited);

    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_care(vt);
    vt_type(vt, "1");
    app_wait_row(vt, 2, "关怀对象（在册的在前）");
    app_wait(vt, "-01-20 移出");
    app_settle(vt);
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新增关怀对象");
    app_wait(vt, "列入日期：2026-11-21");
    app_settle(vt);
    vt_type(vt, name);
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "因病");
    vt_key(vt, VT_KEY_ENTER);
    vt_key(vt, VT_KEY_ENTER);              /* 列入日期: today */
    vt_type(vt, "肝癌术后化疗");
    vt_key(vt, VT_KEY_F2);
    char saved[160];
    snprintf(saved, sizeof saved, "已保存 %s（因病，2026-11-21 列入）", name);
    app_wait_row(vt, 22, saved);
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "共 9 条");               /* the demo's eight and him */
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "5. 春节慰问名单");

    vt_type(vt, "3");
    app_wait_row(vt, 2, "2026 年未慰问的关怀对象");
    app_wait(vt, name);
    app_wait(vt, unvisited);
    app_settle(vt);
    APP_CHECK(vt, vt_row_of(vt, visited) == -1);
    vt_key(vt, VT_KEY_F7);
    app_wait(vt, "查找");
    vt_type(vt, name);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "共 1 条");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "新增慰问");
    app_wait(vt, name);
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);              /* 慰问日期: today */
    vt_type(vt, "日常");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "洪辉");
    vt_key(vt, VT_KEY_ENTER);
    vt_key(vt, VT_KEY_ENTER);
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "200.5");
    vt_key(vt, VT_KEY_F2);
    snprintf(saved, sizeof saved, "已保存 2026-11-21 日常 慰问 %s 200.50", name);
    app_wait_row(vt, 22, saved);
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "2026 年未慰问的关怀对象");
    snprintf(saved, sizeof saved, "没有找到与「%s」相符的记录", name);
    app_wait_row(vt, 4, saved);            /* the find kept, and he is gone */
    app_wait_row(vt, 21, "共 0 条");
    vt_key(vt, VT_KEY_F7);
    app_wait(vt, "查找");
    vt_send(vt, "\x15", 1);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, unvisited);
    app_settle(vt);
    APP_CHECK(vt, vt_row_of(vt, name) == -1);
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "5. 春节慰问名单");

    vt_type(vt, "5");
    app_wait_row(vt, 2, "2027 年春节慰问名单（2027-02-06 在册）");
    app_wait(vt, "共 8 条");               /* nine entries, one moved off */
    app_wait(vt, name);
    app_settle(vt);
    int row = app_row_of(vt, name);
    APP_CHECK(vt, app_col_of(vt, row, "1000.00") > app_col_of(vt, row, "因病"));
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "导出名单");
    vt_type(vt, "1");
    app_wait(vt, "文件名：");
    app_wait(vt, "春节慰问名单-20261121.xlsx");
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/春节.csv", a->dir);
    vt_send(vt, "\x15", 1);                /* Ctrl-U clears the proposed name */
    vt_type(vt, path);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "已导出 8 名关怀对象到");
    app_quit(vt);

    assert_int_equal(app_db_int(a, "SELECT money_fen FROM care_visit v JOIN member m"
                                " ON m.id = v.member_id WHERE m.name = ?1", name, NULL), 20050);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM audit_log WHERE tbl = 'care_visit'"
                                " AND action = '新增'", NULL, NULL), 5);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024], left[64];
    app_db_text(a, left, sizeof left, "SELECT m.name FROM care_case c JOIN member m"
                " ON m.id = c.member_id WHERE c.left_on IS NOT NULL", NULL, NULL);
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(strstr(line, "拟慰问金（元）"));
    assert_non_null(strstr(line, "签收"));
    int rows = 0, his = 0;
    while (fgets(line, sizeof line, f)) {
        rows++;
        assert_null(strstr(line, left));
        if (strstr(line, name)) {
            his++;
            assert_non_null(strstr(line, ",\"因病\","));
            assert_non_null(strstr(line, ",\"1000.00\","));
            assert_non_null(strstr(line, ",\"2026-11-21\","));   /* his visit: the last one */
        }
    }
    fclose(f);
    assert_int_equal(rows, 8);
    assert_int_equal(his, 1);
}

/* F9 → 按规则列入老党员 on 关怀对象: the confirmation names how many, yes
 * lists them all today, and a second time there is no one left. */
static void old_members_by_the_rule(void **state)
{
    struct app *a = *state;
    int64_t before = app_db_int(a, "SELECT count(*) FROM care_case WHERE category = '老党员'",
                                NULL, NULL);
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_care(vt);
    vt_type(vt, "1");
    app_wait(vt, "共 8 条");
    app_settle(vt);
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "1. 按规则列入老党员");
    vt_type(vt, "1");
    app_wait(vt, "名党员符合老党员条件而未列入");
    app_wait(vt, "全部列入（列入日期 2026-11-21）？");
    char text[1024];
    int row = app_row_of(vt, "名党员符合老党员条件而未列入");
    vt_row(vt, row, text, sizeof text);
    const char *at = text;             /* "│  39 名党员符合…": the first number */
    while (*at && (*at < '0' || *at > '9'))
        at++;
    long n = strtol(at, NULL, 10);
    APP_CHECK(vt, n > 0);
    vt_type(vt, "y");
    char done[64];
    snprintf(done, sizeof done, "已列入 %ld 名老党员", n);
    app_wait_row(vt, 22, done);
    snprintf(done, sizeof done, "共 %ld 条", 8 + n);
    app_wait(vt, done);
    app_settle(vt);
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "1. 按规则列入老党员");
    vt_type(vt, "1");
    app_wait_row(vt, 22, "没有符合老党员条件而未列入的党员");
    app_quit(vt);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM care_case WHERE category = '老党员'",
                                NULL, NULL), before + n);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM care_case WHERE category = '老党员'"
                                " AND listed_on = '2026-11-21' AND reason IN ('年满80周岁', '党龄满50年')",
                                NULL, NULL), n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(register_visit_and_list, setup, teardown),
        cmocka_unit_test_setup_teardown(old_members_by_the_rule, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
