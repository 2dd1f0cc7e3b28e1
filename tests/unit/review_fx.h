/* review_fx.h — what the review records tests share (header-only, as the
 * unit rule links one test file with the core objects): a batch of each
 * flow saved through review_batch_save on the member fixture (测试镇,
 * today 2026-11-21, so the 立项 batch is 学年 2026-2027), and applications
 * written straight to the table in the state a test needs. */
#ifndef DJ_REVIEW_FX_H
#define DJ_REVIEW_FX_H

#include "fixture.h"
#include "review/review.h"

/* A batch of kind k with the defaults and a 评审组 of three. */
static inline int64_t rfx_batch(struct session *s, enum review_kind k)
{
	struct review_batch b;
	struct dj_err e;
	review_batch_defaults(s, k, &b);
	snprintf(b.reviewers, sizeof b.reviewers, "张三、李四、王五");
	if (review_batch_save(s, &b, &e))
		fail_msg("batch: %s (%s)", e.msg, e.field);
	return b.id;
}

/* An application of `kind` (项目 / 样板支部 / 标杆学院) by org in `state`. */
static inline int64_t rfx_app(struct session *s, int64_t batch, int64_t org, const char *kind,
                              const char *title, int state)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s->db,
	        "INSERT INTO review_app(batch_id, org_id, kind, state, title, filed_on, unit,"
	        " executor, secretary) VALUES (?, ?, ?, ?, ?, '2026-05-08', '测试学院', '周执行',"
	        " '吴书记')", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, batch);
	sqlite3_bind_int64(st, 2, org);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, state);
	sqlite3_bind_text(st, 5, title, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(s->db);
}

/* Puts an application into a state, as the transitions would have. */
static inline void rfx_state(struct session *s, int64_t app, int state)
{
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE review_app SET state = %d WHERE id = %lld", state,
	         (long long)app);
	assert_int_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static inline void rfx_sql(struct session *s, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

static inline int64_t rfx_int(struct session *s, const char *sql)
{
	return db_int(s->db, sql, -1, -999);
}

static inline const char *rfx_text(struct session *s, const char *sql, char *out, size_t cap)
{
	sqlite3_stmt *st;
	out[0] = 0;
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* A money line as typed. */
static inline struct review_fund rfx_fund(int64_t app, const char *kind, const char *amount)
{
	struct review_fund f;
	memset(&f, 0, sizeof f);
	f.app_id = app;
	snprintf(f.kind, sizeof f.kind, "%s", kind);
	snprintf(f.on_date, sizeof f.on_date, "2026-10-08");
	snprintf(f.item, sizeof f.item, "%s事项", kind);
	snprintf(f.amount, sizeof f.amount, "%s", amount);
	snprintf(f.handler, sizeof f.handler, "钱经手");
	return f;
}

/* Every row of a source, at most n. */
static inline int rfx_rows(struct row_source *rs, struct rs_row *rows, int n)
{
	assert_non_null(rs);
	return rs->fetch(rs->ctx, NULL, 1, n, rows);
}

#endif
