/* member.c — 民主评议党员 seen from one member (the results by year on the
 * member's record, the 优秀 evidence for a nomination), and the export of
 * the rounds' lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/pager.h"
#include "evaluate/internal.h"

void evaluate_member_line(struct session *s, int64_t member_id, int max, char *out, size_t cap)
{
	sqlite3_stmt *st;
	struct eval_words w;
	evaluate_words_from(s->cfg, &w);
	size_t at = (size_t)snprintf(out, cap, "民主评议：");
	if (sqlite3_prepare_v2(s->db, "SELECT r.year, coalesce(l.result, 0), coalesce(f.action, ''),"
	                       " coalesce(f.deadline, ''), coalesce(f.done_on, '') FROM eval_line l"
	                       " JOIN eval_round r ON r.id = l.round_id LEFT JOIN eval_followup f"
	                       " ON f.line_id = l.id WHERE l.member_id = ? ORDER BY r.year DESC, r.id DESC"
	                       " LIMIT ?", -1, &st, NULL) != SQLITE_OK) {
		snprintf(out + at, cap - at, "无法读取");
		return;
	}
	sqlite3_bind_int64(st, 1, member_id);
	sqlite3_bind_int(st, 2, max);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW && at < cap) {
		const char *action = (const char *)sqlite3_column_text(st, 2);
		const char *deadline = (const char *)sqlite3_column_text(st, 3);
		const char *done = (const char *)sqlite3_column_text(st, 4);
		char follow[96] = "";
		if (*action && *done)
			snprintf(follow, sizeof follow, "（%s，%s 完成）", action, done);
		else if (*action)
			snprintf(follow, sizeof follow, "（%s%s%s，未完成）", action, *deadline ? " 限期 " : "",
			         deadline);
		at += (size_t)snprintf(out + at, cap - at, "%s%d %s%s", n++ ? "；" : "",
		                       sqlite3_column_int(st, 0),
		                       evaluate_word(&w, sqlite3_column_int(st, 1)), follow);
	}
	sqlite3_finalize(st);
	if (n == 0 && at < cap)
		snprintf(out + at, cap - at, "无");
}

static const struct rs_column member_cols[] = {
	{ "年度", 4, 0, 1, 1 }, { "组织", 18, 1, 0, 0, 30 }, { "评议日期", 10, 0, 0, 0 },
	{ "结果", 8, 0, 0, 0 }, { "处置", 8, 0, 0, 0 }, { "限期", 10, 0, 0, 0 },
	{ "完成日期", 10, 0, 0, 0 },
};

/* The result words go into the SQL text (%Q): the pager binds only :scope,
 * here the member's id. */
struct row_source *evaluate_member_source(struct session *s, int64_t member_id)
{
	struct eval_words w;
	evaluate_words_from(s->cfg, &w);
	char *result = sqlite3_mprintf("CASE l.result WHEN 1 THEN %Q WHEN 2 THEN %Q WHEN 3 THEN %Q"
	                               " WHEN 4 THEN %Q ELSE %Q END", w.w[1], w.w[2], w.w[3], w.w[4],
	                               w.w[0]);
	if (!result)
		return NULL;
	struct pager_def def = {
		.cols = member_cols, .ncols = sizeof member_cols / sizeof *member_cols,
		.cells = { "r.year", "o.name", "r.held_on", result, "coalesce(f.action, '')",
		           "coalesce(f.deadline, '')", "coalesce(f.done_on, '')" },
		.sort = { "printf('%04d', r.year)" },
		.id = "l.id",
		.from = "eval_line l JOIN eval_round r ON r.id = l.round_id JOIN org o ON o.id = r.org_id"
		        " LEFT JOIN eval_followup f ON f.line_id = l.id",
		.where = "l.member_id = :scope",
		.flags = "CASE WHEN f.id IS NOT NULL AND f.done_on IS NULL THEN 1 ELSE 0 END",
	};
	struct row_source *rs = pager_new_owning(s->db, &def, member_id, result);
	if (rs)
		rs->set_sort(rs->ctx, 0, 1);
	return rs;
}

int evaluate_member_evidence(struct session *s, int64_t member_id, int year, char out[][96],
                             int cap)
{
	struct eval_words w;
	evaluate_words_from(s->cfg, &w);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM eval_line l JOIN eval_round r"
	                       " ON r.id = l.round_id WHERE l.member_id = ? AND l.result = 1"
	                       " AND r.year = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, member_id);
	sqlite3_bind_int(st, 2, year);
	int found = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (found <= 0 || cap <= 0)
		return found < 0 ? -1 : 0;
	snprintf(out[0], 96, "%d 年民主评议党员：%s", year, w.w[EV_EXCELLENT]);
	return 1;
}

/* ---- export ---- */

static const char *const export_head[] = {
	"年度", "组织", "评议日期", "会议", "姓名", "所在组织", "自评", "优秀票", "合格票",
	"基本合格票", "不合格票", "评议结果", "处置", "决定日期", "限期", "完成日期", "处置决定",
};

int evaluate_export(struct session *s, int64_t round_id, const char *path, FILE *report,
                    int *exported)
{
	const struct csv_export x = { .what = "民主评议党员", .headers = export_head,
	                              .ncols = sizeof export_head / sizeof *export_head };
	struct eval_words w;
	evaluate_words_from(s->cfg, &w);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT r.year, o.name, r.held_on, coalesce(m.date, ''), mb.name,"
	                       " g.name, coalesce(l.self_note, ''), coalesce(l.v1, ''), coalesce(l.v2, ''),"
	                       " coalesce(l.v3, ''), coalesce(l.v4, ''), CASE l.result WHEN 1 THEN :w1"
	                       " WHEN 2 THEN :w2 WHEN 3 THEN :w3 WHEN 4 THEN :w4 ELSE :w0 END,"
	                       " coalesce(f.action, ''), coalesce(f.decided_on, ''), coalesce(f.deadline, ''),"
	                       " coalesce(f.done_on, ''), coalesce(f.decision, '')"
	                       " FROM eval_line l JOIN eval_round r ON r.id = l.round_id"
	                       " JOIN org o ON o.id = r.org_id LEFT JOIN meeting m ON m.id = r.meeting_id"
	                       " JOIN member mb ON mb.id = l.member_id"
	                       " JOIN org g ON g.id = coalesce(mb.group_id, mb.org_id)"
	                       " LEFT JOIN eval_followup f ON f.line_id = l.id"
	                       " WHERE (:round = 0 OR r.id = :round) AND " DB_SUBTREE("r.org_id")
	                       " ORDER BY r.year, o.sort_key, r.id, CASE WHEN g.id = r.org_id THEN ''"
	                       " ELSE g.name_py || g.name END, mb.name_py, mb.id", -1, &st,
	                       NULL) == SQLITE_OK) {
		char key[4] = ":w0";
		for (int k = 0; k < EV_RESULTS; k++) {
			key[2] = (char)('0' + k);
			sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, key), w.w[k], -1,
			                  SQLITE_TRANSIENT);
		}
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":round"), round_id);
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	}
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

int evaluate_export_all(struct session *s, const char *path, FILE *report, int *exported)
{
	return evaluate_export(s, 0, path, report, exported);
}
