-- 021: 关怀帮扶 (issue 20; seed 000 三(3) 注重关心和帮助老党员、生活困难党员,
-- seed 002 二(四) 建立健全党内关怀帮扶机制): the register of members who need
-- care — 老党员, 生活困难党员 and 因病 — each entry with why and from when,
-- and when and why it left the register; and the visits (慰问) made to
-- them, with who went, what was given (money as integer fen, or goods) and
-- on what occasion.  The file may run again, so everything is IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS care_case (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES member(id),  -- 党员
  category    TEXT NOT NULL
              CHECK (category IN ('老党员','生活困难','因病')),  -- 类别
  reason      TEXT NOT NULL DEFAULT '',                -- 原因（年满八十、党龄五十年、因病致困……）
  listed_on   TEXT NOT NULL,                           -- 列入日期
  address     TEXT NOT NULL DEFAULT '',                -- 家庭住址（慰问时上门）
  left_on     TEXT,                                    -- 移出日期
  left_reason TEXT NOT NULL DEFAULT '',                -- 移出原因
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at  TEXT,
  updated_by  TEXT
);
CREATE INDEX IF NOT EXISTS care_case_member ON care_case(member_id, listed_on);
CREATE INDEX IF NOT EXISTS care_case_open ON care_case(member_id) WHERE left_on IS NULL;

CREATE TABLE IF NOT EXISTS care_visit (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES member(id),  -- 慰问对象
  on_date     TEXT NOT NULL,                           -- 慰问日期
  occasion    TEXT NOT NULL,                           -- 慰问时机 ([care] occasions)
  visitors    TEXT NOT NULL,                           -- 慰问人，以“、”分隔
  money_fen   INTEGER NOT NULL DEFAULT 0 CHECK (money_fen >= 0),  -- 慰问金（分）
  goods       TEXT NOT NULL DEFAULT '',                -- 慰问品
  note        TEXT NOT NULL DEFAULT '',                -- 备注
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at  TEXT,
  updated_by  TEXT
);
CREATE INDEX IF NOT EXISTS care_visit_member ON care_visit(member_id, on_date);
CREATE INDEX IF NOT EXISTS care_visit_date ON care_visit(on_date);
