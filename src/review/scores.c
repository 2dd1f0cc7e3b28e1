/* scores.c — the 验收评审表 of an application's current acceptance round:
 * every reviewer of the batch against every criterion, read whole (nothing
 * stays open while the operator types), saved a reviewer's line at a time
 * with a version check per cell, only while the application awaits its
 * acceptance. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "review/internal.h"

static int read_lists(struct session *s, int64_t batch, struct review_sheet *sh,
                      struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT 0, id, name, max_score, seq FROM review_criterion"
	                       " WHERE batch_id = ?1 UNION ALL SELECT 1, id, name, 0, seq FROM"
	                       " review_reviewer WHERE batch_id = ?1 ORDER BY 1, 5", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取验收评审表");
	sqlite3_bind_int64(st, 1, batch);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 0) == 0 && sh->ncrit < REVIEW_MAX_CRIT) {
			sh->crit_id[sh->ncrit] = sqlite3_column_int64(st, 1);
			db_col_text(st, 2, sh->crit_name[sh->ncrit], sizeof sh->crit_name[0]);
			sh->crit_max[sh->ncrit++] = sqlite3_column_int(st, 3);
		} else if (sqlite3_column_int(st, 0) == 1 && sh->nrev < REVIEW_MAX_REVIEWERS) {
			struct review_score_row *row = &sh->rows[sh->nrev++];
			row->reviewer_id = sqlite3_column_int64(st, 1);
			db_col_text(st, 2, row->reviewer, sizeof row->reviewer);
			for (int k = 0; k < REVIEW_MAX_CRIT; k++)
				row->score[k] = -1;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "读取验收评审表");
}

static int index_of(const int64_t *ids, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return i;
	return -1;
}

static int read_scores(struct session *s, struct review_sheet *sh, struct dj_err *e)
{
	int64_t rev[REVIEW_MAX_REVIEWERS];
	for (int r = 0; r < sh->nrev; r++)
		rev[r] = sh->rows[r].reviewer_id;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT reviewer_id, criterion_id, id, score, version FROM"
	                       " review_score WHERE app_id = ?1 AND round = ?2", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取评分");
	sqlite3_bind_int64(st, 1, sh->app_id);
	sqlite3_bind_int(st, 2, sh->round);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int r = index_of(rev, sh->nrev, sqlite3_column_int64(st, 0));
		int k = index_of(sh->crit_id, sh->ncrit, sqlite3_column_int64(st, 1));
		if (r < 0 || k < 0)
			continue;
		sh->rows[r].score_id[k] = sqlite3_column_int64(st, 2);
		sh->rows[r].score[k] = sqlite3_column_int(st, 3);
		sh->rows[r].score_version[k] = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "读取评分");
}

/* Each complete row's total, the 总评 over them, and whether all are. */
static void sum_up(struct review_sheet *sh)
{
	int totals[REVIEW_MAX_REVIEWERS], n = 0;
	sh->complete = sh->nrev > 0 && sh->ncrit > 0;
	for (int r = 0; r < sh->nrev; r++) {
		struct review_score_row *row = &sh->rows[r];
		row->total = 0;
		for (int k = 0; k < sh->ncrit && row->total >= 0; k++)
			row->total = row->score[k] < 0 ? -1 : row->total + row->score[k];
		if (row->total >= 0)
			totals[n++] = row->total;
		else
			sh->complete = 0;
	}
	sh->mean = review_mean(totals, n);
}

int review_sheet_load(struct session *s, int64_t app_id, struct review_sheet *sh,
                      struct dj_err *e)
{
	struct review_head h;
	memset(sh, 0, sizeof *sh);
	if (review_head_load(s, app_id, &h, e))
		return e ? e->code : DJ_NOTFOUND;
	sh->app_id = app_id;
	sh->round = h.accept_round;
	if (read_lists(s, h.batch_id, sh, e) || read_scores(s, sh, e))
		return e ? e->code : DJ_DB;
	sum_up(sh);
	return 0;
}

/* ---- saving a reviewer's line ---- */

static int check_row(const struct review_sheet *sh, int r, const int scores[], struct dj_err *e)
{
	if (r < 0 || r >= sh->nrev)
		return dj_fail(e, DJ_INVALID, NULL, "评审组没有第 %d 位评审人", r + 1);
	for (int k = 0; k < sh->ncrit; k++)
		if (scores[k] < -1 || scores[k] > sh->crit_max[k]) {
			char m[16];
			review_format_tenths(sh->crit_max[k], m, sizeof m);
			return dj_fail(e, DJ_INVALID, sh->crit_name[k], "%s 的「%s」应在 0 至 %s 分之间",
			               sh->rows[r].reviewer, sh->crit_name[k], m);
		}
	return 0;
}

/* One cell: insert, update or delete at the version it was read.  1 when
 * it changed, 0 when not, -1 on a refusal. */
static int write_cell(struct session *s, const struct review_sheet *sh, int r, int k, int now,
                      struct dj_err *e)
{
	const struct review_score_row *row = &sh->rows[r];
	int64_t id = row->score_id[k];
	if ((!id && now < 0) || (id && now == row->score[k]))
		return 0;
	const char *sql = !id ? "INSERT INTO review_score(app_id, round, reviewer_id, criterion_id,"
	                        " score, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	                        REVIEW_NOW ")"
	                : now < 0 ? "DELETE FROM review_score WHERE id = ?7 AND version = ?8"
	                : "UPDATE review_score SET score = ?5, updated_by = ?6, updated_at = "
	                  REVIEW_NOW ", version = version + 1 WHERE id = ?7 AND version = ?8";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(s->db, e, "保存评分");
		return -1;
	}
	sqlite3_bind_int64(st, 1, sh->app_id);
	sqlite3_bind_int(st, 2, sh->round);
	sqlite3_bind_int64(st, 3, row->reviewer_id);
	sqlite3_bind_int64(st, 4, sh->crit_id[k]);
	sqlite3_bind_int(st, 5, now);
	sqlite3_bind_text(st, 6, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, id);
	sqlite3_bind_int64(st, 8, row->score_version[k]);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_CONSTRAINT || (id && rc == SQLITE_DONE && sqlite3_changes(s->db) == 0)) {
		dj_fail(e, DJ_CONFLICT, NULL, "%s 的「%s」评分已被他人修改，请按 F5 重新读取",
		        row->reviewer, sh->crit_name[k]);
		return -1;
	}
	if (rc != SQLITE_DONE) {
		db_fail(s->db, e, "保存评分");
		return -1;
	}
	return 1;
}

static const char *line_json(const struct review_sheet *sh, int r, const int scores[],
                             struct json *j)
{
	char v[16];
	json_begin(j);
	json_str(j, "评审人", sh->rows[r].reviewer);
	json_int(j, "验收轮次", sh->round);
	for (int k = 0; k < sh->ncrit; k++) {
		review_format_tenths(scores[k], v, sizeof v);
		json_str(j, sh->crit_name[k], v);
	}
	return json_end(j);
}

/* The sheet was read with the batch's criteria and 评审组 of its round:
 * they must be the ones in force now. */
static int same_sheet(const struct review_sheet *a, const struct review_sheet *b)
{
	if (a->round != b->round || a->ncrit != b->ncrit || a->nrev != b->nrev)
		return 0;
	for (int k = 0; k < a->ncrit; k++)
		if (a->crit_id[k] != b->crit_id[k] || a->crit_max[k] != b->crit_max[k])
			return 0;
	for (int r = 0; r < a->nrev; r++)
		if (a->rows[r].reviewer_id != b->rows[r].reviewer_id)
			return 0;
	return 1;
}

static int save_in_txn(struct session *s, const struct review_sheet *sh, int r,
                       const int scores[], struct dj_err *e)
{
	struct review_head h;
	struct review_sheet now;
	if (review_head_load(s, sh->app_id, &h, e))
		return e ? e->code : DJ_NOTFOUND;
	if (h.state != RV_CONCLUDED)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」现为%s，只有%s时才能评分", h.title,
		               review_state_word(h.kind, h.state),
		               review_state_word(h.kind, RV_CONCLUDED));
	if (review_may_write(s, &h, e))
		return DJ_DENIED;
	if (review_sheet_load(s, sh->app_id, &now, e))
		return e ? e->code : DJ_DB;
	if (!same_sheet(sh, &now))
		return dj_fail(e, DJ_CONFLICT, NULL, "验收评审表已变化，请按 F5 重新读取");
	int changed = 0;
	for (int k = 0; k < sh->ncrit; k++) {
		int c = write_cell(s, sh, r, k, scores[k], e);
		if (c < 0)
			return e ? e->code : DJ_DB;
		changed += c;
	}
	if (!changed)
		return 0;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_write(s, "review_score", sh->app_id, "评分",
	                     line_json(sh, r, sh->rows[r].score, &before),
	                     line_json(sh, r, scores, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int review_sheet_save_row(struct session *s, struct review_sheet *sh, int r, const int scores[],
                          struct dj_err *e)
{
	if (check_row(sh, r, scores, e))
		return DJ_INVALID;
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	int rc = db_txn_end(&t, save_in_txn(s, sh, r, scores, e), e);
	if (rc)
		return rc;
	return review_sheet_load(s, sh->app_id, sh, e);
}
