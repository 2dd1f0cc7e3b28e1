/* test_e2e_org.c — the organization registry driven as an operator would:
 * keys into build/dangjian-san in a pty, the screen read through libvterm,
 * the database checked afterwards (issue 2's acceptance tests). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"

#define UTF8_LOCALE "zh_CN.UTF-8"
#define GB_LOCALE "zh_CN.GB18030"

#define NEW_ORG "洪辉村第三党支部"
#define NEW_ORG_PY "hhcdsdzb"
#define PARENT "五夫村党总支"
#define TOP "中共驿亭镇委员会"

static int setup(void **state) { return app_setup(state); }
static int setup_colour(void **state) { return app_setup_colour(state); }
static int teardown(void **state) { return app_teardown(state); }

static void assert_title(struct vt *vt, const char *screen)
{
    char expected[512];
    const struct passwd *pw = getpwuid(getuid());
    snprintf(expected, sizeof expected, "党建台账 | %s | %s | %s | %s", APP_UNIT, screen,
             pw ? pw->pw_name : "", APP_TODAY);
    app_assert_row(vt, 0, expected);
}

/* The value shown after a form label ("书记：") up to the gap before the
 * next label. */
static void field_value(struct vt *vt, const char *label, char *out, size_t cap)
{
    int row = app_row_of(vt, label);
    app_text_at(vt, row, app_col_of(vt, row, label) + app_width(label), out, cap);
    char *gap = strstr(out, "  ");
    if (gap)
        *gap = 0;
}

static void assert_field(struct vt *vt, const char *label, const char *expected)
{
    char value[512];
    field_value(vt, label, value, sizeof value);
    if (strcmp(value, expected) != 0) {
        vt_dump(vt, stderr);
        fail_msg("%s shows \"%s\", expected \"%s\"", label, value, expected);
    }
}

/* Waits until the cursor stands at the end of the field `label` showing
 * `value` (the field has the focus). */
static void wait_in_field(struct vt *vt, const char *label, const char *value)
{
    char both[512];
    snprintf(both, sizeof both, "%s%s", label, value);
    app_wait(vt, both);
    app_wait_cursor_after(vt, app_row_of(vt, both), both);
}

/* The program's own words on `row` (status or message line) show no
 * question-mark stand-ins for characters it could not draw: in a GB18030
 * locale arrows and ellipses must still read as such. */
static void assert_no_stand_ins(struct vt *vt, int row)
{
    char text[1024];
    vt_row(vt, row, text, sizeof text);
    if (strstr(text, "？") || strchr(text, '?')) {
        vt_dump(vt, stderr);
        fail_msg("row %d shows a stand-in question mark: %s", row, text);
    }
}

/* Moves the grid's selection (the reverse-video row) with ↑/↓, at most
 * `limit` keys, until it stands on the row showing `name`. */
static void select_row(struct vt *vt, const char *name, int limit)
{
    int rows, cols;
    vt_size(vt, &rows, &cols);
    for (int step = 0; step <= limit; step++) {
        app_settle(vt);
        int target = vt_row_of(vt, name);
        int col = target >= 0 ? vt_col_of(vt, target, name) : 2;
        int selected = app_selected_row(vt, 2, rows - 3, col);
        if (target >= 0 && selected == target)
            return;
        vt_key(vt, target >= 0 && selected > target ? VT_KEY_UP : VT_KEY_DOWN);
    }
    vt_dump(vt, stderr);
    fail_msg("could not select %s", name);
}

/* The grid's heading row (2) gives each column's start; every data row's
 * cell in column `heading` must start there with one of `values` (or be
 * blank when blank_ok), with a blank cell before it. */
static void assert_column_aligned(struct vt *vt, int last_row, const char *heading,
                                  const char *const values[], int blank_ok)
{
    int col = app_col_of(vt, 2, heading);
    char text[1024];
    for (int r = 3; r <= last_row; r++) {
        char line[1024];
        vt_row(vt, r, line, sizeof line);
        if (!line[0])
            continue;
        if (!app_text_at(vt, r, col - 1, text, sizeof text) || (text[0] && text[0] != ' ')) {
            vt_dump(vt, stderr);
            fail_msg("row %d: no gap before column %s (%d): \"%s\"", r, heading, col, text);
        }
        int ok = app_text_at(vt, r, col, text, sizeof text) && blank_ok &&
                 (text[0] == ' ' || !text[0]);
        for (int i = 0; values[i] && !ok; i++)
            ok = strncmp(text, values[i], strlen(values[i])) == 0;
        if (!ok) {
            vt_dump(vt, stderr);
            fail_msg("row %d, column %s (%d) reads \"%s\"", r, heading, col, text);
        }
    }
}

/* Rows of the demo data, counted rather than assumed. */
static int org_count(const struct app *a)
{
    return (int)app_db_int(a, "SELECT count(*) FROM org", NULL, NULL);
}

/* The tree as it opens: the top organizations and their children. */
static int tree_rows_collapsed(const struct app *a)
{
    return (int)app_db_int(a, "SELECT count(*) FROM org WHERE parent_id IS NULL OR parent_id IN "
                              "(SELECT id FROM org WHERE parent_id IS NULL)", NULL, NULL);
}

static const char *const kinds[] = { "党委", "党总支", "党支部", "党小组", NULL };
static const char *const dates[] = { "20", NULL };

/* ---- the new-organization flow (tests 1 and 5) ----------------------- */

static void open_tree(struct vt *vt)
{
    vt_type(vt, "1");
    app_wait_row(vt, 1, "主菜单 > 组织管理");
    app_wait(vt, TOP);
    app_settle(vt);
    assert_title(vt, "组织管理");
    app_assert_row(vt, 1, "主菜单 > 组织管理");
}

/* 类型 by F4: "dzb" narrows the list to 党支部, Enter takes it and the
 * cursor moves on. */
static void choose_kind_with_f4(struct vt *vt)
{
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "选择类型");
    vt_type(vt, "dzb");
    app_wait(vt, "共 1 条");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, "选择类型");
    app_wait(vt, "类型：党支部");
}

/* 上级组织 by F4 on the prefilled field for a 党支部: the list holds only
 * 党委 and 党总支 (a 党支部 cannot hold a 党支部), so "wfc" narrows it to
 * 五夫村党总支 alone, without 五夫村's two branches; Enter takes it and the
 * cursor moves on. */
static void choose_parent_with_f4(struct vt *vt)
{
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "选择上级组织");
    app_settle(vt);
    APP_CHECK(vt, vt_row_of(vt, "党小组") < 0);
    APP_CHECK(vt, vt_row_of(vt, "联桥村党支部") < 0);
    vt_type(vt, "wfc");
    app_wait(vt, "查找：wfc");
    app_wait(vt, "共 1 条");
    app_settle(vt);
    assert_no_stand_ins(vt, 22); /* the hint: ↑↓选择 */
    APP_CHECK(vt, vt_row_of(vt, "五夫村第一党支部") < 0);
    APP_CHECK(vt, vt_row_of(vt, "五夫村第二党支部") < 0);
    select_row(vt, PARENT, 3);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, "选择上级组织");
    app_wait(vt, "上级组织：" PARENT);
}

static void enter_new_org(struct vt *vt)
{
    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "主菜单 > 组织管理 > 党组织登记表");
    app_settle(vt);
    assert_title(vt, "党组织登记表");
    assert_field(vt, "上级组织：", TOP); /* the tree's selected organization */
    wait_in_field(vt, "党组织名称：", "");

    vt_type(vt, NEW_ORG);
    vt_key(vt, VT_KEY_ENTER);
    wait_in_field(vt, "简称：", "");
    vt_key(vt, VT_KEY_ENTER);
    wait_in_field(vt, "类型：", "");
    choose_kind_with_f4(vt);
    wait_in_field(vt, "上级组织：", TOP);
    choose_parent_with_f4(vt);
    wait_in_field(vt, "类别：", "");
    vt_type(vt, "nc"); /* 农村 by its pinyin initials */
    vt_key(vt, VT_KEY_ENTER);
    wait_in_field(vt, "成立日期：", "");
    assert_field(vt, "类别：", "农村");
    vt_type(vt, "2023.5.8");
    vt_key(vt, VT_KEY_ENTER);
    wait_in_field(vt, "批准文号：", "");
    assert_field(vt, "成立日期：", "2023-05-08");
    vt_key(vt, VT_KEY_ENTER);
    wait_in_field(vt, "书记：", "");
    vt_type(vt, "李明");
    vt_key(vt, VT_KEY_ENTER);
    wait_in_field(vt, "联系电话：", "");
    vt_key(vt, VT_KEY_ENTER);
    wait_in_field(vt, "排序号：", ""); /* left empty: last among its siblings */
    vt_key(vt, VT_KEY_ENTER);
    wait_in_field(vt, "地址：", "");
    vt_key(vt, VT_KEY_ENTER);
    wait_in_field(vt, "联系领导：", "");
    vt_type(vt, "章伟青");
    vt_key(vt, VT_KEY_F2);

    /* Entry mode: the form clears for the next one, keeping 上级组织, 类型
     * and 类别, with the cursor back on the name. */
    app_wait_row(vt, 22, "已保存「" NEW_ORG "」");
    app_settle(vt);
    app_assert_row(vt, 22, "已保存「" NEW_ORG "」，可继续录入下一个组织");
    wait_in_field(vt, "党组织名称：", "");
    assert_field(vt, "上级组织：", PARENT);
    assert_field(vt, "类型：", "党支部");
    assert_field(vt, "类别：", "农村");
    assert_field(vt, "成立日期：", "");
    assert_field(vt, "书记：", "");
    assert_field(vt, "联系领导：", "");
}

/* The new branch shows in the tree under 五夫村党总支 once it is expanded. */
static void check_tree(struct vt *vt)
{
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 1, "主菜单 > 组织管理");
    app_wait_row(vt, 23, "6新增");
    app_settle(vt);
    assert_title(vt, "组织管理");
    /* Collapsed (← on 五夫村党总支) it hides the new branch, expanded (→)
     * it shows it again. */
    if (vt_row_of(vt, NEW_ORG) >= 0) {
        select_row(vt, PARENT, 20);
        vt_key(vt, VT_KEY_LEFT);
        app_wait_gone(vt, NEW_ORG);
    }
    select_row(vt, PARENT, 20);
    vt_key(vt, VT_KEY_RIGHT);
    app_wait(vt, NEW_ORG);
    app_settle(vt);
    assert_no_stand_ins(vt, 21);

    int parent_row = app_row_of(vt, PARENT);
    int parent_col = app_col_of(vt, parent_row, PARENT);
    app_assert_at(vt, parent_row, parent_col - 2, "- "); /* expanded */
    int row = app_row_of(vt, NEW_ORG);
    APP_CHECK(vt, row > parent_row);
    APP_CHECK(vt, app_col_of(vt, row, NEW_ORG) == parent_col + 2);
    /* Only 五夫村党总支's own rows between, indented under it: the new
     * branch comes last among its siblings (排序号 left empty), after
     * 五夫村第一党支部 and 五夫村第二党支部. */
    for (int r = parent_row + 1; r < row; r++)
        app_assert_at(vt, r, parent_col - 2, "  ");
    APP_CHECK(vt, app_row_of(vt, "五夫村第二党支部") < row);
    app_assert_at(vt, row, app_col_of(vt, 2, "类型"), "党支部 ");
    app_assert_at(vt, row, app_col_of(vt, 2, "类别"), "农村 ");
    app_assert_at(vt, row, app_col_of(vt, 2, "书记"), "李明");
    assert_column_aligned(vt, 20, "类型", kinds, 0);
}

/* The flat list: columns aligned on every row, then 拼音 find "hhc". */
static void check_list_and_find(struct vt *vt, int orgs)
{
    char count[64];
    snprintf(count, sizeof count, "共 %d 条", orgs);
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "1. 组织管理");
    vt_type(vt, "2");
    app_wait_row(vt, 1, "主菜单 > 组织台账");
    app_wait_row(vt, 21, count);
    app_settle(vt);
    assert_title(vt, "组织台账");
    assert_column_aligned(vt, 20, "类型", kinds, 0);
    assert_column_aligned(vt, 20, "届满日期", dates, 1);

    vt_key(vt, VT_KEY_F7);
    app_wait(vt, "拼音首字母");
    vt_type(vt, "hhc");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
    app_wait_row(vt, 21, "hhc");
    app_settle(vt);
    app_assert_at(vt, 3, app_col_of(vt, 2, "党组织名称"), NEW_ORG " ");
    app_assert_at(vt, 3, app_col_of(vt, 2, "类型"), "党支部 ");
    app_assert_at(vt, 3, app_col_of(vt, 2, "上级组织"), PARENT " ");
    app_assert_at(vt, 3, app_col_of(vt, 2, "书记"), "李明 ");
    app_assert_at(vt, 3, app_col_of(vt, 2, "联系领导"), "章伟青");
    app_assert_row(vt, 4, "");
    APP_CHECK(vt, vt_attr_reverse(vt, 3, app_col_of(vt, 3, NEW_ORG)));
}

/* Enter opens it; 书记 is corrected and saved. */
static void edit_secretary(struct vt *vt)
{
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 1, "主菜单 > 组织台账 > 党组织登记表");
    app_settle(vt);
    assert_field(vt, "党组织名称：", NEW_ORG);
    assert_field(vt, "类型：", "党支部");
    assert_field(vt, "上级组织：", PARENT);
    assert_field(vt, "类别：", "农村");
    assert_field(vt, "成立日期：", "2023-05-08");
    assert_field(vt, "书记：", "李明");
    assert_field(vt, "联系领导：", "章伟青");
    assert_field(vt, "状态：", "正常");
    for (int i = 0; i < 7; i++) /* 名称 简称 类型 上级 类别 成立日期 批准文号 */
        vt_key(vt, VT_KEY_ENTER);
    wait_in_field(vt, "书记：", "李明");
    vt_key(vt, VT_KEY_BACKSPACE);
    vt_key(vt, VT_KEY_BACKSPACE);
    wait_in_field(vt, "书记：", "");
    vt_type(vt, "王芳");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「" NEW_ORG "」");
    app_settle(vt);
    assert_field(vt, "书记：", "王芳");
}

static void check_database(const struct app *a, int orgs)
{
    char text[4096], id[32];
    int64_t org = app_db_int(a, "SELECT id FROM org WHERE name = ?1", NEW_ORG, NULL);
    assert_true(org > 0);
    snprintf(id, sizeof id, "%lld", (long long)org);
    assert_int_equal(app_db_int(a, "SELECT parent_id FROM org WHERE id = ?1", id, NULL),
                     app_db_int(a, "SELECT id FROM org WHERE name = ?1", PARENT, NULL));
    app_db_text(a, text, sizeof text,
                "SELECT kind || '|' || category || '|' || founded_on || '|' || secretary || '|' "
                "|| name_py || '|' || status || '|' || version FROM org WHERE id = ?1", id, NULL);
    assert_string_equal(text, "党支部|农村|2023-05-08|王芳|" NEW_ORG_PY "|正常|1");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM liaison WHERE org_id = ?1 AND "
                                   "person = '章伟青' AND role = '联系领导' AND to_on IS NULL",
                                id, NULL), 1);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM liaison WHERE org_id = ?1", id, NULL), 1);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM audit_log WHERE tbl = 'org' AND "
                                   "row_id = ?1 AND action = '新增'", id, NULL), 1);
    app_db_text(a, text, sizeof text, "SELECT old_json || ' => ' || new_json FROM audit_log "
                "WHERE tbl = 'org' AND row_id = ?1 AND action = '修改'", id, NULL);
    assert_non_null(strstr(text, "李明"));
    assert_non_null(strstr(text, "=> {"));
    assert_non_null(strstr(strstr(text, "=> {"), "王芳"));
    assert_int_equal(org_count(a), orgs);
}

static void add_find_edit(void **state, const char *locale)
{
    struct app *a = *state;
    int orgs = org_count(a) + 1;
    struct vt *vt = app_start(a, 24, 80, locale);
    open_tree(vt);
    enter_new_org(vt);
    check_tree(vt);
    check_list_and_find(vt, orgs);
    edit_secretary(vt);
    check_database(a, orgs);
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 1, "主菜单 > 组织台账");
    app_quit(vt);
    check_database(a, orgs); /* still there after the program closed the file */
}

/* 1 */
static void test_add_branch_find_and_edit_utf8(void **state)
{
    add_find_edit(state, UTF8_LOCALE);
}

/* 5 */
static void test_add_branch_find_and_edit_gb18030(void **state)
{
    add_find_edit(state, GB_LOCALE);
}


/* ---- 2: a date that does not exist ----------------------------------- */

static void type_field(struct vt *vt, const char *label, const char *before, const char *text,
                       const char *next_label, const char *next_before)
{
    wait_in_field(vt, label, before);
    vt_type(vt, text);
    vt_key(vt, VT_KEY_ENTER);
    wait_in_field(vt, next_label, next_before);
}

static void test_bad_date_keeps_every_typed_value(void **state)
{
    struct app *a = *state;
    int orgs = org_count(a);
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_tree(vt);
    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "主菜单 > 组织管理 > 党组织登记表");
    type_field(vt, "党组织名称：", "", "测试党支部", "简称：", "");
    type_field(vt, "简称：", "", "测支", "类型：", "");
    type_field(vt, "类型：", "", "dzb", "上级组织：", TOP);
    type_field(vt, "上级组织：", TOP, "", "类别：", "");
    type_field(vt, "类别：", "", "jg", "成立日期：", "");
    vt_type(vt, "2023-02-30");
    vt_key(vt, VT_KEY_F2);

    app_wait_row(vt, 22, "日期不存在");
    app_settle(vt);
    app_assert_row(vt, 22, "「成立日期」日期不存在（2月没有30日）");
    APP_CHECK(vt, vt_attr_reverse(vt, 22, 0)); /* an error, not a note */
    wait_in_field(vt, "成立日期：", "2023-02-30");
    APP_CHECK(vt, vt_cursor_visible(vt));
    assert_field(vt, "党组织名称：", "测试党支部");
    assert_field(vt, "简称：", "测支");
    assert_field(vt, "类型：", "党支部");
    assert_field(vt, "上级组织：", TOP);
    assert_field(vt, "类别：", "机关");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM org WHERE name = ?1", "测试党支部",
                                NULL), 0);
    assert_int_equal(org_count(a), orgs);

    /* Leaving the field by Enter is refused the same way. */
    vt_key(vt, VT_KEY_BACKSPACE);
    vt_type(vt, "1");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 22, "「成立日期」日期不存在（2月没有31日）");
    wait_in_field(vt, "成立日期：", "2023-02-31");

    /* Corrected, it saves with everything typed before the error. */
    vt_key(vt, VT_KEY_BACKSPACE);
    vt_key(vt, VT_KEY_BACKSPACE);
    type_field(vt, "成立日期：", "2023-02-", "28", "批准文号：", "");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「测试党支部」");
    app_assert_at(vt, 22, 0, "已保存");
    char text[512];
    app_db_text(a, text, sizeof text,
                "SELECT short_name || '|' || kind || '|' || category || '|' || founded_on || '|' "
                "|| parent_id FROM org WHERE name = ?1", "测试党支部", NULL);
    assert_string_equal(text, "测支|党支部|机关|2023-02-28|1");
    app_quit(vt);
}

/* ---- 3: resizing ----------------------------------------------------- */

/* The frame at rows x cols: title on row 0, breadcrumbs, the legend on the
 * last row and nowhere else, the record count just above the message line. */
static void check_frame(struct vt *vt, int rows, int cols, const char *screen,
                        const char *crumbs)
{
    int r, c;
    vt_size(vt, &r, &c);
    assert_int_equal(r, rows);
    assert_int_equal(c, cols);
    app_wait_row(vt, rows - 1, "10退出");
    app_wait_row(vt, 1, crumbs);
    app_settle(vt);
    assert_title(vt, screen);
    app_assert_row(vt, 1, crumbs);
    app_assert_at(vt, rows - 1, 0, "1帮助");
    APP_CHECK(vt, vt_row_of(vt, "1帮助") == rows - 1);
    APP_CHECK(vt, vt_row_of(vt, "党建台账") == 0);
}

static void check_tree_at(struct vt *vt, int rows, int cols, int tree_rows)
{
    char count[64];
    snprintf(count, sizeof count, "共 %d 条", tree_rows);
    check_frame(vt, rows, cols, "组织管理", "主菜单 > 组织管理");
    app_assert_at(vt, rows - 3, 0, count);
    APP_CHECK(vt, vt_row_of(vt, count) == rows - 3);
    assert_column_aligned(vt, rows - 4, "类型", kinds, 0);
    assert_column_aligned(vt, rows - 4, "届满日期", dates, 1);
    int shown = 0;
    for (int r = 3; r <= rows - 4; r++) {
        char line[1024];
        vt_row(vt, r, line, sizeof line);
        shown += line[0] != 0;
    }
    APP_CHECK(vt, shown == (rows - 6 < tree_rows ? rows - 6 : tree_rows)); /* every row used */
}

static void check_form_at(struct vt *vt, int rows, int cols, const char *name)
{
    check_frame(vt, rows, cols, "党组织登记表", "主菜单 > 组织管理 > 党组织登记表");
    assert_field(vt, "上级组织：", TOP);
    APP_CHECK(vt, vt_col_of(vt, app_row_of(vt, "上级组织："), "上级组织：") == 2);
    wait_in_field(vt, "党组织名称：", name);
    APP_CHECK(vt, vt_cursor_visible(vt));
}

static void test_resize_redraws_tree_and_form(void **state)
{
    struct app *a = *state;
    int tree_rows = tree_rows_collapsed(a);
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_tree(vt);
    check_tree_at(vt, 24, 80, tree_rows);
    vt_resize(vt, 40, 120);
    check_tree_at(vt, 40, 120, tree_rows);
    vt_resize(vt, 24, 80);
    check_tree_at(vt, 24, 80, tree_rows);

    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "主菜单 > 组织管理 > 党组织登记表");
    vt_type(vt, "扩屏党支部");
    check_form_at(vt, 24, 80, "扩屏党支部");
    vt_resize(vt, 40, 120);
    check_form_at(vt, 40, 120, "扩屏党支部");
    vt_resize(vt, 24, 80);
    check_form_at(vt, 24, 80, "扩屏党支部");
    /* Too small says so; back at 80x24 the form returns whole. */
    vt_resize(vt, 20, 60);
    app_wait(vt, "终端窗口太小");
    vt_resize(vt, 24, 80);
    check_form_at(vt, 24, 80, "扩屏党支部");

    /* Still working: finish and save the record. */
    vt_key(vt, VT_KEY_ENTER);
    type_field(vt, "简称：", "", "", "类型：", "");
    type_field(vt, "类型：", "", "dzb", "上级组织：", TOP);
    type_field(vt, "上级组织：", TOP, "", "类别：", "");
    vt_type(vt, "jg");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「扩屏党支部」");
    assert_int_equal(app_db_int(a, "SELECT parent_id FROM org WHERE name = ?1 AND "
                                   "kind = '党支部' AND category = '机关'", "扩屏党支部", NULL), 1);
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 1, "主菜单 > 组织管理");
    app_quit(vt);
}

/* ---- 4: Esc and a digit for every F-key; PuTTY's F1 ------------------ */

static void test_esc_digit_and_putty_f1(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_tree(vt);
    vt_esc_digit(vt, 6);
    app_wait_row(vt, 1, "主菜单 > 组织管理 > 党组织登记表");
    type_field(vt, "党组织名称：", "", "快捷键党支部", "简称：", "");
    type_field(vt, "简称：", "", "", "类型：", "");
    type_field(vt, "类型：", "", "dzb", "上级组织：", TOP);
    type_field(vt, "上级组织：", TOP, "", "类别：", "");
    vt_type(vt, "jg");
    vt_esc_digit(vt, 2);
    app_wait_row(vt, 22, "已保存「快捷键党支部」");
    wait_in_field(vt, "党组织名称：", "");
    char text[256];
    app_db_text(a, text, sizeof text, "SELECT kind || '|' || category || '|' || parent_id "
                "FROM org WHERE name = ?1", "快捷键党支部", NULL);
    assert_string_equal(text, "党支部|机关|1");

    vt_esc_digit(vt, 3);
    app_wait_row(vt, 0, "| 组织管理 |");
    app_wait_row(vt, 1, "主菜单 > 组织管理");
    app_settle(vt);
    app_assert_row(vt, 1, "主菜单 > 组织管理");

    vt_esc_digit(vt, 0);
    app_wait(vt, "退出系统？");
    vt_type(vt, "n");
    app_wait_gone(vt, "退出系统？");

    vt_key(vt, VT_KEY_PUTTY_F1);
    app_wait(vt, "帮助：组织管理");
    app_wait(vt, "F6：新增党组织");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, "帮助：组织管理");
    vt_esc_digit(vt, 1);
    app_wait(vt, "帮助：组织管理");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, "帮助：组织管理");

    vt_esc_digit(vt, 0);
    app_wait(vt, "退出系统？");
    vt_key(vt, VT_KEY_ENTER);
    int status = -1;
    assert_int_equal(vt_wait_exit(vt, VT_TIMEOUT_MS, &status), 1);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_false(vt_sanitizer_reported(vt));
}

/* ---- 6: keystroke economy -------------------------------------------- */

static unsigned long chars(const char *utf8)
{
    unsigned long n = 0;
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

static void test_entering_an_org_costs_text_plus_a_key_per_field(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_tree(vt);
    /* name, 简称, 类型, 上级组织, 类别, 成立日期, 批准文号, 书记 */
    static const char *const typed[] = { NEW_ORG, "", "dzb", "", "nc", "2023.5.8", "", "李明" };
    static const char *const labels[] = { "党组织名称：", "简称：", "类型：", "上级组织：",
                                          "类别：", "成立日期：", "批准文号：", "书记：" };
    const int fields = (int)(sizeof typed / sizeof typed[0]);
    unsigned long text = 0, start = vt_keystrokes(vt);

    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "主菜单 > 组织管理 > 党组织登记表");
    for (int i = 0; i < fields; i++) {
        wait_in_field(vt, labels[i], strcmp(labels[i], "上级组织：") == 0 ? TOP : "");
        vt_type(vt, typed[i]);
        text += chars(typed[i]);
        if (i < fields - 1)
            vt_key(vt, VT_KEY_ENTER);
    }
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「" NEW_ORG "」");
    /* The text, one key to leave each field but the last, F6 and F2. */
    unsigned long used = vt_keystrokes(vt) - start;
    if (used > text + (unsigned long)(fields - 1) + 2)
        fail_msg("%lu keys for %lu characters in %d fields", used, text, fields);

    /* The next one in entry mode: only its name, as 类型, 类别 and 上级组织
     * carry over. */
    start = vt_keystrokes(vt);
    wait_in_field(vt, "党组织名称：", "");
    vt_type(vt, "洪辉村第四党支部");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「洪辉村第四党支部」");
    assert_int_equal(vt_keystrokes(vt) - start, chars("洪辉村第四党支部") + 1);

    char row[512];
    app_db_text(a, row, sizeof row, "SELECT kind || '|' || category || '|' || parent_id || '|' "
                "|| founded_on || '|' || secretary FROM org WHERE name = ?1", NEW_ORG, NULL);
    assert_string_equal(row, "党支部|农村|1|2023-05-08|李明");
    app_db_text(a, row, sizeof row, "SELECT kind || '|' || category || '|' || parent_id || '|' "
                "|| coalesce(founded_on, '') || '|' || coalesce(secretary, '') FROM org "
                "WHERE name = ?1", "洪辉村第四党支部", NULL);
    assert_string_equal(row, "党支部|农村|1||");
    app_quit(vt);
}

/* ---- the ledger's order ---------------------------------------------- */

/* The 组织台账 lists the tree: each 党总支 before its 党支部, each 党支部
 * before its 党小组, 第一 before 第二 (issue 19: it sorted by initials, so
 * 第二 came first and a branch after its own groups).  Each name's row. */
static void test_ledger_is_in_tree_order(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 40, 120, UTF8_LOCALE);
    vt_type(vt, "2");
    app_wait_row(vt, 1, "主菜单 > 组织台账");
    app_wait(vt, "共 ");
    app_settle(vt);
    static const char *const order[] = {
        TOP, "五夫村党总支", "五夫村第一党支部", "五夫村第一党支部第一党小组",
        "五夫村第一党支部第二党小组", "五夫村第二党支部", "五夫村第二党支部第一党小组",
    };
    int last = 2;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        int row = app_row_of(vt, order[i]);
        if (row <= last) {
            vt_dump(vt, stderr);
            fail_msg("「%s」 on row %d, not after row %d", order[i], row, last);
        }
        last = row;
    }
    /* The tree order is the first row at once, not at the end of a sort. */
    app_assert_at(vt, 3, app_col_of(vt, 2, "党组织名称"), TOP);
    vt_key(vt, VT_KEY_END);
    app_wait_row(vt, 37, "第 ");
    app_quit(vt);
}

/* ---- 7: leaving the program ------------------------------------------ */

static void test_f10_enter_quits_cleanly(void **state)
{
    struct app *a = *state;
    char last[64];
    snprintf(last, sizeof last, "第 %d 条", org_count(a));
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_tree(vt);
    vt_type(vt, "*"); /* expand all, then walk the whole tree */
    app_wait(vt, "第二党小组");
    vt_key(vt, VT_KEY_PGDN);
    vt_key(vt, VT_KEY_END);
    app_wait_row(vt, 21, last);
    vt_key(vt, VT_KEY_HOME);
    app_wait_row(vt, 21, "第 1 条");

    vt_key(vt, VT_KEY_F10);
    app_wait(vt, "退出系统？");
    vt_type(vt, "n"); /* 否: nothing happens */
    app_wait_gone(vt, "退出系统？");
    app_assert_row(vt, 1, "主菜单 > 组织管理");

    vt_key(vt, VT_KEY_F10);
    app_wait(vt, "退出系统？");
    vt_key(vt, VT_KEY_ENTER);
    int status = -1;
    if (!vt_wait_exit(vt, VT_TIMEOUT_MS, &status)) {
        vt_dump(vt, stderr);
        fail_msg("still running after F10, Enter");
    }
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_false(vt_sanitizer_reported(vt));
    /* The terminal is handed back: the program's screen is gone. */
    APP_CHECK(vt, vt_row_of(vt, "党建台账") == -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_branch_find_and_edit_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_branch_find_and_edit_gb18030, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_date_keeps_every_typed_value, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resize_redraws_tree_and_form, setup_colour, teardown),
        cmocka_unit_test_setup_teardown(test_esc_digit_and_putty_f1, setup_colour, teardown),
        cmocka_unit_test_setup_teardown(test_entering_an_org_costs_text_plus_a_key_per_field,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_f10_enter_quits_cleanly, setup_colour, teardown),
        cmocka_unit_test_setup_teardown(test_ledger_is_in_tree_order, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
