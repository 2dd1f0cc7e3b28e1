/* The xlsx reader (docs/xlsx_in.h) through the CSV reader's API, on real
 * workbooks made by openpyxl and on raw parts for what openpyxl never
 * writes (tests/data/make_xlsx.py): every kind of cell, both date systems,
 * a sheet chosen by name, text byte-exact; and each refusal, naming the
 * file.  Then real-looking rosters, CSV and xlsx, through
 * member_import_csv: title rows skipped, 序号 left out, synonyms read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <sys/wait.h>

#include "core/csv.h"
#include "core/csv_table.h"
#include "fixture.h"

static char dir[64];

static int dir_setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/djxlsx.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int dir_teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* dir/NAME made by make_xlsx.py KIND (src: its CSV, or NULL). */
static const char *make(const char *kind, const char *name, const char *src, char *path, size_t cap)
{
	char cmd[512];
	snprintf(path, cap, "%s/%s", dir, name);
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/data/make_xlsx.py %s '%s' %s%s%s", kind, path,
	         src ? "'" : "", src ? src : "", src ? "'" : "");
	int rc = system(cmd);
	if (rc != 0)
		fail_msg("%s failed (%d)", cmd, rc);
	return path;
}

/* Everything the reader yields, a line per row "N:[a][b]", or the
 * refusal / the stopping reason. */
static void read_all(const char *path, const char *sheet, const struct csv_limits *lim, char *out,
                     size_t cap)
{
	char why[600];
	size_t k = 0;
	struct csv_reader *r = csv_open_sheet(path, lim, sheet, why, sizeof why);
	if (!r) {
		snprintf(out, cap, "REFUSED: %s", why);
		return;
	}
	char **f;
	int line, n;
	while ((n = csv_next(r, &f, &line)) > 0) {
		if (cap >= 8192 && k + 1024 > cap)   /* a long sheet: its last rows */
			k = (size_t)snprintf(out, cap, "…\n");
		k += (size_t)snprintf(out + k, cap - k, "%d:", line);
		for (int i = 0; i < n && k < cap; i++)
			k += (size_t)snprintf(out + k, cap - k, "[%s]", f[i]);
		if (k < cap)
			k += (size_t)snprintf(out + k, cap - k, "\n");
	}
	if (n < 0 && k < cap)
		snprintf(out + k, cap - k, "STOPPED: %s", csv_error(r));
	csv_close(r);
}

static void a_roster_reads_as_excel_shows_it(void **state)
{
	(void)state;
	char path[128], out[4096];
	make("roster", "roster.xlsx", NULL, path, sizeof path);
	read_all(path, NULL, NULL, out, sizeof out);
	assert_string_equal(out,
	                    "1:[驿亭镇党员花名册]\n"
	                    "2:[填报单位：驿亭镇党委][][][][日期：2024年1月]\n"
	                    "3:[序号][姓名][性别][出生日期][身份证号][备注]\n"
	                    "4:[1][张三𠮷][男][1990-07-01][330682199001011234][👨‍👩‍👧 备注]\n"
	                    /* a date after Excel's 1900-02-29; an ID Excel made a number
	                     * keeps the E+ form that shows its digits are gone */
	                    "5:[2][李四][][1900-03-01][3.306821990010113E+17][0.1]\n"
	                    /* row 6 has no cell; a serial in format "0" is a number */
	                    "7:[3][王五][TRUE][36525][][13812345678]\n"
	                    "8:[][赵六][][2015-07-01][][1.5E+20]\n");
	read_all(path, "第二页", NULL, out, sizeof out);
	assert_string_equal(out, "1:[姓名][性别]\n2:[钱七][女]\n");
}

static void shared_inline_formula_bool_error_cells(void **state)
{
	(void)state;
	char path[128], out[2048];
	make("raw", "raw.xlsx", NULL, path, sizeof path);
	read_all(path, NULL, NULL, out, sizeof out);
	assert_string_equal(out,
	                    /* rich-text runs joined, the phonetic run left out */
	                    "1:[党员 名册][行内][][公式]\n"
	                    "3:[FALSE][#N/A][3.30682199001011E+17][]\n"
	                    /* row 4 only a formatted empty cell; row 5 without refs */
	                    "5:[-2.5][a<b>]\n");
}

static void the_1904_date_system(void **state)
{
	(void)state;
	char path[128], out[512];
	make("mac", "mac.xlsx", NULL, path, sizeof path);
	read_all(path, NULL, NULL, out, sizeof out);
	assert_string_equal(out, "1:[日期]\n2:[1990-07-01]\n");
}

static void assert_has(const char *out, const char *want)
{
	if (!strstr(out, want))
		fail_msg("\"%s\" lacks \"%s\"", out, want);
}

static void hostile_and_wrong_files_are_refused(void **state)
{
	(void)state;
	char path[128], out[2048];
	make("xls", "old.xls", NULL, path, sizeof path);
	read_all(path, NULL, NULL, out, sizeof out);
	assert_has(out, "REFUSED: 文件 ");
	assert_has(out, "old.xls：这是旧版 Excel 97-2003 工作簿（.xls）");
	assert_has(out, "另存为 .xlsx 或 CSV");

	make("bomb", "bomb.xlsx", NULL, path, sizeof path);
	read_all(path, NULL, NULL, out, sizeof out);
	assert_has(out, "STOPPED: 文件 ");
	assert_has(out, "bomb.xlsx 的 xl/worksheets/sheet1.xml 解压后比压缩时大 200 倍以上");

	make("doctype", "lol.xlsx", NULL, path, sizeof path);
	read_all(path, NULL, NULL, out, sizeof out);
	assert_has(out, "lol.xlsx 的 xl/worksheets/sheet1.xml 含有 DOCTYPE 声明");
	assert_null(strstr(out, "lol]"));   /* not one entity expanded into a row */

	make("notbook", "doc.xlsx", NULL, path, sizeof path);
	read_all(path, NULL, NULL, out, sizeof out);
	assert_has(out, "doc.xlsx 是 zip 压缩包或 Office 文档，但不是 Excel 工作簿（.xlsx）");

	make("roster", "r.xlsx", NULL, path, sizeof path);
	read_all(path, "没有这页", NULL, out, sizeof out);
	assert_has(out, "r.xlsx 中没有名为「没有这页」的工作表（有：「名册」「第二页」）");

	char csv[128];
	snprintf(csv, sizeof csv, "%s/a.csv", dir);
	fx_write_file(csv, "姓名\n张三\n");
	read_all(csv, "名册", NULL, out, sizeof out);
	assert_has(out, "a.csv 不是 Excel 工作簿（.xlsx），没有工作表「名册」");
}

static void limits_count_what_is_inflated(void **state)
{
	(void)state;
	char path[128], out[1 << 16];
	make("big", "big.xlsx", NULL, path, sizeof path);   /* ~450 KB, 1.5 MB inflated */
	struct csv_limits lim = { 1 << 20, 1 << 20 };
	read_all(path, NULL, &lim, out, sizeof out);
	assert_has(out, "STOPPED: 文件 ");
	assert_has(out, "big.xlsx 解压后超过导入上限 1 MB（dangjian.ini [import] max_mb）");
	lim.max_bytes = 100 << 10;   /* the file itself is larger */
	read_all(path, NULL, &lim, out, sizeof out);
	assert_has(out, "REFUSED: 文件 ");
	assert_has(out, "超过导入上限");
	make("long", "long.xlsx", NULL, path, sizeof path);
	lim = (struct csv_limits){ 1 << 20, 1024 };
	read_all(path, NULL, &lim, out, sizeof out);
	assert_has(out, "1:[姓名][备注]\nSTOPPED: 文件 ");
	assert_has(out, "long.xlsx 第 2 行太长：一行超过 1 KB（dangjian.ini [import] max_line_kb）");
}

/* ---- rosters through the member import ---- */

static char id_a[19], id_b[19];

/* The roster an office keeps: a title row, 序号, synonyms for half the
 * headers, an empty-headed column of notes. */
static void roster_csv(char *out, size_t cap, const char *id_second)
{
	fx_id(id_a, "1968-04-12", 31);
	fx_id(id_b, "1990-10-03", 42);
	snprintf(out, cap,
	         "东村党员花名册\n"
	         "序号,名字,性别,出生年月,身份证号码,文化程度,人员类别,入党时间,所在支部,手机,\n"
	         "1,陈建国,男,#d:1968-04-12,%s,高中,正式党员,#d:1990-07-01,东村党支部,#n:13905750001,老\n"
	         "2,林小红,女,#d:1990-10-03,%s,大学本科,预备党员,#d:2026-03-01,东村党支部,,\n",
	         id_a, id_second);
}

static int import_members(struct fixture *f, const char *path, char *report, size_t cap, int *n)
{
	FILE *r = fmemopen(report, cap, "w");
	int rc = member_import_csv(f->s, path, r, n);
	fclose(r);
	return rc;
}

/* The CSV form of the roster: "#d:"/"#n:" marks dropped. */
static void plain(const char *marked, char *out, size_t cap)
{
	size_t k = 0;
	for (const char *p = marked; *p && k + 1 < cap; p++) {
		if (p[0] == '#' && (p[1] == 'd' || p[1] == 'n') && p[2] == ':') {
			p += 2;
			continue;
		}
		out[k++] = *p;
	}
	out[k] = 0;
}

static void a_real_roster_imports_from_csv_and_xlsx(void **state)
{
	struct fixture *f = *state;
	char marked[2048], text[2048], src[128], path[128], report[2048];
	roster_csv(marked, sizeof marked, id_b);
	snprintf(src, sizeof src, "%s/roster.src.csv", dir);
	fx_write_file(src, marked);
	make("table", "roster.xlsx", src, path, sizeof path);
	int n = 0;
	if (import_members(f, path, report, sizeof report, &n) != 0)
		fail_msg("refused:\n%s", report);
	assert_int_equal(n, 2);
	assert_has(report, "第 1 行「东村党员花名册」不是列名行，作为标题跳过\n");
	assert_has(report, "第 2 行：列「名字」按「姓名」导入\n");
	assert_has(report, "第 2 行：列「所在支部」按「所在党组织」导入\n");
	assert_null(strstr(report, "序号"));
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member WHERE name = '陈建国'"
	                        " AND birth_date = '1968-04-12' AND joined_on = '1990-07-01'"
	                        " AND phone = '13905750001' AND education = '高中'", -1, 0), 1);

	/* the same roster as CSV, into a fresh branch's members: refused only as
	 * duplicates, so its header was read the same way */
	plain(marked, text, sizeof text);
	char csv[128];
	snprintf(csv, sizeof csv, "%s/roster.csv", dir);
	fx_write_file(csv, text);
	assert_int_equal(import_members(f, csv, report, sizeof report, &n), 1);
	assert_has(report, "第 1 行「东村党员花名册」不是列名行，作为标题跳过\n");
	assert_has(report, "第 3 行「身份证号」");
	assert_null(strstr(report, "未知的列"));
}

static void an_id_excel_made_a_number_is_refused_by_row(void **state)
{
	struct fixture *f = *state;
	char marked[2048], src[128], path[128], report[2048];
	fx_id(id_b, "1990-10-03", 42);
	char number[32];
	snprintf(number, sizeof number, "#n:%s", id_b);   /* Excel keeps 15 digits of it */
	fx_id(id_a, "1968-04-12", 31);
	/* the roster as offices write it: 大专, a date typed as text 1990年7月1日 */
	snprintf(marked, sizeof marked,
	         "东村党员花名册\n"
	         "序号,名字,性别,出生年月,身份证号码,文化程度,人员类别,入党时间,所在支部,手机,\n"
	         "1,陈建国,男,#d:1968-04-12,%s,大专,正式党员,1990年7月1日,东村党支部,#n:13905750001,老\n"
	         "2,林小红,女,#d:1990-10-03,%s,大学本科,预备党员,#d:2026-03-01,东村党支部,,\n",
	         id_a, number);
	snprintf(src, sizeof src, "%s/num.src.csv", dir);
	fx_write_file(src, marked);
	make("table", "num.xlsx", src, path, sizeof path);
	int n = -1;
	assert_int_equal(import_members(f, path, report, sizeof report, &n), 1);
	assert_int_equal(n, 0);
	assert_has(report, "第 4 行「身份证号」值「");
	assert_has(report, "E+17」");
	assert_null(strstr(report, "第 3 行「身份证号」"));
	assert_has(report, "导入失败：没有导入任何记录");
	/* everything else is mapped, and the report says so */
	assert_has(report, "「学历」列：「大专」记为「大学专科」，1 行");
	assert_has(report, "「入党日期」列：1 行的日期改写为 YYYY-MM-DD（如「1990年7月1日」记为「1990-07-01」）");
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, -1), 0);
}

static void no_header_in_twenty_rows_names_the_columns(void **state)
{
	struct fixture *f = *state;
	char text[4096] = "", path[128], report[2048];
	size_t k = 0;
	for (int i = 1; i <= 25; i++)
		k += (size_t)snprintf(text + k, sizeof text - k, "标题%d\n", i);
	snprintf(path, sizeof path, "%s/titles.csv", dir);
	fx_write_file(path, text);
	int n;
	assert_int_equal(import_members(f, path, report, sizeof report, &n), 1);
	assert_has(report, "第 20 行「标题20」不是列名行，作为标题跳过\n"
	                   "在文件开头 20 行中找不到列名行：列名行应含有「姓名」「性别」");
	assert_null(strstr(report, "第 21 行"));
}

static void progress_is_told_every_thousand_rows(void **state);

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_roster_reads_as_excel_shows_it),
		cmocka_unit_test(shared_inline_formula_bool_error_cells),
		cmocka_unit_test(the_1904_date_system),
		cmocka_unit_test(hostile_and_wrong_files_are_refused),
		cmocka_unit_test(limits_count_what_is_inflated),
		FX_TEST(a_real_roster_imports_from_csv_and_xlsx),
		FX_TEST(an_id_excel_made_a_number_is_refused_by_row),
		FX_TEST(no_header_in_twenty_rows_names_the_columns),
		FX_TEST(progress_is_told_every_thousand_rows),
	};
	return cmocka_run_group_tests(tests, dir_setup, dir_teardown);
}

/* ---- progress ---- */

struct told {
	int calls, last, storing;
};

static void tell(void *arg, int rows)
{
	struct told *t = arg;
	t->calls++;
	if (rows < 0)
		t->storing++;
	else
		t->last = rows;
}

static void progress_is_told_every_thousand_rows(void **state)
{
	struct fixture *f = *state;
	char path[128], report[4096];
	snprintf(path, sizeof path, "%s/many.csv", dir);
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fputs("姓名,性别,人员类别,入党日期,所在党组织\n", out);
	for (int i = 0; i < 2500; i++)   /* every row refused (年龄 unknown): only read */
		fprintf(out, "人%d,男,正式党员,2000-07-01,没有这个支部\n", i);
	fclose(out);
	struct told t = { 0 };
	const struct csv_import_opts o = { .progress = tell, .arg = &t };
	f->s->import = &o;
	int n;
	assert_int_equal(import_members(f, path, report, sizeof report, &n), 1);
	f->s->import = NULL;
	assert_int_equal(t.calls, 2);
	assert_int_equal(t.last, 2000);
	assert_int_equal(t.storing, 0);   /* nothing was stored */
}
