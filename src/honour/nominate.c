/* nominate.c — one nomination (推荐): reading, the recipient and who
 * nominates, the quota, the eligibility rules with [nominate] rules = warn,
 * and the save, audited. */
#include <string.h>

#include "core/config.h"
#include "core/db.h"
#include "core/db_write.h"
#include "core/text.h"
#include "core/validate.h"
#include "honour/honour.h"
#include "honour/nominate.h"
#include "honour/nominate_internal.h"

#define SELECT_NOM \
	"SELECT n.id, n.version, n.cycle_id, n.kind, coalesce(n.member_id, 0), coalesce(n.org_id, 0)," \
	" coalesce(m.name, r.name, ''), n.title, n.nominator_id, o.name, n.reasons, n.state," \
	" n.review_note, n.decision_reason, n.overrides, n.override_reason, coalesce(n.honour_id, 0)" \
	" FROM nomination n LEFT JOIN member m ON m.id = n.member_id" \
	" LEFT JOIN org r ON r.id = n.org_id JOIN org o ON o.id = n.nominator_id"

int nomination_load(struct session *s, int64_t id, struct nomination *n, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, SELECT_NOM " WHERE n.id = ?", id, &st, "读取推荐",
	                     "该推荐记录已不存在", e);
	if (rc)
		return rc;
	memset(n, 0, sizeof *n);
	n->id = sqlite3_column_int64(st, 0);
	n->version = sqlite3_column_int64(st, 1);
	n->cycle_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, n->kind, sizeof n->kind);
	n->member_id = sqlite3_column_int64(st, 4);
	n->org_id = sqlite3_column_int64(st, 5);
	db_col_text(st, 6, n->recipient, sizeof n->recipient);
	db_col_text(st, 7, n->title, sizeof n->title);
	n->nominator_id = sqlite3_column_int64(st, 8);
	db_col_text(st, 9, n->nominator, sizeof n->nominator);
	db_col_text(st, 10, n->reasons, sizeof n->reasons);
	db_col_text(st, 11, n->state, sizeof n->state);
	db_col_text(st, 12, n->review_note, sizeof n->review_note);
	db_col_text(st, 13, n->decision_reason, sizeof n->decision_reason);
	db_col_text(st, 14, n->overrides, sizeof n->overrides);
	db_col_text(st, 15, n->override_reason, sizeof n->override_reason);
	n->honour_id = sqlite3_column_int64(st, 16);
	db_done(st);
	return 0;
}

const char *nomination_json(const struct nomination *n, struct json *j)
{
	json_begin(j);
	json_str(j, "推荐对象", n->recipient);
	json_str(j, "类别", strcmp(n->kind, "org") == 0 ? "组织" : "个人");
	json_str(j, "称号", n->title);
	json_str(j, "推荐单位", n->nominator);
	json_str(j, "推荐理由", n->reasons);
	json_str(j, "状态", n->state);
	json_str(j, "审核意见", n->review_note);
	json_str(j, "未批准原因", n->decision_reason);
	json_str(j, "未满足的规则", n->overrides);
	json_str(j, "越过规则理由", n->override_reason);
	json_int(j, "授予的荣誉", n->honour_id);
	return json_end(j);
}

/* The recipient exists; who nominates it: a member's branch, an
 * organization's parent (itself at the top). */
static int resolve_recipient(struct session *s, struct nomination *n, struct dj_err *e)
{
	int is_member = strcmp(n->kind, "member") == 0;
	if (!is_member && strcmp(n->kind, "org") != 0)
		return dj_fail(e, DJ_INVALID, "recipient", "「推荐对象」须为党员或党组织");
	int64_t id = is_member ? n->member_id : n->org_id;
	if (id <= 0)
		return dj_fail(e, DJ_INVALID, "recipient", "「推荐对象」不能为空：须选择一名%s",
		               is_member ? "党员" : "党组织");
	sqlite3_stmt *st;
	const char *sql = is_member
		? "SELECT m.name, m.org_id, o.name FROM member m JOIN org o ON o.id = m.org_id"
		  " WHERE m.id = ?"
		: "SELECT r.name, coalesce(r.parent_id, r.id), o.name FROM org r"
		  " JOIN org o ON o.id = coalesce(r.parent_id, r.id) WHERE r.id = ?";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取推荐对象");
	sqlite3_bind_int64(st, 1, id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		db_col_text(st, 0, n->recipient, sizeof n->recipient);
		n->nominator_id = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, n->nominator, sizeof n->nominator);
	}
	sqlite3_finalize(st);
	if (!found)
		return dj_fail(e, DJ_INVALID, "recipient", "「推荐对象」所选的%s已不存在",
		               is_member ? "党员" : "党组织");
	if (is_member)
		n->org_id = 0;
	else
		n->member_id = 0;
	return 0;
}

/* Nominations of the organization for the title that still count: those
 * not turned down, this one left out. */
static int quota_used(struct session *s, const struct nomination *n)
{
	sqlite3_stmt *st;
	int used = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM nomination WHERE cycle_id = ?"
	                       " AND nominator_id = ? AND title = ? AND id <> ?"
	                       " AND state NOT IN ('审核不通过', '未批准')", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, n->cycle_id);
	sqlite3_bind_int64(st, 2, n->nominator_id);
	sqlite3_bind_text(st, 3, n->title, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, n->id);
	if (sqlite3_step(st) == SQLITE_ROW)
		used = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return used;
}

static int already_nominated(struct session *s, const struct nomination *n)
{
	sqlite3_stmt *st;
	int found = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM nomination WHERE cycle_id = ? AND title = ?"
	                       " AND coalesce(member_id, 0) = ? AND coalesce(org_id, 0) = ?"
	                       " AND id <> ? AND state NOT IN ('审核不通过', '未批准')",
	                       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, n->cycle_id);
	sqlite3_bind_text(st, 2, n->title, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, n->member_id);
	sqlite3_bind_int64(st, 4, n->org_id);
	sqlite3_bind_int64(st, 5, n->id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* A failed rule: refused in strict mode; in warn mode gone past by an
 * operator of override_role or above who gives the reason, recorded. */
static int check_rules(struct session *s, const struct nom_cycle *c, struct nomination *n,
                       struct dj_err *e)
{
	char rules[NOM_MAX_RULES][NOM_RULE_LEN];
	int k = nominate_breaches(s, c, n, rules, NOM_MAX_RULES);
	n->overrides[0] = 0;
	if (k == 0) {
		n->override_reason[0] = 0;
		return 0;
	}
	const char *mode = s->cfg ? config_str(s->cfg, "nominate:rules", "strict") : "strict";
	const char *who = s->cfg ? config_str(s->cfg, "nominate:override_role", "admin") : "admin";
	enum role need = strcmp(who, "operator") == 0 ? ROLE_OPERATOR : ROLE_ADMIN;
	if (strcmp(mode, "warn") != 0)
		return dj_fail(e, DJ_INVALID, "recipient", "不符合推荐条件：%s", rules[0]);
	if (s->role < need)
		return dj_fail(e, DJ_DENIED, "recipient", "不符合推荐条件：%s（只有%s可以说明理由后"
		               "继续推荐）", rules[0], need == ROLE_ADMIN ? "管理员" : "经办人");
	if (!*n->override_reason)
		return dj_fail(e, DJ_INVALID, "override_reason", "不符合推荐条件：%s；如仍要推荐，"
		               "须填写「越过规则理由」", rules[0]);
	for (int i = 0; i < k; i++) {
		size_t len = strlen(n->overrides);
		snprintf(n->overrides + len, sizeof n->overrides - len, "%s%s", i ? "\n" : "", rules[i]);
	}
	return 0;
}

static int check_nomination(struct session *s, const struct nom_cycle *c, struct nomination *n,
                            struct dj_err *e)
{
	const struct text_field t[] = { { "reasons", "推荐理由", n->reasons, 1 },
	                                { "override_reason", "越过规则理由", n->override_reason, 0 } };
	if (valid_texts(t, 2, e) || resolve_recipient(s, n, e))
		return e ? e->code : DJ_INVALID;
	if (strcmp(c->state, "推荐中") != 0)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」已%s，不能再推荐", c->name, c->state);
	char now[11];
	if (n->id == 0 && *c->due_on && strcmp(today(now), c->due_on) > 0)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」的推荐已于 %s 截止", c->name, c->due_on);
	if (session_may_write(s, n->nominator_id, e))
		return DJ_DENIED;
	if (!org_in_subtree(s->db, c->org_id, n->nominator_id))
		return dj_fail(e, DJ_INVALID, "recipient", "%s不在%s之下，不参加本次评选",
		               n->nominator, c->org);
	if (!*n->title)
		return dj_fail(e, DJ_INVALID, "title", "「称号」不能为空");
	if (!nom_cycle_has_title(c, n->title))
		return dj_fail(e, DJ_INVALID, "title", "「称号」「%s」不是本次评选的称号（%s）",
		               n->title, c->titles);
	int is_member = strcmp(n->kind, "member") == 0, only = honour_title_for(n->title);
	if ((only == 'o' && is_member) || (only == 'm' && !is_member))
		return dj_fail(e, DJ_INVALID, "title", "「%s」授予%s，不能推荐%s", n->title,
		               only == 'o' ? "党组织" : "党员个人", is_member ? "党员个人" : "党组织");
	if (already_nominated(s, n))
		return dj_fail(e, DJ_INVALID, "recipient", "%s已被推荐为「%s」", n->recipient, n->title);
	int quota = nom_quota_of(s, c, n->nominator_id, n->title), used = quota_used(s, n);
	if (used >= quota)
		return dj_fail(e, DJ_INVALID, "title", "%s的「%s」名额为 %d，已推荐 %d 名",
		               n->nominator, n->title, quota, used);
	if (!*n->reasons)
		return dj_fail(e, DJ_INVALID, "reasons", "「推荐理由」不能为空：写明主要事迹");
	return check_rules(s, c, n, e);
}

static int store_nomination(struct session *s, struct nomination *n, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = n->id == 0
		? "INSERT INTO nomination(cycle_id, kind, member_id, org_id, title, nominator_id, reasons,"
		  " overrides, override_reason, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		  " ?7, ?8, ?9, ?10, " NOM_NOW ")"
		: "UPDATE nomination SET cycle_id = ?1, kind = ?2, member_id = ?3, org_id = ?4,"
		  " title = ?5, nominator_id = ?6, reasons = ?7, overrides = ?8, override_reason = ?9,"
		  " updated_by = ?10, updated_at = " NOM_NOW ", version = version + 1"
		  " WHERE id = ?11 AND version = ?12";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存推荐");
	sqlite3_bind_int64(st, 1, n->cycle_id);
	db_bind_text(st, 2, n->kind, 0);
	if (n->member_id)
		sqlite3_bind_int64(st, 3, n->member_id);
	if (n->org_id)
		sqlite3_bind_int64(st, 4, n->org_id);
	db_bind_text(st, 5, n->title, 0);
	sqlite3_bind_int64(st, 6, n->nominator_id);
	db_bind_text(st, 7, n->reasons, 0);
	db_bind_text(st, 8, n->overrides, 0);
	db_bind_text(st, 9, n->override_reason, 0);
	db_bind_text(st, 10, s->login, 1);
	if (n->id) {
		sqlite3_bind_int64(st, 11, n->id);
		sqlite3_bind_int64(st, 12, n->version);
	}
	return db_step_save(s->db, st, &n->id, &n->version, "保存推荐", e);
}

static int save_in_txn(struct session *s, struct nomination *n, struct dj_err *e)
{
	struct nom_cycle c;
	struct nomination was;
	int is_new = n->id == 0;
	if (!is_new) {
		if (nomination_load(s, n->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != n->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (strcmp(was.state, "已推荐") != 0)
			return dj_fail(e, DJ_INVALID, NULL, "该推荐已%s，不能再修改", was.state);
		if (session_may_write(s, was.nominator_id, e))
			return DJ_DENIED;
		n->cycle_id = was.cycle_id;
	}
	if (nom_cycle_load(s, n->cycle_id, &c, e))
		return e ? e->code : DJ_DB;
	if (check_nomination(s, &c, n, e) || store_nomination(s, n, e))
		return e ? e->code : DJ_INVALID;
	struct nomination now;
	if (nomination_load(s, n->id, &now, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "nomination", n->id, is_new,
	                     is_new ? NULL : nomination_json(&was, &before),
	                     nomination_json(&now, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int nominate_save(struct session *s, struct nomination *n, struct dj_err *e)
{
	struct nomination keep = *n;
	utf8_trim(n->title);
	utf8_trim(n->override_reason);
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), "nomination", e);
	if (!rc)
		rc = db_txn_end(&t, save_in_txn(s, n, e), e);
	if (rc) {
		*n = keep;   /* what was typed stays as typed */
		return rc;
	}
	return nomination_load(s, n->id, n, e);
}
