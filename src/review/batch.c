/* batch.c — a review batch's settings: defaults from dangjian.ini, the
 * checks on what was typed, the version-checked save of the batch with its
 * stages, criteria and 评审组 in one transaction, and the freeze at the
 * first decision.  Reading, listing and deleting are in batch_store.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/itemlist.h"
#include "core/json.h"
#include "core/text.h"
#include "org/org.h"
#include "review/batch_parse.h"

/* ---- defaults ---- */

static int work_year(const struct session *s)
{
	char now[11];
	return s->cfg->year ? s->cfg->year : atoi(today(now));
}

/* The top 党委 the operator may write for: their scope, else the first
 * top-level organization. */
static void default_org(struct session *s, char *out, size_t cap)
{
	sqlite3_stmt *st;
	out[0] = 0;
	if (sqlite3_prepare_v2(s->db,
	        s->scope_org ? "SELECT name FROM org WHERE id = ?1"
	                     : "SELECT name FROM org WHERE parent_id IS NULL AND status = '正常'"
	                       " ORDER BY id LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return;
	if (s->scope_org)
		sqlite3_bind_int64(st, 1, s->scope_org);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, out, cap);
	sqlite3_finalize(st);
}

/* "名称:满分" pairs from an ini list, separated by commas (a name may hold
 * 、 as 过程性、系统性 does). */
static void criteria_from_ini(const char *list, struct review_batch *b)
{
	static const char *const seps[] = { ",", "，", NULL };
	char item[96];
	const char *p = list;
	b->ncrit = 0;
	while (b->ncrit < REVIEW_MAX_CRIT && itemlist_next(&p, seps, item, sizeof item)) {
		if (!*item)
			continue;
		char *colon = strrchr(item, ':');
		if (colon) {
			*colon = 0;
			snprintf(b->crit_max[b->ncrit], sizeof b->crit_max[0], "%.7s", colon + 1);
			utf8_trim(b->crit_max[b->ncrit]);
		}
		utf8_trim(item);
		snprintf(b->crit_name[b->ncrit], sizeof b->crit_name[0], "%s", item);
		b->ncrit++;
	}
}

static void ini_text(const struct config *c, const char *key, const char *def, char *out,
                     size_t cap)
{
	snprintf(out, cap, "%s", config_str(c, key, def));
	utf8_trim(out);
}

static void project_defaults(const struct config *c, int y, struct review_batch *b)
{
	snprintf(b->term, sizeof b->term, "%d-%d", y, y + 1);
	snprintf(b->name, sizeof b->name, "%d-%d学年党支部工作立项", y, y + 1);
	ini_text(c, "review_project:fund", "1000", b->fund, sizeof b->fund);
	ini_text(c, "review_project:pass_line", "60", b->pass_line, sizeof b->pass_line);
	ini_text(c, "review_project:excellent_line", "85", b->excellent_line,
	         sizeof b->excellent_line);
	ini_text(c, "review_project:excellent_max", "3", b->excellent_max, sizeof b->excellent_max);
	ini_text(c, "review_project:per_org", "1", b->per_org, sizeof b->per_org);
	ini_text(c, "review_project:years", "1", b->years, sizeof b->years);
	ini_text(c, "review_project:reviewers", "", b->reviewers, sizeof b->reviewers);
	criteria_from_ini(config_str(c, "review_project:criteria",
	                             "完整性:20, 过程性、系统性:20, 党员参与:20, 党员受教育:20,"
	                             " 促进支部建设:20"), b);
}

static void create_defaults(const struct config *c, int y, struct review_batch *b)
{
	ini_text(c, "review_create:years", "2", b->years, sizeof b->years);
	int years = atoi(b->years) >= 1 && atoi(b->years) <= 5 ? atoi(b->years) : 2;
	snprintf(b->term, sizeof b->term, "%d-%d", y, y + years);
	snprintf(b->name, sizeof b->name, "%d-%d年度标杆学院和样板支部创建", y, y + years);
	ini_text(c, "review_create:fund_branch", "10000", b->fund, sizeof b->fund);
	ini_text(c, "review_create:fund_college", "25000", b->fund2, sizeof b->fund2);
	ini_text(c, "review_create:match", "100", b->match, sizeof b->match);
	ini_text(c, "review_create:pass_line", "80", b->pass_line, sizeof b->pass_line);
	ini_text(c, "review_create:quota_college", "1", b->quota_college, sizeof b->quota_college);
	ini_text(c, "review_create:quota_branch", "3", b->quota_branch, sizeof b->quota_branch);
	ini_text(c, "review_create:limit_zongzhi", "1", b->limit_zongzhi, sizeof b->limit_zongzhi);
	ini_text(c, "review_create:limit_jiguan", "2", b->limit_jiguan, sizeof b->limit_jiguan);
	ini_text(c, "review_create:reviewers", "", b->reviewers, sizeof b->reviewers);
	criteria_from_ini(config_str(c, "review_create:criteria",
	                             "教育党员有力:15, 管理党员有力:15, 监督党员有力:15,"
	                             " 组织师生有力:15, 宣传师生有力:10, 凝聚师生有力:15,"
	                             " 服务师生有力:15"), b);
}

void review_batch_defaults(struct session *s, enum review_kind k, struct review_batch *b)
{
	memset(b, 0, sizeof *b);
	b->kind = k;
	int y = work_year(s);
	if (k == REVIEW_CREATE)
		create_defaults(s->cfg, y, b);
	else
		project_defaults(s->cfg, y, b);
	default_org(s, b->org, sizeof b->org);
	int years = atoi(b->years) >= 1 && atoi(b->years) <= 5 ? atoi(b->years) : 1;
	b->nstage = review_default_stages(k, y, years, b->stage_name, b->stage_due, b->stage_reach);
	snprintf(b->status, sizeof b->status, "设置中");
	snprintf(b->apps, sizeof b->apps, "0");
}

/* ---- the freeze ---- */

int review_batch_frozen(const char *key)
{
	static const char *const free_keys[] = { "name", "notes", NULL };
	if (!key)
		return 1;
	if (strncmp(key, "stage_due", 9) == 0)
		return 0;
	for (int i = 0; free_keys[i]; i++)
		if (strcmp(key, free_keys[i]) == 0)
			return 0;
	return 1;
}

int review_batch_freeze(struct session *s, int64_t batch_id, const char *on, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE review_batch SET frozen_on = ?1, status = '进行中',"
	                       " version = version + 1, updated_by = ?2, updated_at = " REVIEW_NOW
	                       " WHERE id = ?3 AND frozen_on IS NULL", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "冻结批次设置");
	sqlite3_bind_text(st, 1, on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, batch_id);
	return db_step_done(s->db, st, "冻结批次设置", e);
}

/* ---- writing ---- */

static void bind_batch(sqlite3_stmt *st, const struct batch_parsed *p, const char *login)
{
	const struct review_rules *r = &p->r;
	sqlite3_bind_text(st, 1, review_kind_word(r->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->term, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, r->org_id);
	sqlite3_bind_int64(st, 5, r->fund_fen);
	sqlite3_bind_int64(st, 6, r->fund2_fen);
	const int nums[] = { r->match_pct, r->pass_line, r->excellent_line, r->excellent_max,
	                     r->per_org, r->quota_college, r->quota_branch, r->limit_zongzhi,
	                     r->limit_jiguan, r->years };
	for (int i = 0; i < 10; i++)
		sqlite3_bind_int(st, 7 + i, nums[i]);
	db_bind_text(st, 17, p->notes, 1);
	sqlite3_bind_text(st, 18, login, -1, SQLITE_STATIC);
}

static int write_batch(struct session *s, struct batch_parsed *p, struct dj_err *e)
{
	static const char ins[] =
		"INSERT INTO review_batch(kind, term, name, org_id, fund_fen, fund2_fen, match_pct,"
		" pass_line, excellent_line, excellent_max, per_org, quota_college, quota_branch,"
		" limit_zongzhi, limit_jiguan, years, notes, updated_by, updated_at) VALUES (?1,?2,?3,"
		"?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18, " REVIEW_NOW ")";
	static const char upd[] =
		"UPDATE review_batch SET kind=?1, term=?2, name=?3, org_id=?4, fund_fen=?5,"
		" fund2_fen=?6, match_pct=?7, pass_line=?8, excellent_line=?9, excellent_max=?10,"
		" per_org=?11, quota_college=?12, quota_branch=?13, limit_zongzhi=?14,"
		" limit_jiguan=?15, years=?16, notes=?17, updated_by=?18, updated_at=" REVIEW_NOW
		", version=version+1 WHERE id=?19 AND version=?20";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, p->r.id ? upd : ins, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存批次");
	bind_batch(st, p, s->login);
	if (p->r.id) {
		sqlite3_bind_int64(st, 19, p->r.id);
		sqlite3_bind_int64(st, 20, p->version);
	}
	return db_step_save(s->db, st, &p->r.id, &p->version, "保存批次", e);
}

/* Runs `sql` with ?1 the batch, ?2 the sequence number, ?3 a text, ?4 a
 * number (or the reach) and ?5 the login, once per item. */
static int insert_items(struct session *s, int64_t batch, const char *sql, int n,
                        const char (*text)[64], const int *num, const char *what,
                        struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, what);
	int rc = SQLITE_DONE;
	for (int i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(st, 1, batch);
		sqlite3_bind_int(st, 2, i + 1);
		sqlite3_bind_text(st, 3, text[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, num ? num[i] : 0);
		sqlite3_bind_text(st, 5, s->login, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, what);
}

static int write_stages(struct session *s, const struct batch_parsed *p, struct dj_err *e)
{
	if (db_exec_ids(s->db, "DELETE FROM review_stage WHERE batch_id = ?", &p->r.id, 1,
	                "保存阶段日期", e))
		return DJ_DB;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO review_stage(batch_id, seq, name, due_on, reach,"
	                       " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存阶段日期");
	int rc = SQLITE_DONE;
	for (int i = 0; i < p->nstage && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(st, 1, p->r.id);
		sqlite3_bind_int(st, 2, i + 1);
		sqlite3_bind_text(st, 3, p->stage_name[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, p->stage_due[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, p->stage_reach[i]);
		sqlite3_bind_text(st, 6, s->login, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "保存阶段日期");
}

/* Criteria keep their rows (a 自查报告 may point at one): renamed first so
 * a swap of two names does not collide, then set by sequence number, and
 * those past the new count removed unless a note refers to them. */
static int write_criteria(struct session *s, const struct batch_parsed *p, struct dj_err *e)
{
	int64_t ids[2] = { p->r.id, p->ncrit };
	if (db_int(s->db, "SELECT count(*) FROM review_note n JOIN review_criterion c ON"
	           " c.id = n.criterion_id WHERE c.batch_id = ?", p->r.id, 0) > 0 &&
	    db_int(s->db, "SELECT max(seq) FROM review_criterion WHERE batch_id = ?", p->r.id, 0) >
	        p->ncrit)
		return dj_fail(e, DJ_INVALID, "crit_name1",
		               "已有自查报告对照评分标准填写，评分标准不能减少");
	if (db_exec_ids(s->db, "UPDATE review_criterion SET name = char(1) || seq WHERE batch_id = ?",
	                ids, 1, "保存评分标准", e) ||
	    insert_items(s, p->r.id, "INSERT INTO review_criterion(batch_id, seq, name, max_score,"
	                 " updated_by) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(batch_id, seq) DO"
	                 " UPDATE SET name = excluded.name, max_score = excluded.max_score,"
	                 " version = version + 1, updated_by = excluded.updated_by, updated_at = "
	                 REVIEW_NOW, p->ncrit, p->crit_name, p->crit_max, "保存评分标准", e))
		return e ? e->code : DJ_DB;
	return db_exec_ids(s->db, "DELETE FROM review_criterion WHERE batch_id = ?1 AND seq > ?2",
	                   ids, 2, "保存评分标准", e);
}

/* No score refers to a reviewer before the freeze: replaced whole. */
static int write_reviewers(struct session *s, const struct batch_parsed *p, struct dj_err *e)
{
	if (db_exec_ids(s->db, "DELETE FROM review_reviewer WHERE batch_id = ?", &p->r.id, 1,
	                "保存评审组", e))
		return DJ_DB;
	return insert_items(s, p->r.id, "INSERT INTO review_reviewer(batch_id, seq, name, updated_by)"
	                    " VALUES (?1, ?2, ?3, ?5)", p->nrev, p->rev, NULL, "保存评审组", e);
}

static int check_unique(struct session *s, const struct batch_parsed *p, const char *org,
                        struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM review_batch WHERE kind = ?1 AND org_id = ?2"
	                       " AND term = ?3 AND name = ?4 AND id <> ?5", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存批次");
	sqlite3_bind_text(st, 1, review_kind_word(p->r.kind), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->r.org_id);
	sqlite3_bind_text(st, 3, p->r.term, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, p->r.id);
	int dup = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return dup ? dj_fail(e, DJ_INVALID, "name", "%s %s 已有名为「%s」的批次", org, p->r.term,
	                     p->name)
	           : 0;
}

static int save_in_txn(struct session *s, struct review_batch *b, struct batch_parsed *p,
                       struct dj_err *e)
{
	struct review_batch was;
	struct batch_parsed old;
	int frozen = 0;
	struct json before = JSON_INIT, after = JSON_INIT;
	if (b->id) {
		if (review_batch_load(s, b->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != b->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (batch_parse(s, &was, &old, e))
			return e ? e->code : DJ_INVALID;
		frozen = *was.frozen_on != 0;
		if (frozen && batch_check_frozen(&old, p, was.frozen_on, e))
			return DJ_INVALID;
		if (session_may_write(s, old.r.org_id, e))
			return DJ_DENIED;
	}
	if (session_may_write(s, p->r.org_id, e) || check_unique(s, p, b->org, e))
		return e ? e->code : DJ_DENIED;
	if (write_batch(s, p, e) || write_stages(s, p, e) ||
	    (!frozen && (write_criteria(s, p, e) || write_reviewers(s, p, e))))
		return e ? e->code : DJ_DB;
	int rc = audit_saved(s, "review_batch", p->r.id, b->id == 0,
	                     b->id ? batch_json(&old, was.org, &before) : NULL,
	                     batch_json(p, b->org, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int review_batch_save(struct session *s, struct review_batch *b, struct dj_err *e)
{
	struct batch_parsed p;
	if (batch_parse(s, b, &p, e))
		return e ? e->code : DJ_INVALID;
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	int rc = db_txn_end(&t, save_in_txn(s, b, &p, e), e);
	if (rc)
		return rc;
	return review_batch_load(s, p.r.id, b, e);
}
