/* table_honours.c — 党内表彰: the honours module's own year summary
 * (honour_summary_load) laid out as a stats table, titles by levels, so
 * the figures are the ones its screen shows.  The drill-down lists the
 * honours of one cell with the same conditions the summary counts by. */
#include <string.h>

#include "core/db.h"
#include "honour/honour.h"
#include "stats/tables.h"

#define NLEVELS (STATS_MAXCOLS - 3)

/* The summary for the subtree: it counts under the operator's scope, so
 * the scope is narrowed to the chosen root for the call. */
static int load(struct session *s, int64_t root, int year, struct honour_summary *sum,
                struct dj_err *e)
{
	int64_t saved = s->scope_org;
	s->scope_org = root;
	int rc = honour_summary_load(s, year, sum, e);
	s->scope_org = saved;
	return rc ? -1 : 0;
}

static void lay_out(struct stats_table *t, const struct honour_summary *sum)
{
	char key[STATS_KEYLEN];
	int nl = sum->nlevels < NLEVELS ? sum->nlevels : NLEVELS;
	int nt = sum->ntitles < STATS_MAXROWS - 1 ? sum->ntitles : STATS_MAXROWS - 1;
	stats_table_init(t, "honours", STATS_HONOURS);
	for (int l = 0; l < nl; l++) {
		snprintf(key, sizeof key, "l%d", l + 1);
		stats_add_col(t, key, sum->levels[l]);
	}
	int ct = stats_add_col(t, "total", "合计");
	int cp = stats_add_col(t, "persons", "其中个人");
	int co = stats_add_col(t, "orgs", "其中组织");
	for (int i = 0; i < nt; i++) {
		snprintf(key, sizeof key, "t%d", i + 1);
		int r = stats_add_row(t, key, sum->titles[i], 0);
		for (int l = 0; l < nl; l++)
			t->cell[r][l] = sum->count[i][l];
		t->cell[r][ct] = sum->title_total[i];
		t->cell[r][cp] = sum->persons[i];
		t->cell[r][co] = sum->orgs[i];
	}
	int r = stats_add_row(t, "total", "合计", 0);
	for (int l = 0; l < nl; l++)
		t->cell[r][l] = sum->level_total[l];
	t->cell[r][ct] = sum->total;
	for (int i = 0; i < nt; i++) {
		t->cell[r][cp] += sum->persons[i];
		t->cell[r][co] += sum->orgs[i];
	}
}

static const char cell_sql[] =
	"SELECT h.id, coalesce(m.name, ho.name), h.title, h.level, h.awarded_on,"
	" CASE h.kind WHEN 'org' THEN '组织' ELSE '个人' END, o.name"
	" FROM honour h LEFT JOIN member m ON m.id = h.member_id"
	" LEFT JOIN org ho ON ho.id = h.org_id"
	" JOIN org o ON o.id = coalesce(h.org_id, m.org_id)"
	" WHERE substr(h.awarded_on, 1, 4) = printf('%04d', :year) AND h.revoked_on IS NULL"
	" AND (:title IS NULL OR h.title = :title) AND (:level IS NULL OR h.level = :level)"
	" AND (:kind IS NULL OR h.kind = :kind) AND " DB_SUBTREE("o.id")
	" ORDER BY h.awarded_on, h.id";

static void bind(sqlite3_stmt *q, const char *name, const char *text)
{
	int i = sqlite3_bind_parameter_index(q, name);
	if (text)
		sqlite3_bind_text(q, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, i);
}

/* The honours of the wanted cell into v's rows (the cells are the summary's). */
static int list_cell(struct session *s, int64_t root, int year, struct stats_visit *v,
                     struct dj_err *e)
{
	const struct stats_table *t = v->t;
	const char *ck = t->col_key[v->want_col];
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db, cell_sql, -1, &q, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "列出表彰荣誉"), -1;
	sqlite3_bind_int(q, sqlite3_bind_parameter_index(q, ":year"), year);
	sqlite3_bind_int64(q, sqlite3_bind_parameter_index(q, ":scope"), root);
	int total_row = strcmp(t->row_key[v->want_row], "total") == 0;
	bind(q, ":title", total_row ? NULL : t->row_label[v->want_row]);
	bind(q, ":level", ck[0] == 'l' ? t->col_label[v->want_col] : NULL);
	bind(q, ":kind", strcmp(ck, "persons") == 0 ? "member" : strcmp(ck, "orgs") == 0 ? "org" : NULL);
	int rc;
	struct stats_table scratch;   /* stats_hit counts; the real cells stay the summary's */
	struct stats_visit lv = { .t = &scratch, .want_row = 0, .want_col = 0, .keep = v->keep,
		                  .keep_ctx = v->keep_ctx };
	memset(&scratch, 0, sizeof scratch);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct stats_unit_row u;
		memset(&u, 0, sizeof u);
		u.id = sqlite3_column_int64(q, 0);
		db_col_text(q, 1, u.name, sizeof u.name);
		for (int c = 0; c < 5; c++)
			db_col_text(q, 2 + c, u.cells[c], sizeof u.cells[c]);
		stats_hit(&lv, &u, 0, 0);
	}
	sqlite3_finalize(q);
	v->rows = lv.rows;
	v->n = lv.n;
	v->cap = lv.cap;
	v->oom = lv.oom;
	return rc == SQLITE_DONE ? 0 : (db_fail(s->db, e, "列出表彰荣誉"), -1);
}

int stats_count_honours(struct session *s, const struct stats_when *w, struct stats_visit *v,
                        struct dj_err *e)
{
	int64_t root;
	if (stats_scope(s, w, &root, e))
		return -1;
	struct honour_summary sum;
	if (load(s, root, w->year, &sum, e))
		return -1;
	lay_out(v->t, &sum);
	if (v->want_row >= 0 && v->want_row < v->t->nrows && v->want_col >= 0 &&
	    v->want_col < v->t->ncols)
		return list_cell(s, root, w->year, v, e);
	return 0;
}
