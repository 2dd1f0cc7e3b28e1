#include "org_csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "db.h"
#include "org.h"
#include "text.h"

/* Header, struct org member, and whether the column must be present. */
struct col {
	const char *header;
	size_t off, cap;
	const char *field;    /* dj_err.field naming this column */
	int required;
};

#define C(h, m, req) { h, offsetof(struct org, m), sizeof(((struct org *)0)->m), #m, req }
static const struct col cols[] = {
	C("党组织名称", name, 1), C("上级组织", parent, 0), C("类型", kind, 1),
	C("类别", category, 1), C("成立日期", founded_on, 0), C("书记", secretary, 0),
	C("联系领导", leader, 0), C("联系干部", cadre, 0), C("联系电话", phone, 0),
	C("备注", notes, 0), C("简称", short_name, 0), C("批准文号", founding_doc, 0),
	C("地址", address, 0), C("本届选举日期", elected_on, 0), C("任期（年）", term_years, 0),
	C("状态", status, 0), C("届满日期", due_on, 0),
};
#undef C
enum { NCOLS = sizeof cols / sizeof *cols, COL_STATUS = 15, COL_DUE = 16 };

struct row {
	int line;
	struct org o;
	int done;
	int failed;
};

static int column_of_field(const char *field)
{
	for (int i = 0; i < NCOLS; i++)
		if (strcmp(cols[i].field, field) == 0)
			return i;
	return -1;
}

/* Maps the header row to our columns; refuses unknown and repeated names. */
static int read_header(struct csv_reader *r, int map[], int *nmap, FILE *report)
{
	char **f;
	int line, n = csv_next(r, &f, &line), bad = 0, seen[NCOLS] = { 0 };
	if (n <= 0) {
		fprintf(report, "文件为空，第一行应为列名（党组织名称、类型、类别……）\n");
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char h[128];
		snprintf(h, sizeof h, "%s", f[i]);
		utf8_trim(h);
		map[i] = -1;
		for (int c = 0; c < NCOLS; c++)
			if (strcmp(h, cols[c].header) == 0)
				map[i] = c;
		if (map[i] < 0) {
			fprintf(report, "第 %d 行：未知的列「%s」\n", line, h);
			bad = 1;
		} else if (seen[map[i]]++) {
			fprintf(report, "第 %d 行：列「%s」重复\n", line, h);
			bad = 1;
		}
	}
	for (int c = 0; c < NCOLS; c++)
		if (cols[c].required && !seen[c]) {
			fprintf(report, "第 %d 行：缺少必需的列「%s」\n", line, cols[c].header);
			bad = 1;
		}
	*nmap = n;
	return bad ? -1 : 0;
}

static int read_rows(struct csv_reader *r, const int map[], int nmap, struct row **rows,
                     int *nrows, FILE *report)
{
	char **f;
	int line, n, cap = 0, bad = 0;
	*rows = NULL;
	*nrows = 0;
	while ((n = csv_next(r, &f, &line)) > 0) {
		if (*nrows == cap) {
			cap = cap ? cap * 2 : 64;
			struct row *m = realloc(*rows, (size_t)cap * sizeof *m);
			if (!m)
				return -1;
			*rows = m;
		}
		struct row *w = &(*rows)[(*nrows)++];
		memset(w, 0, sizeof *w);
		w->line = line;
		if (n > nmap) {
			fprintf(report, "第 %d 行：有 %d 列，比列名行多 %d 列\n", line, n, n - nmap);
			bad = 1;
		}
		for (int i = 0; i < n && i < nmap; i++) {
			const struct col *c = &cols[map[i]];
			char *dst = (char *)&w->o + c->off;
			if (strlen(f[i]) >= c->cap) {
				fprintf(report, "第 %d 行「%s」值「%.40s…」：太长\n", line, c->header, f[i]);
				bad = 1;
			}
			snprintf(dst, c->cap, "%s", f[i]);
			utf8_trim(dst);
		}
		if (*w->o.status && strcmp(w->o.status, "正常") != 0) {
			fprintf(report, "第 %d 行「状态」值「%s」：导入只接受状态为「正常」的组织\n", line,
			        w->o.status);
			bad = 1;
		}
		w->o.due_on[0] = 0;   /* computed from the term, never taken from a file */
	}
	return bad;
}

static const char *field_value(const struct org *o, const char *field)
{
	int c = column_of_field(field);
	return c < 0 ? "" : (const char *)o + cols[c].off;
}

static void report_error(FILE *report, const struct row *w, const struct dj_err *e)
{
	int c = column_of_field(e->field);
	if (c >= 0)
		fprintf(report, "第 %d 行「%s」值「%s」：%s\n", w->line, cols[c].header,
		        field_value(&w->o, e->field), e->msg);
	else
		fprintf(report, "第 %d 行：%s\n", w->line, e->msg);
}

static int find_row(const struct row *rows, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].o.name, name) == 0)
			return i;
	return -1;
}

/* Saves rows whose parent is stored; repeats until nothing moves, so a parent
 * may come after its children.  Returns the number of rows refused. */
static int store_rows(struct session *s, struct row *rows, int n, FILE *report)
{
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
				        w->line, w->o.parent, rows[p].line);
				w->failed = 1;
				bad++;
			} else if (org_save(s, &w->o, 1, &e)) {
				report_error(report, w, &e);
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
			        rows[i].line, rows[i].o.parent);
			bad++;
		}
	return bad;
}

int org_import_csv(struct session *s, const char *path, FILE *report, int *imported)
{
	char why[256];
	*imported = 0;
	struct csv_reader *r = csv_open(path, why, sizeof why);
	if (!r) {
		fprintf(report, "%s\n", why);
		return 2;
	}
	int map[256], nmap = 0, nrows = 0;
	struct row *rows = NULL;
	int bad = read_header(r, map, &nmap, report) != 0;
	if (!bad && nmap > 256)
		bad = 1;
	if (!bad)
		bad = read_rows(r, map, nmap, &rows, &nrows, report) != 0;
	csv_close(r);
	struct dj_err e;
	if (!bad && db_begin(s->db, &e) == 0) {
		bad = store_rows(s, rows, nrows, report) != 0;
		if (!bad && db_commit(s->db, &e) != 0) {
			fprintf(report, "%s\n", e.msg);
			bad = 1;
		}
		if (bad)
			db_rollback(s->db);
	} else if (!bad) {
		fprintf(report, "%s\n", e.msg);
		bad = 1;
	}
	free(rows);
	if (bad) {
		fprintf(report, "导入失败：没有导入任何记录\n");
		return 1;
	}
	*imported = nrows;
	return 0;
}

int org_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	struct csv_writer w;
	*exported = 0;
	if (csv_writer_open(&w, path)) {
		fprintf(report, "无法写入 %s：%s\n", path, strerror(errno));
		return 1;
	}
	for (int c = 0; c < NCOLS; c++)
		csv_write_field(&w, cols[c].header);
	csv_end_record(&w);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM org ORDER BY coalesce(parent_id, 0), id", -1,
	                       &st, NULL) != SQLITE_OK) {
		csv_writer_close(&w);
		fprintf(report, "读取组织失败：%s\n", sqlite3_errmsg(s->db));
		return 1;
	}
	int rc = 0;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		struct org o;
		struct dj_err e;
		if ((rc = org_load(s, sqlite3_column_int64(st, 0), &o, &e)) != 0) {
			fprintf(report, "%s\n", e.msg);
			break;
		}
		for (int c = 0; c < NCOLS; c++)
			csv_write_field(&w, (const char *)&o + cols[c].off);
		csv_end_record(&w);
		(*exported)++;
	}
	sqlite3_finalize(st);
	if (csv_writer_close(&w) != 0) {
		fprintf(report, "写入 %s 失败（磁盘已满？）\n", path);
		return 1;
	}
	return rc ? 1 : 0;
}
