/* A batch's ledger: the next stage due and 逾期 for every state with a
 * fixed day, the ledger's rows, flags and money columns within 80 columns,
 * the CSV read back with each reviewer's total, and the paper forms with an
 * emoji title whose table rows line up by display width. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/csv.h"
#include "review_fx.h"
#include "pdf_read.h"

/* The default 立项 calendar of 学年 2026-2027: 项目设计 04-10, 项目申报
 * 05-10, 项目评选 05-31, 中期检查 2027-03-31, 验收 2027-05-31. */
struct due_case {
	int state;
	const char *on;
	int late;
	const char *stage, *due;
};

static const struct due_case project_due[] = {
	{ RV_APPLIED, "2026-05-01", 0, "项目申报", "2026-05-10" },
	{ RV_APPLIED, "2026-05-11", 1, "项目申报", "2026-05-10" },
	{ RV_RECOMMENDED, "2026-05-31", 0, "项目评选", "2026-05-31" },
	{ RV_RECOMMENDED, "2026-11-21", 1, "项目评选", "2026-05-31" },
	{ RV_APPROVED, "2026-11-21", 0, "中期检查", "2027-03-31" },
	{ RV_APPROVED, "2027-04-01", 1, "中期检查", "2027-03-31" },
	{ RV_MIDTERM, "2027-04-01", 0, "验收", "2027-05-31" },
	{ RV_CONCLUDED, "2027-06-01", 1, "验收", "2027-05-31" },
	{ RV_PASSED, "2027-06-01", -1, "", "" },
	{ RV_HONOURED, "2027-06-01", -1, "", "" },
	{ RV_REFUSED, "2026-11-21", -1, "", "" },
	{ RV_REVOKED, "2026-11-21", -1, "", "" },
};

static void test_next_due_project(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	char stage[64], due[11];
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = rfx_app(f->s, b, f->a, "项目", "立项", RV_APPLIED);
	for (size_t i = 0; i < sizeof project_due / sizeof *project_due; i++) {
		const struct due_case *c = &project_due[i];
		rfx_state(f->s, app, c->state);
		int late = review_next_due(f->s, app, c->on, stage, sizeof stage, due, &e);
		if (late != c->late || strcmp(stage, c->stage) || strcmp(due, c->due))
			fail_msg("state %d on %s: %d %s %s", c->state, c->on, late, stage, due);
	}
	/* a failed acceptance owes its 整改 by the deadline */
	rfx_state(f->s, app, RV_FAILED);
	rfx_sql(f->s, "UPDATE review_app SET rectify_due = '2027-07-15'");
	assert_int_equal(review_next_due(f->s, app, "2027-07-15", stage, sizeof stage, due, &e), 0);
	assert_string_equal(due, "2027-07-15");
	assert_int_equal(review_next_due(f->s, app, "2027-07-16", stage, sizeof stage, due, &e), 1);
	assert_non_null(strstr(stage, "整改"));
	/* a 延期 moves the acceptance */
	rfx_state(f->s, app, RV_CONCLUDED);
	rfx_sql(f->s, "UPDATE review_app SET ends_on = '2027-09-30'");
	assert_int_equal(review_next_due(f->s, app, "2027-06-15", stage, sizeof stage, due, &e), 0);
	assert_string_equal(stage, "验收");
	assert_string_equal(due, "2027-09-30");
	/* NULL: today (2026-11-21) */
	rfx_state(f->s, app, RV_RECOMMENDED);
	assert_int_equal(review_next_due(f->s, app, NULL, stage, sizeof stage, due, &e), 1);
}

static void test_next_due_create(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	char stage[64], due[11];
	int64_t b = rfx_batch(f->s, REVIEW_CREATE);
	int64_t app = rfx_app(f->s, b, f->a, "样板支部", "样板", RV_FAILED);
	/* 不达标 ends with the 通报: nothing more due */
	assert_int_equal(review_next_due(f->s, app, "2030-01-01", stage, sizeof stage, due, &e), -1);
	rfx_state(f->s, app, RV_STARTED);
	assert_int_equal(review_next_due(f->s, app, "2026-11-21", stage, sizeof stage, due, &e), 0);
	assert_string_equal(stage, "中期评估");
	assert_string_equal(due, "2027-06-30");
	/* the office's own stage (制定方案, reach 0) is never owed */
	rfx_state(f->s, app, RV_APPLIED);
	assert_int_equal(review_next_due(f->s, app, "2026-05-01", stage, sizeof stage, due, &e), 0);
	assert_string_equal(stage, "组织申报");
}

static int64_t spent_project(struct fixture *f, int64_t b, int64_t org, const char *title)
{
	struct dj_err e;
	int64_t app = rfx_app(f->s, b, org, "项目", title, RV_APPROVED);
	struct review_fund g = rfx_fund(app, "拨付", "1000");
	struct review_fund s = rfx_fund(app, "支出", "250.5");
	if (review_fund_save(f->s, &g, &e) || review_fund_save(f->s, &s, &e))
		fail_msg("%s", e.msg);
	return app;
}

static void test_ledger_rows(void **state)
{
	struct fixture *f = *state;
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t ok = spent_project(f, b, f->a, "党员先锋工程");
	int64_t late = rfx_app(f->s, b, f->b, "项目", "迟到的项目", RV_RECOMMENDED);
	int64_t refused = rfx_app(f->s, b, f->c1, "项目", "不予立项的项目", RV_REFUSED);
	struct rs_row rows[4];
	struct row_source *rs = review_ledger_source(f->s, b, "2026-11-21");
	assert_non_null(rs);
	/* every column shows at 80: widths, one space between, one gutter */
	int cols = 1;
	for (int c = 0; c < rs->ncols; c++)
		cols += rs->cols[c].width + (c > 0);
	assert_true(cols <= 80);
	assert_int_equal(rs->ncols, 9);
	assert_string_equal(rs->cols[0].title, "名称");
	assert_true(rs->cols[0].key);
	assert_int_equal(rfx_rows(rs, rows, 4), 3);
	for (int i = 0; i < 3; i++) {
		if (rows[i].key.id == ok) {
			assert_string_equal(rows[i].cell[2], "已立项（实施中）");
			assert_string_equal(rows[i].cell[3], "中期检查 2027-03-31");
			assert_string_equal(rows[i].cell[4], "");
			assert_string_equal(rows[i].cell[5], "1000");
			assert_string_equal(rows[i].cell[6], "250.50");
			assert_string_equal(rows[i].cell[7], "749.50");
			assert_int_equal(rows[i].flags, 0);
		} else if (rows[i].key.id == late) {
			assert_string_equal(rows[i].cell[4], "逾期");
			assert_int_equal(rows[i].flags, RS_FLAG_WARN);
		} else {
			assert_int_equal(rows[i].key.id, refused);
			assert_string_equal(rows[i].cell[3], "");
			assert_int_equal(rows[i].flags, RS_FLAG_DIM);
		}
	}
	/* the state column sorts by progress, not by its words */
	assert_int_equal(rs->set_sort(rs->ctx, 2, 0), 0);
	assert_int_equal(rfx_rows(rs, rows, 4), 3);
	assert_int_equal(rows[0].key.id, late);
	assert_int_equal(rows[2].key.id, refused);
	row_source_free(rs);
	/* an operator scoped to a branch sees its own */
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->a;
	rs = review_ledger_source(f->s, b, "2026-11-21");
	assert_int_equal(rfx_rows(rs, rows, 4), 1);
	assert_int_equal(rows[0].key.id, ok);
	row_source_free(rs);
}

/* Three reviewers score every criterion of an application 已结题. */
static void score_all(struct fixture *f, int64_t app, const int base[3])
{
	struct review_sheet sh;
	struct dj_err e;
	rfx_state(f->s, app, RV_CONCLUDED);
	assert_int_equal(review_sheet_load(f->s, app, &sh, &e), 0);
	assert_int_equal(sh.nrev, 3);
	for (int r = 0; r < 3; r++) {
		int v[REVIEW_MAX_CRIT];
		for (int k = 0; k < sh.ncrit; k++)
			v[k] = base[r];
		if (review_sheet_save_row(f->s, &sh, r, v, &e))
			fail_msg("%s", e.msg);
	}
}

static void test_export_csv(void **state)
{
	struct fixture *f = *state;
	char path[160], why[256];
	int n;
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = spent_project(f, b, f->a, "🧑🏼‍🦱党员先锋工程");
	rfx_app(f->s, b, f->b, "项目", "第二个项目", RV_APPLIED);
	/* 18, 17.5 and 17 on each of the five criteria: 90, 87.5, 85 */
	score_all(f, app, (const int[]){ 180, 175, 170 });
	rfx_sql(f->s, "UPDATE review_app SET total = 875 WHERE id = 1");
	snprintf(path, sizeof path, "%s/ledger.csv", f->t.dir);
	assert_int_equal(review_export_csv(f->s, b, path, stderr, &n), 0);
	assert_int_equal(n, 2);
	struct csv_reader *r = csv_open(path, why, sizeof why);
	assert_non_null(r);
	char **cell;
	int line, nf;
	nf = csv_next(r, &cell, &line);
	assert_int_equal(nf, 18);
	assert_string_equal(cell[0], "名称");
	assert_string_equal(cell[14], "总评");
	assert_string_equal(cell[15], "评审人：张三");
	assert_string_equal(cell[17], "评审人：王五");
	assert_int_equal(csv_next(r, &cell, &line), 18);
	assert_string_equal(cell[0], "🧑🏼‍🦱党员先锋工程");
	assert_string_equal(cell[3], "已结题（待验收）");
	assert_string_equal(cell[11], "1000.00");
	assert_string_equal(cell[12], "250.50");
	assert_string_equal(cell[13], "749.50");
	assert_string_equal(cell[14], "87.5");
	assert_string_equal(cell[15], "90.0");
	assert_string_equal(cell[16], "87.5");
	assert_string_equal(cell[17], "85.0");
	assert_int_equal(csv_next(r, &cell, &line), 18);
	assert_string_equal(cell[0], "第二个项目");
	assert_string_equal(cell[15], "");
	assert_int_equal(csv_next(r, &cell, &line), 0);
	csv_close(r);
}

/* ---- forms ---- */

static char *slurp(const char *path)
{
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, in);
	buf[n] = 0;
	fclose(in);
	return buf;
}

/* Every run of table lines (starting + or |) has one display width, and
 * returns how many tables there were. */
static int tables_aligned(char *text)
{
	int width = -1, tables = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (*line != '+' && *line != '|') {
			width = -1;
			continue;
		}
		int w = utf8_cols(line);
		if (width < 0) {
			width = w;
			tables++;
		} else if (w != width) {
			fail_msg("width %d, not %d: %s", w, width, line);
		}
	}
	return tables;
}

#define EMOJI_TITLE "创新党支部活动👨🏽‍🚀🧑🏻‍🎤𠮷工程"

static void test_forms(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	char path[160];
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = rfx_app(f->s, b, f->a, "项目", EMOJI_TITLE, RV_APPLIED);
	rfx_sql(f->s, "UPDATE review_app SET direction = '创新党支部活动', why = '增强支部活力🔶',"
	              " how = '每月一次主题党日⛴，结合专业开展志愿服务，走进社区、走进课堂、走进"
	              "实验室，让每名党员都有岗位、有责任、有作为', goal = '形成可推广的经验🌞'");
	struct review_fund l = rfx_fund(app, "预算", "300");
	assert_int_equal(review_fund_save(f->s, &l, &e), 0);
	snprintf(path, sizeof path, "%s/apply.txt", f->t.dir);
	assert_int_equal(review_form_write(f->s, app, RF_APPLICATION, path, stderr), 0);
	char *text = slurp(path);
	static const char *const want[] = { "项目申报表", EMOJI_TITLE, "项目所在支部（盖章）",
	                                    "东村党支部", "2026 年 05 月 08 日", "增强支部活力🔶",
	                                    "经费预算", "300.00", "周执行", "吴书记" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(text, want[i]))
			fail_msg("申报表 lacks %s", want[i]);
	assert_int_equal(tables_aligned(text), 2);
	/* the mid-term check as recorded */
	rfx_state(f->s, app, RV_APPROVED);
	struct review_note n = { .app_id = app };
	snprintf(n.kind, sizeof n.kind, "中期检查");
	snprintf(n.on_date, sizeof n.on_date, "2026-11-20");
	snprintf(n.body, sizeof n.body, "已开展主题党日 6 次👐🏿");
	snprintf(n.opinion, sizeof n.opinion, "加强总结提炼");
	snprintf(n.result, sizeof n.result, "合格");
	assert_int_equal(review_note_save(f->s, &n, &e), 0);
	snprintf(path, sizeof path, "%s/mid.txt", f->t.dir);
	assert_int_equal(review_form_write(f->s, app, RF_MIDTERM, path, stderr), 0);
	text = slurp(path);
	assert_non_null(strstr(text, "中期检查表"));
	assert_non_null(strstr(text, "已开展主题党日 6 次👐🏿"));
	assert_non_null(strstr(text, "加强总结提炼"));
	assert_non_null(strstr(text, "合格"));
	assert_int_equal(tables_aligned(text), 1);
	/* the acceptance with every reviewer's scores */
	score_all(f, app, (const int[]){ 180, 175, 170 });
	snprintf(path, sizeof path, "%s/accept.txt", f->t.dir);
	assert_int_equal(review_form_write(f->s, app, RF_ACCEPTANCE, path, stderr), 0);
	text = slurp(path);
	static const char *const acc[] = { "验收评审表", "过程性、系统性", "张三", "李四", "王五",
	                                   "87.5", "总评", "通过（待确认）", "组织生活" };
	for (size_t i = 0; i < sizeof acc / sizeof *acc; i++)
		if (!strstr(text, acc[i]))
			fail_msg("验收评审表 lacks %s", acc[i]);
	assert_int_equal(tables_aligned(text), 2);
	/* an existing file is replaced only when allowed */
	FILE *devnull = fopen("/dev/null", "w");
	assert_int_equal(review_form_write(f->s, app, RF_ACCEPTANCE, path, devnull), 1);
	fclose(devnull);
}

static void test_create_form(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	char path[160];
	int64_t b = rfx_batch(f->s, REVIEW_CREATE);
	int64_t app = rfx_app(f->s, b, f->a, "样板支部", "东村样板支部🏅创建", RV_APPLIED);
	rfx_sql(f->s, "UPDATE review_app SET goal_year1 = '建强支部班子', goal_year2 = '形成品牌',"
	              " problems = '组织生活不够规范', duties = '书记负总责',"
	              " declaration = '未出现重大问题、事件', declared_by = '吴书记'");
	struct review_task t = { .app_id = app };
	snprintf(t.task, sizeof t.task, "规范三会一课");
	snprintf(t.responsible, sizeof t.responsible, "张三、李四");
	snprintf(t.due_on, sizeof t.due_on, "2027-06-30");
	assert_int_equal(review_task_save(f->s, &t, &e), 0);
	struct review_note n = { .app_id = app };
	snprintf(n.kind, sizeof n.kind, "自查报告");
	snprintf(n.on_date, sizeof n.on_date, "2026-05-09");
	snprintf(n.criterion, sizeof n.criterion, "教育党员有力");
	snprintf(n.body, sizeof n.body, "每月集中学习");
	assert_int_equal(review_note_save(f->s, &n, &e), 0);
	snprintf(path, sizeof path, "%s/create.txt", f->t.dir);
	assert_int_equal(review_form_write(f->s, app, RF_APPLICATION, path, stderr), 0);
	char *text = slurp(path);
	static const char *const want[] = { "示范创建申报书", "第一年目标", "建强支部班子",
	                                    "问题清单", "组织生活不够规范", "责任清单",
	                                    "规范三会一课", "张三、李四", "2027-06-30",
	                                    "教育党员有力", "每月集中学习", "服务师生有力",
	                                    "吴书记", "组织生活", "发展党员", "党费" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(text, want[i]))
			fail_msg("申报书 lacks %s", want[i]);
	assert_null(strstr(text, "荣誉"));   /* honours do not exist yet: nothing is said */
	assert_true(tables_aligned(text) >= 4);
}

static int occurrences(const char *text, const char *word)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, word)) != NULL; p += strlen(word))
		n++;
	return n;
}

/* The same forms as print-ready PDF (FILE.pdf): every field's text there,
 * a table too long for its page carried over with its header row again. */
static void test_forms_as_pdf(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	char path[160];
	int pages = 0;
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = rfx_app(f->s, b, f->a, "项目", "𠮷祥联户服务工程", RV_APPLIED);
	rfx_sql(f->s, "UPDATE review_app SET why = '增强支部活力', goal = '形成可推广的经验'");
	struct review_fund l = rfx_fund(app, "预算", "300");
	assert_int_equal(review_fund_save(f->s, &l, &e), 0);
	snprintf(path, sizeof path, "%s/apply.pdf", f->t.dir);
	assert_int_equal(review_form_write(f->s, app, RF_APPLICATION, path, stderr), 0);
	char *text = pdf_words(path);
	pages = pdf_pages(path);
	static const char *const want[] = { "项目申报表", "𠮷祥联户服务工程", "项目所在支部（盖章）",
	                                    "东村党支部", "增强支部活力", "经费预算", "300.00",
	                                    "第1页共1页" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(text, want[i]))
			fail_msg("申报表.pdf lacks %s:\n%s", want[i], text);
	assert_int_equal(pages, 1);
	free(text);
	/* sixty budget lines run over a page; the table's header comes again */
	for (int i = 0; i < 60; i++) {
		struct review_fund more = rfx_fund(app, "预算", "10");
		snprintf(more.item, sizeof more.item, "资料印制第%d批", i + 1);
		assert_int_equal(review_fund_save(f->s, &more, &e), 0);
	}
	snprintf(path, sizeof path, "%s/long.pdf", f->t.dir);
	assert_int_equal(review_form_write(f->s, app, RF_APPLICATION, path, stderr), 0);
	text = pdf_words(path);
	pages = pdf_pages(path);
	assert_true(pages >= 2);
	assert_int_equal(occurrences(text, "金额（元）"), pages);
	assert_non_null(strstr(text, "资料印制第60批"));
	assert_non_null(strstr(text, "900.00"));   /* the sum, on the last page */
	free(text);
}

static void test_evidence(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	char out[4096];
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = rfx_app(f->s, b, f->zz, "项目", "总支项目", RV_APPROVED);
	/* a meeting of the branch under the 党总支 counts for it */
	rfx_sql(f->s, "INSERT INTO meeting(org_id, type, date, topic) VALUES (5, '支委会',"
	              " '2026-06-15', '研究立项')");
	assert_int_equal(review_evidence(f->s, app, out, sizeof out, &e), 0);
	assert_non_null(strstr(out, "南村党总支"));
	assert_non_null(strstr(out, "2026年4月至2026年11月"));
	assert_non_null(strstr(out, "支委会：应开"));
	assert_non_null(strstr(out, "期间没有分类定级记录"));
	assert_non_null(strstr(out, "积极分子 0 人"));
	assert_non_null(strstr(out, "应交 0.00 元"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_next_due_project), FX_TEST(test_next_due_create), FX_TEST(test_ledger_rows),
		FX_TEST(test_export_csv), FX_TEST(test_forms), FX_TEST(test_create_form),
		FX_TEST(test_evidence), FX_TEST(test_forms_as_pdf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
