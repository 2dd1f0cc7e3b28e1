/* audit_chain.c — see audit_chain.h. */
#include "core/audit_chain.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "core/err.h"
#include "core/schema.h"

#define KEY_MIN 32
#define KEY_MAX 256
#define MAC_HEX 64

/* One connection's key, the user data of its dj_audit_mac: freed (and
 * wiped) by SQLite when the connection closes. */
struct keyslot {
	struct keyslot *next;
	sqlite3 *db;
	unsigned char key[KEY_MAX];
	size_t len;               /* 0: no key (why says why) */
	int may_create;           /* not setgid: the database is the user's own */
	EVP_MAC_CTX *base;        /* HMAC-SHA256 initialised with the key, duplicated per entry */
	char path[4096];
	char why[320];
};

static struct keyslot *slots;   /* the program is single-threaded */

const char *const audit_triggers[] = { "audit_log_no_update", "audit_log_no_delete",
	                               "audit_log_append_only", NULL };

static struct keyslot *slot_of(sqlite3 *db)
{
	for (struct keyslot *k = slots; k; k = k->next)
		if (k->db == db)
			return k;
	return NULL;
}

static void slot_free(void *p)
{
	struct keyslot *k = p;
	for (struct keyslot **at = &slots; *at; at = &(*at)->next)
		if (*at == k) {
			*at = k->next;
			break;
		}
	EVP_MAC_CTX_free(k->base);
	OPENSSL_cleanse(k, sizeof *k);
	free(k);
}

static int set_key(struct keyslot *k, const unsigned char *key, size_t len)
{
	memcpy(k->key, key, len);
	k->len = len;
	return 0;
}

/* HMAC-SHA256 with k's key, set up on the first entry: a program that only
 * reads never starts OpenSSL (it costs about 2 MB), and OpenSSL reads no
 * configuration file of its own (openssl.cnf, or one OPENSSL_CONF names). */
static int crypto_ready(void)
{
	static int ready;
	if (!ready)
		ready = OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
	return ready;
}

static EVP_MAC_CTX *base_of(struct keyslot *k)
{
	static EVP_MAC *hmac;
	if (k->base)
		return k->base;
	if (!hmac && crypto_ready())
		hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *c = hmac ? EVP_MAC_CTX_new(hmac) : NULL;
	char digest[] = "SHA256";
	OSSL_PARAM params[] = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
		                OSSL_PARAM_construct_end() };
	if (!c || !EVP_MAC_init(c, k->key, k->len, params)) {
		EVP_MAC_CTX_free(c);
		return NULL;
	}
	return k->base = c;
}

/* The key file as it is: at least KEY_MIN characters, trailing white space
 * not counted. */
static int read_key(struct keyslot *k)
{
	int fd = open(k->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			snprintf(k->why, sizeof k->why, "操作日志密钥文件 %s 不存在", k->path);
		else
			snprintf(k->why, sizeof k->why, "无法读取操作日志密钥文件 %s（%s）", k->path,
			         errno == EACCES ? "没有权限，程序须以 dangjian 组运行" : dj_io_why(errno));
		return errno == ENOENT ? 1 : -1;
	}
	unsigned char buf[KEY_MAX + 1];
	ssize_t n = read(fd, buf, sizeof buf);
	close(fd);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		n--;
	int rc = -1;
	if (n < KEY_MIN || n > KEY_MAX)
		snprintf(k->why, sizeof k->why, "操作日志密钥文件 %s 内容无效（应为 %d 至 %d 个字符）",
		         k->path, KEY_MIN, KEY_MAX);
	else
		rc = set_key(k, buf, (size_t)n);
	OPENSSL_cleanse(buf, sizeof buf);
	return rc;
}

/* 1 when the log has chained entries: their key is lost, not yet to be made. */
static int log_is_chained(sqlite3 *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT mac IS NOT NULL FROM audit_log ORDER BY id DESC LIMIT 1",
	                       -1, &st, NULL) != SQLITE_OK)
		return 0;   /* before migration 009: no mac yet */
	int chained = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return chained;
}

/* n bytes as 2n lowercase hex digits and a NUL (out has 2n + 1). */
static void to_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = 0;
}

/* A new random key, 0600, written once: O_EXCL, so of two programs making
 * it at the same moment one writes and both read the same. */
static int create_key(struct keyslot *k, sqlite3 *db)
{
	if (log_is_chained(db)) {
		snprintf(k->why, sizeof k->why, "操作日志密钥文件 %s 丢失，已有的操作日志无法校验；"
		         "请从备份中找回该文件（不能另建新密钥）", k->path);
		return -1;
	}
	unsigned char raw[32];
	char hex[MAC_HEX + 2];
	if (!crypto_ready() || RAND_bytes(raw, sizeof raw) != 1) {
		snprintf(k->why, sizeof k->why, "无法生成操作日志密钥（系统随机数不可用）");
		return -1;
	}
	to_hex(raw, sizeof raw, hex);
	hex[MAC_HEX] = '\n';
	int fd = open(k->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int ok = fd >= 0 && write(fd, hex, MAC_HEX + 1) == MAC_HEX + 1 && fsync(fd) == 0;
	int err = errno;
	if (fd >= 0)
		close(fd);
	OPENSSL_cleanse(raw, sizeof raw);
	OPENSSL_cleanse(hex, sizeof hex);
	if (fd < 0 && err == EEXIST)
		return read_key(k) ? -1 : 0;
	if (!ok) {
		if (fd >= 0)
			unlink(k->path);
		snprintf(k->why, sizeof k->why, "无法创建操作日志密钥文件 %s（%s）", k->path, dj_io_why(err));
		return -1;
	}
	return read_key(k) ? -1 : 0;
}

/* The key, made now for a database of one's own that has none yet. */
static int ensure_key(struct keyslot *k, sqlite3 *db)
{
	if (k->len)
		return 0;
	if (!*k->path)
		return -1;
	int rc = read_key(k);
	if (rc == 1 && k->may_create)
		rc = create_key(k, db);
	return rc ? -1 : 0;
}

struct field {
	const unsigned char *p;   /* NULL: SQL NULL */
	int n;
};

enum { NFIELDS = 9 };   /* prev, id, at, login, tbl, row_id, action, old, new */

static int mac_of(struct keyslot *k, const struct field f[NFIELDS], char out[MAC_HEX + 1])
{
	EVP_MAC_CTX *base = base_of(k);
	EVP_MAC_CTX *c = base ? EVP_MAC_CTX_dup(base) : NULL;
	if (!c)
		return -1;
	int ok = 1;
	for (int i = 0; i < NFIELDS && ok; i++) {
		unsigned char head[16], *h = head + sizeof head;   /* "T<n>:" or "N", built backwards */
		if (f[i].p) {
			*--h = ':';
			unsigned n = (unsigned)f[i].n;
			do
				*--h = (unsigned char)('0' + n % 10);
			while (n /= 10);
			*--h = 'T';
		} else {
			*--h = 'N';
		}
		ok = EVP_MAC_update(c, h, (size_t)(head + sizeof head - h)) &&
		     (!f[i].p || EVP_MAC_update(c, f[i].p, (size_t)f[i].n));
	}
	unsigned char md[EVP_MAX_MD_SIZE];
	size_t mdlen = 0;
	ok = ok && EVP_MAC_final(c, md, &mdlen, sizeof md) && mdlen == MAC_HEX / 2;
	EVP_MAC_CTX_free(c);
	if (ok)
		to_hex(md, mdlen, out);
	return ok ? 0 : -1;
}

/* dj_audit_mac(prev, id, at, login, tbl, row_id, action, old, new) */
static void sql_mac(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct keyslot *k = sqlite3_user_data(cx);
	struct field f[NFIELDS];
	char mac[MAC_HEX + 1];
	if (argc != NFIELDS)
		return;
	if (ensure_key(k, sqlite3_context_db_handle(cx))) {
		sqlite3_result_error(cx, k->why, -1);
		return;
	}
	for (int i = 0; i < NFIELDS; i++) {
		int null = sqlite3_value_type(argv[i]) == SQLITE_NULL;
		f[i].p = null ? NULL : sqlite3_value_text(argv[i]);
		f[i].n = null ? 0 : sqlite3_value_bytes(argv[i]);
	}
	if (mac_of(k, f, mac)) {
		sqlite3_result_error(cx, "无法计算操作日志校验码（OpenSSL 的 HMAC-SHA256 不可用）", -1);
		return;
	}
	sqlite3_result_text(cx, mac, MAC_HEX, SQLITE_TRANSIENT);
}

static struct keyslot *new_slot(sqlite3 *db)
{
	struct keyslot *k = calloc(1, sizeof *k);
	if (!k)
		return NULL;
	k->db = db;
	if (sqlite3_create_function_v2(db, "dj_audit_mac", NFIELDS, SQLITE_UTF8, k, sql_mac, NULL,
	                               NULL, slot_free) != SQLITE_OK)
		return NULL;   /* SQLite called slot_free already */
	k->next = slots;
	slots = k;
	return k;
}

void audit_key_attach(sqlite3 *db)
{
	struct keyslot *k = new_slot(db);
	if (!k)
		return;
	const char *file = sqlite3_db_filename(db, "main");
	if (!file || !*file) {
		snprintf(k->why, sizeof k->why, "临时数据库没有操作日志密钥");
		return;
	}
	snprintf(k->path, sizeof k->path, "%s-key", file);
	/* Installed, the group is held now and dropped soon (user_priv.h): the
	 * key is read now or not at all, and a setgid program never makes one,
	 * since the operator would own the file. */
	k->may_create = getegid() == getgid();
	read_key(k);
}

int audit_key_share(sqlite3 *from, sqlite3 *to)
{
	struct keyslot *src = slot_of(from);
	if (!src || ensure_key(src, from))
		return -1;
	struct keyslot *k = new_slot(to);
	if (!k)
		return -1;
	snprintf(k->why, sizeof k->why, "%s", src->why);
	return set_key(k, src->key, src->len);
}

/* ---- verifying ----------------------------------------------------------- */

static void broken(struct audit_break *b, sqlite3_stmt *row, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static void broken(struct audit_break *b, sqlite3_stmt *row, const char *fmt, ...)
{
	if (row) {
		b->id = sqlite3_column_int64(row, 0);
		const char *at = (const char *)sqlite3_column_text(row, 1);
		const char *login = (const char *)sqlite3_column_text(row, 2);
		snprintf(b->at, sizeof b->at, "%s", at ? at : "");
		snprintf(b->login, sizeof b->login, "%s", login ? login : "");
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b->why, sizeof b->why, fmt, ap);
	va_end(ap);
}

/* The CREATE TRIGGER statement for name as the newest migration that makes
 * it has it (up to END, as sqlite_schema keeps it); NULL when none does. */
static char *trigger_sql(const char *name)
{
	char head[96];
	snprintf(head, sizeof head, "CREATE TRIGGER %s ", name);
	const char *found = NULL;
	for (const struct migration *m = migrations; m->sql; m++) {
		const char *p = strstr(m->sql, head);
		if (p)
			found = p;
	}
	const char *end = found ? strstr(found, "\nEND;") : NULL;
	if (!end)
		return NULL;
	size_t n = (size_t)(end - found) + strlen("\nEND");
	char *s = malloc(n + 1);
	if (s) {
		memcpy(s, found, n);
		s[n] = 0;
	}
	return s;
}

static int verify_triggers(sqlite3 *db, struct audit_break *b)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger'"
	                       " AND name = ? AND tbl_name = 'audit_log'", -1, &st, NULL) != SQLITE_OK) {
		snprintf(b->triggers, sizeof b->triggers, "无法读取操作日志的触发器：%s", sqlite3_errmsg(db));
		return 1;
	}
	int bad = 0;
	for (int i = 0; audit_triggers[i] && !bad; i++) {
		sqlite3_bind_text(st, 1, audit_triggers[i], -1, SQLITE_STATIC);
		char *want = trigger_sql(audit_triggers[i]);
		if (sqlite3_step(st) != SQLITE_ROW) {
			snprintf(b->triggers, sizeof b->triggers,
			         "操作日志的保护触发器 %s 不存在（已被删除），日志可能已被改动", audit_triggers[i]);
			bad = 1;
		} else if (!want || strcmp(want, (const char *)sqlite3_column_text(st, 0)) != 0) {
			snprintf(b->triggers, sizeof b->triggers,
			         "操作日志的保护触发器 %s 已被改写，日志可能已被改动", audit_triggers[i]);
			bad = 1;
		}
		free(want);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return bad;
}

static int verify_rows(sqlite3 *db, struct keyslot *k, struct audit_break *b)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT id, at, login, tbl, row_id, action, old_json, new_json, mac"
	                       " FROM audit_log ORDER BY id", -1, &st, NULL) != SQLITE_OK) {
		broken(b, NULL, "无法读取操作日志：%s", sqlite3_errmsg(db));
		return 1;
	}
	char prev[MAC_HEX + 1] = "", mac[MAC_HEX + 1];
	int64_t last = 0;
	int bad = 0, rc;
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *stored = (const char *)sqlite3_column_text(st, 8);
		if (!k || !k->len) {
			broken(b, st, "无法校验操作日志：%s", k ? k->why : "没有操作日志密钥");
			bad = 1;
			break;
		}
		struct field f[NFIELDS] = { { *prev ? (const unsigned char *)prev : NULL, MAC_HEX } };
		for (int i = 1; i < NFIELDS; i++) {
			int null = sqlite3_column_type(st, i - 1) == SQLITE_NULL;
			f[i].p = null ? NULL : sqlite3_column_text(st, i - 1);
			f[i].n = null ? 0 : sqlite3_column_bytes(st, i - 1);
		}
		if (mac_of(k, f, mac)) {
			broken(b, st, "无法计算操作日志校验码（OpenSSL 的 HMAC-SHA256 不可用）");
			bad = 1;
		} else if (!stored || strcmp(stored, mac) != 0) {
			if (id > last + 2)
				broken(b, st, "校验码不符：此条之前的第 %lld 至 %lld 条已被删除", (long long)last + 1,
				       (long long)id - 1);
			else if (id == last + 2)
				broken(b, st, "校验码不符：此条之前的第 %lld 条已被删除", (long long)last + 1);
			else
				broken(b, st, "校验码不符：此条在本程序之外被修改过，或其前一条被删除、替换或插入");
			bad = 1;
		}
		snprintf(prev, sizeof prev, "%s", stored ? stored : "");
		last = id;
	}
	if (!bad && rc != SQLITE_DONE) {
		broken(b, NULL, "读取操作日志失败：%s", sqlite3_errmsg(db));
		bad = 1;
	}
	sqlite3_finalize(st);
	return bad;
}

int audit_chain_verify(sqlite3 *db, struct audit_break *b)
{
	memset(b, 0, sizeof *b);
	struct keyslot *k = slot_of(db);
	if (k)
		ensure_key(k, db);   /* a key made by another program since this one started */
	int rows = verify_rows(db, k, b);
	return verify_triggers(db, b) || rows;
}

void audit_break_text(const struct audit_break *b, char *out, size_t cap)
{
	int n = 0;
	if (b->id)
		n = snprintf(out, cap, "操作日志第 %lld 条（%s，%s）：%s", (long long)b->id, b->at, b->login,
		             b->why);
	else
		n = snprintf(out, cap, "%s", b->why);
	if (*b->triggers && n >= 0 && (size_t)n < cap)
		snprintf(out + n, cap - (size_t)n, "%s%s", n ? "；" : "", b->triggers);
}

/* ---- migration 009 ----------------------------------------------------- */

int audit_chain_migrate(sqlite3 *db)
{
	struct keyslot *k = slot_of(db);
	if (k && k->may_create)
		ensure_key(k, db);   /* init: the database of one's own gets its key now */
	sqlite3_stmt *next, *upd;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'mac'",
	                       -1, &next, NULL) != SQLITE_OK)
		return sqlite3_errcode(db);
	int has_mac = sqlite3_step(next) == SQLITE_ROW;
	sqlite3_finalize(next);
	if (!has_mac && sqlite3_exec(db, "ALTER TABLE audit_log ADD COLUMN mac TEXT", NULL, NULL,
	                             NULL) != SQLITE_OK)
		return sqlite3_errcode(db);
	if (sqlite3_prepare_v2(db, "SELECT id, mac FROM audit_log WHERE id > ? ORDER BY id LIMIT 1",
	                       -1, &next, NULL) != SQLITE_OK)
		return sqlite3_errcode(db);
	if (sqlite3_prepare_v2(db, "UPDATE audit_log SET mac = dj_audit_mac(?1, id, at, login, tbl,"
	                       " row_id, action, old_json, new_json) WHERE id = ?2 RETURNING mac", -1,
	                       &upd, NULL) != SQLITE_OK) {
		sqlite3_finalize(next);
		return sqlite3_errcode(db);
	}
	char prev[MAC_HEX + 1] = "";
	int64_t id = 0;
	int rc = SQLITE_OK;
	while (rc == SQLITE_OK) {
		sqlite3_bind_int64(next, 1, id);
		int step = sqlite3_step(next);
		id = step == SQLITE_ROW ? sqlite3_column_int64(next, 0) : 0;
		const char *mac = step == SQLITE_ROW ? (const char *)sqlite3_column_text(next, 1) : NULL;
		if (mac)   /* chained already: it stays as it is, and the next goes on from it */
			snprintf(prev, sizeof prev, "%s", mac);
		sqlite3_reset(next);
		if (step != SQLITE_ROW) {
			rc = step == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
			break;
		}
		if (mac)
			continue;
		if (*prev)
			sqlite3_bind_text(upd, 1, prev, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(upd, 1);
		sqlite3_bind_int64(upd, 2, id);
		step = sqlite3_step(upd);
		if (step == SQLITE_ROW)
			snprintf(prev, sizeof prev, "%s", (const char *)sqlite3_column_text(upd, 0));
		else
			rc = sqlite3_errcode(db);
		/* finish the UPDATE … RETURNING before the next one */
		while (step == SQLITE_ROW)
			step = sqlite3_step(upd);
		sqlite3_reset(upd);
		if (rc == SQLITE_OK && step != SQLITE_DONE)
			rc = sqlite3_errcode(db);
	}
	sqlite3_finalize(next);
	sqlite3_finalize(upd);
	return rc;
}
