/* visit.c — one 慰问: the member visited, when and on what occasion, who
 * went (up to three, stored as one text joined by 、), what was given
 * (money in 元 stored as fen, or goods) and a note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/internal.h"
#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"

#define SEP "、"

static void split_visitors(const char *text, struct care_visit *v)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", text);
	char *at = buf;
	for (int i = 0; i < CARE_MAX_VISITORS && at && *at; i++) {
		char *next = strstr(at, SEP);
		if (next) {
			*next = 0;
			next += strlen(SEP);
		}
		snprintf(v->visitors[i], sizeof v->visitors[i], "%s", at);
		at = next;
	}
}

static void join_visitors(const struct care_visit *v, char *out, size_t cap)
{
	size_t at = 0;
	out[0] = 0;
	for (int i = 0; i < CARE_MAX_VISITORS; i++)
		if (*v->visitors[i] && at < cap)
			at += (size_t)snprintf(out + at, cap - at, "%s%s", at ? SEP : "", v->visitors[i]);
}

int care_visit_load(struct session *s, int64_t id, struct care_visit *v, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT v.id, v.version, v.member_id, m.name, o.name, v.on_date,"
	                     " v.occasion, v.visitors, v.money_fen, v.goods, v.note FROM care_visit v"
	                     " JOIN member m ON m.id = v.member_id JOIN org o ON o.id = m.org_id"
	                     " WHERE v.id = ?", id, &st, "读取慰问记录", "该慰问记录已不存在", e);
	if (rc)
		return rc;
	memset(v, 0, sizeof *v);
	char visitors[256];
	v->id = sqlite3_column_int64(st, 0);
	v->version = sqlite3_column_int64(st, 1);
	v->member_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, v->member, sizeof v->member);
	db_col_text(st, 4, v->org, sizeof v->org);
	db_col_text(st, 5, v->on_date, sizeof v->on_date);
	db_col_text(st, 6, v->occasion, sizeof v->occasion);
	db_col_text(st, 7, visitors, sizeof visitors);
	v->money_fen = sqlite3_column_int64(st, 8);
	db_col_text(st, 9, v->goods, sizeof v->goods);
	db_col_text(st, 10, v->note, sizeof v->note);
	db_done(st);
	split_visitors(visitors, v);
	care_money_text(v->money_fen, v->money, sizeof v->money);
	return 0;
}

static int check_visitors(struct care_visit *v, struct dj_err *e)
{
	static const char *const keys[CARE_MAX_VISITORS] = { "visitor1", "visitor2", "visitor3" };
	int n = 0;
	for (int i = 0; i < CARE_MAX_VISITORS; i++) {
		utf8_trim(v->visitors[i]);
		if (!*v->visitors[i])
			continue;
		if (strstr(v->visitors[i], SEP))
			return dj_fail(e, DJ_INVALID, keys[i], "「慰问人」每栏填一人：%s", v->visitors[i]);
		for (int j = 0; j < i; j++)
			if (strcmp(v->visitors[i], v->visitors[j]) == 0)
				return dj_fail(e, DJ_INVALID, keys[i], "「慰问人」%s 填了两次", v->visitors[i]);
		n++;
	}
	return n ? 0 : dj_fail(e, DJ_INVALID, keys[0], "「慰问人」不能为空：至少填写一名慰问人的姓名");
}

static int check_visit(struct session *s, struct care_visit *v, struct dj_err *e)
{
	const struct text_field t[] = {
		{ "goods", "慰问品", v->goods, 0 }, { "note", "备注", v->note, 1 },
	};
	int rc = care_member(s, v->member_id, "member", v->member, v->org, e);
	if (rc)
		return rc;
	if (care_day(v->on_date, "on_date", "慰问日期", 1, e))
		return DJ_INVALID;
	char occ[CARE_MAX_OCCASIONS][32], why[WHY_MAX];
	int n = care_occasions(s, occ, CARE_MAX_OCCASIONS), known = 0;
	for (int i = 0; i < n; i++)
		known |= strcmp(v->occasion, occ[i]) == 0;
	if (!*v->occasion)
		return dj_fail(e, DJ_INVALID, "occasion", "「慰问时机」不能为空：填写七一、春节、日常等慰问时机");
	if (!known)
		return dj_fail(e, DJ_INVALID, "occasion",
		               "「慰问时机」「%s」不在 dangjian.ini [care] occasions 配置的列表中", v->occasion);
	if (check_visitors(v, e))
		return DJ_INVALID;
	v->money_fen = 0;
	if (*v->money && care_money_parse(v->money, &v->money_fen, why))
		return dj_fail(e, DJ_INVALID, "money", "「慰问金」%s：%s", why, v->money);
	return valid_texts(t, 2, e);
}

static const char *visit_json(const struct care_visit *v, struct json *j)
{
	char visitors[256], money[24];
	join_visitors(v, visitors, sizeof visitors);
	care_money_text(v->money_fen, money, sizeof money);
	json_begin(j);
	json_str(j, "党员", v->member);
	json_str(j, "慰问日期", v->on_date);
	json_str(j, "慰问时机", v->occasion);
	json_str(j, "慰问人", visitors);
	json_str(j, "慰问金", money);
	json_str(j, "慰问品", v->goods);
	json_str(j, "备注", v->note);
	return json_end(j);
}

static int store(struct session *s, struct care_visit *v, struct dj_err *e)
{
	sqlite3_stmt *st;
	char visitors[256];
	join_visitors(v, visitors, sizeof visitors);
	const char *sql = v->id == 0
		? "INSERT INTO care_visit(member_id, on_date, occasion, visitors, money_fen, goods, note,"
		  " updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " CARE_NOW ")"
		: "UPDATE care_visit SET member_id = ?1, on_date = ?2, occasion = ?3, visitors = ?4,"
		  " money_fen = ?5, goods = ?6, note = ?7, updated_by = ?8, updated_at = " CARE_NOW ","
		  " version = version + 1 WHERE id = ?9 AND version = ?10";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存慰问记录");
	sqlite3_bind_int64(st, 1, v->member_id);
	db_bind_text(st, 2, v->on_date, 0);
	db_bind_text(st, 3, v->occasion, 0);
	db_bind_text(st, 4, visitors, 0);
	sqlite3_bind_int64(st, 5, v->money_fen);
	db_bind_text(st, 6, v->goods, 0);
	db_bind_text(st, 7, v->note, 0);
	db_bind_text(st, 8, s->login, 1);
	if (v->id) {
		sqlite3_bind_int64(st, 9, v->id);
		sqlite3_bind_int64(st, 10, v->version);
	}
	return db_step_save(s->db, st, &v->id, &v->version, "保存慰问记录", e);
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct care_visit *v = rec, was;
	int is_new = v->id == 0;
	if (!is_new) {
		if (care_visit_load(s, v->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != v->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		char name[64], org[128];
		int rc = care_member(s, was.member_id, "member", name, org, e);
		if (rc)
			return rc;
	}
	int rc = check_visit(s, v, e);
	if (rc || (rc = store(s, v, e)))
		return rc;
	struct json before = JSON_INIT, after = JSON_INIT;
	rc = audit_saved(s, "care_visit", v->id, is_new, is_new ? NULL : visit_json(&was, &before),
	                 visit_json(v, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int care_visit_save(struct session *s, struct care_visit *v, struct dj_err *e)
{
	struct care_visit keep = *v;
	utf8_trim(v->on_date);
	utf8_trim(v->occasion);
	utf8_trim(v->money);
	int rc = care_in_txn(s, "care_visit", save_in_txn, v, e);
	if (rc) {
		*v = keep;
		return rc;
	}
	return care_visit_load(s, v->id, v, e);
}
