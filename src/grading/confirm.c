/* confirm.c — confirming a round (确认定级并公布) and the bottom
 * share of villages for 一村一策. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "grading/internal.h"
#include "grading/rectify.h"

int grading_bottom(struct session *s, const struct grading_round *r, int64_t *ids, int max)
{
	int share = config_int(s->cfg, "grading:bottom_share", 10);
	const char *group = config_str(s->cfg, "grading:bottom_group", "农村");
	sqlite3_stmt *st;
	if (share <= 0 || sqlite3_prepare_v2(s->db,
	        "SELECT x.id, o.category FROM grading_result x JOIN org o ON o.id = x.org_id"
	        " WHERE x.round_id = ? AND x.total IS NOT NULL"
	        " ORDER BY x.total, coalesce(x.grade, x.suggested) DESC, o.sort_key", -1, &st,
	        NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, r->id);
	int64_t *all = NULL;
	int n = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		char category[32], g[32];
		db_col_text(st, 1, category, sizeof category);
		grading_category_group(s->cfg, category, g, sizeof g);
		if (group && *group && strcmp(g, group) != 0)
			continue;
		if (n == cap) {
			int64_t *m = realloc(all, (size_t)(cap = cap ? cap * 2 : 64) * sizeof *m);
			if (!m)
				break;
			all = m;
		}
		all[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	/* Rounded up, and at least one when there is anyone to list. */
	int want = (n * share + 99) / 100;
	if (want > n)
		want = n;
	int got = want < max ? want : max;
	for (int i = 0; i < got; i++)
		ids[i] = all[i];
	free(all);
	return got;
}

static int check_date(const char *published_on, char norm[11], struct dj_err *e)
{
	char why[WHY_MAX], now[11];
	if (!published_on || !*published_on)
		return dj_fail(e, DJ_INVALID, "published_on", "「公布日期」不能为空");
	if (valid_date(published_on, norm, why))
		return dj_fail(e, DJ_INVALID, "published_on", "「公布日期」%s：%s", why, published_on);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, "published_on", "「公布日期」%s 在今天之后", norm);
	return 0;
}

static int write_grades(struct session *s, const struct grading_round *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "UPDATE grading_result SET grade = coalesce(grade, suggested),"
	        " previous_grade = (SELECT coalesce(p.grade, p.suggested) FROM grading_result p"
	        " WHERE p.round_id = ?2 AND p.org_id = grading_result.org_id),"
	        " version = version + 1, updated_by = ?3, updated_at = " GRADING_NOW
	        " WHERE round_id = ?1", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "确认定级");
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->previous_id);
	sqlite3_bind_text(st, 3, s->login, -1, SQLITE_STATIC);
	return db_step_done(s->db, st, "确认定级", e);
}

/* Organization ids of a query with the round as ?1, read whole before any
 * write. */
static int org_ids(struct session *s, const char *sql, int64_t round_id, int64_t **out, int *n)
{
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, round_id);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			int64_t *m = realloc(*out, (size_t)(cap = cap ? cap * 2 : 32) * sizeof *m);
			if (!m)
				break;
			*out = m;
		}
		(*out)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return 0;
}

static int create_plans(struct session *s, const struct grading_round *r, const char *deadline,
                        struct dj_err *e)
{
	int64_t *orgs, bottom[512];
	int n, rc = 0;
	if (org_ids(s, "SELECT org_id FROM grading_result WHERE round_id = ?1 AND grade >= 3"
	               " ORDER BY id", r->id, &orgs, &n))
		return db_fail(s->db, e, "列入整改");
	for (int i = 0; i < n && rc == 0; i++)
		rc = rectify_create(s, r->id, orgs[i], RECTIFY_ORIGIN_GRADE, deadline, e);
	free(orgs);
	int nb = grading_bottom(s, r, bottom, 512);
	for (int i = 0; i < nb && rc == 0; i++) {
		int64_t org = db_int(s->db, "SELECT org_id FROM grading_result WHERE id = ?", bottom[i], 0);
		rc = rectify_create(s, r->id, org, RECTIFY_ORIGIN_BOTTOM, deadline, e);
	}
	return rc;
}

static int lock_round(struct session *s, const struct grading_round *r, const char *published_on,
                      struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "UPDATE grading_round SET status = '已确认', published_on = ?1, previous_id = ?2,"
	        " confirmed_by = ?3, updated_by = ?3, updated_at = " GRADING_NOW ","
	        " version = version + 1 WHERE id = ?4 AND version = ?5", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "确认定级");
	sqlite3_bind_text(st, 1, published_on, -1, SQLITE_STATIC);
	if (r->previous_id)
		sqlite3_bind_int64(st, 2, r->previous_id);
	sqlite3_bind_text(st, 3, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, r->id);
	sqlite3_bind_int64(st, 5, r->version);
	return db_step_update(s->db, st, "确认定级", DB_CONFLICT_SAVE, e);
}

static const char *confirm_json(const struct grading_round *r, const struct grading_report *rep,
                                const char *published_on, struct json *j)
{
	json_begin(j);
	json_str(j, "状态", "已确认");
	json_str(j, "公布日期", published_on);
	for (int g = 0; g < GRADING_GRADES; g++)
		json_int(j, r->grade[g], rep->all.count[g]);
	json_str(j, "对比", r->previous);
	return json_end(j);
}

static int confirm_in_txn(struct session *s, int64_t round_id, int64_t version,
                          const char *published_on, struct grading_report *rep, struct dj_err *e)
{
	struct grading_round r;
	char norm[11], deadline[11];
	if (grading_round_load(s, round_id, &r, e))
		return e ? e->code : DJ_DB;
	if (r.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (strcmp(r.status, "已确认") == 0)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」已于 %s 确认定级", r.name, r.published_on);
	if (session_may_write(s, r.org_id, e))
		return DJ_DENIED;
	if (check_date(published_on, norm, e) || grading_check(s, round_id, rep, e))
		return e ? e->code : DJ_INVALID;
	if (rep->orgs == 0)
		return dj_fail(e, DJ_INVALID, NULL, "本轮没有参加定级的组织，不能确认");
	if (rep->ungraded)
		return dj_fail(e, DJ_INVALID, NULL, "还有 %d 个组织没有评分也没有定等次，不能确认（见比例检查）",
		               rep->ungraded);
	if (*r.rectify_due)
		snprintf(deadline, sizeof deadline, "%s", r.rectify_due);
	else
		date_add_months(norm, config_int(s->cfg, "grading:rectify_months", 3), deadline);
	if (write_grades(s, &r, e) || create_plans(s, &r, deadline, e) ||
	    lock_round(s, &r, norm, e))
		return e ? e->code : DJ_DB;
	struct json after = JSON_INIT;
	int rc = audit_write(s, "grading_round", round_id, "确认定级", NULL,
	                     confirm_json(&r, rep, norm, &after), e);
	json_free(&after);
	return rc;
}

int grading_confirm(struct session *s, int64_t round_id, int64_t version, const char *published_on,
                    struct dj_err *e)
{
	struct grading_report *rep = malloc(sizeof *rep);
	if (!rep)
		return dj_fail(e, DJ_DB, NULL, "内存不足，无法确认定级");
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e) ? DJ_DB
	         : db_txn_end(&t, confirm_in_txn(s, round_id, version, published_on, rep, e), e);
	free(rep);
	return rc;
}
