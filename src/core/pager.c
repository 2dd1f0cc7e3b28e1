#include "core/pager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/text.h"

enum stmt { ST_FIRST, ST_LAST, ST_AFTER, ST_BEFORE, ST_FROM, ST_COUNT, ST_ORDINAL, ST_KEYOF, ST_N };

/* A key holds each part typed ('i' integer, 't' text), parts separated by
 * KEY_SEP, so row-value comparisons bind them back with their own type. */
#define KEY_SEP '\x1f'

struct pager {
	struct row_source rs;
	sqlite3 *db;
	const struct pager_def *def;
	int64_t scope;
	int sort_col, desc;
	struct find_text find;
	sqlite3_stmt *st[ST_N];
	char err[256];
	struct pager_def own_def;   /* pager_new_owning: the copy def points at */
	char *owned;                /* pager_new_owning: sqlite3_free'd with the pager */
};

static void drop_statements(struct pager *p)
{
	for (int i = 0; i < ST_N; i++) {
		sqlite3_finalize(p->st[i]);
		p->st[i] = NULL;
	}
}

/* The sort of the current column as key parts: keys[col] when given, else
 * sort[col] alone.  Returns how many. */
static int key_parts(const struct pager *p, const char *out[PAGER_KEYS])
{
	const struct pager_def *d = p->def;
	int n = 0;
	while (n < PAGER_KEYS && d->keys[p->sort_col][n]) {
		out[n] = d->keys[p->sort_col][n];
		n++;
	}
	if (n == 0)
		out[n++] = d->sort[p->sort_col];
	return n;
}

/* Letters only, and the ledger has a condition for initials: the
 * statements carry that condition alone, so SQLite can use its index. */
static int by_initials(const struct pager *p)
{
	return p->def->find_initials && p->find.letters;
}

/* The inner query: every cell, flags, the key parts and the id, filtered. */
static int inner_sql(struct pager *p, char *out, size_t cap)
{
	const struct pager_def *d = p->def;
	const char *part[PAGER_KEYS];
	int np = key_parts(p, part);
	size_t n = (size_t)snprintf(out, cap, "SELECT ");
	for (int i = 0; i < d->ncols && n < cap; i++)
		n += (size_t)snprintf(out + n, cap - n, "%s, ", d->cells[i]);
	if (n < cap)
		n += (size_t)snprintf(out + n, cap - n, "%s AS f_, ", d->flags ? d->flags : "0");
	for (int i = 0; i < np && n < cap; i++)
		n += (size_t)snprintf(out + n, cap - n, "%s AS k%d_, ", part[i], i);
	if (n < cap && by_initials(p))
		n += (size_t)snprintf(out + n, cap - n, "%s AS id_ FROM %s WHERE (%s) AND (%s)",
		                      d->id, d->from, d->where ? d->where : "1", d->find_initials);
	else if (n < cap)
		n += (size_t)snprintf(out + n, cap - n, "%s AS id_ FROM %s WHERE (%s) AND (:fc IS NULL OR (%s))",
		                      d->id, d->from, d->where ? d->where : "1", d->find ? d->find : "1");
	return n < cap ? 0 : -1;
}

/* "k0_, k1_, id_" (params: ":k0, :k1, :id"), each followed by dir when set. */
static void key_list(int nkeys, int params, const char *dir, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = 0;
	for (int i = 0; i <= nkeys && n < cap; i++) {
		if (i < nkeys)
			n += (size_t)snprintf(out + n, cap - n, "%s%sk%d%s", i ? ", " : "", params ? ":" : "", i,
			                      params ? "" : "_");
		else
			n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? ", " : "", params ? ":id" : "id_");
		if (dir && n < cap)
			n += (size_t)snprintf(out + n, cap - n, " %s", dir);
	}
}

/* Keyset statements compare (parts…, id) as one row value, so an order
 * that indexes provide is walked, not sorted; the first and last pages
 * have statements of their own, without a condition on the key. */
static const char *stmt_sql(struct pager *p, enum stmt which, const char *inner, char *out,
                            size_t cap)
{
	const char *part[PAGER_KEYS];
	int np = key_parts(p, part);
	/* In descending order "after" means a smaller key. */
	const char *gt = p->desc ? "<" : ">", *lt = p->desc ? ">" : "<";
	char cols[128], params[128], fwd[192], back[192];
	key_list(np, 0, NULL, cols, sizeof cols);
	key_list(np, 1, NULL, params, sizeof params);
	key_list(np, 0, p->desc ? "DESC" : "ASC", fwd, sizeof fwd);
	key_list(np, 0, p->desc ? "ASC" : "DESC", back, sizeof back);
	switch (which) {
	case ST_FIRST:
		snprintf(out, cap, "SELECT * FROM (%s) ORDER BY %s LIMIT :n", inner, fwd);
		break;
	case ST_LAST:
		snprintf(out, cap, "SELECT * FROM (%s) ORDER BY %s LIMIT :n", inner, back);
		break;
	case ST_AFTER:
		snprintf(out, cap, "SELECT * FROM (%s) WHERE (%s) %s (%s) ORDER BY %s LIMIT :n", inner, cols,
		         gt, params, fwd);
		break;
	case ST_BEFORE:
		snprintf(out, cap, "SELECT * FROM (%s) WHERE (%s) %s (%s) ORDER BY %s LIMIT :n", inner, cols,
		         lt, params, back);
		break;
	case ST_FROM:
		snprintf(out, cap, "SELECT * FROM (%s) WHERE (%s) %s= (%s) ORDER BY %s LIMIT :n", inner, cols,
		         gt, params, fwd);
		break;
	case ST_COUNT:
		snprintf(out, cap, "SELECT count(*) FROM (%s)", inner);
		break;
	case ST_ORDINAL:
		snprintf(out, cap, "SELECT count(*) FROM (%s) WHERE (%s) %s= (%s)", inner, cols, lt, params);
		break;
	case ST_KEYOF:
		snprintf(out, cap, "SELECT %s FROM (%s) WHERE id_ = :id", cols, inner);
		break;
	default:
		return NULL;
	}
	return out;
}

static void bind_named_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i) {
		if (v)
			sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, i);
	}
}

static void bind_named_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_int64(st, i, v);
}

/* A read that failed, in the operator's words (db_why). */
static void query_failed(struct pager *p)
{
	char why[sizeof p->err];
	snprintf(p->err, sizeof p->err, "查询失败：%s", db_why(p->db, why, sizeof why));
}

/* Prepares on first use; binds scope and filter, which every statement shares. */
static sqlite3_stmt *statement(struct pager *p, enum stmt which)
{
	if (!p->st[which]) {
		char inner[6144], sql[12288];
		if (inner_sql(p, inner, sizeof inner) ||
		    sqlite3_prepare_v2(p->db, stmt_sql(p, which, inner, sql, sizeof sql), -1,
		                       &p->st[which], NULL) != SQLITE_OK) {
			query_failed(p);
			return NULL;
		}
	}
	sqlite3_stmt *st = p->st[which];
	bind_named_int(st, ":scope", p->scope);
	bind_named_text(st, ":fc", p->find.active ? p->find.fc : NULL);
	bind_named_text(st, ":fp", p->find.prefix ? p->find.fp : NULL);
	bind_named_text(st, ":flo", p->find.letters ? p->find.flo : NULL);
	bind_named_text(st, ":fhi", p->find.letters ? p->find.fhi : NULL);
	return st;
}

static void release(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Key parts from columns first … first+n-1 of st. */
static void key_read(sqlite3_stmt *st, int first, int n, char out[RS_SORT])
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < n && len + 2 < RS_SORT; i++) {
		if (i)
			out[len++] = KEY_SEP;
		if (sqlite3_column_type(st, first + i) == SQLITE_INTEGER) {
			len += (size_t)snprintf(out + len, RS_SORT - len, "i%lld",
			                        (long long)sqlite3_column_int64(st, first + i));
		} else {
			out[len++] = 't';
			db_col_text(st, first + i, out + len, RS_SORT - len);
			len += strlen(out + len);
		}
		if (len >= RS_SORT)
			len = RS_SORT - 1;
		out[len] = 0;
	}
}

/* Binds :k0 … from a key written by key_read. */
static void key_bind(sqlite3_stmt *st, const char *key, int nkeys)
{
	const char *s = key;
	for (int i = 0; i < nkeys; i++) {
		const char *end = strchr(s, KEY_SEP);
		size_t len = end ? (size_t)(end - s) : strlen(s);
		char name[8];
		snprintf(name, sizeof name, ":k%d", i);
		int idx = sqlite3_bind_parameter_index(st, name);
		if (idx && len > 0 && s[0] == 'i')
			sqlite3_bind_int64(st, idx, strtoll(s + 1, NULL, 10));
		else if (idx)
			sqlite3_bind_text(st, idx, len ? s + 1 : "", len ? (int)len - 1 : 0, SQLITE_TRANSIENT);
		s = end ? end + 1 : s + len;
	}
}

static int nparts(const struct pager *p)
{
	const char *part[PAGER_KEYS];
	return key_parts(p, part);
}

static void read_row(struct pager *p, sqlite3_stmt *st, struct rs_row *r)
{
	int nc = p->def->ncols, np = nparts(p);
	memset(r, 0, sizeof *r);
	for (int c = 0; c < nc; c++)
		db_col_text(st, c, r->cell[c], RS_CELL);
	r->flags = sqlite3_column_int(st, nc);
	key_read(st, nc + 1, np, r->key.sort);
	r->key.id = sqlite3_column_int64(st, nc + 1 + np);
}

static int fetch(void *ctx, const struct rs_key *anchor, int dir, int n, struct rs_row *rows)
{
	struct pager *p = ctx;
	if (dir == 0 && !anchor)
		dir = 1;
	enum stmt which = !anchor ? (dir > 0 ? ST_FIRST : ST_LAST)
	                          : dir > 0 ? ST_AFTER : dir < 0 ? ST_BEFORE : ST_FROM;
	sqlite3_stmt *st = statement(p, which);
	if (!st)
		return -1;
	if (anchor) {
		key_bind(st, anchor->sort, nparts(p));
		bind_named_int(st, ":id", anchor->id);
	}
	bind_named_int(st, ":n", n);
	int got = 0, rc;
	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(p, st, &rows[got++]);
	if (got < n && rc != SQLITE_DONE) {
		query_failed(p);
		release(st);
		return -1;
	}
	release(st);
	if (which == ST_BEFORE || which == ST_LAST)   /* fetched nearest-first: put back in display order */
		for (int i = 0; i < got / 2; i++) {
			struct rs_row t = rows[i];
			rows[i] = rows[got - 1 - i];
			rows[got - 1 - i] = t;
		}
	return got;
}

static long one_number(struct pager *p, sqlite3_stmt *st)
{
	long v = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	else
		query_failed(p);
	release(st);
	return v;
}

static long count(void *ctx)
{
	struct pager *p = ctx;
	sqlite3_stmt *st = statement(p, ST_COUNT);
	return st ? one_number(p, st) : -1;
}

static long ordinal(void *ctx, const struct rs_key *key)
{
	struct pager *p = ctx;
	sqlite3_stmt *st = statement(p, ST_ORDINAL);
	if (!st)
		return -1;
	key_bind(st, key->sort, nparts(p));
	bind_named_int(st, ":id", key->id);
	return one_number(p, st);
}

static int key_of(void *ctx, int64_t id, struct rs_key *out)
{
	struct pager *p = ctx;
	sqlite3_stmt *st = statement(p, ST_KEYOF);
	if (!st)
		return -1;
	bind_named_int(st, ":id", id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		key_read(st, 0, nparts(p), out->sort);
		out->id = id;
	}
	release(st);
	return found ? 0 : -1;
}

void like_pattern(const char *text, int lead, int trail, char *out, size_t cap)
{
	size_t n = 0;
	if (lead && n + 1 < cap)
		out[n++] = '%';
	for (const char *s = text; *s && n + 3 < cap; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			out[n++] = '\\';
		out[n++] = *s;
	}
	if (trail && n + 1 < cap)
		out[n++] = '%';
	out[n] = 0;
}

static int only_ascii_alnum(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

void find_text_set(struct find_text *f, const char *text)
{
	char t[RS_CELL];
	snprintf(t, sizeof t, "%s", text ? text : "");
	utf8_trim(t);
	f->active = t[0] != 0;
	f->prefix = f->active && only_ascii_alnum(t);
	like_pattern(t, 1, 1, f->fc, sizeof f->fc);
	for (char *c = t; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	like_pattern(t, 0, 1, f->fp, sizeof f->fp);
	f->letters = f->prefix;
	for (const char *c = t; *c; c++)
		if (*c < 'a' || *c > 'z')
			f->letters = 0;
	/* Every string starting with "lr" sorts in ["lr", "ls"): the last
	 * letter moved one on ('z' becomes '{', still above any letter). */
	snprintf(f->flo, sizeof f->flo, "%s", t);
	snprintf(f->fhi, sizeof f->fhi, "%s", t);
	size_t n = strlen(f->fhi);
	if (n)
		f->fhi[n - 1]++;
}

static int set_filter(void *ctx, const char *text)
{
	struct pager *p = ctx;
	int was = by_initials(p);
	find_text_set(&p->find, text);
	if (by_initials(p) != was)
		drop_statements(p);   /* the find condition is part of each statement */
	return 0;
}

static int set_sort(void *ctx, int col, int desc)
{
	struct pager *p = ctx;
	if (col < 0 || col >= p->def->ncols || !p->def->sort[col])
		return -1;
	p->sort_col = col;
	p->desc = desc;
	drop_statements(p);   /* the ORDER BY is part of each statement */
	return 0;
}

static const char *last_error(void *ctx)
{
	return ((struct pager *)ctx)->err;
}

struct row_source *pager_new(sqlite3 *db, const struct pager_def *def, int64_t scope)
{
	struct pager *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->db = db;
	p->def = def;
	p->scope = scope;
	p->sort_col = def->default_sort;
	p->rs = (struct row_source){
		.ctx = p, .ncols = def->ncols, .cols = def->cols, .fetch = fetch, .count = count,
		.ordinal = ordinal, .set_filter = set_filter, .set_sort = set_sort,
		.last_error = last_error, .key_of = key_of, .destroy = pager_free,
	};
	return &p->rs;
}

struct row_source *pager_new_owning(sqlite3 *db, const struct pager_def *def, int64_t scope,
                                    char *owned)
{
	struct row_source *rs = owned ? pager_new(db, def, scope) : NULL;
	if (!rs) {
		sqlite3_free(owned);
		return NULL;
	}
	struct pager *p = rs->ctx;
	p->own_def = *def;
	p->def = &p->own_def;
	p->owned = owned;
	return rs;
}

void pager_free(struct row_source *rs)
{
	if (!rs)
		return;
	struct pager *p = rs->ctx;
	drop_statements(p);
	sqlite3_free(p->owned);
	free(p);
}
