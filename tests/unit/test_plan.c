/* test_plan.c — the 工作计划: states and 逾期 at the deadline boundary, a
 * split task rolling up, validation naming fields, the 责任人 view's order,
 * scope, and the 待办 and 通报 providers emitting exactly the late items. */
#include "fixture.h"

#include "core/db.h"
#include "demo/demo.h"
#include "plan/plan.h"

static void refused_with(int rc, const struct dj_err *e, const char *field, const char *msg)
{
	assert_int_not_equal(rc, 0);
	if (!strstr(e->msg, msg))
		fail_msg("expected 「%s」 in: %s", msg, e->msg);
	if (field)
		assert_string_equal(e->field, field);
}

static void late_is_the_day_after_the_deadline(void **state)
{
	(void)state;
	assert_false(plan_is_late("进行中", "2026-04-25", "2026-04-25"));
	assert_true(plan_is_late("进行中", "2026-04-25", "2026-04-26"));
	assert_true(plan_is_late("未开始", "2026-04-25", "2027-01-01"));
	assert_false(plan_is_late("已完成", "2026-04-25", "2026-05-01"));
	assert_false(plan_is_late("未开始", "", "2026-05-01"));
	assert_string_equal(plan_state_of("进行中", "2026-04-25", "2026-04-26"), "逾期");
	assert_string_equal(plan_state_of("进行中", "2026-04-25", "2026-04-25"), "进行中");
	assert_string_equal(plan_state_of("已完成", "2026-04-25", "2026-09-01"), "已完成");
}

static void a_split_task_rolls_up_from_its_lines(void **state)
{
	(void)state;
	const char *none[] = { "未开始", "未开始" }, *one[] = { "未开始", "进行中" };
	const char *some[] = { "已完成", "未开始" }, *all[] = { "已完成", "已完成" };
	assert_string_equal(plan_rollup(none, 2), "未开始");
	assert_string_equal(plan_rollup(one, 2), "进行中");
	assert_string_equal(plan_rollup(some, 2), "进行中");
	assert_string_equal(plan_rollup(all, 2), "已完成");
	assert_string_equal(plan_rollup(NULL, 0), "未开始");
}

static void states_need_their_dates(void **state)
{
	(void)state;
	struct dj_err e;
	char done[11] = "";
	refused_with(plan_check_state("已完成", done, "state", "done_on", &e), &e, "done_on", "不能为空");
	snprintf(done, sizeof done, "2026-13-01");
	refused_with(plan_check_state("已完成", done, "state", "done_on", &e), &e, "done_on", "完成日期");
	snprintf(done, sizeof done, "2026-12-01");
	refused_with(plan_check_state("已完成", done, "state", "done_on", &e), &e, "done_on", "今天之后");
	refused_with(plan_check_state("进行中", done, "state", "done_on", &e), &e, "done_on",
	             "只在状态为已完成时");
	refused_with(plan_check_state("逾期", done, "state", "done_on", &e), &e, "state", "须为");
	snprintf(done, sizeof done, "2026-6-1");
	assert_int_equal(plan_check_state("已完成", done, "state", "done_on", &e), 0);
	assert_string_equal(done, "2026-06-01");
}

static int64_t plan_of(struct fixture *f)
{
	struct plan p = { 0 };
	struct dj_err e;
	snprintf(p.year_text, sizeof p.year_text, "2026");
	snprintf(p.name, sizeof p.name, "基层组织建设年活动实施方案");
	snprintf(p.org, sizeof p.org, "中共测试镇委员会");
	snprintf(p.doc_no, sizeof p.doc_no, "驿委(2012)38号");
	snprintf(p.issued_on, sizeof p.issued_on, "2026-03-01");
	if (plan_save(f->s, &p, &e))
		fail_msg("%s", e.msg);
	return p.id;
}

static int64_t phase_of(struct fixture *f, int64_t plan, const char *name, const char *from,
                        const char *to)
{
	struct plan_phase ph = { .plan_id = plan };
	struct dj_err e;
	snprintf(ph.name, sizeof ph.name, "%s", name);
	snprintf(ph.from_on, sizeof ph.from_on, "%s", from);
	snprintf(ph.to_on, sizeof ph.to_on, "%s", to);
	if (plan_phase_save(f->s, &ph, &e))
		fail_msg("%s", e.msg);
	return ph.id;
}

static struct plan_task task_draft(int64_t plan, const char *group, const char *body,
                                   const char *deadline, const char *p1, const char *p2)
{
	struct plan_task t = { .plan_id = plan };
	snprintf(t.group, sizeof t.group, "%s", group);
	snprintf(t.body, sizeof t.body, "%s", body);
	snprintf(t.deadline, sizeof t.deadline, "%s", deadline);
	snprintf(t.people[0].name, sizeof t.people[0].name, "%s", p1);
	snprintf(t.people[1].name, sizeof t.people[1].name, "%s", p2);
	return t;
}

static int64_t task_saved(struct fixture *f, struct plan_task t)
{
	struct dj_err e;
	if (plan_task_save(f->s, &t, &e))
		fail_msg("%s", e.msg);
	return t.id;
}

static void a_plan_and_phases_are_checked(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	struct plan p = { 0 };
	snprintf(p.year_text, sizeof p.year_text, "26");
	snprintf(p.name, sizeof p.name, "方案");
	snprintf(p.org, sizeof p.org, "中共测试镇委员会");
	snprintf(p.issued_on, sizeof p.issued_on, "2026-03-01");
	refused_with(plan_save(f->s, &p, &e), &e, "year", "「年度」");
	assert_string_equal(p.year_text, "26");   /* what was typed stays */
	snprintf(p.year_text, sizeof p.year_text, "2026");
	snprintf(p.org, sizeof p.org, "没有这个组织");
	refused_with(plan_save(f->s, &p, &e), &e, "org", "没有名为「没有这个组织」");
	snprintf(p.org, sizeof p.org, "中共测试镇委员会");
	p.name[0] = 0;
	refused_with(plan_save(f->s, &p, &e), &e, "name", "「方案名称」不能为空");
	int64_t plan = plan_of(f);
	struct plan_phase ph = { .plan_id = plan };
	snprintf(ph.name, sizeof ph.name, "分类定级");
	snprintf(ph.from_on, sizeof ph.from_on, "2026-04-30");
	snprintf(ph.to_on, sizeof ph.to_on, "2026-03-01");
	refused_with(plan_phase_save(f->s, &ph, &e), &e, "to_on", "早于起始日期");
	phase_of(f, plan, "动员部署", "", "2026-04-25");
	int64_t second = phase_of(f, plan, "分类定级", "2026-03-01", "2026-04-30");
	snprintf(ph.to_on, sizeof ph.to_on, "2026-05-01");
	refused_with(plan_phase_save(f->s, &ph, &e), &e, "name", "已有名为「分类定级」");
	struct plan_phase got[4];
	assert_int_equal(plan_phases(f->s, plan, got, 4), 2);
	assert_string_equal(got[0].name, "动员部署");
	assert_int_equal(got[1].seq, 2);
	/* a phase a task takes its deadline from stays */
	struct plan_task t = task_draft(plan, "组织建设", "摸底调查", "", "张三", "");
	snprintf(t.phase, sizeof t.phase, "分类定级");
	int64_t task = task_saved(f, t);
	struct plan_task back;
	assert_int_equal(plan_task_load(f->s, task, &back, &e), 0);
	assert_string_equal(back.due, "2026-04-30");
	assert_string_equal(back.shown, "逾期");   /* today is 2026-11-21 */
	refused_with(plan_phase_delete(f->s, second, got[1].version, &e), &e, NULL, "不能删除");
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'plan_phase'",
	                        0, -1), 2);
}

static void a_task_names_its_fields_when_refused(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t plan = plan_of(f);
	phase_of(f, plan, "深入实施", "2026-05-01", "2026-08-31");
	struct plan_task t = task_draft(plan, "", "党员示范", "2026-12-01", "张三", "");
	refused_with(plan_task_save(f->s, &t, &e), &e, "group", "「任务分组」不能为空");
	t = task_draft(plan, "党员示范工程", "", "2026-12-01", "张三", "");
	refused_with(plan_task_save(f->s, &t, &e), &e, "body", "「任务内容」不能为空");
	t = task_draft(plan, "党员示范工程", "亮身份", "", "张三", "");
	refused_with(plan_task_save(f->s, &t, &e), &e, "deadline", "「完成期限」不能为空");
	snprintf(t.deadline, sizeof t.deadline, "2026-12-01");
	snprintf(t.phase, sizeof t.phase, "深入实施");
	refused_with(plan_task_save(f->s, &t, &e), &e, "phase", "其中之一");
	t.deadline[0] = 0;
	snprintf(t.phase, sizeof t.phase, "不存在");
	refused_with(plan_task_save(f->s, &t, &e), &e, "phase", "没有名为「不存在」的阶段");
	t = task_draft(plan, "党员示范工程", "亮身份", "2026-12-01", "", "");
	refused_with(plan_task_save(f->s, &t, &e), &e, "person1", "至少填写一名责任人");
	t = task_draft(plan, "党员示范工程", "亮身份", "2026-12-01", "张三", "张三");
	refused_with(plan_task_save(f->s, &t, &e), &e, "person2", "已填过一次");
	t = task_draft(plan, "党员示范工程", "亮身份", "2026-12-01", "张三", "");
	snprintf(t.target_kind, sizeof t.target_kind, "类别");
	refused_with(plan_task_save(f->s, &t, &e), &e, "target_category", "不能为空");
	snprintf(t.target_category, sizeof t.target_category, "火星");
	refused_with(plan_task_save(f->s, &t, &e), &e, "target_category", "没有「火星」");
	assert_string_equal(t.body, "亮身份");   /* what was typed stays */
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM plan_task", 0, -1), 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM plan_group", 0, -1), 0);
}

static void people_are_matched_to_members_and_operators(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t m = fx_add(f->s, fx_member("王书记", "男", "1970-01-02", "东村党支部"));
	assert_true(m > 0);
	assert_int_equal(db_exec(f->s->db, "INSERT INTO app_user(login, display_name, role)"
	                         " VALUES ('liwy', '李委员', 'operator')", &e), 0);
	int64_t plan = plan_of(f);
	int64_t task = task_saved(f, task_draft(plan, "党员示范工程", "设岗定责", "2026-12-01",
	                                        "王书记", "李委员"));
	struct plan_task t;
	assert_int_equal(plan_task_load(f->s, task, &t, &e), 0);
	assert_int_equal(t.people[0].member_id, m);
	assert_string_equal(t.people[1].login, "liwy");
	assert_int_equal(t.people[1].member_id, 0);
	assert_string_equal(t.group, "党员示范工程");
	/* two members of one name: F4 must choose */
	assert_true(fx_add(f->s, fx_member("王书记", "男", "1971-03-04", "西村党支部")) > 0);
	struct plan_task u = task_draft(plan, "党员示范工程", "亮承诺", "2026-12-01", "赵六", "王书记");
	refused_with(plan_task_save(f->s, &u, &e), &e, "person2", "有 2 名党员名为「王书记」（按 F4 选择）");
	/* … and the one chosen with F4 keeps its id */
	u.people[1].member_id = m;
	assert_int_equal(plan_task_save(f->s, &u, &e), 0);
	assert_int_equal(u.people[1].member_id, m);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM plan_group", 0, -1), 1);
}

static int64_t line_of(struct fixture *f, int64_t task, int64_t org)
{
	sqlite3_stmt *st;
	int64_t id = 0;
	assert_int_equal(sqlite3_prepare_v2(f->s->db, "SELECT id FROM plan_line WHERE task_id = ?"
	                                    " AND org_id = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, task);
	sqlite3_bind_int64(st, 2, org);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	assert_true(id > 0);
	return id;
}

static void set_line(struct fixture *f, int64_t line, const char *state, const char *done)
{
	struct plan_line l;
	struct dj_err e;
	assert_int_equal(plan_line_load(f->s, line, &l, &e), 0);
	snprintf(l.state, sizeof l.state, "%s", state);
	snprintf(l.done_on, sizeof l.done_on, "%s", done);
	snprintf(l.pledge, sizeof l.pledge, "每名党员联系 3 户群众");
	if (plan_line_save(f->s, &l, &e))
		fail_msg("%s", e.msg);
}

static const char *task_state(struct fixture *f, int64_t task, struct plan_task *t)
{
	struct dj_err e;
	assert_int_equal(plan_task_load(f->s, task, t, &e), 0);
	return t->state;
}

static void a_split_task_gets_a_line_per_branch(void **state)
{
	struct fixture *f = *state;
	struct plan_task t;
	int64_t plan = plan_of(f);
	struct plan_task d = task_draft(plan, "七大活动", "公开承诺", "2026-11-30", "张三", "李四");
	snprintf(d.target_kind, sizeof d.target_kind, "全部党支部");
	d.split = 1;
	int64_t task = task_saved(f, d);
	struct plan_line lines[8];
	assert_int_equal(plan_lines(f->s, task, lines, 8), 3);   /* 东村, 南村第一, 西村 */
	assert_string_equal(task_state(f, task, &t), "未开始");
	set_line(f, line_of(f, task, f->a), "进行中", "");
	assert_string_equal(task_state(f, task, &t), "进行中");
	set_line(f, line_of(f, task, f->a), "已完成", "2026-11-10");
	set_line(f, line_of(f, task, f->b), "已完成", "2026-11-12");
	assert_string_equal(task_state(f, task, &t), "进行中");
	set_line(f, line_of(f, task, f->c1), "已完成", "2026-11-15");
	assert_string_equal(task_state(f, task, &t), "已完成");
	assert_string_equal(t.done_on, "2026-11-15");
	/* a category: only the branches of it */
	struct plan_task c = task_draft(plan, "七大活动", "社区服务", "2026-12-30", "张三", "");
	snprintf(c.target_kind, sizeof c.target_kind, "类别");
	snprintf(c.target_category, sizeof c.target_category, "社区");
	c.split = 1;
	struct dj_err e;
	refused_with(plan_task_save(f->s, &c, &e), &e, "split", "没有党支部");
	assert_int_equal(db_exec(f->s->db, "UPDATE org SET category = '社区' WHERE name = '西村党支部'",
	                         &e), 0);
	int64_t ct = task_saved(f, c);
	assert_int_equal(plan_lines(f->s, ct, lines, 8), 1);
	assert_int_equal(lines[0].org_id, f->b);
	/* a split task is not unsplit */
	assert_int_equal(plan_task_load(f->s, ct, &c, &e), 0);
	c.split = 0;
	refused_with(plan_task_save(f->s, &c, &e), &e, "split", "不能取消分解");
}

static void an_operator_writes_only_in_scope(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t plan = plan_of(f);
	struct plan_task d = task_draft(plan, "七大活动", "公开承诺", "2026-11-30", "张三", "");
	snprintf(d.target_kind, sizeof d.target_kind, "全部党支部");
	d.split = 1;
	int64_t task = task_saved(f, d);
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->a;
	struct plan_task t = task_draft(plan, "七大活动", "另一项", "2026-11-30", "张三", "");
	assert_int_equal(plan_task_save(f->s, &t, &e), DJ_DENIED);
	set_line(f, line_of(f, task, f->a), "进行中", "");   /* its own branch's line */
	struct plan_line l;
	assert_int_equal(plan_line_load(f->s, line_of(f, task, f->b), &l, &e), 0);
	snprintf(l.state, sizeof l.state, "已完成");
	assert_int_equal(plan_line_save(f->s, &l, &e), DJ_DENIED);
	struct plan_note n = { .task_id = task };
	snprintf(n.on_date, sizeof n.on_date, "2026-11-20");
	snprintf(n.body, sizeof n.body, "已部署");
	assert_int_equal(plan_note_add(f->s, &n, &e), DJ_DENIED);
	f->s->role = ROLE_ADMIN;
	f->s->scope_org = 0;
	assert_int_equal(plan_note_add(f->s, &n, &e), 0);
	struct plan_note got[2];
	assert_int_equal(plan_notes(f->s, task, got, 2), 1);
	assert_string_equal(got[0].body, "已部署");
	snprintf(n.on_date, sizeof n.on_date, "2026-11-22");
	refused_with(plan_note_add(f->s, &n, &e), &e, "on_date", "今天之后");
}

static int fetch_all(struct row_source *rs, struct rs_row *rows, int cap)
{
	return rs->fetch(rs->ctx, NULL, 1, cap, rows);
}

static void the_ledger_and_the_person_view(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t plan = plan_of(f);
	task_saved(f, task_draft(plan, "党员示范工程", "设岗定责", "2026-12-20", "张三", "李四"));
	int64_t late = task_saved(f, task_draft(plan, "党员示范工程", "亮身份", "2026-11-20", "李四", ""));
	int64_t due = task_saved(f, task_draft(plan, "组织建设工程", "摸底", "2026-11-21", "张三", ""));
	struct plan_task done = task_draft(plan, "组织建设工程", "建档", "2026-10-01", "张三", "");
	snprintf(done.state, sizeof done.state, "已完成");
	snprintf(done.done_on, sizeof done.done_on, "2026-09-30");
	task_saved(f, done);
	struct rs_row rows[8];
	struct row_source *rs = plan_task_source(f->s, plan, 0);
	assert_int_equal(fetch_all(rs, rows, 8), 4);
	/* by 期限: the done one, the late one (flagged 逾期), today's, December's */
	assert_string_equal(rows[0].cell[1], "建档");
	assert_string_equal(rows[1].cell[1], "亮身份");
	assert_string_equal(rows[1].cell[4], "逾期");
	assert_true(rows[1].flags & RS_FLAG_WARN);
	assert_string_equal(rows[2].cell[4], "未开始");   /* the deadline day is not late */
	assert_int_equal(rows[2].key.id, due);
	assert_string_equal(rows[3].cell[2], "张三、李四");
	rs->set_filter(rs->ctx, "李四");
	assert_int_equal(fetch_all(rs, rows, 8), 2);
	row_source_free(rs);
	/* 张三: open ones first, nearest deadline first, the done one last */
	rs = plan_person_source(f->s, "张三");
	assert_int_equal(fetch_all(rs, rows, 8), 3);
	assert_string_equal(rows[0].cell[1], "摸底");
	assert_string_equal(rows[1].cell[1], "设岗定责");
	assert_string_equal(rows[2].cell[1], "建档");
	row_source_free(rs);
	rs = plan_person_source(f->s, "");
	assert_int_equal(fetch_all(rs, rows, 8), 5);
	assert_int_equal(rows[0].cell[0][0] != 0, 1);
	row_source_free(rs);
	assert_int_equal(plan_current(f->s), plan);
	(void)late;
	(void)e;
}

struct got {
	int n;
	struct todo_item it[8];
	struct bulletin_line bl[8];
};

static int take_todo(void *ctx, const struct todo_item *it)
{
	struct got *g = ctx;
	if (g->n < 8)
		g->it[g->n] = *it;
	g->n++;
	return 0;
}

static int take_line(void *ctx, const struct bulletin_line *l)
{
	struct got *g = ctx;
	if (g->n < 8)
		g->bl[g->n] = *l;
	g->n++;
	return 0;
}

static void the_providers_emit_exactly_the_late_and_due(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t plan = plan_of(f);
	int64_t late = task_saved(f, task_draft(plan, "组", "亮身份", "2026-11-20", "李四", "王五"));
	task_saved(f, task_draft(plan, "组", "摸底", "2026-11-28", "张三", ""));     /* due in 7 */
	task_saved(f, task_draft(plan, "组", "总结", "2026-12-20", "张三", ""));     /* beyond */
	struct plan_task done = task_draft(plan, "组", "建档", "2026-10-01", "张三", "");
	snprintf(done.state, sizeof done.state, "已完成");
	snprintf(done.done_on, sizeof done.done_on, "2026-10-05");   /* done late, on 10-05 */
	task_saved(f, done);
	struct plan_task d = task_draft(plan, "组", "公开承诺", "2026-11-15", "张三", "");
	snprintf(d.target_kind, sizeof d.target_kind, "全部党支部");
	d.split = 1;
	int64_t split = task_saved(f, d);
	set_line(f, line_of(f, split, f->a), "已完成", "2026-11-14");
	struct got g = { 0 };
	assert_int_equal(plan_todo(f->s, "2026-11-21", 7, take_todo, &g, &e), 0);
	/* the split task's two open branches, the late task, the one due in 7 days */
	assert_int_equal(g.n, 4);
	assert_int_equal(g.it[0].id, split);
	assert_true(g.it[0].late);
	assert_int_equal(g.it[0].org_id, f->c1);   /* 南村第一 before 西村 */
	assert_int_equal(g.it[1].org_id, f->b);
	assert_int_equal(g.it[2].id, late);
	assert_string_equal(g.it[2].who, "李四、王五");
	assert_string_equal(g.it[2].what, "任务");
	assert_string_equal(g.it[3].text, "摸底");
	assert_false(g.it[3].late);
	/* within a branch's scope: its own line only */
	f->s->scope_org = f->b;
	g.n = 0;
	assert_int_equal(plan_todo(f->s, "2026-11-21", 7, take_todo, &g, &e), 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.it[0].org_id, f->b);
	f->s->scope_org = 0;
	/* 通报 for October: 建档 was not done on 10-01 … no: done on 10-05, after
	 * its deadline but within the period; on 10-31 it is done */
	g.n = 0;
	assert_int_equal(plan_bulletin_overdue(f->s, 0, "2026-10-01", "2026-10-31", take_line, &g, &e), 0);
	assert_int_equal(g.n, 0);
	g.n = 0;
	assert_int_equal(plan_bulletin_overdue(f->s, 0, "2026-10-01", "2026-10-03", take_line, &g, &e), 0);
	assert_int_equal(g.n, 1);
	assert_non_null(strstr(g.bl[0].text, "「建档」期限 2026-10-01，至 2026-10-03 未完成"));
	/* November to the 21st: the late task and the two open branches */
	g.n = 0;
	assert_int_equal(plan_bulletin_overdue(f->s, 0, "2026-11-01", "2026-11-21", take_line, &g, &e), 0);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.bl[0].section, BUL_TASK_OVERDUE);
	int branches = 0;
	for (int i = 0; i < 3; i++)
		branches += g.bl[i].org_id == f->b || g.bl[i].org_id == f->c1;
	assert_int_equal(branches, 2);
	g.n = 0;
	assert_int_equal(plan_bulletin_overdue(f->s, f->b, "2026-11-01", "2026-11-21", take_line, &g, &e), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.bl[0].org, "西村党支部");
}

static void the_export_reads_back(void **state)
{
	struct fixture *f = *state;
	int64_t plan = plan_of(f);
	task_saved(f, task_draft(plan, "党员示范工程", "设岗定责", "2026-12-20", "张三", "李四"));
	struct plan_task d = task_draft(plan, "七大活动", "公开承诺", "2026-11-15", "张三", "");
	snprintf(d.target_kind, sizeof d.target_kind, "全部党支部");
	d.split = 1;
	task_saved(f, d);
	char path[160];
	snprintf(path, sizeof path, "%s/tasks.csv", f->t.dir);
	int n = 0;
	assert_int_equal(plan_task_export(f->s, plan, path, stderr, &n), 0);
	assert_int_equal(n, 5);   /* two tasks, three lines */
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	char text[4096];
	size_t got = fread(text, 1, sizeof text - 1, in);
	fclose(in);
	text[got] = 0;
	assert_non_null(strstr(text, "任务分组"));
	assert_non_null(strstr(text, "张三、李四"));
	assert_non_null(strstr(text, "西村党支部"));
	assert_non_null(strstr(text, "逾期"));
}

static int count_late(void *ctx, const struct todo_item *it)
{
	int *n = ctx;
	*n += it->late;
	return 0;
}

/* The demo on any day holds tasks done, going and late: here on FX_TODAY,
 * and on a day in spring, when the plan is last year's. */
static void the_demo_plan_has_done_going_and_late(void **state)
{
	(void)state;
	static const char *const days[] = { FX_TODAY, "2027-03-15" };
	for (size_t d = 0; d < 2; d++) {
		setenv("DJ_TODAY", days[d], 1);
		struct testdb t;
		struct dj_err e;
		testdb_open(&t);
		if (demo_populate(&t.s, &e))
			fail_msg("demo: %s", e.msg);
		assert_true(db_int(t.s.db, "SELECT count(*) FROM plan_task WHERE state = '已完成'", 0, 0) >= 2);
		assert_true(db_int(t.s.db, "SELECT count(*) FROM plan_task WHERE state = '进行中'", 0, 0) >= 2);
		assert_int_equal(db_int(t.s.db, "SELECT count(*) FROM plan_phase", 0, 0), 4);
		assert_true(db_int(t.s.db, "SELECT count(*) FROM plan_line WHERE pledge <> ''", 0, 0) >= 3);
		int late = 0;
		assert_int_equal(plan_todo(&t.s, days[d], 7, count_late, &late, &e), 0);
		assert_true(late >= 2);   /* 分类定级, and the 两新 branches still going */
		config_free(&t.cfg);
		testdb_close(&t);
	}
	setenv("DJ_TODAY", FX_TODAY, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(late_is_the_day_after_the_deadline),
		cmocka_unit_test(a_split_task_rolls_up_from_its_lines),
		cmocka_unit_test_setup_teardown(states_need_their_dates, fx_db_setup, fx_db_teardown),
		FX_TEST(a_plan_and_phases_are_checked),
		FX_TEST(a_task_names_its_fields_when_refused),
		FX_TEST(people_are_matched_to_members_and_operators),
		FX_TEST(a_split_task_gets_a_line_per_branch),
		FX_TEST(an_operator_writes_only_in_scope),
		FX_TEST(the_ledger_and_the_person_view),
		FX_TEST(the_providers_emit_exactly_the_late_and_due),
		FX_TEST(the_export_reads_back),
		cmocka_unit_test(the_demo_plan_has_done_going_and_late),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
