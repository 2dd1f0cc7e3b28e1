/* store.c — a saved 通报: its 文号, title, period, issuing organization,
 * date and the text as the office edited it; the list and the exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin/bulletin.h"
#include "core/csv_table.h"
#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/pager.h"
#include "core/text.h"
#include "core/validate.h"
#include "docs/numerals.h"
#include "org/org.h"

#define BUL_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

void bulletin_free(struct bulletin *b)
{
	free(b->text);
	b->text = NULL;
}

int bulletin_load(struct session *s, int64_t id, struct bulletin *b, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT b.id, b.version, b.org_id, b.year, b.doc_no, b.title,"
	                     " b.period_from, b.period_to, o.name, b.issued_on, b.body FROM bulletin b"
	                     " JOIN org o ON o.id = b.org_id WHERE b.id = ?", id, &st, "读取通报",
	                     "该通报已不存在", e);
	if (rc)
		return rc;
	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(st, 0);
	b->version = sqlite3_column_int64(st, 1);
	b->org_id = sqlite3_column_int64(st, 2);
	snprintf(b->year, sizeof b->year, "%d", sqlite3_column_int(st, 3));
	db_col_text(st, 4, b->doc_no, sizeof b->doc_no);
	db_col_text(st, 5, b->title, sizeof b->title);
	db_col_text(st, 6, b->from, sizeof b->from);
	db_col_text(st, 7, b->to, sizeof b->to);
	db_col_text(st, 8, b->org, sizeof b->org);
	db_col_text(st, 9, b->issued_on, sizeof b->issued_on);
	const char *body = (const char *)sqlite3_column_text(st, 10);
	b->text = strdup(body ? body : "");
	db_done(st);
	return b->text ? 0 : dj_fail(e, DJ_DB, NULL, "内存不足");
}

static const char *bulletin_json(const struct bulletin *b, struct json *j)
{
	json_begin(j);
	json_str(j, "文号", b->doc_no);
	json_str(j, "标题", b->title);
	json_str(j, "起始日期", b->from);
	json_str(j, "截止日期", b->to);
	json_str(j, "发文单位", b->org);
	json_str(j, "发文日期", b->issued_on);
	json_str(j, "正文", b->text ? b->text : "");
	return json_end(j);
}

static int check_date(char *v, const char *key, const char *label, struct dj_err *e)
{
	char norm[11], why[WHY_MAX];
	if (!*v)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label);
	if (valid_date(v, norm, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", label, why, v);
	snprintf(v, 11, "%s", norm);
	return 0;
}

static int check_bulletin(struct session *s, struct bulletin *b, struct dj_err *e)
{
	const struct text_field t[] = { { "doc_no", "文号", b->doc_no, 0 }, { "title", "标题", b->title, 0 },
	                                { "text", "正文", b->text ? b->text : "", 1 } };
	if (!*b->doc_no)
		return dj_fail(e, DJ_INVALID, "doc_no", "「文号」不能为空，如 驿组通〔2026〕3号");
	if (!*b->title)
		return dj_fail(e, DJ_INVALID, "title", "「标题」不能为空");
	if (!b->text || !*b->text)
		return dj_fail(e, DJ_INVALID, "text", "「正文」不能为空");
	if (valid_texts(t, 3, e))
		return DJ_INVALID;
	if (check_date(b->from, "from", "起始日期", e) || check_date(b->to, "to", "截止日期", e) ||
	    check_date(b->issued_on, "issued_on", "发文日期", e))
		return DJ_INVALID;
	if (strcmp(b->from, b->to) > 0)
		return dj_fail(e, DJ_INVALID, "to", "「截止日期」%s 早于起始日期 %s", b->to, b->from);
	if (strcmp(b->issued_on, b->to) < 0)
		return dj_fail(e, DJ_INVALID, "issued_on", "「发文日期」%s 在通报期间结束（%s）之前",
		               b->issued_on, b->to);
	if (!*b->org || org_find_by_name(s, b->org, &b->org_id))
		return dj_fail(e, DJ_INVALID, "org", "「发文单位」%s 不存在（按 F4 选择）", b->org);
	snprintf(b->year, sizeof b->year, "%.4s", b->issued_on);
	return session_may_write(s, b->org_id, e) ? DJ_DENIED : 0;
}

static int store(struct session *s, struct bulletin *b, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = b->id == 0
		? "INSERT INTO bulletin(year, doc_no, title, period_from, period_to, org_id, issued_on,"
		  " body, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " BUL_NOW ")"
		: "UPDATE bulletin SET year = ?1, doc_no = ?2, title = ?3, period_from = ?4,"
		  " period_to = ?5, org_id = ?6, issued_on = ?7, body = ?8, updated_by = ?9,"
		  " updated_at = " BUL_NOW ", version = version + 1 WHERE id = ?10 AND version = ?11";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存通报");
	sqlite3_bind_int(st, 1, atoi(b->year));
	db_bind_text(st, 2, b->doc_no, 0);
	db_bind_text(st, 3, b->title, 0);
	db_bind_text(st, 4, b->from, 0);
	db_bind_text(st, 5, b->to, 0);
	sqlite3_bind_int64(st, 6, b->org_id);
	db_bind_text(st, 7, b->issued_on, 0);
	db_bind_text(st, 8, b->text, 0);
	db_bind_text(st, 9, s->login, 1);
	if (b->id) {
		sqlite3_bind_int64(st, 10, b->id);
		sqlite3_bind_int64(st, 11, b->version);
	}
	int rc = db_step_save(s->db, st, &b->id, &b->version, "保存通报", e);
	if (rc && strstr(sqlite3_errmsg(s->db), "UNIQUE"))
		return dj_fail(e, DJ_INVALID, "doc_no", "「文号」%s 已用于另一份通报", b->doc_no);
	return rc;
}

static int save_in_txn(struct session *s, struct bulletin *b, struct dj_err *e)
{
	struct bulletin was = { 0 };
	int is_new = b->id == 0;
	if (!is_new) {
		if (bulletin_load(s, b->id, &was, e))
			return e ? e->code : DJ_DB;
		int rc = was.version != b->version ? dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE)
		       : session_may_write(s, was.org_id, e) ? DJ_DENIED : 0;
		if (rc) {
			bulletin_free(&was);
			return rc;
		}
	}
	int rc = check_bulletin(s, b, e);
	if (rc == 0)
		rc = store(s, b, e);
	if (rc == 0) {
		struct json before = JSON_INIT, after = JSON_INIT;
		rc = audit_saved(s, "bulletin", b->id, is_new, is_new ? NULL : bulletin_json(&was, &before),
		                 bulletin_json(b, &after), e);
		json_free(&before);
		json_free(&after);
	}
	bulletin_free(&was);
	return rc;
}

int bulletin_save(struct session *s, struct bulletin *b, struct dj_err *e)
{
	char keep_from[11], keep_to[11], keep_on[11];
	int64_t keep_id = b->id, keep_version = b->version;
	memcpy(keep_from, b->from, sizeof keep_from);
	memcpy(keep_to, b->to, sizeof keep_to);
	memcpy(keep_on, b->issued_on, sizeof keep_on);
	utf8_trim(b->doc_no);
	utf8_trim(b->title);
	utf8_trim(b->org);
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), "bulletin", e);
	if (rc == 0)
		rc = db_txn_end(&t, save_in_txn(s, b, e), e);
	if (rc) {   /* what was typed stays as typed */
		b->id = keep_id;
		b->version = keep_version;
		memcpy(b->from, keep_from, sizeof keep_from);
		memcpy(b->to, keep_to, sizeof keep_to);
		memcpy(b->issued_on, keep_on, sizeof keep_on);
	}
	return rc;
}

static const struct rs_column cols[] = {
	{ "发文日期", 10, 0, 0, 1 }, { "文号", 18, 0, 0, 1, 24 }, { "标题", 30, 1, 0, 1, 60, 1 },
	{ "发文单位", 14, 1, 0, 1, 30 },
};

static const struct pager_def def = {
	.cols = cols, .ncols = sizeof cols / sizeof *cols,
	.cells = { "b.issued_on", "b.doc_no", "b.title", "o.name" },
	.sort = { "b.issued_on", "b.doc_no", "b.title", "o.name_py || o.name" },
	.id = "b.id", .from = "bulletin b JOIN org o ON o.id = b.org_id",
	.where = "(:scope = 0 OR b.org_id IN (WITH RECURSIVE sub(id) AS (SELECT :scope UNION ALL"
	         " SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))",
	.find = "b.title LIKE :fc ESCAPE '\\' OR b.doc_no LIKE :fc ESCAPE '\\' OR b.body LIKE :fc ESCAPE '\\'",
};

struct row_source *bulletin_list_source(struct session *s)
{
	struct row_source *rs = pager_new(s->db, &def, s->scope_org);
	if (rs)
		rs->set_sort(rs->ctx, 0, 1);
	return rs;
}

int bulletin_export_text(struct session *s, int64_t id, const char *path, FILE *report, int *n)
{
	struct bulletin b;
	struct dj_err e;
	char date[64];
	*n = 0;
	if (bulletin_load(s, id, &b, &e)) {
		fprintf(report, "%s\n", e.msg);
		return 1;
	}
	FILE *out = fopen(path, "w");
	if (!out) {
		fprintf(report, "无法写入 %s\n", path);
		bulletin_free(&b);
		return 1;
	}
	if (numerals_date(b.issued_on, date, sizeof date))
		snprintf(date, sizeof date, "%s", b.issued_on);
	fprintf(out, "%s\n%s\n\n%s\n\n%s\n%s\n", b.title, b.doc_no, b.text, b.org, date);
	int bad = fclose(out) != 0;
	bulletin_free(&b);
	if (bad) {
		fprintf(report, "写入 %s 失败\n", path);
		return 1;
	}
	*n = 1;
	return 0;
}

int bulletin_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	static const char *const head[] = { "发文日期", "文号", "标题", "起始日期", "截止日期", "发文单位", "正文" };
	const struct csv_export x = { .what = "通报", .headers = head, .ncols = sizeof head / sizeof *head };
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT b.issued_on, b.doc_no, b.title, b.period_from, b.period_to,"
	                       " o.name, b.body FROM bulletin b JOIN org o ON o.id = b.org_id"
	                       " WHERE (?1 = 0 OR b.org_id IN (WITH RECURSIVE sub(id) AS (SELECT ?1"
	                       " UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id)"
	                       " SELECT id FROM sub)) ORDER BY b.issued_on, b.id", -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, 1, s->scope_org);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}
