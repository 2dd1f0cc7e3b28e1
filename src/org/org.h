/* org.h — the organization registry: 党委 → 党总支 → 党支部 → 党小组, with the
 * 联系表 (liaison leader and cadre, seed 003) and the term (届) data.
 *
 * Organizations with members or history are never deleted: they are 撤销
 * (dissolved) with a date and a reason.  A move under another parent is
 * refused when it would make a cycle or break the kind hierarchy. */
#ifndef DJ_ORG_H
#define DJ_ORG_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "todo/todo.h"

extern const char *const org_kinds[];       /* 党委 党总支 党支部 党小组, NULL-terminated */
extern const char *const org_categories[];  /* 农村 社区 机关 事业单位 国有企业 … 其他 */

/* Every field as text, the way forms and CSV rows carry it.  Field keys (for
 * dj_err.field and form tables) are the member names. */
struct org {
	int64_t id;               /* 0 for a new organization */
	int64_t version;
	int64_t parent_id;        /* set by org_save from `parent` */
	char parent[128];         /* 上级组织, full name ("" = top level) */
	char name[128];           /* 党组织名称 (unique) */
	char short_name[64];      /* 简称 */
	char kind[16];            /* 类型 */
	char category[32];        /* 类别 */
	char founded_on[11];      /* 成立日期 */
	char founding_doc[64];    /* 批准文号 */
	char secretary[64];       /* 书记 */
	char phone[32];           /* 联系电话 */
	char address[128];        /* 地址 */
	char leader[64];          /* 联系领导 (liaison, role 联系领导) */
	char cadre[64];           /* 联系干部 (liaison, role 联系干部) */
	char elected_on[11];      /* 本届选举日期 */
	char term_years[4];       /* 任期（年）: "" = the default for the kind */
	char due_on[11];          /* 届满日期, computed */
	char notes[256];          /* 备注 */
	char sort_no[8];          /* 排序号 among its siblings: "" = the next one */
	char status[8];           /* 正常 / 撤销 */
	char dissolved_on[11];
	char reason[128];
};

/* The kinds that may stand directly above `kind`, as a message names them:
 * 党小组 → 党支部; 党支部 → 党委、党总支; 党总支 → 党委; 党委 → 党委 (or
 * none: a 党委 may be at the top). */
const char *org_parent_kinds(const char *kind);

/* Loads one organization with its parent's name, liaisons and current term. */
int org_load(struct session *s, int64_t id, struct org *o, struct dj_err *e);
int org_find_by_name(struct session *s, const char *name, int64_t *id);

/* Checks every rule without touching the database's rows (besides lookups):
 * required fields, kinds and categories, dates (valid, not in the future),
 * phone, parent exists and fits the kind, no cycle.  Sets e->field. */
int org_validate(struct session *s, const struct org *o, struct dj_err *e);

/* Inserts (id 0) or updates with the optimistic version check.  Runs in its
 * own BEGIN IMMEDIATE unless `in_txn`.  Fills parent_id, due_on, and the new
 * id/version.  A moved version gives DJ_CONFLICT (此记录已被他人修改). */
int org_save(struct session *s, struct org *o, int in_txn, struct dj_err *e);
/* The same inside the caller's transaction, leaving the tree order for one
 * org_order_rebuild before it commits (an import of a county's 2,400
 * organizations: 5.2 s with a refresh per row, tests/bench/NOTES.md). */
int org_save_unordered(struct session *s, struct org *o, struct dj_err *e);

/* 撤销: dissolves with a date and reason (version-checked).  Refused while
 * the organization has active child organizations. */
int org_dissolve(struct session *s, int64_t id, int64_t version, const char *date,
                 const char *reason, struct dj_err *e);

/* org_dissolve's rules and write inside the caller's transaction, at the
 * version stored now (an import restoring 撤销 organizations it has just
 * stored). */
int org_dissolve_in_txn(struct session *s, int64_t id, const char *date, const char *reason,
                        struct dj_err *e);

/* Deletes an organization with no children, members or history; anything
 * else gets DJ_INVALID suggesting 撤销. */
int org_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);

/* Term: default years for a kind/category (党委 and 农村/社区 5, else 3) and
 * the due date.  Returns the years. */
int org_term_default_years(const char *kind, const char *category);
void org_term_due(const char *elected_on, int years, char due_on[11]);
/* 1 when due_on falls within `months` months after today (or has passed). */
int org_term_expiring(const char *due_on, int months);

/* The list (ledger) of organizations, keyset-paged, find by name or pinyin
 * initials.  Columns: 党组织名称 类型 类别 上级组织 书记 联系领导 届满.
 * scope: 0 = all, else the subtree under that org. */
struct row_source *org_list_source(struct session *s, int64_t scope);
/* The tree: visible rows are the expanded nodes' children, depth-first.
 * Columns: 组织（树） 类型 类别 书记 届满. */
struct row_source *org_tree_source(struct session *s, int64_t root);
void org_tree_toggle(struct row_source *tree, int64_t id);   /* expand/collapse */
void org_tree_expand_all(struct row_source *tree, int expand);
int org_tree_is_expanded(struct row_source *tree, int64_t id);
/* Under a find, the first listed organization that matches itself (not
 * one shown only as an ancestor of a match); 0 when none or no find. */
int64_t org_tree_first_match(struct row_source *tree);
/* Expands every ancestor of id so it is listed (after it was saved). */
void org_tree_reveal(struct row_source *tree, int64_t id);
/* Organizations to pick (an operator's scope, a grading round's): active
 * 党委/党总支/党支部, in tree order. */
struct row_source *org_pick_source(struct session *s);
/* F4 on 上级组织: only the active organizations that may hold a `kind`
 * (org_parent_kinds; any of 党委/党总支/党支部 when kind is ""), never
 * `self` (0 for a new one) nor its descendants, in tree order. */
struct row_source *org_parent_pick_source(struct session *s, const char *kind, int64_t self);
void org_source_free(struct row_source *rs);

/* Tree order (order.c): each organization's org.sort_key places it after
 * its parent and among its siblings by kind, 排序号, then name in pinyin
 * order.  org_save keeps it; refresh renumbers the children of parent_id
 * (0: the top level) and rewrites their subtrees' keys; rebuild numbers
 * organizations without a 排序号 and rewrites every key (for rows written
 * straight into the table).  Both run inside the caller's transaction. */
int org_order_refresh(sqlite3 *db, int64_t parent_id, struct dj_err *e);
int org_order_rebuild(sqlite3 *db, struct dj_err *e);
/* The 排序号 a new organization under parent_id (0: top level) gets. */
long org_next_sort_no(sqlite3 *db, int64_t parent_id);

/* Counts for the status line. */
long org_count_active(struct session *s);

/* 待办 (todo/todo.h): active organizations in scope whose current term has
 * ended, or ends within `ahead` days of today (TODO_TERM, id the org). */
int org_term_todo(struct session *s, const char *today, int ahead, todo_emit emit, void *ctx,
                  struct dj_err *e);

#endif
