/* test_honour_summary.c — the year's honours by title and level: what each
 * cell counts (the year, in force, under the scope; revoked and other
 * years apart), a title no longer configured kept in the sums, the export
 * read back, and the 表彰荣誉汇总表 that pdftotext reads. */
#include "fixture.h"
#include "pdf_read.h"

#include "core/csv.h"
#include "core/db.h"
#include "docs/forms.h"
#include "honour/honour.h"

static int64_t give(struct session *s, const char *kind, int64_t id, const char *title,
                    const char *level, const char *on)
{
	struct honour h = { 0 };
	snprintf(h.kind, sizeof h.kind, "%s", kind);
	*(strcmp(kind, "org") == 0 ? &h.org_id : &h.member_id) = id;
	snprintf(h.title, sizeof h.title, "%s", title);
	snprintf(h.level, sizeof h.level, "%s", level);
	snprintf(h.awarded_on, sizeof h.awarded_on, "%s", on);
	snprintf(h.approved_by, sizeof h.approved_by, "中共测试镇委员会");
	struct dj_err e;
	if (honour_save(s, &h, &e))
		fail_msg("%s", e.msg);
	return h.id;
}

static int at(const struct honour_summary *sum, const char *title, const char *level)
{
	int t = -1, l = -1;
	for (int i = 0; i < sum->ntitles; i++)
		if (strcmp(sum->titles[i], title) == 0)
			t = i;
	for (int i = 0; i < sum->nlevels; i++)
		if (strcmp(sum->levels[i], level) == 0)
			l = i;
	if (t < 0 || l < 0)
		fail_msg("no cell %s × %s", title, level);
	return sum->count[t][l];
}

/* A year of a township: three members' honours and two organizations',
 * one revoked, one from the year before. */
static void a_year(struct fixture *f)
{
	int64_t zs = fx_add(f->s, fx_member("张三", "男", "1980-03-01", "东村党支部"));
	int64_t ls = fx_add(f->s, fx_member("李四", "女", "1985-06-02", "西村党支部"));
	int64_t ww = fx_add(f->s, fx_member("王五", "男", "1990-07-03", "南村第一党支部"));
	give(f->s, "member", zs, "优秀共产党员", "镇级", "2026-07-01");
	give(f->s, "member", ls, "优秀共产党员", "镇级", "2026-07-01");
	give(f->s, "member", ww, "优秀共产党员", "县处", "2026-06-28");
	give(f->s, "member", zs, "优秀党务工作者", "镇级", "2026-11-01");
	give(f->s, "org", f->a, "先进基层党组织", "镇级", "2026-07-01");
	give(f->s, "org", f->c1, "党建示范点", "县处", "2026-09-10");
	int64_t gone = give(f->s, "member", ls, "党员示范岗", "镇级", "2026-03-01");
	struct dj_err e;
	struct honour h;
	assert_int_equal(honour_load(f->s, gone, &h, &e), 0);
	assert_int_equal(honour_revoke(f->s, gone, h.version, "2026-10-01", "岗位调整", &e), 0);
	give(f->s, "member", ww, "优秀共产党员", "镇级", "2025-07-01");
}

static void each_cell_counts_the_years_honours_in_force(void **state)
{
	struct fixture *f = *state;
	a_year(f);
	struct honour_summary sum;
	struct dj_err e;
	assert_int_equal(honour_summary_load(f->s, 2026, &sum, &e), 0);
	assert_int_equal(at(&sum, "优秀共产党员", "镇级"), 2);
	assert_int_equal(at(&sum, "优秀共产党员", "县处"), 1);
	assert_int_equal(at(&sum, "优秀党务工作者", "镇级"), 1);
	assert_int_equal(at(&sum, "先进基层党组织", "镇级"), 1);
	assert_int_equal(at(&sum, "党建示范点", "县处"), 1);
	assert_int_equal(at(&sum, "党员示范岗", "镇级"), 0);   /* revoked */
	assert_int_equal(sum.total, 6);
	assert_int_equal(sum.revoked, 1);
	char cells[HONOUR_SUM_COLS][64];
	int n = honour_summary_head(&sum, cells);
	assert_string_equal(cells[0], "荣誉称号");
	assert_string_equal(cells[n - 3], "合计");
	n = honour_summary_row(&sum, -1, cells);
	assert_string_equal(cells[0], "合计");
	assert_string_equal(cells[n - 3], "6");
	assert_string_equal(cells[n - 2], "4");   /* 其中个人 */
	assert_string_equal(cells[n - 1], "2");   /* 其中组织 */
	char note[192];
	honour_summary_note(&sum, note, sizeof note);
	assert_string_equal(note, "2026 年度共 6 项有效荣誉（追授 0 项）；已撤销 1 项不计入");
	assert_int_equal(honour_summary_load(f->s, 2025, &sum, &e), 0);
	assert_int_equal(sum.total, 1);
}

static void a_branch_operator_counts_their_own(void **state)
{
	struct fixture *f = *state;
	a_year(f);
	f->s->scope_org = f->zz;
	struct honour_summary sum;
	struct dj_err e;
	assert_int_equal(honour_summary_load(f->s, 2026, &sum, &e), 0);
	assert_int_equal(sum.total, 2);   /* 王五's 县处 and 南村第一党支部's 示范点 */
	assert_int_equal(at(&sum, "优秀共产党员", "县处"), 1);
	assert_int_equal(at(&sum, "党建示范点", "县处"), 1);
}

/* An honour whose title the office has since taken out of dangjian.ini
 * still counts, in a row of its own after the configured ones. */
static void a_title_no_longer_configured_still_counts(void **state)
{
	struct fixture *f = *state;
	a_year(f);
	char *sql = sqlite3_mprintf("INSERT INTO honour(kind, org_id, title, level, awarded_on)"
	                            " VALUES ('org', %lld, '五好党支部', '乡级', '2026-05-04')",
	                            (long long)f->b);
	assert_int_equal(sqlite3_exec(f->s->db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	struct honour_summary sum;
	struct dj_err e;
	assert_int_equal(honour_summary_load(f->s, 2026, &sum, &e), 0);
	assert_string_equal(sum.titles[sum.ntitles - 1], "五好党支部");
	assert_string_equal(sum.levels[sum.nlevels - 1], "乡级");
	assert_int_equal(at(&sum, "五好党支部", "乡级"), 1);
	assert_int_equal(sum.total, 7);
}

static void exported_reads_back(struct fixture *f, const struct honour_summary *sum,
                                const char *name)
{
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/%s", f->t.dir, name);
	assert_int_equal(honour_summary_export(sum, path, stderr), 0);
	struct csv_reader *r = csv_open(path, why, sizeof why);
	if (!r)
		fail_msg("%s", why);
	char **cells;
	int line, n = csv_next(r, &cells, &line);
	assert_int_equal(n, sum->nlevels + 4);
	assert_string_equal(cells[0], "荣誉称号");
	assert_string_equal(cells[1], "国家");
	int rows = 0;
	while ((n = csv_next(r, &cells, &line)) > 0) {
		rows++;
		if (strcmp(cells[0], "优秀共产党员") == 0) {
			assert_string_equal(cells[4], "1");   /* 县处 */
			assert_string_equal(cells[7], "2");   /* 镇级 */
			assert_string_equal(cells[8], "3");   /* 合计 */
		}
		if (strcmp(cells[0], "合计") == 0)
			assert_string_equal(cells[8], "6");
	}
	assert_int_equal(rows, sum->ntitles + 1);
	csv_close(r);
}

static void the_table_exports_and_prints(void **state)
{
	struct fixture *f = *state;
	a_year(f);
	struct honour_summary sum;
	struct dj_err e;
	assert_int_equal(honour_summary_load(f->s, 2026, &sum, &e), 0);
	exported_reads_back(f, &sum, "sum.csv");
	exported_reads_back(f, &sum, "sum.xlsx");

	char path[160];
	int pages = 0;
	snprintf(path, sizeof path, "%s/汇总.pdf", f->t.dir);
	assert_int_equal(form_write_pdf(f->s, FORM_HONOURS, 2026, 0, path, &pages, &e), 0);
	assert_int_equal(pdf_pages(path), pages);
	char *t = pdf_words(path);
	static const char *const want[] = { "2026年度表彰荣誉汇总表", "中共测试镇委员会",
	                                    "优秀共产党员", "先进基层党组织", "其中个人", "填报人",
	                                    "审核人", "填报日期", "已撤销1项不计入" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(t, want[i]))
			fail_msg("汇总表 lacks %s in: %s", want[i], t);
	free(t);
	char name[128];
	assert_int_equal(form_file_name(f->s, FORM_HONOURS, 2026, name, sizeof name, &e), 0);
	assert_string_equal(name, "表彰荣誉汇总表-2026.pdf");
	assert_int_equal(form_write_pdf(f->s, FORM_HONOURS, 26, 0, path, &pages, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "年度「26」不对"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(each_cell_counts_the_years_honours_in_force),
		FX_TEST(a_branch_operator_counts_their_own),
		FX_TEST(a_title_no_longer_configured_still_counts),
		FX_TEST(the_table_exports_and_prints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
