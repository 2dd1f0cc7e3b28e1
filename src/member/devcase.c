/* devcase.c — loading and saving a development case: the transition, the
 * time rules answered (or refused), and the member record it creates and
 * completes. */
#include "member/devcase.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "core/validate.h"
#include "member/devstep.h"
#include "member/member.h"

enum col_kind { TEXT, INT_NULL, INT_ZERO };

/* The table's columns that are struct fields, in one order for every statement. */
static const struct column {
	const char *name;
	size_t off, cap;
	enum col_kind kind;
} columns[] = {
#define COL(f, k) { #f, offsetof(struct dev_case, f), sizeof(((struct dev_case *)0)->f), k }
	COL(name, TEXT), COL(gender, TEXT), COL(ethnicity, TEXT), COL(birth_date, TEXT),
	COL(id_number, TEXT), COL(education, TEXT), COL(phone, TEXT), COL(job, TEXT),
	COL(stage, TEXT), COL(applied_on, TEXT), COL(talked_on, TEXT), COL(activist_on, TEXT),
	COL(mentor1, TEXT), COL(mentor2, TEXT), COL(training_hours, INT_NULL),
	COL(candidate_on, TEXT), COL(vetted_on, TEXT), COL(sponsor1, TEXT), COL(sponsor2, TEXT),
	COL(branch_meeting_on, TEXT), COL(approved_on, TEXT), COL(sworn_on, TEXT),
	{ "extension_months", offsetof(struct dev_case, extension),
	  sizeof(((struct dev_case *)0)->extension), INT_ZERO },
	COL(confirmed_on, TEXT), COL(ended_on, TEXT), COL(end_reason, TEXT), COL(notes, TEXT),
#undef COL
};
enum { NCOLUMNS = sizeof columns / sizeof *columns };

static char *field_of(struct dev_case *c, int i)
{
	return (char *)c + columns[i].off;
}

int dev_load(struct session *s, int64_t id, struct dev_case *c, struct dj_err *e)
{
	char sql[2048];
	size_t n = (size_t)snprintf(sql, sizeof sql,
	                            "SELECT c.id, c.version, c.org_id, coalesce(c.member_id, 0), o.name");
	for (int i = 0; i < NCOLUMNS; i++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, columns[i].kind == INT_ZERO
		                      ? ", nullif(c.%s, 0)" : ", c.%s", columns[i].name);
	snprintf(sql + n, sizeof sql - n, " FROM dev_case c JOIN org o ON o.id = c.org_id WHERE c.id = ?");
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, sql, id, &st, "读取发展党员记录", "该发展党员记录已不存在", e);
	if (rc)
		return rc;
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->version = sqlite3_column_int64(st, 1);
	c->org_id = sqlite3_column_int64(st, 2);
	c->member_id = sqlite3_column_int64(st, 3);
	db_col_text(st, 4, c->org, sizeof c->org);
	for (int i = 0; i < NCOLUMNS; i++)
		db_col_text(st, i + 5, field_of(c, i), columns[i].cap);
	db_done(st);
	struct dev_rules r;
	dev_rules_load(s->cfg, &r);
	dev_due_on(&r, c, c->due_on);
	return 0;
}

static void normalise(struct dev_case *c)
{
	for (int i = 0; i < NCOLUMNS; i++)
		if (strcmp(columns[i].name, "notes") != 0)
			utf8_trim(field_of(c, i));
	utf8_trim(c->org);
	fold_fullwidth_digits(c->id_number);   /* １２３… as an input method types them */
	for (char *p = c->id_number; *p; p++)
		if (*p == 'x')
			*p = 'X';
	if (!*c->ethnicity)
		snprintf(c->ethnicity, sizeof c->ethnicity, "汉族");
	if (!*c->birth_date && *c->id_number)
		valid_id_number(c->id_number, c->birth_date, NULL, NULL);
	for (int i = 0; i < NCOLUMNS; i++) {
		char norm[11], *v = field_of(c, i);
		size_t len = strlen(columns[i].name);
		int is_date = (len > 3 && strcmp(columns[i].name + len - 3, "_on") == 0) ||
		              strcmp(columns[i].name, "birth_date") == 0;
		if (is_date && valid_date(v, norm, NULL) == 0)
			memcpy(v, norm, sizeof norm);
	}
	if (strcmp(c->extension, "0") == 0)
		c->extension[0] = 0;
}

static const char *case_json(const struct dev_case *c, struct json *j)
{
	json_begin(j);
	json_str(j, "所在支部", c->org);
	for (int i = 0; i < NCOLUMNS; i++)
		json_str(j, columns[i].name, (const char *)c + columns[i].off);
	return json_end(j);
}

static void bind_column(sqlite3_stmt *st, int at, const struct dev_case *c, int i)
{
	const char *v = (const char *)c + columns[i].off;
	if (columns[i].kind == TEXT)
		db_bind_text(st, at, v, strcmp(columns[i].name, "name") != 0);
	else if (*v)
		sqlite3_bind_int(st, at, atoi(v));
	else if (columns[i].kind == INT_ZERO)
		sqlite3_bind_int(st, at, 0);
	else
		sqlite3_bind_null(st, at);
}

static int write_row(struct session *s, struct dev_case *c, const char *py, struct dj_err *e)
{
	char sql[2048];
	size_t n;
	if (c->id) {
		n = (size_t)snprintf(sql, sizeof sql, "UPDATE dev_case SET org_id=?1, member_id=?2,"
		                     " name_py=?3, updated_by=?4, version=version+1,"
		                     " updated_at=strftime('%%Y-%%m-%%d %%H:%%M:%%S','now','localtime')");
		for (int i = 0; i < NCOLUMNS; i++)
			n += (size_t)snprintf(sql + n, sizeof sql - n, ", %s=?%d", columns[i].name, i + 5);
		snprintf(sql + n, sizeof sql - n, " WHERE id=?%d AND version=?%d", NCOLUMNS + 5,
		         NCOLUMNS + 6);
	} else {
		n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO dev_case(org_id, member_id, name_py,"
		                     " updated_by, updated_at");
		for (int i = 0; i < NCOLUMNS; i++)
			n += (size_t)snprintf(sql + n, sizeof sql - n, ", %s", columns[i].name);
		n += (size_t)snprintf(sql + n, sizeof sql - n, ") VALUES (?1, ?2, ?3, ?4,"
		                      " strftime('%%Y-%%m-%%d %%H:%%M:%%S','now','localtime')");
		for (int i = 0; i < NCOLUMNS; i++)
			n += (size_t)snprintf(sql + n, sizeof sql - n, ", ?%d", i + 5);
		snprintf(sql + n, sizeof sql - n, ")");
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存发展党员记录");
	sqlite3_bind_int64(st, 1, c->org_id);
	if (c->member_id)
		sqlite3_bind_int64(st, 2, c->member_id);
	sqlite3_bind_text(st, 3, py, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, s->login, -1, SQLITE_STATIC);
	for (int i = 0; i < NCOLUMNS; i++)
		bind_column(st, i + 5, c, i);
	if (c->id) {
		sqlite3_bind_int64(st, NCOLUMNS + 5, c->id);
		sqlite3_bind_int64(st, NCOLUMNS + 6, c->version);
	}
	return db_step_save(s->db, st, &c->id, &c->version, "保存发展党员记录", e);
}

/* ---- time rules answered ------------------------------------------------- */

static int overridden(struct session *s, int64_t case_id, const char *rule)
{
	sqlite3_stmt *st;
	int found = 0;
	if (!case_id || sqlite3_prepare_v2(s->db, "SELECT 1 FROM dev_override WHERE case_id = ?"
	                                   " AND rule = ?", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, rule, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* The breaches this save must answer: relevant, and not answered before. */
static int open_breaches(struct session *s, const struct dev_rules *r, const struct dev_case *old,
                         const struct dev_case *c, enum dev_stage from, enum dev_stage to,
                         struct dev_breach out[DEV_MAX_BREACHES])
{
	struct dev_breach all[DEV_MAX_BREACHES];
	int n = dev_time_breaches(s, r, c, to, all), k = 0;
	for (int i = 0; i < n; i++)
		if (dev_breach_relevant(&all[i], from, to, old, c) && !overridden(s, c->id, all[i].rule))
			out[k++] = all[i];
	return k;
}

/* Refuses, or (warn mode, authorised, reason given) lets the save go on. */
static int answer_breaches(struct session *s, const struct dev_rules *r,
                           const struct dev_breach *b, int n, const char *reason,
                           int *overridable, struct dj_err *e)
{
	char msg[520];
	if (n == 0)
		return 0;
	snprintf(msg, sizeof msg, "%s%s%s", b[0].msg, n > 1 ? "；" : "", n > 1 ? b[1].msg : "");
	if (!r->warn)
		return dj_fail(e, DJ_INVALID, b[0].field, "%s", msg);
	if (s->role < r->override_role)
		return dj_fail(e, DJ_INVALID, b[0].field, "%s（只有管理员可说明理由继续）", msg);
	if (!reason || !*reason) {
		if (overridable)
			*overridable = 1;
		return dj_fail(e, DJ_INVALID, b[0].field, "%s；确需继续请说明理由", msg);
	}
	return 0;
}

static int record_overrides(struct session *s, const struct dev_case *c,
                            const struct dev_breach *b, int n, const char *reason,
                            struct dj_err *e)
{
	sqlite3_stmt *st;
	if (n == 0)
		return 0;
	if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO dev_override(case_id, rule, stage,"
	                       " message, reason, login) VALUES (?,?,?,?,?,?)", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "记录理由");
	int rc = SQLITE_DONE;
	struct json j = JSON_INIT;
	for (int i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(st, 1, c->id);
		sqlite3_bind_text(st, 2, b[i].rule, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, c->stage, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, b[i].msg, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, s->login, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		json_begin(&j);
		json_str(&j, "规则", b[i].rule);
		json_str(&j, "提示", b[i].msg);
		json_str(&j, "理由", reason);
		if (rc == SQLITE_DONE &&
		    audit_record(s, "dev_case", c->id, "说明理由后继续", NULL, json_end(&j)))
			rc = SQLITE_ERROR;
	}
	json_free(&j);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "记录理由");
}

/* ---- the member record ------------------------------------------------------ */

/* The person's fields a case shares with its member record, named alike in
 * both, so the copy each way is one list. */
#define PERSON(f) { offsetof(struct dev_case, f), sizeof(((struct dev_case *)0)->f), \
	            offsetof(struct member, f), sizeof(((struct member *)0)->f) }
static const struct { size_t in_case, case_cap, in_member, member_cap; } person[] = {
	PERSON(org), PERSON(name), PERSON(gender), PERSON(ethnicity), PERSON(birth_date),
	PERSON(id_number), PERSON(education), PERSON(phone), PERSON(job),
};
#undef PERSON
enum { NPERSON = sizeof person / sizeof *person };

static void copy_from_member(struct dev_case *c, const struct member *m)
{
	for (int i = 0; i < NPERSON; i++)
		snprintf((char *)c + person[i].in_case, person[i].case_cap, "%s",
		         (const char *)m + person[i].in_member);
}

static int create_member(struct session *s, struct dev_case *c, struct dj_err *e)
{
	struct member m;
	memset(&m, 0, sizeof m);
	for (int i = 0; i < NPERSON; i++)
		snprintf((char *)&m + person[i].in_member, person[i].member_cap, "%s",
		         (const char *)c + person[i].in_case);
	snprintf(m.category, sizeof m.category, "预备党员");
	snprintf(m.joined_on, sizeof m.joined_on, "%s", c->branch_meeting_on);
	snprintf(m.extension, sizeof m.extension, "%s", c->extension);
	if (member_save(s, &m, 1, e))
		return e ? e->code : DJ_INVALID;
	c->member_id = m.id;
	return 0;
}

/* Keeps the member record in step: 入党日期 is the 支部大会, the extension
 * is the case's, and 转正 makes the member 正式党员. */
static int update_member(struct session *s, const struct dev_case *c, enum dev_stage to,
                         struct dj_err *e)
{
	struct member m;
	if (member_load(s, c->member_id, &m, e))
		return e ? e->code : DJ_DB;
	struct member want = m;
	snprintf(want.joined_on, sizeof want.joined_on, "%s", c->branch_meeting_on);
	snprintf(want.extension, sizeof want.extension, "%s", c->extension);
	if (to == DEV_FULL) {
		snprintf(want.category, sizeof want.category, "正式党员");
		snprintf(want.confirmed_on, sizeof want.confirmed_on, "%s", c->confirmed_on);
	}
	if (strcmp(want.joined_on, m.joined_on) == 0 && strcmp(want.extension, m.extension) == 0 &&
	    strcmp(want.category, m.category) == 0 && strcmp(want.confirmed_on, m.confirmed_on) == 0)
		return 0;
	return member_save(s, &want, 1, e) ? (e ? e->code : DJ_INVALID) : 0;
}

static int set_member_id(struct session *s, const struct dev_case *c, struct dj_err *e)
{
	int64_t ids[2] = { c->member_id, c->id };
	return db_exec_ids(s->db, "UPDATE dev_case SET member_id = ? WHERE id = ?", ids, 2,
	                   "保存发展党员记录", e);
}

/* ---- save ----------------------------------------------------------------- */

/* A case registered from now on is kept under the 细则's steps (migration
 * 022): the 提醒 list reminds it of its 考察 and 备案. */
static int keep_steps(struct session *s, const struct dev_case *c, struct dj_err *e)
{
	int64_t ids[1] = { c->id };
	return db_exec_ids(s->db, "INSERT OR IGNORE INTO dev_step_kept(case_id) VALUES (?)", ids, 1,
	                   "保存发展党员记录", e);
}

/* The stored case (or none), its stage, and whether `to` may follow it. */
static int starting_point(struct session *s, struct dev_case *c, enum dev_stage to,
                          struct dev_case *old, enum dev_stage *from, struct dj_err *e)
{
	*from = DEV_APPLICANT;
	if (!c->id)
		return to == DEV_APPLICANT ? 0
		       : dj_fail(e, DJ_INVALID, NULL, "新登记的只能是入党申请人");
	if (dev_load(s, c->id, old, e))
		return e ? e->code : DJ_DB;
	if (old->version != c->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	*from = (enum dev_stage)dev_stage_of(old->stage);
	if (*from == DEV_FULL || *from == DEV_ENDED)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」已%s，记录只能查看", old->name,
		               *from == DEV_FULL ? "转正" : "终止培养");
	if (to != *from && !dev_transition(*from, to))
		return dj_fail(e, DJ_INVALID, NULL, "不能从%s直接成为%s", dev_stage_names[*from],
		               dev_stage_names[to]);
	c->member_id = old->member_id;
	if (*from >= DEV_PROBATIONER && old->member_id) {
		struct member m;
		if (member_load(s, old->member_id, &m, e))
			return e ? e->code : DJ_DB;
		copy_from_member(c, &m);   /* the 党员信息库 holds the person from here on */
	}
	return 0;
}

static int save_in_txn(struct session *s, struct dev_case *c, enum dev_stage to,
                       const char *reason, const char *py, int *overridable, struct dj_err *e)
{
	struct dev_case old;
	enum dev_stage from;
	struct dev_rules r;
	struct dev_breach open[DEV_MAX_BREACHES];
	dev_rules_load(s->cfg, &r);
	if (starting_point(s, c, to, &old, &from, e))
		return e ? e->code : DJ_INVALID;
	snprintf(c->stage, sizeof c->stage, "%s", dev_stage_names[to]);
	normalise(c);
	if (dev_validate(s, c, to, e) || dev_steps_check(s, &r, c, from, to, e))
		return e ? e->code : DJ_INVALID;
	int n = open_breaches(s, &r, c->id ? &old : NULL, c, from, to, open);
	if (answer_breaches(s, &r, open, n, reason, overridable, e))
		return DJ_INVALID;
	c->org_id = member_branch_id(s, c->org);
	if (session_may_move(s, c->id != 0, old.org_id, c->org_id, e))
		return DJ_DENIED;
	int is_new = c->id == 0;
	if (write_row(s, c, py, e) || record_overrides(s, c, open, n, reason, e) ||
	    (is_new && keep_steps(s, c, e)))
		return e ? e->code : DJ_DB;
	if (to == DEV_PROBATIONER && from != DEV_PROBATIONER) {
		if (create_member(s, c, e) || set_member_id(s, c, e))
			return e ? e->code : DJ_DB;
	} else if (to >= DEV_PROBATIONER && to != DEV_ENDED && c->member_id &&
	           update_member(s, c, to, e)) {
		return e ? e->code : DJ_DB;
	}
	dev_due_on(&r, c, c->due_on);
	const char *action = is_new ? "新增" : to != from ? dev_transition(from, to)->label : "修改";
	struct json before = JSON_INIT, after = JSON_INIT;   /* old is the record as it was */
	int rc = audit_write(s, "dev_case", c->id, action, is_new ? NULL : case_json(&old, &before),
	                     case_json(c, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int dev_save(struct session *s, struct dev_case *c, enum dev_stage to, const char *reason,
             int in_txn, int *overridable, struct dj_err *e)
{
	if (overridable)
		*overridable = 0;
	if ((int)to < 0 || (int)to >= DEV_NSTAGES)
		return dj_fail(e, DJ_INVALID, NULL, "没有这个发展阶段");
	const struct text_field why[] = { { NULL, "理由", reason, 0 } };
	if (reason && valid_texts(why, 1, e))
		return DJ_INVALID;
	/* Inside a caller's transaction a savepoint undoes this save's several
	 * writes alone, so the caller may go on. */
	char py[64];
	pinyin_initials_person(c->name, py, sizeof py);   /* text.h: before the write lock */
	struct db_txn t;
	if (db_txn_begin(&t, s->db, in_txn, "dev_save", e))
		return DJ_DB;
	struct dev_case keep = *c;
	int rc = db_txn_end(&t, save_in_txn(s, c, to, reason, py, overridable, e), e);
	if (rc)
		*c = keep;   /* what the operator typed stays as typed */
	return rc;
}

int dev_overrides(struct session *s, int64_t case_id, char *out, size_t cap)
{
	static const char *const names[][2] = {
		{ "age", "年龄" }, { "activist_time", "积极分子培养期" }, { "training", "培训学时" },
		{ "sponsors", "入党介绍人" }, { "probation", "预备期" },
		{ "notice_candidate", "发展对象公示" }, { "notice_probation", "转正公示" },
	};
	sqlite3_stmt *st;
	int n = 0;
	size_t len = 0;
	out[0] = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT rule, reason, login, substr(at, 1, 10) FROM dev_override"
	                       " WHERE case_id = ? ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, case_id);
	while (sqlite3_step(st) == SQLITE_ROW && len < cap) {
		const char *rule = (const char *)sqlite3_column_text(st, 0), *label = rule;
		for (size_t i = 0; i < sizeof names / sizeof *names; i++)
			if (strcmp(names[i][0], rule) == 0)
				label = names[i][1];
		int w = snprintf(out + len, cap - len, "%s%s：%s（%s %s）", n ? "\n" : "", label,
		                 (const char *)sqlite3_column_text(st, 1),
		                 (const char *)sqlite3_column_text(st, 2),
		                 (const char *)sqlite3_column_text(st, 3));
		len = w < 0 ? cap : len + (size_t)w;
		n++;
	}
	sqlite3_finalize(st);
	return n;
}
