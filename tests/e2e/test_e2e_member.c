/* test_e2e_member.c — 党员管理 driven as an operator would (issue 3's
 * acceptance tests): two members entered in entry mode with Ctrl-D carrying
 * 所在支部, a member found by pinyin initials, a wrong check digit keeping
 * the form, a transfer out changing the counts, a GB18030 roster with one
 * bad row refused whole, and a 发展对象 received as 预备党员. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"

#define UTF8_LOCALE "zh_CN.UTF-8"
#define GB_LOCALE "zh_CN.GB18030"
#define BRANCH "驿亭社区党支部"
#define ACTIVE "SELECT count(*) FROM member WHERE status = '正常'"

static int setup(void **state) { return app_setup(state); }
static int teardown(void **state) { return app_teardown(state); }

static void key(struct vt *vt, enum vt_keyname k)
{
    vt_key(vt, k);
}

/* Text, then Enter to the next field. */
static void field(struct vt *vt, const char *text)
{
    if (*text)
        vt_type(vt, text);
    vt_key(vt, VT_KEY_ENTER);
}

/* 主菜单 → 3 党员管理 → 1 党员台账, with the count line showing. */
static void open_roster(struct vt *vt)
{
    vt_type(vt, "3");
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "1");
    app_wait_row(vt, 2, "在册党员");
    app_settle(vt);
}

static void expect_count(struct app *a, struct vt *vt, long n)
{
    char want[64];
    snprintf(want, sizeof want, "在册党员 %ld 人", n);
    app_wait_row(vt, 2, want);
    assert_int_equal(app_db_int(a, ACTIVE, NULL, NULL), n);
}

/* One member typed into the form, field by field; the branch is typed or,
 * when NULL, copied from the member saved before with Ctrl-D. */
static void enter_member(struct vt *vt, const char *name, const char *id, const char *education,
                         const char *joined, const char *confirmed, const char *branch)
{
    field(vt, name);
    field(vt, id);
    app_wait(vt, "已按身份证号填写出生日期");
    field(vt, "");            /* 性别, filled from the ID */
    field(vt, "");            /* 出生日期, filled from the ID */
    field(vt, "");            /* 民族: 汉族 */
    field(vt, education);     /* 学历: "" or as a roster writes it (大专) */
    field(vt, "zs");          /* 人员类别: 正式党员 by its initials */
    field(vt, "");            /* 联系电话 */
    field(vt, joined);
    field(vt, confirmed);
    field(vt, "");            /* 延长预备期 */
    if (branch) {
        field(vt, branch);
    } else {
        key(vt, VT_KEY_CTRL_D);
        app_wait(vt, "已复制上一条记录的内容（同上）");
        app_wait(vt, "所在支部：" BRANCH);
    }
    key(vt, VT_KEY_F2);
}

static void entry_mode_with_ctrl_d(void **state)
{
    struct app *a = *state;
    long before = app_db_int(a, ACTIVE, NULL, NULL);
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_roster(vt);
    expect_count(a, vt, before);
    key(vt, VT_KEY_F6);
    app_wait(vt, "新增（连续录入");
    unsigned long start = vt_keystrokes(vt);
    enter_member(vt, "甲测试", "330682198503129878", "", "2010-07-01", "2011-07-01", "驿亭社区");
    app_wait(vt, "已保存「甲测试」，可继续录入下一名党员");
    app_wait_cursor_after(vt, 2, "姓名：");
    enter_member(vt, "乙测试", "330682199010039887", "大专", "2015.7.1", "20160701", NULL);
    app_wait(vt, "已保存「乙测试」");
    /* keystroke economy: the 88 characters typed, plus one key for each of
     * the 12 fields passed (Enter, or Ctrl-D for 所在支部) and one to save */
    assert_int_equal(vt_keystrokes(vt) - start, 88 + 2 * (12 + 1));
    char org[256], gender[16];
    app_db_text(a, org, sizeof org, "SELECT o.name FROM member m JOIN org o ON o.id = m.org_id"
                " WHERE m.name = ?1", "乙测试", NULL);
    assert_string_equal(org, BRANCH);
    app_db_text(a, gender, sizeof gender, "SELECT gender || birth_date FROM member WHERE name = ?1",
                "乙测试", NULL);
    assert_string_equal(gender, "女1990-10-03");
    /* 大专, as a roster writes it, is the dictionary's 大学专科 */
    app_db_text(a, gender, sizeof gender, "SELECT education FROM member WHERE name = ?1",
                "乙测试", NULL);
    assert_string_equal(gender, "大学专科");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member m JOIN org o ON o.id = m.org_id"
                                " WHERE o.name = ?1 AND m.name IN ('甲测试', '乙测试')"
                                " AND m.joined_on IN ('2010-07-01', '2015-07-01')", BRANCH, NULL), 2);
    key(vt, VT_KEY_ESC);
    expect_count(a, vt, before + 2);
    app_quit(vt);
}

/* In a GB18030 terminal: hh finds 洪辉, the secretary of 驿亭社区党支部. */
static void find_by_pinyin_initials(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, GB_LOCALE);
    open_roster(vt);
    key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, "hh");
    key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "查找：hh");
    int row = app_row_of(vt, "洪辉");
    assert_true(row >= 4 && row <= 20);
    char line[512];
    vt_row(vt, row, line, sizeof line);
    assert_non_null(strstr(line, BRANCH));
    long listed = app_db_int(a, "SELECT count(*) FROM member WHERE status = '正常'"
                             " AND name_py LIKE 'hh%'", NULL, NULL);
    char want[64];
    snprintf(want, sizeof want, "共 %ld 条", listed);
    app_wait_row(vt, 21, want);
    app_quit(vt);
}

static void wrong_check_digit_keeps_the_form(void **state)
{
    struct app *a = *state;
    long before = app_db_int(a, "SELECT count(*) FROM member", NULL, NULL);
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_roster(vt);
    key(vt, VT_KEY_F6);
    app_wait(vt, "新增（连续录入");
    field(vt, "丙测试");
    field(vt, "330682198503129870");
    app_wait_row(vt, 22, "「身份证号」校验位错误，应为 8");
    /* still in the field, everything typed kept */
    app_wait_cursor_after(vt, 2, "身份证号：330682198503129870");
    app_wait_row(vt, 2, "姓名：丙测试");
    key(vt, VT_KEY_BACKSPACE);
    vt_type(vt, "8");
    key(vt, VT_KEY_ENTER);
    app_wait(vt, "已按身份证号填写出生日期 1985-03-12、性别 男");
    key(vt, VT_KEY_F2);
    app_wait_row(vt, 22, "「人员类别」不能为空");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member", NULL, NULL), before);
    /* F10 with the refused record: 保存后退出 is refused the same way and
     * keeps the form; 不保存 leaves. */
    key(vt, VT_KEY_F10);
    app_wait(vt, "退出系统前保存修改？");
    vt_type(vt, "1");
    app_wait_gone(vt, "退出系统前保存修改？");
    app_wait_row(vt, 22, "「人员类别」不能为空");
    app_wait_row(vt, 2, "姓名：丙测试");
    key(vt, VT_KEY_F10);
    app_wait(vt, "否，不保存，退出");
    vt_type(vt, "2");
    app_wait_exit(vt, "否，不保存，退出");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member", NULL, NULL), before);
}

static void transfer_out_changes_the_counts(void **state)
{
    struct app *a = *state;
    long before = app_db_int(a, ACTIVE, NULL, NULL);
    long branch = app_db_int(a, ACTIVE " AND org_id = (SELECT id FROM org WHERE name = ?1)",
                             BRANCH, NULL);
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_roster(vt);
    key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, "洪辉");
    key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
    key(vt, VT_KEY_F8);
    app_wait(vt, "为洪辉办理（现为正常）");
    vt_type(vt, "1");
    app_wait(vt, "转出：洪辉");
    app_wait(vt, "不计入在册人数");
    field(vt, "");                        /* 转出日期: today */
    field(vt, "中共上虞区百官街道委员会");
    field(vt, "驿组转字〔2026〕21号");
    field(vt, "");                        /* 有效期 30 天 */
    vt_send(vt, "\x15", 1);              /* Ctrl-U: clear what the dues ledger filled in */
    field(vt, "2026-10");                 /* 党费交至 */
    field(vt, "");                        /* 说明, the last: saves */
    app_wait_row(vt, 22, "已为洪辉办理转出");
    expect_count(a, vt, before - 1);
    assert_int_equal(app_db_int(a, ACTIVE " AND org_id = (SELECT id FROM org WHERE name = ?1)",
                                BRANCH, NULL), branch - 1);
    char ev[256];
    app_db_text(a, ev, sizeof ev, "SELECT v.date || '|' || v.to_org || '|' || v.valid_days || '|'"
                " || v.dues_paid_to || '|' || m.status FROM member_event v JOIN member m"
                " ON m.id = v.member_id WHERE m.name = ?1 AND v.type = '转出'", "洪辉", NULL);
    assert_string_equal(ev, APP_TODAY "|中共上虞区百官街道委员会|30|2026-10|转出");
    /* the structure counts agree with the roster */
    key(vt, VT_KEY_ESC);
    app_wait(vt, "1. 党员台账");
    vt_type(vt, "3");
    char want[64];
    snprintf(want, sizeof want, "在册党员 %ld 人", before - 1);
    app_wait_row(vt, 2, want);
    app_quit(vt);
}

/* utf8 written as GB18030 to path. */
static void write_gb18030(const char *path, const char *utf8)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    char buf[4096], *in = (char *)utf8, *out = buf;
    size_t inleft = strlen(utf8), outleft = sizeof buf;
    assert_true(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
    iconv_close(cd);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(buf, 1, sizeof buf - outleft, f);
    fclose(f);
}

/* `dangjian import members path`: its exit status and what it printed. */
static int run_import(const struct app *a, const char *path, char *report, size_t cap)
{
    char log[PATH_MAX + 16];
    snprintf(log, sizeof log, "%s/import.log", a->dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 1);
        dup2(fd, 2);
        setenv("DJ_TODAY", APP_TODAY, 1);
        setenv("LC_ALL", "C.UTF-8", 1);
        execl(APP_PROGRAM, APP_PROGRAM, "--config", a->ini, "import", "members", path, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    FILE *f = fopen(log, "r");
    assert_non_null(f);
    size_t n = fread(report, 1, cap - 1, f);
    report[n] = 0;
    fclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void gb18030_import_with_a_bad_row_stores_nothing(void **state)
{
    struct app *a = *state;
    char path[PATH_MAX + 16], report[4096];
    snprintf(path, sizeof path, "%s/名册.csv", a->dir);
    static const char head[] = "姓名,性别,出生日期,身份证号,人员类别,入党日期,转正日期,所在党组织\r\n"
                               "丙导入,男,1977-07-07,330682197707079978,正式党员,2000-07-01,2001-07-01,驿亭社区党支部\r\n";
    static const char tail[] = "戊导入,女,1990-10-03,330682199010039887,预备党员,2026-06-01,,镇机关党支部\r\n";
    char csv[2048];
    snprintf(csv, sizeof csv, "%s丁导入,男,1985-03-12,%s,正式党员,2005-07-01,2006-07-01,镇机关党支部\r\n%s",
             head, "330682198503129870", tail);
    write_gb18030(path, csv);
    long before = app_db_int(a, "SELECT count(*) FROM member", NULL, NULL);
    assert_int_equal(run_import(a, path, report, sizeof report), 1);
    if (!strstr(report, "第 3 行「身份证号」值「330682198503129870」：「身份证号」校验位错误，应为 8"))
        fail_msg("report: %s", report);
    assert_null(strstr(report, "第 2 行"));
    assert_null(strstr(report, "第 4 行"));
    assert_non_null(strstr(report, "导入失败：没有导入任何记录"));
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member", NULL, NULL), before);
    /* corrected, the same file goes in whole */
    snprintf(csv, sizeof csv, "%s丁导入,男,1985-03-12,%s,正式党员,2005-07-01,2006-07-01,镇机关党支部\r\n%s",
             head, "330682198503129878", tail);
    write_gb18030(path, csv);
    assert_int_equal(run_import(a, path, report, sizeof report), 0);
    assert_non_null(strstr(report, "已导入 3 条党员记录"));
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member", NULL, NULL), before + 3);
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member WHERE name = '戊导入'"
                                " AND category = '预备党员' AND name_py = 'wdr'", NULL, NULL), 1);
}

/* A 发展对象 of the demo taken to 预备党员 on the form: the next step's
 * fields filled, F9, and the member record appears in the roster.  The
 * steps of the 发展程序 that fall between the dates typed here are made
 * optional, as an office may ([develop] optional); test_e2e_devstep.c
 * records them on their screen. */
static void development_path_creates_the_member(void **state)
{
    struct app *a = *state;
    FILE *ini = fopen(a->ini, "a");
    assert_non_null(ini);
    fputs("\n[develop]\noptional = 支委会审查, 上级预审, 入党志愿书, 派人谈话\n", ini);
    fclose(ini);
    char name[64], mentor1[64], mentor2[64];
    app_db_text(a, name, sizeof name, "SELECT name FROM dev_case WHERE stage = '发展对象'"
                " ORDER BY id LIMIT 1", NULL, NULL);
    app_db_text(a, mentor1, sizeof mentor1, "SELECT mentor1 FROM dev_case WHERE name = ?1", name, NULL);
    app_db_text(a, mentor2, sizeof mentor2, "SELECT mentor2 FROM dev_case WHERE name = ?1", name, NULL);
    long before = app_db_int(a, ACTIVE " AND category = '预备党员'", NULL, NULL);
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    vt_type(vt, "3");
    app_wait(vt, "4. 发展党员");
    vt_type(vt, "4");
    app_wait_row(vt, 2, "发展对象 3");
    key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, name);
    key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "共 1 条");
    key(vt, VT_KEY_ENTER);
    app_wait(vt, "下一步（F9）：接收为预备党员");
    for (int i = 0; i < 16; i++)   /* to 政审日期, past the person and earlier steps */
        key(vt, VT_KEY_TAB);
    app_wait_cursor_after(vt, app_row_of(vt, "政审日期："), "政审日期：");
    field(vt, "2026-11-01");
    field(vt, mentor1);            /* 入党介绍人: two 正式党员 */
    field(vt, mentor2);
    field(vt, "2026-11-10");       /* 支部大会 */
    field(vt, "2026-11-15");       /* 党委审批 */
    key(vt, VT_KEY_F9);
    app_wait(vt, "1. 接收为预备党员");
    vt_type(vt, "1");
    app_wait_row(vt, 22, "已办理：接收为预备党员，党员台账中已建立其预备党员记录");
    app_wait(vt, "阶段：预备党员");
    app_wait(vt, "预备期满：2027-11-10");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member m JOIN dev_case c ON c.member_id"
                                " = m.id WHERE c.name = ?1 AND m.category = '预备党员'"
                                " AND m.joined_on = '2026-11-10' AND m.status = '正常'", name, NULL), 1);
    assert_int_equal(app_db_int(a, ACTIVE " AND category = '预备党员'", NULL, NULL), before + 1);
    app_quit(vt);
}

/* F10 in a form with a change asks whether to save first (退出系统？'s
 * default 是 used to drop what was typed): Esc stays with the text, 是 saves
 * and leaves the program. */
static void f10_in_a_changed_form_saves_first(void **state)
{
    struct app *a = *state;
    struct vt *vt = app_start(a, 24, 80, UTF8_LOCALE);
    open_roster(vt);
    key(vt, VT_KEY_F7);
    app_settle(vt);
    vt_type(vt, "hh");
    key(vt, VT_KEY_ENTER);
    app_wait_row(vt, 21, "查找：hh");
    app_settle(vt);
    int row = app_row_of(vt, "洪辉");
    assert_true(row >= 4 && row <= 20);
    while (app_selected_row(vt, 4, 20, 1) < row)
        key(vt, VT_KEY_DOWN), app_settle(vt);
    key(vt, VT_KEY_ENTER);
    app_wait(vt, "姓名：洪辉");
    key(vt, VT_KEY_END);
    vt_type(vt, "甲");
    app_wait(vt, "姓名：洪辉甲");
    key(vt, VT_KEY_F10);
    app_wait(vt, "退出系统前保存修改？");
    key(vt, VT_KEY_ESC);
    app_wait_gone(vt, "退出系统前保存修改？");
    app_wait(vt, "姓名：洪辉甲");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member WHERE name = '洪辉甲'", NULL, NULL),
                     0);
    key(vt, VT_KEY_F10);
    app_wait(vt, "是，保存后退出");
    key(vt, VT_KEY_ENTER);
    app_wait_exit(vt, "是，保存后退出");
    assert_int_equal(app_db_int(a, "SELECT count(*) FROM member WHERE name = '洪辉甲'", NULL, NULL),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(entry_mode_with_ctrl_d, setup, teardown),
        cmocka_unit_test_setup_teardown(find_by_pinyin_initials, setup, teardown),
        cmocka_unit_test_setup_teardown(f10_in_a_changed_form_saves_first, setup, teardown),
        cmocka_unit_test_setup_teardown(wrong_check_digit_keeps_the_form, setup, teardown),
        cmocka_unit_test_setup_teardown(transfer_out_changes_the_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(gb18030_import_with_a_bad_row_stores_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(development_path_creates_the_member, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
