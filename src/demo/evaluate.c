/* evaluate.c — last year's 民主评议党员 in the demo township (seed 000
 * 三(3)): three branches with members hold their round at their 民主评议
 * meeting of 三会一课 (one is recorded for a branch whose year of meetings
 * has none then); most members are 合格, a few 优秀, one 基本合格, and one
 * member of the first branch is 不合格 with an open 限期改正.  Everything
 * goes through the module's saves, with their rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/validate.h"
#include "demo/demo.h"
#include "evaluate/evaluate.h"
#include "core/db_write.h"

#define S(dst, ...) snprintf((dst), sizeof(dst), __VA_ARGS__)

static const char *const notes[] = {
	"认真学习党的理论，按时参加组织生活和交纳党费，在村务工作中发挥带头作用；不足是学习深度不够。",
	"履行党员义务，参加志愿服务和主题党日活动；今后要在联系群众上下更大功夫。",
	"能完成支部交办的任务，但参加组织生活不够经常，学习有所放松，今后改正。",
};

/* The branch's 民主评议 meeting of that year, recorded when missing. */
static int meeting_of(struct session *s, int64_t org_id, int year, char date[11], struct dj_err *e)
{
	sqlite3_stmt *st;
	date[0] = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT max(date) FROM meeting WHERE org_id = ? AND type = '民主评议'"
	                       " AND substr(date, 1, 4) = printf('%04d', ?)", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例民主评议");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, year);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, date, 11);
	sqlite3_finalize(st);
	if (*date)
		return 0;
	/* as the demo's 三会一课 are written: straight in, the whole demo being
	 * one transaction that meeting_save would not join */
	snprintf(date, 11, "%d-12-18", year);
	char topic[64];
	snprintf(topic, sizeof topic, "%d年度民主评议党员", year);
	if (sqlite3_prepare_v2(s->db, "INSERT INTO meeting(org_id, type, date, topic, minutes, updated_by)"
	                       " VALUES (?1, '民主评议', ?2, ?3, ?4, 'demo')", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例民主评议");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, topic, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, "一、党员逐一对照党员标准自评。\n二、党员互评，无记名投票。\n"
	                  "三、支部综合评定评议结果。", -1, SQLITE_STATIC);
	return db_step_done(s->db, st, "生成示例民主评议", e);
}

/* Member i of n in branch b: mostly 合格; the first two 优秀, the one
 * before last 基本合格, and in the first branch the last 不合格. */
static int result_for(int b, int i, int n)
{
	if (b == 0 && i == n - 1 && n >= 4)
		return EV_FAIL;
	if (i == n - 2 && n >= 5)
		return EV_BASIC;
	return i < 2 ? EV_EXCELLENT : EV_QUALIFIED;
}

static int hold_round(struct session *s, int b, const char *org, int64_t org_id, int year,
                      struct dj_err *e)
{
	struct eval_round r;
	evaluate_round_defaults(s, &r);
	S(r.year, "%d", year);
	S(r.org, "%s", org);
	int rc = meeting_of(s, org_id, year, r.held_on, e);
	if (rc)
		return rc;
	S(r.meeting, "%s", r.held_on);
	if ((rc = evaluate_round_save(s, &r, e)))
		return rc;
	struct eval_line *rows = NULL;
	int n = 0;
	if ((rc = evaluate_lines_load(s, r.id, &rows, &n, e)))
		return rc;
	for (int i = 0; i < n && rc == 0; i++) {
		struct eval_line *l = &rows[i];
		l->result = result_for(b, i, n);
		S(l->self_note, "%s", notes[l->result == EV_EXCELLENT ? 0 : l->result == EV_QUALIFIED ? 1 : 2]);
		int voters = n - 1, bad = l->result >= EV_BASIC ? voters / 2 : 0;
		l->v[0] = l->result == EV_EXCELLENT ? voters * 2 / 3 : (voters - bad) / 4;
		l->v[1] = voters - bad - l->v[0];
		l->v[2] = bad - bad / 3;
		l->v[3] = bad / 3;
		rc = evaluate_line_save(s, l, e);
		if (rc == 0 && l->result == EV_FAIL) {
			struct eval_followup f;
			if ((rc = evaluate_followup_load(s, l->followup_id, &f, e)) == 0) {
				S(f.decision, "支部大会决定：限期三个月改正，按时参加组织生活，由支部书记谈心帮教，"
				  "到期由支部复评。");
				rc = evaluate_followup_save(s, &f, e);
			}
		}
	}
	free(rows);
	return rc;
}

int demo_evaluate(struct session *s, struct dj_err *e)
{
	char now[11];
	int year = atoi(today(now)) - 1;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT o.id, o.name FROM org o WHERE o.kind = '党支部'"
	                       " AND o.status = '正常' AND (SELECT count(*) FROM member m WHERE"
	                       " m.org_id = o.id AND m.status = '正常') >= 5 ORDER BY o.sort_key, o.id"
	                       " LIMIT 3", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例民主评议");
	int64_t ids[3];
	char names[3][128];
	int n = 0;
	while (n < 3 && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, names[n], sizeof names[n]);
		n++;
	}
	sqlite3_finalize(st);
	int rc = 0;
	for (int b = 0; b < n && rc == 0; b++)
		rc = hold_round(s, b, names[b], ids[b], year, e);
	return rc;
}
