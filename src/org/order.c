/* order.c — the tree order of organizations (org.sort_key, migration 007):
 * for each level from the top, the organization's place among its siblings
 * in five digits.  Siblings go by kind (党委, 党总支, 党支部, 党小组), then
 * 排序号, then name in pinyin order (COLLATE zh), so a parent sorts just
 * before its children and every list of organizations pages by one index.
 *
 * A save that can move an organization in that order (new, another parent,
 * kind, 排序号 or name) renumbers its new siblings and rewrites the keys of
 * their subtrees; only rows whose key changed are written.  Siblings left
 * behind keep their keys: a gap in the numbering changes no order. */
#include <stdio.h>

#include "core/db.h"
#include "org/org.h"

#define SIBLING_ORDER "CASE o.kind WHEN '党委' THEN 1 WHEN '党总支' THEN 2" \
	" WHEN '党支部' THEN 3 ELSE 4 END, coalesce(o.sort_no, 1000000000), o.name COLLATE zh, o.id"

/* ?1 the parent (NULL: the top level), ?2 its key.  Only the parent's
 * subtree is read: a save under a 党支部 touches its few groups. */
static const char refresh_sql[] =
	"WITH RECURSIVE"
	" sub(id) AS (SELECT id FROM org WHERE parent_id IS ?1"
	"  UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id),"
	" seg(id, parent_id, s) AS MATERIALIZED (SELECT o.id, o.parent_id,"
	"  printf('%05d', row_number() OVER (PARTITION BY o.parent_id ORDER BY " SIBLING_ORDER "))"
	"  FROM org o JOIN sub ON sub.id = o.id),"
	" path(id, k) AS (SELECT id, ?2 || s FROM seg WHERE parent_id IS ?1"
	"  UNION ALL SELECT seg.id, path.k || seg.s FROM seg JOIN path ON seg.parent_id = path.id)"
	" UPDATE org SET sort_key = path.k FROM path"
	" WHERE org.id = path.id AND org.sort_key IS NOT path.k";

int org_order_refresh(sqlite3 *db, int64_t parent_id, struct dj_err *e)
{
	char key[RS_SORT] = "";
	sqlite3_stmt *st;
	if (parent_id) {
		if (sqlite3_prepare_v2(db, "SELECT sort_key FROM org WHERE id = ?", -1, &st, NULL) !=
		    SQLITE_OK)
			return db_fail(db, e, "排列组织");
		sqlite3_bind_int64(st, 1, parent_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			db_col_text(st, 0, key, sizeof key);
		sqlite3_finalize(st);
	}
	if (sqlite3_prepare_v2(db, refresh_sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, e, "排列组织");
	if (parent_id)
		sqlite3_bind_int64(st, 1, parent_id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "排列组织");
}

int org_order_rebuild(sqlite3 *db, struct dj_err *e)
{
	/* Organizations written without a 排序号 (a generated database) are
	 * numbered after the numbered ones, in the order the tree gives them. */
	static const char number_sql[] =
		"UPDATE org SET sort_no = x.n FROM (SELECT o.id, row_number() OVER"
		" (PARTITION BY o.parent_id ORDER BY " SIBLING_ORDER ") + coalesce((SELECT max(s.sort_no)"
		" FROM org s WHERE s.parent_id IS o.parent_id), 0) AS n FROM org o"
		" WHERE o.sort_no IS NULL) AS x WHERE x.id = org.id";
	if (db_exec(db, number_sql, e))
		return DJ_DB;
	return org_order_refresh(db, 0, e);
}

long org_next_sort_no(sqlite3 *db, int64_t parent_id)
{
	sqlite3_stmt *st;
	long next = 1;
	if (sqlite3_prepare_v2(db, "SELECT coalesce(max(sort_no), 0) + 1 FROM org WHERE parent_id IS ?",
	                       -1, &st, NULL) != SQLITE_OK)
		return next;
	if (parent_id)
		sqlite3_bind_int64(st, 1, parent_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		next = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return next;
}
