/* nominate_cycle.c — a commendation cycle (表彰评选): reading, the checks
 * of a save, the save, the per-organization quotas, and the cycles list. */
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/db.h"
#include "core/db_write.h"
#include "core/itemlist.h"
#include "core/json.h"
#include "core/pager.h"
#include "core/text.h"
#include "core/validate.h"
#include "honour/honour.h"
#include "honour/nominate.h"
#include "honour/nominate_internal.h"

#define SELECT_CYCLE \
	"SELECT c.id, c.version, c.year, c.name, c.org_id, o.name, c.titles, c.level, c.quota," \
	" coalesce(c.due_on, ''), coalesce(c.publicity_from, ''), coalesce(c.publicity_to, '')," \
	" coalesce(c.approved_on, ''), c.approved_by, c.doc_no, c.state" \
	" FROM nom_cycle c JOIN org o ON o.id = c.org_id"

int nom_cycle_load(struct session *s, int64_t id, struct nom_cycle *c, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, SELECT_CYCLE " WHERE c.id = ?", id, &st, "读取表彰评选",
	                     "该表彰评选已不存在", e);
	if (rc)
		return rc;
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->version = sqlite3_column_int64(st, 1);
	c->year = sqlite3_column_int(st, 2);
	db_col_text(st, 3, c->name, sizeof c->name);
	c->org_id = sqlite3_column_int64(st, 4);
	db_col_text(st, 5, c->org, sizeof c->org);
	db_col_text(st, 6, c->titles, sizeof c->titles);
	db_col_text(st, 7, c->level, sizeof c->level);
	c->quota = sqlite3_column_int(st, 8);
	db_col_text(st, 9, c->due_on, sizeof c->due_on);
	db_col_text(st, 10, c->publicity_from, sizeof c->publicity_from);
	db_col_text(st, 11, c->publicity_to, sizeof c->publicity_to);
	db_col_text(st, 12, c->approved_on, sizeof c->approved_on);
	db_col_text(st, 13, c->approved_by, sizeof c->approved_by);
	db_col_text(st, 14, c->doc_no, sizeof c->doc_no);
	db_col_text(st, 15, c->state, sizeof c->state);
	db_done(st);
	return 0;
}

const char *nom_cycle_json(const struct nom_cycle *c, struct json *j)
{
	json_begin(j);
	json_int(j, "年度", c->year);
	json_str(j, "评选名称", c->name);
	json_str(j, "组织单位", c->org);
	json_str(j, "评选称号", c->titles);
	json_str(j, "级别", c->level);
	json_int(j, "默认名额", c->quota);
	json_str(j, "推荐截止", c->due_on);
	json_str(j, "公示开始", c->publicity_from);
	json_str(j, "公示结束", c->publicity_to);
	json_str(j, "审批日期", c->approved_on);
	json_str(j, "批准机关", c->approved_by);
	json_str(j, "文号", c->doc_no);
	json_str(j, "状态", c->state);
	return json_end(j);
}

int nom_cycle_has_title(const struct nom_cycle *c, const char *title)
{
	static const char *const seps[] = { "、", "，", ",", NULL };
	const char *p = c->titles;
	char item[64];
	while (itemlist_next(&p, seps, item, sizeof item))
		if (strcmp(item, title) == 0)
			return 1;
	return 0;
}

int nom_check_date(char *v, const char *key, const char *label, int required, struct dj_err *e)
{
	char norm[11], why[WHY_MAX];
	if (!*v)
		return required ? dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label) : 0;
	if (valid_date(v, norm, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", label, why, v);
	memcpy(v, norm, sizeof norm);
	return 0;
}

/* Each of the titles is configured in [honours]; the level too. */
static int check_choices(struct session *s, struct nom_cycle *c, struct dj_err *e)
{
	static const char *const seps[] = { "、", "，", ",", NULL };
	char titles[HONOUR_MAX_CHOICES][64], levels[HONOUR_MAX_CHOICES][64], item[64];
	int nt = honour_titles(s, titles, HONOUR_MAX_CHOICES), nl = honour_levels(s, levels,
	                                                                       HONOUR_MAX_CHOICES);
	const char *p = c->titles;
	int any = 0;
	while (itemlist_next(&p, seps, item, sizeof item)) {
		if (!*item)
			continue;
		int found = 0;
		for (int i = 0; i < nt && !found; i++)
			found = strcmp(item, titles[i]) == 0;
		if (!found)
			return dj_fail(e, DJ_INVALID, "titles", "「评选称号」「%s」不在 dangjian.ini"
			               " [honours] titles 配置的称号中", item);
		any = 1;
	}
	if (!any)
		return dj_fail(e, DJ_INVALID, "titles", "「评选称号」不能为空：如「优秀共产党员、"
		               "优秀党务工作者、先进基层党组织」");
	for (int i = 0; i < nl; i++)
		if (strcmp(c->level, levels[i]) == 0)
			return 0;
	return dj_fail(e, DJ_INVALID, "level", *c->level ? "「级别」「%s」不在 dangjian.ini"
	               " [honours] levels 配置的列表中" : "「级别」不能为空%s", c->level);
}

/* Another cycle of the organization and year under the name. */
static int same_name(struct session *s, const struct nom_cycle *c)
{
	sqlite3_stmt *st;
	int found = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM nom_cycle WHERE org_id = ? AND year = ?"
	                       " AND name = ? AND id <> ?", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, c->org_id);
	sqlite3_bind_int(st, 2, c->year);
	sqlite3_bind_text(st, 3, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, c->id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static int check_cycle(struct session *s, struct nom_cycle *c, struct dj_err *e)
{
	const struct text_field t[] = {
		{ "name", "评选名称", c->name, 0 }, { "titles", "评选称号", c->titles, 0 },
		{ "level", "级别", c->level, 0 }, { "approved_by", "批准机关", c->approved_by, 0 },
		{ "doc_no", "文号", c->doc_no, 0 },
	};
	if (valid_texts(t, sizeof t / sizeof *t, e))
		return DJ_INVALID;
	if (c->year < 1990 || c->year > 2099)
		return dj_fail(e, DJ_INVALID, "year", "「年度」须为 1990 至 2099 之间的四位数字");
	if (!*c->name)
		return dj_fail(e, DJ_INVALID, "name", "「评选名称」不能为空，如「%d年七一表彰」",
		               c->year);
	if (c->org_id <= 0)
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」不能为空：须选择一个党组织");
	if (session_may_write(s, c->org_id, e))
		return DJ_DENIED;
	if (same_name(s, c))
		return dj_fail(e, DJ_INVALID, "name", "「评选名称」「%s」在 %d 年已经有了，请换一个名称",
		               c->name, c->year);
	if (c->quota < 0 || c->quota > 99)
		return dj_fail(e, DJ_INVALID, "quota", "「默认名额」须为 0 至 99 的整数");
	if (check_choices(s, c, e) || nom_check_date(c->due_on, "due_on", "推荐截止", 0, e) ||
	    nom_check_date(c->publicity_from, "publicity_from", "公示开始", 0, e) ||
	    nom_check_date(c->publicity_to, "publicity_to", "公示结束", 0, e))
		return DJ_INVALID;
	if (*c->publicity_from && *c->publicity_to && strcmp(c->publicity_to, c->publicity_from) < 0)
		return dj_fail(e, DJ_INVALID, "publicity_to", "「公示结束」%s 早于公示开始 %s",
		               c->publicity_to, c->publicity_from);
	return 0;
}

static int store_cycle(struct session *s, struct nom_cycle *c, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = c->id == 0
		? "INSERT INTO nom_cycle(year, name, org_id, titles, level, quota, due_on,"
		  " publicity_from, publicity_to, approved_by, doc_no, updated_by, updated_at)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, " NOM_NOW ")"
		: "UPDATE nom_cycle SET year = ?1, name = ?2, org_id = ?3, titles = ?4, level = ?5,"
		  " quota = ?6, due_on = ?7, publicity_from = ?8, publicity_to = ?9, approved_by = ?10,"
		  " doc_no = ?11, updated_by = ?12, updated_at = " NOM_NOW ", version = version + 1"
		  " WHERE id = ?13 AND version = ?14";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存表彰评选");
	sqlite3_bind_int(st, 1, c->year);
	db_bind_text(st, 2, c->name, 0);
	sqlite3_bind_int64(st, 3, c->org_id);
	db_bind_text(st, 4, c->titles, 0);
	db_bind_text(st, 5, c->level, 0);
	sqlite3_bind_int(st, 6, c->quota);
	db_bind_text(st, 7, c->due_on, 1);
	db_bind_text(st, 8, c->publicity_from, 1);
	db_bind_text(st, 9, c->publicity_to, 1);
	db_bind_text(st, 10, c->approved_by, 0);
	db_bind_text(st, 11, c->doc_no, 0);
	db_bind_text(st, 12, s->login, 1);
	if (c->id) {
		sqlite3_bind_int64(st, 13, c->id);
		sqlite3_bind_int64(st, 14, c->version);
	}
	return db_step_save(s->db, st, &c->id, &c->version, "保存表彰评选", e);
}

static int save_in_txn(struct session *s, struct nom_cycle *c, struct dj_err *e)
{
	struct nom_cycle was;
	int is_new = c->id == 0;
	if (!is_new) {
		if (nom_cycle_load(s, c->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != c->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (strcmp(was.state, "已审批") == 0)
			return dj_fail(e, DJ_INVALID, NULL, "该评选已于 %s 审批（%s），不能再修改",
			               was.approved_on, was.doc_no);
		if (session_may_write(s, was.org_id, e))
			return DJ_DENIED;
	}
	if (check_cycle(s, c, e) || store_cycle(s, c, e))
		return e ? e->code : DJ_INVALID;
	struct nom_cycle now;
	if (nom_cycle_load(s, c->id, &now, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "nom_cycle", c->id, is_new, is_new ? NULL : nom_cycle_json(&was, &before),
	                     nom_cycle_json(&now, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int nom_cycle_save(struct session *s, struct nom_cycle *c, struct dj_err *e)
{
	struct nom_cycle keep = *c;
	char *trim[] = { c->name, c->titles, c->level, c->due_on, c->publicity_from,
	                 c->publicity_to, c->approved_by, c->doc_no };
	for (size_t i = 0; i < sizeof trim / sizeof *trim; i++)
		utf8_trim(trim[i]);
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), "nom_cycle", e);
	if (!rc)
		rc = db_txn_end(&t, save_in_txn(s, c, e), e);
	if (rc) {
		*c = keep;
		return rc;
	}
	return nom_cycle_load(s, c->id, c, e);
}

int nom_quota_of(struct session *s, const struct nom_cycle *c, int64_t org_id, const char *title)
{
	sqlite3_stmt *st;
	int q = c->quota;
	if (sqlite3_prepare_v2(s->db, "SELECT quota FROM nom_quota WHERE cycle_id = ? AND org_id = ?"
	                       " AND title = ?", -1, &st, NULL) != SQLITE_OK)
		return q;
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		q = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return q;
}

static int64_t quota_row(struct session *s, int64_t cycle_id, int64_t org_id, const char *title)
{
	sqlite3_stmt *st;
	int64_t id = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM nom_quota WHERE cycle_id = ? AND org_id = ?"
	                       " AND title = ?", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, cycle_id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static int quota_in_txn(struct session *s, int64_t cycle_id, int64_t org_id, const char *title,
                        int quota, struct dj_err *e)
{
	struct nom_cycle c;
	if (nom_cycle_load(s, cycle_id, &c, e))
		return e ? e->code : DJ_DB;
	if (session_may_write(s, c.org_id, e))
		return DJ_DENIED;
	if (!nom_cycle_has_title(&c, title))
		return dj_fail(e, DJ_INVALID, "title", "「称号」「%s」不是本次评选的称号", title);
	if (quota < 0 || quota > 99)
		return dj_fail(e, DJ_INVALID, "quota", "「名额」须为 0 至 99 的整数");
	int was = nom_quota_of(s, &c, org_id, title);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO nom_quota(cycle_id, org_id, title, quota,"
	                       " updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, " NOM_NOW ")"
	                       " ON CONFLICT (cycle_id, org_id, title) DO UPDATE SET quota = ?4,"
	                       " updated_by = ?5, updated_at = " NOM_NOW ", version = version + 1",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存名额");
	sqlite3_bind_int64(st, 1, cycle_id);
	sqlite3_bind_int64(st, 2, org_id);
	sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, quota);
	db_bind_text(st, 5, s->login, 1);
	if (db_step_done(s->db, st, "保存名额", e))
		return DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	json_begin(&before);
	json_str(&before, "称号", title);
	json_int(&before, "名额", was);
	json_begin(&after);
	json_str(&after, "称号", title);
	json_int(&after, "名额", quota);
	int64_t row = quota_row(s, cycle_id, org_id, title);   /* an upsert: the row either way */
	int rc = audit_write(s, "nom_quota", row, "修改", json_end(&before), json_end(&after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int nom_quota_set(struct session *s, int64_t cycle_id, int64_t org_id, const char *title,
                  int quota, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), "nom_quota", e))
		return DJ_DB;
	return db_txn_end(&t, quota_in_txn(s, cycle_id, org_id, title, quota, e), e);
}

/* ---- the list ---- */

static const struct rs_column cycle_cols[] = {
	{ "年度", 4, 0, 0, 1 }, { "评选名称", 16, 1, 0, 1, 30, 1 }, { "组织单位", 12, 1, 0, 1, 24 },
	{ "级别", 4, 0, 0, 1 }, { "推荐", 4, 0, 0, 1 }, { "公示结束", 10, 0, 0, 1 },
	{ "文号", 10, 0, 0, 1, 24 }, { "状态", 6, 0, 0, 1 },
};

static const struct pager_def cycle_def = {
	.cols = cycle_cols,
	.ncols = sizeof cycle_cols / sizeof *cycle_cols,
	.cells = { "c.year", "c.name", "o.name", "c.level",
	           "(SELECT count(*) FROM nomination n WHERE n.cycle_id = c.id)",
	           "coalesce(c.publicity_to, '')", "c.doc_no", "c.state" },
	.sort = { "c.year", "c.name", "o.name_py", "c.level",
	          "(SELECT count(*) FROM nomination n WHERE n.cycle_id = c.id)",
	          "coalesce(c.publicity_to, '')", "c.doc_no", "c.state" },
	.id = "c.id",
	.from = "nom_cycle c JOIN org o ON o.id = c.org_id",
	/* a cycle is seen inside the organization running it, and above it: a
	 * branch nominates in its 党委's cycle */
	.where = "(" DB_SUBTREE("c.org_id") " OR c.org_id IN (WITH RECURSIVE up(id) AS"
	         " (SELECT :scope UNION ALL SELECT o2.parent_id FROM org o2 JOIN up ON o2.id = up.id"
	         " WHERE o2.parent_id IS NOT NULL) SELECT id FROM up))",
	.find = "c.name LIKE :fc ESCAPE '\\' OR o.name LIKE :fc ESCAPE '\\'"
	        " OR c.doc_no LIKE :fc ESCAPE '\\'",
	.flags = "CASE WHEN c.state = '已审批' THEN 2 ELSE 0 END",
	.default_sort = 0,
};

struct row_source *nom_cycle_source(struct session *s)
{
	struct row_source *rs = pager_new(s->db, &cycle_def, s->scope_org);
	if (rs)
		rs->set_sort(rs->ctx, 0, 1);   /* the newest year first */
	return rs;
}
