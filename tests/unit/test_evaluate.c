/* test_evaluate.c — 民主评议党员: the [evaluate] words and the counts of a
 * round with every result; a round's members (in good standing, by branch
 * or 党小组) and its meeting; the 不合格 follow-up opened, kept, closed and
 * dropped; the 待办 items (only the open ones, the late ones late); the
 * member's results by year; the 优秀 evidence of a nomination; the export
 * and the printed 结果表, which another branch's operator may not print. */
#include "fixture.h"

#include "core/csv.h"
#include "core/db.h"
#include "docs/forms.h"
#include "evaluate/evaluate.h"
#include "honour/nominate.h"
#include "pdf_read.h"

struct ev {
	struct testdb *t;
	int64_t branch, group;
	int64_t m[5];          /* 甲 乙(党小组) 丁 戊 己 in good standing */
	int64_t gone;          /* 丙, 转出 */
};

static void town(struct ev *v, struct testdb *t)
{
	memset(v, 0, sizeof *v);
	v->t = t;
	v->branch = fx_town(&t->s, "2000-01-01", "2000-01-01", &v->group);
	char group[24];
	snprintf(group, sizeof group, "%lld", (long long)v->group);
	v->m[0] = fx_member_row(&t->s, v->branch, "甲一", "男", "status", "正常");
	v->m[1] = fx_member_row(&t->s, v->branch, "乙二", "女", "group_id", group);
	v->gone = fx_member_row(&t->s, v->branch, "丙三", "男", "status", "转出");
	v->m[2] = fx_member_row(&t->s, v->branch, "丁四", "女", "status", "正常");
	v->m[3] = fx_member_row(&t->s, v->branch, "戊五", "男", "status", "正常");
	v->m[4] = fx_member_row(&t->s, v->branch, "己六", "女", "status", "正常");
}

static int64_t round_of(struct ev *v, const char *year, const char *held_on)
{
	struct eval_round r;
	struct dj_err e;
	evaluate_round_defaults(&v->t->s, &r);
	snprintf(r.year, sizeof r.year, "%s", year);
	snprintf(r.org, sizeof r.org, "联桥村党支部");
	snprintf(r.held_on, sizeof r.held_on, "%s", held_on);
	if (evaluate_round_save(&v->t->s, &r, &e))
		fail_msg("%s", e.msg);
	return r.id;
}

/* The line of member m in the round. */
static struct eval_line line_of(struct ev *v, int64_t round, int64_t m)
{
	struct eval_line *rows, l;
	int n;
	struct dj_err e;
	assert_int_equal(evaluate_lines_load(&v->t->s, round, &rows, &n, &e), 0);
	memset(&l, 0, sizeof l);
	for (int i = 0; i < n; i++)
		if (rows[i].member_id == m)
			l = rows[i];
	free(rows);
	assert_true(l.id > 0);
	return l;
}

static int set_result(struct ev *v, int64_t round, int64_t m, int result, struct dj_err *e)
{
	struct eval_line l = line_of(v, round, m);
	l.result = result;
	return evaluate_line_save(&v->t->s, &l, e);
}

static void words_default_configured_and_refused(void **state)
{
	struct testdb *t = *state;
	struct eval_words w;
	char why[WHY_MAX], path[160], err[256];
	evaluate_words_from(NULL, &w);
	assert_string_equal(evaluate_word(&w, EV_EXCELLENT), "优秀");
	assert_string_equal(evaluate_word(&w, EV_BASIC), "基本合格");
	assert_string_equal(evaluate_word(&w, EV_FAIL), "不合格");
	assert_string_equal(evaluate_word(&w, EV_NONE), "未评");
	assert_string_equal(evaluate_word(&w, 9), "未评");
	assert_int_equal(w.deadline_days, 90);
	assert_int_equal(evaluate_words_parse("优秀,合格,不合格", &w, why), -1);
	assert_non_null(strstr(why, "四个"));
	assert_int_equal(evaluate_words_parse("好,好,中,差", &w, why), -1);
	assert_non_null(strstr(why, "重复"));
	assert_int_equal(evaluate_words_parse("好,中,未评,差", &w, why), -1);
	snprintf(path, sizeof path, "%s/e.ini", t->dir);
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fprintf(out, "[database]\npath = %s\n\n[evaluate]\nresults = 好,称职,基本称职,不称职\n"
	        "deadline_days = 60\n", t->path);
	fclose(out);
	config_free(&t->cfg);
	assert_int_equal(config_load(&t->cfg, path, err, sizeof err), 0);
	evaluate_words_from(&t->cfg, &w);
	assert_string_equal(evaluate_word(&w, EV_EXCELLENT), "好");
	assert_string_equal(evaluate_word(&w, EV_FAIL), "不称职");
	assert_int_equal(w.deadline_days, 60);
	/* out of range: the default */
	fprintf(out = fopen(path, "w"), "[database]\npath = %s\n\n[evaluate]\nresults = 一,二\n"
	        "deadline_days = 900\n", t->path);
	fclose(out);
	config_free(&t->cfg);
	assert_int_equal(config_load(&t->cfg, path, err, sizeof err), 0);
	evaluate_words_from(&t->cfg, &w);
	assert_string_equal(evaluate_word(&w, EV_QUALIFIED), "合格");
	assert_int_equal(w.deadline_days, 90);
	config_free(&t->cfg);
	config_defaults(&t->cfg);
}

static void votes_parsed_by_field(void **state)
{
	(void)state;
	struct eval_words w;
	struct dj_err e;
	int v[EVAL_NVOTES];
	evaluate_words_from(NULL, &w);
	const char ok[EVAL_NVOTES][8] = { "１２", "3", "", "0" };
	assert_int_equal(evaluate_votes_parse(&w, ok, v, &e), 0);
	assert_int_equal(v[0], 12);
	assert_int_equal(v[1], 3);
	assert_int_equal(v[2], EVAL_UNSET);
	assert_int_equal(v[3], 0);
	const char bad[EVAL_NVOTES][8] = { "1", "2", "3.5", "" };
	assert_int_equal(evaluate_votes_parse(&w, bad, v, &e), DJ_INVALID);
	assert_string_equal(e.field, "v3");
	assert_non_null(strstr(e.msg, "「基本合格票」"));
	/* the sheet's one line of four */
	char text[32];
	assert_int_equal(evaluate_votes_read("12 3 0 0", v, &e), 0);
	assert_int_equal(v[0], 12);
	assert_int_equal(v[3], 0);
	evaluate_votes_text(v, text, sizeof text);
	assert_string_equal(text, "12/3/0/0");
	assert_int_equal(evaluate_votes_read("１２／３，１　０", v, &e), 0);
	assert_int_equal(v[0], 12);
	assert_int_equal(v[2], 1);
	assert_int_equal(evaluate_votes_read("  ", v, &e), 0);
	assert_int_equal(v[1], EVAL_UNSET);
	evaluate_votes_text(v, text, sizeof text);
	assert_string_equal(text, "");
	assert_int_equal(evaluate_votes_read("12 3 0", v, &e), DJ_INVALID);
	assert_string_equal(e.field, "votes");
	assert_non_null(strstr(e.msg, "四个票数"));
	assert_int_equal(evaluate_votes_read("12 3 0 0 1", v, &e), DJ_INVALID);
	assert_int_equal(evaluate_votes_read("12 x 0 0", v, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "第 2 个"));
}

static void round_holds_members_in_good_standing(void **state)
{
	struct ev v;
	town(&v, *state);
	int64_t r = round_of(&v, "2026", "2026-11-20");
	struct eval_round rd;
	struct eval_line *rows;
	int n;
	struct dj_err e;
	assert_int_equal(evaluate_round_load(&v.t->s, r, &rd, &e), 0);
	assert_int_equal(rd.c.total, 5);
	assert_int_equal(rd.c.n[EV_NONE], 5);
	assert_int_equal(evaluate_lines_load(&v.t->s, r, &rows, &n, &e), 0);
	assert_int_equal(n, 5);
	/* the branch's own members first, by pinyin; then its 党小组's */
	assert_string_equal(rows[0].name, "丁四");
	assert_string_equal(rows[1].name, "己六");
	assert_string_equal(rows[3].name, "戊五");
	assert_string_equal(rows[4].name, "乙二");
	assert_string_equal(rows[4].org, "联桥村第一党小组");
	for (int i = 0; i < n; i++)
		assert_true(rows[i].member_id != v.gone);
	free(rows);
	/* a member registered since: added once */
	int added = -1;
	int64_t late = fx_member_row(&v.t->s, v.branch, "庚七", "男", "status", "正常");
	assert_int_equal(evaluate_round_add_members(&v.t->s, r, &added, &e), 0);
	assert_int_equal(added, 1);
	assert_int_equal(evaluate_round_add_members(&v.t->s, r, &added, &e), 0);
	assert_int_equal(added, 0);
	assert_int_equal(line_of(&v, r, late).result, EV_NONE);
	/* one round a year per organization */
	struct eval_round again;
	evaluate_round_defaults(&v.t->s, &again);
	snprintf(again.year, sizeof again.year, "2026");
	snprintf(again.org, sizeof again.org, "联桥村党支部");
	snprintf(again.held_on, sizeof again.held_on, "2026-11-21");
	assert_int_equal(evaluate_round_save(&v.t->s, &again, &e), DJ_INVALID);
	assert_string_equal(e.field, "year");
	assert_int_equal(again.id, 0);
}

static void meeting_must_be_the_orgs_evaluation(void **state)
{
	struct ev v;
	struct dj_err e;
	town(&v, *state);
	assert_int_equal(sqlite3_exec(v.t->s.db, "INSERT INTO meeting(org_id, type, date, topic) VALUES"
	                              " (2, '民主评议', '2026-11-18', '民主评议党员'),"
	                              " (2, '支委会', '2026-11-19', '研究工作')", NULL, NULL, NULL),
	                 SQLITE_OK);
	struct eval_round r;
	evaluate_round_defaults(&v.t->s, &r);
	snprintf(r.org, sizeof r.org, "联桥村党支部");
	snprintf(r.held_on, sizeof r.held_on, "2026-11-18");
	snprintf(r.meeting, sizeof r.meeting, "2026-11-19");
	assert_int_equal(evaluate_round_save(&v.t->s, &r, &e), DJ_INVALID);
	assert_string_equal(e.field, "meeting");
	assert_non_null(strstr(e.msg, "没有民主评议会议"));
	snprintf(r.meeting, sizeof r.meeting, "2026/11/18");
	assert_int_equal(evaluate_round_save(&v.t->s, &r, &e), 0);
	assert_true(r.meeting_id > 0);
	assert_string_equal(r.meeting, "2026-11-18");
	assert_int_equal(db_int(v.t->s.db, "SELECT type = '民主评议' FROM meeting WHERE id = ?",
	                        r.meeting_id, 0), 1);
}

static void every_result_counted(void **state)
{
	struct ev v;
	struct dj_err e;
	town(&v, *state);
	int64_t r = round_of(&v, "2026", "2026-11-20");
	const int results[5] = { EV_EXCELLENT, EV_EXCELLENT, EV_QUALIFIED, EV_BASIC, EV_FAIL };
	for (int i = 0; i < 5; i++)
		assert_int_equal(set_result(&v, r, v.m[i], results[i], &e), 0);
	struct eval_round rd;
	assert_int_equal(evaluate_round_load(&v.t->s, r, &rd, &e), 0);
	assert_int_equal(rd.c.n[EV_EXCELLENT], 2);
	assert_int_equal(rd.c.n[EV_QUALIFIED], 1);
	assert_int_equal(rd.c.n[EV_BASIC], 1);
	assert_int_equal(rd.c.n[EV_FAIL], 1);
	assert_int_equal(rd.c.n[EV_NONE], 0);
	struct eval_words w;
	char text[200];
	evaluate_words_from(NULL, &w);
	evaluate_counts_text(&w, &rd.c, text, sizeof text);
	assert_string_equal(text, "参评 5 人：优秀 2  合格 1  基本合格 1  不合格 1  未评 0");
	/* cleared again: back among the 未评 */
	assert_int_equal(set_result(&v, r, v.m[2], EV_NONE, &e), 0);
	assert_int_equal(evaluate_round_load(&v.t->s, r, &rd, &e), 0);
	assert_int_equal(rd.c.n[EV_QUALIFIED], 0);
	assert_int_equal(rd.c.n[EV_NONE], 1);
	/* votes and the note saved with the line, audited */
	struct eval_line l = line_of(&v, r, v.m[0]);
	l.v[0] = 4;
	l.v[1] = 1;
	l.v[2] = 0;
	snprintf(l.self_note, sizeof l.self_note, "按时参加组织生活");
	assert_int_equal(evaluate_line_save(&v.t->s, &l, &e), 0);
	l = line_of(&v, r, v.m[0]);
	assert_int_equal(l.v[0], 4);
	assert_int_equal(l.v[2], 0);
	assert_int_equal(l.v[3], EVAL_UNSET);
	assert_string_equal(l.self_note, "按时参加组织生活");
	assert_int_equal(db_int(v.t->s.db, "SELECT count(*) FROM audit_log WHERE tbl = 'eval_line'"
	                        " AND row_id = ?", l.id, 0), 2);
	/* a stale version is refused */
	l.version--;
	assert_int_equal(evaluate_line_save(&v.t->s, &l, &e), DJ_CONFLICT);
	/* a round with results cannot be deleted */
	assert_int_equal(evaluate_round_delete(&v.t->s, r, rd.version, &e), DJ_INVALID);
}

struct items {
	int n, late;
	struct todo_item it[8];
};

static int collect(void *ctx, const struct todo_item *it)
{
	struct items *s = ctx;
	if (s->n < 8)
		s->it[s->n++] = *it;
	s->late += it->late;
	return 0;
}

static void fail_opens_a_followup_until_done(void **state)
{
	struct ev v;
	struct dj_err e;
	town(&v, *state);
	int64_t r = round_of(&v, "2026", "2026-09-01");
	assert_int_equal(set_result(&v, r, v.m[0], EV_FAIL, &e), 0);
	struct eval_line l = line_of(&v, r, v.m[0]);
	assert_true(l.followup_id > 0);
	assert_string_equal(l.action, "限期改正");
	struct eval_followup f;
	assert_int_equal(evaluate_followup_load(&v.t->s, l.followup_id, &f, &e), 0);
	assert_string_equal(f.decided_on, "2026-09-01");
	assert_string_equal(f.deadline, "2026-11-30");   /* 90 days on */
	assert_string_equal(f.name, "甲一");
	/* marked 不合格 again: still one follow-up */
	assert_int_equal(set_result(&v, r, v.m[0], EV_FAIL, &e), 0);
	assert_int_equal(db_int(v.t->s.db, "SELECT count(*) FROM eval_followup", 0, 0), 1);
	struct items s = { 0 };
	assert_int_equal(evaluate_todo(&v.t->s, "2026-11-21", 30, collect, &s, &e), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.it[0].kind, TODO_EVALUATE);
	assert_int_equal(s.it[0].id, f.id);
	assert_int_equal(s.it[0].late, 0);
	assert_string_equal(s.it[0].due_on, "2026-11-30");
	assert_string_equal(s.it[0].what, "评议整改");
	assert_string_equal(s.it[0].text, "甲一 2026 年评议不合格：限期改正，待定处置");
	/* undecided, it is listed however far its 限期; decided, only in the window */
	memset(&s, 0, sizeof s);
	assert_int_equal(evaluate_todo(&v.t->s, "2026-11-21", 5, collect, &s, &e), 0);
	assert_int_equal(s.n, 1);
	snprintf(f.decision, sizeof f.decision, "支部谈话后限期三个月改正");
	assert_int_equal(evaluate_followup_save(&v.t->s, &f, &e), 0);
	memset(&s, 0, sizeof s);
	assert_int_equal(evaluate_todo(&v.t->s, "2026-11-21", 30, collect, &s, &e), 0);
	assert_string_equal(s.it[0].text, "甲一 2026 年评议不合格：限期改正");
	memset(&s, 0, sizeof s);
	assert_int_equal(evaluate_todo(&v.t->s, "2026-11-21", 5, collect, &s, &e), 0);
	assert_int_equal(s.n, 0);
	/* a 限期改正 needs its 限期; the done date cannot come before the decision */
	snprintf(f.deadline, sizeof f.deadline, "%s", "");
	assert_int_equal(evaluate_followup_save(&v.t->s, &f, &e), DJ_INVALID);
	assert_string_equal(e.field, "deadline");
	assert_string_equal(f.deadline, "");
	snprintf(f.deadline, sizeof f.deadline, "2026-11-30");
	snprintf(f.done_on, sizeof f.done_on, "2026-08-01");
	assert_int_equal(evaluate_followup_save(&v.t->s, &f, &e), DJ_INVALID);
	assert_string_equal(e.field, "done_on");
	/* done: off the list, and the result may no longer change */
	snprintf(f.done_on, sizeof f.done_on, "2026-11-20");
	snprintf(f.decision, sizeof f.decision, "已按期改正");
	assert_int_equal(evaluate_followup_save(&v.t->s, &f, &e), 0);
	memset(&s, 0, sizeof s);
	assert_int_equal(evaluate_todo(&v.t->s, "2026-11-21", 30, collect, &s, &e), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(set_result(&v, r, v.m[0], EV_QUALIFIED, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "完成日期"));
	assert_int_equal(line_of(&v, r, v.m[0]).result, EV_FAIL);
	/* one with nothing recorded goes with the result */
	assert_int_equal(set_result(&v, r, v.m[1], EV_FAIL, &e), 0);
	assert_int_equal(db_int(v.t->s.db, "SELECT count(*) FROM eval_followup", 0, 0), 2);
	assert_int_equal(set_result(&v, r, v.m[1], EV_BASIC, &e), 0);
	assert_int_equal(db_int(v.t->s.db, "SELECT count(*) FROM eval_followup", 0, 0), 1);
	assert_int_equal(line_of(&v, r, v.m[1]).followup_id, 0);
	assert_int_equal(db_int(v.t->s.db, "SELECT count(*) FROM audit_log WHERE tbl = 'eval_followup'"
	                        " AND action = '删除'", 0, 0), 1);
}

static void todo_lists_only_open_ones_late_first(void **state)
{
	struct ev v;
	struct dj_err e;
	town(&v, *state);
	int64_t r = round_of(&v, "2026", "2026-06-01");
	for (int i = 0; i < 4; i++)
		assert_int_equal(set_result(&v, r, v.m[i], EV_FAIL, &e), 0);
	/* m0 late (8-30), m1 due 11-25, m2 beyond the window, m3 done */
	const char *deadlines[4] = { "2026-08-30", "2026-11-25", "2027-03-01", "2026-09-01" };
	for (int i = 0; i < 4; i++) {
		struct eval_followup f;
		assert_int_equal(evaluate_followup_load(&v.t->s, line_of(&v, r, v.m[i]).followup_id, &f, &e), 0);
		snprintf(f.deadline, sizeof f.deadline, "%s", deadlines[i]);
		if (i == 3)
			snprintf(f.done_on, sizeof f.done_on, "2026-08-15");
		if (i == 1)
			snprintf(f.action, sizeof f.action, "劝退");
		snprintf(f.decision, sizeof f.decision, "支部委员会决定");
		assert_int_equal(evaluate_followup_save(&v.t->s, &f, &e), 0);
	}
	struct items s = { 0 };
	assert_int_equal(evaluate_todo(&v.t->s, "2026-11-21", 7, collect, &s, &e), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.late, 1);
	assert_string_equal(s.it[0].due_on, "2026-08-30");
	assert_int_equal(s.it[0].late, 1);
	assert_string_equal(s.it[1].due_on, "2026-11-25");
	assert_int_equal(s.it[1].late, 0);
	assert_non_null(strstr(s.it[1].text, "劝退"));
	/* and through the 待办 list that merges every module */
	struct todo_item *all;
	int n;
	assert_int_equal(todo_collect_kind(&v.t->s, "2026-11-21", 7, TODO_EVALUATE, &all, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(all[0].late, 1);
	free(all);
	/* m2's decision taken back: listed although its 限期 is far */
	struct eval_followup f2;
	assert_int_equal(evaluate_followup_load(&v.t->s, line_of(&v, r, v.m[2]).followup_id, &f2, &e), 0);
	f2.decision[0] = 0;
	assert_int_equal(evaluate_followup_save(&v.t->s, &f2, &e), 0);
	memset(&s, 0, sizeof s);
	assert_int_equal(evaluate_todo(&v.t->s, "2026-11-21", 7, collect, &s, &e), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.it[2].due_on, "2027-03-01");
	assert_non_null(strstr(s.it[2].text, "待定处置"));
}

static void member_results_by_year_and_evidence(void **state)
{
	struct ev v;
	struct dj_err e;
	town(&v, *state);
	int64_t r24 = round_of(&v, "2024", "2024-12-20");
	int64_t r25 = round_of(&v, "2025", "2025-12-19");
	int64_t r26 = round_of(&v, "2026", "2026-11-20");
	assert_int_equal(set_result(&v, r24, v.m[0], EV_QUALIFIED, &e), 0);
	assert_int_equal(set_result(&v, r25, v.m[0], EV_EXCELLENT, &e), 0);
	assert_int_equal(set_result(&v, r26, v.m[0], EV_FAIL, &e), 0);
	char line[256];
	evaluate_member_line(&v.t->s, v.m[0], 3, line, sizeof line);
	assert_string_equal(line, "民主评议：2026 不合格（限期改正 限期 2027-02-18，未完成）；2025 优秀；"
	                    "2024 合格");
	evaluate_member_line(&v.t->s, v.m[0], 1, line, sizeof line);
	assert_string_equal(line, "民主评议：2026 不合格（限期改正 限期 2027-02-18，未完成）");
	evaluate_member_line(&v.t->s, v.gone, 3, line, sizeof line);
	assert_string_equal(line, "民主评议：无");
	/* the list on the member's record: one row a year */
	struct row_source *rs = evaluate_member_source(&v.t->s, v.m[0]);
	assert_non_null(rs);
	assert_int_equal(rs->count(rs->ctx), 3);
	row_source_free(rs);
	char out[8][96];
	assert_int_equal(evaluate_member_evidence(&v.t->s, v.m[0], 2025, out, 8), 1);
	assert_string_equal(out[0], "2025 年民主评议党员：优秀");
	assert_int_equal(evaluate_member_evidence(&v.t->s, v.m[0], 2026, out, 8), 0);
	assert_int_equal(evaluate_member_evidence(&v.t->s, v.m[0], 2025, out, 0), 0);
	/* a 2026 nomination reads the year before too */
	struct nomination nm = { .kind = "member", .member_id = v.m[0] };
	int n = nominate_evidence(&v.t->s, &nm, 2026, out, 8), found = 0;
	for (int i = 0; i < n; i++)
		found += strcmp(out[i], "2025 年民主评议党员：优秀") == 0;
	assert_int_equal(found, 1);
}

static void export_reads_back(void **state)
{
	struct ev v;
	struct dj_err e;
	town(&v, *state);
	int64_t r = round_of(&v, "2026", "2026-11-20");
	assert_int_equal(set_result(&v, r, v.m[3], EV_FAIL, &e), 0);
	char path[160], text[4096];
	snprintf(path, sizeof path, "%s/e.csv", v.t->dir);
	int n = 0;
	assert_int_equal(evaluate_export(&v.t->s, r, path, stderr, &n), 0);
	assert_int_equal(n, 5);
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	size_t got = fread(text, 1, sizeof text - 1, in);
	fclose(in);
	text[got] = 0;
	assert_non_null(strstr(text, "\"年度\",\"组织\",\"评议日期\",\"会议\",\"姓名\",\"所在组织\","
	                       "\"自评\",\"优秀票\""));
	assert_non_null(strstr(text, "\"戊五\",\"联桥村党支部\",\"\",\"\",\"\",\"\",\"\","
	                       "\"不合格\",\"限期改正\",\"2026-11-20\",\"2027-02-18\",\"\",\"\""));
	assert_non_null(strstr(text, "\"乙二\",\"联桥村第一党小组\",\"\",\"\",\"\",\"\",\"\",\"未评\""));
}

static void the_result_form_prints(void **state)
{
	struct ev v;
	struct dj_err e;
	town(&v, *state);
	int64_t other = fx_org(&v.t->s, "二都村党支部", "党支部", FX_TOWN);
	int64_t r = round_of(&v, "2026", "2026-11-20");
	assert_int_equal(set_result(&v, r, v.m[0], EV_EXCELLENT, &e), 0);
	assert_int_equal(set_result(&v, r, v.m[3], EV_FAIL, &e), 0);
	char path[200], name[200];
	int pages = 0;
	snprintf(path, sizeof path, "%s/结果表.pdf", v.t->dir);
	assert_int_equal(form_write_pdf(&v.t->s, FORM_EVALUATE, r, 0, path, &pages, &e), 0);
	assert_int_equal(pages, 1);
	char *text = pdf_words(path);
	assert_non_null(strstr(text, "联桥村党支部2026年民主评议党员结果表"));
	assert_non_null(strstr(text, "4戊五联桥村党支部不合格"));
	assert_non_null(strstr(text, "限期改正"));
	assert_non_null(strstr(text, "参评5人：优秀1合格0基本合格0不合格1未评3"));
	free(text);
	assert_int_equal(form_file_name(&v.t->s, FORM_EVALUATE, r, name, sizeof name, &e), 0);
	assert_non_null(strstr(name, "民主评议党员结果表-2026"));
	v.t->s.scope_org = other;
	v.t->s.role = ROLE_OPERATOR;
	snprintf(path, sizeof path, "%s/另一份.pdf", v.t->dir);
	assert_int_equal(form_write_pdf(&v.t->s, FORM_EVALUATE, r, 0, path, &pages, &e), DJ_DENIED);
	/* nor change a result there */
	assert_int_equal(set_result(&v, r, v.m[1], EV_QUALIFIED, &e), DJ_DENIED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_DB_TEST(words_default_configured_and_refused),
		FX_DB_TEST(votes_parsed_by_field),
		FX_DB_TEST(round_holds_members_in_good_standing),
		FX_DB_TEST(meeting_must_be_the_orgs_evaluation),
		FX_DB_TEST(every_result_counted),
		FX_DB_TEST(fail_opens_a_followup_until_done),
		FX_DB_TEST(todo_lists_only_open_ones_late_first),
		FX_DB_TEST(member_results_by_year_and_evidence),
		FX_DB_TEST(export_reads_back),
		FX_DB_TEST(the_result_form_prints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
