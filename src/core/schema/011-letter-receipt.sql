-- 011: the 回执 of a 党员组织关系介绍信 (issue 15).  Every 转出 carries a
-- letter, and the receiving organization's 回执 is due back by due_on (the
-- move's date plus [moves] receipt_days when it was recorded); returned_on
-- is the day it came.  A table of its own rather than columns on
-- member_event: only 转出 have one, and the file may run this again (its
-- user_version set back), which ALTER TABLE could not.  The awaited ones are
-- found through the partial index: a county has thousands of 转出, and only
-- the open few are asked for.  Changes are audited on the move
-- (member_event), whose record they are.
CREATE TABLE IF NOT EXISTS letter_receipt (
  event_id     INTEGER PRIMARY KEY REFERENCES member_event(id),
  due_on       TEXT NOT NULL,   -- 回执应退回日期
  returned_on  TEXT,            -- 回执退回日期
  updated_at   TEXT,
  updated_by   TEXT
);
-- Letters issued before the program tracked receipts are chased like new
-- ones (30 days, the default); recording the returned date clears them.
INSERT OR IGNORE INTO letter_receipt(event_id, due_on)
  SELECT id, date(date, '+30 days') FROM member_event WHERE type = '转出';
CREATE INDEX IF NOT EXISTS letter_receipt_awaited ON letter_receipt(due_on)
  WHERE returned_on IS NULL;
-- The letters the program numbers are plain digits per year of the move
-- (（2026）第 17 号); the year's highest is found through this index.
CREATE INDEX IF NOT EXISTS member_event_letter ON member_event(substr(date, 1, 4), letter_no)
  WHERE type = '转出';
