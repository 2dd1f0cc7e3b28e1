/* meeting_csv.c — the meeting ledger as CSV: each meeting with its counts,
 * who was on leave or absent, and the minutes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "db.h"
#include "meeting.h"

static const char *const headers[] = {
	"日期", "会议类型", "组织", "主题", "主持人", "记录人", "应到", "实到", "请假", "缺席",
	"列席", "请假人员", "缺席人员", "会议记录",
};
enum { NCOLS = sizeof headers / sizeof *headers };

#define COUNT(state) "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id" \
	" AND a.state IN (" state "))"
#define NAMES(state) "coalesce((SELECT group_concat(mb.name || CASE WHEN coalesce(a.reason, '')" \
	" = '' THEN '' ELSE '（' || a.reason || '）' END, '、') FROM attendance a" \
	" JOIN member mb ON mb.id = a.member_id WHERE a.meeting_id = m.id AND a.state = '" \
	state "'), '')"

static const char sql[] =
	MEETING_SUBTREE("?1")
	" SELECT m.date, m.type, o.name, m.topic, coalesce(m.host, ''), coalesce(m.recorder, ''), "
	COUNT("'出席','请假','缺席'") ", " COUNT("'出席'") ", " COUNT("'请假'") ", "
	COUNT("'缺席'") ", " COUNT("'列席'") ", " NAMES("请假") ", " NAMES("缺席") ","
	" coalesce(m.minutes, '') FROM meeting m JOIN org o ON o.id = m.org_id"
	" WHERE ?1 = 0 OR m.org_id IN (SELECT id FROM sub) ORDER BY m.date, o.name_py, m.id";

int meeting_export_scope(struct session *s, int64_t scope, const char *path, FILE *report,
                         int *exported)
{
	struct csv_writer w;
	*exported = 0;
	if (csv_writer_open(&w, path)) {
		fprintf(report, "无法写入 %s：%s\n", path, strerror(errno));
		return 1;
	}
	for (int c = 0; c < NCOLS; c++)
		csv_write_field(&w, headers[c]);
	csv_end_record(&w);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		csv_writer_close(&w);
		fprintf(report, "读取会议失败：%s\n", sqlite3_errmsg(s->db));
		return 1;
	}
	sqlite3_bind_int64(st, 1, scope);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < NCOLS; c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			csv_write_field(&w, v ? v : "");
		}
		csv_end_record(&w);
		(*exported)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		csv_writer_close(&w);
		fprintf(report, "读取会议失败：%s\n", sqlite3_errmsg(s->db));
		return 1;
	}
	if (csv_writer_close(&w) != 0) {
		fprintf(report, "写入 %s 失败（磁盘已满？）\n", path);
		return 1;
	}
	return 0;
}

int meeting_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	return meeting_export_scope(s, s->scope_org, path, report, exported);
}
