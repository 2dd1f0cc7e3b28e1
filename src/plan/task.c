/* task.c — a task of a plan: its group (made on first use), text, deadline
 * (a date or a phase), 责任人 matched to members or operators, targets, and
 * a split task's lines, one per target branch.  Scope-checked on the plan's
 * organization, version-checked, audited. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_stmt.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "core/validate.h"
#include "org/org.h"
#include "plan/internal.h"

#define SELECT_TASK \
	"SELECT t.id, t.version, t.plan_id, g.name, t.body, coalesce(t.deadline, '')," \
	" coalesce((SELECT name FROM plan_phase WHERE id = t.phase_id), ''), t.state," \
	" coalesce(t.done_on, ''), t.target_kind, coalesce(o.name, ''), t.target_category, t.split," \
	" " PLAN_DUE ", (SELECT count(*) FROM plan_line WHERE task_id = t.id)" \
	" FROM plan_task t JOIN plan_group g ON g.id = t.group_id" \
	" LEFT JOIN org o ON o.id = t.target_org"

static void load_people(struct session *s, struct plan_task *t)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT name, coalesce(member_id, 0), coalesce(login, '')"
	                       " FROM plan_person WHERE task_id = ? ORDER BY seq", -1, &st,
	                       NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, t->id);
	for (int i = 0; i < PLAN_MAX_PEOPLE && sqlite3_step(st) == SQLITE_ROW; i++) {
		db_col_text(st, 0, t->people[i].name, sizeof t->people[i].name);
		t->people[i].member_id = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, t->people[i].login, sizeof t->people[i].login);
	}
	sqlite3_finalize(st);
}

int plan_task_load(struct session *s, int64_t id, struct plan_task *t, struct dj_err *e)
{
	sqlite3_stmt *st;
	char now[11];
	int rc = db_load_row(s->db, SELECT_TASK " WHERE t.id = ?", id, &st, "读取任务",
	                     "该任务已不存在", e);
	if (rc)
		return rc;
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->version = sqlite3_column_int64(st, 1);
	t->plan_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, t->group, sizeof t->group);
	db_col_text(st, 4, t->body, sizeof t->body);
	db_col_text(st, 5, t->deadline, sizeof t->deadline);
	db_col_text(st, 6, t->phase, sizeof t->phase);
	db_col_text(st, 7, t->state, sizeof t->state);
	db_col_text(st, 8, t->done_on, sizeof t->done_on);
	db_col_text(st, 9, t->target_kind, sizeof t->target_kind);
	db_col_text(st, 10, t->target_org, sizeof t->target_org);
	db_col_text(st, 11, t->target_category, sizeof t->target_category);
	t->split = sqlite3_column_int(st, 12);
	db_col_text(st, 13, t->due, sizeof t->due);
	t->nlines = sqlite3_column_int(st, 14);
	db_done(st);
	load_people(s, t);
	snprintf(t->shown, sizeof t->shown, "%s", plan_state_of(t->state, t->due, today(now)));
	return 0;
}

int plan_person_match(struct session *s, const char *typed, const char *key,
                      struct plan_person *p, struct dj_err *e)
{
	char name[64];   /* typed may be p->name itself */
	snprintf(name, sizeof name, "%s", typed);
	snprintf(p->name, sizeof p->name, "%s", name);
	p->member_id = 0;
	p->login[0] = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM member WHERE name = ? AND status = '正常'"
	                       " ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "查找责任人");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (n++ == 0)
			p->member_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (n > 1) {
		p->member_id = 0;
		return dj_fail(e, DJ_INVALID, key, "有 %d 名党员名为「%s」（按 F4 选择）", n, name);
	}
	if (sqlite3_prepare_v2(s->db, "SELECT login FROM app_user WHERE display_name = ?1"
	                       " OR login = ?1 ORDER BY login = ?1 DESC LIMIT 1", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "查找责任人");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, p->login, sizeof p->login);
	sqlite3_finalize(st);
	return 0;
}

/* 责任人 joined by 、, as lists show them. */
static void people_text(const struct plan_task *t, char *out, size_t cap)
{
	size_t at = 0;
	out[0] = 0;
	for (int i = 0; i < PLAN_MAX_PEOPLE; i++)
		if (*t->people[i].name && at < cap)
			at += (size_t)snprintf(out + at, cap - at, "%s%s", at ? "、" : "",
			                       t->people[i].name);
}

static const char *task_json(const struct plan_task *t, struct json *j)
{
	char people[300];
	people_text(t, people, sizeof people);
	json_begin(j);
	json_str(j, "任务分组", t->group);
	json_str(j, "任务内容", t->body);
	json_str(j, "完成期限", t->deadline);
	json_str(j, "期限阶段", t->phase);
	json_str(j, "状态", t->state);
	json_str(j, "完成日期", t->done_on);
	json_str(j, "责任人", people);
	json_str(j, "落实对象", t->target_kind);
	json_str(j, "对象组织", t->target_org);
	json_str(j, "对象类别", t->target_category);
	json_str(j, "分解到支部", t->split ? "是" : "否");
	return json_end(j);
}

static int is_one_of(const char *v, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

static int check_deadline(struct session *s, struct plan_task *t, int64_t *phase_id,
                          struct dj_err *e)
{
	*phase_id = 0;
	if (*t->deadline && *t->phase)
		return dj_fail(e, DJ_INVALID, "phase", "「期限」填日期或阶段其中之一：已填日期 %s，请清空阶段",
		               t->deadline);
	if (!*t->deadline && !*t->phase)
		return dj_fail(e, DJ_INVALID, "deadline", "「完成期限」不能为空：填日期，或在「期限阶段」按 F4 选阶段");
	if (*t->deadline)
		return pl_check_date(t->deadline, 1, "deadline", "完成期限", e);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM plan_phase WHERE plan_id = ? AND name = ?", -1,
	                       &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "查找工作阶段");
	sqlite3_bind_int64(st, 1, t->plan_id);
	db_bind_text(st, 2, t->phase, 0);
	if (sqlite3_step(st) == SQLITE_ROW)
		*phase_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return *phase_id ? 0 : dj_fail(e, DJ_INVALID, "phase", "本计划没有名为「%s」的阶段，请按 F4 选择",
	                               t->phase);
}

static int member_is_named(struct session *s, int64_t id, const char *name)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM member WHERE id = ? AND name = ?", -1, &st,
	                       NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	int yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

static int check_people(struct session *s, struct plan_task *t, struct dj_err *e)
{
	for (int i = 0; i < PLAN_MAX_PEOPLE; i++) {
		char key[12];
		snprintf(key, sizeof key, "person%d", i + 1);
		struct plan_person *p = &t->people[i];
		utf8_trim(p->name);
		const struct text_field f[] = { { key, "责任人", p->name, 0 } };
		if (valid_texts(f, 1, e))
			return DJ_INVALID;
		if (!*p->name)
			continue;
		for (int j = 0; j < i; j++)
			if (strcmp(t->people[j].name, p->name) == 0)
				return dj_fail(e, DJ_INVALID, key, "「责任人」%s 已填过一次", p->name);
		/* a member picked with F4 keeps its id while the name is its name */
		if (p->member_id && member_is_named(s, p->member_id, p->name))
			continue;
		if (plan_person_match(s, p->name, key, p, e))
			return DJ_INVALID;
	}
	for (int i = 0; i < PLAN_MAX_PEOPLE; i++)
		if (*t->people[i].name)
			return 0;
	return dj_fail(e, DJ_INVALID, "person1", "「责任人」不能为空：至少填写一名责任人");
}

static int check_targets(struct session *s, struct plan_task *t, int64_t plan_org,
                         int64_t *target_org, struct dj_err *e)
{
	if (!*t->target_kind)
		snprintf(t->target_kind, sizeof t->target_kind, "本级");
	if (!is_one_of(t->target_kind, plan_target_kinds))
		return dj_fail(e, DJ_INVALID, "target_kind",
		               "「落实对象」须为 本级、下属全部、全部党支部 或 类别，不能是「%s」", t->target_kind);
	*target_org = plan_org;
	if (*t->target_org && plan_org_named(s, t->target_org, "target_org", target_org, e))
		return DJ_INVALID;
	if (strcmp(t->target_kind, "类别") == 0) {
		if (!*t->target_category)
			return dj_fail(e, DJ_INVALID, "target_category", "「对象类别」不能为空：落实对象为类别时须选类别");
		if (!is_one_of(t->target_category, org_categories))
			return dj_fail(e, DJ_INVALID, "target_category", "「对象类别」没有「%s」这一类别，请按 F4 选择",
			               t->target_category);
	} else if (*t->target_category) {
		return dj_fail(e, DJ_INVALID, "target_category", "「对象类别」只在落实对象为类别时填写");
	}
	return 0;
}

int plan_target_orgs(struct session *s, const struct plan_task *t, int64_t *out, int cap,
                     struct dj_err *e)
{
	int64_t plan_org = db_int(s->db, "SELECT org_id FROM plan WHERE id = ?", t->plan_id, 0);
	int64_t root = plan_org;
	if (*t->target_org && plan_org_named(s, t->target_org, "target_org", &root, e))
		return -1;
	const char *kind = *t->target_kind ? t->target_kind : "本级";
	sqlite3_stmt *st;
	/* 本级: the organization itself; the others: 党支部 in the subtree */
	if (sqlite3_prepare_v2(s->db, "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT c.id"
	                       " FROM org c JOIN sub ON c.parent_id = sub.id)"
	                       " SELECT o.id FROM org o JOIN sub ON sub.id = o.id"
	                       " WHERE (?2 = '本级' AND o.id = ?1) OR (?2 <> '本级' AND"
	                       " o.kind = '党支部' AND o.status = '正常' AND (?2 <> '类别'"
	                       " OR o.category = ?3)) ORDER BY o.name_py, o.id", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "查找落实对象"), -1;
	sqlite3_bind_int64(st, 1, strcmp(kind, "全部党支部") == 0 ? plan_org : root);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, t->target_category, -1, SQLITE_STATIC);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n < cap)
			out[n] = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

/* The group by name, made with the next 序号 when the plan has none. */
static int group_of(struct session *s, const struct plan_task *t, int64_t *gid, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (!*t->group)
		return dj_fail(e, DJ_INVALID, "group", "「任务分组」不能为空：如「党员示范工程」");
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM plan_group WHERE plan_id = ? AND name = ?", -1,
	                       &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "查找任务分组");
	sqlite3_bind_int64(st, 1, t->plan_id);
	db_bind_text(st, 2, t->group, 0);
	*gid = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (*gid)
		return 0;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO plan_group(plan_id, seq, name, updated_by,"
	                       " updated_at) VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM"
	                       " plan_group WHERE plan_id = ?1), ?2, ?3, " PLAN_NOW ")", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "新增任务分组");
	sqlite3_bind_int64(st, 1, t->plan_id);
	db_bind_text(st, 2, t->group, 0);
	db_bind_text(st, 3, s->login, 1);
	int64_t v = 0;
	if (db_step_save(s->db, st, gid, &v, "新增任务分组", e))
		return DJ_DB;
	struct json j = JSON_INIT;
	json_begin(&j);
	json_str(&j, "任务分组", t->group);
	int rc = audit_write(s, "plan_group", *gid, "新增", NULL, json_end(&j), e);
	json_free(&j);
	return rc;
}

static int store_people(struct session *s, const struct plan_task *t, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (db_exec_ids(s->db, "DELETE FROM plan_person WHERE task_id = ?1", &t->id, 1,
	                "保存责任人", e))
		return DJ_DB;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO plan_person(task_id, seq, name, member_id, login)"
	                       " VALUES (?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存责任人");
	for (int i = 0, seq = 1; i < PLAN_MAX_PEOPLE; i++) {
		const struct plan_person *p = &t->people[i];
		if (!*p->name)
			continue;
		sqlite3_bind_int64(st, 1, t->id);
		sqlite3_bind_int(st, 2, seq++);
		db_bind_text(st, 3, p->name, 0);
		if (p->member_id)
			sqlite3_bind_int64(st, 4, p->member_id);
		else
			sqlite3_bind_null(st, 4);
		db_bind_text(st, 5, p->login, 1);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return db_fail(s->db, e, "保存责任人");
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

/* A line for each target branch the task has none for yet. */
static int make_lines(struct session *s, const struct plan_task *t, struct dj_err *e)
{
	int64_t orgs[512];
	int n = plan_target_orgs(s, t, orgs, 512, e);
	if (n < 0)
		return DJ_DB;
	if (n == 0)
		return dj_fail(e, DJ_INVALID, "split", "落实对象下没有党支部，不能分解到支部");
	if (n > 512)
		return dj_fail(e, DJ_INVALID, "split", "落实对象下有 %d 个党支部，一项任务最多分解到 512 个", n);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO plan_line(task_id, org_id, updated_by,"
	                       " updated_at) VALUES (?, ?, ?, " PLAN_NOW ")", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "分解任务");
	for (int i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, t->id);
		sqlite3_bind_int64(st, 2, orgs[i]);
		db_bind_text(st, 3, s->login, 1);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return db_fail(s->db, e, "分解任务");
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

int pl_roll_up(struct session *s, int64_t task_id, struct dj_err *e)
{
	int n, done, going, late;
	if (plan_line_counts(s, task_id, &n, &done, &going, &late))
		return db_fail(s->db, e, "汇总支部进展");
	const char *st = plan_rollup_counts(n, done, going);
	sqlite3_stmt *u;
	if (sqlite3_prepare_v2(s->db, "UPDATE plan_task SET state = ?1, done_on = CASE WHEN ?1 ="
	                       " '已完成' THEN (SELECT max(done_on) FROM plan_line WHERE task_id = ?2)"
	                       " END WHERE id = ?2", -1, &u, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "汇总支部进展");
	sqlite3_bind_text(u, 1, st, -1, SQLITE_STATIC);
	sqlite3_bind_int64(u, 2, task_id);
	return db_step_done(s->db, u, "汇总支部进展", e);
}

static int check_task(struct session *s, struct plan_task *t, int64_t *phase_id,
                      int64_t *target_org, struct dj_err *e)
{
	const struct text_field f[] = {
		{ "group", "任务分组", t->group, 0 }, { "body", "任务内容", t->body, 1 },
		{ "target_org", "对象组织", t->target_org, 0 },
	};
	int64_t org;
	if (valid_texts(f, sizeof f / sizeof *f, e))
		return DJ_INVALID;
	if (pl_plan_org(s, t->plan_id, &org, e))
		return DJ_INVALID;
	if (session_may_write(s, org, e))
		return DJ_DENIED;
	if (!*t->group)
		return dj_fail(e, DJ_INVALID, "group", "「任务分组」不能为空：如「党员示范工程」");
	if (!*t->body)
		return dj_fail(e, DJ_INVALID, "body", "「任务内容」不能为空");
	if (check_deadline(s, t, phase_id, e) || check_people(s, t, e) ||
	    check_targets(s, t, org, target_org, e))
		return e ? e->code : DJ_INVALID;
	if (t->split) {   /* a split task's state is its lines' */
		t->done_on[0] = 0;
		if (!*t->state)
			snprintf(t->state, sizeof t->state, "未开始");
		return 0;
	}
	if (!*t->state)
		snprintf(t->state, sizeof t->state, "未开始");
	return plan_check_state(t->state, t->done_on, "state", "done_on", e);
}

static int store_task(struct session *s, struct plan_task *t, int64_t gid, int64_t phase_id,
                      int64_t target_org, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = t->id == 0
		? "INSERT INTO plan_task(plan_id, group_id, seq, body, deadline, phase_id, state, done_on,"
		  " target_kind, target_org, target_category, split, people, updated_by, updated_at)"
		  " VALUES (?1, ?2, (SELECT coalesce(max(seq), 0) + 1 FROM plan_task WHERE group_id = ?2),"
		  " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, " PLAN_NOW ")"
		: "UPDATE plan_task SET plan_id = ?1, group_id = ?2, body = ?3, deadline = ?4,"
		  " phase_id = ?5, state = ?6, done_on = ?7, target_kind = ?8, target_org = ?9,"
		  " target_category = ?10, split = ?11, people = ?12, updated_by = ?13, updated_at = "
		  PLAN_NOW ", version = version + 1 WHERE id = ?14 AND version = ?15";
	char people[300];
	people_text(t, people, sizeof people);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存任务");
	sqlite3_bind_int64(st, 1, t->plan_id);
	sqlite3_bind_int64(st, 2, gid);
	db_bind_text(st, 3, t->body, 0);
	db_bind_text(st, 4, t->deadline, 1);
	if (phase_id)
		sqlite3_bind_int64(st, 5, phase_id);
	else
		sqlite3_bind_null(st, 5);
	db_bind_text(st, 6, t->state, 0);
	db_bind_text(st, 7, t->done_on, 1);
	db_bind_text(st, 8, t->target_kind, 0);
	sqlite3_bind_int64(st, 9, target_org);
	db_bind_text(st, 10, t->target_category, 0);
	sqlite3_bind_int(st, 11, t->split ? 1 : 0);
	db_bind_text(st, 12, people, 0);
	db_bind_text(st, 13, s->login, 1);
	if (t->id) {
		sqlite3_bind_int64(st, 14, t->id);
		sqlite3_bind_int64(st, 15, t->version);
	}
	return db_step_save(s->db, st, &t->id, &t->version, "保存任务", e);
}

static int save_task_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct plan_task *t = rec, was;
	int is_new = t->id == 0;
	int64_t gid = 0, phase_id = 0, target_org = 0, org;
	if (!is_new) {
		if (plan_task_load(s, t->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != t->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (pl_plan_org(s, was.plan_id, &org, e) || session_may_write(s, org, e))
			return e ? e->code : DJ_DENIED;
		if (was.split && !t->split && was.nlines)
			return dj_fail(e, DJ_INVALID, "split", "已分解到 %d 个支部的任务不能取消分解（支部的记录保留）",
			               was.nlines);
		t->plan_id = was.plan_id;
	}
	if (check_task(s, t, &phase_id, &target_org, e) || group_of(s, t, &gid, e) ||
	    store_task(s, t, gid, phase_id, target_org, e) || store_people(s, t, e))
		return e ? e->code : DJ_INVALID;
	if (t->split && (make_lines(s, t, e) || pl_roll_up(s, t->id, e)))
		return e ? e->code : DJ_INVALID;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "plan_task", t->id, is_new, is_new ? NULL : task_json(&was, &before),
	                     task_json(t, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int plan_task_save(struct session *s, struct plan_task *t, struct dj_err *e)
{
	struct plan_task keep = *t;
	char *trim[] = { t->group, t->deadline, t->phase, t->state, t->done_on, t->target_kind,
	                 t->target_org, t->target_category };
	for (size_t i = 0; i < sizeof trim / sizeof *trim; i++)
		utf8_trim(trim[i]);
	int rc = pl_in_txn(s, "plan_task", save_task_txn, t, e);
	if (rc) {
		*t = keep;
		return rc;
	}
	return plan_task_load(s, t->id, t, e);
}
