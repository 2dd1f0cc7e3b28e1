-- 017: 述职评议 (联述联评联考, seed 002 二(三)) — a yearly round in which
-- each 党总支/党支部 under the organizing organization has one line: its
-- secretary's 述职 (date, summary) and the votes of 党员评议 and 群众评议,
-- each 好/较好/一般/差.  Counts are NULL until typed; the share and grade are
-- computed (src/appraise/rules.c), never stored.  Depends on 001 (org).

CREATE TABLE IF NOT EXISTS appraise_round (
  id          INTEGER PRIMARY KEY,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2099),
  name        TEXT NOT NULL,
  org_id      INTEGER NOT NULL REFERENCES org(id),   -- 组织单位
  starts_on   TEXT NOT NULL,
  ends_on     TEXT NOT NULL,                         -- 述职 due by this day
  status      TEXT NOT NULL DEFAULT '进行中' CHECK (status IN ('进行中','已结束')),
  notes       TEXT,
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (org_id, year, name),
  CHECK (starts_on <= ends_on)
);
CREATE INDEX IF NOT EXISTS appraise_round_year ON appraise_round(year, id);

CREATE TABLE IF NOT EXISTS appraise_line (
  id          INTEGER PRIMARY KEY,
  round_id    INTEGER NOT NULL REFERENCES appraise_round(id),
  org_id      INTEGER NOT NULL REFERENCES org(id),
  secretary   TEXT,                                  -- 述职人 (书记)
  spoke_on    TEXT,                                  -- 述职日期
  summary     TEXT,                                  -- 述职摘要
  m_good      INTEGER CHECK (m_good >= 0),           -- 党员评议 好
  m_fair      INTEGER CHECK (m_fair >= 0),           -- 较好
  m_avg       INTEGER CHECK (m_avg >= 0),            -- 一般
  m_poor      INTEGER CHECK (m_poor >= 0),           -- 差
  p_good      INTEGER CHECK (p_good >= 0),           -- 群众评议 好
  p_fair      INTEGER CHECK (p_fair >= 0),
  p_avg       INTEGER CHECK (p_avg >= 0),
  p_poor      INTEGER CHECK (p_poor >= 0),
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (round_id, org_id)
);
CREATE INDEX IF NOT EXISTS appraise_line_org ON appraise_line(org_id, round_id);
