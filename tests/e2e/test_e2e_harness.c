/* test_e2e_harness.c — the harness itself, driven with /bin/sh and printf
 * instead of the program, so every other end-to-end test can trust it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "vt.h"

#define UTF8_LOCALE "zh_CN.UTF-8"
#define GB_LOCALE "zh_CN.GB18030"

static struct vt *spawn_sh(const char *locale, const char *script)
{
    char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };
    struct vt *vt = vt_spawn(24, 80, locale, argv, NULL);
    assert_non_null(vt);
    return vt;
}

/* Row `row` must read exactly `expected`; the whole screen is printed first
 * when it does not. */
static void assert_row(struct vt *vt, int row, const char *expected)
{
    char text[1024];
    vt_row(vt, row, text, sizeof text);
    if (strcmp(text, expected) != 0)
        vt_dump(vt, stderr);
    assert_string_equal(text, expected);
}

static void wait_text(struct vt *vt, const char *utf8)
{
    if (!vt_wait_text(vt, utf8, VT_TIMEOUT_MS)) {
        vt_dump(vt, stderr);
        fail_msg("not on screen: %s", utf8);
    }
}

static int exit_code(struct vt *vt)
{
    int status = -1;
    assert_int_equal(vt_wait_exit(vt, VT_TIMEOUT_MS, &status), 1);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void test_locales_generated(void **state)
{
    (void)state;
    assert_int_equal(vt_locales_ready(), 1);
    struct vt *vt = spawn_sh(GB_LOCALE, "locale charmap");
    wait_text(vt, "GB18030");
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "GB18030");
    vt_free(vt);

    vt = spawn_sh(UTF8_LOCALE, "locale charmap");
    wait_text(vt, "UTF-8");
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "UTF-8");
    vt_free(vt);
}

static void test_utf8_wide_characters_take_two_columns(void **state)
{
    (void)state;
    char *argv[] = { "/usr/bin/printf", "中文AB\\n一x二", NULL };
    struct vt *vt = vt_spawn(24, 80, UTF8_LOCALE, argv, NULL);
    assert_non_null(vt);
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "中文AB");
    assert_row(vt, 1, "一x二");
    assert_int_equal(vt_col_of(vt, 0, "中"), 0);
    assert_int_equal(vt_col_of(vt, 0, "文"), 2);
    assert_int_equal(vt_col_of(vt, 0, "AB"), 4);
    assert_int_equal(vt_col_of(vt, 1, "二"), 3);
    assert_int_equal(vt_col_of(vt, 0, "二"), -1);
    assert_int_equal(vt_row_of(vt, "x二"), 1);
    int row, col;
    vt_cursor(vt, &row, &col);
    assert_int_equal(row, 1);
    assert_int_equal(col, 5);
    vt_free(vt);
}

static void test_gb18030_output_is_decoded(void **state)
{
    (void)state;
    /* 中文 in GB18030 is D6 D0 CE C4; 𠮷 (outside the BMP) is 95 34 B2 35. */
    char *argv[] = { "/usr/bin/printf", "\\326\\320\\316\\304AB\\n\\225\\064\\262\\065!", NULL };
    struct vt *vt = vt_spawn(24, 80, GB_LOCALE, argv, NULL);
    assert_non_null(vt);
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "中文AB");
    assert_int_equal(vt_col_of(vt, 0, "AB"), 4);
    assert_row(vt, 1, "𠮷!");
    assert_int_equal(vt_col_of(vt, 1, "!"), 2);
    vt_free(vt);
}

static void test_gb18030_character_split_across_reads(void **state)
{
    (void)state;
    struct vt *vt = spawn_sh(GB_LOCALE, "printf '\\326'; sleep 0.3; printf '\\320\\316'; "
                                        "sleep 0.3; printf '\\304|'");
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "中文|");
    vt_free(vt);
}

static void test_gb18030_typed_text_reaches_child_as_gb18030(void **state)
{
    (void)state;
    struct vt *vt = spawn_sh(GB_LOCALE, "read x; printf '%s' \"$x\" | od -An -tx1");
    assert_int_equal(vt_type(vt, "中文"), 0);
    assert_int_equal(vt_key(vt, VT_KEY_ENTER), 0);
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "中文"); /* the terminal's echo, decoded back */
    assert_row(vt, 1, " d6 d0 ce c4");
    assert_int_equal(vt_keystrokes(vt), 3);
    vt_free(vt);
}

static void test_utf8_typed_text_reaches_child_as_utf8(void **state)
{
    (void)state;
    struct vt *vt = spawn_sh(UTF8_LOCALE, "read x; printf '%s' \"$x\" | od -An -tx1");
    assert_int_equal(vt_type(vt, "中文\r"), 0);
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 1, " e4 b8 ad e6 96 87");
    vt_free(vt);
}

static void test_text_the_locale_cannot_encode_is_refused(void **state)
{
    (void)state;
    struct vt *vt = spawn_sh(GB_LOCALE, "sleep 5");
    assert_int_equal(vt_type(vt, "\xff"), -1); /* not UTF-8 at all */
    vt_free(vt);
}

/* The child reads `count` raw bytes and shows them in hex. */
static struct vt *spawn_byte_reader(const char *before, int count)
{
    char script[256];
    snprintf(script, sizeof script,
             "stty raw -echo opost; printf '%sready'; dd bs=1 count=%d 2>/dev/null | od -An -tx1",
             before, count);
    struct vt *vt = spawn_sh(UTF8_LOCALE, script);
    wait_text(vt, "ready");
    return vt;
}

static void test_keys_send_xterm_sequences(void **state)
{
    (void)state;
    struct vt *vt = spawn_byte_reader("", 15);
    assert_int_equal(vt_key(vt, VT_KEY_F1), 0);     /* 1b 4f 50 */
    assert_int_equal(vt_key(vt, VT_KEY_F10), 0);    /* 1b 5b 32 31 7e */
    assert_int_equal(vt_key(vt, VT_KEY_UP), 0);     /* 1b 5b 41 */
    assert_int_equal(vt_esc_digit(vt, 6), 0);       /* 1b 36 */
    assert_int_equal(vt_key(vt, VT_KEY_BACKSPACE), 0);
    assert_int_equal(vt_key(vt, VT_KEY_CTRL_D), 0);
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "ready 1b 4f 50 1b 5b 32 31 7e 1b 5b 41 1b 36 7f 04");
    assert_int_equal(vt_keystrokes(vt), 7);
    vt_free(vt);
}

static void test_more_keys(void **state)
{
    (void)state;
    struct vt *vt = spawn_byte_reader("", 16);
    vt_key(vt, VT_KEY_F5);          /* 1b 5b 31 35 7e */
    vt_key(vt, VT_KEY_PUTTY_F1);    /* 1b 5b 31 31 7e */
    vt_key(vt, VT_KEY_BTAB);        /* 1b 5b 5a */
    vt_key(vt, VT_KEY_ENTER);       /* 0d */
    vt_key(vt, VT_KEY_TAB);         /* 09 */
    vt_key(vt, VT_KEY_ESC);         /* 1b */
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "ready 1b 5b 31 35 7e 1b 5b 31 31 7e 1b 5b 5a 0d 09 1b");
    vt_free(vt);
}

static void test_cursor_keys_follow_application_mode(void **state)
{
    (void)state;
    /* ESC[?1h is what ncurses' keypad() sends (smkx of xterm-256color). */
    struct vt *vt = spawn_byte_reader("\\033[?1h", 17);
    vt_key(vt, VT_KEY_UP);      /* 1b 4f 41 */
    vt_key(vt, VT_KEY_HOME);    /* 1b 4f 48 */
    vt_key(vt, VT_KEY_END);     /* 1b 4f 46 */
    vt_key(vt, VT_KEY_PGDN);    /* 1b 5b 36 7e */
    vt_key(vt, VT_KEY_DELETE);  /* 1b 5b 33 7e */
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "ready 1b 4f 41 1b 4f 48 1b 4f 46 1b 5b 36 7e 1b 5b 33");
    assert_row(vt, 1, " 7e");
    vt_free(vt);
}

static void test_terminal_answers_cursor_position_query(void **state)
{
    (void)state;
    struct vt *vt = spawn_sh(UTF8_LOCALE, "stty raw -echo; printf '\\033[5;7H\\033[6n'; "
                                          "dd bs=1 count=6 2>/dev/null | od -An -tx1");
    assert_int_equal(exit_code(vt), 0);
    /* ESC [ 5 ; 7 R, printed from where the cursor was. */
    assert_row(vt, 4, "       1b 5b 35 3b 37 52");
    vt_free(vt);
}

static void test_resize_reaches_child(void **state)
{
    (void)state;
    struct vt *vt = spawn_sh(UTF8_LOCALE, "trap 'stty size' WINCH; stty size; "
                                          "while :; do sleep 0.05; done");
    wait_text(vt, "24 80");
    vt_resize(vt, 40, 120);
    wait_text(vt, "40 120");
    int rows, cols;
    vt_size(vt, &rows, &cols);
    assert_int_equal(rows, 40);
    assert_int_equal(cols, 120);
    assert_row(vt, 1, "40 120");
    vt_free(vt);
}

static void test_wide_screen_rows_are_read_whole(void **state)
{
    (void)state;
    char *argv[] = { "/usr/bin/printf", "\\033[1;110H党员", NULL };
    struct vt *vt = vt_spawn(30, 120, UTF8_LOCALE, argv, NULL);
    assert_non_null(vt);
    assert_int_equal(exit_code(vt), 0);
    assert_int_equal(vt_col_of(vt, 0, "党员"), 109);
    vt_free(vt);
}

/* ncurses draws lines with REP (CSI n b); libvterm 0.1.4 alone would wrap
 * the character written after a REP that ends on the last column. */
static void test_repeat_sequence_behaves_like_xterm(void **state)
{
    (void)state;
    char *argv[] = { "/usr/bin/printf",
                     "\033[1;1Hmq\033[77b\033[?7lj\033[?7h\033[2;1H中\033[2bx\033[3b|", NULL };
    struct vt *vt = vt_spawn(24, 80, UTF8_LOCALE, argv, NULL);
    assert_non_null(vt);
    assert_int_equal(exit_code(vt), 0);
    char expected[81] = "m";
    memset(expected + 1, 'q', 78);
    expected[79] = 'j';
    assert_row(vt, 0, expected);
    assert_row(vt, 1, "中中中xxxx|");
    assert_int_equal(vt_col_of(vt, 1, "x"), 6);
    vt_free(vt);

    vt = spawn_sh(UTF8_LOCALE, "printf 'ab\\033['; sleep 0.2; printf '3bc\\033[?25l'; "
                               "sleep 0.2; printf '\\033]0;title\\007d'");
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "abbbbcd");
    assert_false(vt_cursor_visible(vt));
    vt_free(vt);
}

static void test_exit_status_and_failed_start(void **state)
{
    (void)state;
    struct vt *vt = spawn_sh(UTF8_LOCALE, "exit 3");
    assert_int_equal(exit_code(vt), 3);
    vt_free(vt);

    char *argv[] = { "/nonexistent/program", NULL };
    vt = vt_spawn(24, 80, UTF8_LOCALE, argv, NULL);
    assert_non_null(vt);
    assert_int_equal(exit_code(vt), 127);
    assert_int_equal(vt_col_of(vt, 0, "无法启动 /nonexistent/program"), 0);
    vt_free(vt);
}

static void test_free_stops_a_running_child(void **state)
{
    (void)state;
    struct vt *vt = spawn_sh(UTF8_LOCALE, "echo up; sleep 100");
    wait_text(vt, "up");
    int status;
    assert_int_equal(vt_wait_exit(vt, 200, &status), 0); /* still running */
    vt_free(vt);
}

static void test_environment(void **state)
{
    (void)state;
    struct vt *vt = spawn_sh(GB_LOCALE, "printf '%s|%s|%s' \"$TERM\" \"$LC_ALL\" \"${LINES-none}\"");
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "xterm-256color|zh_CN.GB18030|none");
    vt_free(vt);

    char *argv[] = { "/bin/sh", "-c", "printf '%s|%s' \"$TERM\" \"$EXTRA\"", NULL };
    char *env[] = { "TERM=vt100", "EXTRA=是", NULL };
    vt = vt_spawn(24, 80, UTF8_LOCALE, argv, env);
    assert_non_null(vt);
    assert_int_equal(exit_code(vt), 0);
    assert_row(vt, 0, "vt100|是");
    vt_free(vt);
}

static void test_waits_report_absence(void **state)
{
    (void)state;
    struct vt *vt = spawn_sh(UTF8_LOCALE, "stty -echo; printf 'abc'; read x; printf '\\033[2J'; "
                                          "sleep 5");
    wait_text(vt, "abc");
    assert_int_equal(vt_wait_gone(vt, "abc", 300), 0);
    vt_key(vt, VT_KEY_ENTER);
    assert_int_equal(vt_wait_gone(vt, "abc", VT_TIMEOUT_MS), 1);
    assert_int_equal(vt_wait_text(vt, "xyz", 300), 0);
    assert_int_equal(vt_wait_row(vt, 0, "abc", 300), 0);
    vt_free(vt);

    vt = spawn_sh(UTF8_LOCALE, "printf 'line'");
    assert_int_equal(vt_wait_row(vt, 0, "line", VT_TIMEOUT_MS), 1);
    assert_int_equal(vt_wait_row(vt, 1, "line", 300), 0);
    vt_free(vt);
}

static void test_attributes_and_byte_count(void **state)
{
    (void)state;
    struct vt *vt = spawn_sh(UTF8_LOCALE, "printf '\\033[7mR\\033[0m\\033[1mB\\033[0m\\033[4mU\\033[0mn\\n'"
                                          "; printf '\\033[?25l'; read x; printf 'ab\\n'");
    wait_text(vt, "RBUn");
    assert_int_equal(vt_wait_idle(vt, 100, VT_TIMEOUT_MS), 1);
    assert_true(vt_attr_reverse(vt, 0, 0));
    assert_false(vt_attr_reverse(vt, 0, 1));
    assert_true(vt_attr_bold(vt, 0, 1));
    assert_false(vt_attr_bold(vt, 0, 2));
    assert_true(vt_attr_underline(vt, 0, 2));
    assert_false(vt_attr_underline(vt, 0, 3));
    assert_false(vt_cursor_visible(vt));
    vt_bytes_mark(vt);
    vt_send(vt, "\r", 1); /* echoed as \r\n: 2 bytes, then "ab\r\n": 4 */
    assert_int_equal(exit_code(vt), 0);
    assert_int_equal(vt_bytes_since(vt), 6);
    vt_free(vt);
}

static void test_long_rows_are_cut_safely(void **state)
{
    (void)state;
    char *argv[] = { "/usr/bin/printf", "中文中文", NULL };
    struct vt *vt = vt_spawn(24, 80, UTF8_LOCALE, argv, NULL);
    assert_non_null(vt);
    assert_int_equal(exit_code(vt), 0);
    char small[8]; /* room for two characters of three bytes, not three */
    vt_row(vt, 0, small, sizeof small);
    assert_string_equal(small, "中文");
    vt_row(vt, 99, small, sizeof small);
    assert_string_equal(small, "");
    vt_free(vt);
}

static void test_sanitizer_reports_are_caught(void **state)
{
    (void)state;
    fprintf(stderr, "(the AddressSanitizer report below is provoked on purpose)\n");
    char *asan_argv[] = { "/proc/self/exe", "--use-after-free", NULL };
    struct vt *vt = vt_spawn(24, 80, UTF8_LOCALE, asan_argv, NULL);
    assert_non_null(vt);
    assert_int_equal(exit_code(vt), 1);
    assert_int_equal(vt_sanitizer_reported(vt), 1);
    assert_int_equal(vt_row_of(vt, "AddressSanitizer"), -1); /* kept off the screen */
    vt_free(vt);

    char *ubsan_argv[] = { "/proc/self/exe", "--overflow", NULL };
    vt = vt_spawn(24, 80, UTF8_LOCALE, ubsan_argv, NULL);
    assert_non_null(vt);
    assert_int_equal(exit_code(vt), 1);
    assert_int_equal(vt_sanitizer_reported(vt), 0);
    assert_true(vt_row_of(vt, "runtime error") >= 0); /* UBSan writes to the terminal */
    vt_free(vt);

    vt = spawn_sh(UTF8_LOCALE, "exit 0");
    assert_int_equal(exit_code(vt), 0);
    assert_int_equal(vt_sanitizer_reported(vt), 0);
    vt_free(vt);
}

/* The children that fail, re-entered through /proc/self/exe. */
static int overflow_heap(const char *arg)
{
    volatile char *bytes = malloc(4);
    bytes[strlen(arg)] = 'x'; /* strlen("--overflow") is past the end */
    free((void *)bytes);
    return 0;
}

static char *volatile freed_bytes;

static int use_after_free(void)
{
    freed_bytes = malloc(4);
    free(freed_bytes);
    return freed_bytes[1];
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--overflow") == 0)
        return overflow_heap(argv[1]);
    if (argc > 1 && strcmp(argv[1], "--use-after-free") == 0)
        return use_after_free();

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_locales_generated),
        cmocka_unit_test(test_utf8_wide_characters_take_two_columns),
        cmocka_unit_test(test_gb18030_output_is_decoded),
        cmocka_unit_test(test_gb18030_character_split_across_reads),
        cmocka_unit_test(test_gb18030_typed_text_reaches_child_as_gb18030),
        cmocka_unit_test(test_utf8_typed_text_reaches_child_as_utf8),
        cmocka_unit_test(test_text_the_locale_cannot_encode_is_refused),
        cmocka_unit_test(test_keys_send_xterm_sequences),
        cmocka_unit_test(test_more_keys),
        cmocka_unit_test(test_cursor_keys_follow_application_mode),
        cmocka_unit_test(test_terminal_answers_cursor_position_query),
        cmocka_unit_test(test_resize_reaches_child),
        cmocka_unit_test(test_wide_screen_rows_are_read_whole),
        cmocka_unit_test(test_repeat_sequence_behaves_like_xterm),
        cmocka_unit_test(test_exit_status_and_failed_start),
        cmocka_unit_test(test_free_stops_a_running_child),
        cmocka_unit_test(test_environment),
        cmocka_unit_test(test_waits_report_absence),
        cmocka_unit_test(test_attributes_and_byte_count),
        cmocka_unit_test(test_long_rows_are_cut_safely),
        cmocka_unit_test(test_sanitizer_reports_are_caught),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
