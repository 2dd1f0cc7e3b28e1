/* form_common.c — what the printed forms share (form_internal.h). */
#include "docs/form_internal.h"
#include "docs/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/db.h"
#include "core/rowsource.h"
#include "core/validate.h"

int form_may_view(struct session *s, int64_t org_id, struct dj_err *e)
{
	if (s->scope_org == 0 || org_in_subtree(s->db, s->scope_org, org_id))
		return 0;
	return dj_fail(e, DJ_DENIED, NULL, "该记录不在您的管辖范围内（您只能查看本单位及下级组织的数据）");
}

static int date_parts(const char *d, int *y, int *m, int *day)
{
	return d && strlen(d) == 10 && sscanf(d, "%4d-%2d-%2d", y, m, day) == 3 ? 0 : -1;
}

int form_age_on(const char *born, const char *on)
{
	int by, bm, bd, y, m, d;
	if (date_parts(born, &by, &bm, &bd) || date_parts(on, &y, &m, &d))
		return -1;
	int age = y - by - (m < bm || (m == bm && d < bd));
	return age < 0 ? -1 : age;
}

void form_date_words(const char *date, char *out, size_t cap)
{
	int y, m, d;
	if (date_parts(date, &y, &m, &d) == 0)
		snprintf(out, cap, "%d年%d月%d日", y, m, d);
	else if (date && strlen(date) == 7 && sscanf(date, "%4d-%2d", &y, &m) == 2)
		snprintf(out, cap, "%d年%d月", y, m);
	else
		snprintf(out, cap, "%s", date ? date : "");
}

void form_name_part(const char *text, char *out, size_t cap)
{
	size_t n = 0, len = strlen(text);
	for (const unsigned char *c = (const unsigned char *)text; *c && n + 1 < cap; c++)
		out[n++] = (*c < 0x20 || strchr("/\\:*?\"<>| ", *c)) ? '_' : (char)*c;
	/* cut short: never end inside a UTF-8 sequence */
	if (n < len)
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	out[n] = 0;
}

int64_t form_member_by_id_number(struct session *s, const char *id_number)
{
	char norm[64];
	snprintf(norm, sizeof norm, "%s", id_number ? id_number : "");
	fold_fullwidth_digits(norm);   /* as member_save stores it: ASCII digits, X upper */
	for (char *c = norm; *c; c++)
		if (*c == 'x')
			*c = 'X';
	sqlite3_stmt *st;
	int64_t id = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM member WHERE id_number = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

int form_read_rows(struct row_source *rs, struct rs_row **out, int *n, struct dj_err *e)
{
	enum { PAGE = 64 };
	struct rs_row *rows = NULL;
	int have = 0, got;
	const struct rs_key *from = NULL;
	struct rs_key anchor;
	*out = NULL;
	*n = 0;
	if (!rs)
		return dj_fail(e, DJ_DB, NULL, "读取失败：内存不足");
	do {
		struct rs_row *more = realloc(rows, (size_t)(have + PAGE) * sizeof *rows);
		if (!more) {
			free(rows);
			row_source_free(rs);
			return dj_fail(e, DJ_DB, NULL, "读取失败：内存不足");
		}
		rows = more;
		got = rs->fetch(rs->ctx, from, 1, PAGE, rows + have);
		if (got < 0) {
			dj_fail(e, DJ_DB, NULL, "读取失败：%s", rs->last_error(rs->ctx));
			free(rows);
			row_source_free(rs);
			return DJ_DB;
		}
		have += got;
		if (got > 0) {
			anchor = rows[have - 1].key;
			from = &anchor;
		}
	} while (got == PAGE);
	row_source_free(rs);
	*out = rows;
	*n = have;
	return 0;
}

double form_page_title(struct pdf *p, const char *title, const char *subtitle)
{
	double w = pdf_page_width(p);
	pdf_text(p, 15, 12, w - 30, 10, title, FONT_TITLE, PDF_CENTER);
	if (subtitle && *subtitle)
		pdf_text(p, 15, 23, w - 30, 7, subtitle, FONT_BODY, PDF_CENTER);
	return 33;
}

void form_unit_name(struct session *s, char *out, size_t cap)
{
	/* the operator's own organization; for the whole database its one
	 * top organization, when it has only one */
	sqlite3_stmt *st;
	snprintf(out, cap, "全部党组织");
	const char *sql = s->scope_org
		? "SELECT name FROM org WHERE id = ?1"
		: "SELECT name FROM org WHERE parent_id IS NULL AND status = '正常'"
		  " AND (SELECT count(*) FROM org WHERE parent_id IS NULL AND status = '正常') = 1";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	if (s->scope_org)
		sqlite3_bind_int64(st, 1, s->scope_org);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}
