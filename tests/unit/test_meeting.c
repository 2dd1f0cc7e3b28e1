/* Meetings and their sign-in sheets: rules naming the field, the version
 * check shared by the record and its sheet, the sheet's defaults and counts,
 * the ledger, delete, and the CSV export. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/csv.h"
#include "core/text.h"
#include "fixture.h"
#include "org/org.h"
#include "orglife/attendance.h"
#include "orglife/meeting.h"

/* 驿亭镇's 联桥村党支部 with 张三 李四 directly and 王五 赵六 in its 党小组;
 * 钱七 has moved out.  All founded 2001-07-01. */
static int64_t township(struct session *s)
{
	int64_t g, br = fx_town(s, "2001-07-01", "2001-07-01", &g);
	fx_member_row(s, br, "张三", "男", "status", "正常");
	fx_member_row(s, br, "李四", "男", "status", "正常");
	fx_member_row(s, g, "王五", "男", "status", "正常");
	fx_member_row(s, g, "赵六", "男", "status", "正常");
	fx_member_row(s, br, "钱七", "男", "status", "转出");
	return br;
}

static struct meeting make(const char *org, const char *type, const char *date, const char *topic)
{
	struct meeting m = { 0 };
	snprintf(m.org, sizeof m.org, "%s", org);
	snprintf(m.type, sizeof m.type, "%s", type);
	snprintf(m.date, sizeof m.date, "%s", date);
	snprintf(m.topic, sizeof m.topic, "%s", topic);
	return m;
}

static void rules_name_the_field(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	struct { struct meeting m; const char *field, *text; } cases[] = {
		{ make("", "支委会", "2026-11-05", "研究发展党员"), "org", "不能为空" },
		{ make("无此支部", "支委会", "2026-11-05", "研究发展党员"), "org", "不存在" },
		{ make("联桥村党支部", "", "2026-11-05", "研究发展党员"), "type", "不能为空" },
		{ make("联桥村党支部", "支部大会", "2026-11-05", "研究发展党员"), "type", "不在类型表中" },
		{ make("联桥村党支部", "支委会", "", "研究发展党员"), "date", "不能为空" },
		{ make("联桥村党支部", "支委会", "2026-02-30", "研究发展党员"), "date", "2026-02-30" },
		{ make("联桥村党支部", "支委会", "2026-11-22", "研究发展党员"), "date", "今天之后" },
		{ make("联桥村党支部", "支委会", "1999-05-01", "研究发展党员"), "date", "成立日期" },
		{ make("联桥村党支部", "支委会", "2026-11-05", ""), "topic", "不能为空" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct dj_err e;
		assert_int_equal(meeting_save(&t->s, &cases[i].m, &e), DJ_INVALID);
		assert_string_equal(e.field, cases[i].field);
		if (!strstr(e.msg, cases[i].text))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, cases[i].text);
	}
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM meeting", -1, 0), 0);
}

static void save_load_and_a_stale_copy(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	struct meeting m = make("联桥村党支部", "党课", "2026.11.3", "学习党章");
	snprintf(m.host, sizeof m.host, "李国良");
	snprintf(m.minutes, sizeof m.minutes, "一、学习党章第一章。\n二、讨论。");
	struct dj_err e;
	assert_int_equal(meeting_save(&t->s, &m, &e), 0);
	struct meeting back, mine;
	assert_int_equal(meeting_load(&t->s, m.id, &back, &e), 0);
	assert_string_equal(back.date, "2026-11-03");
	assert_string_equal(back.minutes, "一、学习党章第一章。\n二、讨论。");
	assert_string_equal(back.counts, "应到 0 人  实到 0 人  请假 0 人  缺席 0 人");
	mine = back;
	snprintf(back.topic, sizeof back.topic, "学习党章总纲");
	assert_int_equal(meeting_save(&t->s, &back, &e), 0);
	snprintf(mine.recorder, sizeof mine.recorder, "陈志明");
	assert_int_equal(meeting_save(&t->s, &mine, &e), DJ_CONFLICT);
	assert_non_null(strstr(e.msg, "已被他人修改"));
	assert_string_equal(mine.recorder, "陈志明");
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='meeting'", -1, 0), 2);
}

static struct att_row *row_of(struct att_sheet *sh, const char *name)
{
	for (int i = 0; i < sh->n; i++)
		if (strcmp(sh->rows[i].name, name) == 0)
			return &sh->rows[i];
	fail_msg("%s not on the sheet", name);
	return NULL;
}

static void the_sheet_starts_from_the_members(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	struct meeting congress = make("联桥村党支部", "支部党员大会", "2026-10-10", "换届");
	struct meeting committee = make("联桥村党支部", "支委会", "2026-11-05", "发展党员");
	struct meeting group = make("联桥村第一党小组", "党小组会", "2026-11-06", "学习");
	struct dj_err e;
	struct att_sheet sh;
	assert_int_equal(meeting_save(&t->s, &congress, &e), 0);
	assert_int_equal(meeting_save(&t->s, &committee, &e), 0);
	assert_int_equal(meeting_save(&t->s, &group, &e), 0);

	/* The branch's own members first, then its group's; 钱七 moved out. */
	assert_int_equal(attendance_load(&t->s, congress.id, &sh, &e), 0);
	assert_int_equal(sh.n, 4);
	assert_string_equal(sh.rows[0].name, "李四");
	assert_string_equal(sh.rows[1].name, "张三");
	assert_string_equal(sh.rows[2].name, "王五");
	assert_string_equal(sh.rows[3].org, "联桥村第一党小组");
	for (int i = 0; i < 4; i++)
		assert_int_equal(sh.rows[i].state, ATT_PRESENT);
	attendance_free(&sh);

	assert_int_equal(attendance_load(&t->s, committee.id, &sh, &e), 0);
	for (int i = 0; i < sh.n; i++)
		assert_int_equal(sh.rows[i].state, ATT_NONE);   /* only the committee sits */
	attendance_free(&sh);

	assert_int_equal(attendance_load(&t->s, group.id, &sh, &e), 0);
	assert_int_equal(sh.n, 2);
	attendance_free(&sh);
}

/* Members of 联桥村党支部 put in its 党小组 by member_save (issue 19): the
 * group's sheet is theirs, the branch's lists everyone once, under their
 * group; namesakes read apart. */
static void a_groups_sheet_lists_the_members_in_the_group(void **state)
{
	struct testdb *t = *state;
	int64_t g, br = fx_town(&t->s, "2001-07-01", "2001-07-01", &g);
	fx_org_founded(&t->s, "联桥村第二党小组", "党小组", "联桥村党支部", "2001-07-01");
	static const struct { const char *name, *birth, *group; } people[] = {
		{ "曹宇航", "1985-07-01", "联桥村第一党小组" }, { "曹宇航", "1990-03-01", "" },
		{ "王五", "1970-01-01", "联桥村第一党小组" }, { "赵六", "1971-01-01", "联桥村第二党小组" },
	};
	for (int i = 0; i < 4; i++) {
		struct member m = fx_member(people[i].name, "男", people[i].birth, "联桥村党支部");
		fx_id(m.id_number, people[i].birth, 11 + 2 * i);
		snprintf(m.group, sizeof m.group, "%s", people[i].group);
		assert_true(fx_add(&t->s, m) > 0);
	}
	struct meeting gm = make("联桥村第一党小组", "党小组会", "2026-11-06", "学习");
	struct meeting other = make("联桥村第二党小组", "党小组会", "2026-11-06", "学习");
	struct meeting congress = make("联桥村党支部", "支部党员大会", "2026-10-10", "换届");
	struct dj_err e;
	struct att_sheet sh;
	assert_int_equal(meeting_save(&t->s, &gm, &e), 0);
	assert_int_equal(meeting_save(&t->s, &other, &e), 0);
	assert_int_equal(meeting_save(&t->s, &congress, &e), 0);

	assert_int_equal(attendance_load(&t->s, gm.id, &sh, &e), 0);
	assert_true(sh.is_group);
	assert_int_equal(sh.n, 2);
	assert_string_equal(sh.rows[0].name, "曹宇航");
	assert_string_equal(sh.rows[0].tell, "");   /* the other 曹宇航 is not on this sheet */
	assert_string_equal(sh.rows[1].name, "王五");
	assert_string_equal(sh.rows[1].org, "联桥村第一党小组");
	struct att_counts c;
	attendance_count(sh.rows, sh.n, &c);
	assert_int_equal(c.expected, 2);
	assert_int_equal(attendance_save(&t->s, &sh, &e), 0);
	attendance_free(&sh);
	assert_int_equal(meeting_counts(&t->s, gm.id, &c), 0);
	assert_int_equal(c.expected, 2);

	assert_int_equal(attendance_load(&t->s, other.id, &sh, &e), 0);
	assert_int_equal(sh.n, 1);
	assert_string_equal(sh.rows[0].name, "赵六");
	attendance_free(&sh);

	/* The branch's: everyone once, its own member first, then by group. */
	assert_int_equal(attendance_load(&t->s, congress.id, &sh, &e), 0);
	assert_false(sh.is_group);
	assert_int_equal(sh.n, 4);
	assert_string_equal(sh.rows[0].org, "联桥村党支部");
	assert_string_equal(sh.rows[0].tell, "1990年生");
	assert_string_equal(sh.rows[1].org, "联桥村第二党小组");   /* dierdxz before diyidxz */
	assert_string_equal(sh.rows[2].name, "曹宇航");
	assert_string_equal(sh.rows[2].tell, "1985年生");
	assert_string_equal(sh.rows[3].tell, "");
	attendance_free(&sh);
	(void)br;
	(void)g;
}

static void two_leaves_and_an_absence_are_counted(void **state)
{
	struct testdb *t = *state;
	int64_t br = township(&t->s);
	struct meeting m = make("联桥村党支部", "支委会", "2026-11-05", "研究发展党员");
	struct dj_err e;
	struct att_sheet sh, stale;
	assert_int_equal(meeting_save(&t->s, &m, &e), 0);
	assert_int_equal(attendance_load(&t->s, m.id, &sh, &e), 0);
	assert_int_equal(attendance_load(&t->s, m.id, &stale, &e), 0);
	row_of(&sh, "张三")->state = ATT_PRESENT;
	snprintf(row_of(&sh, "张三")->reason, sizeof sh.rows[0].reason, "不应保存");
	row_of(&sh, "李四")->state = ATT_LEAVE;
	snprintf(row_of(&sh, "李四")->reason, sizeof sh.rows[0].reason, "外出务工");
	row_of(&sh, "王五")->state = ATT_LEAVE;
	row_of(&sh, "赵六")->state = ATT_ABSENT;
	struct att_counts c;
	attendance_count(sh.rows, sh.n, &c);
	assert_int_equal(c.expected, 4);
	assert_int_equal(c.present, 1);
	assert_int_equal(c.leave, 2);
	assert_int_equal(c.absent, 1);
	assert_int_equal(attendance_save(&t->s, &sh, &e), 0);
	assert_int_equal(sh.version, m.version + 1);
	assert_string_equal(row_of(&sh, "张三")->reason, "");
	attendance_free(&sh);

	/* The other copy was read before: its save is refused. */
	stale.rows[0].state = ATT_ABSENT;
	assert_int_equal(attendance_save(&t->s, &stale, &e), DJ_CONFLICT);
	attendance_free(&stale);
	/* So is the record's, read at the old version. */
	assert_int_equal(meeting_save(&t->s, &m, &e), DJ_CONFLICT);

	struct meeting back;
	assert_int_equal(meeting_load(&t->s, m.id, &back, &e), 0);
	assert_string_equal(back.counts, "应到 4 人  实到 1 人  请假 2 人  缺席 1 人");
	char reason[64];
	sqlite3_stmt *st;
	sqlite3_prepare_v2(t->s.db, "SELECT coalesce(group_concat(reason), '') FROM attendance"
	                   " WHERE meeting_id = ? AND reason IS NOT NULL", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, m.id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(reason, sizeof reason, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_string_equal(reason, "外出务工");

	/* Reopened, the sheet shows what was saved; unmarked rows stay blank. */
	assert_int_equal(attendance_load(&t->s, m.id, &sh, &e), 0);
	assert_int_equal(row_of(&sh, "赵六")->state, ATT_ABSENT);
	assert_int_equal(row_of(&sh, "李四")->stored, 1);
	attendance_free(&sh);

	/* The ledger row carries the counts. */
	struct row_source *rs = meeting_list_source(&t->s, br);
	struct rs_row r;
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 1, &r), 1);
	assert_string_equal(r.cell[1], "支委会");
	assert_string_equal(r.cell[4], "4");
	assert_string_equal(r.cell[5], "1");
	assert_string_equal(r.cell[6], "2");
	assert_string_equal(r.cell[7], "1");
	row_source_free(rs);
}

static void ledger_newest_first_scope_and_find(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	fx_org_founded(&t->s, "二都村党支部", "党支部", "中共驿亭镇委员会", "2001-07-01");
	const char *dates[] = { "2026-03-01", "2026-11-01", "2026-07-01" };
	struct dj_err e;
	for (int i = 0; i < 3; i++) {
		struct meeting m = make("联桥村党支部", "党课", dates[i], "学习");
		assert_int_equal(meeting_save(&t->s, &m, &e), 0);
	}
	struct meeting other = make("二都村党支部", "支委会", "2026-10-01", "乡村振兴");
	assert_int_equal(meeting_save(&t->s, &other, &e), 0);
	int64_t lq;
	org_find_by_name(&t->s, "联桥村党支部", &lq);
	struct row_source *rs = meeting_list_source(&t->s, lq);
	struct rs_row r[4];
	assert_int_equal(rs->count(rs->ctx), 3);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 4, r), 3);
	assert_string_equal(r[0].cell[0], "2026-11-01");
	assert_string_equal(r[2].cell[0], "2026-03-01");
	row_source_free(rs);
	rs = meeting_list_source(&t->s, 0);
	assert_int_equal(rs->count(rs->ctx), 4);
	rs->set_filter(rs->ctx, "edc");   /* 二都村 by pinyin initials */
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 4, r), 1);
	assert_string_equal(r[0].cell[3], "乡村振兴");
	row_source_free(rs);
	/* The form's lookup offers 党小组 too. */
	rs = meeting_org_source(&t->s);
	rs->set_filter(rs->ctx, "党小组");
	assert_int_equal(rs->count(rs->ctx), 1);
	row_source_free(rs);
}

/* The leave list of a big branch's meeting goes out whole, whatever its
 * length (the issue found it cut at 1,024 bytes). */
static void a_long_leave_list_is_exported_whole(void **state)
{
	struct testdb *t = *state;
	int64_t br = township(&t->s);
	char name[32];
	for (int i = 0; i < 60; i++) {
		snprintf(name, sizeof name, "请假者𠮷%02d", i);
		fx_member_row(&t->s, br, name, "男", "status", "正常");
	}
	struct dj_err e;
	struct meeting m = make("联桥村党支部", "支部党员大会", "2026-03-15", "传达学习全会精神");
	assert_int_equal(meeting_save(&t->s, &m, &e), 0);
	struct att_sheet sh;
	assert_int_equal(attendance_load(&t->s, m.id, &sh, &e), 0);
	for (int i = 0; i < sh.n; i++)
		if (strncmp(sh.rows[i].name, "请假者", strlen("请假者")) == 0) {
			sh.rows[i].state = ATT_LEAVE;
			snprintf(sh.rows[i].reason, sizeof sh.rows[i].reason, "外出务工在广东省深圳市");
		}
	assert_int_equal(attendance_save(&t->s, &sh, &e), 0);
	attendance_free(&sh);

	char path[160];
	snprintf(path, sizeof path, "%s/会议.csv", t->dir);
	int n = 0;
	assert_int_equal(meeting_export_csv(&t->s, path, stderr, &n), 0);
	char why[256], **f;
	int line;
	struct csv_reader *rd = csv_open(path, why, sizeof why);
	assert_non_null(rd);
	assert_int_equal(csv_next(rd, &f, &line), 14);
	assert_int_equal(csv_next(rd, &f, &line), 14);
	assert_string_equal(f[8], "60");
	assert_true(strlen(f[11]) > 3000);
	for (int i = 0; i < 60; i++) {
		snprintf(name, sizeof name, "请假者𠮷%02d（外出务工在广东省深圳市）", i);
		if (!strstr(f[11], name))
			fail_msg("%s missing from the exported 请假人员", name);
	}
	csv_close(rd);
}

static void delete_and_export(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	struct dj_err e;
	struct meeting m = make("联桥村党支部", "民主评议", "2026-01-15", "民主评议党员");
	snprintf(m.minutes, sizeof m.minutes, "=SUM(A1)\n第二行");
	assert_int_equal(meeting_save(&t->s, &m, &e), 0);
	struct att_sheet sh;
	assert_int_equal(attendance_load(&t->s, m.id, &sh, &e), 0);
	row_of(&sh, "王五")->state = ATT_LEAVE;
	snprintf(row_of(&sh, "王五")->reason, sizeof sh.rows[0].reason, "住院");
	assert_int_equal(attendance_save(&t->s, &sh, &e), 0);
	attendance_free(&sh);

	char path[160];
	snprintf(path, sizeof path, "%s/会议.csv", t->dir);
	int n = 0;
	assert_int_equal(meeting_export_csv(&t->s, path, stderr, &n), 0);
	assert_int_equal(n, 1);
	char why[256], **f;
	int line;
	struct csv_reader *rd = csv_open(path, why, sizeof why);
	assert_non_null(rd);
	assert_int_equal(csv_next(rd, &f, &line), 14);
	assert_string_equal(f[0], "日期");
	assert_string_equal(f[11], "请假人员");
	assert_int_equal(csv_next(rd, &f, &line), 14);
	assert_string_equal(f[1], "民主评议");
	assert_string_equal(f[6], "4");
	assert_string_equal(f[7], "3");
	assert_string_equal(f[11], "王五（住院）");
	assert_string_equal(f[13], "=SUM(A1)\n第二行");   /* neutralised on the way out, undone on reading */
	csv_close(rd);

	int64_t version = db_int(t->s.db, "SELECT version FROM meeting", -1, 0);
	assert_int_equal(meeting_delete(&t->s, m.id, version - 1, &e), DJ_CONFLICT);
	assert_int_equal(meeting_delete(&t->s, m.id, version, &e), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM attendance", -1, 0), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='meeting'"
	                        " AND action='删除'", -1, 0), 1);
}

static void a_viewer_may_not_record(void **state)
{
	struct testdb *t = *state;
	township(&t->s);
	t->s.role = ROLE_VIEWER;
	struct meeting m = make("联桥村党支部", "党课", "2026-11-01", "学习");
	struct dj_err e;
	assert_int_equal(meeting_save(&t->s, &m, &e), DJ_DENIED);
	assert_int_equal(m.id, 0);
}

/* The branches a compliance table and the dues ledger list come in tree
 * order (by 排序号, which follows entry), not by pinyin initials, which put
 * 第二 (dezb) and 第十 (dszb) before 第一 (dyzb): issue 19 item 10. */
static void branches_come_in_tree_order(void **state)
{
	struct testdb *t = *state;
	int64_t g;
	fx_town(&t->s, "2001-07-01", "2001-07-01", &g);
	static const char *const made[] = { "五夫村第一党支部", "五夫村第二党支部", "五夫村第十党支部" };
	for (int i = 0; i < 3; i++)
		fx_org_founded(&t->s, made[i], "党支部", FX_TOWN, "2001-07-01");
	struct branch_ref *b;
	int n;
	struct dj_err e;
	assert_int_equal(meeting_branches(&t->s, 0, &b, &n, &e), 0);
	assert_int_equal(n, 4);
	assert_string_equal(b[0].name, "联桥村党支部");   /* lian before wu */
	assert_string_equal(b[1].name, "五夫村第一党支部");
	assert_string_equal(b[2].name, "五夫村第二党支部");
	assert_string_equal(b[3].name, "五夫村第十党支部");
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_DB_TEST(rules_name_the_field),
		FX_DB_TEST(save_load_and_a_stale_copy),
		FX_DB_TEST(the_sheet_starts_from_the_members),
		FX_DB_TEST(a_groups_sheet_lists_the_members_in_the_group),
		FX_DB_TEST(two_leaves_and_an_absence_are_counted),
		FX_DB_TEST(ledger_newest_first_scope_and_find),
		FX_DB_TEST(delete_and_export),
		FX_DB_TEST(a_long_leave_list_is_exported_whole),
		FX_DB_TEST(a_viewer_may_not_record),
		FX_DB_TEST(branches_come_in_tree_order),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pinyin_shutdown();
	return rc;
}
