/* devcase_ledger.c — the development cases of a subtree and the 提醒 list,
 * as keyset pagers.  Their due dates depend on the [develop] settings, so
 * each source owns a query built with those numbers. */
#include <stdio.h>
#include <stdlib.h>

#include "core/pager.h"
#include "member/devcase.h"
#include "member/devstep.h"
#include "member/ledger_sql.h"

#define CASE_FIND "c.name LIKE :fc ESCAPE '\\' OR c.name_py LIKE :fp ESCAPE '\\'" \
	" OR c.id_number LIKE :fc ESCAPE '\\'"
#define STAGE_RANK "CASE c.stage WHEN '申请人' THEN '1' WHEN '积极分子' THEN '2'" \
	" WHEN '发展对象' THEN '3' WHEN '预备党员' THEN '4' WHEN '正式党员' THEN '5' ELSE '6' END"

/* A pager over a query text built at run time: the pager keeps pointers
 * into the definition, so both live (and die) with the source. */
struct owned {
	struct row_source rs;        /* delegates to inner */
	struct row_source *inner;
	struct pager_def def;
	char due[400];               /* the date a case's next step falls due */
	char text[4][2048];
	char big[8192];              /* the 提醒 list's union */
};

static int o_fetch(void *ctx, const struct rs_key *a, int dir, int n, struct rs_row *rows)
{
	struct owned *o = ctx;
	return o->inner->fetch(o->inner->ctx, a, dir, n, rows);
}
static long o_count(void *ctx) { struct owned *o = ctx; return o->inner->count(o->inner->ctx); }
static long o_ordinal(void *ctx, const struct rs_key *k)
{
	struct owned *o = ctx;
	return o->inner->ordinal(o->inner->ctx, k);
}
static int o_filter(void *ctx, const char *t)
{
	struct owned *o = ctx;
	return o->inner->set_filter(o->inner->ctx, t);
}
static int o_sort(void *ctx, int col, int desc)
{
	struct owned *o = ctx;
	return o->inner->set_sort(o->inner->ctx, col, desc);
}
static const char *o_error(void *ctx)
{
	struct owned *o = ctx;
	return o->inner->last_error(o->inner->ctx);
}
static int o_key_of(void *ctx, int64_t id, struct rs_key *out)
{
	struct owned *o = ctx;
	return o->inner->key_of(o->inner->ctx, id, out);
}
static void o_destroy(struct row_source *rs)
{
	struct owned *o = rs->ctx;
	row_source_free(o->inner);
	free(o);
}

static struct row_source *owned_start(struct session *s, struct owned *o, int64_t root)
{
	o->inner = pager_new(s->db, &o->def, root);
	if (!o->inner) {
		free(o);
		return NULL;
	}
	o->rs = (struct row_source){
		.ctx = o, .ncols = o->def.ncols, .cols = o->def.cols, .fetch = o_fetch,
		.count = o_count, .ordinal = o_ordinal, .set_filter = o_filter, .set_sort = o_sort,
		.last_error = o_error, .key_of = o_key_of, .destroy = o_destroy,
	};
	return &o->rs;
}

/* ---- the cases ------------------------------------------------------------ */

static const struct rs_column list_cols[] = {
	{ "姓名", 8, 0, 0, 1, 16, 1 }, { "性别", 4, 0, 0, 1 }, { "年龄", 4, 0, 1, 1 },
	{ "阶段", 8, 0, 0, 1 }, { "申请日期", 10, 0, 0, 1 }, { "下一步", 18, 1, 0, 1 },
	{ "所在支部", 16, 1, 0, 1, 40 },
};

#define AGE "(CAST(substr(dj_today(), 1, 4) AS INTEGER) - CAST(substr(c.birth_date, 1, 4)" \
	" AS INTEGER) - (substr(dj_today(), 6) < substr(c.birth_date, 6)))"

struct row_source *dev_list_source(struct session *s, int64_t root)
{
	struct dev_rules r;
	struct owned *o = calloc(1, sizeof *o);
	if (!o)
		return NULL;
	dev_rules_load(s->cfg, &r);
	snprintf(o->due, sizeof o->due,
	         "CASE c.stage WHEN '申请人' THEN CASE WHEN coalesce(c.talked_on, '') = ''"
	         " THEN date(c.applied_on, '+%d days') END"
	         " WHEN '积极分子' THEN date(c.activist_on, '+%d months')"
	         " WHEN '预备党员' THEN date(c.branch_meeting_on, '+' || (%d + c.extension_months)"
	         " || ' months') END", r.talk_days, r.activist_months, r.probation_months);
	snprintf(o->text[0], sizeof o->text[0],
	         "CASE c.stage WHEN '申请人' THEN CASE WHEN coalesce(c.talked_on, '') = ''"
	         " THEN '谈话 ' || (%s) ELSE '待定积极分子' END"
	         " WHEN '积极分子' THEN '满培养期 ' || (%s) WHEN '发展对象' THEN '待支部大会'"
	         " WHEN '预备党员' THEN '转正 ' || (%s) WHEN '正式党员' THEN '已转正 ' || c.confirmed_on"
	         " ELSE '已终止 ' || coalesce(c.ended_on, '') END", o->due, o->due, o->due);
	snprintf(o->text[2], sizeof o->text[2],
	         "CASE WHEN c.stage IN ('正式党员', '终止') THEN 2 WHEN (%s) <= date(dj_today(), '+%d days')"
	         " THEN 1 ELSE 0 END", o->due, r.remind_days);
	snprintf(o->text[3], sizeof o->text[3], STAGE_RANK " || coalesce(%s, '') || c.name_py",
	         o->due);
	o->def = (struct pager_def){
		.cols = list_cols,
		.ncols = 7,
		.cells = { "c.name", "c.gender", "coalesce(" AGE ", '')", "c.stage", "c.applied_on",
		           o->text[0], BRANCH },
		.sort = { "c.name_py || c.name", "c.gender || c.name_py",
		          "coalesce(printf('%03d', " AGE "), '')", o->text[3], "c.applied_on",
		          o->text[3], "o.sort_key || '/' || c.name_py" },
		.id = "c.id",
		.from = "dev_case c JOIN org o ON o.id = c.org_id",
		.where = DB_SUBTREE("c.org_id"),
		.find = CASE_FIND,
		.flags = o->text[2],
		.default_sort = 3,
	};
	return owned_start(s, o, root);
}

/* ---- 提醒 ------------------------------------------------------------------- */

static const struct rs_column remind_cols[] = {
	{ "提醒", 16, 0, 0, 1 }, { "姓名", 8, 0, 0, 1, 16, 1 }, { "所在支部", 16, 1, 0, 1, 40 },
	{ "到期日", 10, 0, 0, 1 }, { "说明", 20, 1, 0, 0 },
};

/* How far the due date is from today, in words. */
#define DAYS_LEFT(due) "CASE WHEN " due " < dj_today() THEN '已过期 ' ||" \
	" CAST(julianday(dj_today()) - julianday(" due ") AS INTEGER) || ' 天'" \
	" WHEN " due " = dj_today() THEN '今天到期' ELSE '还有 ' ||" \
	" CAST(julianday(" due ") - julianday(dj_today()) AS INTEGER) || ' 天' END"

/* The 细则's steps that fall due (devstep.h), as more arms of the union:
 * 考察 every survey_months from the last (or from 确定积极分子), a 公示's
 * last day (until remind_days after it: the next step may then go on), a
 * 备案 filing_days after the date it follows. */
static int remind_steps(const struct dev_rules *r, char *out, size_t cap)
{
	int n = 0;
#define ADD(...) (n += snprintf(out + n, cap - (size_t)n, __VA_ARGS__))
	if (!dev_step_is_optional(r, dev_step_find("考察")))
		ADD(" UNION ALL SELECT id, org_id, name, name_py, '培养考察到期', due, note FROM"
		    " (SELECT c.id, c.org_id, c.name, c.name_py, date(coalesce(max(s.done_on),"
		    " c.activist_on), '+%d months') AS due, CASE WHEN max(s.done_on) IS NULL THEN"
		    " '确定积极分子 ' || c.activist_on ELSE '上次考察 ' || max(s.done_on) END AS note"
		    " FROM dev_case c LEFT JOIN dev_step s ON s.case_id = c.id AND s.step = '考察'"
		    " WHERE c.stage = '积极分子' AND c.id IN (SELECT case_id FROM dev_step_kept) GROUP BY c.id)"
		    " WHERE due <= date(dj_today(), '+%d days')",
		    r->survey_months, r->remind_days);
	ADD(" UNION ALL SELECT c.id, c.org_id, c.name, c.name_py, s.step || '结束', s.until_on,"
	    " '公示 ' || s.done_on || ' 至 ' || s.until_on FROM dev_case c JOIN dev_step s"
	    " ON s.case_id = c.id AND ((c.stage = '发展对象' AND s.step = '发展对象公示') OR"
	    " (c.stage = '预备党员' AND s.step = '转正公示'))"
	    " WHERE s.until_on <= date(dj_today(), '+%d days')"
	    " AND s.until_on >= date(dj_today(), '-%d days')", r->remind_days, r->remind_days);
	/* the 备案 and 考察 of cases kept under the steps only (migration 022) */
	static const struct { const char *step, *kind, *stage, *after, *what; } filings[] = {
		{ "发展对象备案", "发展对象待备案", "发展对象", "candidate_on", "确定发展对象 " },
		{ "审批备案", "审批后待备案", "预备党员", "approved_on", "党委审批 " },
	};
	for (size_t i = 0; i < sizeof filings / sizeof *filings; i++)
		if (!dev_step_is_optional(r, dev_step_find(filings[i].step)))
			ADD(" UNION ALL SELECT c.id, c.org_id, c.name, c.name_py, '%s',"
			    " date(c.%s, '+%d days'), '%s' || c.%s FROM dev_case c WHERE c.stage = '%s'"
			    " AND c.id IN (SELECT case_id FROM dev_step_kept)"
			    " AND NOT EXISTS (SELECT 1 FROM dev_step s WHERE s.case_id = c.id AND s.step = '%s')"
			    " AND date(c.%s, '+%d days') <= date(dj_today(), '+%d days')",
			    filings[i].kind, filings[i].after, r->filing_days, filings[i].what,
			    filings[i].after, filings[i].stage, filings[i].step, filings[i].after,
			    r->filing_days, r->remind_days);
#undef ADD
	return n < (int)cap ? n : (int)cap - 1;
}

struct row_source *dev_remind_source(struct session *s, int64_t root)
{
	struct dev_rules r;
	struct owned *o = calloc(1, sizeof *o);
	if (!o)
		return NULL;
	dev_rules_load(s->cfg, &r);
	int n = snprintf(o->big, sizeof o->big,
	         "(SELECT id, org_id, name, name_py, '申请待谈话' AS kind,"
	         " date(applied_on, '+%d days') AS due,"
	         " '递交申请 ' || applied_on || '，已等待 ' ||"
	         " CAST(julianday(dj_today()) - julianday(applied_on) AS INTEGER) || ' 天' AS note"
	         " FROM dev_case WHERE stage = '申请人' AND coalesce(talked_on, '') = ''"
	         " UNION ALL SELECT id, org_id, name, name_py, '积极分子满培养期',"
	         " date(activist_on, '+%d months'), '确定积极分子 ' || activist_on FROM dev_case"
	         " WHERE stage = '积极分子' AND date(activist_on, '+%d months')"
	         " <= date(dj_today(), '+%d days')"
	         " UNION ALL SELECT id, org_id, name, name_py, '预备党员转正',"
	         " date(branch_meeting_on, '+' || (%d + extension_months) || ' months'), ''"
	         " FROM dev_case WHERE stage = '预备党员' AND date(branch_meeting_on, '+' ||"
	         " (%d + extension_months) || ' months') <= date(dj_today(), '+%d days')",
	         r.talk_days, r.activist_months, r.activist_months, r.remind_days,
	         r.probation_months, r.probation_months, r.remind_days);
	n += remind_steps(&r, o->big + n, sizeof o->big - (size_t)n);
	snprintf(o->big + n, sizeof o->big - (size_t)n, ") r JOIN org o ON o.id = r.org_id");
	o->def = (struct pager_def){
		.cols = remind_cols,
		.ncols = 5,
		.cells = { "r.kind", "r.name", BRANCH, "r.due",
		           "CASE WHEN r.note = '' THEN " DAYS_LEFT("r.due") " ELSE r.note || '，' || "
		           DAYS_LEFT("r.due") " END" },
		.sort = { "r.kind || r.due", "r.name_py || r.name", "o.sort_key || '/' || r.due", "r.due" },
		.id = "r.id",
		.from = o->big,
		.where = DB_SUBTREE("r.org_id"),
		.find = "r.name LIKE :fc ESCAPE '\\' OR r.name_py LIKE :fp ESCAPE '\\'",
		.flags = "CASE WHEN r.due <= dj_today() THEN 1 ELSE 0 END",
		.default_sort = 3,
	};
	return owned_start(s, o, root);
}

int dev_stage_counts(struct session *s, int64_t root, long out[DEV_NSTAGES])
{
	sqlite3_stmt *st;
	for (int i = 0; i < DEV_NSTAGES; i++)
		out[i] = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT c.stage, count(*) FROM dev_case c WHERE "
	                       DB_SUBTREE("c.org_id") " GROUP BY c.stage", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), root);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int k = dev_stage_of((const char *)sqlite3_column_text(st, 0));
		if (k >= 0)
			out[k] = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return 0;
}
