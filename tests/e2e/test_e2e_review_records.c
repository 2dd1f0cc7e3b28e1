/* test_e2e_review_records.c — what an approved 立项 project keeps, entered
 * in the screens at 80x24 as an office would: two 支出 lines and the
 * balance they leave, a third refused with 结余不足 keeping what was typed,
 * a 阶段小结, a 中期检查 with its result, a 延期 that moves the planned end,
 * and the evidence screen's 三会一课 line.  The batch and the approved
 * application are prepared with the review engine itself (this test links
 * the core); the database is checked after the keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/config.h"
#include "core/db.h"
#include "core/session.h"
#include "review/review.h"

#define BATCH "测试立项批次"
#define BRANCH "联桥村党支部"
#define TITLE "党员联户🏠服务进万家"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void must(int rc, const char *what, const struct dj_err *e)
{
    if (rc)
        fail_msg("%s: %s (%s)", what, e->msg, e->field ? e->field : "-");
}

static void step(struct session *s, struct review_app *ap, enum review_action act,
                 const char *amount)
{
    struct dj_err e;
    struct review_step st = { .action = act };
    snprintf(st.on, sizeof st.on, "%s", APP_TODAY);
    snprintf(st.opinion, sizeof st.opinion, "同意");
    if (amount)
        snprintf(st.amount, sizeof st.amount, "%s", amount);
    must(review_transition(s, ap->id, ap->version, &st, NULL, &e), "transition", &e);
    must(review_app_load(s, ap->id, ap, &e), "reload", &e);
}

/* A 立项 batch of this 学年 with its defaults, and one project of 联桥村党支部
 * recommended and approved with 1000 元 (the engine records the 拨付). */
static int64_t approved_project(const struct app *a)
{
    struct config cfg;
    struct session s;
    struct dj_err e;
    char why[256];
    static struct review_batch b;
    static struct review_app ap;
    setenv("DJ_TODAY", APP_TODAY, 1);
    config_defaults(&cfg);
    if (config_load(&cfg, a->ini, why, sizeof why))
        fail_msg("config: %s", why);
    memset(&s, 0, sizeof s);
    s.cfg = &cfg;
    must(db_open(&cfg, a->db, 0, &s.db, &e), "open", &e);
    if (session_identify(&s, why, sizeof why))
        fail_msg("identify: %s", why);
    review_batch_defaults(&s, REVIEW_PROJECT, &b);
    snprintf(b.name, sizeof b.name, BATCH);
    snprintf(b.reviewers, sizeof b.reviewers, "王建国、陈志明、张伟");
    must(review_batch_save(&s, &b, &e), "batch", &e);
    review_app_defaults(&s, &b, &ap);
    snprintf(ap.org, sizeof ap.org, BRANCH);
    snprintf(ap.title, sizeof ap.title, TITLE);
    snprintf(ap.unit, sizeof ap.unit, "驿亭镇");
    snprintf(ap.executor, sizeof ap.executor, "李国良");
    snprintf(ap.secretary, sizeof ap.secretary, "傅飞军");
    snprintf(ap.direction, sizeof ap.direction, "服务型党支部建设");
    must(review_app_save(&s, &ap, &e), "application", &e);
    step(&s, &ap, RA_RECOMMEND, NULL);
    step(&s, &ap, RA_APPROVE, "1000");
    assert_int_equal(ap.state, RV_APPROVED);
    db_close(s.db);
    config_free(&cfg);
    return ap.id;
}

/* The number a dialog_pick list shows before the item holding `text`
 * ("3. 经费（拨付、支出、结余）"), typed to choose it.  Only a row where
 * "N. " stands right before the text counts: a list row under the box may
 * hold the same words. */
static void pick(struct vt *vt, const char *text)
{
    char row[512], want[128];
    app_wait(vt, text);
    app_settle(vt);
    for (int y = 0; y < 24; y++) {
        vt_row(vt, y, row, sizeof row);
        for (char d = '1'; d <= '9'; d++) {
            snprintf(want, sizeof want, "%c. %s", d, text);
            if (strstr(row, want)) {
                char key[2] = { d, 0 };
                vt_type(vt, key);
                return;
            }
        }
    }
    vt_dump(vt, stderr);
    fail_msg("no item \"N. %s\" on screen", text);
}

/* F9 (then `item`, NULL where F9 itself exports) writes the screen out: the file named `name` in the
 * test's directory; returns its text. */
static void export_to(struct vt *vt, const struct app *a, const char *item, const char *name,
                      const char *done, char *text, size_t cap)
{
    char path[PATH_MAX + 64];
    vt_key(vt, VT_KEY_F9);
    if (item)
        pick(vt, item);
    app_wait(vt, "文件名：");
    snprintf(path, sizeof path, "%s/%s", a->dir, name);
    vt_send(vt, "\x15", 1);      /* Ctrl-U clears the proposed name */
    vt_type(vt, path);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, done);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(text, 1, cap - 1, f);
    text[n] = 0;
    fclose(f);
}

/* From the main menu to the project's 申报表. */
static void open_project(struct vt *vt)
{
    vt_type(vt, "6");
    app_wait(vt, BATCH);
    vt_type(vt, "/");
    vt_type(vt, BATCH);
    vt_key(vt, VT_KEY_ENTER);
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, TITLE);
    vt_type(vt, "/");
    vt_type(vt, "联户");
    vt_key(vt, VT_KEY_ENTER);
    app_settle(vt);
    vt_key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 1, "申报");
}

/* One line on the fund form, the cursor on 事项 (kind, date and 经手人
 * carried or defaulted); the last Enter, on 经手人, saves. */
static void type_line(struct vt *vt, const char *item, const char *amount, const char *handler)
{
    vt_type(vt, item);
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, amount);
    vt_key(vt, VT_KEY_ENTER);
    if (handler)
        vt_type(vt, handler);
    vt_key(vt, VT_KEY_ENTER);
}

static void funds(struct vt *vt, const struct app *a, const char *id)
{
    vt_key(vt, VT_KEY_F9);
    pick(vt, "经费（");
    app_wait_row(vt, 1, "经费台账");
    app_wait(vt, "结余 1000.00");
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "金额（元）：");
    type_line(vt, "购买学习资料", "300", "傅飞军");
    app_wait(vt, "已保存支出「购买学习资料」300");
    type_line(vt, "制作宣传展板", "450.50", NULL);
    app_wait(vt, "已保存支出「制作宣传展板」");
    /* 1000 − 300 − 450.50 leaves 249.50: a 500 元 line is refused */
    type_line(vt, "外出参观学习", "500", NULL);
    app_wait(vt, "结余不足");
    app_wait_cursor_after(vt, app_row_of(vt, "金额（元）："), "金额（元）：500");
    app_wait(vt, "外出参观学习");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM review_fund WHERE app_id = ?1"
                                   " AND kind = '支出'", id, NULL), 2);
    assert_int_equal(app_db_int(a, "SELECT sum(amount_fen) FROM review_fund WHERE app_id = ?1"
                                   " AND kind = '支出'", id, NULL), 75050);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM review_fund WHERE item = '外出参观学习'",
                                NULL, NULL), 0);
    /* leave without saving the refused line */
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "否，不保存，返回");
    vt_type(vt, "2");
    app_wait(vt, "结余 249.50");
    app_wait(vt, "制作宣传展板");
    app_settle(vt);
    char row[512];
    app_text_at(vt, app_row_of(vt, "制作宣传展板"), 0, row, sizeof row);
    APP_CHECK(vt, strstr(row, "249.50") != NULL);
    char csv[4096];
    export_to(vt, a, "导出经费台账（xlsx/CSV）", "经费.csv", "已导出 3 条记录到", csv, sizeof csv);
    APP_CHECK(vt, strstr(csv, "制作宣传展板") && strstr(csv, "249.50") && strstr(csv, TITLE));
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 1, "申报");
}

/* A new note of `kind` from the notes screen; the cursor starts on 日期. */
static void new_note(struct vt *vt, const char *kind)
{
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新增哪一类记录");
    pick(vt, kind);
    char status[64];
    snprintf(status, sizeof status, "新增%s", kind);
    app_wait_row(vt, 21, status);
    app_settle(vt);
    app_wait(vt, "日期：" APP_TODAY);
}

static void notes(struct vt *vt, const struct app *a, const char *id)
{
    vt_key(vt, VT_KEY_F9);
    pick(vt, "阶段小结与检查记录");
    app_wait(vt, "暂无记录，按 F6 新增");

    new_note(vt, "阶段小结");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "走访联系户32户，收集意见12条");
    vt_key(vt, VT_KEY_TAB);
    vt_type(vt, "部分党员参与不足");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存 " APP_TODAY " 的阶段小结");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "走访联系户32户");

    new_note(vt, "中期检查");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "检查结果：");
    app_wait_cursor_after(vt, app_row_of(vt, "检查结果："), "检查结果：");
    vt_type(vt, "lh");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "已完成计划的六成");
    vt_key(vt, VT_KEY_TAB);
    vt_type(vt, "经费使用偏慢");
    vt_key(vt, VT_KEY_TAB);
    vt_type(vt, "加快进度，做好总结");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "已保存 " APP_TODAY " 的中期检查");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "良好");

    new_note(vt, "延期");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "2027-09-30");
    vt_key(vt, VT_KEY_ENTER);
    vt_type(vt, "暑期活动推迟");
    vt_key(vt, VT_KEY_F2);
    app_wait(vt, "计划完成日期改为 2027-09-30");
    vt_key(vt, VT_KEY_F3);
    app_wait(vt, "计划完成：2027-09-30");

    assert_int_equal(app_db_int(a, "SELECT count(*) FROM review_note WHERE app_id = ?1", id, NULL),
                     3);
    char text[256];
    app_db_text(a, text, sizeof text, "SELECT result || '|' || problems || '|' || opinion"
                " FROM review_note WHERE app_id = ?1 AND kind = '中期检查'", id, NULL);
    assert_string_equal(text, "良好|经费使用偏慢|加快进度，做好总结");
    app_db_text(a, text, sizeof text, "SELECT body || '|' || problems FROM review_note"
                " WHERE app_id = ?1 AND kind = '阶段小结'", id, NULL);
    assert_string_equal(text, "走访联系户32户，收集意见12条|部分党员参与不足");
    app_db_text(a, text, sizeof text, "SELECT ends_on FROM review_app WHERE id = ?1", id, NULL);
    assert_string_equal(text, "2027-09-30");
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 1, "申报");
}

static void evidence(struct vt *vt, const struct app *a)
{
    vt_key(vt, VT_KEY_F9);
    pick(vt, "工作实绩");
    app_wait_row(vt, 1, "记录中的事实");
    app_wait(vt, "三会一课");
    app_wait(vt, "支委会：应开");
    static char text[65536];
    export_to(vt, a, NULL, "事实.txt", "已导出 1 份到", text, sizeof text);
    APP_CHECK(vt, strstr(text, TITLE) && strstr(text, "三会一课") && strstr(text, "支委会：应开"));
    vt_key(vt, VT_KEY_F3);
    app_wait_row(vt, 1, "申报");
}

/* F9 → 导出表格 → 项目申报表: the proposed file is a PDF, and pdftotext
 * reads the project's title in it. */
static void paper_form(struct vt *vt, const struct app *a)
{
    char path[PATH_MAX + 64], cmd[PATH_MAX + 128], text[8192];
    vt_key(vt, VT_KEY_F9);
    pick(vt, "导出表格");
    pick(vt, "项目申报表");
    app_wait(vt, "文件名：");
    app_wait(vt, ".pdf");
    snprintf(path, sizeof path, "%s/申报表.pdf", a->dir);
    vt_send(vt, "\x15", 1);
    vt_type(vt, path);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "已导出 1 份到");
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - | tr -d ' \\n'", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(text, 1, sizeof text - 1, p);
    text[n] = 0;
    assert_int_equal(pclose(p), 0);
    APP_CHECK(vt, strstr(text, "项目申报表") && strstr(text, "联户"));
}

static void records_of_a_project(void **state)
{
    struct app *a = *state;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)approved_project(a));
    struct vt *vt = app_start(a, 24, 80, "zh_CN.UTF-8");
    open_project(vt);
    funds(vt, a, id);
    notes(vt, a, id);
    evidence(vt, a);
    paper_form(vt, a);
    app_quit(vt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(records_of_a_project, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
