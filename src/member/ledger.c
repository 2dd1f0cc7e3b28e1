/* ledger.c — the member lists as keyset pagers: the roster of a
 * subtree, the branch and introducer pickers, one member's history; and the
 * counts, which count only members whose status is 正常. */
#include "core/db.h"
#include "core/pager.h"
#include "member/member.h"
#include "member/ledger_sql.h"

#define AGE "(CAST(substr(dj_today(), 1, 4) AS INTEGER) - CAST(substr(m.birth_date, 1, 4)" \
	" AS INTEGER) - (substr(dj_today(), 6) < substr(m.birth_date, 6)))"
#define EDU_RANK "CASE m.education WHEN '研究生' THEN '1' WHEN '大学本科' THEN '2'" \
	" WHEN '大学专科' THEN '3' WHEN '中专' THEN '4' WHEN '高中' THEN '5' WHEN '初中' THEN '6'" \
	" WHEN '小学及以下' THEN '7' ELSE '8' END"
#define MEMBER_FIND "m.name LIKE :fc ESCAPE '\\' OR m.name_py LIKE :fp ESCAPE '\\'" \
	" OR m.id_number LIKE :fc ESCAPE '\\' OR m.phone LIKE :fc ESCAPE '\\'"
#define ORG_FIND "o.name LIKE :fc ESCAPE '\\' OR o.short_name LIKE :fc ESCAPE '\\'" \
	" OR o.name_py LIKE :fp ESCAPE '\\'"

static const struct rs_column list_cols[] = {
	{ "姓名", 8, 0, 0, 1, 16, 1 }, { "性别", 4, 0, 0, 1 }, { "年龄", 4, 0, 1, 1 },
	{ "学历", 8, 0, 0, 1, 10 }, { "人员类别", 8, 0, 0, 1 }, { "入党日期", 10, 0, 0, 1 },
	{ "所在支部", 12, 1, 0, 1, 40 }, { "状态", 4, 0, 0, 1 },
};

/* By 所在支部 (the default) the pager pages on (o.sort_key, o.id,
 * m.name_py, m.id): with org as the outer loop (CROSS JOIN fixes the order)
 * SQLite walks org_order and each branch's members through member_org and
 * stops after a page — 0.3 ms instead of sorting 200,000 members for every
 * key (150 ms, tests/bench).  Branches come in tree order (第一 before
 * 第二, as the 组织台账 lists them). */
#define LIST_DEF(status_cond, scope_cond) { \
	.cols = list_cols, \
	.ncols = 8, \
	.cells = { "m.name", "m.gender", "coalesce(" AGE ", '')", "coalesce(m.education, '')", \
	           "m.category", "coalesce(m.joined_on, '')", BRANCH, "m.status" }, \
	.sort = { "m.name_py || m.name", "m.gender || m.name_py", \
	          "coalesce(printf('%03d', " AGE "), '')", EDU_RANK " || m.name_py", \
	          "m.category || m.name_py", "coalesce(m.joined_on, '')", \
	          "o.sort_key || '/' || m.name_py", "m.status || m.name_py" }, \
	.id = "m.id", \
	.from = "org o CROSS JOIN member m ON m.org_id = o.id", \
	.where = status_cond scope_cond, \
	.find = MEMBER_FIND, \
	.find_initials = "m.name_py >= :flo AND m.name_py < :fhi", \
	.flags = "CASE WHEN m.status = '正常' THEN 0 ELSE 2 END", \
	.default_sort = 6, \
	.keys = { [6] = { "o.sort_key", "o.id", "m.name_py" } }, \
}

/* A 党小组's roster is its members, who belong to the branch above it. */
#define IN_GROUP "m.group_id = :scope"
static const struct pager_def active_def = LIST_DEF("m.status = '正常' AND ", DB_SUBTREE("m.org_id"));
static const struct pager_def all_def = LIST_DEF("", DB_SUBTREE("m.org_id"));
static const struct pager_def active_group_def = LIST_DEF("m.status = '正常' AND ", IN_GROUP);
static const struct pager_def all_group_def = LIST_DEF("", IN_GROUP);

static int is_group(struct session *s, int64_t org)
{
	return org && db_int(s->db, "SELECT kind = '党小组' FROM org WHERE id = ?", org, 0) == 1;
}

/* The roster and its count cover the same members: root 0 is the
 * operator's scope (everything only for an unscoped operator), never the
 * whole database for an operator scoped to one 党总支. */
static int64_t roster_root(const struct session *s, int64_t root)
{
	return root ? root : s->scope_org;
}

struct row_source *member_list_source(struct session *s, int64_t root, int all)
{
	root = roster_root(s, root);
	if (is_group(s, root))
		return pager_new(s->db, all ? &all_group_def : &active_group_def, root);
	return pager_new(s->db, all ? &all_def : &active_def, root);
}

static const struct rs_column branch_cols[] = {
	{ "党支部名称", 20, 1, 0, 1, 40, 1 }, { "上级组织", 12, 1, 0, 1, 24 },
};

static const struct pager_def branch_def = {
	.cols = branch_cols,
	.ncols = 2,
	.cells = { "o.name", "coalesce(nullif(p.short_name, ''), p.name, '')" },
	/* By name in pinyin order, or (the default) in tree order, which
	 * groups a 党总支's branches under it. */
	.sort = { "o.name COLLATE zh", "o.sort_key" },
	.id = "o.id",
	.from = "org o LEFT JOIN org p ON p.id = o.parent_id",
	.where = "o.status = '正常' AND o.kind = '党支部' AND " DB_SUBTREE("o.id"),
	.find = ORG_FIND,
	.default_sort = 1,
};

struct row_source *member_branch_source(struct session *s)
{
	return pager_new(s->db, &branch_def, s->scope_org);
}

static const struct rs_column full_cols[] = {
	{ "姓名", 8, 0, 0, 1, 16, 1 }, { "所在支部", 16, 1, 0, 1, 40 }, { "入党日期", 10, 0, 0, 1 },
	{ "区分", 10, 0, 0, 0 },
};

/* A namesake on the picker's list (any active 正式党员), born the same
 * year for the second. */
#define NAMESAKE "EXISTS (SELECT 1 FROM member m2 WHERE m2.name = m.name AND m2.id <> m.id" \
	" AND m2.status = '正常' AND m2.category = '正式党员'"
#define TELL MEMBER_TELL_SQL("m.", NAMESAKE ")", \
	NAMESAKE " AND substr(m2.birth_date, 1, 4) = substr(m.birth_date, 1, 4))")
/* :scope is the branch listed first (an applicant's), not a subtree. */
#define FIRST "(CASE WHEN m.org_id = :scope THEN '0' ELSE '1' END) || "

static const struct pager_def full_def = {
	.cols = full_cols,
	.ncols = 4,
	.cells = { "m.name", BRANCH, "coalesce(m.joined_on, '')", TELL },
	.sort = { FIRST "m.name_py || m.name", FIRST "o.sort_key || '/' || m.name_py",
	          FIRST "coalesce(m.joined_on, '')" },
	.id = "m.id",
	.from = "member m JOIN org o ON o.id = m.org_id",
	.where = "m.status = '正常' AND m.category = '正式党员'",
	.find = MEMBER_FIND,
	.default_sort = 0,
};

/* An introducer may belong to any branch, so the whole database is listed;
 * the applicant's branch comes first, where the people they know are. */
struct row_source *member_full_source(struct session *s, int64_t first)
{
	return pager_new(s->db, &full_def, first);
}

static const struct rs_column group_cols[] = {
	{ "党小组名称", 36, 1, 0, 1 }, { "党员数", 6, 0, 1, 0 },
};

/* In tree order (by 排序号: 第一党小组 before 第二党小组).  Initials
 * are also matched after the branch's own (五夫村第一党支部第二党小组:
 * de), which every group of the list shares. */
static const struct pager_def group_def = {
	.cols = group_cols,
	.ncols = 2,
	.cells = { "o.name", "(SELECT count(*) FROM member m WHERE m.group_id = o.id"
	           " AND m.status = '正常')" },
	.sort = { "o.sort_key" },
	.id = "o.id",
	.from = "org o JOIN org p ON p.id = o.parent_id",
	.where = "o.parent_id = :scope AND o.kind = '党小组' AND o.status = '正常'",
	.find = ORG_FIND " OR (substr(o.name, 1, length(p.name)) = p.name"
	        " AND substr(o.name_py, length(p.name_py) + 1) LIKE :fp ESCAPE '\\')",
	.default_sort = 0,
};

struct row_source *member_group_source(struct session *s, int64_t branch_id)
{
	return pager_new(s->db, &group_def, branch_id);
}

static const struct rs_column event_cols[] = {
	{ "日期", 10, 0, 0, 1 }, { "变动", 8, 0, 0, 1 }, { "来源或去向", 24, 1, 0, 0 },
	{ "介绍信编号", 12, 0, 0, 0 }, { "说明", 16, 1, 0, 0 },
};

/* :scope carries the member's id: the pager binds nothing else. */
static const struct pager_def event_def = {
	.cols = event_cols,
	.ncols = 5,
	.cells = { "v.date", "v.type",
	           "CASE v.type WHEN '转入' THEN '自 ' || coalesce(v.from_org, '')"
	           " ELSE coalesce('至 ' || v.to_org, '') END",
	           "coalesce(v.letter_no, '')",
	           "CASE WHEN v.type = '转出' THEN '有效期 ' || coalesce(v.valid_days, '') ||"
	           " ' 天，党费交至 ' || coalesce(v.dues_paid_to, '') ||"
	           " coalesce('，回执 ' || r.returned_on || ' 退回', '，回执应于 ' || r.due_on ||"
	           " ' 前退回', '') || coalesce('，' || v.reason, '')"
	           " ELSE coalesce(v.reason, '') END" },
	.sort = { "v.date", "v.type || v.date" },
	.id = "v.id",
	.from = "member_event v LEFT JOIN letter_receipt r ON r.event_id = v.id",
	.where = "v.member_id = :scope",
	.default_sort = 0,
};

struct row_source *member_event_source(struct session *s, int64_t member_id)
{
	return pager_new(s->db, &event_def, member_id);
}

long member_count(struct session *s, int64_t root, const char *category)
{
	sqlite3_stmt *st;
	long n = -1;
	root = roster_root(s, root);
	const char *sql = is_group(s, root)
		? "SELECT count(*) FROM member m WHERE m.status = '正常'"
		  " AND (?1 IS NULL OR m.category = ?1) AND " IN_GROUP
		: "SELECT count(*) FROM member m WHERE m.status = '正常'"
		  " AND (?1 IS NULL OR m.category = ?1) AND " DB_SUBTREE("m.org_id");
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (category)
		sqlite3_bind_text(st, 1, category, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), root);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}
