/* test_e2e_readers.c — the full-screen program while another process holds
 * the write lock longer than busy_timeout (an import): it starts at once,
 * lists and opens records; only a save waits, saying so while it waits,
 * and after busy_timeout it says in Chinese that someone else is writing,
 * and who.  Once the lock is
 * free the same F2 saves what was typed.  A command (a script's import or
 * user add) says on stderr, before it waits, that it waits and for whom. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"

#define LOCALE "zh_CN.UTF-8"
#define ORG "联桥村党支部"
#define NEW_SECRETARY "王新民"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* This process holds SQLite's write lock, as a long import does. */
static sqlite3 *hold_write_lock(struct app *a)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(a->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    return db;
}

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

static void a_viewer_starts_and_reads_while_an_import_writes(void **state)
{
    struct app *a = *state;
    sqlite3 *lock = hold_write_lock(a);
    /* The old start took the write lock: it waited busy_timeout (5 s) and
     * left with 数据库正忙.  (test_db_start times a start: no wait.) */
    struct vt *vt = a->vt = app_start(a, 24, 80, LOCALE);
    open_org(vt);

    for (int i = 0; i < 7; i++)
        vt_key(vt, VT_KEY_DOWN);
    app_settle(vt);
    vt_send(vt, "\x15", 1);   /* Ctrl-U clears the field */
    vt_type(vt, NEW_SECRETARY);
    app_wait(vt, "书记：" NEW_SECRETARY);
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "正在等待其他操作员写入完成（最多 5 秒）");   /* at once, while it waits */
    app_wait(vt, "其他操作员正在写入（如导入），请稍候");
    char by[64];
    snprintf(by, sizeof by, "（进程 %ld）", (long)getpid());
    app_wait(vt, by);   /* who holds it: this test's process */
    app_wait(vt, "书记：" NEW_SECRETARY);   /* the typing is kept */

    sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(lock);
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存「" ORG "」");
    app_quit(vt);
}

static void a_command_says_on_stderr_that_it_waits_and_for_whom(void **state)
{
    struct app *a = *state;
    sqlite3 *lock = hold_write_lock(a);
    char cmd[PATH_MAX + 160], out[4096] = "";
    snprintf(cmd, sizeof cmd, APP_PROGRAM " --config %s user add root --role admin --name 某某 2>&1",
             a->ini);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = 0;
    int status = pclose(p);
    sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(lock);
    char by[64];
    snprintf(by, sizeof by, "（进程 %ld）", (long)getpid());
    const char *waits = strstr(out, "正在等待其他操作员写入完成（最多 5 秒）");
    if (!waits || !strstr(waits, by) || !strstr(waits, "请稍候再试"))
        fprintf(stderr, "%s", out);
    assert_non_null(waits);
    assert_non_null(strstr(waits, by));
    assert_non_null(strstr(waits, "请稍候再试"));   /* then, after busy_timeout, the refusal */
    assert_int_not_equal(status, 0);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM app_user WHERE login = 'root'", NULL, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_viewer_starts_and_reads_while_an_import_writes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_command_says_on_stderr_that_it_waits_and_for_whom, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
