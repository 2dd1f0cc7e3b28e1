/* test_stats_pack.c — 党内统计 sent upward: a pack written from tables of
 * known values reads back the same, a pack changed, cut short or of
 * another kind is refused, and a merge sums packs cell by cell, refusing
 * one sent twice, one of another year and one that does not balance. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/stats_pack_cli.h"
#include "core/outfile.h"
#include "demo/demo.h"
#include "fixture.h"
#include "stats/stats_pack.h"

struct dir {
	char path[64];
	char file[8][128];
};

static int dir_setup(void **state)
{
	struct dir *d = calloc(1, sizeof *d);
	snprintf(d->path, sizeof d->path, "/tmp/djpack.XXXXXX");
	if (!mkdtemp(d->path))
		abort();
	for (int i = 0; i < 8; i++)
		snprintf(d->file[i], sizeof d->file[i], "%s/镇%d.pack", d->path, i);
	*state = d;
	return 0;
}

static int dir_teardown(void **state)
{
	struct dir *d = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d->path);
	if (system(cmd) != 0)
		abort();
	free(d);
	return 0;
}

/* ---- tables of known values ---- */

static void add_row(struct stats_table *t, const char *key, const char *label, int sub)
{
	snprintf(t->row_key[t->nrows], STATS_KEYLEN, "%s", key);
	snprintf(t->row_label[t->nrows], STATS_LABELLEN, "%s", label);
	t->row_sub[t->nrows++] = sub;
}

static void add_col(struct stats_table *t, const char *key, const char *label)
{
	snprintf(t->col_key[t->ncols], STATS_KEYLEN, "%s", key);
	snprintf(t->col_label[t->ncols++], STATS_LABELLEN, "%s", label);
}

/* 党员增减 starting at `start`, `added` in and `removed` out: it balances
 * unless `off` is not 0. */
static void change_table(struct stats_table *t, long start, long added, long removed, long off)
{
	memset(t, 0, sizeof *t);
	t->key = "change";
	t->name = "党员增减";
	t->unit = STATS_MEMBERS;
	add_row(t, "start", "上年末", 0);
	add_row(t, "added", "增加", 0);
	add_row(t, "removed", "减少", 0);
	add_row(t, "end", "本年末", 0);
	add_col(t, "total", "人数");
	t->cell[0][0] = start;
	t->cell[1][0] = added;
	t->cell[2][0] = removed;
	t->cell[3][0] = start + added - removed + off;
}

/* 党员基本情况 with two columns, values from `base`: cell (r, c) is
 * base + 10 r + c. */
static void basic_table(struct stats_table *t, long base)
{
	memset(t, 0, sizeof *t);
	t->key = "basic";
	t->name = "党员基本情况";
	t->unit = STATS_MEMBERS;
	add_row(t, "total", "党员总数", 0);
	add_row(t, "female", "女", 1);
	add_row(t, "minority", "少数民族", 1);
	add_col(t, "count", "人数");
	add_col(t, "probation", "预备党员");
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++)
			t->cell[r][c] = base + 10 * r + c;
}

static void write_pack(const char *path, const char *unit, const char *as_of, struct stats_table *t,
                       int n, struct stats_pack_meta *out)
{
	struct stats_pack_meta m = { 0 };
	snprintf(m.unit, sizeof m.unit, "%s", unit);
	snprintf(m.as_of, sizeof m.as_of, "%s", as_of);
	snprintf(m.program, sizeof m.program, "0.1.0");
	struct dj_err e;
	outfile_permit_replace(path);   /* a test writes a township again */
	if (stats_pack_write(path, &m, t, n, &e) != 0)
		fail_msg("%s", e.msg);
	if (out)
		*out = m;
}

/* A township's pack: its change table and its basic table from base. */
static void township(const char *path, const char *unit, const char *as_of, long base)
{
	struct stats_table t[2];
	change_table(&t[0], base, 5, 2, 0);
	basic_table(&t[1], base);
	write_pack(path, unit, as_of, t, 2, NULL);
}

static void sql_on(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(db);
}

/* The reason a read refuses path; fails the test when it reads. */
static const char *refusal(const char *path)
{
	static struct stats_pack p;
	static struct dj_err e;
	if (stats_pack_read(path, &p, &e) != -1)
		fail_msg("%s was read", path);
	return e.msg;
}

static void assert_has(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("\"%s\" not in \"%s\"", part, text);
}

/* ---- reading back ---- */

static void same_tables(const struct stats_table *a, const struct stats_table *b)
{
	assert_string_equal(a->key, b->key);
	assert_string_equal(a->name, b->name);
	assert_int_equal(a->unit, b->unit);
	assert_int_equal(a->nrows, b->nrows);
	assert_int_equal(a->ncols, b->ncols);
	for (int r = 0; r < a->nrows; r++) {
		assert_string_equal(a->row_key[r], b->row_key[r]);
		assert_string_equal(a->row_label[r], b->row_label[r]);
		assert_int_equal(a->row_sub[r], b->row_sub[r]);
		for (int c = 0; c < a->ncols; c++)
			assert_int_equal(a->cell[r][c], b->cell[r][c]);
	}
	for (int c = 0; c < a->ncols; c++) {
		assert_string_equal(a->col_key[c], b->col_key[c]);
		assert_string_equal(a->col_label[c], b->col_label[c]);
	}
}

static void a_pack_reads_back_as_written(void **state)
{
	struct dir *d = *state;
	struct stats_table t[2];
	change_table(&t[0], 120, 7, 3, 0);
	basic_table(&t[1], 40);
	struct stats_pack_meta m;
	write_pack(d->file[0], "中共驿亭镇委员会", "2026-12-31", t, 2, &m);
	static struct stats_pack p;
	struct dj_err e;
	if (stats_pack_read(d->file[0], &p, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(p.n, 2);
	same_tables(&p.t[0], &t[0]);
	same_tables(&p.t[1], &t[1]);
	assert_int_equal(p.meta.format, STATS_PACK_FORMAT);
	assert_string_equal(p.meta.unit, "中共驿亭镇委员会");
	assert_string_equal(p.meta.as_of, "2026-12-31");
	assert_string_equal(p.meta.program, "0.1.0");
	assert_string_equal(p.meta.made_at, m.made_at);
	assert_string_equal(p.meta.pack_id, m.pack_id);
	assert_int_equal(strlen(p.meta.pack_id), 32);
	assert_string_equal(p.meta.checksum, m.checksum);
	assert_int_equal(strlen(p.meta.checksum), 64);
	assert_ptr_equal(stats_pack_table(&p, "basic"), &p.t[1]);
	assert_null(stats_pack_table(&p, "orgs"));
	/* read-only and immutable: nothing was created beside it */
	char side[160];
	snprintf(side, sizeof side, "%s-wal", d->file[0]);
	assert_int_equal(access(side, F_OK), -1);
	snprintf(side, sizeof side, "%s-journal", d->file[0]);
	assert_int_equal(access(side, F_OK), -1);
	/* two packs of the same tables are told apart */
	struct stats_pack_meta again;
	write_pack(d->file[1], "中共驿亭镇委员会", "2026-12-31", t, 2, &again);
	assert_string_not_equal(again.pack_id, m.pack_id);
}

static void a_label_reads_without_its_control_characters(void **state)
{
	struct dir *d = *state;
	struct stats_table t[1];
	change_table(&t[0], 1, 1, 1, 0);
	snprintf(t[0].row_label[0], STATS_LABELLEN, "\x1b[2J上年\x07末\xe2\x80\xae");
	write_pack(d->file[0], "驿亭\r镇", "2026-12-31", t, 1, NULL);
	static struct stats_pack p;
	struct dj_err e;
	assert_int_equal(stats_pack_read(d->file[0], &p, &e), 0);
	assert_string_equal(p.t[0].row_label[0], "\xef\xbf\xbd[2J上年\xef\xbf\xbd末\xef\xbf\xbd");
	assert_string_equal(p.meta.unit, "驿亭\xef\xbf\xbd镇");
}

/* ---- refusals ---- */

static void a_changed_cell_is_refused_as_damaged(void **state)
{
	struct dir *d = *state;
	township(d->file[0], "中共驿亭镇委员会", "2026-12-31", 100);
	sql_on(d->file[0], "UPDATE cells SET value = value + 1 WHERE table_key = 'basic'"
	                   " AND row_key = 'female' AND col_key = 'count'");
	assert_has(refusal(d->file[0]), "汇总包已损坏：校验和不符");
	/* a label changed as well */
	township(d->file[1], "中共驿亭镇委员会", "2026-12-31", 100);
	sql_on(d->file[1], "UPDATE rows SET label = '男' WHERE key = 'female'");
	assert_has(refusal(d->file[1]), "校验和不符");
	/* and a missing table */
	township(d->file[2], "中共驿亭镇委员会", "2026-12-31", 100);
	sql_on(d->file[2], "DROP TABLE cols");
	assert_has(refusal(d->file[2]), "汇总包已损坏：缺少数据表或列");
	/* a page overwritten on the stick: SQLite's own check finds it */
	township(d->file[3], "中共驿亭镇委员会", "2026-12-31", 100);
	FILE *f = fopen(d->file[3], "r+b");
	assert_non_null(f);
	char junk[3000];
	memset(junk, 0x5a, sizeof junk);
	assert_int_equal(fseek(f, 4096 * 4 + 8, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
	fclose(f);
	assert_has(refusal(d->file[3]), "汇总包已损坏：");
}

static void a_cut_or_foreign_file_is_refused(void **state)
{
	struct dir *d = *state;
	township(d->file[0], "中共驿亭镇委员会", "2026-12-31", 100);
	FILE *f = fopen(d->file[0], "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fclose(f);
	assert_true(size >= 4096 * 3);
	assert_int_equal(truncate(d->file[0], 4096 * 2), 0);
	assert_has(refusal(d->file[0]), "汇总包已损坏：文件不完整（可能在复制时被截断）");
	assert_int_equal(truncate(d->file[0], 4096 + 100), 0);
	assert_has(refusal(d->file[0]), "汇总包已损坏：文件大小不是整页");
	/* another program's SQLite file, and a text file */
	sql_on(d->file[1], "CREATE TABLE cells(x); INSERT INTO cells VALUES (1)");
	assert_string_equal(refusal(d->file[1]), "不是党内统计汇总包（是别的 SQLite 数据库）");
	f = fopen(d->file[2], "w");
	fputs("单位,党员总数\n驿亭镇,100\n", f);
	fclose(f);
	assert_string_equal(refusal(d->file[2]), "不是党内统计汇总包（不是 SQLite 数据库文件）");
	assert_has(refusal(d->path), "不是普通文件");
	/* a file too large is not even opened */
	int fd = open(d->file[3], O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "SQLite format 3", 16), 16);
	assert_int_equal(ftruncate(fd, STATS_PACK_MAX_BYTES + 4096), 0);
	close(fd);
	assert_string_equal(refusal(d->file[3]), "文件超过 64 MB，不是汇总包");
}

static void a_newer_format_is_refused(void **state)
{
	struct dir *d = *state;
	township(d->file[0], "中共驿亭镇委员会", "2026-12-31", 100);
	sql_on(d->file[0], "PRAGMA user_version = 2");
	assert_string_equal(refusal(d->file[0]),
	                    "由更新版本的程序制作（格式 2，本程序只认到 1），请先升级本程序");
}

/* ---- merging ---- */

static const char *merge_refusal(struct dir *d, int n)
{
	static struct dj_err e;
	struct stats_merge m;
	const char *paths[8];
	for (int i = 0; i < n; i++)
		paths[i] = d->file[i];
	if (stats_merge_files(paths, n, &m, &e) != -1)
		fail_msg("merged");
	assert_null(m.unit);
	return e.msg;
}

static void a_pack_sent_twice_is_refused(void **state)
{
	struct dir *d = *state;
	township(d->file[0], "中共驿亭镇委员会", "2026-12-31", 100);
	township(d->file[1], "中共二都镇委员会", "2026-12-31", 50);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", d->file[0], d->file[2]);
	assert_int_equal(system(cmd), 0);
	assert_string_equal(merge_refusal(d, 3), "「镇0.pack」和「镇2.pack」是同一个汇总包，重复报送");
	/* made again, the same township's same date */
	township(d->file[2], "中共驿亭镇委员会", "2026-12-31", 101);
	assert_string_equal(merge_refusal(d, 3),
	                    "「镇0.pack」和「镇2.pack」都是中共驿亭镇委员会截至 2026-12-31 的统计，重复报送");
	/* the same file named twice */
	snprintf(d->file[2], sizeof d->file[2], "%s", d->file[0]);
	assert_string_equal(merge_refusal(d, 3), "「镇0.pack」给了两次，重复报送");
	/* two sticks' files of one name are told apart by their folders */
	char sub[96];
	snprintf(sub, sizeof sub, "%s/u2", d->path);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(d->file[2], sizeof d->file[2], "%s/镇0.pack", sub);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", d->file[0], d->file[2]);
	assert_int_equal(system(cmd), 0);
	char want[400];
	snprintf(want, sizeof want, "「%s」和「%s」是同一个汇总包，重复报送", d->file[0], d->file[2]);
	assert_string_equal(merge_refusal(d, 3), want);
}

static void packs_of_other_years_are_refused(void **state)
{
	struct dir *d = *state;
	township(d->file[0], "中共驿亭镇委员会", "2026-12-31", 100);
	township(d->file[1], "中共二都镇委员会", "2025-12-31", 50);
	assert_string_equal(merge_refusal(d, 2),
	                    "「镇0.pack」是 2026 年的统计，「镇1.pack」是 2025 年的，不能汇总在一起");
}

static void a_pack_that_does_not_balance_is_refused(void **state)
{
	struct dir *d = *state;
	township(d->file[0], "中共驿亭镇委员会", "2026-12-31", 100);
	struct stats_table t[1];
	change_table(&t[0], 80, 6, 4, 1);   /* 80 + 6 - 4 = 82, says 83 */
	write_pack(d->file[1], "中共二都镇委员会", "2026-12-31", t, 1, NULL);
	assert_string_equal(merge_refusal(d, 2), "「镇1.pack」：中共二都镇委员会的党员增减不平衡："
	                                         "上年末 80 + 增加 6 − 减少 4 ≠ 本年末 83");
	basic_table(&t[0], 3);   /* no change table at all */
	write_pack(d->file[1], "中共二都镇委员会", "2026-12-31", t, 1, NULL);
	assert_string_equal(merge_refusal(d, 2), "「镇1.pack」：中共二都镇委员会的汇总包缺少「党员增减」表");
	/* a damaged one is named the same way */
	sql_on(d->file[1], "UPDATE meta SET value = '中共三都镇委员会' WHERE key = 'unit'");
	assert_string_equal(merge_refusal(d, 2), "「镇1.pack」：汇总包已损坏：校验和不符（内容在制作后被改动过）");
}

static const struct stats_merged_table *merged(const struct stats_merge *m, const char *key)
{
	for (int k = 0; k < m->ntables; k++)
		if (strcmp(m->t[k].key, key) == 0)
			return &m->t[k];
	fail_msg("no table %s", key);
	return NULL;
}

static int row_of(const struct stats_merged_table *t, const char *key)
{
	for (int r = 0; r < t->nrows; r++)
		if (strcmp(t->row_key[r], key) == 0)
			return r;
	fail_msg("no row %s", key);
	return -1;
}

/* Three townships, the second with a row the others have not. */
static void three_townships(struct dir *d)
{
	township(d->file[0], "中共驿亭镇委员会", "2026-12-31", 100);
	struct stats_table t[2];
	change_table(&t[0], 60, 4, 1, 0);
	basic_table(&t[1], 20);
	add_row(&t[1], "retired", "离退休", 1);
	t[1].cell[3][0] = 9;
	t[1].cell[3][1] = 1;
	write_pack(d->file[1], "中共二都镇委员会", "2026-12-31", t, 2, NULL);
	township(d->file[2], "中共丰惠镇委员会", "2026-11-30", 7);
}

static void three_packs_sum_cell_by_cell(void **state)
{
	struct dir *d = *state;
	three_townships(d);
	struct stats_merge m;
	struct dj_err e;
	const char *paths[] = { d->file[0], d->file[1], d->file[2] };
	if (stats_merge_files(paths, 3, &m, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(m.nunits, 3);
	assert_string_equal(m.unit[1], "中共二都镇委员会");
	assert_string_equal(m.as_of, "2026-12-31");
	assert_int_equal(m.ntables, 2);
	const struct stats_merged_table *b = merged(&m, "basic"), *c = merged(&m, "change");
	assert_int_equal(b->nrows, 4);
	assert_int_equal(b->ncols, 2);
	const long base[3] = { 100, 20, 7 };
	for (int r = 0; r < 3; r++)
		for (int col = 0; col < 2; col++) {
			long total = 0;
			for (int u = 0; u < 3; u++) {
				assert_int_equal(stats_merged_cell(&m, b, u, r, col), base[u] + 10 * r + col);
				total += base[u] + 10 * r + col;
			}
			assert_int_equal(stats_merged_cell(&m, b, 3, r, col), total);
		}
	int retired = row_of(b, "retired");
	assert_int_equal(b->row_sub[retired], 1);
	assert_int_equal(stats_merged_cell(&m, b, 0, retired, 0), 0);
	assert_int_equal(stats_merged_cell(&m, b, 1, retired, 0), 9);
	assert_int_equal(stats_merged_cell(&m, b, 2, retired, 1), 0);
	assert_int_equal(stats_merged_cell(&m, b, 3, retired, 0), 9);
	assert_int_equal(stats_merged_cell(&m, b, 3, retired, 1), 1);
	assert_int_equal(stats_merged_cell(&m, c, 3, row_of(c, "start"), 0), 167);
	assert_int_equal(stats_merged_cell(&m, c, 3, row_of(c, "end"), 0), 167 + 14 - 5);
	stats_merge_free(&m);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[8192];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static void the_merge_prints_aligned_and_exports(void **state)
{
	struct dir *d = *state;
	township(d->file[0], "中共驿亭镇委员会", "2026-12-31", 100);
	township(d->file[1], "二都镇", "2026-12-31", 5);
	struct stats_merge m;
	struct dj_err e;
	const char *paths[] = { d->file[0], d->file[1] };
	if (stats_merge_files(paths, 2, &m, &e))
		fail_msg("%s", e.msg);
	char out[160];
	snprintf(out, sizeof out, "%s/print.txt", d->path);
	FILE *f = fopen(out, "w");
	stats_merge_print(&m, 60, f);
	fclose(f);
	/* 60 columns: basic's six figures in groups of two */
	assert_string_equal(read_all(out),
		"党员增减（截至 2026-12-31，2 个单位汇总）\n"
		"单位              上年末  增加  减少  本年末\n"
		"中共驿亭镇委员会     100     5     2     103\n"
		"二都镇                 5     5     2       8\n"
		"合计                 105    10     4     111\n"
		"\n"
		"党员基本情况（截至 2026-12-31，2 个单位汇总）\n"
		"单位              党员总数（人数）  党员总数（预备党员）\n"
		"中共驿亭镇委员会               100                   101\n"
		"二都镇                           5                     6\n"
		"合计                           105                   107\n"
		"\n"
		"单位              女（人数）  女（预备党员）\n"
		"中共驿亭镇委员会         110             111\n"
		"二都镇                    15              16\n"
		"合计                     125             127\n"
		"\n"
		"单位              少数民族（人数）  少数民族（预备党员）\n"
		"中共驿亭镇委员会               120                   121\n"
		"二都镇                          25                    26\n"
		"合计                           145                   147\n"
		"\n");
	snprintf(out, sizeof out, "%s/汇总.csv", d->path);
	assert_int_equal(stats_merge_export(&m, out, stderr), 0);
	const char *csv = read_all(out);
	assert_has(csv, "\"党员增减（截至 2026-12-31，2 个单位汇总）\"\r\n"
	                "\"单位\",\"上年末\",\"增加\",\"减少\",\"本年末\"\r\n"
	                "\"中共驿亭镇委员会\",\"100\",\"5\",\"2\",\"103\"\r\n"
	                "\"二都镇\",\"5\",\"5\",\"2\",\"8\"\r\n"
	                "\"合计\",\"105\",\"10\",\"4\",\"111\"\r\n\"\"\r\n"
	                "\"党员基本情况（截至 2026-12-31，2 个单位汇总）\"\r\n");
	assert_has(csv, "\"合计\",\"105\",\"107\",\"125\",\"127\",\"145\",\"147\"\r\n");
	stats_merge_free(&m);
}

/* ---- two demo townships, packed from their databases ---- */

/* The demo's 驿亭镇, whole. */
static void demo_township(struct testdb *t)
{
	struct dj_err e;
	testdb_open(t);
	if (demo_populate(&t->s, &e))
		fail_msg("%s", e.msg);
}

/* A small township of the fixture's kind: a 党委, two branches, four
 * members who joined long ago, one of them a woman. */
static void small_township(struct testdb *t)
{
	testdb_open(t);
	fx_org(&t->s, "中共二都镇委员会", "党委", "");
	int64_t a = fx_org(&t->s, "二都村党支部", "党支部", "中共二都镇委员会");
	int64_t b = fx_org(&t->s, "二都社区党支部", "党支部", "中共二都镇委员会");
	fx_member_row(&t->s, a, "张国强", "男", "joined_on", "1998-07-01");
	fx_member_row(&t->s, a, "李秀英", "女", "joined_on", "2005-06-30");
	fx_member_row(&t->s, b, "王建华", "男", "joined_on", "2010-12-01");
	fx_member_row(&t->s, b, "赵志明", "男", "joined_on", "1985-03-15");
}

static void two_demo_townships_sum_to_their_own_tables(void **state)
{
	struct dir *d = *state;
	setenv("DJ_TODAY", "2026-11-21", 1);
	static struct testdb town[2];
	demo_township(&town[0]);
	small_township(&town[1]);
	struct dj_err e;
	struct stats_pack_meta m[2];
	for (int i = 0; i < 2; i++)
		if (stats_pack_make(&town[i].s, d->file[i], "", &m[i], &e))
			fail_msg("%s", e.msg);
	assert_string_equal(m[0].unit, "中共驿亭镇委员会");
	assert_string_equal(m[1].unit, "中共二都镇委员会");
	assert_string_equal(m[0].as_of, "2026-12-31");
	struct stats_merge mg;
	const char *paths[] = { d->file[0], d->file[1] };
	if (stats_merge_files(paths, 2, &mg, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(mg.ntables, stats_ndefs);
	struct stats_when w;
	assert_int_equal(stats_when_set(&w, 0, "2026-12-31", &e), 0);
	static struct stats_table own[2];
	long members = 0;
	for (int k = 0; k < stats_ndefs; k++) {
		const struct stats_merged_table *mt = merged(&mg, stats_defs[k].key);
		for (int i = 0; i < 2; i++)
			if (stats_compute(&town[i].s, stats_defs[k].key, &w, &own[i], &e))
				fail_msg("%s", e.msg);
		assert_int_equal(mt->nrows, own[0].nrows);
		assert_int_equal(mt->ncols, own[0].ncols);
		for (int r = 0; r < own[0].nrows; r++)
			for (int c = 0; c < own[0].ncols; c++) {
				assert_int_equal(stats_merged_cell(&mg, mt, 0, r, c), own[0].cell[r][c]);
				assert_int_equal(stats_merged_cell(&mg, mt, 1, r, c), own[1].cell[r][c]);
				assert_int_equal(stats_merged_cell(&mg, mt, 2, r, c),
				                 own[0].cell[r][c] + own[1].cell[r][c]);
			}
		if (strcmp(stats_defs[k].key, "basic") == 0) {
			assert_string_equal(mt->row_key[0], "total");
			members = stats_merged_cell(&mg, mt, 2, 0, 0);
		}
	}
	assert_true(members > 100 + 4);   /* the demo's members, and the small township's four */
	assert_int_equal(members - 4, stats_merged_cell(&mg, merged(&mg, "basic"), 0, 0, 0));
	stats_merge_free(&mg);
	for (int i = 0; i < 2; i++)
		testdb_close(&town[i]);
}

static void a_township_that_does_not_balance_gets_no_pack(void **state)
{
	struct dir *d = *state;
	setenv("DJ_TODAY", "2026-11-21", 1);
	static struct testdb town;
	small_township(&town);
	struct dj_err e;
	/* a death with no event: the year's end no longer follows from its moves */
	assert_int_equal(sqlite3_exec(town.s.db, "UPDATE member SET status = '去世' WHERE name = '赵志明'",
	                              NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(stats_pack_make(&town.s, d->file[0], "2026-12-31", NULL, &e), -1);
	assert_has(e.msg, "中共二都镇委员会的党员增减不平衡：上年末 4 + 增加 0 − 减少 ");
	assert_int_equal(access(d->file[0], F_OK), -1);
	/* an operator of one branch packs no township */
	town.s.scope_org = db_int(town.s.db, "SELECT id FROM org WHERE name = '二都村党支部'", -1, 0);
	assert_int_equal(stats_pack_make(&town.s, d->file[0], "2026-12-31", NULL, &e), -1);
	assert_int_equal(e.code, DJ_DENIED);
	assert_int_equal(access(d->file[0], F_OK), -1);
	testdb_close(&town);
}

/* ---- the command line ---- */

/* The command on a copy of its words: it takes its flags out in place. */
static int run_merge(char **words, int n)
{
	struct config c;
	char *argv[8];
	memcpy(argv, words, (size_t)n * sizeof *argv);
	config_defaults(&c);
	int rc = stats_merge_cli(&c, n, argv);
	config_free(&c);
	return rc;
}

static void merge_on_the_command_line(void **state)
{
	struct dir *d = *state;
	three_townships(d);
	char out[160];
	snprintf(out, sizeof out, "%s/县.xlsx", d->path);
	char *ok[] = { "merge", "-o", out, d->file[0], d->file[1], d->file[2] };
	assert_int_equal(run_merge(ok, 6), 0);
	assert_int_equal(access(out, R_OK), 0);
	assert_int_equal(run_merge(ok, 6), 1);   /* the file exists: not without --force */
	char *forced[] = { "merge", "-o", out, d->file[0], d->file[1], d->file[2], "--force" };
	assert_int_equal(run_merge(forced, 7), 0);
	char *twice[] = { "merge", d->file[0], d->file[1], d->file[0] };
	assert_int_equal(run_merge(twice, 4), 1);
	char *none[] = { "merge" };
	assert_int_equal(run_merge(none, 1), 2);
	char *bad_out[] = { "merge", "-o", "县.txt", d->file[0] };
	assert_int_equal(run_merge(bad_out, 4), 2);
	char *no_value[] = { "merge", d->file[0], "-o" };
	assert_int_equal(run_merge(no_value, 3), 2);
}

static void pack_then_merge_on_the_command_line(void **state)
{
	struct dir *d = *state;
	setenv("DJ_TODAY", "2026-11-21", 1);
	static struct testdb town;
	small_township(&town);
	struct config c;
	config_defaults(&c);
	snprintf(c.db_path, sizeof c.db_path, "%s", town.path);
	char *pack[] = { "pack", "--as-of", "2026-6-30", d->file[0] };
	assert_int_equal(stats_pack_cli(&c, 4, pack), 0);
	static struct stats_pack p;
	struct dj_err e;
	assert_int_equal(stats_pack_read(d->file[0], &p, &e), 0);
	assert_string_equal(p.meta.as_of, "2026-06-30");
	assert_string_equal(p.meta.unit, "中共二都镇委员会");
	assert_int_equal(stats_pack_table(&p, "basic")->cell[0][0], 4);
	char *again[] = { "pack", d->file[0] };   /* the file is there: not without --force */
	assert_int_equal(stats_pack_cli(&c, 2, again), 1);
	char *forced[] = { "pack", d->file[0], "--force" };
	assert_int_equal(stats_pack_cli(&c, 3, forced), 0);
	assert_int_equal(stats_pack_read(d->file[0], &p, &e), 0);
	assert_string_equal(p.meta.as_of, "2026-12-31");
	config_free(&c);
	testdb_close(&town);
	char *merge[] = { "merge", d->file[0] };
	assert_int_equal(run_merge(merge, 2), 0);
}

static void pack_usage_on_the_command_line(void **state)
{
	struct dir *d = *state;
	struct config c;
	config_defaults(&c);
	char *no_file[] = { "pack" };
	assert_int_equal(stats_pack_cli(&c, 1, no_file), 2);
	char *bad_date[] = { "pack", "--as-of", "2026-13-40", d->file[0] };
	assert_int_equal(stats_pack_cli(&c, 4, bad_date), 2);
	char *two[] = { "pack", d->file[0], d->file[1] };
	assert_int_equal(stats_pack_cli(&c, 3, two), 2);
	config_free(&c);
	assert_int_equal(access(d->file[0], F_OK), -1);
}

#define T(test) cmocka_unit_test_setup_teardown(test, dir_setup, dir_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(a_pack_reads_back_as_written),
		T(a_label_reads_without_its_control_characters),
		T(a_changed_cell_is_refused_as_damaged),
		T(a_cut_or_foreign_file_is_refused),
		T(a_newer_format_is_refused),
		T(a_pack_sent_twice_is_refused),
		T(packs_of_other_years_are_refused),
		T(a_pack_that_does_not_balance_is_refused),
		T(three_packs_sum_cell_by_cell),
		T(the_merge_prints_aligned_and_exports),
		T(two_demo_townships_sum_to_their_own_tables),
		T(a_township_that_does_not_balance_gets_no_pack),
		T(merge_on_the_command_line),
		T(pack_then_merge_on_the_command_line),
		T(pack_usage_on_the_command_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
