/* test_supervise.c — 督导: the period arithmetic and the 逾期 rule at the
 * month, year and quarter boundaries; reports received (one per period,
 * no future period, the kinds that owe a duty, scope); the period ledger;
 * 督导检查 with follow-ups late and done; liaison visits and 未走访; and
 * that every provider emits exactly the items the records hold. */
#include "fixture.h"

#include "core/config.h"
#include "core/db.h"
#include "core/rowsource.h"
#include "supervise/supervise.h"

static void refused_with(int rc, const struct dj_err *e, const char *field, const char *msg)
{
	assert_int_not_equal(rc, 0);
	if (!strstr(e->msg, msg))
		fail_msg("expected 「%s」 in: %s", msg, e->msg);
	if (field)
		assert_string_equal(e->field, field);
}

static void periods(void **state)
{
	(void)state;
	char out[11], why[WHY_MAX];
	sup_period_of(SUP_MONTH, "2026-12-31", out);
	assert_string_equal(out, "2026-12");
	sup_period_step(SUP_MONTH, "2026-12", 1, out);
	assert_string_equal(out, "2027-01");
	sup_period_step(SUP_MONTH, "2026-01", -1, out);
	assert_string_equal(out, "2025-12");
	sup_period_of(SUP_QUARTER, "2026-11-21", out);
	assert_string_equal(out, "2026-Q4");
	sup_period_step(SUP_QUARTER, "2026-Q1", -1, out);
	assert_string_equal(out, "2025-Q4");
	sup_period_last(SUP_QUARTER, "2026-Q1", out);
	assert_string_equal(out, "2026-03-31");
	sup_period_last(SUP_MONTH, "2028-02", out);
	assert_string_equal(out, "2028-02-29");
	sup_period_first(SUP_QUARTER, "2026-Q3", out);
	assert_string_equal(out, "2026-07-01");
	sup_period_due(SUP_MONTH, "2026-12", 5, out);
	assert_string_equal(out, "2027-01-05");
	sup_period_due(SUP_MONTH, "2026-01", 31, out);
	assert_string_equal(out, "2026-02-28");
	sup_period_due(SUP_QUARTER, "2026-Q4", 10, out);
	assert_string_equal(out, "2027-01-10");
	sup_period_due(SUP_YEAR, "2026", 15, out);
	assert_string_equal(out, "2027-01-15");
	assert_int_equal(sup_period_parse(SUP_MONTH, "2026年11月", out, why), 0);
	assert_string_equal(out, "2026-11");
	assert_int_equal(sup_period_parse(SUP_QUARTER, "2026q3", out, why), 0);
	assert_string_equal(out, "2026-Q3");
	assert_int_equal(sup_period_parse(SUP_QUARTER, "2026-Q5", out, why), -1);
	assert_int_equal(sup_period_parse(SUP_YEAR, "2026年", out, why), 0);
	assert_string_equal(out, "2026");
	assert_int_equal(sup_period_parse(SUP_MONTH, "2026-13", out, why), -1);
}

static void late_rule(void **state)
{
	(void)state;
	/* November's report is on time through 12-05, 逾期 from 12-06 */
	assert_int_equal(sup_report_state(SUP_MONTH, "2026-11", 5, "", "2026-12-05"), SUP_MISSING);
	assert_int_equal(sup_report_state(SUP_MONTH, "2026-11", 5, NULL, "2026-12-06"), SUP_OVERDUE);
	assert_int_equal(sup_report_state(SUP_MONTH, "2026-11", 5, "2026-12-05", "2027-03-01"),
	                 SUP_REPORTED);
	assert_int_equal(sup_report_state(SUP_MONTH, "2026-11", 5, "2026-12-06", "2027-03-01"),
	                 SUP_REPORTED_LATE);
	/* December into January of the next year */
	assert_int_equal(sup_report_state(SUP_MONTH, "2026-12", 5, "", "2026-12-31"), SUP_MISSING);
	assert_int_equal(sup_report_state(SUP_MONTH, "2026-12", 5, "", "2027-01-06"), SUP_OVERDUE);
	/* a quarter: late only after the due day of the quarter's next month */
	assert_int_equal(sup_report_state(SUP_QUARTER, "2026-Q3", 5, "", "2026-10-05"), SUP_MISSING);
	assert_int_equal(sup_report_state(SUP_QUARTER, "2026-Q3", 5, "", "2026-10-06"), SUP_OVERDUE);
	assert_string_equal(sup_state_word(SUP_OVERDUE), "逾期");
}

static struct sup_report report_draft(int64_t org, const char *period, const char *on)
{
	struct sup_report r = { .org_id = org };
	snprintf(r.duty, sizeof r.duty, "月报");
	snprintf(r.period, sizeof r.period, "%s", period);
	snprintf(r.received_on, sizeof r.received_on, "%s", on);
	snprintf(r.brought_by, sizeof r.brought_by, "张明");
	snprintf(r.summary, sizeof r.summary, "本月开展主题党日一次");
	return r;
}

static int64_t report_saved(struct fixture *f, int64_t org, const char *period, const char *on)
{
	struct sup_report r = report_draft(org, period, on);
	struct dj_err e;
	if (sup_report_save(f->s, &r, &e))
		fail_msg("%s", e.msg);
	return r.id;
}

static void reports(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t id = report_saved(f, f->a, "2026年10月", "2026-11-03");
	struct sup_report r;
	assert_int_equal(sup_report_load(f->s, id, &r, &e), 0);
	assert_string_equal(r.period, "2026-10");
	assert_string_equal(r.org, "东村党支部");

	r = report_draft(f->a, "2026-10", "2026-11-04");
	refused_with(sup_report_save(f->s, &r, &e), &e, "period", "已于 2026-11-03 由 张明 报送登记");
	assert_string_equal(r.received_on, "2026-11-04");   /* what was typed stays */
	r = report_draft(f->b, "2026-12", "2026-11-20");
	refused_with(sup_report_save(f->s, &r, &e), &e, "period", "尚未开始");
	r = report_draft(f->b, "2026-10", "2026-02-30");
	refused_with(sup_report_save(f->s, &r, &e), &e, "received_on", "收到日期");
	r = report_draft(f->b, "2026-10", "2026-09-30");
	refused_with(sup_report_save(f->s, &r, &e), &e, "received_on", "开始（2026-10-01）之前");
	r = report_draft(f->b, "2026-10", "2026-11-22");
	refused_with(sup_report_save(f->s, &r, &e), &e, "received_on", "在今天之后");
	r = report_draft(f->top, "2026-10", "2026-11-03");
	refused_with(sup_report_save(f->s, &r, &e), &e, "org", "不报送月报");
	r = report_draft(f->b, "2026-10", "2026-11-03");
	r.brought_by[0] = 0;
	refused_with(sup_report_save(f->s, &r, &e), &e, "brought_by", "报送人");
	snprintf(r.duty, sizeof r.duty, "周报");
	refused_with(sup_report_save(f->s, &r, &e), &e, "duty", "周报");

	/* an edit is version-checked and audited */
	assert_int_equal(sup_report_load(f->s, id, &r, &e), 0);
	struct sup_report other = r;
	snprintf(r.brought_by, sizeof r.brought_by, "李红");
	assert_int_equal(sup_report_save(f->s, &r, &e), 0);
	snprintf(other.summary, sizeof other.summary, "改");
	assert_int_equal(sup_report_save(f->s, &other, &e), DJ_CONFLICT);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'duty_report'",
	                        0, -1), 2);

	/* scope: an operator of 南村党总支 records only its branches */
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->zz;
	r = report_draft(f->b, "2026-10", "2026-11-03");
	assert_int_equal(sup_report_save(f->s, &r, &e), DJ_DENIED);
	r = report_draft(f->c1, "2026-10", "2026-11-03");
	assert_int_equal(sup_report_save(f->s, &r, &e), 0);

	/* find gives the record, or a new one named for the organization */
	assert_int_equal(sup_report_find(f->s, f->b, "月报", "2026-10", &r, &e), 0);
	assert_int_equal(r.id, 0);
	assert_string_equal(r.org, "西村党支部");
}

static void cell_of(struct row_source *rs, int64_t id, int col, char *out, size_t cap)
{
	struct rs_row rows[16];
	int n = rs->fetch(rs->ctx, NULL, 1, 16, rows);
	out[0] = 0;
	for (int i = 0; i < n; i++)
		if (rows[i].key.id == id)
			snprintf(out, cap, "%s", rows[i].cell[col]);
}

static void period_ledger(void **state)
{
	struct fixture *f = *state;
	struct sup_duty d;
	struct dj_err e;
	report_saved(f, f->a, "2026-10", "2026-11-03");
	report_saved(f, f->b, "2026-10", "2026-11-09");
	assert_int_equal(sup_duty_named(f->s, "月报", "duty", &d, &e), 0);
	struct row_source *rs = sup_period_source(f->s, &d, "2026-10");
	assert_non_null(rs);
	assert_int_equal(rs->count(rs->ctx), 3);   /* three 党支部; not the 党委 nor the 党总支 */
	char cell[64];
	cell_of(rs, f->a, 1, cell, sizeof cell);
	assert_string_equal(cell, "已报");
	cell_of(rs, f->b, 1, cell, sizeof cell);
	assert_string_equal(cell, "迟报");
	cell_of(rs, f->c1, 1, cell, sizeof cell);
	assert_string_equal(cell, "逾期");
	row_source_free(rs);
	rs = sup_period_source(f->s, &d, "2026-11");
	cell_of(rs, f->c1, 1, cell, sizeof cell);
	assert_string_equal(cell, "未报");
	row_source_free(rs);
	/* heads-down: after 东村 (dc…) the next 未报 in the ledger's order is
	 * 南村第一 (nc…), 西村 (xc…) having reported; after 南村第一, none */
	int64_t next = 0;
	rs = sup_period_source(f->s, &d, "2026-11");
	assert_int_equal(rs->count(rs->ctx), 3);
	assert_int_equal(rs->set_filter(rs->ctx, "xc"), 0);     /* pinyin initials */
	assert_int_equal(rs->count(rs->ctx), 1);
	row_source_free(rs);
	assert_int_equal(sup_next_missing(f->s, &d, "2026-10", 0, &next), 1);
	assert_int_equal(next, f->c1);
	assert_int_equal(sup_next_missing(f->s, &d, "2026-10", f->a, &next), 1);
	assert_int_equal(next, f->c1);
	assert_int_equal(sup_next_missing(f->s, &d, "2026-10", f->c1, &next), 0);
	assert_int_equal(sup_next_missing(f->s, &d, "2026-11", f->a, &next), 1);
	assert_int_equal(next, f->c1);
	int owing, reported;
	assert_int_equal(sup_period_counts(f->s, &d, "2026-10", &owing, &reported), 0);
	assert_int_equal(owing, 3);
	assert_int_equal(reported, 2);
	char path[160];
	int n = 0;
	snprintf(path, sizeof path, "%s/r.csv", f->t.dir);
	assert_int_equal(sup_period_export(f->s, &d, "2026-10", path, stderr, &n), 0);
	assert_int_equal(n, 3);
}

/* `export reports`: a period in the file name gives its ledger, else
 * every report received. */
static void export_by_name(void **state)
{
	struct fixture *f = *state;
	report_saved(f, f->a, "2026-09", "2026-10-03");
	report_saved(f, f->a, "2026-10", "2026-11-03");
	char path[160];
	int n = 0;
	snprintf(path, sizeof path, "%s/月报-2026-10.csv", f->t.dir);
	assert_int_equal(sup_report_export_cli(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 3);      /* every owing branch, 已报 or not */
	snprintf(path, sizeof path, "%s/reports202609.csv", f->t.dir);
	assert_int_equal(sup_report_export_cli(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 3);
	snprintf(path, sizeof path, "%s/all.csv", f->t.dir);
	assert_int_equal(sup_report_export_cli(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 2);      /* the reports received */
}

static void quarterly_by_config(void **state)
{
	struct fixture *f = *state;
	fx_config(f, "\n[duty]\nnames = 月报,季度报告\n[duty.季度报告]\nperiod = quarter\n"
	             "due_day = 10\nkinds = 党总支,党支部\n");
	struct sup_duty d[SUP_MAX_DUTIES];
	assert_int_equal(sup_duties(f->s, d, SUP_MAX_DUTIES), 2);
	assert_string_equal(d[1].name, "季度报告");
	assert_int_equal(d[1].period, SUP_QUARTER);
	assert_int_equal(d[1].due_day, 10);
	assert_int_equal(d[1].nkinds, 2);
	struct sup_report r = report_draft(f->zz, "2026-Q3", "2026-10-08");
	snprintf(r.duty, sizeof r.duty, "季度报告");
	struct dj_err e;
	if (sup_report_save(f->s, &r, &e))
		fail_msg("%s", e.msg);
	assert_string_equal(r.period, "2026-Q3");
	struct row_source *rs = sup_period_source(f->s, &d[1], "2026-Q3");
	assert_int_equal(rs->count(rs->ctx), 4);
	row_source_free(rs);
}

/* ---- providers of reports ---- */

struct seen {
	int n;
	struct todo_item it[16];
	struct bulletin_line bl[16];
};

static int take_todo(void *ctx, const struct todo_item *it)
{
	struct seen *s = ctx;
	if (s->n < 16)
		s->it[s->n] = *it;
	s->n++;
	return 0;
}

static int take_line(void *ctx, const struct bulletin_line *l)
{
	struct seen *s = ctx;
	if (s->n < 16)
		s->bl[s->n] = *l;
	s->n++;
	return 0;
}

static void report_providers(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	report_saved(f, f->a, "2026-10", "2026-11-03");
	report_saved(f, f->a, "2026-11", "2026-11-20");
	/* today 2026-11-21: October is 逾期 (due 11-05) for 西村 and 南村第一;
	 * November is due 12-05, 14 days ahead */
	struct seen s = { 0 };
	assert_int_equal(supervise_todo_reports(f->s, FX_TODAY, 7, take_todo, &s, &e), 0);
	assert_int_equal(s.n, 2);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(s.it[i].kind, TODO_REPORT);
		assert_string_equal(s.it[i].ref, "2026-10");
		assert_string_equal(s.it[i].due_on, "2026-11-05");
		assert_int_equal(s.it[i].late, 1);
		assert_int_not_equal(s.it[i].id, f->a);
	}
	memset(&s, 0, sizeof s);
	assert_int_equal(supervise_todo_reports(f->s, FX_TODAY, 14, take_todo, &s, &e), 0);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.it[3].ref, "2026-11");
	assert_int_equal(s.it[3].late, 0);

	/* 通报 for September–October: the reports due in it are August's (09-05)
	 * and September's (10-05), none in; October's, due 11-05, is not yet */
	memset(&s, 0, sizeof s);
	assert_int_equal(supervise_bulletin_reports(f->s, 0, "2026-09-01", "2026-10-31", take_line,
	                                            &s, &e), 0);
	assert_int_equal(s.n, 6);   /* three branches × two months */
	assert_non_null(strstr(s.bl[0].text, "2026-08 月报逾期未报送"));
	assert_non_null(strstr(s.bl[5].text, "2026-09 月报逾期未报送"));
	/* October to 11-20: September's and October's; 东村's October report
	 * (11-03) was on time, 西村's came after its due day */
	report_saved(f, f->b, "2026-10", "2026-11-10");
	memset(&s, 0, sizeof s);
	assert_int_equal(supervise_bulletin_reports(f->s, 0, "2026-10-01", "2026-11-20", take_line,
	                                            &s, &e), 0);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.bl[0].section, BUL_REPORT_MISSING);
	int late = 0, missing_oct = 0;
	for (int i = 0; i < 5; i++) {
		assert_int_not_equal(strstr(s.bl[i].text, "2026-10") != NULL && s.bl[i].org_id == f->a, 1);
		if (strstr(s.bl[i].text, "2026-10 月报迟报，2026-11-10 才报送"))
			late += s.bl[i].org_id == f->b;
		if (strstr(s.bl[i].text, "2026-10 月报逾期未报送"))
			missing_oct += s.bl[i].org_id == f->c1;
	}
	assert_int_equal(late, 1);
	assert_int_equal(missing_oct, 1);
	/* root narrows to the 党总支's branch */
	memset(&s, 0, sizeof s);
	assert_int_equal(supervise_bulletin_reports(f->s, f->zz, "2026-10-01", "2026-11-20",
	                                            take_line, &s, &e), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.bl[0].org_id, f->c1);
}

/* ---- 督导检查 ---- */

static struct sup_inspection inspection_draft(struct fixture *f)
{
	struct sup_inspection in = { .nvisited = 2 };
	snprintf(in.on_date, sizeof in.on_date, "2026-10-15");
	snprintf(in.leader, sizeof in.leader, "王强");
	snprintf(in.team, sizeof in.team, "王强、陈静、刘洋");
	in.visited[0].org_id = f->a;
	snprintf(in.visited[0].findings, sizeof in.visited[0].findings, "会议记录不全");
	snprintf(in.visited[0].followup, sizeof in.visited[0].followup, "补齐三会一课记录");
	snprintf(in.visited[0].deadline, sizeof in.visited[0].deadline, "2026-11-15");
	in.visited[1].org_id = f->b;
	snprintf(in.visited[1].findings, sizeof in.visited[1].findings, "阵地建设规范");
	return in;
}

static void inspections(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	struct sup_inspection in = inspection_draft(f);
	in.visited[1].org_id = f->a;
	refused_with(sup_inspection_save(f->s, &in, &e), &e, "org1", "已在第 1 行");
	in = inspection_draft(f);
	snprintf(in.visited[1].followup, sizeof in.visited[1].followup, "完善制度上墙");
	refused_with(sup_inspection_save(f->s, &in, &e), &e, "deadline1", "须填写整改期限");
	snprintf(in.visited[1].deadline, sizeof in.visited[1].deadline, "2026-10-01");
	refused_with(sup_inspection_save(f->s, &in, &e), &e, "deadline1", "在检查日期 2026-10-15 之前");
	in = inspection_draft(f);
	in.leader[0] = 0;
	refused_with(sup_inspection_save(f->s, &in, &e), &e, "leader", "组长");
	in = inspection_draft(f);
	if (sup_inspection_save(f->s, &in, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(in.nvisited, 2);
	assert_string_equal(in.visited[0].org, "东村党支部");
	assert_int_equal(sup_followup_late(&in.visited[0], FX_TODAY), 1);
	assert_int_equal(sup_followup_late(&in.visited[0], "2026-11-15"), 0);
	assert_int_equal(sup_followup_late(&in.visited[1], FX_TODAY), 0);

	/* ledgers: the inspection; one follow-up open, marked late */
	struct row_source *rs = sup_inspection_source(f->s);
	assert_int_equal(rs->count(rs->ctx), 1);
	row_source_free(rs);
	rs = sup_followup_source(f->s);
	assert_int_equal(rs->count(rs->ctx), 1);
	char cell[64];
	cell_of(rs, in.visited[0].id, 4, cell, sizeof cell);
	assert_string_equal(cell, "逾期");
	row_source_free(rs);

	/* providers */
	struct seen s = { 0 };
	assert_int_equal(supervise_todo_followups(f->s, FX_TODAY, 7, take_todo, &s, &e), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.it[0].kind, TODO_FOLLOWUP);
	assert_int_equal(s.it[0].id, in.visited[0].id);
	assert_int_equal(s.it[0].late, 1);
	memset(&s, 0, sizeof s);
	assert_int_equal(supervise_bulletin_followups(f->s, 0, "2026-11-01", "2026-11-30", take_line,
	                                              &s, &e), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.bl[0].section, BUL_FOLLOWUP_OPEN);
	assert_int_equal(s.bl[0].org_id, f->a);
	memset(&s, 0, sizeof s);   /* on 11-10 the deadline had not passed */
	assert_int_equal(supervise_bulletin_followups(f->s, 0, "2026-11-01", "2026-11-10", take_line,
	                                              &s, &e), 0);
	assert_int_equal(s.n, 0);

	/* the follow-up done: version-checked on its line, audited */
	struct sup_visited v;
	assert_int_equal(sup_visited_load(f->s, in.visited[0].id, &v, NULL, &e), 0);
	struct sup_visited stale = v;
	snprintf(v.done_on, sizeof v.done_on, "2026-10-10");
	refused_with(sup_followup_done(f->s, &v, &e), &e, "done_on", "之前");
	snprintf(v.done_on, sizeof v.done_on, "2026-11-18");
	snprintf(v.done_note, sizeof v.done_note, "已补齐");
	assert_int_equal(sup_followup_done(f->s, &v, &e), 0);
	snprintf(stale.done_on, sizeof stale.done_on, "2026-11-19");
	assert_int_equal(sup_followup_done(f->s, &stale, &e), DJ_CONFLICT);
	memset(&s, 0, sizeof s);
	assert_int_equal(supervise_todo_followups(f->s, FX_TODAY, 7, take_todo, &s, &e), 0);
	assert_int_equal(s.n, 0);
	memset(&s, 0, sizeof s);   /* as on 11-17 it was still open */
	assert_int_equal(supervise_bulletin_followups(f->s, 0, "2026-11-01", "2026-11-17", take_line,
	                                              &s, &e), 0);
	assert_int_equal(s.n, 1);

	/* the whole inspection saved again keeps the done line, drops 西村 */
	assert_int_equal(sup_inspection_load(f->s, in.id, &in, &e), 0);
	assert_string_equal(in.visited[0].done_on, "2026-11-18");
	in.nvisited = 1;
	assert_int_equal(sup_inspection_save(f->s, &in, &e), 0);
	assert_int_equal(in.nvisited, 1);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'inspection_org'"
	                        " AND action = '删除'", 0, -1), 1);
	/* scope */
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->zz;
	in = inspection_draft(f);
	assert_int_equal(sup_inspection_save(f->s, &in, &e), DJ_DENIED);
}

/* ---- 联系点 visits ---- */

static int64_t liaison(struct fixture *f, int64_t org, const char *person, const char *role,
                       const char *from)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO liaison(org_id, person, role, from_on) VALUES"
	         " (%lld, '%s', '%s', '%s')", (long long)org, person, role, from);
	assert_int_equal(sqlite3_exec(f->s->db, sql, NULL, NULL, NULL), SQLITE_OK);
	return sqlite3_last_insert_rowid(f->s->db);
}

static void visits(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	int64_t zhao = liaison(f, f->a, "赵书记", "联系领导", "2026-01-01");
	int64_t qian = liaison(f, f->b, "钱镇长", "联系领导", "2026-01-01");
	int64_t sun = liaison(f, f->b, "孙干事", "联系干部", "2026-01-01");
	int64_t li = liaison(f, f->c1, "李委员", "联系领导", "2026-10-01");
	struct sup_liaison l[4];
	assert_int_equal(sup_liaisons_of(f->s, f->b, FX_TODAY, l, 4), 2);
	assert_int_equal(l[0].id, qian);   /* 联系领导 first */
	assert_int_equal(l[1].id, sun);

	struct sup_visit v = { .liaison_id = zhao };
	snprintf(v.on_date, sizeof v.on_date, "2026-10-20");
	snprintf(v.activity, sizeof v.activity, "参加组织生活");
	snprintf(v.note, sizeof v.note, "参加主题党日");
	if (sup_visit_save(f->s, &v, &e))
		fail_msg("%s", e.msg);
	assert_string_equal(v.org, "东村党支部");
	struct sup_visit bad = v;
	bad.id = 0;
	snprintf(bad.activity, sizeof bad.activity, "吃饭");
	refused_with(sup_visit_save(f->s, &bad, &e), &e, "activity", "activities");
	bad = v;
	bad.id = 0;
	snprintf(bad.on_date, sizeof bad.on_date, "2025-12-01");
	refused_with(sup_visit_save(f->s, &bad, &e), &e, "on_date", "不是 东村党支部 的联系领导");
	bad.liaison_id = 0;
	refused_with(sup_visit_save(f->s, &bad, &e), &e, "person", "联系人");
	/* qian visited in July: more than 3 months before 11-21 */
	struct sup_visit old = { .liaison_id = qian };
	snprintf(old.on_date, sizeof old.on_date, "2026-07-10");
	snprintf(old.activity, sizeof old.activity, "调研指导");
	assert_int_equal(sup_visit_save(f->s, &old, &e), 0);

	char since[11], cutoff[11];
	assert_int_equal(sup_liaison_since(f->s, qian, since), 0);
	assert_string_equal(since, "2026-07-10");
	assert_int_equal(sup_liaison_since(f->s, li, since), 0);
	assert_string_equal(since, "2026-10-01");
	sup_no_visit_cutoff(f->s, FX_TODAY, cutoff);
	assert_string_equal(cutoff, "2026-08-21");

	/* 未走访: only 钱镇长 (李委员 took his 联系点 in October) */
	struct row_source *rs = sup_no_visit_source(f->s);
	assert_int_equal(rs->count(rs->ctx), 1);
	char cell[64];
	cell_of(rs, qian, 4, cell, sizeof cell);
	assert_string_equal(cell, "4 个月");
	row_source_free(rs);
	rs = sup_visit_source(f->s);
	assert_int_equal(rs->count(rs->ctx), 2);
	row_source_free(rs);

	struct seen s = { 0 };
	assert_int_equal(supervise_todo_visits(f->s, FX_TODAY, 7, take_todo, &s, &e), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.it[0].kind, TODO_VISIT);
	assert_int_equal(s.it[0].id, qian);
	assert_string_equal(s.it[0].due_on, "2026-10-10");
	assert_int_equal(s.it[0].late, 1);
	/* 李委员 reaches 3 months on 2027-01-01, within 50 days, not late;
	 * 赵书记 on 2027-01-20, 60 days ahead */
	memset(&s, 0, sizeof s);
	assert_int_equal(supervise_todo_visits(f->s, FX_TODAY, 50, take_todo, &s, &e), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.it[1].id, li);
	assert_int_equal(s.it[1].late, 0);
	/* an edit is version-checked; an operator of 南村党总支 records only its visits */
	struct sup_visit stale = v;
	snprintf(v.note, sizeof v.note, "参加主题党日并讲话");
	assert_int_equal(sup_visit_save(f->s, &v, &e), 0);
	assert_int_equal(sup_visit_save(f->s, &stale, &e), DJ_CONFLICT);
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->zz;
	struct sup_visit other = { .liaison_id = zhao };
	snprintf(other.on_date, sizeof other.on_date, "2026-11-01");
	snprintf(other.activity, sizeof other.activity, "其他");
	assert_int_equal(sup_visit_save(f->s, &other, &e), DJ_DENIED);
	other.liaison_id = li;
	assert_int_equal(sup_visit_save(f->s, &other, &e), 0);
	f->s->role = ROLE_ADMIN;
	f->s->scope_org = 0;
	/* a configured N */
	fx_config(f, "\n[liaison]\nno_visit_months = 6\n");
	rs = sup_no_visit_source(f->s);
	assert_int_equal(rs->count(rs->ctx), 0);
	row_source_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(periods),
		cmocka_unit_test(late_rule),
		FX_TEST(reports),
		FX_TEST(period_ledger),
		FX_TEST(export_by_name),
		FX_TEST(quarterly_by_config),
		FX_TEST(report_providers),
		FX_TEST(inspections),
		FX_TEST(visits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
