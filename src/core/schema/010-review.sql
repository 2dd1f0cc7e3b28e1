-- 010: the review cycle (src/review/review.h) behind both 党支部工作“立项活动”
-- (seed 004) and 标杆学院/样板支部 创建 (seed 001): a batch with its stage
-- dates, funding rule, criteria and quotas; applications moving through one
-- state machine; dated notes for each stage; scores by reviewer; and the
-- funds ledger.  Money is integer fen, scores integer tenths.  Depends on
-- 001 (org).  Like 009 it may run again on a file whose user_version was
-- set back, leaving what is there as it is.

CREATE TABLE IF NOT EXISTS review_batch (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('立项','创建')),
  term           TEXT NOT NULL,                      -- 学年 "2026-2027" or cycle "2026-2028"
  name           TEXT NOT NULL,
  org_id         INTEGER NOT NULL REFERENCES org(id),  -- 组织单位: who runs it; applicants lie under it
  status         TEXT NOT NULL DEFAULT '设置中'
                 CHECK (status IN ('设置中','进行中','已结束')),
  -- 立项: the grant per project; 创建: per year for a 样板支部
  fund_fen       INTEGER NOT NULL CHECK (fund_fen >= 0),
  fund2_fen      INTEGER NOT NULL DEFAULT 0 CHECK (fund2_fen >= 0),  -- 创建: per year for a 标杆学院
  match_pct      INTEGER NOT NULL DEFAULT 100 CHECK (match_pct >= 0),  -- 配套 at least this % of an outside grant
  pass_line      INTEGER NOT NULL CHECK (pass_line >= 0),             -- 验收 通过/达标 at or above (tenths)
  excellent_line INTEGER NOT NULL DEFAULT 0 CHECK (excellent_line >= 0),  -- 立项: 优秀成果 eligible (850)
  excellent_max  INTEGER NOT NULL DEFAULT 0 CHECK (excellent_max >= 0),   -- 立项: 优秀成果 at most (1–3)
  per_org        INTEGER NOT NULL DEFAULT 1 CHECK (per_org >= 1),         -- 立项: projects per branch
  quota_college  INTEGER NOT NULL DEFAULT 0 CHECK (quota_college >= 0),   -- 创建: 标杆学院 chosen
  quota_branch   INTEGER NOT NULL DEFAULT 0 CHECK (quota_branch >= 0),    -- 创建: 样板支部 chosen
  limit_zongzhi  INTEGER NOT NULL DEFAULT 1 CHECK (limit_zongzhi >= 0),   -- 创建: a 党总支 recommends at most
  limit_jiguan   INTEGER NOT NULL DEFAULT 2 CHECK (limit_jiguan >= 0),    -- 创建: a 机关党委 recommends at most
  years          INTEGER NOT NULL DEFAULT 1 CHECK (years BETWEEN 1 AND 5), -- a project's / cycle's length
  notes          TEXT,
  frozen_on      TEXT,                               -- the first review decision: settings freeze
  version        INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at     TEXT,
  updated_by     TEXT,
  UNIQUE (kind, org_id, term, name)
);

-- The batch's calendar: each stage's date and the state an application must
-- have reached by then (review.h: enum review_state), for 下一节点 and 逾期.
CREATE TABLE IF NOT EXISTS review_stage (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES review_batch(id),
  seq         INTEGER NOT NULL,
  name        TEXT NOT NULL,
  due_on      TEXT NOT NULL,
  reach       INTEGER NOT NULL,
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (batch_id, seq)
);

-- The criteria an acceptance is scored on (验收评审表; 创建: the 指南's list,
-- 七个有力 by default, which the 自查报告 also follows).
CREATE TABLE IF NOT EXISTS review_criterion (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES review_batch(id),
  seq         INTEGER NOT NULL,
  name        TEXT NOT NULL,
  max_score   INTEGER NOT NULL CHECK (max_score > 0),   -- tenths
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (batch_id, seq),
  UNIQUE (batch_id, name)
);

-- The batch's 评审组.
CREATE TABLE IF NOT EXISTS review_reviewer (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES review_batch(id),
  seq         INTEGER NOT NULL,
  name        TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (batch_id, seq),
  UNIQUE (batch_id, name)
);

-- One application: 立项 project (kind 项目) or 创建 (标杆学院 / 样板支部).
CREATE TABLE IF NOT EXISTS review_app (
  id            INTEGER PRIMARY KEY,
  batch_id      INTEGER NOT NULL REFERENCES review_batch(id),
  org_id        INTEGER NOT NULL REFERENCES org(id),   -- the applying 党支部 (or 党总支 for 标杆学院)
  kind          TEXT NOT NULL CHECK (kind IN ('项目','标杆学院','样板支部')),
  state         INTEGER NOT NULL DEFAULT 1,
  title         TEXT NOT NULL,                  -- 项目名称 / 创建名称
  unit          TEXT,                           -- 项目所在单位
  executor      TEXT,                           -- 项目执行者 / 负责人
  secretary     TEXT,                           -- 支部书记
  filed_on      TEXT NOT NULL,                  -- 填表日期
  direction     TEXT,                           -- 立项方向 (seed 004 §三)
  why           TEXT,                           -- 为什么要开展活动
  how           TEXT,                           -- 怎样开展活动
  goal          TEXT,                           -- 达到什么样的预期目标 / 预期成果
  content       TEXT,                           -- 活动形式、内容
  plan          TEXT,                           -- 实施方案 / 任务书、路线图
  schedule      TEXT,                           -- 时间安排 / 时间表
  long_reason   TEXT,                           -- why a project runs longer than one 学年
  goal_year1    TEXT,                           -- 创建: 第一年目标
  goal_year2    TEXT,                           -- 创建: 第二年目标
  problems      TEXT,                           -- 创建: 问题清单
  duties        TEXT,                           -- 创建: 责任清单
  declaration   TEXT,                           -- 创建: 未出现重大问题、事件 的声明
  declared_by   TEXT,
  declared_on   TEXT,
  recommended_by TEXT,                          -- who recommended it (login), and when
  recommended_on TEXT,
  decision      TEXT,                           -- 批复意见 / 评审意见
  decided_on    TEXT,
  granted_fen   INTEGER NOT NULL DEFAULT 0,     -- granted at 立项 / 入选 (the first year)
  ends_on       TEXT,                           -- planned end, moved by a 延期
  accept_round  INTEGER NOT NULL DEFAULT 1 CHECK (accept_round IN (1, 2)),
  total         INTEGER,                        -- 总评 of the latest acceptance (tenths)
  rectify_due   TEXT,                           -- 验收不通过: 整改 deadline
  outcome       TEXT,                           -- 表彰/命名/通报/撤销 words with the date
  award         TEXT,                           -- 优秀成果: 奖牌、奖金
  reason        TEXT,                           -- why refused / revoked
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at    TEXT,
  updated_by    TEXT
);
CREATE INDEX IF NOT EXISTS review_app_batch ON review_app(batch_id, state, id);
CREATE INDEX IF NOT EXISTS review_app_org ON review_app(org_id, batch_id);

-- Dated notes for the stages: 阶段小结, 延期, 中期检查, 结题报告, 整改,
-- 自查报告 (per criterion), 公示.
CREATE TABLE IF NOT EXISTS review_note (
  id            INTEGER PRIMARY KEY,
  app_id        INTEGER NOT NULL REFERENCES review_app(id),
  kind          TEXT NOT NULL CHECK (kind IN ('阶段小结','延期','中期检查','结题报告','整改',
                                              '自查报告','公示','成果报告')),
  on_date       TEXT NOT NULL,
  criterion_id  INTEGER REFERENCES review_criterion(id),   -- 自查报告: the criterion it answers
  body          TEXT NOT NULL,                  -- what was done / progress / the report
  problems      TEXT,                           -- 存在问题
  opinion       TEXT,                           -- 后续工作意见 / 评审意见
  result        TEXT,                           -- 中期检查: 良好/合格/需整改
  extends_to    TEXT,                           -- 延期: the new end date
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at    TEXT,
  updated_by    TEXT
);
CREATE INDEX IF NOT EXISTS review_note_app ON review_note(app_id, kind, on_date);

-- The tasks of a 创建 申报书 (任务书、路线图、时间表) with their 责任人.
CREATE TABLE IF NOT EXISTS review_task (
  id            INTEGER PRIMARY KEY,
  app_id        INTEGER NOT NULL REFERENCES review_app(id),
  seq           INTEGER NOT NULL,
  task          TEXT NOT NULL,
  responsible   TEXT NOT NULL,
  due_on        TEXT NOT NULL,
  done_on       TEXT,
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at    TEXT,
  updated_by    TEXT,
  UNIQUE (app_id, seq)
);

-- 验收评审表: each reviewer's score on each criterion, per acceptance round.
CREATE TABLE IF NOT EXISTS review_score (
  id            INTEGER PRIMARY KEY,
  app_id        INTEGER NOT NULL REFERENCES review_app(id),
  round         INTEGER NOT NULL CHECK (round IN (1, 2)),
  reviewer_id   INTEGER NOT NULL REFERENCES review_reviewer(id),
  criterion_id  INTEGER NOT NULL REFERENCES review_criterion(id),
  score         INTEGER NOT NULL CHECK (score >= 0),   -- tenths
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at    TEXT,
  updated_by    TEXT,
  UNIQUE (app_id, round, reviewer_id, criterion_id)
);

-- The funds: 预算 lines of the application (not money moved), 拨付 (granted),
-- 配套 (matching an outside grant: outside_fen is that grant) and 支出.
-- The balance is 拨付 + 配套 - 支出 and never goes below zero.
CREATE TABLE IF NOT EXISTS review_fund (
  id            INTEGER PRIMARY KEY,
  app_id        INTEGER NOT NULL REFERENCES review_app(id),
  kind          TEXT NOT NULL CHECK (kind IN ('预算','拨付','配套','支出')),
  on_date       TEXT,
  item          TEXT NOT NULL,
  amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
  outside_fen   INTEGER,
  handler       TEXT,                           -- 经手人
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at    TEXT,
  updated_by    TEXT
);
CREATE INDEX IF NOT EXISTS review_fund_app ON review_fund(app_id, kind, on_date);

-- 立项方向 (seed 004 §三), offered on the form; dangjian.ini may replace them.
INSERT OR IGNORE INTO dict(kind, label, sort) VALUES
  ('立项方向', '加强党员队伍作风建设', 1),
  ('立项方向', '提高发展党员工作质量', 2),
  ('立项方向', '加强党员教育管理', 3),
  ('立项方向', '服务型党支部建设', 4),
  ('立项方向', '创新党支部活动', 5),
  ('立项方向', '大学生党支部建设', 6);
