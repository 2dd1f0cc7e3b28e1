/* bench_bare.c — the limits: what each ledger key asks of SQLite, run bare.
 *
 * The ledger's own row source is driven in-process exactly as the grid
 * drives it for a key (src/tui/grid.c: Down past the last row fetches 2 rows
 * after it, PgDn 19, End the last 19, a find counts the matches and fetches
 * the first 19); every statement it runs is captured with its bound values
 * (sqlite3_expanded_sql), then timed on a plain SQLite connection: prepared
 * once, stepped to the end, median of many runs.  That is the floor a
 * screen cannot go below; the screen's figure is set beside it. */
#include "bench.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/db.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "core/validate.h"
#include "bulletin/bulletin.h"
#include "honour/honour.h"
#include "supervise/supervise.h"
#include "plan/plan.h"
#include "org/org.h"
#include "member/member.h"
#include "member/stats.h"
#include "stats/stats.h"
#include "training/training.h"

struct captured {
	char *sql[16];
	int n;
};

static int on_trace(unsigned type, void *ctx, void *p, void *x)
{
	(void)x;
	struct captured *c = ctx;
	if (type == SQLITE_TRACE_PROFILE && c->n < 16) {
		char *sql = sqlite3_expanded_sql(p);
		if (sql)
			c->sql[c->n++] = sql;
	}
	return 0;
}

static void today_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(cx, bench_today, -1, SQLITE_STATIC);
}

/* Median time of running sql to its end on a bare connection. */
static double bare_ms(sqlite3 *db, const char *sql, int runs)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: %s\n  in: %s\n", sqlite3_errmsg(db), sql);
		return -1;
	}
	double t[64];
	runs = runs > 64 ? 64 : runs;
	for (int i = 0; i < runs; i++) {
		double t0 = bench_now_ms();
		while (sqlite3_step(st) == SQLITE_ROW)
			;
		sqlite3_reset(st);
		t[i] = bench_now_ms() - t0;
	}
	sqlite3_finalize(st);
	return bench_median(t, runs);
}

static double captured_ms(sqlite3 *bare, struct captured *c, int runs)
{
	double sum = 0;
	for (int i = 0; i < c->n; i++) {
		sum += bare_ms(bare, c->sql[i], runs);
		sqlite3_free(c->sql[i]);
	}
	c->n = 0;
	return sum;
}

/* This year's 学时台账 of the whole county, as the screen opens it. */
static struct row_source *training_ledger_of(struct session *s)
{
	struct training_rules r;
	char now[11];
	training_rules_from(s->cfg, &r);
	return training_ledger_source(s, &r, atoi(today(now)), 0, 0);
}

static struct row_source *source_named(struct session *s, const char *name)
{
	if (strcmp(name, "org_list") == 0)
		return org_list_source(s, 0);
	if (strcmp(name, "member_list") == 0)
		return member_list_source(s, 0, 0);
	if (strcmp(name, "honour_list") == 0)
		return honour_source(s, NULL);
	if (strcmp(name, "report_period") == 0) {   /* this month's 月报 */
		struct sup_duty d;
		char now[11], period[11];
		sup_duties(s, &d, 1);
		sup_period_of(d.period, today(now), period);
		return sup_period_source(s, &d, period);
	}
	if (strcmp(name, "plan_people") == 0)
		return plan_person_source(s, "");
	if (strcmp(name, "training_ledger") == 0)
		return training_ledger_of(s);
	return NULL;
}

/* Pinyin initials that find something: the first two letters of the
 * initials of the record halfway through `table` (a table, or a query's
 * rows with id and name_py). */
static void pick_find(sqlite3 *db, const char *table, char find[8])
{
	char sql[400];
	snprintf(sql, sizeof sql, "SELECT substr(name_py, 1, 2) FROM %s WHERE id >= (SELECT max(id) / 2"
	         " FROM %s) AND length(name_py) >= 2 ORDER BY id LIMIT 1", table, table);
	sqlite3_stmt *st;
	snprintf(find, 8, "wj");
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(find, 8, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
}

/* The table pick_find reads for a ledger: honours are found by their
 * recipients' initials. */
static const char *find_table(const char *ledger)
{
	if (strncmp(ledger, "org", 3) == 0 || strncmp(ledger, "report", 6) == 0)
		return "org";
	if (strncmp(ledger, "honour", 6) == 0)
		return "(SELECT h.id, m.name_py FROM honour h JOIN member m ON m.id = h.member_id)";
	if (strncmp(ledger, "plan", 4) == 0)
		return "(SELECT pp.id, m.name_py FROM plan_person pp JOIN member m ON m.id = pp.member_id)";
	return "member";
}

void bench_bare_keys(struct bench *b, const char *path, const char *ledger, char find[8],
                     double out[5])
{
	struct config c;
	config_defaults(&c);
	struct session s = { .cfg = &c };
	struct dj_err e;
	sqlite3 *bare = NULL;
	memset(out, 0, 5 * sizeof *out);
	if (db_open(&c, path, 0, &s.db, &e) || sqlite3_open_v2(path, &bare, SQLITE_OPEN_READONLY, NULL)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return;
	}
	sqlite3_create_function(bare, "dj_today", 0, SQLITE_UTF8, NULL, today_fn, NULL, NULL);
	pick_find(bare, find_table(ledger), find);
	struct row_source *rs = source_named(&s, ledger);
	int runs = b->smoke ? 5 : 31;
	if (rs) {
		struct captured cap = { 0 };
		struct rs_row *rows = calloc(40, sizeof *rows);
		rs->fetch(rs->ctx, NULL, 1, 19, rows);   /* the first page, as the grid opens */
		rs->count(rs->ctx);
		sqlite3_trace_v2(s.db, SQLITE_TRACE_PROFILE, on_trace, &cap);
		rs->fetch(rs->ctx, &rows[17].key, 1, 2, rows + 20);     /* Down past the page */
		out[0] = captured_ms(bare, &cap, runs);
		rs->fetch(rs->ctx, &rows[17].key, 1, 19, rows + 20);    /* PgDn */
		out[1] = captured_ms(bare, &cap, runs);
		rs->fetch(rs->ctx, NULL, -1, 19, rows + 20);             /* End */
		out[2] = captured_ms(bare, &cap, runs);
		rs->set_filter(rs->ctx, find);                           /* find */
		rs->fetch(rs->ctx, NULL, 1, 19, rows + 20);
		out[4] = (double)rs->count(rs->ctx);
		out[3] = captured_ms(bare, &cap, runs);
		sqlite3_trace_v2(s.db, 0, NULL, NULL);
		free(rows);
		row_source_free(rs);
	}
	sqlite3_close(bare);
	db_close(s.db);
	config_free(&c);
}

/* ---- statistics and grading, whole county, in the core --------------------- */

/* The 通报 of last month drafted for the whole county: every source
 * (三会一课 of each branch, rectifications) and the good side. */
static void bench_bulletin(struct bench *b, struct session *s)
{
	char now[11], from[11], to[11];
	int y, m, d;
	sscanf(today(now), "%d-%d-%d", &y, &m, &d);
	if (--m == 0) {
		m = 12;
		y--;
	}
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	snprintf(from, sizeof from, "%04d-%02d-01", y, m);
	snprintf(to, sizeof to, "%04d-%02d-%02d", y, m,
	         m == 2 && (y % 4 || (y % 100 == 0 && y % 400)) ? 28 : days[m - 1]);
	double t[5];
	int n = b->smoke ? 1 : 5, ok = 1;
	size_t len = 0;
	struct dj_err e;
	for (int i = 0; i < n; i++) {
		char *text = NULL;
		double t0 = bench_now_ms();
		ok &= bulletin_draft(s, 0, from, to, &text, &e) == 0;
		t[i] = bench_now_ms() - t0;
		len = text ? strlen(text) : 0;
		free(text);
	}
	bench_check(b, ok && len > 0, "通报起草：全县 %s 至 %s，%zu 字节", from, to, len);
	double med = bench_median(t, n);
	struct figure *f = bench_fig(b, "通报起草（全县，核心函数）", "≤ 2000 ms", med <= 2000, "%.1f ms", med);
	snprintf(f->ratio, sizeof f->ratio, "%.2f × 目标", med / 2000);
	fig_note(f, "bulletin_draft 上月全县各党支部三会一课与整改，%d 次中位数", n);
}

/* Every 党内统计 table over the whole county, and the longest list behind a
 * cell (党员基本情况's 党员总数): the list must hold what the cell counts. */
static void bench_stats(struct bench *b, struct session *s)
{
	struct stats_table *t = calloc(1, sizeof *t);
	struct stats_when w;
	struct dj_err e;
	int n = b->smoke ? 2 : 5;
	stats_when_set(&w, 0, "", &e);
	for (int d = 0; t && d < stats_ndefs; d++) {
		double ms[5];
		int ok = 1;
		for (int i = 0; i < n; i++) {
			double t0 = bench_now_ms();
			ok &= stats_compute(s, stats_defs[d].key, &w, t, &e) == 0;
			ms[i] = bench_now_ms() - t0;
		}
		if (strcmp(stats_defs[d].key, "change") == 0)
			ok &= stats_change_balances(t);
		bench_check(b, ok && t->nrows > 0, "%s：全县计算 %d 次%s", stats_defs[d].name, n,
		            strcmp(stats_defs[d].key, "change") == 0 ? "，增减平衡" : "");
		double med = bench_median(ms, n);
		char what[96];
		snprintf(what, sizeof what, "党内统计 %s（全县，核心函数）", stats_defs[d].name);
		struct figure *f = bench_fig(b, what, "≤ 1000 ms", med <= 1000, "%.1f ms", med);
		snprintf(f->ratio, sizeof f->ratio, "%.2f × 目标", med / 1000);
		fig_note(f, "stats_compute(\"%s\")，截至 %s，%d 次中位数", stats_defs[d].key, w.as_of, n);
	}
	if (!t || stats_compute(s, "basic", &w, t, &e)) {
		bench_check(b, 0, "党内统计：党员基本情况未能计算");
		free(t);
		return;
	}
	double t0 = bench_now_ms();
	struct row_source *rs = stats_cell_source(s, t, &w, 0, 0);
	double ms = bench_now_ms() - t0;
	long got = rs ? rs->count(rs->ctx) : -1;
	bench_check(b, got == t->cell[0][0], "党员总数名单：%ld 条，表中 %ld 人", got, t->cell[0][0]);
	row_source_free(rs);
	struct figure *f = bench_fig(b, "党内统计 最长的名单（全县党员总数）", "≤ 2000 ms", ms <= 2000,
	                             "%.1f ms", ms);
	snprintf(f->ratio, sizeof f->ratio, "%.2f × 目标", ms / 2000);
	fig_note(f, "stats_cell_source 党员基本情况 党员总数 × 人数，%ld 名党员", got);
	free(t);
}

void bench_core(struct bench *b)
{
	struct config c;
	config_defaults(&c);
	struct session s = { .cfg = &c };
	struct dj_err e;
	if (db_open(&c, b->county, 0, &s.db, &e)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return;
	}
	struct member_stats *st = calloc(1, sizeof *st);
	double t[9];
	int n = b->smoke ? 3 : 9, ok = 1;
	for (int i = 0; i < n; i++) {
		double t0 = bench_now_ms();
		ok &= member_stats_compute(&s, 0, st, &e) == 0;
		t[i] = bench_now_ms() - t0;
	}
	long active = (long)db_int(s.db, "SELECT count(*) FROM member WHERE status = '正常'", -1, -1);
	bench_check(b, ok && st->total == active, "党员结构：全县合计 %ld 人，正常状态党员 %ld 人", st->total,
	            active);
	double med = bench_median(t, n);
	struct figure *f = bench_fig(b, "党员结构统计（全县，核心函数）", "≤ 300 ms", med <= 300, "%.1f ms",
	                             med);
	snprintf(f->ratio, sizeof f->ratio, "%.2f × 目标", med / 300);
	fig_note(f, "member_stats_compute，全县 %ld 名党员，%d 次中位数", st->total, n);
	free(st);
	bench_bulletin(b, &s);
	bench_stats(b, &s);
	db_close(s.db);
	config_free(&c);
}
