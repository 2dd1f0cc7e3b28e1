/* merge_print.c — the county's view of a merge: on the terminal as aligned
 * text (widths in columns, CJK two, so the figures line up under their
 * headings), and to a CSV or xlsx file through the export engine.  Units are
 * rows and 合计 the last; a table's cells are the columns. */
#include "stats/stats_pack.h"

#include <stdio.h>
#include <string.h>

#include "core/csv.h"
#include "core/text.h"

#define UNIT_MAXW 24   /* a unit's name wider than this is cut */
#define GAP 2

/* Column i of a table flattened: rows × columns, row by row. */
static void item_label(const struct stats_merged_table *t, int i, char *out, size_t cap)
{
	int r = i / t->ncols, c = i % t->ncols;
	if (t->ncols == 1)
		snprintf(out, cap, "%s", t->row_label[r]);
	else
		snprintf(out, cap, "%s（%s）", t->row_label[r], t->col_label[c]);
}

static long item_value(const struct stats_merge *m, const struct stats_merged_table *t, int u, int i)
{
	return stats_merged_cell(m, t, u, i / t->ncols, i % t->ncols);
}

static const char *unit_name(const struct stats_merge *m, int u)
{
	return u < m->nunits ? m->unit[u] : "合计";
}

/* As wide as its heading and its figures, but never wider than a line
 * beside the units' column (a longer heading is cut). */
static int item_width(const struct stats_merge *m, const struct stats_merged_table *t, int i,
                      int most)
{
	char label[2 * STATS_LABELLEN + 8], num[32];
	item_label(t, i, label, sizeof label);
	int w = utf8_cols(label);
	w = w > most ? most : w < 4 ? 4 : w;
	for (int u = 0; u <= m->nunits; u++) {
		int n = snprintf(num, sizeof num, "%ld", item_value(m, t, u, i));
		if (n > w)
			w = n;
	}
	return w;
}

static void put_fit(FILE *out, const char *s, int cols)
{
	char buf[4 * STATS_LABELLEN + 64];
	utf8_fit(s, cols, buf, sizeof buf);
	fputs(buf, out);
}

/* Items [from, to) for every unit and the total. */
static void print_group(const struct stats_merge *m, const struct stats_merged_table *t, int from,
                        int to, const int *w, int unitw, FILE *out)
{
	char label[2 * STATS_LABELLEN + 8];
	put_fit(out, "单位", unitw);
	for (int i = from; i < to; i++) {
		item_label(t, i, label, sizeof label);
		int pad = w[i] - utf8_cols(label);
		fprintf(out, "%*s", GAP + (pad > 0 ? pad : 0), "");   /* headings right-aligned, as the figures */
		put_fit(out, label, pad > 0 ? w[i] - pad : w[i]);
	}
	fputc('\n', out);
	for (int u = 0; u <= m->nunits; u++) {
		put_fit(out, unit_name(m, u), unitw);
		for (int i = from; i < to; i++)
			fprintf(out, "%*s%*ld", GAP, "", w[i], item_value(m, t, u, i));
		fputc('\n', out);
	}
}

static void print_table(const struct stats_merge *m, const struct stats_merged_table *t, int width,
                        FILE *out)
{
	int n = t->nrows * t->ncols, unitw = 4;
	int w[STATS_MAXROWS * STATS_MAXCOLS];
	for (int u = 0; u < m->nunits; u++) {
		int c = utf8_cols(m->unit[u]);
		unitw = c > unitw ? (c > UNIT_MAXW ? UNIT_MAXW : c) : unitw;
	}
	for (int i = 0; i < n; i++)
		w[i] = item_width(m, t, i, width - unitw - GAP);
	fprintf(out, "%s（截至 %s，%d 个单位汇总）\n", t->name, m->as_of, m->nunits);
	for (int from = 0; from < n;) {
		int to = from, used = unitw;
		while (to < n && (to == from || used + GAP + w[to] <= width))
			used += GAP + w[to++];
		if (from > 0)
			fputc('\n', out);
		print_group(m, t, from, to, w, unitw, out);
		from = to;
	}
	fputc('\n', out);
}

void stats_merge_print(const struct stats_merge *m, int width, FILE *out)
{
	for (int k = 0; k < m->ntables; k++)
		print_table(m, &m->t[k], width, out);
}

/* One section: the table's name (as the file's title for the first), its
 * headings, a row per unit and 合计. */
static void export_table(const struct stats_merge *m, const struct stats_merged_table *t, int first,
                         struct csv_writer *w)
{
	char text[2 * STATS_LABELLEN + 64];
	if (!first) {
		csv_write_field(w, "");
		csv_end_record(w);
	}
	snprintf(text, sizeof text, "%s（截至 %s，%d 个单位汇总）", t->name, m->as_of, m->nunits);
	csv_write_field(w, text);
	csv_end_record(w);
	int n = t->nrows * t->ncols;
	csv_write_field(w, "单位");
	for (int i = 0; i < n; i++) {
		item_label(t, i, text, sizeof text);
		csv_write_field(w, text);
	}
	csv_end_record(w);
	for (int u = 0; u <= m->nunits; u++) {
		csv_write_field(w, unit_name(m, u));
		for (int i = 0; i < n; i++) {
			snprintf(text, sizeof text, "%ld", item_value(m, t, u, i));
			csv_write_field(w, text);
		}
		csv_end_record(w);
	}
}

int stats_merge_export(const struct stats_merge *m, const char *path, FILE *report)
{
	struct csv_writer w;
	if (csv_writer_open(&w, path)) {
		fprintf(report, "%s\n", csv_writer_why(&w));
		return -1;
	}
	for (int k = 0; k < m->ntables; k++)
		export_table(m, &m->t[k], k == 0, &w);
	if (csv_writer_close(&w)) {
		fprintf(report, "%s\n", csv_writer_why(&w));
		return -1;
	}
	return 0;
}
