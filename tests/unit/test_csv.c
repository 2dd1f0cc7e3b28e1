/* test_csv.c — encodings, RFC 4180 parsing, line numbers, the writer and the
 * round trip of its escapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cell_kinds.h"
#include "core/csv.h"

/* Every record as "line:field|field|...\n", to compare whole files at once. */
static char *dump(struct csv_reader *r)
{
	static char out[8192];
	char **f;
	int line, n;
	size_t w = 0;
	out[0] = 0;
	while ((n = csv_next(r, &f, &line)) > 0) {
		w += (size_t)snprintf(out + w, sizeof out - w, "%d:", line);
		for (int i = 0; i < n; i++)
			w += (size_t)snprintf(out + w, sizeof out - w, "%s%s", i ? "|" : "", f[i]);
		w += (size_t)snprintf(out + w, sizeof out - w, "\n");
		assert_true(w < sizeof out);
	}
	return out;
}

static void assert_parses(const char *data, enum csv_encoding enc, const char *want)
{
	char why[256] = "";
	struct csv_reader *r = csv_open_mem(data, strlen(data), why, sizeof why);
	if (!r)
		fail_msg("refused: %s", why);
	assert_int_equal(csv_encoding(r), enc);
	assert_string_equal(dump(r), want);
	csv_close(r);
}

/* Refused at the open (what the first chunk shows) or by the record that
 * meets the problem: the reader streams, so a bad byte far down the file
 * stops it there. */
static void assert_refused(const char *data, size_t len, const char *reason)
{
	char why[512] = "", **f;
	int line, n;
	struct csv_reader *r = csv_open_mem(data, len, why, sizeof why);
	if (r) {
		while ((n = csv_next(r, &f, &line)) > 0)
			;
		assert_int_equal(n, -1);
		assert_int_equal(csv_next(r, &f, &line), -1);   /* and stays stopped */
		snprintf(why, sizeof why, "%s", csv_error(r));
		csv_close(r);
	}
	assert_string_equal(why, reason);
}

static void test_plain_utf8(void **state)
{
	(void)state;
	assert_parses("姓名,性别\n洪辉,男\n", CSV_UTF8, "1:姓名|性别\n2:洪辉|男\n");
	assert_parses("a,b\r\nc,d\r\n", CSV_UTF8, "1:a|b\n2:c|d\n");
	assert_parses("a,b\nc,d", CSV_UTF8, "1:a|b\n2:c|d\n");              /* no final newline */
	assert_parses("a,b\r\nc,d\ne\r\n", CSV_UTF8, "1:a|b\n2:c|d\n3:e\n"); /* mixed ends */
	assert_parses("a\rb\r", CSV_UTF8, "1:a\n2:b\n");                    /* old Mac ends */
	assert_parses("a,,b,\n", CSV_UTF8, "1:a||b|\n");                     /* empty fields */
	assert_parses("", CSV_UTF8, "");
	assert_parses("\n\n", CSV_UTF8, "");
}

static void test_bom(void **state)
{
	(void)state;
	assert_parses("\xEF\xBB\xBF姓名,组织\r\n张三,第一党支部\r\n", CSV_UTF8_BOM,
	              "1:姓名|组织\n2:张三|第一党支部\n");
	assert_parses("\xEF\xBB\xBF", CSV_UTF8_BOM, "");
}

static void test_blank_lines_skipped(void **state)
{
	(void)state;
	assert_parses("a,b\n\n\r\nc,d\n,,\n ,\ne\n", CSV_UTF8, "1:a|b\n4:c|d\n6: |\n7:e\n");
	assert_parses("\"\",\"\"\nx\n", CSV_UTF8, "2:x\n");
}

static void test_quotes(void **state)
{
	(void)state;
	assert_parses("\"a,b\",c\n", CSV_UTF8, "1:a,b|c\n");
	assert_parses("\"他说\"\"好\"\"\",x\n", CSV_UTF8, "1:他说\"好\"|x\n");
	assert_parses("\"\"\n", CSV_UTF8, "");
	assert_parses("\"\"\"\"\n", CSV_UTF8, "1:\"\n");
	assert_parses("ab\"c,d\n", CSV_UTF8, "1:ab\"c|d\n");       /* a quote inside is literal */
	assert_parses("\"ab\"cd,e\n", CSV_UTF8, "1:abcd|e\n");     /* text after the close is kept */
	assert_parses("\"x\"", CSV_UTF8, "1:x\n");                 /* closed right at the end */
	assert_parses(" \"a,b\"\n", CSV_UTF8, "1: \"a|b\"\n");     /* not first: not a quote */
}

static void test_multiline_fields_and_line_numbers(void **state)
{
	(void)state;
	assert_parses("a,b\r\n\r\nc,\"x\r\ny\"\r\nd\n", CSV_UTF8,
	              "1:a|b\n3:c|x\r\ny\n5:d\n");
	assert_parses("1,\"第一行\n第二行\n第三行\"\n2,z\n", CSV_UTF8,
	              "1:1|第一行\n第二行\n第三行\n4:2|z\n");
	/* a lone CR is a line end, inside quotes too */
	assert_parses("\"a\rb\",c\nd\n", CSV_UTF8, "1:a\rb|c\n3:d\n");
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	const char *data = "姓名,备注\n张三,好\n李四,\"没有结束\n王五,x\n";
	assert_refused(data, strlen(data),
	               "第 3 行：引号没有配对（从这一行开始的带引号的内容直到文件末尾都没有结束）");
	assert_refused("\"", 1,
	               "第 1 行：引号没有配对（从这一行开始的带引号的内容直到文件末尾都没有结束）");
	data = "a\n\"b\"\"\n";
	assert_refused(data, strlen(data),
	               "第 2 行：引号没有配对（从这一行开始的带引号的内容直到文件末尾都没有结束）");
}

/* Converts UTF-8 text to GB18030 with iconv, as a Windows office machine
 * would have saved it. */
static size_t to_gb18030(const char *utf8, char *out, size_t cap)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)utf8, *o = out;
	size_t inleft = strlen(utf8), outleft = cap;
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	return cap - outleft;
}

static int contains(const char *hay, size_t n, const char *needle, size_t k)
{
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return 1;
	return 0;
}

static void test_gb18030(void **state)
{
	(void)state;
	const char *text = "姓名,身份证号,备注\r\n洪辉,11010519491231002X,\"单位·“先进”\"\r\n"
	                   "𠮷祥,x,€5\r\n曾国藩,,\"多\r\n行\"\r\n";
	char gb[512], why[256] = "";
	size_t len = to_gb18030(text, gb, sizeof gb);

	/* 𠮷 U+20BB7 is one of GB18030's four-byte sequences: its index past
	 * U+10000 is 68535 = 5*12600 + 4*1260 + 49*10 + 5, so 95 34 B2 35 */
	char four[8];
	assert_int_equal(to_gb18030("𠮷", four, sizeof four), 4);
	assert_memory_equal(four, "\x95\x34\xB2\x35", 4);
	assert_true(contains(gb, len, four, 4));
	assert_true(len < strlen(text));   /* two bytes a Han character, not three */

	struct csv_reader *r = csv_open_mem(gb, len, why, sizeof why);
	if (!r)
		fail_msg("refused: %s", why);
	assert_int_equal(csv_encoding(r), CSV_GB18030);
	assert_string_equal(dump(r), "1:姓名|身份证号|备注\n2:洪辉|11010519491231002X|单位·“先进”\n"
	                             "3:𠮷祥|x|€5\n4:曾国藩||多\r\n行\n");
	csv_close(r);
}

static void test_undecodable(void **state)
{
	(void)state;
	/* 0x80 and 0xFF are neither UTF-8 nor GB18030 */
	assert_refused("a,b\n\x80\xFF,c\n", 9,
	               "文件既不是 UTF-8 也不是 GB18030 编码（第 2 行有无法识别的字节）：请另存为 UTF-8 后再导入");
	/* a GB18030 lead byte cut off by the end of the file */
	assert_refused("ab\n\xD6", 4,
	               "文件既不是 UTF-8 也不是 GB18030 编码（第 2 行有无法识别的字节）：请另存为 UTF-8 后再导入");
}

static void test_refused_kinds(void **state)
{
	(void)state;
	char gbk[16];
	char mixed[256];
	size_t k = to_gb18030("洪辉", gbk, sizeof gbk);
	int n = snprintf(mixed, sizeof mixed, "姓名,组织,备注\n张三,第一党支部,正常\n");
	memcpy(mixed + n, gbk, k);
	memcpy(mixed + n + k, ",x,y\n", 6);
	assert_refused(mixed, strlen(mixed),
	               "文件是 UTF-8 编码，但第 3 行有不是 UTF-8 的字节（可能混入了其他编码的文字）："
	               "请改正这一行后另存为 UTF-8");
	assert_refused("\xEF\xBB\xBF" "a\n\xC0\n", 7,
	               "文件是 UTF-8 编码，但第 2 行有不是 UTF-8 的字节（可能混入了其他编码的文字）："
	               "请改正这一行后另存为 UTF-8");
	assert_refused("\xFF\xFE" "a\0,\0", 6,
	               "文件是 UTF-16 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入");
	assert_refused("PK\x03\x04\x14\0", 6,
	               "这是 Excel 工作簿（.xlsx）而不是 CSV：请在 Excel 或 WPS 中“另存为”CSV 后再导入");
	assert_refused("a\nb\0c\n", 6, "第 2 行含有空字节：这不是文本格式的 CSV 文件");
}

static void test_open_files(void **state)
{
	(void)state;
	char why[256] = "", path[] = "/tmp/test_csv_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "a,b\n1,2\n", 8), 8);
	close(fd);

	struct csv_reader *r = csv_open(path, why, sizeof why);
	assert_non_null(r);
	assert_string_equal(dump(r), "1:a|b\n2:1|2\n");
	char **f;
	int line = -1;
	assert_int_equal(csv_next(r, &f, &line), 0);   /* stays at the end */
	csv_close(r);
	unlink(path);

	assert_null(csv_open("/nonexistent/名单.csv", why, sizeof why));
	assert_string_equal(why, "找不到文件 /nonexistent/名单.csv");
	assert_null(csv_open("/tmp", why, sizeof why));
	assert_string_equal(why, "/tmp 是一个目录，不是文件");
	csv_close(NULL);
}

/* A file many chunks long, written to disk: every row comes back, with its
 * line, though the reader holds one chunk at a time and characters
 * straddle the chunk ends (odd row lengths move them about). */
static void stream_file(const char *text_row, int gb, int rows)
{
	char path[] = "/tmp/test_csv_big_XXXXXX", why[256], row[256], enc[512];
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	for (int i = 1; i <= rows; i++) {
		int w = snprintf(row, sizeof row, "%s%d,\"多\n行\",", text_row, i);
		for (int k = 0; k < i % 7; k++)
			w += snprintf(row + w, sizeof row - (size_t)w, "𠮷");
		snprintf(row + w, sizeof row - (size_t)w, "\n");
		size_t n = gb ? to_gb18030(row, enc, sizeof enc) : strlen(row);
		fwrite(gb ? enc : row, 1, n, f);
	}
	fclose(f);
	struct csv_reader *r = csv_open(path, why, sizeof why);
	assert_non_null(r);
	char **cell;
	int line, n, got = 0;
	while ((n = csv_next(r, &cell, &line)) > 0) {
		got++;
		snprintf(row, sizeof row, "%s%d", text_row, got);
		assert_string_equal(cell[0], row);
		assert_string_equal(cell[1], "多\n行");
		assert_int_equal(line, 2 * got - 1);
		assert_int_equal(strlen(cell[2]), (size_t)(got % 7) * 4);
	}
	assert_int_equal(n, 0);
	assert_int_equal(got, rows);
	assert_int_equal(csv_encoding(r), gb ? CSV_GB18030 : CSV_UTF8);
	csv_close(r);
	unlink(path);
}

static void test_streams_large_files(void **state)
{
	(void)state;
	stream_file("洪辉第", 0, 20000);   /* ~0.9 MB: 14 chunks */
	stream_file("洪辉第", 1, 20000);
	/* ASCII for many chunks, then the first Chinese decides GB18030 */
	char path[] = "/tmp/test_csv_late_XXXXXX", why[256], gb[64];
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	for (int i = 0; i < 30000; i++)
		fprintf(f, "row%d,x\n", i);
	size_t k = to_gb18030("曾国藩,y\n", gb, sizeof gb);
	fwrite(gb, 1, k, f);
	fclose(f);
	struct csv_reader *r = csv_open(path, why, sizeof why);
	assert_non_null(r);
	char **cell;
	int line, n, last = 0;
	while ((n = csv_next(r, &cell, &line)) > 0)
		last = line;
	assert_int_equal(n, 0);
	assert_int_equal(last, 30001);
	assert_null(cell);
	assert_int_equal(csv_encoding(r), CSV_GB18030);
	csv_close(r);
	unlink(path);
}

static void test_a_bad_byte_far_down_names_its_line(void **state)
{
	(void)state;
	size_t cap = 4 << 20, w = 0;
	char *data = malloc(cap);
	for (int i = 0; i < 100000; i++)
		w += (size_t)sprintf(data + w, "洪辉,%d\n", i);
	w += (size_t)sprintf(data + w, "\xC0,x\n");
	assert_refused(data, w, "文件是 UTF-8 编码，但第 100001 行有不是 UTF-8 的字节（可能混入了其他编码的文字）："
	                        "请改正这一行后另存为 UTF-8");
	free(data);
}

static void test_limits(void **state)
{
	(void)state;
	char path[] = "/tmp/test_csv_lim_XXXXXX", why[512];
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fputs("姓名,备注\n", f);
	for (int i = 0; i < 30000; i++)
		fputs("张三,一二三四五六七八九十\n", f);   /* ~1 MB */
	fclose(f);
	/* the file over the limit: refused before anything is parsed */
	struct csv_limits lim = { 1 << 20, 0 };
	assert_null(csv_open_limited(path, &lim, why, sizeof why));
	assert_non_null(strstr(why, "超过导入上限 1 MB（dangjian.ini [import] max_mb）"));
	lim.max_bytes = 2 << 20;
	struct csv_reader *r = csv_open_limited(path, &lim, why, sizeof why);
	assert_non_null(r);
	csv_close(r);
	unlink(path);

	/* a record over the limit: an unterminated quote stops at the limit,
	 * not at the end of a huge file, and the message names the line */
	size_t big = 3 << 20, w = 0;
	char *data = malloc(big + 64);
	w += (size_t)sprintf(data, "a,b\n1,2\n3,\"");
	memset(data + w, 'x', big - w);
	assert_refused(data, big, "第 3 行太长：一条记录超过 1024 KB（dangjian.ini [import] max_line_kb）；"
	                          "多半是引号没有配对");
	free(data);
}

static void test_large_record(void **state)
{
	(void)state;
	size_t big = 200000;
	char *data = malloc(big + 4096);
	size_t w = 0;
	data[w++] = '"';
	for (size_t i = 0; i < big; i++)
		data[w++] = i % 1000 == 999 ? '\n' : 'x';
	data[w++] = '"';
	for (int i = 0; i < 300; i++)
		w += (size_t)sprintf(data + w, ",%d", i);
	data[w++] = '\n';
	memcpy(data + w, "end\n", 4);
	w += 4;

	char why[256], **f;
	int line;
	struct csv_reader *r = csv_open_mem(data, w, why, sizeof why);
	assert_non_null(r);
	assert_int_equal(csv_next(r, &f, &line), 301);
	assert_int_equal(line, 1);
	assert_int_equal(strlen(f[0]), big);
	assert_string_equal(f[300], "299");
	assert_int_equal(csv_next(r, &f, &line), 1);
	assert_int_equal(line, 1 + big / 1000 + 1);
	assert_string_equal(f[0], "end");
	csv_close(r);
	free(data);
}

static void assert_escape(const char *value, const char *cell)
{
	char out[128];
	assert_int_equal(csv_cell_escape(value, out, sizeof out), strlen(cell));
	assert_string_equal(out, cell);
}

static void assert_escape_in(enum col_kind k, const char *value, const char *cell)
{
	char out[128];
	assert_int_equal(csv_cell_escape_in(k, value, out, sizeof out), strlen(cell));
	assert_string_equal(out, cell);
}

static void test_cell_escape(void **state)
{
	(void)state;
	char small[4];
	assert_escape("洪辉", "洪辉");
	assert_escape("=1+1", "'=1+1");
	assert_escape("+86", "'+86");
	assert_escape("-5", "'-5");
	assert_escape("@SUM(A1)", "'@SUM(A1)");
	assert_escape("\tx", "'\tx");
	assert_escape("\rx", "'\rx");
	assert_escape("'=x", "''=x");          /* so the reader's drop gives '=x back */
	assert_escape("''+x", "'''+x");
	assert_escape("'abc", "'abc");
	assert_escape("0123", "=\"0123\"");
	assert_escape("00", "=\"00\"");
	assert_escape("13812345678", "=\"13812345678\"");
	assert_escape("110105194912310021", "=\"110105194912310021\"");
	/* a 身份证号 ending in X is guarded as its all-digit neighbours are, so
	 * LibreOffice makes the whole column one kind of cell */
	assert_escape("11010519491231002X", "=\"11010519491231002X\"");
	assert_escape("11010519491231002x", "=\"11010519491231002x\"");
	assert_escape("1101051949123100X", "1101051949123100X");   /* 16 digits: no ID */
	assert_escape("1234567890", "1234567890");
	assert_escape("0", "0");
	assert_escape("0.5", "0.5");
	assert_escape("", "");
	assert_escape(NULL, "");
	assert_escape_in(COL_CODE, "123", "=\"123\"");        /* a 编号 column: every value text */
	assert_escape_in(COL_CODE, "A-12", "=\"A-12\"");
	assert_escape_in(COL_CODE, "", "");
	assert_escape_in(COL_CODE, "-5", "'-5");              /* the formula guard first */
	assert_escape_in(COL_CODE, "a\"b", "a\"b");         /* ="..." cannot hold a quote */
	assert_escape_in(COL_CODE, "驿委〔2024〕19号", "驿委〔2024〕19号");   /* never read as a number */
	assert_escape_in(COL_PLAIN, "123", "123");
	assert_escape_in(COL_DATE, "2024-05-01", "2024-05-01");
	assert_int_equal(csv_cell_escape("0123", NULL, 0), 7);
	assert_int_equal(csv_cell_escape("0123", small, sizeof small), 7);
	assert_string_equal(small, "=\"0");
}

static char *slurp(const char *path, size_t *len)
{
	static char buf[4096];
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	*len = fread(buf, 1, sizeof buf - 1, f);
	buf[*len] = 0;
	fclose(f);
	return buf;
}

static void test_writer_and_round_trip(void **state)
{
	(void)state;
	static const char *values[] = {
		"姓名", "0123", "11010519491231002X", "=1+1", "13812345678", "他说\"好\"",
		"第一行\n第二行", "'=x", "''-1", "", "-5", "@SUM", "\tx", "12", "a,b", "=\"7\"",
	};
	const int n = (int)(sizeof values / sizeof values[0]);
	char path[] = "/tmp/test_csv_w_XXXXXX", why[256];
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);   /* an export makes its own file: an existing one needs consent */

	struct csv_writer w;
	assert_int_equal(csv_writer_open(&w, path), 0);
	csv_write_field(&w, "序号");
	csv_write_field(&w, "值");
	csv_end_record(&w);
	assert_int_equal(w.col, 0);
	for (int i = 0; i < n; i++)
		csv_write_field(&w, values[i]);
	assert_int_equal(w.col, n);
	csv_end_record(&w);
	assert_int_equal(csv_writer_close(&w), 0);

	size_t len;
	const char *got = slurp(path, &len);
	const char *want =
		"\xEF\xBB\xBF\"序号\",\"值\"\r\n"
		"\"姓名\",\"=\"\"0123\"\"\",\"=\"\"11010519491231002X\"\"\",\"'=1+1\",\"=\"\"13812345678\"\"\","
		"\"他说\"\"好\"\"\",\"第一行\n第二行\",\"''=x\",\"'''-1\",\"\",\"'-5\",\"'@SUM\",\"'\tx\",\"12\","
		"\"a,b\",\"'=\"\"7\"\"\"\r\n";
	assert_int_equal(len, strlen(want));
	assert_string_equal(got, want);

	struct csv_reader *r = csv_open(path, why, sizeof why);
	assert_non_null(r);
	assert_int_equal(csv_encoding(r), CSV_UTF8_BOM);
	char **f;
	int line;
	assert_int_equal(csv_next(r, &f, &line), 2);
	assert_int_equal(csv_next(r, &f, &line), n);
	assert_int_equal(line, 2);
	for (int i = 0; i < n; i++)
		assert_string_equal(f[i], values[i]);
	assert_int_equal(csv_next(r, &f, &line), 0);
	csv_close(r);
	unlink(path);
}

/* A title above the header, then a 身份证号 and a 联系电话 column: every
 * value of those columns guarded alike (the X one too, a short number
 * too), the other columns by value only; and all of it reads back. */
static void test_code_columns_are_one_kind(void **state)
{
	(void)state;
	char path[] = "/tmp/test_csv_k_XXXXXX", why[256];
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	static const char *const rows[][4] = {
		{ "2026年10月", NULL },
		{ "姓名", "身份证号", "联系电话", "人数" },
		{ "洪辉", "11010519491231002X", "82551001", "12" },
		{ "陆静", "110105194912310021", "13812345678", "0123" },
	};
	struct csv_writer w;
	assert_int_equal(csv_writer_open(&w, path), 0);
	for (int r = 0; r < 4; r++) {
		for (int c = 0; c < 4 && rows[r][c]; c++)
			csv_write_field(&w, rows[r][c]);
		csv_end_record(&w);
	}
	assert_int_equal(csv_writer_close(&w), 0);
	size_t len;
	const char *got = slurp(path, &len);
	assert_string_equal(got, "\xEF\xBB\xBF\"2026年10月\"\r\n"
	                         "\"姓名\",\"身份证号\",\"联系电话\",\"人数\"\r\n"
	                         "\"洪辉\",\"=\"\"11010519491231002X\"\"\",\"=\"\"82551001\"\"\",\"12\"\r\n"
	                         "\"陆静\",\"=\"\"110105194912310021\"\"\",\"=\"\"13812345678\"\"\","
	                         "\"=\"\"0123\"\"\"\r\n");
	struct csv_reader *rd = csv_open(path, why, sizeof why);
	assert_non_null(rd);
	char **f;
	int line;
	assert_int_equal(csv_next(rd, &f, &line), 1);
	assert_string_equal(f[0], "2026年10月");
	for (int r = 1; r < 4; r++) {
		assert_int_equal(csv_next(rd, &f, &line), 4);
		for (int c = 0; c < 4; c++)
			assert_string_equal(f[c], rows[r][c]);
	}
	csv_close(rd);
	unlink(path);
}

static void test_reader_undoes_foreign_escapes(void **state)
{
	(void)state;
	assert_parses("\"=\"\"0123\"\"\",'=x,'0123,'+1,=\"a\"\"b\"\n", CSV_UTF8,
	              "1:0123|=x|'0123|+1|=\"a\"\"b\"\n");
	assert_parses("=\"\",x\n", CSV_UTF8, "1:|x\n");
}

static void test_writer_errors(void **state)
{
	(void)state;
	struct csv_writer w;
	assert_int_equal(csv_writer_open(&w, "/nonexistent/导出.csv"), -1);
	assert_non_null(strstr(csv_writer_why(&w), "/nonexistent/导出.csv"));
	assert_null(w.f);
	/* a device is not a file an export writes into (a full disk:
	 * test_outfile.c) */
	outfile_permit_replace("/dev/full");
	assert_int_equal(csv_writer_open(&w, "/dev/full"), -1);
	assert_non_null(strstr(csv_writer_why(&w), "不是普通文件"));
	assert_int_equal(csv_writer_close(&w), -1);   /* never opened */
	csv_write_field(&w, "x");
	assert_true(w.err != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_utf8),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_blank_lines_skipped),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_multiline_fields_and_line_numbers),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_undecodable),
		cmocka_unit_test(test_refused_kinds),
		cmocka_unit_test(test_open_files),
		cmocka_unit_test(test_large_record),
		cmocka_unit_test(test_cell_escape),
		cmocka_unit_test(test_writer_and_round_trip),
		cmocka_unit_test(test_code_columns_are_one_kind),
		cmocka_unit_test(test_reader_undoes_foreign_escapes),
		cmocka_unit_test(test_writer_errors),
		cmocka_unit_test(test_streams_large_files),
		cmocka_unit_test(test_a_bad_byte_far_down_names_its_line),
		cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
