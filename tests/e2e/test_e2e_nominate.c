/* test_e2e_nominate.c — 表彰推荐评选 at 80x24, as an office runs a 七一
 * commendation: a cycle set up (F6), 赵志刚 nominated for 优秀共产党员 with
 * F4 and the evidence from the records shown on the form, 审核通过, 公示
 * with its dates, 审批 with the 文号 — and the honour in 1 荣誉台账; a
 * member failing a rule marked on the form and refused, what was typed kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app.h"

#define UTF8_LOCALE "zh_CN.UTF-8"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void field(struct vt *vt, const char *text)
{
    if (*text)
        vt_type(vt, text);
    vt_key(vt, VT_KEY_ENTER);
}

/* F9 on the ledger, the step `down` places below the first. */
static void step(struct vt *vt, int down)
{
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "审核通过（所选推荐）");
    app_settle(vt);
    for (int i = 0; i < down; i++)
        vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_ENTER);
}

static void new_cycle(struct vt *vt)
{
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新建表彰评选");
    app_settle(vt);
    field(vt, "");                      /* 年度: this year */
    field(vt, "");                      /* 评选名称: 2026年七一表彰 */
    field(vt, "中共驿亭镇委员会");       /* 组织单位 */
    field(vt, "");                      /* 评选称号: the usual three */
    field(vt, "镇级");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「2026年七一表彰」");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "2026年七一表彰");
    app_settle(vt);
}

static void nominate_approve_and_see_the_honour(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "8. 表彰荣誉");
    vt_type(vt, "8");
    app_wait(vt, "2. 表彰推荐评选");
    vt_type(vt, "2");
    app_wait(vt, "2026年度表彰");           /* the demo's, in 公示 */
    app_settle(vt);
    new_cycle(vt);

    /* its ledger; F6 推荐 with F4 */
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "没有推荐（F6 推荐）");
    app_settle(vt);
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "推荐依据");
    app_settle(vt);
    vt_key(vt, VT_KEY_F4);              /* the cursor starts on 推荐对象 */
    app_wait(vt, "选择党员");
    app_settle(vt);
    vt_type(vt, "赵志刚");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, "选择党员");
    /* the evidence from the records */
    app_wait(vt, "2026 年三会一课出席率");
    app_wait(vt, "党费交至：2026-10");
    app_wait_gone(vt, "✗");             /* no rule failed */
    field(vt, "");                      /* 称号: 优秀共产党员 */
    vt_type(vt, "带领村民发展茶叶产业");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已推荐「赵志刚」为优秀共产党员（推荐单位：五夫村第一党支部）");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "已推荐");
    app_wait(vt, "赵志刚");
    app_settle(vt);

    /* 审核通过 with the note offered */
    step(vt, 0);
    app_wait(vt, "审核意见：");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 22, "审核通过：赵志刚（优秀共产党员）");
    app_settle(vt);

    /* 公示 from the 1st to the 10th */
    step(vt, 2);
    app_wait(vt, "公示开始日期：");
    app_settle(vt);
    vt_send(vt, "\x15", 1);
    field(vt, "2026-11-01");
    app_wait(vt, "公示结束日期");
    app_settle(vt);
    field(vt, "2026-11-10");
    app_wait_row(vt, 22, "已开始公示");
    app_wait(vt, "公示 2026-11-01 至 2026-11-10");
    app_settle(vt);

    /* 审批 today with the 文号 */
    step(vt, 6);
    app_wait(vt, "审批日期");
    app_settle(vt);
    field(vt, "");                      /* today */
    app_wait(vt, "批准机关：");
    app_settle(vt);
    field(vt, "");                      /* the organizing 党委 */
    app_wait(vt, "文号：");
    app_settle(vt);
    field(vt, "驿委〔2026〕40号");
    app_wait_row(vt, 22, "已审批（驿委〔2026〕40号）：1 项推荐已批准，记入荣誉台账");
    app_wait(vt, "已批准");
    char got[256];
    app_db_text(a, got, sizeof got, "SELECT h.title || '|' || h.level || '|' || h.awarded_on || '|'"
                " || h.approved_by || '|' || h.doc_no || '|' || h.deeds FROM honour h"
                " JOIN nomination n ON n.honour_id = h.id JOIN member m ON m.id = h.member_id"
                " WHERE m.name = ?1", "赵志刚", NULL);
    assert_string_equal(got, "优秀共产党员|镇级|" APP_TODAY "|中共驿亭镇委员会|驿委〔2026〕40号|"
                        "带领村民发展茶叶产业");

    /* and in 1 荣誉台账, the newest first */
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "2026年七一表彰");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "1. 荣誉台账");
    vt_type(vt, "1");
    app_wait_row(vt, 2, "荣誉台账");
    app_wait(vt, APP_TODAY " 赵志刚");
    assert_int_equal(app_row_of(vt, APP_TODAY " 赵志刚"), 4);
    app_wait_row(vt, 21, "文号：驿委〔2026〕40号");   /* the selected row's, in full */
    app_quit(vt);
}

/* 魏浩 has no dues recorded: the form marks the rule with ✗ before the
 * save, the save is refused with the message, and the reasons stay typed. */
static void a_failed_rule_is_shown_and_refused(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "8. 表彰荣誉");
    vt_type(vt, "8");
    app_wait(vt, "2. 表彰推荐评选");
    vt_type(vt, "2");
    app_wait(vt, "2026年度表彰");           /* the demo's, in 公示 */
    app_settle(vt);
    new_cycle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "没有推荐（F6 推荐）");
    app_settle(vt);
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "推荐依据");
    app_settle(vt);
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "选择党员");
    app_settle(vt);
    vt_type(vt, "魏浩");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, "选择党员");
    app_wait(vt, "✗ 魏浩没有党费交纳记录，须交至上月 2026-10");
    field(vt, "");
    vt_type(vt, "积极参加志愿服务");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "不符合推荐条件：魏浩没有党费交纳记录");
    app_wait(vt, "积极参加志愿服务");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM nomination n JOIN member m"
                                   " ON m.id = n.member_id WHERE m.name = ?1", "魏浩", NULL), 0);
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(nominate_approve_and_see_the_honour, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failed_rule_is_shown_and_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
