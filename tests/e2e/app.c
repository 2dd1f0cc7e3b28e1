/* app.c — see app.h. */
#include "app.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        fail_msg("cannot write %s: %s", path, strerror(errno));
    fputs(text, f);
    fclose(f);
}

static void print_file(const char *path)
{
    char line[1024];
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f))
        fputs(line, stderr);
    fclose(f);
}

void app_cli(const struct app *a, const char *arg1, const char *arg2, const char *arg3)
{
    char log[PATH_MAX + 16];
    snprintf(log, sizeof log, "%s/cli.log", a->dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        setenv("DJ_TODAY", APP_TODAY, 1);
        setenv("LANG", "C.UTF-8", 1);
        setenv("LC_ALL", "C.UTF-8", 1);
        execl(APP_PROGRAM, APP_PROGRAM, "--config", a->ini, arg1, arg2, arg3, (char *)NULL);
        fprintf(stderr, "cannot run %s: %s\n", APP_PROGRAM, strerror(errno));
        _exit(127);
    }
    int status = -1;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        print_file(log);
        fail_msg("%s %s %s failed (status %d)", arg1, arg2 ? arg2 : "", arg3 ? arg3 : "", status);
    }
}

void app_fresh_orgs(struct app *a, const char *csv)
{
    char path[PATH_MAX + 32];
    static const char *const tails[] = { "", "-wal", "-shm" };
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", a->db, tails[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/orgs.csv", a->dir);
    write_file(path, csv);
    app_cli(a, "init", NULL, NULL);
    app_cli(a, "import", "orgs", path);
}

static int setup(void **state, int colours)
{
    struct app *a = calloc(1, sizeof *a);
    assert_non_null(a);
    snprintf(a->dir, sizeof a->dir, "/tmp/dj-e2e-org-XXXXXX");
    assert_non_null(mkdtemp(a->dir));
    snprintf(a->ini, sizeof a->ini, "%s/dangjian.ini", a->dir);
    snprintf(a->db, sizeof a->db, "%s/t.db", a->dir);
    char text[2 * PATH_MAX];
    snprintf(text, sizeof text, "[database]\npath = %s\n\n[unit]\nname = %s\n%s", a->db, APP_UNIT,
             colours ? "" : "\n[ui]\ncolours = off\n");
    write_file(a->ini, text);
    *state = a;
    app_cli(a, "init", "--demo", NULL);
    return 0;
}

int app_setup(void **state)
{
    return setup(state, 0);
}

int app_setup_colour(void **state)
{
    return setup(state, 1);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(path);
}

int app_teardown(void **state)
{
    struct app *a = *state;
    if (!a)
        return 0;
    vt_free(a->vt);
    if (a->dir[0])
        nftw(a->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(a);
    *state = NULL;
    return 0;
}

struct vt *app_start(struct app *a, int rows, int cols, const char *locale)
{
    static char today[] = "DJ_TODAY=" APP_TODAY;
    char *argv[] = { APP_PROGRAM, "--config", a->ini, NULL };
    char *env[] = { today, NULL };
    assert_null(a->vt);
    a->vt = vt_spawn(rows, cols, locale, argv, env);
    assert_non_null(a->vt);
    app_wait(a->vt, "1. 组织管理");
    app_wait_row(a->vt, rows - 1, "10退出");
    app_settle(a->vt);
    return a->vt;
}

void app_quit(struct vt *vt)
{
    vt_key(vt, VT_KEY_F10);
    /* 退出系统？, or on a form or sheet holding unsaved work its own
     * question (app_quit_unsaved), answered 不保存: tests that mean to save
     * press F2 first. */
    int asked = 0;
    for (int waited = 0; !asked && waited < VT_TIMEOUT_MS; waited += 20) {
        vt_pump(vt, 20);
        if (vt_row_of(vt, "退出系统前保存修改？") >= 0)
            asked = 2;
        else if (vt_row_of(vt, "退出系统？") >= 0)
            asked = 1;
    }
    if (!asked) {
        vt_dump(vt, stderr);
        fail_msg("never on screen: 退出系统？");
    }
    if (asked == 2)
        vt_type(vt, "2");
    else
        vt_key(vt, VT_KEY_ENTER);
    app_wait_exit(vt, "F10, Enter");
}

void app_wait_exit(struct vt *vt, const char *after)
{
    int status = -1;
    if (!vt_wait_exit(vt, VT_TIMEOUT_MS, &status)) {
        vt_dump(vt, stderr);
        fail_msg("the program did not exit after %s", after);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        vt_dump(vt, stderr);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_false(vt_sanitizer_reported(vt));
}

/* ---- waiting --------------------------------------------------------- */

void app_wait(struct vt *vt, const char *utf8)
{
    if (!vt_wait_text(vt, utf8, VT_TIMEOUT_MS)) {
        vt_dump(vt, stderr);
        fail_msg("never on screen: %s", utf8);
    }
}

void app_wait_row(struct vt *vt, int row, const char *utf8)
{
    if (!vt_wait_row(vt, row, utf8, VT_TIMEOUT_MS)) {
        vt_dump(vt, stderr);
        fail_msg("never on row %d: %s", row, utf8);
    }
}

void app_wait_gone(struct vt *vt, const char *utf8)
{
    if (!vt_wait_gone(vt, utf8, VT_TIMEOUT_MS)) {
        vt_dump(vt, stderr);
        fail_msg("still on screen: %s", utf8);
    }
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

void app_wait_cursor(struct vt *vt, int row, int col)
{
    long end = now_ms() + VT_TIMEOUT_MS;
    int r, c;
    for (;;) {
        vt_pump(vt, 0);
        vt_cursor(vt, &r, &c);
        if (r == row && c == col)
            return;
        if (now_ms() >= end)
            break;
        vt_pump(vt, 20);
    }
    vt_dump(vt, stderr);
    fail_msg("cursor at (%d,%d), expected (%d,%d)", r, c, row, col);
}

void app_wait_cursor_after(struct vt *vt, int row, const char *utf8)
{
    app_wait_row(vt, row, utf8);
    app_wait_cursor(vt, row, app_col_of(vt, row, utf8) + app_width(utf8));
}

void app_tab_to_row(struct vt *vt, int row)
{
    for (int i = 0; i < 30; i++) {
        int r, c;
        app_settle(vt);
        vt_cursor(vt, &r, &c);
        if (r == row)
            return;
        vt_key(vt, VT_KEY_TAB);
    }
    vt_dump(vt, stderr);
    fail_msg("the cursor never reached row %d", row);
}

void app_settle(struct vt *vt)
{
    vt_wait_idle(vt, 150, VT_TIMEOUT_MS);
}

/* ---- reading the screen ---------------------------------------------- */

/* Decodes one UTF-8 character; returns its length (1 for a stray byte). */
static int utf8_next(const char *s, wchar_t *wc)
{
    const unsigned char *u = (const unsigned char *)s;
    int n = u[0] < 0x80 ? 1 : u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
    unsigned v = n == 1 ? u[0] : u[0] & (0x3F >> (n - 1));
    for (int i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return *wc = u[0], 1;
        v = v << 6 | (u[i] & 0x3F);
    }
    *wc = (wchar_t)v;
    return n;
}

/* Widths as a UTF-8 terminal counts them, whatever the test's own locale. */
static int char_width(wchar_t wc)
{
    static locale_t utf8;
    if (!utf8)
        utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    locale_t old = uselocale(utf8);
    int w = wcwidth(wc);
    uselocale(old);
    return w < 0 ? 1 : w;
}

int app_width(const char *utf8)
{
    int w = 0;
    wchar_t wc;
    for (const char *p = utf8; *p;) {
        p += utf8_next(p, &wc);
        w += char_width(wc);
    }
    return w;
}

int app_text_at(struct vt *vt, int row, int col, char *out, size_t cap)
{
    char line[4096];
    vt_row(vt, row, line, sizeof line);
    const char *p = line;
    int at = 0;
    wchar_t wc;
    while (*p && at < col) {
        int n = utf8_next(p, &wc);
        at += char_width(wc);
        p += n;
    }
    snprintf(out, cap, "%s", at == col ? p : "");
    return at <= col;
}

void app_assert_row(struct vt *vt, int row, const char *expected)
{
    char text[4096];
    vt_row(vt, row, text, sizeof text);
    if (strcmp(text, expected) != 0) {
        vt_dump(vt, stderr);
        fail_msg("row %d reads \"%s\", expected \"%s\"", row, text, expected);
    }
}

void app_assert_at(struct vt *vt, int row, int col, const char *prefix)
{
    char text[4096];
    int whole = app_text_at(vt, row, col, text, sizeof text);
    if (!whole || strncmp(text, prefix, strlen(prefix)) != 0) {
        vt_dump(vt, stderr);
        fail_msg("row %d column %d reads \"%s\"%s, expected it to begin with \"%s\"", row,
                 col, text, whole ? "" : " (inside a wide character)", prefix);
    }
}

int app_row_of(struct vt *vt, const char *utf8)
{
    int row = vt_row_of(vt, utf8);
    if (row < 0) {
        vt_dump(vt, stderr);
        fail_msg("not on screen: %s", utf8);
    }
    return row;
}

int app_col_of(struct vt *vt, int row, const char *utf8)
{
    int col = vt_col_of(vt, row, utf8);
    if (col < 0) {
        vt_dump(vt, stderr);
        fail_msg("not on row %d: %s", row, utf8);
    }
    return col;
}

int app_selected_row(struct vt *vt, int first, int last, int col)
{
    for (int r = first; r <= last; r++)
        if (vt_attr_reverse(vt, r, col))
            return r;
    return -1;
}

/* ---- the database ---------------------------------------------------- */

static sqlite3_stmt *query(const struct app *a, sqlite3 **db, const char *sql, const char *p1,
                           const char *p2)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_open_v2(a->db, db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        fail_msg("cannot open %s: %s", a->db, sqlite3_errmsg(*db));
    /* The program under test may be mid-write or checkpointing when the test
     * looks; wait as every other reader of the shared file does. */
    sqlite3_busy_timeout(*db, 5000);
    if (sqlite3_prepare_v2(*db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("bad query %s: %s", sql, sqlite3_errmsg(*db));
    if (p1)
        sqlite3_bind_text(st, 1, p1, -1, SQLITE_TRANSIENT);
    if (p2)
        sqlite3_bind_text(st, 2, p2, -1, SQLITE_TRANSIENT);
    return st;
}

int64_t app_db_int(const struct app *a, const char *sql, const char *p1, const char *p2)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = query(a, &db, sql, p1, p2);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

void app_db_text(const struct app *a, char *out, size_t cap, const char *sql, const char *p1,
                 const char *p2)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = query(a, &db, sql, p1, p2);
    const unsigned char *t = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    snprintf(out, cap, "%s", t ? (const char *)t : "");
    sqlite3_finalize(st);
    sqlite3_close(db);
}
