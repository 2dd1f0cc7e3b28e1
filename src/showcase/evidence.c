/* evidence.c — what the 示范 records say of a member or an organization in
 * a year, as lines a nomination shows (seed 000 四(一): 考核评估的成绩作为
 * 表彰的重要依据). */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "showcase/showcase.h"

/* Appends a line when there is room; counts it either way. */
static void line(char out[][96], int cap, int *n, const char *text)
{
	if (*n < cap)
		snprintf(out[*n], 96, "%s", text);
	(*n)++;
}

/* Posts standing at some time in the year, with that year's 考核. */
static int post_lines(struct session *s, int64_t member_id, int year, char out[][96], int cap,
                      int *n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT p.name, (SELECT g.grade FROM showcase_post_grade g"
	                       " WHERE g.post_id = p.id AND g.year = ?2) FROM showcase_post p"
	                       " WHERE p.member_id = ?1 AND substr(p.opened_on, 1, 4) <= printf('%04d', ?2)"
	                       " AND (p.closed_on IS NULL OR substr(p.closed_on, 1, 4) >= printf('%04d', ?2))"
	                       " ORDER BY p.opened_on, p.id", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, member_id);
	sqlite3_bind_int(st, 2, year);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char text[160];
		const char *grade = (const char *)sqlite3_column_text(st, 1);
		if (grade)
			snprintf(text, sizeof text, "党员示范岗「%s」%d 年考核：%s",
			         (const char *)sqlite3_column_text(st, 0), year, grade);
		else
			snprintf(text, sizeof text, "党员示范岗「%s」%d 年尚未考核",
			         (const char *)sqlite3_column_text(st, 0), year);
		line(out, cap, n, text);
	}
	sqlite3_finalize(st);
	return 0;
}

/* The dorms the member lives in, with the year's checks and their average. */
static int dorm_lines(struct session *s, int64_t member_id, int year, char out[][96], int cap,
                      int *n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT d.building, d.room, count(c.id), coalesce(sum(c.total), 0)"
	                       " FROM showcase_resident r JOIN showcase_dorm d ON d.id = r.dorm_id"
	                       " LEFT JOIN showcase_dorm_check c ON c.dorm_id = d.id"
	                       " AND substr(c.on_date, 1, 4) = printf('%04d', ?2)"
	                       " WHERE r.member_id = ?1 GROUP BY d.id ORDER BY d.building, d.room",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, member_id);
	sqlite3_bind_int(st, 2, year);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char text[160], avg[16];
		int checks = sqlite3_column_int(st, 2);
		long long sum = sqlite3_column_int64(st, 3);
		const char *b = (const char *)sqlite3_column_text(st, 0);
		const char *r = (const char *)sqlite3_column_text(st, 1);
		if (checks) {
			/* the average to tenths, rounded half up */
			showcase_format_tenths((int)((sum * 2 + checks) / (2 * checks)), avg, sizeof avg);
			snprintf(text, sizeof text, "示范寝室 %s %s %d 年检查 %d 次，平均 %s 分", b, r, year,
			         checks, avg);
		} else {
			snprintf(text, sizeof text, "示范寝室 %s %s %d 年尚未检查", b, r, year);
		}
		line(out, cap, n, text);
	}
	sqlite3_finalize(st);
	return 0;
}

int showcase_member_evidence(struct session *s, int64_t member_id, int year, char out[][96],
                             int cap)
{
	int n = 0;
	if (post_lines(s, member_id, year, out, cap, &n) || dorm_lines(s, member_id, year, out, cap, &n))
		return -1;
	return n;
}

int showcase_org_evidence(struct session *s, int64_t org_id, int year, char out[][96], int cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT p.level, (SELECT c.result FROM showcase_point_check c"
	                       " WHERE c.point_id = p.id AND c.year = ?2) FROM showcase_point p"
	                       " WHERE p.org_id = ?1 AND substr(p.opened_on, 1, 4) <= printf('%04d', ?2)",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int(st, 2, year);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		char text[160];
		const char *level = (const char *)sqlite3_column_text(st, 0);
		const char *result = (const char *)sqlite3_column_text(st, 1);
		if (result)
			snprintf(text, sizeof text, "%s %d 年检查：%s", level, year, result);
		else
			snprintf(text, sizeof text, "%s %d 年尚未检查", level, year);
		line(out, cap, &n, text);
	}
	sqlite3_finalize(st);
	return n;
}
