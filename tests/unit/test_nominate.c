/* test_nominate.c — 两优一先 nominations: the quota refusal with its
 * message, every eligibility rule with its message, warn mode's recorded
 * override, objections, and the path 推荐 → 审核 → 公示 → 审批 → an honour
 * in the register with the 文号; the evidence lines; the export. */
#include "fixture.h"

#include "core/csv.h"
#include "core/db.h"
#include "honour/honour.h"
#include "honour/nominate.h"

static int64_t count(struct session *s, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void exec(struct session *s, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(s->db, sql, 0, 0, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* Dues paid from 2026-01 through `upto`; a meeting of the branch in
 * `met` (YYYY-MM-DD) with the member in `state` ("" for none). */
static void records(struct session *s, int64_t m, int64_t org, const char *upto)
{
	for (int month = 1; month <= 12; month++) {
		char ym[8], *sql;
		snprintf(ym, sizeof ym, "2026-%02d", month);
		if (strcmp(ym, upto) > 0)
			break;
		sql = sqlite3_mprintf("INSERT INTO dues(member_id, org_id, month, due, paid)"
		                      " VALUES (%lld, %lld, '%s', 1000, 1000)", (long long)m,
		                      (long long)org, ym);
		exec(s, sql);
		sqlite3_free(sql);
	}
}

static void meeting(struct session *s, int64_t org, const char *date, int64_t m,
                    const char *state)
{
	char *sql = sqlite3_mprintf("INSERT INTO meeting(org_id, type, date, topic) VALUES"
	                            " (%lld, '支部党员大会', '%s', '学习'); INSERT INTO attendance"
	                            "(meeting_id, member_id, state) VALUES (last_insert_rowid(),"
	                            " %lld, '%s')", (long long)org, date, (long long)m, state);
	exec(s, sql);
	sqlite3_free(sql);
}

/* A member who meets every rule: 正常, 正式党员, dues to 2026-10, at the
 * October meeting. */
static int64_t good_member(struct fixture *f, const char *name, int64_t org,
                           const char *org_name)
{
	static int seq;
	char birth[11];
	snprintf(birth, sizeof birth, "1981-04-%02d", 1 + seq++ % 28);
	int64_t id = fx_add(f->s, fx_member(name, "男", birth, org_name));
	assert_true(id > 0);
	records(f->s, id, org, "2026-10");
	meeting(f->s, org, "2026-10-15", id, "出席");
	return id;
}

static struct nom_cycle cycle_of(struct fixture *f, int quota)
{
	struct nom_cycle c = { 0 };
	struct dj_err e;
	c.year = 2026;
	snprintf(c.name, sizeof c.name, "2026年七一表彰");
	c.org_id = f->top;
	snprintf(c.titles, sizeof c.titles, "优秀共产党员、优秀党务工作者、先进基层党组织");
	snprintf(c.level, sizeof c.level, "镇级");
	c.quota = quota;
	if (nom_cycle_save(f->s, &c, &e))
		fail_msg("%s", e.msg);
	return c;
}

static struct nomination draft(int64_t cycle, const char *kind, int64_t id, const char *title)
{
	struct nomination n = { 0 };
	n.cycle_id = cycle;
	snprintf(n.kind, sizeof n.kind, "%s", kind);
	if (strcmp(kind, "org") == 0)
		n.org_id = id;
	else
		n.member_id = id;
	snprintf(n.title, sizeof n.title, "%s", title);
	snprintf(n.reasons, sizeof n.reasons, "带头致富，服务群众。");
	return n;
}

static int64_t nominated(struct session *s, struct nomination n)
{
	struct dj_err e;
	if (nominate_save(s, &n, &e))
		fail_msg("%s", e.msg);
	return n.id;
}

static void refused(struct session *s, struct nomination n, const char *field, const char *msg)
{
	struct dj_err e;
	assert_int_not_equal(nominate_save(s, &n, &e), 0);
	if (!strstr(e.msg, msg))
		fail_msg("expected 「%s」 in: %s", msg, e.msg);
	if (field)
		assert_string_equal(e.field, field);
	assert_int_equal(n.id, 0);   /* what was typed stays */
}

static void the_quota_refuses_with_its_numbers(void **state)
{
	struct fixture *f = *state;
	struct nom_cycle c = cycle_of(f, 1);
	int64_t a = good_member(f, "张一", f->a, "东村党支部");
	int64_t b = good_member(f, "张二", f->a, "东村党支部");
	int64_t w = good_member(f, "王五", f->b, "西村党支部");
	nominated(f->s, draft(c.id, "member", a, "优秀共产党员"));
	refused(f->s, draft(c.id, "member", b, "优秀共产党员"), "title",
	        "东村党支部的「优秀共产党员」名额为 1，已推荐 1 名");
	refused(f->s, draft(c.id, "member", a, "优秀共产党员"), "recipient",
	        "张一已被推荐为「优秀共产党员」");
	/* another branch has its own quota; another title too */
	nominated(f->s, draft(c.id, "member", w, "优秀共产党员"));
	nominated(f->s, draft(c.id, "member", b, "优秀党务工作者"));
	/* a quota set for the branch replaces the default */
	struct dj_err e;
	assert_int_equal(nom_quota_set(f->s, c.id, f->a, "优秀共产党员", 2, &e), 0);
	assert_int_equal(nom_quota_of(f->s, &c, f->a, "优秀共产党员"), 2);
	int64_t d = good_member(f, "张四", f->a, "东村党支部");
	nominated(f->s, draft(c.id, "member", d, "优秀共产党员"));
	refused(f->s, draft(c.id, "member", good_member(f, "张六", f->a, "东村党支部"),
	                    "优秀共产党员"), "title", "名额为 2，已推荐 2 名");
	refused(f->s, draft(c.id, "member", d, "先进基层党组织"), "title",
	        "「先进基层党组织」授予党组织，不能推荐党员个人");
	refused(f->s, draft(c.id, "member", d, "党员示范岗"), "title", "不是本次评选的称号");
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'nomination'"),
	                 4);
}

static void each_rule_refuses_with_its_message(void **state)
{
	struct fixture *f = *state;
	struct nom_cycle c = cycle_of(f, 9);
	int64_t m = good_member(f, "李一", f->a, "东村党支部");
	exec(f->s, "UPDATE member SET status = '流出' WHERE name = '李一'");
	refused(f->s, draft(c.id, "member", m, "优秀共产党员"), "recipient",
	        "李一的状态为「流出」，须为「正常」");
	m = good_member(f, "李二", f->a, "东村党支部");
	exec(f->s, "UPDATE member SET category = '预备党员' WHERE name = '李二'");
	refused(f->s, draft(c.id, "member", m, "优秀共产党员"), "recipient",
	        "「优秀共产党员」须为正式党员，李二为预备党员");
	int64_t x = fx_add(f->s, fx_member("李三", "男", "1982-05-06", "东村党支部"));
	records(f->s, x, f->a, "2026-08");
	meeting(f->s, f->a, "2026-10-20", x, "出席");
	refused(f->s, draft(c.id, "member", x, "优秀共产党员"), "recipient",
	        "李三的党费交至 2026-08，未交至上月 2026-10");
	int64_t y = fx_add(f->s, fx_member("李四", "男", "1982-05-07", "东村党支部"));
	records(f->s, y, f->a, "2026-10");
	meeting(f->s, f->a, "2026-03-10", y, "出席");
	refused(f->s, draft(c.id, "member", y, "优秀共产党员"), "recipient",
	        "李四在缺勤预警名单中");
	/* an organization: 后进 in the year's confirmed round, then an overdue 整改 */
	char *sql = sqlite3_mprintf(
		"INSERT INTO grading_round (id, year, name, org_id, status, grade1, grade2, grade3,"
		" grade4, line1, line2, line3, guide_top, guide_mid, guide_bottom, tolerance)"
		" VALUES (1, 2026, '2026年度分类定级', %lld, '已确认', '先进', '较好', '一般', '后进',"
		" 900, 800, 600, 30, 60, 10, 5);"
		"INSERT INTO grading_result (round_id, org_id, suggested, grade) VALUES (1, %lld, 4, 4),"
		" (1, %lld, 3, 3);"
		"INSERT INTO rectification (round_id, org_id, origin, deadline) VALUES"
		" (1, %lld, '定级', '2026-09-30')", (long long)f->top, (long long)f->a,
		(long long)f->b, (long long)f->b);
	exec(f->s, sql);
	sqlite3_free(sql);
	refused(f->s, draft(c.id, "org", f->a, "先进基层党组织"), "recipient",
	        "东村党支部在「2026年度分类定级」中定为「后进」");
	refused(f->s, draft(c.id, "org", f->b, "先进基层党组织"), "recipient",
	        "西村党支部有整改逾期未验收：「2026年度分类定级」整改期限 2026-09-30");
	exec(f->s, "UPDATE rectification SET accepted_on = '2026-10-08'");
	nominated(f->s, draft(c.id, "org", f->b, "先进基层党组织"));
	assert_int_equal(count(f->s, "SELECT count(*) FROM nomination"), 1);
}

static void warn_mode_goes_past_with_a_recorded_reason(void **state)
{
	struct fixture *f = *state;
	fx_config(f, "\n[nominate]\nrules = warn\noverride_role = admin\n");
	struct nom_cycle c = cycle_of(f, 3);
	int64_t m = good_member(f, "赵一", f->a, "东村党支部");
	exec(f->s, "UPDATE member SET category = '预备党员' WHERE name = '赵一'");
	f->s->role = ROLE_ADMIN;
	refused(f->s, draft(c.id, "member", m, "优秀共产党员"), "override_reason",
	        "须填写「越过规则理由」");
	f->s->role = ROLE_OPERATOR;
	struct nomination n = draft(c.id, "member", m, "优秀共产党员");
	snprintf(n.override_reason, sizeof n.override_reason, "抗洪抢险中表现突出，经党委研究");
	refused(f->s, n, "recipient", "只有管理员可以说明理由后继续推荐");
	f->s->role = ROLE_ADMIN;
	int64_t id = nominated(f->s, n);
	struct nomination back;
	struct dj_err e;
	assert_int_equal(nomination_load(f->s, id, &back, &e), 0);
	assert_non_null(strstr(back.overrides, "须为正式党员"));
	assert_string_equal(back.override_reason, "抗洪抢险中表现突出，经党委研究");
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'nomination'"
	                       " AND new_json LIKE '%抗洪抢险%'"), 1);
}

static void the_path_ends_in_an_honour_with_the_doc_no(void **state)
{
	struct fixture *f = *state;
	struct nom_cycle c = cycle_of(f, 2);
	int64_t a = good_member(f, "钱一", f->a, "东村党支部");
	int64_t b = good_member(f, "钱二", f->a, "东村党支部");
	struct nomination na, nb;
	struct dj_err e;
	int64_t ida = nominated(f->s, draft(c.id, "member", a, "优秀共产党员"));
	int64_t idb = nominated(f->s, draft(c.id, "member", b, "优秀共产党员"));
	assert_int_equal(nomination_load(f->s, ida, &na, &e), 0);
	assert_int_equal(nomination_load(f->s, idb, &nb, &e), 0);
	assert_string_equal(na.nominator, "东村党支部");
	/* 审核: a fail needs its note */
	assert_int_not_equal(nominate_review(f->s, idb, nb.version, 0, "", &e), 0);
	assert_string_equal(e.field, "review_note");
	assert_int_equal(nominate_review(f->s, idb, nb.version, 0, "事迹材料不实", &e), 0);
	/* 公示 waits for every nomination to be reviewed */
	assert_int_equal(nom_cycle_load(f->s, c.id, &c, &e), 0);
	assert_int_not_equal(nominate_publicize(f->s, c.id, c.version, "2026-11-01", "2026-11-10",
	                                        &e), 0);
	assert_string_equal(e.msg, "「2026年七一表彰」还有 1 项推荐未审核，审核后才能开始公示");
	assert_int_equal(nominate_review(f->s, ida, na.version, 1, "同意", &e), 0);
	assert_int_equal(nominate_review(f->s, ida, na.version, 1, "同意", &e), DJ_CONFLICT);
	/* 审批 before 公示 is refused */
	int approved = -1;
	assert_int_not_equal(nominate_approve(f->s, c.id, c.version, "2026-11-20", "中共测试镇委员会",
	                                      "测委〔2026〕30号", &approved, &e), 0);
	assert_non_null(strstr(e.msg, "不能审批"));
	assert_int_equal(nominate_publicize(f->s, c.id, c.version, "2026-11-01", "2026-11-10", &e), 0);
	assert_int_equal(nomination_load(f->s, ida, &na, &e), 0);
	assert_string_equal(na.state, "公示中");
	assert_int_equal(nomination_load(f->s, idb, &nb, &e), 0);
	assert_string_equal(nb.state, "审核不通过");
	/* an objection: dated within 公示, recorded, resolved before 审批 */
	assert_int_not_equal(nominate_object(f->s, ida, "2026-11-12", "群众反映", "", &e), 0);
	assert_string_equal(e.field, "raised_on");
	assert_int_equal(nominate_object(f->s, ida, "2026-11-05", "群众反映其经营占道", "", &e), 0);
	char lines[4][NOM_RULE_LEN];
	assert_int_equal(nom_objection_lines(f->s, ida, lines, 4), 1);
	assert_string_equal(lines[0], "2026-11-05 群众反映其经营占道 → （未处理）");
	assert_int_equal(nom_cycle_load(f->s, c.id, &c, &e), 0);
	assert_int_not_equal(nominate_approve(f->s, c.id, c.version, "2026-11-20", "中共测试镇委员会",
	                                      "测委〔2026〕30号", &approved, &e), 0);
	assert_string_equal(e.msg, "钱一的公示异议尚未填写处理结果，不能审批");
	int64_t obj;
	assert_int_equal(nom_objection_open(f->s, ida, &obj), 0);
	assert_int_equal(nominate_resolve(f->s, obj, "经核实已整改，不影响推荐", &e), 0);
	assert_int_not_equal(nominate_approve(f->s, c.id, c.version, "2026-11-10", "中共测试镇委员会",
	                                      "测委〔2026〕30号", &approved, &e), 0);
	assert_string_equal(e.field, "approved_on");
	assert_int_not_equal(nominate_approve(f->s, c.id, c.version, "2026-11-20", "中共测试镇委员会",
	                                      "", &approved, &e), 0);
	assert_string_equal(e.field, "doc_no");
	assert_int_equal(nominate_approve(f->s, c.id, c.version, "2026-11-20", "中共测试镇委员会",
	                                  "测委〔2026〕30号", &approved, &e), 0);
	assert_int_equal(approved, 1);
	assert_int_equal(nomination_load(f->s, ida, &na, &e), 0);
	assert_string_equal(na.state, "已批准");
	struct honour h;
	assert_int_equal(honour_load(f->s, na.honour_id, &h, &e), 0);
	assert_string_equal(h.recipient, "钱一");
	assert_string_equal(h.title, "优秀共产党员");
	assert_string_equal(h.level, "镇级");
	assert_string_equal(h.doc_no, "测委〔2026〕30号");
	assert_string_equal(h.awarded_on, "2026-11-20");
	assert_string_equal(h.deeds, "带头致富，服务群众。");
	assert_int_equal(count(f->s, "SELECT count(*) FROM honour"), 1);
	/* approved: the cycle is closed to changes and to 推荐 */
	assert_int_equal(nom_cycle_load(f->s, c.id, &c, &e), 0);
	assert_string_equal(c.state, "已审批");
	assert_int_not_equal(nom_cycle_save(f->s, &c, &e), 0);
	refused(f->s, draft(c.id, "member", b, "优秀党务工作者"), NULL, "已已审批");
	/* the evidence shows the honour now, the attendance and the dues */
	char ev[NOM_EVIDENCE_MAX][96];
	int k = nominate_evidence(f->s, &na, 2026, ev, NOM_EVIDENCE_MAX);
	assert_true(k >= 3);
	assert_string_equal(ev[0], "2026 年三会一课出席率：100%（应到 1 次，出席 1 次）");
	assert_string_equal(ev[1], "党费交至：2026-10");
	assert_string_equal(ev[2], "以往荣誉：2026 优秀共产党员（镇级）");
	assert_true(count(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'nom_objection'")
	            == 2);
}

static void nominations_close_at_the_due_date(void **state)
{
	struct fixture *f = *state;
	struct nom_cycle c = cycle_of(f, 2);
	struct dj_err e;
	snprintf(c.due_on, sizeof c.due_on, "2026-11-20");
	assert_int_equal(nom_cycle_save(f->s, &c, &e), 0);
	refused(f->s, draft(c.id, "member", good_member(f, "吴一", f->a, "东村党支部"),
	                    "优秀共产党员"), NULL, "「2026年七一表彰」的推荐已于 2026-11-20 截止");
}

static void a_nomination_outside_scope_is_denied(void **state)
{
	struct fixture *f = *state;
	struct nom_cycle c = cycle_of(f, 2);
	int64_t m = good_member(f, "孙一", f->b, "西村党支部");
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->a;
	struct nomination n = draft(c.id, "member", m, "优秀共产党员");
	struct dj_err e;
	assert_int_equal(nominate_save(f->s, &n, &e), DJ_DENIED);
	/* its own member it nominates, in the 党委's cycle it sees; the review is the 党委's */
	struct row_source *rs = nom_cycle_source(f->s);
	struct rs_row row;
	assert_non_null(rs);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 1, &row), 1);
	assert_int_equal(row.key.id, c.id);
	row_source_free(rs);
	int64_t own = nominated(f->s, draft(c.id, "member", good_member(f, "孙二", f->a, "东村党支部"),
	                                    "优秀共产党员"));
	struct nomination back;
	assert_int_equal(nomination_load(f->s, own, &back, &e), 0);
	assert_int_equal(nominate_review(f->s, own, back.version, 1, "同意", &e), DJ_DENIED);
	f->s->scope_org = f->top;
	assert_int_equal(nominate_review(f->s, own, back.version, 1, "同意", &e), 0);
}

static void the_export_reads_back(void **state)
{
	struct fixture *f = *state;
	struct nom_cycle c = cycle_of(f, 2);
	nominated(f->s, draft(c.id, "member", good_member(f, "周一", f->a, "东村党支部"),
	                      "优秀共产党员"));
	char path[200];
	int n = 0;
	snprintf(path, sizeof path, "%s/nom.csv", f->t.dir);
	FILE *report = fopen("/dev/null", "w");
	assert_int_equal(nominate_export(f->s, c.id, path, report, &n), 0);
	fclose(report);
	assert_int_equal(n, 1);
	FILE *in = fopen(path, "r");
	char buf[4096] = "";
	assert_non_null(in);
	size_t got = fread(buf, 1, sizeof buf - 1, in);
	fclose(in);
	buf[got] = 0;
	assert_non_null(strstr(buf, "周一"));
	assert_non_null(strstr(buf, "带头致富"));
	/* every cycle's, as the CLI writes them */
	struct nom_cycle d = c;
	struct dj_err e;
	d.id = 0;
	assert_int_not_equal(nom_cycle_save(f->s, &d, &e), 0);
	assert_string_equal(e.field, "name");
	assert_string_equal(e.msg, "「评选名称」「2026年七一表彰」在 2026 年已经有了，请换一个名称");
	snprintf(d.name, sizeof d.name, "2026年年终表彰");
	assert_int_equal(nom_cycle_save(f->s, &d, &e), 0);
	nominated(f->s, draft(d.id, "member", good_member(f, "周二", f->b, "西村党支部"),
	                      "优秀共产党员"));
	snprintf(path, sizeof path, "%s/all.csv", f->t.dir);
	report = fopen("/dev/null", "w");
	assert_int_equal(nominate_export_all(f->s, path, report, &n), 0);
	fclose(report);
	assert_int_equal(n, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(the_quota_refuses_with_its_numbers),
		FX_TEST(each_rule_refuses_with_its_message),
		FX_TEST(warn_mode_goes_past_with_a_recorded_reason),
		FX_TEST(the_path_ends_in_an_honour_with_the_doc_no),
		FX_TEST(nominations_close_at_the_due_date),
		FX_TEST(a_nomination_outside_scope_is_denied),
		FX_TEST(the_export_reads_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
