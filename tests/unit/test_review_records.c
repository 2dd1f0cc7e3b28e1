/* The records of a review application: which note kind each state takes
 * in both flows, the 延期 that moves the planned end, the version check,
 * the scope and the audit; the funds ledger whose balance never goes below
 * zero on insert, update or delete, the 配套 ratio, 预算 against money
 * moved; the tasks of a 创建 申报书 and their lateness. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "review_fx.h"

static struct review_note note(int64_t app, const char *kind, const char *body)
{
	struct review_note n;
	memset(&n, 0, sizeof n);
	n.app_id = app;
	snprintf(n.kind, sizeof n.kind, "%s", kind);
	snprintf(n.on_date, sizeof n.on_date, "2026-11-02");
	snprintf(n.body, sizeof n.body, "%s", body);
	if (strcmp(kind, "中期检查") == 0)
		snprintf(n.result, sizeof n.result, "良好");
	if (strcmp(kind, "延期") == 0)
		snprintf(n.extends_to, sizeof n.extends_to, "2027-09-30");
	return n;
}

/* Saves a note of `kind` on an application in `state`: the result code. */
static int note_in(struct fixture *f, int64_t app, int state, const char *kind, char *msg)
{
	struct review_note n = note(app, kind, "开展主题党日活动");
	struct dj_err e = { 0 };
	rfx_state(f->s, app, state);
	if (strcmp(kind, "自查报告") == 0)
		snprintf(n.criterion, sizeof n.criterion, "教育党员有力");
	int rc = review_note_save(f->s, &n, &e);
	if (msg)
		snprintf(msg, 256, "%s", e.msg);
	if (rc == 0 && strcmp(kind, "延期") == 0)   /* let the next 延期 be measured afresh */
		rfx_sql(f->s, "UPDATE review_app SET ends_on = NULL");
	return rc;
}

struct kind_case {
	const char *kind;
	int ok[RV_STATES];   /* 1 in the states the kind is taken */
};

/* 立项 (seed 004 §四): notes of the implementation while being carried out,
 * the check while 实施中, the 结题报告 after the mid-term, 整改 after a
 * failed acceptance; 创建 kinds never. */
static const struct kind_case project_cases[] = {
	{ "阶段小结", { [RV_APPROVED] = 1, [RV_STARTED] = 1, [RV_MIDTERM] = 1 } },
	{ "延期", { [RV_APPROVED] = 1, [RV_STARTED] = 1, [RV_MIDTERM] = 1 } },
	{ "中期检查", { [RV_APPROVED] = 1 } },
	{ "结题报告", { [RV_MIDTERM] = 1 } },
	{ "整改", { [RV_FAILED] = 1 } },
	{ "自查报告", { 0 } },
	{ "公示", { 0 } },
	{ "成果报告", { 0 } },
};

/* 创建 (seed 001): 公示 while 拟入选, the 中期评估 once 创建中, the 成果报告
 * after it, the 自查报告 until the acceptance. */
static const struct kind_case create_cases[] = {
	{ "阶段小结", { [RV_APPROVED] = 1, [RV_STARTED] = 1, [RV_MIDTERM] = 1 } },
	{ "中期检查", { [RV_STARTED] = 1 } },
	{ "成果报告", { [RV_MIDTERM] = 1 } },
	{ "公示", { [RV_APPROVED] = 1 } },
	{ "自查报告", { [RV_APPLIED] = 1, [RV_RECOMMENDED] = 1, [RV_SCREENED] = 1, [RV_APPROVED] = 1,
	                [RV_STARTED] = 1, [RV_MIDTERM] = 1, [RV_CONCLUDED] = 1 } },
	{ "结题报告", { 0 } },
	{ "整改", { 0 } },
};

static void walk_cases(struct fixture *f, int64_t app, enum review_kind k,
                       const struct kind_case *c, int n)
{
	char msg[256];
	for (int i = 0; i < n; i++)
		for (int st = RV_APPLIED; st < RV_STATES; st++) {
			int rc = note_in(f, app, st, c[i].kind, msg);
			if (c[i].ok[st] ? rc != 0 : rc != DJ_INVALID)
				fail_msg("%s in state %d: rc %d %s", c[i].kind, st, rc, msg);
			/* a refusal in a state the flow names says that state */
			const char *word = review_state_word(k, st);
			if (rc && *word && !strstr(msg, "不适用") && !strstr(msg, word))
				fail_msg("%s in %s: %s", c[i].kind, word, msg);
		}
}

static void test_note_kinds_project(void **state)
{
	struct fixture *f = *state;
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = rfx_app(f->s, b, f->a, "项目", "党员先锋📚工程", RV_APPLIED);
	walk_cases(f, app, REVIEW_PROJECT, project_cases,
	           sizeof project_cases / sizeof *project_cases);
	char msg[256];
	assert_int_equal(note_in(f, app, RV_APPLIED, "阶段小结", msg), DJ_INVALID);
	assert_non_null(strstr(msg, "「已申报」"));
	assert_non_null(strstr(msg, "「已立项（实施中）」"));
	assert_int_equal(note_in(f, app, RV_APPROVED, "公示", msg), DJ_INVALID);
	assert_non_null(strstr(msg, "不适用于党支部工作立项"));
}

static void test_note_kinds_create(void **state)
{
	struct fixture *f = *state;
	int64_t b = rfx_batch(f->s, REVIEW_CREATE);
	int64_t app = rfx_app(f->s, b, f->a, "样板支部", "样板支部创建", RV_APPLIED);
	walk_cases(f, app, REVIEW_CREATE, create_cases, sizeof create_cases / sizeof *create_cases);
}

static void test_note_fields(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t b = rfx_batch(f->s, REVIEW_CREATE);
	int64_t app = rfx_app(f->s, b, f->a, "样板支部", "样板支部创建", RV_STARTED);
	/* the 中期评估 needs a result of the three */
	struct review_note n = note(app, "中期检查", "完成第一年目标");
	n.result[0] = 0;
	assert_int_equal(review_note_save(f->s, &n, &e), DJ_INVALID);
	assert_string_equal(e.field, "result");
	snprintf(n.result, sizeof n.result, "优秀");
	assert_int_equal(review_note_save(f->s, &n, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "优秀"));
	assert_string_equal(n.result, "优秀");   /* what was typed stays */
	snprintf(n.result, sizeof n.result, "需整改");
	assert_int_equal(review_note_save(f->s, &n, &e), 0);
	/* a 自查报告 answers a criterion of the batch's list */
	n = note(app, "自查报告", "对照七个有力逐项自查");
	assert_int_equal(review_note_save(f->s, &n, &e), DJ_INVALID);
	assert_string_equal(e.field, "criterion");
	assert_non_null(strstr(e.msg, "服务师生有力"));
	snprintf(n.criterion, sizeof n.criterion, "学习有力");
	assert_int_equal(review_note_save(f->s, &n, &e), DJ_INVALID);
	assert_string_equal(e.field, "criterion");
	snprintf(n.criterion, sizeof n.criterion, "服务师生有力");
	assert_int_equal(review_note_save(f->s, &n, &e), 0);
	assert_string_equal(n.criterion, "服务师生有力");
	/* dates are real and not ahead of today; the body is required */
	n = note(app, "阶段小结", "");
	assert_int_equal(review_note_save(f->s, &n, &e), DJ_INVALID);
	assert_string_equal(e.field, "body");
	n = note(app, "阶段小结", "x");
	snprintf(n.on_date, sizeof n.on_date, "2026-11-22");
	assert_int_equal(review_note_save(f->s, &n, &e), DJ_INVALID);
	assert_string_equal(e.field, "on_date");
	snprintf(n.on_date, sizeof n.on_date, "2026-02-30");
	assert_int_equal(review_note_save(f->s, &n, &e), DJ_INVALID);
	assert_string_equal(e.field, "on_date");
}

/* Seed 004's text with emoji, ZWJ sequences and 𠮷 is kept byte for byte. */
static void test_note_bytes_and_audit(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = rfx_app(f->s, b, f->a, "项目", "立项", RV_APPROVED);
	const char *body = "一🧎🏻\u200d♀️\u200d➡️、创新党支部活动👨🏽\u200d🚀 𠮷\n第二行🏌🏼\u200d♂️";
	struct review_note n = note(app, "阶段小结", body);
	assert_int_equal(review_note_save(f->s, &n, &e), 0);
	char got[512];
	rfx_text(f->s, "SELECT body FROM review_note", got, sizeof got);
	assert_string_equal(got, body);
	assert_int_equal(rfx_int(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'review_note'"
	                               " AND action = '新增'"), 1);
	/* the version check: a stale copy is refused and keeps what it holds */
	struct review_note stale = n;
	snprintf(n.body, sizeof n.body, "改过一次");
	assert_int_equal(review_note_save(f->s, &n, &e), 0);
	snprintf(stale.body, sizeof stale.body, "另一位操作员的修改");
	assert_int_equal(review_note_save(f->s, &stale, &e), DJ_CONFLICT);
	assert_string_equal(stale.body, "另一位操作员的修改");
	rfx_text(f->s, "SELECT body FROM review_note", got, sizeof got);
	assert_string_equal(got, "改过一次");
	/* an operator scoped to another branch may not write it */
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->b;
	struct review_note other = note(app, "阶段小结", "越权");
	assert_int_equal(review_note_save(f->s, &other, &e), DJ_DENIED);
	assert_int_equal(review_note_delete(f->s, n.id, n.version, &e), DJ_DENIED);
	f->s->scope_org = 0;
	assert_int_equal(review_note_delete(f->s, n.id, n.version, &e), 0);
	assert_int_equal(rfx_int(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'review_note'"
	                               " AND action = '删除'"), 1);
}

static void test_extension_moves_end(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	char got[16];
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = rfx_app(f->s, b, f->a, "项目", "立项", RV_APPROVED);
	/* without a planned end it is measured from the batch's last stage */
	struct review_note n = note(app, "延期", "");
	assert_int_equal(review_note_save(f->s, &n, &e), DJ_INVALID);
	assert_string_equal(e.field, "body");
	snprintf(n.body, sizeof n.body, "暑期社会实践推迟");
	snprintf(n.extends_to, sizeof n.extends_to, "2027-05-31");
	assert_int_equal(review_note_save(f->s, &n, &e), DJ_INVALID);
	assert_string_equal(e.field, "extends_to");
	assert_non_null(strstr(e.msg, "2027-05-31"));
	int64_t v0 = rfx_int(f->s, "SELECT version FROM review_app");
	snprintf(n.extends_to, sizeof n.extends_to, "2027.9.30");
	assert_int_equal(review_note_save(f->s, &n, &e), 0);
	assert_string_equal(n.extends_to, "2027-09-30");
	assert_string_equal(rfx_text(f->s, "SELECT ends_on FROM review_app", got, sizeof got),
	                    "2027-09-30");
	assert_int_equal(rfx_int(f->s, "SELECT version FROM review_app"), v0 + 1);
	assert_int_equal(rfx_int(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'review_app'"
	                               " AND action = '延期'"), 1);
	/* the next one from the new end */
	struct review_note m = note(app, "延期", "再延");
	snprintf(m.extends_to, sizeof m.extends_to, "2027-09-30");
	assert_int_equal(review_note_save(f->s, &m, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "2027-09-30"));
	/* a 延期 that took effect keeps its date and stays */
	snprintf(n.extends_to, sizeof n.extends_to, "2027-12-31");
	assert_int_equal(review_note_save(f->s, &n, &e), DJ_INVALID);
	assert_string_equal(e.field, "extends_to");
	snprintf(n.extends_to, sizeof n.extends_to, "2027-09-30");
	snprintf(n.body, sizeof n.body, "暑期社会实践推迟（补充说明）");
	assert_int_equal(review_note_save(f->s, &n, &e), 0);
	assert_int_equal(review_note_delete(f->s, n.id, n.version, &e), DJ_INVALID);
	assert_string_equal(rfx_text(f->s, "SELECT ends_on FROM review_app", got, sizeof got),
	                    "2027-09-30");
}

static void test_note_list(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = rfx_app(f->s, b, f->a, "项目", "立项", RV_APPROVED);
	struct review_note n = note(app, "中期检查", "进度过半\n第二行");
	snprintf(n.on_date, sizeof n.on_date, "2026-11-10");
	assert_int_equal(review_note_save(f->s, &n, &e), 0);
	n = note(app, "阶段小结", "第一次小结");
	snprintf(n.on_date, sizeof n.on_date, "2026-10-01");
	assert_int_equal(review_note_save(f->s, &n, &e), 0);
	struct rs_row rows[4];
	struct row_source *rs = review_note_list_source(f->s, app);
	assert_int_equal(rfx_rows(rs, rows, 4), 2);
	assert_string_equal(rows[0].cell[0], "2026-10-01");   /* oldest first */
	assert_string_equal(rows[1].cell[1], "中期检查");
	assert_string_equal(rows[1].cell[2], "进度过半…");
	assert_string_equal(rows[1].cell[3], "良好");
	row_source_free(rs);
}

/* ---- funds ---- */

static int save_fund(struct fixture *f, struct review_fund *l, struct dj_err *e)
{
	return review_fund_save(f->s, l, e);
}

static void test_fund_timing(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = rfx_app(f->s, b, f->a, "项目", "立项", RV_APPLIED);
	struct review_fund l = rfx_fund(app, "预算", "300");
	l.on_date[0] = 0;   /* a budget line needs no date */
	assert_int_equal(save_fund(f, &l, &e), 0);
	struct review_fund g = rfx_fund(app, "拨付", "1000");
	assert_int_equal(save_fund(f, &g, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "「已申报」"));
	rfx_state(f->s, app, RV_APPROVED);
	struct review_fund late = rfx_fund(app, "预算", "100");
	assert_int_equal(save_fund(f, &late, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "已立项（实施中）"));
	l.amount[0] = 0;
	snprintf(l.amount, sizeof l.amount, "400");
	assert_int_equal(save_fund(f, &l, &e), DJ_INVALID);   /* nor changed after the decision */
	assert_int_equal(save_fund(f, &g, &e), 0);
	rfx_state(f->s, app, RV_PASSED);
	struct review_fund after = rfx_fund(app, "支出", "10");
	assert_int_equal(save_fund(f, &after, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "活动经费"));
	struct review_money m;
	assert_int_equal(review_money_of(f->s, app, &m, &e), 0);
	assert_int_equal(m.budget, 30000);
	assert_int_equal(m.granted, 100000);
	assert_int_equal(m.balance, 100000);
}

static void test_fund_balance(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	struct review_money m;
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = rfx_app(f->s, b, f->a, "项目", "立项", RV_APPROVED);
	struct review_fund g = rfx_fund(app, "拨付", "1,000");
	assert_int_equal(save_fund(f, &g, &e), 0);
	assert_string_equal(g.amount, "1000.00");
	struct review_fund s1 = rfx_fund(app, "支出", "600.50");
	assert_int_equal(save_fund(f, &s1, &e), 0);
	/* insert: 600.50 + 400 > 1000 */
	struct review_fund s2 = rfx_fund(app, "支出", "400");
	assert_int_equal(save_fund(f, &s2, &e), DJ_INVALID);
	assert_string_equal(e.field, "amount");
	assert_non_null(strstr(e.msg, "结余不足"));
	assert_non_null(strstr(e.msg, "1000.00"));
	assert_non_null(strstr(e.msg, "1000.50"));
	assert_non_null(strstr(e.msg, "0.50"));
	assert_string_equal(s2.amount, "400");   /* what was typed stays */
	snprintf(s2.amount, sizeof s2.amount, "399.50");   /* exactly to zero is fine */
	assert_int_equal(save_fund(f, &s2, &e), 0);
	/* update of a spending line */
	snprintf(s1.amount, sizeof s1.amount, "601");
	assert_int_equal(save_fund(f, &s1, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "结余不足"));
	/* update and delete of the grant they rely on */
	snprintf(g.amount, sizeof g.amount, "999.99");
	assert_int_equal(save_fund(f, &g, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "结余不足"));
	assert_int_equal(review_fund_delete(f->s, g.id, g.version, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "结余不足"));
	assert_int_equal(review_money_of(f->s, app, &m, &e), 0);
	assert_int_equal(m.granted, 100000);
	assert_int_equal(m.spent, 100000);
	assert_int_equal(m.balance, 0);
	/* a spending line may go; its money comes back */
	assert_int_equal(review_fund_delete(f->s, s2.id, s2.version, &e), 0);
	assert_int_equal(review_money_of(f->s, app, &m, &e), 0);
	assert_int_equal(m.balance, 39950);
	assert_int_equal(rfx_int(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'review_fund'"),
	                 4);
}

static void test_fund_fields(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t b = rfx_batch(f->s, REVIEW_CREATE);   /* 配套 at least 100 % */
	int64_t app = rfx_app(f->s, b, f->a, "样板支部", "样板支部", RV_STARTED);
	struct review_fund l = rfx_fund(app, "配套", "4999.99");
	assert_int_equal(save_fund(f, &l, &e), DJ_INVALID);
	assert_string_equal(e.field, "outside");
	snprintf(l.outside, sizeof l.outside, "5000");
	assert_int_equal(save_fund(f, &l, &e), DJ_INVALID);
	assert_string_equal(e.field, "amount");
	assert_non_null(strstr(e.msg, "5000.00"));
	assert_non_null(strstr(e.msg, "100%"));
	snprintf(l.amount, sizeof l.amount, "5000");
	assert_int_equal(save_fund(f, &l, &e), 0);
	struct review_fund s = rfx_fund(app, "支出", "100");
	s.handler[0] = 0;
	assert_int_equal(save_fund(f, &s, &e), DJ_INVALID);
	assert_string_equal(e.field, "handler");
	snprintf(s.handler, sizeof s.handler, "钱经手");
	snprintf(s.amount, sizeof s.amount, "1.234");
	assert_int_equal(save_fund(f, &s, &e), DJ_INVALID);
	assert_string_equal(e.field, "amount");
	snprintf(s.amount, sizeof s.amount, "0");
	assert_int_equal(save_fund(f, &s, &e), DJ_INVALID);
	snprintf(s.amount, sizeof s.amount, "100");
	snprintf(s.kind, sizeof s.kind, "报销");
	assert_int_equal(save_fund(f, &s, &e), DJ_INVALID);
	assert_string_equal(e.field, "kind");
	snprintf(s.kind, sizeof s.kind, "支出");
	snprintf(s.on_date, sizeof s.on_date, "2026-12-01");   /* money is moved on a past day */
	assert_int_equal(save_fund(f, &s, &e), DJ_INVALID);
	assert_string_equal(e.field, "on_date");
}

static void test_fund_list(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t b = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t app = rfx_app(f->s, b, f->a, "项目", "立项", RV_APPLIED);
	struct review_fund l = rfx_fund(app, "预算", "800");
	assert_int_equal(save_fund(f, &l, &e), 0);
	rfx_state(f->s, app, RV_APPROVED);
	struct review_fund s = rfx_fund(app, "支出", "250");
	struct review_fund g = rfx_fund(app, "拨付", "1000");
	snprintf(g.on_date, sizeof g.on_date, "2026-06-01");
	assert_int_equal(save_fund(f, &g, &e), 0);
	assert_int_equal(save_fund(f, &s, &e), 0);
	struct rs_row rows[4];
	struct row_source *rs = review_fund_list_source(f->s, app);
	assert_int_equal(rfx_rows(rs, rows, 4), 3);
	assert_string_equal(rows[0].cell[1], "预算");
	assert_string_equal(rows[0].cell[5], "");
	assert_int_equal(rows[0].flags, RS_FLAG_DIM);
	assert_string_equal(rows[1].cell[5], "1000.00");
	assert_string_equal(rows[2].cell[3], "250.00");
	assert_string_equal(rows[2].cell[5], "750.00");
	row_source_free(rs);
}

/* ---- tasks ---- */

static struct review_task task(int64_t app, const char *what, const char *due, const char *done)
{
	struct review_task t;
	memset(&t, 0, sizeof t);
	t.app_id = app;
	snprintf(t.task, sizeof t.task, "%s", what);
	snprintf(t.responsible, sizeof t.responsible, "张三、李四");
	snprintf(t.due_on, sizeof t.due_on, "%s", due);
	snprintf(t.done_on, sizeof t.done_on, "%s", done);
	return t;
}

static void test_tasks(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t pb = rfx_batch(f->s, REVIEW_PROJECT);
	int64_t project = rfx_app(f->s, pb, f->a, "项目", "立项", RV_APPROVED);
	struct review_task t = task(project, "建立制度", "2026-12-31", "");
	assert_int_equal(review_task_save(f->s, &t, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "创建"));
	int64_t cb = rfx_batch(f->s, REVIEW_CREATE);
	int64_t app = rfx_app(f->s, cb, f->b, "样板支部", "样板", RV_STARTED);
	struct review_task late = task(app, "完善党员管理制度", "2026-11-20", "");
	struct review_task due = task(app, "打造特色品牌", "2026-11-21", "");
	struct review_task done = task(app, "组织专题培训", "2026-10-01", "2026-10-15");
	assert_int_equal(review_task_save(f->s, &late, &e), 0);
	assert_int_equal(review_task_save(f->s, &due, &e), 0);
	assert_int_equal(review_task_save(f->s, &done, &e), 0);
	struct review_task bad = task(app, "x", "2026-11-01", "2026-11-22");
	assert_int_equal(review_task_save(f->s, &bad, &e), DJ_INVALID);
	assert_string_equal(e.field, "done_on");
	bad = task(app, "x", "", "");
	assert_int_equal(review_task_save(f->s, &bad, &e), DJ_INVALID);
	assert_string_equal(e.field, "due_on");
	struct rs_row rows[4];
	struct row_source *rs = review_task_list_source(f->s, app);
	assert_int_equal(rfx_rows(rs, rows, 4), 3);
	assert_int_equal(rows[0].flags, RS_FLAG_WARN);   /* due yesterday, not done */
	assert_string_equal(rows[0].cell[4], "逾期");
	assert_int_equal(rows[1].flags, 0);              /* due today */
	assert_int_equal(rows[2].flags, 0);              /* late but done */
	assert_string_equal(rows[2].cell[4], "已完成");
	row_source_free(rs);
	/* after the acceptance the 任务书 is the record */
	rfx_state(f->s, app, RV_PASSED);
	snprintf(late.done_on, sizeof late.done_on, "2026-11-21");
	assert_int_equal(review_task_save(f->s, &late, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "达标（已命名）"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_note_kinds_project), FX_TEST(test_note_kinds_create),
		FX_TEST(test_note_fields), FX_TEST(test_note_bytes_and_audit),
		FX_TEST(test_extension_moves_end), FX_TEST(test_note_list),
		FX_TEST(test_fund_timing), FX_TEST(test_fund_balance), FX_TEST(test_fund_fields),
		FX_TEST(test_fund_list), FX_TEST(test_tasks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
