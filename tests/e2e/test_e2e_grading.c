/* test_e2e_grading.c — 分类定级 driven as an office would (issue 5's
 * acceptance test): create a round, score three branches from two sources,
 * see the suggested grades, confirm, open the ledger and find the
 * rectification due for the branch graded 一般; then the demo's ledger in
 * a GB18030 terminal with its export, and the sheet on a wide terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"

#define TOP "中共测试镇委员会"
#define ROUND "2026年度基层党组织分类定级"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void append_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "a");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A township of three village branches instead of the demo, graded from
 * two sources: 支部自评 40% and 组织考评 60% (the published example). */
static void three_branches(struct app *a)
{
    append_file(a->ini, "\n[grading]\nsources = 支部自评:40,组织考评:60\n");
    app_fresh_orgs(a, "党组织名称,类型,类别,上级组织,书记\n"
                      TOP ",党委,机关,,王书记\n"
                      "二都村党支部,党支部,农村," TOP ",陈志明\n"
                      "联桥村党支部,党支部,农村," TOP ",李国良\n"
                      "孝丰村党支部,党支部,农村," TOP ",张伟\n");
}

/* Rows of the sheet in its order (category, then pinyin: 二都 联桥 孝丰). */
static const char *const self_scores[3][7] = {
    { "19", "9", "14", "14", "9", "19", "9" },          /* 93 */
    { "16", "8", "12", "12", "8", "16", "8" },          /* 80 */
    { "14", "7", "11", "11", "7", "14", "7" },          /* 71 */
};
static const char *const upper_scores[3][7] = {
    { "18", "9", "14", "14", "9", "18", "9" },          /* 91 -> 91.8 先进 */
    { "15", "8", "12", "12", "8", "15", "8" },          /* 78 -> 78.8 较好 */
    { "13", "6", "10", "10", "6", "13", "6" },          /* 64 -> 66.8 一般 */
};

/* Types a sheet: each score, then Enter.  Returns the keystrokes it should
 * cost: the digits and one Enter per cell. */
static unsigned long type_sheet(struct vt *vt, const char *const scores[3][7])
{
    unsigned long keys = 0;
    for (int r = 0; r < 3; r++)
        for (int k = 0; k < 7; k++) {
            vt_type(vt, scores[r][k]);
            vt_key(vt, VT_KEY_ENTER);
            keys += strlen(scores[r][k]) + 1;
        }
    return keys;
}

static void assert_row_has(struct vt *vt, const char *org, const char *text)
{
    char row[512];
    int y = app_row_of(vt, org);
    app_text_at(vt, y, 0, row, sizeof row);
    if (!strstr(row, text)) {
        vt_dump(vt, stderr);
        fail_msg("row of %s lacks \"%s\": %s", org, text, row);
    }
}

static void grade_three_branches(void **state)
{
    struct app *a = *state;
    three_branches(a);
    struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");

    /* a new round, the settings prefilled from dangjian.ini */
    vt_type(vt, "5");
    app_wait_row(vt, 1, "主菜单 > 分类定级");
    app_wait(vt, "暂无分类定级，按 F6 新建");
    vt_key(vt, VT_KEY_F6);
    app_wait_row(vt, 1, "主菜单 > 分类定级 > 定级设置");
    app_wait(vt, "指标 1：党组织带头人");
    app_wait(vt, "来源 2：组织考评");
    app_wait(vt, "指标满分合计 100 分（应为 100）  来源权重合计 100%（应为 100）");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存「" ROUND "」（3 个组织参加）");
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 1, "主菜单 > 分类定级");
    app_wait(vt, "设置中");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 1, "主菜单 > 分类定级 > 本轮定级");
    app_wait(vt, "设置中｜3 个组织，已有等次 0 个");

    /* the first sheet: a score over the maximum is refused where it was typed */
    vt_type(vt, "2");
    app_wait(vt, "评分表：支部自评（权重 40%）  第 1/2 张");
    app_wait(vt, "二都村党支部");
    app_settle(vt);
    vt_type(vt, "25");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "「党组织带头人」超过满分 20 分：25");
    vt_key(vt, VT_KEY_BACKSPACE);
    vt_key(vt, VT_KEY_BACKSPACE);
    app_settle(vt);
    unsigned long before = vt_keystrokes(vt);
    unsigned long want = type_sheet(vt, self_scores);
    app_wait(vt, "已到本表最后一格");
    assert_int_equal(vt_keystrokes(vt) - before, want);   /* a key per cell besides the digits */
    app_settle(vt);
    assert_row_has(vt, "二都村党支部", "93.0  93.0 先进");
    assert_row_has(vt, "孝丰村党支部", "71.0  71.0 一般");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM grading_score", NULL, NULL), 21);

    /* the second source: the weighted totals and suggestions follow */
    vt_key(vt, VT_KEY_F4);
    app_wait(vt, "换评分表");
    vt_type(vt, "2");
    app_wait(vt, "评分表：组织考评（权重 60%）  第 2/2 张");
    app_settle(vt);
    vt_key(vt, VT_KEY_HOME);
    vt_key(vt, VT_KEY_PGUP);
    app_settle(vt);
    type_sheet(vt, upper_scores);
    app_wait(vt, "已到本表最后一格");
    app_settle(vt);
    assert_row_has(vt, "二都村党支部", "91.0  91.8 先进");
    assert_row_has(vt, "联桥村党支部", "78.0  78.8 较好");
    assert_row_has(vt, "孝丰村党支部", "64.0  66.8 一般");

    /* confirm: the check flags the shares, the date defaults to today */
    vt_key(vt, VT_KEY_ESC);
    app_wait_row(vt, 1, "主菜单 > 分类定级 > 本轮定级");
    app_wait(vt, "评分中｜3 个组织，已有等次 3 个");
    vt_type(vt, "5");
    app_wait(vt, "确认前的比例检查");
    app_wait(vt, "！全部：「先进+较好」占 66.7%，高于指导比例 30%");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "公布日期：");
    app_wait(vt, APP_TODAY);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "确认「" ROUND "」的定级，公布日期 " APP_TODAY "？");
    vt_type(vt, "y");
    app_wait(vt, "已确认定级并公布（" APP_TODAY "）；1 个组织列入整改");
    app_wait(vt, "已确认，" APP_TODAY " 公布｜3 个组织");

    /* the ledger */
    vt_type(vt, "3");
    app_wait_row(vt, 1, "主菜单 > 分类定级 > 本轮定级 > 定级台账");
    app_wait(vt, ROUND "｜" APP_TODAY " 公布｜无上轮对比");
    app_wait(vt, "共 3 条");
    app_settle(vt);
    assert_row_has(vt, "二都村党支部", "93.0  91.0  91.8 先进");
    assert_row_has(vt, "孝丰村党支部", "71.0  64.0  66.8 一般");
    assert_row_has(vt, "孝丰村党支部", "整改中");
    vt_key(vt, VT_KEY_ESC);
    app_wait_gone(vt, "> 定级台账");

    /* the rectification due for the branch graded 一般, three months on */
    vt_type(vt, "7");
    app_wait_row(vt, 1, "主菜单 > 分类定级 > 本轮定级 > 整改台账");
    app_wait(vt, "整改 1 个，逾期 0 个，已验收 0 个");
    app_settle(vt);
    assert_row_has(vt, "孝丰村党支部", "一般 定级       张伟     2027-02-21            整改中");
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 1, "整改方案");
    app_wait(vt, "整改期限：2027-02-21");
    app_wait(vt, "列入原因：定级");
    vt_key(vt, VT_KEY_ESC);
    app_wait_gone(vt, "> 整改方案");
    app_quit(vt);

    char text[64];
    app_db_text(a, text, sizeof text, "SELECT status || ' ' || published_on FROM grading_round",
                NULL, NULL);
    assert_string_equal(text, "已确认 " APP_TODAY);
    app_db_text(a, text, sizeof text, "SELECT z.deadline FROM rectification z JOIN org o"
                " ON o.id = z.org_id WHERE o.name = ?1", "孝丰村党支部", NULL);
    assert_string_equal(text, "2027-02-21");
    assert_int_equal(app_db_int(a, "SELECT x.grade FROM grading_result x JOIN org o ON"
                                   " o.id = x.org_id WHERE o.name = ?1", "二都村党支部", NULL), 1);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM audit_log WHERE tbl = 'grading_score'",
                                NULL, NULL), 6);
}

/* The demo's confirmed round in a GB18030 terminal: the ledger at once,
 * overdue plans flagged, and the export through F9. */
static void demo_ledger_gb18030(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, "zh_CN.GB18030");
    vt_type(vt, "5");
    app_wait(vt, "2026年度整改后重新定级");
    app_wait(vt, "2026-04-21");
    app_settle(vt);
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 1, "本轮定级");
    vt_type(vt, "3");
    app_wait(vt, "2026年度基层党组织分类定级｜2026-04-21 公布｜无上轮对比");
    app_wait(vt, "共 28 条");
    app_settle(vt);
    assert_row_has(vt, "二都村党支部", "逾期");
    char row[256];
    app_text_at(vt, app_row_of(vt, "二都村党支部"), 0, row, sizeof row);
    assert_int_equal(row[0], '!');
    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "导出本轮定级台账（xlsx/CSV）");
    vt_type(vt, "6");
    app_wait(vt, "文件名：");
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/定级.csv", a->dir);
    vt_send(vt, "\x15", 1);      /* Ctrl-U clears the proposed name */
    vt_type(vt, path);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "已导出 28 条到");
    app_quit(vt);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(strstr(line, "群众初评得分"));
    int rows = 0;
    while (fgets(line, sizeof line, f))
        rows++;
    fclose(f);
    assert_int_equal(rows, 28);
}

/* On a wide terminal the sheet gives the names room; in a GB18030 terminal
 * an input method's full-width digits score as ASCII ones. */
static void wide_sheet(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 40, 120, "zh_CN.GB18030");
    vt_type(vt, "5");
    app_wait(vt, "2026年度整改后重新定级");
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 1, "本轮定级");
    vt_type(vt, "2");
    app_wait(vt, "评分表：群众初评（权重 15%）");
    app_wait(vt, "驿亭镇白马湖水产专业合作社党支部");   /* 32 columns: whole at 120 */
    app_wait(vt, "第 1/28 个");
    app_settle(vt);
    vt_type(vt, "１８．５");
    vt_key(vt, VT_KEY_ENTER);
    app_settle(vt);
    assert_row_has(vt, "白马湖村党总支", " 18.5 ");
    app_wait(vt, "（未保存）");
    vt_key(vt, VT_KEY_DOWN);   /* leaving the row saves it */
    app_wait(vt, "已保存「白马湖村党总支」的群众初评评分");
    app_quit(vt);
    assert_int_equal(app_db_int(a, "SELECT g.score FROM grading_score g JOIN grading_result x"
                                   " ON x.id = g.result_id JOIN org o ON o.id = x.org_id"
                                   " JOIN grading_source c ON c.id = g.source_id"
                                   " JOIN grading_indicator i ON i.id = g.indicator_id"
                                   " WHERE x.round_id = 2 AND o.name = ?1 AND c.name = '群众初评'"
                                   " AND i.seq = 1", "白马湖村党总支", NULL), 185);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(grade_three_branches, setup, teardown),
        cmocka_unit_test_setup_teardown(demo_ledger_gb18030, setup, teardown),
        cmocka_unit_test_setup_teardown(wide_sheet, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
