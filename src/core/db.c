#include "core/db.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/audit_chain.h"
#include "core/collate.h"
#include "core/db_queue.h"
#include "core/db_stmt.h"
#include "core/schema.h"
#include "core/text.h"
#include "core/validate.h"

/* dj_today(): today as the core sees it (DJ_TODAY in tests), so queries that
 * flag due dates agree with the rules in C. */
static void sql_today(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	char buf[11];
	sqlite3_result_text(ctx, today(buf), -1, SQLITE_TRANSIENT);
}

/* dj_pinyin(name, person): the initials the program stores in name_py
 * (text.h; person 1 reads a first character as a surname), for migrations
 * that recompute them when a reading was added. */
static void sql_pinyin(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	char py[256];
	if (!name) {
		sqlite3_result_null(ctx);
		return;
	}
	if (sqlite3_value_int(argv[1]))
		pinyin_initials_person(name, py, sizeof py);
	else
		pinyin_initials(name, py, sizeof py);
	sqlite3_result_text(ctx, py, -1, SQLITE_TRANSIENT);
}

/* ORDER BY … COLLATE zh: pinyin order with numbers as numbers (collate.h);
 * migrations use it and dj_pinyin too, so they are there before they run. */
static void register_functions(sqlite3 *db)
{
	sqlite3_create_function(db, "dj_today", 0, SQLITE_UTF8, NULL, sql_today, NULL, NULL);
	sqlite3_create_function(db, "dj_pinyin", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        sql_pinyin, NULL, NULL);
	collate_register(db);
	audit_key_attach(db);   /* while the setgid group is held (audit_chain.h) */
}

int db_schema_latest(void)
{
	int v = 0;
	for (const struct migration *m = migrations; m->sql; m++)
		v = m->version;
	return v;
}

int db_fail(sqlite3 *db, struct dj_err *e, const char *what)
{
	int rc = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
	const char *why;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED: why = DB_BUSY_WHY; break;
	case SQLITE_FULL: why = "磁盘已满，无法写入数据库"; break;
	case SQLITE_READONLY: why = "数据库为只读，不能修改"; break;
	case SQLITE_IOERR: why = "读写数据库文件出错（磁盘或文件系统故障）"; break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: why = "数据库文件已损坏，请联系管理员用备份恢复"; break;
	case SQLITE_CANTOPEN: why = "无法打开数据库文件（路径或权限有误）"; break;
	case SQLITE_PERM: why = "没有访问数据库文件的权限"; break;
	case SQLITE_CONSTRAINT: why = "数据违反约束"; break;
	default: why = "数据库错误"; break;
	}
	return dj_fail(e, DJ_DB, NULL, "%s失败：%s（%s）", what, why, db ? sqlite3_errmsg(db) : "");
}

int db_exec(sqlite3 *db, const char *sql, struct dj_err *e)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, "执行");
	return 0;
}

/* Writers queue for their turn (db_queue.h) before asking SQLite for the
 * write lock; inside a transaction already open BEGIN just fails. */
int db_begin(sqlite3 *db, struct dj_err *e)
{
	int queued = sqlite3_get_autocommit(db);
	if (queued && db_queue_enter(db) != 0)
		return dj_fail(e, DJ_DB, NULL, "开始写入失败：%s", DB_BUSY_WHY);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(db, e, "开始写入");
		if (queued)
			db_queue_leave(db);
		return DJ_DB;
	}
	return 0;
}

int db_commit(sqlite3 *db, struct dj_err *e)
{
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(db, e, "提交");
		db_rollback(db);
		return DJ_DB;
	}
	db_queue_leave(db);
	return 0;
}

void db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	db_queue_leave(db);
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s, int null_if_empty)
{
	if (!s || (null_if_empty && !*s))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

void db_col_text(sqlite3_stmt *st, int i, char *out, size_t cap)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	size_t n = s ? strlen(s) : 0;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;   /* back off to a character boundary */
	}
	if (n)
		memcpy(out, s, n);
	out[n] = 0;
}

int64_t db_int(sqlite3 *db, const char *sql, int64_t param, int64_t def)
{
	sqlite3_stmt *st = db_keep(db, sql);
	if (!st)
		return def;
	if (param != -1)
		sqlite3_bind_int64(st, 1, param);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : def;
	db_done(st);
	return v;
}

static int pragmas(sqlite3 *db, const struct config *c, struct dj_err *e)
{
	char sql[256];
	sqlite3_busy_timeout(db, c->busy_timeout_ms);
	register_functions(db);
	/* cache_size: each operator's process keeps at most 1 MB of pages (the
	 * default is 2 MB).  On a shared server every operator runs a process, and
	 * the pages a county-wide count reads are still in the OS page cache, so
	 * the smaller cache costs little time (BENCHMARKS.md: peak memory). */
	snprintf(sql, sizeof sql, "PRAGMA foreign_keys=ON; PRAGMA synchronous=%s;"
	         " PRAGMA cache_size=-%d;", c->synchronous, DB_CACHE_KB);
	if (db_exec(db, sql, e))
		return DJ_DB;
	/* journal_mode=WAL needs a write lock the first time; on a file another
	 * process already switched, this is a no-op read. */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, e, "打开数据库");
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, e, "设置 WAL 模式");
	return 0;
}

static int migrate(sqlite3 *db, const char *path, struct dj_err *e)
{
	if (db_begin(db, e))
		return DJ_DB;
	int64_t appid = db_int(db, "PRAGMA application_id", -1, 0);
	int64_t have = db_int(db, "PRAGMA user_version", -1, 0);
	int64_t tables = db_int(db, "SELECT count(*) FROM sqlite_schema", -1, 0);
	if (appid != DJ_APPLICATION_ID && (appid != 0 || tables > 0)) {
		db_rollback(db);
		return dj_fail(e, DJ_DB, NULL, "%s 不是党建台账数据库", path);
	}
	for (const struct migration *m = migrations; m->sql; m++) {
		if (m->version <= have)
			continue;
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version=%d", m->version);
		if (sqlite3_exec(db, m->sql, NULL, NULL, NULL) != SQLITE_OK ||
		    migration_step(db, m->version) != SQLITE_OK ||
		    sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			char what[160];
			snprintf(what, sizeof what, "升级数据库结构（%s）", m->name);
			db_fail(db, e, what);
			db_rollback(db);
			return DJ_DB;
		}
	}
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA application_id=%d", DJ_APPLICATION_ID);
	if (db_exec(db, sql, e)) {
		db_rollback(db);
		return DJ_DB;
	}
	return db_commit(db, e);
}

/* A file with a newer user_version was written by a newer program: we may
 * read it, never write it, so it is reopened read-only. */
static int newer_than_us(sqlite3 *db)
{
	return db_int(db, "PRAGMA user_version", -1, 0) > db_schema_latest();
}

int db_open(const struct config *c, const char *path, int create, sqlite3 **out, struct dj_err *e)
{
	*out = NULL;
	struct stat st;   /* stat, not access(): a setgid program sees with its effective group */
	if (!create && stat(path, &st) != 0)
		return dj_fail(e, DJ_DB, NULL, "数据库文件 %s 不存在，请先运行 dangjian init", path);
	sqlite3 *db;
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		db_fail(db, e, "打开数据库");
		db_close(db);
		return DJ_DB;
	}
	if (pragmas(db, c, e))
		goto fail;
	if (newer_than_us(db)) {
		db_close(db);
		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
			db_fail(db, e, "打开数据库");
			goto fail;
		}
		sqlite3_busy_timeout(db, c->busy_timeout_ms);
		register_functions(db);
		*out = db;
		return 0;
	}
	db_queue_attach(db, path, c->busy_timeout_ms);
	if (migrate(db, path, e))
		goto fail;
	*out = db;
	return 0;
fail:
	db_close(db);
	return DJ_DB;
}

void db_bulk(sqlite3 *db, int on)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", on ? DB_BULK_CACHE_KB : DB_CACHE_KB);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (!on)
		sqlite3_db_release_memory(db);
}

int db_readonly(sqlite3 *db)
{
	return sqlite3_db_readonly(db, "main") == 1;
}

void db_close(sqlite3 *db)
{
	if (!db)
		return;
	db_forget(db);
	sqlite3_close(db);
	db_queue_detach(db);
}

/* The directory entry of a renamed file is durable only once the directory
 * itself is synced. */
static int sync_dir_of(const char *path)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		dir[1] = 0;
	else if (slash)
		*slash = 0;
	else
		snprintf(dir, sizeof dir, ".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* The whole copy is one backup step inside one read transaction: in WAL
 * mode a reader does not stop writers, and it sees one consistent moment,
 * whereas copying in small steps would start over each time another
 * process commits — on a busy server, for ever. */
static int copy_pages(sqlite3 *from, sqlite3 *to)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b)
		return sqlite3_errcode(to);
	int rc, tries = 0;
	while (((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
	       ++tries < 250)
		sqlite3_sleep(20);   /* a WAL being recovered by another process: wait up to 5 s */
	sqlite3_backup_finish(b);
	return rc;
}

int db_backup(sqlite3 *db, const char *dest, struct dj_err *e)
{
	sqlite3 *to;
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", dest);
	unlink(tmp);
	if (sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		db_fail(to, e, "创建备份文件");
		sqlite3_close(to);
		return DJ_DB;
	}
	int rc = copy_pages(db, to);
	if (rc != SQLITE_DONE) {
		db_fail(to, e, "备份");
		sqlite3_close(to);
		unlink(tmp);
		return DJ_DB;
	}
	/* The copy is a plain rollback-journal file, readable without its WAL. */
	sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	sqlite3_close(to);
	/* Personal data (身份证号, phones): only the one who made the copy reads it. */
	if (chmod(tmp, 0600) != 0 || sync_file(tmp) != 0 || rename(tmp, dest) != 0) {
		unlink(tmp);
		return dj_fail(e, DJ_DB, NULL, "备份失败：无法写入 %s", dest);
	}
	if (sync_dir_of(dest) != 0)
		return dj_fail(e, DJ_DB, NULL, "备份已写入 %s，但无法同步其所在目录", dest);
	return 0;
}
