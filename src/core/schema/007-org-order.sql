-- 007: the display order of organizations (issue 19).
-- sort_no is the 排序号 an office gives an organization among its siblings.
-- sort_key is the tree order every list of organizations follows: for each
-- level from the top, the organization's place among its siblings (by kind,
-- then 排序号, then name in pinyin order) in five digits, so a parent sorts
-- just before its children and the ledger pages by one index.  The program
-- keeps it on every save (src/org/order.c); collation zh is registered on
-- every connection before migrations run (src/core/collate.h).
ALTER TABLE org ADD COLUMN sort_no INTEGER;
ALTER TABLE org ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';

-- Organizations already there are numbered 1, 2, 3 … among their siblings
-- in the order the tree showed them: by kind, then name in pinyin order.
UPDATE org SET sort_no = x.n FROM (
  SELECT id, row_number() OVER (PARTITION BY parent_id ORDER BY
    CASE kind WHEN '党委' THEN 1 WHEN '党总支' THEN 2 WHEN '党支部' THEN 3 ELSE 4 END,
    name COLLATE zh, id) AS n
  FROM org) AS x
WHERE x.id = org.id;

WITH RECURSIVE
  seg(id, parent_id, s) AS MATERIALIZED (
    SELECT id, parent_id, printf('%05d', row_number() OVER (PARTITION BY parent_id ORDER BY
      CASE kind WHEN '党委' THEN 1 WHEN '党总支' THEN 2 WHEN '党支部' THEN 3 ELSE 4 END,
      sort_no, name COLLATE zh, id))
    FROM org),
  path(id, k) AS (
    SELECT id, s FROM seg WHERE parent_id IS NULL
    UNION ALL
    SELECT seg.id, path.k || seg.s FROM seg JOIN path ON seg.parent_id = path.id)
UPDATE org SET sort_key = path.k FROM path WHERE org.id = path.id;

CREATE INDEX org_order ON org(sort_key);
