/* compliance_absent.c — members drifting away from organizational life:
 * straight absences at the meetings they were expected at, and months with
 * no meeting attended at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/memrows.h"
#include "core/validate.h"
#include "orglife/compliance.h"

/* For each current member under ?1: the run of 缺席 at their latest
 * expected meetings up to ?2, and the last meeting they attended. */
static const char absent_sql[] =
	MEETING_SUBTREE("?1") ","
	" mem AS (SELECT mb.id, mb.name, mb.name_py, o.name AS org, coalesce(mb.joined_on, '') AS joined"
	"   FROM member mb JOIN org o ON o.id = mb.org_id WHERE mb.status = '正常'"
	"   AND (?1 = 0 OR mb.org_id IN (SELECT id FROM sub))),"
	" r AS (SELECT a.member_id, a.state, row_number() OVER (PARTITION BY a.member_id"
	"   ORDER BY mt.date DESC, mt.id DESC) AS rn FROM attendance a"
	"   JOIN meeting mt ON mt.id = a.meeting_id WHERE a.state IN ('出席','请假','缺席')"
	"   AND mt.date <= ?2 AND a.member_id IN (SELECT id FROM mem))"
	" SELECT mem.id, mem.name, mem.name_py, mem.org, mem.joined,"
	" coalesce((SELECT min(rn) FROM r WHERE r.member_id = mem.id AND r.state <> '缺席') - 1,"
	"   (SELECT count(*) FROM r WHERE r.member_id = mem.id)),"
	" coalesce((SELECT max(mt.date) FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id"
	"   WHERE a.member_id = mem.id AND a.state IN ('出席','列席') AND mt.date <= ?2), '')"
	" FROM mem ORDER BY mem.org, mem.name_py, mem.id";

static int add_row(struct absentee **out, int *n, int *cap, const struct absentee *a)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		struct absentee *m = realloc(*out, (size_t)*cap * sizeof *m);
		if (!m)
			return -1;
		*out = m;
	}
	(*out)[(*n)++] = *a;
	return 0;
}

int compliance_absentees(struct session *s, int64_t scope, const char *asof,
                         const struct meeting_rules *rules, struct absentee **out, int *n,
                         struct dj_err *e)
{
	char window[11], joined[11];
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	/* Attending on the window's first day still counts as organizational life. */
	date_add_months(asof, -rules->idle_months, window);
	if (sqlite3_prepare_v2(s->db, absent_sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取缺勤情况");
	sqlite3_bind_int64(st, 1, scope);
	sqlite3_bind_text(st, 2, asof, -1, SQLITE_STATIC);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct absentee a;
		memset(&a, 0, sizeof a);
		a.member_id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, a.name, sizeof a.name);
		db_col_text(st, 2, a.name_py, sizeof a.name_py);
		db_col_text(st, 3, a.org, sizeof a.org);
		db_col_text(st, 4, joined, sizeof joined);
		a.absent_run = sqlite3_column_int(st, 5);
		db_col_text(st, 6, a.last_present, sizeof a.last_present);
		int new_member = *joined && strcmp(joined, window) > 0;
		a.idle = !new_member && strcmp(a.last_present, window) < 0;
		if (a.absent_run < rules->absent_run && !a.idle)
			continue;
		if (add_row(out, n, &cap, &a)) {
			sqlite3_finalize(st);
			free(*out);
			*out = NULL;
			*n = 0;
			return dj_fail(e, DJ_DB, NULL, "内存不足");
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_fail(s->db, e, "读取缺勤情况");
	}
	return 0;
}

static const struct rs_column absentee_cols[] = {
	{ "姓名", 10, 0, 0, 1 }, { "所在组织", 22, 1, 0, 1 }, { "连续缺席", 8, 0, 1, 1 },
	{ "最近参加", 10, 0, 0, 1 }, { "情况", 22, 1, 0, 0 },
};

struct row_source *absentee_source(const struct absentee *rows, int n,
                                   const struct meeting_rules *rules)
{
	struct row_source *rs = memrows_fixed_new(absentee_cols, 5);
	for (int i = 0; rs && i < n; i++) {
		const struct absentee *a = &rows[i];
		char run[16], why[128] = "";
		snprintf(run, sizeof run, "%d 次", a->absent_run);
		if (a->absent_run >= rules->absent_run)
			snprintf(why, sizeof why, "连续%d次缺席", a->absent_run);
		if (a->idle)
			snprintf(why + strlen(why), sizeof why - strlen(why), "%s%d个月未参加组织生活",
			         *why ? "；" : "", rules->idle_months);
		const char *cells[] = { a->name, a->org, run, *a->last_present ? a->last_present : "无记录",
		                        why };
		if (memrows_fixed_add(rs, a->member_id, RS_FLAG_WARN, cells, a->name_py)) {
			row_source_free(rs);
			return NULL;
		}
	}
	return rs;
}
