/* evidence.c — what the program already knows about an application's
 * organization (and the organizations under it) over the batch's span, so
 * reviewers score against facts, not prose: 三会一课 held against due
 * (orglife/compliance.h), grades and rectifications (grading/), 发展党员 by
 * stage (member/devcase.h) and dues paid against due (orglife/dues.h).
 * Every figure comes from the module that owns its rules; nothing here
 * counts anew. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "grading/grading.h"
#include "grading/rectify.h"
#include "member/devcase.h"
#include "orglife/compliance.h"
#include "orglife/dues.h"
#include "review/records.h"

struct out {
	char *buf;
	size_t cap, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	if (o->len + 1 >= o->cap)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len = o->len + (size_t)n < o->cap ? o->len + (size_t)n : o->cap - 1;
}

/* The span's months: the batch's first stage to its last, or to this
 * month while the batch runs.  0, or -1 when it has not begun. */
static int span_of(const struct rv_facts *a, struct period *p)
{
	char now[11];
	int first = month_index(a->first_stage), last = month_index(a->last_stage);
	int cur = month_index(today(now));
	p->kind = PERIOD_MONTH;
	p->from = first >= 0 ? first : cur;
	p->to = last >= 0 && last < cur ? last : cur;
	return p->to < p->from ? -1 : 0;
}

static void span_label(const struct period *p, char *out, size_t cap)
{
	snprintf(out, cap, "%d年%d月至%d年%d月", p->from / 12, p->from % 12 + 1, p->to / 12,
	         p->to % 12 + 1);
}

/* ---- 三会一课 ---- */

static int meetings(struct session *s, const struct rv_facts *a, const struct period *p,
                    struct out *o, struct dj_err *e)
{
	struct meeting_rules rules;
	struct branch_compliance *rows;
	char why[256], label[64], rate[16];
	int n;
	meeting_rules_load(s->cfg, &rules, why, sizeof why);   /* a bad key keeps its default */
	if (compliance_compute(s, a->org_id, p, &rules, &rows, &n, e))
		return e ? e->code : DJ_DB;
	span_label(p, label, sizeof label);
	put(o, "一、组织生活（三会一课，%s，%d 个党支部）\n", label, n);
	struct cycle_result sum[MEETING_NTYPES];
	struct att_counts att = { 0 };
	int applies[MEETING_NTYPES] = { 0 };
	memset(sum, 0, sizeof sum);
	for (int i = 0; i < n; i++) {
		for (int t = 0; t < MEETING_NTYPES; t++) {
			applies[t] |= rows[i].applies[t];
			sum[t].required += rows[i].r[t].required;
			sum[t].met += rows[i].r[t].met;
			sum[t].missed += rows[i].r[t].missed;
			sum[t].held += rows[i].r[t].held;
		}
		att.expected += rows[i].att.expected;
		att.present += rows[i].att.present;
		att.leave += rows[i].att.leave;
	}
	free(rows);
	for (int t = 0; t < MEETING_NTYPES; t++) {
		if (applies[t])
			put(o, "  %s：应开 %d 次，达标 %d 次，缺 %d 次；实际召开 %d 次\n", meeting_types[t],
			    sum[t].required, sum[t].met, sum[t].missed, sum[t].held);
		else if (sum[t].held)
			put(o, "  %s：召开 %d 次（不作要求）\n", meeting_types[t], sum[t].held);
	}
	attendance_rate_text(&att, rate, sizeof rate);
	put(o, "  出席率：%s（应到 %d 人次，实到 %d 人次，请假 %d 人次）\n", rate, att.expected,
	    att.present, att.leave);
	return 0;
}

/* ---- grades and rectifications ---- */

/* The subtree under the application's organization, for the queries. */
#define IN_SUBTREE(col) \
	col " IN (WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT c.id FROM org c" \
	" JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)"

static int grades(struct session *s, const struct rv_facts *a, const struct period *p,
                  struct out *o, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT x.round_id, o.name, coalesce(x.grade, x.suggested, 0),"
	                       " coalesce(x.total, -1) FROM grading_result x JOIN grading_round r ON"
	                       " r.id = x.round_id JOIN org o ON o.id = x.org_id WHERE " IN_SUBTREE("x.org_id")
	                       " AND r.year BETWEEN ?2 AND ?3 ORDER BY r.year, r.id, o.sort_key",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取分类定级");
	sqlite3_bind_int64(st, 1, a->org_id);
	sqlite3_bind_int(st, 2, p->from / 12);
	sqlite3_bind_int(st, 3, p->to / 12);
	put(o, "二、分类定级\n");
	struct grading_round *r = malloc(sizeof *r);
	int rows = 0, rc = r ? 0 : dj_fail(e, DJ_DB, NULL, "内存不足");
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		int64_t round = sqlite3_column_int64(st, 0);
		if ((rows == 0 || r->id != round) && grading_round_load(s, round, r, e)) {
			rc = e ? e->code : DJ_DB;
			break;
		}
		char total[16] = "";
		int t = sqlite3_column_int(st, 3);
		if (t >= 0)
			grading_format_total(t, total, sizeof total);
		const char *word = grading_word(r, sqlite3_column_int(st, 2));
		put(o, "  %s（%s）：%s %s%s%s\n", r->name, r->status,
		    (const char *)sqlite3_column_text(st, 1), *word ? word : "未定级",
		    *total ? "，总分 " : "", total);
		rows++;
	}
	sqlite3_finalize(st);
	free(r);
	if (!rc && rows == 0)
		put(o, "  期间没有分类定级记录\n");
	return rc;
}

static int rectifications(struct session *s, const struct rv_facts *a, const struct period *p,
                          struct out *o, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT z.id FROM rectification z JOIN grading_round r ON"
	                       " r.id = z.round_id WHERE " IN_SUBTREE("z.org_id")
	                       " AND r.year BETWEEN ?2 AND ?3 ORDER BY z.deadline, z.id", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取整改");
	sqlite3_bind_int64(st, 1, a->org_id);
	sqlite3_bind_int(st, 2, p->from / 12);
	sqlite3_bind_int(st, 3, p->to / 12);
	put(o, "三、整改\n");
	struct rectification z;
	int rows = 0, rc = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (rectify_load(s, sqlite3_column_int64(st, 0), &z, e)) {
			rc = e ? e->code : DJ_DB;
			break;
		}
		size_t cut = strcspn(z.problem, "\n");
		put(o, "  %s（%s）：%.*s；整改期限 %s，%s%s%s\n", z.org, z.origin, (int)cut,
		    *z.problem ? z.problem : "未填写问题", z.deadline, z.status,
		    *z.accepted_on ? "，验收于 " : "", z.accepted_on);
		rows++;
	}
	sqlite3_finalize(st);
	if (!rc && rows == 0)
		put(o, "  期间没有整改记录\n");
	return rc;
}

/* ---- 发展党员 and dues ---- */

static int development(struct session *s, const struct rv_facts *a, struct out *o,
                       struct dj_err *e)
{
	long n[DEV_NSTAGES];
	char now[11];
	if (dev_stage_counts(s, a->org_id, n))
		return db_fail(s->db, e, "读取发展党员");
	put(o, "四、发展党员（截至 %s）：", today(now));
	for (int i = 0; i < DEV_NSTAGES; i++)
		put(o, "%s%s %ld 人", i ? "，" : "", dev_stage_names[i], n[i]);
	put(o, "\n");
	return 0;
}

static int dues(struct session *s, const struct rv_facts *a, const struct period *p,
                struct out *o, struct dj_err *e)
{
	struct dues_totals sum = { 0 }, t;
	char month[8], label[64], due[32], paid[32], owed[32];
	for (int m = p->from; m <= p->to; m++) {
		month_text(m, month);
		struct row_source *rs = dues_month_source(s, a->org_id, month, &t, e);
		if (!rs)
			return e ? e->code : DJ_DB;
		row_source_free(rs);
		sum.due += t.due;
		sum.paid += t.paid;
		sum.owed += t.owed;
	}
	span_label(p, label, sizeof label);
	format_money(sum.due, due, sizeof due);
	format_money(sum.paid, paid, sizeof paid);
	format_money(sum.owed, owed, sizeof owed);
	put(o, "五、党费（%s）：应交 %s 元，实交 %s 元，欠交 %s 元\n", label, due, paid, owed);
	return 0;
}

int review_evidence(struct session *s, int64_t app_id, char *buf, size_t cap, struct dj_err *e)
{
	struct rv_facts a;
	struct period p;
	struct out o = { buf, cap, 0 };
	buf[0] = 0;
	if (rv_facts_load(s, app_id, &a, e))
		return e ? e->code : DJ_DB;
	put(&o, "【台账记录】%s 及所属组织\n", a.org);
	if (span_of(&a, &p)) {
		put(&o, "  批次期间自 %s 起，尚未开始，暂无记录\n", a.first_stage);
		return 0;
	}
	int rc = meetings(s, &a, &p, &o, e);
	if (!rc)
		rc = grades(s, &a, &p, &o, e);
	if (!rc)
		rc = rectifications(s, &a, &p, &o, e);
	if (!rc)
		rc = development(s, &a, &o, e);
	if (!rc)
		rc = dues(s, &a, &p, &o, e);
	/* The honours module (党员示范岗、先进党支部 …) adds its line here once
	 * it exists; until then nothing is said about honours. */
	return rc;
}
