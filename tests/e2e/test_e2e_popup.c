/* test_e2e_popup.c — popups over the ledgers at 80x24 (issue 19, item 13):
 * a box leaves no fragment of a word it cuts beside its edges and puts the
 * screen back whole when it closes; help text wraps by Chinese line-breaking
 * rules (no line starts with closing punctuation or ends with opening
 * punctuation); the pick list's and the grid's "nothing found" texts are
 * shown whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app.h"

#define LOCALE "zh_CN.UTF-8"
#define ROWS 24
#define COLS 80

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void save_screen(struct vt *vt, char rows[ROWS][1024])
{
    for (int r = 0; r < ROWS; r++)
        vt_row(vt, r, rows[r], sizeof rows[r]);
}

static void assert_screen(struct vt *vt, char rows[ROWS][1024])
{
    char now[1024];
    for (int r = 0; r < ROWS; r++) {
        vt_row(vt, r, now, sizeof now);
        if (strcmp(now, rows[r]) != 0) {
            vt_dump(vt, stderr);
            fail_msg("row %d reads \"%s\", not \"%s\" as before the popup", r, now, rows[r]);
        }
    }
}

/* The last character of s (UTF-8) into out. */
static void last_char(const char *s, char out[8])
{
    size_t n = strlen(s), k = n;
    while (k > 0 && (s[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > 0)
        k--;
    snprintf(out, 8, "%s", n ? s + k : "");
}

static void first_char(const char *s, char out[8])
{
    size_t k = s[0] ? 1 : 0;
    while (s[k] && (s[k] & 0xC0) == 0x80)
        k++;
    snprintf(out, 8, "%.*s", (int)k, s);
}

static void open_meetings(struct vt *vt)
{
    vt_type(vt, "4");
    app_wait(vt, "1. 会议台账");
    vt_type(vt, "1");
    app_wait(vt, "会议类型");
    app_settle(vt);
}

/* The character covering column col of a saved row ("" past its end, " "
 * on the right half of a wide one, which does not start there). */
static void char_at(const char *row, int col, char out[8])
{
    int at = 0;
    size_t n = 0;
    out[0] = 0;
    while (row[n]) {
        size_t len = 1;
        while ((row[n + len] & 0xC0) == 0x80)
            len++;
        char c[8] = "";
        memcpy(c, row + n, len);
        int w = app_width(c);
        if (col < at + w) {
            snprintf(out, 8, "%s", c);
            return;
        }
        at += w;
        n += len;
    }
}

/* Beside each side of the box, on every row where it cut text (the screen
 * before had text under the edge), stands a space or the screen's edge:
 * never what is left of a cut date ("20", "-02") or word. */
static void assert_clean_edges(struct vt *vt, char before[ROWS][1024], int top, int bottom,
                               int left, int right)
{
    char text[1024], ch[8], under[8];
    for (int r = top; r <= bottom; r++) {
        char_at(before[r], left, under);
        if (left > 0 && under[0] && strcmp(under, " ") != 0) {
            app_text_at(vt, r, 0, text, sizeof text);
            /* The columns before the border. */
            char head[1024];
            int cols = 0;
            size_t n = 0;
            while (text[n] && cols < left) {
                size_t len = 1;
                while ((text[n + len] & 0xC0) == 0x80)
                    len++;
                char c[8] = "";
                memcpy(c, text + n, len);
                cols += app_width(c);
                n += len;
            }
            snprintf(head, sizeof head, "%.*s", (int)n, text);
            last_char(head, ch);
            if (cols == left && strcmp(ch, " ") != 0) {
                vt_dump(vt, stderr);
                fail_msg("row %d: \"%s\" is left beside the box's left edge", r, head);
            }
        }
        char_at(before[r], right, under);
        if (!under[0] || strcmp(under, " ") == 0)
            continue;
        if (right + 1 < COLS && app_text_at(vt, r, right + 1, text, sizeof text)) {
            first_char(text, ch);
            if (ch[0] && strcmp(ch, " ") != 0) {
                vt_dump(vt, stderr);
                fail_msg("row %d: \"%s\" is left beside the box's right edge", r, text);
            }
        }
    }
}

static void test_box_leaves_no_fragments(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, ROWS, COLS, LOCALE);
    char before[ROWS][1024];
    open_meetings(vt);
    save_screen(vt, before);
    /* The delete question covers the dates and types of the list. */
    vt_key(vt, VT_KEY_F8);
    app_wait(vt, "请确认");
    app_settle(vt);
    int top = app_row_of(vt, "请确认"), left = app_col_of(vt, top, "┌");
    int right = app_col_of(vt, top, "┐"), bottom = app_row_of(vt, "└");
    assert_clean_edges(vt, before, top, bottom, left, right);
    vt_type(vt, "n");
    app_wait_gone(vt, "请确认");
    app_settle(vt);
    assert_screen(vt, before);
    /* The pick list over the same rows, redrawn on every key typed. */
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "查找：");
    app_settle(vt);
    vt_type(vt, "w");
    app_wait(vt, "查找：w");
    app_settle(vt);
    top = app_row_of(vt, "┌");
    left = app_col_of(vt, top, "┌");
    right = app_col_of(vt, top, "┐");
    bottom = app_row_of(vt, "└");
    assert_clean_edges(vt, before, top, bottom, left, right);
    /* A whole word beside the box that the box does not cut stays. */
    APP_CHECK(vt, vt_row_of(vt, "应到") >= 0);
    vt_key(vt, VT_KEY_ESC);
    app_wait_gone(vt, "查找：");
    app_settle(vt);
    assert_screen(vt, before);
    app_quit(vt);
}

/* Every line of the help box on screen: none starts with closing
 * punctuation, none ends with opening punctuation. */
static void assert_help_lines(struct vt *vt)
{
    static const char *const closing[] = { "、", "。", "，", "）", "：", "；", "！", "？",
                                           "」", "』", "》", "…", NULL };
    static const char *const opening[] = { "（", "「", "『", "《", NULL };
    app_wait(vt, "按任意键关闭");
    app_settle(vt);
    int top = app_row_of(vt, "帮助"), left = app_col_of(vt, top, "┌");
    int bottom = app_row_of(vt, "按任意键关闭");
    char text[1024], ch[8];
    int lines = 0;
    for (int r = top + 1; r < bottom; r++) {
        app_text_at(vt, r, left + 2, text, sizeof text);
        char *edge = strstr(text, "│");
        if (edge)
            *edge = 0;
        size_t n = strlen(text);
        while (n > 0 && text[n - 1] == ' ')
            text[--n] = 0;
        if (!n)
            continue;
        lines++;
        first_char(text, ch);
        for (int i = 0; closing[i]; i++)
            if (strcmp(ch, closing[i]) == 0) {
                vt_dump(vt, stderr);
                fail_msg("help line %d starts with %s: \"%s\"", r, ch, text);
            }
        last_char(text, ch);
        for (int i = 0; opening[i]; i++)
            if (strcmp(ch, opening[i]) == 0) {
                vt_dump(vt, stderr);
                fail_msg("help line %d ends with %s: \"%s\"", r, ch, text);
            }
    }
    APP_CHECK(vt, lines > 0);
    vt_key(vt, VT_KEY_ESC);
    app_wait_gone(vt, "按任意键关闭");
}

static void test_help_wraps_by_kinsoku(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, ROWS, COLS, LOCALE);
    vt_key(vt, VT_KEY_F1);
    assert_help_lines(vt);
    static const char *const menus[][2] = {
        { "1", "组织管理" }, { "2", "组织台账" }, { "3", "党员管理" }, { "4", "三会一课" },
        { "5", "分类定级" }, { "f", "党费管理" },
    };
    for (size_t m = 0; m < sizeof menus / sizeof *menus; m++) {
        vt_type(vt, menus[m][0]);
        app_wait_row(vt, 0, menus[m][1]);
        app_settle(vt);
        vt_key(vt, VT_KEY_F1);
        assert_help_lines(vt);
        /* Each entry of a submenu, and its help. */
        for (int item = 1; item <= 5; item++) {
            char digit[2] = { (char)('0' + item), 0 };
            char title[256];
            vt_row(vt, 0, title, sizeof title);
            if (!strstr(title, menus[m][1]) || strcmp(menus[m][0], "2") == 0)
                break;
            char entry[16];
            snprintf(entry, sizeof entry, "%d. ", item);
            if (vt_row_of(vt, entry) < 0)
                break;
            vt_type(vt, digit);
            app_wait_gone(vt, entry);
            app_settle(vt);
            vt_key(vt, VT_KEY_F1);
            assert_help_lines(vt);
            vt_key(vt, VT_KEY_F3);
            app_wait_row(vt, 0, menus[m][1]);
            app_settle(vt);
        }
        vt_key(vt, VT_KEY_F3);
        app_wait(vt, "1. 组织管理");
        app_settle(vt);
    }
    app_quit(vt);
}

static void test_nothing_found_is_shown_whole(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, ROWS, COLS, LOCALE);
    open_meetings(vt);
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "查找：");
    vt_type(vt, "zzzz");
    app_wait(vt, "没有相符的项，请退格修改查找内容");
    vt_key(vt, VT_KEY_ESC);
    app_wait_gone(vt, "查找：");
    /* The grid's own text wraps over two rows at 80 columns. */
    vt_key(vt, VT_KEY_F7);
    app_wait(vt, "名称或拼音首字母");
    vt_type(vt, "zzzz");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "没有找到与「zzzz」相符的记录");
    app_settle(vt);
    int r = app_row_of(vt, "没有找到与");
    char one[1024], two[1024], both[2048];
    vt_row(vt, r, one, sizeof one);
    vt_row(vt, r + 1, two, sizeof two);
    const char *p = one, *q = two;
    while (*p == ' ')
        p++;
    while (*q == ' ')
        q++;
    snprintf(both, sizeof both, "%s%s", p, q);
    if (!strstr(both, "没有找到与「zzzz」相符的记录（按 F7 重新查找，空白查找显示全部）")) {
        vt_dump(vt, stderr);
        fail_msg("the text is not whole: \"%s\"", both);
    }
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_box_leaves_no_fragments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_wraps_by_kinsoku, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nothing_found_is_shown_whole, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
