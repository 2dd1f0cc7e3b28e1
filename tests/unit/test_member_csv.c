/* The roster as CSV: an office's Excel export comes in all or nothing, with
 * one report line per problem; our export reads back unchanged.  And the
 * 党员结构 counts, whose every group adds up to the ledger's count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "member/stats.h"

/* Writes utf8 to dir/name, converted to GB18030 when gb. */
static void write_file(struct fixture *f, const char *name, const char *utf8, int gb, char *path)
{
	sprintf(path, "%s/%s", f->t.dir, name);
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	if (!gb) {
		fputs(utf8, out);
	} else {
		iconv_t cd = iconv_open("GB18030", "UTF-8");
		assert_true(cd != (iconv_t)-1);
		char buf[8192], *in = (char *)utf8, *o = buf;
		size_t inleft = strlen(utf8), outleft = sizeof buf;
		assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
		iconv_close(cd);
		fwrite(buf, 1, sizeof buf - outleft, out);
	}
	fclose(out);
}

/* Runs the import; report gets what it printed. */
static int import(struct fixture *f, const char *path, char *report, size_t cap, int *n)
{
	FILE *r = fmemopen(report, cap, "w");
	int rc = member_import_csv(f->s, path, r, n);
	fclose(r);
	return rc;
}

static char id_a[19], id_b[19], id_c[19];

static void make_ids(void)
{
	fx_id(id_a, "1968-04-12", 31);
	fx_id(id_b, "1990-10-03", 42);
	fx_id(id_c, "1955-12-25", 53);
}

static void imports_in_any_column_order(void **state)
{
	struct fixture *f = *state;
	char csv[2048], path[256], report[1024];
	make_ids();
	snprintf(csv, sizeof csv,
	         "人员类别,姓名,所在党组织,性别,身份证号,入党日期,转正日期,民族,学历,联系电话,工作岗位,备注\r\n"
	         "正式党员,陈建国,东村党支部,男,%s,1990-07-01,1991-07-01,汉族,高中,13905750001,村支书,\r\n"
	         "预备党员,林小红,西村党支部,女,%s,2026.3.1,,畲族,大学本科,,教师,\"新发展\"\r\n",
	         id_a, id_b);
	write_file(f, "a.csv", csv, 0, path);
	int n = 0;
	assert_int_equal(import(f, path, report, sizeof report, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(member_count(f->s, 0, NULL), 2);
	assert_int_equal(member_count(f->s, f->b, "预备党员"), 1);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member WHERE name='林小红'"
	                        " AND birth_date='1990-10-03' AND joined_on='2026-03-01'"
	                        " AND ethnicity='畲族' AND name_py='lxh'", -1, 0), 1);
}

static void gb18030_file_with_one_bad_row_stores_nothing(void **state)
{
	struct fixture *f = *state;
	char csv[2048], path[256], report[2048], bad[19];
	make_ids();
	snprintf(bad, sizeof bad, "%s", id_c);
	bad[17] = bad[17] == '1' ? '2' : '1';
	snprintf(csv, sizeof csv,
	         "姓名,性别,出生日期,身份证号,人员类别,入党日期,转正日期,所在党组织\n"
	         "陈建国,男,1968-04-12,%s,正式党员,1990-07-01,1991-07-01,东村党支部\n"
	         "周德明,男,1955-12-25,%s,正式党员,1980-07-01,1981-07-01,东村党支部\n"
	         "林小红,女,1990-10-03,%s,预备党员,2026-03-01,,西村党支部\n",
	         id_a, bad, id_b);
	write_file(f, "gb.csv", csv, 1, path);
	int n = 0;
	assert_int_equal(import(f, path, report, sizeof report, &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, 0), 0);
	char want[256];
	snprintf(want, sizeof want, "第 3 行「身份证号」值「%s」：「身份证号」校验位错误", bad);
	if (!strstr(report, want))
		fail_msg("report lacks \"%s\":\n%s", want, report);
	assert_null(strstr(report, "第 2 行"));
	assert_null(strstr(report, "第 4 行"));
	assert_non_null(strstr(report, "导入失败：没有导入任何记录"));
}

static void headers_are_checked_by_name(void **state)
{
	struct fixture *f = *state;
	char path[256], report[1024];
	int n;
	write_file(f, "h.csv", "姓名,性别,籍贯,人员类别,入党日期\n张三,男,浙江,正式党员,2000-07-01\n", 0,
	           path);
	assert_int_equal(import(f, path, report, sizeof report, &n), 1);
	assert_non_null(strstr(report, "第 1 行：未知的列「籍贯」"));
	assert_non_null(strstr(report, "第 1 行：缺少必需的列「所在党组织」"));
	/* 出国 is a status no move of this program makes: no export holds it */
	write_file(f, "s.csv", "姓名,性别,人员类别,入党日期,所在党组织,状态\n"
	           "张三,男,正式党员,2000-07-01,东村党支部,出国\n", 0, path);
	assert_int_equal(import(f, path, report, sizeof report, &n), 1);
	assert_non_null(strstr(report, "第 2 行「状态」值「出国」：状态应为 正常、转出、出党、去世、失联 或 流出"));
	assert_int_equal(import(f, "/nonexistent/x.csv", report, sizeof report, &n), 2);
}

static void duplicate_id_in_one_file_names_the_first(void **state)
{
	struct fixture *f = *state;
	char csv[1024], path[256], report[1024];
	make_ids();
	snprintf(csv, sizeof csv,
	         "姓名,性别,身份证号,人员类别,入党日期,转正日期,所在党组织\n"
	         "陈建国,男,%s,正式党员,1990-07-01,1991-07-01,东村党支部\n"
	         "陈建华,男,%s,正式党员,1990-07-01,1991-07-01,西村党支部\n", id_a, id_a);
	write_file(f, "d.csv", csv, 0, path);
	int n;
	assert_int_equal(import(f, path, report, sizeof report, &n), 1);
	/* rows are checked before any is stored: the first is named by its line */
	assert_non_null(strstr(report, "第 3 行「身份证号」"));
	assert_non_null(strstr(report, "与第 2 行重复"));
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, 0), 0);
}

/* Two rosters joined into one file: the second's byte order mark lands
 * before a name.  It, and an ESC in a note, are refused by row and column,
 * the value not echoed to the terminal; 全角 ID digits go in as digits. */
static void controls_and_a_mid_file_bom_are_refused_by_row(void **state)
{
	struct fixture *f = *state;
	char csv[2048], path[256], report[2048], wide[64] = "";
	make_ids();
	for (const char *c = id_c; *c; c++) {
		char ch[4] = { '\xef', '\xbc', (char)(0x90 + (*c - '0')), 0 };
		strcat(wide, *c == 'X' ? "Ｘ" : ch);
	}
	snprintf(csv, sizeof csv,
	         "姓名,性别,身份证号,人员类别,入党日期,转正日期,所在党组织,备注\r\n"
	         "陈建国,男,%s,正式党员,1990-07-01,1991-07-01,东村党支部,\"一\x1b[2J二\"\r\n"
	         "\xef\xbb\xbf林小红,女,%s,正式党员,2010-07-01,2011-07-01,西村党支部,\r\n"
	         "王全角,男,%s,正式党员,1990-07-01,1991-07-01,西村党支部,\"第一行\n第二行\"\r\n",
	         id_a, id_b, wide);
	write_file(f, "joined.csv", csv, 0, path);
	int n = 0;
	assert_int_equal(import(f, path, report, sizeof report, &n), 1);
	if (!strstr(report, "第 2 行「备注」：含有控制字符（U+001B，第 2 个字），请删除\n") ||
	    !strstr(report, "第 3 行「姓名」：含有不可见的字节顺序标记（U+FEFF，第 1 个字），请删除\n") ||
	    strstr(report, "第 4 行") || strchr(report, '\x1b') || strstr(report, "\xef\xbb\xbf"))
		fail_msg("report:\n%s", report);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, 0), 0);
	/* the two rows mended, the file goes in, the 全角 number as digits */
	snprintf(csv, sizeof csv,
	         "姓名,性别,身份证号,人员类别,入党日期,转正日期,所在党组织,备注\r\n"
	         "王全角,男,%s,正式党员,1990-07-01,1991-07-01,西村党支部,\"第一行\n第二行\"\r\n", wide);
	write_file(f, "mended.csv", csv, 0, path);
	assert_int_equal(import(f, path, report, sizeof report, &n), 0);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(f->s->db, "SELECT count(*) FROM member WHERE id_number = ?1"
	                                    " AND notes = '第一行' || char(10) || '第二行'", -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, id_c, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
}

/* The import keeps 发展党员's age rule too: 15 on the 入党日期, refused by row. */
static void import_keeps_the_age_rule(void **state)
{
	struct fixture *f = *state;
	char csv[1024], path[256], report[1024], id[19];
	fx_id(id, "2010-03-01", 31);
	snprintf(csv, sizeof csv, "姓名,性别,身份证号,人员类别,入党日期,所在党组织\r\n"
	         "少年甲,男,%s,预备党员,2026-01-05,东村党支部\r\n", id);
	write_file(f, "young.csv", csv, 0, path);
	int n = 0;
	assert_int_equal(import(f, path, report, sizeof report, &n), 1);
	if (!strstr(report, "第 2 行「入党日期」值「2026-01-05」：「入党日期」2026-01-05 时年龄 15 岁，未满 18 周岁"))
		fail_msg("report:\n%s", report);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, 0), 0);
}

static void export_reads_back_unchanged(void **state)
{
	struct fixture *f = *state;
	struct member m = fx_member("钱学森", "男", "1911-12-11", "南村第一党支部");
	snprintf(m.joined_on, sizeof m.joined_on, "1958-04-01");
	snprintf(m.confirmed_on, sizeof m.confirmed_on, "1959-04-01");
	snprintf(m.notes, sizeof m.notes, "=1+1 \"引号\"，逗号");
	fx_add(f->s, m);
	struct member p = fx_member("林小红", "女", "1990-10-03", "西村党支部");
	snprintf(p.category, sizeof p.category, "预备党员");
	snprintf(p.joined_on, sizeof p.joined_on, "2025-10-01");
	snprintf(p.extension, sizeof p.extension, "6");
	p.confirmed_on[0] = 0;
	fx_add(f->s, p);
	char path[256], report[1024];
	snprintf(path, sizeof path, "%s/out.csv", f->t.dir);
	FILE *r = fmemopen(report, sizeof report, "w");
	int n = 0;
	assert_int_equal(member_export_csv(f->s, path, r, &n), 0);
	fclose(r);
	assert_int_equal(n, 2);
	/* a second database takes the file back */
	struct fixture *g = fx_open();
	int got = 0;
	assert_int_equal(import(g, path, report, sizeof report, &got), 0);
	assert_int_equal(got, 2);
	assert_int_equal(db_int(g->s->db, "SELECT count(*) FROM member WHERE notes ="
	                        " '=1+1 \"引号\"，逗号' AND id_number LIKE '33068219111211%'", -1, 0), 1);
	assert_int_equal(db_int(g->s->db, "SELECT extension_months FROM member WHERE name='林小红'",
	                        -1, 0), 6);
	fx_close(g);
	setenv("DJ_TODAY", FX_TODAY, 1);
}

/* A roster as an office keeps it: 大专, 硕士研究生, 汉, 男性, 1990年7月1日,
 * a 出生年月, 全角 digits and spaces in an ID.  Every word is mapped and the
 * report says so before anything is stored; the one ID Excel turned into a
 * number refuses its row, with the reason and the row, and nothing is
 * stored.  Without that row the file imports as reported. */
static void a_real_roster_maps_its_words(void **state)
{
	struct fixture *f = *state;
	char id1[19], id2[19], id3[19], wide[80], csv[4096], path[256], report[4096];
	fx_id(id1, "1990-07-01", 31);
	fx_id(id2, "1985-03-09", 42);
	fx_id(id3, "1978-11-20", 53);
	/* id2 typed in full width with spaces in it, as pasted from a Word form */
	size_t k = 0;
	for (int i = 0; id2[i]; i++) {
		if (i == 6 || i == 14)
			k += (size_t)snprintf(wide + k, sizeof wide - k, "　");
		k += (size_t)snprintf(wide + k, sizeof wide - k, "\xEF\xBC%c", (char)(0x90 + id2[i] - '0'));
	}
	static const char head[] = "姓名,性别,民族,出生日期,身份证号,学历,人员类别,入党日期,转正日期,所在党组织\n";
	char rows[3][512];
	snprintf(rows[0], sizeof rows[0], "陈𠮷,男性,汉,1990年7月1日,%s,大专,正式党员,2015年7月1日,2016.7.1,东村党支部\n", id1);
	snprintf(rows[1], sizeof rows[1], "阿依古丽·买买提,女性,维吾尔,1985年3月,%s,硕士研究生,正式党员,2010/07/01,20110701,东村党支部\n", wide);
	snprintf(rows[2], sizeof rows[2], "王䶮😀,男,回,1978.11,%s,大专,正式党员,２０００．７．１,2001-7-1,西村党支部\n", id3);
	const char *excel = "张三,男,汉,1990年7月1日,3.30682E+17,本科,正式党员,2015年7月1日,2016.7.1,西村党支部\n";
	snprintf(csv, sizeof csv, "%s%s%s%s%s", head, rows[0], rows[1], excel, rows[2]);
	write_file(f, "r.csv", csv, 0, path);
	int n = -1;
	assert_int_equal(import(f, path, report, sizeof report, &n), 1);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, 0), 0);
	static const char excel_why[] = "第 4 行「身份证号」值「3.30682E+17」：「身份证号」已被 Excel 转成数字"
		"（3.30682E+17），末尾几位已丢失：请在 Excel 中把该列设为“文本”后重新录入";
	if (!strstr(report, excel_why))
		fail_msg("report lacks the Excel reason:\n%s", report);
	assert_null(strstr(report, "第 2 行"));
	assert_null(strstr(report, "第 3 行"));
	assert_null(strstr(report, "第 5 行"));

	/* the same roster without that row */
	snprintf(csv, sizeof csv, "%s%s%s%s", head, rows[0], rows[1], rows[2]);
	write_file(f, "r2.csv", csv, 0, path);
	if (import(f, path, report, sizeof report, &n) != 0)
		fail_msg("refused:\n%s", report);
	assert_int_equal(n, 3);
	static const char *const said[] = {
		"「学历」列：「大专」记为「大学专科」，2 行",
		"「学历」列：「硕士研究生」记为「研究生」，1 行",
		"「性别」列：「男性」记为「男」，1 行",
		"「性别」列：「女性」记为「女」，1 行",
		"「民族」列：「汉」记为「汉族」，1 行",
		"「民族」列：「维吾尔」记为「维吾尔族」，1 行",
		"「民族」列：「回」记为「回族」，1 行",
		"「入党日期」列：3 行的日期改写为 YYYY-MM-DD（如「2015年7月1日」记为「2015-07-01」）",
		"「出生日期」列：1 行的日期改写为 YYYY-MM-DD（如「1990年7月1日」记为「1990-07-01」）",
		"「出生日期」列：2 行只有年月，按身份证号记为完整的出生日期",
		"「身份证号」列：1 行的全角数字、空格或小写 x 已改为标准写法",
	};
	for (size_t i = 0; i < sizeof said / sizeof *said; i++)
		if (!strstr(report, said[i]))
			fail_msg("report lacks \"%s\":\n%s", said[i], report);
	char sql[1024];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM member WHERE"
	         " (name = '陈𠮷' AND gender = '男' AND ethnicity = '汉族' AND education = '大学专科'"
	         "  AND birth_date = '1990-07-01' AND joined_on = '2015-07-01' AND confirmed_on = '2016-07-01')"
	         " OR (name = '阿依古丽·买买提' AND gender = '女' AND ethnicity = '维吾尔族'"
	         "  AND education = '研究生' AND birth_date = '1985-03-09' AND id_number = '%s')"
	         " OR (name = '王䶮😀' AND ethnicity = '回族' AND birth_date = '1978-11-20'"
	         "  AND joined_on = '2000-07-01')", id2);
	assert_int_equal(db_int(f->s->db, sql, -1, 0), 3);
}

/* Dates a field cannot hold are refused by row and column with the reason:
 * a month where a day is needed, a 出生年月 the ID contradicts, 「大学」. */
static void roster_refusals_name_row_and_reason(void **state)
{
	struct fixture *f = *state;
	char id1[19], csv[2048], path[256], report[4096];
	int n;
	fx_id(id1, "1990-07-01", 31);
	snprintf(csv, sizeof csv,
	         "姓名,性别,出生日期,身份证号,学历,人员类别,入党日期,转正日期,所在党组织\n"
	         "甲,男,1990-07-01,%s,大专,正式党员,2015年7月,2016-07-01,东村党支部\n"
	         "乙,男,1990年8月,%s,大专,正式党员,2015-07-01,2016-07-01,东村党支部\n"
	         "丙,男,1990年8月,,大专,正式党员,2015-07-01,2016-07-01,东村党支部\n"
	         "丁,男,,%s,大学,正式党员,2015-07-01,2016-07-01,东村党支部\n",
	         id1, id1, id1);
	write_file(f, "bad.csv", csv, 0, path);
	assert_int_equal(import(f, path, report, sizeof report, &n), 1);
	static const char *const said[] = {
		"第 2 行「入党日期」值「2015年7月」：「入党日期」只有年月（2015年7月），缺少日：请填写完整日期",
		"第 3 行「出生日期」值「1990年8月」：「出生日期」只有年月（1990-08），与身份证号中的出生日期 1990-07-01 不一致",
		"第 4 行「出生日期」值「1990年8月」：「出生日期」只有年月（1990年8月），缺少日：请填写完整日期",
		"第 5 行「学历」值「大学」：「学历」「大学」分不清是大学本科还是大学专科：请填写本科或大专",
	};
	for (size_t i = 0; i < sizeof said / sizeof *said; i++)
		if (!strstr(report, said[i]))
			fail_msg("report lacks \"%s\":\n%s", said[i], report);
	/* a refused file stores nothing, and says how it read the rest */
	const char *fail = strstr(report, "导入失败：没有导入任何记录");
	assert_non_null(fail);
	assert_non_null(strstr(fail, "文件中以下写法已按标准理解"));
	assert_non_null(strstr(fail, "「学历」列：「大专」记为「大学专科」，3 行"));
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, 0), 0);
}

/* Members who left come back with their status and an event saying so. */
static void statuses_other_than_normal_import_with_an_event(void **state)
{
	struct fixture *f = *state;
	char id1[19], id2[19], csv[2048], path[256], report[4096];
	int n;
	fx_id(id1, "1960-01-02", 31);
	fx_id(id2, "1961-01-02", 41);
	snprintf(csv, sizeof csv,
	         "姓名,性别,身份证号,人员类别,入党日期,转正日期,所在党组织,状态,状态日期,状态说明\n"
	         "甲,男,%s,正式党员,1990-07-01,1991-07-01,东村党支部,转出,2020年3月5日,去往杭州市\n"
	         "乙,男,%s,正式党员,1990-07-01,1991-07-01,东村党支部,去世,,\n", id1, id2);
	write_file(f, "st.csv", csv, 0, path);
	if (import(f, path, report, sizeof report, &n) != 0)
		fail_msg("refused:\n%s", report);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member m JOIN member_event v"
	                        " ON v.member_id = m.id WHERE m.name = '甲' AND m.status = '转出'"
	                        " AND v.type = '转出' AND v.date = '2020-03-05'"
	                        " AND v.reason = '导入时状态已为「转出」：去往杭州市'", -1, 0), 1);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member m JOIN member_event v"
	                        " ON v.member_id = m.id WHERE m.name = '乙' AND m.status = '去世'"
	                        " AND v.date = '" FX_TODAY "'", -1, 0), 1);
	assert_int_equal(member_count(f->s, 0, NULL), 0);   /* neither is counted */
	/* a status date before the 入党日期, and one for a member in good standing */
	snprintf(csv, sizeof csv,
	         "姓名,性别,出生日期,人员类别,入党日期,转正日期,所在党组织,状态,状态日期\n"
	         "丙,男,1960-01-01,正式党员,1990-07-01,1991-07-01,东村党支部,失联,1980-01-01\n"
	         "丁,男,1960-01-01,正式党员,1990-07-01,1991-07-01,东村党支部,正常,2020-01-01\n");
	write_file(f, "st2.csv", csv, 0, path);
	assert_int_equal(import(f, path, report, sizeof report, &n), 1);
	assert_non_null(strstr(report, "第 2 行「状态日期」值「1980-01-01」：「状态日期」1980-01-01 早于入党日期 1990-07-01"));
	assert_non_null(strstr(report, "第 3 行「状态日期」：状态为「正常」的党员不填状态日期和状态说明"));
}

static long item(const struct member_stats *st, int g, const char *label)
{
	for (int i = 0; i < st->group[g].n; i++)
		if (strcmp(st->group[g].item[i].label, label) == 0)
			return st->group[g].item[i].n;
	fail_msg("no item %s", label);
	return -1;
}

static void structure_adds_up_to_the_ledger(void **state)
{
	struct fixture *f = *state;
	static const char *const births[] = { "1996-11-21", "1996-11-22", "1991-01-01",
	                                      "1965-11-21", "1965-11-22", "1940-06-01" };
	static const char *const edus[] = { "研究生", "大学专科", "高中", "中专", "", "小学及以下" };
	for (int i = 0; i < 6; i++) {
		char name[16];
		snprintf(name, sizeof name, "成员%c", 'A' + i);
		struct member m = fx_member(name, i % 2 ? "女" : "男", births[i],
		                            i < 4 ? "东村党支部" : "南村第一党支部");
		snprintf(m.education, sizeof m.education, "%s", edus[i]);
		if (i == 2)
			snprintf(m.ethnicity, sizeof m.ethnicity, "回族");
		snprintf(m.joined_on, sizeof m.joined_on, "%s", i == 5 ? "1959-01-01" : "2015-01-01");
		snprintf(m.confirmed_on, sizeof m.confirmed_on, "%s", i == 5 ? "1960-01-01" : "2016-01-01");
		assert_true(fx_add(f->s, m) > 0);
	}
	struct member_stats st;
	struct dj_err e;
	assert_int_equal(member_stats_compute(f->s, 0, &st, &e), 0);
	assert_int_equal(st.total, 6);
	assert_int_equal(st.total, member_count(f->s, 0, NULL));
	for (int g = 0; g < STAT_NGROUPS; g++) {
		long sum = 0;
		for (int i = 0; i < st.group[g].n; i++)
			if (!(st.group[g].item[i].flags & STAT_SUBTOTAL))
				sum += st.group[g].item[i].n;
		assert_int_equal(sum, st.total);
	}
	assert_int_equal(item(&st, STAT_GENDER, "男"), 3);
	assert_int_equal(item(&st, STAT_ETHNIC, "少数民族"), 1);
	assert_int_equal(item(&st, STAT_AGE, "30岁及以下"), 2);   /* 30 on the day, and 29 */
	assert_int_equal(item(&st, STAT_AGE, "31-35岁"), 1);
	assert_int_equal(item(&st, STAT_AGE, "61岁及以上"), 2);
	assert_int_equal(item(&st, STAT_AGE, "56-60岁"), 1);
	assert_int_equal(item(&st, STAT_EDUCATION, "其中大专及以上"), 2);
	assert_int_equal(item(&st, STAT_EDUCATION, "未填学历"), 1);
	assert_int_equal(item(&st, STAT_ERA, "1949.10-1966.4"), 1);
	assert_int_equal(item(&st, STAT_ERA, "2012.11以后"), 5);
	assert_int_equal(member_stats_compute(f->s, f->zz, &st, &e), 0);
	assert_int_equal(st.total, 2);
	assert_int_equal(st.total, member_count(f->s, f->zz, NULL));
	char pct[16];
	stat_percent(1, 3, pct, sizeof pct);
	assert_string_equal(pct, "33.3%");
	stat_percent(2, 3, pct, sizeof pct);
	assert_string_equal(pct, "66.7%");
	stat_percent(0, 0, pct, sizeof pct);
	assert_string_equal(pct, "-");
	assert_int_equal(member_age("1996-11-21", "2026-11-21"), 30);
	assert_int_equal(member_age("1996-11-22", "2026-11-21"), 29);
	assert_int_equal(member_age("2000-02-29", "2026-02-28"), 25);
	assert_int_equal(member_age("", "2026-02-28"), -1);
}

/* A county's roster is stored a batch at a time as it is read, and is still
 * all or nothing: problems in different batches — a cell too long, a wrong
 * check digit — are all reported, and nothing is stored; the good file of
 * the same length goes in whole. */
enum { LONG_ROWS = 1300 };

static void write_long_roster(struct fixture *f, const char *name, int bad, char *path)
{
	sprintf(path, "%s/%s", f->t.dir, name);
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fputs("姓名,性别,身份证号,人员类别,入党日期,转正日期,所在党组织\n", out);
	for (int i = 0; i < LONG_ROWS; i++) {
		char birth[11], id[19];
		snprintf(birth, sizeof birth, "%04d-%02d-%02d", 1950 + i / 300, 1 + i / 25 % 12, 1 + i % 25);
		fx_id(id, birth, i);
		int line = i + 2;
		if (bad && line == 1203)
			id[17] = id[17] == '1' ? '2' : '1';
		fprintf(out, "%s%d,%s,%s,正式党员,2000-07-01,2001-07-01,%s\n",
		        bad && line == 5 ? "名字长得超过了二十个汉字的限度所以这一行应当被拒绝的党员" : "党员",
		        i, (id[16] - '0') % 2 ? "男" : "女", id, i % 2 ? "东村党支部" : "西村党支部");
	}
	fclose(out);
}

static void long_file_goes_in_batches_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	char path[256], report[4096];
	int n = -1;
	write_long_roster(f, "bad.csv", 1, path);
	assert_int_equal(import(f, path, report, sizeof report, &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, 0), 0);
	assert_non_null(strstr(report, "第 5 行「姓名」"));
	assert_non_null(strstr(report, "第 1203 行「身份证号」"));
	assert_null(strstr(report, "第 1202 行"));
	assert_non_null(strstr(report, "导入失败：没有导入任何记录"));

	write_long_roster(f, "good.csv", 0, path);
	assert_int_equal(import(f, path, report, sizeof report, &n), 0);
	assert_int_equal(n, LONG_ROWS);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, 0), LONG_ROWS);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'member'"
	                        " AND action = '新增'", -1, 0), LONG_ROWS);
}

/* Rows are checked before the write transaction, so what another operator
 * changes in between is checked again there: a branch dissolved while the
 * file was being read refuses the import instead of filling a closed
 * branch.  The file comes through a pipe: once the writer's 200 KB are taken,
 * the reader has checked the first chunk's rows (东村党支部's), and the branch
 * is dissolved before the file ends. */
static void a_branch_closed_during_the_import_is_caught(void **state)
{
	struct fixture *f = *state;
	char path[256], report[2048];
	snprintf(path, sizeof path, "%s/fifo.csv", f->t.dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	pid_t pid = fork();
	if (pid == 0) {
		FILE *out = fopen(path, "w");
		fprintf(out, "姓名,性别,人员类别,入党日期,出生日期,所在党组织\n");
		for (int i = 0; i < 5; i++)
			fprintf(out, "东村%d,男,正式党员,1990-07-01,1960-01-01,东村党支部\n", i);
		for (int i = 0; i < 4000; i++)
			fprintf(out, "西村%d,女,正式党员,1990-07-01,1960-01-01,西村党支部\n", i);
		fflush(out);   /* returns once the reader has taken all but a pipe's worth */
		sqlite3 *other;
		if (sqlite3_open(f->t.path, &other) != SQLITE_OK ||
		    sqlite3_exec(other, "UPDATE org SET status = '撤销', version = version + 1"
		                 " WHERE name = '东村党支部'", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		sqlite3_close(other);
		fprintf(out, "最后,男,正式党员,1990-07-01,1960-01-01,西村党支部\n");
		fclose(out);
		_exit(0);
	}
	int n = -1, status;
	assert_int_equal(import(f, path, report, sizeof report, &n), 1);
	waitpid(pid, &status, 0);
	assert_int_equal(status, 0);
	assert_non_null(strstr(report, "第 2 行「所在党组织」值「东村党支部」：导入期间这个党支部被撤销"));
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(imports_in_any_column_order),
		FX_TEST(gb18030_file_with_one_bad_row_stores_nothing),
		FX_TEST(headers_are_checked_by_name),
		FX_TEST(duplicate_id_in_one_file_names_the_first),
		FX_TEST(long_file_goes_in_batches_all_or_nothing),
		FX_TEST(a_branch_closed_during_the_import_is_caught),
		FX_TEST(export_reads_back_unchanged),
		FX_TEST(controls_and_a_mid_file_bom_are_refused_by_row),
		FX_TEST(import_keeps_the_age_rule),
		FX_TEST(structure_adds_up_to_the_ledger),
		FX_TEST(a_real_roster_maps_its_words),
		FX_TEST(roster_refusals_name_row_and_reason),
		FX_TEST(statuses_other_than_normal_import_with_an_event),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pinyin_shutdown();
	return rc;
}
