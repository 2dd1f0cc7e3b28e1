/* The audit log: every change on record, read back field by field, filtered,
 * exported, and never editable. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "admin/audit.h"
#include "core/text.h"
#include "core/outfile.h"
#include "admin/user.h"
#include "demo/demo.h"
#include "fixture.h"
#include "org/org.h"

static void json_members_read_back(void **state)
{
	(void)state;
	const char *j = "{\"书记\":\"王\\\"五\\\\\",\"备注\":\"第一行\\n第二行\",\"空\":null,"
	                "\"数\":12, \"字\":\"\\u4e2d\\ud842\\udfb7\"}";
	char v[64];
	assert_int_equal(audit_json_get(j, "书记", v, sizeof v), 1);
	assert_string_equal(v, "王\"五\\");
	assert_int_equal(audit_json_get(j, "备注", v, sizeof v), 1);
	assert_string_equal(v, "第一行\n第二行");
	assert_int_equal(audit_json_get(j, "空", v, sizeof v), 1);
	assert_string_equal(v, "");
	assert_int_equal(audit_json_get(j, "数", v, sizeof v), 1);
	assert_string_equal(v, "12");
	assert_int_equal(audit_json_get(j, "字", v, sizeof v), 1);
	assert_string_equal(v, "中𠮷");
	assert_int_equal(audit_json_get(j, "没有", v, sizeof v), 0);
	/* A short buffer never ends in half a character. */
	assert_int_equal(audit_json_get(j, "备注", v, 8), 1);
	assert_string_equal(v, "第一");
	assert_int_equal(audit_json_get("not json", "x", v, sizeof v), 0);
	assert_int_equal(audit_json_each("{\"a\":}", NULL, NULL), -1);
}

static void differences_are_listed_field_by_field(void **state)
{
	(void)state;
	char out[512];
	const char *was = "{\"名称\":\"甲\",\"书记\":null,\"电话\":\"1\",\"旧栏\":\"x\"}";
	const char *now = "{\"名称\":\"甲\",\"书记\":\"王五\",\"电话\":\"2\"}";
	assert_int_equal(audit_diff_text(NULL, was, now, out, sizeof out), 3);
	assert_string_equal(out, "书记：（空） → 王五\n电话：1 → 2\n旧栏：x → （空）\n");
	assert_int_equal(audit_diff_text(NULL, NULL, now, out, sizeof out), 3);
	assert_string_equal(out, "名称：甲\n书记：王五\n电话：2\n");
	assert_int_equal(audit_diff_text(NULL, was, NULL, out, sizeof out), 3);
	assert_string_equal(out, "名称：甲\n电话：1\n旧栏：x\n");
	assert_int_equal(audit_diff_text(NULL, now, now, out, sizeof out), 0);
	assert_string_equal(out, "");
}

static void every_change_is_on_record(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	int64_t id = fx_org(&t->s, "中共驿亭镇委员会", "党委", "");
	struct org o;
	assert_int_equal(org_load(&t->s, id, &o, &e), 0);
	snprintf(o.secretary, sizeof o.secretary, "王五");
	assert_int_equal(org_save(&t->s, &o, 0, &e), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='org' AND row_id=?",
	                        id, 0), 2);
	struct audit_entry a;
	assert_int_equal(audit_last_change(&t->s, "org", id, &a), 0);
	assert_string_equal(a.action, "修改");
	assert_string_equal(a.login, t->s.login);
	assert_string_equal(a.table, "org");
	assert_int_equal(a.row_id, id);
	char diff[256];
	assert_int_equal(audit_diff_text("org", a.old_json, a.new_json, diff, sizeof diff), 1);
	assert_string_equal(diff, "书记：（空） → 王五\n");
	struct audit_entry b;
	assert_int_equal(audit_get(&t->s, a.id, &b, &e), 0);
	assert_string_equal(b.new_json, a.new_json);
	audit_entry_free(&a);
	audit_entry_free(&b);
	assert_int_equal(audit_last_change(&t->s, "org", 999, &a), -1);
	assert_int_equal(audit_get(&t->s, 999, &b, &e), DJ_NOTFOUND);
}

static void the_log_cannot_be_changed(void **state)
{
	struct testdb *t = *state;
	fx_org(&t->s, "中共驿亭镇委员会", "党委", "");
	char *msg = NULL;
	assert_int_not_equal(sqlite3_exec(t->s.db, "UPDATE audit_log SET login='someone'", NULL, NULL,
	                                  &msg), SQLITE_OK);
	assert_string_equal(msg, "操作日志不能修改");
	sqlite3_free(msg);
	assert_int_not_equal(sqlite3_exec(t->s.db, "DELETE FROM audit_log", NULL, NULL, &msg), SQLITE_OK);
	assert_string_equal(msg, "操作日志不能删除");
	sqlite3_free(msg);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log", -1, 0), 1);
}

static void filters_are_checked_and_normalised(void **state)
{
	(void)state;
	struct dj_err e;
	struct audit_filter f = { .table = "党组织", .from = "2026.11.1", .to = "20261121" };
	assert_int_equal(audit_filter_check(&f, &e), 0);
	assert_string_equal(f.from, "2026-11-01");
	assert_string_equal(f.to, "2026-11-21");
	assert_string_equal(audit_table_name(f.table), "org");
	struct audit_filter bad = { .table = "火星" };
	assert_int_equal(audit_filter_check(&bad, &e), DJ_INVALID);
	assert_string_equal(e.field, "table");
	struct audit_filter bad_date = { .from = "2026-02-30" };
	assert_int_equal(audit_filter_check(&bad_date, &e), DJ_INVALID);
	assert_string_equal(e.field, "from");
	struct audit_filter reversed = { .from = "2026-11-21", .to = "2026-11-01" };
	assert_int_equal(audit_filter_check(&reversed, &e), DJ_INVALID);
	assert_string_equal(e.field, "to");
	struct audit_filter id = { .row_id = "x1" };
	assert_int_equal(audit_filter_check(&id, &e), DJ_INVALID);
	assert_string_equal(e.field, "row_id");
	assert_string_equal(audit_table_label("member"), "党员");
	assert_string_equal(audit_table_label("unknown_table"), "unknown_table");
}

/* An entry as the program writes it (audit_record), at a time of the
 * test's choosing: the next id, chained to the last by dj_audit_mac. */
static void entry_at(struct testdb *t, const char *at, const char *login, const char *tbl,
                     int64_t row_id, const char *action, const char *old_json, const char *new_json)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t->s.db,
	        "INSERT INTO audit_log(id, at, login, tbl, row_id, action, old_json, new_json, mac)"
	        " SELECT n.id, ?1, ?2, ?3, ?4, ?5, ?6, ?7, dj_audit_mac(n.prev, n.id, ?1, ?2, ?3, ?4, ?5,"
	        " ?6, ?7) FROM (SELECT coalesce(max(id), 0) + 1 AS id, (SELECT mac FROM audit_log"
	        " ORDER BY id DESC LIMIT 1) AS prev FROM audit_log) n", -1, &st, NULL), SQLITE_OK);
	const char *text[] = { at, login, tbl };
	for (int i = 0; i < 3; i++)
		sqlite3_bind_text(st, i + 1, text[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, row_id);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	db_bind_text(st, 6, old_json, 1);
	db_bind_text(st, 7, new_json, 1);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail_msg("%s", sqlite3_errmsg(t->s.db));
	sqlite3_finalize(st);
}

/* Three entries by two people on two days (the log only grows through
 * audit_record; this is how its rows would look). */
static void three_entries(struct testdb *t)
{
	assert_int_equal(sqlite3_exec(t->s.db,
	        "INSERT INTO app_user(login, display_name, role) VALUES ('zhangsan','张三','operator');",
	        NULL, NULL, NULL), SQLITE_OK);
	entry_at(t, "2026-11-01 09:00:00", "zhangsan", "org", 7, "新增", NULL,
	         "{\"党组织名称\":\"联桥村党支部\"}");
	entry_at(t, "2026-11-02 10:30:00", "lisi", "member", 3, "修改",
	         "{\"姓名\":\"王五\",\"电话\":\"1\"}", "{\"姓名\":\"王五\",\"电话\":\"2\"}");
	entry_at(t, "2026-11-02 11:00:00", "zhangsan", "org", 7, "撤销",
	         "{\"党组织名称\":\"联桥村党支部\",\"状态\":\"正常\",\"撤销原因\":null}",
	         "{\"党组织名称\":\"联桥村党支部\",\"状态\":\"撤销\",\"撤销原因\":\"合并\"}");
}

static long count_with(struct session *s, struct audit_filter f, const char *find)
{
	struct dj_err e;
	assert_int_equal(audit_filter_check(&f, &e), 0);
	struct row_source *rs = audit_list_source(s, &f, &e);
	assert_non_null(rs);
	if (find)
		rs->set_filter(rs->ctx, find);
	long n = rs->count(rs->ctx);
	row_source_free(rs);
	return n;
}

static void the_list_filters_by_person_object_record_and_date(void **state)
{
	struct testdb *t = *state;
	three_entries(t);
	struct dj_err e;
	struct row_source *rs = audit_list_source(&t->s, NULL, &e);
	assert_non_null(rs);
	struct rs_row rows[4];
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 4, rows), 3);
	/* Newest first, names in Chinese, the record named, the fields changed. */
	assert_string_equal(rows[0].cell[0], "2026-11-02 11:00");
	assert_string_equal(rows[0].cell[1], "张三");
	assert_string_equal(rows[0].cell[2], "党组织");
	assert_string_equal(rows[0].cell[3], "联桥村党支部#7");
	assert_string_equal(rows[0].cell[4], "撤销");
	assert_string_equal(rows[0].cell[5], "状态、撤销原因");
	assert_string_equal(rows[1].cell[1], "lisi");
	assert_string_equal(rows[1].cell[3], "王五#3");
	assert_string_equal(rows[1].cell[5], "电话");
	assert_string_equal(rows[2].cell[5], "");
	row_source_free(rs);

	assert_int_equal(count_with(&t->s, (struct audit_filter){ .who = "张三" }, NULL), 2);
	assert_int_equal(count_with(&t->s, (struct audit_filter){ .who = "lisi" }, NULL), 1);
	assert_int_equal(count_with(&t->s, (struct audit_filter){ .table = "党员" }, NULL), 1);
	assert_int_equal(count_with(&t->s, (struct audit_filter){ .table = "org", .row_id = "7" }, NULL), 2);
	assert_int_equal(count_with(&t->s, (struct audit_filter){ .from = "2026-11-02" }, NULL), 2);
	assert_int_equal(count_with(&t->s, (struct audit_filter){ .to = "2026-11-01" }, NULL), 1);
	assert_int_equal(count_with(&t->s, (struct audit_filter){ .who = "O'Brien" }, NULL), 0);
	assert_int_equal(count_with(&t->s, (struct audit_filter){ 0 }, "合并"), 1);
	assert_int_equal(count_with(&t->s, (struct audit_filter){ 0 }, "党员"), 1);
}

static void the_export_holds_before_and_after(void **state)
{
	struct testdb *t = *state;
	three_entries(t);
	char path[160];
	snprintf(path, sizeof path, "%s/log.csv", t->dir);
	int n = 0;
	struct audit_filter f = { .table = "org" };
	assert_int_equal(audit_export(&t->s, &f, path, stderr, &n), 0);
	assert_int_equal(n, 2);
	FILE *in = fopen(path, "r");
	char text[4096] = "";
	size_t got = fread(text, 1, sizeof text - 1, in);
	text[got] = 0;
	fclose(in);
	assert_non_null(strstr(text, "\"时间\",\"登录名\",\"姓名\",\"对象\",\"记录号\",\"记录\",\"操作\","
	                             "\"改动\",\"修改前\",\"修改后\""));
	assert_non_null(strstr(text, "\"2026-11-02 11:00:00\",\"zhangsan\",\"张三\",\"党组织\",\"7\","
	                             "\"联桥村党支部#7\",\"撤销\",\"状态：正常 → 撤销\n撤销原因：（空） → 合并\n\""));
	assert_null(strstr(text, "王五"));
	outfile_permit_replace(path);   /* replacing the first export: the operator's consent */
	assert_int_equal(audit_export_csv(&t->s, path, stderr, &n), 0);
	assert_int_equal(n, 3);
}

static int has_latin(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			return 1;
	return 0;
}

/* The 操作日志's 表 filter offers every table the log names, each choice
 * finding its table: a list kept by hand beside the names once ended
 * early (a NULL left by a merge) and held labels no table had. */
static int among_choices(const char *table)
{
	for (int k = 0; audit_table_labels[k]; k++)
		if (strcmp(audit_table_name(audit_table_labels[k]), table) == 0)
			return 1;
	return 0;
}

static void every_filter_choice_finds_its_table(void **state)
{
	struct testdb *t = *state;
	for (int n = 0; audit_table_labels[n]; n++)
		if (!audit_table_name(audit_table_labels[n]))
			fail_msg("「%s」 names no table", audit_table_labels[n]);
	/* every table of the schema that the log names in Chinese */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t->s.db, "SELECT name FROM sqlite_master WHERE type = 'table'",
	                                    -1, &st, NULL), SQLITE_OK);
	int named = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(audit_table_label(table), table) == 0)
			continue;
		named++;
		if (!among_choices(table))
			fail_msg("%s is not among the filter's choices", table);
	}
	sqlite3_finalize(st);
	assert_true(named > 40);
	assert_true(among_choices("database"));
}

/* Every column of every table the log knows has its form's label, so a
 * column added later cannot reach an auditor in English. */
static void every_audited_column_has_a_label(void **state)
{
	struct testdb *t = *state;
	int columns = 0;
	for (int i = 0; audit_table_labels[i]; i++) {
		const char *table = audit_table_name(audit_table_labels[i]);
		char *sql = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q)", table);
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(t->s.db, sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *column = (const char *)sqlite3_column_text(st, 0);
			if (!audit_field_known(table, column) || has_latin(audit_field_label(table, column)))
				fail_msg("%s.%s has no Chinese label in src/admin/audit_fields.c", table, column);
			columns++;
		}
		sqlite3_finalize(st);
		sqlite3_free(sql);
	}
	assert_true(columns > 150);
	assert_string_equal(audit_field_label("dev_case", "vetted_on"), "政审日期");
	assert_string_equal(audit_field_label("member", "书记"), "书记");
	assert_string_equal(audit_field_label("org", "任期"), "任期（年）");
}

static int64_t last_entry(struct testdb *t)
{
	return db_int(t->s.db, "SELECT max(id) FROM audit_log", -1, 0);
}

static void entry_record(struct testdb *t, int64_t id, char *out, size_t cap)
{
	struct audit_entry a;
	struct dj_err e;
	assert_int_equal(audit_get(&t->s, id, &a, &e), 0);
	snprintf(out, cap, "%s", a.record);
	audit_entry_free(&a);
}

static void add_entry(struct testdb *t, const char *table, int64_t row, const char *action,
                      const char *old_json, const char *new_json)
{
	assert_int_equal(audit_record(&t->s, table, row, action, old_json, new_json), 0);
}

/* A person with the branch, an organization by name, a rectification by the
 * organization it is for; the id kept after the name. */
static void records_are_named_with_their_id(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	char name[RS_CELL];
	int64_t town = fx_org(&t->s, "中共驿亭镇委员会", "党委", "");
	int64_t branch = fx_org(&t->s, "五夫村第一党支部", "党支部", "中共驿亭镇委员会");
	entry_record(t, last_entry(t), name, sizeof name);
	assert_string_equal(name, "五夫村第一党支部#2");
	int64_t m = fx_member_row(&t->s, branch, "张三", "男", "job", "农民");

	/* 发展党员 writes column names: read by their labels, named by 姓名 */
	add_entry(t, "dev_case", 9, "接收为预备党员",
	          "{\"所在支部\":\"五夫村第一党支部\",\"name\":\"李四\",\"vetted_on\":null}",
	          "{\"所在支部\":\"五夫村第一党支部\",\"name\":\"李四\",\"vetted_on\":\"2026-01-02\"}");
	entry_record(t, last_entry(t), name, sizeof name);
	assert_string_equal(name, "李四（五夫村第一党支部）#9");
	char diff[128];
	assert_int_equal(audit_diff_text("dev_case", "{\"vetted_on\":null}",
	                                 "{\"vetted_on\":\"2026-01-02\"}", diff, sizeof diff), 1);
	assert_string_equal(diff, "政审日期：（空） → 2026-01-02\n");
	/* a move names the member from the row, with what it was */
	char *sql = sqlite3_mprintf("INSERT INTO member_event(member_id, type, date) VALUES (%lld,"
	                            " '转出', '2026-11-02')", (long long)m);
	assert_int_equal(sqlite3_exec(t->s.db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	int64_t ev = sqlite3_last_insert_rowid(t->s.db);
	add_entry(t, "member_event", ev, "新增", NULL, "{\"类型\":\"转出\",\"日期\":\"2026-11-02\"}");
	entry_record(t, last_entry(t), name, sizeof name);
	char want[RS_CELL];
	snprintf(want, sizeof want, "张三（五夫村第一党支部）转出#%lld", (long long)ev);
	assert_string_equal(name, want);
	/* …and F7 finds it by that name, which its JSON does not hold */
	assert_int_equal(count_with(&t->s, (struct audit_filter){ .table = "党员变动" }, "张三"), 1);
	/* a member's entry without its branch takes the branch from the row */
	add_entry(t, "member", m, "修改", "{\"姓名\":\"张三\",\"工作岗位\":\"农民\"}",
	          "{\"姓名\":\"张三\",\"工作岗位\":\"村干部\"}");
	entry_record(t, last_entry(t), name, sizeof name);
	snprintf(want, sizeof want, "张三（五夫村第一党支部）#%lld", (long long)m);
	assert_string_equal(name, want);
	/* 整改 by its organization, not by the round */
	add_entry(t, "rectification", 5, "列入整改", NULL,
	          "{\"党组织\":\"五夫村党总支\",\"定级名称\":\"2026年度基层党组织分类定级\"}");
	entry_record(t, last_entry(t), name, sizeof name);
	assert_string_equal(name, "五夫村党总支#5");
	/* a deleted organization keeps the name its entry recorded */
	int64_t gone = fx_org(&t->s, "联桥村党支部", "党支部", "中共驿亭镇委员会");
	struct org o;
	assert_int_equal(org_load(&t->s, gone, &o, &e), 0);
	assert_int_equal(org_delete(&t->s, gone, o.version, &e), 0);
	entry_record(t, last_entry(t), name, sizeof name);
	snprintf(want, sizeof want, "联桥村党支部#%lld", (long long)gone);
	assert_string_equal(name, want);
	/* unknown and gone: the id alone */
	add_entry(t, "meeting", 77, "签到", NULL, "{\"应到\":3}");
	entry_record(t, last_entry(t), name, sizeof name);
	assert_string_equal(name, "#77");
	(void)town;
}

/* The demo's whole log as an auditor sees it: fields by their labels, every
 * record by name, 对象 and 操作 whole in their columns at 80x24. */
static void the_demo_log_reads_in_chinese(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	assert_int_equal(demo_populate(&t->s, &e), 0);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(t->s.db, "SELECT DISTINCT a.tbl, j.key FROM audit_log a,"
	        " json_each(coalesce(a.new_json, a.old_json)) j", -1, &st, NULL), SQLITE_OK);
	int keys = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		const char *key = (const char *)sqlite3_column_text(st, 1);
		if (has_latin(audit_field_label(table, key)))
			fail_msg("%s: key %s shows in English", table, key);
		keys++;
	}
	sqlite3_finalize(st);
	assert_true(keys > 50);

	struct row_source *rs = audit_list_source(&t->s, NULL, &e);
	assert_non_null(rs);
	long n = rs->count(rs->ctx);
	assert_true(n > 500);
	struct rs_row *rows = calloc((size_t)n, sizeof *rows);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, (int)n, rows), n);
	/* At 80 columns the grid has 79 for the columns and their gaps: all of
	 * them fit, so none is narrowed. */
	int sum = rs->ncols - 1, w[RS_MAXCOLS];
	for (int c = 0; c < rs->ncols; c++)
		sum += w[c] = rs->cols[c].width;
	assert_true(sum <= 79);
	assert_false(rs->cols[2].grow || rs->cols[4].grow);
	int dev_named = 0;
	for (long i = 0; i < n; i++) {
		if (utf8_cols(rows[i].cell[2]) > w[2] || utf8_cols(rows[i].cell[4]) > w[4])
			fail_msg("cut at 80 columns: %s %s", rows[i].cell[2], rows[i].cell[4]);
		if (rows[i].cell[3][0] == '#' || !strchr(rows[i].cell[3], '#'))
			fail_msg("%s entry not named: %s", rows[i].cell[2], rows[i].cell[3]);
		if (has_latin(rows[i].cell[5]))
			fail_msg("fields in English: %s", rows[i].cell[5]);
		dev_named += strcmp(rows[i].cell[2], "发展党员") == 0 && strstr(rows[i].cell[3], "党支部）#");
	}
	assert_true(dev_named > 20);
	free(rows);
	row_source_free(rs);
}

static void only_admins_read_the_log(void **state)
{
	struct testdb *t = *state;
	three_entries(t);
	t->s.role = ROLE_OPERATOR;
	struct dj_err e;
	assert_null(audit_list_source(&t->s, NULL, &e));
	assert_int_equal(e.code, DJ_DENIED);
	assert_non_null(strstr(e.msg, "只有管理员才能查看操作日志"));
	char *report = NULL;
	size_t len = 0;
	FILE *r = open_memstream(&report, &len);
	int n = 0;
	assert_int_equal(audit_export_csv(&t->s, "/dev/null", r, &n), 1);
	fclose(r);
	assert_non_null(strstr(report, "只有管理员才能查看操作日志"));
	free(report);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_members_read_back),
		cmocka_unit_test(differences_are_listed_field_by_field),
		FX_DB_TEST(every_change_is_on_record),
		FX_DB_TEST(the_log_cannot_be_changed),
		cmocka_unit_test(filters_are_checked_and_normalised),
		FX_DB_TEST(the_list_filters_by_person_object_record_and_date),
		FX_DB_TEST(the_export_holds_before_and_after),
		FX_DB_TEST(only_admins_read_the_log),
		FX_DB_TEST(every_filter_choice_finds_its_table),
		FX_DB_TEST(every_audited_column_has_a_label),
		FX_DB_TEST(records_are_named_with_their_id),
		FX_DB_TEST(the_demo_log_reads_in_chinese),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
