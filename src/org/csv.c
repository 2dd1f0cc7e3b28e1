#include "org/csv.h"

#include <stddef.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/validate.h"
#include "org/org.h"

/* A file's row: the organization, how storing it went, and the 撤销 the
 * file gives it (restored once every row is stored: a dissolved parent
 * takes no new children). */
struct row {
	struct org o;
	int done;
	int failed;
	int dissolved;
	char dissolved_on[11], reason[128];
};

#define C(h, m, req) { h, offsetof(struct row, o.m), sizeof(((struct org *)0)->m), #m, req }
static const struct csv_column cols[] = {
	C("党组织名称", name, 1), C("上级组织", parent, 0), C("类型", kind, 1),
	C("类别", category, 1), C("成立日期", founded_on, 0), C("书记", secretary, 0),
	C("联系领导", leader, 0), C("联系干部", cadre, 0), C("联系电话", phone, 0),
	C("备注", notes, 0), C("简称", short_name, 0), C("批准文号", founding_doc, 0),
	C("地址", address, 0), C("本届选举日期", elected_on, 0), C("任期（年）", term_years, 0),
	C("状态", status, 0), C("届满日期", due_on, 0), C("排序号", sort_no, 0),
	C("撤销日期", dissolved_on, 0), C("撤销原因", reason, 0),
};
#undef C
enum { NCOLS = sizeof cols / sizeof *cols };

/* A cell holding a control or an invisible format character is named by
 * its row and column, its value not quoted (the report goes to a terminal). */
static int check_texts(const struct row *w, int line, FILE *report)
{
	char why[WHY_MAX];
	int bad = 0;
	for (int c = 0; c < NCOLS; c++)
		if (valid_text((const char *)w + cols[c].off, cols[c].off == offsetof(struct row, o.notes),
		               why)) {
			fprintf(report, "第 %d 行「%s」：%s\n", line, cols[c].header, why);
			bad = 1;
		}
	return bad;
}

/* 状态 正常, or 撤销 with its 撤销日期 (an export's 撤销 organizations come
 * back as they were); the org is stored 正常 and dissolved at the end. */
static int check_row(void *rec, int line, FILE *report)
{
	struct row *w = rec;
	if (check_texts(w, line, report))
		return 1;
	int bad = 0;
	w->dissolved = strcmp(w->o.status, "撤销") == 0;
	if (*w->o.status && !w->dissolved && strcmp(w->o.status, "正常") != 0) {
		fprintf(report, "第 %d 行「状态」值「%s」：状态应为「正常」或「撤销」\n", line,
		        w->o.status);
		bad = 1;
	} else if (w->dissolved && !*w->o.dissolved_on) {
		fprintf(report, "第 %d 行「撤销日期」：状态为「撤销」的组织须填写撤销日期\n", line);
		bad = 1;
	} else if (!w->dissolved && (*w->o.dissolved_on || *w->o.reason)) {
		fprintf(report, "第 %d 行「撤销日期」：状态为「正常」的组织不填撤销日期和撤销原因\n", line);
		bad = 1;
	}
	memcpy(w->dissolved_on, w->o.dissolved_on, sizeof w->dissolved_on);
	snprintf(w->reason, sizeof w->reason, "%s", *w->o.reason ? w->o.reason : "导入时已撤销");
	w->o.status[0] = w->o.dissolved_on[0] = w->o.reason[0] = 0;
	w->o.due_on[0] = 0;   /* computed from the term, never taken from a file */
	return bad;
}

static int find_row(const struct row *rows, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].o.name, name) == 0)
			return i;
	return -1;
}

/* 1 when some other row to be dissolved still hangs under row i's org. */
static int has_active_child_row(const struct row *rows, int n, int i)
{
	for (int k = 0; k < n; k++)
		if (k != i && rows[k].dissolved && strcmp(rows[k].o.parent, rows[i].o.name) == 0)
			return 1;
	return 0;
}

/* The rows the file gives as 撤销, dissolved children first (org_dissolve's
 * rules: no active child left, a real date).  Returns the rows refused. */
static int dissolve_rows(struct session *s, const struct csv_import *t, struct row *rows,
                         const int *lines, int n, FILE *report)
{
	int left = 0, moved = 1;
	for (int i = 0; i < n; i++)
		left += rows[i].dissolved;
	while (left && moved) {
		moved = 0;
		for (int i = 0; i < n; i++) {
			if (!rows[i].dissolved || has_active_child_row(rows, n, i))
				continue;
			struct dj_err e;
			dj_clear(&e);
			if (org_dissolve_in_txn(s, rows[i].o.id, rows[i].dissolved_on, rows[i].reason, &e)) {
				if (!*e.field)
					snprintf(e.field, sizeof e.field, "dissolved_on");
				memcpy(rows[i].o.dissolved_on, rows[i].dissolved_on, sizeof rows[i].dissolved_on);
				csv_import_report(t, lines[i], &rows[i], &e, report);
				return 1;
			}
			rows[i].dissolved = 0;
			left--;
			moved = 1;
		}
	}
	return 0;
}

/* Saves rows whose parent is stored; repeats until nothing moves, so a parent
 * may come after its children.  Returns the number of rows refused. */
static int store_rows(struct session *s, const struct csv_import *t, void *recs,
                      const int *lines, int n, void *ctx, FILE *report)
{
	(void)ctx;
	struct row *rows = recs;
	int left = n, bad = 0, moved = 1;
	while (left && moved) {
		moved = 0;
		for (int i = 0; i < n; i++) {
			struct row *w = &rows[i];
			int64_t pid;
			if (w->done)
				continue;
			int p = *w->o.parent ? find_row(rows, n, w->o.parent) : -1;
			if (p >= 0 && !rows[p].done && org_find_by_name(s, w->o.parent, &pid) != 0)
				continue;   /* its parent comes later in the file */
			struct dj_err e;
			dj_clear(&e);
			if (p >= 0 && rows[p].failed && org_find_by_name(s, w->o.parent, &pid) != 0) {
				fprintf(report, "第 %d 行「上级组织」值「%s」：上级组织所在的第 %d 行有错误\n",
				        lines[i], w->o.parent, lines[p]);
				w->failed = 1;
				bad++;
			} else if (org_save_unordered(s, &w->o, &e)) {
				csv_import_report(t, lines[i], w, &e, report);
				w->failed = 1;
				bad++;
			}
			w->done = 1;
			left--;
			moved = 1;
		}
	}
	for (int i = 0; i < n; i++)
		if (!rows[i].done) {
			fprintf(report, "第 %d 行「上级组织」值「%s」：上级组织所在行有错误或形成循环\n",
			        lines[i], rows[i].o.parent);
			bad++;
		}
	struct dj_err e;
	if (bad == 0)
		bad = dissolve_rows(s, t, rows, lines, n, report);
	if (bad == 0 && org_order_rebuild(s->db, &e)) {   /* once, for every row stored */
		fprintf(report, "%s\n", e.msg);
		bad++;
	}
	return bad;
}

static const struct csv_import import = {
	.cols = cols, .ncols = NCOLS, .rec_size = sizeof(struct row),
	.empty_file = "文件为空，第一行应为列名（党组织名称、类型、类别……）",
	.check_row = check_row, .store = store_rows,
};

int org_import_csv(struct session *s, const char *path, FILE *report, int *imported)
{
	return csv_import(s, &import, path, NULL, report, imported);
}

/* One organization, by the id the export query gives, in the import's columns. */
static int write_org(struct csv_writer *w, sqlite3_stmt *st, void *ctx, FILE *report)
{
	struct row r;
	struct dj_err e;
	if (org_load(ctx, sqlite3_column_int64(st, 0), &r.o, &e) != 0) {
		fprintf(report, "%s\n", e.msg);
		return 1;
	}
	for (int c = 0; c < NCOLS; c++)
		csv_write_field(w, (const char *)&r + cols[c].off);
	csv_end_record(w);
	return 0;
}

int org_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	const struct csv_export x = {
		.what = "组织", .cols = cols, .ncols = NCOLS, .write_row = write_org, .ctx = s,
	};
	sqlite3_stmt *st = NULL;
	/* Tree order: a parent before its children, so the file imports as it is. */
	sqlite3_prepare_v2(s->db, "SELECT id FROM org ORDER BY sort_key, id", -1, &st, NULL);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}
