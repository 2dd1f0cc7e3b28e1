/* test_care.c — 关怀帮扶: the 老党员 rule by age and by 党龄 at the day it
 * is reached and the day before (and on 29 February), its settings; the
 * proposals the rule makes and listing them at once; the register's
 * checks; visits and money in 元; 本年未慰问 at the turn of the year; who
 * is on the 七一 and 春节 lists on their day; the festival days; and what
 * the exports and the printed list hold. */
#include "fixture.h"

#include <stdlib.h>

#include "care/care.h"
#include "core/config.h"
#include "core/db.h"
#include "core/rowsource.h"
#include "docs/forms.h"

static void refused_with(int rc, const struct dj_err *e, const char *field, const char *msg)
{
	assert_int_not_equal(rc, 0);
	if (!strstr(e->msg, msg))
		fail_msg("expected 「%s」 in: %s", msg, e->msg);
	if (field)
		assert_string_equal(e->field, field);
}

/* A member of org with birth and joined dates ("" for unknown). */
static int64_t member_of(struct fixture *f, int64_t org, const char *name, const char *birth,
                         const char *joined)
{
	int64_t id = fx_member_row(f->s, org, name, "男", "notes", "");
	char *sql = sqlite3_mprintf("UPDATE member SET birth_date = nullif(%Q, ''),"
	                            " joined_on = nullif(%Q, '') WHERE id = %lld", birth, joined,
	                            (long long)id);
	assert_int_equal(sqlite3_exec(f->s->db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	return id;
}

static int64_t listed(struct fixture *f, int64_t member, const char *category, const char *on,
                      const char *left_on)
{
	struct care_case c;
	struct dj_err e;
	memset(&c, 0, sizeof c);
	c.member_id = member;
	snprintf(c.category, sizeof c.category, "%s", category);
	snprintf(c.reason, sizeof c.reason, "测试");
	snprintf(c.listed_on, sizeof c.listed_on, "%s", on);
	snprintf(c.left_on, sizeof c.left_on, "%s", left_on);
	if (*left_on)
		snprintf(c.left_reason, sizeof c.left_reason, "去世");
	if (care_case_save(f->s, &c, &e))
		fail_msg("%s", e.msg);
	return c.id;
}

static int64_t visited(struct fixture *f, int64_t member, const char *on, const char *money)
{
	struct care_visit v;
	struct dj_err e;
	memset(&v, 0, sizeof v);
	v.member_id = member;
	snprintf(v.on_date, sizeof v.on_date, "%s", on);
	snprintf(v.occasion, sizeof v.occasion, "春节");
	snprintf(v.visitors[0], sizeof v.visitors[0], "洪辉");
	snprintf(v.money, sizeof v.money, "%s", money);
	if (care_visit_save(f->s, &v, &e))
		fail_msg("%s", e.msg);
	return v.id;
}

/* The ids a source lists, in its order, and how many. */
static int ids_of(struct row_source *rs, int64_t *ids, int cap)
{
	struct rs_row rows[32];
	assert_non_null(rs);
	int n = rs->fetch(rs->ctx, NULL, 1, 32, rows);
	for (int i = 0; i < n && i < cap; i++)
		ids[i] = rows[i].key.id;
	return n;
}

static void cell_of(struct row_source *rs, int64_t id, int col, char *out, size_t cap)
{
	struct rs_row rows[32];
	int n = rs->fetch(rs->ctx, NULL, 1, 32, rows);
	out[0] = 0;
	for (int i = 0; i < n; i++)
		if (rows[i].key.id == id)
			snprintf(out, cap, "%s", rows[i].cell[col]);
}

/* ---- the 老党员 rule ---- */

static void old_rule_boundaries(void **state)
{
	struct fixture *f = *state;
	struct care_rules r;
	char why[64];
	care_rules_load(f->s, &r);
	assert_int_equal(r.old_age, 80);
	assert_int_equal(r.old_years, 50);
	assert_int_equal(care_whole_years("1946-11-21", "2026-11-21"), 80);
	assert_int_equal(care_whole_years("1946-11-22", "2026-11-21"), 79);
	assert_int_equal(care_whole_years("1944-02-29", "2024-02-28"), 79);
	assert_int_equal(care_whole_years("1944-02-29", "2024-02-29"), 80);
	assert_int_equal(care_whole_years("2027-01-01", "2026-11-21"), -1);
	assert_int_equal(care_whole_years("", "2026-11-21"), -1);
	/* by age: the 80th birthday itself counts, the day before does not */
	assert_int_equal(care_is_old(&r, "1946-11-21", "2000-07-01", "2026-11-21", why), 1);
	assert_string_equal(why, "年满80周岁");
	assert_int_equal(care_is_old(&r, "1946-11-22", "2000-07-01", "2026-11-21", why), 0);
	assert_string_equal(why, "");
	/* by standing: 50 years since 入党 on the day */
	assert_int_equal(care_is_old(&r, "1956-01-01", "1976-11-21", "2026-11-21", why), 1);
	assert_string_equal(why, "党龄满50年");
	assert_int_equal(care_is_old(&r, "1956-01-01", "1976-11-22", "2026-11-21", why), 0);
	assert_int_equal(care_is_old(&r, "", "", "2026-11-21", why), 0);

	/* configured: 70 and 40; out of range falls back to the default */
	fx_config(f, "\n[care]\nold_age = 70\nold_standing_years = 40\namount_old = 300.5\n");
	care_rules_load(f->s, &r);
	assert_int_equal(r.old_age, 70);
	assert_int_equal(r.old_years, 40);
	assert_int_equal(r.amount_fen[CARE_OLD], 30050);
	assert_int_equal(care_is_old(&r, "1956-11-21", "", "2026-11-21", why), 1);
	assert_string_equal(why, "年满70周岁");
	/* an amount that is no money: the default */
	fx_config(f, "\n[care]\namount_ill = abc\n");
	care_rules_load(f->s, &r);
	assert_int_equal(r.amount_fen[CARE_ILL], 100000);
	/* out of range: the file is refused, naming the line */
	char path[160], refused[512];
	struct config c;
	snprintf(path, sizeof path, "%s/care.ini", f->t.dir);
	fx_write_file(path, "[care]\nold_age = 80\nold_standing_years = 99\n");
	assert_int_equal(config_load(&c, path, refused, sizeof refused), -1);
	config_free(&c);
	if (!strstr(refused, "第 3 行：[care] old_standing_years = 99 超出范围（10～80）"))
		fail_msg("%s", refused);
	fx_write_file(path, "[care]\nold_age = 59\n");
	assert_int_equal(config_load(&c, path, refused, sizeof refused), -1);
	config_free(&c);
	if (!strstr(refused, "第 2 行：[care] old_age = 59 超出范围（60～120）"))
		fail_msg("%s", refused);
}

static void old_members_proposed_and_listed(void **state)
{
	struct fixture *f = *state;
	int64_t aged = member_of(f, f->a, "王老汉", "1946-11-21", "1990-01-01");
	int64_t long_standing = member_of(f, f->c1, "李长青", "1956-03-01", "1976-11-21");
	member_of(f, f->a, "赵差一天", "1946-11-22", "1976-11-22");
	int64_t gone = member_of(f, f->b, "钱已故", "1930-01-01", "1950-01-01");
	assert_int_equal(sqlite3_exec(f->s->db, "UPDATE member SET status = '去世' WHERE name = '钱已故'",
	                              NULL, NULL, NULL), SQLITE_OK);
	(void)gone;
	struct care_proposal *p = NULL;
	struct dj_err e;
	int n = 0, added = 0;
	assert_int_equal(care_old_proposals(f->s, 0, "2026-11-21", &p, &n, &e), 0);
	assert_int_equal(n, 2);
	/* by branch: 东村 (dc) before 南村第一 (nc) */
	assert_int_equal(p[0].member_id, aged);
	assert_string_equal(p[0].why, "年满80周岁");
	assert_string_equal(p[0].org, "东村党支部");
	assert_int_equal(p[1].member_id, long_standing);
	assert_string_equal(p[1].why, "党龄满50年");
	free(p);
	/* a scope narrows them */
	assert_int_equal(care_old_proposals(f->s, f->zz, "2026-11-21", &p, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].member_id, long_standing);
	free(p);
	/* the day before, neither had reached it */
	assert_int_equal(care_old_proposals(f->s, 0, "2026-11-20", &p, &n, &e), 0);
	assert_int_equal(n, 0);
	free(p);

	assert_int_equal(care_old_proposals(f->s, 0, "2026-11-21", &p, &n, &e), 0);
	assert_int_equal(care_old_add(f->s, p, n, "2026-11-21", &added, &e), 0);
	assert_int_equal(added, 2);
	free(p);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM care_case WHERE category = '老党员'"
	                        " AND listed_on = '2026-11-21' AND reason IN ('年满80周岁', '党龄满50年')",
	                        -1, 0), 2);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'care_case'",
	                        -1, 0), 2);
	/* listed: proposed no more */
	assert_int_equal(care_old_proposals(f->s, 0, "2026-11-21", &p, &n, &e), 0);
	assert_int_equal(n, 0);
	free(p);
	/* all or none: a batch with one refusal adds nothing */
	struct care_proposal bad[2] = { { .member_id = aged, .why = "年满80周岁" },
	                                { .member_id = 999999, .why = "年满80周岁" } };
	int before = (int)db_int(f->s->db, "SELECT count(*) FROM care_case", -1, 0);
	bad[0].member_id = member_of(f, f->b, "孙新老", "1940-01-01", "");
	refused_with(care_old_add(f->s, bad, 2, "2026-11-21", &added, &e), &e, "member", "已不存在");
	assert_int_equal(added, 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM care_case", -1, 0), before);
}

/* ---- the register's checks ---- */

static void register_refusals(void **state)
{
	struct fixture *f = *state;
	int64_t m = member_of(f, f->a, "周困难", "1970-01-01", "2000-01-01");
	struct care_case c;
	struct dj_err e;
	memset(&c, 0, sizeof c);
	c.member_id = m;
	snprintf(c.category, sizeof c.category, "困难户");
	snprintf(c.reason, sizeof c.reason, "低保");
	snprintf(c.listed_on, sizeof c.listed_on, "2026-03-01");
	refused_with(care_case_save(f->s, &c, &e), &e, "category", "「类别」");
	assert_string_equal(c.category, "困难户");         /* what was typed stays */
	snprintf(c.category, sizeof c.category, "生活困难");
	snprintf(c.listed_on, sizeof c.listed_on, "2026-11-22");
	refused_with(care_case_save(f->s, &c, &e), &e, "listed_on", "晚于今天");
	snprintf(c.listed_on, sizeof c.listed_on, "2026.3.1");
	snprintf(c.left_on, sizeof c.left_on, "2026-02-28");
	snprintf(c.left_reason, sizeof c.left_reason, "困难已解决");
	refused_with(care_case_save(f->s, &c, &e), &e, "left_on", "早于列入日期");
	snprintf(c.left_on, sizeof c.left_on, "2026-06-30");
	c.left_reason[0] = 0;
	refused_with(care_case_save(f->s, &c, &e), &e, "left_reason", "「移出原因」不能为空");
	c.left_on[0] = 0;
	c.reason[0] = 0;
	refused_with(care_case_save(f->s, &c, &e), &e, "reason", "「原因」不能为空");
	snprintf(c.reason, sizeof c.reason, "低保");
	assert_int_equal(care_case_save(f->s, &c, &e), 0);
	assert_string_equal(c.listed_on, "2026-03-01");   /* the typed date, normalized */
	assert_string_equal(c.member, "周困难");
	/* the same category again while on the register */
	struct care_case again = c;
	again.id = 0;
	snprintf(again.listed_on, sizeof again.listed_on, "2026-10-01");
	refused_with(care_case_save(f->s, &again, &e), &e, "category", "已于 2026-03-01 作为生活困难列入");
	/* another category is fine; after leaving, listing again is fine */
	snprintf(again.category, sizeof again.category, "因病");
	assert_int_equal(care_case_save(f->s, &again, &e), 0);
	snprintf(c.left_on, sizeof c.left_on, "2026-06-30");
	snprintf(c.left_reason, sizeof c.left_reason, "困难已解决");
	assert_int_equal(care_case_save(f->s, &c, &e), 0);
	struct care_case later = c;
	later.id = 0;
	later.left_on[0] = later.left_reason[0] = 0;
	snprintf(later.listed_on, sizeof later.listed_on, "2026-07-01");
	assert_int_equal(care_case_save(f->s, &later, &e), 0);
	/* a member who died is not listed anew, but his entry can still be closed */
	assert_int_equal(sqlite3_exec(f->s->db, "UPDATE member SET status = '去世' WHERE name = '周困难'",
	                              NULL, NULL, NULL), SQLITE_OK);
	struct care_case dead = later;
	dead.id = 0;
	snprintf(dead.category, sizeof dead.category, "老党员");
	refused_with(care_case_save(f->s, &dead, &e), &e, "member", "「党员」周困难 的状态为去世");
	snprintf(later.left_on, sizeof later.left_on, "2026-11-20");
	snprintf(later.left_reason, sizeof later.left_reason, "去世");
	assert_int_equal(care_case_save(f->s, &later, &e), 0);
	assert_string_equal(later.left_on, "2026-11-20");
	/* a stale version is a conflict */
	struct care_case stale = c;
	stale.version--;
	assert_int_equal(care_case_save(f->s, &stale, &e), DJ_CONFLICT);
	struct row_source *rs = care_case_source(f->s);
	assert_int_equal(rs->count(rs->ctx), 3);
	char cell[64];
	cell_of(rs, c.id, 5, cell, sizeof cell);
	assert_string_equal(cell, "2026-06-30 移出");
	cell_of(rs, later.id, 5, cell, sizeof cell);
	assert_string_equal(cell, "2026-11-20 移出");
	cell_of(rs, again.id, 5, cell, sizeof cell);
	assert_string_equal(cell, "在册");
	row_source_free(rs);
}

/* ---- money and visits ---- */

static void money_in_yuan(void **state)
{
	(void)state;
	int64_t fen = -1;
	char why[WHY_MAX], out[24];
	assert_int_equal(care_money_parse("12.345", &fen, why), -1);
	assert_non_null(strstr(why, "两位小数"));
	assert_int_equal(care_money_parse("abc", &fen, why), -1);
	assert_int_equal(care_money_parse("-5", &fen, why), -1);
	assert_int_equal(care_money_parse("", &fen, why), -1);
	assert_int_equal(care_money_parse("200", &fen, why), 0);
	assert_int_equal(fen, 20000);
	assert_int_equal(care_money_parse("200.5", &fen, why), 0);
	assert_int_equal(fen, 20050);
	assert_int_equal(care_money_parse("200.50", &fen, why), 0);
	assert_int_equal(fen, 20050);
	assert_int_equal(care_money_parse("２００", &fen, why), 0);
	assert_int_equal(fen, 20000);
	assert_int_equal(care_money_parse("２００．５元", &fen, why), 0);
	assert_int_equal(fen, 20050);
	care_money_text(20050, out, sizeof out);
	assert_string_equal(out, "200.50");
	care_money_text(100000, out, sizeof out);
	assert_string_equal(out, "1000.00");
	care_money_text(0, out, sizeof out);
	assert_string_equal(out, "");
}

static void visit_refusals(void **state)
{
	struct fixture *f = *state;
	int64_t m = member_of(f, f->a, "吴慰问", "1940-01-01", "1960-01-01");
	struct care_visit v;
	struct dj_err e;
	memset(&v, 0, sizeof v);
	v.member_id = m;
	snprintf(v.on_date, sizeof v.on_date, "2026-07-01");
	snprintf(v.occasion, sizeof v.occasion, "端午");
	snprintf(v.visitors[0], sizeof v.visitors[0], "洪辉");
	refused_with(care_visit_save(f->s, &v, &e), &e, "occasion", "[care] occasions");
	snprintf(v.occasion, sizeof v.occasion, "七一");
	v.visitors[0][0] = 0;
	refused_with(care_visit_save(f->s, &v, &e), &e, "visitor1", "「慰问人」不能为空");
	snprintf(v.visitors[0], sizeof v.visitors[0], "洪辉");
	snprintf(v.visitors[2], sizeof v.visitors[2], "洪辉");
	refused_with(care_visit_save(f->s, &v, &e), &e, "visitor3", "填了两次");
	snprintf(v.visitors[2], sizeof v.visitors[2], "林海燕");
	snprintf(v.money, sizeof v.money, "12.345");
	refused_with(care_visit_save(f->s, &v, &e), &e, "money", "「慰问金」");
	snprintf(v.money, sizeof v.money, "２００．５");
	snprintf(v.goods, sizeof v.goods, "大米一袋");
	assert_int_equal(care_visit_save(f->s, &v, &e), 0);
	assert_int_equal(v.money_fen, 20050);
	assert_string_equal(v.money, "200.50");
	assert_string_equal(v.visitors[0], "洪辉");
	assert_string_equal(v.visitors[1], "林海燕");   /* as stored: the gap closed */
	assert_string_equal(v.visitors[2], "");
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM care_visit WHERE visitors = '洪辉、林海燕'"
	                        " AND money_fen = 20050", -1, 0), 1);
	/* configured occasions */
	fx_config(f, "\n[care]\noccasions = 端午,中秋\n");
	memset(&v, 0, sizeof v);
	v.member_id = m;
	snprintf(v.on_date, sizeof v.on_date, "2026-06-19");
	snprintf(v.occasion, sizeof v.occasion, "端午");
	snprintf(v.visitors[0], sizeof v.visitors[0], "洪辉");
	assert_int_equal(care_visit_save(f->s, &v, &e), 0);
}

/* ---- 本年未慰问 ---- */

static void no_visit_this_year(void **state)
{
	struct fixture *f = *state;
	int64_t dec = member_of(f, f->a, "郑去年", "1940-01-01", "");
	int64_t jan = member_of(f, f->b, "冯元旦", "1941-01-01", "");
	int64_t left = member_of(f, f->a, "陈已出", "1942-01-01", "");
	int64_t both = member_of(f, f->c1, "褚两类", "1943-01-01", "");
	listed(f, dec, "老党员", "2025-06-01", "");
	listed(f, jan, "老党员", "2025-06-01", "");
	listed(f, left, "老党员", "2025-06-01", "2026-05-01");
	listed(f, both, "老党员", "2025-06-01", "");
	listed(f, both, "因病", "2026-02-01", "");
	visited(f, dec, "2025-12-31", "500");   /* last December: does not count */
	visited(f, jan, "2025-12-31", "500");
	int64_t ids[8];
	struct row_source *rs = care_unvisited_source(f->s, 0, "2026-11-21");
	int n = ids_of(rs, ids, 8);
	assert_int_equal(rs->count(rs->ctx), 3);      /* listed once each; not the one who left */
	assert_int_equal(n, 3);
	char cell[64];
	cell_of(rs, both, 2, cell, sizeof cell);
	assert_string_equal(cell, "老党员、因病");
	cell_of(rs, dec, 5, cell, sizeof cell);
	assert_string_equal(cell, "2025-12-31");
	row_source_free(rs);
	visited(f, jan, "2026-01-01", "500");   /* 1 January: it does */
	rs = care_unvisited_source(f->s, 0, "2026-11-21");
	n = ids_of(rs, ids, 8);
	assert_int_equal(n, 2);
	for (int i = 0; i < n; i++)
		assert_int_not_equal(ids[i], jan);
	row_source_free(rs);
	/* by organization: 西村 has none left, the 党总支 its one */
	rs = care_unvisited_source(f->s, f->b, "2026-11-21");
	assert_int_equal(rs->count(rs->ctx), 0);
	row_source_free(rs);
	rs = care_unvisited_source(f->s, f->zz, "2026-11-21");
	assert_int_equal(ids_of(rs, ids, 8), 1);
	assert_int_equal(ids[0], both);
	row_source_free(rs);
	/* a new year: everyone again */
	rs = care_unvisited_source(f->s, 0, "2027-01-02");
	assert_int_equal(rs->count(rs->ctx), 3);
	row_source_free(rs);
	char path[160];
	snprintf(path, sizeof path, "%s/未慰问.csv", f->t.dir);
	assert_int_equal(care_unvisited_export(f->s, 0, "2026-11-21", path, stderr, &n), 0);
	assert_int_equal(n, 2);
}

/* The member form's line: what the register holds on the day, the last
 * visit, and nothing for a member never cared for. */
static void the_member_forms_line(void **state)
{
	struct fixture *f = *state;
	int64_t old = member_of(f, f->a, "蒋两项", "1940-01-01", "");
	int64_t once = member_of(f, f->b, "沈一次", "1960-01-01", "");
	int64_t never = member_of(f, f->b, "韩从未", "1961-01-01", "");
	listed(f, old, "老党员", "2025-06-01", "");
	listed(f, old, "因病", "2026-02-01", "2026-06-01");
	visited(f, old, "2026-01-20", "500");
	visited(f, once, "2025-12-31", "");
	char line[224];
	care_member_line(f->s, old, "2026-03-01", line, sizeof line);
	assert_string_equal(line, "关怀：老党员（2025-06-01 列入）、因病（2026-02-01 列入）；最近慰问 2026-01-20 春节");
	care_member_line(f->s, old, "2026-11-21", line, sizeof line);   /* 因病 left in June */
	assert_string_equal(line, "关怀：老党员（2025-06-01 列入）；最近慰问 2026-01-20 春节");
	care_member_line(f->s, once, "2026-11-21", line, sizeof line);
	assert_string_equal(line, "关怀：最近慰问 2025-12-31 春节");
	care_member_line(f->s, never, "2026-11-21", line, sizeof line);
	assert_string_equal(line, "");
}

/* ---- the 七一 and 春节 lists ---- */

static void festival_days(void **state)
{
	(void)state;
	char out[11];
	assert_int_equal(care_festival_date(CARE_SPRING, 2026, out), 0);
	assert_string_equal(out, "2026-02-17");
	assert_int_equal(care_festival_date(CARE_SPRING, 2027, out), 0);
	assert_string_equal(out, "2027-02-06");
	assert_int_equal(care_festival_date(CARE_SPRING, 2019, out), -1);
	care_festival_next(CARE_SPRING, "2026-11-21", out);
	assert_string_equal(out, "2027-02-06");
	care_festival_next(CARE_SPRING, "2026-02-17", out);
	assert_string_equal(out, "2026-02-17");
	care_festival_next(CARE_JULY1, "2026-07-01", out);
	assert_string_equal(out, "2026-07-01");
	care_festival_next(CARE_JULY1, "2026-07-02", out);
	assert_string_equal(out, "2027-07-01");
	int which = 0;
	int64_t org = 0;
	int64_t key = care_list_key(CARE_SPRING, "2027-02-06", 1234);
	assert_int_equal(care_list_unkey(key, &which, out, &org), 0);
	assert_int_equal(which, CARE_SPRING);
	assert_string_equal(out, "2027-02-06");
	assert_int_equal(org, 1234);
	assert_int_equal(care_list_unkey(20270206, &which, out, &org), -1);
}

struct on_list {
	int64_t july_eve, july_day, left_on_day, left_after, two, gone;
};

static void fill_lists(struct fixture *f, struct on_list *w)
{
	w->july_eve = member_of(f, f->a, "甲前日", "1940-01-01", "");
	w->july_day = member_of(f, f->a, "乙当日", "1941-01-01", "");
	w->left_on_day = member_of(f, f->b, "丙当日出", "1942-01-01", "");
	w->left_after = member_of(f, f->b, "丁次日出", "1943-01-01", "");
	w->two = member_of(f, f->c1, "戊两类", "1946-07-02", "");
	w->gone = member_of(f, f->c1, "己去世", "1930-01-01", "");
	listed(f, w->july_eve, "老党员", "2026-07-02", "");          /* a day late for 七一 */
	listed(f, w->july_day, "老党员", "2026-07-01", "");
	listed(f, w->left_on_day, "生活困难", "2026-01-01", "2026-07-01");
	listed(f, w->left_after, "生活困难", "2026-01-01", "2026-07-02");
	listed(f, w->two, "老党员", "2026-01-01", "");
	listed(f, w->two, "生活困难", "2026-03-01", "");
	listed(f, w->gone, "老党员", "2026-01-01", "");
	assert_int_equal(sqlite3_exec(f->s->db, "UPDATE member SET status = '去世', phone = '13905750001'"
	                              " WHERE name = '己去世'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(f->s->db, "UPDATE member SET phone = '13905750002'"
	                              " WHERE name = '戊两类'", NULL, NULL, NULL), SQLITE_OK);
	visited(f, w->two, "2026-02-10", "1000");
}

static void lists_on_their_day(void **state)
{
	struct fixture *f = *state;
	struct on_list w;
	fill_lists(f, &w);
	int64_t ids[8];
	struct row_source *rs = care_list_source(f->s, 0, "2026-07-01");
	int n = ids_of(rs, ids, 8);
	assert_int_equal(n, 3);
	/* by branch: 东村 乙, 南村第一 戊, 西村 丁 */
	assert_int_equal(ids[0], w.july_day);
	assert_int_equal(ids[1], w.two);
	assert_int_equal(ids[2], w.left_after);
	char cell[64];
	cell_of(rs, w.two, 2, cell, sizeof cell);
	assert_string_equal(cell, "老党员、生活困难");
	cell_of(rs, w.two, 3, cell, sizeof cell);
	assert_string_equal(cell, "79");                /* 80 only on 07-02 */
	cell_of(rs, w.two, 4, cell, sizeof cell);
	assert_string_equal(cell, "13905750002");
	cell_of(rs, w.two, 6, cell, sizeof cell);
	assert_string_equal(cell, "2026-02-10");
	cell_of(rs, w.two, 7, cell, sizeof cell);
	assert_string_equal(cell, "1000.00");           /* the larger of 500 and 1000 */
	cell_of(rs, w.july_day, 7, cell, sizeof cell);
	assert_string_equal(cell, "500.00");
	row_source_free(rs);
	/* the 春节 before: only those listed by then and not yet left */
	rs = care_list_source(f->s, 0, "2026-02-17");
	n = ids_of(rs, ids, 8);
	assert_int_equal(n, 3);                         /* 丙, 丁 and 戊 */
	cell_of(rs, w.two, 2, cell, sizeof cell);
	assert_string_equal(cell, "老党员");
	cell_of(rs, w.two, 7, cell, sizeof cell);
	assert_string_equal(cell, "500.00");
	row_source_free(rs);
	/* amounts from [care] */
	fx_config(f, "\n[care]\namount_old = 600\namount_hardship = 800.5\n");
	rs = care_list_source(f->s, 0, "2026-07-01");
	cell_of(rs, w.two, 7, cell, sizeof cell);
	assert_string_equal(cell, "800.50");
	cell_of(rs, w.july_day, 7, cell, sizeof cell);
	assert_string_equal(cell, "600.00");
	row_source_free(rs);
	/* one organization */
	rs = care_list_source(f->s, f->b, "2026-07-01");
	assert_int_equal(ids_of(rs, ids, 8), 1);
	assert_int_equal(ids[0], w.left_after);
	row_source_free(rs);
}

/* The file's lines, read whole. */
static int lines_of(const char *path, char lines[][512], int cap)
{
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	int n = 0;
	while (n < cap && fgets(lines[n], 512, in))
		lines[n][strcspn(lines[n], "\r\n")] = 0, n++;
	fclose(in);
	return n;
}

static void list_export_and_print(void **state)
{
	struct fixture *f = *state;
	struct on_list w;
	fill_lists(f, &w);
	char path[160], lines[8][512];
	int n = 0;
	snprintf(path, sizeof path, "%s/七一.csv", f->t.dir);
	assert_int_equal(care_list_export(f->s, 0, "2026-07-01", path, stderr, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(lines_of(path, lines, 8), 4);
	assert_string_equal(lines[0], "\xEF\xBB\xBF\"序号\",\"姓名\",\"所在支部\",\"类别\",\"年龄\",\"联系电话\","
	                              "\"家庭住址\",\"最近慰问\",\"拟慰问金（元）\",\"签收\"");
	assert_string_equal(lines[1], "\"1\",\"乙当日\",\"东村党支部\",\"老党员\",\"85\",\"\",\"\",\"\",\"500.00\",\"\"");
	/* the phone as Excel keeps it text: ="…" */
	assert_string_equal(lines[2], "\"2\",\"戊两类\",\"南村第一党支部\",\"老党员、生活困难\",\"79\","
	                              "\"=\"\"13905750002\"\"\",\"\",\"2026-02-10\",\"1000.00\",\"\"");
	assert_string_equal(lines[3], "\"3\",\"丁次日出\",\"西村党支部\",\"生活困难\",\"83\",\"\",\"\",\"\","
	                              "\"1000.00\",\"\"");
	/* the workbook too */
	snprintf(path, sizeof path, "%s/七一.xlsx", f->t.dir);
	assert_int_equal(care_list_export(f->s, 0, "2026-07-01", path, stderr, &n), 0);
	assert_int_equal(n, 3);
	FILE *in = fopen(path, "rb");
	char magic[4] = "";
	assert_non_null(in);
	assert_int_equal(fread(magic, 1, 4, in), 4);
	fclose(in);
	assert_memory_equal(magic, "PK\3\4", 4);
	/* printed: a page, its name; a day with no one on the register refused */
	struct dj_err e;
	int pages = 0;
	char name[128];
	int64_t key = care_list_key(CARE_JULY1, "2026-07-01", 0);
	snprintf(path, sizeof path, "%s/七一.pdf", f->t.dir);
	assert_int_equal(form_write_pdf(f->s, FORM_CARE, key, 0, path, &pages, &e), 0);
	assert_int_equal(pages, 1);
	assert_int_equal(form_file_name(f->s, FORM_CARE, key, name, sizeof name, &e), 0);
	assert_string_equal(name, "七一慰问名单-2026-07-01.pdf");
	key = care_list_key(CARE_SPRING, "2025-01-29", 0);
	refused_with(form_write_pdf(f->s, FORM_CARE, key, 0, path, &pages, &e), &e, NULL,
	             "没有在册的关怀对象");
	/* the command line: the festival and the day from the file's name */
	snprintf(path, sizeof path, "%s/七一慰问名单-20260701.csv", f->t.dir);
	assert_int_equal(care_list_export_cli(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(lines_of(path, lines, 8), 4);
	assert_non_null(strstr(lines[1], "乙当日"));
	snprintf(path, sizeof path, "%s/spring-2026.csv", f->t.dir);   /* 2026-02-17: 丙 丁 戊 */
	assert_int_equal(care_list_export_cli(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(lines_of(path, lines, 8), 4);
	assert_non_null(strstr(lines[2], "丙当日出"));   /* 南村第一 before 西村 */
	snprintf(path, sizeof path, "%s/春节-2026-07-02.csv", f->t.dir);   /* 甲 now too; 丙 and 丁 left */
	assert_int_equal(care_list_export_cli(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 3);
	snprintf(path, sizeof path, "%s/下一个七一.csv", f->t.dir);   /* the next 七一: 2027-07-01 */
	assert_int_equal(care_list_export_cli(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(lines_of(path, lines, 8), 4);
	assert_non_null(strstr(lines[1], "甲前日"));
	/* the visits ledger */
	snprintf(path, sizeof path, "%s/慰问.csv", f->t.dir);
	assert_int_equal(care_visit_export(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(lines_of(path, lines, 8), 2);
	assert_string_equal(lines[1], "\"2026-02-10\",\"戊两类\",\"南村第一党支部\",\"春节\",\"1000.00\","
	                              "\"\",\"洪辉\",\"\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(old_rule_boundaries),
		FX_TEST(old_members_proposed_and_listed),
		FX_TEST(register_refusals),
		cmocka_unit_test(money_in_yuan),
		FX_TEST(visit_refusals),
		FX_TEST(no_visit_this_year),
		FX_TEST(the_member_forms_line),
		cmocka_unit_test(festival_days),
		FX_TEST(lists_on_their_day),
		FX_TEST(list_export_and_print),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
