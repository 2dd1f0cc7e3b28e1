/* 发展党员: the state machine, the milestones each stage needs, the time
 * rules in strict and warn mode, the member record the path creates, and
 * the 提醒 list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <cmocka.h>

#include "core/validate.h"
#include "fixture.h"
#include "member/devcase.h"
#include "member/devstep.h"

static int setup(void **state)
{
	struct fixture *f = fx_open();
	/* two 正式党员 who can introduce applicants */
	fx_add(f->s, fx_member("老党员甲", "男", "1960-01-01", "东村党支部"));
	fx_add(f->s, fx_member("老党员乙", "女", "1962-02-02", "东村党支部"));
	fx_org(f->s, "东村第一党小组", "党小组", "东村党支部");
	*state = f;
	return 0;
}

#define SET(field, v) snprintf((field), sizeof(field), "%s", (v))

static struct dev_case applicant(const char *name, const char *birth, const char *applied, int seq)
{
	struct dev_case c;
	memset(&c, 0, sizeof c);
	SET(c.name, name);
	SET(c.gender, seq % 2 ? "男" : "女");
	SET(c.birth_date, birth);
	fx_id(c.id_number, birth, seq);
	SET(c.org, "东村党支部");
	SET(c.applied_on, applied);
	return c;
}

static int save(struct fixture *f, struct dev_case *c, enum dev_stage to, struct dj_err *e)
{
	return dev_save(f->s, c, to, NULL, 0, NULL, e);
}

static void date_add_days(const char *d, int days, char out[11])
{
	struct tm t = { 0 };
	sscanf(d, "%d-%d-%d", &t.tm_year, &t.tm_mon, &t.tm_mday);
	t.tm_year -= 1900;
	t.tm_mon -= 1;
	t.tm_mday += days;
	t.tm_hour = 12;
	mktime(&t);
	strftime(out, 11, "%Y-%m-%d", &t);
}

/* Records a step of the 发展程序 (devstep.h) on `date` plus `days`; a 公示
 * lasts ten days.  A refusal is left to the transition to report (it
 * names the step it lacks). */
static void step(struct fixture *f, const struct dev_case *c, const char *key, const char *date,
                 int days)
{
	struct dev_step r;
	struct dj_err e;
	memset(&r, 0, sizeof r);
	r.case_id = c->id;
	SET(r.step, key);
	date_add_days(date, days, r.done_on);
	if (strstr(key, "公示"))
		date_add_days(r.done_on, 9, r.until_on);
	if (strcmp(key, "推荐") == 0)
		SET(r.number, "党员推荐"), SET(r.votes, "8"), SET(r.of_votes, "9");
	if (strcmp(key, "入党志愿书") == 0)
		SET(r.number, "2024001");
	if (strcmp(key, "编入党小组") == 0)
		SET(r.number, "东村第一党小组");
	dev_step_save(f->s, &r, 0, &e);
}

/* The steps of the 细则 the transition into `to` requires (test_devstep.c
 * tests them), dated from the case's own dates, so that these tests see
 * only the rules of the case form. */
static void papers_for(struct fixture *f, const struct dev_case *c, enum dev_stage to)
{
	char d[11];
	if (!c->id || to == DEV_ENDED)
		return;
	if (to == DEV_ACTIVIST && *c->activist_on)
		step(f, c, "推荐", c->activist_on, 0);
	if (to == DEV_CANDIDATE && *c->activist_on && *c->candidate_on) {
		step(f, c, "积极分子备案", c->activist_on, 0);
		for (int k = 1; k < 10; k++) {
			date_add_months(c->activist_on, 6 * k, d);
			if (strcmp(d, c->candidate_on) > 0)
				break;
			step(f, c, "考察", d, 0);
		}
		step(f, c, "听取意见", c->candidate_on, 0);
	}
	if (to == DEV_PROBATIONER && *c->candidate_on && *c->branch_meeting_on) {
		step(f, c, "发展对象公示", c->candidate_on, 1);
		step(f, c, "发展对象备案", c->candidate_on, 0);
		step(f, c, "支委会审查", c->candidate_on, 0);
		date_add_days(c->candidate_on, 11, d);
		if (*c->vetted_on && strcmp(c->vetted_on, d) > 0)
			snprintf(d, sizeof d, "%s", c->vetted_on);
		step(f, c, "上级预审", d, 0);
		step(f, c, "入党志愿书", d, 0);
		step(f, c, "派人谈话", c->branch_meeting_on, 0);
	}
	if (to == DEV_FULL && *c->confirmed_on && *c->approved_on) {
		step(f, c, "审批备案", c->approved_on, 0);
		step(f, c, "编入党小组", c->approved_on, 0);
		step(f, c, "转正申请", c->confirmed_on, -20);
		step(f, c, "转正公示", c->confirmed_on, -15);
	}
}

static void must_refuse(struct fixture *f, struct dev_case *c, enum dev_stage to,
                        const char *field, const char *words)
{
	struct dj_err e;
	int64_t version = c->version;
	papers_for(f, c, to);
	int rc = save(f, c, to, &e);
	if (rc == 0 || (field && strcmp(e.field, field) != 0) || !strstr(e.msg, words))
		fail_msg("expected refusal on %s with \"%s\", got %d on \"%s\": %s", field ? field : "-",
		         words, rc, e.field, e.msg);
	assert_int_equal(c->version, version);
}

static void must_save(struct fixture *f, struct dev_case *c, enum dev_stage to)
{
	struct dj_err e;
	papers_for(f, c, to);
	if (save(f, c, to, &e))
		fail_msg("save to %s refused on %s: %s", dev_stage_names[to], e.field, e.msg);
	assert_string_equal(c->stage, dev_stage_names[to]);
}

/* What 确定为入党积极分子 asks for: the talk, the date, and the setup's two
 * 正式党员 as 培养联系人. */
static void activist_papers(struct dev_case *c, const char *talked, const char *activist)
{
	SET(c->talked_on, talked);
	SET(c->activist_on, activist);
	SET(c->mentor1, "老党员甲");
	SET(c->mentor2, "老党员乙");
}

/* What 接收为预备党员 asks for: 政审, training hours, 老党员甲 and `sponsor2`
 * as 入党介绍人, the 支部大会 and the approval. */
static void probation_papers(struct dev_case *c, const char *vetted, const char *hours,
                             const char *sponsor2, const char *meeting, const char *approved)
{
	SET(c->vetted_on, vetted);
	SET(c->training_hours, hours);
	SET(c->sponsor1, "老党员甲");
	SET(c->sponsor2, sponsor2);
	SET(c->branch_meeting_on, meeting);
	SET(c->approved_on, approved);
}

/* Takes a registered applicant to `to` with dates that meet every rule,
 * counted from `start` (the application). */
static void walk(struct fixture *f, struct dev_case *c, enum dev_stage to, const char *start)
{
	char d[11], d2[11];
	if (to >= DEV_ACTIVIST) {
		date_add_months(start, 1, d);
		date_add_months(start, 2, d2);
		activist_papers(c, d, d2);
		must_save(f, c, DEV_ACTIVIST);
	}
	if (to >= DEV_CANDIDATE) {
		date_add_months(start, 14, d);
		SET(c->candidate_on, d);
		must_save(f, c, DEV_CANDIDATE);
	}
	if (to >= DEV_PROBATIONER) {
		date_add_months(start, 15, d);
		date_add_months(start, 16, d2);
		probation_papers(c, d, "24", "老党员乙", d2, d2);
		must_save(f, c, DEV_PROBATIONER);
	}
}

/* A case registered on `applied` and walked on to `to`. */
static struct dev_case walked(struct fixture *f, const char *name, const char *birth,
                              const char *applied, int seq, enum dev_stage to)
{
	struct dev_case c = applicant(name, birth, applied, seq);
	must_save(f, &c, DEV_APPLICANT);
	walk(f, &c, to, applied);
	return c;
}

static void machine_allows_only_its_steps(void **state)
{
	(void)state;
	const struct dev_transition *t[2];
	assert_int_equal(dev_transitions(DEV_APPLICANT, t), 2);
	assert_int_equal(t[0]->to, DEV_ACTIVIST);
	assert_string_equal(t[0]->label, "确定为入党积极分子");
	assert_int_equal(t[1]->to, DEV_ENDED);
	assert_int_equal(dev_transitions(DEV_CANDIDATE, t), 2);
	assert_int_equal(t[0]->to, DEV_PROBATIONER);
	assert_int_equal(dev_transitions(DEV_PROBATIONER, t), 1);
	assert_int_equal(t[0]->to, DEV_FULL);
	assert_int_equal(dev_transitions(DEV_FULL, t), 0);
	assert_int_equal(dev_transitions(DEV_ENDED, t), 0);
	assert_null(dev_transition(DEV_APPLICANT, DEV_CANDIDATE));
	assert_null(dev_transition(DEV_PROBATIONER, DEV_ENDED));
	assert_int_equal(dev_stage_of("发展对象"), DEV_CANDIDATE);
	assert_int_equal(dev_stage_of("群众"), -1);
}

static void registering_an_applicant(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = applicant("王小明", "2005-03-01", "", 11);
	must_refuse(f, &c, DEV_APPLICANT, "applied_on", "登记入党申请人须填写「递交申请日期」");
	SET(c.applied_on, "2023-02-28");
	must_refuse(f, &c, DEV_APPLICANT, "applied_on", "年龄 17 岁，未满 18 周岁");
	SET(c.applied_on, "2023-03-01");
	SET(c.activist_on, "2023-05-01");
	must_refuse(f, &c, DEV_APPLICANT, "activist_on", "属于“确定为入党积极分子”这一步");
	c.activist_on[0] = 0;
	must_refuse(f, &c, DEV_ACTIVIST, NULL, "新登记的只能是入党申请人");
	SET(c.org, "南村党总支");
	must_refuse(f, &c, DEV_APPLICANT, "org", "不是现有的党支部");
	SET(c.org, "东村党支部");
	c.id_number[17] = c.id_number[17] == '9' ? '8' : '9';
	must_refuse(f, &c, DEV_APPLICANT, "id_number", "校验位错误");
	fx_id(c.id_number, "2005-03-01", 11);
	must_save(f, &c, DEV_APPLICANT);
	assert_true(c.id > 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM dev_case WHERE name_py = 'wxm'"
	                        " AND stage = '申请人'", -1, 0), 1);
	/* one open case per person */
	struct dev_case twin = applicant("王小明", "2005-03-01", "2024-01-01", 11);
	must_refuse(f, &twin, DEV_APPLICANT, "id_number", "已登记为「王小明（申请人）」");
}

static void each_stage_needs_its_milestones(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = applicant("李红", "1998-06-06", "2023-01-10", 22);
	must_save(f, &c, DEV_APPLICANT);
	must_refuse(f, &c, DEV_CANDIDATE, NULL, "不能从申请人直接成为发展对象");
	must_refuse(f, &c, DEV_ACTIVIST, "talked_on", "确定为入党积极分子须填写「谈话日期」");
	activist_papers(&c, "2023-01-05", "2023-03-01");
	must_refuse(f, &c, DEV_ACTIVIST, "talked_on", "「谈话日期」2023-01-05 早于「递交申请日期」2023-01-10");
	SET(c.talked_on, "2023-02-01");
	c.mentor2[0] = 0;
	must_refuse(f, &c, DEV_ACTIVIST, "mentor2", "须填写「培养联系人二」");
	SET(c.mentor2, "老党员甲");
	must_refuse(f, &c, DEV_ACTIVIST, "mentor2", "不能是同一人");
	SET(c.mentor2, "老党员乙");
	must_save(f, &c, DEV_ACTIVIST);
	SET(c.candidate_on, "2027-01-01");
	must_refuse(f, &c, DEV_CANDIDATE, "candidate_on", "在今天之后");
	SET(c.candidate_on, "2024-03-01");
	must_save(f, &c, DEV_CANDIDATE);
	probation_papers(&c, "2024-04-01", "30", "老党员乙", "2024-05-01", "2024-04-20");
	must_refuse(f, &c, DEV_PROBATIONER, "approved_on", "早于「支部大会日期」");
	SET(c.approved_on, "2024-05-20");
	char keep[24];
	SET(keep, c.id_number);
	c.id_number[0] = 0;
	must_refuse(f, &c, DEV_PROBATIONER, "id_number", "接收为预备党员须填写「身份证号」");
	SET(c.id_number, keep);
	must_save(f, &c, DEV_PROBATIONER);
}

static void becoming_a_probationer_creates_the_member(void **state)
{
	struct fixture *f = *state;
	long before = member_count(f->s, f->a, "预备党员");
	struct dev_case c = applicant("周强", "1999-09-09", "2024-01-15", 33);
	SET(c.education, "大学本科");
	SET(c.phone, "13700001111");
	must_save(f, &c, DEV_APPLICANT);
	walk(f, &c, DEV_PROBATIONER, "2024-01-15");
	assert_true(c.member_id > 0);
	assert_int_equal(member_count(f->s, f->a, "预备党员"), before + 1);
	struct member m;
	struct dj_err e;
	assert_int_equal(member_load(f->s, c.member_id, &m, &e), 0);
	assert_string_equal(m.category, "预备党员");
	assert_string_equal(m.joined_on, "2025-05-15");   /* the 支部大会 */
	assert_string_equal(m.id_number, c.id_number);
	assert_string_equal(m.phone, "13700001111");
	assert_string_equal(c.due_on, "2026-05-15");
	/* from here the member record holds the person */
	SET(c.name, "周强强");
	must_save(f, &c, DEV_PROBATIONER);
	assert_string_equal(c.name, "周强");
	/* the 转正 date is the day probation ends */
	SET(c.confirmed_on, "2026-04-15");
	must_refuse(f, &c, DEV_FULL, "confirmed_on", "早于预备期满之日 2026-05-15");
	SET(c.confirmed_on, "2026-06-01");
	must_refuse(f, &c, DEV_FULL, "confirmed_on", "应为预备期满之日 2026-05-15");
	SET(c.confirmed_on, "2026-05-15");
	must_save(f, &c, DEV_FULL);
	assert_int_equal(member_load(f->s, c.member_id, &m, &e), 0);
	assert_string_equal(m.category, "正式党员");
	assert_string_equal(m.confirmed_on, "2026-05-15");
	must_refuse(f, &c, DEV_FULL, NULL, "已转正，记录只能查看");
}

static void strict_time_rules(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = walked(f, "吴刚", "1995-01-01", "2024-06-01", 45, DEV_ACTIVIST);
	assert_string_equal(c.activist_on, "2024-08-01");
	SET(c.candidate_on, "2025-07-31");
	must_refuse(f, &c, DEV_CANDIDATE, "candidate_on", "培养未满 12 个月：2024-08-01 确定为积极分子，2025-08-01 期满");
	SET(c.candidate_on, "2025-08-01");
	must_save(f, &c, DEV_CANDIDATE);
	probation_papers(&c, "2025-09-01", "20", "路人丙", "2025-10-01", "2025-10-10");
	must_refuse(f, &c, DEV_PROBATIONER, "training_hours", "集中培训 20 学时，不足 24 学时");
	SET(c.training_hours, "24");
	must_refuse(f, &c, DEV_PROBATIONER, "sponsor2", "入党介绍人路人丙不是登记在册的正式党员");
	SET(c.sponsor2, "老党员乙");
	must_save(f, &c, DEV_PROBATIONER);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM dev_override", -1, 0), 0);
}

static void warn_mode_goes_on_with_a_recorded_reason(void **state)
{
	struct fixture *f = *state;
	fx_config(f, "rules = warn\noverride_role = admin");
	struct dev_case c = applicant("郑小龙", "2008-12-01", "2026-10-01", 57);
	struct dj_err e;
	int over = 0;
	assert_int_equal(dev_save(f->s, &c, DEV_APPLICANT, NULL, 0, &over, &e), DJ_INVALID);
	assert_int_equal(over, 1);
	assert_string_equal(e.field, "applied_on");
	assert_non_null(strstr(e.msg, "未满 18 周岁；确需继续请说明理由"));
	/* an operator may not when only admins may */
	f->s->role = ROLE_OPERATOR;
	assert_int_equal(dev_save(f->s, &c, DEV_APPLICANT, "有理由", 0, &over, &e), DJ_INVALID);
	assert_int_equal(over, 0);
	assert_non_null(strstr(e.msg, "只有管理员"));
	f->s->role = ROLE_ADMIN;
	assert_int_equal(dev_save(f->s, &c, DEV_APPLICANT, "经镇党委研究同意先行登记", 0, &over, &e), 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM dev_override WHERE case_id = ?"
	                        " AND rule = 'age' AND reason = '经镇党委研究同意先行登记'", c.id, 0), 1);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'dev_case'"
	                        " AND action = '说明理由后继续'", -1, 0), 1);
	/* answered once: a later save does not ask again */
	SET(c.notes, "已谈心");
	assert_int_equal(dev_save(f->s, &c, DEV_APPLICANT, NULL, 0, &over, &e), 0);
	char text[512];
	assert_int_equal(dev_overrides(f->s, c.id, text, sizeof text), 1);
	assert_non_null(strstr(text, "年龄：经镇党委研究同意先行登记"));
	fx_config(f, "rules = warn\noverride_role = operator");
	f->s->role = ROLE_OPERATOR;
	struct dev_case d = applicant("郑小虎", "2009-01-01", "2026-10-01", 59);
	assert_int_equal(dev_save(f->s, &d, DEV_APPLICANT, NULL, 0, &over, &e), DJ_INVALID);
	assert_int_equal(over, 1);
	f->s->role = ROLE_ADMIN;
}

/* The member record keeps the age rule (member_check_join_age) except for
 * the person whose case an authorised operator let go on under age. */
static void an_age_override_carries_to_the_member_record(void **state)
{
	struct fixture *f = *state;
	fx_config(f, "rules = warn\noverride_role = admin");
	struct dev_case c = applicant("郑小龙", "2008-12-01", "2026-10-01", 57);
	struct dj_err e;
	int over = 0;
	assert_int_equal(dev_save(f->s, &c, DEV_APPLICANT, "经镇党委研究同意先行登记", 0, &over, &e), 0);
	struct member m = fx_member("郑小龙", "男", "2008-12-01", "东村党支部");
	snprintf(m.id_number, sizeof m.id_number, "%s", c.id_number);
	snprintf(m.category, sizeof m.category, "预备党员");
	snprintf(m.joined_on, sizeof m.joined_on, "2026-11-01");
	m.confirmed_on[0] = 0;
	struct member other = m;
	fx_id(other.id_number, "2008-12-01", 61);
	snprintf(other.name, sizeof other.name, "郑小凤");
	assert_int_equal(member_save(f->s, &other, 0, &e), DJ_INVALID);
	assert_string_equal(e.field, "joined_on");
	if (member_save(f->s, &m, 0, &e))
		fail_msg("refused: %s", e.msg);
}

static void early_confirmation_in_warn_mode_stays_valid(void **state)
{
	struct fixture *f = *state;
	fx_config(f, "rules = warn");
	struct dev_case c = walked(f, "冯雪", "1990-03-03", "2024-06-10", 62, DEV_PROBATIONER);
	assert_string_equal(c.due_on, "2026-10-10");
	SET(c.confirmed_on, "2026-09-10");
	papers_for(f, &c, DEV_FULL);
	struct dj_err e;
	int over;
	assert_int_equal(dev_save(f->s, &c, DEV_FULL, NULL, 0, &over, &e), DJ_INVALID);
	assert_int_equal(over, 1);
	assert_int_equal(dev_save(f->s, &c, DEV_FULL, "上级党委批准", 0, &over, &e), 0);
	struct member m;
	assert_int_equal(member_load(f->s, c.member_id, &m, &e), 0);
	assert_string_equal(m.confirmed_on, "2026-09-10");
	/* the member record stays savable: its early 转正 was allowed and recorded */
	SET(m.job, "教师");
	assert_int_equal(member_save(f->s, &m, 0, &e), 0);
}

static void extension_moves_the_due_date(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = walked(f, "褚明", "1993-07-07", "2024-01-20", 71, DEV_PROBATIONER);
	SET(c.extension, "3");
	must_refuse(f, &c, DEV_PROBATIONER, "extension", "应为 6 至 12 个月");
	SET(c.extension, "8");
	must_save(f, &c, DEV_PROBATIONER);
	assert_string_equal(c.due_on, "2027-01-20");   /* 2025-05-20 + 12 + 8 months */
	struct member m;
	struct dj_err e;
	assert_int_equal(member_load(f->s, c.member_id, &m, &e), 0);
	assert_string_equal(m.extension, "8");
	SET(c.confirmed_on, "2026-05-20");
	must_refuse(f, &c, DEV_FULL, "confirmed_on", "早于预备期满之日 2027-01-20");
}

static void ending_a_case(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = walked(f, "卫东", "1996-02-02", "2025-02-01", 81, DEV_ACTIVIST);
	SET(c.ended_on, "2026-01-01");
	must_refuse(f, &c, DEV_ENDED, "end_reason", "终止培养须填写「终止原因」");
	SET(c.end_reason, "本人申请撤回");
	must_save(f, &c, DEV_ENDED);
	must_refuse(f, &c, DEV_ENDED, NULL, "已终止培养");
	/* the person may apply again */
	struct dev_case again = applicant("卫东", "1996-02-02", "2026-06-01", 81);
	must_save(f, &again, DEV_APPLICANT);
}

static void members_are_not_applicants(void **state)
{
	struct fixture *f = *state;
	struct member m = fx_member("蒋文", "男", "1980-08-08", "西村党支部");
	fx_add(f->s, m);
	struct dev_case c = applicant("蒋文", "1980-08-08", "2025-01-01", 11);
	SET(c.id_number, m.id_number);
	must_refuse(f, &c, DEV_APPLICANT, "id_number", "「蒋文（党员，正常）」");
}

static void introducer_who_left_later_does_not_block(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = walked(f, "沈阳", "1991-01-01", "2024-03-01", 91, DEV_PROBATIONER);
	int64_t sponsor = db_int(f->s->db, "SELECT id FROM member WHERE name = '老党员乙'", -1, 0);
	struct member_event ev;
	memset(&ev, 0, sizeof ev);
	SET(ev.type, "去世");
	SET(ev.date, "2026-01-01");
	struct dj_err e;
	assert_int_equal(member_record_event(f->s, sponsor, 0, &ev, &e), 0);
	SET(c.confirmed_on, c.due_on);
	must_save(f, &c, DEV_FULL);
}

static void settings_come_from_the_config(void **state)
{
	struct fixture *f = *state;
	struct dev_rules r;
	fx_config(f, "training_hours = 32\nmin_age = 99\nactivist_months = 6");
	dev_rules_load(f->s->cfg, &r);
	assert_int_equal(r.training_hours, 32);
	assert_int_equal(r.min_age, 18);   /* out of range: the default */
	assert_int_equal(r.activist_months, 6);
	assert_int_equal(r.warn, 0);
	assert_int_equal(r.override_role, ROLE_ADMIN);
	struct dev_case c = walked(f, "韩梅", "1994-04-04", "2024-02-01", 12, DEV_CANDIDATE);
	probation_papers(&c, "2025-05-01", "24", "老党员乙", "2025-06-01", "2025-06-01");
	must_refuse(f, &c, DEV_PROBATIONER, "training_hours", "不足 32 学时");
}

/* Cases of every kind the 提醒 list looks at, today being 2026-11-21. */
static void reminders_list_what_falls_due(void **state)
{
	struct fixture *f = *state;
	/* the 考察 and 备案 reminders are test_devstep.c's */
	fx_config(f, "optional = 考察, 审批备案");
	walked(f, "甲等谈话", "1990-01-01", "2026-09-01", 13, DEV_APPLICANT);
	struct dev_case talked = applicant("乙已谈话", "1990-01-01", "2026-10-01", 15);
	SET(talked.talked_on, "2026-10-20");
	must_save(f, &talked, DEV_APPLICANT);
	/* activist 2025-12-10 */
	struct dev_case year = walked(f, "丙满一年", "1990-01-01", "2025-10-10", 17, DEV_ACTIVIST);
	walked(f, "丁未满", "1990-01-01", "2026-01-01", 19, DEV_ACTIVIST);
	walked(f, "戊转正", "1990-01-01", "2024-08-01", 21, DEV_PROBATIONER);   /* 支部大会 2025-12-01 */
	walked(f, "己未到", "1990-01-01", "2025-01-01", 23, DEV_PROBATIONER);   /* 支部大会 2026-05-01 */
	struct row_source *rs = dev_remind_source(f->s, 0);
	assert_non_null(rs);
	assert_int_equal(rs->count(rs->ctx), 3);
	struct rs_row rows[4];
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 4, rows), 3);
	assert_string_equal(rows[0].cell[0], "申请待谈话");
	assert_string_equal(rows[0].cell[1], "甲等谈话");
	assert_string_equal(rows[0].cell[3], "2026-10-01");
	assert_non_null(strstr(rows[0].cell[4], "已等待 81 天"));
	assert_int_equal(rows[0].flags & RS_FLAG_WARN, RS_FLAG_WARN);
	assert_string_equal(rows[1].cell[0], "预备党员转正");
	assert_string_equal(rows[1].cell[3], "2026-12-01");
	assert_non_null(strstr(rows[1].cell[4], "还有 10 天"));
	assert_int_equal(rows[1].flags & RS_FLAG_WARN, 0);
	assert_string_equal(rows[2].cell[0], "积极分子满培养期");
	assert_string_equal(rows[2].cell[3], "2026-12-10");
	assert_int_equal(rows[2].key.id, year.id);
	row_source_free(rs);
	struct row_source *list = dev_list_source(f->s, f->a);
	assert_non_null(list);
	assert_int_equal(list->count(list->ctx), 6);
	list->set_filter(list->ctx, "wz");
	assert_int_equal(list->fetch(list->ctx, NULL, 1, 4, rows), 1);
	assert_string_equal(rows[0].cell[3], "预备党员");
	assert_string_equal(rows[0].cell[5], "转正 2026-12-01");
	assert_int_equal(rows[0].flags & RS_FLAG_WARN, RS_FLAG_WARN);
	row_source_free(list);
	struct row_source *other = dev_remind_source(f->s, f->b);
	assert_int_equal(other->count(other->ctx), 0);
	row_source_free(other);
}

/* A test on the member fixture with the two introducers of setup. */
#define DEV_TEST(test) cmocka_unit_test_setup_teardown(test, setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(machine_allows_only_its_steps),
		DEV_TEST(registering_an_applicant),
		DEV_TEST(each_stage_needs_its_milestones),
		DEV_TEST(becoming_a_probationer_creates_the_member),
		DEV_TEST(strict_time_rules),
		DEV_TEST(warn_mode_goes_on_with_a_recorded_reason),
		DEV_TEST(an_age_override_carries_to_the_member_record),
		DEV_TEST(early_confirmation_in_warn_mode_stays_valid),
		DEV_TEST(extension_moves_the_due_date),
		DEV_TEST(ending_a_case),
		DEV_TEST(members_are_not_applicants),
		DEV_TEST(introducer_who_left_later_does_not_block),
		DEV_TEST(settings_come_from_the_config),
		DEV_TEST(reminders_list_what_falls_due),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pinyin_shutdown();
	return rc;
}
