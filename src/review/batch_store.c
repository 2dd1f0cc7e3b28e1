/* batch_store.c — reading a batch back as its form shows it, its numbers
 * for the rules, deleting an unused one, and the list of batches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/memrows.h"
#include "core/text.h"
#include "review/batch_parse.h"

#define BATCH_COLS                                                                        \
	"b.id, b.version, b.kind, b.term, b.name, b.org_id, o.name, b.status, b.fund_fen,"    \
	" b.fund2_fen, b.match_pct, b.pass_line, b.excellent_line, b.excellent_max,"          \
	" b.per_org, b.quota_college, b.quota_branch, b.limit_zongzhi, b.limit_jiguan,"       \
	" b.years, coalesce(b.notes, ''), coalesce(b.frozen_on, ''),"                         \
	" (SELECT count(*) FROM review_app a WHERE a.batch_id = b.id)"                         \
	" FROM review_batch b JOIN org o ON o.id = b.org_id WHERE b.id = ?1"

int review_rules_load(struct session *s, int64_t batch_id, struct review_rules *r,
                      struct dj_err *e)
{
	sqlite3_stmt *st;
	memset(r, 0, sizeof *r);
	if (db_load_row(s->db, "SELECT " BATCH_COLS, batch_id, &st, "读取批次", "批次已被删除", e))
		return e ? e->code : DJ_NOTFOUND;
	r->id = sqlite3_column_int64(st, 0);
	r->kind = review_kind_parse((const char *)sqlite3_column_text(st, 2)) == REVIEW_CREATE
	          ? REVIEW_CREATE : REVIEW_PROJECT;
	db_col_text(st, 3, r->term, sizeof r->term);
	r->org_id = sqlite3_column_int64(st, 5);
	r->fund_fen = sqlite3_column_int64(st, 8);
	r->fund2_fen = sqlite3_column_int64(st, 9);
	int *nums[] = { &r->match_pct, &r->pass_line, &r->excellent_line, &r->excellent_max,
	                &r->per_org, &r->quota_college, &r->quota_branch, &r->limit_zongzhi,
	                &r->limit_jiguan, &r->years };
	for (int i = 0; i < 10; i++)
		*nums[i] = sqlite3_column_int(st, 10 + i);
	db_col_text(st, 21, r->frozen_on, sizeof r->frozen_on);
	db_done(st);
	return 0;
}

static void fill_batch(sqlite3_stmt *st, struct review_batch *b)
{
	char *texts[] = { b->fund, b->fund2 };
	b->id = sqlite3_column_int64(st, 0);
	b->version = sqlite3_column_int64(st, 1);
	b->kind = review_kind_parse((const char *)sqlite3_column_text(st, 2)) == REVIEW_CREATE
	          ? REVIEW_CREATE : REVIEW_PROJECT;
	db_col_text(st, 3, b->term, sizeof b->term);
	db_col_text(st, 4, b->name, sizeof b->name);
	b->org_id = sqlite3_column_int64(st, 5);
	db_col_text(st, 6, b->org, sizeof b->org);
	db_col_text(st, 7, b->status, sizeof b->status);
	for (int i = 0; i < 2; i++)
		review_format_money(sqlite3_column_int64(st, 8 + i), texts[i], sizeof b->fund);
	snprintf(b->match, sizeof b->match, "%d", sqlite3_column_int(st, 10));
	review_format_tenths(sqlite3_column_int(st, 11), b->pass_line, sizeof b->pass_line);
	review_format_tenths(sqlite3_column_int(st, 12), b->excellent_line, sizeof b->excellent_line);
	char *counts[] = { b->excellent_max, b->per_org, b->quota_college, b->quota_branch,
	                   b->limit_zongzhi, b->limit_jiguan, b->years };
	for (int i = 0; i < 7; i++)
		snprintf(counts[i], sizeof b->per_org, "%d", sqlite3_column_int(st, 13 + i));
	db_col_text(st, 20, b->notes, sizeof b->notes);
	db_col_text(st, 21, b->frozen_on, sizeof b->frozen_on);
	snprintf(b->apps, sizeof b->apps, "%d", sqlite3_column_int(st, 22));
}

/* The flow's fields a kind does not use stay empty on its form. */
static void blank_unused(struct review_batch *b)
{
	if (b->kind == REVIEW_CREATE) {
		b->excellent_line[0] = b->excellent_max[0] = b->per_org[0] = 0;
		return;
	}
	b->fund2[0] = b->match[0] = b->quota_college[0] = b->quota_branch[0] = 0;
	b->limit_zongzhi[0] = b->limit_jiguan[0] = 0;
}

static int load_lists(struct session *s, struct review_batch *b, struct dj_err *e)
{
	static const char *const sql[] = {
		"SELECT name, due_on, reach FROM review_stage WHERE batch_id = ?1 ORDER BY seq",
		"SELECT name, max_score, 0 FROM review_criterion WHERE batch_id = ?1 ORDER BY seq",
		"SELECT name, 0, 0 FROM review_reviewer WHERE batch_id = ?1 ORDER BY seq",
	};
	for (int k = 0; k < 3; k++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(s->db, sql[k], -1, &st, NULL) != SQLITE_OK)
			return db_fail(s->db, e, "读取批次");
		sqlite3_bind_int64(st, 1, b->id);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (k == 0 && b->nstage < REVIEW_MAX_STAGES) {
				db_col_text(st, 0, b->stage_name[b->nstage], sizeof b->stage_name[0]);
				db_col_text(st, 1, b->stage_due[b->nstage], sizeof b->stage_due[0]);
				b->stage_reach[b->nstage++] = sqlite3_column_int(st, 2);
			} else if (k == 1 && b->ncrit < REVIEW_MAX_CRIT) {
				db_col_text(st, 0, b->crit_name[b->ncrit], sizeof b->crit_name[0]);
				review_format_tenths(sqlite3_column_int(st, 1), b->crit_max[b->ncrit++],
				                     sizeof b->crit_max[0]);
			} else if (k == 2) {
				size_t at = strlen(b->reviewers);
				snprintf(b->reviewers + at, sizeof b->reviewers - at, "%s%s", at ? "、" : "",
				         (const char *)sqlite3_column_text(st, 0));
			}
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_fail(s->db, e, "读取批次");
	}
	return 0;
}

int review_batch_load(struct session *s, int64_t id, struct review_batch *b, struct dj_err *e)
{
	sqlite3_stmt *st;
	memset(b, 0, sizeof *b);
	if (db_load_row(s->db, "SELECT " BATCH_COLS, id, &st, "读取批次", "批次已被删除", e))
		return e ? e->code : DJ_NOTFOUND;
	fill_batch(st, b);
	db_done(st);
	blank_unused(b);
	return load_lists(s, b, e);
}

/* ---- deleting ---- */

static int delete_in_txn(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct review_batch b;
	struct batch_parsed p;
	if (review_batch_load(s, id, &b, e))
		return e ? e->code : DJ_DB;
	if (b.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (atoi(b.apps) > 0)
		return dj_fail(e, DJ_INVALID, NULL, "批次「%s」已有 %s 份申报，不能删除", b.name, b.apps);
	if (session_may_write(s, b.org_id, e))
		return DJ_DENIED;
	int64_t ids[2] = { id, version };
	if (db_exec_ids(s->db, "DELETE FROM review_stage WHERE batch_id = ?", ids, 1, "删除批次", e) ||
	    db_exec_ids(s->db, "DELETE FROM review_criterion WHERE batch_id = ?", ids, 1, "删除批次",
	                e) ||
	    db_exec_ids(s->db, "DELETE FROM review_reviewer WHERE batch_id = ?", ids, 1, "删除批次",
	                e) ||
	    db_exec_ids(s->db, "DELETE FROM review_batch WHERE id = ?1 AND version = ?2", ids, 2,
	                "删除批次", e))
		return DJ_DB;
	if (sqlite3_changes(s->db) == 0)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	struct json before = JSON_INIT;
	const char *old = batch_parse(s, &b, &p, NULL) == 0 ? batch_json(&p, b.org, &before) : NULL;
	int rc = audit_write(s, "review_batch", id, "删除", old, NULL, e);
	json_free(&before);
	return rc;
}

int review_batch_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	return db_txn_end(&t, delete_in_txn(s, id, version, e), e);
}

/* ---- the list ---- */

static const struct rs_column batch_cols[] = {
	{ "类别", 4, 0, 0, 1 }, { "学年/周期", 9, 0, 0, 1 }, { "批次名称", 24, 1, 0, 1, 0, 1 },
	{ "组织单位", 16, 1, 0, 1 }, { "状态", 6, 0, 0, 1 }, { "申报数", 6, 0, 1, 1 },
	{ "逾期数", 6, 0, 1, 1 },
};

struct batch_list {
	struct session *s;
	int kind;
};

/* 逾期: applications of the batch with a stage whose date has passed and
 * that they have not reached (internal.h). */
#define LATE_APPS                                                                        \
	"(SELECT count(*) FROM review_app a WHERE a.batch_id = b.id AND EXISTS (SELECT 1"    \
	" FROM review_stage g WHERE g.batch_id = b.id AND g.due_on < ?3 AND NOT "            \
	REVIEW_REACHED_SQL("a.state", "g.reach", "b.kind") "))"

static int load_batches(void *ctx, struct memrows *m)
{
	struct batch_list *l = ctx;
	char now[11], why[160];
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(l->s->db,
	        "SELECT b.id, b.kind, b.term, b.name, o.name, o.name_py, b.status,"
	        " (SELECT count(*) FROM review_app a WHERE a.batch_id = b.id), " LATE_APPS
	        " FROM review_batch b JOIN org o ON o.id = b.org_id"
	        " WHERE (?1 < 0 OR b.kind = CASE ?1 WHEN 1 THEN '创建' ELSE '立项' END)"
	        " AND (?2 = 0 OR b.org_id IN (WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL"
	        " SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"
	        " ORDER BY b.term DESC, b.id DESC", -1, &st, NULL) != SQLITE_OK) {
		memrows_fail(m, db_why(l->s->db, why, sizeof why));
		return -1;
	}
	sqlite3_bind_int(st, 1, l->kind);
	sqlite3_bind_int64(st, 2, l->s->scope_org);
	sqlite3_bind_text(st, 3, today(now), -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char find[512], py[64], name[128];
		db_col_text(st, 3, name, sizeof name);
		db_col_text(st, 5, py, sizeof py);
		snprintf(find, sizeof find, "%s %s %s %s", (const char *)sqlite3_column_text(st, 2),
		         name, (const char *)sqlite3_column_text(st, 4), py);
		struct rs_row *row = memrows_add(m, sqlite3_column_int64(st, 0), find, name);
		if (!row)
			break;
		for (int c = 0; c < 7; c++)
			db_col_text(st, c < 4 ? c + 1 : c + 2, row->cell[c], RS_CELL);
		row->flags = sqlite3_column_int(st, 8) > 0 ? RS_FLAG_WARN : 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		memrows_fail(m, db_why(l->s->db, why, sizeof why));
		return -1;
	}
	return rc == SQLITE_ROW ? (memrows_fail(m, "内存不足，无法列出批次"), -1) : 0;
}

struct row_source *review_batch_list_source(struct session *s, int kind)
{
	struct batch_list *l = malloc(sizeof *l);
	if (!l)
		return NULL;
	l->s = s;
	l->kind = kind;
	return memrows_new(batch_cols, 7, load_batches, l, free);
}
