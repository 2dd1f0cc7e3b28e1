/* providers.c — what 督导 gives the 待办 screen (todo/todo.h) and the 通报
 * draft (bulletin/bulletin.h): missing reports, follow-ups not done, and
 * 联系领导 who have not visited their 联系点. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "supervise/internal.h"

/* db_fail for a provider, which returns -1. */
static int failed(struct session *s, struct dj_err *e, const char *what)
{
	db_fail(s->db, e, what);
	return -1;
}

/* Calls fn for each organization under root owing duty d for period whose
 * report was not received (by `by`, when not NULL).  0, or -1 with e. */
typedef int (*missing_fn)(void *ctx, int64_t org_id, const char *org);

static int for_missing(struct session *s, int64_t root, const struct sup_duty *d,
                       const char *period, const char *by, missing_fn fn, void *ctx,
                       struct dj_err *e)
{
	char *kinds = sup_kinds_sql(d, "o.kind");
	char *sql = kinds ? sqlite3_mprintf("SELECT o.id, o.name FROM org o WHERE o.status = '正常'"
	                                    " AND %s AND " DB_SUBTREE("o.id") " AND NOT EXISTS"
	                                    " (SELECT 1 FROM duty_report r WHERE r.org_id = o.id"
	                                    " AND r.duty = :duty AND r.period = :period AND"
	                                    " (:by IS NULL OR r.received_on <= :by))"
	                                    " ORDER BY o.name_py, o.id", kinds)
	                  : NULL;
	sqlite3_free(kinds);
	sqlite3_stmt *st = NULL;
	if (!sql || sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_free(sql);
		return failed(s, e, "读取报送记录");
	}
	sqlite3_free(sql);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), root);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":duty"), d->name, 0);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":period"), period, 0);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":by"), by ? by : "", 1);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1));
	if (!stop && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return failed(s, e, "读取报送记录");
	}
	sqlite3_finalize(st);
	return stop ? 1 : 0;
}

/* ---- 待办: missing reports ---- */

struct report_todo {
	const struct sup_duty *d;
	const char *period;
	char due[11];
	int late;
	todo_emit emit;
	void *ctx;
};

static int report_item(void *ctx, int64_t org_id, const char *org)
{
	struct report_todo *t = ctx;
	struct todo_item it = { .kind = TODO_REPORT, .id = org_id, .org_id = org_id, .late = t->late };
	snprintf(it.ref, sizeof it.ref, "%s", t->period);
	snprintf(it.due_on, sizeof it.due_on, "%s", t->due);
	snprintf(it.what, sizeof it.what, "%s", t->d->name);
	snprintf(it.org, sizeof it.org, "%s", org ? org : "");
	snprintf(it.text, sizeof it.text, t->late ? "%s %s未报送，已逾期（应于 %s 前报送）"
	                                          : "%s %s未报送（应于 %s 前报送）",
	         t->period, t->d->name, t->due);
	return t->emit(t->ctx, &it);
}

int supervise_todo_reports(struct session *s, const char *today, int ahead, todo_emit emit,
                           void *ctx, struct dj_err *e)
{
	struct sup_duty duties[SUP_MAX_DUTIES];
	int n = sup_duties(s, duties, SUP_MAX_DUTIES);
	for (int i = 0; i < n; i++) {
		char now[11], before[11];
		sup_period_of(duties[i].period, today, now);
		sup_period_step(duties[i].period, now, -1, before);
		const char *periods[] = { before, now };
		for (int k = 0; k < 2; k++) {
			struct report_todo t = { .d = &duties[i], .period = periods[k], .emit = emit,
			                         .ctx = ctx };
			sup_period_due(duties[i].period, periods[k], duties[i].due_day, t.due);
			t.late = strcmp(today, t.due) > 0;
			if (!t.late && date_diff_days(today, t.due) > ahead)
				continue;
			int rc = for_missing(s, s->scope_org, &duties[i], periods[k], NULL, report_item, &t, e);
			if (rc)
				return rc < 0 ? -1 : 0;
		}
	}
	return 0;
}

/* ---- 待办: follow-ups ---- */

int supervise_todo_followups(struct session *s, const char *today, int ahead, todo_emit emit,
                             void *ctx, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT w.id, w.org_id, o.name, w.followup, w.deadline,"
	                       " i.on_date, i.leader FROM inspection_org w JOIN inspection i"
	                       " ON i.id = w.inspection_id JOIN org o ON o.id = w.org_id"
	                       " WHERE w.followup <> '' AND w.done_on IS NULL AND w.deadline IS NOT NULL"
	                       " AND w.deadline <= date(:today, printf('%+d days', :ahead)) AND "
	                       DB_SUBTREE("w.org_id") " ORDER BY w.deadline, w.id", -1, &st, NULL) !=
	    SQLITE_OK)
		return failed(s, e, "读取督导整改");
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":today"), today, 0);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":ahead"), ahead);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct todo_item it = { .kind = TODO_FOLLOWUP, .id = sqlite3_column_int64(st, 0),
		                        .org_id = sqlite3_column_int64(st, 1) };
		char what[120];
		db_col_text(st, 2, it.org, sizeof it.org);
		text_shown((const char *)sqlite3_column_text(st, 3), 30, what, sizeof what);
		db_col_text(st, 4, it.due_on, sizeof it.due_on);
		it.late = strcmp(today, it.due_on) > 0;
		snprintf(it.what, sizeof it.what, "督导整改");
		snprintf(it.text, sizeof it.text, "%s 督导检查：%s", (const char *)sqlite3_column_text(st, 5),
		         what);
		db_col_text(st, 6, it.who, sizeof it.who);
		stop = emit(ctx, &it);
	}
	if (!stop && rc != SQLITE_DONE) {
		db_fail(s->db, e, "读取督导整改");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* ---- 待办: 联系点 not visited ---- */

int supervise_todo_visits(struct session *s, const char *today, int ahead, todo_emit emit,
                          void *ctx, struct dj_err *e)
{
	int months = sup_no_visit_months(s);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT l.id, l.org_id, o.name, l.person, coalesce((SELECT"
	                       " max(on_date) FROM liaison_visit WHERE liaison_id = l.id), ''),"
	                       " coalesce(l.from_on, '') FROM liaison l JOIN org o ON o.id = l.org_id"
	                       " WHERE l.role = '联系领导' AND o.status = '正常' AND (l.to_on IS NULL"
	                       " OR l.to_on = '' OR l.to_on >= :today) AND " DB_SUBTREE("l.org_id")
	                       " ORDER BY l.id", -1, &st, NULL) != SQLITE_OK)
		return failed(s, e, "读取联系点走访");
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":today"), today, 0);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct todo_item it = { .kind = TODO_VISIT, .id = sqlite3_column_int64(st, 0),
		                        .org_id = sqlite3_column_int64(st, 1) };
		char last[11], from[11];
		db_col_text(st, 2, it.org, sizeof it.org);
		db_col_text(st, 3, it.who, sizeof it.who);
		db_col_text(st, 4, last, sizeof last);
		db_col_text(st, 5, from, sizeof from);
		const char *since = *last ? last : from;
		if (*since)
			date_add_months(since, months, it.due_on);
		it.late = !*since || strcmp(today, it.due_on) > 0;
		if (!it.late && date_diff_days(today, it.due_on) > ahead)
			continue;
		snprintf(it.what, sizeof it.what, "联系点");
		if (*last)
			snprintf(it.text, sizeof it.text, "%s 联系点最近一次走访在 %s，%s %d 个月未走访",
			         it.who, last, it.late ? "已超过" : "将满", months);
		else
			snprintf(it.text, sizeof it.text, "%s 尚未走访联系点（%d 个月内应走访）", it.who, months);
		stop = emit(ctx, &it);
	}
	if (!stop && rc != SQLITE_DONE) {
		db_fail(s->db, e, "读取联系点走访");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* ---- 通报 ---- */

/* A 通报 faults the reports that fell due inside its period: September's
 * 月报, due 10-05, belongs to the October 通报, and October's (due 11-05)
 * to November's — judged against a period's end would fault every branch
 * for a report not yet due.  A report missing on its due day is 逾期未报送
 * while still missing on `to`, and 迟报 when it came in by `to`. */
struct report_bul {
	struct session *s;
	const struct sup_duty *d;
	const char *period, *to;
	bulletin_emit emit;
	void *ctx;
};

static int report_line(void *ctx, int64_t org_id, const char *org)
{
	struct report_bul *b = ctx;
	struct bulletin_line l = { .section = BUL_REPORT_MISSING, .org_id = org_id };
	char came[11] = "";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(b->s->db, "SELECT received_on FROM duty_report WHERE org_id = ?1"
	                       " AND duty = ?2 AND period = ?3 AND received_on <= ?4", -1, &st,
	                       NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, org_id);
		db_bind_text(st, 2, b->d->name, 0);
		db_bind_text(st, 3, b->period, 0);
		db_bind_text(st, 4, b->to, 0);
		if (sqlite3_step(st) == SQLITE_ROW)
			db_col_text(st, 0, came, sizeof came);
		sqlite3_finalize(st);
	}
	snprintf(l.org, sizeof l.org, "%s", org ? org : "");
	if (*came)
		snprintf(l.text, sizeof l.text, "%s %s迟报，%s 才报送", b->period, b->d->name, came);
	else
		snprintf(l.text, sizeof l.text, "%s %s逾期未报送", b->period, b->d->name);
	return b->emit(b->ctx, &l);
}

int supervise_bulletin_reports(struct session *s, int64_t root, const char *from, const char *to,
                               bulletin_emit emit, void *ctx, struct dj_err *e)
{
	struct sup_duty duties[SUP_MAX_DUTIES];
	int n = sup_duties(s, duties, SUP_MAX_DUTIES);
	if (!root)
		root = s->scope_org;
	for (int i = 0; i < n; i++) {
		const struct sup_duty *d = &duties[i];
		char p[11], due[11];
		sup_period_of(d->period, from, p);
		sup_period_step(d->period, p, -1, p);   /* the period before falls due in from's */
		for (sup_period_due(d->period, p, d->due_day, due); strcmp(due, to) <= 0;
		     sup_period_step(d->period, p, 1, p), sup_period_due(d->period, p, d->due_day, due)) {
			if (strcmp(due, from) < 0)
				continue;
			struct report_bul b = { .s = s, .d = d, .period = p, .to = to, .emit = emit,
			                        .ctx = ctx };
			int rc = for_missing(s, root, d, p, due, report_line, &b, e);
			if (rc)
				return rc < 0 ? -1 : 0;
		}
	}
	return 0;
}

int supervise_bulletin_followups(struct session *s, int64_t root, const char *from,
                                 const char *to, bulletin_emit emit, void *ctx,
                                 struct dj_err *e)
{
	(void)from;   /* a follow-up still open on `to` is a shortfall however old it is */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT w.org_id, o.name, i.on_date, w.followup, w.deadline"
	                       " FROM inspection_org w JOIN inspection i ON i.id = w.inspection_id"
	                       " JOIN org o ON o.id = w.org_id WHERE w.followup <> ''"
	                       " AND w.deadline < :to AND i.on_date <= :to"
	                       " AND (w.done_on IS NULL OR w.done_on > :to) AND "
	                       DB_SUBTREE("w.org_id") " ORDER BY o.name_py, w.deadline, w.id", -1, &st,
	                       NULL) != SQLITE_OK)
		return failed(s, e, "读取督导整改");
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), root ? root : s->scope_org);
	db_bind_text(st, sqlite3_bind_parameter_index(st, ":to"), to, 0);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bulletin_line l = { .section = BUL_FOLLOWUP_OPEN,
		                           .org_id = sqlite3_column_int64(st, 0) };
		char what[140];
		db_col_text(st, 1, l.org, sizeof l.org);
		text_shown((const char *)sqlite3_column_text(st, 3), 40, what, sizeof what);
		snprintf(l.text, sizeof l.text, "%s 督导检查的整改「%s」逾期未完成（期限 %s）",
		         (const char *)sqlite3_column_text(st, 2), what,
		         (const char *)sqlite3_column_text(st, 4));
		stop = emit(ctx, &l);
	}
	if (!stop && rc != SQLITE_DONE) {
		db_fail(s->db, e, "读取督导整改");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}
