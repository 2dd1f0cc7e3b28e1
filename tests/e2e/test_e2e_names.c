/* test_e2e_names.c — names on the demo's ledgers never pass for one another
 * (issue 19, item 2): at 80x24 and 120x40, in the 党员台账, the 组织台账 and
 * the 会议台账, every visible row's name cells are read off the screen, the
 * full names from the status line (which shows the selected row's cut cells
 * whole), and two different names must never draw the same text; a cell
 * that is not the whole name ends in the cut mark. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#define LOCALE "zh_CN.UTF-8"
#define MARK "…"
#define MAX_SEEN 400

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

/* A name column: its heading and the heading that follows it. */
struct name_col {
    const char *title, *next;
    int key;            /* the row's name: shown first, bare, on the status line */
    const char *real;   /* SQL: count of records with name ?1 (the whole name is real) */
};

#define ORG_NAMED "SELECT count(*) FROM org WHERE coalesce(nullif(short_name, ''), name) = ?1"
#define GROUP_NAMED ORG_NAMED " AND kind = '党小组'"

struct seen {
    char drawn[MAX_SEEN][160], full[MAX_SEEN][160];
    int n;
};

/* The text in screen columns [x0, x1) of row, trailing spaces removed. */
static void cell_at(struct vt *vt, int row, int x0, int x1, char *out, size_t cap)
{
    char from[1024];
    app_text_at(vt, row, x0, from, sizeof from);
    size_t n = 0;
    int cols = 0;
    while (from[n]) {
        size_t len = 1;
        while ((from[n + len] & 0xC0) == 0x80)
            len++;
        char ch[8] = "";
        memcpy(ch, from + n, len);
        if (cols + app_width(ch) > x1 - x0)
            break;
        cols += app_width(ch);
        n += len;
    }
    while (n > 0 && from[n - 1] == ' ')
        n--;
    snprintf(out, cap, "%.*s", (int)n, from);
}

/* The whole text of a cut cell from the status line: the key column's bare
 * after "第 K 条  ", another after its title and "："; up to a double space. */
static void full_from_status(struct vt *vt, int row, const struct name_col *c, char *out,
                             size_t cap)
{
    char status[1024], label[64];
    vt_row(vt, row, status, sizeof status);
    const char *p = NULL;
    if (c->key) {
        p = strstr(status, " 条  ");
        p = p ? strstr(p + 1, " 条  ") : NULL;   /* after 共 N 条, then 第 K 条 */
        p = p ? p + strlen(" 条  ") : NULL;
    } else {
        snprintf(label, sizeof label, "%s：", c->title);
        p = strstr(status, label);
        p = p ? p + strlen(label) : NULL;
    }
    if (!p) {
        vt_dump(vt, stderr);
        fail_msg("the status line does not show the whole %s", c->title);
    }
    snprintf(out, cap, "%s", p);
    char *gap = strstr(out, "  ");
    if (gap)
        *gap = 0;
}

static void record(const struct app *a, struct vt *vt, struct seen *s, const char *drawn,
                   const char *full, const struct name_col *c)
{
    const char *title = c->title;
    /* What a cell shows whole is a real name, never the head of another. */
    if (app_db_int(a, c->real, full, NULL) <= 0) {
        vt_dump(vt, stderr);
        fail_msg("%s shows \"%s\", which is no one's whole name", title, full);
    }
    if (strcmp(drawn, full) != 0) {
        size_t n = strlen(drawn), m = strlen(MARK);
        if (n < m || strcmp(drawn + n - m, MARK) != 0) {
            vt_dump(vt, stderr);
            fail_msg("%s \"%s\" is cut to \"%s\" without a mark", title, full, drawn);
        }
    }
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->drawn[i], drawn) == 0 && strcmp(s->full[i], full) != 0) {
            vt_dump(vt, stderr);
            fail_msg("%s \"%s\" and \"%s\" both read \"%s\"", title, s->full[i], full, drawn);
        }
    if (s->n < MAX_SEEN) {
        snprintf(s->drawn[s->n], sizeof s->drawn[0], "%s", drawn);
        snprintf(s->full[s->n], sizeof s->full[0], "%s", full);
        s->n++;
    }
}

/* In the 会议台账, a 党小组会 names its 党小组, not the branch its name
 * begins with (org is the row's whole 组织). */
static void group_meeting(const struct app *a, struct vt *vt, int head, int y, const char *org)
{
    char type[64];
    int x = vt_col_of(vt, head, "会议类型");
    if (x < 0)
        return;
    cell_at(vt, y, x, app_col_of(vt, head, "组织"), type, sizeof type);
    if (strcmp(type, "党小组会") == 0 && app_db_int(a, GROUP_NAMED, org, NULL) <= 0) {
        vt_dump(vt, stderr);
        fail_msg("a 党小组会 shows \"%s\", which is not a 党小组", org);
    }
}

/* Walks every row of `pages` pages of the ledger on screen (heading on row
 * `head`), selecting each so the status line shows it, and records the
 * name cells of columns cols[0..ncols). */
static void walk(const struct app *a, struct vt *vt, int head, const struct name_col *cols,
                 int ncols, int pages)
{
    int rows, width;
    vt_size(vt, &rows, &width);
    int status = rows - 3, x0[4], x1[4];
    static struct seen seen[4];   /* static: a failed check longjmps out */
    char line[1024];
    long total = 0;
    memset(seen, 0, sizeof seen);
    vt_row(vt, status, line, sizeof line);
    APP_CHECK(vt, sscanf(line, "共 %ld 条", &total) == 1);
    long ord = 1;
    for (int page = 0; page < pages; page++) {
        for (int r = head + 1; r < status && ord <= total; r++, ord++) {
            char want[32], drawn[256], full[256];
            snprintf(want, sizeof want, "第 %ld 条", ord);
            if (ord > 1)
                vt_key(vt, VT_KEY_DOWN);
            /* The status line is drawn after the rows above it. */
            app_wait_row(vt, status, want);
            /* The page scrolled by one: the selection is on the last row. */
            int y = app_selected_row(vt, head + 1, status - 1, 1), settled = 0;
            APP_CHECK(vt, y > head);
            /* Widths follow the page: the columns are found again. */
            for (int c = 0; c < ncols; c++) {
                x0[c] = app_col_of(vt, head, cols[c].title);
                x1[c] = app_col_of(vt, head, cols[c].next);
            }
            for (int c = 0; c < ncols; c++) {
                cell_at(vt, y, x0[c], x1[c], drawn, sizeof drawn);
                if (strstr(drawn, MARK) && !settled) {
                    /* The rest of the status line may still be coming. */
                    app_settle(vt);
                    settled = 1;
                    c = -1;
                    continue;
                }
                if (strstr(drawn, MARK))
                    full_from_status(vt, status, &cols[c], full, sizeof full);
                else
                    snprintf(full, sizeof full, "%s", drawn);
                record(a, vt, &seen[c], drawn, full, &cols[c]);
            }
            group_meeting(a, vt, head, y, full);
        }
    }
    for (int c = 0; c < ncols; c++)
        APP_CHECK(vt, seen[c].n > 0);
}

static void members(const struct app *a, struct vt *vt)
{
    static const struct name_col cols[] = {
        { "姓名", "性别", 1, "SELECT count(*) FROM member WHERE name = ?1" },
        { "所在支部", "状态", 0, ORG_NAMED },
    };
    vt_type(vt, "3");
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "1");
    app_wait(vt, "在册党员");
    app_settle(vt);
    walk(a, vt, app_row_of(vt, " 姓名 "), cols, 2, 2);
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "1. 党员台账");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "1. 组织管理");
}

static void orgs(const struct app *a, struct vt *vt)
{
    static const struct name_col cols[] = {
        { "党组织名称", "类型", 1, "SELECT count(*) FROM org WHERE name = ?1" },
    };
    vt_type(vt, "2");
    app_wait(vt, "党组织名称");
    app_settle(vt);
    walk(a, vt, app_row_of(vt, "党组织名称"), cols, 1, 3);
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "1. 组织管理");
}

static void meetings(const struct app *a, struct vt *vt)
{
    static const struct name_col cols[] = { { "组织", "主题", 1, ORG_NAMED } };
    vt_type(vt, "4");
    app_wait(vt, "1. 会议台账");
    vt_type(vt, "1");
    app_wait(vt, "会议类型");
    app_settle(vt);
    /* Four pages reach the 党小组会 of the 10th. */
    int head = app_row_of(vt, "会议类型");
    walk(a, vt, head, cols, 1, 4);
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "1. 会议台账");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "1. 组织管理");
}

static void ledgers_at(void **state, int rows, int cols)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, rows, cols, LOCALE);
    members(a, vt);
    orgs(a, vt);
    meetings(a, vt);
    app_quit(vt);
}

static void test_names_apart_at_80x24(void **state) { ledgers_at(state, 24, 80); }

/* In GB18030 … takes two columns (glibc counts it wide, as the terminal
 * does): a cut ends in the one-column › instead, and the row stays aligned. */
static void test_gb18030_cuts_end_in_a_narrow_mark(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, "zh_CN.GB18030");
    vt_type(vt, "2");
    app_wait(vt, "党组织名称");
    app_wait(vt, "白马湖村第二党支部第二党小›");
    app_settle(vt);
    int r = app_row_of(vt, "白马湖村第二党支部第二党小›");
    APP_CHECK(vt, vt_col_of(vt, r, "党小组") == app_col_of(vt, 2, "类型"));
    for (int row = 3; row < 21; row++)
        APP_CHECK(vt, vt_col_of(vt, row, MARK) < 0);
    app_quit(vt);
}
static void test_names_apart_at_120x40(void **state) { ledgers_at(state, 40, 120); }

/* A unit name too long for the title row is cut with the mark, so it does
 * not pass for a shorter unit's name. */
static void test_title_marks_a_cut_unit(void **state)
{
    struct app *a = *state;
    FILE *f = fopen(a->ini, "w");
    assert_non_null(f);
    fprintf(f, "[database]\npath = %s\n\n[unit]\nname = %s\n\n[ui]\ncolours = off\n", a->db,
            "中共绍兴市上虞区驿亭镇白马湖村第二党支部第一党小组");
    fclose(f);
    struct vt *vt = app_start(a, 24, 80, LOCALE);
    char title[512];
    vt_row(vt, 0, title, sizeof title);
    if (!strstr(title, "中共绍兴市上虞区") || !strstr(title, MARK " | 主菜单")) {
        vt_dump(vt, stderr);
        fail_msg("the title does not mark the cut unit name: %s", title);
    }
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_names_apart_at_80x24, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names_apart_at_120x40, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gb18030_cuts_end_in_a_narrow_mark, setup, teardown),
        cmocka_unit_test_setup_teardown(test_title_marks_a_cut_unit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
