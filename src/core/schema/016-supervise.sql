-- 016: 督导 (issue 13, seed 003 四(一)(二), seed 000 四(二)): the recurring
-- reports each organization owes ([duty.NAME] in dangjian.ini says which and
-- when), 督导检查 with the organizations visited and their follow-ups, and the
-- visits liaison leaders make to their 联系点.  The file may run again, so
-- everything is IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS duty_report (
  id          INTEGER PRIMARY KEY,
  org_id      INTEGER NOT NULL REFERENCES org(id),   -- 党组织
  duty        TEXT NOT NULL,                         -- 事项 (月报 …)
  period      TEXT NOT NULL,                         -- 期间: YYYY-MM, YYYY-Qn or YYYY
  received_on TEXT NOT NULL,                         -- 收到日期
  brought_by  TEXT NOT NULL,                         -- 报送人
  summary     TEXT NOT NULL DEFAULT '',              -- 内容摘要
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (duty, period, org_id)
);
CREATE INDEX IF NOT EXISTS duty_report_org ON duty_report(org_id, duty, period);

CREATE TABLE IF NOT EXISTS inspection (
  id          INTEGER PRIMARY KEY,
  on_date     TEXT NOT NULL,                         -- 检查日期
  leader      TEXT NOT NULL,                         -- 组长
  team        TEXT NOT NULL DEFAULT '',              -- 检查组成员
  note        TEXT NOT NULL DEFAULT '',              -- 备注
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at  TEXT,
  updated_by  TEXT
);
CREATE INDEX IF NOT EXISTS inspection_date ON inspection(on_date);

CREATE TABLE IF NOT EXISTS inspection_org (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id),
  org_id        INTEGER NOT NULL REFERENCES org(id),   -- 被检查党组织
  findings      TEXT NOT NULL DEFAULT '',              -- 检查发现
  followup      TEXT NOT NULL DEFAULT '',              -- 整改要求
  deadline      TEXT,                                  -- 整改期限
  done_on       TEXT,                                  -- 整改完成日期
  done_note     TEXT NOT NULL DEFAULT '',              -- 整改情况
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at    TEXT,
  updated_by    TEXT,
  UNIQUE (inspection_id, org_id)
);
CREATE INDEX IF NOT EXISTS inspection_org_open ON inspection_org(deadline)
  WHERE done_on IS NULL AND followup <> '';

CREATE TABLE IF NOT EXISTS liaison_visit (
  id          INTEGER PRIMARY KEY,
  liaison_id  INTEGER NOT NULL REFERENCES liaison(id),  -- 联系人
  on_date     TEXT NOT NULL,                            -- 走访日期
  activity    TEXT NOT NULL,                            -- 走访内容 ([liaison] activities)
  note        TEXT NOT NULL DEFAULT '',                 -- 备注
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at  TEXT,
  updated_by  TEXT
);
CREATE INDEX IF NOT EXISTS liaison_visit_liaison ON liaison_visit(liaison_id, on_date);
