-- 002: members and their moves (DESIGN.md §5).  Members are never deleted:
-- a close-out is a member_event and a status.

CREATE TABLE member (
  id            INTEGER PRIMARY KEY,
  org_id        INTEGER NOT NULL REFERENCES org(id),   -- 所在支部
  name          TEXT NOT NULL,
  name_py       TEXT NOT NULL DEFAULT '',
  gender        TEXT NOT NULL CHECK (gender IN ('男','女')),
  ethnicity     TEXT NOT NULL DEFAULT '汉族',
  birth_date    TEXT,
  id_number     TEXT UNIQUE,                           -- 身份证号
  education     TEXT,
  phone         TEXT,
  category      TEXT NOT NULL CHECK (category IN ('正式党员','预备党员')),
  joined_on     TEXT,                                  -- 入党日期
  confirmed_on  TEXT,                                  -- 转正日期
  extension_months INTEGER NOT NULL DEFAULT 0          -- 延长预备期（月）
                CHECK (extension_months BETWEEN 0 AND 24),
  job           TEXT,                                  -- 工作岗位
  status        TEXT NOT NULL DEFAULT '正常'
                CHECK (status IN ('正常','流出','出国','失联','转出','出党','去世')),
  notes         TEXT,
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at    TEXT,
  updated_by    TEXT
);
CREATE INDEX member_org ON member(org_id, status, name_py);
CREATE INDEX member_py ON member(name_py);
CREATE INDEX member_name ON member(name);
CREATE INDEX member_phone ON member(phone);

CREATE TABLE member_event (
  id            INTEGER PRIMARY KEY,
  member_id     INTEGER NOT NULL REFERENCES member(id),
  type          TEXT NOT NULL
                CHECK (type IN ('转入','转出','内部调整','流出','流入','出党','去世','失联','恢复')),
  date          TEXT NOT NULL,
  from_org      TEXT,
  to_org        TEXT,
  letter_no     TEXT,          -- 介绍信编号
  valid_days    INTEGER,       -- 介绍信有效期（天）
  dues_paid_to  TEXT,          -- 党费交至 YYYY-MM
  reason        TEXT,
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at    TEXT,
  updated_by    TEXT
);
CREATE INDEX member_event_member ON member_event(member_id, date);

-- 发展党员: one person on the development path (DESIGN.md §5, §6).  The stage
-- moves 申请人 → 积极分子 → 发展对象 → 预备党员 → 正式党员 (or 终止) by the
-- transitions of src/member/devcase.c; becoming 预备党员 creates the member row.
CREATE TABLE dev_case (
  id                INTEGER PRIMARY KEY,
  org_id            INTEGER NOT NULL REFERENCES org(id),   -- 所在支部
  member_id         INTEGER REFERENCES member(id),         -- set at 预备党员
  name              TEXT NOT NULL,
  name_py           TEXT NOT NULL DEFAULT '',
  gender            TEXT NOT NULL CHECK (gender IN ('男','女')),
  ethnicity         TEXT NOT NULL DEFAULT '汉族',
  birth_date        TEXT NOT NULL,
  id_number         TEXT,
  education         TEXT,
  phone             TEXT,
  job               TEXT,
  stage             TEXT NOT NULL DEFAULT '申请人'
                    CHECK (stage IN ('申请人','积极分子','发展对象','预备党员','正式党员','终止')),
  applied_on        TEXT NOT NULL,   -- 递交入党申请书
  talked_on         TEXT,            -- 党组织派人谈话
  activist_on       TEXT,            -- 确定为入党积极分子
  mentor1           TEXT,            -- 培养联系人
  mentor2           TEXT,
  candidate_on      TEXT,            -- 确定为发展对象
  vetted_on         TEXT,            -- 政治审查
  training_hours    INTEGER,         -- 集中培训学时
  sponsor1          TEXT,            -- 入党介绍人
  sponsor2          TEXT,
  branch_meeting_on TEXT,            -- 支部大会讨论接收（预备期由此起算）
  approved_on       TEXT,            -- 基层党委审批
  sworn_on          TEXT,            -- 入党宣誓
  extension_months  INTEGER NOT NULL DEFAULT 0,   -- 延长预备期（月）
  confirmed_on      TEXT,            -- 转正
  ended_on          TEXT,            -- 终止培养
  end_reason        TEXT,
  notes             TEXT,
  version           INTEGER NOT NULL DEFAULT 0,
  created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at        TEXT,
  updated_by        TEXT
);
CREATE INDEX dev_case_org ON dev_case(org_id, stage);
CREATE INDEX dev_case_py ON dev_case(name_py);

-- A time rule (DESIGN.md §6) an authorised operator went past in `warn`
-- mode, with the reason given; append-only, like the audit log.
CREATE TABLE dev_override (
  id        INTEGER PRIMARY KEY,
  case_id   INTEGER NOT NULL REFERENCES dev_case(id),
  rule      TEXT NOT NULL,   -- age, activist_time, sponsors, training, probation
  stage     TEXT NOT NULL,   -- the stage being entered when it was allowed
  message   TEXT NOT NULL,   -- what the rule said
  reason    TEXT NOT NULL,   -- why the operator went on
  login     TEXT NOT NULL,
  at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  UNIQUE (case_id, rule)
);

INSERT INTO dict(kind, label, sort) VALUES
  ('学历','研究生',1), ('学历','大学本科',2), ('学历','大学专科',3), ('学历','中专',4),
  ('学历','高中',5), ('学历','初中',6), ('学历','小学及以下',7),
  ('民族','汉族',1), ('民族','回族',2), ('民族','满族',3), ('民族','壮族',4), ('民族','畲族',5),
  ('民族','土家族',6), ('民族','苗族',7), ('民族','蒙古族',8), ('民族','藏族',9), ('民族','维吾尔族',10),
  ('民族','其他',99);
