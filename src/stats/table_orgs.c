/* table_orgs.c — 基层组织: the organizations of the subtree by kind (the
 * columns) and category, those founded and 撤销 during the year, and those
 * whose committee term had run out at the as-of date.  An organization
 * counts as existing from its founding date (none: always) until it was
 * 撤销. */
#include <string.h>

#include "core/db.h"
#include "org/org.h"
#include "stats/tables.h"

enum { R_TOTAL, R_CAT0 };

static void set_up(struct stats_table *t)
{
	char key[STATS_KEYLEN], label[STATS_LABELLEN];
	static const char *const kind_keys[] = { "committee", "general", "branch", "group" };
	stats_table_init(t, "orgs", STATS_ORGS);
	stats_add_col(t, "total", "合计");
	for (int i = 0; org_kinds[i] && i < 4; i++)
		stats_add_col(t, kind_keys[i], org_kinds[i]);
	stats_add_row(t, "total", "现有组织", 0);
	for (int i = 0; org_categories[i]; i++) {
		snprintf(key, sizeof key, "cat%d", i + 1);
		snprintf(label, sizeof label, "其中：%s", org_categories[i]);
		stats_add_row(t, key, label, 1);
	}
	stats_add_row(t, "cat_other", "其中：其他类别", 1);
	stats_add_row(t, "new", "本年新建", 0);
	stats_add_row(t, "dissolved", "本年撤销", 0);
	stats_add_row(t, "term_expired", "届满未换届", 0);
}

static int index_in(const char *const *list, const char *word)
{
	int i = 0;
	for (; list[i]; i++)
		if (strcmp(list[i], word) == 0)
			return i;
	return i;
}

static void hit_row(struct stats_visit *v, const struct stats_unit_row *u, int row, int kind)
{
	stats_hit(v, u, row, 0);
	if (kind < 4)
		stats_hit(v, u, row, 1 + kind);
}

static const char org_sql[] =
	"SELECT o.id, o.name, o.kind, o.category, coalesce(o.founded_on, ''),"
	" coalesce(o.dissolved_on, ''), o.status, coalesce(p.name, ''),"
	" (SELECT t.due_on FROM org_term t WHERE t.org_id = o.id AND t.elected_on <= :as_of"
	"  ORDER BY t.elected_on DESC LIMIT 1)"
	" FROM org o LEFT JOIN org p ON p.id = o.parent_id WHERE " DB_SUBTREE("o.id")
	" ORDER BY o.id";

static void count_org(struct stats_visit *v, sqlite3_stmt *q, const struct stats_when *w,
                      const char *first, int ncat)
{
	struct stats_unit_row u;
	char kind[16], cat[32], founded[11], dissolved[11], status[8], due[11];
	memset(&u, 0, sizeof u);
	u.id = sqlite3_column_int64(q, 0);
	db_col_text(q, 1, u.name, sizeof u.name);
	db_col_text(q, 2, kind, sizeof kind);
	db_col_text(q, 3, cat, sizeof cat);
	db_col_text(q, 4, founded, sizeof founded);
	db_col_text(q, 5, dissolved, sizeof dissolved);
	db_col_text(q, 6, status, sizeof status);
	db_col_text(q, 8, due, sizeof due);
	snprintf(u.cells[0], sizeof u.cells[0], "%s", kind);
	snprintf(u.cells[1], sizeof u.cells[1], "%s", cat);
	db_col_text(q, 7, u.cells[2], sizeof u.cells[2]);
	snprintf(u.cells[3], sizeof u.cells[3], "%s", founded);
	snprintf(u.cells[4], sizeof u.cells[4], "%s", status);
	int k = index_in(org_kinds, kind);
	int gone = strcmp(status, "撤销") == 0 && (!*dissolved || strcmp(dissolved, w->as_of) <= 0);
	int born = !*founded || strcmp(founded, w->as_of) <= 0;
	if (born && !gone) {
		hit_row(v, &u, R_TOTAL, k);
		hit_row(v, &u, R_CAT0 + index_in(org_categories, cat), k);
		/* 党小组 elect no committee */
		if (*due && strcmp(due, w->as_of) < 0 && k < 3)
			hit_row(v, &u, R_CAT0 + ncat + 2, k);
	}
	if (*founded && strcmp(founded, first) >= 0 && born)
		hit_row(v, &u, R_CAT0 + ncat, k);
	if (gone && *dissolved && strcmp(dissolved, first) >= 0)
		hit_row(v, &u, R_CAT0 + ncat + 1, k);
}

int stats_count_orgs(struct session *s, const struct stats_when *w, struct stats_visit *v,
                     struct dj_err *e)
{
	set_up(v->t);
	int ncat = index_in(org_categories, "") + 1;   /* with 其他类别 */
	int64_t root;
	if (stats_scope(s, w, &root, e))
		return -1;
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db, org_sql, -1, &q, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "统计基层组织"), -1;
	sqlite3_bind_int64(q, sqlite3_bind_parameter_index(q, ":scope"), root);
	sqlite3_bind_text(q, sqlite3_bind_parameter_index(q, ":as_of"), w->as_of, -1,
	                  SQLITE_TRANSIENT);
	char first[11];
	snprintf(first, sizeof first, "%04d-01-01", w->year);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		count_org(v, q, w, first, ncat);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : (db_fail(s->db, e, "统计基层组织"), -1);
}
