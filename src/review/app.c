/* app.c — an application's own fields: defaults, reading, the checks and
 * the version-checked save, and deleting one still 已申报.  Its state moves
 * only through review_transition (step.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/itemlist.h"
#include "core/json.h"
#include "core/text.h"
#include "org/org.h"
#include "review/internal.h"

/* The text columns in the order of struct review_app's typed fields. */
#define APP_TEXTS 19
struct app_text {
	const char *key, *label, *column;
	size_t at, cap;
	int multiline;
};
#define T(f, l, m) { #f, l, #f, offsetof(struct review_app, f), sizeof(((struct review_app *)0)->f), m }
static const struct app_text texts[APP_TEXTS] = {
	T(title, "项目名称", 0), T(unit, "项目所在单位", 0), T(executor, "项目执行者", 0),
	T(secretary, "支部书记", 0), T(filed_on, "填表日期", 0), T(direction, "立项方向", 0),
	T(why, "为什么要开展活动", 1), T(how, "怎样开展活动", 1), T(goal, "预期目标", 1),
	T(content, "活动形式、内容", 1), T(plan, "实施方案", 1), T(schedule, "时间安排", 1),
	T(long_reason, "超过一学年的理由", 1), T(goal_year1, "第一年目标", 1),
	T(goal_year2, "第二年目标", 1), T(problems, "问题清单", 1), T(duties, "责任清单", 1),
	T(declaration, "未出现重大问题、事件的声明", 1), T(ends_on, "计划结束日期", 0),
};
#undef T

static char *field(struct review_app *a, int i)
{
	return (char *)a + texts[i].at;
}

/* ---- the head every write checks ---- */

int review_head_load(struct session *s, int64_t id, struct review_head *h, struct dj_err *e)
{
	sqlite3_stmt *st;
	memset(h, 0, sizeof *h);
	if (db_load_row(s->db, "SELECT a.id, a.version, a.batch_id, a.org_id, b.kind, a.kind,"
	                " a.state, a.accept_round, a.title, o.name, coalesce(a.decided_on, ''),"
	                " coalesce(a.ends_on, '') FROM review_app a JOIN review_batch b ON"
	                " b.id = a.batch_id JOIN org o ON o.id = a.org_id WHERE a.id = ?1", id, &st,
	                "读取申报", "申报已被删除", e))
		return e ? e->code : DJ_NOTFOUND;
	h->id = sqlite3_column_int64(st, 0);
	h->version = sqlite3_column_int64(st, 1);
	h->batch_id = sqlite3_column_int64(st, 2);
	h->org_id = sqlite3_column_int64(st, 3);
	h->kind = review_kind_parse((const char *)sqlite3_column_text(st, 4)) == REVIEW_CREATE
	          ? REVIEW_CREATE : REVIEW_PROJECT;
	db_col_text(st, 5, h->app_kind, sizeof h->app_kind);
	h->state = sqlite3_column_int(st, 6);
	h->accept_round = sqlite3_column_int(st, 7);
	db_col_text(st, 8, h->title, sizeof h->title);
	db_col_text(st, 9, h->org, sizeof h->org);
	db_col_text(st, 10, h->decided_on, sizeof h->decided_on);
	db_col_text(st, 11, h->ends_on, sizeof h->ends_on);
	db_done(st);
	return 0;
}

int review_may_write(struct session *s, const struct review_head *h, struct dj_err *e)
{
	struct dj_err mine;
	if (session_may_write(s, h->org_id, &mine) == 0)
		return 0;
	return dj_fail(e, DJ_DENIED, NULL, "%s（%s）", mine.msg, h->org);
}

/* ---- defaults and reading ---- */

void review_app_defaults(struct session *s, const struct review_batch *b, struct review_app *a)
{
	memset(a, 0, sizeof *a);
	a->batch_id = b->id;
	a->state = RV_APPLIED;
	a->accept_round = 1;
	snprintf(a->kind, sizeof a->kind, "%s", b->kind == REVIEW_CREATE ? "样板支部" : "项目");
	today(a->filed_on);
	snprintf(a->state_word, sizeof a->state_word, "%s", review_state_word(b->kind, RV_APPLIED));
	struct org o;
	if (s->scope_org && org_load(s, s->scope_org, &o, NULL) == 0 &&
	    strcmp(o.kind, "党支部") == 0) {
		a->org_id = o.id;
		snprintf(a->org, sizeof a->org, "%s", o.name);
		snprintf(a->secretary, sizeof a->secretary, "%s", o.secretary);
	}
}

static const char app_select[] =
	"SELECT a.id, a.version, a.batch_id, a.org_id, o.name, a.kind, b.kind, a.state,"
	" a.accept_round, coalesce(a.declared_by, ''), coalesce(a.declared_on, ''),"
	" coalesce(a.recommended_by, ''), coalesce(a.recommended_on, ''), coalesce(a.decision, ''),"
	" coalesce(a.decided_on, ''), a.granted_fen, coalesce(a.total, -1),"
	" coalesce(a.rectify_due, ''), coalesce(a.outcome, ''), coalesce(a.award, ''),"
	" coalesce(a.reason, ''), a.title, a.unit, a.executor, a.secretary, a.filed_on,"
	" a.direction, a.why, a.how, a.goal, a.content, a.plan, a.schedule, a.long_reason,"
	" a.goal_year1, a.goal_year2, a.problems, a.duties, a.declaration, a.ends_on"
	" FROM review_app a JOIN org o ON o.id = a.org_id JOIN review_batch b ON b.id = a.batch_id"
	" WHERE a.id = ?1";

static void fill_app(sqlite3_stmt *st, struct review_app *a)
{
	a->id = sqlite3_column_int64(st, 0);
	a->version = sqlite3_column_int64(st, 1);
	a->batch_id = sqlite3_column_int64(st, 2);
	a->org_id = sqlite3_column_int64(st, 3);
	db_col_text(st, 4, a->org, sizeof a->org);
	db_col_text(st, 5, a->kind, sizeof a->kind);
	enum review_kind k = review_kind_parse((const char *)sqlite3_column_text(st, 6)) ==
	                     REVIEW_CREATE ? REVIEW_CREATE : REVIEW_PROJECT;
	a->state = sqlite3_column_int(st, 7);
	a->accept_round = sqlite3_column_int(st, 8);
	snprintf(a->state_word, sizeof a->state_word, "%s", review_state_word(k, a->state));
	struct { char *out; size_t cap; } kept[] = {
		{ a->declared_by, sizeof a->declared_by }, { a->declared_on, sizeof a->declared_on },
		{ a->recommended_by, sizeof a->recommended_by },
		{ a->recommended_on, sizeof a->recommended_on }, { a->decision, sizeof a->decision },
		{ a->decided_on, sizeof a->decided_on },
	};
	for (int i = 0; i < 6; i++)
		db_col_text(st, 9 + i, kept[i].out, kept[i].cap);
	review_format_money(sqlite3_column_int64(st, 15), a->granted, sizeof a->granted);
	int total = sqlite3_column_int(st, 16);
	if (total >= 0)
		snprintf(a->total, sizeof a->total, "%d.%d", total / 10, total % 10);
	db_col_text(st, 17, a->rectify_due, sizeof a->rectify_due);
	db_col_text(st, 18, a->outcome, sizeof a->outcome);
	db_col_text(st, 19, a->award, sizeof a->award);
	db_col_text(st, 20, a->reason, sizeof a->reason);
	for (int i = 0; i < APP_TEXTS; i++)
		db_col_text(st, 21 + i, field(a, i), texts[i].cap);
}

int review_app_load(struct session *s, int64_t id, struct review_app *a, struct dj_err *e)
{
	sqlite3_stmt *st;
	memset(a, 0, sizeof *a);
	if (db_load_row(s->db, app_select, id, &st, "读取申报", "申报已被删除", e))
		return e ? e->code : DJ_NOTFOUND;
	fill_app(st, a);
	db_done(st);
	return 0;
}

/* ---- checking what was typed ---- */

static int check_texts(struct review_app *a, struct dj_err *e)
{
	struct text_field f[APP_TEXTS + 2];
	f[0] = (struct text_field){ "org", "所在支部", a->org, 0 };
	f[1] = (struct text_field){ "kind", "类别", a->kind, 0 };
	for (int i = 0; i < APP_TEXTS; i++)
		f[i + 2] = (struct text_field){ texts[i].key, texts[i].label, field(a, i),
		                                texts[i].multiline };
	if (valid_texts(f, APP_TEXTS + 2, e))
		return DJ_INVALID;
	utf8_trim(a->org);
	utf8_trim(a->kind);
	for (int i = 0; i < APP_TEXTS; i++)
		if (!texts[i].multiline)
			utf8_trim(field(a, i));
	return 0;
}

static int check_kind(const struct review_rules *r, struct review_app *a, const char **org_kind,
                      struct dj_err *e)
{
	if (r->kind == REVIEW_PROJECT) {
		if (!*a->kind)
			snprintf(a->kind, sizeof a->kind, "项目");
		if (strcmp(a->kind, "项目") != 0)
			return dj_fail(e, DJ_INVALID, "kind", "立项批次只收「项目」申报：%s", a->kind);
	} else if (strcmp(a->kind, "标杆学院") != 0 && strcmp(a->kind, "样板支部") != 0) {
		return dj_fail(e, DJ_INVALID, "kind", "「类别」应为 标杆学院 或 样板支部：%s", a->kind);
	}
	*org_kind = strcmp(a->kind, "标杆学院") == 0 ? "党总支" : "党支部";
	return 0;
}

static int check_org(struct session *s, const struct review_rules *r, struct review_app *a,
                     struct dj_err *e)
{
	const char *need = "党支部";
	struct org o;
	if (check_kind(r, a, &need, e))
		return DJ_INVALID;
	const char *label = r->kind == REVIEW_PROJECT ? "所在支部" : "申报单位";
	if (!*a->org)
		return dj_fail(e, DJ_INVALID, "org", "「%s」不能为空（按 F4 选择）", label);
	if (org_find_by_name(s, a->org, &a->org_id) || org_load(s, a->org_id, &o, NULL))
		return dj_fail(e, DJ_INVALID, "org", "「%s」%s 不存在（按 F4 选择）", label, a->org);
	if (strcmp(o.kind, need) != 0)
		return dj_fail(e, DJ_INVALID, "org", "「%s」%s 是%s，%s应由%s申报", label, a->org, o.kind,
		               a->kind, need);
	if (strcmp(o.status, "正常") != 0)
		return dj_fail(e, DJ_INVALID, "org", "「%s」%s 已撤销", label, a->org);
	if (!org_in_subtree(s->db, r->org_id, a->org_id))
		return dj_fail(e, DJ_INVALID, "org", "「%s」%s 不在本批次组织单位之下", label, a->org);
	return 0;
}

static int check_fields(const struct review_rules *r, struct review_app *a, struct dj_err *e)
{
	char why[WHY_MAX], norm[11];
	if (!*a->title)
		return dj_fail(e, DJ_INVALID, "title", "「%s」不能为空",
		               r->kind == REVIEW_PROJECT ? "项目名称" : "创建名称");
	if (strlen(a->title) >= sizeof a->title - 1 || utf8_cols(a->title) > 80)
		return dj_fail(e, DJ_INVALID, "title", "「项目名称」太长（最多 40 个汉字）");
	if (!*a->filed_on)
		return dj_fail(e, DJ_INVALID, "filed_on", "「填表日期」不能为空");
	if (valid_date(a->filed_on, norm, why))
		return dj_fail(e, DJ_INVALID, "filed_on", "「填表日期」%s：%s", why, a->filed_on);
	snprintf(a->filed_on, sizeof a->filed_on, "%s", norm);
	if (strncmp(a->filed_on, r->term, 4) != 0)
		return dj_fail(e, DJ_INVALID, "filed_on", "「填表日期」%s 不在本批次申报的 %.4s 年",
		               a->filed_on, r->term);
	if (*a->ends_on) {
		if (valid_date(a->ends_on, norm, why))
			return dj_fail(e, DJ_INVALID, "ends_on", "「计划结束日期」%s：%s", why, a->ends_on);
		snprintf(a->ends_on, sizeof a->ends_on, "%s", norm);
		char last[11];
		snprintf(last, sizeof last, "%.4s-08-31", r->term + 5);
		if (r->kind == REVIEW_PROJECT && strcmp(a->ends_on, last) > 0 && !*a->long_reason)
			return dj_fail(e, DJ_INVALID, "long_reason",
			               "项目至 %s 结束，超过一个学年（%s），请写明「超过一学年的理由」",
			               a->ends_on, r->term);
	}
	if (r->kind == REVIEW_CREATE && !*a->goal_year1)
		return dj_fail(e, DJ_INVALID, "goal_year1", "「第一年目标」不能为空");
	return 0;
}

/* 立项: a branch files per_org projects a batch; 创建: one application. */
static int check_per_org(struct session *s, const struct review_rules *r,
                         const struct review_app *a, struct dj_err *e)
{
	int64_t ids[3] = { a->batch_id, a->org_id, a->id };
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM review_app WHERE batch_id = ?1 AND"
	                       " org_id = ?2 AND id <> ?3", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "检查申报数");
	for (int i = 0; i < 3; i++)
		sqlite3_bind_int64(st, i + 1, ids[i]);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	int most = r->kind == REVIEW_PROJECT ? r->per_org : 1;
	if (n >= most)
		return dj_fail(e, DJ_INVALID, "org", "%s 在本批次已有 %d 份申报（每个组织最多 %d 份）",
		               a->org, n, most);
	return 0;
}

/* ---- saving ---- */

static const char *app_json(const struct review_app *a, struct json *j)
{
	json_begin(j);
	json_str(j, "所在支部", a->org);
	json_str(j, "类别", a->kind);
	for (int i = 0; i < APP_TEXTS; i++)
		json_str(j, texts[i].label, (const char *)a + texts[i].at);
	json_str(j, "声明人", a->declared_by);
	json_str(j, "声明日期", a->declared_on);
	return json_end(j);
}

/* Who declared 未出现重大问题、事件, and when: stamped when the text changes. */
static void stamp_declaration(struct session *s, const struct review_app *was,
                              struct review_app *a)
{
	if (!*a->declaration) {
		a->declared_by[0] = a->declared_on[0] = 0;
	} else if (!was || strcmp(was->declaration, a->declaration) != 0 || !*was->declared_by) {
		snprintf(a->declared_by, sizeof a->declared_by, "%s", *s->display ? s->display : s->login);
		today(a->declared_on);
	} else {
		snprintf(a->declared_by, sizeof a->declared_by, "%s", was->declared_by);
		snprintf(a->declared_on, sizeof a->declared_on, "%s", was->declared_on);
	}
}

static int write_app(struct session *s, struct review_app *a, struct dj_err *e)
{
	char sql[1400];
	int n = 0;
	if (!a->id) {
		n = snprintf(sql, sizeof sql, "INSERT INTO review_app(batch_id, org_id, kind,"
		             " declared_by, declared_on, updated_by");
		for (int i = 0; i < APP_TEXTS; i++)
			n += snprintf(sql + n, sizeof sql - (size_t)n, ", %s", texts[i].column);
		n += snprintf(sql + n, sizeof sql - (size_t)n, ") VALUES (?1, ?2, ?3, ?4, ?5, ?6");
		for (int i = 0; i < APP_TEXTS; i++)
			n += snprintf(sql + n, sizeof sql - (size_t)n, ", ?%d", 10 + i);
		snprintf(sql + n, sizeof sql - (size_t)n, ")");
	} else {
		n = snprintf(sql, sizeof sql, "%s", "UPDATE review_app SET batch_id = ?1, org_id = ?2,"
		             " kind = ?3, declared_by = ?4, declared_on = ?5, updated_by = ?6,"
		             " updated_at = " REVIEW_NOW ", version = version + 1");
		for (int i = 0; i < APP_TEXTS; i++)
			n += snprintf(sql + n, sizeof sql - (size_t)n, ", %s = ?%d", texts[i].column, 10 + i);
		snprintf(sql + n, sizeof sql - (size_t)n, " WHERE id = ?7 AND version = ?8");
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存申报");
	sqlite3_bind_int64(st, 1, a->batch_id);
	sqlite3_bind_int64(st, 2, a->org_id);
	sqlite3_bind_text(st, 3, a->kind, -1, SQLITE_STATIC);
	db_bind_text(st, 4, a->declared_by, 1);
	db_bind_text(st, 5, a->declared_on, 1);
	sqlite3_bind_text(st, 6, s->login, -1, SQLITE_STATIC);
	if (a->id) {
		sqlite3_bind_int64(st, 7, a->id);
		sqlite3_bind_int64(st, 8, a->version);
	}
	for (int i = 0; i < APP_TEXTS; i++)
		db_bind_text(st, 10 + i, field(a, i), 1);
	return db_step_save(s->db, st, &a->id, &a->version, "保存申报", e);
}

static int save_in_txn(struct session *s, struct review_app *a, const struct review_rules *r,
                       struct dj_err *e)
{
	struct review_app was;
	struct json before = JSON_INIT, after = JSON_INIT;
	int is_new = a->id == 0;
	if (!is_new) {
		if (review_app_load(s, a->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != a->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (was.state != RV_APPLIED && was.state != RV_RECOMMENDED)
			return dj_fail(e, DJ_INVALID, NULL, "申报现为%s，申报内容不能再修改", was.state_word);
		if (was.batch_id != a->batch_id)
			return dj_fail(e, DJ_INVALID, NULL, "申报不能移到另一个批次");
		struct review_head h = { .org_id = was.org_id };
		snprintf(h.org, sizeof h.org, "%s", was.org);
		if (review_may_write(s, &h, e))
			return DJ_DENIED;
	}
	struct review_head now = { .org_id = a->org_id };
	snprintf(now.org, sizeof now.org, "%s", a->org);
	if (review_may_write(s, &now, e) || check_per_org(s, r, a, e))
		return e ? e->code : DJ_DENIED;
	stamp_declaration(s, is_new ? NULL : &was, a);
	if (write_app(s, a, e))
		return e ? e->code : DJ_DB;
	int rc = audit_saved(s, "review_app", a->id, is_new, is_new ? NULL : app_json(&was, &before),
	                     app_json(a, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int review_app_save(struct session *s, struct review_app *a, struct dj_err *e)
{
	struct review_rules r;
	if (check_texts(a, e))
		return DJ_INVALID;
	if (review_rules_load(s, a->batch_id, &r, e))
		return e ? e->code : DJ_NOTFOUND;
	if (check_org(s, &r, a, e) || check_fields(&r, a, e))
		return e ? e->code : DJ_INVALID;
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	int rc = db_txn_end(&t, save_in_txn(s, a, &r, e), e);
	if (rc)
		return rc;
	return review_app_load(s, a->id, a, e);
}

/* ---- deleting ---- */

static int delete_in_txn(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct review_app a;
	if (review_app_load(s, id, &a, e))
		return e ? e->code : DJ_DB;
	if (a.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (a.state != RV_APPLIED)
		return dj_fail(e, DJ_INVALID, NULL, "申报「%s」现为%s，不能删除（只能删除已申报的）",
		               a.title, a.state_word);
	struct review_head h = { .org_id = a.org_id };
	snprintf(h.org, sizeof h.org, "%s", a.org);
	if (review_may_write(s, &h, e))
		return DJ_DENIED;
	int64_t ids[2] = { id, version };
	static const char *const sql[] = {
		"DELETE FROM review_note WHERE app_id = ?", "DELETE FROM review_task WHERE app_id = ?",
		"DELETE FROM review_fund WHERE app_id = ?", "DELETE FROM review_score WHERE app_id = ?",
	};
	for (int i = 0; i < 4; i++)
		if (db_exec_ids(s->db, sql[i], ids, 1, "删除申报", e))
			return DJ_DB;
	if (db_exec_ids(s->db, "DELETE FROM review_app WHERE id = ?1 AND version = ?2", ids, 2,
	                "删除申报", e))
		return DJ_DB;
	if (sqlite3_changes(s->db) == 0)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	struct json before = JSON_INIT;
	int rc = audit_write(s, "review_app", id, "删除", app_json(&a, &before), NULL, e);
	json_free(&before);
	return rc;
}

int review_app_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	return db_txn_end(&t, delete_in_txn(s, id, version, e), e);
}

/* [review_project] directions when the office lists its own, else the six
 * areas of seed 004 §三 that migration 010 put in the code list. */
int review_directions(struct session *s, char out[][64], int cap)
{
	static const char *const seps[] = { "、", "，", ",", NULL };
	const char *list = config_str(s->cfg, "review_project:directions", "");
	int n = 0;
	char item[64];
	while (n < cap && itemlist_next(&list, seps, item, sizeof item))
		if (*item)
			snprintf(out[n++], 64, "%s", item);
	if (n)
		return n;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT label FROM dict WHERE kind = '立项方向' ORDER BY sort",
	                       -1, &st, NULL) != SQLITE_OK)
		return 0;
	while (n < cap && sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, out[n++], 64);
	sqlite3_finalize(st);
	return n;
}
