/* test_bulletin.c — the 通报 draft lists exactly what the records hold: a
 * fixture where 西村 missed October's 支委会 and its 月报 and 南村第一's
 * rectification is overdue; the draft names those two in their sections and
 * only 东村 on the good side.  Also the title's period words, an empty period's draft,
 * a period refused by field, and a saved 通报 with its 文号. */
#include "fixture.h"

#include "bulletin/bulletin.h"
#include "core/db.h"

/* Only 支委会 (monthly) is required, so the shortfalls are the ones typed. */
static void committee_only(struct fixture *f)
{
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/b.ini", f->t.dir);
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fprintf(out, "[database]\npath = %s\n\n[meetings]\nbranch_congress = 0\ncommittee = 1\n"
	        "group = 0\nlecture = 0\nlife = 0\nreview = 0\ntheme_day = 0\n", f->t.path);
	fclose(out);
	config_free(&f->t.cfg);
	assert_int_equal(config_load(&f->t.cfg, path, why, sizeof why), 0);
}

static void exec(struct fixture *f, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(f->s->db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

static void meeting(struct fixture *f, int64_t org, const char *date)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO meeting(org_id, type, date, topic) VALUES"
	         " (%lld, '支委会', '%s', '研究工作')", (long long)org, date);
	exec(f, sql);
}

/* The branch's 月报 for `period` (the default duty: every 党支部, monthly),
 * in by the 28th: September's is the one October's 通报 judges (due 10-05). */
static void reported(struct fixture *f, int64_t org, const char *period)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO duty_report(org_id, duty, period, received_on,"
	         " brought_by) VALUES (%lld, '月报', '%s', '%s-28', '组织委员')", (long long)org,
	         period, period);
	exec(f, sql);
}

static void overdue_rectification(struct fixture *f, int64_t org, const char *deadline,
                                  const char *accepted)
{
	char sql[640];
	snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO grading_round(id, year, name, org_id, status,"
	         " grade1, grade2, grade3, grade4, line1, line2, line3, guide_top, guide_mid,"
	         " guide_bottom, tolerance) VALUES (1, 2026, '2026年度分类定级', %lld, '已确认',"
	         " '先进', '较好', '一般', '后进', 900, 750, 600, 30, 60, 10, 10)", (long long)f->top);
	exec(f, sql);
	snprintf(sql, sizeof sql, "INSERT INTO rectification(round_id, org_id, origin, deadline,"
	         " accepted_on) VALUES (1, %lld, '定级', '%s', %s%s%s)", (long long)org, deadline,
	         accepted ? "'" : "", accepted ? accepted : "NULL", accepted ? "'" : "");
	exec(f, sql);
}

static char *draft(struct fixture *f, int64_t root, const char *from, const char *to)
{
	char *text = NULL;
	struct dj_err e;
	if (bulletin_draft(f->s, root, from, to, &text, &e))
		fail_msg("%s", e.msg);
	assert_non_null(text);
	return text;
}

static void must_have(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("draft lacks 「%s」:\n%s", part, text);
}

/* The line of the draft that starts with `head` (after the indent). */
static void line_of(const char *text, const char *head, char *out, size_t cap)
{
	const char *p = strstr(text, head);
	out[0] = 0;
	if (!p)
		fail_msg("no line 「%s」 in:\n%s", head, text);
	const char *end = strchr(p, '\n');
	snprintf(out, cap, "%.*s", (int)(end ? end - p : (long)strlen(p)), p);
}

static void the_draft_names_exactly_the_shortfalls(void **state)
{
	struct fixture *f = *state;
	committee_only(f);
	meeting(f, f->a, "2026-10-15");
	meeting(f, f->c1, "2026-10-20");
	meeting(f, f->b, "2026-09-20");                        /* not in October */
	overdue_rectification(f, f->c1, "2026-09-30", NULL);
	overdue_rectification(f, f->a, "2026-09-30", "2026-09-28");   /* accepted in time */
	reported(f, f->a, "2026-09");
	reported(f, f->c1, "2026-09");                         /* 西村's is missing */
	char *t = draft(f, f->top, "2026-10-01", "2026-10-31");
	char line[1024];
	must_have(t, "关于2026年10月基层党建工作落实情况的通报\n");
	must_have(t, "现将中共测试镇委员会2026年10月基层党建工作落实情况通报如下");
	line_of(t, "一、", line, sizeof line);
	assert_string_equal(line, "一、月度工作汇报未按时报送的支部：西村党支部（2026-09 月报逾期未报送）。");
	line_of(t, "二、", line, sizeof line);
	assert_string_equal(line, "二、“三会一课”落实不到位的支部：西村党支部（支委会缺2026年10月）。");
	line_of(t, "三、", line, sizeof line);
	assert_string_equal(line, "三、整改逾期的党组织：南村第一党支部（2026年度分类定级整改期限"
	                          "2026-09-30，逾期未验收）。");
	line_of(t, "四、", line, sizeof line);
	assert_string_equal(line, "四、按时完成各项工作的支部：东村党支部。");
	assert_null(strstr(t, "五、"));
	assert_null(strstr(t, "南村党总支"));   /* a 总支 with branches is no branch */
	free(t);

	/* the scope narrows the draft: under 南村党总支 only its branch */
	t = draft(f, f->zz, "2026-10-01", "2026-10-31");
	assert_null(strstr(t, "西村"));
	assert_null(strstr(t, "东村"));
	line_of(t, "一、", line, sizeof line);
	assert_non_null(strstr(line, "整改逾期的党组织：南村第一党支部"));
	assert_null(strstr(t, "二、"));
	free(t);
}

static void a_clean_period_names_everyone_on_time(void **state)
{
	struct fixture *f = *state;
	committee_only(f);
	meeting(f, f->a, "2026-10-15");
	meeting(f, f->b, "2026-10-16");
	meeting(f, f->c1, "2026-10-20");
	reported(f, f->a, "2026-09");
	reported(f, f->b, "2026-09");
	reported(f, f->c1, "2026-09");
	char *t = draft(f, 0, "2026-10-01", "2026-10-31");
	char line[512];
	must_have(t, "本期未发现");
	line_of(t, "一、", line, sizeof line);
	/* tree order: the 总支's branch before the village branches */
	assert_string_equal(line, "一、按时完成各项工作的支部：南村第一党支部、东村党支部、西村党支部。");
	assert_null(strstr(t, "请以上受到通报"));
	free(t);
}

static void titles_and_periods(void **state)
{
	(void)state;
	char title[160];
	bulletin_title("2026-10-01", "2026-10-31", title, sizeof title);
	assert_string_equal(title, "关于2026年10月基层党建工作落实情况的通报");
	bulletin_title("2026-01-01", "2026-12-31", title, sizeof title);
	assert_string_equal(title, "关于2026年基层党建工作落实情况的通报");
	bulletin_title("2026-09-01", "2026-11-20", title, sizeof title);
	assert_string_equal(title, "关于2026年9月1日至11月20日基层党建工作落实情况的通报");
	bulletin_title("2026-02-01", "2026-02-27", title, sizeof title);
	assert_string_equal(title, "关于2026年2月1日至2月27日基层党建工作落实情况的通报");
}

static void a_bad_period_is_refused_by_field(void **state)
{
	struct fixture *f = *state;
	char *t = NULL;
	struct dj_err e;
	assert_int_not_equal(bulletin_draft(f->s, 0, "2026-10-31", "2026-10-01", &t, &e), 0);
	assert_string_equal(e.field, "to");
	assert_null(t);
	assert_int_not_equal(bulletin_draft(f->s, 0, "2026-13-01", "2026-10-01", &t, &e), 0);
	assert_string_equal(e.field, "from");
}

static struct bulletin saved_draft(struct fixture *f)
{
	struct bulletin b = { 0 };
	b.text = draft(f, f->top, "2026-10-01", "2026-10-31");
	bulletin_title("2026-10-01", "2026-10-31", b.title, sizeof b.title);
	snprintf(b.from, sizeof b.from, "2026-10-01");
	snprintf(b.to, sizeof b.to, "2026-10-31");
	snprintf(b.org, sizeof b.org, "中共测试镇委员会");
	snprintf(b.issued_on, sizeof b.issued_on, "2026.11.5");
	return b;
}

static void a_saved_bulletin_needs_its_number(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	struct bulletin b = saved_draft(f);
	assert_int_not_equal(bulletin_save(f->s, &b, &e), 0);
	assert_string_equal(e.field, "doc_no");
	assert_string_equal(b.issued_on, "2026.11.5");   /* what was typed stays */
	snprintf(b.doc_no, sizeof b.doc_no, "测组通〔2026〕3号");
	snprintf(b.issued_on, sizeof b.issued_on, "2026-10-30");
	assert_int_not_equal(bulletin_save(f->s, &b, &e), 0);
	assert_string_equal(e.field, "issued_on");
	snprintf(b.issued_on, sizeof b.issued_on, "2026.11.5");
	if (bulletin_save(f->s, &b, &e))
		fail_msg("%s", e.msg);
	assert_true(b.id > 0);
	assert_string_equal(b.issued_on, "2026-11-05");

	/* edited after drafting, version-checked */
	struct bulletin again;
	assert_int_equal(bulletin_load(f->s, b.id, &again, &e), 0);
	assert_string_equal(again.text, b.text);
	free(again.text);
	again.text = strdup("各党支部：\n　　改过的正文。\n");
	assert_int_equal(bulletin_save(f->s, &again, &e), 0);
	free(b.text);
	b.text = strdup("他人的正文");
	assert_int_equal(bulletin_save(f->s, &b, &e), DJ_CONFLICT);

	/* a second 通报 may not reuse the 文号 */
	struct bulletin other = saved_draft(f);
	snprintf(other.doc_no, sizeof other.doc_no, "测组通〔2026〕3号");
	assert_int_not_equal(bulletin_save(f->s, &other, &e), 0);
	assert_string_equal(e.field, "doc_no");
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'bulletin'", -1, 0), 2);

	char path[160];
	int n = 0;
	snprintf(path, sizeof path, "%s/通报.txt", f->t.dir);
	assert_int_equal(bulletin_export_text(f->s, again.id, path, stderr, &n), 0);
	FILE *in = fopen(path, "r");
	char buf[2048];
	size_t got = fread(buf, 1, sizeof buf - 1, in);
	fclose(in);
	buf[got] = 0;
	assert_non_null(strstr(buf, "测组通〔2026〕3号\n\n各党支部：\n　　改过的正文。"));
	assert_non_null(strstr(buf, "中共测试镇委员会\n二〇二六年十一月五日\n"));
	bulletin_free(&b);
	bulletin_free(&again);
	bulletin_free(&other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(titles_and_periods),
		FX_TEST(the_draft_names_exactly_the_shortfalls),
		FX_TEST(a_clean_period_names_everyone_on_time),
		FX_TEST(a_bad_period_is_refused_by_field),
		FX_TEST(a_saved_bulletin_needs_its_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
