-- 020: 教育培训学时 (党员教育培训制度, seed 000 三(3)) — training sessions
-- (date, title, 主办单位, form, 学时) and who attended them.  A member's
-- hours for a year are the sessions attended plus, for the meeting types
-- [training] meeting_types names, [training] meeting_hours per meeting
-- marked 出席 on the sign-in sheet (src/training/ledger.c).
--
-- So that the ledger of a county's members reads one row per member rather
-- than every session each time, two sums are kept by triggers, whoever
-- writes the rows: training_sum (a member's training hours per year) and
-- meeting_present (a member's 出席 per year and meeting type).  They hold
-- nothing a user typed; both can be rebuilt from the rows they sum.
-- Depends on 001 (org), 002 (member), 003 (meeting, attendance).

CREATE TABLE IF NOT EXISTS training (
  id          INTEGER PRIMARY KEY,
  org_id      INTEGER NOT NULL REFERENCES org(id),   -- 参训组织: whose members the sheet lists
  date        TEXT NOT NULL,                         -- YYYY-MM-DD
  title       TEXT NOT NULL,                         -- 培训主题
  organizer   TEXT NOT NULL,                         -- 主办单位
  form        TEXT NOT NULL,                         -- 集中学习, 党课, 网络学习 … ([training] forms)
  hours       REAL NOT NULL CHECK (hours > 0 AND hours <= 200),   -- 学时, halves allowed
  notes       TEXT,
  version     INTEGER NOT NULL DEFAULT 0,            -- covers the attendee rows too
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT
);
CREATE INDEX IF NOT EXISTS training_date ON training(date, id);
CREATE INDEX IF NOT EXISTS training_org ON training(org_id, date);

-- One row per member who attended; hours NULL: the session's.
CREATE TABLE IF NOT EXISTS training_attendee (
  id          INTEGER PRIMARY KEY,
  training_id INTEGER NOT NULL REFERENCES training(id),
  member_id   INTEGER NOT NULL REFERENCES member(id),
  hours       REAL CHECK (hours IS NULL OR (hours > 0 AND hours <= 200)),
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (training_id, member_id)
);
CREATE INDEX IF NOT EXISTS training_attendee_member ON training_attendee(member_id, training_id);

CREATE TABLE IF NOT EXISTS training_sum (
  member_id   INTEGER NOT NULL,
  year        INTEGER NOT NULL,
  hours       REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (year, member_id)        -- a year's rows in one range: the ledger's totals
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS meeting_present (
  member_id   INTEGER NOT NULL,
  year        INTEGER NOT NULL,
  type        TEXT NOT NULL,
  n           INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (year, type, member_id)
) WITHOUT ROWID;

INSERT INTO meeting_present(member_id, year, type, n)
  SELECT a.member_id, CAST(substr(m.date, 1, 4) AS INTEGER), m.type, count(*)
  FROM attendance a JOIN meeting m ON m.id = a.meeting_id WHERE a.state = '出席'
  GROUP BY a.member_id, substr(m.date, 1, 4), m.type;

-- ---- training_sum ----

CREATE TRIGGER IF NOT EXISTS training_attendee_in AFTER INSERT ON training_attendee BEGIN
  INSERT INTO training_sum(member_id, year, hours)
    SELECT NEW.member_id, CAST(substr(t.date, 1, 4) AS INTEGER), coalesce(NEW.hours, t.hours)
    FROM training t WHERE t.id = NEW.training_id
    ON CONFLICT (year, member_id) DO UPDATE SET hours = hours + excluded.hours;
END;

CREATE TRIGGER IF NOT EXISTS training_attendee_out AFTER DELETE ON training_attendee BEGIN
  UPDATE training_sum SET hours = hours - (SELECT coalesce(OLD.hours, t.hours) FROM training t
                                           WHERE t.id = OLD.training_id)
  WHERE member_id = OLD.member_id
    AND year = (SELECT CAST(substr(t.date, 1, 4) AS INTEGER) FROM training t WHERE t.id = OLD.training_id);
END;

CREATE TRIGGER IF NOT EXISTS training_attendee_up AFTER UPDATE OF training_id, member_id, hours
ON training_attendee BEGIN
  UPDATE training_sum SET hours = hours - (SELECT coalesce(OLD.hours, t.hours) FROM training t
                                           WHERE t.id = OLD.training_id)
  WHERE member_id = OLD.member_id
    AND year = (SELECT CAST(substr(t.date, 1, 4) AS INTEGER) FROM training t WHERE t.id = OLD.training_id);
  INSERT INTO training_sum(member_id, year, hours)
    SELECT NEW.member_id, CAST(substr(t.date, 1, 4) AS INTEGER), coalesce(NEW.hours, t.hours)
    FROM training t WHERE t.id = NEW.training_id
    ON CONFLICT (year, member_id) DO UPDATE SET hours = hours + excluded.hours;
END;

-- A session moved to another year or given other hours moves its attendees' sums.
CREATE TRIGGER IF NOT EXISTS training_moved AFTER UPDATE OF date, hours ON training BEGIN
  UPDATE training_sum SET hours = hours - (SELECT coalesce(a.hours, OLD.hours) FROM training_attendee a
                                           WHERE a.training_id = OLD.id
                                             AND a.member_id = training_sum.member_id)
  WHERE year = CAST(substr(OLD.date, 1, 4) AS INTEGER)
    AND member_id IN (SELECT member_id FROM training_attendee WHERE training_id = OLD.id);
  INSERT INTO training_sum(member_id, year, hours)
    SELECT a.member_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), coalesce(a.hours, NEW.hours)
    FROM training_attendee a WHERE a.training_id = NEW.id
    ON CONFLICT (year, member_id) DO UPDATE SET hours = hours + excluded.hours;
END;

-- ---- meeting_present ----

CREATE TRIGGER IF NOT EXISTS training_present_in AFTER INSERT ON attendance
WHEN NEW.state = '出席' BEGIN
  INSERT INTO meeting_present(member_id, year, type, n)
    SELECT NEW.member_id, CAST(substr(m.date, 1, 4) AS INTEGER), m.type, 1
    FROM meeting m WHERE m.id = NEW.meeting_id
    ON CONFLICT (year, type, member_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER IF NOT EXISTS training_present_out AFTER DELETE ON attendance
WHEN OLD.state = '出席' BEGIN
  UPDATE meeting_present SET n = n - 1
  WHERE member_id = OLD.member_id
    AND (year, type) = (SELECT CAST(substr(m.date, 1, 4) AS INTEGER), m.type FROM meeting m
                        WHERE m.id = OLD.meeting_id);
END;

CREATE TRIGGER IF NOT EXISTS training_present_up AFTER UPDATE OF state, member_id, meeting_id
ON attendance BEGIN
  UPDATE meeting_present SET n = n - 1
  WHERE OLD.state = '出席' AND member_id = OLD.member_id
    AND (year, type) = (SELECT CAST(substr(m.date, 1, 4) AS INTEGER), m.type FROM meeting m
                        WHERE m.id = OLD.meeting_id);
  INSERT INTO meeting_present(member_id, year, type, n)
    SELECT NEW.member_id, CAST(substr(m.date, 1, 4) AS INTEGER), m.type, 1
    FROM meeting m WHERE m.id = NEW.meeting_id AND NEW.state = '出席'
    ON CONFLICT (year, type, member_id) DO UPDATE SET n = n + 1;
END;

-- A meeting deleted takes its attendance with it (ON DELETE CASCADE): its
-- rows go first, while the meeting can still be read, so that
-- training_present_out counts them off.
CREATE TRIGGER IF NOT EXISTS training_meeting_gone BEFORE DELETE ON meeting BEGIN
  DELETE FROM attendance WHERE meeting_id = OLD.id;
END;

CREATE TRIGGER IF NOT EXISTS training_meeting_moved AFTER UPDATE OF date, type ON meeting BEGIN
  UPDATE meeting_present SET n = n - 1
  WHERE year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND type = OLD.type
    AND member_id IN (SELECT member_id FROM attendance WHERE meeting_id = OLD.id AND state = '出席');
  INSERT INTO meeting_present(member_id, year, type, n)
    SELECT a.member_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.type, 1
    FROM attendance a WHERE a.meeting_id = NEW.id AND a.state = '出席'
    ON CONFLICT (year, type, member_id) DO UPDATE SET n = n + 1;
END;
