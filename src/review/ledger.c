/* ledger.c — a batch's ledger (台账): every application with its state,
 * the next stage it owes and whether that date has passed (逾期), its money
 * and its 总评; on screen and as CSV with each reviewer's total. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/memrows.h"
#include "core/text.h"
#include "review/internal.h"
#include "review/records.h"

/* ---- the next date due ---- */

/* States with nothing more due: decided against, ended, or accepted (for
 * 创建 a failed acceptance ends with the 通报). */
static int nothing_due(const struct rv_facts *a)
{
	switch (a->state) {
	case RV_REFUSED: case RV_REVOKED: case RV_PASSED: case RV_HONOURED:
		return 1;
	case RV_FAILED:
		return a->kind == REVIEW_CREATE;
	default:
		return 0;
	}
}

/* The first stage of the batch whose `reach` the state has not reached
 * (enum review_state is the progress order).  A planned end moved by a
 * 延期 moves the stages of the end (结题, 验收) with it. */
static int first_open_stage(struct session *s, const struct rv_facts *a, char *stage,
                            size_t cap, char due[11], struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT name, due_on, reach FROM review_stage"
	                       " WHERE batch_id = ? ORDER BY seq", -1, &st, NULL) != SQLITE_OK) {
		db_fail(s->db, e, "读取批次节点");
		return -1;
	}
	sqlite3_bind_int64(st, 1, a->batch_id);
	int found = 0;
	while (!found && sqlite3_step(st) == SQLITE_ROW) {
		if (review_reached(a->kind, a->state, sqlite3_column_int(st, 2)))
			continue;
		db_col_text(st, 0, stage, cap);
		db_col_text(st, 1, due, 11);
		if (sqlite3_column_int(st, 2) >= RV_CONCLUDED && *a->ends_on &&
		    strcmp(a->ends_on, due) > 0)
			memcpy(due, a->ends_on, 11);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

static int next_due_of(struct session *s, const struct rv_facts *a, const char *on, char *stage,
                       size_t cap, char due[11], struct dj_err *e)
{
	stage[0] = 0;
	due[0] = 0;
	if (nothing_due(a))
		return -1;
	if (a->state == RV_FAILED) {
		/* 立项 accepted but failed: rectifying until its deadline, then the
		 * second acceptance */
		snprintf(stage, cap, "整改后再次验收");
		snprintf(due, 11, "%s", a->rectify_due);
	} else {
		int rc = first_open_stage(s, a, stage, cap, due, e);
		if (rc <= 0)
			return rc == 0 ? -1 : -2;   /* -2: the database failed */
	}
	return *due && strcmp(due, on) < 0 ? 1 : 0;
}

int review_next_due(struct session *s, int64_t app_id, const char *on, char *stage,
                    size_t stage_cap, char due[11], struct dj_err *e)
{
	char now[11];
	struct rv_facts a;
	stage[0] = 0;
	due[0] = 0;
	if (rv_facts_load(s, app_id, &a, e))
		return -1;
	int rc = next_due_of(s, &a, on ? on : today(now), stage, stage_cap, due, e);
	return rc < -1 ? -1 : rc;
}

/* ---- one application's line ---- */

struct ledger_line {
	struct rv_facts a;
	char state[32];
	char stage[64], due[11];
	int late;
	struct review_money m;
	char total[8];
};

/* Money as the ledger shows it: whole yuan without ".00", so the narrow
 * columns at 80 keep the figures (the fund ledger shows every fen). */
static void short_money(int64_t fen, char *out, size_t cap)
{
	review_format_money(fen, out, cap);
	size_t n = strlen(out);
	if (n > 3 && strcmp(out + n - 3, ".00") == 0)
		out[n - 3] = 0;
}

/* 总评 always with its one decimal, as the form and the sheet show it. */
static void format_total(int total, char out[8])
{
	if (total < 0)
		out[0] = 0;
	else
		snprintf(out, 8, "%d.%d", total / 10, total % 10);
}

static int line_of(struct session *s, int64_t app_id, const char *on, struct ledger_line *l,
                   struct dj_err *e)
{
	char buf[32];
	memset(l, 0, sizeof *l);
	if (rv_facts_load(s, app_id, &l->a, e))
		return -1;
	snprintf(l->state, sizeof l->state, "%s", rv_state_name(l->a.kind, l->a.state, buf));
	l->late = next_due_of(s, &l->a, on, l->stage, sizeof l->stage, l->due, e);
	if (l->late < -1 || review_money_of(s, app_id, &l->m, e))
		return -1;
	format_total(l->a.total, l->total);
	return 0;
}

/* The batch's applications under the operator's scope. */
#define SELECT_APPS \
	"SELECT a.id FROM review_app a JOIN org o ON o.id = a.org_id WHERE a.batch_id = ?1" \
	" AND (?2 = 0 OR a.org_id IN (WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL" \
	" SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"

static sqlite3_stmt *apps(struct session *s, int64_t batch_id)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, SELECT_APPS " ORDER BY o.sort_key, a.id", -1, &st, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(st, 1, batch_id);
	sqlite3_bind_int64(st, 2, s->scope_org);
	return st;
}

/* ---- the ledger on screen ---- */

/* 12+8+10+14+4+6+6+6+4 = 70 columns, with nine separators 79: every
 * column shows at 80, wider terminals give the names and the next stage
 * their room first. */
static const struct rs_column ledger_cols[] = {
	{ "名称", 12, 1, 0, 1, 40, 1 }, { "申报单位", 8, 1, 0, 1, 24, 0 },
	{ "状态", 10, 0, 0, 1, 18, 0 }, { "下一节点", 14, 0, 0, 1, 22, 0 },
	{ "逾期", 4, 0, 0, 1, 0, 0 }, { "拨付", 6, 0, 1, 1, 10, 0 },
	{ "支出", 6, 0, 1, 1, 10, 0 }, { "结余", 6, 0, 1, 1, 10, 0 },
	{ "总评", 4, 0, 1, 1, 5, 0 },
};
#define LEDGER_COLS (int)(sizeof ledger_cols / sizeof *ledger_cols)

struct ledger_ctx {
	struct session *s;
	int64_t batch_id;
	char on[11];
};

static void ledger_cells(const struct ledger_line *l, struct rs_row *row)
{
	char money[3][32];
	short_money(l->m.granted, money[0], sizeof money[0]);
	short_money(l->m.spent, money[1], sizeof money[1]);
	short_money(l->m.balance, money[2], sizeof money[2]);
	snprintf(row->cell[0], RS_CELL, "%s", l->a.title);
	snprintf(row->cell[1], RS_CELL, "%s", l->a.org);
	snprintf(row->cell[2], RS_CELL, "%s", l->state);
	if (*l->stage)
		snprintf(row->cell[3], RS_CELL, "%s %s", l->stage, l->due);
	snprintf(row->cell[4], RS_CELL, "%s", l->late == 1 ? "逾期" : "");
	for (int i = 0; i < 3; i++)
		snprintf(row->cell[5 + i], RS_CELL, "%s", money[i]);
	snprintf(row->cell[8], RS_CELL, "%s", l->total);
	row->flags = l->late == 1 ? RS_FLAG_WARN
	             : l->a.state == RV_REFUSED || l->a.state == RV_REVOKED ? RS_FLAG_DIM : 0;
}

static int load_ledger(void *ctx, struct memrows *m)
{
	struct ledger_ctx *c = ctx;
	struct dj_err e;
	sqlite3_stmt *st = apps(c->s, c->batch_id);
	if (!st) {
		memrows_fail(m, "读取批次台账失败");
		return -1;
	}
	struct ledger_line l;
	int rc = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (line_of(c->s, sqlite3_column_int64(st, 0), c->on, &l, &e)) {
			memrows_fail(m, e.msg);
			rc = -1;
			break;
		}
		char find[512], py[64], key[256];
		pinyin_initials(l.a.title, py, sizeof py);
		snprintf(find, sizeof find, "%s %s %s %s", l.a.title, py, l.a.org, l.state);
		snprintf(key, sizeof key, "%s\t%s", py, l.a.title);
		struct rs_row *row = memrows_add(m, l.a.id, find, key);
		if (!row)
			break;
		ledger_cells(&l, row);
		/* states and lateness sort by meaning, not by their words */
		memrows_rank(m, 2, l.a.state);
		memrows_rank(m, 4, l.late == 1 ? 1 : 2);
	}
	sqlite3_finalize(st);
	return rc;
}

struct row_source *review_ledger_source(struct session *s, int64_t batch_id, const char *on)
{
	struct ledger_ctx *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->s = s;
	c->batch_id = batch_id;
	if (on)
		snprintf(c->on, sizeof c->on, "%s", on);
	else
		today(c->on);
	return memrows_new(ledger_cols, LEDGER_COLS, load_ledger, c, free);
}

/* ---- CSV ---- */

static const char *const fixed_head[] = {
	"名称", "类别", "申报单位", "状态", "填表日期", "计划结束日期", "下一节点", "节点日期",
	"逾期", "整改期限", "预算", "拨付", "支出", "结余", "总评",
};
#define NFIXED (int)(sizeof fixed_head / sizeof *fixed_head)

struct export_ctx {
	struct session *s;
	char on[11];
	int nrev;
	int64_t rev_id[REVIEW_MAX_REVIEWERS];
};

/* Each reviewer's total on the application's current acceptance round
 * (the 验收评审表 of scores.c), in the batch's order of its 评审组: ""
 * until they scored every criterion. */
static int reviewer_totals(struct export_ctx *c, int64_t app_id, char out[][8],
                           struct dj_err *e)
{
	struct review_sheet *sh = malloc(sizeof *sh);
	if (!sh)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	for (int i = 0; i < c->nrev; i++)
		out[i][0] = 0;
	int rc = review_sheet_load(c->s, app_id, sh, e);
	for (int r = 0; !rc && r < sh->nrev; r++)
		for (int i = 0; i < c->nrev; i++)
			if (sh->rows[r].reviewer_id == c->rev_id[i])
				format_total(sh->rows[r].total, out[i]);
	free(sh);
	return rc;
}

static int write_app(struct csv_writer *w, sqlite3_stmt *st, void *ctx, FILE *report)
{
	struct export_ctx *c = ctx;
	struct ledger_line l;
	struct dj_err e;
	char money[4][32], rev[REVIEW_MAX_REVIEWERS][8];
	if (line_of(c->s, sqlite3_column_int64(st, 0), c->on, &l, &e) ||
	    reviewer_totals(c, l.a.id, rev, &e)) {
		fprintf(report, "读取申报失败：%s\n", e.msg);
		return 1;
	}
	const int64_t fen[] = { l.m.budget, l.m.granted, l.m.spent, l.m.balance };
	for (int i = 0; i < 4; i++)
		review_format_money(fen[i], money[i], sizeof money[i]);
	const char *cells[] = { l.a.title, l.a.app_kind, l.a.org, l.state, l.a.filed_on,
	                        l.a.ends_on, l.stage, l.due, l.late == 1 ? "逾期" : "",
	                        l.a.rectify_due, money[0], money[1], money[2], money[3], l.total };
	for (int i = 0; i < NFIXED; i++)
		csv_write_field(w, cells[i]);
	for (int i = 0; i < c->nrev; i++)
		csv_write_field(w, rev[i]);
	csv_end_record(w);
	return 0;
}

/* The header row: the fixed columns, then one per reviewer of the 评审组
 * ("评审人：张三"). */
static int export_head(struct session *s, int64_t batch_id, struct export_ctx *c,
                       char names[][48], const char *head[])
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id, name FROM review_reviewer WHERE batch_id = ?"
	                       " ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, batch_id);
	for (int i = 0; i < NFIXED; i++)
		head[i] = fixed_head[i];
	while (c->nrev < REVIEW_MAX_REVIEWERS && sqlite3_step(st) == SQLITE_ROW) {
		c->rev_id[c->nrev] = sqlite3_column_int64(st, 0);
		snprintf(names[c->nrev], 48, "评审人：%s", (const char *)sqlite3_column_text(st, 1));
		head[NFIXED + c->nrev] = names[c->nrev];
		c->nrev++;
	}
	sqlite3_finalize(st);
	return 0;
}

int review_export_csv(struct session *s, int64_t batch_id, const char *path, FILE *report,
                      int *exported)
{
	struct export_ctx c = { .s = s };
	char names[REVIEW_MAX_REVIEWERS][48];
	const char *head[NFIXED + REVIEW_MAX_REVIEWERS];
	today(c.on);
	*exported = 0;
	if (export_head(s, batch_id, &c, names, head)) {
		fprintf(report, "读取评审组失败：%s\n", sqlite3_errmsg(s->db));
		return 1;
	}
	const struct csv_export x = {
		.what = "批次台账", .headers = head, .ncols = NFIXED + c.nrev,
		.write_row = write_app, .ctx = &c,
	};
	return csv_export_rows(s->db, apps(s, batch_id), &x, path, report, exported);
}
