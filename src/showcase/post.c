/* post.c — 党员示范岗: the post of one member with its 岗位目标 and public
 * 岗位承诺, 挂牌 and 摘牌, read and saved (scope-checked on the member's
 * organization, version-checked, audited). */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "showcase/internal.h"

#define SELECT_POST \
	"SELECT p.id, p.version, p.member_id, m.name, o.name, p.name, p.goal, p.pledge," \
	" p.opened_on, coalesce(p.closed_on, ''), coalesce(p.close_reason, '')" \
	" FROM showcase_post p JOIN member m ON m.id = p.member_id JOIN org o ON o.id = m.org_id"

int showcase_post_load(struct session *s, int64_t id, struct showcase_post *p, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, SELECT_POST " WHERE p.id = ?", id, &st, "读取示范岗",
	                     "该示范岗记录已不存在", e);
	if (rc)
		return rc;
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->version = sqlite3_column_int64(st, 1);
	p->member_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, p->member, sizeof p->member);
	db_col_text(st, 4, p->org, sizeof p->org);
	db_col_text(st, 5, p->name, sizeof p->name);
	db_col_text(st, 6, p->goal, sizeof p->goal);
	db_col_text(st, 7, p->pledge, sizeof p->pledge);
	db_col_text(st, 8, p->opened_on, sizeof p->opened_on);
	db_col_text(st, 9, p->closed_on, sizeof p->closed_on);
	db_col_text(st, 10, p->close_reason, sizeof p->close_reason);
	db_done(st);
	return 0;
}

static const char *post_json(const struct showcase_post *p, struct json *j)
{
	json_begin(j);
	json_str(j, "党员", p->member);
	json_str(j, "岗位名称", p->name);
	json_str(j, "岗位目标", p->goal);
	json_str(j, "岗位承诺", p->pledge);
	json_str(j, "挂牌日期", p->opened_on);
	json_str(j, "摘牌日期", p->closed_on);
	json_str(j, "摘牌原因", p->close_reason);
	return json_end(j);
}

/* The member's organization, where the operator must be allowed to write. */
static int check_member(struct session *s, struct showcase_post *p, int is_new,
                        struct dj_err *e)
{
	int64_t org = 0;
	char status[16], name[64];
	if (sc_member(s, p->member_id, "member", &org, status, name, e))
		return DJ_INVALID;
	snprintf(p->member, sizeof p->member, "%s", name);
	if (session_may_write(s, org, e))
		return DJ_DENIED;
	if (is_new && strcmp(status, "正常") != 0)
		return dj_fail(e, DJ_INVALID, "member", "「党员」%s 现为「%s」，示范岗只设给状态正常的党员",
		               name, status);
	return 0;
}

static int check_post(struct session *s, struct showcase_post *p, struct dj_err *e)
{
	const struct text_field t[] = {
		{ "name", "岗位名称", p->name, 0 }, { "goal", "岗位目标", p->goal, 1 },
		{ "pledge", "岗位承诺", p->pledge, 1 }, { "opened_on", "挂牌日期", p->opened_on, 0 },
		{ "closed_on", "摘牌日期", p->closed_on, 0 },
		{ "close_reason", "摘牌原因", p->close_reason, 0 },
	};
	if (valid_texts(t, sizeof t / sizeof *t, e))
		return DJ_INVALID;
	if (check_member(s, p, p->id == 0, e))
		return e ? e->code : DJ_INVALID;
	if (!*p->name)
		return dj_fail(e, DJ_INVALID, "name", "「岗位名称」不能为空");
	if (!*p->pledge)
		return dj_fail(e, DJ_INVALID, "pledge", "「岗位承诺」不能为空：示范岗须向群众公开承诺");
	if (sc_check_date(p->opened_on, "opened_on", "挂牌日期", e))
		return DJ_INVALID;
	if (!*p->closed_on && !*p->close_reason)
		return 0;
	if (sc_check_date(p->closed_on, "closed_on", "摘牌日期", e))
		return DJ_INVALID;
	if (strcmp(p->closed_on, p->opened_on) < 0)
		return dj_fail(e, DJ_INVALID, "closed_on", "「摘牌日期」%s 早于挂牌日期 %s",
		               p->closed_on, p->opened_on);
	if (!*p->close_reason)
		return dj_fail(e, DJ_INVALID, "close_reason", "「摘牌原因」不能为空：摘牌须说明原因");
	return 0;
}

static int store_post(struct session *s, struct showcase_post *p, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = p->id == 0
		? "INSERT INTO showcase_post(member_id, name, goal, pledge, opened_on, closed_on,"
		  " close_reason, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		  SHOWCASE_NOW ")"
		: "UPDATE showcase_post SET member_id = ?1, name = ?2, goal = ?3, pledge = ?4,"
		  " opened_on = ?5, closed_on = ?6, close_reason = ?7, updated_by = ?8, updated_at = "
		  SHOWCASE_NOW ", version = version + 1 WHERE id = ?9 AND version = ?10";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存示范岗");
	sqlite3_bind_int64(st, 1, p->member_id);
	db_bind_text(st, 2, p->name, 0);
	db_bind_text(st, 3, p->goal, 0);
	db_bind_text(st, 4, p->pledge, 0);
	db_bind_text(st, 5, p->opened_on, 0);
	db_bind_text(st, 6, p->closed_on, 1);
	db_bind_text(st, 7, p->close_reason, 1);
	db_bind_text(st, 8, s->login, 1);
	if (p->id) {
		sqlite3_bind_int64(st, 9, p->id);
		sqlite3_bind_int64(st, 10, p->version);
	}
	return db_step_save(s->db, st, &p->id, &p->version, "保存示范岗", e);
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct showcase_post *p = rec, was;
	int is_new = p->id == 0;
	if (!is_new) {
		if (showcase_post_load(s, p->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != p->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (check_member(s, &was, 0, e))   /* nor moved out of someone else's branch */
			return e ? e->code : DJ_DENIED;
	}
	if (check_post(s, p, e) || store_post(s, p, e))
		return e ? e->code : DJ_INVALID;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "showcase_post", p->id, is_new,
	                     is_new ? NULL : post_json(&was, &before), post_json(p, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int showcase_post_save(struct session *s, struct showcase_post *p, struct dj_err *e)
{
	struct showcase_post keep = *p;
	char *trim[] = { p->name, p->opened_on, p->closed_on, p->close_reason };
	for (size_t i = 0; i < sizeof trim / sizeof *trim; i++)
		utf8_trim(trim[i]);
	int rc = sc_in_txn(s, "showcase_post", save_in_txn, p, e);
	if (rc) {
		*p = keep;
		return rc;
	}
	return showcase_post_load(s, p->id, p, e);
}
