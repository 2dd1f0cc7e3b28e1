-- 003: 三会一课 — meetings with their sign-in and leave record (签到请假制度,
-- seed 000) — and the dues ledger (党费, DESIGN.md §6).  Money is integer fen.

CREATE TABLE meeting (
  id          INTEGER PRIMARY KEY,
  org_id      INTEGER NOT NULL REFERENCES org(id),   -- the organization that met
  type        TEXT NOT NULL CHECK (type IN ('支部党员大会','支委会','党小组会','党课',
                                            '组织生活会','民主评议','主题党日')),
  date        TEXT NOT NULL,                          -- YYYY-MM-DD
  topic       TEXT NOT NULL,                          -- 会议主题
  host        TEXT,                                   -- 主持人
  recorder    TEXT,                                   -- 记录人
  minutes     TEXT,                                   -- 会议记录（纪要）, several lines
  version     INTEGER NOT NULL DEFAULT 0,             -- covers the attendance rows too
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT
);
CREATE INDEX meeting_org ON meeting(org_id, date);
CREATE INDEX meeting_date ON meeting(date, type);

-- One row per member expected at (or sitting in on) a meeting; members not
-- listed were not expected.  Saved together with the meeting's version.
CREATE TABLE attendance (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  member_id   INTEGER NOT NULL REFERENCES member(id),
  state       TEXT NOT NULL CHECK (state IN ('出席','请假','缺席','列席')),
  reason      TEXT,                                   -- 请假/缺席 事由
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (meeting_id, member_id)
);
CREATE INDEX attendance_member ON attendance(member_id, state);

-- 党费: one row per member per month, kept by the branch that collected it.
CREATE TABLE dues (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES member(id),
  org_id      INTEGER NOT NULL REFERENCES org(id),    -- the collecting branch
  month       TEXT NOT NULL,                          -- YYYY-MM
  kind        TEXT NOT NULL DEFAULT '在职'
              CHECK (kind IN ('在职','离退休','学生','困难','农民')),
  base        INTEGER,                                -- 计算基数 (fen); NULL: not yet known
  rate        INTEGER NOT NULL DEFAULT 0,             -- 1/10000 of base (50 = 0.5%); 0 for fixed sums
  due         INTEGER NOT NULL DEFAULT 0,             -- 应交 (fen)
  paid        INTEGER NOT NULL DEFAULT 0,             -- 实交 (fen)
  paid_on     TEXT,                                   -- 交纳日期
  relief      TEXT CHECK (relief IS NULL OR relief IN ('减交','免交')),
  approval    TEXT,                                   -- who approved the relief, and when
  notes       TEXT,
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (member_id, month),
  CHECK (due >= 0 AND paid >= 0),
  CHECK (relief IS NULL OR (approval IS NOT NULL AND approval <> ''))
);
CREATE INDEX dues_org_month ON dues(org_id, month);
CREATE INDEX dues_owing ON dues(member_id, month) WHERE paid < due;
