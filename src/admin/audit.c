/* audit.c — the 操作日志: table names in Chinese, the filtered list, entries
 * one at a time and the CSV export. */
#include "admin/audit.h"

#include <stdlib.h>
#include <string.h>

#include "admin/audit_sql.h"
#include "admin/user.h"
#include "core/csv.h"
#include "core/db.h"
#include "core/pager.h"
#include "core/text.h"
#include "core/validate.h"

/* Tables of every workflow in DESIGN.md §5, so entries of modules written
 * later read in Chinese too. */
static const struct { const char *name, *label; } tables[] = {
	{ "org", "党组织" }, { "org_term", "届次" }, { "liaison", "联系人" },
	{ "app_user", "操作员" }, { "member", "党员" }, { "member_event", "党员变动" },
	{ "dev_case", "发展党员" }, { "dev_step", "发展程序" }, { "meeting", "会议" }, { "attendance", "考勤" },
	{ "dues", "党费" }, { "grading_round", "定级" }, { "grading_indicator", "定级指标" },
	{ "grading_score", "定级评分" }, { "grading_result", "定级结果" },
	{ "rectification", "整改" }, { "review_batch", "申报批次" },
	{ "review_app", "申报" }, { "review_note", "申报记录" },
	{ "review_task", "创建任务" }, { "review_score", "验收评分" },
	{ "review_fund", "申报经费" }, { "plan", "实施方案" }, { "task", "任务" },
	{ "report_submission", "月报" }, { "inspection", "督查" }, { "honour", "表彰荣誉" },
	{ "showcase_post", "示范岗" }, { "showcase_post_note", "岗位记录" },
	{ "showcase_post_grade", "岗位考核" }, { "showcase_dorm", "示范寝室" },
	{ "showcase_dorm_check", "寝室检查" }, { "showcase_point", "示范点" },
	{ "showcase_point_check", "点位检查" },
	{ "nom_cycle", "表彰评选" }, { "nom_quota", "推荐名额" }, { "nomination", "表彰推荐" },
	{ "nom_objection", "公示异议" },
	{ "duty_report", "工作汇报" }, { "inspection_org", "督导整改" },
	{ "liaison_visit", "联系走访" },
	{ "appraise_round", "述职评议" }, { "appraise_line", "评议结果" }, { "bulletin", "通报" },
	{ "eval_round", "民主评议" }, { "eval_line", "评议党员" }, { "eval_followup", "评议整改" },
	{ "training", "培训记录" },
	{ "plan_phase", "计划阶段" }, { "plan_group", "任务分组" }, { "plan_task", "计划任务" },
	{ "plan_line", "支部任务" }, { "plan_note", "任务进展" },
	{ "care_case", "关怀对象" }, { "care_visit", "慰问记录" },
	{ "database", "数据库" },
};
enum { NTABLES = sizeof tables / sizeof *tables };

const char *const audit_table_labels[] = {
	"党组织", "届次", "联系人", "操作员", "党员", "党员变动", "发展党员", "发展程序", "会议",
	"考勤", "党费", "定级", "定级指标", "定级评分", "定级结果", "整改", "申报批次", "申报",
	"申报记录", "创建任务", "验收评分", "申报经费", "实施方案", "任务", "月报", "督查",
	"表彰荣誉", "示范岗", "岗位记录", "岗位考核", "示范寝室", "寝室检查", "示范点", "点位检查",
	"表彰评选", "推荐名额", "表彰推荐", "公示异议", "工作汇报", "督导整改", "联系走访",
	"述职评议", "评议结果", "通报", "民主评议", "评议党员", "评议整改", "培训记录", "计划阶段",
	"任务分组", "计划任务", "支部任务", "任务进展", "关怀对象", "慰问记录", "数据库", NULL,
};

const char *audit_table_label(const char *table)
{
	for (int i = 0; i < NTABLES; i++)
		if (strcmp(tables[i].name, table) == 0)
			return tables[i].label;
	return table;
}

const char *audit_table_name(const char *label_or_name)
{
	for (int i = 0; i < NTABLES; i++)
		if (strcmp(tables[i].label, label_or_name) == 0 ||
		    strcmp(tables[i].name, label_or_name) == 0)
			return tables[i].name;
	return NULL;
}

static int check_date(char *d, const char *field, const char *label, struct dj_err *e)
{
	char norm[11], why[WHY_MAX];
	utf8_trim(d);
	if (!*d)
		return 0;
	if (valid_date(d, norm, why))
		return dj_fail(e, DJ_INVALID, field, "「%s」%s：%s", label, why, d);
	memcpy(d, norm, sizeof norm);
	return 0;
}

int audit_filter_check(struct audit_filter *f, struct dj_err *e)
{
	utf8_trim(f->who);
	utf8_trim(f->table);
	utf8_trim(f->row_id);
	if (*f->table && !audit_table_name(f->table))
		return dj_fail(e, DJ_INVALID, "table", "「对象」没有「%s」这一类记录（按 F4 选择）", f->table);
	long id;
	char why[WHY_MAX];
	if (*f->row_id && parse_int(f->row_id, 1, 2000000000L, &id, why))
		return dj_fail(e, DJ_INVALID, "row_id", "「记录号」%s：%s", why, f->row_id);
	if (check_date(f->from, "from", "起始日期", e) || check_date(f->to, "to", "截止日期", e))
		return DJ_INVALID;
	if (*f->from && *f->to && strcmp(f->from, f->to) > 0)
		return dj_fail(e, DJ_INVALID, "to", "「截止日期」%s 早于「起始日期」%s", f->to, f->from);
	return 0;
}

/* The filter as SQL, values quoted by SQLite (%Q): the pager binds only its
 * own parameters.  sqlite3_free the result. */
static char *filter_sql(const struct audit_filter *f)
{
	sqlite3_str *w = sqlite3_str_new(NULL);
	sqlite3_str_appendall(w, "1");
	if (f && *f->who)
		sqlite3_str_appendf(w, " AND (a.login = %Q OR u.display_name = %Q)", f->who, f->who);
	if (f && *f->table)
		sqlite3_str_appendf(w, " AND a.tbl = %Q", audit_table_name(f->table));
	if (f && *f->row_id)
		sqlite3_str_appendf(w, " AND a.row_id = %lld", atoll(f->row_id));
	if (f && *f->from)
		sqlite3_str_appendf(w, " AND a.at >= %Q", f->from);
	if (f && *f->to)
		sqlite3_str_appendf(w, " AND a.at <= '%q 23:59:59'", f->to);
	return sqlite3_str_finish(w);
}

/* CASE a.tbl WHEN 'org' THEN '党组织' … ELSE a.tbl END */
static char *label_sql(void)
{
	sqlite3_str *w = sqlite3_str_new(NULL);
	sqlite3_str_appendall(w, "CASE a.tbl");
	for (int i = 0; i < NTABLES; i++)
		sqlite3_str_appendf(w, " WHEN %Q THEN %Q", tables[i].name, tables[i].label);
	sqlite3_str_appendall(w, " ELSE a.tbl END");
	return sqlite3_str_finish(w);
}

/* 张三（五夫村第一党支部）#28: audit_name.c. */
#define RECORD_NAME "dj_audit_record(a.tbl, a.row_id, a.old_json, a.new_json)"
/* The labels of the fields whose values differ, 、-separated. */
#define CHANGED_FIELDS "coalesce(CASE WHEN json_valid(a.old_json) AND json_valid(a.new_json)" \
	" THEN (SELECT group_concat(dj_audit_label(a.tbl, n.key), '、') FROM json_each(a.new_json) n" \
	" WHERE n.value IS NOT (SELECT o.value FROM json_each(a.old_json) o WHERE o.key = n.key)) END, '')"
#define WHO "coalesce(u.display_name, a.login)"
#define AUDIT_FROM "audit_log a LEFT JOIN app_user u ON u.login = a.login"

/* 80 columns hold these widths and the five gaps: 对象 takes the longest
 * label (党员变动), 操作 the longest short word (定积极分子). */
static const struct rs_column list_cols[] = {
	{ "时间", 16, 0, 0, 1 }, { "操作员", 8, 0, 0, 1 }, { "对象", 8, 0, 0, 1 },
	{ "记录", 22, 1, 0, 0 }, { "操作", 10, 0, 0, 1 }, { "改动", 10, 1, 0, 0 },
};

/* A pager over a definition made for this filter; the source the screen
 * holds forwards to it and frees both. */
struct audit_list {
	struct row_source rs;
	struct row_source *pager;
	struct pager_def def;
	char *where, *label, *find;
};

static int fw_fetch(void *ctx, const struct rs_key *anchor, int dir, int n, struct rs_row *rows)
{
	struct row_source *p = ((struct audit_list *)ctx)->pager;
	return p->fetch(p->ctx, anchor, dir, n, rows);
}

static long fw_count(void *ctx)
{
	struct row_source *p = ((struct audit_list *)ctx)->pager;
	return p->count(p->ctx);
}

static long fw_ordinal(void *ctx, const struct rs_key *key)
{
	struct row_source *p = ((struct audit_list *)ctx)->pager;
	return p->ordinal(p->ctx, key);
}

static int fw_set_filter(void *ctx, const char *text)
{
	struct row_source *p = ((struct audit_list *)ctx)->pager;
	return p->set_filter(p->ctx, text);
}

static int fw_set_sort(void *ctx, int col, int desc)
{
	struct row_source *p = ((struct audit_list *)ctx)->pager;
	return p->set_sort(p->ctx, col, desc);
}

static const char *fw_last_error(void *ctx)
{
	struct row_source *p = ((struct audit_list *)ctx)->pager;
	return p->last_error(p->ctx);
}

static int fw_key_of(void *ctx, int64_t id, struct rs_key *out)
{
	struct row_source *p = ((struct audit_list *)ctx)->pager;
	return p->key_of(p->ctx, id, out);
}

static void list_free(struct row_source *rs)
{
	if (!rs)
		return;
	struct audit_list *l = rs->ctx;
	pager_free(l->pager);
	sqlite3_free(l->where);
	sqlite3_free(l->label);
	sqlite3_free(l->find);
	free(l);
}

static void define_list(struct audit_list *l)
{
	struct pager_def *d = &l->def;
	d->cols = list_cols;
	d->ncols = 6;
	d->cells[0] = "substr(a.at, 1, 16)";
	d->cells[1] = WHO;
	d->cells[2] = l->label;
	d->cells[3] = RECORD_NAME;
	d->cells[4] = "dj_audit_action(a.action)";
	d->cells[5] = CHANGED_FIELDS;
	d->sort[0] = "a.at";
	d->sort[1] = WHO;
	d->sort[2] = "a.tbl";
	d->sort[4] = "a.action";
	d->id = "a.id";
	d->from = AUDIT_FROM;
	d->where = l->where;
	d->find = l->find;
	d->default_sort = 0;
}

/* The log shows every record before and after, whoever's scope it is in. */
static int may_read(struct session *s, struct dj_err *e)
{
	if (audit_sql_register(s->db))
		return db_fail(s->db, e, "读取操作日志");
	if (s->role == ROLE_ADMIN)
		return 0;
	return dj_fail(e, DJ_DENIED, NULL, "只有管理员才能查看操作日志（%s 是%s）", s->login,
	               user_role_label(s->role));
}

struct row_source *audit_list_source(struct session *s, const struct audit_filter *f,
                                     struct dj_err *e)
{
	if (may_read(s, e))
		return NULL;
	struct audit_list *l = calloc(1, sizeof *l);
	if (!l) {
		dj_fail(e, DJ_DB, NULL, "内存不足");
		return NULL;
	}
	l->where = filter_sql(f);
	l->label = label_sql();
	l->find = sqlite3_mprintf("a.login LIKE :fc ESCAPE '\\' OR u.display_name LIKE :fc ESCAPE '\\'"
	                          " OR a.action LIKE :fc ESCAPE '\\' OR (%s) LIKE :fc ESCAPE '\\'"
	                          " OR a.new_json LIKE :fc ESCAPE '\\' OR a.old_json LIKE :fc ESCAPE '\\'"
	                          /* last, and only where the entry does not hold the name
	                           * (a 党员变动, a 签到): it reads the record's row */
	                          " OR (a.tbl IN ('member_event', 'meeting') AND " RECORD_NAME
	                          " LIKE :fc ESCAPE '\\')",
	                          l->label);
	define_list(l);
	l->pager = l->where && l->label && l->find ? pager_new(s->db, &l->def, 0) : NULL;
	l->rs = (struct row_source){
		.ctx = l, .ncols = 6, .cols = list_cols, .fetch = fw_fetch, .count = fw_count,
		.ordinal = fw_ordinal, .set_filter = fw_set_filter, .set_sort = fw_set_sort,
		.last_error = fw_last_error, .key_of = fw_key_of, .destroy = list_free,
	};
	if (!l->pager) {
		list_free(&l->rs);
		dj_fail(e, DJ_DB, NULL, "内存不足");
		return NULL;
	}
	l->pager->set_sort(l->pager->ctx, 0, 1);   /* newest first */
	return &l->rs;
}

static char *dup_column(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? strdup(t) : NULL;
}

#define ENTRY_SELECT "SELECT a.id, a.at, a.login, " WHO ", a.tbl, coalesce(a.row_id, 0)," \
	" a.action, a.old_json, a.new_json, " RECORD_NAME " FROM " AUDIT_FROM

static int read_entry(sqlite3_stmt *st, struct audit_entry *out)
{
	memset(out, 0, sizeof *out);
	if (sqlite3_step(st) != SQLITE_ROW)
		return -1;
	out->id = sqlite3_column_int64(st, 0);
	db_col_text(st, 1, out->at, sizeof out->at);
	db_col_text(st, 2, out->login, sizeof out->login);
	db_col_text(st, 3, out->who, sizeof out->who);
	db_col_text(st, 4, out->table, sizeof out->table);
	out->row_id = sqlite3_column_int64(st, 5);
	db_col_text(st, 6, out->action, sizeof out->action);
	out->old_json = dup_column(st, 7);
	out->new_json = dup_column(st, 8);
	db_col_text(st, 9, out->record, sizeof out->record);
	return 0;
}

int audit_get(struct session *s, int64_t id, struct audit_entry *out, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (audit_sql_register(s->db) ||
	    sqlite3_prepare_v2(s->db, ENTRY_SELECT " WHERE a.id = ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取操作日志");
	sqlite3_bind_int64(st, 1, id);
	int rc = read_entry(st, out);
	sqlite3_finalize(st);
	return rc ? dj_fail(e, DJ_NOTFOUND, NULL, "操作日志第 %lld 条不存在", (long long)id) : 0;
}

int audit_last_change(struct session *s, const char *table, int64_t row_id,
                      struct audit_entry *out)
{
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	if (audit_sql_register(s->db) ||
	    sqlite3_prepare_v2(s->db, ENTRY_SELECT " WHERE a.tbl = ? AND a.row_id = ?"
	                       " ORDER BY a.id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, row_id);
	int rc = read_entry(st, out);
	sqlite3_finalize(st);
	return rc;
}

void audit_entry_free(struct audit_entry *a)
{
	free(a->old_json);
	free(a->new_json);
	a->old_json = a->new_json = NULL;
}

/* A whole record as 字段：值 lines (empty fields left out). */
static void record_lines(const char *table, const char *json, char *out, size_t cap)
{
	out[0] = 0;
	if (json)
		audit_diff_text(table, NULL, json, out, cap);
}

static void export_row(struct csv_writer *w, sqlite3_stmt *st, char *buf, size_t cap)
{
	for (int i = 0; i < 7; i++)
		csv_write_field(w, (const char *)sqlite3_column_text(st, i));
	const char *old_json = (const char *)sqlite3_column_text(st, 7);
	const char *new_json = (const char *)sqlite3_column_text(st, 8);
	const char *table = (const char *)sqlite3_column_text(st, 9);
	if (old_json && new_json)
		audit_diff_text(table, old_json, new_json, buf, cap);
	else
		buf[0] = 0;
	csv_write_field(w, buf);
	record_lines(table, old_json, buf, cap);
	csv_write_field(w, buf);
	record_lines(table, new_json, buf, cap);
	csv_write_field(w, buf);
	csv_end_record(w);
}

static int export_rows(struct session *s, sqlite3_stmt *st, const char *path, FILE *report,
                       int *exported)
{
	struct csv_writer w;
	if (csv_writer_open(&w, path)) {
		fprintf(report, "%s\n", csv_writer_why(&w));
		return 1;
	}
	static const char *const heads[] = { "时间", "登录名", "姓名", "对象", "记录号", "记录", "操作",
	                                     "改动", "修改前", "修改后" };
	for (int i = 0; i < 10; i++)
		csv_write_field(&w, heads[i]);
	csv_end_record(&w);
	char *buf = malloc(16384);
	int rc = SQLITE_ROW;
	while (buf && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		export_row(&w, st, buf, 16384);
		(*exported)++;
	}
	free(buf);
	if (rc != SQLITE_DONE) {
		struct dj_err e;
		db_fail(s->db, &e, "读取操作日志");
		fprintf(report, "%s\n", e.msg);
		csv_writer_abort(&w);   /* half a log is not written, the old file stays */
		return 1;
	}
	if (csv_writer_close(&w)) {
		fprintf(report, "%s\n", csv_writer_why(&w));
		return 1;
	}
	return 0;
}

int audit_export(struct session *s, const struct audit_filter *f, const char *path,
                 FILE *report, int *exported)
{
	struct dj_err e;
	*exported = 0;
	if (may_read(s, &e)) {
		fprintf(report, "%s\n", e.msg);
		return 1;
	}
	char *where = filter_sql(f), *label = label_sql();
	char *sql = sqlite3_mprintf("SELECT a.at, a.login, " WHO ", %s, a.row_id, " RECORD_NAME ","
	                            " a.action, a.old_json, a.new_json, a.tbl FROM " AUDIT_FROM
	                            " WHERE %s ORDER BY a.id", label, where);
	sqlite3_stmt *st = NULL;
	int rc = 1;
	if (!sql || sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(s->db, &e, "读取操作日志");
		fprintf(report, "%s\n", e.msg);
	} else {
		rc = export_rows(s, st, path, report, exported);
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	sqlite3_free(where);
	sqlite3_free(label);
	return rc;
}

int audit_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	return audit_export(s, NULL, path, report, exported);
}
