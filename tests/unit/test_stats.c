/* test_stats.c — the 党内统计 tables on a fixture whose counts are known by
 * construction: a 党委 with branches, fifteen members and their moves of
 * 2025 (发展, 转入, 恢复, 转出, 去世, 出党 for three reasons, 失联, a 转出
 * after the as-of date), dev cases at every stage and honours.  Every cell
 * of every table is asserted, every cell's drill-down holds that many
 * units, and a planted 转出 that the status contradicts is caught and
 * named. */
#include "fixture.h"

#include "core/csv.h"
#include "stats/stats.h"

#define AS_OF "2025-12-31"

struct fx {
	struct testdb t;
	int64_t top, a, b, d, g, e;
	int64_t m[20];
};

static void sql(sqlite3 *db, const char *text)
{
	char *err = NULL;
	if (sqlite3_exec(db, text, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", text, err);
}

static int64_t org_row(sqlite3 *db, const char *name, const char *kind, const char *cat,
                       int64_t parent, const char *founded, const char *dissolved)
{
	char par[24] = "NULL";
	if (parent)
		snprintf(par, sizeof par, "%lld", (long long)parent);
	char *q = sqlite3_mprintf("INSERT INTO org(name, kind, category, parent_id, founded_on,"
	                          " status, dissolved_on) VALUES (%Q, %Q, %Q, %s, %Q, %Q, %Q)",
	                          name, kind, cat, par,
	                          founded, dissolved ? "撤销" : "正常", dissolved);
	sql(db, q);
	sqlite3_free(q);
	return sqlite3_last_insert_rowid(db);
}

/* name gender ethnicity birth education job category joined confirmed extension status */
static int64_t member_row(sqlite3 *db, int64_t org, const char *name, const char *gender,
                          const char *eth, const char *birth, const char *edu, const char *job,
                          const char *cat, const char *joined, const char *confirmed, int ext,
                          const char *status, const char *idno)
{
	char *q = sqlite3_mprintf(
		"INSERT INTO member(org_id, name, gender, ethnicity, birth_date, education, job,"
		" category, joined_on, confirmed_on, extension_months, status, id_number)"
		" VALUES (%lld, %Q, %Q, %Q, %Q, NULLIF(%Q, ''), NULLIF(%Q, ''), %Q, %Q, %Q, %d, %Q, %Q)",
		(long long)org, name, gender, eth, birth, edu, job, cat, joined, confirmed, ext, status,
		idno);
	sql(db, q);
	sqlite3_free(q);
	return sqlite3_last_insert_rowid(db);
}

static void event(sqlite3 *db, int64_t member, const char *type, const char *date,
                  const char *reason)
{
	char *q = sqlite3_mprintf("INSERT INTO member_event(member_id, type, date, reason)"
	                          " VALUES (%lld, %Q, %Q, %Q)", (long long)member, type, date, reason);
	sql(db, q);
	sqlite3_free(q);
}

/* applied activist candidate received ended stage */
static void dev_case(sqlite3 *db, int64_t org, const char *name, const char *gender,
                     const char *birth, const char *edu, const char *job, const char *applied,
                     const char *activist, const char *candidate, const char *received,
                     const char *ended, const char *stage)
{
	char *q = sqlite3_mprintf(
		"INSERT INTO dev_case(org_id, name, gender, birth_date, education, job, applied_on,"
		" activist_on, candidate_on, branch_meeting_on, ended_on, stage)"
		" VALUES (%lld, %Q, %Q, %Q, %Q, %Q, %Q, %Q, %Q, %Q, %Q, %Q)",
		(long long)org, name, gender, birth, edu, job, applied, activist, candidate, received,
		ended, stage);
	sql(db, q);
	sqlite3_free(q);
}

static void honour_row(sqlite3 *db, const char *kind, int64_t id, const char *title,
                       const char *level, const char *on, const char *revoked)
{
	int org = strcmp(kind, "org") == 0;
	char *q = sqlite3_mprintf(
		"INSERT INTO honour(kind, member_id, org_id, title, level, awarded_on, revoked_on)"
		" VALUES (%Q, %s%lld, %s%lld, %Q, %Q, %Q, %Q)", kind, org ? "NULL+" : "",
		(long long)id, org ? "" : "NULL+", (long long)id, title, level, on, revoked);
	sql(db, q);
	sqlite3_free(q);
}

static void build(struct fx *f)
{
	sqlite3 *db = f->t.s.db;
	f->top = org_row(db, "中共测试镇委员会", "党委", "农村", 0, "2000-01-01", NULL);
	f->a = org_row(db, "甲村党支部", "党支部", "农村", f->top, "2010-01-01", NULL);
	f->g = org_row(db, "甲村第一党小组", "党小组", "农村", f->a, "2010-01-01", NULL);
	f->b = org_row(db, "乙社区党支部", "党支部", "社区", f->top, "2025-03-01", NULL);
	f->d = org_row(db, "镇机关党支部", "党支部", "机关", f->top, "2005-01-01", "2025-06-01");
	f->e = org_row(db, "新企业党支部", "党支部", "其他", f->top, "2026-02-01", NULL);
	sql(db, "INSERT INTO org_term(org_id, elected_on, term_years, due_on) SELECT id,"
	        " '2020-01-01', 3, '2023-01-01' FROM org WHERE name = '甲村党支部'");
	sql(db, "INSERT INTO org_term(org_id, elected_on, term_years, due_on) SELECT id,"
	        " '2025-03-01', 5, '2030-03-01' FROM org WHERE name = '乙社区党支部'");

	int64_t a = f->a, *m = f->m;
	m[1] = member_row(db, a, "甲", "男", "汉族", "1990-05-01", "大学本科", "教师", "正式党员", "2010-07-01", "", 0, "正常", "330000199005010011");
	m[2] = member_row(db, a, "乙", "女", "回族", "1960-01-01", "初中", "退休", "正式党员", "1985-07-01", "", 0, "正常", "330000196001010022");
	m[3] = member_row(db, a, "丙", "女", "汉族", "2000-03-01", "研究生", "学生", "预备党员", "2025-06-01", "", 0, "正常", "330000200003010023");
	m[4] = member_row(db, a, "丁", "男", "汉族", "1980-01-01", "高中", "农民", "正式党员", "2000-01-01", "", 0, "正常", "330000198001010031");
	event(db, m[4], "转入", "2025-04-01", "");
	m[5] = member_row(db, a, "戊", "男", "汉族", "1970-01-01", "中专", "职工", "正式党员", "1995-07-01", "", 0, "正常", "330000197001010051");
	event(db, m[5], "失联", "2023-05-01", "");
	event(db, m[5], "恢复", "2025-08-01", "");
	m[6] = member_row(db, a, "己", "男", "汉族", "1975-06-01", "大学专科", "公务员", "正式党员", "1998-07-01", "", 0, "转出", "330000197506010061");
	event(db, m[6], "转出", "2025-09-01", "");
	m[7] = member_row(db, a, "庚", "男", "汉族", "1940-01-01", "小学及以下", "退休", "正式党员", "1960-07-01", "", 0, "去世", "330000194001010071");
	event(db, m[7], "去世", "2025-02-01", "");
	m[8] = member_row(db, a, "辛", "男", "汉族", "1985-01-01", "大学本科", "技术员", "正式党员", "2008-07-01", "", 0, "出党", "330000198501010081");
	event(db, m[8], "出党", "2025-03-01", "开除党籍");
	m[9] = member_row(db, a, "壬", "女", "汉族", "1988-01-01", "高中", "农民", "正式党员", "2012-07-01", "", 0, "出党", "330000198801010092");
	event(db, m[9], "出党", "2025-10-01", "长期不参加组织生活，经教育不改，予以除名");
	m[10] = member_row(db, a, "癸", "男", "汉族", "1992-01-01", "高中", "外出务工", "正式党员", "2015-07-01", "", 0, "失联", "330000199201010101");
	event(db, m[10], "失联", "2025-07-01", "");
	m[11] = member_row(db, a, "子", "男", "汉族", "1995-01-01", "大学本科", "", "预备党员", "2024-05-01", "", 0, "出党", "330000199501010111");
	event(db, m[11], "出党", "2025-06-01", "预备期间表现不合格，取消预备党员资格");
	m[12] = member_row(db, a, "丑", "女", "汉族", "1993-02-01", "大学本科", "", "正式党员", "2024-03-01", "2025-03-01", 0, "正常", "330000199302010122");
	m[13] = member_row(db, a, "寅", "男", "汉族", "1991-01-01", "", "村干部", "预备党员", "2024-09-01", "", 6, "正常", "330000199101010131");
	m[14] = member_row(db, a, "卯", "男", "汉族", "1983-01-01", "小学及以下", "养殖户", "正式党员", "2005-07-01", "", 0, "转出", "330000198301010141");
	event(db, m[14], "转出", "2026-02-01", "");
	m[15] = member_row(db, f->b, "巳", "女", "壮族", "1999-01-01", "大学专科", "销售", "预备党员", "2025-11-01", "", 0, "正常", "330000199901010152");
	m[16] = member_row(db, f->b, "午", "男", "汉族", "2001-01-01", "高中", "", "预备党员", "2026-01-15", "", 0, "正常", "330000200101010161");

	dev_case(db, a, "申一", "男", "2000-01-01", "高中", "农民", "2025-03-01", "", "", "", "", "申请人");
	dev_case(db, a, "积一", "男", "1998-01-01", "高中", "农民", "2024-01-01", "2024-06-01", "", "", "", "积极分子");
	dev_case(db, a, "发一", "男", "1997-01-01", "高中", "农民", "2023-01-01", "2023-06-01", "2025-05-01", "", "", "发展对象");
	dev_case(db, a, "终一", "男", "1997-01-01", "高中", "农民", "2024-01-01", "", "", "", "2025-04-01", "终止");
	dev_case(db, a, "丙", "女", "2000-03-01", "研究生", "学生", "2022-01-01", "2022-06-01", "2024-09-01", "2025-06-01", "", "预备党员");
	dev_case(db, f->b, "发二", "女", "1996-01-01", "大学本科", "教师", "2023-01-01", "2023-06-01", "2025-10-01", "2026-03-01", "", "预备党员");
	dev_case(db, f->b, "申二", "女", "1996-01-01", "大学本科", "教师", "2026-01-10", "", "", "", "", "申请人");
	dev_case(db, a, "旧一", "男", "1990-01-01", "高中", "农民", "2021-01-01", "2021-06-01", "2023-01-01", "2024-05-01", "", "正式党员");

	honour_row(db, "member", m[1], "优秀共产党员", "县处", "2025-07-01", NULL);
	honour_row(db, "member", m[2], "优秀共产党员", "镇级", "2025-07-01", NULL);
	honour_row(db, "org", f->a, "先进基层党组织", "县处", "2025-07-01", NULL);
	honour_row(db, "member", m[12], "优秀共产党员", "县处", "2025-07-01", "2025-09-01");
	honour_row(db, "member", m[4], "优秀共产党员", "县处", "2024-07-01", NULL);
}

static int setup(void **state)
{
	setenv("DJ_TODAY", "2026-11-21", 1);
	struct fx *f = calloc(1, sizeof *f);
	testdb_open(&f->t);
	build(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	testdb_close(&f->t);
	free(f);
	return 0;
}

static void compute(struct fx *f, const char *key, int64_t root, struct stats_table *t,
                    struct stats_when *w)
{
	struct dj_err e;
	assert_int_equal(stats_when_set(w, root, AS_OF, &e), 0);
	if (stats_compute(&f->t.s, key, w, t, &e))
		fail_msg("%s: %s", key, e.msg);
}

static long cell(const struct stats_table *t, const char *row, const char *col)
{
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++)
			if (strcmp(t->row_key[r], row) == 0 && strcmp(t->col_key[c], col) == 0)
				return t->cell[r][c];
	fail_msg("%s: no cell %s × %s", t->key, row, col);
	return -1;
}

/* Every cell of t against expected "row col n" triples; a cell not listed must be 0. */
struct want {
	const char *row, *col;
	long n;
};

static void expect(const struct stats_table *t, const struct want *w, int n)
{
	for (int i = 0; i < n; i++)
		if (cell(t, w[i].row, w[i].col) != w[i].n)
			fail_msg("%s %s × %s: %ld, want %ld", t->key, w[i].row, w[i].col,
			         cell(t, w[i].row, w[i].col), w[i].n);
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			int listed = 0;
			for (int i = 0; i < n; i++)
				listed |= strcmp(t->row_key[r], w[i].row) == 0 &&
				          strcmp(t->col_key[c], w[i].col) == 0;
			if (!listed && t->cell[r][c])
				fail_msg("%s %s × %s: %ld, want 0", t->key, t->row_key[r], t->col_key[c],
				         t->cell[r][c]);
		}
}

/* Every cell's drill-down holds exactly its count. */
static void drill_all(struct fx *f, const struct stats_table *t, const struct stats_when *w)
{
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			struct row_source *rs = stats_cell_source(&f->t.s, t, w, r, c);
			assert_non_null(rs);
			if (rs->count(rs->ctx) != t->cell[r][c])
				fail_msg("%s %s × %s: list %ld, cell %ld", t->key, t->row_key[r],
				         t->col_key[c], rs->count(rs->ctx), t->cell[r][c]);
			row_source_free(rs);
		}
}

/* The names in one cell's list, joined by spaces, in list order. */
static void names(struct fx *f, const struct stats_table *t, const struct stats_when *w,
                  const char *row, const char *col, char *out, size_t cap)
{
	int r = -1, c = -1;
	for (int i = 0; i < t->nrows; i++)
		if (strcmp(t->row_key[i], row) == 0)
			r = i;
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->col_key[i], col) == 0)
			c = i;
	struct row_source *rs = stats_cell_source(&f->t.s, t, w, r, c);
	assert_non_null(rs);
	struct rs_row rows[32];
	int n = rs->fetch(rs->ctx, NULL, 1, 32, rows);
	*out = 0;
	for (int i = 0; i < n; i++)
		snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? " " : "", rows[i].cell[0]);
	row_source_free(rs);
}

static void test_basic(void **state)
{
	struct fx *f = *state;
	struct stats_table t;
	struct stats_when w;
	compute(f, "basic", 0, &t, &w);
	assert_string_equal(t.name, "党员基本情况");
	static const struct want want[] = {
		{ "total", "total", 9 }, { "total", "female", 4 }, { "total", "minority", 2 },
		{ "total", "probation", 3 },
		{ "age1", "total", 2 }, { "age1", "female", 2 }, { "age1", "minority", 1 },
		{ "age1", "probation", 2 },
		{ "age2", "total", 3 }, { "age2", "female", 1 }, { "age2", "probation", 1 },
		{ "age4", "total", 2 }, { "age6", "total", 1 },
		{ "age8", "total", 1 }, { "age8", "female", 1 }, { "age8", "minority", 1 },
		{ "edu1", "total", 1 }, { "edu1", "female", 1 }, { "edu1", "probation", 1 },
		{ "edu2", "total", 2 }, { "edu2", "female", 1 },
		{ "edu3", "total", 1 }, { "edu3", "female", 1 }, { "edu3", "minority", 1 },
		{ "edu3", "probation", 1 },
		{ "edu4", "total", 1 }, { "edu5", "total", 1 },
		{ "edu6", "total", 2 }, { "edu6", "female", 1 }, { "edu6", "minority", 1 },
		{ "edu_none", "total", 1 }, { "edu_none", "probation", 1 },
		{ "era5", "total", 3 }, { "era5", "female", 1 }, { "era5", "minority", 1 },
		{ "era6", "total", 2 },
		{ "era7", "total", 4 }, { "era7", "female", 3 }, { "era7", "minority", 1 },
		{ "era7", "probation", 3 },
		{ "occ1", "total", 2 }, { "occ1", "female", 1 }, { "occ1", "minority", 1 },
		{ "occ1", "probation", 1 },
		{ "occ2", "total", 2 }, { "occ3", "total", 1 },
		{ "occ5", "total", 1 }, { "occ5", "probation", 1 },
		{ "occ6", "total", 1 }, { "occ6", "female", 1 }, { "occ6", "probation", 1 },
		{ "occ7", "total", 1 }, { "occ7", "female", 1 }, { "occ7", "minority", 1 },
		{ "occ_other", "total", 1 }, { "occ_other", "female", 1 },
	};
	expect(&t, want, sizeof want / sizeof *want);
	drill_all(f, &t, &w);
	char who[256];
	names(f, &t, &w, "total", "probation", who, sizeof who);
	assert_string_equal(who, "丙 寅 巳");
	/* one branch: 乙社区党支部 has 巳 only (午 joins after the as-of date) */
	compute(f, "basic", f->b, &t, &w);
	assert_int_equal(cell(&t, "total", "total"), 1);
}

static void test_change(void **state)
{
	struct fx *f = *state;
	struct stats_table t;
	struct stats_when w;
	compute(f, "change", 0, &t, &w);
	static const struct want want[] = {
		{ "start", "total", 11 }, { "added", "total", 4 }, { "added_develop", "total", 2 },
		{ "added_transfer", "total", 1 }, { "added_restore", "total", 1 },
		{ "removed", "total", 6 }, { "removed_transfer", "total", 1 },
		{ "removed_death", "total", 1 }, { "removed_exit", "total", 3 },
		{ "removed_exit_1", "total", 1 }, { "removed_exit_2", "total", 1 },
		{ "removed_exit_5", "total", 1 }, { "removed_lost", "total", 1 },
		{ "end", "total", 9 },
	};
	expect(&t, want, sizeof want / sizeof *want);
	assert_true(stats_change_balances(&t));
	drill_all(f, &t, &w);
	char who[256];
	names(f, &t, &w, "added", "total", who, sizeof who);
	assert_string_equal(who, "丙 丁 戊 巳");
	names(f, &t, &w, "removed_exit", "total", who, sizeof who);
	assert_string_equal(who, "辛 壬 子");
	/* 卯's 转出 of 2026 is after the as-of date: on the roll at its end */
	names(f, &t, &w, "end", "total", who, sizeof who);
	assert_string_equal(who, "甲 乙 丙 丁 戊 丑 寅 卯 巳");

	struct stats_recon r;
	char why[512];
	struct dj_err e;
	assert_int_equal(stats_reconcile(&f->t.s, &w, &r, why, sizeof why, &e), 0);
	assert_true(r.ok);
	assert_int_equal(r.start, 11);
	assert_int_equal(r.added, 4);
	assert_int_equal(r.removed, 6);
	assert_int_equal(r.end, 9);
	assert_string_equal(why, "");

	/* the balance check reads only the four rows */
	t.cell[0][0]++;   /* start */
	assert_false(stats_change_balances(&t));
}

static void test_planted(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = f->t.s.db;
	/* moved out in May, never back, yet 正常 at year end */
	int64_t id = member_row(db, f->a, "辰", "男", "汉族", "1986-01-01", "高中", "农民",
	                        "正式党员", "2006-07-01", "", 0, "正常", "330000198601011234");
	event(db, id, "转出", "2025-05-01", "");
	struct stats_when w;
	struct stats_table t;
	compute(f, "change", 0, &t, &w);
	assert_int_equal(cell(&t, "start", "total"), 12);
	assert_int_equal(cell(&t, "removed", "total"), 7);
	assert_int_equal(cell(&t, "end", "total"), 10);
	assert_false(stats_change_balances(&t));
	struct stats_recon r;
	char why[512];
	struct dj_err e;
	assert_int_equal(stats_reconcile(&f->t.s, &w, &r, why, sizeof why, &e), 0);
	assert_false(r.ok);
	assert_string_equal(why, "辰（1234）：上年末在册 1，增加 0，减少 1，本年末在册 1，按当前状态“正常”\n");
}

static void test_develop(void **state)
{
	struct fx *f = *state;
	struct stats_table t;
	struct stats_when w;
	compute(f, "develop", 0, &t, &w);
	assert_int_equal(t.unit, STATS_CASES);
	static const struct want want[] = {
		{ "applicants", "total", 1 }, { "activists", "total", 1 },
		{ "candidates", "total", 2 }, { "developed", "total", 1 },
		{ "dev_female", "total", 1 }, { "dev_age1", "total", 1 },
		{ "dev_edu1", "total", 1 }, { "dev_occ6", "total", 1 },
	};
	expect(&t, want, sizeof want / sizeof *want);
	drill_all(f, &t, &w);
	char who[256];
	names(f, &t, &w, "candidates", "total", who, sizeof who);
	assert_string_equal(who, "发一 发二");
}

static void test_confirm_exit(void **state)
{
	struct fx *f = *state;
	struct stats_table t;
	struct stats_when w;
	compute(f, "confirm", 0, &t, &w);
	static const struct want cw[] = {
		{ "total", "total", 3 }, { "on_time", "total", 1 }, { "extended", "total", 1 },
		{ "cancelled", "total", 1 },
	};
	expect(&t, cw, sizeof cw / sizeof *cw);
	drill_all(f, &t, &w);
	char who[64];
	names(f, &t, &w, "extended", "total", who, sizeof who);
	assert_string_equal(who, "寅");
	compute(f, "出党情况", 0, &t, &w);
	assert_string_equal(t.key, "exit");
	static const struct want ew[] = {
		{ "total", "total", 3 }, { "r1", "total", 1 }, { "r2", "total", 1 },
		{ "r5", "total", 1 },
	};
	expect(&t, ew, sizeof ew / sizeof *ew);
	assert_string_equal(t.row_label[2], "除名");
	drill_all(f, &t, &w);
}

static void test_orgs(void **state)
{
	struct fx *f = *state;
	struct stats_table t;
	struct stats_when w;
	compute(f, "orgs", 0, &t, &w);
	static const struct want want[] = {
		{ "total", "total", 4 }, { "total", "committee", 1 }, { "total", "branch", 2 },
		{ "total", "group", 1 },
		{ "cat1", "total", 3 }, { "cat1", "committee", 1 }, { "cat1", "branch", 1 },
		{ "cat1", "group", 1 }, { "cat2", "total", 1 }, { "cat2", "branch", 1 },
		{ "new", "total", 1 }, { "new", "branch", 1 },
		{ "dissolved", "total", 1 }, { "dissolved", "branch", 1 },
		{ "term_expired", "total", 1 }, { "term_expired", "branch", 1 },
	};
	expect(&t, want, sizeof want / sizeof *want);
	drill_all(f, &t, &w);
	char who[128];
	names(f, &t, &w, "term_expired", "total", who, sizeof who);
	assert_string_equal(who, "甲村党支部");
}

static void test_honours(void **state)
{
	struct fx *f = *state;
	struct stats_table t;
	struct stats_when w;
	compute(f, "honours", 0, &t, &w);
	static const struct want want[] = {
		{ "t1", "l4", 1 }, { "t1", "l7", 1 }, { "t1", "total", 2 }, { "t1", "persons", 2 },
		{ "t3", "l4", 1 }, { "t3", "total", 1 }, { "t3", "orgs", 1 },
		{ "total", "l4", 2 }, { "total", "l7", 1 }, { "total", "total", 3 },
		{ "total", "persons", 2 }, { "total", "orgs", 1 },
	};
	expect(&t, want, sizeof want / sizeof *want);
	assert_string_equal(t.row_label[0], "优秀共产党员");
	assert_string_equal(t.col_label[3], "县处");
	drill_all(f, &t, &w);
}

static void test_when_and_keys(void **state)
{
	struct fx *f = *state;
	struct stats_when w;
	struct stats_table t;
	struct dj_err e;
	assert_int_equal(stats_when_set(&w, 0, "", &e), 0);
	assert_string_equal(w.as_of, "2026-12-31");
	assert_int_equal(w.year, 2026);
	assert_int_equal(stats_when_set(&w, 0, "2025年6月30日", &e), 0);
	assert_string_equal(w.as_of, "2025-06-30");
	assert_int_not_equal(stats_when_set(&w, 0, "2025-02-30", &e), 0);
	assert_non_null(strstr(e.msg, "「统计截止日期」"));
	assert_int_equal(stats_compute(&f->t.s, "nosuch", &w, &t, &e), -1);
	assert_int_equal(e.code, DJ_INVALID);
	assert_null(stats_def_find("pack"));
	assert_string_equal(stats_def_find("党员增减")->key, "change");
}

static void test_export(void **state)
{
	struct fx *f = *state;
	struct stats_table t;
	struct stats_when w;
	compute(f, "change", 0, &t, &w);
	struct stats_sign sign = { "中共测试镇委员会", "张三", "", "2026-11-21" };
	char path[160];
	snprintf(path, sizeof path, "%s/增减.csv", f->t.dir);
	assert_int_equal(stats_export(&t, "中共测试镇委员会", &w, &sign, path, NULL), 0);
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, in);
	buf[n] = 0;
	fclose(in);
	assert_non_null(strstr(buf, "党员增减"));
	assert_non_null(strstr(buf, "\"上年末党员数\",\"11\""));
	assert_non_null(strstr(buf, "\"本年末党员数\",\"9\"\r\n\"\"\r\n\"填报单位"));
	assert_non_null(strstr(buf, "填报单位：中共测试镇委员会"));
	assert_non_null(strstr(buf, "填报人：张三"));
	assert_non_null(strstr(buf, "日期：2026-11-21"));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_basic), T(test_change), T(test_planted), T(test_develop),
		T(test_confirm_exit), T(test_orgs), T(test_honours), T(test_when_and_keys),
		T(test_export),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
