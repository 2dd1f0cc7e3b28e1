/* test_e2e_receipts.c — the 回执 of a 介绍信, as an office keeps it: a
 * transfer out whose letter number the program gives, the 回执台账 showing
 * the demo's overdue receipt, a wrong date refused with what was typed
 * kept, and the right one clearing the row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app.h"

#define UTF8_LOCALE "zh_CN.UTF-8"
#define AWAITED "SELECT count(*) FROM letter_receipt WHERE returned_on IS NULL"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void field(struct vt *vt, const char *text)
{
    if (*text)
        vt_type(vt, text);
    vt_key(vt, VT_KEY_ENTER);
}

/* 3 党员管理 → 1 党员台账, 洪辉 found and transferred out, 介绍信编号 left empty. */
static void transfer_out_without_a_number(struct vt *vt)
{
    vt_type(vt, "3");
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "1");
    app_wait_row(vt, 2, "在册党员");
    app_settle(vt);
    vt_key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, "洪辉");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
    vt_key(vt, VT_KEY_F8);
    app_wait(vt, "为洪辉办理（现为正常）");
    vt_type(vt, "1");
    app_wait(vt, "转出：洪辉");
    field(vt, "");                        /* 转出日期: today */
    field(vt, "中共上虞区百官街道委员会");
    field(vt, "");                        /* 介绍信编号: the program's */
    field(vt, "");                        /* 有效期 30 天 */
    vt_send(vt, "\x15", 1);
    field(vt, "2026-10");
    field(vt, "");                        /* 说明: saves */
    app_wait_row(vt, 22, "已为洪辉办理转出");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "6. 回执台账");
}

static void receipts_awaited_and_recorded(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    transfer_out_without_a_number(vt);
    char no[64];
    app_db_text(a, no, sizeof no, "SELECT v.letter_no || '|' || r.due_on FROM member_event v"
                " JOIN letter_receipt r ON r.event_id = v.id JOIN member m ON m.id = v.member_id"
                " WHERE m.name = ?1", "洪辉", NULL);
    assert_string_equal(no, "1|2026-12-21");   /* the year's first; due in 30 days */
    assert_int_equal(app_db_int(a, AWAITED, NULL, NULL), 2);

    vt_type(vt, "6");
    app_wait_row(vt, 2, "逾期未回 1 份");
    app_settle(vt);
    int row = app_row_of(vt, "赵梦琪");
    app_assert_at(vt, row, 0, "!");
    assert_true(vt_col_of(vt, row, "逾期 1 天") > 0);
    assert_true(app_row_of(vt, "还有 30 天") > row);   /* 洪辉, due later, below */
    /* Enter on 赵梦琪 (due first, so selected): a date before the move is refused, the typed text kept */
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "回执退回日期");
    vt_send(vt, "\x15", 1);
    field(vt, "2026.10.1");
    app_wait(vt, "早于赵梦琪转出的日期 2026-10-21");
    vt_key(vt, VT_KEY_ENTER);             /* closes the message; the box comes back */
    app_wait(vt, "2026.10.1");
    vt_send(vt, "\x15", 1);
    field(vt, "2026.11.18");
    app_wait_row(vt, 22, "回执已登记");
    app_wait_row(vt, 2, "逾期未回 0 份");
    app_wait_gone(vt, "赵梦琪");
    assert_int_equal(app_db_int(a, AWAITED, NULL, NULL), 1);
    char on[16];
    app_db_text(a, on, sizeof on, "SELECT r.returned_on FROM letter_receipt r JOIN member_event v ON"
                " v.id = r.event_id JOIN member m ON m.id = v.member_id WHERE m.name = ?1",
                "赵梦琪", NULL);
    assert_string_equal(on, "2026-11-18");
    /* F6: the returned ones too, dimmed */
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "已退回 2026-11-18");
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(receipts_awaited_and_recorded, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
