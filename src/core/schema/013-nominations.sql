-- 013: 两优一先 nominations (issue 14).  A commendation cycle (表彰评选) is
-- run by an organization for a year: the titles it gives, a default quota per
-- nominating organization and title (with per-organization overrides in
-- nom_quota), the 推荐截止, the 公示 dates, and at 审批 the date, 批准机关
-- and 文号.  Each nomination goes 已推荐 → 审核通过/审核不通过 → 公示中 →
-- 已批准 (an honour in the register, honour_id) or 未批准.  Rules broken
-- and gone past in warn mode are kept with the reason.  Objections raised
-- during 公示 are dated rows with their 处理结果.  Everything is IF NOT
-- EXISTS: the file may run again.
CREATE TABLE IF NOT EXISTS nom_cycle (
  id             INTEGER PRIMARY KEY,
  year           INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2099),   -- 年度
  name           TEXT NOT NULL,                                        -- 评选名称
  org_id         INTEGER NOT NULL REFERENCES org(id),                  -- 组织单位
  titles         TEXT NOT NULL,                                        -- 评选称号, 、-separated
  level          TEXT NOT NULL,                                        -- 级别 of the honours given
  quota          INTEGER NOT NULL DEFAULT 1 CHECK (quota >= 0),        -- 默认名额
  due_on         TEXT,                                                 -- 推荐截止
  publicity_from TEXT,                                                 -- 公示开始
  publicity_to   TEXT,                                                 -- 公示结束
  approved_on    TEXT,                                                 -- 审批日期
  approved_by    TEXT NOT NULL DEFAULT '',                             -- 批准机关
  doc_no         TEXT NOT NULL DEFAULT '',                             -- 文号
  state          TEXT NOT NULL DEFAULT '推荐中'
                 CHECK (state IN ('推荐中','公示中','已审批')),         -- 状态
  version        INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at     TEXT,
  updated_by     TEXT,
  UNIQUE (org_id, year, name)
);

CREATE TABLE IF NOT EXISTS nom_quota (
  id         INTEGER PRIMARY KEY,
  cycle_id   INTEGER NOT NULL REFERENCES nom_cycle(id),
  org_id     INTEGER NOT NULL REFERENCES org(id),    -- 推荐单位
  title      TEXT NOT NULL,                          -- 称号
  quota      INTEGER NOT NULL CHECK (quota >= 0),    -- 名额
  version    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at TEXT,
  updated_by TEXT,
  UNIQUE (cycle_id, org_id, title)
);

CREATE TABLE IF NOT EXISTS nomination (
  id              INTEGER PRIMARY KEY,
  cycle_id        INTEGER NOT NULL REFERENCES nom_cycle(id),
  kind            TEXT NOT NULL CHECK (kind IN ('member', 'org')),   -- 推荐对象类别
  member_id       INTEGER REFERENCES member(id),                   -- 推荐对象（党员）
  org_id          INTEGER REFERENCES org(id),                      -- 推荐对象（党组织）
  title           TEXT NOT NULL,                                   -- 称号
  nominator_id    INTEGER NOT NULL REFERENCES org(id),             -- 推荐单位
  reasons         TEXT NOT NULL DEFAULT '',                        -- 推荐理由
  state           TEXT NOT NULL DEFAULT '已推荐'
                  CHECK (state IN ('已推荐','审核通过','审核不通过','公示中','已批准','未批准')),
  review_note     TEXT NOT NULL DEFAULT '',                        -- 审核意见
  decision_reason TEXT NOT NULL DEFAULT '',                        -- 未批准原因
  overrides       TEXT NOT NULL DEFAULT '',                        -- 未满足的规则
  override_reason TEXT NOT NULL DEFAULT '',                        -- 越过规则理由
  honour_id       INTEGER REFERENCES honour(id),                   -- 授予的荣誉
  version         INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at      TEXT,
  updated_by      TEXT,
  CHECK ((kind = 'member') = (member_id IS NOT NULL AND org_id IS NULL)),
  CHECK ((kind = 'org') = (org_id IS NOT NULL AND member_id IS NULL))
);
CREATE INDEX IF NOT EXISTS nomination_cycle ON nomination(cycle_id, nominator_id, title);

CREATE TABLE IF NOT EXISTS nom_objection (
  id            INTEGER PRIMARY KEY,
  nomination_id INTEGER NOT NULL REFERENCES nomination(id),
  raised_on     TEXT NOT NULL,                       -- 异议日期
  text          TEXT NOT NULL,                       -- 异议内容
  outcome       TEXT NOT NULL DEFAULT '',            -- 处理结果
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at    TEXT,
  updated_by    TEXT
);
CREATE INDEX IF NOT EXISTS nom_objection_nomination ON nom_objection(nomination_id);
