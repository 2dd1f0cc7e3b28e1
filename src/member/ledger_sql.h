/* ledger_sql.h — private to src/member/: the SQL pieces its pagers share. */
#ifndef DJ_MEMBER_LEDGER_SQL_H
#define DJ_MEMBER_LEDGER_SQL_H

/* Organizations under :scope (itself included); 0 = everything. */
#define SUBTREE(col) "(:scope = 0 OR " col " IN (WITH RECURSIVE sub(id) AS (SELECT :scope" \
	" UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"
/* The branch's name as lists show it (alias o). */
#define BRANCH "coalesce(nullif(o.short_name, ''), o.name)"

#endif
