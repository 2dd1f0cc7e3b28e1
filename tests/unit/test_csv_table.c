/* test_csv_table.c — the shared CSV ledger import and export on a small
 * ledger of its own: header mapping, per-row reports, all or nothing in one
 * transaction, and the export's header, rows and failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <unistd.h>

#include "core/csv_table.h"
#include "fixture.h"

/* A ledger of people: 姓名 and 年龄 required, 备注 optional. */
struct person {
	char name[16];
	char age[4];
	char notes[32];
};

static const struct csv_column cols[] = {
	CSV_COLUMN(struct person, "姓名", name, 1),
	CSV_COLUMN(struct person, "年龄", age, 1),
	CSV_COLUMN(struct person, "备注", notes, 0),
};

/* A row whose 备注 is 禁止 is refused by the check; one whose 姓名 is 拒绝 by the store. */
static int check_row(void *rec, int line, FILE *report)
{
	struct person *p = rec;
	if (strcmp(p->notes, "禁止") != 0)
		return 0;
	fprintf(report, "第 %d 行「备注」值「禁止」：不许导入\n", line);
	return 1;
}

/* Can another connection take the write lock now? */
static int lock_is_free(const char *path)
{
	sqlite3 *other;
	int free_now = 0;
	if (sqlite3_open_v2(path, &other, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK) {
		free_now = 1;
		sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_close(other);
	return free_now;
}

/* What the phases saw: the lock free while rows are prepared, held while
 * they are stored, and `prepared` once, after the last row. */
struct phases {
	const char *db;
	int prepares, locked_while_preparing, after_last, stores, free_while_storing;
};

static int prepare(struct session *s, const struct csv_import *t, void *rec, int line, void *ctx,
                   FILE *report)
{
	(void)s, (void)t, (void)line, (void)report;
	struct phases *ph = ctx;
	if (!ph)
		return 0;
	ph->prepares++;
	ph->locked_while_preparing += !lock_is_free(ph->db);
	struct person *p = rec;
	p->age[0] = p->age[0] ? p->age[0] : '0';   /* what prepare fills, store sees */
	return 0;
}

static int prepared(struct session *s, void *ctx, FILE *report)
{
	(void)s, (void)report;
	struct phases *ph = ctx;
	if (ph)
		ph->after_last = ph->prepares;
	return 0;
}

static int store(struct session *s, const struct csv_import *t, void *recs, const int *lines,
                 int n, void *ctx, FILE *report)
{
	struct phases *ph = ctx;
	if (ph) {
		ph->stores += n;
		ph->free_while_storing += lock_is_free(ph->db);
	}
	struct person *p = recs;
	int bad = 0;
	for (int i = 0; i < n; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "INSERT INTO person VALUES ('%s', %s)", p[i].name, p[i].age);
		struct dj_err e;
		dj_clear(&e);
		if (db_exec(s->db, sql, &e) != 0)
			return n;
		if (strcmp(p[i].name, "拒绝") == 0) {
			dj_fail(&e, DJ_INVALID, "name", "「姓名」不可用");
			csv_import_report(t, lines[i], &p[i], &e, report);
			bad++;
		}
	}
	return bad;
}

static const struct csv_import people = {
	.cols = cols, .ncols = 3, .rec_size = sizeof(struct person),
	.empty_file = "文件为空，第一行应为列名（姓名、年龄……）",
	.no_rows = "文件只有列名行，没有人员记录",
	.check_row = check_row, .prepare = prepare, .prepared = prepared, .store = store,
	.batch = 2,
};

static int setup(void **state)
{
	fx_db_setup(state);
	struct testdb *t = *state;
	struct dj_err e;
	assert_int_equal(db_exec(t->s.db, "CREATE TABLE person (name TEXT, age INTEGER)", &e), 0);
	return 0;
}

/* Imports `csv` through `t`; report gets what the import printed. */
static int import(struct testdb *db, const struct csv_import *t, const char *csv, char *report,
                  size_t cap, int *n)
{
	char path[160];
	snprintf(path, sizeof path, "%s/in.csv", db->dir);
	fx_write_file(path, csv);
	FILE *r = fmemopen(report, cap, "w");
	int rc = csv_import(&db->s, t, path, NULL, r, n);
	fclose(r);
	return rc;
}

static int people_stored(struct testdb *t)
{
	return (int)db_int(t->s.db, "SELECT count(*) FROM person", -1, -1);
}

static void columns_in_any_order_all_stored(void **state)
{
	struct testdb *t = *state;
	char report[512] = "";
	int n = -1;
	assert_int_equal(import(t, &people, "备注, 年龄 ,姓名\r\n 老党员 ,80,张三\n,30,李四\n", report,
	                        sizeof report, &n), 0);
	assert_string_equal(report, "");
	assert_int_equal(n, 2);
	assert_int_equal(people_stored(t), 2);
	assert_int_equal(db_int(t->s.db, "SELECT age FROM person WHERE name = '张三'", -1, 0), 80);
}

static void header_problems_are_named(void **state)
{
	struct testdb *t = *state;
	char report[512] = "";
	int n = -1;
	assert_int_equal(import(t, &people, "姓名,籍贯,姓名\n张三,浙江,张三\n", report, sizeof report,
	                        &n), 1);
	assert_string_equal(report, "第 1 行：未知的列「籍贯」\n"
	                            "第 1 行：列「姓名」重复\n"
	                            "第 1 行：缺少必需的列「年龄」\n"
	                            "导入失败：没有导入任何记录\n");
	assert_int_equal(n, 0);
	assert_int_equal(import(t, &people, "", report, sizeof report, &n), 1);
	assert_string_equal(report, "文件为空，第一行应为列名（姓名、年龄……）\n"
	                            "导入失败：没有导入任何记录\n");
	assert_int_equal(import(t, &people, "姓名,年龄\n", report, sizeof report, &n), 1);
	assert_string_equal(report, "文件只有列名行，没有人员记录\n导入失败：没有导入任何记录\n");
	struct csv_import empty_ok = people;
	empty_ok.no_rows = NULL;
	assert_int_equal(import(t, &empty_ok, "姓名,年龄\n", report, sizeof report, &n), 0);
	assert_int_equal(n, 0);
}

static void too_many_columns_refused_before_mapping(void **state)
{
	struct testdb *t = *state;
	static char csv[CSV_MAX_COLUMNS * 4 + 16];
	char report[512] = "";
	int n;
	size_t w = 0;
	for (int i = 0; i <= CSV_MAX_COLUMNS; i++)
		w += (size_t)snprintf(csv + w, sizeof csv - w, "%sx", i ? "," : "");
	snprintf(csv + w, sizeof csv - w, "\n");
	assert_int_equal(import(t, &people, csv, report, sizeof report, &n), 1);
	assert_string_equal(report, "第 1 行：列数太多（257 列）\n导入失败：没有导入任何记录\n");
}

static void every_bad_row_reported_nothing_stored(void **state)
{
	struct testdb *t = *state;
	char report[1024] = "";
	int n = -1;
	assert_int_equal(import(t, &people,
	                        "姓名,年龄,备注\n"
	                        "张三,80\n"
	                        "一个非常非常非常长的名字,30\n"
	                        "李四,30,,多余\n"
	                        "王五,40,禁止\n", report, sizeof report, &n), 1);
	assert_string_equal(report, "第 3 行「姓名」值「一个非常非常非常长的名字」：太长（最多 15 字节，约 5 个汉字）\n"
	                            "第 4 行：有 4 列，比列名行多 1 列\n"
	                            "第 5 行「备注」值「禁止」：不许导入\n"
	                            "导入失败：没有导入任何记录\n");
	assert_int_equal(people_stored(t), 0);
}

/* What the file holds is quoted as the terminal may show it: an escape in
 * a header or in a too-long cell becomes "?", a long cell ends in "…" on a
 * character's boundary. */
static void quoted_cells_reach_the_report_harmless(void **state)
{
	struct testdb *t = *state;
	char report[1024] = "";
	int n = -1;
	assert_int_equal(import(t, &people, "姓名,年龄,备\x1b[2J注\n张三,1\n", report, sizeof report, &n), 1);
	assert_string_equal(report, "第 1 行：未知的列「备?[2J注」\n导入失败：没有导入任何记录\n");
	assert_int_equal(import(t, &people,
	                        "姓名,年龄\n\x1b]0;x\x07长长长长长长长长长长长长长长长长长长长长长长,1\n", report,
	                        sizeof report, &n), 1);
	assert_string_equal(report, "第 2 行「姓名」值「?]0;x?长长长长长长长长长长长长长长…」：太长（最多 15 字节，约 5 个汉字）\n"
	                            "导入失败：没有导入任何记录\n");
}

static void a_refusal_in_store_rolls_everything_back(void **state)
{
	struct testdb *t = *state;
	char report[512] = "";
	int n = -1;
	assert_int_equal(import(t, &people, "姓名,年龄\n张三,80\n拒绝,30\n", report, sizeof report,
	                        &n), 1);
	assert_string_equal(report, "第 3 行「姓名」值「拒绝」：「姓名」不可用\n"
	                            "导入失败：没有导入任何记录\n");
	assert_int_equal(n, 0);
	assert_int_equal(people_stored(t), 0);
	FILE *r = fmemopen(report, sizeof report, "w");
	assert_int_equal(csv_import(&t->s, &people, "/nonexistent/x.csv", NULL, r, &n), 2);
	fclose(r);
}

/* Item 4 of issue 18: an import holds the write lock only to store rows
 * every one of which was read, checked and prepared before. */
static void rows_are_prepared_before_the_write_lock(void **state)
{
	struct testdb *t = *state;
	char path[160], report[512] = "";
	snprintf(path, sizeof path, "%s/in.csv", t->dir);
	fx_write_file(path, "姓名,年龄\n张三,80\n李四,\n王五,5\n赵六,6\n钱七,7\n");
	struct phases ph = { .db = t->path };
	FILE *r = fmemopen(report, sizeof report, "w");
	int n = -1;
	assert_int_equal(csv_import(&t->s, &people, path, &ph, r, &n), 0);
	fclose(r);
	assert_string_equal(report, "");
	assert_int_equal(n, 5);
	assert_int_equal(ph.prepares, 5);
	assert_int_equal(ph.locked_while_preparing, 0);
	assert_int_equal(ph.after_last, 5);
	assert_int_equal(ph.stores, 5);              /* in batches of 2: 2, 2, 1 */
	assert_int_equal(ph.free_while_storing, 0);
	assert_int_equal(people_stored(t), 5);
	assert_int_equal(db_int(t->s.db, "SELECT age FROM person WHERE name = '李四'", -1, -1), 0);
}

/* The header is checked before the rest is read: a wrong file is refused
 * for its header, however broken or long its body. */
static void the_header_is_checked_before_the_body(void **state)
{
	struct testdb *t = *state;
	char path[160], report[512] = "";
	snprintf(path, sizeof path, "%s/in.csv", t->dir);
	FILE *f = fopen(path, "w");
	fputs("籍贯,年龄\n", f);
	for (int i = 0; i < 100000; i++)
		fputs(",,,,,,,,,,\n", f);
	fputs("\"never closed\n", f);
	fclose(f);
	FILE *r = fmemopen(report, sizeof report, "w");
	int n = -1;
	assert_int_equal(csv_import(&t->s, &people, path, NULL, r, &n), 1);
	fclose(r);
	assert_string_equal(report, "第 1 行：未知的列「籍贯」\n"
	                            "第 1 行：缺少必需的列「姓名」\n"
	                            "导入失败：没有导入任何记录\n");
	/* a good header: the body's broken quote stops it, naming the line */
	f = fopen(path, "w");
	fputs("姓名,年龄\n张三,80\n李四,\"3\n", f);
	fclose(f);
	r = fmemopen(report, sizeof report, "w");
	assert_int_equal(csv_import(&t->s, &people, path, NULL, r, &n), 2);
	fclose(r);
	assert_non_null(strstr(report, "第 3 行：引号没有配对"));
	assert_int_equal(people_stored(t), 0);
}

/* [import] max_mb and max_line_kb, from the session's configuration. */
static void the_limits_come_from_the_configuration(void **state)
{
	struct testdb *t = *state;
	char path[160], report[512] = "";
	snprintf(path, sizeof path, "%s/in.csv", t->dir);
	FILE *f = fopen(path, "w");
	fputs("姓名,年龄,备注\n", f);
	for (int i = 0; i < 40000; i++)
		fprintf(f, "张%d,%d,一二三四五六七八九十\n", i, i % 90);
	fclose(f);
	t->cfg.import_max_mb = 1;
	FILE *r = fmemopen(report, sizeof report, "w");
	int n = -1;
	assert_int_equal(csv_import(&t->s, &people, path, NULL, r, &n), 2);
	fclose(r);
	assert_non_null(strstr(report, "超过导入上限 1 MB（dangjian.ini [import] max_mb）"));
	t->cfg.import_max_mb = 200;
	t->cfg.import_max_line_kb = 1;
	f = fopen(path, "w");
	fputs("姓名,年龄,备注\n张三,1,短\n李四,2,\"", f);
	for (int i = 0; i < 2000; i++)
		fputc('x', f);
	fputs("\"\n", f);
	fclose(f);
	r = fmemopen(report, sizeof report, "w");
	assert_int_equal(csv_import(&t->s, &people, path, NULL, r, &n), 2);
	fclose(r);
	assert_non_null(strstr(report, "第 3 行太长：一条记录超过 1 KB（dangjian.ini [import] max_line_kb）"));
	assert_int_equal(people_stored(t), 0);
}

static void a_save_error_without_a_column_names_the_line(void **state)
{
	(void)state;
	char report[256] = "";
	struct person p = { "张三", "80", "" };
	struct dj_err e;
	dj_fail(&e, DJ_DB, "", "数据库忙");
	FILE *r = fmemopen(report, sizeof report, "w");
	csv_import_report(&people, 7, &p, &e, r);
	dj_fail(&e, DJ_INVALID, "age", "「年龄」不对");
	csv_import_report(&people, 8, &p, &e, r);
	fclose(r);
	assert_string_equal(report, "第 7 行：数据库忙\n第 8 行「年龄」值「80」：「年龄」不对\n");
}

/* The file as text, without the BOM. */
static const char *slurp(const char *path)
{
	static char buf[1024];
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	assert_memory_equal(buf, "\xEF\xBB\xBF", 3);
	return buf + 3;
}

static int write_doubled(struct csv_writer *w, sqlite3_stmt *st, void *ctx, FILE *report)
{
	char v[32];
	snprintf(v, sizeof v, "%d", sqlite3_column_int(st, 1) * 2);
	const char *cells[] = { (const char *)sqlite3_column_text(st, 0), v };
	if (strcmp(cells[0], "停") == 0) {
		fprintf(report, "%s：到此为止\n", (const char *)ctx);
		return 1;
	}
	csv_write_record(w, cells, 2);
	return 0;
}

static void export_writes_header_and_rows(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	assert_int_equal(db_exec(t->s.db, "INSERT INTO person VALUES ('张三', 80), ('李四', NULL),"
	                         " ('停', 1), ('王五', 5)", &e), 0);
	char path[160], report[512] = "";
	snprintf(path, sizeof path, "%s/out.csv", t->dir);
	static const char *const heads[] = { "姓名", "年龄" };
	struct csv_export x = { .what = "人员", .headers = heads, .ncols = 2 };
	sqlite3_stmt *st;
	const char *sql = "SELECT name, age FROM person WHERE name <> '停' ORDER BY rowid";
	assert_int_equal(sqlite3_prepare_v2(t->s.db, sql, -1, &st, NULL), SQLITE_OK);
	FILE *r = fmemopen(report, sizeof report, "w");
	int n = -1;
	assert_int_equal(csv_export_rows(t->s.db, st, &x, path, r, &n), 0);
	fclose(r);
	assert_string_equal(report, "");
	assert_int_equal(n, 3);
	assert_string_equal(slurp(path), "\"姓名\",\"年龄\"\r\n\"张三\",\"80\"\r\n\"李四\",\"\"\r\n"
	                                 "\"王五\",\"5\"\r\n");

	/* the import's columns as headers, a row writer that stops the export */
	struct csv_export y = { .what = "人员", .cols = cols, .ncols = 2,
	                        .write_row = write_doubled, .ctx = "导出人员" };
	assert_int_equal(sqlite3_prepare_v2(t->s.db, "SELECT name, age FROM person ORDER BY rowid",
	                                    -1, &st, NULL), SQLITE_OK);
	r = fmemopen(report, sizeof report, "w");
	outfile_permit_replace(path);   /* the operator agreed to replace the first export */
	assert_int_equal(csv_export_rows(t->s.db, st, &y, path, r, &n), 1);
	fclose(r);
	assert_string_equal(report, "导出人员：到此为止\n");
	assert_int_equal(n, 2);
	/* half a ledger is thrown away: the file is still the first export */
	assert_string_equal(slurp(path), "\"姓名\",\"年龄\"\r\n\"张三\",\"80\"\r\n\"李四\",\"\"\r\n"
	                                 "\"王五\",\"5\"\r\n");
	char tmp[170];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	assert_int_equal(access(tmp, F_OK), -1);
	/* without consent an existing file is not replaced */
	assert_int_equal(sqlite3_prepare_v2(t->s.db, sql, -1, &st, NULL), SQLITE_OK);
	r = fmemopen(report, sizeof report, "w");
	assert_int_equal(csv_export_rows(t->s.db, st, &x, path, r, &n), 1);
	fclose(r);
	assert_non_null(strstr(report, "已存在"));
}

static void export_failures_are_reported(void **state)
{
	struct testdb *t = *state;
	static const char *const heads[] = { "姓名" };
	struct csv_export x = { .what = "人员", .headers = heads, .ncols = 1 };
	char report[512] = "";
	int n = -1;
	sqlite3_stmt *st = NULL;
	assert_int_not_equal(sqlite3_prepare_v2(t->s.db, "SELECT nosuch FROM person", -1, &st, NULL),
	                     SQLITE_OK);
	FILE *r = fmemopen(report, sizeof report, "w");
	assert_int_equal(csv_export_rows(t->s.db, st, &x, "/dev/null", r, &n), 1);
	fclose(r);
	assert_string_equal(report, "读取人员失败：no such column: nosuch\n");
	assert_int_equal(n, 0);

	assert_int_equal(sqlite3_prepare_v2(t->s.db, "SELECT name FROM person", -1, &st, NULL),
	                 SQLITE_OK);
	r = fmemopen(report, sizeof report, "w");
	assert_int_equal(csv_export_rows(t->s.db, st, &x, "/nonexistent/x.csv", r, &n), 1);
	fclose(r);
	assert_non_null(strstr(report, "无法创建 /nonexistent/x.csv.tmp"));

	/* a device is refused (a disk filling up: test_outfile.c) */
	struct csv_writer w;
	r = fmemopen(report, sizeof report, "w");
	assert_int_equal(csv_export_open(&w, "/dev/full", heads, 1, r), 1);
	fclose(r);
	assert_non_null(strstr(report, "/dev/full 是特殊文件"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(columns_in_any_order_all_stored, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(header_problems_are_named, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(too_many_columns_refused_before_mapping, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(every_bad_row_reported_nothing_stored, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(quoted_cells_reach_the_report_harmless, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(a_refusal_in_store_rolls_everything_back, setup,
		                                fx_db_teardown),
		cmocka_unit_test_setup_teardown(rows_are_prepared_before_the_write_lock, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(the_header_is_checked_before_the_body, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(the_limits_come_from_the_configuration, setup, fx_db_teardown),
		cmocka_unit_test(a_save_error_without_a_column_names_the_line),
		cmocka_unit_test_setup_teardown(export_writes_header_and_rows, setup, fx_db_teardown),
		cmocka_unit_test_setup_teardown(export_failures_are_reported, setup, fx_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
