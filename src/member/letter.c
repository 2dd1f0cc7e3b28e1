/* letter.c — the 党员组织关系介绍信 a 转出 carries: its number, unique in
 * the year of the move, and its 回执, expected back within [moves]
 * receipt_days and recorded on the move when it comes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/validate.h"
#include "member/member.h"

int member_receipt_days(const struct session *s)
{
	int d = s->cfg ? config_int(s->cfg, "moves:receipt_days", 30) : 30;
	return d < 1 || d > 365 ? 30 : d;
}

/* The year's next number: one past the highest plain-digit number the year's
 * 转出 carry (numbers an office typed in its own style are left aside). */
static int64_t next_number(sqlite3 *db, const char *date, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT coalesce(max(CAST(letter_no AS INTEGER)), 0) + 1"
	                       " FROM member_event WHERE type = '转出' AND substr(date, 1, 4) = ?1"
	                       " AND letter_no <> '' AND letter_no NOT GLOB '*[^0-9]*'",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, e, "编排介绍信编号"), -1;
	sqlite3_bind_text(st, 1, date, 4, SQLITE_TRANSIENT);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	if (n < 0)
		db_fail(db, e, "编排介绍信编号");
	return n;
}

/* Whose 转出 of the same year already carries this number ("" when none). */
static int number_taken(sqlite3 *db, const struct member_event *ev, char who[64])
{
	sqlite3_stmt *st;
	*who = 0;
	if (sqlite3_prepare_v2(db, "SELECT m.name FROM member_event v JOIN member m ON m.id ="
	                       " v.member_id WHERE v.type = '转出' AND substr(v.date, 1, 4) = ?1"
	                       " AND v.letter_no = ?2 LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, ev->date, 4, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, ev->letter_no, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, who, 64);
	sqlite3_finalize(st);
	return 0;
}

/* The day the 回执 is due: the move's date and [moves] receipt_days. */
static int receipt_due(struct session *s, struct member_event *ev, struct dj_err *e)
{
	sqlite3_stmt *st;
	char days[24];
	snprintf(days, sizeof days, "+%d days", member_receipt_days(s));
	if (sqlite3_prepare_v2(s->db, "SELECT date(?1, ?2)", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "计算回执日期");
	sqlite3_bind_text(st, 1, ev->date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, days, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, ev->receipt_due, sizeof ev->receipt_due);
	sqlite3_finalize(st);
	return 0;
}

int member_letter_assign(struct session *s, struct member_event *ev, struct dj_err *e)
{
	if (*ev->letter_no) {
		char who[64];
		if (number_taken(s->db, ev, who))
			return db_fail(s->db, e, "核对介绍信编号");
		if (*who)
			return dj_fail(e, DJ_INVALID, "letter_no",
			               "「介绍信编号」%s 在 %.4s 年已用于%s的转出，请换一个编号，或留空由程序编号",
			               ev->letter_no, ev->date, who);
	} else {
		int64_t n = next_number(s->db, ev->date, e);
		if (n < 0)
			return DJ_DB;
		snprintf(ev->letter_no, sizeof ev->letter_no, "%lld", (long long)n);
	}
	return receipt_due(s, ev, e);
}

/* ---- the 回执 --------------------------------------------------------- */

int member_receipt_expect(struct session *s, const struct member_event *ev, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO letter_receipt(event_id, due_on, updated_at,"
	                       " updated_by) VALUES (?1, ?2, strftime('%Y-%m-%d %H:%M:%S','now',"
	                       "'localtime'), ?3)", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "记录介绍信回执");
	sqlite3_bind_int64(st, 1, ev->id);
	db_bind_text(st, 2, ev->receipt_due, 0);
	db_bind_text(st, 3, s->login, 0);
	return db_step_done(s->db, st, "记录介绍信回执", e) ? DJ_DB : 0;
}

static int load_move(struct session *s, int64_t event_id, struct member_event *ev,
                     int64_t *org, char name[64], struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT v.type, v.date, coalesce(v.letter_no, ''),"
	                       " coalesce(r.returned_on, ''), m.org_id, m.name FROM member_event v"
	                       " JOIN member m ON m.id = v.member_id LEFT JOIN letter_receipt r"
	                       " ON r.event_id = v.id WHERE v.id = ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取转出记录");
	sqlite3_bind_int64(st, 1, event_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		ev->id = event_id;
		db_col_text(st, 0, ev->type, sizeof ev->type);
		db_col_text(st, 1, ev->date, sizeof ev->date);
		db_col_text(st, 2, ev->letter_no, sizeof ev->letter_no);
		db_col_text(st, 3, ev->receipt_on, sizeof ev->receipt_on);
		*org = sqlite3_column_int64(st, 4);
		db_col_text(st, 5, name, 64);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? dj_fail(e, DJ_NOTFOUND, NULL, "没有这条转出记录")
		                         : db_fail(s->db, e, "读取转出记录");
	if (strcmp(ev->type, "转出") != 0)
		return dj_fail(e, DJ_INVALID, NULL, "只有转出才有介绍信回执（这条是%s）", ev->type);
	return 0;
}

static int check_receipt_date(const struct member_event *ev, const char *name, char norm[11],
                              const char *typed, struct dj_err *e)
{
	char why[WHY_MAX], now[11];
	if (!*typed)
		return 0;   /* clearing a date recorded by mistake */
	if (valid_date(typed, norm, why))
		return dj_fail(e, DJ_INVALID, "receipt_on", "「回执日期」%s：%s", why, typed);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, "receipt_on", "「回执日期」%s 在今天之后", norm);
	if (strcmp(norm, ev->date) < 0)
		return dj_fail(e, DJ_INVALID, "receipt_on", "「回执日期」%s 早于%s转出的日期 %s", norm,
		               name, ev->date);
	return 0;
}

static int store_receipt(struct session *s, const struct member_event *old, const char *date,
                         struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE letter_receipt SET returned_on = ?1, updated_by = ?2,"
	                       " updated_at = strftime('%Y-%m-%d %H:%M:%S','now','localtime')"
	                       " WHERE event_id = ?3", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "登记回执");
	db_bind_text(st, 1, date, 1);
	db_bind_text(st, 2, s->login, 0);
	sqlite3_bind_int64(st, 3, old->id);
	if (db_step_done(s->db, st, "登记回执", e))
		return DJ_DB;
	if (sqlite3_changes(s->db) != 1)
		return dj_fail(e, DJ_INVALID, NULL, "这份转出没有开具介绍信回执的记录");
	struct json before = JSON_INIT, after = JSON_INIT;
	json_begin(&before);
	json_str(&before, "回执日期", old->receipt_on);
	json_begin(&after);
	json_str(&after, "回执日期", date);
	int rc = audit_write(s, "member_event", old->id, "登记回执", json_end(&before),
	                     json_end(&after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

static int receipt_in_txn(struct session *s, int64_t event_id, const char *typed,
                          struct dj_err *e)
{
	struct member_event ev;
	int64_t org = 0;
	char name[64], norm[11] = "";
	memset(&ev, 0, sizeof ev);
	if (load_move(s, event_id, &ev, &org, name, e) || session_may_write(s, org, e) ||
	    check_receipt_date(&ev, name, norm, typed, e))
		return e ? e->code : DJ_INVALID;
	return store_receipt(s, &ev, norm, e);
}

int member_record_receipt(struct session *s, int64_t event_id, const char *date,
                          struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), "member_event", e))
		return DJ_DB;
	return db_txn_end(&t, receipt_in_txn(s, event_id, date, e), e);
}
