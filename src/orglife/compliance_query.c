/* compliance_query.c — the branches' meetings and members read from the
 * database and run through the counting of compliance.c. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/memrows.h"
#include "core/validate.h"
#include "orglife/compliance.h"

struct months {
	int *v;
	int n, cap;
};

static int months_add(struct months *m, int month)
{
	if (m->n == m->cap) {
		int cap = m->cap ? m->cap * 2 : 16;
		int *v = realloc(m->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		m->v = v;
		m->cap = cap;
	}
	m->v[m->n++] = month;
	return 0;
}

/* Meetings of the branch and everything below it from the first month any
 * cycle ending in the period can start (the year's first month) to its end. */
static int read_meetings(struct session *s, int64_t branch, const struct period *p,
                         struct months by_type[MEETING_NTYPES], struct dj_err *e)
{
	char from[11], to[11];
	month_first_day(p->from - p->from % 12, from);
	month_last_day(p->to, to);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, MEETING_SUBTREE("?1") " SELECT type, date FROM meeting"
	                       " WHERE org_id IN (SELECT id FROM sub) AND date BETWEEN ?2 AND ?3",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取会议");
	sqlite3_bind_int64(st, 1, branch);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int t = meeting_type_index((const char *)sqlite3_column_text(st, 0));
		int m = month_index((const char *)sqlite3_column_text(st, 1));
		if (t >= 0 && m >= 0 && months_add(&by_type[t], m)) {
			sqlite3_finalize(st);
			return dj_fail(e, DJ_DB, NULL, "内存不足");
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "读取会议");
}

static int read_attendance(struct session *s, int64_t branch, const struct period *p,
                           struct branch_compliance *bc, struct dj_err *e)
{
	char from[11], to[11];
	month_first_day(p->from, from);
	month_last_day(p->to, to);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, MEETING_SUBTREE("?1")
	        " SELECT (SELECT count(*) FROM meeting WHERE org_id IN (SELECT id FROM sub)"
	        "   AND date BETWEEN ?2 AND ?3),"
	        " coalesce(sum(a.state='出席'),0), coalesce(sum(a.state='请假'),0),"
	        " coalesce(sum(a.state='缺席'),0), coalesce(sum(a.state='列席'),0),"
	        " (SELECT count(*) FROM org g WHERE g.kind = '党小组' AND g.status = '正常'"
	        "   AND g.id IN (SELECT id FROM sub))"
	        " FROM attendance a JOIN meeting m ON m.id = a.meeting_id"
	        " WHERE m.org_id IN (SELECT id FROM sub) AND m.date BETWEEN ?2 AND ?3",
	        -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取签到记录");
	sqlite3_bind_int64(st, 1, branch);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		bc->meetings = sqlite3_column_int(st, 0);
		bc->att.present = sqlite3_column_int(st, 1);
		bc->att.leave = sqlite3_column_int(st, 2);
		bc->att.absent = sqlite3_column_int(st, 3);
		bc->att.observer = sqlite3_column_int(st, 4);
		bc->att.expected = bc->att.present + bc->att.leave + bc->att.absent;
		/* 党小组会 is owed only by a branch that has groups. */
		bc->applies[2] = bc->applies[2] && sqlite3_column_int(st, 5) > 0;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(s->db, e, "读取签到记录");
}

static int one_branch(struct session *s, const struct branch_ref *b, const struct period *p,
                      const struct meeting_rules *rules, int now, struct branch_compliance *bc,
                      struct dj_err *e)
{
	struct months by_type[MEETING_NTYPES];
	memset(by_type, 0, sizeof by_type);
	memset(bc, 0, sizeof *bc);
	bc->b = *b;
	int alive_from = *b->founded_on ? month_index(b->founded_on) : INT_MIN;
	int alive_to = *b->dissolved_on ? month_index(b->dissolved_on) - 1 : INT_MAX;
	if (alive_from < 0)
		alive_from = INT_MIN;
	for (int t = 0; t < MEETING_NTYPES; t++)
		bc->applies[t] = rules->every[t] > 0;
	int rc = read_attendance(s, b->id, p, bc, e) || read_meetings(s, b->id, p, by_type, e);
	for (int t = 0; t < MEETING_NTYPES && rc == 0; t++) {
		count_cycles(bc->applies[t] ? rules->every[t] : 0, p, by_type[t].v, by_type[t].n,
		             alive_from, alive_to, now, &bc->r[t]);
		bc->short_types += bc->r[t].missed > 0;
	}
	for (int t = 0; t < MEETING_NTYPES; t++)
		free(by_type[t].v);
	return rc ? (e ? e->code : DJ_DB) : 0;
}

int compliance_compute(struct session *s, int64_t scope, const struct period *p,
                       const struct meeting_rules *rules, struct branch_compliance **out,
                       int *n, struct dj_err *e)
{
	struct branch_ref *b;
	int nb;
	char now_text[11];
	*out = NULL;
	*n = 0;
	if (meeting_branches(s, scope, &b, &nb, e))
		return e ? e->code : DJ_DB;
	int now = month_index(today(now_text));
	struct branch_compliance *rows = calloc(nb > 0 ? (size_t)nb : 1, sizeof *rows);
	if (!rows) {
		free(b);
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	}
	int rc = 0, k = 0;
	for (int i = 0; i < nb && rc == 0; i++) {
		int born = *b[i].founded_on ? month_index(b[i].founded_on) : -1;
		int gone = *b[i].dissolved_on ? month_index(b[i].dissolved_on) : -1;
		if ((born >= 0 && born > p->to) || (gone >= 0 && gone < p->from))
			continue;   /* did not exist during the period */
		rc = one_branch(s, &b[i], p, rules, now, &rows[k], e);
		k += rc == 0;
	}
	free(b);
	if (rc) {
		free(rows);
		return rc;
	}
	*out = rows;
	*n = k;
	return 0;
}

/* A year's monthly cell in November, "10/10+2", needs seven columns; at 80
 * the branch name keeps 16. */
#define CELL_COLS 7
static const struct rs_column compliance_cols[] = {
	{ "党支部", 16, 1, 0, 1 }, { "大会", CELL_COLS, 0, 1, 1 }, { "支委", CELL_COLS, 0, 1, 1 },
	{ "小组", CELL_COLS, 0, 1, 1 }, { "党课", CELL_COLS, 0, 1, 1 }, { "生活", CELL_COLS, 0, 1, 1 },
	{ "评议", CELL_COLS, 0, 1, 1 }, { "党日", CELL_COLS, 0, 1, 1 }, { "出席率", 6, 0, 1, 1 },
};

/* "2/2+1"; when a missed cycle's ! would not fit ("10/11+1!"), the + keeps
 * saying that cycles are still open and the detail gives their number. */
static void cell_text(const struct cycle_result *r, char *out, size_t cap)
{
	char open[16] = "";
	if (r->open > 0)
		snprintf(open, sizeof open, "+%d", r->open);
	if (r->required > 0 || r->open > 0) {
		snprintf(out, cap, "%d/%d%s%s", r->met, r->required, open, r->missed ? "!" : "");
		if (strlen(out) > CELL_COLS && r->open > 0)
			snprintf(out, cap, "%d/%d+%s", r->met, r->required, r->missed ? "!" : "");
	}
	else if (r->held > 0)
		snprintf(out, cap, "%d", r->held);
	else
		snprintf(out, cap, "-");
}

struct row_source *compliance_source(const struct branch_compliance *rows, int n)
{
	struct row_source *rs = memrows_fixed_new(compliance_cols, 9);
	for (int i = 0; rs && i < n; i++) {
		char cells[9][48];
		const char *cp[9];
		for (int t = 0; t < MEETING_NTYPES; t++)
			cell_text(&rows[i].r[t], cells[t + 1], sizeof cells[t + 1]);
		attendance_rate_text(&rows[i].att, cells[8], sizeof cells[8]);
		for (int c = 0; c < 9; c++)
			cp[c] = c ? cells[c] : rows[i].b.name;
		int flags = (rows[i].short_types ? RS_FLAG_WARN : 0) |
		            (*rows[i].b.dissolved_on ? RS_FLAG_DIM : 0);
		if (memrows_fixed_add(rs, rows[i].b.id, flags, cp, rows[i].b.name_py)) {
			row_source_free(rs);
			return NULL;
		}
	}
	return rs;
}
