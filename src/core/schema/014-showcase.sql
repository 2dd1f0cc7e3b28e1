-- 014: 示范工程 (issue 14, seed 000 二(四)): 党员示范岗 with their 跟踪/检查
-- notes and yearly 考核, 党员示范寝室 with residents and 检查评比 scored
-- against configured items, and 党建示范点 with their year checks.  Scores
-- are integer tenths (92.5 -> 925).  The file may run again, so everything
-- is IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS showcase_post (
  id           INTEGER PRIMARY KEY,
  member_id    INTEGER NOT NULL REFERENCES member(id),   -- 党员
  name         TEXT NOT NULL,                            -- 岗位名称
  goal         TEXT NOT NULL DEFAULT '',                 -- 岗位目标
  pledge       TEXT NOT NULL DEFAULT '',                 -- 岗位承诺 (public)
  opened_on    TEXT NOT NULL,                            -- 挂牌日期
  closed_on    TEXT,                                     -- 摘牌日期
  close_reason TEXT,                                     -- 摘牌原因
  version      INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at   TEXT,
  updated_by   TEXT
);
CREATE INDEX IF NOT EXISTS showcase_post_member ON showcase_post(member_id);

CREATE TABLE IF NOT EXISTS showcase_post_note (
  id         INTEGER PRIMARY KEY,
  post_id    INTEGER NOT NULL REFERENCES showcase_post(id),
  kind       TEXT NOT NULL CHECK (kind IN ('跟踪', '检查')),   -- 类别
  on_date    TEXT NOT NULL,                                   -- 日期
  by_whom    TEXT NOT NULL,                                   -- 记录人
  body       TEXT NOT NULL,                                   -- 内容
  version    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at TEXT,
  updated_by TEXT
);
CREATE INDEX IF NOT EXISTS showcase_post_note_post ON showcase_post_note(post_id, on_date);

CREATE TABLE IF NOT EXISTS showcase_post_grade (
  id         INTEGER PRIMARY KEY,
  post_id    INTEGER NOT NULL REFERENCES showcase_post(id),
  year       INTEGER NOT NULL,                  -- 年度
  grade      TEXT NOT NULL,                     -- 考核等次 ([showcase] post_grades)
  on_date    TEXT NOT NULL,                     -- 考核日期
  assessor   TEXT NOT NULL,                     -- 考核人
  note       TEXT NOT NULL DEFAULT '',          -- 评语
  version    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at TEXT,
  updated_by TEXT,
  UNIQUE (post_id, year)
);

CREATE TABLE IF NOT EXISTS showcase_dorm (
  id           INTEGER PRIMARY KEY,
  org_id       INTEGER NOT NULL REFERENCES org(id),   -- 所在党组织
  building     TEXT NOT NULL,                         -- 楼栋
  room         TEXT NOT NULL,                         -- 房号
  opened_on    TEXT NOT NULL,                         -- 挂牌日期
  note         TEXT NOT NULL DEFAULT '',              -- 备注
  version      INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at   TEXT,
  updated_by   TEXT,
  UNIQUE (building, room)
);

-- A resident: a member (member_id) or someone who is not, by name only.
CREATE TABLE IF NOT EXISTS showcase_resident (
  id        INTEGER PRIMARY KEY,
  dorm_id   INTEGER NOT NULL REFERENCES showcase_dorm(id),
  member_id INTEGER REFERENCES member(id),   -- 党员
  name      TEXT NOT NULL                    -- 姓名
);
CREATE INDEX IF NOT EXISTS showcase_resident_dorm ON showcase_resident(dorm_id);
CREATE INDEX IF NOT EXISTS showcase_resident_member ON showcase_resident(member_id)
  WHERE member_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS showcase_dorm_check (
  id         INTEGER PRIMARY KEY,
  dorm_id    INTEGER NOT NULL REFERENCES showcase_dorm(id),
  on_date    TEXT NOT NULL,                 -- 检查日期
  checker    TEXT NOT NULL,                 -- 检查人
  total      INTEGER NOT NULL,              -- 总分（十分之一分）
  items      TEXT NOT NULL,                 -- 各项得分: 卫生:28.5/30;纪律:30/30 …
  note       TEXT NOT NULL DEFAULT '',      -- 备注
  version    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at TEXT,
  updated_by TEXT
);
CREATE INDEX IF NOT EXISTS showcase_dorm_check_dorm ON showcase_dorm_check(dorm_id, on_date);

CREATE TABLE IF NOT EXISTS showcase_point (
  id         INTEGER PRIMARY KEY,
  org_id     INTEGER NOT NULL UNIQUE REFERENCES org(id),   -- 党组织
  level      TEXT NOT NULL,                                -- 示范点级别
  opened_on  TEXT NOT NULL,                                -- 确定日期
  note       TEXT NOT NULL DEFAULT '',                     -- 备注
  version    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at TEXT,
  updated_by TEXT
);

CREATE TABLE IF NOT EXISTS showcase_point_check (
  id         INTEGER PRIMARY KEY,
  point_id   INTEGER NOT NULL REFERENCES showcase_point(id),
  year       INTEGER NOT NULL,                  -- 年度
  on_date    TEXT NOT NULL,                     -- 检查日期
  result     TEXT NOT NULL,                     -- 检查结果
  note       TEXT NOT NULL DEFAULT '',          -- 备注
  version    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at TEXT,
  updated_by TEXT,
  UNIQUE (point_id, year)
);
