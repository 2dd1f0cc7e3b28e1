/* 三会一课 compliance: periods, frequency counting across quarter and year
 * boundaries, the rules from dangjian.ini, a branch's table from the
 * database, and the members drifting away. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>

#include "core/text.h"
#include "demo/demo.h"
#include "fixture.h"
#include "org/org.h"
#include "orglife/attendance.h"
#include "orglife/compliance.h"
#include "orglife/dues.h"
#include "orglife/meeting.h"

static int M(const char *ym)
{
	int m = month_index(ym);
	if (m < 0)
		fail_msg("bad month %s", ym);
	return m;
}

static struct period range(const char *from, const char *to)
{
	struct period p = { PERIOD_MONTH, M(from), M(to) };
	return p;
}

static struct cycle_result count(int every, struct period p, const char *const held[],
                                 const char *now)
{
	int months[16], n = 0;
	for (; held && held[n]; n++)
		months[n] = M(held[n]);
	struct cycle_result r;
	count_cycles(every, &p, months, n, INT_MIN, INT_MAX, M(now), &r);
	return r;
}

static void months_and_periods(void **state)
{
	(void)state;
	char text[32], d[11];
	assert_int_equal(month_index("2026-11-05"), 2026 * 12 + 10);
	assert_int_equal(month_index("2026-13"), -1);
	assert_int_equal(month_index("2026/11"), -1);
	month_text(M("2025-12") + 1, text);
	assert_string_equal(text, "2026-01");
	month_last_day(M("2024-02"), d);
	assert_string_equal(d, "2024-02-29");
	month_last_day(M("2000-02"), d);
	assert_string_equal(d, "2000-02-29");
	month_last_day(M("2026-02"), d);
	assert_string_equal(d, "2026-02-28");

	struct period p;
	period_containing(PERIOD_QUARTER, M("2026-11"), &p);
	assert_int_equal(p.from, M("2026-10"));
	assert_int_equal(p.to, M("2026-12"));
	period_label(&p, text, sizeof text);
	assert_string_equal(text, "2026年第4季度");
	period_step(&p, 1);   /* into the next year */
	assert_int_equal(p.from, M("2027-01"));
	period_label(&p, text, sizeof text);
	assert_string_equal(text, "2027年第1季度");
	period_containing(PERIOD_MONTH, M("2026-01"), &p);
	period_step(&p, -1);
	period_label(&p, text, sizeof text);
	assert_string_equal(text, "2025年12月");
	period_containing(PERIOD_YEAR, M("2026-07"), &p);
	assert_int_equal(p.from, M("2026-01"));
	assert_int_equal(p.to, M("2026-12"));
}

static void monthly_committee_in_a_quarter(void **state)
{
	(void)state;
	/* Two meetings in January, none in February, one in March. */
	const char *held[] = { "2026-01", "2026-01", "2026-03", "2025-12", NULL };
	struct cycle_result r = count(1, range("2026-01", "2026-03"), held, "2026-11");
	assert_int_equal(r.required, 3);
	assert_int_equal(r.met, 2);
	assert_int_equal(r.held, 3);       /* the December one is outside the quarter */
	assert_int_equal(r.missed, 1);
	assert_int_equal(r.nlisted, 1);
	assert_int_equal(r.missed_start[0], M("2026-02"));
	char label[32];
	cycle_label(1, r.missed_start[0], label, sizeof label);
	assert_string_equal(label, "2026年2月");
}

static void quarterly_requirement_falls_due_in_the_quarters_last_month(void **state)
{
	(void)state;
	const char *february[] = { "2026-02", NULL };
	/* January alone owes nothing quarterly; March owes the quarter, and a
	 * February meeting satisfies it. */
	struct cycle_result r = count(3, range("2026-01", "2026-01"), february, "2026-11");
	assert_int_equal(r.required, 0);
	assert_int_equal(r.held, 0);
	r = count(3, range("2026-03", "2026-03"), february, "2026-11");
	assert_int_equal(r.required, 1);
	assert_int_equal(r.met, 1);
	assert_int_equal(r.held, 0);
	/* A meeting in the previous quarter does not count for this one. */
	const char *december[] = { "2025-12", NULL };
	r = count(3, range("2026-01", "2026-03"), december, "2026-11");
	assert_int_equal(r.required, 1);
	assert_int_equal(r.met, 0);
	assert_int_equal(r.missed, 1);
	/* A year: four quarters; one meeting in Q1 and two in Q3. */
	const char *year[] = { "2026-01", "2026-08", "2026-09", NULL };
	r = count(3, range("2026-01", "2026-12"), year, "2027-02");
	assert_int_equal(r.required, 4);
	assert_int_equal(r.met, 2);
	assert_int_equal(r.missed, 2);
	assert_int_equal(r.missed_start[0], M("2026-04"));
	assert_int_equal(r.missed_start[1], M("2026-10"));
}

static void cycles_across_the_year_boundary(void **state)
{
	(void)state;
	/* November to February: the fourth quarter of 2025 ends inside it (an
	 * October meeting satisfies it); the first quarter of 2026 does not. */
	const char *october[] = { "2025-10", NULL };
	struct cycle_result r = count(3, range("2025-11", "2026-02"), october, "2026-11");
	assert_int_equal(r.required, 1);
	assert_int_equal(r.met, 1);
	assert_int_equal(r.held, 0);
	/* Monthly over the boundary: Nov, Dec, Jan, Feb. */
	const char *some[] = { "2025-11", "2026-01", NULL };
	r = count(1, range("2025-11", "2026-02"), some, "2026-11");
	assert_int_equal(r.required, 4);
	assert_int_equal(r.met, 2);
	assert_int_equal(r.missed, 2);
	assert_int_equal(r.missed_start[0], M("2025-12"));
	assert_int_equal(r.missed_start[1], M("2026-02"));
	/* Half-yearly (每学期): H2 2025 ends in December. */
	const char *august[] = { "2025-08", NULL };
	r = count(6, range("2025-11", "2026-02"), august, "2026-11");
	assert_int_equal(r.required, 1);
	assert_int_equal(r.met, 1);
	char label[32];
	cycle_label(6, M("2025-07"), label, sizeof label);
	assert_string_equal(label, "2025年下半年");
	/* Yearly: owed once, in December; a March meeting covers the year. */
	const char *march[] = { "2025-03", NULL };
	r = count(12, range("2025-10", "2025-12"), march, "2026-11");
	assert_int_equal(r.required, 1);
	assert_int_equal(r.met, 1);
	r = count(12, range("2025-07", "2025-09"), march, "2026-11");
	assert_int_equal(r.required, 0);
	r = count(12, range("2026-12", "2026-12"), march, "2026-11");
	assert_int_equal(r.required, 0);   /* 2026 is not over yet: open, not owed */
	assert_int_equal(r.open, 1);
	assert_int_equal(r.met, 0);
	assert_int_equal(r.missed, 0);
}

static void a_running_cycle_is_not_a_shortfall(void **state)
{
	(void)state;
	const char *october[] = { "2026-10", NULL };
	struct cycle_result r = count(1, range("2026-10", "2026-12"), october, "2026-11");
	assert_int_equal(r.required, 1);   /* October, met */
	assert_int_equal(r.met, 1);
	assert_int_equal(r.open, 2);       /* November runs, December is to come */
	assert_int_equal(r.missed, 0);
	r = count(1, range("2026-10", "2026-12"), NULL, "2026-12");
	assert_int_equal(r.missed, 2);     /* October and November are over */
	assert_int_equal(r.required, 2);   /* December runs: not in the denominator */
	assert_int_equal(r.open, 1);
	/* 2 December, October's and November's 支委会 held: 2 of 2, one running. */
	const char *two[] = { "2026-10", "2026-11", NULL };
	r = count(1, range("2026-10", "2026-12"), two, "2026-12");
	assert_int_equal(r.required, 2);
	assert_int_equal(r.met, 2);
	assert_int_equal(r.open, 1);
	assert_int_equal(r.missed, 0);
	/* Once the running month has its meeting it is owed and met. */
	const char *three[] = { "2026-10", "2026-11", "2026-12", NULL };
	r = count(1, range("2026-10", "2026-12"), three, "2026-12");
	assert_int_equal(r.required, 3);
	assert_int_equal(r.met, 3);
	assert_int_equal(r.open, 0);
	/* The quarter looked at from its first day: nothing owed yet. */
	r = count(3, range("2026-10", "2026-12"), NULL, "2026-10");
	assert_int_equal(r.required, 0);
	assert_int_equal(r.open, 1);
}

/* The table's cell shows the open cycles apart: 2/2+1, not 2/3. */
static void a_cell_shows_the_running_period_apart(void **state)
{
	(void)state;
	struct branch_compliance row = { .b = { .id = 7, .name = "联桥村党支部" } };
	const char *two[] = { "2026-10", "2026-11", NULL };
	row.r[1] = count(1, range("2026-10", "2026-12"), two, "2026-12");
	row.r[0] = count(3, range("2026-10", "2026-12"), NULL, "2026-12");
	const char *one[] = { "2026-11", NULL };
	row.r[3] = count(1, range("2026-10", "2026-12"), one, "2026-12");
	const char *year[] = { "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
	                       "2026-07", "2026-08", "2026-09", "2026-10", NULL };
	row.r[4] = count(1, range("2026-01", "2026-12"), year, "2026-11");
	const char *no_january[] = { "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07",
	                             "2026-08", "2026-09", "2026-10", "2026-11", NULL };
	row.r[5] = count(1, range("2026-01", "2026-12"), no_january, "2026-12");
	struct row_source *rs = compliance_source(&row, 1);
	struct rs_row r;
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 1, &r), 1);
	assert_string_equal(r.cell[2], "2/2+1");     /* 支委: October, November; December runs */
	assert_string_equal(r.cell[1], "0/0+1");     /* 大会: the quarter itself runs */
	assert_string_equal(r.cell[4], "1/2+1!");    /* October passed without one */
	assert_string_equal(r.cell[5], "10/10+2");   /* a year in November: seven columns */
	assert_true(utf8_cols(r.cell[5]) <= rs->cols[5].width);
	assert_string_equal(r.cell[6], "10/11+!");   /* 10/11+1! does not fit: the + stays */
	row_source_free(rs);
}

static void founding_and_dissolution_limit_the_cycles(void **state)
{
	(void)state;
	struct period q = range("2026-01", "2026-06");
	struct cycle_result r;
	/* Founded in February: January's cycle and the first quarter are not owed. */
	count_cycles(1, &q, NULL, 0, M("2026-02"), INT_MAX, M("2026-11"), &r);
	assert_int_equal(r.required, 5);
	count_cycles(3, &q, NULL, 0, M("2026-02"), INT_MAX, M("2026-11"), &r);
	assert_int_equal(r.required, 1);
	/* Dissolved in May (alive to April). */
	count_cycles(1, &q, NULL, 0, INT_MIN, M("2026-04"), M("2026-11"), &r);
	assert_int_equal(r.required, 4);
	count_cycles(0, &q, NULL, 0, INT_MIN, INT_MAX, M("2026-11"), &r);
	assert_int_equal(r.required, 0);
}

static void frequencies_from_the_ini_file(void **state)
{
	(void)state;
	assert_int_equal(parse_frequency("每季度"), 3);
	assert_int_equal(parse_frequency(" 6 "), 6);
	assert_int_equal(parse_frequency("每学期"), 6);
	assert_int_equal(parse_frequency("不要求"), 0);
	assert_int_equal(parse_frequency("5"), -1);
	assert_int_equal(parse_frequency("每周"), -1);
	char dir[] = "/tmp/djcomp.XXXXXX", path[64], why[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/c.ini", dir);
	fx_write_file(path, "[meetings]\nbranch_congress = 每半年\ntheme_day = 1\n"
	              "absent_meetings = 2\n");
	struct config c;
	struct meeting_rules r;
	assert_int_equal(config_load(&c, path, why, sizeof why), 0);
	assert_int_equal(meeting_rules_load(&c, &r, why, sizeof why), 0);
	int expect[] = { 6, 1, 1, 3, 12, 12, 1 };
	for (int i = 0; i < MEETING_NTYPES; i++)
		assert_int_equal(r.every[i], expect[i]);
	assert_int_equal(r.absent_run, 2);
	assert_int_equal(r.idle_months, 6);
	config_free(&c);
	fx_write_file(path, "[meetings]\ncommittee = 5\n");
	assert_int_equal(config_load(&c, path, why, sizeof why), 0);
	assert_int_equal(meeting_rules_load(&c, &r, why, sizeof why), -1);
	assert_non_null(strstr(why, "committee = 5"));
	assert_int_equal(r.every[1], 1);
	config_free(&c);
	unlink(path);
	rmdir(dir);
}

/* ---- from the database ---- */

/* A member who joined on `joined`: the idle and absence rules count from it. */
static int64_t add_member(struct session *s, int64_t org, const char *name, const char *joined)
{
	return fx_member_row(s, org, name, "女", "joined_on", joined);
}

/* A meeting with a sheet: states[i] for the i-th row of the sheet. */
static int64_t hold(struct session *s, const char *org, const char *type, const char *date,
                    const int *states, int n)
{
	struct meeting m = { 0 };
	struct dj_err e;
	struct att_sheet sh;
	snprintf(m.org, sizeof m.org, "%s", org);
	snprintf(m.type, sizeof m.type, "%s", type);
	snprintf(m.date, sizeof m.date, "%s", date);
	snprintf(m.topic, sizeof m.topic, "学习%s精神", date);
	if (meeting_save(s, &m, &e))
		fail_msg("%s %s: %s", org, date, e.msg);
	assert_int_equal(attendance_load(s, m.id, &sh, &e), 0);
	assert_true(sh.n >= n);
	for (int i = 0; i < n; i++)
		sh.rows[i].state = states[i];
	assert_int_equal(attendance_save(s, &sh, &e), 0);
	attendance_free(&sh);
	return m.id;
}

static const struct branch_compliance *find(const struct branch_compliance *rows, int n,
                                            const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].b.name, name) == 0)
			return &rows[i];
	fail_msg("no row for %s", name);
	return NULL;
}

static void a_branch_table_from_its_meetings(void **state)
{
	struct testdb *t = *state;
	struct meeting_rules rules;
	char why[256];
	meeting_rules_load(&t->cfg, &rules, why, sizeof why);
	int64_t grp, lq = fx_town(&t->s, "1950-10-01", "1990-01-01", &grp);
	fx_org_founded(&t->s, "五夫村党总支", "党总支", "中共驿亭镇委员会", "1990-01-01");
	fx_org_founded(&t->s, "五夫村第一党支部", "党支部", "五夫村党总支", "2026-08-15");
	fx_org_founded(&t->s, "驿亭社区党支部", "党支部", "中共驿亭镇委员会", "1990-01-01");
	/* The sheet lists the branch's own members first, then the group's:
	 * 甲 乙 丙 丁. */
	const char *names[] = { "党员甲", "党员乙", "党员丙", "党员丁" };
	for (int i = 0; i < 4; i++)
		add_member(&t->s, i < 2 ? lq : grp, names[i], "2000-07-01");
	int present4[] = { ATT_PRESENT, ATT_PRESENT, ATT_PRESENT, ATT_PRESENT };
	int committee[] = { ATT_PRESENT, ATT_LEAVE, ATT_LEAVE, ATT_ABSENT };
	hold(&t->s, "联桥村党支部", "支委会", "2026-10-08", present4, 4);
	hold(&t->s, "联桥村党支部", "支委会", "2026-11-05", committee, 4);
	hold(&t->s, "联桥村党支部", "党课", "2026-08-20", present4, 4);
	hold(&t->s, "联桥村第一党小组", "党小组会", "2026-10-09", present4, 2);

	struct period q;
	period_containing(PERIOD_QUARTER, M("2026-11"), &q);
	struct branch_compliance *rows;
	int n;
	struct dj_err e;
	assert_int_equal(compliance_compute(&t->s, 0, &q, &rules, &rows, &n, &e), 0);
	/* 五夫村党总支 has a 党支部 of its own, so it is not a row. */
	assert_int_equal(n, 3);
	const struct branch_compliance *b = find(rows, n, "联桥村党支部");
	assert_int_equal(b->r[1].required, 2);   /* 支委会: Oct, Nov; Dec is to come */
	assert_int_equal(b->r[1].open, 1);
	assert_int_equal(b->r[1].met, 2);
	assert_int_equal(b->r[1].held, 2);
	assert_int_equal(b->r[1].missed, 0);
	assert_int_equal(b->r[0].required, 0);   /* 支部党员大会: Q4, running */
	assert_int_equal(b->r[0].open, 1);
	assert_int_equal(b->r[0].missed, 0);
	assert_int_equal(b->r[3].open, 1);       /* 党课 held in Q3: not this quarter's */
	assert_int_equal(b->r[3].met, 0);
	assert_int_equal(b->applies[2], 1);      /* has a 党小组 */
	assert_int_equal(b->r[2].met, 1);
	assert_int_equal(b->att.expected, 4 + 4 + 2);
	assert_int_equal(b->att.present, 4 + 1 + 2);
	assert_int_equal(b->att.leave, 2);
	assert_int_equal(b->att.absent, 1);
	assert_int_equal(b->meetings, 3);
	char rate[16];
	attendance_rate_text(&b->att, rate, sizeof rate);
	assert_string_equal(rate, "70%");
	const struct branch_compliance *sq = find(rows, n, "驿亭社区党支部");
	assert_int_equal(sq->applies[2], 0);     /* no groups: 党小组会 not owed */
	assert_int_equal(sq->r[1].missed, 1);    /* October passed without a 支委会 */
	assert_int_equal(sq->short_types, 1);
	const struct branch_compliance *wf = find(rows, n, "五夫村第一党支部");
	assert_int_equal(wf->r[1].required + wf->r[1].open, 3);  /* founded in August: Q4 in full */
	free(rows);

	/* The third quarter: the branch founded in August owes August's and
	 * September's 支委会 (the founding month counts), not July's. */
	period_step(&q, -1);
	assert_int_equal(compliance_compute(&t->s, 0, &q, &rules, &rows, &n, &e), 0);
	wf = find(rows, n, "五夫村第一党支部");
	assert_int_equal(wf->r[1].required, 2);
	assert_int_equal(wf->r[0].required, 0);  /* not there for all of Q3 */
	b = find(rows, n, "联桥村党支部");
	assert_int_equal(b->r[3].met, 1);
	assert_int_equal(b->r[1].missed, 3);
	free(rows);

	/* The table as the screen shows it. */
	period_step(&q, 1);
	assert_int_equal(compliance_compute(&t->s, lq, &q, &rules, &rows, &n, &e), 0);
	assert_int_equal(n, 1);
	struct row_source *rs = compliance_source(rows, n);
	struct rs_row r;
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 1, &r), 1);
	assert_string_equal(r.cell[0], "联桥村党支部");
	/* 21 November: the quarter, November and December are still open. */
	assert_string_equal(r.cell[1], "0/0+1");
	assert_string_equal(r.cell[2], "2/2+1");   /* was 2/3, which read as a shortfall */
	assert_string_equal(r.cell[3], "1/1+2");
	assert_string_equal(r.cell[4], "0/0+1");
	assert_string_equal(r.cell[5], "0/0+1");   /* 组织生活会 owed in December */
	assert_string_equal(r.cell[7], "-");     /* 主题党日 not required, none held */
	assert_string_equal(r.cell[8], "70%");
	assert_int_equal(r.flags & RS_FLAG_WARN, 0);
	row_source_free(rs);
	free(rows);
}

/* 党小组会 counted against the group's own members (issue 19): members of
 * the branch whose 所在党小组 is the group make its 应到; the branch's
 * other members do not. */
static void a_group_meeting_is_counted_against_the_groups_members(void **state)
{
	struct testdb *t = *state;
	struct meeting_rules rules;
	char why[256];
	meeting_rules_load(&t->cfg, &rules, why, sizeof why);
	int64_t grp;
	fx_town(&t->s, "1950-10-01", "1990-01-01", &grp);
	static const char *const births[] = { "1970-01-01", "1971-01-01", "1972-01-01" };
	for (int i = 0; i < 3; i++) {
		char name[16];
		snprintf(name, sizeof name, "党员%c", 'A' + i);
		struct member m = fx_member(name, "男", births[i], "联桥村党支部");
		fx_id(m.id_number, births[i], 11 + 2 * i);
		snprintf(m.group, sizeof m.group, "%s", i < 2 ? "联桥村第一党小组" : "");
		assert_true(fx_add(&t->s, m) > 0);
	}
	int states[] = { ATT_PRESENT, ATT_LEAVE };
	hold(&t->s, "联桥村第一党小组", "党小组会", "2026-11-09", states, 2);
	struct period month;
	period_containing(PERIOD_MONTH, M("2026-11"), &month);
	struct branch_compliance *rows;
	int n;
	struct dj_err e;
	assert_int_equal(compliance_compute(&t->s, 0, &month, &rules, &rows, &n, &e), 0);
	const struct branch_compliance *b = find(rows, n, "联桥村党支部");
	assert_int_equal(b->r[2].held, 1);
	assert_int_equal(b->att.expected, 2);
	assert_int_equal(b->att.present, 1);
	assert_int_equal(b->att.leave, 1);
	free(rows);
}

static void members_absent_or_idle_are_listed(void **state)
{
	struct testdb *t = *state;
	struct meeting_rules rules;
	char why[256];
	meeting_rules_load(&t->cfg, &rules, why, sizeof why);
	fx_org(&t->s, "中共驿亭镇委员会", "党委", "");
	int64_t br = fx_org(&t->s, "杨梅村党支部", "党支部", "中共驿亭镇委员会");
	add_member(&t->s, br, "甲", "2000-01-01");   /* always there */
	add_member(&t->s, br, "乙", "2000-01-01");   /* absent the last three */
	add_member(&t->s, br, "丙", "2000-01-01");   /* on leave since April */
	add_member(&t->s, br, "丁", "2026-10-01");   /* joined in October, never came */
	/* Sheet order is by pinyin: 丙 bing, 丁 ding, 甲 jia, 乙 yi. */
	int early[] = { ATT_PRESENT, ATT_ABSENT, ATT_PRESENT, ATT_PRESENT };
	int later[] = { ATT_LEAVE, ATT_ABSENT, ATT_PRESENT, ATT_ABSENT };
	hold(&t->s, "杨梅村党支部", "支部党员大会", "2026-03-20", early, 4);
	hold(&t->s, "杨梅村党支部", "支部党员大会", "2026-06-20", later, 4);
	hold(&t->s, "杨梅村党支部", "党课", "2026-08-20", later, 4);
	hold(&t->s, "杨梅村党支部", "支委会", "2026-11-03", later, 4);
	struct absentee *a;
	int n;
	struct dj_err e;
	assert_int_equal(compliance_absentees(&t->s, 0, "2026-11-21", &rules, &a, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(a[0].name, "丙");
	assert_int_equal(a[0].idle, 1);
	assert_int_equal(a[0].absent_run, 0);
	assert_string_equal(a[0].last_present, "2026-03-20");
	assert_string_equal(a[1].name, "丁");
	assert_int_equal(a[1].absent_run, 4);
	assert_int_equal(a[1].idle, 0);          /* new member: not idle yet */
	assert_string_equal(a[2].name, "乙");
	assert_int_equal(a[2].absent_run, 3);
	assert_int_equal(a[2].idle, 1);          /* last came in March: over six months */
	free(a);
	/* As of mid-September 乙 had two straight absences only, and March was
	 * within six months. */
	assert_int_equal(compliance_absentees(&t->s, 0, "2026-09-15", &rules, &a, &n, &e), 0);
	for (int i = 0; i < n; i++)
		assert_string_not_equal(a[i].name, "乙");
	free(a);
}

static void the_demo_meetings_work_on_organizations_alone(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	fx_org_founded(&t->s, "中共驿亭镇委员会", "党委", "", "1950-10-01");
	fx_org_founded(&t->s, "联桥村党支部", "党支部", "中共驿亭镇委员会", "1990-01-01");
	fx_org_founded(&t->s, "五夫村党总支", "党总支", "中共驿亭镇委员会", "1990-01-01");
	fx_org_founded(&t->s, "五夫村第一党支部", "党支部", "五夫村党总支", "1990-01-01");
	fx_org_founded(&t->s, "五夫村第一党小组", "党小组", "五夫村第一党支部", "1990-01-01");
	assert_int_equal(db_begin(t->s.db, &e), 0);
	assert_int_equal(demo_meetings(&t->s, &e), 0);
	assert_int_equal(demo_dues(&t->s, &e), 0);
	assert_int_equal(db_commit(t->s.db, &e), 0);
	/* Two branches and a group, a year each; nothing dated after today. */
	assert_true(db_int(t->s.db, "SELECT count(*) FROM meeting", -1, 0) > 30);
	assert_true(db_int(t->s.db, "SELECT count(*) FROM meeting WHERE type = '党小组会'", -1, 0) > 5);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM meeting WHERE date > '2026-11-21'"
	                        " OR date < '2025-12-01'", -1, 0), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM attendance", -1, 0), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM dues", -1, 0), 0);
}

static void the_demo_township_has_shortfalls_absentees_and_arrears(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	struct meeting_rules rules;
	char why[256];
	meeting_rules_load(&t->cfg, &rules, why, sizeof why);
	assert_int_equal(demo_populate(&t->s, &e), 0);
	assert_true(db_int(t->s.db, "SELECT count(*) FROM meeting", -1, 0) > 500);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM meeting WHERE date > '2026-11-21'",
	                        -1, 0), 0);
	assert_true(db_int(t->s.db, "SELECT count(*) FROM attendance WHERE state = '请假'"
	                   " AND reason IS NOT NULL", -1, 0) > 0);
	/* Dues: August to October for the members there at the time, nothing for November. */
	assert_true(db_int(t->s.db, "SELECT count(*) FROM dues", -1, 0) > 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM dues WHERE month NOT IN"
	                        " ('2026-08','2026-09','2026-10')", -1, 0), 0);

	struct period y;
	period_containing(PERIOD_YEAR, M("2026-11"), &y);
	struct branch_compliance *rows;
	int n, shortfalls = 0;
	assert_int_equal(compliance_compute(&t->s, 0, &y, &rules, &rows, &n, &e), 0);
	for (int i = 0; i < n; i++)
		shortfalls += rows[i].short_types > 0;
	assert_true(shortfalls > 0 && shortfalls < n);
	free(rows);
	struct absentee *a;
	assert_int_equal(compliance_absentees(&t->s, 0, "2026-11-21", &rules, &a, &n, &e), 0);
	assert_true(n > 0);
	free(a);
	long owing;
	int64_t owed;
	long members = (long)db_int(t->s.db, "SELECT count(DISTINCT member_id) FROM dues", -1, 0);
	assert_int_equal(dues_arrears_totals(&t->s, 0, &owing, &owed), 0);
	assert_true(owing > 0 && owing < members / 3);
	/* Someone owes only October: paying it takes them off the list. */
	assert_true(db_int(t->s.db, "SELECT count(*) FROM dues d WHERE month = '2026-10'"
	                   " AND paid < due AND NOT EXISTS (SELECT 1 FROM dues x WHERE"
	                   " x.member_id = d.member_id AND x.month <> '2026-10' AND x.paid < x.due)",
	                   -1, 0) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(months_and_periods),
		cmocka_unit_test(monthly_committee_in_a_quarter),
		cmocka_unit_test(quarterly_requirement_falls_due_in_the_quarters_last_month),
		cmocka_unit_test(cycles_across_the_year_boundary),
		cmocka_unit_test(a_running_cycle_is_not_a_shortfall),
		cmocka_unit_test(a_cell_shows_the_running_period_apart),
		cmocka_unit_test(founding_and_dissolution_limit_the_cycles),
		cmocka_unit_test(frequencies_from_the_ini_file),
		FX_DB_TEST(a_branch_table_from_its_meetings),
		FX_DB_TEST(a_group_meeting_is_counted_against_the_groups_members),
		FX_DB_TEST(members_absent_or_idle_are_listed),
		FX_DB_TEST(the_demo_meetings_work_on_organizations_alone),
		FX_DB_TEST(the_demo_township_has_shortfalls_absentees_and_arrears),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pinyin_shutdown();
	return rc;
}
