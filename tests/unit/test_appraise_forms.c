/* test_appraise_forms.c — the two PDF forms of issue 13: a round's
 * 述职评议结果表 with the votes, share and grade of each organization, and
 * a saved 通报 with its 文号, text and the date at the foot in numerals;
 * both refused outside the operator's scope. */
#include <sys/stat.h>

#include "fixture.h"
#include "pdf_read.h"

#include "appraise/appraise.h"
#include "bulletin/bulletin.h"
#include "docs/forms.h"

static int64_t round_with_votes(struct fixture *f)
{
	struct appraise_round r;
	struct dj_err e;
	appraise_round_defaults(f->s, &r);
	snprintf(r.org, sizeof r.org, "中共测试镇委员会");
	if (appraise_round_save(f->s, &r, &e))
		fail_msg("%s", e.msg);
	struct appraise_line *rows;
	int n;
	assert_int_equal(appraise_lines_load(f->s, r.id, &rows, &n, &e), 0);
	for (int i = 0; i < n; i++)
		if (rows[i].org_id == f->a) {
			struct appraise_votes v = { { { 20, 6, 2, 0 }, { 10, 5, 3, 2 } } };
			rows[i].v = v;
			snprintf(rows[i].secretary, sizeof rows[i].secretary, "王明");
			snprintf(rows[i].spoke_on, sizeof rows[i].spoke_on, "2026-01-20");
			assert_int_equal(appraise_line_save(f->s, &rows[i], &e), 0);
		}
	free(rows);
	return r.id;
}

static void the_appraisal_table_prints_each_line(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t id = round_with_votes(f);
	char path[200];
	int pages = 0;
	snprintf(path, sizeof path, "%s/述职评议结果表.pdf", f->t.dir);
	assert_int_equal(form_write_pdf(f->s, FORM_APPRAISAL, id, 0, path, &pages, &e), 0);
	assert_int_equal(pages, 1);
	char *text = pdf_words(path);
	assert_non_null(strstr(text, "党组织书记述职评议结果表"));
	assert_non_null(strstr(text, "东村党支部"));
	assert_non_null(strstr(text, "王明"));
	assert_non_null(strstr(text, "85.4%"));
	assert_non_null(strstr(text, "未评议"));
	free(text);
	char name[200];
	assert_int_equal(form_file_name(f->s, FORM_APPRAISAL, id, name, sizeof name, &e), 0);
	assert_non_null(strstr(name, "述职评议结果表-"));

	/* an operator of 西村 may not print the township's round */
	f->s->scope_org = f->b;
	f->s->role = ROLE_OPERATOR;
	snprintf(path, sizeof path, "%s/另一份.pdf", f->t.dir);
	assert_int_equal(form_write_pdf(f->s, FORM_APPRAISAL, id, 0, path, &pages, &e), DJ_DENIED);
}

static void a_bulletin_prints_with_its_number_and_date(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	struct bulletin b = { 0 };
	assert_int_equal(bulletin_draft(f->s, f->top, "2026-10-01", "2026-10-31", &b.text, &e), 0);
	bulletin_title("2026-10-01", "2026-10-31", b.title, sizeof b.title);
	snprintf(b.doc_no, sizeof b.doc_no, "测组通〔2026〕3号");
	snprintf(b.from, sizeof b.from, "2026-10-01");
	snprintf(b.to, sizeof b.to, "2026-10-31");
	snprintf(b.org, sizeof b.org, "中共测试镇委员会");
	snprintf(b.issued_on, sizeof b.issued_on, "2026-11-05");
	if (bulletin_save(f->s, &b, &e))
		fail_msg("%s", e.msg);
	char path[200];
	int pages = 0;
	snprintf(path, sizeof path, "%s/通报.pdf", f->t.dir);
	assert_int_equal(form_write_pdf(f->s, FORM_BULLETIN, b.id, 0, path, &pages, &e), 0);
	assert_true(pages >= 1);
	char *text = pdf_words(path);
	assert_non_null(strstr(text, "关于2026年10月基层党建工作落实情况的通报"));
	assert_non_null(strstr(text, "测组通〔2026〕3号"));
	assert_non_null(strstr(text, "各党支部"));
	assert_non_null(strstr(text, "二〇二六年十一月五日"));
	free(text);
	bulletin_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(the_appraisal_table_prints_each_line),
		FX_TEST(a_bulletin_prints_with_its_number_and_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
