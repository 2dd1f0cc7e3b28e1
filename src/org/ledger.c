/* ledger.c — the organization list and the F4 pickers.  The list and the
 * general picker are keyset pagers in tree order (org.sort_key, order.c);
 * the 上级组织 picker lists only the organizations that may be the parent,
 * in the same order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/memrows.h"
#include "core/pager.h"
#include "org/org.h"

#define KIND_RANK "CASE o.kind WHEN '党委' THEN '1' WHEN '党总支' THEN '2'" \
	" WHEN '党支部' THEN '3' ELSE '4' END"
#define DUE_ON "coalesce((SELECT due_on FROM org_term WHERE org_id = o.id" \
	" ORDER BY elected_on DESC LIMIT 1), '')"
#define LIAISON(role) "coalesce((SELECT group_concat(person, '、') FROM liaison" \
	" WHERE org_id = o.id AND role = '" role "' AND to_on IS NULL), '')"
#define ORG_FIND "o.name LIKE :fc ESCAPE '\\' OR o.short_name LIKE :fc ESCAPE '\\'" \
	" OR o.name_py LIKE :fp ESCAPE '\\' OR o.secretary LIKE :fc ESCAPE '\\'"
/* Term due within 6 months is flagged; a dissolved organization is dimmed. */
#define ORG_FLAGS "CASE WHEN o.status = '撤销' THEN 2 WHEN " DUE_ON " <> '' AND " DUE_ON \
	" <= date(dj_today(), '+6 months') THEN 1 ELSE 0 END"
#define IN_SCOPE "(:scope = 0 OR o.id IN (WITH RECURSIVE sub(id) AS (SELECT :scope" \
	" UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"

static const struct rs_column list_cols[] = {
	{ "党组织名称", 16, 0, 0, 1, 40, 1 }, { "类型", 6, 0, 0, 1 }, { "上级组织", 8, 1, 0, 1, 24 },
	{ "书记", 6, 0, 0, 1, 10 }, { "联系领导", 8, 0, 0, 1, 14 }, { "联系干部", 8, 0, 0, 1, 14 },
	{ "届满日期", 10, 0, 0, 1 },
};

static const struct pager_def list_def = {
	.cols = list_cols,
	.ncols = 7,
	/* The parent by its 简称 where one is set: the column is narrow. */
	.cells = { "o.name", "o.kind", "coalesce(nullif(p.short_name, ''), p.name, '')",
	           "coalesce(o.secretary, '')",
	           LIAISON("联系领导"), LIAISON("联系干部"), DUE_ON },
	/* 上级组织 sorts in tree order, the default: a parent, then its
	 * children, walked along the org_order index a page at a time.  Names
	 * sort by pinyin with numbers as numbers (COLLATE zh). */
	.sort = { "o.name COLLATE zh", KIND_RANK " || o.sort_key", "o.sort_key",
	          "coalesce(o.secretary, '')", LIAISON("联系领导"), LIAISON("联系干部"), DUE_ON },
	.keys = { [1] = { KIND_RANK, "o.name COLLATE zh" } },
	.id = "o.id",
	.from = "org o LEFT JOIN org p ON p.id = o.parent_id",
	.where = IN_SCOPE,
	.find = ORG_FIND,
	.flags = ORG_FLAGS,
	.default_sort = 2,
};

struct row_source *org_list_source(struct session *s, int64_t scope)
{
	return pager_new(s->db, &list_def, scope);
}

static const struct rs_column pick_cols[] = {
	{ "党组织名称", 20, 1, 0, 1, 40, 1 }, { "类型", 6, 0, 0, 1 },
};

static const struct pager_def pick_def = {
	.cols = pick_cols,
	.ncols = 2,
	.cells = { "o.name", "o.kind" },
	.sort = { "o.sort_key", KIND_RANK " || o.sort_key" },
	.id = "o.id",
	.from = "org o",
	.where = "o.status = '正常' AND o.kind IN ('党委', '党总支', '党支部') AND " IN_SCOPE,
	.find = ORG_FIND,
	.default_sort = 0,
};

struct row_source *org_pick_source(struct session *s)
{
	return pager_new(s->db, &pick_def, s->scope_org);
}

/* ---- the 上级组织 picker ---- */

struct parent_pick {
	struct session *s;
	char kind[16];
	int64_t self;
};

/* Active organizations of the kinds that may hold `kind`, inside the
 * operator's scope, never the organization itself nor anything under it
 * (its subtree is the range of keys its own key begins), in tree order. */
static int load_parents(void *ctx, struct memrows *m)
{
	struct parent_pick *pp = ctx;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(pp->s->db,
	        "SELECT o.id, o.name, o.kind, o.name_py, coalesce(o.short_name, ''), o.sort_key"
	        " FROM org o LEFT JOIN org me ON me.id = :self"
	        " WHERE o.status = '正常' AND instr('、' || :kinds || '、', '、' || o.kind || '、') > 0"
	        " AND (me.id IS NULL OR substr(o.sort_key, 1, length(me.sort_key)) <> me.sort_key)"
	        " AND " IN_SCOPE " ORDER BY o.sort_key, o.id", -1, &st, NULL) != SQLITE_OK) {
		memrows_fail(m, "读取上级组织失败");
		return -1;
	}
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":self"), pp->self);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":kinds"),
	                  org_parent_kinds(pp->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), pp->s->scope_org);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char find[512];
		snprintf(find, sizeof find, "%s %s %s", (const char *)sqlite3_column_text(st, 1),
		         (const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 3));
		struct rs_row *r = memrows_add(m, sqlite3_column_int64(st, 0), find,
		                               (const char *)sqlite3_column_text(st, 5));
		if (!r)
			break;
		db_col_text(st, 1, r->cell[0], RS_CELL);
		db_col_text(st, 2, r->cell[1], RS_CELL);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		memrows_fail(m, "读取上级组织失败");
		return -1;
	}
	return 0;
}

struct row_source *org_parent_pick_source(struct session *s, const char *kind, int64_t self)
{
	struct parent_pick *pp = calloc(1, sizeof *pp);
	if (!pp)
		return NULL;
	pp->s = s;
	snprintf(pp->kind, sizeof pp->kind, "%s", kind ? kind : "");
	pp->self = self;
	return memrows_new(pick_cols, 2, load_parents, pp, free);
}

void org_source_free(struct row_source *rs)
{
	row_source_free(rs);
}
