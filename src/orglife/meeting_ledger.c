/* meeting_ledger.c — the meeting ledger and the organization lookup of the
 * meeting form, as keyset pagers. */
#include "core/pager.h"
#include "orglife/meeting.h"

#define IN_SCOPE(col) "(:scope = 0 OR " col " IN (WITH RECURSIVE sub(id) AS (SELECT :scope" \
	" UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"
#define COUNT(state) "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id" \
	" AND a.state IN (" state "))"
/* Newest first without a descending index: the key counts down with the date. */
#define DATE_DESC "printf('%08d', 99999999 - CAST(replace(m.date, '-', '') AS INTEGER))"
#define TYPE_RANK "(CASE m.type WHEN '支部党员大会' THEN 1 WHEN '支委会' THEN 2" \
	" WHEN '党小组会' THEN 3 WHEN '党课' THEN 4 WHEN '组织生活会' THEN 5" \
	" WHEN '民主评议' THEN 6 ELSE 7 END)"

static const struct rs_column list_cols[] = {
	{ "日期", 10, 0, 0, 1 }, { "会议类型", 12, 0, 0, 1 }, { "组织", 12, 0, 0, 1, 30, 1 },
	{ "主题", 8, 1, 0, 1, 40 }, { "应到", 4, 0, 1, 0 }, { "实到", 4, 0, 1, 0 },
	{ "请假", 4, 0, 1, 0 }, { "缺席", 4, 0, 1, 0 },
};

static const struct pager_def list_def = {
	.cols = list_cols,
	.ncols = 8,
	/* The organization by its 简称 where one is set, so a 党小组 reads as
	 * itself and not as the branch its name begins with. */
	.cells = { "m.date", "m.type", "coalesce(nullif(o.short_name, ''), o.name)", "m.topic", COUNT("'出席','请假','缺席'"),
	           COUNT("'出席'"), COUNT("'请假'"), COUNT("'缺席'") },
	.sort = { DATE_DESC, TYPE_RANK " || " DATE_DESC, "o.sort_key || '/' || " DATE_DESC,
	          "m.topic" },
	.id = "m.id",
	.from = "meeting m JOIN org o ON o.id = m.org_id",
	.where = IN_SCOPE("m.org_id"),
	.find = "m.topic LIKE :fc ESCAPE '\\' OR o.name LIKE :fc ESCAPE '\\'"
	        " OR o.short_name LIKE :fc ESCAPE '\\'"
	        " OR o.name_py LIKE :fp ESCAPE '\\' OR m.type LIKE :fc ESCAPE '\\'"
	        " OR m.host LIKE :fc ESCAPE '\\' OR m.date LIKE :fc ESCAPE '\\'",
	.default_sort = 0,
};

struct row_source *meeting_list_source(struct session *s, int64_t scope)
{
	return pager_new(s->db, &list_def, scope ? scope : s->scope_org);
}

static const struct rs_column org_cols[] = {
	{ "组织名称", 20, 1, 0, 1, 40, 1 }, { "类型", 6, 0, 0, 1 },
};

static const struct pager_def org_def = {
	.cols = org_cols,
	.ncols = 2,
	.cells = { "o.name", "o.kind" },
	.sort = { "o.sort_key", "(CASE o.kind WHEN '党委' THEN 1 WHEN '党总支' THEN 2"
	          " WHEN '党支部' THEN 3 ELSE 4 END) || o.sort_key" },
	.id = "o.id",
	.from = "org o",
	.where = "o.status = '正常' AND " IN_SCOPE("o.id"),
	.find = "o.name LIKE :fc ESCAPE '\\' OR o.short_name LIKE :fc ESCAPE '\\'"
	        " OR o.name_py LIKE :fp ESCAPE '\\'",
	.default_sort = 0,
};

struct row_source *meeting_org_source(struct session *s)
{
	return pager_new(s->db, &org_def, s->scope_org);
}
