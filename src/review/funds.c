/* funds.c — an application's funds ledger: 预算 lines of the application,
 * then the money moved once it is approved — 拨付 (granted), 配套 (matching
 * a national or provincial grant, seed 001 §四) and 支出 with its 经手人.
 * The balance 拨付 + 配套 − 支出 never goes below zero: every change is
 * checked inside its write transaction, after the change, so two operators
 * spending the last of it at once cannot both succeed.  After acceptance the
 * balance is the branch's own 活动经费 (seed 004 §五) and the ledger closes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/memrows.h"
#include "core/text.h"
#include "review/records.h"

static const int budget_states[] = { RV_APPLIED, RV_RECOMMENDED, RV_SCREENED };
static const int money_states[] = { RV_APPROVED, RV_STARTED, RV_MIDTERM, RV_CONCLUDED };
#define NSTATES(a) ((int)(sizeof a / sizeof *a))

static int is_budget(const char *kind)
{
	return strcmp(kind, "预算") == 0;
}

/* The line's kind is known and the application's state takes it. */
static int check_kind_state(const struct rv_facts *a, const char *kind, const char *doing,
                            struct dj_err *e)
{
	char list[256], buf[32];
	static const char *const kinds[] = { "预算", "拨付", "配套", "支出" };
	int known = 0;
	for (int i = 0; i < 4; i++)
		known |= strcmp(kind, kinds[i]) == 0;
	if (!known)
		return dj_fail(e, DJ_INVALID, "kind", *kind ? "「类别」须为 预算、拨付、配套 或 支出：%s"
		                                           : "「类别」不能为空%s", kind);
	if (is_budget(kind)) {
		if (rv_state_in(a->state, budget_states, NSTATES(budget_states)))
			return 0;
		rv_state_list(a->kind, budget_states, NSTATES(budget_states), list, sizeof list);
		return dj_fail(e, DJ_INVALID, "kind", "预算只能在评审决定前%s（%s），本申报现为「%s」",
		               doing, list, rv_state_name(a->kind, a->state, buf));
	}
	if (rv_state_in(a->state, money_states, NSTATES(money_states)))
		return 0;
	rv_state_list(a->kind, money_states, NSTATES(money_states), list, sizeof list);
	int after = a->state == RV_PASSED || a->state == RV_HONOURED || a->state == RV_FAILED;
	return dj_fail(e, DJ_INVALID, "kind", "%s只能在批准后、验收前%s（%s），本申报现为「%s」%s",
	               kind, doing, list, rv_state_name(a->kind, a->state, buf),
	               after ? "；验收后的结余留作本支部活动经费" : "");
}

/* ---- reading ---- */

#define SELECT_FUND \
	"SELECT id, version, app_id, kind, coalesce(on_date, ''), item, amount_fen," \
	" coalesce(outside_fen, -1), coalesce(handler, '') FROM review_fund"

static void read_fund(sqlite3_stmt *st, struct review_fund *f, int64_t *amount)
{
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(st, 0);
	f->version = sqlite3_column_int64(st, 1);
	f->app_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, f->kind, sizeof f->kind);
	db_col_text(st, 4, f->on_date, sizeof f->on_date);
	db_col_text(st, 5, f->item, sizeof f->item);
	*amount = sqlite3_column_int64(st, 6);
	review_format_money(*amount, f->amount, sizeof f->amount);
	int64_t outside = sqlite3_column_int64(st, 7);
	if (outside >= 0)
		review_format_money(outside, f->outside, sizeof f->outside);
	db_col_text(st, 8, f->handler, sizeof f->handler);
}

int review_fund_load(struct session *s, int64_t id, struct review_fund *f, struct dj_err *e)
{
	sqlite3_stmt *st;
	int64_t amount;
	int rc = db_load_row(s->db, SELECT_FUND " WHERE id = ?", id, &st, "读取经费",
	                     "该经费记录已不存在", e);
	if (rc)
		return rc;
	read_fund(st, f, &amount);
	db_done(st);
	return 0;
}

static int sums(struct session *s, int64_t app_id, struct review_money *m, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT coalesce(sum(CASE kind WHEN '预算' THEN amount_fen END), 0),"
	        " coalesce(sum(CASE WHEN kind IN ('拨付','配套') THEN amount_fen END), 0),"
	        " coalesce(sum(CASE kind WHEN '支出' THEN amount_fen END), 0)"
	        " FROM review_fund WHERE app_id = ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取经费");
	sqlite3_bind_int64(st, 1, app_id);
	memset(m, 0, sizeof *m);
	if (sqlite3_step(st) != SQLITE_ROW) {
		int rc = db_fail(s->db, e, "读取经费");
		sqlite3_finalize(st);
		return rc;
	}
	m->budget = sqlite3_column_int64(st, 0);
	m->granted = sqlite3_column_int64(st, 1);
	m->spent = sqlite3_column_int64(st, 2);
	m->balance = m->granted - m->spent;
	sqlite3_finalize(st);
	return 0;
}

int review_money_of(struct session *s, int64_t app_id, struct review_money *m, struct dj_err *e)
{
	return sums(s, app_id, m, e);
}

static const char *fund_json(const struct rv_facts *a, const struct review_fund *f,
                             struct json *j)
{
	json_begin(j);
	json_str(j, "申报", a->title);
	json_str(j, "类别", f->kind);
	json_str(j, "日期", f->on_date);
	json_str(j, "事项", f->item);
	json_str(j, "金额", f->amount);
	json_str(j, "上级资助", f->outside);
	json_str(j, "经手人", f->handler);
	return json_end(j);
}

/* ---- checking ---- */

static int check_money(const char *text, const char *key, const char *label, int64_t *fen,
                       struct dj_err *e)
{
	char why[WHY_MAX];
	if (!*text)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label);
	if (review_parse_money(text, fen, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", label, why, text);
	if (*fen <= 0)
		return dj_fail(e, DJ_INVALID, key, "「%s」须大于 0：%s", label, text);
	return 0;
}

/* 配套 is at least match % of the outside grant it matches (seed 001: not
 * below 1:1), rounded up to the fen so the ratio is never missed. */
static int check_match(const struct rv_facts *a, struct review_fund *f, int64_t amount,
                       int64_t *outside, struct dj_err *e)
{
	if (check_money(f->outside, "outside", "上级资助", outside, e))
		return DJ_INVALID;
	int64_t least = (*outside * a->match_pct + 99) / 100;
	if (amount >= least)
		return 0;
	char has[32], need[32], grant[32];
	review_format_money(amount, has, sizeof has);
	review_format_money(least, need, sizeof need);
	review_format_money(*outside, grant, sizeof grant);
	return dj_fail(e, DJ_INVALID, "amount", "配套 %s 元不足：须不少于国家级或省级资助 %s 元的"
	               " %d%%，即 %s 元", has, grant, a->match_pct, need);
}

static int check_fund(const struct rv_facts *a, struct review_fund *f, int64_t *amount,
                      int64_t *outside, struct dj_err *e)
{
	char why[WHY_MAX], norm[11], now[11];
	const struct text_field t[] = {
		{ "kind", "类别", f->kind, 0 }, { "on_date", "日期", f->on_date, 0 },
		{ "item", "事项", f->item, 0 }, { "amount", "金额", f->amount, 0 },
		{ "outside", "上级资助", f->outside, 0 }, { "handler", "经手人", f->handler, 0 },
	};
	if (valid_texts(t, sizeof t / sizeof *t, e) || check_kind_state(a, f->kind, "录入", e))
		return DJ_INVALID;
	if (!*f->on_date && !is_budget(f->kind))
		return dj_fail(e, DJ_INVALID, "on_date", "「日期」不能为空");
	if (*f->on_date) {
		if (valid_date(f->on_date, norm, why))
			return dj_fail(e, DJ_INVALID, "on_date", "「日期」%s：%s", why, f->on_date);
		if (!is_budget(f->kind) && strcmp(norm, today(now)) > 0)
			return dj_fail(e, DJ_INVALID, "on_date", "「日期」%s 在今天之后", norm);
		memcpy(f->on_date, norm, sizeof norm);
	}
	if (!*f->item)
		return dj_fail(e, DJ_INVALID, "item", "「事项」不能为空");
	if (check_money(f->amount, "amount", "金额", amount, e))
		return DJ_INVALID;
	*outside = -1;
	if (strcmp(f->kind, "配套") == 0)
		return check_match(a, f, *amount, outside, e);
	f->outside[0] = 0;
	if (strcmp(f->kind, "支出") == 0 && !*f->handler)
		return dj_fail(e, DJ_INVALID, "handler", "支出须填写「经手人」");
	return 0;
}

/* After the change, in its transaction: the balance is not below zero. */
static int check_balance(struct session *s, int64_t app_id, struct dj_err *e)
{
	struct review_money m;
	if (sums(s, app_id, &m, e))
		return DJ_DB;
	if (m.balance >= 0)
		return 0;
	char in[32], out[32], gap[32];
	review_format_money(m.granted, in, sizeof in);
	review_format_money(m.spent, out, sizeof out);
	review_format_money(-m.balance, gap, sizeof gap);
	return dj_fail(e, DJ_INVALID, "amount", "结余不足：拨付和配套共 %s 元，支出将达 %s 元，"
	               "差 %s 元，结余不能为负", in, out, gap);
}

/* ---- writing ---- */

static int store_fund(struct session *s, struct review_fund *f, int64_t amount, int64_t outside,
                      struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = f->id == 0
		? "INSERT INTO review_fund(kind, on_date, item, amount_fen, outside_fen, handler,"
		  " updated_by, updated_at, app_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " RV_NOW ", ?8)"
		: "UPDATE review_fund SET kind = ?1, on_date = ?2, item = ?3, amount_fen = ?4,"
		  " outside_fen = ?5, handler = ?6, updated_by = ?7, updated_at = " RV_NOW ","
		  " version = version + 1 WHERE id = ?8 AND version = ?9";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存经费");
	db_bind_text(st, 1, f->kind, 0);
	db_bind_text(st, 2, f->on_date, 1);
	db_bind_text(st, 3, f->item, 0);
	sqlite3_bind_int64(st, 4, amount);
	if (outside >= 0)
		sqlite3_bind_int64(st, 5, outside);
	db_bind_text(st, 6, f->handler, 1);
	db_bind_text(st, 7, s->login, 1);
	if (f->id == 0) {
		sqlite3_bind_int64(st, 8, f->app_id);
	} else {
		sqlite3_bind_int64(st, 8, f->id);
		sqlite3_bind_int64(st, 9, f->version);
	}
	return db_step_save(s->db, st, &f->id, &f->version, "保存经费", e);
}

static int fund_save_in_txn(struct session *s, struct review_fund *f, struct dj_err *e)
{
	struct review_fund was;
	struct rv_facts a;
	int is_new = f->id == 0;
	if (!is_new) {
		if (review_fund_load(s, f->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != f->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		f->app_id = was.app_id;   /* a line stays with its application */
	}
	if (rv_facts_load(s, f->app_id, &a, e))
		return e ? e->code : DJ_DB;
	if (session_may_write(s, a.org_id, e))
		return DJ_DENIED;
	/* the line as it was must be changeable now too: a 预算 line does not
	 * become money moved after the decision, nor the reverse */
	if (!is_new && check_kind_state(&a, was.kind, "修改", e))
		return DJ_INVALID;
	int64_t amount, outside;
	if (check_fund(&a, f, &amount, &outside, e) || store_fund(s, f, amount, outside, e) ||
	    check_balance(s, a.id, e))
		return e ? e->code : DJ_INVALID;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "review_fund", f->id, is_new,
	                     is_new ? NULL : fund_json(&a, &was, &before), fund_json(&a, f, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

/* The write joins a caller's transaction under a savepoint, so a line
 * refused after it was stored (the balance) is undone alone. */
int review_fund_save(struct session *s, struct review_fund *f, struct dj_err *e)
{
	struct review_fund keep = *f;
	char *trim[] = { f->kind, f->on_date, f->item, f->amount, f->outside, f->handler };
	for (size_t i = 0; i < sizeof trim / sizeof *trim; i++)
		utf8_trim(trim[i]);
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), "review_fund", e);
	if (!rc)
		rc = db_txn_end(&t, fund_save_in_txn(s, f, e), e);
	if (rc) {
		*f = keep;   /* what was typed stays as typed */
		return rc;
	}
	return review_fund_load(s, f->id, f, e);
}

static int fund_delete_in_txn(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct review_fund f;
	struct rv_facts a;
	if (review_fund_load(s, id, &f, e) || rv_facts_load(s, f.app_id, &a, e))
		return e ? e->code : DJ_DB;
	if (f.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (session_may_write(s, a.org_id, e))
		return DJ_DENIED;
	if (check_kind_state(&a, f.kind, "删除", e))
		return DJ_INVALID;
	if (db_exec_ids(s->db, "DELETE FROM review_fund WHERE id = ?", &id, 1, "删除经费", e))
		return DJ_DB;
	/* deleting a 拨付 or 配套 line the spending relies on is refused */
	if (check_balance(s, a.id, e))
		return e ? e->code : DJ_INVALID;
	struct json before = JSON_INIT;
	int rc = audit_write(s, "review_fund", id, "删除", fund_json(&a, &f, &before), NULL, e);
	json_free(&before);
	return rc;
}

int review_fund_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), "review_fund", e))
		return DJ_DB;
	return db_txn_end(&t, fund_delete_in_txn(s, id, version, e), e);
}

/* ---- the list ---- */

static const struct rs_column fund_cols[] = {
	{ "日期", 10, 0, 0, 1, 0, 0 }, { "类别", 4, 0, 0, 1, 0, 0 },
	{ "事项", 20, 1, 0, 1, 0, 1 }, { "金额", 10, 0, 1, 1, 0, 0 },
	{ "经手人", 8, 0, 0, 1, 16, 0 }, { "结余", 10, 0, 1, 0, 0, 0 },
};

struct fund_list {
	struct session *s;
	int64_t app_id;
};

/* Oldest first, the budget apart at the top; on one day the money in
 * comes before the money out, as the running balance is read. */
static int load_funds(void *ctx, struct memrows *m)
{
	struct fund_list *l = ctx;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(l->s->db, SELECT_FUND " WHERE app_id = ? ORDER BY kind <> '预算',"
	                       " coalesce(on_date, ''), kind = '支出', id", -1, &st, NULL) != SQLITE_OK) {
		memrows_fail(m, "读取经费台账失败");
		return -1;
	}
	sqlite3_bind_int64(st, 1, l->app_id);
	struct review_fund f;
	int64_t amount, balance = 0;
	int seq = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		read_fund(st, &f, &amount);
		char find[256], key[16], left[32] = "";
		snprintf(find, sizeof find, "%s %.120s %.60s", f.kind, f.item, f.handler);
		snprintf(key, sizeof key, "%08d", ++seq);
		struct rs_row *row = memrows_add(m, f.id, find, key);
		if (!row)
			break;
		if (!is_budget(f.kind)) {
			balance += strcmp(f.kind, "支出") == 0 ? -amount : amount;
			review_format_money(balance, left, sizeof left);
		}
		const char *cells[] = { f.on_date, f.kind, f.item, f.amount, f.handler, left };
		for (int c = 0; c < 6; c++)
			snprintf(row->cell[c], RS_CELL, "%s", cells[c]);
		/* a budget line is a plan, not money moved */
		row->flags = is_budget(f.kind) ? RS_FLAG_DIM : 0;
	}
	sqlite3_finalize(st);
	return 0;
}

struct row_source *review_fund_list_source(struct session *s, int64_t app_id)
{
	struct fund_list *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->s = s;
	l->app_id = app_id;
	return memrows_new(fund_cols, 6, load_funds, l, free);
}
