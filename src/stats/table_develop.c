/* table_develop.c — 发展党员: where each dev_case stood at the as-of date,
 * read from its milestone dates rather than its stage today, and the
 * cases taken in as 预备党员 (支部大会讨论接收) during the year by sex, age
 * band, 学历 and 职业. */
#include <string.h>

#include "core/db.h"
#include "member/stats.h"
#include "stats/tables.h"

struct dcase {
	struct stats_unit_row u;
	char gender[8], ethnicity[32], birth[11], education[32], job[64];
	char applied[11], activist[11], candidate[11], received[11], ended[11];
};

static int by(const char *date, const char *as_of)
{
	return *date && strcmp(date, as_of) <= 0;
}

/* 0 申请人, 1 积极分子, 2 发展对象 at as_of; 3 received (预备党员 or on);
 * -1 not yet applied or ended. */
static int stage_at(const struct dcase *c, const char *as_of)
{
	if (by(c->received, as_of))
		return 3;
	if (!by(c->applied, as_of) || by(c->ended, as_of))
		return -1;
	return by(c->candidate, as_of) ? 2 : by(c->activist, as_of) ? 1 : 0;
}

static void set_up(struct stats_table *t, const struct stats_rules *r)
{
	char key[STATS_KEYLEN], label[STATS_LABELLEN];
	stats_table_init(t, "develop", STATS_CASES);
	stats_add_col(t, "total", "人数");
	stats_add_row(t, "applicants", "入党申请人（年末）", 0);
	stats_add_row(t, "activists", "入党积极分子（年末）", 0);
	stats_add_row(t, "candidates", "发展对象（年末）", 0);
	stats_add_row(t, "developed", "本年发展党员", 0);
	stats_add_row(t, "dev_female", "其中：女", 1);
	stats_add_row(t, "dev_minority", "　　　少数民族", 1);
	for (int i = 0; i <= STAT_NAGES; i++) {
		snprintf(key, sizeof key, i < STAT_NAGES ? "dev_age%d" : "dev_age_none", i + 1);
		snprintf(label, sizeof label, "　　　%s", stat_age_label(i));
		stats_add_row(t, key, label, 1);
	}
	for (int i = 0; i < STATS_NEDU; i++) {
		snprintf(key, sizeof key, i < STATS_NEDU - 1 ? "dev_edu%d" : "dev_edu_none", i + 1);
		snprintf(label, sizeof label, "　　　%s", stats_edu_labels[i]);
		stats_add_row(t, key, label, 1);
	}
	for (int i = 0; i <= r->nocc; i++) {
		snprintf(key, sizeof key, i < r->nocc ? "dev_occ%d" : "dev_occ_other", i + 1);
		snprintf(label, sizeof label, "　　　%s", i < r->nocc ? r->occ_label[i] : "其他职业");
		stats_add_row(t, key, label, 1);
	}
}

static void read_case(sqlite3_stmt *q, struct dcase *c)
{
	memset(c, 0, sizeof *c);
	c->u.id = sqlite3_column_int64(q, 0);
	db_col_text(q, 1, c->u.name, sizeof c->u.name);
	char *f[] = { c->gender, c->ethnicity, c->birth, c->education, c->job, c->applied,
		      c->activist, c->candidate, c->received, c->ended };
	size_t sz[] = { sizeof c->gender, sizeof c->ethnicity, sizeof c->birth,
		        sizeof c->education, sizeof c->job, sizeof c->applied, sizeof c->activist,
		        sizeof c->candidate, sizeof c->received, sizeof c->ended };
	for (int i = 0; i < 10; i++)
		db_col_text(q, 2 + i, f[i], sz[i]);
	snprintf(c->u.cells[0], sizeof c->u.cells[0], "%s", c->gender);
	snprintf(c->u.cells[1], sizeof c->u.cells[1], "%s", c->birth);
	db_col_text(q, 12, c->u.cells[2], sizeof c->u.cells[2]);
	db_col_text(q, 13, c->u.cells[3], sizeof c->u.cells[3]);
	snprintf(c->u.cells[4], sizeof c->u.cells[4], "%s", c->applied);
}

static void count_case(struct stats_visit *v, const struct stats_rules *r,
                       const struct stats_when *w, const struct dcase *c)
{
	char first[11];
	snprintf(first, sizeof first, "%04d-01-01", w->year);
	int st = stage_at(c, w->as_of);
	if (st >= 0 && st < 3)
		stats_hit(v, &c->u, st, 0);
	if (st != 3 || strcmp(c->received, first) < 0)
		return;
	stats_hit(v, &c->u, 3, 0);
	if (strcmp(c->gender, "女") == 0)
		stats_hit(v, &c->u, 4, 0);
	if (*c->ethnicity && strcmp(c->ethnicity, "汉族") != 0 && strcmp(c->ethnicity, "其他") != 0)
		stats_hit(v, &c->u, 5, 0);
	stats_hit(v, &c->u, 6 + stat_age_band(c->birth, c->received), 0);
	int edu0 = 6 + STAT_NAGES + 1;
	stats_hit(v, &c->u, edu0 + stats_edu_group(c->education), 0);
	stats_hit(v, &c->u, edu0 + STATS_NEDU + stats_occ_index(r, c->job), 0);
}

int stats_count_develop(struct session *s, const struct stats_when *w, struct stats_visit *v,
                        struct dj_err *e)
{
	struct stats_rules r;
	stats_rules_load(s, &r);
	set_up(v->t, &r);
	int64_t root;
	if (stats_scope(s, w, &root, e))
		return -1;
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT c.id, c.name, c.gender, c.ethnicity, c.birth_date, coalesce(c.education, ''),"
	        " coalesce(c.job, ''), c.applied_on, coalesce(c.activist_on, ''),"
	        " coalesce(c.candidate_on, ''), coalesce(c.branch_meeting_on, ''),"
	        " coalesce(c.ended_on, ''), o.name, c.stage"
	        " FROM dev_case c JOIN org o ON o.id = c.org_id WHERE " DB_SUBTREE("c.org_id")
	        " ORDER BY c.id", -1, &q, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "统计发展党员"), -1;
	sqlite3_bind_int64(q, sqlite3_bind_parameter_index(q, ":scope"), root);
	struct dcase c;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		read_case(q, &c);
		count_case(v, &r, w, &c);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : (db_fail(s->db, e, "统计发展党员"), -1);
}
