/* test_honour.c — the honours register: the refusals of a save, each with
 * its message; 撤销 (read-only after, audited, never deleted); the ledger's
 * filters, sort and find; the forms' lines; the export read back. */
#include "fixture.h"

#include "core/csv.h"
#include "core/db.h"
#include "honour/honour.h"

static int64_t count(struct session *s, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static struct honour draft(const char *kind, int64_t id, const char *title, const char *level,
                           const char *on)
{
	struct honour h = { 0 };
	snprintf(h.kind, sizeof h.kind, "%s", kind);
	if (strcmp(kind, "org") == 0)
		h.org_id = id;
	else
		h.member_id = id;
	snprintf(h.title, sizeof h.title, "%s", title);
	snprintf(h.level, sizeof h.level, "%s", level);
	snprintf(h.awarded_on, sizeof h.awarded_on, "%s", on);
	snprintf(h.approved_by, sizeof h.approved_by, "中共测试镇委员会");
	snprintf(h.doc_no, sizeof h.doc_no, "测委〔%.4s〕12号", on);
	return h;
}

static int64_t saved(struct session *s, struct honour h)
{
	struct dj_err e;
	if (honour_save(s, &h, &e))
		fail_msg("%s", e.msg);
	return h.id;
}

static void refused(struct session *s, struct honour h, const char *field, const char *msg)
{
	struct dj_err e;
	assert_int_not_equal(honour_save(s, &h, &e), 0);
	if (!strstr(e.msg, msg))
		fail_msg("expected 「%s」 in: %s", msg, e.msg);
	assert_string_equal(e.field, field);
}

static int64_t add_member(struct fixture *f, const char *name, const char *org)
{
	static int seq;
	char birth[11];
	snprintf(birth, sizeof birth, "1980-03-%02d", 1 + seq++ % 28);
	int64_t id = fx_add(f->s, fx_member(name, "男", birth, org));
	assert_true(id > 0);
	return id;
}

static void titles_go_to_members_or_organizations(void **state)
{
	(void)state;
	assert_int_equal(honour_title_for("优秀共产党员"), 'm');
	assert_int_equal(honour_title_for("党员示范岗"), 'm');
	assert_int_equal(honour_title_for("先进基层党组织"), 'o');
	assert_int_equal(honour_title_for("党建示范点"), 'o');
	assert_int_equal(honour_title_for("优秀成果"), 0);
	assert_int_equal(honour_title_for("办公室自定称号"), 0);
}

static void a_save_refuses_what_does_not_fit(void **state)
{
	struct fixture *f = *state;
	int64_t m = add_member(f, "张三", "东村党支部");
	refused(f->s, draft("member", m, "先进基层党组织", "镇级", "2026-07-01"), "title",
	        "「先进基层党组织」授予党组织，不能授予党员个人");
	refused(f->s, draft("org", f->a, "优秀共产党员", "镇级", "2026-07-01"), "title",
	        "「优秀共产党员」授予党员个人，不能授予党组织");
	refused(f->s, draft("member", m, "优秀共产党员", "镇级", "2026-13-01"), "awarded_on",
	        "「授予日期」");
	refused(f->s, draft("member", m, "优秀共产党员", "镇级", "2027-07-01"), "awarded_on",
	        "在今天之后");
	refused(f->s, draft("member", m, "优秀共产党员", "乡级", "2026-07-01"), "level",
	        "「级别」「乡级」不在 dangjian.ini [honours] 配置的列表中");
	refused(f->s, draft("member", m, "", "镇级", "2026-07-01"), "title", "「荣誉称号」不能为空");
	refused(f->s, draft("member", 0, "优秀共产党员", "镇级", "2026-07-01"), "recipient",
	        "「获得者」不能为空");
	refused(f->s, draft("member", 9999, "优秀共产党员", "镇级", "2026-07-01"), "recipient",
	        "已不存在");
	struct honour h = draft("member", m, "优秀共产党员", "镇级", "2026-07-01");
	h.approved_by[0] = 0;
	refused(f->s, h, "approved_by", "「批准机关」不能为空");
	h = draft("member", m, "优秀共产党员", "镇级", "2026-07-01");
	snprintf(h.doc_no, sizeof h.doc_no, "测委\x1b号");
	refused(f->s, h, "doc_no", "「文号」");
	assert_int_equal(count(f->s, "SELECT count(*) FROM honour"), 0);
}

static void posthumous_only_for_a_member_who_died(void **state)
{
	struct fixture *f = *state;
	int64_t m = add_member(f, "李四", "东村党支部");
	struct honour h = draft("member", m, "优秀共产党员", "县处", "2026-06-30");
	h.posthumous = 1;
	refused(f->s, h, "posthumous", "「追授」只用于已去世的党员，李四 现为「正常」");
	struct honour o = draft("org", f->a, "优秀成果", "县处", "2026-06-30");
	o.posthumous = 1;
	refused(f->s, o, "posthumous", "「追授」只用于党员个人");
	assert_int_equal(sqlite3_exec(f->s->db, "UPDATE member SET status = '去世'", 0, 0, 0),
	                 SQLITE_OK);
	char sql[160];
	snprintf(sql, sizeof sql, "INSERT INTO member_event(member_id, type, date) VALUES"
	         " (%lld, '去世', '2026-07-15')", (long long)m);
	assert_int_equal(sqlite3_exec(f->s->db, sql, 0, 0, 0), SQLITE_OK);
	refused(f->s, h, "awarded_on", "「授予日期」2026-06-30 早于 李四 去世的日期 2026-07-15，"
	        "追授须在去世之后");
	snprintf(h.awarded_on, sizeof h.awarded_on, "2026-07-20");
	int64_t id = saved(f->s, h);
	struct honour back;
	assert_int_equal(honour_load(f->s, id, &back, NULL), 0);
	assert_int_equal(back.posthumous, 1);
	assert_string_equal(back.recipient, "李四");
}

static void an_operator_gives_honours_only_in_scope(void **state)
{
	struct fixture *f = *state;
	int64_t west = add_member(f, "王五", "西村党支部");
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->a;
	struct dj_err e;
	struct honour h = draft("member", west, "优秀共产党员", "镇级", "2026-07-01");
	assert_int_equal(honour_save(f->s, &h, &e), DJ_DENIED);
	h = draft("org", f->b, "先进基层党组织", "镇级", "2026-07-01");
	assert_int_equal(honour_save(f->s, &h, &e), DJ_DENIED);
	saved(f->s, draft("org", f->a, "先进基层党组织", "镇级", "2026-07-01"));
	assert_int_equal(count(f->s, "SELECT count(*) FROM honour"), 1);
}

static void a_revoked_honour_is_kept_read_only_and_audited(void **state)
{
	struct fixture *f = *state;
	int64_t m = add_member(f, "赵六", "东村党支部");
	int64_t id = saved(f->s, draft("member", m, "优秀党务工作者", "镇级", "2025-07-01"));
	struct honour h;
	struct dj_err e;
	assert_int_equal(honour_load(f->s, id, &h, NULL), 0);
	assert_int_not_equal(honour_revoke(f->s, id, h.version, "2026-01-05", "", &e), 0);
	assert_string_equal(e.msg, "「撤销原因」不能为空");
	assert_int_not_equal(honour_revoke(f->s, id, h.version, "2025-06-01", "违纪", &e), 0);
	assert_string_equal(e.msg, "「撤销日期」2025-06-01 早于授予日期 2025-07-01");
	assert_int_equal(honour_revoke(f->s, id, h.version, "2026-01-05", "受党内严重警告处分",
	                               &e), 0);
	assert_int_equal(honour_load(f->s, id, &h, NULL), 0);
	assert_string_equal(h.revoked_on, "2026-01-05");
	assert_string_equal(h.revoke_reason, "受党内严重警告处分");
	snprintf(h.level, sizeof h.level, "县处");
	assert_int_not_equal(honour_save(f->s, &h, &e), 0);
	assert_string_equal(e.msg, "该荣誉已于 2026-01-05 撤销，不能再修改");
	assert_int_not_equal(honour_revoke(f->s, id, h.version, "2026-02-01", "再撤", &e), 0);
	assert_int_equal(count(f->s, "SELECT count(*) FROM honour"), 1);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'honour'"
	                 " AND action = '撤销' AND new_json LIKE '%受党内严重警告处分%'"
	                 " AND old_json LIKE '%优秀党务工作者%'"), 1);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit_log WHERE tbl = 'honour'"
	                 " AND action = '新增'"), 1);
}

static int fetch_all(struct row_source *rs, struct rs_row *rows, int cap)
{
	return rs->fetch(rs->ctx, NULL, 1, cap, rows);
}

static void the_ledger_filters_sorts_and_finds(void **state)
{
	struct fixture *f = *state;
	int64_t zs = add_member(f, "张三", "东村党支部"), ls = add_member(f, "李四", "西村党支部");
	saved(f->s, draft("member", zs, "优秀共产党员", "镇级", "2025-07-01"));
	saved(f->s, draft("member", ls, "优秀共产党员", "县处", "2026-07-01"));
	int64_t org = saved(f->s, draft("org", f->a, "先进基层党组织", "镇级", "2026-06-28"));
	struct rs_row rows[8];
	struct row_source *rs = honour_source(f->s, NULL);
	assert_non_null(rs);
	assert_int_equal(fetch_all(rs, rows, 8), 3);
	/* the newest first */
	assert_string_equal(rows[0].cell[2], "李四");
	assert_string_equal(rows[0].cell[0], "2026");
	assert_string_equal(rows[0].cell[3], "个人");
	assert_string_equal(rows[0].cell[5], "县处");
	assert_string_equal(rows[0].cell[8], "有效");
	assert_string_equal(rows[1].cell[2], "东村党支部");
	assert_string_equal(rows[1].cell[3], "组织");
	assert_int_equal(rows[1].key.id, org);
	/* every column sorts */
	for (int c = 0; c < rs->ncols; c++)
		assert_int_equal(rs->set_sort(rs->ctx, c, 0), 0);
	assert_int_equal(rs->set_sort(rs->ctx, 2, 0), 0);   /* by name: pinyin */
	assert_int_equal(fetch_all(rs, rows, 8), 3);
	assert_string_equal(rows[0].cell[2], "东村党支部");
	assert_string_equal(rows[1].cell[2], "李四");
	assert_string_equal(rows[2].cell[2], "张三");
	assert_int_equal(rs->set_filter(rs->ctx, "zs"), 0);   /* pinyin initials */
	assert_int_equal(fetch_all(rs, rows, 8), 1);
	assert_string_equal(rows[0].cell[2], "张三");
	assert_int_equal(rs->set_filter(rs->ctx, "〔2026〕"), 0);   /* 文号 */
	assert_int_equal(fetch_all(rs, rows, 8), 2);
	row_source_free(rs);

	struct honour_filter flt = { .year = 2026 };
	rs = honour_source(f->s, &flt);
	assert_int_equal(fetch_all(rs, rows, 8), 2);
	row_source_free(rs);
	flt = (struct honour_filter){ .level = "镇级" };
	snprintf(flt.title, sizeof flt.title, "优秀共产党员");
	rs = honour_source(f->s, &flt);
	assert_int_equal(fetch_all(rs, rows, 8), 1);
	assert_string_equal(rows[0].cell[2], "张三");
	row_source_free(rs);
	/* an operator of 东村 sees its own */
	f->s->role = ROLE_OPERATOR;
	f->s->scope_org = f->a;
	rs = honour_source(f->s, NULL);
	assert_int_equal(fetch_all(rs, rows, 8), 2);
	row_source_free(rs);
}

static void the_forms_list_a_recipients_honours(void **state)
{
	struct fixture *f = *state;
	int64_t zs = add_member(f, "张三", "东村党支部");
	saved(f->s, draft("member", zs, "优秀共产党员", "镇级", "2024-07-01"));
	int64_t late = saved(f->s, draft("member", zs, "党员示范岗", "院级", "2026-05-04"));
	saved(f->s, draft("org", f->a, "党建示范点", "县处", "2026-03-01"));
	struct honour h;
	assert_int_equal(honour_load(f->s, late, &h, NULL), 0);
	assert_int_equal(honour_revoke(f->s, late, h.version, "2026-10-01", "岗位调整", NULL), 0);
	char lines[4][96];
	assert_int_equal(honour_lines(f->s, "member", zs, lines, 4), 2);
	assert_string_equal(lines[0], "2026 党员示范岗（院级）（已撤销）");
	assert_string_equal(lines[1], "2024 优秀共产党员（镇级）");
	assert_int_equal(honour_lines(f->s, "member", zs, lines, 1), 2);   /* counted past cap */
	assert_int_equal(honour_lines(f->s, "org", f->a, lines, 4), 1);
	assert_string_equal(lines[0], "2026 党建示范点（县处）");
	assert_int_equal(honour_lines(f->s, "org", f->b, lines, 4), 0);
}

/* Reads the export back through the readers, as an import would. */
static void exported_reads_back(struct fixture *f, const char *name)
{
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/%s", f->t.dir, name);
	int n = 0;
	assert_int_equal(honour_export(f->s, NULL, path, stderr, &n), 0);
	assert_int_equal(n, 1);
	struct csv_reader *r = csv_open(path, why, sizeof why);
	if (!r)
		fail_msg("%s", why);
	char **cells;
	int line;
	static const char *const head[] = { "年度", "授予日期", "获得者", "类别", "所在党组织",
	                                    "荣誉称号", "级别", "批准机关", "文号", "事迹", "追授",
	                                    "状态", "撤销日期", "撤销原因" };
	static const char *const row[] = { "2026", "2026-07-01", "张三", "个人", "东村党支部",
	                                   "优秀共产党员", "镇级", "中共测试镇委员会",
	                                   "测委〔2026〕12号", "带头参加志愿服务", "否", "有效" };
	assert_true(csv_next(r, &cells, &line) >= 14);
	for (int i = 0; i < 14; i++)
		assert_string_equal(cells[i], head[i]);
	assert_true(csv_next(r, &cells, &line) >= 12);
	for (int i = 0; i < 12; i++)
		assert_string_equal(cells[i], row[i]);
	assert_int_equal(csv_next(r, &cells, &line), 0);
	csv_close(r);
}

static void the_export_reads_back(void **state)
{
	struct fixture *f = *state;
	int64_t zs = add_member(f, "张三", "东村党支部");
	struct honour h = draft("member", zs, "优秀共产党员", "镇级", "2026-07-01");
	snprintf(h.deeds, sizeof h.deeds, "带头参加志愿服务");
	saved(f->s, h);
	exported_reads_back(f, "honours.csv");
	exported_reads_back(f, "honours.xlsx");
}

static void the_office_configures_titles_and_levels(void **state)
{
	struct fixture *f = *state;
	char path[160], why[256], titles[8][64];
	snprintf(path, sizeof path, "%s/h.ini", f->t.dir);
	fx_write_file(path, "[honours]\ntitles = 优秀共产党员，十佳志愿者\nlevels = 镇级,村级\n");
	config_free(&f->t.cfg);
	assert_int_equal(config_load(&f->t.cfg, path, why, sizeof why), 0);
	assert_int_equal(honour_titles(f->s, titles, 8), 2);
	assert_string_equal(titles[1], "十佳志愿者");
	int64_t zs = add_member(f, "张三", "东村党支部");
	saved(f->s, draft("member", zs, "十佳志愿者", "村级", "2026-07-01"));
	refused(f->s, draft("member", zs, "党员示范岗", "村级", "2026-07-01"), "title",
	        "「荣誉称号」「党员示范岗」不在 dangjian.ini [honours] 配置的列表中");
}

static void a_typed_recipient_must_name_one(void **state)
{
	struct fixture *f = *state;
	int64_t first = add_member(f, "陈明", "东村党支部");
	add_member(f, "陈明", "西村党支部");
	int64_t only = add_member(f, "周红", "西村党支部");
	int64_t id = 0;
	struct dj_err e;
	assert_int_equal(honour_find_recipient(f->s, "member", "周红", &id, &e), 0);
	assert_int_equal(id, only);
	assert_int_equal(honour_find_recipient(f->s, "member", "陈明", &id, &e), DJ_INVALID);
	assert_string_equal(e.msg, "「获得者」有 2 名党员名为「陈明」，请从列表中选择");
	assert_string_equal(e.field, "recipient");
	assert_true(first > 0);
	assert_int_equal(honour_find_recipient(f->s, "member", "无此人", &id, &e), DJ_INVALID);
	assert_string_equal(e.msg, "「获得者」没有名为「无此人」的党员");
	assert_int_equal(honour_find_recipient(f->s, "org", "西村党支部", &id, &e), 0);
	assert_int_equal(id, f->b);
	assert_int_equal(honour_find_recipient(f->s, "org", "北村党支部", &id, &e), DJ_INVALID);
	assert_string_equal(e.msg, "「获得者」没有名为「北村党支部」的党组织");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(titles_go_to_members_or_organizations),
		FX_TEST(a_save_refuses_what_does_not_fit),
		FX_TEST(posthumous_only_for_a_member_who_died),
		FX_TEST(an_operator_gives_honours_only_in_scope),
		FX_TEST(a_revoked_honour_is_kept_read_only_and_audited),
		FX_TEST(the_ledger_filters_sorts_and_finds),
		FX_TEST(the_forms_list_a_recipients_honours),
		FX_TEST(the_export_reads_back),
		FX_TEST(the_office_configures_titles_and_levels),
		FX_TEST(a_typed_recipient_must_name_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
