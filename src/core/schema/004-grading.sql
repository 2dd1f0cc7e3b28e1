-- 004: 分类定级 — grading rounds with their indicators and score sources,
-- the scores, each organization's result, and the rectification that follows
-- (seeds 000, 002, 003; DESIGN.md §6).  Depends only on 001 (org).
-- Scores and totals are integer tenths of a point (86.5 -> 865); weights and
-- proportions are whole percents.  Grades are ranks 1..4 (best first); the
-- round keeps the words it was graded with.

CREATE TABLE grading_round (
  id           INTEGER PRIMARY KEY,
  year         INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2099),
  name         TEXT NOT NULL,
  org_id       INTEGER NOT NULL REFERENCES org(id),   -- 组织单位: grades its 党总支/党支部
  status       TEXT NOT NULL DEFAULT '设置中'
               CHECK (status IN ('设置中','评分中','已确认')),
  grade1       TEXT NOT NULL,                         -- 先进 / 好
  grade2       TEXT NOT NULL,                         -- 较好
  grade3       TEXT NOT NULL,                         -- 一般
  grade4       TEXT NOT NULL,                         -- 后进 / 较差
  line1        INTEGER NOT NULL,                      -- lowest total (tenths) for grade1
  line2        INTEGER NOT NULL,
  line3        INTEGER NOT NULL,
  guide_top    INTEGER NOT NULL,                      -- % of grade1+grade2 (about 30)
  guide_mid    INTEGER NOT NULL,                      -- % of grade3 (about 60)
  guide_bottom INTEGER NOT NULL,                      -- % of grade4 (about 10)
  tolerance    INTEGER NOT NULL,                      -- percentage points either side
  rectify_due  TEXT,                                  -- deadline given to rectifications
  previous_id  INTEGER REFERENCES grading_round(id),  -- compared with; set on confirmation
  published_on TEXT,                                  -- 公布日期, set on confirmation
  confirmed_by TEXT,
  notes        TEXT,
  version      INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at   TEXT,
  updated_by   TEXT,
  UNIQUE (org_id, year, name),
  CHECK (line1 > line2 AND line2 > line3 AND line3 >= 0)
);
CREATE INDEX grading_round_year ON grading_round(year, id);

CREATE TABLE grading_indicator (
  id          INTEGER PRIMARY KEY,
  round_id    INTEGER NOT NULL REFERENCES grading_round(id),
  seq         INTEGER NOT NULL,
  name        TEXT NOT NULL,
  max_score   INTEGER NOT NULL CHECK (max_score > 0),   -- tenths
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (round_id, seq),
  UNIQUE (round_id, name)
);

CREATE TABLE grading_source (
  id          INTEGER PRIMARY KEY,
  round_id    INTEGER NOT NULL REFERENCES grading_round(id),
  seq         INTEGER NOT NULL,
  name        TEXT NOT NULL,                            -- 群众初评 党员评议 支部自评 组织考评
  weight      INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (round_id, seq),
  UNIQUE (round_id, name)
);

-- One organization in one round.  total and suggested follow the scores;
-- grade is the office's choice (NULL: the suggestion) until confirmation,
-- which writes the final grade and the previous round's grade.
CREATE TABLE grading_result (
  id             INTEGER PRIMARY KEY,
  round_id       INTEGER NOT NULL REFERENCES grading_round(id),
  org_id         INTEGER NOT NULL REFERENCES org(id),
  total          INTEGER,                                -- weighted, tenths
  suggested      INTEGER CHECK (suggested BETWEEN 1 AND 4),
  grade          INTEGER CHECK (grade BETWEEN 1 AND 4),
  reason         TEXT,                                   -- why grade differs from suggested
  previous_grade INTEGER CHECK (previous_grade BETWEEN 1 AND 4),
  version        INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at     TEXT,
  updated_by     TEXT,
  UNIQUE (round_id, org_id)
);
CREATE INDEX grading_result_org ON grading_result(org_id);

CREATE TABLE grading_score (
  id            INTEGER PRIMARY KEY,
  result_id     INTEGER NOT NULL REFERENCES grading_result(id),
  source_id     INTEGER NOT NULL REFERENCES grading_source(id),
  indicator_id  INTEGER NOT NULL REFERENCES grading_indicator(id),
  score         INTEGER NOT NULL CHECK (score >= 0),     -- tenths
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at    TEXT,
  updated_by    TEXT,
  UNIQUE (result_id, source_id, indicator_id)
);
CREATE INDEX grading_score_source ON grading_score(source_id);
CREATE INDEX grading_score_indicator ON grading_score(indicator_id);

-- 整改: for 一般 and 后进, the bottom share of villages (一村一策) and any
-- organization the office adds; one plan per organization and round.
CREATE TABLE rectification (
  id           INTEGER PRIMARY KEY,
  round_id     INTEGER NOT NULL REFERENCES grading_round(id),
  org_id       INTEGER NOT NULL REFERENCES org(id),
  origin       TEXT NOT NULL CHECK (origin IN ('定级','一村一策','办公室列入')),
  problem      TEXT,                                     -- 存在问题
  measures     TEXT,                                     -- 整改措施
  responsible  TEXT,                                     -- 责任人
  deadline     TEXT NOT NULL,                            -- 整改期限
  progress     TEXT,                                     -- 整改进展, dated lines
  accepted_on  TEXT,                                     -- 验收日期
  version      INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at   TEXT,
  updated_by   TEXT,
  UNIQUE (round_id, org_id)
);
CREATE INDEX rectification_org ON rectification(org_id);
CREATE INDEX rectification_due ON rectification(deadline, accepted_on);
