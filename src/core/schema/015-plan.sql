-- 015: 工作计划 (issue 13, seeds 000 and 003 实施方案): a plan with its
-- phases, groups of tasks (工程, 七大活动), tasks with several 责任人, the
-- organizations they apply to, a deadline (a date or a phase's end), a
-- task split down to its branches as lines (工作项目化、项目责任化、责任具体化)
-- and dated progress notes.  逾期 is never stored: it is computed from the
-- deadline and today (src/plan/rules.c).  The file may run again, so
-- everything is IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS plan (
  id         INTEGER PRIMARY KEY,
  year       INTEGER NOT NULL,                          -- 年度
  name       TEXT NOT NULL,                             -- 方案名称
  org_id     INTEGER NOT NULL REFERENCES org(id),       -- 印发单位
  doc_no     TEXT NOT NULL DEFAULT '',                  -- 文号
  issued_on  TEXT NOT NULL,                             -- 印发日期
  version    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at TEXT,
  updated_by TEXT
);
CREATE INDEX IF NOT EXISTS plan_org ON plan(org_id, year);

CREATE TABLE IF NOT EXISTS plan_phase (
  id         INTEGER PRIMARY KEY,
  plan_id    INTEGER NOT NULL REFERENCES plan(id),
  seq        INTEGER NOT NULL,                          -- 序号
  name       TEXT NOT NULL,                             -- 阶段名称
  from_on    TEXT NOT NULL DEFAULT '',                  -- 起始日期 ('' = from the plan's start)
  to_on      TEXT NOT NULL,                             -- 截止日期
  version    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at TEXT,
  updated_by TEXT
);
CREATE INDEX IF NOT EXISTS plan_phase_plan ON plan_phase(plan_id, seq);

CREATE TABLE IF NOT EXISTS plan_group (
  id         INTEGER PRIMARY KEY,
  plan_id    INTEGER NOT NULL REFERENCES plan(id),
  seq        INTEGER NOT NULL,                          -- 序号
  name       TEXT NOT NULL,                             -- 任务分组
  version    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at TEXT,
  updated_by TEXT,
  UNIQUE (plan_id, name)
);

-- A task: its deadline is deadline, or else its phase's to_on.  Targets:
-- target_kind 本级 (target_org), 下属全部 (target_org's subtree), 全部党支部
-- (the 党支部 under the plan's organization) or 类别 (those 党支部 of
-- target_category).  A split task's state rolls up from its lines.
CREATE TABLE IF NOT EXISTS plan_task (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES plan(id),
  group_id        INTEGER NOT NULL REFERENCES plan_group(id),   -- 任务分组
  seq             INTEGER NOT NULL DEFAULT 0,                    -- 序号
  body            TEXT NOT NULL,                                 -- 任务内容
  deadline        TEXT,                                          -- 完成期限
  phase_id        INTEGER REFERENCES plan_phase(id),             -- 期限阶段
  state           TEXT NOT NULL DEFAULT '未开始'
                  CHECK (state IN ('未开始', '进行中', '已完成')),  -- 状态
  done_on         TEXT,                                          -- 完成日期
  target_kind     TEXT NOT NULL DEFAULT '本级'
                  CHECK (target_kind IN ('本级', '下属全部', '全部党支部', '类别')),  -- 落实对象
  target_org      INTEGER REFERENCES org(id),                    -- 对象组织
  target_category TEXT NOT NULL DEFAULT '',                      -- 对象类别
  split           INTEGER NOT NULL DEFAULT 0,                    -- 分解到支部
  people          TEXT NOT NULL DEFAULT '',                      -- 责任人 (names joined by 、, for lists)
  version         INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at      TEXT,
  updated_by      TEXT
);
CREATE INDEX IF NOT EXISTS plan_task_plan ON plan_task(plan_id, group_id, seq);

-- 责任人: a name, with the member or operator it is when the name is one.
CREATE TABLE IF NOT EXISTS plan_person (
  id        INTEGER PRIMARY KEY,
  task_id   INTEGER NOT NULL REFERENCES plan_task(id),
  seq       INTEGER NOT NULL,                 -- 序号
  name      TEXT NOT NULL,                    -- 姓名
  member_id INTEGER REFERENCES member(id),    -- 党员
  login     TEXT                              -- 操作员
);
CREATE INDEX IF NOT EXISTS plan_person_task ON plan_person(task_id, seq);
CREATE INDEX IF NOT EXISTS plan_person_name ON plan_person(name);

-- One branch's line of a split task.
CREATE TABLE IF NOT EXISTS plan_line (
  id         INTEGER PRIMARY KEY,
  task_id    INTEGER NOT NULL REFERENCES plan_task(id),
  org_id     INTEGER NOT NULL REFERENCES org(id),            -- 党支部
  pledge     TEXT NOT NULL DEFAULT '',                       -- 公开承诺
  progress   TEXT NOT NULL DEFAULT '',                       -- 进展情况
  state      TEXT NOT NULL DEFAULT '未开始'
             CHECK (state IN ('未开始', '进行中', '已完成')),   -- 状态
  done_on    TEXT,                                           -- 完成日期
  version    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at TEXT,
  updated_by TEXT,
  UNIQUE (task_id, org_id)
);
CREATE INDEX IF NOT EXISTS plan_line_org ON plan_line(org_id);

CREATE TABLE IF NOT EXISTS plan_note (
  id         INTEGER PRIMARY KEY,
  task_id    INTEGER NOT NULL REFERENCES plan_task(id),
  on_date    TEXT NOT NULL,                   -- 日期
  body       TEXT NOT NULL,                   -- 进展
  version    INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
  updated_at TEXT,
  updated_by TEXT
);
CREATE INDEX IF NOT EXISTS plan_note_task ON plan_note(task_id, on_date);
