/* devcase_rules.c — the development path's state machine and its rules:
 * which transitions exist, which milestones each stage needs, and the time
 * rules of DESIGN.md §6 with their [develop] settings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/validate.h"
#include "member/devcase.h"
#include "member/devstep.h"
#include "member/member.h"
#include "member/stats.h"

const char *const dev_stage_names[] = {
	"申请人", "积极分子", "发展对象", "预备党员", "正式党员", "终止", NULL,
};

int dev_stage_of(const char *name)
{
	for (int i = 0; dev_stage_names[i]; i++)
		if (strcmp(dev_stage_names[i], name) == 0)
			return i;
	return -1;
}

static const struct dev_transition transitions[] = {
	{ DEV_APPLICANT, DEV_ACTIVIST, "确定为入党积极分子",
	  "填写谈话日期、确定积极分子日期和两名培养联系人；在发展程序中记录推荐" },
	{ DEV_ACTIVIST, DEV_CANDIDATE, "确定为发展对象",
	  "填写确定发展对象日期（培养满一年）；发展程序中记录考察等" },
	{ DEV_CANDIDATE, DEV_PROBATIONER, "接收为预备党员",
	  "填写政审、学时、介绍人、支部大会和审批日期；发展程序中记录公示等" },
	{ DEV_PROBATIONER, DEV_FULL, "按期转正", "填写转正日期（预备期满之日）；发展程序中记录转正申请等" },
	{ DEV_APPLICANT, DEV_ENDED, "终止培养", "填写终止日期和终止原因" },
	{ DEV_ACTIVIST, DEV_ENDED, "终止培养", "填写终止日期和终止原因" },
	{ DEV_CANDIDATE, DEV_ENDED, "终止培养", "填写终止日期和终止原因" },
};
enum { NTRANSITIONS = sizeof transitions / sizeof *transitions };

int dev_transitions(enum dev_stage from, const struct dev_transition *out[2])
{
	int n = 0;
	for (int i = 0; i < NTRANSITIONS && n < 2; i++)
		if (transitions[i].from == from)
			out[n++] = &transitions[i];
	return n;
}

const struct dev_transition *dev_transition(enum dev_stage from, enum dev_stage to)
{
	for (int i = 0; i < NTRANSITIONS; i++)
		if (transitions[i].from == from && transitions[i].to == to)
			return &transitions[i];
	return NULL;
}

static int clamp(int v, int lo, int hi, int def)
{
	return v < lo || v > hi ? def : v;
}

void dev_rules_load(const struct config *c, struct dev_rules *r)
{
	const char *mode = c ? config_str(c, "develop:rules", "strict") : "strict";
	const char *who = c ? config_str(c, "develop:override_role", "admin") : "admin";
	r->warn = strcmp(mode, "warn") == 0;
	r->override_role = strcmp(who, "operator") == 0 ? ROLE_OPERATOR : ROLE_ADMIN;
#define GET(key, def) (c ? config_int(c, "develop:" key, def) : def)
	r->min_age = clamp(GET("min_age", 18), 14, 30, 18);
	r->activist_months = clamp(GET("activist_months", 12), 0, 60, 12);
	r->training_hours = clamp(GET("training_hours", 24), 0, 200, 24);
	r->probation_months = clamp(GET("probation_months", 12), 1, 36, 12);
	r->extension_min = clamp(GET("extension_min", 6), 1, 24, 6);
	r->extension_max = clamp(GET("extension_max", 12), r->extension_min, 24, 12);
	r->talk_days = clamp(GET("talk_days", 30), 1, 365, 30);
	r->remind_days = clamp(GET("remind_days", 30), 0, 365, 30);
	r->notice_days = clamp(GET("notice_days", 5), 1, 30, 5);
	r->notice_workdays = clamp(GET("notice_workdays", 1), 0, 1, 1);
	r->survey_months = clamp(GET("survey_months", 6), 1, 12, 6);
	r->filing_days = clamp(GET("filing_days", 30), 1, 365, 30);
#undef GET
	r->optional = dev_step_optional_mask(c ? config_str(c, "develop:optional", "") : "", NULL);
}

static const char *text_of(const struct dev_case *c, size_t off)
{
	return (const char *)c + off;
}

void dev_due_on(const struct dev_rules *r, const struct dev_case *c, char out[11])
{
	char met[11];
	out[0] = 0;
	if (valid_date(c->branch_meeting_on, met, NULL))
		return;
	long ext = 0;
	if (*c->extension)
		parse_int(c->extension, 0, 24, &ext, NULL);
	date_add_months(met, r->probation_months + (int)ext, out);
}

/* ---- milestones ---------------------------------------------------------- */

#define NEVER DEV_NSTAGES
struct milestone {
	const char *key, *label;
	size_t off;
	int from;       /* may be filled from this stage on */
	int required;   /* must be filled from this stage on (NEVER: optional) */
	int is_date;
};
#define MS(k, l, f, r, d) { #k, l, offsetof(struct dev_case, k), f, r, d }
static const struct milestone milestones[] = {
	MS(applied_on, "递交申请日期", DEV_APPLICANT, DEV_APPLICANT, 1),
	MS(talked_on, "谈话日期", DEV_APPLICANT, DEV_ACTIVIST, 1),
	MS(activist_on, "确定积极分子日期", DEV_ACTIVIST, DEV_ACTIVIST, 1),
	MS(mentor1, "培养联系人一", DEV_ACTIVIST, DEV_ACTIVIST, 0),
	MS(mentor2, "培养联系人二", DEV_ACTIVIST, DEV_ACTIVIST, 0),
	MS(training_hours, "培训学时", DEV_ACTIVIST, DEV_PROBATIONER, 0),
	MS(candidate_on, "确定发展对象日期", DEV_CANDIDATE, DEV_CANDIDATE, 1),
	MS(vetted_on, "政审日期", DEV_CANDIDATE, DEV_PROBATIONER, 1),
	MS(sponsor1, "入党介绍人一", DEV_CANDIDATE, DEV_PROBATIONER, 0),
	MS(sponsor2, "入党介绍人二", DEV_CANDIDATE, DEV_PROBATIONER, 0),
	MS(branch_meeting_on, "支部大会日期", DEV_PROBATIONER, DEV_PROBATIONER, 1),
	MS(approved_on, "党委审批日期", DEV_PROBATIONER, DEV_PROBATIONER, 1),
	MS(sworn_on, "入党宣誓日期", DEV_PROBATIONER, NEVER, 1),
	MS(extension, "延长预备期（月）", DEV_PROBATIONER, NEVER, 0),
	MS(confirmed_on, "转正日期", DEV_FULL, DEV_FULL, 1),
	MS(ended_on, "终止日期", DEV_ENDED, DEV_ENDED, 1),
	MS(end_reason, "终止原因", DEV_ENDED, DEV_ENDED, 0),
};
enum { NMILESTONES = sizeof milestones / sizeof *milestones };

static const struct milestone *milestone_of(const char *key)
{
	for (int i = 0; i < NMILESTONES; i++)
		if (strcmp(milestones[i].key, key) == 0)
			return &milestones[i];
	return NULL;
}

int dev_field_stage(const char *key)
{
	const struct milestone *m = milestone_of(key);
	return m ? m->from : -1;
}

/* The transition that enters a stage, for messages ("确定为发展对象须填写…"). */
static const char *entering(int stage)
{
	for (int i = 0; i < NTRANSITIONS; i++)
		if ((int)transitions[i].to == stage)
			return transitions[i].label;
	return "登记入党申请人";
}

/* Present when required, absent when not yet due.  The ended stage keeps
 * the milestones of wherever the case stopped. */
static int check_presence(const struct dev_case *c, enum dev_stage at, struct dj_err *e)
{
	for (int i = 0; i < NMILESTONES; i++) {
		const struct milestone *m = &milestones[i];
		const char *v = text_of(c, m->off);
		int ended_field = m->from == DEV_ENDED;
		if (at == DEV_ENDED && !ended_field)
			continue;
		if (*v && m->from > (int)at)
			return dj_fail(e, DJ_INVALID, m->key, "「%s」属于“%s”这一步，请按 F9 办理",
			               m->label, entering(m->from));
		if (!*v && m->required <= (int)at)
			return dj_fail(e, DJ_INVALID, m->key, "%s须填写「%s」", entering(m->required),
			               m->label);
	}
	return 0;
}

static int check_dates(const struct dev_case *c, struct dj_err *e)
{
	char why[WHY_MAX], norm[11], now[11];
	today(now);
	for (int i = 0; i < NMILESTONES; i++) {
		const struct milestone *m = &milestones[i];
		const char *v = text_of(c, m->off);
		if (!m->is_date || !*v)
			continue;
		if (valid_date(v, norm, why))
			return dj_fail(e, DJ_INVALID, m->key, "「%s」%s：%s", m->label, why, v);
		if (strcmp(norm, now) > 0)
			return dj_fail(e, DJ_INVALID, m->key, "「%s」%s 在今天之后", m->label, norm);
	}
	return 0;
}

/* Earlier milestone, later milestone: the later may not come first. */
static const char *const order[][2] = {
	{ "applied_on", "talked_on" }, { "applied_on", "activist_on" },
	{ "talked_on", "activist_on" }, { "activist_on", "candidate_on" },
	{ "candidate_on", "vetted_on" }, { "candidate_on", "branch_meeting_on" },
	{ "vetted_on", "branch_meeting_on" }, { "branch_meeting_on", "approved_on" },
	{ "approved_on", "sworn_on" }, { "branch_meeting_on", "confirmed_on" },
	{ "applied_on", "ended_on" },
};

static int check_order(const struct dev_case *c, struct dj_err *e)
{
	char a[11], b[11];
	if (valid_date(c->birth_date, a, NULL) == 0 && valid_date(c->applied_on, b, NULL) == 0 &&
	    strcmp(b, a) <= 0)
		return dj_fail(e, DJ_INVALID, "applied_on", "「递交申请日期」%s 早于出生日期 %s", b, a);
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		const struct milestone *x = milestone_of(order[i][0]), *y = milestone_of(order[i][1]);
		if (valid_date(text_of(c, x->off), a, NULL) || valid_date(text_of(c, y->off), b, NULL))
			continue;
		if (strcmp(b, a) < 0)
			return dj_fail(e, DJ_INVALID, y->key, "「%s」%s 早于「%s」%s", y->label, b, x->label, a);
	}
	if (*c->confirmed_on && strcmp(c->confirmed_on, c->branch_meeting_on) == 0)
		return dj_fail(e, DJ_INVALID, "confirmed_on", "「转正日期」不能与支部大会日期同一天");
	return 0;
}

static int check_pairs_and_numbers(const struct dev_rules *r, const struct dev_case *c,
                                   struct dj_err *e)
{
	char why[WHY_MAX];
	long n;
	if (*c->mentor1 && strcmp(c->mentor1, c->mentor2) == 0)
		return dj_fail(e, DJ_INVALID, "mentor2", "两名培养联系人不能是同一人：%s", c->mentor1);
	if (*c->sponsor1 && strcmp(c->sponsor1, c->sponsor2) == 0)
		return dj_fail(e, DJ_INVALID, "sponsor2", "两名入党介绍人不能是同一人：%s", c->sponsor1);
	if (*c->training_hours && parse_int(c->training_hours, 0, 999, &n, why))
		return dj_fail(e, DJ_INVALID, "training_hours", "「培训学时」%s：%s", why,
		               c->training_hours);
	if (*c->extension && strcmp(c->extension, "0") != 0 &&
	    parse_int(c->extension, r->extension_min, r->extension_max, &n, why))
		return dj_fail(e, DJ_INVALID, "extension", "「延长预备期（月）」应为 %d 至 %d 个月：%s",
		               r->extension_min, r->extension_max, c->extension);
	return 0;
}

static int check_person(struct session *s, const struct dev_case *c, enum dev_stage at,
                        struct dj_err *e)
{
	char why[WHY_MAX], birth[11];
	if (!*c->name)
		return dj_fail(e, DJ_INVALID, "name", "「姓名」不能为空");
	if (!*c->gender)
		return dj_fail(e, DJ_INVALID, "gender", "「性别」不能为空");
	if (strcmp(c->gender, "男") != 0 && strcmp(c->gender, "女") != 0)
		return dj_fail(e, DJ_INVALID, "gender", "「性别」应为 男 或 女：%s", c->gender);
	snprintf(birth, sizeof birth, "%s", c->birth_date);
	if (member_check_identity(c->id_number, birth, c->gender, e))
		return DJ_INVALID;
	if (!*birth)
		return dj_fail(e, DJ_INVALID, "birth_date", "「出生日期」不能为空");
	if (valid_date(birth, NULL, why))
		return dj_fail(e, DJ_INVALID, "birth_date", "「出生日期」%s：%s", why, birth);
	if (!*c->id_number && at >= DEV_PROBATIONER && at != DEV_ENDED)
		return dj_fail(e, DJ_INVALID, "id_number", "接收为预备党员须填写「身份证号」");
	if (*c->phone && valid_mobile(c->phone, why))
		return dj_fail(e, DJ_INVALID, "phone", "「联系电话」%s：%s", why, c->phone);
	if (!*c->org)
		return dj_fail(e, DJ_INVALID, "org", "「所在支部」不能为空（按 F4 选择）");
	if (!member_branch_id(s, c->org))
		return dj_fail(e, DJ_INVALID, "org", "「所在支部」「%s」不是现有的党支部（按 F4 选择）",
		               c->org);
	return 0;
}

/* One person has one open case, and a member is not an applicant. */
static int check_unique(struct session *s, const struct dev_case *c, enum dev_stage at,
                        struct dj_err *e)
{
	sqlite3_stmt *st;
	if (!*c->id_number || at >= DEV_PROBATIONER)
		return 0;   /* from 预备党员 on, the member record's own check applies */
	if (sqlite3_prepare_v2(s->db,
	        "SELECT name || '（' || stage || '）' FROM dev_case WHERE upper(id_number) = upper(?1)"
	        " AND id <> ?2 AND stage IN ('申请人','积极分子','发展对象','预备党员')"
	        " UNION ALL SELECT name || '（党员，' || status || '）' FROM member"
	        " WHERE id_number IN (upper(?1), lower(?1)) AND status NOT IN ('出党','去世')", -1, &st,
	        NULL) != SQLITE_OK)
		return db_fail(s->db, e, "检查身份证号");
	sqlite3_bind_text(st, 1, c->id_number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, c->id);
	int rc = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = dj_fail(e, DJ_INVALID, "id_number", "身份证号 %s 已登记为「%s」，不能重复登记",
		             c->id_number, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc;
}

/* Every text a message may quote back, before anything quotes it: no
 * control or invisible format character (core/validate.h). */
static int check_texts(const struct dev_case *c, struct dj_err *e)
{
#define T(f, label) { #f, label, c->f, 0 }
	const struct text_field f[] = {
		T(name, "姓名"), T(id_number, "身份证号"), T(gender, "性别"), T(birth_date, "出生日期"),
		T(ethnicity, "民族"), T(education, "学历"), T(phone, "联系电话"), T(job, "工作岗位"),
		T(org, "所在支部"), T(applied_on, "递交申请日期"), T(talked_on, "谈话日期"),
		T(activist_on, "确定积极分子日期"), T(training_hours, "培训学时"),
		T(mentor1, "培养联系人一"), T(mentor2, "培养联系人二"),
		T(candidate_on, "确定发展对象日期"), T(vetted_on, "政审日期"),
		T(sponsor1, "入党介绍人一"), T(sponsor2, "入党介绍人二"),
		T(branch_meeting_on, "支部大会日期"), T(approved_on, "党委审批日期"),
		T(sworn_on, "入党宣誓日期"), T(extension, "延长预备期（月）"),
		T(confirmed_on, "转正日期"), T(ended_on, "终止日期"), T(end_reason, "终止原因"),
		{ "notes", "备注", c->notes, 1 },
	};
#undef T
	return valid_texts(f, sizeof f / sizeof *f, e);
}

int dev_validate(struct session *s, const struct dev_case *c, enum dev_stage at,
                 struct dj_err *e)
{
	struct dev_rules r;
	char due[11];
	dev_rules_load(s->cfg, &r);
	if (check_texts(c, e) || check_person(s, c, at, e) || check_presence(c, at, e) || check_dates(c, e) ||
	    check_order(c, e) || check_pairs_and_numbers(&r, c, e) || check_unique(s, c, at, e))
		return e ? e->code : DJ_INVALID;
	dev_due_on(&r, c, due);
	if (at == DEV_FULL && strcmp(c->confirmed_on, due) > 0)
		return dj_fail(e, DJ_INVALID, "confirmed_on",
		               "「转正日期」应为预备期满之日 %s（支部大会 %s 起满预备期）", due,
		               c->branch_meeting_on);
	return 0;
}

/* ---- time rules ------------------------------------------------------------ */

struct time_rule {
	const char *rule;
	enum dev_stage stage;     /* checked when entering this stage */
	const char *inputs[3];    /* and again when one of these changes */
};
static const struct time_rule time_rules[] = {
	{ "age", DEV_APPLICANT, { "birth_date", "applied_on", NULL } },
	{ "activist_time", DEV_CANDIDATE, { "activist_on", "candidate_on", NULL } },
	{ "training", DEV_PROBATIONER, { "training_hours", NULL, NULL } },
	{ "sponsors", DEV_PROBATIONER, { "sponsor1", "sponsor2", NULL } },
	{ "probation", DEV_FULL, { "confirmed_on", "branch_meeting_on", "extension" } },
	/* the 公示 are steps (devstep.h): checked when entering the stage */
	{ "notice_candidate", DEV_PROBATIONER, { NULL, NULL, NULL } },
	{ "notice_probation", DEV_FULL, { NULL, NULL, NULL } },
};
enum { NTIME_RULES = sizeof time_rules / sizeof *time_rules };

static const struct time_rule *time_rule_of(const char *rule)
{
	for (int i = 0; i < NTIME_RULES; i++)
		if (strcmp(time_rules[i].rule, rule) == 0)
			return &time_rules[i];
	return NULL;
}

/* A field by key in either struct layout used here. */
static const char *field_text(const struct dev_case *c, const char *key)
{
	const struct milestone *m = milestone_of(key);
	if (m)
		return text_of(c, m->off);
	return strcmp(key, "birth_date") == 0 ? c->birth_date : "";
}

int dev_breach_relevant(const struct dev_breach *b, enum dev_stage from, enum dev_stage to,
                        const struct dev_case *old, const struct dev_case *now)
{
	const struct time_rule *t = time_rule_of(b->rule);
	if (!t)
		return 0;
	if (!old || (t->stage > from && t->stage <= to))
		return 1;
	for (int i = 0; i < 3 && t->inputs[i]; i++)
		if (strcmp(field_text(old, t->inputs[i]), field_text(now, t->inputs[i])) != 0)
			return 1;
	return 0;
}

static int is_full_member(struct session *s, const char *name)
{
	sqlite3_stmt *st;
	int found = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM member WHERE name = ? AND category = '正式党员'"
	                       " AND status = '正常'", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static void add_breach(struct dev_breach out[DEV_MAX_BREACHES], int *n, const char *rule, const char *field,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void add_breach(struct dev_breach out[DEV_MAX_BREACHES], int *n, const char *rule, const char *field,
                       const char *fmt, ...)
{
	va_list ap;
	out[*n].rule = rule;
	out[*n].field = field;
	va_start(ap, fmt);
	vsnprintf(out[*n].msg, sizeof out[*n].msg, fmt, ap);
	va_end(ap);
	(*n)++;
}

static void sponsor_breach(struct session *s, const struct dev_case *c, struct dev_breach out[DEV_MAX_BREACHES],
                           int *n)
{
	const char *bad[2];
	int k = 0;
	if (*c->sponsor1 && !is_full_member(s, c->sponsor1))
		bad[k++] = c->sponsor1;
	if (*c->sponsor2 && !is_full_member(s, c->sponsor2))
		bad[k++] = c->sponsor2;
	if (k)
		add_breach(out, n, "sponsors", bad[0] == c->sponsor1 ? "sponsor1" : "sponsor2",
		           "入党介绍人%s%s%s不是登记在册的正式党员", bad[0],
		           k > 1 ? "、" : "", k > 1 ? bad[1] : "");
}

int dev_time_breaches(struct session *s, const struct dev_rules *r, const struct dev_case *c,
                      enum dev_stage at, struct dev_breach out[DEV_MAX_BREACHES])
{
	int n = 0;
	char limit[11], due[11];
	if (at == DEV_ENDED)
		return 0;
	int age = member_age(c->birth_date, c->applied_on);
	if (age >= 0 && age < r->min_age)
		add_breach(out, &n, "age", "applied_on", "递交入党申请时（%s）年龄 %d 岁，未满 %d 周岁",
		           c->applied_on, age, r->min_age);
	if (at >= DEV_CANDIDATE && *c->activist_on && *c->candidate_on) {
		date_add_months(c->activist_on, r->activist_months, limit);
		if (strcmp(c->candidate_on, limit) < 0)
			add_breach(out, &n, "activist_time", "candidate_on",
			           "培养未满 %d 个月：%s 确定为积极分子，%s 期满", r->activist_months,
			           c->activist_on, limit);
	}
	if (at >= DEV_PROBATIONER && *c->training_hours && atol(c->training_hours) < r->training_hours)
		add_breach(out, &n, "training", "training_hours", "集中培训 %s 学时，不足 %d 学时",
		           c->training_hours, r->training_hours);
	if (at >= DEV_PROBATIONER)
		sponsor_breach(s, c, out, &n);
	dev_due_on(r, c, due);
	if (at == DEV_FULL && *due && *c->confirmed_on && strcmp(c->confirmed_on, due) < 0)
		add_breach(out, &n, "probation", "confirmed_on",
		           "转正日期 %s 早于预备期满之日 %s", c->confirmed_on, due);
	dev_step_breaches(s, r, c, at, out, &n);
	return n;
}
