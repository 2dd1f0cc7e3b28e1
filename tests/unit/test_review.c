/* The review engine on a database (review/batch*.c, app.c, step.c,
 * scores.c): batch defaults, checks and the freeze at the first decision;
 * a 立项 project from 申报 to 优秀成果; a failed acceptance, 整改, the
 * second acceptance and 撤销; 创建's eligibility, recommendation limits and
 * quotas; scope and audit; and text stored byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "review/review.h"

static int64_t count(struct fixture *f, const char *sql, int64_t param)
{
	return db_int(f->s->db, sql, param, -1);
}

static struct review_batch project_batch(struct fixture *f)
{
	struct review_batch b;
	struct dj_err e;
	review_batch_defaults(f->s, REVIEW_PROJECT, &b);
	snprintf(b.reviewers, sizeof b.reviewers, "张三、李四，王五");
	if (review_batch_save(f->s, &b, &e))
		fail_msg("%s: %s", e.field, e.msg);
	return b;
}

static struct review_app project_app(struct fixture *f, const struct review_batch *b,
                                     const char *org, const char *title)
{
	struct review_app a;
	struct dj_err e;
	review_app_defaults(f->s, b, &a);
	snprintf(a.org, sizeof a.org, "%s", org);
	snprintf(a.title, sizeof a.title, "%s", title);
	snprintf(a.executor, sizeof a.executor, "陈刚");
	if (review_app_save(f->s, &a, &e))
		fail_msg("%s: %s", e.field, e.msg);
	return a;
}

/* One step as its dialog would send it; returns the code, e filled. */
static int step(struct fixture *f, struct review_app *a, enum review_action act,
                const char *opinion, const char *due, struct dj_err *e)
{
	struct review_step st = { .action = act };
	snprintf(st.on, sizeof st.on, "2026-11-21");
	snprintf(st.opinion, sizeof st.opinion, "%s", opinion ? opinion : "");
	snprintf(st.due, sizeof st.due, "%s", due ? due : "");
	int rc = review_transition(f->s, a->id, a->version, &st, NULL, e);
	struct dj_err ignore;
	assert_int_equal(review_app_load(f->s, a->id, a, &ignore), 0);
	return rc;
}

static void must_step(struct fixture *f, struct review_app *a, enum review_action act,
                      const char *opinion, const char *due)
{
	struct dj_err e;
	if (step(f, a, act, opinion, due, &e))
		fail_msg("action %d: %s", act, e.msg);
}

static void note(struct fixture *f, int64_t app, const char *kind, const char *result)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO review_note(app_id, kind, on_date, body, result)"
	         " VALUES (%lld, '%s', '2026-11-20', '内容', %s%s%s)", (long long)app, kind,
	         result ? "'" : "", result ? result : "NULL", result ? "'" : "");
	assert_int_equal(sqlite3_exec(f->s->db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* Every reviewer scores every criterion: reviewer r's first criteria get
 * base[r] tenths each (at most the criterion's maximum), the last last[r]. */
static void score_all(struct fixture *f, int64_t app, const int *base, const int *last)
{
	struct review_sheet sh;
	struct dj_err e;
	assert_int_equal(review_sheet_load(f->s, app, &sh, &e), 0);
	for (int r = 0; r < sh.nrev; r++) {
		int sc[REVIEW_MAX_CRIT];
		for (int k = 0; k < sh.ncrit; k++)
			sc[k] = k == sh.ncrit - 1 ? last[r] : base[r] < sh.crit_max[k] ? base[r] : sh.crit_max[k];
		if (review_sheet_save_row(f->s, &sh, r, sc, &e))
			fail_msg("%s", e.msg);
	}
	assert_true(sh.complete);
}

static void batch_defaults_and_checks(void **state)
{
	struct fixture *f = *state;
	struct review_batch b;
	struct dj_err e;
	review_batch_defaults(f->s, REVIEW_PROJECT, &b);
	assert_string_equal(b.term, "2026-2027");
	assert_string_equal(b.org, "中共测试镇委员会");
	assert_string_equal(b.fund, "1000");
	assert_int_equal(b.ncrit, 5);
	assert_string_equal(b.crit_name[1], "过程性、系统性");
	assert_string_equal(b.crit_max[1], "20");
	assert_string_equal(b.stage_due[3], "2027-03-31");
	assert_string_equal(b.reviewers, "");
	/* No 评审组 yet: refused, naming it. */
	assert_int_equal(review_batch_save(f->s, &b, &e), DJ_INVALID);
	assert_string_equal(e.field, "reviewers");
	const struct { struct fx_edit edit[2]; const char *field, *msg; } bad[] = {
		{ { FX_EDIT(struct review_batch, term, "2026-2028") }, "term", "「学年」2026-2028 应跨 1 年（如 2026-2027）" },
		{ { FX_EDIT(struct review_batch, term, "2026") }, "term", NULL },
		{ { FX_EDIT(struct review_batch, stage_due[2], "2026-05-01") }, "stage_due3",
		  "「项目评选」2026-05-01 早于上一阶段「项目申报」2026-05-10" },
		{ { FX_EDIT(struct review_batch, stage_due[0], "2026-02-30") }, "stage_due1", NULL },
		{ { FX_EDIT(struct review_batch, crit_name[2], "完整性") }, "crit_name3",
		  "「评分标准 3」与前面的标准重名：完整性" },
		{ { FX_EDIT(struct review_batch, crit_max[0], "0") }, "crit_max1", NULL },
		{ { FX_EDIT(struct review_batch, reviewers, "张三、李四、张三") }, "reviewers",
		  "「评审组」张三 重复" },
		{ { FX_EDIT(struct review_batch, reviewers, "甲、乙、丙、丁、戊、己、庚、辛、壬、癸") },
		  "reviewers", "「评审组」最多 9 人" },
		{ { FX_EDIT(struct review_batch, fund, "-1") }, "fund", "「每个项目经费」金额不能为负数：-1" },
		{ { FX_EDIT(struct review_batch, pass_line, "60.55") }, "pass_line", NULL },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct review_batch c = b;
		snprintf(c.reviewers, sizeof c.reviewers, "张三、李四");
		fx_apply(&c, bad[i].edit, 2);
		assert_int_equal(review_batch_save(f->s, &c, &e), DJ_INVALID);
		assert_string_equal(e.field, bad[i].field);
		if (bad[i].msg)
			assert_string_equal(e.msg, bad[i].msg);
		assert_int_equal(c.id, 0);
	}
	assert_int_equal(count(f, "SELECT count(*) FROM review_batch", -1), 0);
	b = project_batch(f);
	assert_true(b.id > 0);
	assert_string_equal(b.reviewers, "张三、李四、王五");
	assert_string_equal(b.status, "设置中");
	assert_int_equal(b.nstage, 5);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE tbl = 'review_batch'"
	                       " AND action = '新增' AND row_id = ?", b.id), 1);
	/* Before any decision everything may change, criteria included. */
	snprintf(b.crit_max[0], sizeof b.crit_max[0], "25");
	snprintf(b.fund, sizeof b.fund, "1,200");
	assert_int_equal(review_batch_save(f->s, &b, &e), 0);
	assert_string_equal(b.fund, "1200.00");
	assert_string_equal(b.crit_max[0], "25");
	/* A stale version is a conflict. */
	struct review_batch stale = b;
	stale.version--;
	assert_int_equal(review_batch_save(f->s, &stale, &e), DJ_CONFLICT);
	/* The 创建 defaults. */
	struct review_batch c;
	review_batch_defaults(f->s, REVIEW_CREATE, &c);
	assert_string_equal(c.term, "2026-2028");
	assert_string_equal(c.fund, "10000");
	assert_string_equal(c.fund2, "25000");
	assert_string_equal(c.quota_branch, "3");
	assert_int_equal(c.ncrit, 7);
	assert_string_equal(c.crit_name[6], "服务师生有力");
	assert_string_equal(c.stage_due[5], "2028-06-30");
}

static void project_whole_path(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	struct review_batch b = project_batch(f);
	struct review_app a = project_app(f, &b, "东村党支部", "党员先锋岗");
	assert_int_equal(a.state, RV_APPLIED);
	assert_string_equal(a.state_word, "已申报");
	/* One project per branch unless the batch allows more. */
	struct review_app second;
	review_app_defaults(f->s, &b, &second);
	snprintf(second.org, sizeof second.org, "东村党支部");
	snprintf(second.title, sizeof second.title, "第二个项目");
	assert_int_equal(review_app_save(f->s, &second, &e), DJ_INVALID);
	assert_string_equal(e.msg, "东村党支部 在本批次已有 1 份申报（每个组织最多 1 份）");
	/* Not yet recommended: 批准立项 is not in the table. */
	assert_int_equal(step(f, &a, RA_APPROVE, "", NULL, &e), DJ_INVALID);
	assert_string_equal(e.msg, "「党员先锋岗」现为已申报，不能批准立项");
	must_step(f, &a, RA_RECOMMEND, NULL, NULL);
	assert_string_equal(a.recommended_on, "2026-11-21");
	assert_true(*a.recommended_by);
	assert_int_equal(count(f, "SELECT count(*) FROM review_batch WHERE frozen_on IS NULL", -1), 1);
	must_step(f, &a, RA_APPROVE, "同意立项", NULL);
	assert_string_equal(a.state_word, "已立项（实施中）");
	assert_string_equal(a.granted, "1000.00");
	assert_string_equal(a.decision, "同意立项");
	assert_string_equal(a.ends_on, "2027-05-31");
	assert_int_equal(count(f, "SELECT amount_fen FROM review_fund WHERE kind = '拨付' AND"
	                       " item = '立项经费' AND app_id = ?", a.id), 100000);
	/* The first decision froze the batch. */
	struct review_batch now;
	assert_int_equal(review_batch_load(f->s, b.id, &now, &e), 0);
	assert_string_equal(now.frozen_on, "2026-11-21");
	assert_string_equal(now.status, "进行中");
	struct review_batch c = now;
	snprintf(c.fund, sizeof c.fund, "2000");
	assert_int_equal(review_batch_save(f->s, &c, &e), DJ_INVALID);
	assert_string_equal(e.field, "fund");
	assert_string_equal(e.msg, "批次已于 2026-11-21 开始评审，「经费」不能再修改（可改名称、备注和阶段日期）");
	c = now;
	snprintf(c.reviewers, sizeof c.reviewers, "张三、李四");
	assert_int_equal(review_batch_save(f->s, &c, &e), DJ_INVALID);
	assert_string_equal(e.field, "reviewers");
	c = now;
	snprintf(c.name, sizeof c.name, "改名后的批次");
	snprintf(c.stage_due[4], sizeof c.stage_due[4], "2027-06-15");
	assert_int_equal(review_batch_save(f->s, &c, &e), 0);
	assert_string_equal(c.name, "改名后的批次");
	assert_true(review_batch_frozen("fund"));
	assert_true(review_batch_frozen("reviewers"));
	assert_false(review_batch_frozen("stage_due5"));
	assert_false(review_batch_frozen("notes"));
	/* 中期检查 needs its note with a result; 结题 its report. */
	assert_int_equal(step(f, &a, RA_MIDTERM, NULL, NULL, &e), DJ_INVALID);
	assert_string_equal(e.msg, "请先填写中期检查记录（含检查结果）");
	note(f, a.id, "中期检查", NULL);
	assert_int_equal(step(f, &a, RA_MIDTERM, NULL, NULL, &e), DJ_INVALID);
	note(f, a.id, "中期检查", "良好");
	must_step(f, &a, RA_MIDTERM, NULL, NULL);
	assert_int_equal(step(f, &a, RA_CONCLUDE, NULL, NULL, &e), DJ_INVALID);
	assert_string_equal(e.msg, "请先填写结题报告");
	note(f, a.id, "结题报告", NULL);
	must_step(f, &a, RA_CONCLUDE, NULL, NULL);
	assert_string_equal(a.state_word, "已结题（待验收）");
	/* 验收 waits for every reviewer's every criterion. */
	struct review_sheet sh;
	assert_int_equal(review_sheet_load(f->s, a.id, &sh, &e), 0);
	assert_int_equal(sh.nrev, 3);
	assert_int_equal(sh.ncrit, 5);
	assert_false(sh.complete);
	int sc[REVIEW_MAX_CRIT] = { 170, 170, 170, 170, -1 };
	assert_int_equal(review_sheet_save_row(f->s, &sh, 0, sc, &e), 0);
	assert_int_equal(sh.rows[0].total, -1);
	assert_int_equal(step(f, &a, RA_ACCEPT, NULL, NULL, &e), DJ_INVALID);
	assert_string_equal(e.msg, "评分未完成：张三（促进支部建设）；李四（全部未评）；王五（全部未评）");
	int over[REVIEW_MAX_CRIT] = { 201, 0, 0, 0, 0 };
	assert_int_equal(review_sheet_save_row(f->s, &sh, 1, over, &e), DJ_INVALID);
	assert_string_equal(e.msg, "李四 的「完整性」应在 0 至 20 分之间");
	/* Someone else's save first: the stale cell is refused. */
	struct review_sheet old = sh;
	sc[4] = 170;
	assert_int_equal(review_sheet_save_row(f->s, &sh, 0, sc, &e), 0);
	sc[4] = 160;
	assert_int_equal(review_sheet_save_row(f->s, &old, 0, sc, &e), DJ_CONFLICT);
	/* 85, 86, 86 → 85.7. */
	const int base[] = { 170, 170, 170 }, last[] = { 170, 180, 180 };
	score_all(f, a.id, base, last);
	int reached = 0;
	struct review_step st = { .action = RA_ACCEPT };
	snprintf(st.on, sizeof st.on, "2027-05-20");
	assert_int_equal(review_transition(f->s, a.id, a.version, &st, &reached, &e), 0);
	assert_int_equal(reached, RV_PASSED);
	assert_int_equal(review_app_load(f->s, a.id, &a, &e), 0);
	assert_string_equal(a.total, "85.7");
	assert_string_equal(a.state_word, "验收通过");
	/* Scores are closed once accepted. */
	assert_int_equal(review_sheet_load(f->s, a.id, &sh, &e), 0);
	assert_int_equal(sh.mean, 857);
	assert_int_equal(review_sheet_save_row(f->s, &sh, 0, sc, &e), DJ_INVALID);
	struct review_step h = { .action = RA_HONOUR };
	snprintf(h.award, sizeof h.award, "奖牌一块、奖金 500 元");
	assert_int_equal(review_transition(f->s, a.id, a.version, &h, NULL, &e), 0);
	assert_int_equal(review_app_load(f->s, a.id, &a, &e), 0);
	assert_string_equal(a.state_word, "优秀成果");
	assert_string_equal(a.award, "奖牌一块、奖金 500 元");
	/* One audit entry per step, with the old and new state words. */
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE tbl = 'review_app' AND"
	                       " row_id = ? AND action <> '新增'", a.id), 6);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE tbl = 'review_app' AND"
	                       " row_id = ? AND action = '批准立项' AND old_json LIKE '%已推荐%'"
	                       " AND new_json LIKE '%已立项（实施中）%' AND new_json LIKE '%1000.00%'",
	                       a.id), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE tbl = 'review_score'", -1), 4);
}

static void failed_acceptance_then_resubmit(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	struct review_batch b = project_batch(f);
	struct review_app a = project_app(f, &b, "西村党支部", "红色课堂");
	must_step(f, &a, RA_RECOMMEND, NULL, NULL);
	must_step(f, &a, RA_APPROVE, "", NULL);
	note(f, a.id, "中期检查", "需整改");
	must_step(f, &a, RA_MIDTERM, NULL, NULL);
	note(f, a.id, "结题报告", NULL);
	must_step(f, &a, RA_CONCLUDE, NULL, NULL);
	const int low[] = { 100, 100, 100 }, lowlast[] = { 90, 100, 110 };   /* 49, 50, 51 */
	score_all(f, a.id, low, lowlast);
	assert_int_equal(step(f, &a, RA_ACCEPT, "材料不全", NULL, &e), DJ_INVALID);
	assert_string_equal(e.field, "due");
	assert_string_equal(e.msg, "验收不通过（总评 50.0 分），请填写「整改期限」");
	assert_int_equal(step(f, &a, RA_ACCEPT, "材料不全", "2026-11-21", &e), DJ_INVALID);
	assert_string_equal(e.msg, "「整改期限」2026-11-21 应晚于验收日期 2026-11-21");
	must_step(f, &a, RA_ACCEPT, "材料不全", "2027-01-31");
	assert_int_equal(a.state, RV_FAILED);
	assert_string_equal(a.rectify_due, "2027-01-31");
	assert_string_equal(a.total, "50.0");
	/* the acceptance's opinion joins the outcome; 批复意见 stays the decision's */
	assert_string_equal(a.outcome, "验收不通过，限 2027-01-31 前整改（2026-11-21）：材料不全");
	assert_string_not_equal(a.decision, "材料不全");
	must_step(f, &a, RA_RESUBMIT, NULL, NULL);
	assert_int_equal(a.state, RV_CONCLUDED);
	assert_int_equal(a.accept_round, 2);
	/* The second round's sheet starts empty. */
	struct review_sheet sh;
	assert_int_equal(review_sheet_load(f->s, a.id, &sh, &e), 0);
	assert_int_equal(sh.round, 2);
	assert_false(sh.complete);
	assert_int_equal(sh.rows[0].score[0], -1);
	score_all(f, a.id, low, lowlast);
	must_step(f, &a, RA_ACCEPT, "", "2027-03-01");
	assert_int_equal(a.state, RV_FAILED);
	/* A second failure leaves only 撤销立项, with its reason. */
	assert_int_equal(step(f, &a, RA_RESUBMIT, NULL, NULL, &e), DJ_INVALID);
	assert_int_equal(step(f, &a, RA_REVOKE, "", NULL, &e), DJ_INVALID);
	assert_string_equal(e.msg, "撤销立项须写明理由");
	must_step(f, &a, RA_REVOKE, "两次验收不通过", NULL);
	assert_string_equal(a.state_word, "已撤销立项");
	assert_string_equal(a.reason, "两次验收不通过");
	assert_string_equal(a.outcome, "撤销立项（2026-11-21）");
	/* A passing resubmission of another project. */
	struct review_app p = project_app(f, &b, "东村党支部", "志愿服务");
	must_step(f, &p, RA_RECOMMEND, NULL, NULL);
	must_step(f, &p, RA_APPROVE, "", NULL);
	note(f, p.id, "中期检查", "合格");
	must_step(f, &p, RA_MIDTERM, NULL, NULL);
	note(f, p.id, "结题报告", NULL);
	must_step(f, &p, RA_CONCLUDE, NULL, NULL);
	score_all(f, p.id, low, lowlast);
	must_step(f, &p, RA_ACCEPT, "", "2027-01-31");
	must_step(f, &p, RA_RESUBMIT, NULL, NULL);
	const int good[] = { 140, 140, 140 }, goodlast[] = { 140, 140, 140 };
	score_all(f, p.id, good, goodlast);
	must_step(f, &p, RA_ACCEPT, "", NULL);
	assert_string_equal(p.state_word, "验收通过");
	assert_string_equal(p.total, "70.0");
	/* 70 is short of the excellent line. */
	assert_int_equal(step(f, &p, RA_HONOUR, NULL, NULL, &e), DJ_INVALID);
	assert_string_equal(e.msg, "总评 70.0 分，未达到优秀成果的 85 分");
}

static void scope_and_viewer(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	struct review_batch b = project_batch(f);
	struct review_app a = project_app(f, &b, "东村党支部", "党员学习");
	int64_t entries = count(f, "SELECT count(*) FROM audit_log", -1);
	f->s->role = ROLE_VIEWER;
	assert_int_equal(step(f, &a, RA_RECOMMEND, NULL, NULL, &e), DJ_DENIED);
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->b;
	assert_int_equal(step(f, &a, RA_RECOMMEND, NULL, NULL, &e), DJ_DENIED);
	assert_non_null(strstr(e.msg, "东村党支部"));
	assert_int_equal(review_app_delete(f->s, a.id, a.version, &e), DJ_DENIED);
	f->s->scope_org = f->a;
	must_step(f, &a, RA_RECOMMEND, NULL, NULL);
	f->s->role = ROLE_ADMIN;
	f->s->scope_org = 0;
	assert_int_equal(a.state, RV_RECOMMENDED);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log", -1), entries + 1);
	/* A stale version is a conflict, and nothing moves. */
	struct review_step st = { .action = RA_APPROVE };
	assert_int_equal(review_transition(f->s, a.id, a.version - 1, &st, NULL, &e), DJ_CONFLICT);
	/* Only an application still 已申报 may be deleted. */
	assert_int_equal(review_app_delete(f->s, a.id, a.version, &e), DJ_INVALID);
	struct review_app c = project_app(f, &b, "西村党支部", "删除用");
	assert_int_equal(review_app_delete(f->s, c.id, c.version, &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM review_app WHERE id = ?", c.id), 0);
	assert_int_equal(review_batch_delete(f->s, b.id, b.version, &e), DJ_INVALID);
}

static void text_byte_for_byte(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	static const char title[] = "👨‍👩‍👧‍👦党员之家🏳️‍🌈𠮷野家✊🏽";
	struct review_batch b = project_batch(f);
	struct review_app a = project_app(f, &b, "东村党支部", title);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(f->s->db, "SELECT title FROM review_app WHERE id = ?",
	                                    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, a.id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_bytes(st, 0), (int)strlen(title));
	assert_memory_equal(sqlite3_column_text(st, 0), title, strlen(title));
	sqlite3_finalize(st);
	assert_int_equal(review_app_load(f->s, a.id, &a, &e), 0);
	assert_string_equal(a.title, title);
	/* A control character is refused, naming the field. */
	snprintf(a.title, sizeof a.title, "坏\x1b[31m标题");
	assert_int_equal(review_app_save(f->s, &a, &e), DJ_INVALID);
	assert_string_equal(e.field, "title");
}

/* The list of batches: kind, term, name, unit, status, applications and
 * those late (stage dates of 2026 passed without the step). */
static void batch_list(void **state)
{
	struct fixture *f = *state;
	struct review_batch b = project_batch(f);
	project_app(f, &b, "东村党支部", "逾期的项目");
	struct row_source *rs = review_batch_list_source(f->s, REVIEW_PROJECT);
	assert_non_null(rs);
	struct rs_row rows[4];
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 4, rows), 1);
	assert_string_equal(rows[0].cell[0], "立项");
	assert_string_equal(rows[0].cell[1], "2026-2027");
	assert_string_equal(rows[0].cell[4], "设置中");
	assert_string_equal(rows[0].cell[5], "1");
	assert_string_equal(rows[0].cell[6], "1");
	assert_int_equal(rows[0].flags & RS_FLAG_WARN, RS_FLAG_WARN);
	row_source_free(rs);
	rs = review_batch_list_source(f->s, REVIEW_CREATE);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 4, rows), 0);
	row_source_free(rs);
}

/* ---- 创建 ---- */

static int64_t org_of(struct fixture *f, const char *name, const char *kind, const char *parent,
                      const char *category, const char *founded)
{
	struct org o = fx_org_draft(name, kind, parent);
	snprintf(o.category, sizeof o.category, "%s", category);
	snprintf(o.founded_on, sizeof o.founded_on, "%s", founded);
	return fx_org_save(f->s, o);
}

static struct review_app create_app(struct fixture *f, const struct review_batch *b,
                                    const char *org, const char *kind, int declared)
{
	struct review_app a;
	struct dj_err e;
	review_app_defaults(f->s, b, &a);
	snprintf(a.org, sizeof a.org, "%s", org);
	snprintf(a.kind, sizeof a.kind, "%s", kind);
	snprintf(a.title, sizeof a.title, "%s创建", org);
	snprintf(a.goal_year1, sizeof a.goal_year1, "健全制度");
	if (declared)
		snprintf(a.declaration, sizeof a.declaration, "本支部未出现重大问题、事件");
	if (review_app_save(f->s, &a, &e))
		fail_msg("%s: %s", e.field, e.msg);
	return a;
}

static void create_rules(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	org_of(f, "机械学院党总支", "党总支", "中共测试镇委员会", "学校教工", "2015-03-01");
	org_of(f, "机械学院教工党支部", "党支部", "机械学院党总支", "学校教工", "2020-01-01");
	org_of(f, "机械学院学生党支部", "党支部", "机械学院党总支", "学校学生", "2025-01-01");
	org_of(f, "化工学院教工党支部", "党支部", "中共测试镇委员会", "学校教工", "2019-01-01");
	org_of(f, "新建教工党支部", "党支部", "中共测试镇委员会", "学校教工", "2024-11-21");
	org_of(f, "机关党委", "党委", "中共测试镇委员会", "机关", "2010-01-01");
	for (int i = 1; i <= 3; i++) {
		char n[64];
		snprintf(n, sizeof n, "机关第%d党支部", i);
		org_of(f, n, "党支部", "机关党委", "机关", "2012-01-01");
	}
	struct review_batch b;
	review_batch_defaults(f->s, REVIEW_CREATE, &b);
	snprintf(b.reviewers, sizeof b.reviewers, "赵一、钱二");
	snprintf(b.quota_branch, sizeof b.quota_branch, "1");
	if (review_batch_save(f->s, &b, &e))
		fail_msg("%s: %s", e.field, e.msg);
	/* A 标杆学院 is a 党总支's, a 样板支部 a 党支部's. */
	struct review_app w;
	review_app_defaults(f->s, &b, &w);
	snprintf(w.org, sizeof w.org, "机械学院党总支");
	snprintf(w.title, sizeof w.title, "错类");
	snprintf(w.goal_year1, sizeof w.goal_year1, "x");
	assert_int_equal(review_app_save(f->s, &w, &e), DJ_INVALID);
	assert_string_equal(e.msg, "「申报单位」机械学院党总支 是党总支，样板支部应由党支部申报");
	struct review_app t = create_app(f, &b, "机械学院教工党支部", "样板支部", 1);
	assert_true(*t.declared_by);
	assert_string_equal(t.declared_on, FX_TODAY);
	struct review_app s = create_app(f, &b, "机械学院学生党支部", "样板支部", 1);
	/* The 党总支 recommends one 样板支部. */
	must_step(f, &t, RA_RECOMMEND, NULL, NULL);
	assert_int_equal(step(f, &s, RA_RECOMMEND, NULL, NULL, &e), DJ_INVALID);
	assert_string_equal(e.msg, "超过推荐名额：机械学院党总支 已推荐 1 个样板支部，最多推荐 1 个");
	/* A 机关党委 recommends two. */
	for (int i = 1; i <= 3; i++) {
		char n[64];
		snprintf(n, sizeof n, "机关第%d党支部", i);
		struct review_app j = create_app(f, &b, n, "样板支部", 1);
		int rc = step(f, &j, RA_RECOMMEND, NULL, NULL, &e);
		assert_int_equal(rc, i <= 2 ? 0 : DJ_INVALID);
	}
	/* Eligibility from the records: the student branch lacks its 2 years. */
	char why[512];
	assert_int_equal(review_eligibility(f->s, s.id, why, sizeof why, &e), 2);
	assert_string_equal(why, "成立不满 2 年（2025-01-01 成立，至 2026-11-21 不足 2 年）\n"
	                         "超过推荐名额（机械学院党总支 已推荐 1 个，最多推荐 1 个）");
	struct review_app young = create_app(f, &b, "新建教工党支部", "样板支部", 0);
	assert_int_equal(review_eligibility(f->s, young.id, why, sizeof why, &e), 2);
	assert_string_equal(why, "成立不满 3 年（2024-11-21 成立，至 2026-11-21 不足 3 年）\n"
	                         "未记录“未出现重大问题、事件”的声明（须写明声明人和日期）");
	must_step(f, &young, RA_RECOMMEND, NULL, NULL);
	assert_int_equal(step(f, &young, RA_SCREEN, NULL, NULL, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "不符合申报条件：成立不满 3 年（2024-11-21 成立"));
	must_step(f, &young, RA_REFUSE, "成立不满 3 年", NULL);
	assert_string_equal(young.state_word, "未入选");
	/* The quota: one 样板支部 this batch. */
	assert_int_equal(review_eligibility(f->s, t.id, why, sizeof why, &e), 0);
	assert_string_equal(why, "符合申报条件");
	must_step(f, &t, RA_SCREEN, NULL, NULL);
	assert_string_equal(t.state_word, "初审通过");
	must_step(f, &t, RA_APPROVE, "拟入选", NULL);
	assert_string_equal(t.granted, "10000.00");
	assert_int_equal(count(f, "SELECT amount_fen FROM review_fund WHERE item = '第一年创建经费'"
	                       " AND app_id = ?", t.id), 1000000);
	struct review_app c = create_app(f, &b, "化工学院教工党支部", "样板支部", 1);
	must_step(f, &c, RA_RECOMMEND, NULL, NULL);
	must_step(f, &c, RA_SCREEN, NULL, NULL);
	assert_int_equal(step(f, &c, RA_APPROVE, "", NULL, &e), DJ_INVALID);
	assert_string_equal(e.msg, "本批次样板支部名额 1 个已满（已入选 1 个）");
	/* 公示 ends, 创建, and the 成果报告 before 验收 materials. */
	must_step(f, &t, RA_START, NULL, NULL);
	assert_string_equal(t.state_word, "创建中");
	note(f, t.id, "中期检查", "良好");
	must_step(f, &t, RA_MIDTERM, NULL, NULL);
	note(f, t.id, "结题报告", NULL);
	assert_int_equal(step(f, &t, RA_CONCLUDE, NULL, NULL, &e), DJ_INVALID);
	assert_string_equal(e.msg, "请先填写成果报告");
	note(f, t.id, "成果报告", NULL);
	must_step(f, &t, RA_CONCLUDE, NULL, NULL);
	const int base[] = { 150, 150 }, last[] = { 0, 150 };   /* 85, 100 → 92.5 */
	score_all(f, t.id, base, last);
	must_step(f, &t, RA_ACCEPT, NULL, NULL);
	assert_string_equal(t.state_word, "达标（已命名）");
	assert_string_equal(t.total, "92.5");
	assert_string_equal(t.outcome, "达标，命名为校级党建工作样板支部（2026-11-21）");
	assert_true(review_state_final(REVIEW_CREATE, t.state));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(batch_defaults_and_checks), FX_TEST(project_whole_path),
		FX_TEST(failed_acceptance_then_resubmit), FX_TEST(scope_and_viewer),
		FX_TEST(text_byte_for_byte), FX_TEST(batch_list), FX_TEST(create_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
