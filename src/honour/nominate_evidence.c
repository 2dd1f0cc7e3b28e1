/* nominate_evidence.c — what a nomination is judged on, one line each, read
 * from the records: for a member the year's 三会一课 attendance, dues paid up
 * to and the honours before; for an organization the year's compliance, its
 * grade and movement, and its 立项 results; and the 示范工程 results of the
 * year and the one before (seed 000 四(一): 考核评估的成绩作为表彰的重要依据
 * — a 七一 nomination is made before the year's own 考核). */
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "evaluate/evaluate.h"
#include "grading/grading.h"
#include "honour/honour.h"
#include "honour/nominate.h"
#include "orglife/compliance.h"
#include "orglife/dues.h"
#include "review/review.h"
#include "showcase/showcase.h"

#define LINE(...) do { if (n < cap) snprintf(out[n++], 96, __VA_ARGS__); } while (0)

/* n lines, then `more` written after them (counted beyond what fits, or
 * -1 on a failed read, which adds none). */
static int showcase_lines(int n, int cap, int more)
{
	if (more <= 0)
		return n;
	return n + more < cap ? n + more : cap;
}

/* 三会一课: 支部党员大会, 支委会, 党小组会, 党课 — present over expected. */
static void member_attendance(struct session *s, int64_t member_id, int year,
                              struct att_counts *c)
{
	sqlite3_stmt *st;
	memset(c, 0, sizeof *c);
	if (sqlite3_prepare_v2(s->db, "SELECT sum(a.state = '出席'), sum(a.state <> '列席')"
	                       " FROM attendance a JOIN meeting m ON m.id = a.meeting_id"
	                       " WHERE a.member_id = ? AND substr(m.date, 1, 4) = printf('%04d', ?)"
	                       " AND m.type IN ('支部党员大会', '支委会', '党小组会', '党课')",
	                       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, member_id);
	sqlite3_bind_int(st, 2, year);
	if (sqlite3_step(st) == SQLITE_ROW) {
		c->present = sqlite3_column_int(st, 0);
		c->expected = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
}

static int member_evidence(struct session *s, int64_t member_id, int year, char out[][96],
                           int cap)
{
	struct att_counts c;
	char rate[16], paid[8] = "", before[8][96];
	int n = 0;
	member_attendance(s, member_id, year, &c);
	attendance_rate_text(&c, rate, sizeof rate);
	LINE("%d 年三会一课出席率：%s（应到 %d 次，出席 %d 次）", year, rate, c.expected, c.present);
	if (dues_paid_up_to(s, member_id, paid) == 0)
		LINE("党费交至：%s", *paid ? paid : "无交纳记录");
	int k = honour_lines(s, "member", member_id, before, 8);
	if (k <= 0)
		LINE("以往荣誉：无");
	for (int i = 0; i < k && i < 8; i++)
		LINE("以往荣誉：%s", before[i]);
	for (int y = year - 1; y <= year; y++)
		n = showcase_lines(n, cap, showcase_member_evidence(s, member_id, y, out + n, cap - n));
	for (int y = year - 1; y <= year; y++)
		n = showcase_lines(n, cap, evaluate_member_evidence(s, member_id, y, out + n, cap - n));
	return n;
}

static void org_compliance(struct session *s, int64_t org_id, int year, char out[][96], int cap,
                           int *pn)
{
	struct meeting_rules r;
	struct branch_compliance *rows = NULL;
	struct period p;
	struct dj_err e;
	char why[160], rate[16];
	int rn = 0, n = *pn;
	meeting_rules_load(s->cfg, &r, why, sizeof why);
	period_containing(PERIOD_YEAR, year * 12, &p);
	if (compliance_compute(s, org_id, &p, &r, &rows, &rn, &e) == 0)
		for (int i = 0; i < rn; i++)
			if (rows[i].b.id == org_id) {
				attendance_rate_text(&rows[i].att, rate, sizeof rate);
				LINE("%d 年组织生活：开会 %d 次，%s，出席率 %s", year, rows[i].meetings,
				     rows[i].short_types ? "有未达标的会议类型" : "各类会议达标", rate);
			}
	free(rows);
	*pn = n;
}

static int org_evidence(struct session *s, int64_t org_id, int year, char out[][96], int cap)
{
	sqlite3_stmt *st;
	int n = 0;
	org_compliance(s, org_id, year, out, cap, &n);
	if (sqlite3_prepare_v2(s->db, "SELECT r.name, g.grade, coalesce(g.previous_grade, 0),"
	                       " r.grade1, r.grade2, r.grade3, r.grade4 FROM grading_result g"
	                       " JOIN grading_round r ON r.id = g.round_id WHERE g.org_id = ?"
	                       " AND r.year = ? AND r.status = '已确认' AND g.grade IS NOT NULL",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, org_id);
		sqlite3_bind_int(st, 2, year);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int g = sqlite3_column_int(st, 1), was = sqlite3_column_int(st, 2);
			const char *move = grading_movement(was, g);
			LINE("%s：%s%s%s", sqlite3_column_text(st, 0), sqlite3_column_text(st, 2 + g),
			     *move ? "，" : "", move);
		}
		sqlite3_finalize(st);
	}
	if (sqlite3_prepare_v2(s->db, "SELECT title, state FROM review_app WHERE org_id = ?"
	                       " AND kind = '项目' ORDER BY filed_on DESC, id DESC", -1, &st,
	                       NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, org_id);
		while (sqlite3_step(st) == SQLITE_ROW)
			LINE("立项：%s（%s）", sqlite3_column_text(st, 0),
			     review_state_word(REVIEW_PROJECT, sqlite3_column_int(st, 1)));
		sqlite3_finalize(st);
	}
	for (int y = year - 1; y <= year; y++)
		n = showcase_lines(n, cap, showcase_org_evidence(s, org_id, y, out + n, cap - n));
	if (n == 0)
		LINE("%d 年没有定级、立项记录", year);
	return n;
}

int nominate_evidence(struct session *s, const struct nomination *nm, int year, char out[][96],
                      int cap)
{
	return strcmp(nm->kind, "org") == 0 ? org_evidence(s, nm->org_id, year, out, cap)
	                                    : member_evidence(s, nm->member_id, year, out, cap);
}
