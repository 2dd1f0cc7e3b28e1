/* Ledger exports written as .xlsx, read back by a reader that is not ours
 * (openpyxl, through tests/unit/xlsx_check.py and Debian's /usr/bin/python3):
 * ID numbers, phones and codes are text cells, dates are dates, money is a
 * number shown 0.00, rare characters and emoji come back byte-exact, the
 * header is frozen, filtered and printed on every page, a title sits
 * merged above it; and a write that fails leaves the old file as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/cell_kinds.h"
#include "core/csv.h"
#include "core/memrows.h"
#include "core/rows_csv.h"
#include "demo/demo.h"
#include "docs/xlsx_out.h"
#include "fixture.h"
#include "orglife/dues.h"

#define PYTHON "/usr/bin/python3"   /* Debian's, with python3-openpyxl */
#define CHECKER "tests/unit/xlsx_check.py"
#define RARE_NAME "𠮷䶮·阿依😀"
#define RARE_NOTE "户籍𠮷村，👨‍👩‍👧 一家三口 🇨🇳"
#define X_ID "11010519491231002X"
#define LONG_ID "330682199001011234"   /* a double keeps 15 digits: 3.30682199001011E+17 */

static int setup(void **state)
{
	fx_db_setup(state);
	struct testdb *t = *state;
	struct dj_err e;
	snprintf(t->cfg.unit_name, sizeof t->cfg.unit_name, "中共驿亭镇委员会");
	config_apply(&t->cfg);   /* the unit's name reaches the writer as the file mode does */
	if (demo_populate(&t->s, &e)) {
		fprintf(stderr, "demo: %s\n", e.msg);
		fx_db_teardown(state);
		return -1;
	}
	return 0;
}

static void path_in(const struct testdb *t, const char *name, char *out, size_t cap)
{
	snprintf(out, cap, "%s/%s", t->dir, name);
}

/* Runs the checker on file with the checks; fails the test with what it
 * printed unless every check holds. */
static void check(const char *file, const char *const checks[])
{
	int n = 0;
	while (checks[n])
		n++;
	const char **argv = calloc((size_t)n + 4, sizeof *argv);
	assert_non_null(argv);
	argv[0] = PYTHON;
	argv[1] = CHECKER;
	argv[2] = file;
	memcpy(argv + 3, checks, (size_t)n * sizeof *argv);
	int out[2];
	assert_int_equal(pipe(out), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(out[1], 1);
		dup2(out[1], 2);
		execv(PYTHON, (char *const *)argv);
		_exit(127);
	}
	close(out[1]);
	char said[8192];
	size_t len = 0;
	ssize_t got;
	while (len + 1 < sizeof said && (got = read(out[0], said + len, sizeof said - 1 - len)) > 0)
		len += (size_t)got;
	said[len] = 0;
	close(out[0]);
	int status;
	waitpid(pid, &status, 0);
	free(argv);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("%s (python exit %d):\n%s", file, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
		         said);
}

static int64_t rare_member(struct testdb *t)
{
	int64_t branch = db_int(t->s.db, "SELECT id FROM org WHERE kind = '党支部' AND status = '正常'"
	                        " ORDER BY id LIMIT 1", -1, 0);
	int64_t id = fx_member_row(&t->s, branch, RARE_NAME, "女", "joined_on", "2001-07-01");
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t->s.db, "UPDATE member SET id_number = ?, notes = ?,"
	                                    " phone = '05758255100', birth_date = '1949-12-31'"
	                                    " WHERE id = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, X_ID, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, RARE_NOTE, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, id);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	fx_member_row(&t->s, branch, "长号码", "男", "id_number", LONG_ID);
	return id;
}

static void members_sheet(void **state)
{
	struct testdb *t = *state;
	rare_member(t);
	char path[256], rows[32], filter[32];
	path_in(t, "党员名册-20261121.xlsx", path, sizeof path);
	int n = 0;
	assert_int_equal(member_export_csv(&t->s, path, stderr, &n), 0);
	assert_true(n > 200);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);   /* outfile's mode, though libxlsxwriter wrote it */
	snprintf(rows, sizeof rows, "rows=%d", n + 1);
	snprintf(filter, sizeof filter, "filter=A1:R%d", n + 1);   /* 18 columns, 状态日期 and 状态说明 last */
	const char *const checks[] = {
		"sheet=党员名册-20261121", rows, "freeze=A2", filter, "bold:A1", "at:A1=姓名",
		"row:姓名=" RARE_NAME, "cell:身份证号=str:" X_ID, "cell:出生日期=date:1949-12-31",
		"cell:入党日期=date:2001-07-01", "cell:联系电话=str:05758255100",
		"cell:备注=str:" RARE_NOTE, "cell:姓名=str:" RARE_NAME, "cell:转正日期=blank",
		"row:姓名=长号码", "cell:身份证号=str:" LONG_ID,
		"row:姓名=洪辉", "cell:性别=str:男",
		"orientation=landscape", "paper=9", "fitwidth", "repeat=$1:$1",
		"hleft=中共驿亭镇委员会", "hright=导出日期：" FX_TODAY, "footer=第 &P 页 共 &N 页",
		"wider:所在党组织=16", "wider:身份证号=18",
		NULL,
	};
	check(path, checks);
}

/* The dues ledger's first row, as CSV writes it: the values the sheet's
 * typed cells must hold. */
static void first_csv_row(const char *path, char fields[12][64])
{
	char why[256], **f;
	int line;
	struct csv_reader *r = csv_open(path, why, sizeof why);
	assert_non_null(r);
	assert_int_equal(csv_next(r, &f, &line), 12);
	assert_int_equal(csv_next(r, &f, &line), 12);
	for (int i = 0; i < 12; i++)
		snprintf(fields[i], 64, "%s", f[i]);
	csv_close(r);
}

static void dues_sheet(void **state)
{
	struct testdb *t = *state;
	char csv[256], xlsx[256], v[12][64];
	path_in(t, "dues.csv", csv, sizeof csv);
	path_in(t, "党费.XLSX", xlsx, sizeof xlsx);   /* the ending in any case */
	int n = 0, m = 0;
	assert_int_equal(dues_export_month(&t->s, 0, "", csv, stderr, &n), 0);
	assert_int_equal(dues_export_month(&t->s, 0, "", xlsx, stderr, &m), 0);
	assert_int_equal(n, m);
	assert_true(n > 100);
	first_csv_row(csv, v);
	assert_non_null(strchr(v[6], '.'));   /* 应交（元） as the sheet shows money: 12.50 */
	assert_int_equal(strlen(v[8]), 10);   /* 交纳日期 */
	char month[80], base[80], due[80], paid[80], on[80], name[80];
	snprintf(month, sizeof month, "cell:月份=str:%s", v[0]);   /* YYYY-MM: no day, no date */
	snprintf(name, sizeof name, "cell:姓名=str:%s", v[2]);
	snprintf(base, sizeof base, "cell:计算基数（元）=money:%s", v[4]);
	snprintf(due, sizeof due, "cell:应交（元）=money:%s", v[6]);
	snprintf(paid, sizeof paid, "cell:实交（元）=money:%s", v[7]);
	snprintf(on, sizeof on, "cell:交纳日期=date:%s", v[8]);
	const char *const checks[] = { "line=2", month, name, base, due, paid, on, "freeze=A2", NULL };
	check(xlsx, checks);
}

static const struct rs_column period_cols[] = {
	{ "党支部", 20, 1, 0, 1, 0, 1 }, { "应到人数", 8, 0, 1, 1, 0, 0 }, { "得分", 6, 0, 1, 1, 0, 0 },
};

/* A one-cell title (the period) above the header: bold, merged across the
 * table; the header the row after it, frozen, filtered and repeated. */
static void title_row_above_header(void **state)
{
	struct testdb *t = *state;
	struct row_source *rs = memrows_fixed_new(period_cols, 3);
	assert_non_null(rs);
	const char *const a[] = { "五夫村党支部", "23", "85.5" }, *const b[] = { "𠮷村党支部", "7", "90.0" };
	assert_int_equal(memrows_fixed_add(rs, 1, 0, a, NULL), 0);
	assert_int_equal(memrows_fixed_add(rs, 2, 0, b, NULL), 0);
	char path[256];
	path_in(t, "period.xlsx", path, sizeof path);
	int n = 0;
	assert_int_equal(rows_export_csv(rs, "2026年10月 组织生活落实情况", path, stderr, &n), 0);
	assert_int_equal(n, 2);
	row_source_free(rs);
	const char *const checks[] = {
		"at:A1=2026年10月 组织生活落实情况", "merged:A1:C1", "bold:A1", "header=2", "bold:A2",
		"freeze=A3", "filter=A2:C4", "repeat=$2:$2", "rows=4", "orientation=portrait",
		"row:党支部=𠮷村党支部", "cell:应到人数=num:7", "cell:得分=num:90:0.0",
		"row:党支部=五夫村党支部", "cell:得分=num:85.5:0.0",
		NULL,
	};
	check(path, checks);
}

static void write_old(const char *path)
{
	fx_write_file(path, "old\n");
	outfile_permit_replace(path);
}

static void assert_old_and_no_tmp(const char *path)
{
	char buf[16] = "", tmp[300];
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "old\n");
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	assert_int_equal(access(tmp, F_OK), -1);
}

/* Many long rows, in a child whose files may not grow past 64 KB (as a full
 * disk): the close fails, says why in the writer's words, and the old file
 * stays.  The child reports through its exit code: 0 as expected, 1 the
 * close succeeded, 2 the reason was not the one expected. */
static void a_failed_write_keeps_the_old_file(void **state)
{
	struct testdb *t = *state;
	char path[256];
	path_in(t, "满了.xlsx", path, sizeof path);
	write_old(path);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit lim = { 64 * 1024, 64 * 1024 };
		signal(SIGXFSZ, SIG_IGN);   /* a write past the limit then fails with EFBIG */
		setrlimit(RLIMIT_FSIZE, &lim);
		struct csv_writer w;
		if (csv_writer_open(&w, path))
			_exit(3);
		csv_write_field(&w, "序号");
		csv_write_field(&w, "备注");
		csv_end_record(&w);
		char note[200], seq[16];
		for (int i = 0; i < 20000; i++) {
			snprintf(seq, sizeof seq, "%d", i);
			snprintf(note, sizeof note, "第%d条 %x 随机的备注文字使压缩后仍然很大 %u", i, i * 2654435761u,
			         (unsigned)i * 40503u);
			csv_write_field(&w, seq);
			csv_write_field(&w, note);
			csv_end_record(&w);
		}
		if (csv_writer_close(&w) == 0)
			_exit(1);
		const char *why = csv_writer_why(&w);
		_exit(strstr(why, "写入 ") && strstr(why, "满了.xlsx 失败") && strstr(why, "原有文件未改动")
		      ? 0 : 2);
	}
	int status;
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_old_and_no_tmp(path);
}

/* Rows that cannot all be read: the exporter aborts, nothing replaces the old file. */
static void an_abort_keeps_the_old_file(void **state)
{
	struct testdb *t = *state;
	char path[256];
	path_in(t, "中断.xlsx", path, sizeof path);
	write_old(path);
	struct csv_writer w;
	assert_int_equal(csv_writer_open(&w, path), 0);
	csv_write_field(&w, "姓名");
	csv_end_record(&w);
	csv_write_field(&w, "洪辉");
	csv_end_record(&w);
	csv_writer_abort(&w);
	assert_old_and_no_tmp(path);
}

/* The same writer to a .xlsx name makes a workbook (a zip), not CSV text. */
static void the_name_chooses_the_format(void **state)
{
	(void)state;
	assert_ptr_equal(csv_format_for("a/名册.xlsx"), &xlsx_out_format);
	assert_ptr_equal(csv_format_for("名册.XlSx"), &xlsx_out_format);
	assert_null(csv_format_for("名册.csv"));
	assert_null(csv_format_for(".xlsx.csv"));
	assert_null(csv_format_for("xlsx"));
}

static void kinds_of_columns_and_cells(void **state)
{
	(void)state;
	assert_int_equal(col_kind_of_header("身份证号"), COL_CODE);
	assert_int_equal(col_kind_of_header("联系电话"), COL_CODE);
	assert_int_equal(col_kind_of_header("介绍信编号"), COL_CODE);
	assert_int_equal(col_kind_of_header("批准文号"), COL_CODE);
	assert_int_equal(col_kind_of_header("序号"), COL_PLAIN);
	assert_int_equal(col_kind_of_header("排序号"), COL_PLAIN);
	assert_int_equal(col_kind_of_header("记录号"), COL_PLAIN);   /* the audit log's row ids */
	assert_int_equal(col_kind_of_header("出生日期"), COL_DATE);
	assert_int_equal(col_kind_of_header("入党时间"), COL_DATE);
	assert_int_equal(col_kind_of_header("整改期限"), COL_DATE);
	assert_int_equal(col_kind_of_header("应交（元）"), COL_MONEY);
	assert_int_equal(col_kind_of_header("经费预算"), COL_MONEY);
	assert_int_equal(col_kind_of_header("人数"), COL_PLAIN);
	assert_int_equal(col_kind_of_header("姓名"), COL_PLAIN);
	int d, ymd[3];
	assert_int_equal(cell_kind_of(COL_DATE, "2024-02-29", &d, ymd), CELL_DATE);
	assert_int_equal(ymd[0] * 10000 + ymd[1] * 100 + ymd[2], 20240229);
	assert_int_equal(cell_kind_of(COL_DATE, "2023-02-29", &d, ymd), CELL_TEXT);   /* no such day */
	assert_int_equal(cell_kind_of(COL_DATE, "2015-07", &d, ymd), CELL_TEXT);
	assert_int_equal(cell_kind_of(COL_DATE, "20150701", &d, ymd), CELL_TEXT);
	assert_int_equal(cell_kind_of(COL_PLAIN, "2024-02-29", &d, ymd), CELL_TEXT);  /* 备注 as typed */
	assert_int_equal(cell_kind_of(COL_MONEY, "12.5", &d, ymd), CELL_MONEY);
	assert_int_equal(cell_kind_of(COL_MONEY, "1,200", &d, ymd), CELL_TEXT);
	assert_int_equal(cell_kind_of(COL_PLAIN, "85.25", &d, ymd), CELL_NUMBER);
	assert_int_equal(d, 2);
	assert_int_equal(cell_kind_of(COL_PLAIN, "-3", &d, ymd), CELL_NUMBER);
	assert_int_equal(cell_kind_of(COL_PLAIN, "0123", &d, ymd), CELL_TEXT);
	assert_int_equal(cell_kind_of(COL_PLAIN, "13812345678", &d, ymd), CELL_TEXT);
	assert_int_equal(cell_kind_of(COL_PLAIN, X_ID, &d, ymd), CELL_TEXT);
	assert_int_equal(cell_kind_of(COL_CODE, "12", &d, ymd), CELL_TEXT);
	assert_int_equal(cell_kind_of(COL_PLAIN, "1.", &d, ymd), CELL_TEXT);
	assert_int_equal(cell_kind_of(COL_PLAIN, "100.0%", &d, ymd), CELL_TEXT);
	assert_int_equal(cell_kind_of(COL_PLAIN, "", &d, ymd), CELL_TEXT);
	assert_int_equal(cell_kind_of(COL_PLAIN, NULL, &d, ymd), CELL_TEXT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_name_chooses_the_format),
		cmocka_unit_test(kinds_of_columns_and_cells),
		cmocka_unit_test_setup_teardown(members_sheet, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(dues_sheet, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(title_row_above_header, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(a_failed_write_keeps_the_old_file, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(an_abort_keeps_the_old_file, setup, fx_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
