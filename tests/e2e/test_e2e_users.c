/* test_e2e_users.c — operators and the audit log as an administrator meets
 * them: 用户管理 and 操作日志 on the main menu for admins only, an operator
 * registered through the form, the log filtered, read and exported, a login
 * that is not configured refused before anything is shown, and the
 * administrator's commands (user, backup, restore). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"

#define LOCALE "zh_CN.UTF-8"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static const char *me(void)
{
    const struct passwd *pw = getpwuid(getuid());
    return pw ? pw->pw_name : "";
}

/* `dangjian --config <ini> args…` outside the pty; stdout and stderr in out.
 * Returns the exit status. */
static int cli(struct app *a, char *out, size_t cap, const char *const args[])
{
    char *argv[16] = { APP_PROGRAM, "--config", a->ini };
    int n = 3;
    for (int i = 0; args[i] && n < 15; i++)
        argv[n++] = (char *)args[i];
    argv[n] = NULL;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        setenv("DJ_TODAY", APP_TODAY, 1);
        setenv("LANG", "C.UTF-8", 1);
        execv(APP_PROGRAM, argv);
        _exit(127);
    }
    close(fds[1]);
    size_t got = 0;
    ssize_t r;
    while (got + 1 < cap && (r = read(fds[0], out + got, cap - 1 - got)) > 0)
        got += (size_t)r;
    out[got] = 0;
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void cli_ok(struct app *a, const char *expect, const char *const args[])
{
    char out[4096];
    int rc = cli(a, out, sizeof out, args);
    if (rc != 0 || !strstr(out, expect))
        fail_msg("dangjian %s %s: status %d, output:\n%s", args[0], args[1] ? args[1] : "", rc, out);
}

static void admins_register_an_operator_through_the_form(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, LOCALE);
    app_wait(vt, "y. 用户管理");              /* nobody configured: the local user is admin */
    app_wait(vt, "r. 操作日志");
    vt_type(vt, "y");
    app_wait(vt, "暂无操作员");
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "登录名：");
    app_settle(vt);
    vt_type(vt, "zhangsan");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "张三");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_cursor_after(vt, app_row_of(vt, "角色："), "角色：操作员");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "五夫村党总支");
    vt_key(vt, VT_KEY_ENTER);                 /* the last field: Enter saves */
    char msg[256];
    snprintf(msg, sizeof msg, "原来没有操作员，已先把您（%s）登记为管理员", me());
    app_wait_row(vt, 22, msg);
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 2, "修改时间");         /* back in the list */
    app_wait(vt, "张三");
    app_settle(vt);
    int role = app_col_of(vt, 2, "角色"), theirs = app_row_of(vt, "zhangsan");
    int mine = theirs == 3 ? 4 : 3;          /* sorted by login */
    app_assert_at(vt, theirs, role, "操作员");
    app_assert_at(vt, theirs, app_col_of(vt, 2, "管辖范围"), "五夫村党总支");
    app_assert_at(vt, mine, 1, me());
    app_assert_at(vt, mine, role, "管理员");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM app_user u JOIN org o ON o.id = u.org_id"
                                   " WHERE u.login = ?1 AND u.role = 'operator' AND"
                                   " u.display_name = '张三' AND o.name = '五夫村党总支'",
                                "zhangsan", NULL), 1);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM app_user WHERE login = ?1 AND role = 'admin'",
                                me(), NULL), 1);
    app_quit(vt);
}

static void the_log_is_read_filtered_and_exported(void **state)
{
    struct app *a = *state;
    const char *const add[] = { "user", "add", "lisi", "--role", "viewer", "--name", "李四", NULL };
    cli_ok(a, "已添加操作员 lisi", add);
    struct vt *vt = app_start(a, 24, 80, LOCALE);
    vt_type(vt, "r");
    app_wait(vt, "全部记录（F4 筛选，F7 查找）");
    app_wait(vt, "操作       改动");
    app_wait(vt, "李四");
    app_settle(vt);
    int top = app_row_of(vt, "操作       改动") + 1;
    app_assert_at(vt, top, app_col_of(vt, top - 1, "记录"), "李四");   /* newest first */
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "操作日志第");
    app_wait(vt, "对象：操作员");
    app_wait(vt, "记录：李四（lisi）#");
    app_wait(vt, "登录名：lisi");
    app_wait(vt, "角色：只读");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, "登录名：lisi");
    vt_key(vt, VT_KEY_F4);                    /* filter by a person who did nothing */
    app_wait(vt, "操作员：");
    app_settle(vt);
    vt_type(vt, "nobody");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "筛选：操作员 nobody");
    app_wait(vt, "暂无操作记录");
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "清除筛选");
    vt_type(vt, "3");
    app_wait(vt, "全部记录（F4 筛选，F7 查找）");
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "导出当前列表（xlsx/CSV）");
    vt_type(vt, "4");
    app_wait(vt, "文件名：");
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/log.csv", a->dir);
    vt_send(vt, "\x15", 1);
    vt_type(vt, path);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "条操作记录到");
    struct stat st, again;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 100);
    assert_int_equal(st.st_mode & 0777, 0600);   /* personal data: the operator's alone */
    /* the same name again: asked, and replaced only on 是 */
    for (int answer = 0; answer < 2; answer++) {
        vt_key(vt, VT_KEY_F9);
        app_wait(vt, "导出当前列表（xlsx/CSV）");
        vt_type(vt, "4");
        app_wait(vt, "文件名：");
        vt_send(vt, "\x15", 1);
        vt_type(vt, path);
        vt_key(vt, VT_KEY_ENTER);
        app_wait(vt, "文件已存在，是否覆盖？");
        vt_type(vt, answer ? "y" : "n");
        app_wait_gone(vt, "文件已存在，是否覆盖？");
        if (answer)
            app_wait(vt, "条操作记录到");
        app_settle(vt);
        assert_int_equal(stat(path, &again), 0);
        assert_true(answer ? again.st_ino != st.st_ino : again.st_ino == st.st_ino);
    }
    /* a planted symlink is refused, and what it points at stays as it was */
    char link[PATH_MAX + 16];
    snprintf(link, sizeof link, "%s/link.csv", a->dir);
    assert_int_equal(symlink(path, link), 0);
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "导出当前列表（xlsx/CSV）");
    vt_type(vt, "4");
    app_wait(vt, "文件名：");
    vt_send(vt, "\x15", 1);
    vt_type(vt, link);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "是符号链接");
    struct stat after;
    assert_int_equal(stat(path, &after), 0);
    assert_int_equal(after.st_ino, again.st_ino);
    assert_int_equal(after.st_mtime, again.st_mtime);
    app_quit(vt);
}

/* At 80x24 an auditor reads 发展党员 entries whole: 对象 and the short
 * operation word uncut, the person named with the branch, every field by
 * its form label (the log holds 发展党员's column names). */
static void the_log_reads_in_chinese_at_80_columns(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, LOCALE);
    vt_type(vt, "r");
    app_wait(vt, "全部记录（F4 筛选，F7 查找）");
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "操作员：");
    app_settle(vt);
    vt_key(vt, VT_KEY_TAB);
    vt_type(vt, "发展党员");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "筛选：对象 发展党员");
    app_wait(vt, " 发展党员 ");
    app_wait(vt, "定积极分子");
    app_wait(vt, "接收预备");
    app_settle(vt);
    int top = app_row_of(vt, "操作       改动") + 1;
    char cell[64];
    app_text_at(vt, top, app_col_of(vt, top - 1, "记录"), cell, sizeof cell);
    if (!strstr(cell, "（"))
        fail_msg("the record is not named with its branch: %s", cell);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "操作日志第");
    app_wait(vt, "阶段：");
    app_wait(vt, "党支部）#");
    assert_int_equal(vt_row_of(vt, "stage"), -1);
    assert_int_equal(vt_row_of(vt, "_on"), -1);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, "操作日志第");
    app_quit(vt);
}

static void operators_see_no_admin_screens(void **state)
{
    struct app *a = *state;
    const char *const boss[] = { "user", "add", "boss", "--role", "admin", NULL };
    cli_ok(a, "已先把您", boss);
    const char *const demote[] = { "user", "set", me(), "--role", "operator", "--org",
                                   "五夫村党总支", "--name", "王操作", NULL };
    cli_ok(a, "已修改操作员", demote);
    struct vt *vt = app_start(a, 24, 80, LOCALE);
    app_wait_row(vt, 0, "王操作");
    app_settle(vt);
    assert_int_equal(vt_row_of(vt, "用户管理"), -1);
    assert_int_equal(vt_row_of(vt, "操作日志"), -1);
    vt_type(vt, "y");
    app_settle(vt);
    app_wait(vt, "1. 组织管理");            /* still the main menu */
    app_quit(vt);
    char out[2048];
    const char *const list[] = { "user", "list", NULL };
    assert_int_equal(cli(a, out, sizeof out, list), 1);
    assert_non_null(strstr(out, "只有管理员才能管理操作员"));
    const char *const backup[] = { "backup", "x.db", NULL };
    assert_int_equal(cli(a, out, sizeof out, backup), 1);
    assert_non_null(strstr(out, "只有管理员才能备份数据库"));
}

static void a_login_not_configured_sees_nothing(void **state)
{
    struct app *a = *state;
    const char *const boss[] = { "user", "add", "boss", "--role", "admin", NULL };
    cli_ok(a, "已添加操作员 boss", boss);
    const char *const del[] = { "user", "del", me(), NULL };
    cli_ok(a, "已删除操作员", del);
    static char today[] = "DJ_TODAY=" APP_TODAY;
    char *argv[] = { APP_PROGRAM, "--config", a->ini, NULL };
    char *env[] = { today, NULL };
    struct vt *vt = a->vt = vt_spawn(24, 80, LOCALE, argv, env);
    assert_non_null(vt);
    char msg[256];
    snprintf(msg, sizeof msg, "系统用户 %s 不是本系统的操作员", me());
    app_wait(vt, msg);
    int status = -1;
    assert_int_equal(vt_wait_exit(vt, VT_TIMEOUT_MS, &status), 1);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    assert_int_equal(vt_row_of(vt, "组织管理"), -1);
    assert_int_equal(vt_row_of(vt, "党建台账"), -1);
}

static void backup_and_restore_from_the_command_line(void **state)
{
    struct app *a = *state;
    char backup[PATH_MAX + 16], out[4096];
    snprintf(backup, sizeof backup, "%s/nightly.db", a->dir);
    const char *const save[] = { "backup", backup, NULL };
    cli_ok(a, "已备份到", save);
    int64_t orgs = app_db_int(a, "SELECT count(*) FROM org", NULL, NULL);
    const char *const add[] = { "user", "add", "zhangsan", "--role", "operator", NULL };
    cli_ok(a, "已添加操作员 zhangsan", add);
    const char *const restore[] = { "restore", backup, NULL };
    cli_ok(a, "恢复前的数据另存为", restore);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM app_user", NULL, NULL), 0);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM org", NULL, NULL), orgs);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM audit_log WHERE action = '恢复'", NULL,
                                NULL), 1);
    const char *const check[] = { "check", NULL };
    int rc = cli(a, out, sizeof out, check);
    assert_null(strstr(out, "完整性检查："));
    assert_null(strstr(out, "外键检查："));
    (void)rc;   /* the demo's reminders may count; integrity and keys must not */
    const char *const bad[] = { "restore", a->ini, NULL };
    assert_int_equal(cli(a, out, sizeof out, bad), 1);
    assert_non_null(strstr(out, "不是党建台账数据库的备份"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(admins_register_an_operator_through_the_form, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_log_is_read_filtered_and_exported, setup, teardown),
        cmocka_unit_test_setup_teardown(the_log_reads_in_chinese_at_80_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(operators_see_no_admin_screens, setup, teardown),
        cmocka_unit_test_setup_teardown(a_login_not_configured_sees_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(backup_and_restore_from_the_command_line, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
