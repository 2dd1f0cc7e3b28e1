/* honours.c — past honours of the demo township (src/honour/honour.h): the
 * 七一 commendations of last year and this year for a few members and
 * branches, a 党建示范点, one 追授 to the member who died, and one honour
 * revoked, so the ledger shows every state.  Recipients are found by name
 * in the registry demo_members wrote; everything goes through honour_save
 * and honour_revoke with their rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/validate.h"
#include "demo/demo.h"
#include "honour/honour.h"

#define S(dst, ...) snprintf((dst), sizeof(dst), __VA_ARGS__)

struct demo_honour {
	const char *kind;      /* "member" or "org" */
	const char *who;       /* the member's or the organization's name */
	const char *title, *level;
	int years_ago;
	const char *md;        /* month and day; NULL: today (a 追授, after the death) */
	const char *by, *doc, *deeds;
	int posthumous;
};

static const struct demo_honour honours[] = {
	{ "member", "丁建国", "优秀共产党员", "镇级", 1, "06-28", "中共驿亭镇委员会",
	  "驿委〔%d〕21号", "带领村民整治河道，义务巡河三百余次。", 0 },
	{ "member", "傅海军", "优秀党务工作者", "镇级", 1, "06-28", "中共驿亭镇委员会",
	  "驿委〔%d〕21号", "坚持“三会一课”记录规范，党费收缴及时。", 0 },
	{ "member", "冯国庆", "党员示范岗", "镇级", 0, "05-04", "中共驿亭镇委员会",
	  "驿委〔%d〕15号", "便民服务窗口承诺“一次办结”。", 0 },
	{ "member", "蔡俊", "优秀共产党员", "县处", 0, NULL, "中共上虞区委",
	  "区委〔%d〕33号", "生前长期帮扶困难群众。", 1 },
	{ "member", "姚建新", "优秀共产党员", "镇级", 2, "06-29", "中共驿亭镇委员会",
	  "驿委〔%d〕19号", "抗洪抢险中带头值守。", 0 },
	{ "org", "联桥村党支部", "先进基层党组织", "县处", 1, "06-30", "中共上虞区委",
	  "区委〔%d〕28号", "村级集体经济增收，组织生活规范。", 0 },
	{ "org", "孝丰村党支部", "党建示范点", "镇级", 0, "03-15", "中共驿亭镇委员会",
	  "驿委〔%d〕8号", "“红色驿站”阵地建设。", 0 },
	{ "org", "五夫村第二党支部", "先进基层党组织", "镇级", 0, "06-28", "中共驿亭镇委员会",
	  "驿委〔%d〕22号", "", 0 },
};

static int64_t recipient(struct session *s, const char *kind, const char *name)
{
	sqlite3_stmt *st;
	const char *sql = strcmp(kind, "org") == 0 ? "SELECT id FROM org WHERE name = ?"
	                                           : "SELECT id FROM member WHERE name = ? ORDER BY id";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return id;
}

static int give(struct session *s, const struct demo_honour *d, int year, struct honour *h,
                struct dj_err *e)
{
	memset(h, 0, sizeof *h);
	S(h->kind, "%s", d->kind);
	int64_t id = recipient(s, d->kind, d->who);
	if (!id)
		return dj_fail(e, DJ_INVALID, NULL, "示例数据中没有「%s」", d->who);
	if (strcmp(d->kind, "org") == 0)
		h->org_id = id;
	else
		h->member_id = id;
	S(h->title, "%s", d->title);
	S(h->level, "%s", d->level);
	char now[11];
	if (d->md)
		S(h->awarded_on, "%d-%s", year - d->years_ago, d->md);
	else
		S(h->awarded_on, "%s", today(now));
	S(h->approved_by, "%s", d->by);
	S(h->doc_no, d->doc, atoi(h->awarded_on));
	S(h->deeds, "%s", d->deeds);
	h->posthumous = d->posthumous;
	return honour_save(s, h, e);
}

int demo_honours(struct session *s, struct dj_err *e)
{
	char now[11];
	int year = 0;
	sscanf(today(now), "%d", &year);
	/* this year's honours are given by June: before July the demo year is last year's */
	if (strcmp(now + 5, "07-01") < 0)
		year--;
	struct honour h;
	for (size_t i = 0; i < sizeof honours / sizeof *honours; i++)
		if (give(s, &honours[i], year, &h, e))
			return DJ_INVALID;
	/* 姚建新's is revoked: the register keeps it, marked */
	char on[11];
	S(on, "%d-03-10", year - 1);
	int64_t id = recipient(s, "member", "姚建新");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id, version FROM honour WHERE member_id = ?", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例数据");
	sqlite3_bind_int64(st, 1, id);
	int64_t hid = 0, version = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		hid = sqlite3_column_int64(st, 0);
		version = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return honour_revoke(s, hid, version, on, "受党内警告处分，按规定撤销", e);
}
