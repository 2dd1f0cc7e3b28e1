/* member.c — one member's 关怀帮扶 as the member form shows it: the
 * categories the member is on the register under today, and the last visit. */
#include <stdio.h>
#include <string.h>

#include "care/care.h"
#include "core/db.h"

/* "关怀：老党员（2025-12-20 列入）、因病；最近慰问 2026-01-20 春节" */
void care_member_line(struct session *s, int64_t member_id, const char *today, char *out,
                      size_t cap)
{
	sqlite3_stmt *st;
	size_t n = (size_t)snprintf(out, cap, "关怀：");
	int listed = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT category, listed_on FROM care_case WHERE member_id = ?1"
	                       " AND listed_on <= ?2 AND (left_on IS NULL OR left_on = '' OR left_on > ?2)"
	                       " ORDER BY listed_on, id", -1, &st, NULL) != SQLITE_OK) {
		snprintf(out, cap, "关怀：无法读取");
		return;
	}
	sqlite3_bind_int64(st, 1, member_id);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW && n < cap)
		n += (size_t)snprintf(out + n, cap - n, "%s%s（%s 列入）", listed++ ? "、" : "",
		                      (const char *)sqlite3_column_text(st, 0),
		                      (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	if (n >= cap || sqlite3_prepare_v2(s->db, "SELECT on_date, occasion FROM care_visit WHERE"
	                                   " member_id = ?1 ORDER BY on_date DESC, id DESC LIMIT 1",
	                                   -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, member_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out + n, cap - n, "%s最近慰问 %s %s", listed ? "；" : "",
		         (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
	else if (!listed)
		out[0] = 0;   /* never cared for: nothing to say */
	sqlite3_finalize(st);
}
