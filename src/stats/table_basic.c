/* table_basic.c — 党员基本情况: the members on the roll at the as-of date,
 * a row per group (age band, 学历, 入党时间, 职业) and the columns 人数,
 * 女, 少数民族, 预备党员 the upper form crosses them with.  One 人数 column
 * of rows would not fit 80x24 either way; four columns do, and the rows
 * scroll. */
#include <stdlib.h>
#include <string.h>

#include "member/member.h"
#include "member/stats.h"
#include "stats/memo.h"
#include "stats/tables.h"

/* 学历 as the form groups it: member_educations' 初中 and 小学及以下 are 初中及以下. */
const char *const stats_edu_labels[STATS_NEDU] = { "研究生", "大学本科", "大学专科", "中专",
	                                           "高中", "初中及以下", "未填学历" };

int stats_edu_group(const char *edu)
{
	int college, i = stat_education_index(edu, &college);
	return i <= 4 ? i : i <= 6 ? 5 : 6;
}

struct basic {
	struct stats_visit *v;
	struct stats_rules r;
	const char *as_of;
	int age0, edu0, era0, occ0;
	struct stats_memo *occ_memo;   /* NULL when out of memory: no cache */
};

static int occ_index(struct basic *b, const char *job)
{
	int i = stats_memo_get(b->occ_memo, job);
	if (i < 0)
		stats_memo_put(b->occ_memo, job, i = stats_occ_index(&b->r, job));
	return i;
}

static void set_up(struct basic *b)
{
	struct stats_table *t = b->v->t;
	char key[STATS_KEYLEN], label[STATS_LABELLEN];
	stats_table_init(t, "basic", STATS_MEMBERS);
	stats_add_col(t, "total", "人数");
	stats_add_col(t, "female", "女");
	stats_add_col(t, "minority", "少数民族");
	stats_add_col(t, "probation", "预备党员");
	stats_add_row(t, "total", "党员总数", 0);
	b->age0 = t->nrows;
	for (int i = 0; i <= STAT_NAGES; i++) {
		snprintf(key, sizeof key, i < STAT_NAGES ? "age%d" : "age_none", i + 1);
		snprintf(label, sizeof label, "年龄　%s", stat_age_label(i));
		stats_add_row(t, key, label, 1);
	}
	b->edu0 = t->nrows;
	for (int i = 0; i < STATS_NEDU; i++) {
		snprintf(key, sizeof key, i < STATS_NEDU - 1 ? "edu%d" : "edu_none", i + 1);
		snprintf(label, sizeof label, "学历　%s", stats_edu_labels[i]);
		stats_add_row(t, key, label, 1);
	}
	b->era0 = t->nrows;
	for (int i = 0; i <= STAT_NERAS; i++) {
		snprintf(key, sizeof key, i < STAT_NERAS ? "era%d" : "era_none", i + 1);
		snprintf(label, sizeof label, "入党　%s", stat_era_label(i));
		stats_add_row(t, key, label, 1);
	}
	b->occ0 = t->nrows;
	for (int i = 0; i <= b->r.nocc; i++) {
		snprintf(key, sizeof key, i < b->r.nocc ? "occ%d" : "occ_other", i + 1);
		snprintf(label, sizeof label, "职业　%s", i < b->r.nocc ? b->r.occ_label[i] : "其他职业");
		stats_add_row(t, key, label, 1);
	}
}

/* Every column the member counts in, for one row. */
static void hit_row(struct stats_visit *v, const struct roll_member *m, int row)
{
	stats_hit(v, &m->u, row, 0);
	if (strcmp(m->gender, "女") == 0)
		stats_hit(v, &m->u, row, 1);
	if (*m->ethnicity && strcmp(m->ethnicity, "汉族") != 0 && strcmp(m->ethnicity, "其他") != 0)
		stats_hit(v, &m->u, row, 2);
	if (m->probation)
		stats_hit(v, &m->u, row, 3);
}

static int count(void *ctx, const struct roll_member *m)
{
	struct basic *b = ctx;
	if (!m->end)
		return 0;
	hit_row(b->v, m, 0);
	hit_row(b->v, m, b->age0 + stat_age_band(m->birth, b->as_of));
	hit_row(b->v, m, b->edu0 + stats_edu_group(m->education));
	hit_row(b->v, m, b->era0 + stat_era_index(m->joined));
	hit_row(b->v, m, b->occ0 + occ_index(b, m->job));
	return 0;
}

int stats_count_basic(struct session *s, const struct stats_when *w, struct stats_visit *v,
                      struct dj_err *e)
{
	struct basic b = { .v = v, .as_of = w->as_of };
	stats_rules_load(s, &b.r);
	set_up(&b);
	b.occ_memo = calloc(1, sizeof *b.occ_memo);
	int rc = roll_each(s, w, &b.r, count, &b, e);
	free(b.occ_memo);
	return rc;
}
