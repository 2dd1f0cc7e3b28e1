-- 018: 通报 — a saved 通报: drafted from the records for a period and a
-- scope (src/bulletin/draft.c), then edited, numbered (文号) and issued by
-- the office.  Depends on 001 (org).

CREATE TABLE IF NOT EXISTS bulletin (
  id          INTEGER PRIMARY KEY,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2099),
  doc_no      TEXT NOT NULL,                        -- 文号: 驿组通〔2026〕3号
  title       TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to   TEXT NOT NULL,
  org_id      INTEGER NOT NULL REFERENCES org(id),  -- 发文单位, the scope drafted
  issued_on   TEXT NOT NULL,
  body        TEXT NOT NULL,                        -- the text as edited
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (doc_no),
  CHECK (period_from <= period_to)
);
CREATE INDEX IF NOT EXISTS bulletin_issued ON bulletin(issued_on, id);
