/* source_meeting.c — BUL_MEETING_SHORT: the branches that missed a
 * 三会一课 cycle in the period, from the compliance module's counting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin/bulletin.h"
#include "orglife/compliance.h"

/* "支委会缺2026年第3季度、2026年第4季度" appended to out. */
static void add_type(const struct branch_compliance *b, int t, const struct meeting_rules *rules,
                     char *out, size_t cap)
{
	size_t at = strlen(out);
	at += (size_t)snprintf(out + at, at < cap ? cap - at : 0, "%s%s缺", at ? "，" : "",
	                       meeting_types[t]);
	for (int i = 0; i < b->r[t].nlisted && at < cap; i++) {
		char when[48];
		cycle_label(rules->every[t], b->r[t].missed_start[i], when, sizeof when);
		at += (size_t)snprintf(out + at, cap - at, "%s%s", i ? "、" : "", when);
	}
}

int bulletin_meeting_short(struct session *s, int64_t root, const char *from, const char *to,
                           bulletin_emit emit, void *ctx, struct dj_err *e)
{
	struct meeting_rules rules;
	char why[256];
	meeting_rules_load(s->cfg, &rules, why, sizeof why);   /* a bad value keeps its default */
	struct period p = { PERIOD_MONTH, month_index(from), month_index(to) };
	if (p.from < 0 || p.to < p.from)
		return dj_fail(e, DJ_INVALID, "from", "「通报期间」%s 至 %s 不是一段日期", from, to);
	struct branch_compliance *rows;
	int n;
	if (compliance_compute(s, root ? root : s->scope_org, &p, &rules, &rows, &n, e))
		return e ? e->code : DJ_DB;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		if (rows[i].short_types == 0)
			continue;
		struct bulletin_line l = { .section = BUL_MEETING_SHORT, .org_id = rows[i].b.id };
		snprintf(l.org, sizeof l.org, "%s", rows[i].b.name);
		for (int t = 0; t < MEETING_NTYPES; t++)
			if (rows[i].applies[t] && rows[i].r[t].missed > 0)
				add_type(&rows[i], t, &rules, l.text, sizeof l.text);
		rc = emit(ctx, &l);
	}
	free(rows);
	return 0;
}
