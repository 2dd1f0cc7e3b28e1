/* A member's 党小组 (issue 19): only a 党小组 of the member's own branch, on
 * every save path (record, import, moves); a move to another branch clears
 * it; the CSV carries it both ways; statistics still count each member once,
 * by branch.  And the people picker: the branch first, namesakes told apart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "fixture.h"
#include "member/stats.h"

/* 东村党支部 with two 党小组, 西村党支部 with one, and a dissolved one of 东村. */
struct groups {
	int64_t g1, g2, west, gone;
};

static struct groups make_groups(struct fixture *f)
{
	struct groups g;
	g.g1 = fx_org(f->s, "东村党支部第一党小组", "党小组", "东村党支部");
	g.g2 = fx_org(f->s, "东村党支部第二党小组", "党小组", "东村党支部");
	g.west = fx_org(f->s, "西村第一党小组", "党小组", "西村党支部");
	g.gone = fx_org(f->s, "东村党支部第三党小组", "党小组", "东村党支部");
	assert_int_equal(sqlite3_exec(f->s->db, "UPDATE org SET status = '撤销',"
	                              " dissolved_on = '2026-01-01' WHERE name = '东村党支部第三党小组'",
	                              NULL, NULL, NULL), SQLITE_OK);
	return g;
}

static struct member in_group(const char *name, const char *birth, const char *org,
                              const char *group)
{
	struct member m = fx_member(name, "男", birth, org);
	snprintf(m.group, sizeof m.group, "%s", group);
	return m;
}

static int64_t group_of(struct fixture *f, int64_t member)
{
	return db_int(f->s->db, "SELECT coalesce(group_id, 0) FROM member WHERE id = ?", member, -1);
}

static void the_group_is_one_of_the_branchs_own(void **state)
{
	struct fixture *f = *state;
	struct groups g = make_groups(f);
	struct dj_err e;

	/* By full name, or by what follows the branch's name. */
	struct member m = in_group("张一", "1970-01-01", "东村党支部", "东村党支部第一党小组");
	assert_int_equal(member_save(f->s, &m, 0, &e), 0);
	assert_int_equal(m.group_id, g.g1);
	assert_int_equal(group_of(f, m.id), g.g1);
	struct member back;
	assert_int_equal(member_load(f->s, m.id, &back, &e), 0);
	assert_string_equal(back.group, "东村党支部第一党小组");
	struct member n = in_group("张二", "1971-01-01", "东村党支部", "第二党小组");
	assert_int_equal(member_save(f->s, &n, 0, &e), 0);
	assert_int_equal(group_of(f, n.id), g.g2);
	assert_string_equal(n.group, "东村党支部第二党小组");
	/* None is fine. */
	struct member o = in_group("张三", "1972-01-01", "东村党支部", "");
	assert_int_equal(member_save(f->s, &o, 0, &e), 0);
	assert_int_equal(group_of(f, o.id), 0);

	static const struct { const char *group, *words; } refused[] = {
		{ "西村第一党小组", "属于「西村党支部」，不属于所在支部「东村党支部」" },
		{ "西村党支部", "是党支部，不是党小组" },
		{ "东村党支部第三党小组", "已撤销" },
		{ "第九党小组", "不是「东村党支部」的党小组" },
	};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		struct member r = in_group("李四", "1980-01-01", "东村党支部", refused[i].group);
		assert_int_equal(member_save(f->s, &r, 0, &e), DJ_INVALID);
		assert_string_equal(e.field, "group");
		if (!strstr(e.msg, refused[i].words))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, refused[i].words);
		assert_string_equal(r.group, refused[i].group);   /* what was typed stays */
	}
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member WHERE name = '李四'", -1, 0), 0);
	(void)g.west;
	(void)g.gone;
}

static void a_move_to_another_branch_clears_the_group(void **state)
{
	struct fixture *f = *state;
	struct groups g = make_groups(f);
	struct dj_err e;
	struct member m = in_group("王一", "1970-01-01", "东村党支部", "第一党小组");
	assert_int_equal(member_save(f->s, &m, 0, &e), 0);

	/* Editing 所在支部 with the old group still in the record. */
	snprintf(m.org, sizeof m.org, "西村党支部");
	assert_int_equal(member_save(f->s, &m, 0, &e), 0);
	assert_int_equal(group_of(f, m.id), 0);
	assert_string_equal(m.group, "");
	/* ... or naming a group of the new branch in the same save. */
	snprintf(m.org, sizeof m.org, "东村党支部");
	snprintf(m.group, sizeof m.group, "第二党小组");
	assert_int_equal(member_save(f->s, &m, 0, &e), 0);
	assert_int_equal(group_of(f, m.id), g.g2);
	snprintf(m.org, sizeof m.org, "西村党支部");
	snprintf(m.group, sizeof m.group, "西村第一党小组");
	assert_int_equal(member_save(f->s, &m, 0, &e), 0);
	assert_int_equal(group_of(f, m.id), g.west);

	/* 内部调整 to another branch. */
	struct member_event ev = { 0 };
	snprintf(ev.type, sizeof ev.type, "内部调整");
	snprintf(ev.date, sizeof ev.date, "2026-11-01");
	snprintf(ev.to_org, sizeof ev.to_org, "东村党支部");
	assert_int_equal(member_record_event(f->s, m.id, m.version, &ev, &e), 0);
	assert_int_equal(group_of(f, m.id), 0);

	/* 流出 keeps the branch and the group; 转出 leaves both. */
	assert_int_equal(member_load(f->s, m.id, &m, &e), 0);
	snprintf(m.group, sizeof m.group, "第一党小组");
	assert_int_equal(member_save(f->s, &m, 0, &e), 0);
	memset(&ev, 0, sizeof ev);
	snprintf(ev.type, sizeof ev.type, "流出");
	snprintf(ev.date, sizeof ev.date, "2026-11-02");
	snprintf(ev.to_org, sizeof ev.to_org, "杭州");
	assert_int_equal(member_record_event(f->s, m.id, m.version, &ev, &e), 0);
	assert_int_equal(group_of(f, m.id), g.g1);
	assert_int_equal(member_load(f->s, m.id, &m, &e), 0);
	memset(&ev, 0, sizeof ev);
	snprintf(ev.type, sizeof ev.type, "转出");
	snprintf(ev.date, sizeof ev.date, "2026-11-03");
	snprintf(ev.to_org, sizeof ev.to_org, "中共上虞区百官街道委员会");
	snprintf(ev.letter_no, sizeof ev.letter_no, "驿组转字〔2026〕1号");
	snprintf(ev.valid_days, sizeof ev.valid_days, "30");
	snprintf(ev.dues_paid_to, sizeof ev.dues_paid_to, "2026-10");
	assert_int_equal(member_record_event(f->s, m.id, m.version, &ev, &e), 0);
	assert_int_equal(group_of(f, m.id), 0);
}

static int import(struct fixture *f, const char *csv, char *report, size_t cap, int *n)
{
	char path[256];
	snprintf(path, sizeof path, "%s/g.csv", f->t.dir);
	fx_write_file(path, csv);
	FILE *r = fmemopen(report, cap, "w");
	int rc = member_import_csv(f->s, path, r, n);
	fclose(r);
	return rc;
}

static void the_csv_carries_the_group_both_ways(void **state)
{
	struct fixture *f = *state;
	struct groups g = make_groups(f);
	char csv[2048], report[2048], a[19], b[19], c[19];
	int n = 0;
	fx_id(a, "1968-04-12", 31);
	fx_id(b, "1990-10-03", 41);
	fx_id(c, "1955-12-25", 51);
	snprintf(csv, sizeof csv,
	         "姓名,性别,身份证号,人员类别,入党日期,转正日期,所在党组织,党小组\n"
	         "陈建国,男,%s,正式党员,1990-07-01,1991-07-01,东村党支部,第一党小组\n"
	         "周德明,男,%s,正式党员,2010-07-01,2011-07-01,东村党支部,西村第一党小组\n"
	         "林小红,男,%s,正式党员,1980-07-01,1981-07-01,西村党支部,\n", a, b, c);
	assert_int_equal(import(f, csv, report, sizeof report, &n), 1);
	const char *want = "第 3 行「党小组」值「西村第一党小组」：「所在党小组」「西村第一党小组」属于「西村党支部」";
	if (!strstr(report, want))
		fail_msg("report lacks \"%s\":\n%s", want, report);
	assert_null(strstr(report, "第 2 行"));
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, 0), 0);

	/* Corrected, it comes in; the export writes the group's full name. */
	char *bad = strstr(csv, "西村第一党小组");
	memcpy(bad, "第二党小组", strlen("第二党小组"));
	memmove(bad + strlen("第二党小组"), bad + strlen("西村第一党小组"),
	        strlen(bad + strlen("西村第一党小组")) + 1);
	assert_int_equal(import(f, csv, report, sizeof report, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(db_int(f->s->db, "SELECT group_id FROM member WHERE name = '周德明'", -1, 0),
	                 g.g2);
	char out[256], text[4096] = "";
	snprintf(out, sizeof out, "%s/out.csv", f->t.dir);
	FILE *r = fmemopen(report, sizeof report, "w");
	assert_int_equal(member_export_csv(f->s, out, r, &n), 0);
	fclose(r);
	FILE *in = fopen(out, "r");
	assert_non_null(in);
	text[fread(text, 1, sizeof text - 1, in)] = 0;
	fclose(in);
	if (!strstr(text, "\"所在党组织\",\"党小组\"") ||
	    !strstr(text, "\"东村党支部\",\"东村党支部第一党小组\""))
		fail_msg("export:\n%s", text);

	/* The export reads back: a fresh roster from it has the same groups. */
	assert_int_equal(sqlite3_exec(f->s->db, "DELETE FROM member", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(import(f, text, report, sizeof report, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(db_int(f->s->db, "SELECT group_id FROM member WHERE name = '陈建国'", -1, 0),
	                 g.g1);
	assert_int_equal(db_int(f->s->db, "SELECT group_id FROM member WHERE name = '周德明'", -1, 0),
	                 g.g2);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member WHERE name = '林小红'"
	                        " AND group_id IS NULL", -1, 0), 1);
}

static void statistics_count_each_member_once_by_branch(void **state)
{
	struct fixture *f = *state;
	struct groups g = make_groups(f);
	static const char *const births[] = { "1970-01-01", "1971-01-01", "1972-01-01", "1973-01-01" };
	static const char *const grp[] = { "第一党小组", "第一党小组", "第二党小组", "" };
	for (int i = 0; i < 4; i++) {
		char name[16];
		snprintf(name, sizeof name, "成员%c", 'A' + i);
		struct member m = in_group(name, births[i], "东村党支部", grp[i]);
		fx_id(m.id_number, births[i], 11 + 2 * i);
		assert_true(fx_add(f->s, m) > 0);
	}
	struct member_stats st;
	struct dj_err e;
	assert_int_equal(member_stats_compute(f->s, f->a, &st, &e), 0);
	assert_int_equal(st.total, 4);
	assert_int_equal(member_stats_compute(f->s, f->top, &st, &e), 0);
	assert_int_equal(st.total, 4);
	assert_int_equal(member_count(f->s, f->top, NULL), 4);
	assert_int_equal(member_count(f->s, f->a, NULL), 4);
	long sum = 0;
	for (int i = 0; i < st.group[STAT_GENDER].n; i++)
		sum += st.group[STAT_GENDER].item[i].n;
	assert_int_equal(sum, 4);
	/* The ledger of the branch lists each of them once. */
	struct row_source *rs = member_list_source(f->s, f->a, 0);
	assert_int_equal(rs->count(rs->ctx), 4);
	row_source_free(rs);
	/* A 党小组's roster is its members. */
	rs = member_list_source(f->s, g.g1, 0);
	assert_int_equal(rs->count(rs->ctx), 2);
	row_source_free(rs);
	assert_int_equal(member_count(f->s, g.g1, NULL), 2);
	assert_int_equal(member_count(f->s, g.g2, "正式党员"), 1);
	assert_int_equal(member_count(f->s, g.west, NULL), 0);
}

/* The introducer picker: the applicant's branch first, namesakes told
 * apart by the birth year, or by the 身份证号's tail where the year is
 * shared too; a name that occurs once gets nothing. */
static void the_people_picker_lists_the_branch_first(void **state)
{
	struct fixture *f = *state;
	static const struct { const char *name, *birth, *org; } people[] = {
		{ "艾青", "1960-01-01", "东村党支部" }, { "曹宇航", "1985-07-01", "西村党支部" },
		{ "曹宇航", "1990-03-01", "西村党支部" }, { "张三", "1970-01-01", "西村党支部" },
		{ "曹宇航", "1985-02-01", "南村第一党支部" },
	};
	char ids[5][19];
	for (int i = 0; i < 5; i++) {
		struct member m = fx_member(people[i].name, "男", people[i].birth, people[i].org);
		fx_id(m.id_number, people[i].birth, 11 + 2 * i);
		memcpy(ids[i], m.id_number, sizeof ids[i]);
		assert_true(fx_add(f->s, m) > 0);
	}
	struct rs_row rows[8];
	struct row_source *rs = member_full_source(f->s, f->b);
	int n = rs->fetch(rs->ctx, NULL, 1, 8, rows);
	assert_int_equal(n, 5);
	char tail[16];
	assert_string_equal(rows[0].cell[0], "曹宇航");
	snprintf(tail, sizeof tail, "证尾%s", ids[1] + 14);   /* the other 1985 one is in 南村 */
	assert_string_equal(rows[0].cell[3], tail);
	assert_string_equal(rows[1].cell[3], "1990年生");
	assert_string_equal(rows[2].cell[0], "张三");
	assert_string_equal(rows[2].cell[3], "");
	assert_string_equal(rows[3].cell[0], "艾青");   /* other branches after */
	assert_string_equal(rows[4].cell[0], "曹宇航");
	snprintf(tail, sizeof tail, "证尾%s", ids[4] + 14);
	assert_string_equal(rows[4].cell[3], tail);
	row_source_free(rs);
	rs = member_full_source(f->s, f->a);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 8, rows), 5);
	assert_string_equal(rows[0].cell[0], "艾青");
	row_source_free(rs);
}

static void the_group_picker_lists_the_branchs_groups(void **state)
{
	struct fixture *f = *state;
	make_groups(f);
	struct member m = in_group("王一", "1970-01-01", "东村党支部", "第二党小组");
	assert_true(fx_add(f->s, m) > 0);
	struct rs_row rows[8];
	struct row_source *rs = member_group_source(f->s, f->a);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 8, rows), 2);   /* not the dissolved one */
	assert_string_equal(rows[0].cell[0], "东村党支部第一党小组");
	assert_string_equal(rows[0].cell[1], "0");
	assert_string_equal(rows[1].cell[0], "东村党支部第二党小组");
	assert_string_equal(rows[1].cell[1], "1");
	static const char *const finds[] = { "dcdzbdedxz", "de", "dedxz", "第二" };
	for (size_t i = 0; i < sizeof finds / sizeof *finds; i++) {
		assert_int_equal(rs->set_filter(rs->ctx, finds[i]), 0);
		assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 8, rows), 1);
		assert_string_equal(rows[0].cell[0], "东村党支部第二党小组");
	}
	assert_int_equal(rs->set_filter(rs->ctx, "d"), 0);   /* both */
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 8, rows), 2);
	row_source_free(rs);
	rs = member_group_source(f->s, 0);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 8, rows), 0);
	row_source_free(rs);
}

/* A 党小组 dissolved, or moved under another branch, takes nobody with it:
 * its members stay in their branch without a group, and each member's
 * record logs the change (issue 19 item 1). */
static void a_group_dissolved_or_moved_releases_its_members(void **state)
{
	struct fixture *f = *state;
	struct groups g = make_groups(f);
	struct dj_err e;
	struct member a = in_group("王一", "1970-01-01", "东村党支部", "第一党小组");
	struct member b = in_group("王二", "1971-01-01", "东村党支部", "第二党小组");
	struct member c = in_group("王三", "1972-01-01", "东村党支部", "第二党小组");
	assert_true(fx_add(f->s, a) > 0 && fx_add(f->s, b) > 0 && fx_add(f->s, c) > 0);
	int64_t ia = db_int(f->s->db, "SELECT id FROM member WHERE name = '王一'", -1, 0);
	int64_t ib = db_int(f->s->db, "SELECT id FROM member WHERE name = '王二'", -1, 0);

	struct org o;
	assert_int_equal(org_load(f->s, g.g1, &o, &e), 0);
	assert_int_equal(org_dissolve(f->s, g.g1, o.version, "2026-11-20", "合并", &e), 0);
	assert_int_equal(group_of(f, ia), 0);
	assert_int_equal(group_of(f, ib), g.g2);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'member'"
	                        " AND row_id = ? AND old_json LIKE '%东村党支部第一党小组%'", ia, 0), 1);

	assert_int_equal(org_load(f->s, g.g2, &o, &e), 0);
	snprintf(o.parent, sizeof o.parent, "西村党支部");
	assert_int_equal(org_save(f->s, &o, 0, &e), 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member WHERE group_id IS NOT NULL",
	                        -1, 0), 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member WHERE name LIKE '王%'"
	                        " AND org_id = (SELECT id FROM org WHERE name = '东村党支部')", -1, 0), 3);
	/* Saving the moved group again touches nobody. */
	assert_int_equal(org_load(f->s, g.g2, &o, &e), 0);
	long before = db_int(f->s->db, "SELECT count(*) FROM audit_log", -1, 0);
	snprintf(o.notes, sizeof o.notes, "备注");
	assert_int_equal(org_save(f->s, &o, 0, &e), 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log", -1, 0), before + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(the_group_is_one_of_the_branchs_own),
		FX_TEST(a_move_to_another_branch_clears_the_group),
		FX_TEST(the_csv_carries_the_group_both_ways),
		FX_TEST(statistics_count_each_member_once_by_branch),
		FX_TEST(the_people_picker_lists_the_branch_first),
		FX_TEST(the_group_picker_lists_the_branchs_groups),
		FX_TEST(a_group_dissolved_or_moved_releases_its_members),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
