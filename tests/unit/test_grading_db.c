/* Grading rounds in the database: settings and their freeze, scores with
 * the version check, the office's grade, the check before confirmation,
 * confirming and locking, rectification, re-grading and CSV. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/csv.h"
#include "fixture.h"
#include "grading/grading.h"
#include "grading/rectify.h"
#include "org/org.h"

#define TOP "中共驿亭镇委员会"
#define A "联桥村党支部"        /* 先进 */
#define B "二都村党支部"        /* 较好 */
#define C "五夫村党总支"        /* 一般 */
#define D "镇机关党支部"        /* 后进 */
#define E "锦涛电子有限公司党支部"   /* 较好 */

static int64_t add_org(struct session *s, const char *name, const char *kind, const char *category,
                       const char *parent)
{
	struct org o = fx_org_draft(name, kind, parent);
	snprintf(o.category, sizeof o.category, "%s", category);
	snprintf(o.secretary, sizeof o.secretary, "书记%s", kind);
	return fx_org_save(s, o);
}

static void township(struct session *s)
{
	assert_true(add_org(s, TOP, "党委", "机关", "") > 0);
	assert_true(add_org(s, A, "党支部", "农村", TOP) > 0);
	assert_true(add_org(s, B, "党支部", "农村", TOP) > 0);
	assert_true(add_org(s, C, "党总支", "农村", TOP) > 0);
	assert_true(add_org(s, D, "党支部", "机关", TOP) > 0);
	assert_true(add_org(s, E, "党支部", "非公企业", TOP) > 0);
	/* neither a group nor a branch under a 党总支 is graded by the 党委 */
	assert_true(add_org(s, "联桥村第一党小组", "党小组", "农村", A) > 0);
	assert_true(add_org(s, "五夫村第一党支部", "党支部", "农村", C) > 0);
}

/* A round for `year` with two sources, self 40% and upper 60%. */
static int64_t new_round(struct session *s, int year)
{
	struct grading_settings g;
	struct dj_err e;
	grading_settings_defaults(s, &g);
	snprintf(g.year, sizeof g.year, "%d", year);
	snprintf(g.name, sizeof g.name, "%d年度基层党组织分类定级", year);
	snprintf(g.src_name[0], sizeof g.src_name[0], "支部自评");
	snprintf(g.src_weight[0], sizeof g.src_weight[0], "40");
	snprintf(g.src_name[1], sizeof g.src_name[1], "组织考评");
	snprintf(g.src_weight[1], sizeof g.src_weight[1], "60");
	g.src_name[2][0] = g.src_weight[2][0] = g.src_name[3][0] = g.src_weight[3][0] = 0;
	if (grading_settings_save(s, &g, &e)) {
		fprintf(stderr, "%s (%s)\n", e.msg, e.field);
		return 0;
	}
	return g.id;
}

static int find_row(struct grading_sheet_row *rows, int n, const char *org)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].org, org) == 0)
			return i;
	return -1;
}

/* Scores in points (one decimal) for the seven default indicators. */
static int score(struct session *s, int64_t round_id, int src, const char *org, const double pts[7],
                 struct dj_err *e)
{
	struct grading_round r;
	struct grading_sheet_row *rows;
	int n, v[GRADING_MAX_IND];
	if (grading_round_load(s, round_id, &r, e) || grading_sheet_load(s, &r, src, &rows, &n, e))
		return -1;
	int i = find_row(rows, n, org);
	assert_true(i >= 0);
	for (int k = 0; k < r.nind; k++)
		v[k] = pts[k] < 0 ? GRADING_NONE : (int)(pts[k] * 10 + 0.5);
	int rc = grading_sheet_save_row(s, &r, src, &rows[i], v, e);
	free(rows);
	return rc;
}

static const double self_pts[5][7] = {
	{ 19, 9, 14, 14, 9, 19, 9 },        /* A 93 */
	{ 16, 8, 12, 12, 8, 16, 8 },        /* B 80 */
	{ 14, 7, 11, 11, 7, 14, 7 },        /* C 71 */
	{ 12, 6, 9, 9, 6, 12, 6 },          /* D 60 */
	{ 17, 8.5, 13, 13, 8, 17, 8 },      /* E 84.5 */
};
static const double upper_pts[5][7] = {
	{ 18, 9, 14, 14, 9, 18, 9 },        /* A 91   -> 91.8 先进 */
	{ 15, 8, 12, 12, 8, 15, 8 },        /* B 78   -> 78.8 较好 */
	{ 13, 6, 10, 10, 6, 13, 6 },        /* C 64   -> 66.8 一般 */
	{ 10, 5, 8, 8, 5, 10, 5 },          /* D 51   -> 54.6 后进 */
	{ 16, 8, 12.5, 12, 8, 16, 8 },      /* E 80.5 -> 82.1 较好 */
};
static const char *const orgs5[5] = { A, B, C, D, E };

static void score_all(struct session *s, int64_t round_id)
{
	struct dj_err e;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(score(s, round_id, 0, orgs5[i], self_pts[i], &e), 0);
		assert_int_equal(score(s, round_id, 1, orgs5[i], upper_pts[i], &e), 0);
	}
}

/* A round for `year` with every organization scored by both sources. */
static int64_t scored_round(struct session *s, int year)
{
	int64_t id = new_round(s, year);
	score_all(s, id);
	return id;
}

/* Confirms the round, at the version it has now, as published on `date`. */
static void confirm(struct session *s, int64_t round_id, const char *date)
{
	struct grading_round r;
	struct dj_err e;
	assert_int_equal(grading_round_load(s, round_id, &r, &e), 0);
	assert_int_equal(grading_confirm(s, round_id, r.version, date, &e), 0);
}

static int64_t result_of(struct session *s, int64_t round_id, const char *org)
{
	int64_t org_id;
	assert_int_equal(org_find_by_name(s, org, &org_id), 0);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(s->db, "SELECT id FROM grading_result WHERE round_id=? AND org_id=?", -1,
	                   &st, NULL);
	sqlite3_bind_int64(st, 1, round_id);
	sqlite3_bind_int64(st, 2, org_id);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return id;
}

static void round_defaults_and_members(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	struct grading_settings g;
	grading_settings_defaults(&t->s, &g);
	assert_string_equal(g.year, "2026");
	assert_string_equal(g.name, "2026年度基层党组织分类定级");
	assert_string_equal(g.org, TOP);
	assert_string_equal(g.grades, "先进、较好、一般、后进");
	assert_string_equal(g.lines, "90、75、60");
	assert_string_equal(g.ind_name[0], "党组织带头人");
	assert_string_equal(g.ind_max[0], "20");
	assert_string_equal(g.ind_name[6], "群众评价");
	assert_string_equal(g.ind_name[7], "");
	assert_string_equal(g.src_name[3], "组织考评");
	assert_string_equal(g.src_weight[3], "40");
	assert_string_equal(g.orgs, "5 个");      /* what the new round will grade */
	assert_string_equal(g.previous, "");
	struct dj_err e;
	assert_int_equal(grading_settings_save(&t->s, &g, &e), 0);
	assert_true(g.id > 0);
	assert_string_equal(g.status, "设置中");
	assert_string_equal(g.orgs, "5 个");
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='grading_round'"
	                        " AND action='新增' AND row_id=?", g.id, 0), 1);
	struct grading_round r;
	assert_int_equal(grading_round_load(&t->s, g.id, &r, &e), 0);
	assert_int_equal(r.nind, 7);
	assert_int_equal(r.ind[0].max, 200);
	assert_int_equal(r.nsrc, 4);
	assert_int_equal(r.line[0], 900);
	assert_int_equal(r.previous_id, 0);
	/* the same name for the same unit and year is refused */
	g.id = 0;
	assert_int_equal(grading_settings_save(&t->s, &g, &e), DJ_INVALID);
	assert_string_equal(e.field, "name");
}

/* Settings with a field or two changed, refused on `field` with `msg`
 * (NULL: any message). */
struct settings_refusal {
	struct fx_edit edit[2];
	const char *field, *msg;
};

#define CHANGE(field, v) FX_EDIT(struct grading_settings, field, v)

static void refused_each(struct session *s, const struct grading_settings *g,
                         const struct settings_refusal *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct grading_settings bad = *g;
		struct dj_err e;
		fx_apply(&bad, cases[i].edit, 2);
		assert_int_equal(grading_settings_save(s, &bad, &e), DJ_INVALID);
		assert_string_equal(e.field, cases[i].field);
		if (cases[i].msg)
			assert_string_equal(e.msg, cases[i].msg);
	}
}

static void settings_checks(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	struct grading_settings g;
	grading_settings_defaults(&t->s, &g);
	static const struct settings_refusal cases[] = {
		{ { CHANGE(ind_max[1], "15") }, "ind_max1", "各指标满分合计应为 100 分，现为 105 分" },
		{ { CHANGE(src_weight[0], "25") }, "src_weight1", "各来源权重合计应为 100%，现为 110%" },
		{ { CHANGE(lines, "90、60、75") }, "lines", "「分数线」应由高到低：90、60、75" },
		{ { CHANGE(grades, "好、较好、较差") }, "grades", NULL },
		{ { CHANGE(grades, "好、较好、一般、好") }, "grades", "「等次名称」重复：好" },
		{ { CHANGE(guide, "30、60、20") }, "guide", "「比例指导」三项合计应为 100%，现为 110%" },
		{ { CHANGE(org, A) }, "org", "「组织单位」联桥村党支部 下没有党总支或党支部可以定级" },
		{ { CHANGE(ind_name[2], "工作思路") }, "ind_name3", "「指标 3」与前面的指标重名：工作思路" },
		{ { CHANGE(year, "12") }, "year", NULL },
		{ { CHANGE(rectify_due, "2027-02-30") }, "rectify_due", NULL },
	};
	refused_each(&t->s, &g, cases, sizeof cases / sizeof *cases);
	/* seed 003's words and a decimal line are fine, and stored as typed */
	snprintf(g.grades, sizeof g.grades, "好，较好，一般，较差");
	snprintf(g.lines, sizeof g.lines, "85.5 70 60");
	snprintf(g.rectify_due, sizeof g.rectify_due, "2027.3.1");
	struct dj_err e;
	assert_int_equal(grading_settings_save(&t->s, &g, &e), 0);
	assert_string_equal(g.grades, "好、较好、一般、较差");
	assert_string_equal(g.lines, "85.5、70、60");
	assert_string_equal(g.rectify_due, "2027-03-01");
}

static void scoring_freezes_settings(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	int64_t id = new_round(&t->s, 2026);
	struct grading_settings g;
	struct dj_err e;
	/* before any score, everything may change, 组织单位 too */
	assert_int_equal(grading_settings_load(&t->s, id, &g, &e), 0);
	snprintf(g.lines, sizeof g.lines, "85、70、60");
	assert_int_equal(grading_settings_save(&t->s, &g, &e), 0);
	assert_int_equal(score(&t->s, id, 0, A, self_pts[0], &e), 0);
	assert_int_equal(grading_settings_load(&t->s, id, &g, &e), 0);
	assert_string_equal(g.status, "评分中");
	assert_int_equal(grading_setting_frozen(g.status, "lines"), 1);
	assert_int_equal(grading_setting_frozen(g.status, "name"), 0);
	static const struct settings_refusal frozen[] = {
		{ { CHANGE(lines, "90、75、60") }, "lines",
		  "本轮已开始评分，「分数线」不能再修改（可改名称、比例指导、整改期限和备注）" },
		{ { CHANGE(ind_max[0], "15"), CHANGE(ind_max[1], "15") }, "ind_max1",
		  "本轮已开始评分，评分指标和满分不能再修改" },
		{ { CHANGE(src_weight[0], "50"), CHANGE(src_weight[1], "50") }, "src_weight1", NULL },
	};
	refused_each(&t->s, &g, frozen, sizeof frozen / sizeof *frozen);
	/* the same values typed differently are no change */
	snprintf(g.lines, sizeof g.lines, "85.0,70,60.0");
	snprintf(g.name, sizeof g.name, "2026年度分类定级（第一轮）");
	snprintf(g.guide, sizeof g.guide, "35、55、10");
	assert_int_equal(grading_settings_save(&t->s, &g, &e), 0);
	assert_string_equal(g.name, "2026年度分类定级（第一轮）");
	/* a round with scores cannot be deleted */
	assert_int_equal(grading_round_delete(&t->s, id, g.version, &e), DJ_INVALID);
	/* a stale version is a conflict */
	g.version--;
	assert_int_equal(grading_settings_save(&t->s, &g, &e), DJ_CONFLICT);
}

static void totals_and_suggestions(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	int64_t id = scored_round(&t->s, 2026);
	struct grading_result res;
	struct dj_err e;
	const int totals[5] = { 918, 788, 668, 546, 821 }, grades[5] = { 1, 2, 3, 4, 2 };
	for (int i = 0; i < 5; i++) {
		assert_int_equal(grading_result_load(&t->s, result_of(&t->s, id, orgs5[i]), &res, &e), 0);
		assert_int_equal(res.total, totals[i]);
		assert_int_equal(res.suggested, grades[i]);
		assert_int_equal(res.grade, 0);
	}
	assert_int_equal(res.source_total[0], 845);
	assert_int_equal(res.source_total[1], 805);
	/* the sheet's preview while typing agrees with what is saved */
	struct grading_round r;
	struct grading_sheet_row *rows;
	int n, g, v[GRADING_MAX_IND];
	assert_int_equal(grading_round_load(&t->s, id, &r, &e), 0);
	assert_int_equal(grading_sheet_load(&t->s, &r, 1, &rows, &n, &e), 0);
	assert_int_equal(n, 5);
	int i = find_row(rows, n, B);
	memcpy(v, rows[i].score, sizeof v);
	assert_int_equal(grading_sheet_preview(&r, 1, &rows[i], v, &g), 788);
	assert_int_equal(g, 2);
	v[0] = 20;   /* 2.0 instead of 15: 0.4·80 + 0.6·65 = 71.0 */
	assert_int_equal(grading_sheet_preview(&r, 1, &rows[i], v, &g), 710);
	assert_int_equal(g, 3);
	/* emptying a whole line takes that source out of the total */
	for (int k = 0; k < r.nind; k++)
		v[k] = GRADING_NONE;
	assert_int_equal(grading_sheet_save_row(&t->s, &r, 1, &rows[i], v, &e), 0);
	assert_int_equal(grading_result_load(&t->s, rows[i].result_id, &res, &e), 0);
	assert_int_equal(res.total, 800);
	assert_int_equal(res.source_total[1], GRADING_NONE);
	free(rows);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='grading_score'", -1, 0),
	                 11);
}

static void score_conflicts_and_limits(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	int64_t id = new_round(&t->s, 2026);
	struct grading_round r;
	struct grading_sheet_row *mine, *theirs;
	int n, v[GRADING_MAX_IND];
	struct dj_err e;
	assert_int_equal(grading_round_load(&t->s, id, &r, &e), 0);
	assert_int_equal(grading_sheet_load(&t->s, &r, 0, &mine, &n, &e), 0);
	assert_int_equal(grading_sheet_load(&t->s, &r, 0, &theirs, &n, &e), 0);
	int i = find_row(mine, n, A);
	for (int k = 0; k < GRADING_MAX_IND; k++)
		v[k] = GRADING_NONE;
	v[0] = 150;
	assert_int_equal(grading_sheet_save_row(&t->s, &r, 0, &theirs[i], v, &e), 0);
	v[0] = 160;   /* the same empty cell typed by a second operator */
	assert_int_equal(grading_sheet_save_row(&t->s, &r, 0, &mine[i], v, &e), DJ_CONFLICT);
	assert_string_equal(e.msg, "「联桥村党支部」的支部自评评分已被他人修改，请按 F5 重新读取");
	v[0] = 170;   /* the first operator changes it again: their version is current */
	assert_int_equal(grading_sheet_save_row(&t->s, &r, 0, &theirs[i], v, &e), 0);
	assert_int_equal(db_int(t->s.db, "SELECT score FROM grading_score WHERE result_id=?",
	                        theirs[i].result_id, 0), 170);
	/* over the maximum is refused before anything is written */
	v[0] = 201;
	assert_int_equal(grading_sheet_save_row(&t->s, &r, 0, &theirs[i], v, &e), DJ_INVALID);
	assert_string_equal(e.msg, "「联桥村党支部」「党组织带头人」超过满分 20 分");
	/* settings changed by someone else while the sheet was open (设置中 only) */
	struct grading_round fresh;
	struct grading_settings g;
	assert_int_equal(grading_round_delete(&t->s, id, 0, &e), DJ_CONFLICT);
	int64_t other = new_round(&t->s, 2025);
	assert_int_equal(grading_round_load(&t->s, other, &fresh, &e), 0);
	struct grading_sheet_row *rows;
	assert_int_equal(grading_sheet_load(&t->s, &fresh, 0, &rows, &n, &e), 0);
	assert_int_equal(grading_settings_load(&t->s, other, &g, &e), 0);
	snprintf(g.lines, sizeof g.lines, "95、80、60");
	assert_int_equal(grading_settings_save(&t->s, &g, &e), 0);
	v[0] = 100;
	assert_int_equal(grading_sheet_save_row(&t->s, &fresh, 0, &rows[0], v, &e), DJ_CONFLICT);
	assert_string_equal(e.msg, "本轮的评分设置已被他人修改，请退出评分表后重新打开");
	free(rows);
	/* a viewer may not score */
	t->s.role = ROLE_VIEWER;
	v[0] = 100;
	assert_int_equal(grading_sheet_save_row(&t->s, &r, 0, &theirs[i], v, &e), DJ_DENIED);
	t->s.role = ROLE_ADMIN;
	free(mine);
	free(theirs);
}

static void office_grade(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	int64_t id = scored_round(&t->s, 2026);
	struct grading_result res;
	struct dj_err e;
	int64_t rid = result_of(&t->s, id, B);
	assert_int_equal(grading_result_load(&t->s, rid, &res, &e), 0);
	assert_int_equal(grading_result_set_grade(&t->s, rid, res.version, 3, "", &e), DJ_INVALID);
	assert_string_equal(e.field, "reason");
	assert_string_equal(e.msg, "等次与建议等次（较好）不同，须填写「调整理由」");
	assert_int_equal(grading_result_set_grade(&t->s, rid, res.version, 3, "群众反映问题较多", &e), 0);
	assert_int_equal(grading_result_set_grade(&t->s, rid, res.version, 1, "重复", &e), DJ_CONFLICT);
	assert_int_equal(grading_result_load(&t->s, rid, &res, &e), 0);
	assert_int_equal(res.grade, 3);
	assert_string_equal(res.reason, "群众反映问题较多");
	/* the ledger marks a grade the office changed */
	struct grading_round r;
	assert_int_equal(grading_round_load(&t->s, id, &r, &e), 0);
	struct row_source *rs = grading_ledger_source(&t->s, &r);
	struct rs_row rows[8];
	assert_non_null(rs);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 8, rows), 5);
	int found = 0;
	for (int i = 0; i < 5; i++)
		if (rows[i].key.id == rid) {
			found = 1;
			assert_string_equal(rows[i].cell[0], B);
			assert_string_equal(rows[i].cell[2], "80.0");   /* 支部自评 */
			assert_string_equal(rows[i].cell[3], "78.0");   /* 组织考评 */
			assert_string_equal(rows[i].cell[4], "78.8");
			assert_string_equal(rows[i].cell[5], "一般*");
		}
	assert_true(found);
	row_source_free(rs);
	/* back to the suggestion: no reason needed, none kept */
	assert_int_equal(grading_result_set_grade(&t->s, rid, res.version, 2, "", &e), 0);
	assert_int_equal(grading_result_load(&t->s, rid, &res, &e), 0);
	assert_int_equal(res.grade, 0);
	assert_string_equal(res.reason, "");
}

static void check_and_confirm(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	int64_t id = scored_round(&t->s, 2026);
	struct grading_report *rep = malloc(sizeof *rep);
	struct dj_err e;
	struct grading_round r;
	/* a sixth organization without scores blocks the confirmation */
	assert_true(add_org(&t->s, "杨梅村党支部", "党支部", "农村", TOP) > 0);
	assert_int_equal(grading_round_add_org(&t->s, id, "杨梅村党支部", &e), 0);
	assert_int_equal(grading_round_add_org(&t->s, id, "杨梅村党支部", &e), DJ_INVALID);
	assert_int_equal(grading_round_add_org(&t->s, id, "联桥村第一党小组", &e), DJ_INVALID);
	assert_int_equal(grading_check(&t->s, id, rep, &e), 0);
	assert_int_equal(rep->orgs, 6);
	assert_int_equal(rep->ungraded, 1);
	assert_non_null(strstr(rep->text, "未定级（既无评分也未定等次，不能确认）：杨梅村党支部"));
	assert_int_equal(grading_round_load(&t->s, id, &r, &e), 0);
	assert_int_equal(grading_confirm(&t->s, id, r.version, "2026-11-20", &e), DJ_INVALID);
	assert_string_equal(e.msg, "还有 1 个组织没有评分也没有定等次，不能确认（见比例检查）");
	assert_int_equal(grading_round_remove_org(&t->s, result_of(&t->s, id, "杨梅村党支部"), &e), 0);
	assert_int_equal(grading_round_remove_org(&t->s, result_of(&t->s, id, A), &e), DJ_INVALID);
	/* 1 先进, 2 较好, 1 一般, 1 后进: 60% / 20% / 20% against 30 / 60 / 10 ± 10 */
	assert_int_equal(grading_check(&t->s, id, rep, &e), 0);
	assert_int_equal(rep->ungraded, 0);
	assert_int_equal(rep->all.n, 5);
	assert_int_equal(rep->flags, 2);
	assert_non_null(strstr(rep->text, "！全部：「先进+较好」占 60.0%，高于指导比例 30%（允许 20%～40%）"));
	assert_non_null(strstr(rep->text, "！全部：「一般」占 20.0%，低于指导比例 60%（允许 50%～70%）"));
	assert_null(strstr(rep->text, "！农村"));   /* three villages: too few to judge */
	assert_int_equal(grading_confirm(&t->s, id, r.version - 1, "2026-11-20", &e), DJ_CONFLICT);
	assert_int_equal(grading_round_load(&t->s, id, &r, &e), 0);
	assert_int_equal(grading_confirm(&t->s, id, r.version, "2026-11-22", &e), DJ_INVALID);
	assert_string_equal(e.field, "published_on");
	assert_int_equal(grading_confirm(&t->s, id, r.version, "2026.11.20", &e), 0);
	assert_int_equal(grading_round_load(&t->s, id, &r, &e), 0);
	assert_string_equal(r.status, "已确认");
	assert_string_equal(r.published_on, "2026-11-20");
	/* final grades written; rectification for 一般 and 后进 due three months on */
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM grading_result WHERE round_id=?"
	                        " AND grade IS NULL", id, -1), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM rectification WHERE round_id=?", id, 0), 2);
	struct rectification p;
	int64_t c_org;
	org_find_by_name(&t->s, C, &c_org);
	int64_t pid = db_int(t->s.db, "SELECT id FROM rectification WHERE org_id=?", c_org, 0);
	assert_int_equal(rectify_load(&t->s, pid, &p, &e), 0);
	assert_string_equal(p.grade, "一般");
	assert_string_equal(p.origin, "定级");
	assert_string_equal(p.deadline, "2027-02-20");
	assert_string_equal(p.responsible, "书记党总支");
	assert_string_equal(p.status, "整改中");
	/* locked: scores, settings, grades and a second confirmation refused */
	struct grading_settings g;
	assert_int_equal(score(&t->s, id, 0, A, self_pts[1], &e), DJ_INVALID);
	assert_string_equal(e.msg, "本轮已确认定级，评分不能再修改");
	assert_int_equal(grading_settings_load(&t->s, id, &g, &e), 0);
	assert_int_equal(grading_setting_frozen(g.status, "name"), 1);
	assert_int_equal(grading_settings_save(&t->s, &g, &e), DJ_INVALID);
	struct grading_result res;
	assert_int_equal(grading_result_load(&t->s, result_of(&t->s, id, B), &res, &e), 0);
	assert_int_equal(grading_result_set_grade(&t->s, res.id, res.version, 3, "晚了", &e), DJ_INVALID);
	assert_int_equal(grading_confirm(&t->s, id, r.version, "2026-11-20", &e), DJ_INVALID);
	assert_int_equal(grading_round_add_org(&t->s, id, "杨梅村党支部", &e), DJ_INVALID);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE action='确认定级'", -1, 0), 1);
	free(rep);
}

/* [grading] bottom_share 50: the two lowest villages are listed for
 * 一村一策; the one not already 一般/后进 gets a plan for that reason. */
static void bottom_villages(void **state)
{
	struct testdb *t = *state;
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/dangjian.ini", t->dir);
	fx_write_file(path, "[grading]\nbottom_share = 50\nbottom_group = 农村\n");
	assert_int_equal(config_load(&t->cfg, path, why, sizeof why), 0);
	township(&t->s);
	int64_t id = scored_round(&t->s, 2026);
	struct grading_round r;
	struct dj_err e;
	int64_t ids[8];
	assert_int_equal(grading_round_load(&t->s, id, &r, &e), 0);
	assert_int_equal(grading_bottom(&t->s, &r, ids, 8), 2);   /* 3 villages · 50% -> 2 */
	assert_int_equal(ids[0], result_of(&t->s, id, C));
	assert_int_equal(ids[1], result_of(&t->s, id, B));
	assert_int_equal(grading_confirm(&t->s, id, r.version, "2026-11-01", &e), 0);
	int64_t b_org;
	org_find_by_name(&t->s, B, &b_org);
	char origin[32] = "";
	sqlite3_stmt *st;
	sqlite3_prepare_v2(t->s.db, "SELECT origin FROM rectification WHERE org_id=?", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, b_org);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(origin, sizeof origin, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_string_equal(origin, "一村一策");
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM rectification", -1, 0), 3);
	config_free(&t->cfg);
	config_defaults(&t->cfg);
}

static void rectification(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	int64_t id = scored_round(&t->s, 2026);
	struct dj_err e;
	int64_t pid;
	assert_int_equal(rectify_add(&t->s, id, A, &pid, &e), DJ_INVALID);   /* not confirmed yet */
	confirm(&t->s, id, "2026-06-01");
	assert_int_equal(rectify_add(&t->s, id, A, &pid, &e), 0);
	assert_int_equal(rectify_add(&t->s, id, A, &pid, &e), DJ_INVALID);
	assert_string_equal(e.msg, "「联桥村党支部」已列入本轮整改");
	assert_int_equal(rectify_add(&t->s, id, "不存在党支部", &pid, &e), DJ_INVALID);
	struct rectification p, stale;
	int64_t d_org;
	org_find_by_name(&t->s, D, &d_org);
	pid = db_int(t->s.db, "SELECT id FROM rectification WHERE org_id=?", d_org, 0);
	assert_int_equal(rectify_load(&t->s, pid, &p, &e), 0);
	/* 2026-06-01 + 3 months is past on 2026-11-21 */
	assert_string_equal(p.deadline, "2026-09-01");
	assert_string_equal(p.status, "逾期");
	assert_string_equal(rectify_status("2026-11-21", ""), "整改中");
	assert_string_equal(rectify_status("2026-11-20", ""), "逾期");
	assert_string_equal(rectify_status("2026-11-20", "2026-11-01"), "已验收");
	struct rectify_counts c;
	rectify_count(&t->s, id, &c);
	assert_int_equal(c.total, 3);
	assert_int_equal(c.overdue, 3);
	stale = p;
	snprintf(p.accepted_on, sizeof p.accepted_on, "2026-11-20");
	assert_int_equal(rectify_save(&t->s, &p, &e), DJ_INVALID);
	assert_string_equal(e.field, "problem");
	snprintf(p.problem, sizeof p.problem, "班子软弱涣散，组织生活不正常");
	snprintf(p.measures, sizeof p.measures, "调整充实支委；每月固定主题党日");
	snprintf(p.deadline, sizeof p.deadline, "2026.12.31");
	snprintf(p.accepted_on, sizeof p.accepted_on, "2026-11-22");
	assert_int_equal(rectify_save(&t->s, &p, &e), DJ_INVALID);
	assert_string_equal(e.field, "accepted_on");
	assert_string_equal(p.accepted_on, "2026-11-22");   /* what was typed stays */
	snprintf(p.accepted_on, sizeof p.accepted_on, "2026-11-20");
	assert_int_equal(rectify_save(&t->s, &p, &e), 0);
	assert_string_equal(p.deadline, "2026-12-31");
	assert_string_equal(p.status, "已验收");
	assert_int_equal(rectify_save(&t->s, &stale, &e), DJ_CONFLICT);
	rectify_count(&t->s, id, &c);
	assert_int_equal(c.accepted, 1);
	assert_int_equal(c.overdue, 2);
	/* the list: overdue ones flagged first, the accepted one dimmed last */
	struct row_source *rs = rectify_list_source(&t->s, id);
	struct rs_row rows[4];
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 4, rows), 3);
	assert_int_equal(rows[0].flags, RS_FLAG_WARN);
	assert_string_equal(rows[2].cell[0], D);
	assert_string_equal(rows[2].cell[6], "已验收");
	assert_int_equal(rows[2].flags, RS_FLAG_DIM);
	assert_int_equal(rs->set_filter(rs->ctx, "lqc"), 0);   /* 联桥村 by pinyin */
	assert_int_equal(rs->count(rs->ctx), 1);
	row_source_free(rs);
}

static void regrading_movement(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	struct dj_err e;
	struct grading_round r;
	int64_t last = scored_round(&t->s, 2025);
	confirm(&t->s, last, "2025-05-10");
	struct grading_settings g;
	grading_settings_defaults(&t->s, &g);
	assert_string_equal(g.previous, "2025年度基层党组织分类定级");
	int64_t now = new_round(&t->s, 2026);
	assert_int_equal(grading_round_load(&t->s, now, &r, &e), 0);
	assert_int_equal(r.previous_id, last);
	assert_string_equal(r.previous, "2025年度基层党组织分类定级");
	/* C rises to 较好, D to 一般, B falls to 一般, A and E stay */
	const double *self[5] = { self_pts[0], self_pts[2], self_pts[1], self_pts[2], self_pts[4] };
	const double *upper[5] = { upper_pts[0], upper_pts[2], upper_pts[1], upper_pts[2], upper_pts[4] };
	for (int i = 0; i < 5; i++) {
		assert_int_equal(score(&t->s, now, 0, orgs5[i], self[i], &e), 0);
		assert_int_equal(score(&t->s, now, 1, orgs5[i], upper[i], &e), 0);
	}
	struct grading_moves m;
	assert_int_equal(grading_moves(&t->s, &r, &m), 0);
	assert_int_equal(m.compared, 5);
	assert_int_equal(m.up, 2);
	assert_int_equal(m.same, 2);
	assert_int_equal(m.down, 1);
	struct row_source *rs = grading_ledger_source(&t->s, &r);
	struct rs_row rows[8];
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 8, rows), 5);
	for (int i = 0; i < 5; i++)
		if (strcmp(rows[i].cell[0], C) == 0) {
			assert_string_equal(rows[i].cell[6], "一般");   /* 上次 */
			assert_string_equal(rows[i].cell[7], "晋位");
		}
	row_source_free(rs);
	/* the first score moved the round to 评分中, a new version */
	assert_int_equal(grading_confirm(&t->s, now, r.version, "2026-11-21", &e), DJ_CONFLICT);
	assert_int_equal(grading_round_load(&t->s, now, &r, &e), 0);
	assert_int_equal(grading_confirm(&t->s, now, r.version, "2026-11-21", &e), 0);
	int64_t c_org;
	org_find_by_name(&t->s, C, &c_org);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(t->s.db, "SELECT previous_grade, grade FROM grading_result WHERE round_id=?"
	                   " AND org_id=?", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, c_org);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 3);
	assert_int_equal(sqlite3_column_int(st, 1), 2);
	sqlite3_finalize(st);
	assert_int_equal(grading_round_load(&t->s, now, &r, &e), 0);
	assert_int_equal(r.previous_id, last);
}

static void ledger_csv(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	int64_t id = scored_round(&t->s, 2026);
	struct grading_round r;
	struct dj_err e;
	confirm(&t->s, id, "2026-11-20");
	/* the ledger sorts grades by rank and totals by number, finds by category */
	assert_int_equal(grading_round_load(&t->s, id, &r, &e), 0);
	struct row_source *rs = grading_ledger_source(&t->s, &r);
	struct rs_row rows[6];
	assert_int_equal(rs->set_sort(rs->ctx, 5, 0), 0);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 6, rows), 5);
	assert_string_equal(rows[0].cell[5], "先进");
	assert_string_equal(rows[1].cell[5], "较好");
	assert_string_equal(rows[3].cell[5], "一般");
	assert_string_equal(rows[4].cell[5], "后进");
	assert_int_equal(rs->set_sort(rs->ctx, 4, 1), 0);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 6, rows), 5);
	assert_string_equal(rows[0].cell[4], "91.8");
	assert_string_equal(rows[4].cell[4], "54.6");
	assert_string_equal(rows[4].cell[8], "整改中");
	assert_int_equal(rs->set_filter(rs->ctx, "机关"), 0);
	assert_int_equal(rs->count(rs->ctx), 1);
	row_source_free(rs);
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/定级台账.csv", t->dir);
	int n = 0;
	assert_int_equal(grading_export_round_csv(&t->s, id, path, stderr, &n), 0);
	assert_int_equal(n, 5);
	struct csv_reader *cr = csv_open(path, why, sizeof why);
	assert_non_null(cr);
	char **f;
	int line, nf = csv_next(cr, &f, &line);
	assert_int_equal(nf, 19);
	assert_string_equal(f[0], "年度");
	assert_string_equal(f[18], "述职评议");   /* 联考: empty without a round that year */
	assert_string_equal(f[5], "支部自评得分");
	assert_string_equal(f[6], "组织考评得分");
	assert_string_equal(f[7], "综合得分");
	int seen = 0;
	while ((nf = csv_next(cr, &f, &line)) > 0)
		if (strcmp(f[2], D) == 0) {
			seen = 1;
			assert_string_equal(f[0], "2026");
			assert_string_equal(f[4], "机关事业单位");
			assert_string_equal(f[5], "60.0");
			assert_string_equal(f[6], "51.0");
			assert_string_equal(f[7], "54.6");
			assert_string_equal(f[9], "后进");
			assert_string_equal(f[13], "2026-11-20");
			assert_string_equal(f[14], "定级");
			assert_string_equal(f[15], "2027-02-20");
			assert_string_equal(f[17], "整改中");
			assert_string_equal(f[18], "");
		}
	assert_true(seen);
	csv_close(cr);
	snprintf(path, sizeof path, "%s/整改台账.csv", t->dir);
	assert_int_equal(rectify_export_csv(&t->s, path, stderr, &n), 0);
	assert_int_equal(n, 2);
}


/* The shipped dangjian.ini says what the built-in defaults say; another
 * file (seed 003's words, the published two-source example) changes them. */
static void ini_defaults(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	struct grading_settings builtin, g;
	char why[256], path[160];
	grading_settings_defaults(&t->s, &builtin);
	assert_int_equal(config_load(&t->cfg, "dangjian.ini", why, sizeof why), 0);
	grading_settings_defaults(&t->s, &g);
	assert_string_equal(g.grades, builtin.grades);
	assert_string_equal(g.lines, builtin.lines);
	assert_string_equal(g.guide, builtin.guide);
	assert_string_equal(g.tolerance, builtin.tolerance);
	for (int i = 0; i < GRADING_MAX_IND; i++) {
		assert_string_equal(g.ind_name[i], builtin.ind_name[i]);
		assert_string_equal(g.ind_max[i], builtin.ind_max[i]);
	}
	for (int i = 0; i < GRADING_MAX_SRC; i++) {
		assert_string_equal(g.src_name[i], builtin.src_name[i]);
		assert_string_equal(g.src_weight[i], builtin.src_weight[i]);
	}
	config_free(&t->cfg);
	snprintf(path, sizeof path, "%s/seed003.ini", t->dir);
	fx_write_file(path, "[grading]\ngrades = 好,较好,一般,较差\nthresholds = 85, 70, 60\n"
	              "sources = 支部自评:40,组织考评:60\ntolerance = 5\n");
	assert_int_equal(config_load(&t->cfg, path, why, sizeof why), 0);
	grading_settings_defaults(&t->s, &g);
	assert_string_equal(g.grades, "好、较好、一般、较差");
	assert_string_equal(g.lines, "85、70、60");
	assert_string_equal(g.tolerance, "5");
	assert_string_equal(g.src_name[1], "组织考评");
	assert_string_equal(g.src_weight[1], "60");
	assert_string_equal(g.src_name[2], "");
	struct dj_err e;
	assert_int_equal(grading_settings_save(&t->s, &g, &e), 0);
	struct grading_round r;
	assert_int_equal(grading_round_load(&t->s, g.id, &r, &e), 0);
	assert_int_equal(r.nsrc, 2);
	assert_int_equal(r.line[0], 850);
	assert_string_equal(grading_word(&r, 4), "较差");
	config_free(&t->cfg);
	config_defaults(&t->cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_DB_TEST(round_defaults_and_members),
		FX_DB_TEST(settings_checks),
		FX_DB_TEST(scoring_freezes_settings),
		FX_DB_TEST(totals_and_suggestions),
		FX_DB_TEST(score_conflicts_and_limits),
		FX_DB_TEST(office_grade),
		FX_DB_TEST(check_and_confirm),
		FX_DB_TEST(bottom_villages),
		FX_DB_TEST(rectification),
		FX_DB_TEST(regrading_movement),
		FX_DB_TEST(ledger_csv),
		FX_DB_TEST(ini_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
