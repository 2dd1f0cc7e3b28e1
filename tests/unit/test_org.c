/* The organization registry: rules, optimistic updates, 撤销, the keyset
 * pager, the tree, and CSV import/export. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/collate.h"
#include "core/db.h"
#include "demo/demo.h"
#include "fixture.h"
#include "org/csv.h"
#include "org/org.h"

static void save_and_load_round_trip(void **state)
{
	struct testdb *t = *state;
	assert_true(fx_org(&t->s, "中共驿亭镇委员会", "党委", "") > 0);
	struct org o = fx_org_draft("五夫村党总支", "党总支", "中共驿亭镇委员会");
	snprintf(o.founded_on, sizeof o.founded_on, "1998.7.1");
	snprintf(o.leader, sizeof o.leader, "章伟青");
	snprintf(o.cadre, sizeof o.cadre, "朱高华、陈 刚");
	snprintf(o.elected_on, sizeof o.elected_on, "2024-03-15");
	snprintf(o.phone, sizeof o.phone, "13905751234");
	struct dj_err e;
	assert_int_equal(org_save(&t->s, &o, 0, &e), 0);
	struct org back;
	assert_int_equal(org_load(&t->s, o.id, &back, &e), 0);
	assert_string_equal(back.name, "五夫村党总支");
	assert_string_equal(back.parent, "中共驿亭镇委员会");
	assert_string_equal(back.founded_on, "1998-07-01");
	assert_string_equal(back.leader, "章伟青");
	assert_string_equal(back.cadre, "朱高华、陈 刚");
	assert_string_equal(back.due_on, "2029-03-15");      /* 农村: five years */
	assert_string_equal(back.status, "正常");
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM liaison WHERE org_id=?", o.id, 0), 3);
	char py[32];
	sqlite3_stmt *st;
	sqlite3_prepare_v2(t->s.db, "SELECT name_py FROM org WHERE id=?", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, o.id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(py, sizeof py, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_string_equal(py, "wfcdzz");
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE tbl='org' AND row_id=?",
	                        o.id, 0), 1);
}

static void second_save_of_a_stale_copy_is_a_conflict(void **state)
{
	struct testdb *t = *state;
	int64_t id = fx_org(&t->s, "中共驿亭镇委员会", "党委", "");
	struct org mine, theirs;
	struct dj_err e;
	assert_int_equal(org_load(&t->s, id, &mine, &e), 0);
	assert_int_equal(org_load(&t->s, id, &theirs, &e), 0);
	snprintf(theirs.secretary, sizeof theirs.secretary, "章伟青");
	assert_int_equal(org_save(&t->s, &theirs, 0, &e), 0);
	snprintf(mine.secretary, sizeof mine.secretary, "王国尧");
	assert_int_equal(org_save(&t->s, &mine, 0, &e), DJ_CONFLICT);
	assert_non_null(strstr(e.msg, "已被他人修改"));
	assert_string_equal(mine.secretary, "王国尧");   /* what was typed is kept */
	struct org now;
	org_load(&t->s, id, &now, &e);
	assert_string_equal(now.secretary, "章伟青");
	assert_int_equal(now.version, 1);
}

static void rules_name_the_field(void **state)
{
	struct testdb *t = *state;
	fx_org(&t->s, "中共驿亭镇委员会", "党委", "");
	struct { struct org o; const char *field; const char *text; } cases[] = {
		{ fx_org_draft("", "党支部", "中共驿亭镇委员会"), "name", "不能为空" },
		{ fx_org_draft("甲村党支部", "支部", "中共驿亭镇委员会"), "kind", "应为" },
		{ fx_org_draft("甲村党支部", "党支部", ""), "parent", "必须有上级组织" },
		{ fx_org_draft("甲村党支部", "党支部", "不存在的党委"), "parent", "不存在" },
		{ fx_org_draft("甲村党小组", "党小组", "中共驿亭镇委员会"), "parent", "不能设在" },
		{ fx_org_draft("中共驿亭镇委员会", "党委", ""), "name", "已存在" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct dj_err e;
		assert_int_equal(org_save(&t->s, &cases[i].o, 0, &e), DJ_INVALID);
		assert_string_equal(e.field, cases[i].field);
		assert_non_null(strstr(e.msg, cases[i].text));
	}
	struct org o = fx_org_draft("甲村党支部", "党支部", "中共驿亭镇委员会");
	snprintf(o.founded_on, sizeof o.founded_on, "2023-02-30");
	struct dj_err e;
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_INVALID);
	assert_string_equal(e.field, "founded_on");
	assert_string_equal(o.founded_on, "2023-02-30");
	snprintf(o.founded_on, sizeof o.founded_on, "2027-01-01");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "今天之后"));
	o.founded_on[0] = 0;
	snprintf(o.category, sizeof o.category, "工厂");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_INVALID);
	assert_string_equal(e.field, "category");
	snprintf(o.category, sizeof o.category, "农村");
	snprintf(o.phone, sizeof o.phone, "1234");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_INVALID);
	assert_string_equal(e.field, "phone");
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org", -1, 0), 1);
}

static void moving_under_a_descendant_is_refused(void **state)
{
	struct testdb *t = *state;
	fx_org(&t->s, "镇党委", "党委", "");
	int64_t zzz = fx_org(&t->s, "甲党总支", "党总支", "镇党委");
	fx_org(&t->s, "乙党委", "党委", "镇党委");
	struct org o;
	struct dj_err e;
	/* a 党委 may hang under another 党委, but never under its own child */
	int64_t top;
	org_find_by_name(&t->s, "镇党委", &top);
	org_load(&t->s, top, &o, &e);
	snprintf(o.parent, sizeof o.parent, "乙党委");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_INVALID);
	assert_string_equal(e.field, "parent");
	assert_non_null(strstr(e.msg, "下级"));
	/* a legal move */
	org_load(&t->s, zzz, &o, &e);
	snprintf(o.parent, sizeof o.parent, "乙党委");
	assert_int_equal(org_save(&t->s, &o, 0, &e), 0);
	org_load(&t->s, zzz, &o, &e);
	assert_string_equal(o.parent, "乙党委");
}

static void dissolve_and_delete(void **state)
{
	struct testdb *t = *state;
	fx_org(&t->s, "镇党委", "党委", "");
	int64_t zong = fx_org(&t->s, "甲党总支", "党总支", "镇党委");
	int64_t zhi = fx_org(&t->s, "甲村第一党支部", "党支部", "甲党总支");
	struct dj_err e;
	assert_int_equal(org_delete(&t->s, zong, 0, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "只能撤销"));
	assert_int_equal(org_dissolve(&t->s, zong, 0, "2026-10-01", "合并", &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "下级组织"));
	assert_int_equal(org_dissolve(&t->s, zhi, 0, "2026-10-01", "", &e), DJ_INVALID);
	assert_string_equal(e.field, "reason");
	assert_int_equal(org_dissolve(&t->s, zhi, 0, "2026-10-01", "并入乙村", &e), 0);
	assert_int_equal(org_dissolve(&t->s, zong, 0, "2026-10-02", "撤并", &e), 0);
	struct org o;
	org_load(&t->s, zhi, &o, &e);
	assert_string_equal(o.status, "撤销");
	assert_string_equal(o.dissolved_on, "2026-10-01");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_INVALID);   /* no edits after 撤销 */
	int64_t lone = fx_org(&t->s, "误建党支部", "党支部", "镇党委");
	assert_int_equal(org_delete(&t->s, lone, 0, &e), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org WHERE id=?", lone, 0), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM audit_log WHERE action='删除'", -1, 0), 1);
}

static void operators_write_only_inside_their_subtree(void **state)
{
	struct testdb *t = *state;
	fx_org(&t->s, "镇党委", "党委", "");
	int64_t zong = fx_org(&t->s, "甲党总支", "党总支", "镇党委");
	int64_t mine = fx_org(&t->s, "甲村第一党支部", "党支部", "甲党总支");
	int64_t other = fx_org(&t->s, "乙村党支部", "党支部", "镇党委");
	t->s.role = ROLE_OPERATOR;
	t->s.scope_org = zong;
	struct org o;
	struct dj_err e;
	org_load(&t->s, mine, &o, &e);
	snprintf(o.secretary, sizeof o.secretary, "赵志刚");
	assert_int_equal(org_save(&t->s, &o, 0, &e), 0);
	org_load(&t->s, other, &o, &e);
	snprintf(o.secretary, sizeof o.secretary, "钱文华");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_DENIED);
	assert_non_null(strstr(e.msg, "本单位及下级"));
	o = fx_org_draft("甲村第二党支部", "党支部", "甲党总支");   /* new, inside the subtree */
	assert_int_equal(org_save(&t->s, &o, 0, &e), 0);
	o = fx_org_draft("丙村党支部", "党支部", "镇党委");         /* new, outside it */
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_DENIED);
	org_load(&t->s, mine, &o, &e);                     /* moving out of the subtree */
	snprintf(o.parent, sizeof o.parent, "镇党委");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_DENIED);
	t->s.role = ROLE_VIEWER;
	t->s.scope_org = 0;
	assert_int_equal(org_dissolve(&t->s, other, 0, "2026-10-01", "合并", &e), DJ_DENIED);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org WHERE status='撤销'", -1, 0), 0);
}

/* --org covers the organization itself: its operator edits the scope's root
 * (name, secretary) but cannot move it, nor move anything out; moves
 * inside the subtree work. */
static void operators_edit_their_root_but_do_not_move_it(void **state)
{
	struct testdb *t = *state;
	fx_org(&t->s, "镇党委", "党委", "");
	fx_org(&t->s, "邻镇党委", "党委", "");
	int64_t zong = fx_org(&t->s, "五夫村党总支", "党总支", "镇党委");
	fx_org(&t->s, "五夫村第一党支部", "党支部", "五夫村党总支");
	int64_t second = fx_org(&t->s, "五夫村第二党支部", "党支部", "五夫村党总支");
	int64_t group = fx_org(&t->s, "五夫村第二党支部第一党小组", "党小组", "五夫村第二党支部");
	t->s.role = ROLE_OPERATOR;
	t->s.scope_org = zong;
	struct org o;
	struct dj_err e;
	org_load(&t->s, zong, &o, &e);
	snprintf(o.secretary, sizeof o.secretary, "赵志刚");
	snprintf(o.name, sizeof o.name, "中共五夫村总支部委员会");
	assert_int_equal(org_save(&t->s, &o, 0, &e), 0);
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org WHERE id=? AND secretary='赵志刚'"
	                        " AND name='中共五夫村总支部委员会'", zong, 0), 1);
	org_load(&t->s, zong, &o, &e);                    /* the root moved: refused */
	snprintf(o.parent, sizeof o.parent, "邻镇党委");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_DENIED);
	assert_non_null(strstr(e.msg, "管辖范围"));
	org_load(&t->s, group, &o, &e);                   /* a group to another branch inside */
	snprintf(o.parent, sizeof o.parent, "五夫村第一党支部");
	assert_int_equal(org_save(&t->s, &o, 0, &e), 0);
	org_load(&t->s, second, &o, &e);                  /* a branch out of the subtree */
	snprintf(o.parent, sizeof o.parent, "镇党委");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_DENIED);
	assert_int_equal(db_int(t->s.db, "SELECT parent_id FROM org WHERE id=?", second, 0), zong);
	t->s.role = ROLE_ADMIN;
	t->s.scope_org = 0;
}

static void terms_and_their_reminders(void **state)
{
	(void)state;
	assert_int_equal(org_term_default_years("党委", "机关"), 5);
	assert_int_equal(org_term_default_years("党支部", "农村"), 5);
	assert_int_equal(org_term_default_years("党支部", "社区"), 5);
	assert_int_equal(org_term_default_years("党支部", "非公企业"), 3);
	assert_int_equal(org_term_default_years("党总支", "机关"), 3);
	assert_int_equal(org_term_default_years("党小组", "农村"), 0);
	char due[11];
	org_term_due("2024-02-29", 3, due);
	assert_string_equal(due, "2027-02-28");
	assert_true(org_term_expiring("2027-05-21", 6));    /* today is 2026-11-21 */
	assert_false(org_term_expiring("2027-05-22", 6));
	assert_true(org_term_expiring("2025-01-01", 6));    /* already past */
	assert_false(org_term_expiring("", 6));
}

static int fetch_names(struct row_source *rs, const struct rs_key *anchor, int dir, int n,
                       char names[][RS_CELL])
{
	struct rs_row rows[16];
	int got = rs->fetch(rs->ctx, anchor, dir, n, rows);
	for (int i = 0; i < got; i++)
		snprintf(names[i], RS_CELL, "%s", rows[i].cell[0]);
	return got;
}

static void list_pages_by_keyset_and_finds_by_initials(void **state)
{
	struct testdb *t = *state;
	fx_org(&t->s, "镇党委", "党委", "");
	const char *names[] = { "A村党支部", "B村党支部", "C村党支部", "D村党支部", "E村党支部",
	                        "洪辉村党支部" };
	for (int i = 0; i < 6; i++)
		fx_org(&t->s, names[i], "党支部", "镇党委");
	struct row_source *rs = org_list_source(&t->s, 0);
	assert_int_equal(rs->count(rs->ctx), 7);
	/* Tree order: the 党委, then its branches in the order they were added. */
	struct rs_row page[3];
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 3, page), 3);
	assert_string_equal(page[0].cell[0], "镇党委");
	assert_string_equal(page[1].cell[0], "A村党支部");
	assert_string_equal(page[2].cell[0], "B村党支部");
	assert_string_equal(page[1].cell[2], "镇党委");
	char got[8][RS_CELL];
	assert_int_equal(fetch_names(rs, &page[2].key, 1, 3, got), 3);
	assert_string_equal(got[0], "C村党支部");
	assert_int_equal(fetch_names(rs, &page[2].key, -1, 5, got), 2);   /* only 镇党委, A before B */
	assert_string_equal(got[0], "镇党委");
	assert_string_equal(got[1], "A村党支部");
	assert_int_equal(fetch_names(rs, NULL, -1, 2, got), 2);           /* the last page */
	assert_string_equal(got[1], "洪辉村党支部");
	assert_int_equal(rs->ordinal(rs->ctx, &page[2].key), 3);
	assert_int_equal(rs->set_filter(rs->ctx, "hh"), 0);
	assert_int_equal(rs->count(rs->ctx), 1);
	assert_int_equal(fetch_names(rs, NULL, 1, 5, got), 1);
	assert_string_equal(got[0], "洪辉村党支部");
	rs->set_filter(rs->ctx, "C村");
	assert_int_equal(fetch_names(rs, NULL, 1, 5, got), 1);
	assert_string_equal(got[0], "C村党支部");
	rs->set_filter(rs->ctx, "50%");                                   /* wildcards are literal */
	assert_int_equal(rs->count(rs->ctx), 0);
	rs->set_filter(rs->ctx, "");
	/* By name: pinyin order (ICU puts Han before Latin), and the keyset
	 * compares with the same collation, so a page follows its anchor. */
	assert_int_equal(rs->set_sort(rs->ctx, 0, 0), 0);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 3, page), 3);
	assert_string_equal(page[0].cell[0], "洪辉村党支部");
	assert_string_equal(page[1].cell[0], "镇党委");
	assert_string_equal(page[2].cell[0], "A村党支部");
	assert_int_equal(fetch_names(rs, &page[2].key, 1, 8, got), 4);
	assert_string_equal(got[0], "B村党支部");
	assert_string_equal(got[3], "E村党支部");
	assert_int_equal(rs->set_sort(rs->ctx, 0, 1), 0);                 /* name, descending */
	assert_int_equal(fetch_names(rs, NULL, 1, 2, got), 2);
	assert_string_equal(got[0], "E村党支部");
	struct rs_key k;
	int64_t id;
	org_find_by_name(&t->s, "C村党支部", &id);
	assert_int_equal(rs->key_of(rs->ctx, id, &k), 0);
	assert_int_equal(rs->ordinal(rs->ctx, &k), 3);
	row_source_free(rs);
}

/* Names in the order a SELECT … ORDER BY name COLLATE zh gives. */
static int sorted_by_zh(sqlite3 *db, const char *const *names, int n, char out[][64])
{
	char sql[1024] = "SELECT v FROM (";
	for (int i = 0; i < n; i++)
		snprintf(sql + strlen(sql), sizeof sql - strlen(sql), "%sSELECT '%s' AS v",
		         i ? " UNION ALL " : "", names[i]);
	snprintf(sql + strlen(sql), sizeof sql - strlen(sql), ") ORDER BY v COLLATE zh");
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	int k = 0;
	while (k < n && sqlite3_step(st) == SQLITE_ROW)
		snprintf(out[k++], 64, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return k;
}

static void chinese_sorts_by_pinyin_with_numbers_as_numbers(void **state)
{
	struct testdb *t = *state;
	char got[8][64], buf[64];
	static const char *const numbered[] = { "第十一党支部", "第二党支部", "第十党支部",
	                                        "第一党支部", "第三党支部", "第二十党支部" };
	assert_int_equal(sorted_by_zh(t->s.db, numbered, 6, got), 6);
	static const char *const want[] = { "第一党支部", "第二党支部", "第三党支部", "第十党支部",
	                                    "第十一党支部", "第二十党支部" };
	for (int i = 0; i < 6; i++)
		assert_string_equal(got[i], want[i]);
	/* by pinyin, not by code point: bai, chun, wu, xin, zhong */
	static const char *const towns[] = { "中共驿亭镇委员会", "五夫村党总支", "新驿亭村党总支",
	                                     "春晖村党总支", "白马湖村党总支" };
	assert_int_equal(sorted_by_zh(t->s.db, towns, 5, got), 5);
	assert_string_equal(got[0], "白马湖村党总支");
	assert_string_equal(got[1], "春晖村党总支");
	assert_string_equal(got[2], "五夫村党总支");
	assert_string_equal(got[3], "新驿亭村党总支");
	assert_string_equal(got[4], "中共驿亭镇委员会");
	/* Which numbers count: after 第, before a unit word; not in a place name. */
	collate_numbers("第十一党支部", strlen("第十一党支部"), buf, sizeof buf);
	assert_string_equal(buf, "第11党支部");
	collate_numbers("机关二支部", strlen("机关二支部"), buf, sizeof buf);
	assert_string_equal(buf, "机关2支部");
	collate_numbers("第一百零五组", strlen("第一百零五组"), buf, sizeof buf);
	assert_string_equal(buf, "第105组");
	collate_numbers("三星村统一党支部", strlen("三星村统一党支部"), buf, sizeof buf);
	assert_string_equal(buf, "三星村统1党支部");
	collate_numbers("三星村", strlen("三星村"), buf, sizeof buf);
	assert_string_equal(buf, "三星村");
	assert_true(collate_zh("第九", 6, "第十", 6) < 0);
	assert_int_equal(collate_zh("甲", 3, "甲", 3), 0);
}

static int64_t org_with_no(struct session *s, const char *name, const char *kind,
                           const char *parent, const char *sort_no)
{
	struct org o = fx_org_draft(name, kind, parent);
	snprintf(o.sort_no, sizeof o.sort_no, "%s", sort_no);
	struct dj_err e;
	if (org_save(s, &o, 0, &e))
		fail_msg("%s: %s", name, e.msg);
	return o.id;
}

static void list_names(struct row_source *rs, char names[][RS_CELL], int n)
{
	struct rs_row rows[16];
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, n, rows), n);
	for (int i = 0; i < n; i++)
		snprintf(names[i], RS_CELL, "%s", rows[i].cell[0]);
}

/* The ledger's default order is the tree: a parent, then its children;
 * siblings by kind, 排序号, then name in pinyin order with 一 < 二 < 十. */
static void ledger_lists_the_tree_in_order(void **state)
{
	struct testdb *t = *state;
	fx_org(&t->s, "镇党委", "党委", "");
	fx_org(&t->s, "白马湖村党总支", "党总支", "镇党委");
	/* Entered out of order, all with one 排序号: the names decide. */
	org_with_no(&t->s, "白马湖村第十党支部", "党支部", "白马湖村党总支", "1");
	org_with_no(&t->s, "白马湖村第二党支部", "党支部", "白马湖村党总支", "1");
	org_with_no(&t->s, "白马湖村第二党支部第二党小组", "党小组", "白马湖村第二党支部", "1");
	org_with_no(&t->s, "白马湖村第二党支部第一党小组", "党小组", "白马湖村第二党支部", "1");
	int64_t first = org_with_no(&t->s, "白马湖村第一党支部", "党支部", "白马湖村党总支", "1");
	int64_t lone = fx_org(&t->s, "机关党支部", "党支部", "镇党委");
	struct row_source *rs = org_list_source(&t->s, 0);
	char got[16][RS_CELL];
	list_names(rs, got, 8);
	static const char *const want[] = {
		"镇党委", "白马湖村党总支", "白马湖村第一党支部", "白马湖村第二党支部",
		"白马湖村第二党支部第一党小组", "白马湖村第二党支部第二党小组", "白马湖村第十党支部",
		"机关党支部",   /* a 党支部 after the 党总支: kinds first */
	};
	for (int i = 0; i < 8; i++)
		assert_string_equal(got[i], want[i]);
	/* A new organization takes the next 排序号 among its siblings. */
	struct org o;
	struct dj_err e;
	org_load(&t->s, lone, &o, &e);
	assert_string_equal(o.sort_no, "2");
	/* A 排序号 moves a branch with its groups ahead of its siblings. */
	int64_t second;
	org_find_by_name(&t->s, "白马湖村第二党支部", &second);
	org_load(&t->s, second, &o, &e);
	snprintf(o.sort_no, sizeof o.sort_no, "0");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_INVALID);   /* 1 to 99999 */
	assert_string_equal(e.field, "sort_no");
	org_load(&t->s, first, &o, &e);
	snprintf(o.sort_no, sizeof o.sort_no, "9");
	assert_int_equal(org_save(&t->s, &o, 0, &e), 0);
	list_names(rs, got, 8);
	assert_string_equal(got[2], "白马湖村第二党支部");
	assert_string_equal(got[3], "白马湖村第二党支部第一党小组");
	assert_string_equal(got[5], "白马湖村第十党支部");
	assert_string_equal(got[6], "白马湖村第一党支部");
	/* A move takes the subtree along: the groups follow their branch. */
	org_load(&t->s, second, &o, &e);
	snprintf(o.parent, sizeof o.parent, "镇党委");
	o.sort_no[0] = 0;   /* cleared: last among the new siblings */
	assert_int_equal(org_save(&t->s, &o, 0, &e), 0);
	list_names(rs, got, 8);
	assert_string_equal(got[3], "白马湖村第一党支部");
	assert_string_equal(got[4], "机关党支部");
	assert_string_equal(got[5], "白马湖村第二党支部");
	assert_string_equal(got[6], "白马湖村第二党支部第一党小组");
	row_source_free(rs);
	/* The tree shows the same order. */
	rs = org_tree_source(&t->s, 0);
	org_tree_expand_all(rs, 1);
	list_names(rs, got, 8);
	static const char *const tree[] = { "镇党委", "白马湖村党总支", "白马湖村第十党支部",
	                                    "白马湖村第一党支部", "机关党支部", "白马湖村第二党支部",
	                                    "白马湖村第二党支部第一党小组",
	                                    "白马湖村第二党支部第二党小组" };
	for (int i = 0; i < 8; i++) {
		const char *name = got[i] + strspn(got[i], " +-");
		assert_string_equal(name, tree[i]);
	}
	row_source_free(rs);
}

/* A database from before migration 007: its organizations are numbered
 * among their siblings by kind, then name in pinyin order (第一 before 第二),
 * and listed in tree order. */
static void migration_numbers_existing_organizations(void **state)
{
	struct testdb *t = *state;
	fx_org(&t->s, "镇党委", "党委", "");
	fx_org(&t->s, "甲村第二党支部", "党支部", "镇党委");
	fx_org(&t->s, "甲村第二党支部第一党小组", "党小组", "甲村第二党支部");
	fx_org(&t->s, "乙村党总支", "党总支", "镇党委");
	fx_org(&t->s, "甲村第一党支部", "党支部", "镇党委");
	/* Back to the schema before 007, as an office's file would be. */
	assert_int_equal(sqlite3_exec(t->s.db, "DROP INDEX org_order; ALTER TABLE org DROP COLUMN"
	                              " sort_key; ALTER TABLE org DROP COLUMN sort_no;"
	                              " PRAGMA user_version = 6", NULL, NULL, NULL), SQLITE_OK);
	db_close(t->s.db);
	struct dj_err e;
	assert_int_equal(db_open(&t->cfg, t->path, 0, &t->s.db, &e), 0);
	assert_int_equal(db_int(t->s.db, "PRAGMA user_version", -1, 0), db_schema_latest());
	int64_t id;
	struct org o;
	org_find_by_name(&t->s, "甲村第一党支部", &id);
	org_load(&t->s, id, &o, &e);
	assert_string_equal(o.sort_no, "2");   /* after 乙村党总支 (a 党总支 ranks first) */
	org_find_by_name(&t->s, "甲村第二党支部", &id);
	org_load(&t->s, id, &o, &e);
	assert_string_equal(o.sort_no, "3");
	struct row_source *rs = org_list_source(&t->s, 0);
	char got[8][RS_CELL];
	list_names(rs, got, 5);
	static const char *const want[] = { "镇党委", "乙村党总支", "甲村第一党支部", "甲村第二党支部",
	                                    "甲村第二党支部第一党小组" };
	for (int i = 0; i < 5; i++)
		assert_string_equal(got[i], want[i]);
	row_source_free(rs);
}

/* F4 on 上级组织 offers only organizations that may hold the kind, never
 * the organization itself or anything under it, in tree order. */
static void parent_picker_offers_only_valid_parents(void **state)
{
	struct testdb *t = *state;
	int64_t top = fx_org(&t->s, "镇党委", "党委", "");
	fx_org(&t->s, "机关党委", "党委", "镇党委");
	fx_org(&t->s, "机关第一党支部", "党支部", "机关党委");
	fx_org(&t->s, "五夫村党总支", "党总支", "镇党委");
	fx_org(&t->s, "五夫村第一党支部", "党支部", "五夫村党总支");
	fx_org(&t->s, "五夫村第一党支部第一党小组", "党小组", "五夫村第一党支部");
	struct { const char *kind; int64_t self; int n; const char *names[4]; } cases[] = {
		{ "党小组", 0, 2, { "机关第一党支部", "五夫村第一党支部" } },
		{ "党支部", 0, 3, { "镇党委", "机关党委", "五夫村党总支" } },
		{ "党总支", 0, 2, { "镇党委", "机关党委" } },
		{ "党委", top, 0, { NULL } },   /* 镇党委 itself and 机关党委 under it */
		{ "", 0, 5, { "镇党委", "机关党委", "机关第一党支部", "五夫村党总支" } },
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		struct row_source *rs = org_parent_pick_source(&t->s, cases[c].kind, cases[c].self);
		assert_non_null(rs);
		assert_int_equal(rs->count(rs->ctx), cases[c].n);
		struct rs_row rows[8];
		int got = rs->fetch(rs->ctx, NULL, 1, 8, rows);
		for (int i = 0; i < got && i < 4 && cases[c].names[i]; i++)
			assert_string_equal(rows[i].cell[0], cases[c].names[i]);
		row_source_free(rs);
	}
	/* The rule the picker follows is the one a save checks. */
	struct org o = fx_org_draft("甲党小组", "党小组", "五夫村党总支");
	struct dj_err e;
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "党小组只能设在党支部之下"));
}

static void tree_expands_and_finds(void **state)
{
	struct testdb *t = *state;
	fx_org(&t->s, "镇党委", "党委", "");
	fx_org(&t->s, "甲党总支", "党总支", "镇党委");
	fx_org(&t->s, "甲第一党支部", "党支部", "甲党总支");
	int64_t leaf = fx_org(&t->s, "甲第一党小组", "党小组", "甲第一党支部");
	fx_org(&t->s, "乙村党支部", "党支部", "镇党委");
	struct row_source *rs = org_tree_source(&t->s, 0);
	char got[8][RS_CELL];
	assert_int_equal(rs->count(rs->ctx), 3);     /* the top is open: 党委, 党总支, 党支部 */
	assert_int_equal(fetch_names(rs, NULL, 1, 8, got), 3);
	assert_string_equal(got[0], "- 镇党委");
	assert_string_equal(got[1], "  + 甲党总支");
	assert_string_equal(got[2], "    乙村党支部");
	int64_t zong;
	org_find_by_name(&t->s, "甲党总支", &zong);
	org_tree_toggle(rs, zong);
	assert_int_equal(rs->count(rs->ctx), 4);
	org_tree_expand_all(rs, 1);
	assert_int_equal(rs->count(rs->ctx), 5);
	assert_int_equal(fetch_names(rs, NULL, 1, 8, got), 5);
	assert_string_equal(got[3], "        甲第一党小组");   /* depth 3, a leaf */
	struct rs_key k;
	assert_int_equal(rs->key_of(rs->ctx, leaf, &k), 0);
	assert_int_equal(rs->ordinal(rs->ctx, &k), 4);
	org_tree_expand_all(rs, 0);
	assert_int_equal(rs->count(rs->ctx), 1);
	/* 甲第一… by initials: the matches with their ancestors, 乙村 left out */
	rs->set_filter(rs->ctx, "jdy");
	assert_int_equal(fetch_names(rs, NULL, 1, 8, got), 4);
	assert_string_equal(got[0], "- 镇党委");
	assert_string_equal(got[1], "  - 甲党总支");
	assert_string_equal(got[3], "        甲第一党小组");
	int64_t branch;                              /* the first match, not an ancestor */
	org_find_by_name(&t->s, "甲第一党支部", &branch);
	assert_int_equal(org_tree_first_match(rs), branch);
	rs->set_filter(rs->ctx, "");
	assert_int_equal(org_tree_first_match(rs), 0);
	row_source_free(rs);
}

static void import_is_all_or_nothing_with_a_line_per_problem(void **state)
{
	struct testdb *t = *state;
	char path[160], report[4096] = "";
	snprintf(path, sizeof path, "%s/orgs.csv", t->dir);
	fx_write_file(path,
	           "类型,党组织名称,上级组织,类别,成立日期,书记,联系领导,联系干部,联系电话,备注\n"
	           "党支部,联桥村党支部,驿亭镇党委,农村,2001-05-01,李国良,傅飞军,陆顺龙,,\n"
	           "党委,驿亭镇党委,,机关,1950-10-01,章伟青,,,,\n"
	           "党支部,二都村党支部,驿亭镇党委,农村,2001-02-30,,,,,\n"
	           "党支部,孝丰村党支部,驿亭镇党委,工厂,,,,,,\n");
	FILE *r = fmemopen(report, sizeof report, "w");
	int n = -1;
	assert_int_equal(org_import_csv(&t->s, path, r, &n), 1);
	fclose(r);
	assert_non_null(strstr(report, "第 4 行「成立日期」值「2001-02-30」"));
	assert_non_null(strstr(report, "第 5 行「类别」值「工厂」"));
	assert_null(strstr(report, "第 2 行"));
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org", -1, 0), 0);
	assert_int_equal(n, 0);

	/* The same file corrected: the parent on row 3 comes after its child. */
	fx_write_file(path,
	           "类型,党组织名称,上级组织,类别,成立日期,书记,联系领导,联系干部,联系电话,备注\n"
	           "党支部,联桥村党支部,驿亭镇党委,农村,2001-05-01,李国良,傅飞军,陆顺龙,,\n"
	           "党委,驿亭镇党委,,机关,1950-10-01,章伟青,,,,\n");
	r = fmemopen(report, sizeof report, "w");
	assert_int_equal(org_import_csv(&t->s, path, r, &n), 0);
	fclose(r);
	assert_int_equal(n, 2);
	int64_t id;
	assert_int_equal(org_find_by_name(&t->s, "联桥村党支部", &id), 0);
	struct org o;
	struct dj_err e;
	org_load(&t->s, id, &o, &e);
	assert_string_equal(o.parent, "驿亭镇党委");
	assert_string_equal(o.leader, "傅飞军");
}

static void import_refuses_unknown_columns_by_name(void **state)
{
	struct testdb *t = *state;
	char path[160], report[2048] = "";
	snprintf(path, sizeof path, "%s/orgs.csv", t->dir);
	fx_write_file(path, "党组织名称,类型,类别,邮编\n驿亭镇党委,党委,机关,312300\n");
	FILE *r = fmemopen(report, sizeof report, "w");
	int n;
	assert_int_equal(org_import_csv(&t->s, path, r, &n), 1);
	fclose(r);
	assert_non_null(strstr(report, "未知的列「邮编」"));
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org", -1, 0), 0);
}

/* An organization's texts take no control or invisible format character:
 * the form's save names the field, the import the row and column without
 * echoing the value; 备注 keeps its line breaks. */
static void texts_refuse_controls(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	struct org o = fx_org_draft("驿亭镇党委\xe2\x80\xae", "党委", "");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_INVALID);
	assert_string_equal(e.field, "name");
	assert_non_null(strstr(e.msg, "「党组织名称」含有改变文字方向的控制字符（U+202E"));
	o = fx_org_draft("驿亭镇党委", "党委", "");
	snprintf(o.secretary, sizeof o.secretary, "章\x1b]0;x\x07伟青");
	assert_int_equal(org_save(&t->s, &o, 0, &e), DJ_INVALID);
	assert_string_equal(e.field, "secretary");
	snprintf(o.secretary, sizeof o.secretary, "章伟青");
	snprintf(o.notes, sizeof o.notes, "一\n二");
	assert_int_equal(org_save(&t->s, &o, 0, &e), 0);

	char path[160], report[2048] = "";
	snprintf(path, sizeof path, "%s/orgs.csv", t->dir);
	fx_write_file(path, "党组织名称,上级组织,类型,类别,书记\n"
	                    "甲村党支部,驿亭镇党委,党支部,农村,王\x1b[8m五\n");
	FILE *r = fmemopen(report, sizeof report, "w");
	int n;
	assert_int_equal(org_import_csv(&t->s, path, r, &n), 1);
	fclose(r);
	assert_non_null(strstr(report, "第 2 行「书记」：含有控制字符（U+001B，第 2 个字），请删除"));
	assert_null(strchr(report, '\x1b'));
	assert_int_equal(db_int(t->s.db, "SELECT count(*) FROM org", -1, 0), 1);
}

/* 排序号 is an optional column: a file with it keeps the office's order, an
 * older file without it numbers siblings as the file lists them. */
static void import_and_export_carry_the_sort_number(void **state)
{
	struct testdb *t = *state;
	char path[160], report[2048] = "";
	snprintf(path, sizeof path, "%s/orgs.csv", t->dir);
	fx_write_file(path, "党组织名称,类型,类别,上级组织,排序号\n"
	                    "驿亭镇党委,党委,机关,,1\n"
	                    "二都村党支部,党支部,农村,驿亭镇党委,2\n"
	                    "联桥村党支部,党支部,农村,驿亭镇党委,1\n");
	FILE *r = fmemopen(report, sizeof report, "w");
	int n;
	assert_int_equal(org_import_csv(&t->s, path, r, &n), 0);
	fclose(r);
	struct row_source *rs = org_list_source(&t->s, 0);
	char got[4][RS_CELL];
	list_names(rs, got, 3);
	assert_string_equal(got[1], "联桥村党支部");   /* 1 before 2, whatever the file order */
	assert_string_equal(got[2], "二都村党支部");
	row_source_free(rs);
	fx_write_file(path, "党组织名称,类型,类别,上级组织\n"
	                    "孝丰村党支部,党支部,农村,驿亭镇党委\n"
	                    "杨梅村党支部,党支部,农村,驿亭镇党委\n");
	r = fmemopen(report, sizeof report, "w");
	assert_int_equal(org_import_csv(&t->s, path, r, &n), 0);
	fclose(r);
	int64_t id;
	struct org o;
	struct dj_err e;
	org_find_by_name(&t->s, "杨梅村党支部", &id);
	org_load(&t->s, id, &o, &e);
	assert_string_equal(o.sort_no, "4");
	snprintf(path, sizeof path, "%s/out.csv", t->dir);
	r = fmemopen(report, sizeof report, "w");
	assert_int_equal(org_export_csv(&t->s, path, r, &n), 0);
	fclose(r);
	char text[4096] = "";
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	text[fread(text, 1, sizeof text - 1, f)] = 0;
	fclose(f);
	assert_non_null(strstr(text, "排序号"));
	/* in tree order: the 党委 first, then 联桥村 (1) before 二都村 (2) */
	assert_true(strstr(text, "驿亭镇党委") < strstr(text, "联桥村党支部"));
	assert_true(strstr(text, "联桥村党支部") < strstr(text, "二都村党支部"));
}

static void export_reads_back_through_import(void **state)
{
	struct testdb *t = *state;
	struct dj_err e;
	assert_int_equal(demo_populate(&t->s, &e), 0);
	int64_t total = db_int(t->s.db, "SELECT count(*) FROM org WHERE status='正常'", -1, 0);
	assert_true(total > 30);
	char path[160], report[2048] = "";
	snprintf(path, sizeof path, "%s/out.csv", t->dir);
	FILE *r = fmemopen(report, sizeof report, "w");
	int n;
	assert_int_equal(org_export_csv(&t->s, path, r, &n), 0);
	assert_int_equal(n, db_int(t->s.db, "SELECT count(*) FROM org", -1, 0));
	fclose(r);
	/* into a fresh database: every active organization comes back */
	struct testdb u;
	testdb_open(&u);
	char only_active[512];
	snprintf(only_active, sizeof only_active, "grep -v ',\"撤销\",' '%s' > '%s/in.csv'", path, u.dir);
	assert_int_equal(system(only_active), 0);
	snprintf(path, sizeof path, "%s/in.csv", u.dir);
	r = fmemopen(report, sizeof report, "w");
	int rc = org_import_csv(&u.s, path, r, &n);
	fclose(r);
	if (rc)
		fprintf(stderr, "%s", report);
	assert_int_equal(rc, 0);
	assert_int_equal(n, total);
	assert_int_equal(db_int(u.s.db, "SELECT count(*) FROM liaison", -1, 0),
	                 db_int(t->s.db, "SELECT count(*) FROM liaison l JOIN org o ON o.id=l.org_id"
	                        " WHERE o.status='正常'", -1, 0));
	testdb_close(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_DB_TEST(save_and_load_round_trip),
		FX_DB_TEST(second_save_of_a_stale_copy_is_a_conflict),
		FX_DB_TEST(rules_name_the_field),
		FX_DB_TEST(moving_under_a_descendant_is_refused),
		FX_DB_TEST(dissolve_and_delete),
		FX_DB_TEST(operators_write_only_inside_their_subtree),
		FX_DB_TEST(operators_edit_their_root_but_do_not_move_it),
		FX_DB_TEST(texts_refuse_controls),
		cmocka_unit_test(terms_and_their_reminders),
		FX_DB_TEST(list_pages_by_keyset_and_finds_by_initials),
		FX_DB_TEST(tree_expands_and_finds),
		FX_DB_TEST(chinese_sorts_by_pinyin_with_numbers_as_numbers),
		FX_DB_TEST(ledger_lists_the_tree_in_order),
		FX_DB_TEST(parent_picker_offers_only_valid_parents),
		FX_DB_TEST(migration_numbers_existing_organizations),
		FX_DB_TEST(import_is_all_or_nothing_with_a_line_per_problem),
		FX_DB_TEST(import_refuses_unknown_columns_by_name),
		FX_DB_TEST(import_and_export_carry_the_sort_number),
		FX_DB_TEST(export_reads_back_through_import),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
