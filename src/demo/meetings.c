/* meetings.c — a year of 三会一课 for the demo township's branches,
 * with sign-in sheets when the demo has members.  Deterministic: the same
 * day gives the same data.  Some branches skip meetings (so compliance has
 * shortfalls to show), a few members stay away (so the absentee list has
 * names), everything dated up to today. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/validate.h"
#include "demo/demo.h"
#include "orglife/compliance.h"
#include "orglife/meeting.h"

static const char *const topics[MEETING_NTYPES][4] = {
	{ "通报本季度支部工作，讨论发展党员", "学习《中国共产党支部工作条例》", "民主推荐入党积极分子",
	  "总结上半年工作，部署下半年任务" },
	{ "研究本月党费收缴和党员教育", "讨论入党积极分子培养情况", "部署“基层组织建设年”工作",
	  "研究困难党员帮扶" },
	{ "学习党章，交流心得", "讨论村务公开和民主管理", "传达支委会精神", "开展谈心谈话" },
	{ "党课：学习党章总纲", "党课：党员的权利和义务", "党课：发扬党的优良作风",
	  "党课：做合格共产党员" },
	{ "召开年度组织生活会，开展批评与自我批评", "", "", "" },
	{ "民主评议党员", "", "", "" },
	{ "主题党日：重温入党誓词", "主题党日：志愿服务", "主题党日：参观革命纪念馆",
	  "主题党日：走访慰问老党员" },
};
static const char *const leave_reasons[] = { "外出务工", "生病住院", "出差", "家中有事" };

struct demo_org {
	int64_t id;
	char secretary[64];
};

/* Cheap deterministic scatter: the same inputs, the same choice. */
static unsigned mix(unsigned a, unsigned b)
{
	unsigned h = a * 2654435761u ^ (b + 0x9e3779b9u + (a << 6) + (a >> 2));
	h ^= h >> 15;
	h *= 2246822519u;
	return h ^ (h >> 13);
}

static int64_t insert_meeting(struct session *s, const struct demo_org *o, int type,
                              const char *date, unsigned seed, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *topic = topics[type][seed % 4];
	if (!*topic)
		topic = topics[type][0];
	char minutes[512];
	snprintf(minutes, sizeof minutes, "一、%s。\n二、与会党员逐一发言，提出意见建议。\n"
	         "三、%s作总结，明确下一步工作。", topic, *o->secretary ? o->secretary : "书记");
	if (sqlite3_prepare_v2(s->db, "INSERT INTO meeting(org_id, type, date, topic, host, recorder,"
	                       " minutes, updated_by) VALUES (?1,?2,?3,?4,?5,?6,?7,'demo')", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例会议"), -1;
	sqlite3_bind_int64(st, 1, o->id);
	sqlite3_bind_text(st, 2, meeting_types[type], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, topic, -1, SQLITE_STATIC);
	db_bind_text(st, 5, o->secretary, 1);
	sqlite3_bind_text(st, 6, (seed & 1) ? "组织委员" : "宣传委员", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, minutes, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(s->db, e, "生成示例会议"), -1;
	return sqlite3_last_insert_rowid(s->db);
}

/* Members who drift away: absent from every meeting of the last four
 * months, and often before. */
static int drifting(int64_t member)
{
	return member % 11 == 5;
}

static int sign_in(struct session *s, int64_t meeting, const struct demo_org *o, int type,
                   int month, int now, struct dj_err *e)
{
	sqlite3_stmt *list, *ins;
	if (sqlite3_prepare_v2(s->db, MEETING_SUBTREE("?1") " SELECT id FROM member WHERE status = '正常'"
	                       " AND (org_id IN (SELECT id FROM sub) OR group_id IN (SELECT id FROM sub))"
	                       " ORDER BY id", -1, &list,
	                       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "INSERT INTO attendance(meeting_id, member_id, state, reason,"
	                       " updated_by) VALUES (?1,?2,?3,?4,'demo')", -1, &ins, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例签到");
	sqlite3_bind_int64(list, 1, o->id);
	int rc = SQLITE_DONE, k = 0;
	while (rc == SQLITE_DONE && sqlite3_step(list) == SQLITE_ROW) {
		int64_t m = sqlite3_column_int64(list, 0);
		unsigned r = mix((unsigned)m, (unsigned)meeting) % 100;
		const char *state = "出席", *reason = NULL;
		if (type == 1 && k++ >= 5)
			continue;   /* 支委会: the first five sit on the committee */
		if (drifting(m) && (month > now - 4 || r < 60))
			state = "缺席";
		else if (r < 7) {
			state = "请假";
			reason = leave_reasons[r % 4];
		} else if (r < 10)
			state = "缺席";
		sqlite3_bind_int64(ins, 1, meeting);
		sqlite3_bind_int64(ins, 2, m);
		sqlite3_bind_text(ins, 3, state, -1, SQLITE_STATIC);
		db_bind_text(ins, 4, reason, 1);
		rc = sqlite3_step(ins);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(list);
	sqlite3_finalize(ins);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "生成示例签到");
}

static int hold(struct session *s, const struct demo_org *o, int type, int month, int day,
                int now, const char *today_text, struct dj_err *e)
{
	char date[11];
	month_first_day(month, date);
	snprintf(date + 8, 3, "%02u", (unsigned)day % 29u);
	if (strcmp(date, today_text) > 0)
		return 0;   /* not held yet this month */
	int64_t id = insert_meeting(s, o, type, date, mix((unsigned)o->id, (unsigned)month), e);
	return id < 0 ? -1 : sign_in(s, id, o, type, month, now, e);
}

/* Which meetings branch number i holds in month m (a year back from now):
 * most keep the rules; every fourth skips many 支委会 and every third one now
 * and then, every sixth a quarterly 大会, every seventh its 组织生活会. */
static int branch_year(struct session *s, const struct demo_org *o, int i, int now,
                       const char *today_text, struct dj_err *e)
{
	for (int m = now - 11; m <= now; m++) {
		int q = m % 3, skip = (int)(mix((unsigned)i, (unsigned)m) % 10);
		int rc = 0;
		if (!(i % 4 == 3 && skip < 4) && !(i % 3 == 0 && skip == 9))
			rc = hold(s, o, 1, m, 5 + i % 5, now, today_text, e);
		if (rc == 0 && q == 1 && !(i % 6 == 5 && m % 12 < 6))
			rc = hold(s, o, 0, m, 15, now, today_text, e);
		if (rc == 0 && q == 2 && !(i % 5 == 4 && m > now - 3))
			rc = hold(s, o, 3, m, 20, now, today_text, e);
		if (rc == 0 && m % 12 == 0 && i % 7 != 6)
			rc = hold(s, o, 4, m, 25, now, today_text, e);
		if (rc == 0 && m % 12 == 1 && i % 5 != 2)
			rc = hold(s, o, 5, m, 26, now, today_text, e);
		if (rc == 0 && (m % 12 == 6 || (m % 2 == 0 && i % 3 == 0)))
			rc = hold(s, o, 6, m, 1, now, today_text, e);
		if (rc)
			return -1;
	}
	return 0;
}

/* Each active 党小组 under the branch meets monthly, now and then not. */
static int groups_year(struct session *s, int64_t branch, int now, const char *today_text,
                       struct dj_err *e)
{
	sqlite3_stmt *st;
	struct demo_org g[16];
	int n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id, coalesce(secretary, '') FROM org WHERE parent_id = ?"
	                       " AND kind = '党小组' AND status = '正常' ORDER BY id", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例会议");
	sqlite3_bind_int64(st, 1, branch);
	while (n < 16 && sqlite3_step(st) == SQLITE_ROW) {
		g[n].id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, g[n].secretary, sizeof g[n].secretary);
		n++;
	}
	sqlite3_finalize(st);
	for (int i = 0; i < n; i++)
		for (int m = now - 11; m <= now; m++)
			if (mix((unsigned)g[i].id, (unsigned)m) % 6 != 0 &&
			    hold(s, &g[i], 2, m, 10, now, today_text, e))
				return -1;
	return 0;
}

int demo_meetings(struct session *s, struct dj_err *e)
{
	struct branch_ref *b;
	int n;
	char today_text[11];
	int now = month_index(today(today_text));
	if (meeting_branches(s, 0, &b, &n, e))
		return -1;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		if (*b[i].dissolved_on)
			continue;
		struct demo_org o = { .id = b[i].id };
		char sql[] = "SELECT coalesce(secretary, '') FROM org WHERE id = ?";
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, o.id);
			if (sqlite3_step(st) == SQLITE_ROW)
				db_col_text(st, 0, o.secretary, sizeof o.secretary);
			sqlite3_finalize(st);
		}
		rc = branch_year(s, &o, i, now, today_text, e) || groups_year(s, o.id, now, today_text, e);
	}
	free(b);
	return rc ? (e && e->code ? e->code : DJ_DB) : 0;
}
