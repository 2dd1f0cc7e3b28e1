/* csv.c — the member roster as CSV with Chinese headers: an office's
 * Excel roster comes in all or nothing, and goes out with every member. */
#include <stddef.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/validate.h"
#include "member/member.h"

#define C(h, m, req) CSV_COLUMN(struct member, h, m, req)
static const struct csv_column cols[] = {
	C("姓名", name, 1), C("性别", gender, 1), C("民族", ethnicity, 0),
	C("出生日期", birth_date, 0), C("身份证号", id_number, 0), C("学历", education, 0),
	C("人员类别", category, 1), C("入党日期", joined_on, 1), C("转正日期", confirmed_on, 0),
	C("所在党组织", org, 1), C("党小组", group, 0), C("联系电话", phone, 0),
	C("工作岗位", job, 0), C("备注", notes, 0), C("延长预备期（月）", extension, 0),
	C("状态", status, 0),
};
#undef C
enum { NCOLS = sizeof cols / sizeof *cols };

/* A cell holding a control or an invisible format character (an ESC, a
 * byte order mark where two files were joined) is named by its row and
 * column, and its value is not quoted: the report goes to a terminal. */
static int check_texts(const struct member *m, int line, FILE *report)
{
	char why[WHY_MAX];
	int bad = 0;
	for (int c = 0; c < NCOLS; c++)
		if (valid_text((const char *)m + cols[c].off, cols[c].off == offsetof(struct member, notes),
		               why)) {
			fprintf(report, "第 %d 行「%s」：%s\n", line, cols[c].header, why);
			bad = 1;
		}
	return bad;
}

/* A file brings members in good standing only: leaving is an event recorded
 * in the system, with its date and reason. */
static int check_row(void *rec, int line, FILE *report)
{
	struct member *m = rec;
	if (check_texts(m, line, report))
		return 1;
	int bad = 0;
	if (*m->status && strcmp(m->status, "正常") != 0) {
		fprintf(report, "第 %d 行「状态」值「%s」：只能导入状态为「正常」的党员"
		        "（转出、去世等请导入后在系统中办理）\n", line, m->status);
		bad = 1;
	}
	m->status[0] = 0;
	return bad;
}

/* Saves every row in the caller's transaction; returns the rows refused, or
 * -1 when the database or the operator's rights stop the import. */
static int store_rows(struct session *s, const struct csv_import *t, void *recs,
                      const int *lines, int n, FILE *report)
{
	const struct member *rows = recs;
	int bad = 0;
	for (int i = 0; i < n; i++) {
		struct dj_err e;
		struct member m = rows[i];   /* the report quotes the value as the file had it */
		dj_clear(&e);
		if (member_save(s, &m, 1, &e)) {
			csv_import_report(t, lines[i], &rows[i], &e, report);
			bad++;
			if (e.code == DJ_DB || e.code == DJ_DENIED)
				return -1;   /* every later row would fail the same way */
		}
	}
	return bad;
}

static const struct csv_import import = {
	.cols = cols, .ncols = NCOLS, .rec_size = sizeof(struct member),
	.empty_file = "文件为空，第一行应为列名（姓名、性别、人员类别、入党日期、所在党组织……）",
	.no_rows = "文件只有列名行，没有党员记录",
	.check_row = check_row, .store = store_rows,
	.batch = 512,   /* rows do not refer to each other: a county's roster in ~0.5 MB */
};

int member_import_csv(struct session *s, const char *path, FILE *report, int *imported)
{
	return csv_import(s, &import, path, report, imported);
}

/* The export's columns, in cols[] order, straight from one query. */
static const char export_sql[] =
	"SELECT m.name, m.gender, m.ethnicity, coalesce(m.birth_date, ''),"
	" coalesce(m.id_number, ''), coalesce(m.education, ''), m.category,"
	" coalesce(m.joined_on, ''), coalesce(m.confirmed_on, ''), o.name, coalesce(g.name, ''),"
	" coalesce(m.phone, ''),"
	" coalesce(m.job, ''), coalesce(m.notes, ''),"
	" CASE m.extension_months WHEN 0 THEN '' ELSE m.extension_months END, m.status"
	" FROM member m JOIN org o ON o.id = m.org_id LEFT JOIN org g ON g.id = m.group_id"
	" WHERE ?1 = 0 OR m.org_id IN (WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL"
	" SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)"
	" ORDER BY o.sort_key, m.name_py, m.id";

int member_export_subtree(struct session *s, int64_t root, const char *path, FILE *report,
                          int *exported)
{
	const struct csv_export x = { .what = "党员", .cols = cols, .ncols = NCOLS };
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, export_sql, -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, 1, root);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

int member_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	return member_export_subtree(s, s->scope_org, path, report, exported);
}
