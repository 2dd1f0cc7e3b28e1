/* test_e2e_scope.c — an operator scoped to one 党总支 (issue 18, items 8
 * and 9): the 党员台账's header counts the members of the scope, as the list
 * below it does, and F5 reads both again after another process (an import)
 * added a member; the operator edits the scope's own organization. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"

#define LOCALE "zh_CN.UTF-8"
#define SCOPE "五夫村党总支"
/* Active members of the 党总支 and its branches. */
#define IN_SCOPE "SELECT count(*) FROM member m WHERE m.status = '正常' AND m.org_id IN" \
    " (WITH RECURSIVE sub(id) AS (SELECT id FROM org WHERE name = ?1 UNION ALL" \
    " SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* `dangjian --config <ini> args…` as another process; fails the test with
 * its output unless it exits 0. */
static void cli_ok(const struct app *a, const char *const args[])
{
    char log[PATH_MAX + 16], out[4096];
    snprintf(log, sizeof log, "%s/cli.log", a->dir);
    char *argv[16] = { APP_PROGRAM, "--config", (char *)a->ini };
    int n = 3;
    for (int i = 0; args[i] && n < 15; i++)
        argv[n++] = (char *)args[i];
    argv[n] = NULL;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 1);
        dup2(fd, 2);
        setenv("DJ_TODAY", APP_TODAY, 1);
        setenv("LC_ALL", "C.UTF-8", 1);
        execv(APP_PROGRAM, argv);
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    FILE *f = fopen(log, "r");
    assert_non_null(f);
    size_t got = fread(out, 1, sizeof out - 1, f);
    out[got] = 0;
    fclose(f);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("dangjian %s %s: status %d\n%s", args[0], args[1] ? args[1] : "", status, out);
}

/* This Unix user becomes an operator scoped to SCOPE (an administrator is
 * registered first, so the database keeps one). */
static void scope_me(const struct app *a)
{
    const struct passwd *pw = getpwuid(getuid());
    assert_non_null(pw);
    const char *const boss[] = { "user", "add", "dj-test-admin", "--role", "admin", NULL };
    cli_ok(a, boss);
    const char *const me[] = { "user", "set", pw->pw_name, "--role", "operator", "--org", SCOPE,
                               NULL };
    cli_ok(a, me);
}

static void expect_header(struct vt *vt, long n)
{
    char want[64];
    snprintf(want, sizeof want, "在册党员 %ld 人", n);
    app_wait_row(vt, 2, want);
}

static void header_counts_the_scope_and_f5_reads_it_again(void **state)
{
    struct app *a = *state;
    scope_me(a);
    long mine = app_db_int(a, IN_SCOPE, SCOPE, NULL);
    long all = app_db_int(a, "SELECT count(*) FROM member WHERE status = '正常'", NULL, NULL);
    assert_true(mine > 0 && mine < all);
    struct vt *vt = app_start(a, 24, 80, LOCALE);
    vt_type(vt, "3");
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "1");
    expect_header(vt, mine);
    app_settle(vt);
    char count_line[64];
    snprintf(count_line, sizeof count_line, "共 %ld 条", mine);
    app_wait(vt, count_line);                 /* the list below says the same */

    /* another operator's import adds a member to a branch of the scope */
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/新党员.csv", a->dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("姓名,性别,出生日期,身份证号,人员类别,入党日期,转正日期,所在党组织\r\n"
          "范围新,男,1985-05-05,330682198505050311,正式党员,2010-07-01,2011-07-01,五夫村第一党支部\r\n",
          f);
    assert_int_equal(fclose(f), 0);
    const char *const import[] = { "import", "members", path, NULL };
    cli_ok(a, import);
    assert_int_equal(app_db_int(a, IN_SCOPE, SCOPE, NULL), mine + 1);
    app_settle(vt);
    expect_header(vt, mine);                  /* nothing read yet */
    vt_key(vt, VT_KEY_F5);
    expect_header(vt, mine + 1);
    snprintf(count_line, sizeof count_line, "共 %ld 条", mine + 1);
    app_wait(vt, count_line);
    app_quit(vt);
}

/* --org covers the organization itself: its operator opens 五夫村党总支 in
 * 组织管理 (the top of their tree), corrects its 书记 and saves. */
static void the_scope_root_itself_is_edited(void **state)
{
    struct app *a = *state;
    scope_me(a);
    char was[64];
    app_db_text(a, was, sizeof was, "SELECT coalesce(secretary, '') FROM org WHERE name = ?1", SCOPE,
                NULL);
    struct vt *vt = app_start(a, 24, 80, LOCALE);
    vt_type(vt, "1");
    app_wait_row(vt, 1, "主菜单 > 组织管理");
    app_wait(vt, SCOPE);
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);                /* the tree's first row: the scope's root */
    app_wait(vt, "党组织名称：" SCOPE);
    app_settle(vt);
    int row = app_row_of(vt, "书记：");
    char field[96];
    snprintf(field, sizeof field, "书记：%s", was);
    app_tab_to_row(vt, row);                 /* 批准文号, then 书记 beside it */
    vt_key(vt, VT_KEY_TAB);
    app_wait_cursor_after(vt, row, field);
    vt_type(vt, "甲");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「" SCOPE "」");
    char now[80], want[80];
    snprintf(want, sizeof want, "%s甲", was);
    app_db_text(a, now, sizeof now, "SELECT secretary FROM org WHERE name = ?1", SCOPE, NULL);
    assert_string_equal(now, want);
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(header_counts_the_scope_and_f5_reads_it_again, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_scope_root_itself_is_edited, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
