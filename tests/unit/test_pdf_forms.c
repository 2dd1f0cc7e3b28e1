/* The printed forms, read back by an independent reader: poppler's
 * pdftotext finds every field of the 介绍信 (𠮷 and 䶮 included) in each of
 * its three parts, pdfinfo counts the pages (60 members make a 签到表 of
 * several pages, a long 会议记录 runs over), pdftoppm renders each form's
 * first and last page; records outside the operator's scope are refused,
 * and an existing file is not replaced unless permitted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/outfile.h"
#include "demo/demo.h"
#include "docs/forms.h"
#include "grading/grading.h"
#include "orglife/attendance.h"
#include "orglife/meeting.h"
#include "fixture.h"
#include "pdf_read.h"

/* pdftoppm draws the page into a PNG of some size. */
static void renders(const char *path, int page)
{
	char cmd[600], png[300];
	snprintf(png, sizeof png, "%s-p%d", path, page);
	snprintf(cmd, sizeof cmd, "pdftoppm -r 30 -png -singlefile -f %d -l %d '%s' '%s'", page, page,
	         path, png);
	assert_int_equal(system(cmd), 0);
	strcat(png, ".png");
	struct stat st;
	assert_int_equal(stat(png, &st), 0);
	assert_true(st.st_size > 1000);
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void file_in(const struct fixture *f, const char *name, char *out, size_t cap)
{
	snprintf(out, cap, "%s/%s", f->t.dir, name);
}

/* 𠮷祥 of 东村党支部, transferred out to 䶮山村党支部🏠 with letter 17. */
static int64_t moved_member(struct fixture *f, int64_t *event_id)
{
	struct member m = fx_member("𠮷祥", "男", "1980-05-17", "东村党支部");
	snprintf(m.ethnicity, sizeof m.ethnicity, "回族");
	int64_t id = fx_add(f->s, m);
	assert_true(id > 0);
	assert_int_equal(member_load(f->s, id, &m, NULL), 0);
	struct member_event ev = { 0 };
	snprintf(ev.type, sizeof ev.type, "转出");
	snprintf(ev.date, sizeof ev.date, "2026-11-03");
	snprintf(ev.to_org, sizeof ev.to_org, "中共䶮山村党支部🏠");
	snprintf(ev.letter_no, sizeof ev.letter_no, "17");
	snprintf(ev.valid_days, sizeof ev.valid_days, "30");
	snprintf(ev.dues_paid_to, sizeof ev.dues_paid_to, "2026-10");
	struct dj_err e;
	int rc = member_record_event(f->s, id, m.version, &ev, &e);
	if (rc)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, 0);
	*event_id = ev.id;
	return id;
}

static void letter_holds_every_field(void **state)
{
	struct fixture *f = *state;
	int64_t ev;
	int64_t id = moved_member(f, &ev);
	struct member m;
	assert_int_equal(member_load(f->s, id, &m, NULL), 0);
	char path[200];
	file_in(f, "介绍信.pdf", path, sizeof path);
	struct dj_err e;
	int pages = 0;
	assert_int_equal(form_letter_pdf(f->s, ev, path, &pages, &e), 0);
	assert_int_equal(pages, 1);
	assert_int_equal(pdf_pages(path), 1);
	renders(path, 1);
	char *t = pdf_words(path);
	/* the three parts, each with its number */
	assert_non_null(strstr(t, "党员组织关系介绍信（存根）"));
	assert_non_null(strstr(t, "党员组织关系介绍信（回执）"));
	assert_true(count_of(t, "（2026）第17号") >= 3);
	assert_non_null(strstr(t, "骑缝"));
	/* 𠮷祥 in the stub, the letter and the receipt */
	assert_true(count_of(t, "𠮷祥") >= 3);
	assert_non_null(strstr(t, m.id_number));
	assert_non_null(strstr(t, "东村党支部"));
	assert_non_null(strstr(t, "中共䶮山村党支部🏠"));
	assert_non_null(strstr(t, "由东村党支部去中共䶮山村党支部🏠"));
	assert_non_null(strstr(t, "𠮷祥同志（男），46岁，回族，系中共正式党员"));
	assert_non_null(strstr(t, "党费已交到2026年10月"));
	assert_non_null(strstr(t, "有效期叁拾天"));
	assert_non_null(strstr(t, "二〇二六年十一月三日"));
	assert_non_null(strstr(t, "已转达我处，特此回执"));
	free(t);

	char name[128];
	assert_int_equal(form_file_name(f->s, FORM_LETTER, ev, name, sizeof name, &e), 0);
	assert_string_equal(name, "介绍信-𠮷祥-2026-11-03.pdf");
}

/* A destination of 40 characters does not fit the stub's box: it is set
 * smaller and wrapped, and every character is still there. */
static void long_text_is_shrunk_not_cut(void **state)
{
	struct fixture *f = *state;
	const char *dest = "中共浙江省绍兴市上虞区百官街道城东社区第一网格党支部第二党小组暨𠮷䶮联合党支部";
	struct member m = fx_member("王长文", "女", "1990-02-01", "东村党支部");
	int64_t id = fx_add(f->s, m);
	assert_int_equal(member_load(f->s, id, &m, NULL), 0);
	struct member_event ev = { 0 };
	snprintf(ev.type, sizeof ev.type, "转出");
	snprintf(ev.date, sizeof ev.date, "2026-11-03");
	snprintf(ev.to_org, sizeof ev.to_org, "%s", dest);
	snprintf(ev.letter_no, sizeof ev.letter_no, "驿组转字〔2026〕9号");
	snprintf(ev.valid_days, sizeof ev.valid_days, "90");
	snprintf(ev.dues_paid_to, sizeof ev.dues_paid_to, "2026-10");
	struct dj_err e;
	assert_int_equal(member_record_event(f->s, id, m.version, &ev, &e), 0);
	char path[200];
	file_in(f, "长.pdf", path, sizeof path);
	assert_int_equal(form_letter_pdf(f->s, ev.id, path, NULL, &e), 0);
	char *t = pdf_words(path);
	/* in the stub's 去 box, the letter's salutation and its body */
	assert_int_equal(count_of(t, dest), 3);
	assert_true(count_of(t, "驿组转字〔2026〕9号") >= 3);   /* stored as typed */
	assert_non_null(strstr(t, "有效期玖拾天"));
	free(t);
}

static void letter_only_for_a_move_out_in_scope(void **state)
{
	struct fixture *f = *state;
	int64_t ev;
	moved_member(f, &ev);
	char path[200];
	file_in(f, "x.pdf", path, sizeof path);
	struct dj_err e;
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->b;   /* 西村党支部 only */
	assert_int_equal(form_letter_pdf(f->s, ev, path, NULL, &e), DJ_DENIED);
	assert_non_null(strstr(e.msg, "管辖范围"));
	struct stat st;
	assert_int_not_equal(stat(path, &st), 0);
	f->s->scope_org = f->a;
	assert_int_equal(form_letter_pdf(f->s, ev, path, NULL, &e), 0);

	/* a 转入 is no move out */
	sqlite3_int64 other;
	sqlite3_stmt *st2;
	assert_int_equal(sqlite3_prepare_v2(f->s->db, "INSERT INTO member_event(member_id, type, date)"
	                                    " SELECT member_id, '流出', '2026-11-05' FROM member_event"
	                                    " WHERE id = ?", -1, &st2, NULL), SQLITE_OK);
	sqlite3_bind_int64(st2, 1, ev);
	assert_int_equal(sqlite3_step(st2), SQLITE_DONE);
	sqlite3_finalize(st2);
	other = sqlite3_last_insert_rowid(f->s->db);
	outfile_permit_replace(path);
	assert_int_equal(form_letter_pdf(f->s, other, path, NULL, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "转出"));
	assert_int_equal(form_letter_pdf(f->s, 999999, path, NULL, &e), DJ_NOTFOUND);
}

static void existing_file_kept_unless_permitted(void **state)
{
	struct fixture *f = *state;
	int64_t ev;
	moved_member(f, &ev);
	char path[200];
	file_in(f, "已有.pdf", path, sizeof path);
	fx_write_file(path, "old");
	struct dj_err e;
	assert_int_not_equal(form_letter_pdf(f->s, ev, path, NULL, &e), 0);
	char *t = run_text("true");
	free(t);
	FILE *in = fopen(path, "r");
	char buf[8] = "";
	assert_non_null(fgets(buf, sizeof buf, in));
	fclose(in);
	assert_string_equal(buf, "old");
	outfile_permit_replace(path);
	assert_int_equal(form_letter_pdf(f->s, ev, path, NULL, &e), 0);
	assert_int_equal(pdf_pages(path), 1);
}

/* A branch of n members and a meeting of it; the sheet saved with the
 * second member on leave (事由 出差) and the third absent, when `signed`. */
static int64_t big_meeting(struct fixture *f, int n, int sign, const char *minutes)
{
	for (int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "党员%02d号", i + 1);
		fx_member_row(f->s, f->b, name, i % 2 ? "女" : "男", "job", "村民");
	}
	struct meeting m = { 0 };
	snprintf(m.org, sizeof m.org, "西村党支部");
	snprintf(m.type, sizeof m.type, "支部党员大会");
	snprintf(m.date, sizeof m.date, "2026-11-20");
	snprintf(m.topic, sizeof m.topic, "学习贯彻全会精神😀");
	snprintf(m.host, sizeof m.host, "党员01号");
	snprintf(m.recorder, sizeof m.recorder, "党员02号");
	snprintf(m.minutes, sizeof m.minutes, "%s", minutes);
	struct dj_err e;
	int rc = meeting_save(f->s, &m, &e);
	if (rc)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, 0);
	if (sign) {
		struct att_sheet sh;
		assert_int_equal(attendance_load(f->s, m.id, &sh, &e), 0);
		assert_int_equal(sh.n, n);
		sh.rows[1].state = ATT_LEAVE;
		snprintf(sh.rows[1].reason, sizeof sh.rows[1].reason, "外出务工");
		sh.rows[2].state = ATT_ABSENT;
		assert_int_equal(attendance_save(f->s, &sh, &e), 0);
		attendance_free(&sh);
	}
	return m.id;
}

static void signin_of_sixty_runs_over_pages(void **state)
{
	struct fixture *f = *state;
	int64_t id = big_meeting(f, 60, 1, "");
	char path[200];
	struct dj_err e;
	int pages = 0;
	file_in(f, "签到表-空白.pdf", path, sizeof path);
	assert_int_equal(form_signin_pdf(f->s, id, 1, path, &pages, &e), 0);
	assert_true(pages >= 2);
	assert_int_equal(pdf_pages(path), pages);
	renders(path, 1);
	renders(path, pages);
	char *t = pdf_words(path);
	char want[64];
	snprintf(want, sizeof want, "第%d页共%d页", pages, pages);
	assert_non_null(strstr(t, want));
	assert_int_equal(count_of(t, "支部党员大会签到表"), pages);   /* heading on every page */
	assert_int_equal(count_of(t, "签名"), pages);
	assert_non_null(strstr(t, "党员01号"));
	assert_non_null(strstr(t, "党员60号"));
	assert_non_null(strstr(t, "学习贯彻全会精神😀"));
	assert_null(strstr(t, "外出务工"));   /* blank: nothing recorded shows */
	free(t);

	file_in(f, "签到表.pdf", path, sizeof path);
	assert_int_equal(form_signin_pdf(f->s, id, 0, path, &pages, &e), 0);
	assert_true(pages >= 2);
	assert_int_equal(pdf_pages(path), pages);
	renders(path, pages);
	t = pdf_words(path);
	assert_non_null(strstr(t, "外出务工"));
	assert_non_null(strstr(t, "应到60人实到58人请假1人缺席1人"));
	free(t);
}

static void signin_filled_needs_a_saved_sheet(void **state)
{
	struct fixture *f = *state;
	int64_t id = big_meeting(f, 3, 0, "");
	char path[200];
	struct dj_err e;
	file_in(f, "s.pdf", path, sizeof path);
	assert_int_equal(form_signin_pdf(f->s, id, 0, path, NULL, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "空白签到表"));
	int pages;
	assert_int_equal(form_signin_pdf(f->s, id, 1, path, &pages, &e), 0);
	assert_int_equal(pages, 1);
}

static void minutes_wrap_over_pages(void **state)
{
	struct fixture *f = *state;
	char text[4000] = "";
	/* about 130 lines of a sentence each: more than a page */
	for (int i = 1; strlen(text) + 40 < sizeof text; i++) {
		char line[64];
		snprintf(line, sizeof line, "第%d条议程讨论通过。\n", i);
		strcat(text, line);
	}
	int64_t id = big_meeting(f, 5, 1, text);
	char path[200];
	struct dj_err e;
	int pages = 0;
	file_in(f, "会议记录.pdf", path, sizeof path);
	assert_int_equal(form_minutes_pdf(f->s, id, path, &pages, &e), 0);
	assert_true(pages >= 2);
	assert_int_equal(pdf_pages(path), pages);
	renders(path, pages);
	char *t = pdf_words(path);
	assert_non_null(strstr(t, "学习贯彻全会精神😀"));
	assert_non_null(strstr(t, "第1条议程讨论通过。"));
	char last[64];
	int n = count_of(text, "\n");
	snprintf(last, sizeof last, "第%d条议程讨论通过。", n);
	assert_non_null(strstr(t, last));   /* nothing lost at the end */
	assert_non_null(strstr(t, "党员02号（外出务工）"));
	assert_non_null(strstr(t, "应到5人实到3人请假1人缺席1人"));
	free(t);
}

static void member_sheet_with_history(void **state)
{
	struct fixture *f = *state;
	int64_t ev;
	int64_t id = moved_member(f, &ev);
	struct member m;
	assert_int_equal(member_load(f->s, id, &m, NULL), 0);
	char path[200];
	struct dj_err e;
	int pages = 0;
	file_in(f, "采集表.pdf", path, sizeof path);
	assert_int_equal(form_member_pdf(f->s, id, path, &pages, &e), 0);
	assert_int_equal(pdf_pages(path), pages);
	renders(path, 1);
	char *t = pdf_words(path);
	assert_non_null(strstr(t, "党员信息采集表"));
	assert_non_null(strstr(t, "𠮷祥"));
	assert_non_null(strstr(t, m.id_number));
	assert_non_null(strstr(t, "13905751234"));
	assert_non_null(strstr(t, "回族"));
	assert_non_null(strstr(t, "照片"));
	assert_non_null(strstr(t, "中共䶮山村党支部🏠"));
	assert_non_null(strstr(t, "转出"));
	free(t);
	assert_int_equal(form_member_by_id_number(f->s, m.id_number), id);
	assert_int_equal(form_member_by_id_number(f->s, "110101199003077777"), 0);
}

static void grading_ledger_of_the_demo(void **state)
{
	(void)state;
	setenv("DJ_TODAY", FX_TODAY, 1);
	struct testdb t;
	testdb_open(&t);
	struct dj_err e = { 0 };
	int rc = demo_populate(&t.s, &e);   /* the whole township, grading rounds included */
	if (rc)
		fprintf(stderr, "demo: %s\n", e.msg);
	assert_int_equal(rc, 0);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t.s.db, "SELECT id, (SELECT count(*) FROM grading_result r"
	                                    " WHERE r.round_id = g.id) FROM grading_round g"
	                                    " ORDER BY id LIMIT 1", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t round = sqlite3_column_int64(st, 0);
	int orgs = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	char path[200];
	snprintf(path, sizeof path, "%s/定级台账.pdf", t.dir);
	int pages = 0;
	assert_int_equal(form_grading_pdf(&t.s, round, path, &pages, &e), 0);
	assert_int_equal(pdf_pages(path), pages);
	assert_true(pages >= 2);   /* the ledger, then a page per source at least */
	renders(path, 1);
	char *text = pdf_words(path);
	char want[64];
	snprintf(want, sizeof want, "合计%d个组织", orgs);
	assert_non_null(strstr(text, want));
	assert_non_null(strstr(text, "定级台账"));
	assert_non_null(strstr(text, "党组织带头人"));
	free(text);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(letter_holds_every_field),
		FX_TEST(long_text_is_shrunk_not_cut),
		FX_TEST(letter_only_for_a_move_out_in_scope),
		FX_TEST(existing_file_kept_unless_permitted),
		FX_TEST(signin_of_sixty_runs_over_pages),
		FX_TEST(signin_filled_needs_a_saved_sheet),
		FX_TEST(minutes_wrap_over_pages),
		FX_TEST(member_sheet_with_history),
		cmocka_unit_test(grading_ledger_of_the_demo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
