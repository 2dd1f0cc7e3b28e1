/* stats.c — 党员结构 of a subtree, counted in one pass over its
 * members in good standing. */
#include "member/stats.h"

#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/validate.h"
#include "member/member.h"

/* The joining eras of the party's own statistics (党内统计年报). */
static const struct { const char *before, *label; } eras[] = {
	{ "1949-10-01", "1949.9及以前" },   { "1966-05-01", "1949.10-1966.4" },
	{ "1976-11-01", "1966.5-1976.10" }, { "1979-01-01", "1976.11-1978.12" },
	{ "2002-11-01", "1979.1-2002.10" }, { "2012-11-01", "2002.11-2012.10" },
	{ "9999-12-31", "2012.11以后" },
};
enum { NERAS = sizeof eras / sizeof *eras };

/* Upper bounds of the age bands; the last is open. */
static const int age_top[] = { 30, 35, 40, 45, 50, 55, 60 };
static const char *const age_labels[] = {
	"30岁及以下", "31-35岁", "36-40岁", "41-45岁", "46-50岁", "51-55岁", "56-60岁", "61岁及以上",
};
enum { NAGES = sizeof age_labels / sizeof *age_labels };
_Static_assert(NAGES == STAT_NAGES && NERAS == STAT_NERAS, "stats.h bands");

int member_age(const char *birth, const char *on)
{
	if (!birth || valid_date(birth, NULL, NULL) || valid_date(on, NULL, NULL))
		return -1;
	int age = atoi(on) - atoi(birth);
	if (strcmp(on + 5, birth + 5) < 0)
		age--;   /* birthday not yet reached this year */
	return age;
}

void stat_percent(long n, long total, char *out, size_t cap)
{
	if (total <= 0) {
		snprintf(out, cap, "-");
		return;
	}
	long tenths = (n * 1000 + total / 2) / total;
	snprintf(out, cap, "%ld.%ld%%", tenths / 10, tenths % 10);
}

static void add_item(struct stat_group *g, const char *label, int flags)
{
	g->item[g->n++] = (struct stat_item){ label, 0, flags };
}

static void set_up(struct member_stats *st)
{
	memset(st, 0, sizeof *st);
	struct stat_group *g = st->group;
	g[STAT_GENDER].title = "性别";
	for (int i = 0; member_genders[i]; i++)
		add_item(&g[STAT_GENDER], member_genders[i], 0);
	g[STAT_ETHNIC].title = "民族";
	add_item(&g[STAT_ETHNIC], "汉族", 0);
	add_item(&g[STAT_ETHNIC], "少数民族", 0);
	add_item(&g[STAT_ETHNIC], "其他", STAT_OPTIONAL);
	g[STAT_CATEGORY].title = "人员类别";
	for (int i = 0; member_categories[i]; i++)
		add_item(&g[STAT_CATEGORY], member_categories[i], 0);
	g[STAT_AGE].title = "年龄";
	for (int i = 0; i < NAGES; i++)
		add_item(&g[STAT_AGE], age_labels[i], 0);
	add_item(&g[STAT_AGE], "未填出生日期", STAT_OPTIONAL);
	g[STAT_EDUCATION].title = "学历";
	for (int i = 0; member_educations[i]; i++)
		add_item(&g[STAT_EDUCATION], member_educations[i], 0);
	add_item(&g[STAT_EDUCATION], "未填学历", STAT_OPTIONAL);
	add_item(&g[STAT_EDUCATION], "其中大专及以上", STAT_SUBTOTAL);
	g[STAT_ERA].title = "入党时间";
	for (int i = 0; i < NERAS; i++)
		add_item(&g[STAT_ERA], eras[i].label, 0);
	add_item(&g[STAT_ERA], "未填入党日期", STAT_OPTIONAL);
}

const char *stat_age_label(int band)
{
	return band >= 0 && band < NAGES ? age_labels[band] : "未填出生日期";
}

const char *stat_era_label(int era)
{
	return era >= 0 && era < NERAS ? eras[era].label : "未填入党日期";
}

int stat_age_band(const char *birth, const char *now)
{
	int age = member_age(birth, now);
	if (age < 0)
		return NAGES;   /* 未填 */
	for (int i = 0; i < NAGES - 1; i++)
		if (age <= age_top[i])
			return i;
	return NAGES - 1;
}

int stat_education_index(const char *edu, int *college)
{
	for (int i = 0; member_educations[i]; i++)
		if (strcmp(member_educations[i], edu) == 0) {
			*college = i <= 2;   /* 研究生, 大学本科, 大学专科 */
			return i;
		}
	*college = 0;
	return 7;
}

int stat_era_index(const char *joined)
{
	if (!*joined)
		return NERAS;
	for (int i = 0; i < NERAS; i++)
		if (strcmp(joined, eras[i].before) < 0)
			return i;
	return NERAS - 1;
}

static void count_member(struct member_stats *st, sqlite3_stmt *q, const char *now)
{
	char gender[8], eth[32], birth[11], edu[32], cat[16], joined[11];
	db_col_text(q, 0, gender, sizeof gender);
	db_col_text(q, 1, eth, sizeof eth);
	db_col_text(q, 2, birth, sizeof birth);
	db_col_text(q, 3, edu, sizeof edu);
	db_col_text(q, 4, cat, sizeof cat);
	db_col_text(q, 5, joined, sizeof joined);
	struct stat_group *g = st->group;
	st->total++;
	g[STAT_GENDER].item[strcmp(gender, "男") == 0 ? 0 : 1].n++;
	g[STAT_ETHNIC].item[strcmp(eth, "汉族") == 0 ? 0 : strcmp(eth, "其他") == 0 ? 2 : 1].n++;
	g[STAT_CATEGORY].item[strcmp(cat, "正式党员") == 0 ? 0 : 1].n++;
	g[STAT_AGE].item[stat_age_band(birth, now)].n++;
	int college;
	g[STAT_EDUCATION].item[stat_education_index(edu, &college)].n++;
	g[STAT_EDUCATION].item[8].n += college;
	g[STAT_ERA].item[stat_era_index(joined)].n++;
}

int member_stats_compute(struct session *s, int64_t root, struct member_stats *st,
                         struct dj_err *e)
{
	char now[11];
	set_up(st);
	today(now);
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT gender, ethnicity, coalesce(birth_date, ''), coalesce(education, ''), category,"
	        " coalesce(joined_on, '') FROM member WHERE status = '正常' AND (?1 = 0 OR org_id IN"
	        " (WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT c.id FROM org c JOIN sub"
	        " ON c.parent_id = sub.id) SELECT id FROM sub))", -1, &q, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "统计党员结构");
	sqlite3_bind_int64(q, 1, root);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		count_member(st, q, now);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "统计党员结构");
}

int member_stats_export(const struct member_stats *st, const char *scope, const char *path,
                        FILE *report)
{
	static const char *const head[] = { "分组", "项目", "人数", "占比" };
	struct csv_writer w;
	if (csv_export_open(&w, path, head, 4, report))
		return 1;
	char n[24], pct[48];
	snprintf(n, sizeof n, "%ld", st->total);
	const char *total[] = { "合计", scope, n, "100.0%" };
	csv_write_record(&w, total, 4);
	for (int g = 0; g < STAT_NGROUPS; g++)
		for (int i = 0; i < st->group[g].n; i++) {
			const struct stat_item *it = &st->group[g].item[i];
			snprintf(n, sizeof n, "%ld", it->n);
			stat_percent(it->n, st->total, pct, sizeof pct);
			const char *cells[] = { st->group[g].title, it->label, n, pct };
			csv_write_record(&w, cells, 4);
		}
	return csv_export_close(&w, path, report);
}
