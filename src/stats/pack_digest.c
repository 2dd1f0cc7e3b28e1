/* pack_digest.c — the pack's checksum: SHA-256 over a dump that does not
 * depend on how SQLite laid the pages out, so the writer computes it on the
 * rows it inserted and the reader on the rows it finds. */
#include "stats/pack_priv.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

const char pack_schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE tables(pos INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL, unit INTEGER NOT NULL);"
	"CREATE TABLE rows(table_key TEXT NOT NULL, pos INTEGER NOT NULL, key TEXT NOT NULL,"
	" label TEXT NOT NULL, sub INTEGER NOT NULL, PRIMARY KEY(table_key, key));"
	"CREATE TABLE cols(table_key TEXT NOT NULL, pos INTEGER NOT NULL, key TEXT NOT NULL,"
	" label TEXT NOT NULL, PRIMARY KEY(table_key, key));"
	"CREATE TABLE cells(table_key TEXT NOT NULL, row_key TEXT NOT NULL, col_key TEXT NOT NULL,"
	" row_label TEXT NOT NULL, col_label TEXT NOT NULL, value INTEGER NOT NULL,"
	" PRIMARY KEY(table_key, row_key, col_key));";

static const char *const dump[] = {
	"SELECT key, value FROM meta WHERE key <> 'checksum' ORDER BY key",
	"SELECT pos, key, name, unit FROM tables ORDER BY pos",
	"SELECT table_key, pos, key, label, sub FROM rows ORDER BY table_key, pos, key",
	"SELECT table_key, pos, key, label FROM cols ORDER BY table_key, pos, key",
	("SELECT table_key, row_key, col_key, row_label, col_label, value FROM cells"
	 " ORDER BY table_key, row_key, col_key"),
};

/* A value as its type, its length and its bytes: "t3:abc", "i2:42", so no
 * two different rows dump alike. */
static int add_value(EVP_MD_CTX *md, sqlite3_stmt *st, int col)
{
	static const char types[] = "?ifbtn";   /* SQLITE_INTEGER 1 … SQLITE_NULL 5 */
	int type = sqlite3_column_type(st, col);
	const unsigned char *v = sqlite3_column_text(st, col);
	int len = sqlite3_column_bytes(st, col);
	char head[32];
	int n = snprintf(head, sizeof head, "%c%d:", types[type >= 1 && type <= 5 ? type : 0], len);
	return EVP_DigestUpdate(md, head, (size_t)n) == 1 &&
	       (len == 0 || EVP_DigestUpdate(md, v, (size_t)len) == 1) ? 0 : -1;
}

static int add_query(EVP_MD_CTX *md, sqlite3 *db, int q)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, dump[q], -1, &st, NULL) != SQLITE_OK)
		return -1;
	char sect[8];
	int n = snprintf(sect, sizeof sect, "#%d\n", q), rc = SQLITE_DONE;
	int bad = EVP_DigestUpdate(md, sect, (size_t)n) != 1;
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; !bad && c < sqlite3_column_count(st); c++)
			bad = add_value(md, st, c);
		bad = bad || EVP_DigestUpdate(md, "\n", 1) != 1;
	}
	if (!bad && rc != SQLITE_DONE)
		bad = 1;
	sqlite3_finalize(st);
	return bad ? -1 : 0;
}

int pack_digest(sqlite3 *db, char hex[65])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int bad = !md || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1;
	for (size_t q = 0; !bad && q < sizeof dump / sizeof *dump; q++)
		bad = add_query(md, db, (int)q);
	unsigned char out[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	if (!bad && (EVP_DigestFinal_ex(md, out, &len) != 1 || len != 32))
		bad = 1;
	EVP_MD_CTX_free(md);
	if (bad)
		return -1;
	for (unsigned i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", out[i]);
	return 0;
}
