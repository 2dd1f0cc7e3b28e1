/* honour.c — one honour: the configured titles and levels, reading, the
 * checks of a save, the save and the 撤销, each audited. */
#include "honour/honour.h"

#include <stdio.h>
#include <string.h>

#include "core/config.h"
#include "core/db.h"
#include "core/db_write.h"
#include "core/itemlist.h"
#include "core/json.h"
#include "core/text.h"
#include "core/validate.h"

#define HONOUR_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

static int config_list(const struct session *s, const char *key, const char *def,
                       char out[][64], int cap)
{
	static const char *const seps[] = { "、", "，", ",", NULL };
	const char *list = s && s->cfg ? config_str(s->cfg, key, def) : def;
	char item[64];
	int n = 0;
	while (n < cap && itemlist_next(&list, seps, item, sizeof item))
		if (*item)
			snprintf(out[n++], 64, "%s", item);
	return n;
}

int honour_titles(const struct session *s, char out[][64], int cap)
{
	return config_list(s, "honours:titles", "优秀共产党员,优秀党务工作者,先进基层党组织,"
	                   "党员示范岗,党员示范寝室,党建示范点,优秀成果", out, cap);
}

int honour_levels(const struct session *s, char out[][64], int cap)
{
	return config_list(s, "honours:levels", "国家,省部,地厅,县处,校级,院级,镇级", out, cap);
}

/* A 先进基层党组织 or 党建示范点 is an organization's; the personal titles a
 * member's.  Others (优秀成果, an office's own) go to either. */
int honour_title_for(const char *title)
{
	static const char *const members[] = { "优秀共产党员", "优秀党务工作者", "党员示范岗",
	                                       "党员示范寝室" };
	static const char *const orgs[] = { "先进基层党组织", "党建示范点" };
	for (size_t i = 0; i < sizeof members / sizeof *members; i++)
		if (strcmp(title, members[i]) == 0)
			return 'm';
	for (size_t i = 0; i < sizeof orgs / sizeof *orgs; i++)
		if (strcmp(title, orgs[i]) == 0)
			return 'o';
	return 0;
}

/* ---- reading ---- */

int honour_find_recipient(struct session *s, const char *kind, const char *name, int64_t *id,
                          struct dj_err *e)
{
	int is_org = strcmp(kind, "org") == 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, is_org ? "SELECT id FROM org WHERE name = ?1"
	                                       " OR short_name = ?1 ORDER BY name <> ?1, id"
	                                     : "SELECT id FROM member WHERE name = ? ORDER BY id",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "查找获得者");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int n = 0;
	*id = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0)
			*id = sqlite3_column_int64(st, 0);
		if (is_org)
			break;   /* the full name first, names being unique */
	}
	sqlite3_finalize(st);
	if (n == 0)
		return dj_fail(e, DJ_INVALID, "recipient", "「获得者」没有名为「%s」的%s", name,
		               is_org ? "党组织" : "党员");
	if (n > 1)
		return dj_fail(e, DJ_INVALID, "recipient", "「获得者」有 %d 名党员名为「%s」，"
		               "请从列表中选择", n, name);
	return 0;
}

#define SELECT_HONOUR \
	"SELECT h.id, h.version, h.kind, coalesce(h.member_id, 0), coalesce(h.org_id, 0)," \
	" coalesce(m.name, o.name, ''), h.title, h.level, h.awarded_on, h.approved_by, h.doc_no," \
	" h.deeds, h.posthumous, coalesce(h.revoked_on, ''), coalesce(h.revoke_reason, '')" \
	" FROM honour h LEFT JOIN member m ON m.id = h.member_id LEFT JOIN org o ON o.id = h.org_id"

int honour_load(struct session *s, int64_t id, struct honour *h, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, SELECT_HONOUR " WHERE h.id = ?", id, &st, "读取荣誉",
	                     "该荣誉记录已不存在", e);
	if (rc)
		return rc;
	memset(h, 0, sizeof *h);
	h->id = sqlite3_column_int64(st, 0);
	h->version = sqlite3_column_int64(st, 1);
	db_col_text(st, 2, h->kind, sizeof h->kind);
	h->member_id = sqlite3_column_int64(st, 3);
	h->org_id = sqlite3_column_int64(st, 4);
	db_col_text(st, 5, h->recipient, sizeof h->recipient);
	db_col_text(st, 6, h->title, sizeof h->title);
	db_col_text(st, 7, h->level, sizeof h->level);
	db_col_text(st, 8, h->awarded_on, sizeof h->awarded_on);
	db_col_text(st, 9, h->approved_by, sizeof h->approved_by);
	db_col_text(st, 10, h->doc_no, sizeof h->doc_no);
	db_col_text(st, 11, h->deeds, sizeof h->deeds);
	h->posthumous = sqlite3_column_int(st, 12);
	db_col_text(st, 13, h->revoked_on, sizeof h->revoked_on);
	db_col_text(st, 14, h->revoke_reason, sizeof h->revoke_reason);
	db_done(st);
	return 0;
}

static const char *honour_json(const struct honour *h, struct json *j)
{
	json_begin(j);
	json_str(j, "获得者", h->recipient);
	json_str(j, "类别", strcmp(h->kind, "org") == 0 ? "组织" : "个人");
	json_str(j, "荣誉称号", h->title);
	json_str(j, "级别", h->level);
	json_str(j, "授予日期", h->awarded_on);
	json_str(j, "批准机关", h->approved_by);
	json_str(j, "文号", h->doc_no);
	json_str(j, "事迹", h->deeds);
	json_str(j, "追授", h->posthumous ? "是" : "否");
	json_str(j, "撤销日期", h->revoked_on);
	json_str(j, "撤销原因", h->revoke_reason);
	return json_end(j);
}

/* ---- checking ---- */

static int in_list(const char *v, char list[][64], int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

static int check_choice(const char *v, const char *key, const char *label, char list[][64],
                        int n, struct dj_err *e)
{
	if (!*v)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label);
	if (in_list(v, list, n))
		return 0;
	return dj_fail(e, DJ_INVALID, key, "「%s」「%s」不在 dangjian.ini [honours] 配置的列表中",
	               label, v);
}

static int check_date(char *v, const char *key, const char *label, struct dj_err *e)
{
	char norm[11], why[WHY_MAX], now[11];
	if (!*v)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label);
	if (valid_date(v, norm, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", label, why, v);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, key, "「%s」%s 在今天之后", label, norm);
	memcpy(v, norm, sizeof norm);
	return 0;
}

/* The recipient exists; *org is the organization whose scope decides;
 * *status the member's 状态. */
static int check_recipient(struct session *s, struct honour *h, int64_t *org, char *status,
                           size_t cap, struct dj_err *e)
{
	int is_member = strcmp(h->kind, "member") == 0;
	if (!is_member && strcmp(h->kind, "org") != 0)
		return dj_fail(e, DJ_INVALID, "recipient", "「获得者」须为党员或党组织");
	int64_t id = is_member ? h->member_id : h->org_id;
	if (id <= 0)
		return dj_fail(e, DJ_INVALID, "recipient", "「获得者」不能为空：须选择一名%s",
		               is_member ? "党员" : "党组织");
	sqlite3_stmt *st;
	const char *sql = is_member ? "SELECT org_id, status, name FROM member WHERE id = ?"
	                            : "SELECT id, '', name FROM org WHERE id = ?";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取获得者");
	sqlite3_bind_int64(st, 1, id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		*org = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, status, cap);
		db_col_text(st, 2, h->recipient, sizeof h->recipient);
	}
	sqlite3_finalize(st);
	if (!found)
		return dj_fail(e, DJ_INVALID, "recipient", "「获得者」所选的%s已不存在",
		               is_member ? "党员" : "党组织");
	if (is_member)
		h->org_id = 0;
	else
		h->member_id = 0;
	return 0;
}

/* A 追授 follows the death: not dated before the 去世 recorded for the member. */
static int check_after_death(struct session *s, const struct honour *h, struct dj_err *e)
{
	sqlite3_stmt *st;
	char died[11] = "";
	if (sqlite3_prepare_v2(s->db, "SELECT max(date) FROM member_event WHERE member_id = ?"
	                       " AND type = '去世'", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取去世日期");
	sqlite3_bind_int64(st, 1, h->member_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, died, sizeof died);
	sqlite3_finalize(st);
	if (*died && strcmp(h->awarded_on, died) < 0)
		return dj_fail(e, DJ_INVALID, "awarded_on", "「授予日期」%s 早于 %s 去世的日期 %s，"
		               "追授须在去世之后", h->awarded_on, h->recipient, died);
	return 0;
}

static int check_honour(struct session *s, struct honour *h, struct dj_err *e)
{
	char titles[HONOUR_MAX_CHOICES][64], levels[HONOUR_MAX_CHOICES][64], status[16] = "";
	int64_t org = 0;
	const struct text_field t[] = {
		{ "title", "荣誉称号", h->title, 0 }, { "level", "级别", h->level, 0 },
		{ "awarded_on", "授予日期", h->awarded_on, 0 },
		{ "approved_by", "批准机关", h->approved_by, 0 }, { "doc_no", "文号", h->doc_no, 0 },
		{ "deeds", "事迹", h->deeds, 1 },
	};
	if (valid_texts(t, sizeof t / sizeof *t, e) ||
	    check_recipient(s, h, &org, status, sizeof status, e))
		return e ? e->code : DJ_INVALID;
	if (session_may_write(s, org, e))
		return DJ_DENIED;
	int nt = honour_titles(s, titles, HONOUR_MAX_CHOICES);
	int nl = honour_levels(s, levels, HONOUR_MAX_CHOICES);
	if (check_choice(h->title, "title", "荣誉称号", titles, nt, e) ||
	    check_choice(h->level, "level", "级别", levels, nl, e))
		return DJ_INVALID;
	int is_member = strcmp(h->kind, "member") == 0, only = honour_title_for(h->title);
	if (only == 'o' && is_member)
		return dj_fail(e, DJ_INVALID, "title", "「%s」授予党组织，不能授予党员个人", h->title);
	if (only == 'm' && !is_member)
		return dj_fail(e, DJ_INVALID, "title", "「%s」授予党员个人，不能授予党组织", h->title);
	if (check_date(h->awarded_on, "awarded_on", "授予日期", e))
		return DJ_INVALID;
	if (!*h->approved_by)
		return dj_fail(e, DJ_INVALID, "approved_by", "「批准机关」不能为空");
	h->posthumous = h->posthumous != 0;
	if (h->posthumous && !is_member)
		return dj_fail(e, DJ_INVALID, "posthumous", "「追授」只用于党员个人");
	if (h->posthumous && strcmp(status, "去世") != 0)
		return dj_fail(e, DJ_INVALID, "posthumous", "「追授」只用于已去世的党员，%s 现为「%s」",
		               h->recipient, status);
	return h->posthumous ? check_after_death(s, h, e) : 0;
}

/* ---- writing ---- */

static int store_honour(struct session *s, struct honour *h, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = h->id == 0
		? "INSERT INTO honour(kind, member_id, org_id, title, level, awarded_on, approved_by,"
		  " doc_no, deeds, posthumous, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		  " ?7, ?8, ?9, ?10, ?11, " HONOUR_NOW ")"
		: "UPDATE honour SET kind = ?1, member_id = ?2, org_id = ?3, title = ?4, level = ?5,"
		  " awarded_on = ?6, approved_by = ?7, doc_no = ?8, deeds = ?9, posthumous = ?10,"
		  " updated_by = ?11, updated_at = " HONOUR_NOW ", version = version + 1"
		  " WHERE id = ?12 AND version = ?13";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存荣誉");
	db_bind_text(st, 1, h->kind, 0);
	if (h->member_id)
		sqlite3_bind_int64(st, 2, h->member_id);
	if (h->org_id)
		sqlite3_bind_int64(st, 3, h->org_id);
	db_bind_text(st, 4, h->title, 0);
	db_bind_text(st, 5, h->level, 0);
	db_bind_text(st, 6, h->awarded_on, 0);
	db_bind_text(st, 7, h->approved_by, 0);
	db_bind_text(st, 8, h->doc_no, 0);
	db_bind_text(st, 9, h->deeds, 0);
	sqlite3_bind_int(st, 10, h->posthumous);
	db_bind_text(st, 11, s->login, 1);
	if (h->id) {
		sqlite3_bind_int64(st, 12, h->id);
		sqlite3_bind_int64(st, 13, h->version);
	}
	return db_step_save(s->db, st, &h->id, &h->version, "保存荣誉", e);
}

/* The honour as stored must be changeable by this operator too: an honour
 * does not leave someone else's organization by being re-pointed. */
static int check_was(struct session *s, const struct honour *h, struct honour *was,
                     struct dj_err *e)
{
	if (honour_load(s, h->id, was, e))
		return e ? e->code : DJ_DB;
	if (was->version != h->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (*was->revoked_on)
		return dj_fail(e, DJ_INVALID, NULL, "该荣誉已于 %s 撤销，不能再修改", was->revoked_on);
	struct honour copy = *was;
	char status[16];
	int64_t org = 0;
	if (check_recipient(s, &copy, &org, status, sizeof status, e))
		return e ? e->code : DJ_INVALID;
	return session_may_write(s, org, e) ? DJ_DENIED : 0;
}

static int save_in_txn(struct session *s, struct honour *h, struct dj_err *e)
{
	struct honour was;
	int is_new = h->id == 0;
	if (!is_new && check_was(s, h, &was, e))
		return e ? e->code : DJ_INVALID;
	if (check_honour(s, h, e) || store_honour(s, h, e))
		return e ? e->code : DJ_INVALID;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "honour", h->id, is_new, is_new ? NULL : honour_json(&was, &before),
	                     honour_json(h, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int honour_save(struct session *s, struct honour *h, struct dj_err *e)
{
	struct honour keep = *h;
	char *trim[] = { h->title, h->level, h->awarded_on, h->approved_by, h->doc_no };
	for (size_t i = 0; i < sizeof trim / sizeof *trim; i++)
		utf8_trim(trim[i]);
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), "honour", e);
	if (!rc)
		rc = db_txn_end(&t, save_in_txn(s, h, e), e);
	if (rc) {
		*h = keep;   /* what was typed stays as typed */
		return rc;
	}
	return honour_load(s, h->id, h, e);
}

static int revoke_in_txn(struct session *s, int64_t id, int64_t version, const char *date,
                         const char *reason, struct dj_err *e)
{
	struct honour h, was;
	if (honour_load(s, id, &h, e))
		return e ? e->code : DJ_DB;
	if (h.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (check_was(s, &h, &was, e))
		return e ? e->code : DJ_INVALID;
	char on[11], why_text[256];
	snprintf(on, sizeof on, "%s", date ? date : "");
	snprintf(why_text, sizeof why_text, "%s", reason ? reason : "");
	utf8_trim(on);
	utf8_trim(why_text);
	const struct text_field t[] = { { "revoked_on", "撤销日期", on, 0 },
	                                { "revoke_reason", "撤销原因", why_text, 0 } };
	if (valid_texts(t, 2, e) || check_date(on, "revoked_on", "撤销日期", e))
		return DJ_INVALID;
	if (strcmp(on, h.awarded_on) < 0)
		return dj_fail(e, DJ_INVALID, "revoked_on", "「撤销日期」%s 早于授予日期 %s", on,
		               h.awarded_on);
	if (!*why_text)
		return dj_fail(e, DJ_INVALID, "revoke_reason", "「撤销原因」不能为空");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE honour SET revoked_on = ?1, revoke_reason = ?2,"
	                       " updated_by = ?3, updated_at = " HONOUR_NOW ", version = version + 1"
	                       " WHERE id = ?4 AND version = ?5", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "撤销荣誉");
	db_bind_text(st, 1, on, 0);
	db_bind_text(st, 2, why_text, 0);
	db_bind_text(st, 3, s->login, 1);
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_int64(st, 5, version);
	if (db_step_update(s->db, st, "撤销荣誉", DB_CONFLICT_ACT, e))
		return e ? e->code : DJ_DB;
	snprintf(h.revoked_on, sizeof h.revoked_on, "%s", on);
	snprintf(h.revoke_reason, sizeof h.revoke_reason, "%s", why_text);
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_write(s, "honour", id, "撤销", honour_json(&was, &before),
	                     honour_json(&h, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int honour_revoke(struct session *s, int64_t id, int64_t version, const char *date,
                  const char *reason, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), "honour_revoke", e))
		return DJ_DB;
	return db_txn_end(&t, revoke_in_txn(s, id, version, date, reason, e), e);
}
