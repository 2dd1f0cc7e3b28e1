/* devstep_rules.c — the rules of the 细则's steps: what a recorded step must
 * hold, the order of the steps and the case's dates, what a transition
 * requires, the 考察 every half year, the 公示 length (a time rule), and
 * each step's state on a case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/text.h"
#include "core/validate.h"
#include "member/devstep.h"
#include "member/member.h"

int dev_working_days(const char *a, const char *b)
{
	long span = date_diff_days(a, b), n = 0;
	long first = date_diff_days("1970-01-05", a);   /* a Monday */
	for (long i = 0; i <= span && i < 400; i++)
		if ((((first + i) % 7) + 7) % 7 < 5)
			n++;
	return (int)n;
}

/* ---- the dates a rule compares -------------------------------------------- */

static const struct { const char *field, *label; size_t off; } case_dates[] = {
#define F(f, l) { #f, l, offsetof(struct dev_case, f) }
	F(applied_on, "递交申请日期"), F(talked_on, "谈话日期"), F(sworn_on, "入党宣誓日期"),
	F(activist_on, "确定积极分子日期"),
	F(candidate_on, "确定发展对象日期"), F(vetted_on, "政审日期"),
	F(branch_meeting_on, "支部大会日期"), F(approved_on, "党委审批日期"),
	F(confirmed_on, "转正日期"),
#undef F
};

struct point {
	const char *value;   /* "" when not recorded */
	char label[96];      /* 「递交申请日期」, 「发展对象公示」结束日期 */
	char name[96];       /* 「…」 alone */
	const char *field;   /* the case field, or NULL for a step's date */
	const struct dev_step *row;
};

/* A case field by name, or a step's date ("发展对象公示:until" its end). */
static void point_of(const struct dev_case *c, const struct dev_step *rows, int n,
                     const char *name, struct point *p)
{
	memset(p, 0, sizeof *p);
	p->value = "";
	for (size_t i = 0; i < sizeof case_dates / sizeof *case_dates; i++)
		if (strcmp(case_dates[i].field, name) == 0) {
			p->value = (const char *)c + case_dates[i].off;
			p->field = case_dates[i].field;
			snprintf(p->label, sizeof p->label, "「%s」", case_dates[i].label);
			snprintf(p->name, sizeof p->name, "%s", p->label);
			return;
		}
	char key[32];
	snprintf(key, sizeof key, "%s", name);
	char *until = strchr(key, ':');
	if (until)
		*until = 0;
	const struct dev_step_def *d = dev_step_find(key);
	snprintf(p->name, sizeof p->name, "「%s」", d ? d->label : key);
	snprintf(p->label, sizeof p->label, "%s%s", p->name, until ? "结束日期 " : "");
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].step, key) == 0) {
			p->value = until ? rows[i].until_on : rows[i].done_on;
			p->row = &rows[i];
		}
}

/* Earlier, later; strict: the later must come after the day the earlier
 * ends (a 公示 has ended only when its last day is over). */
static const struct { const char *a, *b; int strict; } order[] = {
	{ "applied_on", "推荐", 0 }, { "推荐", "activist_on", 0 },
	{ "activist_on", "积极分子备案", 0 }, { "activist_on", "听取意见", 0 },
	{ "听取意见", "candidate_on", 0 }, { "candidate_on", "发展对象公示", 0 },
	{ "发展对象公示", "发展对象公示:until", 0 },
	{ "发展对象公示:until", "branch_meeting_on", 1 },
	{ "candidate_on", "发展对象备案", 0 }, { "candidate_on", "支委会审查", 0 },
	{ "支委会审查", "上级预审", 0 }, { "发展对象公示:until", "上级预审", 1 },
	{ "vetted_on", "上级预审", 0 }, { "上级预审", "入党志愿书", 0 },
	{ "上级预审", "branch_meeting_on", 0 }, { "入党志愿书", "branch_meeting_on", 0 },
	{ "branch_meeting_on", "派人谈话", 0 }, { "派人谈话", "approved_on", 0 },
	{ "approved_on", "审批备案", 0 }, { "branch_meeting_on", "编入党小组", 0 },
	{ "branch_meeting_on", "转正申请", 0 }, { "转正申请", "转正公示", 0 },
	{ "转正公示", "转正公示:until", 0 }, { "转正公示:until", "confirmed_on", 1 },
	{ "转正申请", "confirmed_on", 0 },
};

/* The first pair out of order; only pairs touching `only` (a step row)
 * when it is given, else only pairs with a case field. */
static int check_order(const struct dev_case *c, const struct dev_step *rows, int n,
                       const struct dev_step *only, struct dj_err *e)
{
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		struct point a, b;
		point_of(c, rows, n, order[i].a, &a);
		point_of(c, rows, n, order[i].b, &b);
		if (!*a.value || !*b.value)
			continue;
		if (only ? a.row != only && b.row != only : !a.field && !b.field)
			continue;
		int cmp = strcmp(b.value, a.value);
		if (cmp > 0 || (cmp == 0 && !order[i].strict))
			continue;
		const char *field = only ? (b.row == only ? (strchr(order[i].b, ':') ? "until_on" : "done_on")
		                                          : (strchr(order[i].a, ':') ? "until_on" : "done_on"))
		                         : (b.field ? b.field : a.field);
		if (order[i].strict)   /* the earlier is a 公示's end: short, for one message line */
			return dj_fail(e, DJ_INVALID, field, "%s%s 须在%s结束（%s）之后", b.label, b.value,
			               a.name, a.value);
		return dj_fail(e, DJ_INVALID, field, "%s%s 早于%s%s", b.label, b.value, a.label, a.value);
	}
	return 0;
}

/* ---- one step -------------------------------------------------------------- */

static int check_date(const char *v, const char *label, const char *field, int future_ok,
                      char norm[11], struct dj_err *e)
{
	char why[WHY_MAX], now[11];
	if (!*v)
		return dj_fail(e, DJ_INVALID, field, "「%s」不能为空", label);
	if (valid_date(v, norm, why))
		return dj_fail(e, DJ_INVALID, field, "「%s」%s：%s", label, why, v);
	if (!future_ok && strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, field, "「%s」%s 在今天之后", label, norm);
	return 0;
}

static int check_votes(struct dev_step *r, struct dj_err *e)
{
	char why[WHY_MAX];
	long v, of;
	if (!*r->votes)
		return dj_fail(e, DJ_INVALID, "votes", "「得票」不能为空");
	if (parse_int(r->votes, 0, 9999, &v, why))
		return dj_fail(e, DJ_INVALID, "votes", "「得票」%s：%s", why, r->votes);
	if (!*r->of_votes)
		return dj_fail(e, DJ_INVALID, "of_votes", "「应到人数」不能为空");
	if (parse_int(r->of_votes, 1, 9999, &of, why))
		return dj_fail(e, DJ_INVALID, "of_votes", "「应到人数」%s：%s", why, r->of_votes);
	if (v > of)
		return dj_fail(e, DJ_INVALID, "votes", "「得票」%ld 多于「应到人数」%ld", v, of);
	return 0;
}

static int branch_has_groups(struct session *s, int64_t branch_id)
{
	sqlite3_stmt *st;
	int found = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM org WHERE parent_id = ? AND kind = '党小组'"
	                       " AND status = '正常'", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, branch_id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static int check_number(struct session *s, const struct dev_step_def *d, const struct dev_step *r,
                        const struct dev_case *c, struct dj_err *e)
{
	int is_group = strcmp(d->key, "编入党小组") == 0;
	if (!*r->number && is_group && !branch_has_groups(s, c->org_id))
		return 0;   /* a branch without 党小组: 编入党支部 alone */
	if (!*r->number)
		return dj_fail(e, DJ_INVALID, "number", "「%s」不能为空%s", d->number_label,
		               is_group ? "（本支部设有党小组）" : "");
	if (strcmp(d->key, "推荐") == 0 && strcmp(r->number, "党员推荐") != 0 &&
	    strcmp(r->number, "群团推优") != 0)
		return dj_fail(e, DJ_INVALID, "number", "「推荐方式」应为 党员推荐 或 群团推优：%s",
		               r->number);
	if (is_group && !member_group_id(s, c->org_id, r->number, NULL, 0))
		return dj_fail(e, DJ_INVALID, "number", "「党小组」「%s」不是%s的党小组",
		               r->number, c->org);
	return 0;
}

/* A step may be recorded from the stage before the one requiring it, and
 * later too (an older case's steps filled in), until the case is closed. */
static int check_stage(const struct dev_step_def *d, const struct dev_case *c, struct dj_err *e)
{
	int at = dev_stage_of(c->stage);
	if (at == DEV_FULL || at == DEV_ENDED)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」已%s，记录只能查看", c->name,
		               at == DEV_FULL ? "转正" : "终止培养");
	if (d->required - 1 > at)
		return dj_fail(e, DJ_INVALID, "done_on", "「%s」要到%s阶段才能记录（现为%s）", d->label,
		               dev_stage_names[d->required - 1], c->stage);
	return 0;
}

static int check_own(struct session *s, const struct dev_step_def *d, struct dev_step *r,
                     const struct dev_case *c, struct dj_err *e)
{
	char norm[11];
	const struct text_field f[] = {
		{ "number", d->number_label ? d->number_label : "编号", r->number, 0 },
		{ "note", d->note_label ? d->note_label : "说明", r->note, 1 },
	};
	utf8_trim(r->number);
	if (valid_texts(f, 2, e) || check_stage(d, c, e))
		return DJ_INVALID;
	if (check_date(r->done_on, strcmp(d->key, "考察") == 0 ? "考察日期" : (d->has & DS_UNTIL)
	               ? "公示开始日期" : "日期", "done_on", 0, norm, e))
		return DJ_INVALID;
	memcpy(r->done_on, norm, sizeof norm);
	if (d->has & DS_UNTIL) {
		if (check_date(r->until_on, "公示结束日期", "until_on", 1, norm, e))
			return DJ_INVALID;
		memcpy(r->until_on, norm, sizeof norm);
	} else {
		r->until_on[0] = 0;
	}
	if ((d->has & DS_VOTES) && check_votes(r, e))
		return DJ_INVALID;
	if (!(d->has & DS_VOTES))
		r->votes[0] = r->of_votes[0] = 0;
	if (!(d->has & DS_NUMBER))
		r->number[0] = 0;
	else if (check_number(s, d, r, c, e))
		return DJ_INVALID;
	return 0;
}

/* The case's rows with r in place of its stored self (or added). */
static int rows_with(struct session *s, const struct dev_step *r, struct dev_step **rows,
                     int *n, const struct dev_step **self, struct dj_err *e)
{
	*n = dev_step_list(s, r->case_id, rows, e);
	if (*n < 0)
		return DJ_DB;
	int at = *n;
	for (int i = 0; i < *n; i++)
		if (r->id && (*rows)[i].id == r->id)
			at = i;
	if (at == *n) {
		struct dev_step *more = realloc(*rows, (size_t)(*n + 1) * sizeof **rows);
		if (!more)
			return dj_fail(e, DJ_DB, NULL, "内存不足");
		*rows = more;
		(*n)++;
	}
	(*rows)[at] = *r;
	*self = &(*rows)[at];
	return 0;
}

int dev_step_check_row(struct session *s, struct dev_step *r, const struct dev_case *c,
                       struct dj_err *e)
{
	const struct dev_step_def *d = dev_step_find(r->step);
	if (!d || !(d->has & DS_ROW))
		return dj_fail(e, DJ_INVALID, NULL, "没有这个发展程序步骤：%s", r->step);
	if (check_own(s, d, r, c, e))
		return DJ_INVALID;
	struct dev_step *rows = NULL;
	const struct dev_step *self = NULL;
	int n, rc = rows_with(s, r, &rows, &n, &self, e);
	if (rc)
		return rc;
	for (int i = 0; i < n && !rc; i++)
		if (&rows[i] != self && strcmp(rows[i].step, r->step) == 0 &&
		    (!(d->has & DS_REPEAT) || strcmp(rows[i].done_on, r->done_on) == 0))
			rc = dj_fail(e, DJ_INVALID, "done_on", (d->has & DS_REPEAT)
			             ? "%s 已有一条「%s」记录" : "%s已记录过「%s」，请修改那一条",
			             (d->has & DS_REPEAT) ? r->done_on : "", d->label);
	if (!rc && strcmp(d->key, "考察") == 0 && *c->candidate_on &&
	    strcmp(r->done_on, c->candidate_on) > 0)
		rc = dj_fail(e, DJ_INVALID, "done_on", "「考察日期」%s 晚于「确定发展对象日期」%s"
		             "（培养考察是积极分子阶段的记录）", r->done_on, c->candidate_on);
	if (!rc && strcmp(d->key, "考察") == 0 && *c->activist_on &&
	    strcmp(r->done_on, c->activist_on) < 0)
		rc = dj_fail(e, DJ_INVALID, "done_on", "「考察日期」%s 早于「确定积极分子日期」%s",
		             r->done_on, c->activist_on);
	if (!rc)
		rc = check_order(c, rows, n, self, e);
	free(rows);
	return rc;
}

int dev_step_group(struct session *s, const struct dev_case *c, const struct dev_step *r,
                   struct dj_err *e)
{
	struct member m;
	if (strcmp(r->step, "编入党小组") != 0 || !c->member_id)
		return 0;
	if (member_load(s, c->member_id, &m, e))
		return e ? e->code : DJ_DB;
	if (strcmp(m.group, r->number) == 0)
		return 0;
	snprintf(m.group, sizeof m.group, "%s", r->number);
	return member_save(s, &m, 1, e) ? (e ? e->code : DJ_INVALID) : 0;
}

/* ---- a transition's steps --------------------------------------------------- */

static const struct dev_step *row_of(const struct dev_step *rows, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].step, key) == 0)
			return &rows[i];
	return NULL;
}

/* The field of the transition's own date, where the cursor goes. */
static const char *transition_field(enum dev_stage to)
{
	static const char *const f[] = { "applied_on", "activist_on", "candidate_on",
	                                 "branch_meeting_on", "confirmed_on", "ended_on" };
	return f[to];
}

/* Half year after half year from 确定积极分子 to 确定发展对象, each with a 考察. */
static int check_survey(const struct dev_rules *r, const struct dev_case *c,
                        const struct dev_step *rows, int n, struct dj_err *e)
{
	char from[11], to[11];
	if (!*c->activist_on || !*c->candidate_on)
		return 0;
	for (int k = 0; k < 20; k++) {
		date_add_months(c->activist_on, k * r->survey_months, from);
		date_add_months(c->activist_on, (k + 1) * r->survey_months, to);
		if (strcmp(to, c->candidate_on) > 0)
			return 0;
		int found = 0;
		for (int i = 0; i < n && !found; i++)
			found = strcmp(rows[i].step, "考察") == 0 && strcmp(rows[i].done_on, to) <= 0 &&
			        (k == 0 ? strcmp(rows[i].done_on, from) >= 0 : strcmp(rows[i].done_on, from) > 0);
		if (!found)
			return dj_fail(e, DJ_INVALID, "candidate_on", "确定为发展对象须每 %d 个月有一次"
			               "「培养教育考察」记录：缺 %s 至 %s 的考察（在发展程序中记录）",
			               r->survey_months, from, to);
	}
	return 0;
}

static int check_required(const struct dev_rules *r, const struct dev_case *c,
                          const struct dev_step *rows, int n, enum dev_stage to,
                          struct dj_err *e)
{
	for (int i = 0; i < dev_nsteps; i++) {
		const struct dev_step_def *d = &dev_steps[i];
		if (!(d->has & DS_ROW) || d->required != (int)to || dev_step_is_optional(r, d))
			continue;
		if (!row_of(rows, n, d->key))
			return dj_fail(e, DJ_INVALID, transition_field(to), "%s须先在发展程序中记录「%s」",
			               dev_transition(to - 1, to) ? dev_transition(to - 1, to)->label : "",
			               d->label);
	}
	const struct dev_step_def *survey = dev_step_find("考察");
	if (to == DEV_CANDIDATE && !dev_step_is_optional(r, survey))
		return check_survey(r, c, rows, n, e);
	return 0;
}

int dev_steps_check(struct session *s, const struct dev_rules *r, const struct dev_case *c,
                    enum dev_stage from, enum dev_stage to, struct dj_err *e)
{
	struct dev_step *rows = NULL;
	if (to == DEV_ENDED || !c->id)
		return 0;
	int n = dev_step_list(s, c->id, &rows, e), rc = 0;
	if (n < 0)
		return DJ_DB;
	/* the order first: it names what was just typed against a step (a
	 * 支部大会 before the 公示 has ended), before what is still to record */
	rc = check_order(c, rows, n, NULL, e);
	if (!rc && to != from)
		rc = check_required(r, c, rows, n, to, e);
	free(rows);
	return rc;
}

/* ---- the 公示 length ----------------------------------------------------------- */

static void notice_breach(struct session *s, const struct dev_rules *r, const struct dev_case *c,
                          const char *key, const char *rule, const char *field,
                          struct dev_breach *out, int *n)
{
	struct dev_step *rows = NULL;
	int k = dev_step_list(s, c->id, &rows, NULL);
	const struct dev_step *p = k > 0 ? row_of(rows, k, key) : NULL;
	if (p && *p->until_on) {
		int days = r->notice_workdays ? dev_working_days(p->done_on, p->until_on)
		                              : (int)date_diff_days(p->done_on, p->until_on) + 1;
		const char *unit = r->notice_workdays ? "个工作日" : "天";
		if (days < r->notice_days) {
			out[*n].rule = rule;
			out[*n].field = field;
			snprintf(out[*n].msg, sizeof out[*n].msg, "「%s」%s 至 %s 共 %d %s，不足 %d %s",
			         dev_step_find(key)->label, p->done_on, p->until_on, days, unit,
			         r->notice_days, unit);
			(*n)++;
		}
	}
	free(rows);
}

void dev_step_breaches(struct session *s, const struct dev_rules *r, const struct dev_case *c,
                       enum dev_stage at, struct dev_breach *out, int *n)
{
	if (!c->id || at == DEV_ENDED)
		return;
	if (at >= DEV_PROBATIONER)
		notice_breach(s, r, c, "发展对象公示", "notice_candidate", "branch_meeting_on", out, n);
	if (at >= DEV_FULL)
		notice_breach(s, r, c, "转正公示", "notice_probation", "confirmed_on", out, n);
}

/* ---- a step's state ---------------------------------------------------------- */

static void case_value(const struct dev_case *c, const struct dev_step_def *d, char *v, size_t cap)
{
	if (strcmp(d->field, "mentor1") == 0)
		snprintf(v, cap, "%s%s%s", c->mentor1, *c->mentor2 ? "、" : "", c->mentor2);
	else if (strcmp(d->field, "sponsor1") == 0)
		snprintf(v, cap, "%s%s%s", c->sponsor1, *c->sponsor2 ? "、" : "", c->sponsor2);
	else if (strcmp(d->field, "training_hours") == 0)
		snprintf(v, cap, "%s%s", c->training_hours, *c->training_hours ? " 学时" : "");
	else
		for (size_t i = 0; i < sizeof case_dates / sizeof *case_dates; i++)
			if (strcmp(case_dates[i].field, d->field) == 0)
				snprintf(v, cap, "%s", (const char *)c + case_dates[i].off);
}

static void row_note(const struct dev_step_def *d, const struct dev_step *rows, int n,
                     const struct dev_step *last, char *note, size_t cap)
{
	char now[11];
	today(now);
	if (d->has & DS_REPEAT) {
		int k = 0;
		for (int i = 0; i < n; i++)
			k += strcmp(rows[i].step, d->key) == 0;
		snprintf(note, cap, "共 %d 次", k);
	} else if (d->has & DS_UNTIL) {
		snprintf(note, cap, "至 %s%s", last->until_on, strcmp(last->until_on, now) >= 0
		         ? " 公示中" : "");
	} else if (d->has & DS_VOTES) {
		snprintf(note, cap, "%s %s/%s 票", last->number, last->votes, last->of_votes);
	} else if (d->has & DS_NUMBER) {
		snprintf(note, cap, "%s：%s", d->number_label, last->number);
	} else {
		snprintf(note, cap, "%s", last->note);
	}
}

enum dev_step_state dev_step_state(const struct dev_rules *r, const struct dev_case *c,
                                   const struct dev_step_def *d, const struct dev_step *rows,
                                   int n, char value[64], char *note, size_t cap)
{
	int at = dev_stage_of(c->stage);
	const struct dev_step *last = NULL;
	value[0] = note[0] = 0;
	if (d->has & DS_ROW) {
		for (int i = 0; i < n; i++)
			if (strcmp(rows[i].step, d->key) == 0)
				last = &rows[i];
		if (last) {
			snprintf(value, 64, "%s", last->done_on);
			row_note(d, rows, n, last, note, cap);
		}
	} else {
		case_value(c, d, value, 64);
	}
	if (at == DEV_ACTIVIST && (d->has & DS_REPEAT)) {
		char due[11];
		date_add_months(last ? last->done_on : c->activist_on, r->survey_months, due);
		snprintf(note + strlen(note), cap - strlen(note), "%s下次考察 %s", last ? "，" : "", due);
		return DSS_DUE;
	}
	char now[11];
	if (last && (d->has & DS_UNTIL) && strcmp(last->until_on, today(now)) >= 0 &&
	    at < d->required)
		return DSS_DUE;   /* a 公示 still running */
	if (*value)
		return DSS_DONE;
	if (at == DEV_ENDED || ((d->has & DS_ROW) && dev_step_is_optional(r, d)))
		return DSS_NA;
	if (d->required <= at)
		return DSS_MISSING;
	if (d->required == at + 1 || (d->required == DEV_NSTAGES && at == DEV_PROBATIONER))
		return DSS_DUE;
	return DSS_LATER;
}

int dev_steps_missing(const struct dev_rules *r, const struct dev_case *c,
                      const struct dev_step *rows, int n, char *out, size_t cap)
{
	int k = 0;
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < dev_nsteps; i++) {
		char value[64], note[128];
		const struct dev_step_def *d = &dev_steps[i];
		if (!(d->has & DS_ROW) ||
		    dev_step_state(r, c, d, rows, n, value, note, sizeof note) != DSS_MISSING)
			continue;
		int w = snprintf(out + len, cap - len, "%s%s", k ? "、" : "", d->label);
		if (w > 0 && (size_t)w < cap - len)
			len += (size_t)w;
		k++;
	}
	return k;
}
