/* test_export_roundtrip.c — the demo township exported (organizations, then
 * members) and imported into an empty database comes back whole: every
 * organization with its status and 撤销 date, every member with the key
 * fields and status, each one who left with an event giving that status. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "demo/demo.h"
#include "fixture.h"
#include "org/csv.h"

struct pair {
	struct testdb from, to;
};

static int setup(void **state)
{
	setenv("DJ_TODAY", FX_TODAY, 1);
	struct pair *p = calloc(1, sizeof *p);
	testdb_open(&p->from);
	testdb_open(&p->to);
	struct dj_err e;
	if (demo_populate(&p->from.s, &e)) {
		fprintf(stderr, "demo: %s\n", e.msg);
		return -1;
	}
	/* The branch of the demo's 转出 member dissolved after its others moved
	 * on: one who left stays on a 撤销 branch's books, as real files hold. */
	sqlite3 *db = p->from.s.db;
	int64_t branch = db_int(db, "SELECT org_id FROM member WHERE status = '转出' LIMIT 1", -1, 0);
	int64_t other = db_int(db, "SELECT id FROM org WHERE kind = '党支部' AND status = '正常'"
	                       " AND id <> ? LIMIT 1", branch, 0);
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE member SET org_id = %lld, group_id = NULL WHERE org_id = %lld"
	         " AND status <> '转出'", (long long)other, (long long)branch);
	struct org o;
	int64_t group;
	while ((group = db_int(db, "SELECT id FROM org WHERE parent_id = ? AND status = '正常'",
	                       branch, 0)) != 0)
		if (org_load(&p->from.s, group, &o, &e) ||
		    org_dissolve(&p->from.s, group, o.version, "2026-11-01", "村党支部合并", &e))
			return fprintf(stderr, "dissolve: %s\n", e.msg), -1;
	if (!branch || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    org_load(&p->from.s, branch, &o, &e) ||
	    org_dissolve(&p->from.s, branch, o.version, "2026-11-01", "村党支部合并", &e)) {
		fprintf(stderr, "dissolve: %s %s\n", e.msg, sqlite3_errmsg(db));
		return -1;
	}
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	struct pair *p = *state;
	testdb_close(&p->from);
	testdb_close(&p->to);
	free(p);
	return 0;
}

/* Runs an import or export into report; fails the test with it when rc differs. */
#define RUN(call, want) do { \
	char report_[65536] = ""; \
	FILE *r_ = fmemopen(report_, sizeof report_ - 1, "w"); \
	int rc_ = (call); \
	fclose(r_); \
	if (rc_ != (want)) \
		fail_msg("%s gave %d:\n%s", #call, rc_, report_); \
} while (0)

/* Rows of `sql` run on the restored database (with the demo's attached as
 * d) that have no twin on the other side; both directions. */
static long unmatched(sqlite3 *db, const char *a, const char *b)
{
	char sql[2048];
	snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM (%s EXCEPT %s))"
	         " + (SELECT count(*) FROM (%s EXCEPT %s))", a, b, b, a);
	return (long)db_int(db, sql, -1, -1);
}

#define ORG_KEYS(s) \
	"SELECT o.name, coalesce(p.name, ''), o.kind, o.category, coalesce(o.founded_on, ''), o.status," \
	" coalesce(o.dissolved_on, ''), coalesce(o.secretary, ''), coalesce(o.short_name, '')" \
	" FROM " s "org o LEFT JOIN " s "org p ON p.id = o.parent_id"
#define MEMBER_KEYS(s) \
	"SELECT m.name, m.gender, m.ethnicity, coalesce(m.birth_date, ''), coalesce(m.id_number, '')," \
	" coalesce(m.education, ''), m.category, coalesce(m.joined_on, ''), coalesce(m.confirmed_on, '')," \
	" m.extension_months, coalesce(m.phone, ''), coalesce(m.job, ''), o.name, coalesce(g.name, '')," \
	" m.status FROM " s "member m JOIN " s "org o ON o.id = m.org_id" \
	" LEFT JOIN " s "org g ON g.id = m.group_id"
/* the date each one who left left on: their latest event of that name */
#define LEFT_ON(s) \
	"SELECT m.name, m.id_number, m.status, (SELECT max(v.date) FROM " s "member_event v" \
	" WHERE v.member_id = m.id AND v.type = m.status) FROM " s "member m WHERE m.status <> '正常'"

/* Exports the demo's orgs and members as FORMAT (".csv", ".xlsx"), imports
 * both into the empty database, and compares the two files. */
static void round_trip(struct pair *p, const char *format, char members[160])
{
	char orgs[160];
	int n = 0, got = 0;
	snprintf(orgs, 160, "%s/orgs%s", p->from.dir, format);
	snprintf(members, 160, "%s/members%s", p->from.dir, format);
	RUN(org_export_csv(&p->from.s, orgs, r_, &n), 0);
	RUN(org_import_csv(&p->to.s, orgs, r_, &got), 0);
	assert_int_equal(got, n);
	RUN(member_export_csv(&p->from.s, members, r_, &n), 0);
	RUN(member_import_csv(&p->to.s, members, r_, &got), 0);
	assert_int_equal(got, n);

	sqlite3 *db = p->to.s.db;
	char attach[256];
	snprintf(attach, sizeof attach, "ATTACH '%s' AS d", p->from.path);
	assert_int_equal(sqlite3_exec(db, attach, NULL, NULL, NULL), SQLITE_OK);
	/* the demo holds what the round trip must carry */
	assert_true(db_int(db, "SELECT count(*) FROM d.org WHERE status = '撤销'", -1, 0) > 1);
	assert_int_equal(db_int(db, "SELECT count(*) FROM member m JOIN org o ON o.id = m.org_id"
	                        " WHERE o.status = '撤销' AND m.status = '转出'", -1, 0), 1);
	assert_true(db_int(db, "SELECT count(DISTINCT status) FROM d.member", -1, 0) >= 5);
	assert_int_equal(db_int(db, "SELECT count(*) FROM org", -1, 0),
	                 db_int(db, "SELECT count(*) FROM d.org", -1, 0));
	assert_int_equal(db_int(db, "SELECT count(*) FROM member", -1, 0),
	                 db_int(db, "SELECT count(*) FROM d.member", -1, 0));
	assert_int_equal(unmatched(db, ORG_KEYS(""), ORG_KEYS("d.")), 0);
	assert_int_equal(unmatched(db, MEMBER_KEYS(""), MEMBER_KEYS("d.")), 0);
	assert_int_equal(unmatched(db, LEFT_ON(""), LEFT_ON("d.")), 0);
	/* and the counts an office reads agree */
	assert_int_equal(member_count(&p->to.s, 0, NULL), member_count(&p->from.s, 0, NULL));
	/* the comparison sees one status changed (on both sides of EXCEPT) */
	assert_int_equal(sqlite3_exec(db, "UPDATE member SET status = '失联' WHERE id ="
	                              " (SELECT min(id) FROM member WHERE status = '正常')", NULL, NULL,
	                              NULL), SQLITE_OK);
	assert_int_equal(unmatched(db, MEMBER_KEYS(""), MEMBER_KEYS("d.")), 2);
	assert_int_equal(sqlite3_exec(db, "UPDATE member SET status = '正常' WHERE id ="
	                              " (SELECT min(id) FROM member WHERE status = '失联'"
	                              " AND NOT EXISTS (SELECT 1 FROM member_event v"
	                              " WHERE v.member_id = member.id))", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(unmatched(db, MEMBER_KEYS(""), MEMBER_KEYS("d.")), 0);
	sqlite3_exec(db, "DETACH d", NULL, NULL, NULL);
}

/* A workbook the program wrote reads back through its own xlsx reader:
 * 身份证号 as text, dates as dates, every status. */
static void demo_xlsx_export_imports_back(void **state)
{
	char members[160];
	round_trip(*state, ".xlsx", members);
	FILE *f = fopen(members, "rb");
	char magic[2] = "";
	assert_non_null(f);
	assert_int_equal(fread(magic, 1, 2, f), 2);
	fclose(f);
	assert_memory_equal(magic, "PK", 2);   /* a workbook, not CSV under its name */
}

static void demo_export_imports_back(void **state)
{
	struct pair *p = *state;
	char members[160];
	int n = 0;
	round_trip(p, ".csv", members);

	/* a second export of the restored database is the same file */
	char again[160];
	snprintf(again, sizeof again, "%s/members2.csv", p->to.dir);
	RUN(member_export_csv(&p->to.s, again, r_, &n), 0);
	char cmd[400];
	/* only the 状态说明 of those who left differs: it now says they came in so */
	snprintf(cmd, sizeof cmd, "cut -d, -f1-17 '%s' | cmp -s - <(cut -d, -f1-17 '%s')", members,
	         again);
	char bash[600];
	snprintf(bash, sizeof bash, "bash -c \"%s\"", cmd);
	assert_int_equal(system(bash), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(demo_export_imports_back, setup, teardown),
		cmocka_unit_test_setup_teardown(demo_xlsx_export_imports_back, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pinyin_shutdown();
	return rc;
}
