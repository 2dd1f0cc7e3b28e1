/* care.c — 关怀帮扶 in the demo township (src/care/care.h): the first few
 * members the 老党员 rule takes in, listed last December (the rest are
 * left for F9 按规则列入 to propose), two 生活困难党员 and one 因病, one of
 * them since moved off the register; and this year's 春节 visits to some of
 * them with money or goods, so that 本年未慰问 names the others.  Every
 * record goes through the module's saves, with their rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/care.h"
#include "core/db.h"
#include "core/validate.h"
#include "demo/demo.h"

#define S(dst, ...) snprintf((dst), sizeof(dst), __VA_ARGS__)

enum { OLD_LISTED = 5 };

struct need {
	const char *category, *reason, *address, *left_reason;
};

static const struct need needs[] = {
	{ "生活困难", "妻子长期卧病，家庭人均收入低于低保线", "驿亭镇联桥村前畈12号", NULL },
	{ "生活困难", "独居，房屋年久失修", "驿亭镇五夫村后山弄3号", "房屋已修缮，困难已解决" },
	{ "因病", "患尿毒症，每周透析三次", "驿亭镇驿亭社区香樟苑5幢201室", NULL },
};

/* Younger members in good standing, for the 困难 and 因病 entries. */
static int younger(struct session *s, int64_t *ids, int cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM member WHERE status = '正常'"
	                       " AND birth_date BETWEEN '1960-01-01' AND '1985-12-31'"
	                       " ORDER BY org_id, id LIMIT ?", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int(st, 1, cap);
	int n = 0;
	while (n < cap && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int visit(struct session *s, int64_t member_id, const char *on, const char *money,
                 const char *goods, struct dj_err *e)
{
	struct care_visit v;
	memset(&v, 0, sizeof v);
	v.member_id = member_id;
	S(v.on_date, "%s", on);
	S(v.occasion, "春节");
	S(v.visitors[0], "洪辉");
	S(v.visitors[1], "林海燕");
	S(v.money, "%s", money);
	S(v.goods, "%s", goods);
	S(v.note, "身体尚好，对村里的工作提了建议。");
	return care_visit_save(s, &v, e);
}

int demo_care(struct session *s, struct dj_err *e)
{
	char now[11], listed[11], spring[11];
	today(now);
	int year = atoi(now);
	S(listed, "%04d-12-20", (year - 1) % 10000);
	struct care_proposal *p = NULL;
	int n = 0, added = 0;
	int rc = care_old_proposals(s, 0, listed, &p, &n, e);
	if (rc == 0)
		rc = care_old_add(s, p, n < OLD_LISTED ? n : OLD_LISTED, listed, &added, e);
	int64_t ids[3];
	int k = rc ? 0 : younger(s, ids, 3);
	for (int i = 0; i < k && rc == 0; i++) {
		struct care_case c;
		memset(&c, 0, sizeof c);
		c.member_id = ids[i];
		S(c.category, "%s", needs[i].category);
		S(c.reason, "%s", needs[i].reason);
		S(c.listed_on, "%s", listed);
		S(c.address, "%s", needs[i].address);
		date_add_months(listed, 1, c.left_on);
		if (needs[i].left_reason && strcmp(c.left_on, now) <= 0)
			S(c.left_reason, "%s", needs[i].left_reason);
		else
			c.left_on[0] = 0;
		rc = care_case_save(s, &c, e);
	}
	/* this year's 春节, when it has come: visits to the first old members
	 * and the family on relief; the others are still to be visited */
	care_festival_date(CARE_SPRING, year, spring);
	if (rc == 0 && strcmp(spring, now) <= 0) {
		for (int i = 0; i < added && i < 3 && rc == 0; i++)
			rc = visit(s, p[i].member_id, spring, i == 1 ? "" : "500",
			           i == 1 ? "大米一袋、食用油一桶" : "", e);
		if (rc == 0 && k > 0)
			rc = visit(s, ids[0], spring, "1000", "", e);
	}
	free(p);
	return rc;
}
