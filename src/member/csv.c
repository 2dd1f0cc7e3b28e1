/* csv.c — the member roster as CSV with Chinese headers: an office's
 * Excel roster comes in all or nothing, and goes out with every member. */
#include <stddef.h>
#include <stdlib.h>
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

/* A row as the write phase needs it: the member as member_prepare left it
 * (the columns' offsets are into `m`, first), and its pinyin initials. */
struct staged {
	struct member m;
	char py[MEMBER_PY_MAX];
};

/* What the import keeps across its rows: the ID numbers seen (a file may
 * not hold one twice), and the branches and groups the write phase has
 * found still as the rows were prepared against. */
struct seen_id {
	char id[sizeof ((struct member *)0)->id_number];
	int line;
};
struct run {
	struct seen_id *ids;
	int nids, capids;
	int64_t *ok;      /* sorted */
	int nok, capok;
};

static int remember_id(struct run *r, const char *id, int line)
{
	if (r->nids == r->capids) {
		int cap = r->capids ? r->capids * 2 : 1024;
		struct seen_id *m = realloc(r->ids, (size_t)cap * sizeof *m);
		if (!m)
			return -1;
		r->ids = m;
		r->capids = cap;
	}
	snprintf(r->ids[r->nids].id, sizeof r->ids[r->nids].id, "%s", id);
	r->ids[r->nids++].line = line;
	return 0;
}

/* Outside the write transaction: every rule and lookup of member_save. */
static int prepare_row(struct session *s, const struct csv_import *t, void *rec, int line,
                       void *ctx, FILE *report)
{
	struct staged *st = rec;
	struct member shown = st->m;   /* the report quotes the value as the file had it */
	struct dj_err e;
	dj_clear(&e);
	if (member_prepare(s, &st->m, st->py, &e)) {
		csv_import_report(t, line, &shown, &e, report);
		return e.code == DJ_DB ? -1 : 1;
	}
	if (*st->m.id_number && remember_id(ctx, st->m.id_number, line)) {
		fprintf(report, "内存不足，无法导入\n");
		return -1;
	}
	return 0;
}

static int by_id_then_line(const void *a, const void *b)
{
	const struct seen_id *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* One 身份证号 on two rows: the database would take the first only. */
static int prepared(struct session *s, void *ctx, FILE *report)
{
	(void)s;
	struct run *r = ctx;
	int bad = 0;
	if (r->nids > 1)
		qsort(r->ids, (size_t)r->nids, sizeof *r->ids, by_id_then_line);
	for (int i = 1; i < r->nids; i++)
		if (strcmp(r->ids[i].id, r->ids[i - 1].id) == 0) {
			int first = i - 1;
			while (first > 0 && strcmp(r->ids[first - 1].id, r->ids[i].id) == 0)
				first--;
			fprintf(report, "第 %d 行「身份证号」值「%s」：与第 %d 行重复，同一个身份证号只能登记一次\n",
			        r->ids[i].line, r->ids[i].id, r->ids[first].line);
			bad = 1;
		}
	return bad;
}

/* Has the write phase already found this branch or group as prepared? */
static int already_ok(struct run *r, int64_t id, int add)
{
	int lo = 0, hi = r->nok;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (r->ok[mid] == id)
			return 1;
		if (r->ok[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (add && r->nok == r->capok) {
		int cap = r->capok ? r->capok * 2 : 256;
		int64_t *m = realloc(r->ok, (size_t)cap * sizeof *m);
		if (!m)
			return 0;
		r->ok = m;
		r->capok = cap;
	}
	if (add) {
		memmove(r->ok + lo + 1, r->ok + lo, (size_t)(r->nok - lo) * sizeof *r->ok);
		r->ok[lo] = id;
		r->nok++;
	}
	return 0;
}

/* Inside the write transaction: the branch and group a row was prepared
 * against are still active, named so and in the operator's scope (another
 * operator may have changed them since), once each per import. */
static int still_as_prepared(struct session *s, struct run *r, const struct member *m,
                             struct dj_err *e)
{
	if (!already_ok(r, m->org_id, 0)) {
		if (member_branch_id(s, m->org) != m->org_id || session_may_move(s, 0, 0, m->org_id, e))
			return dj_fail(e, DJ_DENIED, "org", "导入期间这个党支部被撤销、改名或移出了管辖范围："
			               "没有导入任何记录，请重新导入");
		already_ok(r, m->org_id, 1);
	}
	if (m->group_id && !already_ok(r, -m->group_id, 0)) {
		if (member_group_id(s, m->org_id, m->group, NULL, 0) != m->group_id)
			return dj_fail(e, DJ_DENIED, "group", "导入期间这个党小组被撤销或改名：没有导入任何记录，"
			               "请重新导入");
		already_ok(r, -m->group_id, 1);
	}
	return 0;
}

/* The write phase: the rows as prepared, each one INSERT and its audit
 * entry.  Returns the rows refused, or -1 when the database or a change
 * made meanwhile stops the import. */
static int store_rows(struct session *s, const struct csv_import *t, void *recs,
                      const int *lines, int n, void *ctx, FILE *report)
{
	struct staged *rows = recs;
	for (int i = 0; i < n; i++) {
		struct dj_err e;
		dj_clear(&e);
		if (still_as_prepared(s, ctx, &rows[i].m, &e) ||
		    member_insert(s, &rows[i].m, rows[i].py, &e)) {
			csv_import_report(t, lines[i], &rows[i].m, &e, report);
			return -1;   /* every row was checked: what fails now fails for the file */
		}
	}
	return 0;
}

static const struct csv_import import = {
	.cols = cols, .ncols = NCOLS, .rec_size = sizeof(struct staged),
	.empty_file = "文件为空，第一行应为列名（姓名、性别、人员类别、入党日期、所在党组织……）",
	.no_rows = "文件只有列名行，没有党员记录",
	.check_row = check_row, .prepare = prepare_row, .prepared = prepared, .store = store_rows,
	.batch = 512,   /* the write phase unpacks 512 rows at a time: ~0.5 MB */
};

int member_import_csv(struct session *s, const char *path, FILE *report, int *imported)
{
	struct run r = { 0 };
	int rc = csv_import(s, &import, path, &r, report, imported);
	free(r.ids);
	free(r.ok);
	return rc;
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
