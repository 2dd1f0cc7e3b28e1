-- 012: the honours register (issue 14).  One row per honour given: to a
-- member or to an organization (exactly one of member_id, org_id), its title
-- and level from dangjian.ini [honours], the date, 批准机关, 文号 and 事迹.
-- An honour is never deleted: 撤销 sets revoked_on and revoke_reason, and the
-- row is read-only after.  The file may run again (its user_version set
-- back), so everything is IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS honour (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('member', 'org')),   -- 获得者类别
  member_id     INTEGER REFERENCES member(id),                   -- 获得者（党员）
  org_id        INTEGER REFERENCES org(id),                      -- 获得者（党组织）
  title         TEXT NOT NULL,                                   -- 荣誉称号
  level         TEXT NOT NULL,                                   -- 级别
  awarded_on    TEXT NOT NULL,                                   -- 授予日期
  approved_by   TEXT NOT NULL DEFAULT '',                        -- 批准机关
  doc_no        TEXT NOT NULL DEFAULT '',                        -- 文号
  deeds         TEXT NOT NULL DEFAULT '',                        -- 事迹
  posthumous    INTEGER NOT NULL DEFAULT 0 CHECK (posthumous IN (0, 1)),   -- 追授
  revoked_on    TEXT,                                            -- 撤销日期
  revoke_reason TEXT,                                            -- 撤销原因
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at    TEXT,
  updated_by    TEXT,
  CHECK ((kind = 'member') = (member_id IS NOT NULL AND org_id IS NULL)),
  CHECK ((kind = 'org') = (org_id IS NOT NULL AND member_id IS NULL))
);
CREATE INDEX IF NOT EXISTS honour_member ON honour(member_id, awarded_on) WHERE member_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS honour_org ON honour(org_id, awarded_on) WHERE org_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS honour_date ON honour(awarded_on);
