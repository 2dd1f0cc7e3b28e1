-- 019: 民主评议党员 (seed 000 三(3)) — a yearly round per organization, held
-- at its 民主评议 meeting of 三会一课; one line per member in good standing
-- with the self-assessment note, the vote counts and the result (1 优秀,
-- 2 合格, 3 基本合格, 4 不合格; the words are [evaluate] results).  A line
-- with result 4 has one follow-up (处置, dates, decision) until it is
-- closed.  Depends on 001 (org), 002 (member), 003 (meeting).

CREATE TABLE IF NOT EXISTS eval_round (
  id          INTEGER PRIMARY KEY,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2099),
  org_id      INTEGER NOT NULL REFERENCES org(id),
  held_on     TEXT NOT NULL,                         -- 评议日期
  meeting_id  INTEGER REFERENCES meeting(id),        -- the 民主评议 meeting
  notes       TEXT,
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (org_id, year)
);
CREATE INDEX IF NOT EXISTS eval_round_year ON eval_round(year, org_id);

CREATE TABLE IF NOT EXISTS eval_line (
  id          INTEGER PRIMARY KEY,
  round_id    INTEGER NOT NULL REFERENCES eval_round(id),
  member_id   INTEGER NOT NULL REFERENCES member(id),
  result      INTEGER CHECK (result BETWEEN 1 AND 4),   -- NULL: not yet decided
  self_note   TEXT,                                     -- 自评
  v1          INTEGER CHECK (v1 >= 0),                  -- 优秀 votes
  v2          INTEGER CHECK (v2 >= 0),                  -- 合格
  v3          INTEGER CHECK (v3 >= 0),                  -- 基本合格
  v4          INTEGER CHECK (v4 >= 0),                  -- 不合格
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (round_id, member_id)
);
CREATE INDEX IF NOT EXISTS eval_line_member ON eval_line(member_id, round_id);

CREATE TABLE IF NOT EXISTS eval_followup (
  id          INTEGER PRIMARY KEY,
  line_id     INTEGER NOT NULL UNIQUE REFERENCES eval_line(id),
  member_id   INTEGER NOT NULL REFERENCES member(id),
  action      TEXT NOT NULL DEFAULT '限期改正' CHECK (action IN ('限期改正','劝退','除名')),
  decided_on  TEXT,                                     -- 决定日期
  deadline    TEXT,                                     -- 限期
  done_on     TEXT,                                     -- 完成日期: closed
  decision    TEXT,                                     -- 处置决定
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  CHECK (deadline IS NULL OR decided_on IS NULL OR deadline >= decided_on),
  CHECK (done_on IS NULL OR decided_on IS NULL OR done_on >= decided_on)
);
CREATE INDEX IF NOT EXISTS eval_followup_member ON eval_followup(member_id);
CREATE INDEX IF NOT EXISTS eval_followup_open ON eval_followup(done_on, deadline);
