-- 022: the steps of 《中国共产党发展党员工作细则》 that dev_case has no column
-- for (issue 20): 推荐, 培养考察, 听取意见, the two 公示, the 备案, 支委会审查,
-- 上级预审, 入党志愿书, 派人谈话, 编入党小组, 转正申请.  The catalogue of all
-- 25 steps (key, stage, order, what each holds) is src/member/devstep.c;
-- a row here is one recorded step.  Every step is recorded once, except
-- 培养考察, recorded every half year (so the key is the step and its date).
-- Cases older than this table simply have no rows: the screens show those
-- steps as 未记录, and only transitions made from now on require them.
-- dev_step_kept tells them apart: a case registered by the program from now
-- on (dev_save) is listed there; the 发展提醒 list reminds of a 考察 or 备案
-- only on those, so an office's older cases do not fill it with steps nobody
-- recorded at the time.  Tables of their own rather than a column on
-- dev_case: the file may run this again (its user_version set back), which
-- ALTER TABLE could not.
CREATE TABLE IF NOT EXISTS dev_step_kept (
  case_id   INTEGER PRIMARY KEY REFERENCES dev_case(id)
);
CREATE TABLE IF NOT EXISTS dev_step (
  id        INTEGER PRIMARY KEY,
  case_id   INTEGER NOT NULL REFERENCES dev_case(id),
  step      TEXT NOT NULL,       -- the catalogue key (推荐, 考察, 发展对象公示 …)
  done_on   TEXT NOT NULL,       -- the step's date (a 公示's first day)
  until_on  TEXT,                -- a 公示's last day
  number    TEXT,                -- 志愿书编号, 推荐方式 or the 党小组, by step
  votes     INTEGER,             -- 推荐: 得票
  of_votes  INTEGER,             -- 推荐: 应到人数
  note      TEXT,                -- 考察意见, 反映的意见, 公示期间的异议 …
  version   INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_by TEXT,
  CHECK (votes IS NULL OR of_votes IS NULL OR (votes >= 0 AND votes <= of_votes))
);
CREATE UNIQUE INDEX IF NOT EXISTS dev_step_key ON dev_step(case_id, step, CASE WHEN step = '考察'
  THEN done_on ELSE '' END);
