/* audit_name.c — the record an 操作日志 entry is about, by name, with its
 * id kept for reference: 张三（五夫村第一党支部）#28.
 *
 * The name comes from the entry's own record, after the change or else
 * before it, so a deleted record keeps the name it had.  Entries whose
 * record does not carry it (a 签到 holds only counts, a 党员变动 only the
 * move) take it from the row as it is now. */
#include <stdio.h>
#include <string.h>

#include "admin/audit.h"
#include "admin/audit_sql.h"
#include "core/db.h"
#include "core/db_stmt.h"

enum { NKEYS = 5 };

struct namer {
	const char *table;
	const char *name[NKEYS];   /* keys naming the record, the first found */
	const char *context;       /* the key shown in brackets: a person's branch */
	const char *tail[2];       /* keys shown after the name: a month, a date */
	/* name, context, tail of row ?1 as it is now */
	const char *now;
	int no_id;                 /* the record has no row of its own */
};

static const struct namer namers[] = {
	{ "org", { "党组织名称" }, NULL, { NULL },
	  "SELECT x.name, NULL, NULL FROM org x WHERE x.id = ?1", 0 },
	{ "member", { "姓名" }, "所在支部", { NULL },
	  "SELECT x.name, o.name, NULL FROM member x LEFT JOIN org o ON o.id = x.org_id"
	  " WHERE x.id = ?1", 0 },
	{ "dev_case", { "姓名", "name" }, "所在支部", { NULL },
	  "SELECT x.name, o.name, NULL FROM dev_case x LEFT JOIN org o ON o.id = x.org_id"
	  " WHERE x.id = ?1", 0 },
	/* a step of the 发展程序: the case's person, the step after */
	{ "dev_step", { NULL }, NULL, { "step" },
	  "SELECT c.name, o.name, x.step FROM dev_step x JOIN dev_case c ON c.id = x.case_id"
	  " LEFT JOIN org o ON o.id = c.org_id WHERE x.id = ?1", 0 },
	{ "member_event", { NULL }, NULL, { "类型" },
	  "SELECT m.name, o.name, x.type FROM member_event x JOIN member m ON m.id = x.member_id"
	  " LEFT JOIN org o ON o.id = m.org_id WHERE x.id = ?1", 0 },
	{ "dues", { "姓名" }, NULL, { "月份" },
	  "SELECT m.name, o.name, x.month FROM dues x JOIN member m ON m.id = x.member_id"
	  " LEFT JOIN org o ON o.id = x.org_id WHERE x.id = ?1", 0 },
	{ "meeting", { "组织" }, NULL, { "日期", "会议类型" },
	  "SELECT o.name, NULL, x.date || ' ' || x.type FROM meeting x JOIN org o ON o.id = x.org_id"
	  " WHERE x.id = ?1", 0 },
	{ "grading_round", { "定级名称" }, NULL, { NULL },
	  "SELECT x.name, NULL, NULL FROM grading_round x WHERE x.id = ?1", 0 },
	{ "grading_result", { "党组织" }, NULL, { NULL },
	  "SELECT o.name, NULL, NULL FROM grading_result x JOIN org o ON o.id = x.org_id"
	  " WHERE x.id = ?1", 0 },
	/* its row id is the result's */
	{ "grading_score", { "党组织" }, NULL, { "评分来源" },
	  "SELECT o.name, NULL, NULL FROM grading_result x JOIN org o ON o.id = x.org_id"
	  " WHERE x.id = ?1", 0 },
	{ "rectification", { "党组织" }, NULL, { NULL },
	  "SELECT o.name, NULL, NULL FROM rectification x JOIN org o ON o.id = x.org_id"
	  " WHERE x.id = ?1", 0 },
	{ "review_batch", { "批次名称" }, NULL, { NULL },
	  "SELECT x.name, NULL, NULL FROM review_batch x WHERE x.id = ?1", 0 },
	{ "review_app", { "项目名称" }, "所在支部", { NULL },
	  "SELECT x.title, o.name, NULL FROM review_app x JOIN org o ON o.id = x.org_id"
	  " WHERE x.id = ?1", 0 },
	/* a note, task, score or fund line: the application it belongs to */
	{ "review_note", { NULL }, NULL, { NULL },
	  "SELECT a.title, NULL, x.kind FROM review_note x JOIN review_app a ON a.id = x.app_id"
	  " WHERE x.id = ?1", 0 },
	{ "review_task", { NULL }, NULL, { NULL },
	  "SELECT a.title, NULL, x.task FROM review_task x JOIN review_app a ON a.id = x.app_id"
	  " WHERE x.id = ?1", 0 },
	/* its row id is the application's */
	{ "review_score", { NULL }, NULL, { NULL },
	  "SELECT x.title, NULL, NULL FROM review_app x WHERE x.id = ?1", 0 },
	{ "review_fund", { NULL }, NULL, { NULL },
	  "SELECT a.title, NULL, x.kind || ' ' || x.item FROM review_fund x"
	  " JOIN review_app a ON a.id = x.app_id WHERE x.id = ?1", 0 },
	/* an honour: its recipient, its title and year after */
	{ "honour", { "获得者" }, NULL, { "荣誉称号", "授予日期" },
	  "SELECT coalesce(m.name, o.name), NULL, x.title || ' ' || x.awarded_on FROM honour x"
	  " LEFT JOIN member m ON m.id = x.member_id LEFT JOIN org o ON o.id = x.org_id"
	  " WHERE x.id = ?1", 0 },
	/* the 示范 records (src/showcase/): the member, room or organization */
	{ "showcase_post", { "党员" }, NULL, { "岗位名称" },
	  "SELECT m.name, NULL, x.name FROM showcase_post x JOIN member m ON m.id = x.member_id"
	  " WHERE x.id = ?1", 0 },
	{ "showcase_post_note", { "党员" }, NULL, { "示范岗", "类别" }, NULL, 0 },
	{ "showcase_post_grade", { "党员" }, NULL, { "示范岗", "年度" }, NULL, 0 },
	{ "showcase_dorm", { "楼栋" }, "房号", { NULL }, NULL, 0 },
	{ "showcase_dorm_check", { "示范寝室" }, NULL, { "检查日期" }, NULL, 0 },
	{ "showcase_point", { "党组织" }, NULL, { "示范点级别" }, NULL, 0 },
	{ "showcase_point_check", { "党组织" }, NULL, { "年度" }, NULL, 0 },
	/* nominations: a cycle by its name; a nomination, a quota, an objection by
	 * their recipient or title */
	{ "nom_cycle", { "评选名称" }, NULL, { "状态" },
	  "SELECT x.name, NULL, x.state FROM nom_cycle x WHERE x.id = ?1", 0 },
	{ "nom_quota", { NULL }, NULL, { "称号" },
	  "SELECT o.name, c.name, x.title FROM nom_quota x JOIN org o ON o.id = x.org_id"
	  " JOIN nom_cycle c ON c.id = x.cycle_id WHERE x.id = ?1", 0 },
	{ "nomination", { "推荐对象" }, "推荐单位", { "称号" },
	  "SELECT coalesce(m.name, r.name), o.name, x.title FROM nomination x"
	  " LEFT JOIN member m ON m.id = x.member_id LEFT JOIN org r ON r.id = x.org_id"
	  " JOIN org o ON o.id = x.nominator_id WHERE x.id = ?1", 0 },
	{ "nom_objection", { "推荐对象" }, NULL, { "异议日期" },
	  "SELECT coalesce(m.name, r.name), NULL, x.raised_on FROM nom_objection x"
	  " JOIN nomination n ON n.id = x.nomination_id LEFT JOIN member m ON m.id = n.member_id"
	  " LEFT JOIN org r ON r.id = n.org_id WHERE x.id = ?1", 0 },
	/* 督导 (src/supervise/): the organization or the person, and when */
	{ "duty_report", { "党组织" }, NULL, { "期间", "事项" }, NULL, 0 },
	{ "inspection", { "组长" }, NULL, { "检查日期" }, NULL, 0 },
	{ "inspection_org", { "被检查党组织" }, NULL, { "检查日期" }, NULL, 0 },
	{ "liaison_visit", { "联系人" }, "联系点", { "走访日期" }, NULL, 0 },
	/* 述职评议: a round by its name, a line by its organization */
	{ "appraise_round", { "名称" }, NULL, { "年度" }, NULL, 0 },
	{ "appraise_line", { "党组织" }, NULL, { "述职日期" }, NULL, 0 },
	{ "bulletin", { "文号" }, NULL, { "标题" }, NULL, 0 },
	/* 民主评议党员: a round by its organization and year, a line and a
	 * follow-up by the member */
	{ "eval_round", { "组织" }, NULL, { "年度" }, NULL, 0 },
	{ "eval_line", { "党员" }, NULL, { "评议结果" }, NULL, 0 },
	{ "eval_followup", { "党员" }, NULL, { "处置" }, NULL, 0 },
	/* 教育培训 (src/training/): a session by its title, whatever was saved */
	{ "training", { "培训主题" }, NULL, { "日期" },
	  "SELECT x.title, NULL, x.date FROM training x WHERE x.id = ?1", 0 },
	/* the plan (src/plan/): a plan by its name, a task by its text */
	{ "plan", { "方案名称" }, NULL, { "年度" },
	  "SELECT x.name, NULL, x.year FROM plan x WHERE x.id = ?1", 0 },
	{ "plan_phase", { "阶段名称" }, NULL, { "截止日期" }, NULL, 0 },
	{ "plan_group", { "任务分组" }, NULL, { NULL }, NULL, 0 },
	{ "plan_task", { "任务内容" }, NULL, { "完成期限" },
	  "SELECT substr(x.body, 1, 30), NULL, x.deadline FROM plan_task x WHERE x.id = ?1", 0 },
	{ "plan_line", { "党支部" }, NULL, { "状态" }, NULL, 0 },
	{ "plan_note", { "任务" }, NULL, { "日期" }, NULL, 0 },
	/* 关怀帮扶 (src/care/): the member, and what and when */
	{ "care_case", { "党员" }, NULL, { "类别", "列入日期" }, NULL, 0 },
	{ "care_visit", { "党员" }, NULL, { "慰问时机", "慰问日期" }, NULL, 0 },
	{ "app_user", { "姓名" }, "登录名", { NULL },
	  "SELECT x.display_name, x.login, NULL FROM app_user x WHERE x.id = ?1", 0 },
	{ "database", { "文件" }, NULL, { NULL }, NULL, 1 },
};
enum { NNAMERS = sizeof namers / sizeof *namers };

/* Tables not above (written by modules yet to come) by whatever names them. */
static const struct namer any = { "", { "党组织名称", "姓名", "名称", "党组织", "主题" }, NULL,
                                  { NULL }, NULL, 0 };

static const struct namer *namer_of(const char *table)
{
	for (int i = 0; i < NNAMERS; i++)
		if (strcmp(namers[i].table, table) == 0)
			return &namers[i];
	return &any;
}

/* The key's value after the change, else before it; 1 when not empty. */
static int json_value(const char *old_json, const char *new_json, const char *key, char *out,
                      size_t cap)
{
	out[0] = 0;
	if (!key)
		return 0;
	if (new_json && audit_json_get(new_json, key, out, cap) && *out)
		return 1;
	return old_json && audit_json_get(old_json, key, out, cap) && *out;
}

struct parts {
	char name[RS_CELL], context[RS_CELL], tail[RS_CELL];
};

static void from_json(const struct namer *n, const char *old_json, const char *new_json,
                      struct parts *p)
{
	for (int i = 0; i < NKEYS && n->name[i] && !p->name[0]; i++)
		json_value(old_json, new_json, n->name[i], p->name, sizeof p->name);
	json_value(old_json, new_json, n->context, p->context, sizeof p->context);
	char v[RS_CELL];
	for (int i = 0; i < 2 && n->tail[i]; i++)
		if (json_value(old_json, new_json, n->tail[i], v, sizeof v)) {
			size_t len = strlen(p->tail);
			snprintf(p->tail + len, sizeof p->tail - len, "%s%s", len ? " " : "", v);
		}
}

/* Fills what the entry's JSON left empty from the row as it is now. */
static void from_row(sqlite3 *db, const struct namer *n, int64_t row_id, struct parts *p)
{
	if (!n->now || (p->name[0] && (!n->context || p->context[0]) && (!n->tail[0] || p->tail[0])))
		return;
	sqlite3_stmt *st = db_keep(db, n->now);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, row_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		char *slot[3] = { p->name, p->context, p->tail };
		for (int i = 0; i < 3; i++)
			if (!slot[i][0])
				db_col_text(st, i, slot[i], RS_CELL);
	}
	db_done(st);
}

static void record_name(sqlite3 *db, const char *table, int64_t row_id, const char *old_json,
                        const char *new_json, char *out, size_t cap)
{
	const struct namer *n = namer_of(table);
	struct parts p = { "", "", "" };
	from_json(n, old_json, new_json, &p);
	from_row(db, n, row_id, &p);
	size_t len = (size_t)snprintf(out, cap, "%s", p.name);
	int bracket = p.name[0] && p.context[0];
	if (bracket && len < cap)
		len += (size_t)snprintf(out + len, cap - len, "（%s）", p.context);
	/* after a bracket the tail needs no space: 张三（…）转出 */
	if (p.name[0] && p.tail[0] && len < cap)
		len += (size_t)snprintf(out + len, cap - len, "%s%s", bracket ? "" : " ", p.tail);
	if (!n->no_id && len < cap)
		snprintf(out + len, cap - len, "#%lld", (long long)row_id);
}

void audit_record_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *table = (const char *)sqlite3_value_text(argv[0]);
	char out[3 * RS_CELL];
	record_name(sqlite3_context_db_handle(cx), table ? table : "", sqlite3_value_int64(argv[1]),
	            (const char *)sqlite3_value_text(argv[2]), (const char *)sqlite3_value_text(argv[3]),
	            out, sizeof out);
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}
