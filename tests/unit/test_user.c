/* Operators: who may use the program, roles, scopes, the last admin, the
 * first registration, and what the session makes of them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "admin/user.h"
#include "fixture.h"
#include "org/org.h"

static struct user make(const char *login, const char *role, const char *org)
{
	struct user u = { 0 };
	snprintf(u.login, sizeof u.login, "%s", login);
	snprintf(u.role, sizeof u.role, "%s", role);
	snprintf(u.org, sizeof u.org, "%s", org);
	return u;
}

static void tree(struct session *s)
{
	assert_true(fx_org(s, "中共驿亭镇委员会", "党委", "") > 0);
	assert_true(fx_org(s, "五夫村党总支", "党总支", "中共驿亭镇委员会") > 0);
	assert_true(fx_org(s, "五夫村第一党支部", "党支部", "五夫村党总支") > 0);
	assert_true(fx_org(s, "联桥村党支部", "党支部", "中共驿亭镇委员会") > 0);
}

static void roles_read_in_both_languages(void **state)
{
	(void)state;
	enum role r;
	assert_int_equal(user_role_parse("管理员", &r), 0);
	assert_int_equal(r, ROLE_ADMIN);
	assert_int_equal(user_role_parse("operator", &r), 0);
	assert_int_equal(r, ROLE_OPERATOR);
	assert_int_equal(user_role_parse("Viewer", &r), 0);
	assert_int_equal(r, ROLE_VIEWER);
	assert_int_equal(user_role_parse("root", &r), -1);
	assert_string_equal(user_role_label(ROLE_OPERATOR), "操作员");
	assert_string_equal(user_role_code(ROLE_VIEWER), "viewer");
}

static void first_registration_of_someone_else_registers_the_caller(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	assert_int_equal(t->s.role, ROLE_ADMIN);   /* nobody configured: the local user */
	struct user u = make("zhangsan", "operator", "");
	snprintf(u.display, sizeof u.display, "张三");
	assert_int_equal(user_save(&t->s, &u, &e), 0);
	assert_int_equal(u.caller_added, 1);
	assert_string_equal(u.role, "操作员");
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM app_user", -1, 0), 2);
	struct user me;
	assert_int_equal(user_find(&t->s, t->s.login, &me, &e), 0);
	assert_string_equal(me.role, "管理员");
	assert_string_equal(me.org, "");
	/* The next one does not register anybody else. */
	struct user v = make("lisi", "只读", "");
	assert_int_equal(user_save(&t->s, &v, &e), 0);
	assert_int_equal(v.caller_added, 0);
	assert_string_equal(v.display, "lisi");   /* no name given: the login */
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM app_user", -1, 0), 3);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='app_user'"
	                        " AND action='新增'", -1, 0), 3);
}

static void bad_input_is_refused_at_its_field(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	tree(&t->s);
	struct user u = make("zhang san", "operator", "");
	assert_int_equal(user_save(&t->s, &u, &e), DJ_INVALID);
	assert_string_equal(e.field, "login");
	assert_string_equal(u.login, "zhang san");   /* what was typed stays */
	u = make("-x", "operator", "");
	assert_int_equal(user_save(&t->s, &u, &e), DJ_INVALID);
	assert_string_equal(e.field, "login");
	u = make("abcdefghijabcdefghijabcdefghijabc", "operator", "");   /* 33 characters */
	assert_int_equal(user_save(&t->s, &u, &e), DJ_INVALID);
	assert_string_equal(e.field, "login");
	u = make("wangwu", "boss", "");
	assert_int_equal(user_save(&t->s, &u, &e), DJ_INVALID);
	assert_string_equal(e.field, "role");
	u = make("wangwu", "admin", "五夫村党总支");
	assert_int_equal(user_save(&t->s, &u, &e), DJ_INVALID);
	assert_string_equal(e.field, "org");
	assert_string_equal(e.msg, "管理员管辖全部组织，「管辖范围」请留空");
	u = make("wangwu", "operator", "不存在的支部");
	assert_int_equal(user_save(&t->s, &u, &e), DJ_INVALID);
	assert_string_equal(e.field, "org");
	u = make("wangwu", "operator", "五夫村党总支");
	assert_int_equal(user_save(&t->s, &u, &e), 0);
	struct user dup = make("wangwu", "viewer", "");
	assert_int_equal(user_save(&t->s, &dup, &e), DJ_INVALID);
	assert_string_equal(e.msg, "「wangwu」已是本系统的操作员");
}

static void at_least_one_admin_remains(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	struct user me = make(t->s.login, "admin", "");
	assert_int_equal(user_save(&t->s, &me, &e), 0);
	assert_int_equal(me.caller_added, 0);
	struct user demoted = me;
	snprintf(demoted.role, sizeof demoted.role, "operator");
	assert_int_equal(user_save(&t->s, &demoted, &e), DJ_INVALID);
	assert_string_equal(e.msg, "至少要保留一名管理员，否则将无人能管理操作员");
	assert_string_equal(demoted.role, "operator");   /* kept as typed */
	assert_int_equal(user_delete(&t->s, me.id, me.version, &e), DJ_INVALID);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM app_user WHERE role='admin'", -1, 0), 1);
	/* With a second admin, the first may step down. */
	struct user other = make("zhaoliu", "管理员", "");
	assert_int_equal(user_save(&t->s, &other, &e), 0);
	assert_int_equal(user_save(&t->s, &demoted, &e), 0);
	assert_int_equal(demoted.version, 1);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM app_user WHERE role='admin'", -1, 0), 1);
}

static void a_changed_operator_is_a_conflict(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	struct user a = make("zhangsan", "operator", "");
	assert_int_equal(user_save(&t->s, &a, &e), 0);
	struct user b = a;
	snprintf(a.display, sizeof a.display, "张三");
	assert_int_equal(user_save(&t->s, &a, &e), 0);
	snprintf(b.role, sizeof b.role, "viewer");
	assert_int_equal(user_save(&t->s, &b, &e), DJ_CONFLICT);
	assert_int_equal(b.version, 0);
	assert_int_equal(user_delete(&t->s, b.id, b.version, &e), DJ_CONFLICT);
	struct user now;
	assert_int_equal(user_load(&t->s, a.id, &now, &e), 0);
	assert_string_equal(now.display, "张三");
	assert_string_equal(now.role, "操作员");
}

static void only_admins_manage_operators(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	t->s.role = ROLE_OPERATOR;
	struct user u = make("zhangsan", "operator", "");
	assert_int_equal(user_save(&t->s, &u, &e), DJ_DENIED);
	assert_non_null(strstr(e.msg, "只有管理员才能管理操作员"));
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM app_user", -1, 0), 0);
	FILE *r = tmpfile();
	int n = -1;
	assert_int_equal(user_export_csv(&t->s, "/dev/null", r, &n), 1);
	fclose(r);
}

static void the_session_takes_role_and_scope_from_the_table(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	tree(&t->s);
	struct user boss = make("zhaoliu", "admin", "");
	assert_int_equal(user_save(&t->s, &boss, &e), 0);
	assert_int_equal(boss.caller_added, 1);   /* the caller first, as admin … */
	struct user mine;
	assert_int_equal(user_find(&t->s, t->s.login, &mine, &e), 0);
	snprintf(mine.role, sizeof mine.role, "operator");   /* … then made an operator */
	snprintf(mine.org, sizeof mine.org, "五夫村党总支");
	snprintf(mine.display, sizeof mine.display, "张三");
	assert_int_equal(user_save(&t->s, &mine, &e), 0);

	struct session s = { .cfg = t->s.cfg, .db = t->s.db };
	char why[256];
	assert_int_equal(session_identify(&s, why, sizeof why), 0);
	assert_int_equal(s.role, ROLE_OPERATOR);
	assert_string_equal(s.display, "张三");
	int64_t wufu, branch, lianqiao;
	assert_int_equal(org_find_by_name(&s, "五夫村党总支", &wufu), 0);
	assert_int_equal(org_find_by_name(&s, "五夫村第一党支部", &branch), 0);
	assert_int_equal(org_find_by_name(&s, "联桥村党支部", &lianqiao), 0);
	assert_int_equal(s.scope_org, wufu);
	/* Inside the subtree: saved.  Outside: refused, nothing written. */
	struct org o;
	assert_int_equal(org_load(&s, branch, &o, &e), 0);
	snprintf(o.secretary, sizeof o.secretary, "王五");
	assert_int_equal(org_save(&s, &o, 0, &e), 0);
	assert_int_equal(org_load(&s, lianqiao, &o, &e), 0);
	snprintf(o.secretary, sizeof o.secretary, "王五");
	assert_int_equal(org_save(&s, &o, 0, &e), DJ_DENIED);
	assert_string_equal(e.msg, "您只能修改本单位及下级组织的数据");
	assert_int_equal(db_int(s.db, "SELECT count(*) FROM org WHERE secretary='王五'", -1, 0), 1);
	/* The operator may not manage operators. */
	struct user x = make("lisi", "viewer", "");
	assert_int_equal(user_save(&s, &x, &e), DJ_DENIED);

	/* A viewer reads only. */
	snprintf(mine.role, sizeof mine.role, "只读");
	mine.org[0] = 0;
	assert_int_equal(user_save(&t->s, &mine, &e), 0);
	assert_int_equal(session_identify(&s, why, sizeof why), 0);
	assert_int_equal(s.role, ROLE_VIEWER);
	assert_int_equal(org_load(&s, branch, &o, &e), 0);
	snprintf(o.secretary, sizeof o.secretary, "赵六");
	assert_int_equal(org_save(&s, &o, 0, &e), DJ_DENIED);
	assert_string_equal(e.msg, "您是只读用户，不能修改数据");

	/* Removed from the table: refused, with the way out named. */
	assert_int_equal(user_delete(&t->s, mine.id, mine.version, &e), 0);
	assert_int_equal(session_identify(&s, why, sizeof why), -1);
	assert_non_null(strstr(why, "不是本系统的操作员"));
	assert_non_null(strstr(why, "dangjian user add"));
}

static void the_list_and_its_csv(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	tree(&t->s);
	struct user a = make("zhangsan", "operator", "五夫村党总支");
	snprintf(a.display, sizeof a.display, "张三");
	assert_int_equal(user_save(&t->s, &a, &e), 0);
	struct row_source *rs = user_list_source(&t->s);
	assert_int_equal(rs->count(rs->ctx), 2);
	struct rs_row rows[4];
	rs->set_filter(rs->ctx, "张");
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 4, rows), 1);
	assert_string_equal(rows[0].cell[0], "zhangsan");
	assert_string_equal(rows[0].cell[1], "张三");
	assert_string_equal(rows[0].cell[2], "操作员");
	assert_string_equal(rows[0].cell[3], "五夫村党总支");
	row_source_free(rs);

	char path[160];
	snprintf(path, sizeof path, "%s/users.csv", t->dir);
	int n = 0;
	assert_int_equal(user_export_csv(&t->s, path, stderr, &n), 0);
	assert_int_equal(n, 2);
	FILE *f = fopen(path, "r");
	char text[1024] = "";
	size_t got = fread(text, 1, sizeof text - 1, f);
	text[got] = 0;
	fclose(f);
	assert_non_null(strstr(text, "\"登录名\",\"姓名\",\"角色\",\"管辖范围\",\"修改时间\",\"修改人\""));
	assert_non_null(strstr(text, "\"zhangsan\",\"张三\",\"操作员\",\"五夫村党总支\""));

	/* An organization someone's scope points at has history: not deleted. */
	struct user b = make("lisi", "operator", "联桥村党支部");
	assert_int_equal(user_save(&t->s, &b, &e), 0);
	struct org o;
	int64_t lianqiao;
	assert_int_equal(org_find_by_name(&t->s, "联桥村党支部", &lianqiao), 0);
	assert_int_equal(org_load(&t->s, lianqiao, &o, &e), 0);
	assert_int_equal(org_delete(&t->s, lianqiao, o.version, &e), DJ_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roles_read_in_both_languages),
		FX_DB_TEST(first_registration_of_someone_else_registers_the_caller),
		FX_DB_TEST(bad_input_is_refused_at_its_field),
		FX_DB_TEST(at_least_one_admin_remains),
		FX_DB_TEST(a_changed_operator_is_a_conflict),
		FX_DB_TEST(only_admins_manage_operators),
		FX_DB_TEST(the_session_takes_role_and_scope_from_the_table),
		FX_DB_TEST(the_list_and_its_csv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
