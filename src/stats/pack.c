/* pack.c — writing a pack: the computed tables into a new SQLite file,
 * made whole in NAME.tmp and renamed over NAME (core/outfile.h), so the
 * level above never receives half a pack. */
#include "stats/stats_pack.h"

#include <openssl/rand.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/outfile.h"
#include "stats/pack_priv.h"

static int sql_fail(sqlite3 *db, struct dj_err *e, const char *path)
{
	return dj_fail(e, DJ_DB, NULL, "写汇总包 %s 失败：%s", path, db ? sqlite3_errmsg(db) : "无法创建");
}

static void made_now(char out[20])
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static int random_id(char out[33])
{
	unsigned char raw[16];
	if (RAND_bytes(raw, sizeof raw) != 1)
		return -1;
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
	return 0;
}

/* One prepared insert, its text parameters bound in order, run once. */
static int insert(sqlite3_stmt *st, const char *const *text, int ntext, const long *num, int nnum)
{
	sqlite3_reset(st);
	for (int i = 0; i < ntext; i++)
		sqlite3_bind_text(st, i + 1, text[i], -1, SQLITE_STATIC);
	for (int i = 0; i < nnum; i++)
		sqlite3_bind_int64(st, ntext + i + 1, num[i]);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

static int put_meta(sqlite3 *db, const struct stats_pack_meta *m, int with_checksum)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta VALUES (?1, ?2)", -1, &st, NULL))
		return -1;
	char format[16];
	snprintf(format, sizeof format, "%d", m->format);
	const char *kv[][2] = {
		{ "format", format }, { "program", m->program }, { "unit", m->unit },
		{ "as_of", m->as_of }, { "made_at", m->made_at }, { "pack_id", m->pack_id },
		{ "checksum", m->checksum },
	};
	int bad = 0, n = (int)(sizeof kv / sizeof *kv) - !with_checksum;
	for (int i = 0; !bad && i < n; i++)
		bad = insert(st, kv[i], 2, NULL, 0);
	sqlite3_finalize(st);
	return bad;
}

static int put_table(const struct stats_table *t, int pos, sqlite3_stmt *const st[4])
{
	const char *tk[] = { t->key, t->name };
	long tn[] = { pos, t->unit };
	if (insert(st[0], tk, 2, tn, 2))
		return -1;
	for (int r = 0; r < t->nrows; r++) {
		const char *rk[] = { t->key, t->row_key[r], t->row_label[r] };
		long rn[] = { r, t->row_sub[r] ? 1 : 0 };
		if (insert(st[1], rk, 3, rn, 2))
			return -1;
	}
	for (int c = 0; c < t->ncols; c++) {
		const char *ck[] = { t->key, t->col_key[c], t->col_label[c] };
		long cn[] = { c };
		if (insert(st[2], ck, 3, cn, 1))
			return -1;
	}
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			const char *k[] = { t->key, t->row_key[r], t->col_key[c], t->row_label[r],
			                    t->col_label[c] };
			if (insert(st[3], k, 5, &t->cell[r][c], 1))
				return -1;
		}
	return 0;
}

/* Parameters are numbered so that the text ones come first, as insert()
 * binds them. */
static const char *const put_sql[4] = {
	"INSERT INTO tables(key, name, pos, unit) VALUES (?1, ?2, ?3, ?4)",
	"INSERT INTO rows(table_key, key, label, pos, sub) VALUES (?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO cols(table_key, key, label, pos) VALUES (?1, ?2, ?3, ?4)",
	("INSERT INTO cells(table_key, row_key, col_key, row_label, col_label, value)"
	 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
};

static int put_tables(sqlite3 *db, const struct stats_table *tables, int n)
{
	sqlite3_stmt *st[4] = { 0 };
	int bad = 0;
	for (int i = 0; i < 4 && !bad; i++)
		bad = sqlite3_prepare_v2(db, put_sql[i], -1, &st[i], NULL) != SQLITE_OK;
	for (int i = 0; i < n && !bad; i++)
		bad = put_table(&tables[i], i, st);
	for (int i = 0; i < 4; i++)
		sqlite3_finalize(st[i]);
	return bad ? -1 : 0;
}

/* The whole content in one transaction of a file nobody else has open. */
static int fill(sqlite3 *db, struct stats_pack_meta *meta, const struct stats_table *tables, int n)
{
	char set[96];
	snprintf(set, sizeof set, "PRAGMA application_id=%d; PRAGMA user_version=%d;",
	         STATS_PACK_APPID, STATS_PACK_FORMAT);
	if (sqlite3_exec(db, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF", NULL, NULL, NULL) ||
	    sqlite3_exec(db, set, NULL, NULL, NULL) || sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) ||
	    sqlite3_exec(db, pack_schema_sql, NULL, NULL, NULL) || put_meta(db, meta, 0) ||
	    put_tables(db, tables, n) || pack_digest(db, meta->checksum) || put_meta(db, meta, 1) ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL))
		return -1;
	return 0;
}

static int write_pack(const char *path, struct stats_pack_meta *meta,
                      const struct stats_table *tables, int n, struct dj_err *e)
{
	if (n < 1 || n > STATS_PACK_MAX_TABLES)
		return dj_fail(e, DJ_INVALID, NULL, "汇总包应有 1 至 %d 张统计表（现有 %d 张）",
		               STATS_PACK_MAX_TABLES, n);
	meta->format = STATS_PACK_FORMAT;
	made_now(meta->made_at);
	meta->checksum[0] = 0;
	if (random_id(meta->pack_id))
		return dj_fail(e, DJ_DB, NULL, "写汇总包 %s 失败：无法生成随机编号", path);
	struct outfile o;
	if (outfile_open(&o, path) != 0)
		return dj_fail(e, DJ_DB, NULL, "写汇总包失败：%s", o.why);
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(o.tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc != SQLITE_OK || fill(db, meta, tables, n)) {
		sql_fail(db, e, path);
		sqlite3_close(db);
		outfile_discard(&o);
		return -1;
	}
	sqlite3_close(db);
	if (outfile_commit(&o) != 0)
		return dj_fail(e, DJ_DB, NULL, "写汇总包失败：%s", o.why);
	return 0;
}

int stats_pack_write(const char *path, struct stats_pack_meta *meta,
                     const struct stats_table *tables, int n, struct dj_err *e)
{
	return write_pack(path, meta, tables, n, e) ? -1 : 0;
}
