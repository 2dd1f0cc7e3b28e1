/* meeting_csv.c — the meeting ledger as CSV: each meeting with its counts,
 * who was on leave or absent, and the minutes. */
#include "core/csv_table.h"
#include "orglife/meeting.h"

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
	" WHERE ?1 = 0 OR m.org_id IN (SELECT id FROM sub) ORDER BY m.date, o.sort_key, m.id";

int meeting_export_scope(struct session *s, int64_t scope, const char *path, FILE *report,
                         int *exported)
{
	const struct csv_export x = { .what = "会议", .headers = headers, .ncols = NCOLS };
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, 1, scope);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

int meeting_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	return meeting_export_scope(s, s->scope_org, path, report, exported);
}
