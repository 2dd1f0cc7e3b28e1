/* nominate_steps.c — the steps after 推荐: 审核, 公示 with objections,
 * 未批准, and the cycle's 审批 that turns each nomination through 公示
 * into an honour in the register, in one transaction. */
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/text.h"
#include "core/validate.h"
#include "honour/honour.h"
#include "honour/nominate.h"
#include "honour/nominate_internal.h"

int nom_set_state(struct session *s, struct nomination *n, const char *state,
                  const char *column, const char *text, const char *action, struct dj_err *e)
{
	struct nomination was = *n;
	/* NOM_NOW goes in as an argument: its % are not mprintf's */
	char *sql = sqlite3_mprintf("UPDATE nomination SET state = ?1%s%s%s, updated_by = ?3,"
	                            " updated_at = %s, version = version + 1"
	                            " WHERE id = ?4 AND version = ?5", column ? ", " : "",
	                            column ? column : "", column ? " = ?2" : "", NOM_NOW);
	sqlite3_stmt *st;
	int ok = sql && sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK;
	sqlite3_free(sql);
	if (!ok)
		return db_fail(s->db, e, action);
	db_bind_text(st, 1, state, 0);
	if (column)
		db_bind_text(st, 2, text, 0);
	db_bind_text(st, 3, s->login, 1);
	sqlite3_bind_int64(st, 4, n->id);
	sqlite3_bind_int64(st, 5, n->version);
	if (db_step_update(s->db, st, action, DB_CONFLICT_ACT, e))
		return e ? e->code : DJ_DB;
	if (nomination_load(s, n->id, n, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_write(s, "nomination", n->id, action, nomination_json(&was, &before),
	                     nomination_json(n, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

/* The nomination at version, in state `from` (or `from2`), decided by
 * whoever runs its cycle: a branch nominates but does not review itself. */
static int take(struct session *s, int64_t id, int64_t version, const char *from,
                const char *from2, const char *step, struct nomination *n, struct dj_err *e)
{
	struct nom_cycle c;
	if (nomination_load(s, id, n, e) || nom_cycle_load(s, n->cycle_id, &c, e))
		return e ? e->code : DJ_DB;
	if (n->version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (session_may_write(s, c.org_id, e))
		return DJ_DENIED;
	if (strcmp(n->state, from) != 0 && (!from2 || strcmp(n->state, from2) != 0))
		return dj_fail(e, DJ_INVALID, NULL, "%s的推荐现为「%s」，不能%s", n->recipient,
		               n->state, step);
	return 0;
}

static int review_body(struct session *s, int64_t id, int64_t version, int pass,
                       const char *note, struct dj_err *e)
{
	struct nomination n;
	char text[256];
	snprintf(text, sizeof text, "%s", note ? note : "");
	utf8_trim(text);
	const struct text_field t[] = { { "review_note", "审核意见", text, 0 } };
	if (valid_texts(t, 1, e))
		return DJ_INVALID;
	if (take(s, id, version, "已推荐", NULL, "审核", &n, e))
		return e ? e->code : DJ_INVALID;
	if (!pass && !*text)
		return dj_fail(e, DJ_INVALID, "review_note", "「审核意见」不能为空：写明不通过的原因");
	return nom_set_state(s, &n, pass ? "审核通过" : "审核不通过", "review_note", text,
	                     pass ? "审核通过" : "审核不通过", e);
}

int nominate_review(struct session *s, int64_t id, int64_t version, int pass, const char *note,
                    struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), "nom_review", e))
		return DJ_DB;
	return db_txn_end(&t, review_body(s, id, version, pass, note, e), e);
}

static int reject_body(struct session *s, int64_t id, int64_t version, const char *reason,
                       struct dj_err *e)
{
	struct nomination n;
	char text[256];
	snprintf(text, sizeof text, "%s", reason ? reason : "");
	utf8_trim(text);
	const struct text_field t[] = { { "decision_reason", "未批准原因", text, 0 } };
	if (valid_texts(t, 1, e))
		return DJ_INVALID;
	if (take(s, id, version, "公示中", "审核通过", "未批准", &n, e))
		return e ? e->code : DJ_INVALID;
	if (!*text)
		return dj_fail(e, DJ_INVALID, "decision_reason", "「未批准原因」不能为空");
	return nom_set_state(s, &n, "未批准", "decision_reason", text, "未批准", e);
}

int nominate_reject(struct session *s, int64_t id, int64_t version, const char *reason,
                    struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), "nom_reject", e))
		return DJ_DB;
	return db_txn_end(&t, reject_body(s, id, version, reason, e), e);
}

/* The cycle at version, changeable by this operator, in state `from`. */
static int take_cycle(struct session *s, int64_t id, int64_t version, const char *from,
                      const char *step, struct nom_cycle *c, struct dj_err *e)
{
	if (nom_cycle_load(s, id, c, e))
		return e ? e->code : DJ_DB;
	if (c->version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (session_may_write(s, c->org_id, e))
		return DJ_DENIED;
	if (strcmp(c->state, from) != 0)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」现为「%s」，不能%s", c->name, c->state, step);
	return 0;
}

/* Sets the cycle's state and dates (NULL keeps one), audited. */
static int set_cycle(struct session *s, struct nom_cycle *c, const char *state, const char *from,
                     const char *to, const char *on, const char *by, const char *doc,
                     const char *action, struct dj_err *e)
{
	struct nom_cycle was = *c;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE nom_cycle SET state = ?1,"
	                       " publicity_from = coalesce(?2, publicity_from),"
	                       " publicity_to = coalesce(?3, publicity_to),"
	                       " approved_on = coalesce(?4, approved_on),"
	                       " approved_by = coalesce(?5, approved_by), doc_no = coalesce(?6, doc_no),"
	                       " updated_by = ?7, updated_at = " NOM_NOW ", version = version + 1"
	                       " WHERE id = ?8 AND version = ?9", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, action);
	db_bind_text(st, 1, state, 0);
	db_bind_text(st, 2, from, 1);
	db_bind_text(st, 3, to, 1);
	db_bind_text(st, 4, on, 1);
	db_bind_text(st, 5, by, 1);
	db_bind_text(st, 6, doc, 1);
	db_bind_text(st, 7, s->login, 1);
	sqlite3_bind_int64(st, 8, c->id);
	sqlite3_bind_int64(st, 9, c->version);
	if (db_step_update(s->db, st, action, DB_CONFLICT_ACT, e) || nom_cycle_load(s, c->id, c, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_write(s, "nom_cycle", c->id, action, nom_cycle_json(&was, &before),
	                     nom_cycle_json(c, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

/* Every nomination of the cycle in state `from`, ids into ids. */
static int ids_in_state(struct session *s, int64_t cycle_id, const char *from, int64_t *ids,
                        int cap)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM nomination WHERE cycle_id = ? AND state = ?"
	                       " ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, cycle_id);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	while (n < cap && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

#define NOM_BATCH 512

static int publicize_body(struct session *s, int64_t cycle_id, int64_t version, const char *from,
                          const char *to, struct dj_err *e)
{
	struct nom_cycle c;
	char f[32], t[32];
	snprintf(f, sizeof f, "%s", from ? from : "");
	snprintf(t, sizeof t, "%s", to ? to : "");
	if (take_cycle(s, cycle_id, version, "推荐中", "开始公示", &c, e) ||
	    nom_check_date(f, "publicity_from", "公示开始", 1, e) ||
	    nom_check_date(t, "publicity_to", "公示结束", 1, e))
		return e ? e->code : DJ_INVALID;
	if (strcmp(t, f) < 0)
		return dj_fail(e, DJ_INVALID, "publicity_to", "「公示结束」%s 早于公示开始 %s", t, f);
	int64_t ids[NOM_BATCH];
	/* a nomination not reviewed by then would be left behind by the 公示 */
	int waiting = ids_in_state(s, cycle_id, "已推荐", ids, NOM_BATCH);
	if (waiting > 0)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」还有 %d 项推荐未审核，审核后才能开始公示",
		               c.name, waiting);
	int k = ids_in_state(s, cycle_id, "审核通过", ids, NOM_BATCH);
	if (k < 0)
		return db_fail(s->db, e, "开始公示");
	if (k == 0)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」没有审核通过的推荐，无需公示", c.name);
	for (int i = 0; i < k; i++) {
		struct nomination n;
		if (nomination_load(s, ids[i], &n, e) ||
		    nom_set_state(s, &n, "公示中", NULL, NULL, "开始公示", e))
			return e ? e->code : DJ_DB;
	}
	return set_cycle(s, &c, "公示中", f, t, NULL, NULL, NULL, "开始公示", e);
}

int nominate_publicize(struct session *s, int64_t cycle_id, int64_t version, const char *from,
                       const char *to, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), "nom_publicize", e))
		return DJ_DB;
	return db_txn_end(&t, publicize_body(s, cycle_id, version, from, to, e), e);
}

static int object_body(struct session *s, int64_t id, const char *date, const char *text,
                       const char *outcome, struct dj_err *e)
{
	struct nomination n;
	struct nom_cycle c;
	char on[32], what[512], result[512];
	snprintf(on, sizeof on, "%s", date ? date : "");
	snprintf(what, sizeof what, "%s", text ? text : "");
	snprintf(result, sizeof result, "%s", outcome ? outcome : "");
	utf8_trim(what);
	utf8_trim(result);
	const struct text_field t[] = { { "objection", "异议内容", what, 1 },
	                                { "outcome", "处理结果", result, 1 } };
	if (valid_texts(t, 2, e) || nom_check_date(on, "raised_on", "异议日期", 1, e))
		return DJ_INVALID;
	if (nomination_load(s, id, &n, e) || nom_cycle_load(s, n.cycle_id, &c, e))
		return e ? e->code : DJ_DB;
	if (session_may_write(s, c.org_id, e))
		return DJ_DENIED;
	if (strcmp(n.state, "公示中") != 0)
		return dj_fail(e, DJ_INVALID, NULL, "%s的推荐现为「%s」，异议在公示期间登记",
		               n.recipient, n.state);
	if (strcmp(on, c.publicity_from) < 0 || strcmp(on, c.publicity_to) > 0)
		return dj_fail(e, DJ_INVALID, "raised_on", "「异议日期」%s 不在公示期 %s 至 %s 内", on,
		               c.publicity_from, c.publicity_to);
	if (!*what)
		return dj_fail(e, DJ_INVALID, "objection", "「异议内容」不能为空");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO nom_objection(nomination_id, raised_on, text,"
	                       " outcome, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, " NOM_NOW ")",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "登记异议");
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, on, 0);
	db_bind_text(st, 3, what, 0);
	db_bind_text(st, 4, result, 0);
	db_bind_text(st, 5, s->login, 1);
	if (db_step_done(s->db, st, "登记异议", e))
		return DJ_DB;
	struct json after = JSON_INIT;
	json_begin(&after);
	json_str(&after, "推荐对象", n.recipient);
	json_str(&after, "异议日期", on);
	json_str(&after, "异议内容", what);
	json_str(&after, "处理结果", result);
	int rc = audit_write(s, "nom_objection", sqlite3_last_insert_rowid(s->db), "新增", NULL,
	                     json_end(&after), e);
	json_free(&after);
	return rc;
}

int nominate_object(struct session *s, int64_t nomination_id, const char *date, const char *text,
                    const char *outcome, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), "nom_object", e))
		return DJ_DB;
	return db_txn_end(&t, object_body(s, nomination_id, date, text, outcome, e), e);
}

int nom_objection_open(struct session *s, int64_t nomination_id, int64_t *id)
{
	sqlite3_stmt *st;
	*id = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM nom_objection WHERE nomination_id = ?"
	                       " AND outcome = '' ORDER BY raised_on, id LIMIT 1", -1, &st,
	                       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, nomination_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

static int resolve_body(struct session *s, int64_t objection_id, const char *outcome,
                        struct dj_err *e)
{
	sqlite3_stmt *st;
	char result[512], was[512] = "", on[11] = "", what[512] = "";
	int64_t nom = 0;
	snprintf(result, sizeof result, "%s", outcome ? outcome : "");
	utf8_trim(result);
	const struct text_field t[] = { { "outcome", "处理结果", result, 1 } };
	if (valid_texts(t, 1, e))
		return DJ_INVALID;
	if (!*result)
		return dj_fail(e, DJ_INVALID, "outcome", "「处理结果」不能为空");
	if (sqlite3_prepare_v2(s->db, "SELECT nomination_id, raised_on, text, outcome"
	                       " FROM nom_objection WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取异议");
	sqlite3_bind_int64(st, 1, objection_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		nom = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, on, sizeof on);
		db_col_text(st, 2, what, sizeof what);
		db_col_text(st, 3, was, sizeof was);
	}
	sqlite3_finalize(st);
	struct nomination n;
	struct nom_cycle c;
	if (!nom)
		return dj_fail(e, DJ_NOTFOUND, NULL, "该异议记录已不存在");
	if (nomination_load(s, nom, &n, e) || nom_cycle_load(s, n.cycle_id, &c, e))
		return e ? e->code : DJ_DB;
	if (session_may_write(s, c.org_id, e))
		return DJ_DENIED;
	if (*was)
		return dj_fail(e, DJ_CONFLICT, NULL, "该异议已有处理结果：%s", was);
	if (sqlite3_prepare_v2(s->db, "UPDATE nom_objection SET outcome = ?1, updated_by = ?2,"
	                       " updated_at = " NOM_NOW ", version = version + 1 WHERE id = ?3"
	                       " AND outcome = ''", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "处理异议");
	db_bind_text(st, 1, result, 0);
	db_bind_text(st, 2, s->login, 1);
	sqlite3_bind_int64(st, 3, objection_id);
	if (db_step_done(s->db, st, "处理异议", e))
		return DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	json_begin(&before);
	json_str(&before, "推荐对象", n.recipient);
	json_str(&before, "异议日期", on);
	json_str(&before, "异议内容", what);
	json_str(&before, "处理结果", "");
	json_begin(&after);
	json_str(&after, "推荐对象", n.recipient);
	json_str(&after, "异议日期", on);
	json_str(&after, "异议内容", what);
	json_str(&after, "处理结果", result);
	int rc = audit_write(s, "nom_objection", objection_id, "处理异议", json_end(&before),
	                     json_end(&after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int nominate_resolve(struct session *s, int64_t objection_id, const char *outcome,
                     struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), "nom_resolve", e))
		return DJ_DB;
	return db_txn_end(&t, resolve_body(s, objection_id, outcome, e), e);
}

/* An objection of the cycle still without its 处理结果: its recipient. */
static int open_objection(struct session *s, int64_t cycle_id, char *who, size_t cap)
{
	sqlite3_stmt *st;
	int found = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT coalesce(m.name, o.name) FROM nom_objection x"
	                       " JOIN nomination n ON n.id = x.nomination_id"
	                       " LEFT JOIN member m ON m.id = n.member_id LEFT JOIN org o ON o.id = n.org_id"
	                       " WHERE n.cycle_id = ? AND n.state = '公示中' AND x.outcome = ''"
	                       " LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, cycle_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		db_col_text(st, 0, who, cap);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

static int approve_one(struct session *s, const struct nom_cycle *c, int64_t id, struct dj_err *e)
{
	struct nomination n;
	if (nomination_load(s, id, &n, e))
		return e ? e->code : DJ_DB;
	struct honour h = { 0 };
	snprintf(h.kind, sizeof h.kind, "%s", n.kind);
	h.member_id = n.member_id;
	h.org_id = n.org_id;
	snprintf(h.title, sizeof h.title, "%s", n.title);
	snprintf(h.level, sizeof h.level, "%s", c->level);
	snprintf(h.awarded_on, sizeof h.awarded_on, "%s", c->approved_on);
	snprintf(h.approved_by, sizeof h.approved_by, "%s", c->approved_by);
	snprintf(h.doc_no, sizeof h.doc_no, "%s", c->doc_no);
	snprintf(h.deeds, sizeof h.deeds, "%s", n.reasons);
	if (honour_save(s, &h, e))
		return e ? e->code : DJ_INVALID;
	char hid[24];
	snprintf(hid, sizeof hid, "%lld", (long long)h.id);
	return nom_set_state(s, &n, "已批准", "honour_id", hid, "批准", e);
}

static int approve_body(struct session *s, int64_t cycle_id, int64_t version, const char *date,
                        const char *by, const char *doc, int *approved, struct dj_err *e)
{
	struct nom_cycle c;
	char on[32], org[128], no[64], now[11], who[128];
	snprintf(on, sizeof on, "%s", date ? date : "");
	snprintf(org, sizeof org, "%s", by ? by : "");
	snprintf(no, sizeof no, "%s", doc ? doc : "");
	utf8_trim(org);
	utf8_trim(no);
	const struct text_field t[] = { { "approved_by", "批准机关", org, 0 },
	                                { "doc_no", "文号", no, 0 } };
	if (valid_texts(t, 2, e) || take_cycle(s, cycle_id, version, "公示中", "审批", &c, e) ||
	    nom_check_date(on, "approved_on", "审批日期", 1, e))
		return e ? e->code : DJ_INVALID;
	if (strcmp(on, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, "approved_on", "「审批日期」%s 在今天之后", on);
	if (strcmp(on, c.publicity_to) <= 0)
		return dj_fail(e, DJ_INVALID, "approved_on", "公示期至 %s 结束，「审批日期」%s 须在"
		               "公示结束之后", c.publicity_to, on);
	if (!*org)
		return dj_fail(e, DJ_INVALID, "approved_by", "「批准机关」不能为空");
	if (!*no)
		return dj_fail(e, DJ_INVALID, "doc_no", "「文号」不能为空，如「驿委〔%d〕21号」", c.year);
	if (open_objection(s, cycle_id, who, sizeof who))
		return dj_fail(e, DJ_INVALID, NULL, "%s的公示异议尚未填写处理结果，不能审批", who);
	if (set_cycle(s, &c, "已审批", NULL, NULL, on, org, no, "审批", e))
		return e ? e->code : DJ_DB;
	int64_t ids[NOM_BATCH];
	int k = ids_in_state(s, cycle_id, "公示中", ids, NOM_BATCH);
	if (k < 0)
		return db_fail(s->db, e, "审批");
	for (int i = 0; i < k; i++)
		if (approve_one(s, &c, ids[i], e))
			return e ? e->code : DJ_DB;
	*approved = k;
	return 0;
}

int nominate_approve(struct session *s, int64_t cycle_id, int64_t version, const char *date,
                     const char *approved_by, const char *doc_no, int *approved,
                     struct dj_err *e)
{
	struct db_txn t;
	int n = 0;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), "nom_approve", e))
		return DJ_DB;
	int rc = db_txn_end(&t, approve_body(s, cycle_id, version, date, approved_by, doc_no,
	                                            &n, e), e);
	if (approved)
		*approved = rc ? 0 : n;
	return rc;
}
