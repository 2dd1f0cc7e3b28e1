/* csv.c — the member roster as CSV with Chinese headers: an office's
 * Excel roster comes in all or nothing, and goes out with every member. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/roster_words.h"
#include "core/validate.h"
#include "member/member.h"

/* A row as the write phase needs it: the member as member_prepare left it
 * (first: the columns' offsets point into it), its pinyin initials, the
 * dates as the file wrote them (1990年7月1日 does not fit a YYYY-MM-DD), and
 * the status the file gives, with its date and note. */
#define RAW_DATE 64
struct staged {
	struct member m;
	char py[MEMBER_PY_MAX];
	char birth[RAW_DATE], joined[RAW_DATE], confirmed[RAW_DATE];
	char status[8];
	char status_on[RAW_DATE];
	char status_note[256];
};

#define C(h, f, req) { h, offsetof(struct staged, m.f), sizeof(((struct member *)0)->f), #f, req }
#define R(h, raw, f, req) { h, offsetof(struct staged, raw), RAW_DATE, #f, req }
static const struct csv_column cols[] = {
	C("姓名", name, 1), C("性别", gender, 1), C("民族", ethnicity, 0),
	R("出生日期", birth, birth_date, 0), C("身份证号", id_number, 0), C("学历", education, 0),
	C("人员类别", category, 1), R("入党日期", joined, joined_on, 1),
	R("转正日期", confirmed, confirmed_on, 0),
	C("所在党组织", org, 1), C("党小组", group, 0), C("联系电话", phone, 0),
	C("工作岗位", job, 0), C("备注", notes, 0), C("延长预备期（月）", extension, 0),
	C("状态", status, 0), R("状态日期", status_on, status_on, 0),
	{ "状态说明", offsetof(struct staged, status_note), 256, "status_note", 0 },
};
#undef C
#undef R
enum { NCOLS = sizeof cols / sizeof *cols };

/* A cell holding a control or an invisible format character (an ESC, a
 * byte order mark where two files were joined) is named by its row and
 * column, and its value is not quoted: the report goes to a terminal. */
static int check_texts(const struct staged *st, int line, FILE *report)
{
	char why[WHY_MAX];
	int bad = 0;
	for (int c = 0; c < NCOLS; c++)
		if (valid_text((const char *)st + cols[c].off,
		               cols[c].off == offsetof(struct staged, m.notes) ||
		               cols[c].off == offsetof(struct staged, status_note), why)) {
			fprintf(report, "第 %d 行「%s」：%s\n", line, cols[c].header, why);
			bad = 1;
		}
	return bad;
}

/* The statuses a file may give: 正常, or one a move recorded (the event of
 * that name: 转出, 出党, 去世, 失联, 流出).  出国 has no move that makes it
 * in this program, so no export holds it and no import takes it. */
static int status_importable(const char *status)
{
	return !*status || strcmp(status, "正常") == 0 ||
	       strcmp(member_event_result(status), status) == 0;
}

/* The status moves from the member's cells to the row's own: member_prepare
 * makes every member 正常, and the write phase records the rest. */
static int check_row(void *rec, int line, FILE *report)
{
	struct staged *st = rec;
	if (check_texts(st, line, report))
		return 1;
	int bad = 0;
	if (!status_importable(st->m.status)) {
		fprintf(report, "第 %d 行「状态」值「%s」：状态应为 正常、转出、出党、去世、失联 或 流出\n",
		        line, st->m.status);
		bad = 1;
	}
	snprintf(st->status, sizeof st->status, "%s", *st->m.status ? st->m.status : "正常");
	st->m.status[0] = 0;
	if (strcmp(st->status, "正常") == 0 && (*st->status_on || *st->status_note)) {
		fprintf(report, "第 %d 行「状态日期」：状态为「正常」的党员不填状态日期和状态说明\n", line);
		bad = 1;
	}
	return bad;
}

/* What the import keeps across its rows: the ID numbers seen (a file may
 * not hold one twice), and the branches and groups the write phase has
 * found still as the rows were prepared against. */
struct seen_id {
	char id[sizeof ((struct member *)0)->id_number];
	int line;
};
/* One kind of value read as another, counted for the report made before
 * anything is stored: 「学历」列：「大专」记为「大学专科」，23 行. */
struct mapping {
	int col;
	char from[64], to[64];
	int n;
};
struct run {
	struct seen_id *ids;
	int nids, capids;
	int64_t *ok;      /* sorted */
	int nok, capok;
	struct mapping *maps;   /* distinct words: at most the roster words' tables */
	int nmaps, capmaps;
	int dates[NCOLS];       /* dates written otherwise than YYYY-MM-DD, by column */
	char date_seen[NCOLS][RAW_DATE], date_norm[NCOLS][11];   /* the first such */
	int birth_from_id;      /* 出生年月 completed from the 身份证号 */
	int ids_folded;         /* 身份证号 with 全角 digits, spaces or x */
	int told;               /* the mappings are in the report */
};

static int col_at(size_t off)
{
	for (int c = 0; c < NCOLS; c++)
		if (cols[c].off == off)
			return c;
	return 0;
}

static int note_mapping(struct run *r, int col, const char *from, const char *to)
{
	for (int i = 0; i < r->nmaps; i++)
		if (r->maps[i].col == col && strcmp(r->maps[i].from, from) == 0) {
			r->maps[i].n++;
			return 0;
		}
	if (r->nmaps == r->capmaps) {
		int cap = r->capmaps ? r->capmaps * 2 : 16;
		struct mapping *m = realloc(r->maps, (size_t)cap * sizeof *m);
		if (!m)
			return -1;
		r->maps = m;
		r->capmaps = cap;
	}
	struct mapping *m = &r->maps[r->nmaps++];
	m->col = col;
	snprintf(m->from, sizeof m->from, "%s", from);
	snprintf(m->to, sizeof m->to, "%s", to);
	m->n = 1;
	return 0;
}

/* A roster's word in one of the member's list fields, counted when it is
 * not the dictionary's (member_prepare maps it the same way). */
static int note_word(struct run *r, enum roster_kind kind, const char *const *list,
                     size_t off, const char *v)
{
	const char *label;
	if (roster_word(kind, v, list, &label, NULL) != ROSTER_MAPPED)
		return 0;
	return note_mapping(r, col_at(off), v, label);
}

static int note_words(struct run *r, const struct staged *st)
{
	char id[sizeof st->m.id_number];
	snprintf(id, sizeof id, "%s", st->m.id_number);
	fold_id_number(id);
	if (strcmp(id, st->m.id_number) != 0)
		r->ids_folded++;
	return note_word(r, ROSTER_GENDER, member_genders, offsetof(struct staged, m.gender),
	                 st->m.gender) ||
	       note_word(r, ROSTER_ETHNICITY, member_ethnicities,
	                 offsetof(struct staged, m.ethnicity), st->m.ethnicity) ||
	       note_word(r, ROSTER_EDUCATION, member_educations,
	                 offsetof(struct staged, m.education), st->m.education);
}

static int refuse_cell(int line, int col, const char *raw, const char *why, FILE *report)
{
	char shown[128];
	text_shown(raw, 20, shown, sizeof shown);
	fprintf(report, "第 %d 行「%s」值「%s」：「%s」%s\n", line, cols[col].header, shown,
	        cols[col].header, why);
	return 1;
}

/* A 出生年月 (1990年7月): the 身份证号 gives the day when it agrees. */
static int birth_month(struct run *r, struct staged *st, const char *month, int line, FILE *report)
{
	char born[11], why[WHY_MAX];
	int col = col_at(offsetof(struct staged, birth));
	if (!*st->m.id_number || valid_id_number(st->m.id_number, born, NULL, NULL)) {
		valid_date(st->birth, NULL, why);
		return refuse_cell(line, col, st->birth, why, report);
	}
	if (strncmp(born, month, 7) != 0) {
		snprintf(why, sizeof why, "只有年月（%.7s），与身份证号中的出生日期 %s 不一致", month, born);
		return refuse_cell(line, col, st->birth, why, report);
	}
	memcpy(st->m.birth_date, born, sizeof born);
	r->birth_from_id++;
	return 0;
}

/* A date as the file wrote it into its normal form in the member; a 出生日期
 * may be a month only (a roster's 出生年月). */
static int take_date(struct run *r, struct staged *st, size_t off, char out[11], int line,
                     FILE *report)
{
	const char *raw = (const char *)st + off;
	char norm[11], why[WHY_MAX];
	int col = col_at(off);
	out[0] = 0;
	if (!*raw)
		return 0;
	int kind = valid_date_or_month(raw, norm, why);
	if (kind == DATE_MONTH && off == offsetof(struct staged, birth))
		return birth_month(r, st, norm, line, report);
	if (kind == DATE_MONTH)
		valid_date(raw, NULL, why);
	if (kind != DATE_DAY)
		return refuse_cell(line, col, raw, why, report);
	memcpy(out, norm, sizeof norm);
	if (strcmp(raw, norm) != 0 && r->dates[col]++ == 0) {
		snprintf(r->date_seen[col], RAW_DATE, "%s", raw);
		memcpy(r->date_norm[col], norm, sizeof norm);
	}
	return 0;
}

static int take_dates(struct run *r, struct staged *st, int line, FILE *report)
{
	return take_date(r, st, offsetof(struct staged, birth), st->m.birth_date, line, report) ||
	       take_date(r, st, offsetof(struct staged, joined), st->m.joined_on, line, report) ||
	       take_date(r, st, offsetof(struct staged, confirmed), st->m.confirmed_on, line, report);
}

/* The date a status other than 正常 came about: the file's (a real day, not
 * after today nor before the 入党日期), or the day of the import. */
static int take_status_date(struct staged *st, int line, FILE *report)
{
	char norm[11], why[WHY_MAX], now[11];
	int col = col_at(offsetof(struct staged, status_on));
	today(now);
	if (strcmp(st->status, "正常") == 0)
		return 0;
	if (!*st->status_on) {
		memcpy(st->status_on, now, sizeof now);
		return 0;
	}
	if (valid_date(st->status_on, norm, why))
		return refuse_cell(line, col, st->status_on, why, report);
	if (strcmp(norm, now) > 0)
		return refuse_cell(line, col, st->status_on, "在今天之后", report);
	if (strcmp(norm, st->m.joined_on) < 0) {
		snprintf(why, sizeof why, "%s 早于入党日期 %s", norm, st->m.joined_on);
		return refuse_cell(line, col, st->status_on, why, report);
	}
	snprintf(st->status_on, sizeof st->status_on, "%s", norm);
	return 0;
}

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
	struct run *r = ctx;
	struct staged shown = *st;   /* the report quotes the value as the file had it */
	struct dj_err e;
	dj_clear(&e);
	if (note_words(r, st)) {
		fprintf(report, "内存不足，无法导入\n");
		return -1;
	}
	if (take_dates(r, st, line, report))
		return 1;
	if (member_prepare_as(s, &st->m, st->py, *st->status ? st->status : "正常", &e)) {
		csv_import_report(t, line, &shown, &e, report);
		return e.code == DJ_DB ? -1 : 1;
	}
	if (take_status_date(st, line, report))
		return 1;
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

/* What the import read otherwise than the file wrote it, before anything
 * is stored: an office sees 大专 became 大学专科 and how often. */
static int any_mapping(const struct run *r)
{
	int n = r->nmaps + r->birth_from_id + r->ids_folded;
	for (int c = 0; c < NCOLS; c++)
		n += r->dates[c];
	return n > 0;
}

static void report_mappings(struct run *r, FILE *report)
{
	r->told = 1;
	for (int i = 0; i < r->nmaps; i++)
		fprintf(report, "「%s」列：「%s」记为「%s」，%d 行\n", cols[r->maps[i].col].header,
		        r->maps[i].from, r->maps[i].to, r->maps[i].n);
	for (int c = 0; c < NCOLS; c++)
		if (r->dates[c])
			fprintf(report, "「%s」列：%d 行的日期改写为 YYYY-MM-DD（如「%s」记为「%s」）\n",
			        cols[c].header, r->dates[c], r->date_seen[c], r->date_norm[c]);
	if (r->birth_from_id)
		fprintf(report, "「出生日期」列：%d 行只有年月，按身份证号记为完整的出生日期\n",
		        r->birth_from_id);
	if (r->ids_folded)
		fprintf(report, "「身份证号」列：%d 行的全角数字、空格或小写 x 已改为标准写法\n",
		        r->ids_folded);
}

/* The mappings made; and one 身份证号 on two rows: the database would take
 * the first only. */
static int prepared(struct session *s, void *ctx, FILE *report)
{
	(void)s;
	struct run *r = ctx;
	int bad = 0;
	report_mappings(r, report);
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
                             int left, struct dj_err *e)
{
	if (!already_ok(r, m->org_id, 0)) {
		int64_t org = left ? member_branch_id_left(s, m->org) : member_branch_id(s, m->org);
		if (org != m->org_id || session_may_move(s, 0, 0, m->org_id, e))
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
		if (still_as_prepared(s, ctx, &rows[i].m, strcmp(rows[i].status, "正常") != 0, &e) ||
		    member_insert(s, &rows[i].m, rows[i].py, &e) ||
		    (strcmp(rows[i].status, "正常") != 0 &&
		     member_import_status(s, &rows[i].m, rows[i].status, rows[i].status_on,
		                          rows[i].status_note, &e))) {
			csv_import_report(t, lines[i], &rows[i], &e, report);
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
	/* A refused file still says how the rows it read were understood, so
	 * the office fixes only what was refused and sees the rest will do. */
	if (rc == 1 && !r.told && any_mapping(&r)) {
		fprintf(report, "文件中以下写法已按标准理解（改正上述问题后重新导入时同样处理）：\n");
		report_mappings(&r, report);
	}
	free(r.ids);
	free(r.ok);
	free(r.maps);
	return rc;
}

/* The export's columns, in cols[] order, straight from one query. */
static const char export_sql[] =
	"SELECT m.name, m.gender, m.ethnicity, coalesce(m.birth_date, ''),"
	" coalesce(m.id_number, ''), coalesce(m.education, ''), m.category,"
	" coalesce(m.joined_on, ''), coalesce(m.confirmed_on, ''), o.name, coalesce(g.name, ''),"
	" coalesce(m.phone, ''),"
	" coalesce(m.job, ''), coalesce(m.notes, ''),"
	" CASE m.extension_months WHEN 0 THEN '' ELSE m.extension_months END, m.status,"
	/* the move that set a status other than 正常: its date and what it said */
	" coalesce(v.date, ''),"
	" trim(coalesce('去往' || nullif(v.to_org, '') || '；', '') || coalesce(v.reason, ''), '；')"
	" FROM member m LEFT JOIN member_event v ON v.id = (SELECT max(x.id) FROM member_event x"
	" WHERE x.member_id = m.id AND x.type = m.status AND m.status <> '正常') JOIN org o ON o.id = m.org_id LEFT JOIN org g ON g.id = m.group_id"
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
