/* step.c — review_transition: an application's state moves one step of
 * its flow's table, after the scope and the step's own rules, with what
 * the step carries stored, the batch frozen at its first decision, the
 * funds granted and one audit entry; and review_eligibility, the facts of
 * seed 001 gathered from the records. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "org/org.h"
#include "review/internal.h"

/* What the step stores, besides the state. */
struct outcome {
	int to;
	char on[11];
	int64_t granted;          /* RA_APPROVE: fen; -1 keeps what is stored */
	int total;                /* RA_ACCEPT: tenths; -1 keeps */
	char rectify_due[11];
	char text[640];           /* outcome words with the date (and the acceptance's opinion) */
	const char *decision;     /* 批复/评审意见, NULL keeps */
	const char *reason;       /* 不予/撤销 reason, NULL keeps */
	const char *award;
	int recommend;            /* stamps recommended_by/on */
	int decided;              /* a decision: stamps decided_on */
	int round;                /* accept_round after the step */
};

/* ---- the facts of seed 001 ---- */

/* The 上级 of org and how many it may recommend (党总支 limit_zongzhi, a
 * 机关党委 limit_jiguan, others no limit: 0). */
static void parent_limit(struct session *s, const struct review_rules *r, int64_t org,
                         struct review_facts *f, int64_t *parent)
{
	sqlite3_stmt *st;
	*parent = 0;
	f->limit = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT p.id, p.name, p.kind, coalesce(p.category, '') FROM"
	                       " org o JOIN org p ON p.id = o.parent_id WHERE o.id = ?1", -1, &st,
	                       NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, org);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*parent = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, f->parent, sizeof f->parent);
		const char *kind = (const char *)sqlite3_column_text(st, 2);
		const char *cat = (const char *)sqlite3_column_text(st, 3);
		if (kind && strcmp(kind, "党总支") == 0)
			f->limit = r->limit_zongzhi;
		else if (kind && strcmp(kind, "党委") == 0 && cat && strcmp(cat, "机关") == 0)
			f->limit = r->limit_jiguan;
	}
	sqlite3_finalize(st);
}

/* Others of the batch the same 上级 has recommended (a 样板支部 each). */
static int recommended_by_parent(struct session *s, const struct review_app *a, int64_t parent)
{
	sqlite3_stmt *st;
	int n = 0;
	if (!parent || sqlite3_prepare_v2(s->db, "SELECT count(*) FROM review_app x JOIN org o ON"
	                                  " o.id = x.org_id WHERE x.batch_id = ?1 AND x.id <> ?2 AND"
	                                  " x.kind = ?3 AND o.parent_id = ?4 AND x.recommended_on IS"
	                                  " NOT NULL", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, a->batch_id);
	sqlite3_bind_int64(st, 2, a->id);
	sqlite3_bind_text(st, 3, a->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, parent);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int gather_facts(struct session *s, const struct review_app *a, struct review_facts *f,
                        struct dj_err *e)
{
	struct review_rules r;
	struct org o;
	int64_t parent;
	memset(f, 0, sizeof *f);
	if (review_rules_load(s, a->batch_id, &r, e) || org_load(s, a->org_id, &o, e))
		return e ? e->code : DJ_DB;
	snprintf(f->app_kind, sizeof f->app_kind, "%s", a->kind);
	snprintf(f->org_kind, sizeof f->org_kind, "%s", o.kind);
	snprintf(f->category, sizeof f->category, "%s", o.category);
	snprintf(f->status, sizeof f->status, "%s", o.status);
	snprintf(f->founded_on, sizeof f->founded_on, "%s", o.founded_on);
	snprintf(f->on, sizeof f->on, "%s", a->filed_on);
	f->has_declaration = *a->declaration && *a->declared_by && *a->declared_on;
	parent_limit(s, &r, a->org_id, f, &parent);
	if (strcmp(a->kind, "样板支部") != 0)
		f->limit = 0;   /* seed 001 limits the 上级's 样板支部 only */
	f->recommended = recommended_by_parent(s, a, parent);
	return 0;
}

int review_eligibility(struct session *s, int64_t app_id, char *why, size_t cap,
                       struct dj_err *e)
{
	struct review_app a;
	struct review_facts f;
	if (cap)
		why[0] = 0;
	if (review_app_load(s, app_id, &a, e) || gather_facts(s, &a, &f, e))
		return -1;
	return review_check_eligible(&f, why, cap);
}

/* ---- the rules of each step ---- */

static int has_note(struct session *s, int64_t app, const char *kind, int need_result)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM review_note WHERE app_id = ?1 AND"
	                       " kind = ?2 AND (?3 = 0 OR coalesce(result, '') <> '')", -1, &st,
	                       NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, app);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, need_result);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int count_in_batch(struct session *s, int64_t batch, const char *kind, int lo, int hi)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM review_app WHERE batch_id = ?1 AND"
	                       " (?2 = '' OR kind = ?2) AND state BETWEEN ?3 AND ?4", -1, &st,
	                       NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, batch);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, lo);
	sqlite3_bind_int(st, 4, hi);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int rule_recommend(struct session *s, const struct review_app *a, struct outcome *o,
                          struct dj_err *e)
{
	struct review_facts f;
	if (gather_facts(s, a, &f, e))
		return e ? e->code : DJ_DB;
	if (f.limit > 0 && f.recommended >= f.limit)
		return dj_fail(e, DJ_INVALID, NULL, "超过推荐名额：%s 已推荐 %d 个%s，最多推荐 %d 个",
		               f.parent, f.recommended, a->kind, f.limit);
	o->recommend = 1;
	return 0;
}

static int rule_screen(struct session *s, const struct review_app *a, struct dj_err *e)
{
	char why[512];
	int fails = review_eligibility(s, a->id, why, sizeof why, e);
	if (fails < 0)
		return e ? e->code : DJ_DB;
	if (fails == 0)
		return 0;
	for (char *p = why; (p = strchr(p, '\n'));)
		*p = ';';
	return dj_fail(e, DJ_INVALID, NULL, "不符合申报条件：%s", why);
}

static int rule_approve(struct session *s, const struct review_app *a, const struct review_rules *r,
                        const struct review_step *st, struct outcome *o, struct dj_err *e)
{
	char why[WHY_MAX];
	int college = strcmp(a->kind, "标杆学院") == 0;
	o->granted = college ? r->fund2_fen : r->fund_fen;
	if (*st->amount && review_parse_money(st->amount, &o->granted, why))
		return dj_fail(e, DJ_INVALID, "amount", "「拨付经费」%s", why);
	if (r->kind == REVIEW_CREATE) {
		int quota = college ? r->quota_college : r->quota_branch;
		int chosen = count_in_batch(s, a->batch_id, a->kind, RV_APPROVED, RV_FAILED);
		if (chosen >= quota)
			return dj_fail(e, DJ_INVALID, NULL, "本批次%s名额 %d 个已满（已入选 %d 个）", a->kind,
			               quota, chosen);
	}
	o->decision = st->opinion;
	return 0;
}

/* Every reviewer's every criterion: who and what is missing. */
static int rule_complete(struct session *s, const struct review_app *a, int *mean,
                         struct dj_err *e)
{
	struct review_sheet sh;
	if (review_sheet_load(s, a->id, &sh, e))
		return e ? e->code : DJ_DB;
	if (sh.nrev == 0 || sh.ncrit == 0)
		return dj_fail(e, DJ_INVALID, NULL, "本批次没有评审组或评分标准，不能验收");
	char miss[512] = "";
	for (int r = 0; r < sh.nrev; r++) {
		char line[256] = "";
		int n = 0;
		for (int k = 0; k < sh.ncrit; k++)
			if (sh.rows[r].score[k] < 0)
				snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s", n++ ? "、" : "",
				         sh.crit_name[k]);
		if (n)
			snprintf(miss + strlen(miss), sizeof miss - strlen(miss), "%s%s（%s）",
			         *miss ? "；" : "", sh.rows[r].reviewer, n == sh.ncrit ? "全部未评" : line);
	}
	if (*miss)
		return dj_fail(e, DJ_INVALID, NULL, "评分未完成：%s", miss);
	*mean = sh.mean;
	return 0;
}

/* The outcome's words followed by the acceptance's opinion, when given. */
static int with_opinion(struct outcome *o, const struct review_step *st)
{
	if (*st->opinion) {
		size_t len = strlen(o->text);
		snprintf(o->text + len, sizeof o->text - len, "：%s", st->opinion);
	}
	return 0;
}

static int rule_accept(struct session *s, const struct review_app *a, const struct review_rules *r,
                       const struct review_step *st, struct outcome *o, struct dj_err *e)
{
	if (rule_complete(s, a, &o->total, e))
		return e ? e->code : DJ_INVALID;
	o->to = review_accept_state(o->total, r->pass_line);
	/* the acceptance's opinion joins its outcome: 批复意见 stays the decision's */
	int pass = o->to == RV_PASSED;
	if (r->kind == REVIEW_CREATE) {
		snprintf(o->text, sizeof o->text, pass ? "达标，命名为校级党建工作%s（%s）"
		         : "不达标，予以通报（%.0s%s）", a->kind, o->on);
		return with_opinion(o, st);
	}
	if (pass) {
		snprintf(o->text, sizeof o->text, "验收通过（%s）", o->on);
		return with_opinion(o, st);
	}
	char why[WHY_MAX];
	if (!*st->due)
		return dj_fail(e, DJ_INVALID, "due", "验收不通过（总评 %d.%d 分），请填写「整改期限」",
		               o->total / 10, o->total % 10);
	if (valid_date(st->due, o->rectify_due, why))
		return dj_fail(e, DJ_INVALID, "due", "「整改期限」%s：%s", why, st->due);
	if (strcmp(o->rectify_due, o->on) <= 0)
		return dj_fail(e, DJ_INVALID, "due", "「整改期限」%s 应晚于验收日期 %s", o->rectify_due,
		               o->on);
	snprintf(o->text, sizeof o->text, "验收不通过，限 %s 前整改（%s）", o->rectify_due, o->on);
	return with_opinion(o, st);
}

static int rule_honour(struct session *s, const struct review_app *a, const struct review_rules *r,
                       const struct review_step *st, struct outcome *o, struct dj_err *e)
{
	int total = -1;
	if (*a->total && review_parse_tenths(a->total, 1000, &total, NULL))
		total = -1;
	char line[16];
	review_format_tenths(r->excellent_line, line, sizeof line);
	if (total < r->excellent_line)
		return dj_fail(e, DJ_INVALID, NULL, "总评 %s 分，未达到优秀成果的 %s 分", a->total, line);
	int honoured = count_in_batch(s, a->batch_id, "", RV_HONOURED, RV_HONOURED);
	if (honoured >= r->excellent_max)
		return dj_fail(e, DJ_INVALID, NULL, "本批次优秀成果最多 %d 个，已评 %d 个", r->excellent_max,
		               honoured);
	o->award = st->award;
	snprintf(o->text, sizeof o->text, "评为优秀成果（%s）", o->on);
	return 0;
}

static int rule_reason(const struct review_app *a, const struct review_step *st,
                       enum review_kind k, struct outcome *o, struct dj_err *e)
{
	const char *word = review_flow_of(k)->action_word[st->action];
	if (!*st->opinion)
		return dj_fail(e, DJ_INVALID, "opinion", "%s须写明理由", word);
	o->reason = st->opinion;
	if (st->action == RA_REFUSE) {
		o->decision = st->opinion;
		if (a->state != RV_APPLIED)
			snprintf(o->text, sizeof o->text, "%s（%s）", word, o->on);
	} else {
		snprintf(o->text, sizeof o->text, "%s（%s）", word, o->on);
	}
	return 0;
}

static int step_rules(struct session *s, const struct review_app *a, const struct review_rules *r,
                      const struct review_step *st, struct outcome *o, struct dj_err *e)
{
	const char *report = r->kind == REVIEW_CREATE ? "成果报告" : "结题报告";
	switch (st->action) {
	case RA_RECOMMEND:
		return rule_recommend(s, a, o, e);
	case RA_SCREEN:
		return rule_screen(s, a, e);
	case RA_APPROVE:
		return rule_approve(s, a, r, st, o, e);
	case RA_MIDTERM:
		if (!has_note(s, a->id, "中期检查", 1))
			return dj_fail(e, DJ_INVALID, NULL, "请先填写%s记录（含检查结果）",
			               r->kind == REVIEW_CREATE ? "中期评估" : "中期检查");
		return 0;
	case RA_CONCLUDE:
		if (!has_note(s, a->id, report, 0))
			return dj_fail(e, DJ_INVALID, NULL, "请先填写%s", report);
		return 0;
	case RA_ACCEPT:
		return rule_accept(s, a, r, st, o, e);
	case RA_RESUBMIT:
		o->round = 2;
		return 0;
	case RA_HONOUR:
		return rule_honour(s, a, r, st, o, e);
	case RA_REFUSE:
	case RA_REVOKE:
		return rule_reason(a, st, r->kind, o, e);
	default:
		return 0;
	}
}

/* ---- storing the step ---- */

static int store_step(struct session *s, const struct review_app *a, const struct outcome *o,
                      struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "UPDATE review_app SET state = ?1,"
	        " recommended_by = CASE WHEN ?2 THEN ?3 ELSE recommended_by END,"
	        " recommended_on = CASE WHEN ?2 THEN ?4 ELSE recommended_on END,"
	        " decision = coalesce(?5, decision),"
	        " decided_on = CASE WHEN ?6 THEN ?4 ELSE decided_on END,"
	        " granted_fen = CASE WHEN ?7 >= 0 THEN ?7 ELSE granted_fen END,"
	        " ends_on = CASE WHEN ?7 >= 0 THEN coalesce(ends_on, (SELECT max(g.due_on) FROM"
	        " review_stage g WHERE g.batch_id = review_app.batch_id)) ELSE ends_on END,"
	        " total = CASE WHEN ?9 >= 0 THEN ?9 ELSE total END,"
	        " rectify_due = coalesce(?10, rectify_due), outcome = coalesce(?11, outcome),"
	        " award = coalesce(?12, award), reason = coalesce(?13, reason), accept_round = ?14,"
	        " updated_by = ?15, updated_at = " REVIEW_NOW ", version = version + 1"
	        " WHERE id = ?16 AND version = ?17", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存申报状态");
	sqlite3_bind_int(st, 1, o->to);
	sqlite3_bind_int(st, 2, o->recommend);
	sqlite3_bind_text(st, 3, *s->display ? s->display : s->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, o->on, -1, SQLITE_STATIC);
	if (o->decision && *o->decision)
		sqlite3_bind_text(st, 5, o->decision, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, o->decided);
	sqlite3_bind_int64(st, 7, o->granted);
	sqlite3_bind_int(st, 9, o->total);
	db_bind_text(st, 10, o->rectify_due, 1);
	db_bind_text(st, 11, o->text, 1);
	if (o->award && *o->award)
		sqlite3_bind_text(st, 12, o->award, -1, SQLITE_STATIC);
	if (o->reason)
		sqlite3_bind_text(st, 13, o->reason, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 14, o->round);
	sqlite3_bind_text(st, 15, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 16, a->id);
	sqlite3_bind_int64(st, 17, a->version);
	return db_step_update(s->db, st, "保存申报状态", DB_CONFLICT_ACT, e);
}

/* 批准立项 / 确定入选 grants the first money: a 拨付 line of the amount. */
static int grant_funds(struct session *s, const struct review_app *a, const struct outcome *o,
                       enum review_kind k, struct dj_err *e)
{
	if (o->granted <= 0)
		return 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO review_fund(app_id, kind, on_date, item,"
	                       " amount_fen, handler, updated_by, updated_at) VALUES (?1, '拨付', ?2,"
	                       " ?3, ?4, ?5, ?6, " REVIEW_NOW ")", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "拨付经费");
	sqlite3_bind_int64(st, 1, a->id);
	sqlite3_bind_text(st, 2, o->on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, k == REVIEW_CREATE ? "第一年创建经费" : "立项经费", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, o->granted);
	sqlite3_bind_text(st, 5, *s->display ? s->display : s->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, s->login, -1, SQLITE_STATIC);
	return db_step_done(s->db, st, "拨付经费", e);
}

static const char *step_json(enum review_kind k, const struct review_app *a, int state,
                             const struct review_step *st, const struct outcome *o, int after,
                             struct json *j)
{
	char v[32];
	json_begin(j);
	json_str(j, "项目名称", a->title);
	json_str(j, "状态", review_state_word(k, state));
	if (!after)
		return json_end(j);
	json_str(j, "操作", review_flow_of(k)->action_word[st->action]);
	json_str(j, "日期", o->on);
	json_str(j, "意见", st->opinion);
	if (o->granted >= 0) {
		review_format_money(o->granted, v, sizeof v);
		json_str(j, "拨付经费", v);
	}
	if (o->total >= 0) {
		snprintf(v, sizeof v, "%d.%d", o->total / 10, o->total % 10);
		json_str(j, "总评", v);
	}
	json_str(j, "整改期限", o->rectify_due);
	json_str(j, "奖励", o->award ? o->award : "");
	json_str(j, "结果", o->text);
	if (o->round != a->accept_round)
		json_int(j, "验收轮次", o->round);
	return json_end(j);
}

static int check_step_texts(const struct review_step *st, struct outcome *o,
                            const struct review_app *a, struct dj_err *e)
{
	const struct text_field f[] = {
		{ "on", "日期", st->on, 0 }, { "opinion", "意见", st->opinion, 1 },
		{ "amount", "拨付经费", st->amount, 0 }, { "due", "整改期限", st->due, 0 },
		{ "award", "奖励", st->award, 0 },
	};
	char why[WHY_MAX];
	if (valid_texts(f, sizeof f / sizeof *f, e))
		return DJ_INVALID;
	if (!*st->on)
		today(o->on);
	else if (valid_date(st->on, o->on, why))
		return dj_fail(e, DJ_INVALID, "on", "「日期」%s：%s", why, st->on);
	if (strcmp(o->on, a->filed_on) < 0)
		return dj_fail(e, DJ_INVALID, "on", "「日期」%s 早于填表日期 %s", o->on, a->filed_on);
	return 0;
}

static int decision_action(enum review_action x)
{
	return x == RA_APPROVE || x == RA_REFUSE || x == RA_SCREEN;
}

static int transition_in_txn(struct session *s, int64_t id, int64_t version,
                             const struct review_step *st, int *result, struct dj_err *e)
{
	struct review_app a;
	struct review_head h;
	struct review_rules r;
	if (review_head_load(s, id, &h, e) || review_app_load(s, id, &a, e) ||
	    review_rules_load(s, h.batch_id, &r, e))
		return e ? e->code : DJ_NOTFOUND;
	if (h.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	const char *word = (unsigned)st->action < RA_ACTIONS
	                   ? review_flow_of(r.kind)->action_word[st->action] : NULL;
	struct outcome o = { .granted = -1, .total = -1, .round = h.accept_round };
	o.to = word ? review_next(r.kind, h.state, st->action, h.accept_round) : 0;
	if (!o.to)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」现为%s，不能%s", h.title,
		               review_state_word(r.kind, h.state), word ? word : "这样操作");
	if (review_may_write(s, &h, e) || check_step_texts(st, &o, &a, e) ||
	    step_rules(s, &a, &r, st, &o, e))
		return e ? e->code : DJ_INVALID;
	o.decided = decision_action(st->action);
	int rc = store_step(s, &a, &o, e);
	if (rc || grant_funds(s, &a, &o, r.kind, e) ||
	    (decision_action(st->action) && review_batch_freeze(s, h.batch_id, o.on, e)))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	rc = audit_write(s, "review_app", id, word, step_json(r.kind, &a, h.state, st, &o, 0, &before),
	                 step_json(r.kind, &a, o.to, st, &o, 1, &after), e);
	json_free(&before);
	json_free(&after);
	if (rc == 0 && result)
		*result = o.to;
	return rc;
}

int review_transition(struct session *s, int64_t id, int64_t version, const struct review_step *st,
                      int *result, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	return db_txn_end(&t, transition_in_txn(s, id, version, st, result, e), e);
}
