/* draft.c — the 通报 written from the records: every source's findings
 * grouped by section, the branches found in none on the good side. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin/bulletin.h"
#include "core/db.h"
#include "core/validate.h"
#include "docs/numerals.h"

struct found {
	struct bulletin_line *l;
	int n, cap, oom;
};

static int collect(void *ctx, const struct bulletin_line *l)
{
	struct found *f = ctx;
	if (f->n == f->cap) {
		int cap = f->cap ? f->cap * 2 : 32;
		struct bulletin_line *more = realloc(f->l, (size_t)cap * sizeof *more);
		if (!more) {
			f->oom = 1;
			return 1;
		}
		f->l = more;
		f->cap = cap;
	}
	f->l[f->n++] = *l;
	return 0;
}

/* A growing text. */
struct text {
	char *s;
	size_t len, cap;
	int oom;
};

static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int need = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (need < 0 || t->oom)
		return;
	if (t->len + (size_t)need + 1 > t->cap) {
		size_t cap = (t->len + (size_t)need + 1) * 2;
		char *more = realloc(t->s, cap);
		if (!more) {
			t->oom = 1;
			return;
		}
		t->s = more;
		t->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += (size_t)need;
}

/* "2026年11月" for a whole month, else "2026年10月1日至11月30日". */
static void period_words(const char *from, const char *to, char *out, size_t cap)
{
	int fy, fm, fd, ty, tm, td;
	char first[11], next[11];
	if (sscanf(from, "%d-%d-%d", &fy, &fm, &fd) != 3 || sscanf(to, "%d-%d-%d", &ty, &tm, &td) != 3) {
		snprintf(out, cap, "%s至%s", from, to);
		return;
	}
	snprintf(first, sizeof first, "%04d-%02d-01", ty, tm);
	date_add_months(first, 1, next);
	int month_end = date_diff_days(to, next) == 1;
	if (fy == ty && fm == tm && fd == 1 && month_end)
		snprintf(out, cap, "%d年%d月", fy, fm);
	else if (fy == ty && fm == 1 && fd == 1 && tm == 12 && td == 31)
		snprintf(out, cap, "%d年", fy);
	else if (fy == ty)
		snprintf(out, cap, "%d年%d月%d日至%d月%d日", fy, fm, fd, tm, td);
	else
		snprintf(out, cap, "%d年%d月%d日至%d年%d月%d日", fy, fm, fd, ty, tm, td);
}

void bulletin_title(const char *from, const char *to, char *out, size_t cap)
{
	char when[64];
	period_words(from, to, when, sizeof when);
	snprintf(out, cap, "关于%s基层党建工作落实情况的通报", when);
}

static int check_period(const char *from, const char *to, struct dj_err *e)
{
	char norm[11], why[WHY_MAX];
	if (!from || valid_date(from, norm, why) || strcmp(norm, from) != 0)
		return dj_fail(e, DJ_INVALID, "from", "「通报期间」起始日期应为年-月-日：%s", from ? from : "");
	if (!to || valid_date(to, norm, why) || strcmp(norm, to) != 0)
		return dj_fail(e, DJ_INVALID, "to", "「通报期间」截止日期应为年-月-日：%s", to ? to : "");
	if (strcmp(from, to) > 0)
		return dj_fail(e, DJ_INVALID, "to", "「通报期间」截止日期 %s 早于起始日期 %s", to, from);
	return 0;
}

/* One section: 一、heading：甲（…，…）；乙（…）。 — an organization's
 * findings of the section together, in the order first found. */
static void write_section(struct text *t, const struct found *f, int section, int number)
{
	char num[16];
	numerals_count(number, num, sizeof num);
	put(t, "　　%s、%s：", num, bulletin_section_heading(section));
	int first = 1;
	for (int i = 0; i < f->n; i++) {
		const struct bulletin_line *l = &f->l[i];
		int seen = 0;
		for (int k = 0; k < i && !seen; k++)
			seen = f->l[k].section == section && f->l[k].org_id == l->org_id &&
			       strcmp(f->l[k].org, l->org) == 0;
		if (l->section != section || seen)
			continue;
		put(t, "%s%s", first ? "" : "；", *l->org ? l->org : "（未指明组织）");
		first = 0;
		int open = 0;
		for (int k = i; k < f->n; k++)
			if (f->l[k].section == section && f->l[k].org_id == l->org_id &&
			    strcmp(f->l[k].org, l->org) == 0 && *f->l[k].text) {
				put(t, "%s%s", open ? "，" : "（", f->l[k].text);
				open = 1;
			}
		if (open)
			put(t, "）");
	}
	put(t, "。\n");
}

static int flagged(const struct found *f, int64_t org_id)
{
	for (int i = 0; i < f->n; i++)
		if (f->l[i].org_id == org_id)
			return 1;
	return 0;
}

/* The good side: the 党支部 under root that existed in the period and were
 * found in no section.  Returns how many were written. */
static int write_good(struct session *s, struct text *t, const struct found *f, int64_t root,
                      const char *from, const char *to, int number, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT o.id, o.name FROM org o WHERE o.kind = '党支部'"
	        " AND (o.founded_on IS NULL OR o.founded_on = '' OR o.founded_on <= ?3)"
	        " AND (o.status = '正常' OR o.dissolved_on >= ?2)"
	        " AND (?1 = 0 OR o.id IN (WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL"
	        " SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"
	        " ORDER BY o.sort_key, o.id", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取党支部"), -1;
	sqlite3_bind_int64(st, 1, root);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
	int n = 0;
	char num[16];
	numerals_count(number, num, sizeof num);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (flagged(f, sqlite3_column_int64(st, 0)))
			continue;
		if (n++ == 0)
			put(t, "　　%s、按时完成各项工作的支部：", num);
		else
			put(t, "、");
		put(t, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (n)
		put(t, "。\n");
	return n;
}

static void root_name(struct session *s, int64_t root, char *out, size_t cap)
{
	sqlite3_stmt *st;
	snprintf(out, cap, "%s", "全部党组织");
	if (!root || sqlite3_prepare_v2(s->db, "SELECT name FROM org WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, root);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, out, cap);
	sqlite3_finalize(st);
}

static int compose(struct session *s, const struct found *f, int64_t root, const char *from,
                   const char *to, struct text *t, struct dj_err *e)
{
	static const int order[] = { BUL_REPORT_MISSING, BUL_TASK_OVERDUE, BUL_MEETING_SHORT,
	                             BUL_RECTIFY_OVERDUE, BUL_FOLLOWUP_OPEN };
	char title[160], when[64], unit[128];
	bulletin_title(from, to, title, sizeof title);
	period_words(from, to, when, sizeof when);
	root_name(s, root, unit, sizeof unit);
	put(t, "%s\n\n各党支部：\n", title);
	put(t, "　　现将%s%s基层党建工作落实情况通报如下：\n", root ? unit : "", when);
	int number = 0;
	for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
		int any = 0;
		for (int i = 0; i < f->n && !any; i++)
			any = f->l[i].section == order[k];
		if (any)
			write_section(t, f, order[k], ++number);
	}
	if (number == 0)
		put(t, "　　本期未发现月报缺报、任务逾期、“三会一课”落实不到位、整改逾期等问题。\n");
	int good = write_good(s, t, f, root, from, to, number + 1, e);
	if (good < 0)
		return DJ_DB;
	if (number)
		put(t, "　　请以上受到通报的党组织认真查找原因，限期整改到位，并将整改情况书面报送%s。"
		    "各党组织要对照先进，查漏补缺，确保各项工作按时落实。\n", root ? unit : "上级党组织");
	return 0;
}

int bulletin_draft(struct session *s, int64_t root, const char *from, const char *to, char **text,
                   struct dj_err *e)
{
	*text = NULL;
	if (check_period(from, to, e))
		return DJ_INVALID;
	if (!root)
		root = s->scope_org;
	else if (s->scope_org && !org_in_subtree(s->db, s->scope_org, root))
		return dj_fail(e, DJ_DENIED, "root", "「通报范围」不在您可以查看的组织范围内");
	struct found f = { 0 };
	for (int i = 0; i < bulletin_nsources; i++) {
		struct dj_err le;
		if (bulletin_sources[i].run(s, root, from, to, collect, &f, &le)) {
			free(f.l);
			return dj_fail(e, le.code ? le.code : DJ_DB, le.field, "读取%s失败：%s",
			               bulletin_sources[i].name, le.msg);
		}
		if (f.oom)
			break;
	}
	struct text t = { 0 };
	int rc = f.oom ? dj_fail(e, DJ_DB, NULL, "内存不足") : compose(s, &f, root, from, to, &t, e);
	free(f.l);
	if (rc == 0 && t.oom)
		rc = dj_fail(e, DJ_DB, NULL, "内存不足");
	if (rc) {
		free(t.s);
		return rc;
	}
	*text = t.s;
	return 0;
}
