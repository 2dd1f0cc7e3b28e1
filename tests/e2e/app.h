/* app.h — end-to-end helpers for the program itself (build/dangjian-san):
 * a private directory with its own dangjian.ini and demo database, the
 * program started in the harness's pty, screen checks that print the screen
 * before failing, and read-only looks into the database afterwards.
 *
 *     static int setup(void **state) { return app_setup(state); }
 *     static int teardown(void **state) { return app_teardown(state); }
 *     static void test_x(void **state)
 *     {
 *         struct app *a = *state;
 *         struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");
 *         vt_type(vt, "1");
 *         app_wait_row(vt, 0, "组织管理");
 *         ...
 *         app_quit(vt);
 *     }
 *
 * Every wait fails the test (cmocka) with the screen dumped to stderr. */
#ifndef DANGJIAN_TESTS_E2E_APP_H
#define DANGJIAN_TESTS_E2E_APP_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "vt.h"

#define APP_PROGRAM "build/dangjian-san"
#define APP_TODAY "2026-11-21"
#define APP_UNIT "测试镇党委"

struct app {
    char dir[64];         /* private temporary directory (/tmp/…) */
    char ini[PATH_MAX];   /* <dir>/dangjian.ini */
    char db[PATH_MAX];    /* <dir>/t.db */
    struct vt *vt;        /* the running program, or NULL */
};

/* cmocka setup/teardown: a fresh directory and demo database per test
 * (`init --demo` must exit 0); teardown stops the program and removes the
 * directory even after a failed assertion.  app_setup writes [ui] colours =
 * off, so selections show as reverse video (which the harness reads);
 * app_setup_colour keeps the default colours. */
int app_setup(void **state);
int app_setup_colour(void **state);
int app_teardown(void **state);

/* `dangjian --config <ini> ARG1 ARG2 ARG3` outside the pty (DJ_TODAY
 * fixed; NULL ends the arguments); it must exit 0, else the test fails with
 * its output (<dir>/cli.log). */
void app_cli(const struct app *a, const char *arg1, const char *arg2, const char *arg3);
/* Replaces the demo database with a new one holding only the organizations
 * of `csv` (the 党组织 import's columns), for tests that count from zero. */
void app_fresh_orgs(struct app *a, const char *csv);

/* Starts the full-screen program on a's database (DJ_TODAY fixed) and waits
 * for the main menu. */
struct vt *app_start(struct app *a, int rows, int cols, const char *locale);

/* F10, Enter on 退出系统？ (or 不保存 where a form or sheet asks to save its
 * unsaved work first); the program must exit with status 0 and leave no
 * sanitizer report. */
void app_quit(struct vt *vt);
/* The program exits with status 0 and no sanitizer report; `after` names
 * the keys that should have ended it, for the failure message. */
void app_wait_exit(struct vt *vt, const char *after);

/* ---- waiting for the screen (each fails with a dump) ----------------- */

void app_wait(struct vt *vt, const char *utf8);
void app_wait_row(struct vt *vt, int row, const char *utf8);
void app_wait_gone(struct vt *vt, const char *utf8);
/* Until the cursor stands at (row, col). */
void app_wait_cursor(struct vt *vt, int row, int col);
/* Until `utf8` is on `row` and the cursor stands right after it (a form
 * field "label：value" with the insertion point at its end). */
void app_wait_cursor_after(struct vt *vt, int row, const char *utf8);
/* Tab until the cursor stands in a field on screen row `row` (a form's
 * first editable field there); fails with the screen after 30 Tabs. */
void app_tab_to_row(struct vt *vt, int row);
/* Until the program has been quiet a moment (the rest of a frame arrived). */
void app_settle(struct vt *vt);

/* ---- reading the screen ---------------------------------------------- */

/* Fails, with the screen dumped, when cond (about the screen) is false. */
#define APP_CHECK(vt, cond)                                                  \
    do {                                                                     \
        if (!(cond)) {                                                       \
            vt_dump((vt), stderr);                                           \
            fail_msg("on screen, expected: %s", #cond);                      \
        }                                                                    \
    } while (0)

/* Columns utf8 covers on a terminal (CJK 2, ASCII 1). */
int app_width(const char *utf8);
/* Row `row` from screen column `col` on (the cell there and what follows;
 * "" past the row's end).  Returns 0, with "", when col falls on the right
 * half of a wide character (so nothing starts there), else 1. */
int app_text_at(struct vt *vt, int row, int col, char *out, size_t cap);
/* Asserts row `row` reads exactly `expected`. */
void app_assert_row(struct vt *vt, int row, const char *expected);
/* Asserts the text at (row, col) begins with `prefix`. */
void app_assert_at(struct vt *vt, int row, int col, const char *prefix);
/* Row holding utf8 (asserted present). */
int app_row_of(struct vt *vt, const char *utf8);
/* Column where utf8 starts on row (asserted present). */
int app_col_of(struct vt *vt, int row, const char *utf8);
/* The highlighted (reverse) row between first and last, or -1: the grid's
 * selection, judged at screen column col. */
int app_selected_row(struct vt *vt, int first, int last, int col);

/* ---- the database (opened read-only for each query) ------------------ */

/* First column of the first row of sql with text parameters ?1, ?2 (NULL
 * when unused); -1 / "" when there is no row. */
int64_t app_db_int(const struct app *a, const char *sql, const char *p1, const char *p2);
void app_db_text(const struct app *a, char *out, size_t cap, const char *sql, const char *p1,
                 const char *p2);

#endif
