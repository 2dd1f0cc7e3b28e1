/* supervise.c — 督导 in the demo township (src/supervise/): the 月报 of the
 * branches for the last three months and this one, some missing (so last
 * month shows 逾期 once its 逾期 day has passed, and this month 未报), a few
 * brought late; one 督导检查 two months ago with findings at two branches,
 * one follow-up overdue and one still running; and the liaison leaders'
 * visits to their 联系点, one of them last there five months ago.  Dates
 * count back from today, so the ledgers show the same picture on any day.
 * Everything goes through the module's saves, with their rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/validate.h"
#include "demo/demo.h"
#include "supervise/supervise.h"

#define S(dst, ...) snprintf((dst), sizeof(dst), __VA_ARGS__)

/* The active 党支部, in id order: what the 月报 is owed by. */
static int branches(struct session *s, int64_t *ids, char names[][64], int cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id, name, secretary FROM org WHERE kind = '党支部'"
	                       " AND status = '正常' ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return -1;
	int n = 0;
	while (n < cap && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		db_col_text(st, 2, names[n], 64);
		if (!*names[n])
			S(names[n], "%s", "支部委员");
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

static const char *const summaries[] = {
	"召开支部党员大会一次，学习上级精神；开展主题党日活动，走访困难党员。",
	"支委会研究本月工作，落实“三会一课”；组织党员参加志愿服务。",
	"开展党课一次，党员承诺践诺情况自查；收缴党费。",
	"推进“一村一策”整改事项，组织党员联系农户。",
};

/* Whether branch i skipped the month `back` months before this one. */
static int skipped(int i, int back)
{
	return back == 0 ? i % 4 != 0 : back == 1 ? i % 5 == 2 : back == 2 ? i % 7 == 3 : i % 9 == 4;
}

static int reports(struct session *s, const char *now, struct dj_err *e)
{
	int64_t ids[64];
	char who[64][64];
	int n = branches(s, ids, who, 64);
	if (n < 0)
		return db_fail(s->db, e, "生成示例数据");
	int today_day = atoi(now + 8);
	for (int back = 3; back >= 0; back--) {
		char month[11], period[11], first[11];
		date_add_months(now, -back, month);
		sup_period_of(SUP_MONTH, month, period);
		/* a report arrives in the month after its period; this month's early ones now */
		char next[11];
		sup_period_step(SUP_MONTH, period, back ? 1 : 0, next);
		sup_period_first(SUP_MONTH, next, first);
		for (int i = 0; i < n; i++) {
			if (skipped(i, back))
				continue;
			int day = i % 6 == 1 ? 9 : 2 + i % 3;   /* a few after the 逾期 day: 迟报 */
			if (back <= 1 && day > today_day)
				day = today_day;
			struct sup_report r = { .org_id = ids[i] };
			S(r.duty, "月报");
			S(r.period, "%s", period);
			S(r.received_on, "%.8s%02d", first, day);
			S(r.brought_by, "%s", who[i]);
			S(r.summary, "%s", summaries[(i + back) % 4]);
			if (sup_report_save(s, &r, e))
				return -1;
		}
	}
	return 0;
}

static int64_t org_named(struct session *s, const char *name)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM org WHERE name = ?", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return id;
}

static int inspection(struct session *s, const char *now, struct dj_err *e)
{
	struct sup_inspection in = { .nvisited = 2 };
	date_add_months(now, -2, in.on_date);
	S(in.leader, "陈狄龙");
	S(in.team, "陈狄龙、林海燕、王佳琦");
	S(in.note, "“基层组织建设年”活动督导检查（四（二））");
	struct sup_visited *a = &in.visited[0], *b = &in.visited[1];
	a->org_id = org_named(s, "联桥村党支部");
	b->org_id = org_named(s, "二都村党支部");
	if (!a->org_id || !b->org_id)
		return dj_fail(e, DJ_INVALID, NULL, "示例数据中没有联桥村、二都村党支部");
	S(a->findings, "三会一课记录不全，七月、八月支委会无记录。");
	S(a->followup, "补齐会议记录，建立支委会月度例会制度。");
	date_add_months(now, -1, a->deadline);   /* passed: overdue */
	S(b->findings, "党员活动室制度未上墙，党员承诺未公开。");
	S(b->followup, "制度上墙，党员公开承诺。");
	date_add_months(now, 1, b->deadline);
	return sup_inspection_save(s, &in, e);
}

/* The 联系表 dates from the start of the year's activity, not from the day
 * the demo was made: the leaders have held their 联系点 for eight months. */
static int liaisons_since(struct session *s, const char *now, struct dj_err *e)
{
	char since[11];
	date_add_months(now, -8, since);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE liaison SET from_on = ?1 WHERE to_on IS NULL", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例数据");
	sqlite3_bind_text(st, 1, since, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "生成示例数据");
}

static int visits(struct session *s, const char *now, struct dj_err *e)
{
	char acts[SUP_MAX_CHOICES][64];
	int nacts = sup_activities(s, acts, SUP_MAX_CHOICES);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM liaison WHERE to_on IS NULL ORDER BY id", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例数据");
	int64_t ids[128];
	int n = 0;
	while (n < 128 && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	for (int i = 0; i < n; i++) {
		/* one leader last came five months ago: 未走访; the others within three */
		int months = i == 2 ? 5 : i % 3;
		struct sup_visit v = { .liaison_id = ids[i] };
		char back[11];
		date_add_months(now, -months, back);
		/* spread over the month, never after today: an office's visits fall
		 * on many days, not all on one */
		int day = atoi(back + 8) - (i * 3) % 20;
		S(v.on_date, "%.8s%02d", back, day < 1 ? 1 : day);
		S(v.activity, "%s", nacts ? acts[i % nacts] : "其他");
		S(v.note, "%s", i % 2 ? "与支部书记交流本月工作" : "");
		if (sup_visit_save(s, &v, e))
			return -1;
	}
	return 0;
}

int demo_supervise(struct session *s, struct dj_err *e)
{
	char now[11];
	today(now);
	if (reports(s, now, e) || inspection(s, now, e) || liaisons_since(s, now, e) ||
	    visits(s, now, e))
		return -1;
	return 0;
}
