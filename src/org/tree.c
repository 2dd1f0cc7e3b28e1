/* tree.c — the organization tree as a row_source: the visible rows are
 * the children of expanded nodes, depth first.  Only ids and depths are kept
 * (a county's few thousand organizations are a few tens of KB); each page's
 * cells are read when the grid asks for it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/pager.h"
#include "core/rowslice.h"
#include "core/text.h"
#include "org/org.h"

struct node {
	int64_t id;
	int depth;
	int children;
};

struct ids {
	int64_t *v;
	int n, cap;
};

struct tree {
	struct row_source rs;
	struct session *s;
	int64_t root;                /* 0: every top-level organization */
	struct ids expanded;         /* sorted */
	struct ids keep;             /* under a find: matches and their ancestors, sorted */
	struct ids match;            /* under a find: the matches themselves */
	struct node *vis;
	int nvis, capvis;
	struct find_text find;
	char err[256];
};

static const struct rs_column tree_cols[] = {
	{ "组织", 36, 1, 0, 0 }, { "类型", 6, 0, 0, 0 }, { "类别", 8, 0, 0, 0 },
	{ "书记", 8, 0, 0, 0 }, { "届满日期", 10, 0, 0, 0 },
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int ids_has(const struct ids *s, int64_t id)
{
	return s->n && bsearch(&id, s->v, (size_t)s->n, sizeof *s->v, cmp_id) != NULL;
}

static int ids_add(struct ids *s, int64_t id)
{
	if (ids_has(s, id))
		return 0;
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 64;
		int64_t *v = realloc(s->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	int at = 0;
	while (at < s->n && s->v[at] < id)
		at++;
	memmove(s->v + at + 1, s->v + at, (size_t)(s->n - at) * sizeof *s->v);
	s->v[at] = id;
	s->n++;
	return 0;
}

static void ids_remove(struct ids *s, int64_t id)
{
	int64_t *f = s->n ? bsearch(&id, s->v, (size_t)s->n, sizeof *s->v, cmp_id) : NULL;
	if (f) {
		memmove(f, f + 1, (size_t)(s->v + s->n - f - 1) * sizeof *f);
		s->n--;
	}
}

static int push_node(struct tree *t, int64_t id, int depth, int children)
{
	if (t->nvis == t->capvis) {
		int cap = t->capvis ? t->capvis * 2 : 128;
		struct node *v = realloc(t->vis, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		t->vis = v;
		t->capvis = cap;
	}
	t->vis[t->nvis++] = (struct node){ id, depth, children };
	return 0;
}

/* Children of one parent in tree order (by kind, 排序号, then name in
 * pinyin order: order.c), read whole before recursing so no statement is
 * open across the recursion. */
static int read_children(struct tree *t, int64_t parent, struct node **out, int *n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(t->s->db,
	        "SELECT o.id, (SELECT count(*) FROM org c WHERE c.parent_id = o.id) FROM org o"
	        " WHERE o.parent_id IS ?1 ORDER BY o.sort_key, o.id", -1, &st, NULL) != SQLITE_OK) {
		snprintf(t->err, sizeof t->err, "读取组织树失败：%s", sqlite3_errmsg(t->s->db));
		return -1;
	}
	if (parent)
		sqlite3_bind_int64(st, 1, parent);
	int cap = 16;
	*n = 0;
	*out = malloc((size_t)cap * sizeof **out);
	while (*out && sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			struct node *m = realloc(*out, (size_t)(cap *= 2) * sizeof **out);
			if (!m) {
				free(*out);
				*out = NULL;
				break;
			}
			*out = m;
		}
		(*out)[(*n)++] = (struct node){ sqlite3_column_int64(st, 0), 0,
		                                sqlite3_column_int(st, 1) };
	}
	sqlite3_finalize(st);
	return *out ? 0 : -1;
}

static int open_here(const struct tree *t, int64_t id)
{
	return t->find.active ? 1 : ids_has(&t->expanded, id);
}

static int walk(struct tree *t, int64_t parent, int depth)
{
	struct node *kids;
	int n;
	if (read_children(t, parent, &kids, &n))
		return -1;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		if (t->find.active && !ids_has(&t->keep, kids[i].id))
			continue;
		rc = push_node(t, kids[i].id, depth, kids[i].children);
		if (rc == 0 && kids[i].children && open_here(t, kids[i].id))
			rc = walk(t, kids[i].id, depth + 1);
	}
	free(kids);
	return rc;
}

/* Matches of the find text and every ancestor of a match. */
static int collect_keep(struct tree *t)
{
	sqlite3_stmt *st;
	t->keep.n = t->match.n = 0;
	if (sqlite3_prepare_v2(t->s->db,
	        "WITH RECURSIVE up(id, hit) AS (SELECT id, 1 FROM org WHERE name LIKE ?1 ESCAPE '\\'"
	        " OR short_name LIKE ?1 ESCAPE '\\' OR name_py LIKE ?2 ESCAPE '\\'"
	        " UNION SELECT o.parent_id, 0 FROM org o JOIN up ON o.id = up.id"
	        " WHERE o.parent_id IS NOT NULL) SELECT id, max(hit) FROM up GROUP BY id",
	        -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, t->find.fc, -1, SQLITE_STATIC);
	if (t->find.prefix)
		sqlite3_bind_text(st, 2, t->find.fp, -1, SQLITE_STATIC);
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		rc = ids_add(&t->keep, id);
		if (rc == 0 && sqlite3_column_int(st, 1))
			rc = ids_add(&t->match, id);
	}
	sqlite3_finalize(st);
	return rc;
}

static int rebuild(struct tree *t)
{
	t->nvis = 0;
	if (t->find.active && collect_keep(t))
		return -1;
	if (!t->root)
		return walk(t, 0, 0);
	if (t->find.active && !ids_has(&t->keep, t->root))
		return 0;
	int kids = (int)db_int(t->s->db, "SELECT count(*) FROM org WHERE parent_id = ?", t->root, 0);
	if (push_node(t, t->root, 0, kids))
		return -1;
	return kids && open_here(t, t->root) ? walk(t, t->root, 1) : 0;
}

static int index_of(const struct tree *t, int64_t id)
{
	for (int i = 0; i < t->nvis; i++)
		if (t->vis[i].id == id)
			return i;
	return -1;
}

/* Appends what fits without cutting a UTF-8 character in two. */
static void append_whole_chars(char *dst, size_t cap, const char *src)
{
	size_t have = strlen(dst), n = strlen(src);
	if (have + n >= cap) {
		n = cap - 1 - have;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst + have, src, n);
	dst[have + n] = 0;
}

static int fill_row(struct tree *t, int i, sqlite3_stmt *st, struct rs_row *r)
{
	const struct node *nd = &t->vis[i];
	sqlite3_bind_int64(st, 1, nd->id);
	int rc = sqlite3_step(st);
	memset(r, 0, sizeof *r);
	if (rc == SQLITE_ROW) {
		char name[RS_CELL], prefix[64];
		int pad = nd->depth * 2 < 40 ? nd->depth * 2 : 40;
		db_col_text(st, 0, name, sizeof name);
		snprintf(prefix, sizeof prefix, "%*s%s", pad, "",
		         !nd->children ? "  " : open_here(t, nd->id) ? "- " : "+ ");
		append_whole_chars(r->cell[0], RS_CELL, prefix);
		append_whole_chars(r->cell[0], RS_CELL, name);
		for (int c = 1; c < 5; c++)
			db_col_text(st, c, r->cell[c], RS_CELL);
		r->flags = sqlite3_column_int(st, 5);
	}
	rowslice_key(&r->key, i, nd->id);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int fetch(void *ctx, const struct rs_key *anchor, int dir, int n, struct rs_row *rows)
{
	struct tree *t = ctx;
	int from, to;
	if (dir == 0 && rebuild(t))
		return -1;
	rowslice_range(t->nvis, anchor ? index_of(t, anchor->id) : -1, dir, n, &from, &to);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(t->s->db,
	        "SELECT o.name, o.kind, o.category, coalesce(o.secretary, ''), " "coalesce(t.due_on, ''),"
	        " CASE WHEN o.status = '撤销' THEN 2 WHEN t.due_on <= date(dj_today(), '+6 months')"
	        " THEN 1 ELSE 0 END FROM org o LEFT JOIN org_term t ON t.id = (SELECT id FROM org_term"
	        " WHERE org_id = o.id ORDER BY elected_on DESC LIMIT 1) WHERE o.id = ?", -1, &st,
	        NULL) != SQLITE_OK) {
		snprintf(t->err, sizeof t->err, "读取组织树失败：%s", sqlite3_errmsg(t->s->db));
		return -1;
	}
	int got = 0;
	for (int i = from; i < to; i++)
		if (fill_row(t, i, st, &rows[got++]))
			break;
	sqlite3_finalize(st);
	return got;
}

static long count(void *ctx)
{
	return ((struct tree *)ctx)->nvis;
}

static long ordinal(void *ctx, const struct rs_key *key)
{
	return rowslice_ordinal(index_of(ctx, key->id));
}

static int key_of(void *ctx, int64_t id, struct rs_key *out)
{
	return rowslice_key_of(index_of(ctx, id), id, out);
}

static int set_filter(void *ctx, const char *text)
{
	struct tree *t = ctx;
	find_text_set(&t->find, text);
	return rebuild(t);
}

static int set_sort(void *ctx, int col, int desc)
{
	(void)ctx;
	(void)col;
	(void)desc;
	return -1;   /* a tree keeps its hierarchy's order */
}

static const char *last_error(void *ctx)
{
	return ((struct tree *)ctx)->err;
}

static void destroy(struct row_source *rs)
{
	struct tree *t = rs->ctx;
	free(t->expanded.v);
	free(t->keep.v);
	free(t->match.v);
	free(t->vis);
	free(t);
}

struct row_source *org_tree_source(struct session *s, int64_t root)
{
	struct tree *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->s = s;
	t->root = root;
	t->rs = (struct row_source){
		.ctx = t, .ncols = 5, .cols = tree_cols, .fetch = fetch, .count = count,
		.ordinal = ordinal, .set_filter = set_filter, .set_sort = set_sort,
		.last_error = last_error, .key_of = key_of, .destroy = destroy,
	};
	/* The top level starts open, so the first screen shows the 党委's branches. */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, root ? "SELECT ?1" : "SELECT id FROM org WHERE parent_id IS NULL",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, root);
		while (sqlite3_step(st) == SQLITE_ROW)
			ids_add(&t->expanded, sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
	}
	if (rebuild(t)) {
		destroy(&t->rs);
		return NULL;
	}
	return &t->rs;
}

void org_tree_toggle(struct row_source *rs, int64_t id)
{
	struct tree *t = rs->ctx;
	if (ids_has(&t->expanded, id))
		ids_remove(&t->expanded, id);
	else
		ids_add(&t->expanded, id);
	rebuild(t);
}

void org_tree_expand_all(struct row_source *rs, int expand)
{
	struct tree *t = rs->ctx;
	t->expanded.n = 0;
	if (expand) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(t->s->db, "SELECT DISTINCT parent_id FROM org WHERE parent_id"
		                       " IS NOT NULL", -1, &st, NULL) == SQLITE_OK) {
			while (sqlite3_step(st) == SQLITE_ROW)
				ids_add(&t->expanded, sqlite3_column_int64(st, 0));
			sqlite3_finalize(st);
		}
	}
	rebuild(t);
}

void org_tree_reveal(struct row_source *rs, int64_t id)
{
	struct tree *t = rs->ctx;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(t->s->db,
	        "WITH RECURSIVE up(id) AS (SELECT parent_id FROM org WHERE id = ?1 UNION"
	        " SELECT o.parent_id FROM org o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL)"
	        " SELECT id FROM up WHERE id IS NOT NULL", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		ids_add(&t->expanded, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	rebuild(t);
}

int64_t org_tree_first_match(struct row_source *rs)
{
	struct tree *t = rs->ctx;
	for (int i = 0; t->find.active && i < t->nvis; i++)
		if (ids_has(&t->match, t->vis[i].id))
			return t->vis[i].id;
	return 0;
}

int org_tree_is_expanded(struct row_source *rs, int64_t id)
{
	return ids_has(&((struct tree *)rs->ctx)->expanded, id);
}
