#include "core/db.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/audit_chain.h"
#include "core/collate.h"
#include "core/db_busy.h"
#include "core/db_queue.h"
#include "core/db_stmt.h"
#include "core/outfile.h"
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

/* The operating system's part of the last failure: an I/O error on a full
 * disk (a WAL or -shm file that cannot grow, an fsync) is a full disk. */
static int disk_full(sqlite3 *db, int rc)
{
	int base = rc & 0xff;
	if (base == SQLITE_FULL)
		return 1;
	return (base == SQLITE_IOERR || base == SQLITE_CANTOPEN) && dj_disk_full(sqlite3_system_errno(db));
}

/* The Chinese reason, and whether SQLite's own (English) text adds
 * anything an administrator needs: only for constraints and the rest. */
static const char *why_of(int rc, int *detail)
{
	*detail = 0;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return DB_BUSY_WHY;
	case SQLITE_READONLY: return "数据库为只读，不能修改";
	case SQLITE_IOERR: return "读写数据库文件出错（磁盘或文件系统故障）";
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: return "数据库文件已损坏，请联系管理员用备份恢复";
	case SQLITE_CANTOPEN: return "无法打开数据库文件（路径或权限有误）";
	case SQLITE_PERM: return "没有访问数据库文件的权限";
	case SQLITE_CONSTRAINT: *detail = 1; return "数据违反约束";
	default: *detail = 1; return "数据库错误";
	}
}

const char *db_why(sqlite3 *db, char *out, size_t cap)
{
	int rc = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR, detail;
	if (db && disk_full(db, rc)) {
		snprintf(out, cap, "%s", DB_FULL_WHY);
		return out;
	}
	const char *why = why_of(rc, &detail);
	char holder[160] = "";
	if (db && ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED))
		db_busy_holder(db, holder, sizeof holder);
	if (detail && db)
		snprintf(out, cap, "%s（%s）", why, sqlite3_errmsg(db));
	else
		snprintf(out, cap, "%s%s", why, holder);
	return out;
}

int db_fail(sqlite3 *db, struct dj_err *e, const char *what)
{
	char why[sizeof e->msg];
	return dj_fail(e, DJ_DB, NULL, "%s失败：%s", what, db_why(db, why, sizeof why));
}

int db_exec(sqlite3 *db, const char *sql, struct dj_err *e)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, "执行");
	return 0;
}

/* The connections of this process inside db_begin … db_commit/db_rollback
 * (or whatever else holds a lock, by the key it gave), and the signal mask
 * from before the first of them.  A key counts once, so a second
 * db_rollback after a failed COMMIT lets go of nothing. */
enum { WRITES_MAX = 16 };
static const void *writing[WRITES_MAX];
static int nwriting;
static sigset_t mask_before;

void db_stops_hold(const void *db)
{
	for (int i = 0; i < WRITES_MAX; i++)
		if (writing[i] == db)
			return;
	for (int i = 0; i < WRITES_MAX; i++) {
		if (writing[i])
			continue;
		sigset_t stops, old;
		sigemptyset(&stops);
		sigaddset(&stops, SIGTSTP);
		sigaddset(&stops, SIGTTIN);
		sigaddset(&stops, SIGTTOU);
		sigprocmask(SIG_BLOCK, &stops, &old);
		if (nwriting++ == 0)
			mask_before = old;
		writing[i] = db;
		return;
	}
}

/* The last write of the process over: a Ctrl-Z pressed meanwhile is
 * delivered now (ncurses' handler puts the terminal back first). */
void db_stops_release(const void *db)
{
	for (int i = 0; i < WRITES_MAX; i++) {
		if (writing[i] != db || !db)
			continue;
		writing[i] = NULL;
		if (--nwriting == 0)
			sigprocmask(SIG_SETMASK, &mask_before, NULL);
		return;
	}
}

static void (*wait_notice)(const char *msg);
static int wait_ms = 5000;   /* the last busy_timeout db_open set, for the notice */

void db_on_wait(void (*notice)(const char *msg))
{
	wait_notice = notice;
}

/* Before a write waits for another process's lock: says who holds it and
 * how long this one may wait.  One read of /proc/locks, only when someone
 * listens. */
static void notice_wait(sqlite3 *db)
{
	char holder[160], msg[256];
	if (!wait_notice)
		return;
	db_busy_holder(db, holder, sizeof holder);
	if (!*holder)
		return;
	snprintf(msg, sizeof msg, "正在等待其他操作员写入完成（最多 %d 秒）%s", (wait_ms + 999) / 1000,
	         holder);
	wait_notice(msg);
}

/* Writers queue for their turn (db_queue.h) before asking SQLite for the
 * write lock; inside a transaction already open BEGIN just fails.  The
 * stops are held from the queue on: our turn in it holds up the others
 * as much as SQLite's lock does. */
int db_begin(sqlite3 *db, struct dj_err *e)
{
	int queued = sqlite3_get_autocommit(db);
	if (queued) {
		db_stops_hold(db);
		notice_wait(db);
	}
	if (queued && db_queue_enter(db) != 0) {
		char holder[160];
		db_busy_holder(db, holder, sizeof holder);
		db_stops_release(db);
		return dj_fail(e, DJ_DB, NULL, "开始写入失败：%s%s", DB_BUSY_WHY, holder);
	}
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(db, e, "开始写入");
		if (queued) {
			db_queue_leave(db);
			db_stops_release(db);
		}
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
	db_stops_release(db);
	return 0;
}

void db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	db_queue_leave(db);
	db_stops_release(db);
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

/* db_fail at a start, noting whether the disk is full (db_open then
 * tries once more without the -shm file, see there). */
static int start_fail(sqlite3 *db, struct dj_err *e, const char *what, int *full)
{
	*full = disk_full(db, sqlite3_extended_errcode(db));
	return db_fail(db, e, what);
}

static int pragmas(sqlite3 *db, const struct config *c, int *full, struct dj_err *e)
{
	char sql[256];
	sqlite3_busy_timeout(db, c->busy_timeout_ms);
	register_functions(db);
	/* cache_size: each operator's process keeps at most 1 MB of pages (the
	 * default is 2 MB).  On a shared server every operator runs a process, and
	 * the pages a county-wide count reads are still in the OS page cache, so
	 * the smaller cache costs little time (BENCHMARKS.md: peak memory).
	 * These three are settings of this connection: nothing is written. */
	snprintf(sql, sizeof sql, "PRAGMA foreign_keys=ON; PRAGMA synchronous=%s;"
	         " PRAGMA cache_size=-%d;", c->synchronous, DB_CACHE_KB);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return start_fail(db, e, "打开数据库", full);
	return 0;
}

/* What a start reads before deciding whether it must write anything. */
struct schema_state {
	int64_t appid, version, tables;
	int wal;
};

/* Reads the file's marks in one read transaction (a reader never waits for
 * a writer in WAL mode).  The first read opens the WAL of a file in WAL
 * mode, so journal_mode reports the file's mode, not the default. */
static int read_state(sqlite3 *db, struct schema_state *s, int *full, struct dj_err *e)
{
	memset(s, 0, sizeof *s);
	if (sqlite3_exec(db, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
		return start_fail(db, e, "打开数据库", full);
	s->tables = db_int(db, "SELECT count(*) FROM sqlite_schema", -1, -1);
	int rc = s->tables < 0 ? start_fail(db, e, "读取数据库", full) : 0;
	s->appid = db_int(db, "PRAGMA application_id", -1, 0);
	s->version = db_int(db, "PRAGMA user_version", -1, 0);
	sqlite3_stmt *st;
	if (rc == 0 && sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			s->wal = sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
		sqlite3_finalize(st);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);   /* a read: ending it cannot fail */
	return rc;
}

static int not_ours(const struct schema_state *s)
{
	return s->appid != DJ_APPLICATION_ID && (s->appid != 0 || s->tables > 0);
}

/* Nothing to write: our mark, the newest schema, WAL.  Every start of a
 * current database (a viewer, check, export, each operator's) is only this
 * read, so it never waits behind a long write nor fails on a full disk. */
static int current(const struct schema_state *s)
{
	return s->appid == DJ_APPLICATION_ID && s->version == db_schema_latest() && s->wal;
}

/* journal_mode=WAL needs the file to itself (no other connection in it),
 * and only a new or old-format file gets here. */
static int set_wal(sqlite3 *db, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, e, "设置 WAL 模式");
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, e, "设置 WAL 模式");
}

/* The migrations still missing, in the write transaction db_begin opened:
 * the state is read again there, since another process may have migrated
 * between our first look and our turn. */
static int run_migrations(sqlite3 *db, const char *path, struct dj_err *e)
{
	int64_t appid = db_int(db, "PRAGMA application_id", -1, 0);
	int64_t have = db_int(db, "PRAGMA user_version", -1, 0);
	int64_t tables = db_int(db, "SELECT count(*) FROM sqlite_schema", -1, 0);
	if (appid != DJ_APPLICATION_ID && (appid != 0 || tables > 0))
		return dj_fail(e, DJ_DB, NULL, "%s 不是党建台账数据库", path);
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
			return db_fail(db, e, what);
		}
	}
	if (appid == DJ_APPLICATION_ID)
		return 0;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA application_id=%d", DJ_APPLICATION_ID);
	return db_exec(db, sql, e);
}

/* A current file is only read; a new or older one is migrated under the
 * write lock. */
static int migrate(sqlite3 *db, const char *path, const struct schema_state *s,
                   struct dj_err *e)
{
	if (not_ours(s))
		return dj_fail(e, DJ_DB, NULL, "%s 不是党建台账数据库", path);
	if (current(s))
		return 0;
	if (!s->wal && set_wal(db, e))
		return DJ_DB;
	if (db_begin(db, e))
		return DJ_DB;
	if (run_migrations(db, path, e)) {
		db_rollback(db);
		return DJ_DB;
	}
	return db_commit(db, e);
}

/* Opens the file and reads its marks.  heap_index: the WAL's index in
 * this process's memory instead of the -shm file, under an exclusive lock
 * on the file (SQLite's locking_mode=EXCLUSIVE before the first read). */
static int open_and_read(const struct config *c, const char *path, int flags, int heap_index,
                         sqlite3 **db, struct schema_state *s, int *full, struct dj_err *e)
{
	*full = 0;
	if (sqlite3_open_v2(path, db, flags, NULL) != SQLITE_OK)
		return start_fail(*db, e, "打开数据库", full);
	if (heap_index && sqlite3_exec(*db, "PRAGMA locking_mode=EXCLUSIVE", NULL, NULL, NULL))
		return start_fail(*db, e, "打开数据库", full);
	if (pragmas(*db, c, full, e) || read_state(*db, s, full, e))
		return DJ_DB;
	return 0;
}

/* A file with a newer user_version was written by a newer program: we may
 * read it, never write it, so it is reopened read-only. */
static int open_newer(const struct config *c, const char *path, sqlite3 **out, struct dj_err *e)
{
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		db_fail(db, e, "打开数据库");
		db_close(db);
		return DJ_DB;
	}
	sqlite3_busy_timeout(db, c->busy_timeout_ms);
	register_functions(db);
	*out = db;
	return 0;
}

/* The first process to open a file in WAL mode creates its -shm file and
 * grows it to 32 KB; on a full disk that fails, and nobody could even
 * read.  Then (and only then: nobody else has the file open, or the -shm
 * would be there) this process keeps the index in its own memory and the
 * file to itself while it runs: check, export and viewing work, a save
 * says 磁盘已满, and others wait as behind a writer until it ends. */
int db_open(const struct config *c, const char *path, int create, sqlite3 **out, struct dj_err *e)
{
	*out = NULL;
	struct stat st;   /* stat, not access(): a setgid program sees with its effective group */
	if (!create && stat(path, &st) != 0)
		return dj_fail(e, DJ_DB, NULL, "数据库文件 %s 不存在，请先运行 dangjian init", path);
	sqlite3 *db = NULL;
	struct schema_state s;
	int full, flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	int rc = open_and_read(c, path, flags, 0, &db, &s, &full, e);
	if (rc && full) {
		db_close(db);
		rc = open_and_read(c, path, flags, 1, &db, &s, &full, e);
	}
	if (rc == 0 && s.version > db_schema_latest()) {
		db_close(db);
		return open_newer(c, path, out, e);
	}
	if (rc == 0) {
		db_queue_attach(db, path, c->busy_timeout_ms);
		wait_ms = c->busy_timeout_ms;
	}
	if (rc == 0 && migrate(db, path, &s, e) == 0) {
		*out = db;
		return 0;
	}
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
	/* Personal data (身份证号, phones): written like an export (core/outfile.h),
	 * into a new dest.tmp only its maker reads, never through a symlink, and
	 * renamed over dest once whole.  Replacing dest is what the command asks. */
	struct outfile o;
	sqlite3 *to = NULL;
	outfile_permit_replace(dest);
	if (outfile_open_as(&o, dest, 0600) != 0)
		return dj_fail(e, DJ_DB, NULL, "备份失败：%s", o.why);
	if (sqlite3_open_v2(o.tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		db_fail(to, e, "创建备份文件");
		sqlite3_close(to);
		outfile_discard(&o);
		return DJ_DB;
	}
	int rc = copy_pages(db, to);
	if (rc != SQLITE_DONE) {
		db_fail(to, e, "备份");
		sqlite3_close(to);
		outfile_discard(&o);
		return DJ_DB;
	}
	/* The copy is a plain rollback-journal file, readable without its WAL. */
	sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	sqlite3_close(to);
	if (outfile_commit(&o) != 0)
		return dj_fail(e, DJ_DB, NULL, "备份失败：%s", o.why);
	return 0;
}
