-- 005: operators and the audit log on a shared server (issue 6).
-- The log is evidence: once written, a row is neither changed nor removed,
-- whoever runs the SQL (a restore replaces the whole file instead).
CREATE INDEX audit_login ON audit_log(login, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '操作日志不能修改');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '操作日志不能删除');
END;

-- An operator's scope points at an organization; deleting that organization
-- looks for rows that refer to it.
CREATE INDEX app_user_org ON app_user(org_id);
