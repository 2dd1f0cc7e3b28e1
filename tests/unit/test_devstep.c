/* 发展程序 (member/devstep.h): the 细则's steps in order, each step's own
 * checks and its order with the case's dates, what each transition
 * requires, the 公示 length as a time rule, [develop] optional, an older
 * case's steps as 未记录, the 提醒 list and `check`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "cli/cli.h"
#include "core/db_write.h"
#include "core/text.h"
#include "fixture.h"
#include "member/devcase.h"
#include "member/devstep.h"

#define SET(field, v) snprintf((field), sizeof(field), "%s", (v))

static int setup(void **state)
{
	struct fixture *f = fx_open();
	fx_add(f->s, fx_member("老党员甲", "男", "1960-01-01", "东村党支部"));
	fx_add(f->s, fx_member("老党员乙", "女", "1962-02-02", "东村党支部"));
	fx_org(f->s, "东村第一党小组", "党小组", "东村党支部");
	*state = f;
	return 0;
}

/* ---- helpers ------------------------------------------------------------ */

static struct dev_case registered(struct fixture *f, const char *name, int seq)
{
	struct dev_case c;
	struct dj_err e;
	memset(&c, 0, sizeof c);
	SET(c.name, name);
	SET(c.gender, seq % 2 ? "男" : "女");
	SET(c.birth_date, "1995-05-05");
	fx_id(c.id_number, "1995-05-05", seq);
	SET(c.org, "东村党支部");
	SET(c.applied_on, "2024-06-01");
	if (dev_save(f->s, &c, DEV_APPLICANT, NULL, 0, NULL, &e))
		fail_msg("register: %s", e.msg);
	return c;
}

static int record(struct fixture *f, const struct dev_case *c, const char *key, const char *on,
                  const char *until, struct dj_err *e)
{
	struct dev_step r;
	memset(&r, 0, sizeof r);
	r.case_id = c->id;
	SET(r.step, key);
	SET(r.done_on, on);
	SET(r.until_on, until ? until : "");
	if (strcmp(key, "推荐") == 0)
		SET(r.number, "党员推荐"), SET(r.votes, "18"), SET(r.of_votes, "21");
	if (strcmp(key, "入党志愿书") == 0)
		SET(r.number, "2025017");
	if (strcmp(key, "编入党小组") == 0)
		SET(r.number, "东村第一党小组");
	return dev_step_save(f->s, &r, 0, e);
}

static void must_record(struct fixture *f, const struct dev_case *c, const char *key,
                        const char *on, const char *until)
{
	struct dj_err e;
	if (record(f, c, key, on, until, &e))
		fail_msg("%s refused on %s: %s", key, e.field, e.msg);
}

static void refused(int rc, const struct dj_err *e, const char *field, const char *words)
{
	if (rc == 0 || strcmp(e->field, field) != 0 || !strstr(e->msg, words))
		fail_msg("expected refusal on %s with \"%s\", got %d on \"%s\": %s", field, words, rc,
		         e->field, e->msg);
}

static void go(struct fixture *f, struct dev_case *c, enum dev_stage to)
{
	struct dj_err e;
	if (dev_save(f->s, c, to, NULL, 0, NULL, &e))
		fail_msg("to %s refused on %s: %s", dev_stage_names[to], e.field, e.msg);
}

/* To 积极分子 on 2024-08-01 with its 推荐. */
static void to_activist(struct fixture *f, struct dev_case *c)
{
	SET(c->talked_on, "2024-07-01");
	SET(c->activist_on, "2024-08-01");
	SET(c->mentor1, "老党员甲");
	SET(c->mentor2, "老党员乙");
	must_record(f, c, "推荐", "2024-07-20", NULL);
	go(f, c, DEV_ACTIVIST);
}

/* To 发展对象 on 2025-08-10: 备案, 考察 each half year, 听取意见. */
static void to_candidate(struct fixture *f, struct dev_case *c)
{
	to_activist(f, c);
	must_record(f, c, "积极分子备案", "2024-08-10", NULL);
	must_record(f, c, "考察", "2025-01-20", NULL);
	must_record(f, c, "考察", "2025-07-20", NULL);
	must_record(f, c, "听取意见", "2025-08-05", NULL);
	SET(c->candidate_on, "2025-08-10");
	go(f, c, DEV_CANDIDATE);
}

/* The 预备党员 papers on the form, the 支部大会 on `meeting`. */
static void probation_papers(struct dev_case *c, const char *meeting, const char *approved)
{
	SET(c->vetted_on, "2025-08-20");
	SET(c->training_hours, "24");
	SET(c->sponsor1, "老党员甲");
	SET(c->sponsor2, "老党员乙");
	SET(c->branch_meeting_on, meeting);
	SET(c->approved_on, approved);
}

/* The steps of stage 3 and 4 before 支部大会 2025-09-10 (公示 2025-08-11 to 20). */
static void candidate_steps(struct fixture *f, const struct dev_case *c)
{
	must_record(f, c, "发展对象公示", "2025-08-11", "2025-08-20");
	must_record(f, c, "发展对象备案", "2025-08-22", NULL);
	must_record(f, c, "支委会审查", "2025-08-25", NULL);
	must_record(f, c, "上级预审", "2025-09-01", NULL);
	must_record(f, c, "入党志愿书", "2025-09-05", NULL);
}

/* ---- the catalogue --------------------------------------------------------- */

static void the_steps_follow_the_five_stages(void **state)
{
	(void)state;
	assert_int_equal(dev_nsteps, 26);
	for (int i = 1; i < dev_nsteps; i++) {
		assert_true(dev_steps[i].phase >= dev_steps[i - 1].phase);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(dev_steps[i].key, dev_steps[j].key);
	}
	assert_int_equal(dev_steps[0].phase, 1);
	assert_int_equal(dev_steps[dev_nsteps - 1].phase, 5);
	assert_string_equal(dev_steps[dev_nsteps - 1].key, "转正");
	assert_int_equal(dev_step_find("派人谈话")->phase, 4);
	assert_null(dev_step_find("群众路线"));
	char bad[64];
	unsigned long m = dev_step_optional_mask("推荐，编入党小组, 支部大会 ,无此步骤", bad);
	assert_int_equal(m, (1ul << (dev_step_find("推荐") - dev_steps)) |
	                    (1ul << (dev_step_find("编入党小组") - dev_steps)));
	assert_string_equal(bad, "支部大会");   /* a step of the form is never optional */
	/* 2026-11-16 is a Monday: Mon–Fri are 5, the weekend adds none */
	assert_int_equal(dev_working_days("2026-11-16", "2026-11-20"), 5);
	assert_int_equal(dev_working_days("2026-11-16", "2026-11-22"), 5);
	assert_int_equal(dev_working_days("2026-11-20", "2026-11-24"), 3);
}

/* ---- each step's own checks --------------------------------------------------- */

static void a_recommendation_has_its_votes(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = registered(f, "赵推荐", 1);
	struct dev_step r;
	struct dj_err e;
	memset(&r, 0, sizeof r);
	r.case_id = c.id;
	SET(r.step, "推荐");
	SET(r.done_on, "2024-07-20");
	SET(r.number, "群团推优");
	SET(r.votes, "22");
	SET(r.of_votes, "21");
	refused(dev_step_save(f->s, &r, 0, &e), &e, "votes", "「得票」22 多于「应到人数」21");
	SET(r.votes, "");
	refused(dev_step_save(f->s, &r, 0, &e), &e, "votes", "「得票」不能为空");
	SET(r.votes, "15");
	SET(r.number, "领导指定");
	refused(dev_step_save(f->s, &r, 0, &e), &e, "number", "应为 党员推荐 或 群团推优");
	SET(r.number, "群团推优");
	SET(r.done_on, "2024-05-01");
	refused(dev_step_save(f->s, &r, 0, &e), &e, "done_on", "早于「递交申请日期」2024-06-01");
	SET(r.done_on, "2026-12-01");
	refused(dev_step_save(f->s, &r, 0, &e), &e, "done_on", "在今天之后");
	SET(r.done_on, "2024.7.20");
	assert_int_equal(dev_step_save(f->s, &r, 0, &e), 0);
	assert_string_equal(r.done_on, "2024-07-20");
	assert_int_equal(db_int(f->s->db, "SELECT votes * 100 + of_votes FROM dev_step WHERE id = ?",
	                        r.id, 0), 1521);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'dev_step'",
	                        -1, 0), 1);
	/* recorded once: a second is refused */
	struct dev_step again = r;
	again.id = 0;
	refused(dev_step_save(f->s, &again, 0, &e), &e, "done_on", "已记录过「党员推荐、群团推优」");
	/* a step of a later stage waits for its stage */
	refused(record(f, &c, "派人谈话", "2024-07-20", NULL, &e), &e, "done_on",
	        "要到发展对象阶段才能记录");
}

/* ---- what the transitions require ------------------------------------------- */

static void the_activist_needs_the_recommendation(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = registered(f, "钱积极", 2);
	struct dj_err e;
	SET(c.talked_on, "2024-07-01");
	SET(c.activist_on, "2024-08-01");
	SET(c.mentor1, "老党员甲");
	SET(c.mentor2, "老党员乙");
	refused(dev_save(f->s, &c, DEV_ACTIVIST, NULL, 0, NULL, &e), &e, "activist_on",
	        "确定为入党积极分子须先在发展程序中记录「党员推荐、群团推优」");
	assert_string_equal(c.activist_on, "2024-08-01");   /* kept as typed */
	must_record(f, &c, "推荐", "2024-08-05", NULL);     /* after the date being entered */
	refused(dev_save(f->s, &c, DEV_ACTIVIST, NULL, 0, NULL, &e), &e, "activist_on",
	        "「确定积极分子日期」2024-08-01 早于「党员推荐、群团推优」2024-08-05");
	/* where the office does not use it, it is optional */
	fx_config(f, "optional = 推荐");
	struct dev_case d = registered(f, "孙可选", 3);
	SET(d.talked_on, "2024-07-01");
	SET(d.activist_on, "2024-08-01");
	SET(d.mentor1, "老党员甲");
	SET(d.mentor2, "老党员乙");
	go(f, &d, DEV_ACTIVIST);
}

static void the_candidate_needs_a_survey_every_half_year(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = registered(f, "李考察", 4);
	struct dj_err e;
	to_activist(f, &c);
	must_record(f, &c, "积极分子备案", "2024-08-10", NULL);
	must_record(f, &c, "考察", "2025-01-20", NULL);
	must_record(f, &c, "听取意见", "2025-08-05", NULL);
	SET(c.candidate_on, "2025-08-10");
	refused(dev_save(f->s, &c, DEV_CANDIDATE, NULL, 0, NULL, &e), &e, "candidate_on",
	        "缺 2025-02-01 至 2025-08-01 的考察");
	refused(record(f, &c, "考察", "2024-07-25", NULL, &e), &e, "done_on",
	        "早于「确定积极分子日期」2024-08-01");
	must_record(f, &c, "考察", "2025-07-20", NULL);
	go(f, &c, DEV_CANDIDATE);
	/* the 考察 is of the activist: none after 确定发展对象 */
	refused(record(f, &c, "考察", "2025-09-01", NULL, &e), &e, "done_on", "晚于「确定发展对象日期」");
}

static void opinions_come_before_the_candidate(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = registered(f, "周意见", 5);
	struct dj_err e;
	to_activist(f, &c);
	must_record(f, &c, "积极分子备案", "2024-08-10", NULL);
	must_record(f, &c, "考察", "2025-01-20", NULL);
	must_record(f, &c, "考察", "2025-07-20", NULL);
	SET(c.candidate_on, "2025-08-10");
	refused(dev_save(f->s, &c, DEV_CANDIDATE, NULL, 0, NULL, &e), &e, "candidate_on",
	        "须先在发展程序中记录「听取党员和群众意见」");
	must_record(f, &c, "听取意见", "2025-08-12", NULL);
	refused(dev_save(f->s, &c, DEV_CANDIDATE, NULL, 0, NULL, &e), &e, "candidate_on",
	        "「确定发展对象日期」2025-08-10 早于「听取党员和群众意见」2025-08-12");
}

/* The 公示 must have ended before the 支部大会 (and before the 预审). */
static void the_meeting_waits_for_the_notice(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = registered(f, "吴公示", 6);
	struct dj_err e;
	to_candidate(f, &c);
	must_record(f, &c, "发展对象公示", "2025-08-11", "2025-09-12");
	must_record(f, &c, "发展对象备案", "2025-08-22", NULL);
	must_record(f, &c, "支委会审查", "2025-08-25", NULL);
	refused(record(f, &c, "上级预审", "2025-09-01", NULL, &e), &e, "done_on",
	        "「上级党委预审」2025-09-01 须在「发展对象公示」结束（2025-09-12）之后");
	/* a 公示 may end later than today; its start may not */
	refused(record(f, &c, "转正公示", "2025-08-11", "2025-08-20", &e), &e, "done_on",
	        "要到预备党员阶段才能记录");
	struct dev_step *rows = NULL;
	int n = dev_step_list(f->s, c.id, &rows, &e);
	assert_int_equal(n, 8);
	struct dev_step p = rows[5];   /* by date: 推荐 备案 考察 考察 意见, then the 公示 */
	free(rows);
	assert_string_equal(p.step, "发展对象公示");
	SET(p.until_on, "2025-08-20");
	assert_int_equal(dev_step_save(f->s, &p, 0, &e), 0);
	must_record(f, &c, "上级预审", "2025-09-01", NULL);
	must_record(f, &c, "入党志愿书", "2025-09-05", NULL);
	must_record(f, &c, "派人谈话", "2025-09-15", NULL);
	probation_papers(&c, "2025-08-20", "2025-09-20");
	refused(dev_save(f->s, &c, DEV_PROBATIONER, NULL, 0, NULL, &e), &e, "branch_meeting_on",
	        "「支部大会日期」2025-08-20 须在「发展对象公示」结束（2025-08-20）之后");
	SET(c.branch_meeting_on, "2025-08-30");
	refused(dev_save(f->s, &c, DEV_PROBATIONER, NULL, 0, NULL, &e), &e, "branch_meeting_on",
	        "「支部大会日期」2025-08-30 早于「上级党委预审」2025-09-01");
	SET(c.branch_meeting_on, "2025-09-03");
	refused(dev_save(f->s, &c, DEV_PROBATIONER, NULL, 0, NULL, &e), &e, "branch_meeting_on",
	        "「支部大会日期」2025-09-03 早于「填写入党志愿书」2025-09-05");
	SET(c.branch_meeting_on, "2025-09-10");
	go(f, &c, DEV_PROBATIONER);
	assert_true(c.member_id > 0);
}

static void a_short_notice_is_a_time_rule(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = registered(f, "郑短期", 7);
	struct dj_err e;
	int over = 0;
	to_candidate(f, &c);
	/* 2025-08-14 is a Thursday: Thu, Fri, Mon, Tue = 4 working days */
	must_record(f, &c, "发展对象公示", "2025-08-14", "2025-08-19");
	must_record(f, &c, "发展对象备案", "2025-08-22", NULL);
	must_record(f, &c, "支委会审查", "2025-08-25", NULL);
	must_record(f, &c, "上级预审", "2025-09-01", NULL);
	must_record(f, &c, "入党志愿书", "2025-09-05", NULL);
	must_record(f, &c, "派人谈话", "2025-09-15", NULL);
	probation_papers(&c, "2025-09-10", "2025-09-20");
	refused(dev_save(f->s, &c, DEV_PROBATIONER, NULL, 0, &over, &e), &e, "branch_meeting_on",
	        "「发展对象公示」2025-08-14 至 2025-08-19 共 4 个工作日，不足 5 个工作日");
	assert_int_equal(over, 0);   /* strict */
	fx_config(f, "notice_workdays = 0");   /* 6 calendar days are enough */
	go(f, &c, DEV_PROBATIONER);
}

static void a_short_notice_passes_with_a_reason_in_warn_mode(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = registered(f, "冯说明", 8);
	struct dj_err e;
	int over = 0;
	fx_config(f, "rules = warn\nnotice_days = 7");
	to_candidate(f, &c);
	candidate_steps(f, &c);   /* 2025-08-11 to 20: 8 working days */
	must_record(f, &c, "派人谈话", "2025-09-15", NULL);
	probation_papers(&c, "2025-09-10", "2025-09-20");
	go(f, &c, DEV_PROBATIONER);
	/* the 转正公示 of five working days is two short of 7 */
	must_record(f, &c, "审批备案", "2025-10-01", NULL);
	must_record(f, &c, "编入党小组", "2025-09-12", NULL);
	must_record(f, &c, "转正申请", "2026-08-20", NULL);
	must_record(f, &c, "转正公示", "2026-08-24", "2026-08-28");
	SET(c.confirmed_on, "2026-09-10");
	assert_int_equal(dev_save(f->s, &c, DEV_FULL, NULL, 0, &over, &e), DJ_INVALID);
	assert_int_equal(over, 1);
	assert_non_null(strstr(e.msg, "「预备党员转正公示」2026-08-24 至 2026-08-28 共 5 个工作日，不足 7"));
	assert_int_equal(dev_save(f->s, &c, DEV_FULL, "镇党委同意缩短公示", 0, &over, &e), 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM dev_override WHERE case_id = ?"
	                        " AND rule = 'notice_probation'", c.id, 0), 1);
	char text[512];
	assert_int_equal(dev_overrides(f->s, c.id, text, sizeof text), 1);
	assert_non_null(strstr(text, "转正公示：镇党委同意缩短公示"));
}

static void the_talk_comes_before_approval_and_filing_after(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = registered(f, "陈谈话", 9);
	struct dj_err e;
	to_candidate(f, &c);
	candidate_steps(f, &c);
	probation_papers(&c, "2025-09-10", "2025-09-20");
	refused(dev_save(f->s, &c, DEV_PROBATIONER, NULL, 0, NULL, &e), &e, "branch_meeting_on",
	        "须先在发展程序中记录「上级党委派人谈话」");
	must_record(f, &c, "派人谈话", "2025-09-25", NULL);
	refused(dev_save(f->s, &c, DEV_PROBATIONER, NULL, 0, NULL, &e), &e, "approved_on",
	        "「党委审批日期」2025-09-20 早于「上级党委派人谈话」2025-09-25");
	SET(c.approved_on, "2025-09-28");
	go(f, &c, DEV_PROBATIONER);
	refused(record(f, &c, "审批备案", "2025-09-26", NULL, &e), &e, "done_on",
	        "「再上一级党委组织部门备案」2025-09-26 早于「党委审批日期」2025-09-28");
	must_record(f, &c, "审批备案", "2025-10-08", NULL);
	/* 编入党小组 puts the member into the group */
	must_record(f, &c, "编入党小组", "2025-09-30", NULL);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member m JOIN org g ON g.id = m.group_id"
	                        " WHERE m.id = ? AND g.name = '东村第一党小组'", c.member_id, 0), 1);
	/* 转正申请 and its 公示 before 转正 */
	must_record(f, &c, "转正公示", "2026-09-01", "2026-09-09");
	SET(c.confirmed_on, "2026-09-10");
	refused(dev_save(f->s, &c, DEV_FULL, NULL, 0, NULL, &e), &e, "confirmed_on",
	        "按期转正须先在发展程序中记录「提出转正申请」");
	refused(record(f, &c, "转正申请", "2026-09-05", NULL, &e), &e, "done_on",
	        "「预备党员转正公示」2026-09-01 早于「提出转正申请」2026-09-05");
	must_record(f, &c, "转正申请", "2026-08-20", NULL);
	go(f, &c, DEV_FULL);
	refused(record(f, &c, "转正申请", "2026-08-21", NULL, &e), &e, "", "已转正，记录只能查看");
}

/* ---- older cases ------------------------------------------------------------- */

/* A 预备党员 written before the steps existed: its passed steps are 未记录,
 * it saves without them, `check` reminds without counting a problem and
 * the 提醒 list does not ask for them. */
static void an_older_case_shows_its_steps_as_not_recorded(void **state)
{
	struct fixture *f = *state;
	int64_t ids[1] = { f->a };
	assert_int_equal(db_exec_ids(f->s->db, "INSERT INTO dev_case(org_id, name, gender,"
	        " birth_date, id_number, stage, applied_on, talked_on, activist_on, mentor1, mentor2,"
	        " candidate_on, vetted_on, training_hours, sponsor1, sponsor2, branch_meeting_on,"
	        " approved_on) VALUES (?1, '老案例', '男', '1990-01-01', NULL, '发展对象',"
	        " '2023-01-01', '2023-02-01', '2023-03-01', '老党员甲', '老党员乙', '2024-04-01',"
	        " '2024-05-01', 24, '老党员甲', '老党员乙', NULL, NULL)", ids, 1, "t", NULL), 0);
	int64_t cid = db_int(f->s->db, "SELECT id FROM dev_case WHERE name = '老案例'", -1, 0);
	struct dev_case c;
	struct dj_err e;
	struct dev_rules r;
	assert_int_equal(dev_load(f->s, cid, &c, &e), 0);
	dev_rules_load(f->s->cfg, &r);
	char value[64], note[128], missing[512];
	assert_int_equal(dev_step_state(&r, &c, dev_step_find("推荐"), NULL, 0, value, note,
	                                sizeof note), DSS_MISSING);
	assert_int_equal(dev_step_state(&r, &c, dev_step_find("发展对象"), NULL, 0, value, note,
	                                sizeof note), DSS_DONE);
	assert_string_equal(value, "2024-04-01");
	assert_int_equal(dev_step_state(&r, &c, dev_step_find("发展对象公示"), NULL, 0, value, note,
	                                sizeof note), DSS_DUE);
	assert_int_equal(dev_step_state(&r, &c, dev_step_find("转正申请"), NULL, 0, value, note,
	                                sizeof note), DSS_LATER);
	assert_int_equal(dev_steps_missing(&r, &c, NULL, 0, missing, sizeof missing), 4);
	assert_string_equal(missing, "党员推荐、群团推优、积极分子报上级党委备案、培养教育考察（每半年）、"
	                             "听取党员和群众意见");
	SET(c.notes, "补录");
	go(f, &c, DEV_CANDIDATE);   /* a plain save asks for nothing it lacks */
	/* optional: 不适用, not 未记录 */
	fx_config(f, "optional = 推荐");
	dev_rules_load(f->s->cfg, &r);
	assert_int_equal(dev_step_state(&r, &c, dev_step_find("推荐"), NULL, 0, value, note,
	                                sizeof note), DSS_NA);
	assert_int_equal(dev_steps_missing(&r, &c, NULL, 0, missing, sizeof missing), 3);
	/* check: a reminder line, no problem */
	char report[4096];
	FILE *out = fmemopen(report, sizeof report, "w");
	assert_int_equal(cli_check(f->s, out), 0);
	fclose(out);
	assert_non_null(strstr(report, "发展程序未记录（提醒）：老案例（东村党支部，发展对象）"
	                               "积极分子报上级党委备案、培养教育考察（每半年）、听取党员和群众意见\n"));
	assert_non_null(strstr(report, "检查通过"));
	/* nor does the 提醒 list ask the older case for its 备案 */
	struct row_source *rs = dev_remind_source(f->s, 0);
	assert_int_equal(rs->count(rs->ctx), 0);
	row_source_free(rs);
}

/* A step put out of order behind the program's back is a problem for check. */
static void check_counts_steps_out_of_order(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = registered(f, "蒋顺序", 10);
	to_activist(f, &c);
	int64_t ids[1] = { c.id };
	assert_int_equal(db_exec_ids(f->s->db, "UPDATE dev_step SET done_on = '2024-09-01'"
	                             " WHERE case_id = ?1 AND step = '推荐'", ids, 1, "t", NULL), 0);
	char report[4096];
	FILE *out = fmemopen(report, sizeof report, "w");
	assert_int_equal(cli_check(f->s, out), 1);
	fclose(out);
	assert_non_null(strstr(report, "发展程序顺序不符：蒋顺序（东村党支部）「确定积极分子日期」"
	                               "2024-08-01 早于「党员推荐、群团推优」2024-09-01\n"));
}

/* ---- 提醒 ------------------------------------------------------------------------- */

static void reminders_know_the_steps(void **state)
{
	struct fixture *f = *state;   /* today 2026-11-21 */
	struct dev_case a = registered(f, "甲考察", 11);
	SET(a.talked_on, "2026-01-10");
	SET(a.activist_on, "2026-02-01");
	SET(a.mentor1, "老党员甲");
	SET(a.mentor2, "老党员乙");
	must_record(f, &a, "推荐", "2026-01-20", NULL);
	go(f, &a, DEV_ACTIVIST);
	must_record(f, &a, "考察", "2026-06-01", NULL);   /* next due 2026-12-01 */
	struct dev_case b = registered(f, "乙公示", 12);
	to_candidate(f, &b);
	must_record(f, &b, "发展对象公示", "2026-11-18", "2026-11-27");
	struct row_source *rs = dev_remind_source(f->s, 0);
	assert_int_equal(rs->count(rs->ctx), 3);
	struct rs_row rows[3];
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 3, rows), 3);
	/* by due date: the 备案 (2025-08-10 + 30 days), then the 公示, then the 考察 */
	assert_string_equal(rows[0].cell[0], "发展对象待备案");
	assert_string_equal(rows[0].cell[1], "乙公示");
	assert_string_equal(rows[0].cell[3], "2025-09-09");
	assert_true(rows[0].flags & 1);
	assert_string_equal(rows[1].cell[0], "发展对象公示结束");
	assert_string_equal(rows[1].cell[3], "2026-11-27");
	assert_non_null(strstr(rows[1].cell[4], "公示 2026-11-18 至 2026-11-27，还有 6 天"));
	assert_string_equal(rows[2].cell[0], "培养考察到期");
	assert_string_equal(rows[2].cell[1], "甲考察");
	assert_string_equal(rows[2].cell[3], "2026-12-01");
	assert_non_null(strstr(rows[2].cell[4], "上次考察 2026-06-01"));
	row_source_free(rs);
	/* made optional, the 备案 and 考察 are not asked for */
	fx_config(f, "optional = 发展对象备案, 考察");
	rs = dev_remind_source(f->s, 0);
	assert_int_equal(rs->count(rs->ctx), 1);
	row_source_free(rs);
}

/* The 发展程序 list: a line a step, the 考察 under theirs, states as words. */
static void the_step_list_reads_the_case(void **state)
{
	struct fixture *f = *state;
	struct dev_case c = registered(f, "韩列表", 13);
	to_candidate(f, &c);
	struct row_source *rs = dev_step_source(f->s, c.id);
	assert_non_null(rs);
	assert_int_equal(rs->count(rs->ctx), 28);   /* 26 steps and 2 考察 */
	struct rs_row rows[28];
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 28, rows), 28);
	assert_string_equal(rows[2].cell[2], "党员推荐、群团推优");
	assert_string_equal(rows[2].cell[3], "2024-07-20");
	assert_string_equal(rows[2].cell[4], "已完成");
	assert_string_equal(rows[2].cell[5], "党员推荐 18/21 票");
	assert_string_equal(rows[6].cell[2], "培养教育考察（每半年）");
	assert_string_equal(rows[6].cell[5], "共 2 次");
	assert_string_equal(rows[7].cell[2], "　第 1 次考察");
	assert_string_equal(rows[7].cell[3], "2025-01-20");
	assert_string_equal(rows[11].cell[2], "发展对象公示");
	assert_string_equal(rows[11].cell[4], "待办");
	assert_true(rows[11].flags & 1);
	assert_string_equal(rows[27].cell[2], "支部大会讨论转正");
	assert_string_equal(rows[27].cell[4], "");
	row_source_free(rs);
}

#define STEP_TEST(test) cmocka_unit_test_setup_teardown(test, setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_steps_follow_the_five_stages),
		STEP_TEST(a_recommendation_has_its_votes),
		STEP_TEST(the_activist_needs_the_recommendation),
		STEP_TEST(the_candidate_needs_a_survey_every_half_year),
		STEP_TEST(opinions_come_before_the_candidate),
		STEP_TEST(the_meeting_waits_for_the_notice),
		STEP_TEST(a_short_notice_is_a_time_rule),
		STEP_TEST(a_short_notice_passes_with_a_reason_in_warn_mode),
		STEP_TEST(the_talk_comes_before_approval_and_filing_after),
		STEP_TEST(an_older_case_shows_its_steps_as_not_recorded),
		STEP_TEST(check_counts_steps_out_of_order),
		STEP_TEST(reminders_know_the_steps),
		STEP_TEST(the_step_list_reads_the_case),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pinyin_shutdown();
	return rc;
}
