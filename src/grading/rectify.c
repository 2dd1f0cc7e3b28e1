/* rectify.c — rectification plans after a grading round: rules, saves,
 * the list and CSV. */
#include "grading/rectify.h"

#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "core/validate.h"
#include "grading/internal.h"
#include "org/org.h"

const char *rectify_status(const char *deadline, const char *accepted_on)
{
	char now[11];
	if (accepted_on && *accepted_on)
		return "已验收";
	if (deadline && *deadline && strcmp(deadline, today(now)) < 0)
		return "逾期";
	return "整改中";
}

#define SELECT_PLAN \
	"SELECT z.id, z.version, z.round_id, z.org_id, o.name, r.name," \
	" CASE coalesce(x.grade, x.suggested) WHEN 1 THEN r.grade1 WHEN 2 THEN r.grade2" \
	" WHEN 3 THEN r.grade3 WHEN 4 THEN r.grade4 ELSE '' END, z.origin," \
	" coalesce(z.problem, ''), coalesce(z.measures, ''), coalesce(z.responsible, ''), z.deadline," \
	" coalesce(z.progress, ''), coalesce(z.accepted_on, ''), o.name_py" \
	" FROM rectification z JOIN org o ON o.id = z.org_id JOIN grading_round r ON r.id = z.round_id" \
	" LEFT JOIN grading_result x ON x.round_id = z.round_id AND x.org_id = z.org_id"

static void read_plan(sqlite3_stmt *st, struct rectification *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->version = sqlite3_column_int64(st, 1);
	p->round_id = sqlite3_column_int64(st, 2);
	p->org_id = sqlite3_column_int64(st, 3);
	char *text[] = { p->org, p->round, p->grade, p->origin, p->problem, p->measures,
	                 p->responsible, p->deadline, p->progress, p->accepted_on };
	size_t cap[] = { sizeof p->org, sizeof p->round, sizeof p->grade, sizeof p->origin,
	                 sizeof p->problem, sizeof p->measures, sizeof p->responsible,
	                 sizeof p->deadline, sizeof p->progress, sizeof p->accepted_on };
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		db_col_text(st, (int)i + 4, text[i], cap[i]);
	snprintf(p->status, sizeof p->status, "%s", rectify_status(p->deadline, p->accepted_on));
}

int rectify_load(struct session *s, int64_t id, struct rectification *p, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, SELECT_PLAN " WHERE z.id = ?", id, &st, "读取整改",
	                     "该整改记录已不存在", e);
	if (rc)
		return rc;
	read_plan(st, p);
	db_done(st);
	return 0;
}

static const char *plan_json(const struct rectification *p, struct json *j)
{
	json_begin(j);
	json_str(j, "党组织", p->org);
	json_str(j, "定级名称", p->round);
	json_str(j, "列入原因", p->origin);
	json_str(j, "存在问题", p->problem);
	json_str(j, "整改措施", p->measures);
	json_str(j, "责任人", p->responsible);
	json_str(j, "整改期限", p->deadline);
	json_str(j, "整改进展", p->progress);
	json_str(j, "验收日期", p->accepted_on);
	return json_end(j);
}

static int check_plan(struct rectification *p, struct dj_err *e)
{
	char why[WHY_MAX], norm[11], now[11];
	/* Every text a message may quote back, before anything quotes it. */
	const struct text_field f[] = {
		{ "problem", "存在问题", p->problem, 1 }, { "measures", "整改措施", p->measures, 1 },
		{ "responsible", "责任人", p->responsible, 0 }, { "deadline", "整改期限", p->deadline, 0 },
		{ "progress", "整改进展", p->progress, 1 }, { "accepted_on", "验收日期", p->accepted_on, 0 },
	};
	if (valid_texts(f, sizeof f / sizeof *f, e))
		return DJ_INVALID;
	if (!*p->deadline)
		return dj_fail(e, DJ_INVALID, "deadline", "「整改期限」不能为空");
	if (valid_date(p->deadline, norm, why))
		return dj_fail(e, DJ_INVALID, "deadline", "「整改期限」%s：%s", why, p->deadline);
	memcpy(p->deadline, norm, sizeof norm);
	if (!*p->accepted_on)
		return 0;
	if (valid_date(p->accepted_on, norm, why))
		return dj_fail(e, DJ_INVALID, "accepted_on", "「验收日期」%s：%s", why, p->accepted_on);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, "accepted_on", "「验收日期」%s 在今天之后", norm);
	memcpy(p->accepted_on, norm, sizeof norm);
	if (!*p->problem)
		return dj_fail(e, DJ_INVALID, "problem", "验收前须写明「存在问题」");
	if (!*p->measures)
		return dj_fail(e, DJ_INVALID, "measures", "验收前须写明「整改措施」");
	return 0;
}

static int update_plan(struct session *s, const struct rectification *p, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "UPDATE rectification SET problem = ?1, measures = ?2, responsible = ?3, deadline = ?4,"
	        " progress = ?5, accepted_on = ?6, updated_by = ?7, updated_at = " GRADING_NOW ","
	        " version = version + 1 WHERE id = ?8 AND version = ?9", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存整改");
	const char *v[] = { p->problem, p->measures, p->responsible, p->deadline, p->progress,
	                    p->accepted_on, s->login };
	for (int i = 0; i < 7; i++)
		db_bind_text(st, i + 1, v[i], 1);
	sqlite3_bind_int64(st, 8, p->id);
	sqlite3_bind_int64(st, 9, p->version);
	return db_step_update(s->db, st, "保存整改", DB_CONFLICT_SAVE, e);
}

static int save_in_txn(struct session *s, struct rectification *p, struct dj_err *e)
{
	struct rectification was;
	if (rectify_load(s, p->id, &was, e))
		return e ? e->code : DJ_DB;
	if (was.version != p->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (session_may_write(s, was.org_id, e))
		return DJ_DENIED;
	if (check_plan(p, e) || update_plan(s, p, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_write(s, "rectification", p->id,
	                     *p->accepted_on && !*was.accepted_on ? "验收" : "修改",
	                     plan_json(&was, &before), plan_json(p, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int rectify_save(struct session *s, struct rectification *p, struct dj_err *e)
{
	char *trim[] = { p->problem, p->measures, p->responsible, p->deadline, p->progress,
	                 p->accepted_on };
	for (size_t i = 0; i < sizeof trim / sizeof *trim; i++)
		utf8_trim(trim[i]);
	struct rectification keep = *p;
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	int rc = db_txn_end(&t, save_in_txn(s, p, e), e);
	if (rc) {
		*p = keep;   /* what was typed stays as typed */
		return rc;
	}
	return rectify_load(s, p->id, p, e);
}

int rectify_create(struct session *s, int64_t round_id, int64_t org_id, const char *origin,
                   const char *deadline, struct dj_err *e)
{
	int64_t ids[2] = { round_id, org_id };
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "INSERT INTO rectification(round_id, org_id, origin, responsible, deadline, updated_by,"
	        " updated_at) SELECT ?1, ?2, ?3, o.secretary, ?4, ?5, " GRADING_NOW " FROM org o"
	        " WHERE o.id = ?2 AND NOT EXISTS (SELECT 1 FROM rectification WHERE round_id = ?1"
	        " AND org_id = ?2)", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "列入整改");
	sqlite3_bind_int64(st, 1, ids[0]);
	sqlite3_bind_int64(st, 2, ids[1]);
	sqlite3_bind_text(st, 3, origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, deadline, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, s->login, -1, SQLITE_STATIC);
	if (db_step_done(s->db, st, "列入整改", e))
		return DJ_DB;
	if (sqlite3_changes(s->db) == 0)
		return 0;
	struct rectification p;
	int64_t id = sqlite3_last_insert_rowid(s->db);
	if (rectify_load(s, id, &p, e))
		return e ? e->code : DJ_DB;
	struct json after = JSON_INIT;
	int rc = audit_write(s, "rectification", id, "列入整改", NULL,
	                     plan_json(&p, &after), e);
	json_free(&after);
	return rc;
}

static int add_in_txn(struct session *s, int64_t round_id, const char *org_name, int64_t *id,
                      struct dj_err *e)
{
	struct grading_round r;
	int64_t org_id;
	char deadline[11];
	if (grading_round_load(s, round_id, &r, e))
		return e ? e->code : DJ_DB;
	if (strcmp(r.status, "已确认") != 0)
		return dj_fail(e, DJ_INVALID, NULL, "本轮确认定级后才能列入整改");
	if (!org_name || !*org_name || org_find_by_name(s, org_name, &org_id) ||
	    !grading_grade_in(s, round_id, org_id))
		return dj_fail(e, DJ_INVALID, "org", "「%s」不在本轮定级中", org_name ? org_name : "");
	if (session_may_write(s, org_id, e))
		return DJ_DENIED;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM rectification WHERE round_id = ? AND org_id = ?",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "列入整改");
	sqlite3_bind_int64(st, 1, round_id);
	sqlite3_bind_int64(st, 2, org_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_finalize(st);
		return dj_fail(e, DJ_INVALID, "org", "「%s」已列入本轮整改", org_name);
	}
	sqlite3_reset(st);
	if (*r.rectify_due)
		snprintf(deadline, sizeof deadline, "%s", r.rectify_due);
	else
		date_add_months(r.published_on, config_int(s->cfg, "grading:rectify_months", 3), deadline);
	if (rectify_create(s, round_id, org_id, RECTIFY_ORIGIN_OFFICE, deadline, e)) {
		sqlite3_finalize(st);
		return e ? e->code : DJ_DB;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

int rectify_add(struct session *s, int64_t round_id, const char *org_name, int64_t *id,
                struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	*id = 0;
	return db_txn_end(&t, add_in_txn(s, round_id, org_name, id, e), e);
}
