/* member_csv.c — the member roster as CSV with Chinese headers: an office's
 * Excel roster comes in all or nothing, and goes out with every member. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "db.h"
#include "member.h"
#include "text.h"

/* Header, struct member field, and whether the column must be present. */
struct col {
	const char *header;
	size_t off, cap;
	const char *field;    /* dj_err.field naming this column */
	int required;
};

#define C(h, m, req) { h, offsetof(struct member, m), sizeof(((struct member *)0)->m), #m, req }
static const struct col cols[] = {
	C("姓名", name, 1), C("性别", gender, 1), C("民族", ethnicity, 0),
	C("出生日期", birth_date, 0), C("身份证号", id_number, 0), C("学历", education, 0),
	C("人员类别", category, 1), C("入党日期", joined_on, 1), C("转正日期", confirmed_on, 0),
	C("所在党组织", org, 1), C("联系电话", phone, 0), C("工作岗位", job, 0),
	C("备注", notes, 0), C("延长预备期（月）", extension, 0), C("状态", status, 0),
};
#undef C
enum { NCOLS = sizeof cols / sizeof *cols, MAXCOLS = 256 };

struct row {
	int line;
	struct member m;
};

static int column_of_field(const char *field)
{
	for (int i = 0; i < NCOLS; i++)
		if (strcmp(cols[i].field, field) == 0)
			return i;
	return -1;
}

/* Maps the header row to our columns; refuses unknown and repeated names. */
static int read_header(struct csv_reader *r, int map[MAXCOLS], int *nmap, FILE *report)
{
	char **f;
	int line, n = csv_next(r, &f, &line), bad = 0, seen[NCOLS] = { 0 };
	if (n <= 0) {
		fprintf(report, "文件为空，第一行应为列名（姓名、性别、人员类别、入党日期、所在党组织……）\n");
		return -1;
	}
	if (n > MAXCOLS) {
		fprintf(report, "第 %d 行：列数太多（%d 列）\n", line, n);
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

/* One record into w; returns 1 when it has a problem (reported). */
static int take_row(char **f, int n, int line, const int map[], int nmap, struct row *w,
                    FILE *report)
{
	int bad = 0;
	memset(w, 0, sizeof *w);
	w->line = line;
	if (n > nmap) {
		fprintf(report, "第 %d 行：有 %d 列，比列名行多 %d 列\n", line, n, n - nmap);
		bad = 1;
	}
	for (int i = 0; i < n && i < nmap; i++) {
		const struct col *c = &cols[map[i]];
		char *dst = (char *)&w->m + c->off;
		if (strlen(f[i]) >= c->cap) {
			fprintf(report, "第 %d 行「%s」值「%.40s…」：太长\n", line, c->header, f[i]);
			bad = 1;
		}
		snprintf(dst, c->cap, "%s", f[i]);
		utf8_trim(dst);
	}
	if (*w->m.status && strcmp(w->m.status, "正常") != 0) {
		fprintf(report, "第 %d 行「状态」值「%s」：只能导入状态为「正常」的党员"
		        "（转出、去世等请导入后在系统中办理）\n", line, w->m.status);
		bad = 1;
	}
	w->m.status[0] = 0;
	return bad;
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
			cap = cap ? cap * 2 : 256;
			struct row *m = realloc(*rows, (size_t)cap * sizeof *m);
			if (!m) {
				fprintf(report, "内存不足，文件太大\n");
				return 1;
			}
			*rows = m;
		}
		bad |= take_row(f, n, line, map, nmap, &(*rows)[(*nrows)++], report);
	}
	if (*nrows == 0 && !bad) {
		fprintf(report, "文件只有列名行，没有党员记录\n");
		bad = 1;
	}
	return bad;
}

static void report_error(FILE *report, const struct row *w, const struct dj_err *e)
{
	int c = column_of_field(e->field);
	if (c >= 0)
		fprintf(report, "第 %d 行「%s」值「%s」：%s\n", w->line, cols[c].header,
		        (const char *)&w->m + cols[c].off, e->msg);
	else
		fprintf(report, "第 %d 行：%s\n", w->line, e->msg);
}

/* Saves every row in the caller's transaction; returns the rows refused. */
static int store_rows(struct session *s, struct row *rows, int n, FILE *report)
{
	int bad = 0;
	for (int i = 0; i < n; i++) {
		struct dj_err e;
		struct member m = rows[i].m;
		dj_clear(&e);
		if (member_save(s, &m, 1, &e)) {
			report_error(report, &rows[i], &e);
			bad++;
			if (e.code == DJ_DB || e.code == DJ_DENIED)
				break;   /* every later row would fail the same way */
		}
	}
	return bad;
}

int member_import_csv(struct session *s, const char *path, FILE *report, int *imported)
{
	char why[256];
	*imported = 0;
	struct csv_reader *r = csv_open(path, why, sizeof why);
	if (!r) {
		fprintf(report, "%s\n", why);
		return 2;
	}
	int map[MAXCOLS], nmap = 0, nrows = 0;
	struct row *rows = NULL;
	int bad = read_header(r, map, &nmap, report) != 0;
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

/* The export's columns, in cols[] order, straight from one query. */
static const char export_sql[] =
	"SELECT m.name, m.gender, m.ethnicity, coalesce(m.birth_date, ''),"
	" coalesce(m.id_number, ''), coalesce(m.education, ''), m.category,"
	" coalesce(m.joined_on, ''), coalesce(m.confirmed_on, ''), o.name, coalesce(m.phone, ''),"
	" coalesce(m.job, ''), coalesce(m.notes, ''),"
	" CASE m.extension_months WHEN 0 THEN '' ELSE m.extension_months END, m.status"
	" FROM member m JOIN org o ON o.id = m.org_id"
	" WHERE ?1 = 0 OR m.org_id IN (WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL"
	" SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)"
	" ORDER BY o.name_py, o.name, m.name_py, m.id";

int member_export_subtree(struct session *s, int64_t root, const char *path, FILE *report,
                          int *exported)
{
	struct csv_writer w;
	*exported = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, export_sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(report, "读取党员失败：%s\n", sqlite3_errmsg(s->db));
		return 1;
	}
	if (csv_writer_open(&w, path)) {
		fprintf(report, "无法写入 %s：%s\n", path, strerror(errno));
		sqlite3_finalize(st);
		return 1;
	}
	for (int c = 0; c < NCOLS; c++)
		csv_write_field(&w, cols[c].header);
	csv_end_record(&w);
	sqlite3_bind_int64(st, 1, root);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < NCOLS; c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			csv_write_field(&w, v ? v : "");
		}
		csv_end_record(&w);
		(*exported)++;
	}
	int failed = rc != SQLITE_DONE;
	if (failed)
		fprintf(report, "读取党员失败：%s\n", sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	if (csv_writer_close(&w) != 0) {
		fprintf(report, "写入 %s 失败（磁盘已满？）\n", path);
		return 1;
	}
	return failed;
}

int member_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	return member_export_subtree(s, s->scope_org, path, report, exported);
}
