-- 009: an audit log that cannot be rewritten through the program, and whose
-- changes by any other means are found (issue 18).
--
-- Every entry carries mac = HMAC-SHA256(key, previous mac, the entry), hex
-- (src/core/audit_chain.h).  The key is a file only the group dangjian can
-- read, so whoever edits the file outside the program cannot recompute the
-- chain, and `dangjian check` / `restore` name the first entry that does not
-- verify.  The column mac is added, and the entries already there are
-- chained, by this migration's step in C (audit_chain_migrate), which runs
-- after the SQL below; both it and this file can run again on a file whose
-- user_version was set back, leaving what is chained as it is.

-- The step above is the only update there will ever be: mac goes from NULL
-- to a value, and nothing else changes.  No entry has a NULL mac afterwards
-- (the insert trigger below refuses one), so no update passes again.
DROP TRIGGER IF EXISTS audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (OLD.mac IS NULL AND NEW.mac IS NOT NULL AND NEW.id IS OLD.id AND NEW.at IS OLD.at
          AND NEW.login IS OLD.login AND NEW.tbl IS OLD.tbl AND NEW.row_id IS OLD.row_id
          AND NEW.action IS OLD.action AND NEW.old_json IS OLD.old_json
          AND NEW.new_json IS OLD.new_json)
BEGIN
  SELECT RAISE(ABORT, '操作日志不能修改');
END;

-- An entry is only ever appended: its id is the next one (so REPLACE, which
-- would delete the entry it collides with without firing the delete
-- trigger, and ids chosen to fill a gap are refused), its time is not before
-- the latest entry's, and it carries its mac.  The program gives all three
-- (audit_record); SQLite's own rowid choice is refused too, so that nothing
-- is logged without the chain.
DROP TRIGGER IF EXISTS audit_log_append_only;
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
BEGIN
  SELECT RAISE(ABORT, '操作日志只能追加：编号须为最后一条之后的下一号')
  WHERE NEW.id IS NOT coalesce((SELECT max(id) FROM audit_log), 0) + 1;
  SELECT RAISE(ABORT, '操作日志只能追加：时间不能早于最后一条')
  WHERE NEW.at < (SELECT at FROM audit_log ORDER BY id DESC LIMIT 1);
  SELECT RAISE(ABORT, '操作日志缺少校验码（只能由本程序写入）')
  WHERE NEW.mac IS NULL;
END;
