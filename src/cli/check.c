/* check.c — `dangjian check`: the file's integrity, its foreign keys, the
 * audit log's chain, and the rules of the registry and the member records,
 * each problem on a line. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "core/audit_chain.h"
#include "core/db.h"
#include "member/devcase.h"
#include "member/devstep.h"
#include "member/member.h"

struct rule {
	const char *what;   /* printed before each offending row */
	const char *sql;    /* one text column per offending row */
	int problem;        /* 0: a reminder, not counted against the exit code */
};

static const struct rule rules[] = {
	/* The kinds org_parent_kinds allows (org.c), so check and save agree. */
	{ "上下级类型不符", "SELECT c.name || '（' || c.kind || '）在 ' || p.name || '（' || p.kind || '）之下'"
	  " FROM org c JOIN org p ON p.id = c.parent_id WHERE NOT ("
	  " (c.kind IN ('党委','党总支') AND p.kind = '党委') OR"
	  " (c.kind = '党支部' AND p.kind IN ('党委','党总支')) OR"
	  " (c.kind = '党小组' AND p.kind = '党支部'))", 1 },
	{ "没有上级组织", "SELECT name || '（' || kind || '）' FROM org WHERE parent_id IS NULL"
	  " AND kind <> '党委'", 1 },
	{ "上级已撤销", "SELECT c.name || ' 的上级 ' || p.name || ' 已撤销' FROM org c"
	  " JOIN org p ON p.id = c.parent_id WHERE c.status = '正常' AND p.status = '撤销'", 1 },
	{ "撤销记录不全", "SELECT name FROM org WHERE status = '撤销'"
	  " AND (dissolved_on IS NULL OR reason IS NULL OR reason = '')", 1 },
	{ "党员所在组织已撤销", "SELECT m.name || '（' || o.name || ' 于 ' || coalesce(o.dissolved_on, '')"
	  " || ' 撤销）' FROM member m JOIN org o ON o.id = m.org_id"
	  " WHERE m.status = '正常' AND o.status = '撤销'", 1 },
	{ "党员未编入党支部", "SELECT m.name || '（' || o.name || '，' || o.kind || '）' FROM member m"
	  " JOIN org o ON o.id = m.org_id WHERE m.status = '正常' AND o.kind <> '党支部'", 1 },
	{ "党员所在党小组不符", "SELECT m.name || '（' || o.name || '）的党小组 ' || g.name || '（' || g.kind"
	  " || CASE WHEN g.status = '撤销' THEN '，已撤销' ELSE '' END || '）'"
	  " FROM member m JOIN org o ON o.id = m.org_id JOIN org g ON g.id = m.group_id"
	  " WHERE m.status = '正常' AND (g.kind <> '党小组' OR g.parent_id IS NOT m.org_id"
	  " OR g.status = '撤销')", 1 },
	{ "预备期已满未转正（提醒）", "SELECT m.name || '（' || o.name || '，入党 ' || m.joined_on || '）'"
	  " FROM member m JOIN org o ON o.id = m.org_id WHERE m.status = '正常'"
	  " AND m.category = '预备党员' AND m.joined_on IS NOT NULL"
	  " AND date(m.joined_on, '+' || (12 + m.extension_months) || ' months') < dj_today()", 0 },
	/* The funds rule review_fund_save keeps (src/review/funds.c): a file
	 * changed outside the program may break it. */
	{ "立项/创建经费结余为负", "SELECT a.title || '（' || o.name || '）结余 '"
	  " || printf('%.2f', (sum(CASE WHEN f.kind IN ('拨付','配套') THEN f.amount_fen"
	  " WHEN f.kind = '支出' THEN -f.amount_fen ELSE 0 END)) / 100.0) || ' 元'"
	  " FROM review_app a JOIN org o ON o.id = a.org_id JOIN review_fund f ON f.app_id = a.id"
	  " GROUP BY a.id HAVING sum(CASE WHEN f.kind IN ('拨付','配套') THEN f.amount_fen"
	  " WHEN f.kind = '支出' THEN -f.amount_fen ELSE 0 END) < 0", 1 },
	{ "验收评分超过满分", "SELECT a.title || ' 的评审专家 ' || r.name || ' 在「' || c.name || '」给了 '"
	  " || printf('%g', x.score / 10.0) || ' 分（满分 ' || printf('%g', c.max_score / 10.0) || '）'"
	  " FROM review_score x JOIN review_app a ON a.id = x.app_id"
	  " JOIN review_reviewer r ON r.id = x.reviewer_id JOIN review_criterion c ON c.id = x.criterion_id"
	  " WHERE x.score > c.max_score", 1 },
	{ "届期已满未换届（提醒）", "SELECT o.name || ' 届满于 ' || t.due_on FROM org o JOIN org_term t"
	  " ON t.id = (SELECT id FROM org_term WHERE org_id = o.id ORDER BY elected_on DESC LIMIT 1)"
	  " WHERE o.status = '正常' AND t.due_on < dj_today() ORDER BY t.due_on", 0 },
};

static int run_rule(struct session *s, const struct rule *r, FILE *out)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(s->db, r->sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(out, "检查「%s」失败：%s\n", r->what, sqlite3_errmsg(s->db));
		return 1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		fprintf(out, "%s：%s\n", r->what, (const char *)sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_finalize(st);
	return r->problem ? n : 0;
}

static int run_pragma(struct session *s, const char *sql, const char *label, FILE *out)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(out, "%s失败：%s\n", label, sqlite3_errmsg(s->db));
		return 1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *first = (const char *)sqlite3_column_text(st, 0);
		if (sqlite3_column_count(st) == 1 && first && sqlite3_stricmp(first, "ok") == 0)
			continue;
		fprintf(out, "%s：", label);
		for (int i = 0; i < sqlite3_column_count(st); i++)
			fprintf(out, "%s%s", i ? " " : "", (const char *)sqlite3_column_text(st, i)
			                                     ? (const char *)sqlite3_column_text(st, i) : "");
		fputc('\n', out);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

/* The 身份证号 rules need C (check digit, the birth date and sex in it). */
static int check_identities(struct session *s, FILE *out)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT m.name, o.name, m.id_number, coalesce(m.birth_date, ''),"
	                       " m.gender FROM member m JOIN org o ON o.id = m.org_id"
	                       " WHERE m.id_number IS NOT NULL AND m.id_number <> ''", -1, &st,
	                       NULL) != SQLITE_OK) {
		fprintf(out, "检查「身份证号」失败：%s\n", sqlite3_errmsg(s->db));
		return 1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		char birth[11];
		struct dj_err e;
		snprintf(birth, sizeof birth, "%s", (const char *)sqlite3_column_text(st, 3));
		if (member_check_identity((const char *)sqlite3_column_text(st, 2), birth,
		                          (const char *)sqlite3_column_text(st, 4), &e) == 0)
			continue;
		fprintf(out, "身份证号有误：%s（%s）%s\n", (const char *)sqlite3_column_text(st, 0),
		        (const char *)sqlite3_column_text(st, 1), e.msg);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

/* 发展党员's age rule on the members already stored, which may predate it:
 * SQL finds who was under min_age on the 入党日期, member_check_join_age
 * (the rule every save applies) decides and words it. */
static int check_join_ages(struct session *s, FILE *out)
{
	struct dev_rules r;
	dev_rules_load(s->cfg, &r);
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT m.id FROM member m JOIN org o ON o.id = m.org_id"
	                       " WHERE m.status NOT IN ('转出', '出党', '去世') AND m.birth_date <> ''"
	                       " AND m.joined_on < date(m.birth_date, '+' || ?1 || ' years')"
	                       " ORDER BY o.sort_key, m.name_py, m.id", -1, &st, NULL) != SQLITE_OK) {
		fprintf(out, "检查「入党年龄」失败：%s\n", sqlite3_errmsg(s->db));
		return 1;
	}
	sqlite3_bind_int(st, 1, r.min_age);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct member m;
		struct dj_err e;
		if (member_load(s, sqlite3_column_int64(st, 0), &m, &e) ||
		    member_check_join_age(s, &m, &e) == 0)
			continue;
		fprintf(out, "入党时未满 %d 周岁：%s（%s）%s\n", r.min_age, m.name, m.org, e.msg);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

/* 发展程序 (devstep.h): the recorded steps of each open case in order with
 * its dates — a problem when not, as only a file changed outside the
 * program can make it — and the steps a case has passed without a record,
 * a reminder (未记录: cases registered before the steps were kept). */
static int check_dev_steps(struct session *s, FILE *out)
{
	struct dev_rules r;
	dev_rules_load(s->cfg, &r);
	sqlite3_stmt *st;
	int problems = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT c.id FROM dev_case c JOIN org o ON o.id = c.org_id"
	                       " WHERE c.stage IN ('积极分子','发展对象','预备党员','正式党员')"
	                       " ORDER BY o.sort_key, c.name_py, c.id", -1, &st, NULL) != SQLITE_OK) {
		fprintf(out, "检查「发展程序」失败：%s\n", sqlite3_errmsg(s->db));
		return 1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct dev_case c;
		struct dev_step *rows = NULL;
		struct dj_err e;
		char missing[1024];
		if (dev_load(s, sqlite3_column_int64(st, 0), &c, &e))
			continue;
		int n = dev_step_list(s, c.id, &rows, &e);
		if (n < 0)
			continue;
		enum dev_stage at = (enum dev_stage)dev_stage_of(c.stage);
		if (n > 0 && dev_steps_check(s, &r, &c, at, at, &e)) {
			fprintf(out, "发展程序顺序不符：%s（%s）%s\n", c.name, c.org, e.msg);
			problems++;
		}
		if (dev_steps_missing(&r, &c, rows, n, missing, sizeof missing))
			fprintf(out, "发展程序未记录（提醒）：%s（%s，%s）%s\n", c.name, c.org, c.stage, missing);
		free(rows);
	}
	sqlite3_finalize(st);
	return problems;
}

/* The audit log: every entry's keyed hash chains to the one before, and the
 * triggers that keep it append-only are there as the migrations made them
 * (audit_chain.h).  The first entry that does not verify is named. */
static int check_audit(struct session *s, FILE *out)
{
	struct audit_break b;
	if (audit_chain_verify(s->db, &b) == 0)
		return 0;
	char text[512];
	audit_break_text(&b, text, sizeof text);
	fprintf(out, "操作日志校验不通过：%s\n", text);
	return 1;
}

int cli_check(struct session *s, FILE *out)
{
	char where[2 * PATH_MAX + 128];   /* which files were checked, first */
	cli_where(s->cfg, where, sizeof where);
	fprintf(out, "%s\n", where);
	int problems = run_pragma(s, "PRAGMA quick_check", "完整性检查", out) +
	               run_pragma(s, "PRAGMA foreign_key_check", "外键检查", out) +
	               check_audit(s, out);
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
		problems += run_rule(s, &rules[i], out);
	problems += check_identities(s, out);
	problems += check_join_ages(s, out);
	problems += check_dev_steps(s, out);
	if (problems)
		fprintf(out, "发现 %d 个问题\n", problems);
	else
		fprintf(out, "检查通过：数据库完整，外键和业务规则无误\n");
	return problems;
}
