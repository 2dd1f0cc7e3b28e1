/* showcase.c — seed 000's 示范工程 in the demo township (src/showcase/):
 * two 党员示范岗 with their public commitments, 跟踪 and 检查 notes and
 * last year's 考核; two 党员示范寝室 in the school's staff quarters with
 * their 检查评比; a 党支部示范点 and a 党总支示范点 with their year checks.
 * Everything goes through the module's saves, with their rules. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/validate.h"
#include "demo/demo.h"
#include "showcase/showcase.h"

#define S(dst, ...) snprintf((dst), sizeof(dst), __VA_ARGS__)

static int64_t id_of(struct session *s, const char *sql, const char *name)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return id;
}

static int64_t member_id(struct session *s, const char *name)
{
	return id_of(s, "SELECT id FROM member WHERE name = ? AND status = '正常' ORDER BY id", name);
}

static int64_t org_id(struct session *s, const char *name)
{
	return id_of(s, "SELECT id FROM org WHERE name = ?", name);
}

struct demo_post {
	const char *who, *name, *goal, *pledge;
	const char *opened;      /* month-day in the year before the demo year */
	const char *grade;       /* last year's 考核 */
};

static const struct demo_post posts[] = {
	{ "冯国庆", "便民服务窗口岗", "群众办事“最多跑一次”，窗口服务零投诉。",
	  "亮身份、亮承诺：当日事当日办结，不推诿、不刁难，群众不满意不下班。", "05-04", "优秀" },
	{ "丁建国", "河道巡查岗", "村内河道每周巡查两次，发现问题当天上报。",
	  "守护一河清水：每周巡河不少于两次，垃圾随见随清，问题当日报告村委。", "03-20", "合格" },
};

static int one_post(struct session *s, const struct demo_post *d, int year, struct dj_err *e)
{
	struct showcase_post p = { 0 };
	if (!(p.member_id = member_id(s, d->who)))
		return dj_fail(e, DJ_INVALID, NULL, "示例数据中没有「%s」", d->who);
	S(p.name, "%s", d->name);
	S(p.goal, "%s", d->goal);
	S(p.pledge, "%s", d->pledge);
	S(p.opened_on, "%d-%s", year - 1, d->opened);
	int rc = showcase_post_save(s, &p, e);
	static const struct { const char *kind, *md, *by, *body; int years_ago; } notes[] = {
		{ "跟踪", "09-15", "组织委员", "窗口台账齐全，承诺事项按时办结。", 1 },
		{ "检查", "12-10", "镇党委组织办", "现场检查：挂牌、承诺公开到位，群众评价好。", 1 },
		{ "跟踪", "04-12", "组织委员", "本季度按承诺开展，记录完整。", 0 },
	};
	for (size_t i = 0; rc == 0 && i < sizeof notes / sizeof *notes; i++) {
		struct showcase_note n = { .post_id = p.id };
		S(n.kind, "%s", notes[i].kind);
		S(n.on_date, "%d-%s", year - notes[i].years_ago, notes[i].md);
		S(n.by_whom, "%s", notes[i].by);
		S(n.body, "%s", notes[i].body);
		rc = showcase_note_add(s, &n, e);
	}
	struct showcase_grade g = { .post_id = p.id, .year = year - 1 };
	S(g.grade, "%s", d->grade);
	S(g.on_date, "%d-12-20", year - 1);
	S(g.assessor, "镇党委组织办");
	S(g.note, "年度考核");
	return rc ? rc : showcase_grade_add(s, &g, e);
}

static int one_dorm(struct session *s, const char *room, const char *const who[3], int year,
                    const char *const scores[][4], int nchecks, struct dj_err *e)
{
	struct showcase_dorm d = { .org_id = org_id(s, "镇中心学校党支部") };
	S(d.building, "教工宿舍1号楼");
	S(d.room, "%s", room);
	S(d.opened_on, "%d-09-01", year - 1);
	for (int i = 0; i < 3; i++) {
		d.res[i].member_id = member_id(s, who[i]);   /* 0: a resident who is not a member */
		S(d.res[i].name, "%s", who[i]);
	}
	d.nres = 3;
	int rc = showcase_dorm_save(s, &d, e);
	static const char *const dates[] = { "11-20", "04-15" };
	for (int k = 0; rc == 0 && k < nchecks; k++) {
		struct showcase_check c;
		showcase_check_prepare(s, d.id, &c);
		S(c.on_date, "%d-%s", year - (k == 0), dates[k]);
		S(c.checker, "学校党支部");
		for (int i = 0; i < c.nitems && i < 4; i++)
			S(c.typed[i], "%s", scores[k][i]);
		rc = showcase_check_add(s, &c, e);
	}
	return rc;
}

static int one_point(struct session *s, const char *org, const char *level, int year,
                     const char *result, struct dj_err *e)
{
	struct showcase_point p = { .org_id = org_id(s, org) };
	S(p.level, "%s", level);
	S(p.opened_on, "%d-03-15", year - 1);
	int rc = showcase_point_save(s, &p, e);
	struct showcase_point_check c = { .point_id = p.id, .year = year - 1 };
	S(c.on_date, "%d-12-15", year - 1);
	S(c.result, "%s", result);
	S(c.note, "阵地、制度、活动台账齐全");
	return rc ? rc : showcase_point_check_add(s, &c, e);
}

int demo_showcase(struct session *s, struct dj_err *e)
{
	char now[11];
	int year = 0;
	sscanf(today(now), "%d", &year);
	/* this year's entries are dated by May: before June the demo year is last year's */
	if (strcmp(now + 5, "06-01") < 0)
		year--;
	static const char *const room1[3] = { "程德胜", "何海林", "王老师" };
	static const char *const room2[3] = { "黄志明", "夏志明", "李老师" };
	static const char *const scores1[][4] = { { "28", "29", "18.5", "19" }, { "29", "28.5", "19", "18" } };
	static const char *const scores2[][4] = { { "26", "27", "17", "16.5" } };
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof posts / sizeof *posts; i++)
		rc = one_post(s, &posts[i], year, e);
	if (rc == 0)
		rc = one_dorm(s, "203", room1, year, scores1, 2, e);
	if (rc == 0)
		rc = one_dorm(s, "305", room2, year, scores2, 1, e);
	if (rc == 0)
		rc = one_point(s, "孝丰村党支部", "党支部示范点", year, "优秀", e);
	if (rc == 0)
		rc = one_point(s, "五夫村党总支", "党总支示范点", year, "合格", e);
	return rc;
}
