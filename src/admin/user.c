/* user.c — operators: rules, optimistic saves, the list and its CSV. */
#include "admin/user.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"
#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/pager.h"
#include "core/validate.h"
#include "core/text.h"
#include "org/org.h"

/* Indexed by enum role. */
const char *const user_role_labels[] = { "只读", "操作员", "管理员", NULL };
static const char *const role_codes[] = { "viewer", "operator", "admin" };

int user_role_parse(const char *text, enum role *out)
{
	for (int r = ROLE_VIEWER; r <= ROLE_ADMIN; r++)
		if (strcmp(text, user_role_labels[r]) == 0 || strcasecmp(text, role_codes[r]) == 0) {
			*out = (enum role)r;
			return 0;
		}
	return -1;
}

const char *user_role_label(enum role r)
{
	return r >= ROLE_VIEWER && r <= ROLE_ADMIN ? user_role_labels[r] : "只读";
}

const char *user_role_code(enum role r)
{
	return r >= ROLE_VIEWER && r <= ROLE_ADMIN ? role_codes[r] : "viewer";
}

int user_may_manage(struct session *s, struct dj_err *e)
{
	if (db_readonly(s->db))
		return dj_fail(e, DJ_DENIED, NULL, "数据库由更新版本的程序创建，本程序只能查看，不能修改");
	if (s->role != ROLE_ADMIN)
		return dj_fail(e, DJ_DENIED, NULL, "只有管理员才能管理操作员（%s 是%s）", s->login,
		               user_role_label(s->role));
	return 0;
}

int user_unix_account_exists(const char *login)
{
	return getpwnam(login) != NULL;
}

#define USER_SELECT "SELECT u.id, u.version, u.login, u.display_name, u.role," \
	" coalesce(o.name, '') FROM app_user u LEFT JOIN org o ON o.id = u.org_id"

static int read_one(struct session *s, sqlite3_stmt *st, struct user *u, struct dj_err *e,
                    const char *missing)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(u, 0, sizeof *u);
		u->id = sqlite3_column_int64(st, 0);
		u->version = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, u->login, sizeof u->login);
		db_col_text(st, 3, u->display, sizeof u->display);
		enum role r = ROLE_VIEWER;
		user_role_parse((const char *)sqlite3_column_text(st, 4), &r);
		snprintf(u->role, sizeof u->role, "%s", user_role_label(r));
		db_col_text(st, 5, u->org, sizeof u->org);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return dj_fail(e, DJ_NOTFOUND, "login", "%s", missing);
	return db_fail(s->db, e, "读取操作员");
}

int user_load(struct session *s, int64_t id, struct user *u, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, USER_SELECT " WHERE u.id = ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取操作员");
	sqlite3_bind_int64(st, 1, id);
	return read_one(s, st, u, e, "该操作员已不存在（可能已被他人删除）");
}

int user_find(struct session *s, const char *login, struct user *u, struct dj_err *e)
{
	sqlite3_stmt *st;
	char missing[160];
	if (sqlite3_prepare_v2(s->db, USER_SELECT " WHERE u.login = ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取操作员");
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	snprintf(missing, sizeof missing, "操作员「%.60s」不存在", login);
	return read_one(s, st, u, e, missing);
}

/* Unix account names as useradd takes them: letters, digits, '_', '.', '-',
 * not starting with '-' or '.', at most 32 characters. */
static int valid_login(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 32 || s[0] == '-' || s[0] == '.')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '.' || *s == '-'))
			return 0;
	return 1;
}

static int check_scope(struct session *s, const struct user *u, enum role r, struct dj_err *e)
{
	if (!*u->org)
		return 0;
	if (r == ROLE_ADMIN)
		return dj_fail(e, DJ_INVALID, "org", "管理员管辖全部组织，「管辖范围」请留空");
	int64_t org_id;
	if (org_find_by_name(s, u->org, &org_id))
		return dj_fail(e, DJ_INVALID, "org", "「管辖范围」中的组织「%s」不存在（按 F4 选择）", u->org);
	if (db_int(s->db, "SELECT status = '撤销' FROM org WHERE id = ?", org_id, 0))
		return dj_fail(e, DJ_INVALID, "org", "「管辖范围」中的组织「%s」已撤销", u->org);
	return 0;
}

int user_validate(struct session *s, const struct user *u, struct dj_err *e)
{
	/* Every text a message may quote back, before anything quotes it. */
	const struct text_field f[] = {
		{ "login", "登录名", u->login, 0 }, { "display", "姓名", u->display, 0 },
		{ "role", "角色", u->role, 0 }, { "org", "管辖范围", u->org, 0 },
	};
	if (valid_texts(f, sizeof f / sizeof *f, e))
		return DJ_INVALID;
	if (!*u->login)
		return dj_fail(e, DJ_INVALID, "login", "「登录名」不能为空（填写该操作员的系统账号名）");
	if (!valid_login(u->login))
		return dj_fail(e, DJ_INVALID, "login",
		               "「登录名」应为系统账号名：字母、数字、下划线、点或减号，最多 32 个字符：%s",
		               u->login);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM app_user WHERE login = ? AND id <> ?", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "检查登录名");
	sqlite3_bind_text(st, 1, u->login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u->id);
	int taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (taken)
		return dj_fail(e, DJ_INVALID, "login", "「%s」已是本系统的操作员", u->login);
	if (utf8_cols(u->display) > 20)
		return dj_fail(e, DJ_INVALID, "display", "「姓名」太长（最多 10 个汉字）");
	enum role r;
	if (!*u->role)
		return dj_fail(e, DJ_INVALID, "role", "「角色」不能为空（按 F4 选择）");
	if (user_role_parse(u->role, &r))
		return dj_fail(e, DJ_INVALID, "role", "「角色」应为 管理员、操作员 或 只读：%s", u->role);
	return check_scope(s, u, r, e);
}

static const char *user_json(const struct user *u, struct json *j)
{
	json_begin(j);
	json_str(j, "登录名", u->login);
	json_str(j, "姓名", u->display);
	json_str(j, "角色", u->role);
	json_str(j, "管辖范围", *u->org ? u->org : "全部");
	return json_end(j);
}

static void normalise(struct user *u)
{
	utf8_trim(u->login);
	utf8_trim(u->display);
	utf8_trim(u->role);
	utf8_trim(u->org);
	if (!*u->display)
		snprintf(u->display, sizeof u->display, "%s", u->login);
	enum role r;
	if (user_role_parse(u->role, &r) == 0)   /* the stored and shown word */
		snprintf(u->role, sizeof u->role, "%s", user_role_label(r));
}

static int write_row(struct session *s, struct user *u, struct dj_err *e)
{
	static const char ins[] =
		"INSERT INTO app_user(login, display_name, role, org_id, updated_at, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%d %H:%M:%S','now','localtime'), ?5)";
	static const char upd[] =
		"UPDATE app_user SET login=?1, display_name=?2, role=?3, org_id=?4,"
		" updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime'), updated_by=?5,"
		" version = version + 1 WHERE id=?6 AND version=?7";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, u->id ? upd : ins, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存操作员");
	enum role r = ROLE_VIEWER;
	user_role_parse(u->role, &r);
	int64_t org_id = 0;
	if (*u->org)
		org_find_by_name(s, u->org, &org_id);
	sqlite3_bind_text(st, 1, u->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, u->display, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, user_role_code(r), -1, SQLITE_STATIC);
	if (org_id)
		sqlite3_bind_int64(st, 4, org_id);
	sqlite3_bind_text(st, 5, s->login, -1, SQLITE_STATIC);
	if (u->id) {
		sqlite3_bind_int64(st, 6, u->id);
		sqlite3_bind_int64(st, 7, u->version);
	}
	return db_step_save(s->db, st, &u->id, &u->version, "保存操作员", e);
}

/* With nobody configured the caller runs as admin; registering somebody else
 * first would lock the caller out, so the caller comes first, as admin. */
static int register_caller(struct session *s, struct user *u, struct dj_err *e)
{
	if (db_int(s->db, "SELECT count(*) FROM app_user", -1, 1) != 0 ||
	    strcmp(u->login, s->login) == 0)
		return 0;
	struct user me = { 0 };
	snprintf(me.login, sizeof me.login, "%s", s->login);
	snprintf(me.display, sizeof me.display, "%s", s->display);
	snprintf(me.role, sizeof me.role, "%s", user_role_label(ROLE_ADMIN));
	if (user_validate(s, &me, e) || write_row(s, &me, e))
		return e ? e->code : DJ_INVALID;
	struct json after = JSON_INIT;
	int rc = audit_write(s, "app_user", me.id, "新增", NULL, user_json(&me, &after), e);
	json_free(&after);
	if (rc)
		return DJ_DB;
	u->caller_added = 1;
	return 0;
}

static int keeps_an_admin(struct session *s, struct dj_err *e)
{
	if (db_int(s->db, "SELECT count(*) FROM app_user WHERE role = 'admin'", -1, 0) > 0)
		return 0;
	return dj_fail(e, DJ_INVALID, "role", "至少要保留一名管理员，否则将无人能管理操作员");
}

static int save_in_txn(struct session *s, struct user *u, struct dj_err *e)
{
	struct user old;
	if (u->id && user_load(s, u->id, &old, e))
		return e ? e->code : DJ_DB;
	if (u->id && old.version != u->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (user_validate(s, u, e))
		return e ? e->code : DJ_INVALID;
	int is_new = u->id == 0;
	if (is_new && register_caller(s, u, e))
		return e ? e->code : DJ_DB;
	if (write_row(s, u, e) || keeps_an_admin(s, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;   /* old is the record as it was */
	int rc = audit_saved(s, "app_user", u->id, is_new, is_new ? NULL : user_json(&old, &before),
	                     user_json(u, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int user_save(struct session *s, struct user *u, struct dj_err *e)
{
	if (user_may_manage(s, e))
		return DJ_DENIED;
	struct user keep = *u;
	normalise(u);
	u->caller_added = 0;
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, 0, NULL, e) ? DJ_DB : db_txn_end(&t, save_in_txn(s, u, e), e);
	if (rc)
		*u = keep;   /* what was typed stays for another try */
	return rc;
}

static int delete_in_txn(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct user old;
	if (user_load(s, id, &old, e))
		return e ? e->code : DJ_DB;
	if (old.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (db_exec_ids(s->db, "DELETE FROM app_user WHERE id = ?", &id, 1, "删除操作员", e))
		return DJ_DB;
	if (keeps_an_admin(s, e))
		return DJ_INVALID;
	struct json before = JSON_INIT;
	int rc = audit_write(s, "app_user", id, "删除", user_json(&old, &before), NULL, e);
	json_free(&before);
	return rc;
}

int user_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	if (user_may_manage(s, e))
		return DJ_DENIED;
	struct db_txn t;
	if (db_txn_begin(&t, s->db, 0, NULL, e))
		return DJ_DB;
	return db_txn_end(&t, delete_in_txn(s, id, version, e), e);
}

#define ROLE_LABEL "CASE u.role WHEN 'admin' THEN '管理员' WHEN 'operator' THEN '操作员'" \
	" ELSE '只读' END"
#define CHANGED_AT "substr(coalesce(u.updated_at, u.created_at), 1, 16)"

static const struct rs_column list_cols[] = {
	{ "登录名", 12, 0, 0, 1 }, { "姓名", 12, 0, 0, 1 }, { "角色", 6, 0, 0, 1 },
	{ "管辖范围", 24, 1, 0, 1 }, { "修改时间", 16, 0, 0, 1 },
};

static const struct pager_def list_def = {
	.cols = list_cols,
	.ncols = 5,
	.cells = { "u.login", "u.display_name", ROLE_LABEL, "coalesce(o.name, '全部')", CHANGED_AT },
	.sort = { "u.login", "u.display_name", "u.role", "coalesce(o.name, '')", CHANGED_AT },
	.id = "u.id",
	.from = "app_user u LEFT JOIN org o ON o.id = u.org_id",
	.find = "u.login LIKE :fc ESCAPE '\\' OR u.display_name LIKE :fc ESCAPE '\\'",
	.default_sort = 0,
};

struct row_source *user_list_source(struct session *s)
{
	return pager_new(s->db, &list_def, 0);
}

int user_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	struct dj_err e;
	*exported = 0;
	if (user_may_manage(s, &e)) {
		fprintf(report, "%s\n", e.msg);
		return 1;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT u.login, u.display_name, " ROLE_LABEL ", coalesce(o.name, '全部'), "
	        CHANGED_AT ", coalesce(u.updated_by, '') FROM app_user u"
	        " LEFT JOIN org o ON o.id = u.org_id ORDER BY u.login", -1, &st, NULL) != SQLITE_OK) {
		db_fail(s->db, &e, "读取操作员");
		fprintf(report, "%s\n", e.msg);
		return 1;
	}
	struct csv_writer w;
	if (csv_writer_open(&w, path)) {
		sqlite3_finalize(st);
		fprintf(report, "%s\n", csv_writer_why(&w));
		return 1;
	}
	static const char *const heads[] = { "登录名", "姓名", "角色", "管辖范围", "修改时间", "修改人" };
	for (int i = 0; i < 6; i++)
		csv_write_field(&w, heads[i]);
	csv_end_record(&w);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < 6; i++)
			csv_write_field(&w, (const char *)sqlite3_column_text(st, i));
		csv_end_record(&w);
		(*exported)++;
	}
	sqlite3_finalize(st);
	if (csv_writer_close(&w)) {
		fprintf(report, "%s\n", csv_writer_why(&w));
		return 1;
	}
	return 0;
}
