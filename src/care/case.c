/* case.c — one entry of the 关怀对象 register: a member, the category
 * (老党员, 生活困难, 因病), why and from when, and when and why the member
 * left it.  An entry is never deleted: leaving the register is a date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/internal.h"
#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"

int care_case_load(struct session *s, int64_t id, struct care_case *c, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT c.id, c.version, c.member_id, m.name, o.name, c.category,"
	                     " c.reason, c.listed_on, c.address, coalesce(c.left_on, ''), c.left_reason"
	                     " FROM care_case c JOIN member m ON m.id = c.member_id"
	                     " JOIN org o ON o.id = m.org_id WHERE c.id = ?", id, &st,
	                     "读取关怀对象", "该关怀对象记录已不存在", e);
	if (rc)
		return rc;
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->version = sqlite3_column_int64(st, 1);
	c->member_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, c->member, sizeof c->member);
	db_col_text(st, 4, c->org, sizeof c->org);
	db_col_text(st, 5, c->category, sizeof c->category);
	db_col_text(st, 6, c->reason, sizeof c->reason);
	db_col_text(st, 7, c->listed_on, sizeof c->listed_on);
	db_col_text(st, 8, c->address, sizeof c->address);
	db_col_text(st, 9, c->left_on, sizeof c->left_on);
	db_col_text(st, 10, c->left_reason, sizeof c->left_reason);
	db_done(st);
	return 0;
}

/* Another entry of the member in the category whose time on the register
 * meets this one's: its 列入日期 into `other`, 1; 0 when none. */
static int overlapping(struct session *s, const struct care_case *c, char other[11])
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT listed_on FROM care_case WHERE member_id = ?1"
	                       " AND category = ?2 AND id <> ?3 AND (left_on IS NULL OR left_on > ?4)"
	                       " AND (?5 = '' OR listed_on < ?5) LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, c->member_id);
	db_bind_text(st, 2, c->category, 0);
	sqlite3_bind_int64(st, 3, c->id);
	db_bind_text(st, 4, c->listed_on, 0);
	db_bind_text(st, 5, c->left_on, 0);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		db_col_text(st, 0, other, 11);
	sqlite3_finalize(st);
	return found;
}

static int check_case(struct session *s, struct care_case *c, struct dj_err *e)
{
	const struct text_field t[] = {
		{ "reason", "原因", c->reason, 0 }, { "address", "家庭住址", c->address, 0 },
		{ "left_reason", "移出原因", c->left_reason, 0 },
	};
	int rc = care_member(s, c->member_id, "member", c->member, c->org, e);
	if (rc)
		return rc;
	/* a member who has left (转出, 去世 …) is not listed anew; an entry
	 * already held can still be closed with its 移出日期 */
	char status[16] = "";
	sqlite3_stmt *st;
	if (c->id == 0 && sqlite3_prepare_v2(s->db, "SELECT status FROM member WHERE id = ?", -1, &st,
	                                     NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, c->member_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			db_col_text(st, 0, status, sizeof status);
		sqlite3_finalize(st);
		if (*status && strcmp(status, "正常") != 0)
			return dj_fail(e, DJ_INVALID, "member", "「党员」%s 的状态为%s，不能列入关怀对象",
			               c->member, status);
	}
	int known = 0;
	for (int i = 0; care_categories[i]; i++)
		known |= strcmp(c->category, care_categories[i]) == 0;
	if (!known)
		return dj_fail(e, DJ_INVALID, "category", "「类别」应为老党员、生活困难或因病：%s",
		               *c->category ? c->category : "（空）");
	if (!*c->reason)
		return dj_fail(e, DJ_INVALID, "reason", "「原因」不能为空：写明列入的原因");
	if (valid_texts(t, 3, e) || care_day(c->listed_on, "listed_on", "列入日期", 1, e) ||
	    care_day(c->left_on, "left_on", "移出日期", 0, e))
		return DJ_INVALID;
	if (*c->left_on && strcmp(c->left_on, c->listed_on) < 0)
		return dj_fail(e, DJ_INVALID, "left_on", "「移出日期」%s 早于列入日期 %s", c->left_on,
		               c->listed_on);
	if (*c->left_on && !*c->left_reason)
		return dj_fail(e, DJ_INVALID, "left_reason", "「移出原因」不能为空：移出时写明原因（如去世、转出、困难已解决）");
	if (!*c->left_on && *c->left_reason)
		return dj_fail(e, DJ_INVALID, "left_on", "「移出日期」不能为空：写了移出原因就要填移出日期");
	char other[11];
	if (overlapping(s, c, other))
		return dj_fail(e, DJ_INVALID, "category", "「类别」%s 已于 %s 作为%s列入关怀对象，不能重复列入",
		               c->member, other, c->category);
	return 0;
}

static const char *case_json(const struct care_case *c, struct json *j)
{
	json_begin(j);
	json_str(j, "党员", c->member);
	json_str(j, "类别", c->category);
	json_str(j, "原因", c->reason);
	json_str(j, "列入日期", c->listed_on);
	json_str(j, "家庭住址", c->address);
	json_str(j, "移出日期", c->left_on);
	json_str(j, "移出原因", c->left_reason);
	return json_end(j);
}

static int store(struct session *s, struct care_case *c, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = c->id == 0
		? "INSERT INTO care_case(member_id, category, reason, listed_on, address, left_on,"
		  " left_reason, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		  CARE_NOW ")"
		: "UPDATE care_case SET member_id = ?1, category = ?2, reason = ?3, listed_on = ?4,"
		  " address = ?5, left_on = ?6, left_reason = ?7, updated_by = ?8, updated_at = "
		  CARE_NOW ", version = version + 1 WHERE id = ?9 AND version = ?10";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存关怀对象");
	sqlite3_bind_int64(st, 1, c->member_id);
	db_bind_text(st, 2, c->category, 0);
	db_bind_text(st, 3, c->reason, 0);
	db_bind_text(st, 4, c->listed_on, 0);
	db_bind_text(st, 5, c->address, 0);
	db_bind_text(st, 6, c->left_on, 1);
	db_bind_text(st, 7, c->left_reason, 0);
	db_bind_text(st, 8, s->login, 1);
	if (c->id) {
		sqlite3_bind_int64(st, 9, c->id);
		sqlite3_bind_int64(st, 10, c->version);
	}
	return db_step_save(s->db, st, &c->id, &c->version, "保存关怀对象", e);
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct care_case *c = rec, was;
	int is_new = c->id == 0;
	if (!is_new) {
		if (care_case_load(s, c->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != c->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		char name[64], org[128];
		int rc = care_member(s, was.member_id, "member", name, org, e);
		if (rc)
			return rc;
	}
	int rc = check_case(s, c, e);
	if (rc || (rc = store(s, c, e)))
		return rc;
	struct json before = JSON_INIT, after = JSON_INIT;
	rc = audit_saved(s, "care_case", c->id, is_new, is_new ? NULL : case_json(&was, &before),
	                 case_json(c, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int care_case_save(struct session *s, struct care_case *c, struct dj_err *e)
{
	struct care_case keep = *c;
	utf8_trim(c->category);
	utf8_trim(c->reason);
	utf8_trim(c->listed_on);
	utf8_trim(c->left_on);
	utf8_trim(c->left_reason);
	int rc = care_in_txn(s, "care_case", save_in_txn, c, e);
	if (rc) {
		*c = keep;
		return rc;
	}
	return care_case_load(s, c->id, c, e);
}

/* ---- 老党员 by the rule ---- */

int care_old_proposals(struct session *s, int64_t org_id, const char *on,
                       struct care_proposal **out, int *n, struct dj_err *e)
{
	struct care_rules r;
	care_rules_load(s, &r);
	*out = NULL;
	*n = 0;
	/* the rule's cut-off days, so the database walks only the candidates */
	char born_by[11], joined_by[11];
	date_add_months(on, -12 * r.old_age, born_by);
	date_add_months(on, -12 * r.old_years, joined_by);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT m.id, m.name, o.name, coalesce(m.birth_date, ''),"
	                       " coalesce(m.joined_on, '') FROM member m JOIN org o ON o.id = m.org_id"
	                       " WHERE m.status = '正常' AND (m.birth_date <= :born OR"
	                       " m.joined_on <= :joined) AND " DB_SUBTREE("m.org_id")
	                       " AND NOT EXISTS (SELECT 1 FROM care_case c WHERE c.member_id = m.id"
	                       " AND c.category = '老党员' AND c.listed_on <= :on"
	                       " AND (c.left_on IS NULL OR c.left_on > :on))"
	                       " ORDER BY o.name_py, o.id, m.name_py, m.id", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取老党员");
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":born"), born_by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":joined"), joined_by, -1,
	                  SQLITE_TRANSIENT);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":on"), on, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"),
	                   org_id ? org_id : s->scope_org);
	int cap = 0, rc = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char birth[11], joined[11];
		struct care_proposal p;
		memset(&p, 0, sizeof p);
		p.member_id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, p.name, sizeof p.name);
		db_col_text(st, 2, p.org, sizeof p.org);
		db_col_text(st, 3, birth, sizeof birth);
		db_col_text(st, 4, joined, sizeof joined);
		if (!care_is_old(&r, birth, joined, on, p.why))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			struct care_proposal *more = realloc(*out, (size_t)cap * sizeof *more);
			if (!more)
				break;
			*out = more;
		}
		(*out)[(*n)++] = p;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return rc == SQLITE_ROW ? dj_fail(e, DJ_DB, NULL, "内存不足") : db_fail(s->db, e, "读取老党员");
	}
	return 0;
}

struct batch {
	const struct care_proposal *p;
	int n;
	const char *on;
	int added;
};

static int add_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct batch *b = rec;
	for (int i = 0; i < b->n; i++) {
		struct care_case c;
		memset(&c, 0, sizeof c);
		c.member_id = b->p[i].member_id;
		snprintf(c.category, sizeof c.category, "老党员");
		snprintf(c.reason, sizeof c.reason, "%s", b->p[i].why);
		snprintf(c.listed_on, sizeof c.listed_on, "%s", b->on);
		int rc = care_case_save(s, &c, e);
		if (rc)
			return rc;
		b->added++;
	}
	return 0;
}

int care_old_add(struct session *s, const struct care_proposal *p, int n, const char *on,
                 int *added, struct dj_err *e)
{
	struct batch b = { p, n, on, 0 };
	int rc = care_in_txn(s, "care_old", add_in_txn, &b, e);
	*added = rc ? 0 : b.added;
	return rc;
}
