-- 001: the foundation — code lists, the organization registry with its terms
-- and liaisons (seed 003's 联系表), operators and the audit log.
-- Every editable table carries id, version (optimistic locking), created_at,
-- updated_at and updated_by.  Dates are TEXT YYYY-MM-DD.

CREATE TABLE dict (
  id      INTEGER PRIMARY KEY,
  kind    TEXT NOT NULL,          -- 民族, 学历, 组织类型, 组织类别 …
  label   TEXT NOT NULL,
  sort    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (kind, label)
);

CREATE TABLE org (
  id           INTEGER PRIMARY KEY,
  parent_id    INTEGER REFERENCES org(id),
  name         TEXT NOT NULL UNIQUE,
  name_py      TEXT NOT NULL DEFAULT '',   -- pinyin initials, computed on write
  short_name   TEXT,
  kind         TEXT NOT NULL CHECK (kind IN ('党委','党总支','党支部','党小组')),
  category     TEXT NOT NULL,
  founded_on   TEXT,
  founding_doc TEXT,
  secretary    TEXT,
  phone        TEXT,
  address      TEXT,
  notes        TEXT,
  status       TEXT NOT NULL DEFAULT '正常' CHECK (status IN ('正常','撤销')),
  dissolved_on TEXT,
  reason       TEXT,
  version      INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at   TEXT,
  updated_by   TEXT,
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX org_parent ON org(parent_id, kind, name);
CREATE INDEX org_py ON org(name_py);

-- 届: one row per election; the current term is the latest elected_on.
CREATE TABLE org_term (
  id          INTEGER PRIMARY KEY,
  org_id      INTEGER NOT NULL REFERENCES org(id),
  elected_on  TEXT NOT NULL,
  term_years  INTEGER NOT NULL CHECK (term_years BETWEEN 1 AND 10),
  due_on      TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT,
  UNIQUE (org_id, elected_on)
);
CREATE INDEX org_term_due ON org_term(due_on);

-- 联系表: who liaises with an organization; to_on NULL = current.
CREATE TABLE liaison (
  id          INTEGER PRIMARY KEY,
  org_id      INTEGER NOT NULL REFERENCES org(id),
  person      TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('联系领导','联系干部')),
  from_on     TEXT,
  to_on       TEXT,
  version     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at  TEXT,
  updated_by  TEXT
);
CREATE INDEX liaison_org ON liaison(org_id, role, to_on);

CREATE TABLE app_user (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin','operator','viewer')),
  org_id        INTEGER REFERENCES org(id),   -- NULL = the whole tree
  version       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  updated_at    TEXT,
  updated_by    TEXT
);

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now','localtime')),
  login     TEXT NOT NULL,
  tbl       TEXT NOT NULL,
  row_id    INTEGER,
  action    TEXT NOT NULL,     -- 新增 修改 撤销 删除 …
  old_json  TEXT,
  new_json  TEXT
);
CREATE INDEX audit_row ON audit_log(tbl, row_id);
CREATE INDEX audit_at ON audit_log(at);

INSERT INTO dict(kind, label, sort) VALUES
  ('组织类型','党委',1), ('组织类型','党总支',2), ('组织类型','党支部',3), ('组织类型','党小组',4),
  ('组织类别','农村',1), ('组织类别','社区',2), ('组织类别','机关',3), ('组织类别','事业单位',4),
  ('组织类别','国有企业',5), ('组织类别','非公企业',6), ('组织类别','社会组织',7),
  ('组织类别','学校教工',8), ('组织类别','学校学生',9), ('组织类别','其他',10);
