/* test_e2e_conflict.c — two operators in two terminals on one record: the
 * second save is told someone else changed it, sees what they changed
 * field by field, and loses nothing typed (merge, keep, or take theirs).
 * And a save through the real form when the disk refuses the write: a
 * Chinese message, the file intact, the typing still in the form, and the
 * same save going through once there is room again. */
#define _GNU_SOURCE   /* prlimit: give the running program its disk room back */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "app.h"

#define LOCALE "zh_CN.UTF-8"
#define ORG "联桥村党支部"
#define NEW_SECRETARY "王新民"
#define NEW_ADDRESS "联桥村村委会二楼"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* A second operator's program on the same database. */
static struct vt *start_second(struct app *a)
{
    static char today[] = "DJ_TODAY=" APP_TODAY;
    char *argv[] = { APP_PROGRAM, "--config", a->ini, NULL };
    char *env[] = { today, NULL };
    struct vt *vt = vt_spawn(24, 80, LOCALE, argv, env);
    assert_non_null(vt);
    app_wait(vt, "1. 组织管理");
    app_settle(vt);
    return vt;
}

/* 组织台账, F7 the name, Enter: the organization's form. */
static void open_org(struct vt *vt)
{
    vt_type(vt, "2");
    app_wait(vt, "届满日期");
    app_settle(vt);
    vt_key(vt, VT_KEY_F7);
    app_wait(vt, "查找");
    vt_type(vt, ORG);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "共 1 条");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "党组织名称：" ORG);
    app_settle(vt);
}

/* Down `downs` fields from the first, then waits for the cursor at the end
 * of "label value". */
static void go_to_field(struct vt *vt, int downs, const char *label, const char *value)
{
    for (int i = 0; i < downs; i++)
        vt_key(vt, VT_KEY_DOWN);
    char both[512];
    snprintf(both, sizeof both, "%s%s", label, value);
    app_wait_cursor_after(vt, app_row_of(vt, label), both);
}

static void replace_field(struct vt *vt, const char *label, const char *text)
{
    vt_send(vt, "\x15", 1);   /* Ctrl-U clears the field */
    vt_type(vt, text);
    char both[256];
    snprintf(both, sizeof both, "%s%s", label, text);
    app_wait_cursor_after(vt, app_row_of(vt, label), both);
}

static void db_text(struct app *a, const char *column, char *out, size_t cap)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT coalesce(%s, '') FROM org WHERE name = ?1", column);
    app_db_text(a, out, cap, sql, ORG, NULL);
}

/* The first operator changes 书记 and saves; the second, on the same
 * record opened before, changes 地址 and saves. */
static struct vt *collide(struct app *a, char *old_secretary, size_t cap)
{
    db_text(a, "secretary", old_secretary, cap);
    char address[256];
    db_text(a, "address", address, sizeof address);
    struct vt *first = app_start(a, 24, 80, LOCALE);
    struct vt *second = start_second(a);
    open_org(first);
    open_org(second);
    go_to_field(first, 7, "书记：", old_secretary);
    replace_field(first, "书记：", NEW_SECRETARY);
    vt_key(first, VT_KEY_F2);
    app_wait(first, "已保存「" ORG "」");
    go_to_field(second, 10, "地址：", address);   /* past 联系电话 and 排序号 */
    replace_field(second, "地址：", NEW_ADDRESS);
    vt_key(second, VT_KEY_F2);
    app_wait(second, "此记录已被他人修改");
    return second;
}

static void the_second_sees_the_change_and_keeps_its_own(void **state)
{
    struct app *a = *state;
    char old[128], line[512];
    int64_t version = app_db_int(a, "SELECT version FROM org WHERE name = ?1", ORG, NULL);
    struct vt *second = collide(a, old, sizeof old);
    const struct passwd *pw = getpwuid(getuid());
    snprintf(line, sizeof line, "%s 于 ", pw->pw_name);
    app_wait(second, line);                       /* who changed it (the audit log) */
    app_wait(second, "对方的改动：");
    snprintf(line, sizeof line, "书记：%s → " NEW_SECRETARY, *old ? old : "（空）");
    app_wait(second, line);
    app_wait(second, "您的改动：");
    app_wait(second, "地址：");
    app_wait(second, "→ " NEW_ADDRESS);
    vt_key(second, VT_KEY_ENTER);
    app_wait(second, "如何处理您的修改？");
    app_wait(second, "重新读取，保留我的改动（推荐）");
    vt_key(second, VT_KEY_ENTER);
    app_wait(second, "已读取最新内容并保留您的改动");
    app_wait(second, "书记：" NEW_SECRETARY);     /* theirs … */
    app_wait(second, "地址：" NEW_ADDRESS);       /* … and mine */
    vt_key(second, VT_KEY_F2);
    app_wait(second, "已保存「" ORG "」");
    char v[256];
    db_text(a, "secretary", v, sizeof v);
    assert_string_equal(v, NEW_SECRETARY);
    db_text(a, "address", v, sizeof v);
    assert_string_equal(v, NEW_ADDRESS);
    assert_int_equal(app_db_int(a, "SELECT version FROM org WHERE name = ?1", ORG, NULL), version + 2);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM audit_log a JOIN org o ON o.id = a.row_id"
                                   " WHERE a.tbl = 'org' AND o.name = ?1 AND a.action = '修改'",
                                ORG, NULL), 2);
    app_quit(second);
    vt_free(second);
    app_quit(a->vt);
}

static void the_second_may_keep_typing_or_take_theirs(void **state)
{
    struct app *a = *state;
    char old[128], v[256];
    struct vt *second = collide(a, old, sizeof old);
    vt_key(second, VT_KEY_ENTER);
    app_wait(second, "如何处理您的修改？");
    vt_key(second, VT_KEY_ESC);                  /* not now */
    app_wait(second, "尚未保存；您输入的内容仍在表中");
    app_wait(second, "地址：" NEW_ADDRESS);
    db_text(a, "address", v, sizeof v);
    assert_string_not_equal(v, NEW_ADDRESS);
    vt_key(second, VT_KEY_F2);                   /* still their newer version: asked again */
    app_wait(second, "此记录已被他人修改");
    vt_key(second, VT_KEY_ENTER);
    app_wait(second, "如何处理您的修改？");
    vt_type(second, "2");                        /* 重新读取，放弃我的改动 */
    app_wait(second, "您的改动已放弃");
    app_wait(second, "书记：" NEW_SECRETARY);
    app_wait_gone(second, NEW_ADDRESS);
    db_text(a, "secretary", v, sizeof v);
    assert_string_equal(v, NEW_SECRETARY);
    app_quit(second);
    vt_free(second);
    app_quit(a->vt);
}

static void a_refused_write_keeps_the_form(void **state)
{
    struct app *a = *state;
    char old[128], cmd[PATH_MAX + 128];
    db_text(a, "secretary", old, sizeof old);
    /* Another connection keeps the shared-memory index and the WAL in place
     * at their full size, so the limit below bites only on new writes. */
    sqlite3 *keep;
    assert_int_equal(sqlite3_open(a->db, &keep), SQLITE_OK);
    assert_int_equal(sqlite3_exec(keep, "SELECT count(*) FROM org", NULL, NULL, NULL), SQLITE_OK);
    /* The WAL may grow to 24 blocks of 512 bytes: the program's start-up
     * write fits, a save of a record does not (the write fails, EFBIG). */
    snprintf(cmd, sizeof cmd, "trap '' XFSZ; ulimit -S -f 24; exec %s --config %s", APP_PROGRAM, a->ini);
    static char today[] = "DJ_TODAY=" APP_TODAY;
    char *argv[] = { "/bin/sh", "-c", cmd, NULL };
    char *env[] = { today, NULL };
    struct vt *vt = a->vt = vt_spawn(24, 80, LOCALE, argv, env);
    assert_non_null(vt);
    app_wait(vt, "1. 组织管理");
    app_settle(vt);
    open_org(vt);
    go_to_field(vt, 7, "书记：", old);
    replace_field(vt, "书记：", NEW_SECRETARY);
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "读写数据库文件出错");
    app_wait(vt, "书记：" NEW_SECRETARY);    /* the typing is still there */
    char v[256];
    db_text(a, "secretary", v, sizeof v);
    assert_string_equal(v, old);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM pragma_integrity_check"
                                   " WHERE integrity_check <> 'ok'", NULL, NULL), 0);
    /* Room again (the soft limit lifted): the same F2 saves what was typed. */
    struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
    assert_int_equal(prlimit(vt_pid(vt), RLIMIT_FSIZE, &unlimited, NULL), 0);
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存「" ORG "」");
    db_text(a, "secretary", v, sizeof v);
    assert_string_equal(v, NEW_SECRETARY);
    app_quit(vt);
    sqlite3_close(keep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_second_sees_the_change_and_keeps_its_own, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_second_may_keep_typing_or_take_theirs, setup, teardown),
        cmocka_unit_test_setup_teardown(a_refused_write_keeps_the_form, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
