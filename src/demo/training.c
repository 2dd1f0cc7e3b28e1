/* training.c — this year's 党员教育培训 in the demo township (seed 000
 * 三(3)): the 镇党委's 春训 and 网络学习 over every member, a 专题培训 for
 * the first village, each with some members away and a few with their own
 * hours; with the 党课 meetings demo_meetings held (counted by [training]
 * meeting_types), some members reach the 32 学时 and some fall short.
 * Everything goes through the module's saves, with their rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "demo/demo.h"
#include "training/training.h"

#define S(dst, ...) snprintf((dst), sizeof(dst), __VA_ARGS__)

struct session_plan {
	const char *month_day, *title, *organizer, *form, *hours;
	const char *org;     /* NULL: the 镇党委 */
	int away_every;      /* every n-th member listed did not attend */
	int own_every;       /* every n-th attendee has own hours (half), 0: none */
};

static const struct session_plan plans[] = {
	{ "02-20", "春训：学习贯彻党的二十届三中全会精神", "中共驿亭镇委员会", "集中学习", "8", NULL, 4, 0 },
	{ "04-15", "全国党员教育平台网络学习（上半年）", "县委组织部", "网络学习", "12", NULL, 3, 5 },
	{ "06-18", "乡村振兴与村级集体经济专题培训", "县委党校", "专题培训", "6.5", "联桥村党支部", 5, 0 },
	{ "09-10", "全国党员教育平台网络学习（下半年）", "县委组织部", "网络学习", "10", NULL, 2, 0 },
};

static int attend(struct session *s, int64_t id, const struct session_plan *p, struct dj_err *e)
{
	struct trn_sheet sh;
	int rc = training_sheet_load(s, id, &sh, e);
	if (rc)
		return rc;
	int kept = 0;
	for (int i = 0; i < sh.n; i++) {
		sh.rows[i].on = (i + 1) % p->away_every != 0;
		if (sh.rows[i].on && p->own_every && ++kept % p->own_every == 0)
			sh.rows[i].own2 = sh.hours2 / 2;   /* left halfway */
	}
	rc = training_sheet_save(s, &sh, e);
	training_sheet_free(&sh);
	return rc;
}

int demo_training(struct session *s, struct dj_err *e)
{
	char now[11];
	int year = atoi(today(now));
	struct training_rules r;
	training_rules_from(s->cfg, &r);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof plans / sizeof *plans; i++) {
		const struct session_plan *p = &plans[i];
		struct training t;
		training_defaults(s, &r, &t);
		S(t.date, "%d-%s", year, p->month_day);
		S(t.title, "%s", p->title);
		S(t.organizer, "%s", p->organizer);
		S(t.form, "%s", p->form);
		S(t.hours, "%s", p->hours);
		S(t.org, "%s", p->org ? p->org : "中共驿亭镇委员会");
		rc = training_save(s, &t, e);
		if (rc == 0)
			rc = attend(s, t.id, p, e);
	}
	return rc;
}
