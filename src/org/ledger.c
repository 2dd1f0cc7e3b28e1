/* ledger.c — the organization list and the F4 parent picker, as keyset
 * pagers over the org table. */
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
	.sort = { "o.name_py || o.name", KIND_RANK " || o.name_py || o.name",
	          "coalesce(p.name_py, '') || o.name_py || o.name",
	          "coalesce(o.secretary, '')", LIAISON("联系领导"), LIAISON("联系干部"), DUE_ON },
	.id = "o.id",
	.from = "org o LEFT JOIN org p ON p.id = o.parent_id",
	.where = IN_SCOPE,
	.find = ORG_FIND,
	.flags = ORG_FLAGS,
	.default_sort = 0,
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
	.sort = { "o.name", KIND_RANK " || o.name" },
	.id = "o.id",
	.from = "org o",
	.where = "o.status = '正常' AND o.kind IN ('党委', '党总支', '党支部') AND " IN_SCOPE,
	.find = ORG_FIND,
	.default_sort = 1,
};

struct row_source *org_pick_source(struct session *s)
{
	return pager_new(s->db, &pick_def, s->scope_org);
}

void org_source_free(struct row_source *rs)
{
	row_source_free(rs);
}
