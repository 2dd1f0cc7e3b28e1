/* test_e2e_honour_path.c — issue 14's path end to end at 80x24, as an
 * office runs it through a year: 8 表彰荣誉 3 registers a 党员示范岗 for
 * 赵志刚 with its public commitment; F9 records a 检查 note and the year's
 * 考核 (优秀); 2 表彰推荐评选 nominates him for 优秀共产党员 and the
 * 推荐表 shows that 考核 among the evidence; 审核, 公示 and 审批 with the
 * 文号; and 党员管理 shows the honour on his form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app.h"

#define UTF8_LOCALE "zh_CN.UTF-8"
#define WHO "赵志刚"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void field(struct vt *vt, const char *text)
{
    if (*text)
        vt_type(vt, text);
    vt_key(vt, VT_KEY_ENTER);
}

static void pick_member(struct vt *vt, const char *box)
{
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, box);
    app_settle(vt);
    vt_type(vt, WHO);
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_gone(vt, box);
}

/* F9 on a form or ledger, then the item `down` places below the first. */
static void menu_item(struct vt *vt, const char *shown, int down)
{
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, shown);
    app_settle(vt);
    for (int i = 0; i < down; i++)
        vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_ENTER);
}

/* 1 and 2: the post with its commitment, a 检查 and the 考核. */
static void post_checked_and_graded(struct vt *vt)
{
    app_wait(vt, "3. 党员示范岗");
    vt_type(vt, "3");
    app_wait_row(vt, 2, "党员示范岗台账");
    app_settle(vt);
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新增党员示范岗");
    app_settle(vt);
    pick_member(vt, "选择党员");
    field(vt, "茶叶技术服务岗");
    field(vt, "2026-03-01");
    vt_type(vt, "每季度为茶农开展一次技术培训");
    vt_key(vt, VT_KEY_TAB);
    vt_type(vt, "茶农有问题，随叫随到");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「" WHO "」的党员示范岗「茶叶技术服务岗」");
    menu_item(vt, "新增检查记录", 1);
    app_wait(vt, "记录人：");
    app_settle(vt);
    field(vt, "");
    field(vt, "镇党委组织办");
    vt_type(vt, "承诺上墙，培训台账齐全");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, APP_TODAY " 检查 镇党委组织办：承诺上墙，培训台账齐全");
    menu_item(vt, "年度考核", 2);
    app_wait(vt, "考核年度：");
    field(vt, "");
    app_wait(vt, "考核等次");
    vt_key(vt, VT_KEY_ENTER);             /* 优秀 */
    app_wait(vt, "考核日期：");
    field(vt, "");
    app_wait(vt, "考核人：");
    field(vt, "镇党委");
    app_wait(vt, "评语");
    field(vt, "");
    app_wait_row(vt, 22, "已登记 2026 年考核：优秀");
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 2, "党员示范岗台账");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "2. 表彰推荐评选");
}

/* 3: a cycle, the nomination with the 考核 among its evidence. */
static void nominated_with_the_evidence(struct vt *vt)
{
    vt_type(vt, "2");
    app_wait(vt, "2026年度表彰");          /* the demo's, in 公示 */
    app_settle(vt);
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新建表彰评选");
    app_settle(vt);
    field(vt, "");
    field(vt, "");                        /* 2026年七一表彰 */
    field(vt, "中共驿亭镇委员会");
    field(vt, "");
    field(vt, "镇级");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已保存「2026年七一表彰」");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "2026年七一表彰");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "没有推荐（F6 推荐）");
    app_settle(vt);
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "推荐依据");
    app_settle(vt);
    pick_member(vt, "选择党员");
    app_wait(vt, "党员示范岗「茶叶技术服务岗」2026 年考核：优秀");
    app_wait_gone(vt, "✗");
    field(vt, "");                        /* 优秀共产党员 */
    vt_type(vt, "示范岗年度考核优秀，带领茶农增收");
    vt_key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "已推荐「" WHO "」为优秀共产党员");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "已推荐");
    app_settle(vt);
}

/* 4: 审核, 公示, 审批 with the 文号. */
static void approved_with_the_doc_no(struct vt *vt)
{
    menu_item(vt, "审核通过（所选推荐）", 0);
    app_wait(vt, "审核意见：");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 22, "审核通过：" WHO "（优秀共产党员）");
    app_settle(vt);
    menu_item(vt, "审核通过（所选推荐）", 2);
    app_wait(vt, "公示开始日期：");
    app_settle(vt);
    vt_send(vt, "\x15", 1);
    field(vt, "2026-11-01");
    app_wait(vt, "公示结束日期");
    app_settle(vt);
    field(vt, "2026-11-10");
    app_wait_row(vt, 22, "已开始公示");
    app_settle(vt);
    menu_item(vt, "审核通过（所选推荐）", 6);
    app_wait(vt, "审批日期");
    app_settle(vt);
    field(vt, "");
    app_wait(vt, "批准机关：");
    app_settle(vt);
    field(vt, "");
    app_wait(vt, "文号：");
    app_settle(vt);
    field(vt, "驿委〔2026〕41号");
    app_wait_row(vt, 22, "已审批（驿委〔2026〕41号）：1 项推荐已批准，记入荣誉台账");
}

static void from_the_post_to_the_honour_on_the_form(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    app_wait(vt, "8. 表彰荣誉");
    vt_type(vt, "8");
    post_checked_and_graded(vt);
    nominated_with_the_evidence(vt);
    approved_with_the_doc_no(vt);
    char got[160];
    app_db_text(a, got, sizeof got, "SELECT h.title || '|' || h.doc_no FROM honour h JOIN member m"
                " ON m.id = h.member_id WHERE m.name = ?1 AND h.doc_no LIKE '%41号'", WHO, NULL);
    assert_string_equal(got, "优秀共产党员|驿委〔2026〕41号");

    /* 5: on the member's form */
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "2026年七一表彰");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "1. 荣誉台账");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "3. 党员管理");
    vt_type(vt, "3");
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "1");
    app_wait_row(vt, 2, "在册党员");
    app_settle(vt);
    vt_key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, WHO);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 6 条");          /* the demo has six of that name */
    app_wait_row(vt, 4, " 赵志刚");
    assert_true(app_col_of(vt, 4, "五夫村第一党支部") > 0);   /* the one F4 picked */
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "荣誉：2026 优秀共产党员（镇级）");
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(from_the_post_to_the_honour_on_the_form, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
