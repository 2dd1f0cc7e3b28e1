/* audit_chain.h — the audit log's keyed hash chain (issue 18).
 *
 * Each entry of audit_log carries
 *     mac = HMAC-SHA256(key, prev_mac || id, at, login, tbl, row_id, action, old, new)
 * in hex, where prev_mac is the mac of the entry before it (none for the
 * first) and each field is written as N (NULL) or T<bytes>:<text>, so no two
 * entries serialize alike.  Removing, editing, inserting or reordering an
 * entry breaks the chain at that entry; only the key can mend it.
 *
 * The key: the file <database>-key beside the database (at least 32
 * characters; the program writes 64 hex digits).  Installed (tools/install.sh)
 * it is 0640 root:dangjian in the data directory, which only the group
 * dangjian enters; an operator outside the group can neither read nor
 * replace it.  A database of one's own (not installed) gets its key 0600 on
 * its first write (init included), never when the process runs setgid and
 * never when entries are chained already (a lost key is reported, not
 * replaced).  The key is read once, when db_open opens the database (the
 * setgid group is held then, user_priv.h), and kept only in memory, with the
 * connection, until it is closed.
 *
 * The mac is computed by SQL: dj_audit_mac(prev, id, at, login, tbl,
 * row_id, action, old, new) is registered on every connection db_open makes
 * (an error naming the key file when there is no key).  audit_record
 * (session.c) reads the last entry by its id and appends with two kept
 * statements inside the writer's BEGIN IMMEDIATE, so the previous entry
 * cannot change under it.  What a chain cannot show: the newest entries
 * removed together — a file cut back so looks like an older backup (a
 * restore, which is itself logged, puts exactly that in place). */
#ifndef DJ_AUDIT_CHAIN_H
#define DJ_AUDIT_CHAIN_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* The schema version (PRAGMA user_version) from which entries are chained. */
#define AUDIT_CHAIN_SCHEMA 9

/* Reads the key for db's main file (sqlite3_db_filename) and registers
 * dj_audit_mac on db.  A missing or unreadable key is not an error here: it
 * is named by whatever needs it.  Called by db_open for every connection. */
void audit_key_attach(sqlite3 *db);

/* Gives `to` (a backup being restored) the key of `from`, so its chain is
 * verified with this installation's key.  0, or -1 when from has none. */
int audit_key_share(sqlite3 *from, sqlite3 *to);

/* The trigger names that keep the log append-only. */
extern const char *const audit_triggers[];

/* What did not verify: the first entry whose chain is broken (or why the
 * entries could not be verified), and the first trigger missing or changed. */
struct audit_break {
	int64_t id;          /* the entry; 0: none, or not an entry (why says what) */
	char at[24];
	char login[64];
	char why[256];       /* "" when the entries verify */
	char triggers[256];  /* "" when the triggers are as the migrations made them */
};

/* Verifies db's whole chain and its triggers (each must be there, exactly
 * as the migrations made it).  0 when everything verifies; 1 with b filled. */
int audit_chain_verify(sqlite3 *db, struct audit_break *b);

/* "操作日志第 12 条（2026-11-02 10:30:00，zhangsan）：校验码不符……；操作日志的保护
 * 触发器 … 不存在" for messages. */
void audit_break_text(const struct audit_break *b, char *out, size_t cap);

/* Migration 009's step: adds audit_log.mac when missing and chains, in id
 * order, the entries that have none (those already chained stay as they
 * are).  SQLITE_OK, or an SQLite error code with the message on db. */
int audit_chain_migrate(sqlite3 *db);

#endif
