/* nominate_rules.c — the eligibility rules of a nomination, read from the
 * records, each failing with its own message: for a member 状态 正常,
 * 正式党员 where the title asks it ([nominate] formal_only), dues paid up to
 * last month, not on the 缺勤预警 list; for an organization not graded
 * 后进 in the year and no 整改 overdue. */
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/db.h"
#include "core/itemlist.h"
#include "core/validate.h"
#include "honour/nominate.h"
#include "orglife/compliance.h"
#include "orglife/dues.h"

#define RULE(...) do { if (n < cap) snprintf(out[n], NOM_RULE_LEN, __VA_ARGS__); n++; } while (0)

static int formal_only(const struct session *s, const char *title)
{
	static const char *const seps[] = { "、", "，", ",", NULL };
	const char *p = s->cfg ? config_str(s->cfg, "nominate:formal_only", NULL) : NULL;
	if (!p)
		p = "优秀共产党员,优秀党务工作者";
	char item[64];
	while (itemlist_next(&p, seps, item, sizeof item))
		if (strcmp(item, title) == 0)
			return 1;
	return 0;
}

/* The month before today's, YYYY-MM. */
static void last_month(char out[8])
{
	char now[11];
	today(now);
	month_text(month_index(now) - 1, out);
}

static int on_absentee_list(struct session *s, int64_t member_id, int64_t branch, int *run)
{
	struct meeting_rules r;
	struct absentee *rows = NULL;
	struct dj_err e;
	char why[160], now[11];
	int n = 0, found = 0;
	meeting_rules_load(s->cfg, &r, why, sizeof why);   /* a bad value keeps its default */
	if (compliance_absentees(s, branch, today(now), &r, &rows, &n, &e))
		return 0;
	for (int i = 0; i < n && !found; i++)
		if (rows[i].member_id == member_id) {
			found = rows[i].idle ? -1 : 1;
			*run = rows[i].absent_run;
		}
	free(rows);
	return found;
}

static int member_breaches(struct session *s, const struct nomination *nm,
                           char out[][NOM_RULE_LEN], int cap)
{
	sqlite3_stmt *st;
	char name[64] = "", status[16] = "", category[16] = "", paid[8] = "", due[8];
	int64_t branch = 0;
	int n = 0, run = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT name, status, category, org_id FROM member"
	                       " WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, nm->member_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		db_col_text(st, 0, name, sizeof name);
		db_col_text(st, 1, status, sizeof status);
		db_col_text(st, 2, category, sizeof category);
		branch = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	if (strcmp(status, "正常") != 0)
		RULE("%s的状态为「%s」，须为「正常」", name, status);
	if (formal_only(s, nm->title) && strcmp(category, "正式党员") != 0)
		RULE("「%s」须为正式党员，%s为%s", nm->title, name, category);
	last_month(due);
	if (dues_paid_up_to(s, nm->member_id, paid) == 0 && strcmp(paid, due) < 0)
		RULE(*paid ? "%s的党费交至 %s，未交至上月 %s" : "%s没有党费交纳记录%.0s，须交至上月 %s",
		     name, paid, due);
	int flagged = on_absentee_list(s, nm->member_id, branch, &run);
	if (flagged > 0)
		RULE("%s在缺勤预警名单中：最近连续 %d 次缺席组织生活", name, run);
	else if (flagged < 0)
		RULE("%s在缺勤预警名单中：长期未参加组织生活", name);
	return n;
}

static int org_breaches(struct session *s, const struct nom_cycle *c, const struct nomination *nm,
                        char out[][NOM_RULE_LEN], int cap)
{
	sqlite3_stmt *st;
	char now[11];
	int n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT o.name, r.name, r.grade4 FROM grading_result g"
	                       " JOIN grading_round r ON r.id = g.round_id JOIN org o ON o.id = g.org_id"
	                       " WHERE g.org_id = ?1 AND r.year = ?2 AND r.status = '已确认'"
	                       " AND g.grade = 4", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, nm->org_id);
		sqlite3_bind_int(st, 2, c->year);
		while (sqlite3_step(st) == SQLITE_ROW)
			RULE("%s在「%s」中定为「%s」", sqlite3_column_text(st, 0),
			     sqlite3_column_text(st, 1), sqlite3_column_text(st, 2));
		sqlite3_finalize(st);
	}
	if (sqlite3_prepare_v2(s->db, "SELECT o.name, x.deadline, r.name FROM rectification x"
	                       " JOIN org o ON o.id = x.org_id JOIN grading_round r ON r.id = x.round_id"
	                       " WHERE x.org_id = ?1 AND x.accepted_on IS NULL AND x.deadline < ?2"
	                       " ORDER BY x.deadline", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, nm->org_id);
		sqlite3_bind_text(st, 2, today(now), -1, SQLITE_TRANSIENT);
		while (sqlite3_step(st) == SQLITE_ROW)
			RULE("%s有整改逾期未验收：「%s」整改期限 %s", sqlite3_column_text(st, 0),
			     sqlite3_column_text(st, 2), sqlite3_column_text(st, 1));
		sqlite3_finalize(st);
	}
	return n;
}

int nominate_breaches(struct session *s, const struct nom_cycle *c, const struct nomination *n,
                      char out[][NOM_RULE_LEN], int cap)
{
	int k = strcmp(n->kind, "org") == 0 ? org_breaches(s, c, n, out, cap)
	                                    : member_breaches(s, n, out, cap);
	return k < cap ? k : cap;
}
