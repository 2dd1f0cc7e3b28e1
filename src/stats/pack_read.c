/* pack_read.c — reading a pack that came from outside: bounded before it is
 * opened, opened read-only and immutable (a USB stick gets no -wal or -shm
 * beside the file), checked page by page and by its checksum, and every
 * value taken as untrusted: keys must be plain ASCII words, counts within
 * the tables' bounds, labels cleaned of control characters. */
#include "stats/stats_pack.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

#include "core/text.h"
#include "core/validate.h"
#include "stats/pack_priv.h"

#define MAX_VALUE 1000000000000L   /* a count beyond this is no count */

static int damaged(struct dj_err *e, const char *what)
{
	return dj_fail(e, DJ_INVALID, NULL, "汇总包已损坏：%s", what);
}

static unsigned be(const unsigned char *p, int n)
{
	unsigned v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* What the file's size and its 100-byte SQLite header say, before SQLite
 * sees it: not SQLite, not ours, too large, or shorter than its pages. */
static int check_file(const char *path, struct dj_err *e)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return dj_fail(e, DJ_NOTFOUND, NULL, "无法读取：%s", dj_io_why(errno));
	if (!S_ISREG(sb.st_mode))
		return dj_fail(e, DJ_INVALID, NULL, "不是普通文件");
	if (sb.st_size > STATS_PACK_MAX_BYTES)
		return dj_fail(e, DJ_INVALID, NULL, "文件超过 %ld MB，不是汇总包",
		               STATS_PACK_MAX_BYTES / (1024 * 1024));
	unsigned char h[100];
	FILE *f = fopen(path, "rb");
	if (!f)
		return dj_fail(e, DJ_NOTFOUND, NULL, "无法读取：%s", dj_io_why(errno));
	size_t got = fread(h, 1, sizeof h, f);
	fclose(f);
	if (got < sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return dj_fail(e, DJ_INVALID, NULL, "不是党内统计汇总包（不是 SQLite 数据库文件）");
	if (be(h + 68, 4) != STATS_PACK_APPID)
		return dj_fail(e, DJ_INVALID, NULL, "不是党内统计汇总包（是别的 SQLite 数据库）");
	unsigned page = be(h + 16, 2) == 1 ? 65536 : be(h + 16, 2);
	unsigned pages = be(h + 28, 4);
	if (page < 512 || (page & (page - 1)) || sb.st_size % page)
		return damaged(e, "文件大小不是整页（可能被截断）");
	if (be(h + 92, 4) == be(h + 24, 4) && (uint64_t)pages * page != (uint64_t)sb.st_size)
		return damaged(e, "文件不完整（可能在复制时被截断）");
	return 0;
}

/* "file:" and the path with every byte a URI could read otherwise escaped. */
static void uri_of(const char *path, char *out, size_t cap)
{
	size_t n = (size_t)snprintf(out, cap, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p && n + 4 < cap; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/._-~", *p))
			out[n++] = (char)*p;
		else
			n += (size_t)snprintf(out + n, cap - n, "%%%02X", *p);
	}
	snprintf(out + n, cap - n, "?immutable=1");
}

static int open_pack(const char *path, sqlite3 **db, struct dj_err *e)
{
	size_t cap = strlen(path) * 3 + 32;
	char *uri = malloc(cap);
	if (!uri)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	uri_of(path, uri, cap);
	int rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return damaged(e, *db ? sqlite3_errmsg(*db) : "无法打开");
	/* Views and triggers in someone else's file run nothing of ours. */
	sqlite3_db_config(*db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(*db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	return 0;
}

static int one_text(sqlite3 *db, const char *sql, char *out, size_t cap)
{
	sqlite3_stmt *st;
	int ok = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(out, cap, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
		ok = 1;
	}
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

/* The file as SQLite sees it: sound pages, our format, our checksum. */
static int check_content(sqlite3 *db, char stored[65], struct dj_err *e)
{
	char v[256];
	if (one_text(db, "PRAGMA quick_check", v, sizeof v) || strcmp(v, "ok") != 0)
		return damaged(e, "数据库结构检查未通过");
	if (one_text(db, "PRAGMA user_version", v, sizeof v))
		return damaged(e, "读不出格式版本");
	if (atoi(v) > STATS_PACK_FORMAT)
		return dj_fail(e, DJ_INVALID, NULL, "由更新版本的程序制作（格式 %d，本程序只认到 %d），请先升级本程序",
		               atoi(v), STATS_PACK_FORMAT);
	if (atoi(v) < 1)
		return damaged(e, "格式版本不对");
	char hex[65];
	if (pack_digest(db, hex))
		return damaged(e, "缺少数据表或列");
	if (one_text(db, "SELECT value FROM meta WHERE key = 'checksum'", stored, 65) || strlen(stored) != 64)
		return damaged(e, "没有校验和");
	if (strcmp(hex, stored) != 0)
		return damaged(e, "校验和不符（内容在制作后被改动过）");
	return 0;
}

/* A character a terminal would act on rather than show: C0 and C1
 * controls, and the bidirectional overrides that reorder a line. */
static int unsafe(wchar_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f;
}

/* s, invalid UTF-8 and unsafe characters turned into U+FFFD, into out. */
static void clean_text(const unsigned char *s, char *out, size_t cap)
{
	const char *t = s ? (const char *)s : "";
	size_t len = strlen(t);
	wchar_t *w = malloc((len + 1) * sizeof *w);
	if (!w) {
		out[0] = 0;
		return;
	}
	size_t n = utf8_to_wcs(t, len, w, len + 1);
	for (size_t i = 0; i < n; i++)
		if (unsafe(w[i]))
			w[i] = 0xfffd;
	wcs_to_utf8(w, n, out, cap);
	free(w);
}

/* A key as the program makes them: lower-case letters, digits, _ and -. */
static int plain_key(const unsigned char *s, char *out)
{
	size_t n = s ? strlen((const char *)s) : 0;
	if (n == 0 || n >= STATS_KEYLEN)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      s[i] == '-'))
			return -1;
	memcpy(out, s, n + 1);
	return 0;
}

static int read_meta(sqlite3 *db, struct stats_pack_meta *m, struct dj_err *e)
{
	char v[512], why[WHY_MAX];
	memset(m, 0, sizeof *m);
	if (one_text(db, "SELECT value FROM meta WHERE key = 'format'", v, sizeof v))
		return damaged(e, "没有格式版本");
	m->format = atoi(v);
	if (m->format != STATS_PACK_FORMAT)
		return damaged(e, "格式版本与文件头不符");
	if (one_text(db, "SELECT value FROM meta WHERE key = 'unit'", v, sizeof v) || !v[0])
		return damaged(e, "没有填报单位");
	clean_text((const unsigned char *)v, m->unit, sizeof m->unit);
	if (one_text(db, "SELECT value FROM meta WHERE key = 'as_of'", v, sizeof v) ||
	    valid_date(v, m->as_of, why))
		return damaged(e, "统计截止日期不对");
	if (one_text(db, "SELECT value FROM meta WHERE key = 'pack_id'", v, sizeof v) ||
	    strlen(v) != 32 || strspn(v, "0123456789abcdef") != 32)
		return damaged(e, "包编号不对");
	memcpy(m->pack_id, v, 33);
	if (!one_text(db, "SELECT value FROM meta WHERE key = 'program'", v, sizeof v))
		clean_text((const unsigned char *)v, m->program, sizeof m->program);
	if (!one_text(db, "SELECT value FROM meta WHERE key = 'made_at'", v, sizeof v))
		clean_text((const unsigned char *)v, m->made_at, sizeof m->made_at);
	return 0;
}

static int find_table(const struct stats_pack *p, const unsigned char *key)
{
	for (int i = 0; key && i < p->n; i++)
		if (strcmp(p->key[i], (const char *)key) == 0)
			return i;
	return -1;
}

static int read_tables(sqlite3 *db, struct stats_pack *p, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT key, name, unit FROM tables ORDER BY pos", -1, &st, NULL))
		return damaged(e, "缺少统计表目录");
	int rc, bad = 0;
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (p->n == STATS_PACK_MAX_TABLES || plain_key(sqlite3_column_text(st, 0), p->key[p->n]) ||
		    find_table(p, sqlite3_column_text(st, 0)) >= 0) {
			bad = 1;
			break;
		}
		struct stats_table *t = &p->t[p->n];
		clean_text(sqlite3_column_text(st, 1), p->name[p->n], STATS_LABELLEN);
		t->key = p->key[p->n];
		t->name = p->name[p->n];
		t->unit = sqlite3_column_int(st, 2);
		bad = t->unit < STATS_MEMBERS || t->unit > STATS_HONOURS;
		p->n++;
	}
	sqlite3_finalize(st);
	if (bad || rc != SQLITE_DONE || p->n == 0)
		return damaged(e, "统计表目录不对");
	return 0;
}

/* Rows (is_col 0) or columns of every table, in their order. */
static int read_axis(sqlite3 *db, struct stats_pack *p, int is_col, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = is_col ? "SELECT table_key, key, label, 0 FROM cols ORDER BY table_key, pos"
	                         : "SELECT table_key, key, label, sub FROM rows ORDER BY table_key, pos";
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL))
		return damaged(e, is_col ? "缺少栏目" : "缺少行");
	int rc, bad = 0;
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int ti = find_table(p, sqlite3_column_text(st, 0));
		struct stats_table *t = ti >= 0 ? &p->t[ti] : NULL;
		int *n = t ? (is_col ? &t->ncols : &t->nrows) : NULL;
		if (!t || *n == (is_col ? STATS_MAXCOLS : STATS_MAXROWS)) {
			bad = 1;
			break;
		}
		char *key = is_col ? t->col_key[*n] : t->row_key[*n];
		if (plain_key(sqlite3_column_text(st, 1), key)) {
			bad = 1;
			break;
		}
		for (int k = 0; k < *n; k++)
			bad |= strcmp(is_col ? t->col_key[k] : t->row_key[k], key) == 0;
		clean_text(sqlite3_column_text(st, 2), is_col ? t->col_label[*n] : t->row_label[*n],
		           STATS_LABELLEN);
		if (!is_col)
			t->row_sub[*n] = sqlite3_column_int(st, 3) != 0;
		(*n)++;
	}
	sqlite3_finalize(st);
	if (bad || rc != SQLITE_DONE)
		return damaged(e, is_col ? "栏目不对" : "行不对");
	return 0;
}

static int index_of(char keys[][STATS_KEYLEN], int n, const unsigned char *key)
{
	for (int i = 0; key && i < n; i++)
		if (strcmp(keys[i], (const char *)key) == 0)
			return i;
	return -1;
}

/* Every cell of every table once, an integer within bounds. */
static int read_cells(sqlite3 *db, struct stats_pack *p, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT table_key, row_key, col_key, value FROM cells", -1, &st, NULL))
		return damaged(e, "缺少数据");
	unsigned char seen[STATS_PACK_MAX_TABLES][STATS_MAXROWS][STATS_MAXCOLS] = { 0 };
	long want = 0, got = 0;
	for (int i = 0; i < p->n; i++)
		want += (long)p->t[i].nrows * p->t[i].ncols;
	int rc, bad = 0;
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int ti = find_table(p, sqlite3_column_text(st, 0));
		struct stats_table *t = ti >= 0 ? &p->t[ti] : NULL;
		int r = t ? index_of(t->row_key, t->nrows, sqlite3_column_text(st, 1)) : -1;
		int c = t ? index_of(t->col_key, t->ncols, sqlite3_column_text(st, 2)) : -1;
		sqlite3_int64 v = sqlite3_column_int64(st, 3);
		if (r < 0 || c < 0 || seen[ti][r][c] || sqlite3_column_type(st, 3) != SQLITE_INTEGER ||
		    v < -MAX_VALUE || v > MAX_VALUE) {
			bad = 1;
			break;
		}
		seen[ti][r][c] = 1;
		t->cell[r][c] = (long)v;
		got++;
	}
	sqlite3_finalize(st);
	if (bad || rc != SQLITE_DONE || got != want)
		return damaged(e, "数据格不对");
	return 0;
}

int stats_pack_read(const char *path, struct stats_pack *p, struct dj_err *e)
{
	memset(p, 0, sizeof *p);
	if (check_file(path, e))
		return -1;
	sqlite3 *db = NULL;
	if (open_pack(path, &db, e)) {
		sqlite3_close(db);
		return -1;
	}
	char stored[65] = "";
	int rc = check_content(db, stored, e) || read_meta(db, &p->meta, e) ||
	         read_tables(db, p, e) || read_axis(db, p, 0, e) || read_axis(db, p, 1, e) ||
	         read_cells(db, p, e) ? -1 : 0;
	memcpy(p->meta.checksum, stored, sizeof stored);
	sqlite3_close(db);
	return rc;
}

const struct stats_table *stats_pack_table(const struct stats_pack *p, const char *key)
{
	int i = find_table(p, (const unsigned char *)key);
	return i >= 0 ? &p->t[i] : NULL;
}
