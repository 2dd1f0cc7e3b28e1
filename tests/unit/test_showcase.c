/* test_showcase.c — 示范岗, 示范寝室 and 示范点: the refusals with their
 * messages (the 2-member minimum, an item over its maximum, a second 考核
 * of a year, a grade not configured, scope), the computed totals, the
 * evidence lines a nomination shows, the ledgers' find and sort, and the
 * exports read back. */
#include "fixture.h"

#include "core/config.h"
#include "core/csv.h"
#include "core/db.h"
#include "showcase/showcase.h"

static int64_t count(struct session *s, const char *sql)
{
	return db_int(s->db, sql, 0, -1);
}

static int64_t add_member(struct fixture *f, const char *name, const char *org)
{
	static int seq;
	char birth[11];
	snprintf(birth, sizeof birth, "1990-04-%02d", 1 + seq++ % 28);
	int64_t id = fx_add(f->s, fx_member(name, "女", birth, org));
	assert_true(id > 0);
	return id;
}

static void refused_with(int rc, const struct dj_err *e, const char *field, const char *msg)
{
	assert_int_not_equal(rc, 0);
	if (!strstr(e->msg, msg))
		fail_msg("expected 「%s」 in: %s", msg, e->msg);
	if (field)
		assert_string_equal(e->field, field);
}

static struct showcase_post post_draft(int64_t member, const char *name)
{
	struct showcase_post p = { 0 };
	p.member_id = member;
	snprintf(p.name, sizeof p.name, "%s", name);
	snprintf(p.goal, sizeof p.goal, "群众满意率 98%% 以上");
	snprintf(p.pledge, sizeof p.pledge, "微笑服务，一次办好");
	snprintf(p.opened_on, sizeof p.opened_on, "2026-03-01");
	return p;
}

static int64_t post_saved(struct fixture *f, struct showcase_post p)
{
	struct dj_err e;
	if (showcase_post_save(f->s, &p, &e))
		fail_msg("%s", e.msg);
	return p.id;
}

static struct showcase_grade grade_draft(int64_t post, int year, const char *grade)
{
	struct showcase_grade g = { .post_id = post, .year = year };
	snprintf(g.grade, sizeof g.grade, "%s", grade);
	snprintf(g.on_date, sizeof g.on_date, "%d-11-20", year);
	snprintf(g.assessor, sizeof g.assessor, "王书记");
	return g;
}

static void a_post_needs_its_pledge_and_keeps_what_was_typed(void **state)
{
	struct fixture *f = *state;
	int64_t m = add_member(f, "张敏", "东村党支部");
	struct dj_err e;
	struct showcase_post p = post_draft(m, "窗口服务岗");
	p.pledge[0] = 0;
	refused_with(showcase_post_save(f->s, &p, &e), &e, "pledge", "「岗位承诺」不能为空");
	assert_string_equal(p.name, "窗口服务岗");   /* kept as typed */
	p = post_draft(m, "");
	refused_with(showcase_post_save(f->s, &p, &e), &e, "name", "「岗位名称」不能为空");
	p = post_draft(m, "窗口服务岗");
	snprintf(p.opened_on, sizeof p.opened_on, "2027-01-01");
	refused_with(showcase_post_save(f->s, &p, &e), &e, "opened_on", "在今天之后");
	p = post_draft(m, "窗口服务岗");
	snprintf(p.closed_on, sizeof p.closed_on, "2026-10-01");
	refused_with(showcase_post_save(f->s, &p, &e), &e, "close_reason", "「摘牌原因」不能为空");
	p = post_draft(0, "窗口服务岗");
	refused_with(showcase_post_save(f->s, &p, &e), &e, "member", "「党员」不能为空");
	int64_t id = post_saved(f, post_draft(m, "窗口服务岗"));
	struct showcase_post back;
	assert_int_equal(showcase_post_load(f->s, id, &back, &e), 0);
	assert_string_equal(back.member, "张敏");
	assert_string_equal(back.org, "东村党支部");
	assert_string_equal(back.pledge, "微笑服务，一次办好");
	/* version-checked: an old copy does not overwrite */
	struct showcase_post old = back;
	snprintf(back.goal, sizeof back.goal, "全年零投诉");
	assert_int_equal(showcase_post_save(f->s, &back, &e), 0);
	snprintf(old.goal, sizeof old.goal, "别的目标");
	assert_int_equal(showcase_post_save(f->s, &old, &e), DJ_CONFLICT);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'showcase_post'"), 2);
}

static void notes_and_one_yearly_grade(void **state)
{
	struct fixture *f = *state;
	int64_t m = add_member(f, "张敏", "东村党支部");
	int64_t post = post_saved(f, post_draft(m, "窗口服务岗"));
	struct dj_err e;
	struct showcase_note n = { .post_id = post, .kind = "检查" };
	snprintf(n.on_date, sizeof n.on_date, "2026-02-01");
	snprintf(n.by_whom, sizeof n.by_whom, "李委员");
	snprintf(n.body, sizeof n.body, "承诺上墙");
	refused_with(showcase_note_add(f->s, &n, &e), &e, "on_date", "早于挂牌日期 2026-03-01");
	snprintf(n.on_date, sizeof n.on_date, "2026-06-01");
	assert_int_equal(showcase_note_add(f->s, &n, &e), 0);
	snprintf(n.kind, sizeof n.kind, "跟踪");
	snprintf(n.on_date, sizeof n.on_date, "2026-09-01");
	assert_int_equal(showcase_note_add(f->s, &n, &e), 0);
	struct showcase_note got[4];
	assert_int_equal(showcase_notes(f->s, post, got, 4), 2);
	assert_string_equal(got[0].kind, "跟踪");   /* newest first */

	struct showcase_grade g = grade_draft(post, 2026, "良好");
	refused_with(showcase_grade_add(f->s, &g, &e), &e, "grade",
	             "「考核等次」「良好」不在 dangjian.ini [showcase] post_grades 配置的列表中");
	g = grade_draft(post, 2026, "优秀");
	assert_int_equal(showcase_grade_add(f->s, &g, &e), 0);
	g = grade_draft(post, 2026, "合格");
	refused_with(showcase_grade_add(f->s, &g, &e), &e, "year",
	             "「年度」2026 年已于 2026-11-20 考核为「优秀」，每年只考核一次");
	g = grade_draft(post, 2025, "合格");
	snprintf(g.on_date, sizeof g.on_date, "2026-04-01");
	refused_with(showcase_grade_add(f->s, &g, &e), &e, "year", "「年度」2025 年在挂牌（2026-03-01）之前");
	g = grade_draft(post, 2027, "合格");
	refused_with(showcase_grade_add(f->s, &g, &e), &e, "year", "「年度」须为 1921 至 2026");
	assert_int_equal(count(f->s, "SELECT count(*) FROM showcase_post_grade"), 1);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log WHERE tbl IN"
	                 " ('showcase_post_note', 'showcase_post_grade')"), 3);
}

static struct showcase_dorm dorm_draft(int64_t org, const char *b, const char *r)
{
	struct showcase_dorm d = { .org_id = org };
	snprintf(d.building, sizeof d.building, "%s", b);
	snprintf(d.room, sizeof d.room, "%s", r);
	snprintf(d.opened_on, sizeof d.opened_on, "2026-03-10");
	return d;
}

static void resident(struct showcase_dorm *d, int64_t member, const char *name)
{
	d->res[d->nres].member_id = member;
	snprintf(d->res[d->nres++].name, 64, "%s", name);
}

static void a_dorm_needs_two_members_in_good_standing(void **state)
{
	struct fixture *f = *state;
	int64_t a = add_member(f, "甲同学", "东村党支部"), b = add_member(f, "乙同学", "东村党支部");
	struct dj_err e;
	struct showcase_dorm d = dorm_draft(f->a, "3号楼", "402");
	resident(&d, a, "");
	resident(&d, 0, "丙同学");
	refused_with(showcase_dorm_save(f->s, &d, &e), &e, "residents",
	             "「寝室成员」中状态正常的党员只有 1 名，示范寝室至少要有 2 名");
	assert_int_equal(d.nres, 2);   /* what was typed stays */
	resident(&d, a, "");
	refused_with(showcase_dorm_save(f->s, &d, &e), &e, "residents", "列了两次");
	d.nres = 2;
	assert_int_equal(sqlite3_exec(f->s->db, "UPDATE member SET status = '流出' WHERE name = '乙同学'",
	                              0, 0, 0), SQLITE_OK);
	resident(&d, b, "");
	refused_with(showcase_dorm_save(f->s, &d, &e), &e, "residents", "只有 1 名");
	assert_int_equal(sqlite3_exec(f->s->db, "UPDATE member SET status = '正常'", 0, 0, 0),
	                 SQLITE_OK);
	assert_int_equal(showcase_dorm_save(f->s, &d, &e), 0);
	assert_int_equal(d.nres, 3);
	assert_string_equal(d.res[0].name, "甲同学");
	struct showcase_dorm twice = dorm_draft(f->a, "3号楼", "402");
	twice.nres = 3;
	memcpy(twice.res, d.res, sizeof d.res);
	refused_with(showcase_dorm_save(f->s, &twice, &e), &e, "room", "3号楼 402 已登记为示范寝室");
}

static int64_t dorm_of_two(struct fixture *f, int64_t a, int64_t b)
{
	struct dj_err e;
	struct showcase_dorm d = dorm_draft(f->a, "3号楼", "402");
	resident(&d, a, "");
	resident(&d, b, "");
	if (showcase_dorm_save(f->s, &d, &e))
		fail_msg("%s", e.msg);
	return d.id;
}

static int check_of(struct fixture *f, int64_t dorm, const char *on, const char *const scores[],
                    struct dj_err *e, struct showcase_check *c)
{
	showcase_check_prepare(f->s, dorm, c);
	snprintf(c->on_date, sizeof c->on_date, "%s", on);
	snprintf(c->checker, sizeof c->checker, "学工办");
	for (int i = 0; i < c->nitems; i++)
		snprintf(c->typed[i], sizeof c->typed[i], "%s", scores[i]);
	return showcase_check_add(f->s, c, e);
}

static void a_check_scores_each_item_within_its_maximum(void **state)
{
	struct fixture *f = *state;
	int64_t a = add_member(f, "甲同学", "东村党支部"), b = add_member(f, "乙同学", "东村党支部");
	int64_t dorm = dorm_of_two(f, a, b);
	struct dj_err e;
	struct showcase_check c;
	static const char *const over[] = { "28", "31", "20", "20" };
	refused_with(check_of(f, dorm, "2026-05-01", over, &e, &c), &e, "score1",
	             "「纪律」31 超过满分 30 分");
	static const char *const two_dec[] = { "28.25", "30", "20", "20" };
	refused_with(check_of(f, dorm, "2026-05-01", two_dec, &e, &c), &e, "score0",
	             "「卫生」分数最多一位小数");
	static const char *const empty[] = { "28", "", "20", "20" };
	refused_with(check_of(f, dorm, "2026-05-01", empty, &e, &c), &e, "score1",
	             "「纪律」得分不能为空");
	static const char *const first[] = { "28.5", "30", "18", "19" };
	assert_int_equal(check_of(f, dorm, "2026-05-01", first, &e, &c), 0);
	assert_int_equal(c.total, 955);
	static const char *const second[] = { "27", "28", "17.5", "17" };
	assert_int_equal(check_of(f, dorm, "2026-10-01", second, &e, &c), 0);
	assert_int_equal(c.total, 895);
	struct showcase_check got[4];
	assert_int_equal(showcase_checks(f->s, dorm, got, 4), 2);
	assert_int_equal(got[1].total, 955);
	assert_int_equal(got[1].nitems, 4);
	assert_string_equal(got[1].item[0].name, "卫生");
	assert_string_equal(got[1].typed[0], "28.5");
	assert_int_equal(got[1].item[0].max, 300);
}

static void evidence_for_a_nomination(void **state)
{
	struct fixture *f = *state;
	int64_t a = add_member(f, "甲同学", "东村党支部"), b = add_member(f, "乙同学", "东村党支部");
	int64_t post = post_saved(f, post_draft(a, "窗口服务岗"));
	char lines[4][96];
	assert_int_equal(showcase_member_evidence(f->s, a, 2026, lines, 4), 1);
	assert_string_equal(lines[0], "党员示范岗「窗口服务岗」2026 年尚未考核");
	struct showcase_grade g = grade_draft(post, 2026, "优秀");
	assert_int_equal(showcase_grade_add(f->s, &g, NULL), 0);
	int64_t dorm = dorm_of_two(f, a, b);
	struct dj_err e;
	struct showcase_check c;
	static const char *const s1[] = { "28.5", "30", "18", "19" }, *const s2[] = { "27", "28", "17.5", "17" };
	assert_int_equal(check_of(f, dorm, "2026-05-01", s1, &e, &c), 0);
	assert_int_equal(check_of(f, dorm, "2026-10-01", s2, &e, &c), 0);
	assert_int_equal(showcase_member_evidence(f->s, a, 2026, lines, 4), 2);
	assert_string_equal(lines[0], "党员示范岗「窗口服务岗」2026 年考核：优秀");
	assert_string_equal(lines[1], "示范寝室 3号楼 402 2026 年检查 2 次，平均 92.5 分");
	assert_int_equal(showcase_member_evidence(f->s, b, 2026, lines, 4), 1);
	assert_int_equal(showcase_member_evidence(f->s, a, 2026, lines, 1), 2);   /* counted */
	assert_int_equal(showcase_member_evidence(f->s, a, 2025, lines, 4), 1);   /* no post yet */
	assert_string_equal(lines[0], "示范寝室 3号楼 402 2025 年尚未检查");

	struct showcase_point p = { .org_id = f->a };
	snprintf(p.level, sizeof p.level, "党支部示范点");
	snprintf(p.opened_on, sizeof p.opened_on, "2026-01-10");
	assert_int_equal(showcase_point_save(f->s, &p, &e), 0);
	assert_int_equal(showcase_org_evidence(f->s, f->a, 2026, lines, 4), 1);
	assert_string_equal(lines[0], "党支部示范点 2026 年尚未检查");
	struct showcase_point_check pc = { .point_id = p.id, .year = 2026 };
	snprintf(pc.on_date, sizeof pc.on_date, "2026-11-01");
	snprintf(pc.result, sizeof pc.result, "优秀");
	assert_int_equal(showcase_point_check_add(f->s, &pc, &e), 0);
	assert_int_equal(showcase_org_evidence(f->s, f->a, 2026, lines, 4), 1);
	assert_string_equal(lines[0], "党支部示范点 2026 年检查：优秀");
	refused_with(showcase_point_check_add(f->s, &pc, &e), &e, "year", "每年只检查一次");
	struct showcase_point_check early = { .point_id = p.id, .year = 2025 };
	snprintf(early.on_date, sizeof early.on_date, "2026-01-20");
	snprintf(early.result, sizeof early.result, "合格");
	refused_with(showcase_point_check_add(f->s, &early, &e), &e, "year", "在确定为示范点（2026-01-10）之前");
	early.year = 2026;
	snprintf(early.on_date, sizeof early.on_date, "2025-12-20");
	refused_with(showcase_point_check_add(f->s, &early, &e), &e, "on_date", "在 2026 年之前");
	assert_int_equal(showcase_org_evidence(f->s, f->b, 2026, lines, 4), 0);
}

static void points_one_per_organization_of_a_configured_level(void **state)
{
	struct fixture *f = *state;
	struct dj_err e;
	struct showcase_point p = { .org_id = f->a };
	snprintf(p.level, sizeof p.level, "省级示范点");
	snprintf(p.opened_on, sizeof p.opened_on, "2026-01-10");
	refused_with(showcase_point_save(f->s, &p, &e), &e, "level",
	             "「示范点级别」「省级示范点」不在 dangjian.ini [showcase] point_levels");
	snprintf(p.level, sizeof p.level, "党支部示范点");
	assert_int_equal(showcase_point_save(f->s, &p, &e), 0);
	struct showcase_point again = { .org_id = f->a };
	snprintf(again.level, sizeof again.level, "党支部示范点");
	snprintf(again.opened_on, sizeof again.opened_on, "2026-02-10");
	refused_with(showcase_point_save(f->s, &again, &e), &e, "org", "东村党支部 已是党建示范点");
	snprintf(p.note, sizeof p.note, "规范化建设");
	assert_int_equal(showcase_point_save(f->s, &p, &e), 0);   /* itself is no duplicate */
}

static void an_operator_writes_only_in_scope(void **state)
{
	struct fixture *f = *state;
	int64_t west = add_member(f, "西一", "西村党支部"), w2 = add_member(f, "西二", "西村党支部");
	int64_t post = post_saved(f, post_draft(west, "护林岗"));
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->a;
	struct dj_err e;
	struct showcase_post p = post_draft(west, "巡河岗");
	assert_int_equal(showcase_post_save(f->s, &p, &e), DJ_DENIED);
	struct showcase_grade g = grade_draft(post, 2026, "优秀");
	assert_int_equal(showcase_grade_add(f->s, &g, &e), DJ_DENIED);
	struct showcase_dorm d = dorm_draft(f->b, "1号楼", "101");
	resident(&d, west, "");
	resident(&d, w2, "");
	assert_int_equal(showcase_dorm_save(f->s, &d, &e), DJ_DENIED);
	struct showcase_point pt = { .org_id = f->b };
	snprintf(pt.level, sizeof pt.level, "党支部示范点");
	snprintf(pt.opened_on, sizeof pt.opened_on, "2026-01-10");
	assert_int_equal(showcase_point_save(f->s, &pt, &e), DJ_DENIED);
	assert_int_equal(count(f->s, "SELECT count(*) FROM showcase_post"), 1);
	assert_int_equal(count(f->s, "SELECT count(*) FROM showcase_dorm"), 0);
}

static int fetch_all(struct row_source *rs, struct rs_row *rows, int cap)
{
	return rs->fetch(rs->ctx, NULL, 1, cap, rows);
}

static void the_ledgers_find_and_sort(void **state)
{
	struct fixture *f = *state;
	int64_t zm = add_member(f, "张敏", "东村党支部"), lh = add_member(f, "李华", "西村党支部");
	int64_t p1 = post_saved(f, post_draft(zm, "窗口服务岗"));
	struct showcase_post p = post_draft(lh, "护林岗");
	snprintf(p.opened_on, sizeof p.opened_on, "2026-05-01");
	post_saved(f, p);
	struct showcase_grade g = grade_draft(p1, 2026, "优秀");
	assert_int_equal(showcase_grade_add(f->s, &g, NULL), 0);
	struct rs_row rows[8];
	struct row_source *rs = showcase_post_source(f->s, 2026);
	assert_non_null(rs);
	assert_int_equal(fetch_all(rs, rows, 8), 2);
	assert_string_equal(rows[0].cell[0], "李华");   /* the newest 挂牌 first */
	assert_string_equal(rows[0].cell[4], "未考核");
	assert_string_equal(rows[1].cell[4], "优秀");
	assert_string_equal(rows[1].cell[5], "在岗");
	for (int c = 0; c < rs->ncols; c++)
		assert_int_equal(rs->set_sort(rs->ctx, c, 0), 0);
	assert_int_equal(rs->set_sort(rs->ctx, 0, 0), 0);
	assert_int_equal(fetch_all(rs, rows, 8), 2);
	assert_string_equal(rows[0].cell[0], "李华");
	assert_int_equal(rs->set_filter(rs->ctx, "窗口"), 0);
	assert_int_equal(fetch_all(rs, rows, 8), 1);
	assert_string_equal(rows[0].cell[0], "张敏");
	assert_int_equal(rs->set_filter(rs->ctx, "lh"), 0);
	assert_int_equal(fetch_all(rs, rows, 8), 1);
	assert_string_equal(rows[0].cell[0], "李华");
	row_source_free(rs);

	int64_t a = add_member(f, "甲同学", "东村党支部"), b = add_member(f, "乙同学", "东村党支部");
	int64_t dorm = dorm_of_two(f, a, b);
	struct dj_err e;
	struct showcase_check c;
	static const char *const s1[] = { "28.5", "30", "18", "19" };
	assert_int_equal(check_of(f, dorm, "2026-05-01", s1, &e, &c), 0);
	rs = showcase_dorm_source(f->s);
	assert_int_equal(fetch_all(rs, rows, 8), 1);
	assert_string_equal(rows[0].cell[0], "3号楼");
	assert_string_equal(rows[0].cell[3], "2");
	assert_string_equal(rows[0].cell[4], "2026-05-01");
	assert_string_equal(rows[0].cell[5], "95.5");
	for (int k = 0; k < rs->ncols; k++)
		assert_int_equal(rs->set_sort(rs->ctx, k, 1), 0);
	assert_int_equal(rs->set_filter(rs->ctx, "3号楼 402"), 0);
	assert_int_equal(fetch_all(rs, rows, 8), 1);
	assert_int_equal(rs->set_filter(rs->ctx, "5号楼"), 0);
	assert_int_equal(fetch_all(rs, rows, 8), 0);
	row_source_free(rs);
	/* an operator of 东村 sees its own */
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->a;
	rs = showcase_post_source(f->s, 2026);
	assert_int_equal(fetch_all(rs, rows, 8), 1);
	row_source_free(rs);
}

static void read_back(struct fixture *f, const char *name,
                      int (*fn)(struct session *, const char *, FILE *, int *),
                      const char *const want[], int nwant)
{
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/%s", f->t.dir, name);
	int n = 0;
	assert_int_equal(fn(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 1);
	struct csv_reader *r = csv_open(path, why, sizeof why);
	if (!r)
		fail_msg("%s", why);
	char **cells;
	int line;
	assert_true(csv_next(r, &cells, &line) >= nwant);
	assert_true(csv_next(r, &cells, &line) >= nwant);
	for (int i = 0; i < nwant; i++)
		if (want[i])
			assert_string_equal(cells[i], want[i]);
	assert_int_equal(csv_next(r, &cells, &line), 0);
	csv_close(r);
}

static void the_exports_read_back(void **state)
{
	struct fixture *f = *state;
	int64_t a = add_member(f, "甲同学", "东村党支部"), b = add_member(f, "乙同学", "东村党支部");
	int64_t post = post_saved(f, post_draft(a, "窗口服务岗"));
	struct showcase_grade g = grade_draft(post, 2026, "优秀");
	assert_int_equal(showcase_grade_add(f->s, &g, NULL), 0);
	static const char *const posts[] = { "甲同学", "东村党支部", "窗口服务岗", "群众满意率 98% 以上",
	                                     "微笑服务，一次办好", "2026-03-01", "", "", "2026 优秀",
	                                     "0", "0" };
	read_back(f, "posts.csv", showcase_post_export, posts, 11);
	read_back(f, "posts.xlsx", showcase_post_export, posts, 11);
	int64_t dorm = dorm_of_two(f, a, b);
	struct dj_err e;
	struct showcase_check c;
	static const char *const s1[] = { "28.5", "30", "18", "19" };
	assert_int_equal(check_of(f, dorm, "2026-05-01", s1, &e, &c), 0);
	static const char *const dorms[] = { "3号楼", "402", "东村党支部", "2026-03-10",
	                                     "甲同学、乙同学", "2", "1", "2026-05-01", "95.5",
	                                     "卫生:28.5/30;纪律:30/30;学风:18/20;文化:19/20" };
	read_back(f, "dorms.csv", showcase_dorm_export, dorms, 10);
	read_back(f, "dorms.xlsx", showcase_dorm_export, dorms, 10);
	struct showcase_point p = { .org_id = f->a };
	snprintf(p.level, sizeof p.level, "党支部示范点");
	snprintf(p.opened_on, sizeof p.opened_on, "2026-01-10");
	assert_int_equal(showcase_point_save(f->s, &p, &e), 0);
	static const char *const points[] = { "东村党支部", "党支部示范点", "2026-01-10", "", "" };
	read_back(f, "points.csv", showcase_point_export, points, 5);
}

static void the_office_configures_items_and_minimum(void **state)
{
	struct fixture *f = *state;
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/s.ini", f->t.dir);
	fx_write_file(path, "[showcase]\ndorm_items = 内务:50，安全:50\ndorm_min_members = 1\n"
	              "post_grades = 好,较好,一般\n");
	config_free(&f->t.cfg);
	assert_int_equal(config_load(&f->t.cfg, path, why, sizeof why), 0);
	struct showcase_item items[SHOWCASE_MAX_ITEMS];
	assert_int_equal(showcase_dorm_items(f->s, items, SHOWCASE_MAX_ITEMS), 2);
	assert_string_equal(items[1].name, "安全");
	assert_int_equal(items[1].max, 500);
	assert_int_equal(showcase_dorm_min_members(f->s), 1);
	int64_t a = add_member(f, "甲同学", "东村党支部");
	struct dj_err e;
	struct showcase_dorm d = dorm_draft(f->a, "2号楼", "201");
	resident(&d, a, "");
	assert_int_equal(showcase_dorm_save(f->s, &d, &e), 0);
	int64_t post = post_saved(f, post_draft(a, "窗口服务岗"));
	struct showcase_grade g = grade_draft(post, 2026, "优秀");
	refused_with(showcase_grade_add(f->s, &g, &e), &e, "grade", "post_grades 配置的列表中");
	g = grade_draft(post, 2026, "较好");
	assert_int_equal(showcase_grade_add(f->s, &g, &e), 0);
}

static void tenths_parse_and_format(void **state)
{
	(void)state;
	int v;
	char why[WHY_MAX], out[16];
	assert_int_equal(showcase_parse_tenths("９２.５", 1000, &v, why), 0);
	assert_int_equal(v, 925);
	assert_int_equal(showcase_parse_tenths("abc", 1000, &v, why), -1);
	assert_non_null(strstr(why, "不是分数"));
	showcase_format_tenths(925, out, sizeof out);
	assert_string_equal(out, "92.5");
	showcase_format_tenths(900, out, sizeof out);
	assert_string_equal(out, "90");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tenths_parse_and_format),
		FX_TEST(a_post_needs_its_pledge_and_keeps_what_was_typed),
		FX_TEST(notes_and_one_yearly_grade),
		FX_TEST(a_dorm_needs_two_members_in_good_standing),
		FX_TEST(a_check_scores_each_item_within_its_maximum),
		FX_TEST(evidence_for_a_nomination),
		FX_TEST(points_one_per_organization_of_a_configured_level),
		FX_TEST(an_operator_writes_only_in_scope),
		FX_TEST(the_ledgers_find_and_sort),
		FX_TEST(the_exports_read_back),
		FX_TEST(the_office_configures_items_and_minimum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
