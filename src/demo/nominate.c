/* nominate.c — the demo's commendation cycle (src/honour/nominate.h), in
 * 公示 today: two members and a branch that meet the rules, nominated by
 * their branches and passed by the 镇党委, one objection recorded and answered, one still open,
 * so the 审批 that follows has something to ask for.  Seed 000 commends at
 * 七一 and in December: before July the cycle is the year's 七一表彰, after
 * it the year's 年度表彰. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/db.h"
#include "core/validate.h"
#include "demo/demo.h"
#include "honour/nominate.h"

#define S(dst, ...) snprintf((dst), sizeof(dst), __VA_ARGS__)

struct demo_nomination {
	const char *kind, *who, *title, *reasons;
};

/* In order of preference: the two members and the branch first on the list
 * whose records meet the rules today (dues are the demo's last three
 * months, so who is paid up depends on the date). */
static const struct demo_nomination nominees[] = {
	{ "member", "冯国庆", "优秀共产党员",
	  "党员示范岗“便民服务窗口岗”挂牌以来，当日事当日办结，去年年度考核优秀，群众零投诉。" },
	{ "member", "丁建国", "优秀共产党员", "党员示范岗“河道巡查岗”坚持每周巡河，带动村民护河。" },
	{ "member", "章海燕", "优秀共产党员", "带头参加村级河道整治和垃圾分类，义务宣讲二十余场。" },
	{ "member", "夏玉兰", "优秀共产党员", "照料村里孤寡老人十余年，组织志愿服务队。" },
	{ "member", "李国良", "优秀共产党员", "带领村民发展茶叶合作社，户均增收明显。" },
	{ "org", "孝丰村党支部", "先进基层党组织", "党支部示范点建设扎实，“三会一课”规范，去年检查优秀。" },
	{ "org", "联桥村党支部", "先进基层党组织", "村级集体经济增收，组织生活规范。" },
};
enum { MEMBERS_WANTED = 2, ORGS_WANTED = 1 };

static int64_t id_of(struct session *s, const char *kind, const char *name)
{
	sqlite3_stmt *st;
	const char *sql = strcmp(kind, "org") == 0
		? "SELECT id FROM org WHERE name = ?"
		: "SELECT id FROM member WHERE name = ? AND status = '正常' ORDER BY id";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return id;
}

/* The day `days` from today, as YYYY-MM-DD. */
static void day_from_today(int days, char out[11])
{
	char now[11];
	int y, m, d;
	sscanf(today(now), "%d-%d-%d", &y, &m, &d);
	struct tm t = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + days, .tm_hour = 12 };
	mktime(&t);
	strftime(out, 11, "%Y-%m-%d", &t);
}

/* Nominates and passes the first eligible on the list, as many as wanted;
 * the ids of the member nominations go to member_noms. */
static int nominate_all(struct session *s, const struct nom_cycle *c, int64_t member_noms[],
                        struct dj_err *e)
{
	int members = 0, orgs = 0;
	for (size_t i = 0; i < sizeof nominees / sizeof *nominees; i++) {
		const struct demo_nomination *d = &nominees[i];
		int org = strcmp(d->kind, "org") == 0;
		if (org ? orgs == ORGS_WANTED : members == MEMBERS_WANTED)
			continue;
		struct nomination n = { .cycle_id = c->id };
		S(n.kind, "%s", d->kind);
		int64_t id = id_of(s, d->kind, d->who);
		if (!id)
			continue;
		*(org ? &n.org_id : &n.member_id) = id;
		S(n.title, "%s", d->title);
		S(n.reasons, "%s", d->reasons);
		char why[4][NOM_RULE_LEN];
		if (nominate_breaches(s, c, &n, why, 4) != 0)
			continue;
		int rc = nominate_save(s, &n, e);
		if (rc == 0)
			rc = nominate_review(s, n.id, n.version, 1, "符合推荐条件", e);
		if (rc)
			return rc;
		if (org)
			orgs++;
		else
			member_noms[members++] = n.id;
	}
	return members && orgs ? 0 : dj_fail(e, DJ_INVALID, NULL, "示例数据中没有符合推荐条件的对象");
}

int demo_nominate(struct session *s, struct dj_err *e)
{
	char now[11], from[11], to[11], mid[11];
	int year = 0;
	sscanf(today(now), "%d", &year);
	struct nom_cycle c = { .year = year, .org_id = id_of(s, "org", "中共驿亭镇委员会"), .quota = 1 };
	S(c.name, "%d%s", year, strcmp(now + 5, "07-01") < 0 ? "年七一表彰" : "年度表彰");
	S(c.titles, "优秀共产党员、优秀党务工作者、先进基层党组织");
	S(c.level, "镇级");
	S(c.due_on, "%s", now);
	int64_t nid[MEMBERS_WANTED] = { 0 };
	int rc = nom_cycle_save(s, &c, e);
	if (rc || (rc = nominate_all(s, &c, nid, e)) || (rc = nom_cycle_load(s, c.id, &c, e)))
		return rc;
	day_from_today(-2, from);
	day_from_today(4, to);
	if ((rc = nominate_publicize(s, c.id, c.version, from, to, e)))
		return rc;
	day_from_today(-1, mid);
	rc = nominate_object(s, nid[0], mid, "反映其工作时段偶有无人值守。",
	                     "经核实，已安排轮岗，情况已向反映人说明。", e);
	if (rc == 0 && nid[1])
		rc = nominate_object(s, nid[1], now, "来电询问推荐理由所列事迹的依据。", "", e);
	return rc;
}
