/* dues.c — the demo township's dues for the last three months, when it
 * has members: most paid in the month, a few a month or more behind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/validate.h"
#include "demo/demo.h"
#include "orglife/compliance.h"
#include "orglife/dues.h"
#include "orglife/meeting.h"

/* The kind a demo member pays as, from their job. */
static const char *kind_of(const char *job, int64_t id)
{
	if (strstr(job, "退休"))
		return "离退休";
	if (strstr(job, "学生"))
		return "学生";
	if (strstr(job, "农") || strstr(job, "村民"))
		return id % 4 ? "农民" : "在职";
	return "在职";
}

/* Months paid late: about one member in eleven has not yet paid last
 * month, one in seventeen owes the last two, one in twenty-three all three. */
static int owes(int64_t member, int age)
{
	return (member % 23 == 7) || (member % 17 == 4 && age < 2) || (member % 11 == 3 && age == 0);
}

struct demo_line {
	int64_t member, branch;
	char kind[16];
};

static int insert_row(struct session *s, sqlite3_stmt *ins, const struct dues_rules *r,
                      const struct demo_line *l, int month, int age, struct dj_err *e)
{
	int rate;
	unsigned spread = (unsigned)l->member * 2654435761u >> 16;
	int64_t base = 150000 + (int64_t)(spread % 110) * 10000, due;   /* 1500–12400 元 */
	if (strcmp(l->kind, "离退休") == 0)
		base = 280000 + (int64_t)(spread % 40) * 10000;
	if (dues_compute(r, l->kind, base, &rate, &due))
		return 0;
	char month_text_[8], paid_on[11];
	month_text(month, month_text_);
	month_first_day(month, paid_on);
	snprintf(paid_on + 8, 3, "%02u", 10u + (unsigned)(l->member % 15));
	int paid = !owes(l->member, age);
	sqlite3_bind_int64(ins, 1, l->member);
	sqlite3_bind_int64(ins, 2, l->branch);
	sqlite3_bind_text(ins, 3, month_text_, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(ins, 4, l->kind, -1, SQLITE_STATIC);
	if (dues_kind_has_base(l->kind))
		sqlite3_bind_int64(ins, 5, base);
	else
		sqlite3_bind_null(ins, 5);
	sqlite3_bind_int(ins, 6, rate);
	sqlite3_bind_int64(ins, 7, due);
	sqlite3_bind_int64(ins, 8, paid ? due : 0);
	db_bind_text(ins, 9, paid ? paid_on : "", 1);
	int rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	sqlite3_clear_bindings(ins);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "生成示例党费");
}

static int branch_dues(struct session *s, const struct dues_rules *r, int64_t branch, int now,
                       sqlite3_stmt *ins, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, MEETING_SUBTREE("?1") " SELECT id, coalesce(job, '') FROM member"
	                       " WHERE status = '正常' AND org_id IN (SELECT id FROM sub) ORDER BY id",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例党费");
	sqlite3_bind_int64(st, 1, branch);
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		struct demo_line l = { .member = sqlite3_column_int64(st, 0), .branch = branch };
		snprintf(l.kind, sizeof l.kind, "%s",
		         kind_of((const char *)sqlite3_column_text(st, 1), l.member));
		for (int age = 3; age >= 1 && rc == 0; age--)
			rc = insert_row(s, ins, r, &l, now - age, age - 1, e);
	}
	sqlite3_finalize(st);
	return rc;
}

int demo_dues(struct session *s, struct dj_err *e)
{
	struct dues_rules r;
	struct branch_ref *b;
	int n;
	char now_text[11], why[256];
	int now = month_index(today(now_text));
	dues_rules_load(s->cfg, &r, why, sizeof why);   /* a bad key keeps its default */
	if (db_int(s->db, "SELECT count(*) FROM member", -1, 0) == 0)
		return 0;   /* no members in this demo: nothing to collect */
	if (meeting_branches(s, 0, &b, &n, e))
		return -1;
	sqlite3_stmt *ins;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO dues(member_id, org_id, month, kind, base, rate,"
	                       " due, paid, paid_on, updated_by) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,"
	                       "'demo')", -1, &ins, NULL) != SQLITE_OK) {
		free(b);
		return db_fail(s->db, e, "生成示例党费");
	}
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++)
		if (!*b[i].dissolved_on)
			rc = branch_dues(s, &r, b[i].id, now, ins, e);
	sqlite3_finalize(ins);
	free(b);
	return rc;
}
