/* summary.c — the year's honours by title and level (issue 14 ## Reporting):
 * what the 党内表彰 table of the year-end statistics is made from.  A cell
 * counts the honours awarded in the year under the operator's scope that
 * are in force; revoked ones are counted apart.  Titles and levels are the
 * configured ones, then any an honour of the year carries that the office
 * has since taken out of dangjian.ini, so no honour falls out of the sums. */
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "honour/honour.h"

/* The index of word in list, appended when missing and there is room. */
static int slot(char list[][64], int *n, int cap, const char *word)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(list[i], word) == 0)
			return i;
	if (*n >= cap)
		return -1;
	snprintf(list[*n], 64, "%s", word);
	return (*n)++;
}

static void add(struct honour_summary *sum, const char *title, const char *level, int org,
                int posthumous, int revoked)
{
	int t = slot(sum->titles, &sum->ntitles, HONOUR_SUM_MAX, title);
	int l = slot(sum->levels, &sum->nlevels, HONOUR_SUM_MAX, level);
	if (t < 0 || l < 0) {
		sum->overflow++;
		return;
	}
	if (revoked) {
		sum->revoked++;
		return;
	}
	sum->count[t][l]++;
	sum->title_total[t]++;
	sum->level_total[l]++;
	sum->total++;
	(org ? sum->orgs : sum->persons)[t]++;
	sum->posthumous += posthumous != 0;
}

int honour_summary_load(struct session *s, int year, struct honour_summary *sum,
                        struct dj_err *e)
{
	memset(sum, 0, sizeof *sum);
	sum->year = year;
	sum->ntitles = honour_titles(s, sum->titles, HONOUR_SUM_MAX);
	sum->nlevels = honour_levels(s, sum->levels, HONOUR_SUM_MAX);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT h.title, h.level, h.kind = 'org', h.posthumous, h.revoked_on IS NOT NULL"
	        " FROM honour h LEFT JOIN member m ON m.id = h.member_id"
	        " JOIN org o ON o.id = coalesce(h.org_id, m.org_id)"
	        " WHERE substr(h.awarded_on, 1, 4) = printf('%04d', :year) AND " DB_SUBTREE("o.id")
	        " ORDER BY h.awarded_on, h.id", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "统计表彰荣誉");
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":year"), year);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add(sum, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1), sqlite3_column_int(st, 2),
		    sqlite3_column_int(st, 3), sqlite3_column_int(st, 4));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(s->db, e, "统计表彰荣誉");
	return 0;
}

/* One row of the table as text: the title, a count per level, 合计, 其中个人,
 * 其中组织; t < 0 is the totals row.  Returns the cell count. */
int honour_summary_row(const struct honour_summary *sum, int t, char cells[][64])
{
	int c = 0;
	snprintf(cells[c++], 64, "%s", t < 0 ? "合计" : sum->titles[t]);
	for (int l = 0; l < sum->nlevels; l++)
		snprintf(cells[c++], 64, "%d", t < 0 ? sum->level_total[l] : sum->count[t][l]);
	int persons = 0, orgs = 0;
	for (int i = 0; i < sum->ntitles; i++)
		if (t < 0 || i == t) {
			persons += sum->persons[i];
			orgs += sum->orgs[i];
		}
	snprintf(cells[c++], 64, "%d", t < 0 ? sum->total : sum->title_total[t]);
	snprintf(cells[c++], 64, "%d", persons);
	snprintf(cells[c++], 64, "%d", orgs);
	return c;
}

int honour_summary_head(const struct honour_summary *sum, char cells[][64])
{
	int c = 0;
	snprintf(cells[c++], 64, "荣誉称号");
	for (int l = 0; l < sum->nlevels; l++)
		snprintf(cells[c++], 64, "%s", sum->levels[l]);
	snprintf(cells[c++], 64, "合计");
	snprintf(cells[c++], 64, "其中个人");
	snprintf(cells[c++], 64, "其中组织");
	return c;
}

void honour_summary_note(const struct honour_summary *sum, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%d 年度共 %d 项有效荣誉（追授 %d 项）；已撤销 %d 项不计入",
	                 sum->year, sum->total, sum->posthumous, sum->revoked);
	if (sum->overflow && n > 0 && (size_t)n < cap)
		snprintf(out + n, cap - (size_t)n, "；另有 %d 项的称号或级别超过 %d 种，未列入",
		         sum->overflow, HONOUR_SUM_MAX);
}

int honour_summary_export(const struct honour_summary *sum, const char *path, FILE *report)
{
	char head[HONOUR_SUM_COLS][64], row[HONOUR_SUM_COLS][64];
	const char *h[HONOUR_SUM_COLS], *r[HONOUR_SUM_COLS];
	int n = honour_summary_head(sum, head);
	for (int c = 0; c < n; c++)
		h[c] = head[c];
	struct csv_writer w;
	if (csv_export_open(&w, path, h, n, report))
		return 1;
	for (int t = 0; t <= sum->ntitles; t++) {   /* the titles, then 合计 */
		int k = honour_summary_row(sum, t < sum->ntitles ? t : -1, row);
		for (int c = 0; c < k; c++)
			r[c] = row[c];
		csv_write_record(&w, r, k);
	}
	return csv_export_close(&w, path, report);
}
