/* org.c — the organization registry's rules and writes. */
#include "org/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/itemlist.h"
#include "core/json.h"
#include "core/text.h"
#include "core/validate.h"

const char *const org_kinds[] = { "党委", "党总支", "党支部", "党小组", NULL };
const char *const org_categories[] = {
	"农村", "社区", "机关", "事业单位", "国有企业", "非公企业", "社会组织",
	"学校教工", "学校学生", "其他", NULL,
};

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

const char *org_parent_kinds(const char *kind)
{
	if (strcmp(kind, "党委") == 0 || strcmp(kind, "党总支") == 0)
		return "党委";
	if (strcmp(kind, "党支部") == 0)
		return "党委、党总支";
	if (strcmp(kind, "党小组") == 0)
		return "党支部";
	return "党委、党总支、党支部";
}

static int parent_fits(const char *kind, const char *parent_kind)
{
	if (!in_list(org_kinds, parent_kind))
		return 0;
	const char *fits = org_parent_kinds(kind), *at = strstr(fits, parent_kind);
	/* 党支部 must not match inside a longer kind: the list is 、-separated */
	return at && (at[strlen(parent_kind)] == 0 || strncmp(at + strlen(parent_kind), "、", 3) == 0);
}

int org_term_default_years(const char *kind, const char *category)
{
	if (strcmp(kind, "党小组") == 0)
		return 0;   /* a group has a 组长, not an elected committee */
	if (strcmp(kind, "党委") == 0 || strcmp(category, "农村") == 0 ||
	    strcmp(category, "社区") == 0)
		return 5;
	return 3;
}

void org_term_due(const char *elected_on, int years, char due_on[11])
{
	date_add_months(elected_on, years * 12, due_on);
}

int org_term_expiring(const char *due_on, int months)
{
	char now[11], limit[11];
	if (!due_on || !*due_on)
		return 0;
	date_add_months(today(now), months, limit);
	return strcmp(due_on, limit) <= 0;
}

int org_find_by_name(struct session *s, const char *name, int64_t *id)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM org WHERE name = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return found ? 0 : -1;
}

#define CURRENT_TERM "(SELECT id FROM org_term WHERE org_id = o.id ORDER BY elected_on DESC LIMIT 1)"
#define LIAISONS(role) "(SELECT group_concat(person, '、') FROM liaison WHERE org_id = o.id" \
	" AND role = '" role "' AND to_on IS NULL)"

int org_load(struct session *s, int64_t id, struct org *o, struct dj_err *e)
{
	static const char sql[] =
		"SELECT o.id, o.version, coalesce(o.parent_id, 0), coalesce(p.name, ''), o.name,"
		" o.short_name, o.kind, o.category, o.founded_on, o.founding_doc, o.secretary, o.phone,"
		" o.address, " LIAISONS("联系领导") ", " LIAISONS("联系干部") ", t.elected_on,"
		" t.term_years, t.due_on, o.notes, o.status, o.dissolved_on, o.reason,"
		" coalesce(o.sort_no, '')"
		" FROM org o LEFT JOIN org p ON p.id = o.parent_id"
		" LEFT JOIN org_term t ON t.id = " CURRENT_TERM " WHERE o.id = ?";
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, sql, id, &st, "读取组织", "该组织已不存在（可能已被他人删除）", e);
	if (rc)
		return rc;
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	o->version = sqlite3_column_int64(st, 1);
	o->parent_id = sqlite3_column_int64(st, 2);
	char *text[] = { o->parent, o->name, o->short_name, o->kind, o->category, o->founded_on,
	                 o->founding_doc, o->secretary, o->phone, o->address, o->leader, o->cadre,
	                 o->elected_on, o->term_years, o->due_on, o->notes, o->status,
	                 o->dissolved_on, o->reason, o->sort_no };
	size_t cap[] = { sizeof o->parent, sizeof o->name, sizeof o->short_name, sizeof o->kind,
	                 sizeof o->category, sizeof o->founded_on, sizeof o->founding_doc,
	                 sizeof o->secretary, sizeof o->phone, sizeof o->address, sizeof o->leader,
	                 sizeof o->cadre, sizeof o->elected_on, sizeof o->term_years,
	                 sizeof o->due_on, sizeof o->notes, sizeof o->status,
	                 sizeof o->dissolved_on, sizeof o->reason, sizeof o->sort_no };
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		db_col_text(st, (int)i + 3, text[i], cap[i]);
	db_done(st);
	return 0;
}

static int check_date(const char *v, const char *field, const char *label, int required,
                      struct dj_err *e)
{
	char why[WHY_MAX], now[11];
	if (!*v)
		return required ? dj_fail(e, DJ_INVALID, field, "「%s」不能为空", label) : 0;
	if (valid_date(v, NULL, why))
		return dj_fail(e, DJ_INVALID, field, "「%s」%s：%s", label, why, v);
	char norm[11];
	valid_date(v, norm, NULL);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, field, "「%s」%s 在今天之后", label, norm);
	return 0;
}

static int check_parent(struct session *s, const struct org *o, struct dj_err *e)
{
	if (!*o->parent) {
		if (strcmp(o->kind, "党委") != 0)
			return dj_fail(e, DJ_INVALID, "parent", "%s必须有上级组织（按 F4 选择）", o->kind);
		return 0;
	}
	int64_t pid;
	if (org_find_by_name(s, o->parent, &pid))
		return dj_fail(e, DJ_INVALID, "parent", "上级组织「%s」不存在（按 F4 选择）", o->parent);
	struct org p;
	if (org_load(s, pid, &p, e))
		return e ? e->code : DJ_DB;
	if (strcmp(p.status, "撤销") == 0)
		return dj_fail(e, DJ_INVALID, "parent", "上级组织「%s」已撤销", o->parent);
	if (!parent_fits(o->kind, p.kind))
		return dj_fail(e, DJ_INVALID, "parent", "%s不能设在%s「%s」之下（%s只能设在%s之下）",
		               o->kind, p.kind, o->parent, o->kind, org_parent_kinds(o->kind));
	if (o->id && org_in_subtree(s->db, o->id, pid))
		return dj_fail(e, DJ_INVALID, "parent",
		               "不能把组织移到它自己或它的下级「%s」之下", o->parent);
	return 0;
}

static int check_name(struct session *s, const struct org *o, struct dj_err *e)
{
	if (!*o->name)
		return dj_fail(e, DJ_INVALID, "name", "「党组织名称」不能为空");
	if (utf8_cols(o->name) > 60)
		return dj_fail(e, DJ_INVALID, "name", "「党组织名称」太长（最多 30 个汉字）");
	int64_t other;
	if (org_find_by_name(s, o->name, &other) == 0 && other != o->id)
		return dj_fail(e, DJ_INVALID, "name", "党组织名称「%s」已存在", o->name);
	return 0;
}

static int check_term(const struct org *o, struct dj_err *e)
{
	char why[WHY_MAX];
	long years;
	if (*o->term_years && parse_int(o->term_years, 1, 10, &years, why))
		return dj_fail(e, DJ_INVALID, "term_years", "「任期（年）」%s：%s", why, o->term_years);
	if (*o->term_years && !*o->elected_on)
		return dj_fail(e, DJ_INVALID, "elected_on", "填写任期时需填写「本届选举日期」");
	if (*o->elected_on && *o->founded_on) {
		char a[11], b[11];
		if (valid_date(o->elected_on, a, NULL) == 0 && valid_date(o->founded_on, b, NULL) == 0 &&
		    strcmp(a, b) < 0)
			return dj_fail(e, DJ_INVALID, "elected_on", "「本届选举日期」早于「成立日期」");
	}
	return 0;
}

/* Every text a message may quote back, before anything quotes it: no
 * control or invisible format character (core/validate.h). */
static int check_texts(const struct org *o, struct dj_err *e)
{
	const struct text_field f[] = {
		{ "name", "党组织名称", o->name, 0 }, { "short_name", "简称", o->short_name, 0 },
		{ "kind", "类型", o->kind, 0 }, { "parent", "上级组织", o->parent, 0 },
		{ "category", "类别", o->category, 0 }, { "founded_on", "成立日期", o->founded_on, 0 },
		{ "founding_doc", "批准文号", o->founding_doc, 0 },
		{ "secretary", "书记", o->secretary, 0 }, { "phone", "联系电话", o->phone, 0 },
		{ "sort_no", "排序号", o->sort_no, 0 }, { "address", "地址", o->address, 0 },
		{ "leader", "联系领导", o->leader, 0 }, { "cadre", "联系干部", o->cadre, 0 },
		{ "elected_on", "本届选举日期", o->elected_on, 0 },
		{ "term_years", "任期（年）", o->term_years, 0 }, { "notes", "备注", o->notes, 1 },
		{ "reason", "撤销原因", o->reason, 0 },
	};
	return valid_texts(f, sizeof f / sizeof *f, e);
}

int org_validate(struct session *s, const struct org *o, struct dj_err *e)
{
	char why[WHY_MAX];
	if (check_texts(o, e))
		return DJ_INVALID;
	if (check_name(s, o, e))
		return e ? e->code : DJ_INVALID;
	if (!*o->kind)
		return dj_fail(e, DJ_INVALID, "kind", "「类型」不能为空（按 F4 选择）");
	if (!in_list(org_kinds, o->kind))
		return dj_fail(e, DJ_INVALID, "kind", "「类型」应为 党委、党总支、党支部 或 党小组：%s",
		               o->kind);
	if (!*o->category)
		return dj_fail(e, DJ_INVALID, "category", "「类别」不能为空（按 F4 选择）");
	if (!in_list(org_categories, o->category))
		return dj_fail(e, DJ_INVALID, "category", "「类别」不在类别表中：%s（按 F4 选择）",
		               o->category);
	if (check_parent(s, o, e) || check_date(o->founded_on, "founded_on", "成立日期", 0, e) ||
	    check_date(o->elected_on, "elected_on", "本届选举日期", 0, e) || check_term(o, e))
		return e ? e->code : DJ_INVALID;
	if (*o->phone && valid_phone(o->phone, why))
		return dj_fail(e, DJ_INVALID, "phone", "「联系电话」%s：%s", why, o->phone);
	long n;
	if (*o->sort_no && parse_int(o->sort_no, 1, 99999, &n, why))
		return dj_fail(e, DJ_INVALID, "sort_no", "「排序号」%s：%s（应为 1～99999，不填则排在同级最后）",
		               why, o->sort_no);
	return 0;
}

static const char *org_json(const struct org *o, struct json *j)
{
	json_begin(j);
	json_str(j, "上级组织", o->parent);
	json_str(j, "党组织名称", o->name);
	json_str(j, "简称", o->short_name);
	json_str(j, "类型", o->kind);
	json_str(j, "类别", o->category);
	json_str(j, "成立日期", o->founded_on);
	json_str(j, "批准文号", o->founding_doc);
	json_str(j, "书记", o->secretary);
	json_str(j, "联系电话", o->phone);
	json_str(j, "地址", o->address);
	json_str(j, "联系领导", o->leader);
	json_str(j, "联系干部", o->cadre);
	json_str(j, "本届选举日期", o->elected_on);
	json_str(j, "任期", o->term_years);
	json_str(j, "排序号", o->sort_no);
	json_str(j, "备注", o->notes);
	json_str(j, "状态", o->status);
	json_str(j, "撤销日期", o->dissolved_on);
	json_str(j, "撤销原因", o->reason);
	return json_end(j);
}

/* Dates as typed (2024.3.5) are stored in the normal form. */
static void normalise(struct org *o)
{
	char *fields[] = { o->parent, o->name, o->short_name, o->kind, o->category, o->founding_doc,
	                   o->secretary, o->phone, o->address, o->leader, o->cadre, o->term_years,
	                   o->sort_no };
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		utf8_trim(fields[i]);
	char norm[11];
	if (valid_date(o->founded_on, norm, NULL) == 0)
		memcpy(o->founded_on, norm, sizeof norm);
	if (valid_date(o->elected_on, norm, NULL) == 0)
		memcpy(o->elected_on, norm, sizeof norm);
	if (!*o->status)
		snprintf(o->status, sizeof o->status, "正常");
}

static int write_row(struct session *s, struct org *o, const char *py, struct dj_err *e)
{
	static const char ins[] =
		"INSERT INTO org(parent_id, name, name_py, short_name, kind, category, founded_on,"
		" founding_doc, secretary, phone, address, notes, updated_at, updated_by, sort_no)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
		" strftime('%Y-%m-%d %H:%M:%S','now','localtime'), ?13, ?16)";
	static const char upd[] =
		"UPDATE org SET parent_id=?1, name=?2, name_py=?3, short_name=?4, kind=?5, category=?6,"
		" founded_on=?7, founding_doc=?8, secretary=?9, phone=?10, address=?11, notes=?12,"
		" updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime'), updated_by=?13,"
		" sort_no=?16, version = version + 1 WHERE id=?14 AND version=?15";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, o->id ? upd : ins, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存组织");
	if (o->parent_id)
		sqlite3_bind_int64(st, 1, o->parent_id);
	const char *vals[] = { o->name, py, o->short_name, o->kind, o->category, o->founded_on,
	                       o->founding_doc, o->secretary, o->phone, o->address, o->notes,
	                       s->login };
	for (int i = 0; i < 12; i++)
		db_bind_text(st, i + 2, vals[i], i > 1);
	if (o->id) {
		sqlite3_bind_int64(st, 14, o->id);
		sqlite3_bind_int64(st, 15, o->version);
	}
	sqlite3_bind_int64(st, 16, atol(o->sort_no));   /* validated, or set by place_among_siblings */
	return db_step_save(s->db, st, &o->id, &o->version, "保存组织", e);
}

/* A new election adds a term row; a corrected date or length updates it. */
static int write_term(struct session *s, struct org *o, struct dj_err *e)
{
	if (!*o->elected_on) {
		o->due_on[0] = 0;
		return 0;
	}
	long years = 0;
	if (!*o->term_years || parse_int(o->term_years, 1, 10, &years, NULL))
		years = org_term_default_years(o->kind, o->category);
	if (years == 0) {
		o->due_on[0] = 0;
		return 0;
	}
	org_term_due(o->elected_on, (int)years, o->due_on);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "INSERT INTO org_term(org_id, elected_on, term_years, due_on, updated_by)"
	        " VALUES (?1,?2,?3,?4,?5) ON CONFLICT(org_id, elected_on) DO UPDATE SET"
	        " term_years=excluded.term_years, due_on=excluded.due_on, version=version+1,"
	        " updated_by=excluded.updated_by,"
	        " updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime')"
	        " WHERE term_years <> excluded.term_years", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存届次");
	sqlite3_bind_int64(st, 1, o->id);
	sqlite3_bind_text(st, 2, o->elected_on, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, (int)years);
	sqlite3_bind_text(st, 4, o->due_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, s->login, -1, SQLITE_STATIC);
	return db_step_done(s->db, st, "保存届次", e);
}

/* Names in one field are separated by 、，,；; — a space is part of a name
 * (the 联系表 writes 陈 刚). */
static int next_name(const char **p, char *out, size_t cap)
{
	static const char *const seps[] = { "、", "，", ",", "；", ";", NULL };
	while (itemlist_next(p, seps, out, cap))
		if (*out)
			return 1;
	return 0;
}

/* The current liaisons become the names in the field: those gone are ended
 * today, new ones start today, unchanged ones keep their history. */
static int write_liaisons(struct session *s, const struct org *o, const char *role,
                          const char *names, struct dj_err *e)
{
	char now[11], name[64];
	today(now);
	sqlite3_stmt *end, *add;
	if (sqlite3_prepare_v2(s->db,
	        "UPDATE liaison SET to_on=?3, version=version+1, updated_by=?4 WHERE org_id=?1"
	        " AND role=?2 AND to_on IS NULL AND instr('、' || ?5 || '、', '、' || person || '、') = 0",
	        -1, &end, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存联系人");
	char joined[256] = "";
	for (const char *p = names; next_name(&p, name, sizeof name);)
		snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s",
		         *joined ? "、" : "", name);
	sqlite3_bind_int64(end, 1, o->id);
	sqlite3_bind_text(end, 2, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(end, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(end, 4, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(end, 5, joined, -1, SQLITE_STATIC);
	int rc = sqlite3_step(end);
	sqlite3_finalize(end);
	if (rc != SQLITE_DONE)
		return db_fail(s->db, e, "保存联系人");
	if (sqlite3_prepare_v2(s->db,
	        "INSERT INTO liaison(org_id, person, role, from_on, updated_by)"
	        " SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM liaison WHERE org_id=?1"
	        " AND role=?3 AND person=?2 AND to_on IS NULL)", -1, &add, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存联系人");
	for (const char *p = names; rc == SQLITE_DONE && next_name(&p, name, sizeof name);) {
		sqlite3_bind_int64(add, 1, o->id);
		sqlite3_bind_text(add, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(add, 3, role, -1, SQLITE_STATIC);
		sqlite3_bind_text(add, 4, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(add, 5, s->login, -1, SQLITE_STATIC);
		rc = sqlite3_step(add);
		sqlite3_reset(add);
	}
	sqlite3_finalize(add);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "保存联系人");
}

/* A new or moved organization with no 排序号 comes last among its siblings. */
static void place_among_siblings(struct session *s, struct org *o)
{
	if (!*o->sort_no)
		snprintf(o->sort_no, sizeof o->sort_no, "%ld", org_next_sort_no(s->db, o->parent_id));
}

/* What decides where an organization stands in the tree order. */
static int order_changed(const struct org *old, const struct org *o)
{
	return old->parent_id != o->parent_id || strcmp(old->kind, o->kind) != 0 ||
	       strcmp(old->sort_no, o->sort_no) != 0 || strcmp(old->name, o->name) != 0;
}

static const char group_members_sql[] =
	"SELECT m.id, json_object('姓名', m.name, '所在支部', b.name, '所在党小组', g.name),"
	" json_object('姓名', m.name, '所在支部', b.name, '所在党小组', NULL)"
	" FROM member m JOIN org b ON b.id = m.org_id JOIN org g ON g.id = m.group_id"
	" WHERE m.group_id = ?1 AND m.org_id IS NOT ?2";

/* Members of a 党小组 that is dissolved, or moved under another branch (all
 * but those of branch keep_branch; 0: all), leave it: their group is
 * cleared and each member's record logs the change, so no member is left
 * pointing at a group their branch no longer has. */
static int release_group_members(struct session *s, int64_t group, int64_t keep_branch,
                                 struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, group_members_sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "调整党小组的党员");
	sqlite3_bind_int64(st, 1, group);
	if (keep_branch)
		sqlite3_bind_int64(st, 2, keep_branch);
	/* The log first, while only reading member; then one UPDATE. */
	int rc = 0, step;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = audit_write(s, "member", sqlite3_column_int64(st, 0), "修改",
		                 (const char *)sqlite3_column_text(st, 1),
		                 (const char *)sqlite3_column_text(st, 2), e);
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(s->db, e, "调整党小组的党员");
	sqlite3_finalize(st);
	if (rc)
		return rc;
	if (sqlite3_prepare_v2(s->db, "UPDATE member SET group_id = NULL, version = version + 1,"
	        " updated_at = strftime('%Y-%m-%d %H:%M:%S','now','localtime'), updated_by = ?3"
	        " WHERE group_id = ?1 AND org_id IS NOT ?2", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "调整党小组的党员");
	sqlite3_bind_int64(st, 1, group);
	if (keep_branch)
		sqlite3_bind_int64(st, 2, keep_branch);
	sqlite3_bind_text(st, 3, s->login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(s->db, e, "调整党小组的党员");
	sqlite3_finalize(st);
	return rc;
}

static int save_in_txn(struct session *s, struct org *o, const char *py, int order,
                       struct dj_err *e)
{
	struct org old = { 0 };
	if (o->id && org_load(s, o->id, &old, e))
		return e ? e->code : DJ_DB;
	if (o->id && old.version != o->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (o->id && strcmp(old.status, "撤销") == 0)
		return dj_fail(e, DJ_INVALID, NULL, "该组织已撤销，不能修改");
	if (org_validate(s, o, e))
		return e ? e->code : DJ_INVALID;
	o->parent_id = 0;
	if (*o->parent)
		org_find_by_name(s, o->parent, &o->parent_id);
	if (session_may_move_org(s, o->id, old.parent_id, o->parent_id, e))
		return DJ_DENIED;
	int is_new = o->id == 0;
	place_among_siblings(s, o);
	if (write_row(s, o, py, e) ||
	    (order && (is_new || order_changed(&old, o)) &&
	     org_order_refresh(s->db, o->parent_id, e)) ||
	    write_term(s, o, e) ||
	    write_liaisons(s, o, "联系领导", o->leader, e) ||
	    write_liaisons(s, o, "联系干部", o->cadre, e) ||
	    (!is_new && strcmp(old.kind, "党小组") == 0 &&
	     (strcmp(o->kind, "党小组") != 0 || old.parent_id != o->parent_id) &&
	     release_group_members(s, o->id, strcmp(o->kind, "党小组") == 0 ? o->parent_id : -1, e)))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;   /* old is the record as it was */
	int rc = audit_saved(s, "org", o->id, is_new, is_new ? NULL : org_json(&old, &before),
	                     org_json(o, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

static int save(struct session *s, struct org *o, int in_txn, int order, struct dj_err *e)
{
	normalise(o);
	char py[128];
	pinyin_initials(o->name, py, sizeof py);   /* text.h: before the write lock */
	struct db_txn t;
	if (db_txn_begin(&t, s->db, in_txn, NULL, e))
		return DJ_DB;
	struct org keep = *o;
	int rc = db_txn_end(&t, save_in_txn(s, o, py, order, e), e);
	if (rc && !in_txn)
		*o = keep;   /* a failed save leaves the operator's record as it was */
	return rc;
}

int org_save(struct session *s, struct org *o, int in_txn, struct dj_err *e)
{
	return save(s, o, in_txn, 1, e);
}

int org_save_unordered(struct session *s, struct org *o, struct dj_err *e)
{
	return save(s, o, 1, 0, e);
}

static int status_update(struct session *s, int64_t id, int64_t version, const char *date,
                         const char *reason, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "UPDATE org SET status='撤销', dissolved_on=?1, reason=?2, version=version+1,"
	        " updated_by=?3, updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime')"
	        " WHERE id=?4 AND version=?5", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "撤销组织");
	sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_int64(st, 5, version);
	return db_step_update(s->db, st, "撤销组织", DB_CONFLICT_ACT, e);
}

static int dissolve_in_txn(struct session *s, int64_t id, int64_t version, const char *date,
                           const char *reason, struct dj_err *e)
{
	struct org o;
	char norm[11];
	if (org_load(s, id, &o, e))
		return e ? e->code : DJ_DB;
	if (strcmp(o.status, "撤销") == 0)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」已于 %s 撤销", o.name, o.dissolved_on);
	if (check_date(date, "dissolved_on", "撤销日期", 1, e))
		return DJ_INVALID;
	valid_date(date, norm, NULL);
	if (!reason || !*reason)
		return dj_fail(e, DJ_INVALID, "reason", "「撤销原因」不能为空");
	if (db_int(s->db, "SELECT count(*) FROM org WHERE parent_id=? AND status='正常'", id, 0) > 0)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」还有未撤销的下级组织，请先撤销或移走下级组织",
		               o.name);
	if (status_update(s, id, version, norm, reason, e) ||
	    (strcmp(o.kind, "党小组") == 0 && release_group_members(s, id, 0, e)))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	org_json(&o, &before);
	snprintf(o.status, sizeof o.status, "撤销");
	snprintf(o.dissolved_on, sizeof o.dissolved_on, "%s", norm);
	snprintf(o.reason, sizeof o.reason, "%s", reason);
	int rc = audit_write(s, "org", id, "撤销", before.buf, org_json(&o, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int org_dissolve_in_txn(struct session *s, int64_t id, const char *date, const char *reason,
                        struct dj_err *e)
{
	struct org o;
	if (org_load(s, id, &o, e))
		return e ? e->code : DJ_DB;
	return dissolve_in_txn(s, id, o.version, date, reason, e);
}

int org_dissolve(struct session *s, int64_t id, int64_t version, const char *date,
                 const char *reason, struct dj_err *e)
{
	if (session_may_write(s, id, e))
		return DJ_DENIED;
	const struct text_field f[] = { { "reason", "撤销原因", reason, 0 } };
	if (valid_texts(f, 1, e))
		return DJ_INVALID;
	struct db_txn t;
	if (db_txn_begin(&t, s->db, 0, NULL, e))
		return DJ_DB;
	return db_txn_end(&t, dissolve_in_txn(s, id, version, date, reason, e), e);
}

/* Rows in any table other than the org's own terms and liaisons that point
 * at it (members, meetings … as later migrations add them) are its history. */
static int64_t history_rows(struct session *s, int64_t id)
{
	sqlite3_stmt *fk;
	int64_t total = 0;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f"
	        " WHERE m.type='table' AND f.\"table\"='org'"
	        " AND m.name NOT IN ('org_term','liaison')", -1, &fk, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(fk) == SQLITE_ROW) {
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?",
		         (const char *)sqlite3_column_text(fk, 0), (const char *)sqlite3_column_text(fk, 1));
		total += db_int(s->db, sql, id, 0);
	}
	sqlite3_finalize(fk);
	return total;
}

static int delete_in_txn(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct org o;
	if (org_load(s, id, &o, e))
		return e ? e->code : DJ_DB;
	if (o.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (history_rows(s, id) != 0)
		return dj_fail(e, DJ_INVALID, NULL,
		               "「%s」有下级组织、党员或其他历史记录，不能删除，只能撤销（F9）", o.name);
	const char *sql[] = { "DELETE FROM org_term WHERE org_id=?", "DELETE FROM liaison WHERE org_id=?",
	                      "DELETE FROM org WHERE id=?" };
	for (int i = 0; i < 3; i++)
		if (db_exec_ids(s->db, sql[i], &id, 1, "删除组织", e))
			return DJ_DB;
	struct json before = JSON_INIT;   /* o, loaded before the delete */
	int rc = audit_write(s, "org", id, "删除", org_json(&o, &before), NULL, e);
	json_free(&before);
	return rc;
}

int org_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	if (session_may_write(s, id, e))
		return DJ_DENIED;
	struct db_txn t;
	if (db_txn_begin(&t, s->db, 0, NULL, e))
		return DJ_DB;
	return db_txn_end(&t, delete_in_txn(s, id, version, e), e);
}

long org_count_active(struct session *s)
{
	return (long)db_int(s->db, "SELECT count(*) FROM org WHERE status='正常'", -1, 0);
}
