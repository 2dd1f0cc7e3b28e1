/* event.c — what moves a member: the events, the statuses each may
 * follow and leaves behind, the fields each needs, and how they are applied.
 * A member is never deleted; their history is these rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "core/validate.h"
#include "member/member.h"

const char *const member_event_types[] = {
	"转出", "出党", "去世", "失联", "流出", "流入", "恢复", "转入", "内部调整", NULL,
};

struct event_rule {
	const char *type;
	const char *from[4];   /* statuses the event may follow */
	const char *result;    /* the status it leaves; "" unchanged */
	int needs;
};

/* 流入 brings a 流出 member back; 恢复 a 失联 one; 转入 on an existing record
 * one who had transferred out (a newcomer is member_transfer_in). */
static const struct event_rule rules[] = {
	{ "转出", { "正常", "流出", "失联" }, "转出",
	  EV_NEEDS_TO | EV_LETTER_OURS | EV_NEEDS_DAYS | EV_NEEDS_DUES },
	{ "出党", { "正常", "流出", "失联" }, "出党", EV_NEEDS_REASON },
	{ "去世", { "正常", "流出", "失联" }, "去世", 0 },
	{ "失联", { "正常", "流出" }, "失联", 0 },
	{ "流出", { "正常" }, "流出", EV_NEEDS_TO },
	{ "流入", { "流出" }, "正常", 0 },
	{ "恢复", { "失联" }, "正常", 0 },
	{ "转入", { "转出" }, "正常",
	  EV_NEEDS_FROM | EV_NEEDS_LETTER | EV_TO_BRANCH | EV_OPTIONAL_TO },
	{ "内部调整", { "正常", "流出" }, "", EV_NEEDS_TO | EV_TO_BRANCH },
};
enum { NRULES = sizeof rules / sizeof *rules };

static const struct event_rule *rule_of(const char *type)
{
	for (int i = 0; i < NRULES; i++)
		if (strcmp(rules[i].type, type) == 0)
			return &rules[i];
	return NULL;
}

int member_event_needs(const char *type)
{
	const struct event_rule *r = rule_of(type);
	return r ? r->needs : 0;
}

int member_event_allowed(const char *status, const char *type)
{
	const struct event_rule *r = rule_of(type);
	for (int i = 0; r && i < 4 && r->from[i]; i++)
		if (strcmp(r->from[i], status) == 0)
			return 1;
	return 0;
}

int member_events_for(const char *status, const char *out[10])
{
	int n = 0;
	for (int i = 0; i < NRULES && n < 9; i++)
		if (member_event_allowed(status, rules[i].type))
			out[n++] = rules[i].type;
	out[n] = NULL;
	return n;
}

const char *member_event_result(const char *type)
{
	const struct event_rule *r = rule_of(type);
	return r ? r->result : "";
}

/* ---- checks ---------------------------------------------------------------- */

static int need_text(const char *v, int needed, const char *field, const char *label,
                     const char *type, struct dj_err *e)
{
	if (needed && !*v)
		return dj_fail(e, DJ_INVALID, field, "办理%s须填写「%s」", type, label);
	return 0;
}

static int check_event_date(const struct member *m, const struct member_event *ev,
                            struct dj_err *e)
{
	char why[WHY_MAX], norm[11], now[11];
	if (!*ev->date)
		return dj_fail(e, DJ_INVALID, "date", "「日期」不能为空");
	if (valid_date(ev->date, norm, why))
		return dj_fail(e, DJ_INVALID, "date", "「日期」%s：%s", why, ev->date);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, "date", "「日期」%s 在今天之后", norm);
	if (*m->joined_on && strcmp(norm, m->joined_on) < 0)
		return dj_fail(e, DJ_INVALID, "date", "「日期」%s 早于%s的入党日期 %s", norm, m->name,
		               m->joined_on);
	return 0;
}

/* The fields the type needs, normalised in place. */
static int check_fields(const struct member *m, const struct event_rule *r,
                        struct member_event *ev, struct dj_err *e)
{
	char why[WHY_MAX];
	char *texts[] = { ev->from_org, ev->to_org, ev->letter_no, ev->valid_days, ev->dues_paid_to };
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		utf8_trim(texts[i]);
	const struct text_field f[] = {
		{ "date", "日期", ev->date, 0 }, { "from_org", "原所在组织", ev->from_org, 0 },
		{ "to_org", "去往", ev->to_org, 0 }, { "letter_no", "介绍信编号", ev->letter_no, 0 },
		{ "valid_days", "有效期（天）", ev->valid_days, 0 },
		{ "dues_paid_to", "党费交至", ev->dues_paid_to, 0 }, { "reason", "原因", ev->reason, 0 },
	};
	if (valid_texts(f, sizeof f / sizeof *f, e) || check_event_date(m, ev, e))
		return DJ_INVALID;
	char norm[11];
	valid_date(ev->date, norm, NULL);
	memcpy(ev->date, norm, sizeof norm);
	const char *to_label = r->needs & EV_TO_BRANCH ? "调入支部" : "去往单位（地点）";
	if (need_text(ev->to_org, (r->needs & EV_NEEDS_TO) && !(r->needs & EV_OPTIONAL_TO), "to_org",
	              to_label, r->type, e) ||
	    need_text(ev->from_org, r->needs & EV_NEEDS_FROM, "from_org", "原所在组织", r->type, e) ||
	    need_text(ev->letter_no, r->needs & EV_NEEDS_LETTER, "letter_no", "介绍信编号", r->type, e) ||
	    need_text(ev->valid_days, r->needs & EV_NEEDS_DAYS, "valid_days", "有效期（天）", r->type, e) ||
	    need_text(ev->dues_paid_to, r->needs & EV_NEEDS_DUES, "dues_paid_to", "党费交至", r->type, e) ||
	    need_text(ev->reason, r->needs & EV_NEEDS_REASON, "reason", "原因", r->type, e))
		return DJ_INVALID;
	long days;
	if (*ev->valid_days && parse_int(ev->valid_days, 1, 365, &days, why))
		return dj_fail(e, DJ_INVALID, "valid_days", "「有效期（天）」%s：%s", why, ev->valid_days);
	char month[8];
	if (*ev->dues_paid_to && valid_month(ev->dues_paid_to, month, why))
		return dj_fail(e, DJ_INVALID, "dues_paid_to", "「党费交至」%s：%s", why, ev->dues_paid_to);
	if (*ev->dues_paid_to)
		memcpy(ev->dues_paid_to, month, sizeof month);
	return 0;
}

/* The branch the event moves the member to (0: stays where they are). */
static int target_branch(struct session *s, const struct member *m, const struct event_rule *r,
                         const struct member_event *ev, int64_t *to, struct dj_err *e)
{
	*to = 0;
	if (!(r->needs & EV_TO_BRANCH) || !*ev->to_org)
		return 0;
	*to = member_branch_id(s, ev->to_org);
	if (!*to)
		return dj_fail(e, DJ_INVALID, "to_org", "「调入支部」没有名为「%s」的党支部（按 F4 选择）",
		               ev->to_org);
	if (*to == m->org_id && strcmp(r->type, "内部调整") == 0)
		return dj_fail(e, DJ_INVALID, "to_org", "%s已在「%s」，调入支部应为另一个党支部",
		               m->name, m->org);
	return session_may_write(s, *to, e);
}

/* ---- writes ---------------------------------------------------------------- */

static const char *event_json(const struct member_event *ev, struct json *j)
{
	json_begin(j);
	json_str(j, "类型", ev->type);
	json_str(j, "日期", ev->date);
	json_str(j, "来自", ev->from_org);
	json_str(j, "去往", ev->to_org);
	json_str(j, "介绍信编号", ev->letter_no);
	json_str(j, "有效期（天）", ev->valid_days);
	json_str(j, "党费交至", ev->dues_paid_to);
	json_str(j, "原因", ev->reason);
	if (*ev->receipt_due)
		json_str(j, "回执应退回日期", ev->receipt_due);
	return json_end(j);
}

static int insert_event(struct session *s, struct member_event *ev, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "INSERT INTO member_event(member_id, type, date, from_org, to_org, letter_no,"
	        " valid_days, dues_paid_to, reason, updated_at, updated_by) VALUES (?1,?2,?3,?4,?5,"
	        "?6,?7,?8,?9, strftime('%Y-%m-%d %H:%M:%S','now','localtime'), ?10)", -1, &st,
	        NULL) != SQLITE_OK)
		return db_fail(s->db, e, "记录党员变动");
	sqlite3_bind_int64(st, 1, ev->member_id);
	const char *vals[] = { ev->type, ev->date, ev->from_org, ev->to_org, ev->letter_no };
	for (int i = 0; i < 5; i++)
		db_bind_text(st, i + 2, vals[i], 1);
	if (*ev->valid_days)
		sqlite3_bind_int(st, 7, atoi(ev->valid_days));
	db_bind_text(st, 8, ev->dues_paid_to, 1);
	db_bind_text(st, 9, ev->reason, 1);
	db_bind_text(st, 10, s->login, 0);
	if (db_step_done(s->db, st, "记录党员变动", e))
		return DJ_DB;
	ev->id = sqlite3_last_insert_rowid(s->db);
	if (*ev->receipt_due && member_receipt_expect(s, ev, e))
		return DJ_DB;
	struct json after = JSON_INIT;
	int rc = audit_write(s, "member_event", ev->id, "新增", NULL, event_json(ev, &after), e);
	json_free(&after);
	return rc;
}

/* The member's new status and branch, read back into m. */
static int update_status(struct session *s, struct member *m, const char *status,
                         int64_t org_id, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "UPDATE member SET status=?1, org_id=?2, version=version+1, updated_by=?3,"
	        /* a move to another branch, or out, leaves the 党小组 */
	        " group_id = CASE WHEN org_id <> ?2 OR ?1 = '转出' THEN NULL ELSE group_id END,"
	        " updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime')"
	        " WHERE id=?4 AND version=?5", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "更新党员状态");
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_text(st, 3, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, m->id);
	sqlite3_bind_int64(st, 5, m->version);
	int rc = db_step_update(s->db, st, "更新党员状态", DB_CONFLICT_ACT, e);
	if (rc)
		return rc;
	struct dj_err le;
	if (member_load(s, m->id, m, &le))
		return dj_fail(e, le.code, NULL, "%s", le.msg);
	return 0;
}

static int apply_to_member(struct session *s, struct member *m, const char *status,
                           int64_t org_id, const char *action, struct dj_err *e)
{
	struct json before = JSON_INIT, after = JSON_INIT;
	member_json(m, &before);
	int rc = update_status(s, m, status, org_id, e);
	if (rc == 0)
		rc = audit_write(s, "member", m->id, action, before.buf, member_json(m, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

static int record_in_txn(struct session *s, int64_t member_id, int64_t version,
                         struct member_event *ev, struct dj_err *e)
{
	struct member m;
	const struct event_rule *r = rule_of(ev->type);
	if (!r)
		return dj_fail(e, DJ_INVALID, "type", "没有「%s」这种党员变动", ev->type);
	if (member_load(s, member_id, &m, e))
		return e ? e->code : DJ_DB;
	if (m.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (!member_event_allowed(m.status, r->type))
		return dj_fail(e, DJ_INVALID, NULL, "%s的状态为「%s」，不能办理%s", m.name, m.status,
		               r->type);
	int64_t to = 0;
	if (session_may_write(s, m.org_id, e) || check_fields(&m, r, ev, e) ||
	    target_branch(s, &m, r, ev, &to, e))
		return e ? e->code : DJ_INVALID;
	ev->member_id = m.id;
	if (strcmp(r->type, "转入") != 0)
		snprintf(ev->from_org, sizeof ev->from_org, "%s", m.org);
	else if (!*ev->to_org)
		snprintf(ev->to_org, sizeof ev->to_org, "%s", m.org);
	if (((r->needs & EV_LETTER_OURS) && member_letter_assign(s, ev, e)) || insert_event(s, ev, e))
		return e ? e->code : DJ_DB;
	return apply_to_member(s, &m, *r->result ? r->result : m.status, to ? to : m.org_id, r->type, e);
}

/* Its own BEGIN IMMEDIATE, or a savepoint inside a transaction the caller
 * holds (the demo, an import), so a refusal undoes only this event. */
static int begin_write(sqlite3 *db, struct db_txn *t, struct dj_err *e)
{
	return db_txn_begin(t, db, db_in_txn(db), "member_event", e);
}

int member_record_event(struct session *s, int64_t member_id, int64_t version,
                        struct member_event *ev, struct dj_err *e)
{
	struct member_event keep = *ev;
	struct db_txn t;
	if (begin_write(s->db, &t, e))
		return DJ_DB;
	int rc = db_txn_end(&t, record_in_txn(s, member_id, version, ev, e), e);
	if (rc)
		*ev = keep;
	return rc;
}

static int transfer_in_txn(struct session *s, struct member *m, struct member_event *ev,
                           struct dj_err *e)
{
	const struct event_rule *r = rule_of("转入");
	snprintf(ev->type, sizeof ev->type, "转入");
	if (member_save(s, m, 1, e))
		return e ? e->code : DJ_INVALID;
	if (check_fields(m, r, ev, e))
		return DJ_INVALID;
	ev->member_id = m->id;
	snprintf(ev->to_org, sizeof ev->to_org, "%s", m->org);
	return insert_event(s, ev, e);
}

int member_transfer_in(struct session *s, struct member *m, struct member_event *ev,
                       struct dj_err *e)
{
	struct member keep = *m;
	struct member_event keep_ev = *ev;
	struct db_txn t;
	if (begin_write(s->db, &t, e))
		return DJ_DB;
	int rc = db_txn_end(&t, transfer_in_txn(s, m, ev, e), e);
	if (rc) {
		*m = keep;
		*ev = keep_ev;
	}
	return rc;
}

int member_events(struct session *s, int64_t member_id, struct member_event *out, int max)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT v.id, type, date, coalesce(from_org,''), coalesce(to_org,''),"
	        " coalesce(letter_no,''), coalesce(valid_days,''), coalesce(dues_paid_to,''),"
	        " coalesce(reason,''), coalesce(r.due_on,''), coalesce(r.returned_on,'')"
	        " FROM member_event v LEFT JOIN letter_receipt r ON r.event_id = v.id"
	        " WHERE member_id = ?"
	        " ORDER BY date DESC, id DESC LIMIT ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, member_id);
	sqlite3_bind_int(st, 2, max);
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		struct member_event *ev = &out[n++];
		memset(ev, 0, sizeof *ev);
		ev->id = sqlite3_column_int64(st, 0);
		ev->member_id = member_id;
		db_col_text(st, 1, ev->type, sizeof ev->type);
		db_col_text(st, 2, ev->date, sizeof ev->date);
		db_col_text(st, 3, ev->from_org, sizeof ev->from_org);
		db_col_text(st, 4, ev->to_org, sizeof ev->to_org);
		db_col_text(st, 5, ev->letter_no, sizeof ev->letter_no);
		db_col_text(st, 6, ev->valid_days, sizeof ev->valid_days);
		db_col_text(st, 7, ev->dues_paid_to, sizeof ev->dues_paid_to);
		db_col_text(st, 8, ev->reason, sizeof ev->reason);
		db_col_text(st, 9, ev->receipt_due, sizeof ev->receipt_due);
		db_col_text(st, 10, ev->receipt_on, sizeof ev->receipt_on);
	}
	sqlite3_finalize(st);
	return n;
}
