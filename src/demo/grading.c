/* grading.c — the demo township's 分类定级 (seed 003's year): a round
 * graded in spring, confirmed and published, with rectification plans (some
 * accepted, some overdue); and the re-grading after rectification (重新评定
 * 级次), scored from every source but left for the operator to check and
 * confirm, so the ledger shows 晋位/降位 at once.  Everything goes through
 * the grading rules, deterministically, with dates relative to today(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "demo/demo.h"
#include "grading/grading.h"
#include "grading/rectify.h"

/* Each organization's standing in percent, cycled: three above 90, six in
 * the 75s-80s, fifteen in the 60s, three below 60 — the guide's shape. */
static const int standing[] = { 93, 80, 68, 72, 65, 55, 78, 70, 66, 91, 63, 72, 69, 85,
                                61, 58, 71, 67, 82, 64, 73, 95, 62, 76, 57, 70, 88 };
/* Self-assessment runs high, the masses' first view low. */
static const int source_bias[GRADING_MAX_SRC] = { -3, -1, 4, 0 };

static const char *const problems[] = {
	"班子战斗力不强，组织生活不够正常",
	"工作思路不清，村级集体经济薄弱",
	"活动阵地简陋，党员教育管理不到位",
	"制度执行不严，三会一课记录不全",
	"联系服务群众不够，群众满意度偏低",
};
static const char *const measures[] = {
	"调整充实支委班子；每月固定主题党日，书记带头上党课",
	"制定集体经济增收计划，落实“一村一策”帮扶措施",
	"改造党员活动室；建立党员积分管理制度",
	"健全三会一课台账，镇党委每季度检查一次",
	"推行党员联户、书记接访，每季度开展群众测评",
};

/* One cell: the indicator's maximum at the given percent, to half points,
 * with a small deterministic wobble between indicators. */
static int cell_score(int max, int percent, int org, int k)
{
	int wobble = ((org * 7 + k * 5) % 3 - 1) * 5;   /* -0.5, 0 or +0.5 point */
	int v = (max * percent + 50) / 100 + wobble;
	v = (v + 2) / 5 * 5;
	return v < 0 ? 0 : v > max ? max : v;
}

static int score_round(struct session *s, int64_t round_id, const int *percent, int n_percent,
                       struct dj_err *e)
{
	struct grading_round r;
	if (grading_round_load(s, round_id, &r, e))
		return -1;
	for (int src = 0; src < r.nsrc; src++) {
		struct grading_sheet_row *rows;
		int n, v[GRADING_MAX_IND];
		if (grading_sheet_load(s, &r, src, &rows, &n, e))
			return -1;
		for (int i = 0; i < n; i++) {
			int p = (i < n_percent ? percent[i] : standing[i % (int)(sizeof standing / sizeof *standing)]) +
			        source_bias[src % GRADING_MAX_SRC];
			for (int k = 0; k < r.nind; k++)
				v[k] = cell_score(r.ind[k].max, p, i, k);
			if (grading_sheet_save_row(s, &r, src, &rows[i], v, e)) {
				free(rows);
				return -1;
			}
		}
		free(rows);
	}
	return 0;
}

static int64_t new_round(struct session *s, int year, const char *name, const char *org,
                         const char *rectify_due, struct dj_err *e)
{
	struct grading_settings g;
	grading_settings_defaults(s, &g);
	snprintf(g.year, sizeof g.year, "%d", year);
	snprintf(g.name, sizeof g.name, "%s", name);
	snprintf(g.org, sizeof g.org, "%s", org);
	snprintf(g.rectify_due, sizeof g.rectify_due, "%s", rectify_due);
	return grading_settings_save(s, &g, e) ? 0 : g.id;
}

/* Plans written up; every other one accepted before its deadline, the rest
 * overdue. */
static int write_plans(struct session *s, int64_t round_id, const char *published,
                       struct dj_err *e)
{
	sqlite3_stmt *st;
	int64_t ids[256];
	int n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM rectification WHERE round_id = ? ORDER BY id", -1,
	                       &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例数据");
	sqlite3_bind_int64(st, 1, round_id);
	while (n < 256 && sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	for (int i = 0; i < n; i++) {
		struct rectification p;
		char d1[11], d2[11];
		if (rectify_load(s, ids[i], &p, e))
			return -1;
		date_add_months(published, 1, d1);
		date_add_months(published, 3, d2);
		int k = i % (int)(sizeof problems / sizeof *problems);
		snprintf(p.problem, sizeof p.problem, "%s", problems[k]);
		snprintf(p.measures, sizeof p.measures, "%s", measures[k]);
		snprintf(p.progress, sizeof p.progress, "%s 支部党员大会讨论通过整改方案\n%s 整改措施逐项落实，已完成过半",
		         d1, d2);
		if (i % 4 == 0)
			snprintf(p.accepted_on, sizeof p.accepted_on, "%s", p.deadline);
		else if (i % 2 == 0)
			date_add_months(p.deadline, -1, p.accepted_on);
		if (rectify_save(s, &p, e))
			return -1;
	}
	return 0;
}

/* After rectification: the plans' organizations rise, a few others slip. */
static void regraded(int *percent, int n)
{
	for (int i = 0; i < n; i++) {
		int p = standing[i % (int)(sizeof standing / sizeof *standing)];
		percent[i] = p < 75 ? p + 9 : i % 5 == 0 ? p - 12 : p + 1;
	}
}

int demo_grading(struct session *s, struct dj_err *e)
{
	char top[128] = "", now[11], published[11], due[11];
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT name FROM org WHERE parent_id IS NULL AND status = '正常'"
	                       " ORDER BY id LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例数据");
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, top, sizeof top);
	sqlite3_finalize(st);
	if (!*top)
		return 0;
	/* Graded seven months ago, rectification due a month ago. */
	today(now);
	date_add_months(now, -7, published);
	date_add_months(now, -1, due);
	int year = atoi(published), this_year = atoi(now);
	char name[128];
	snprintf(name, sizeof name, "%d年度基层党组织分类定级", year);
	int64_t first = new_round(s, year, name, top, due, e);
	struct grading_round r;
	if (!first || score_round(s, first, standing, 0, e) || grading_round_load(s, first, &r, e) ||
	    grading_confirm(s, first, r.version, published, e) || write_plans(s, first, published, e))
		return -1;
	int percent[512];
	int n = (int)db_int(s->db, "SELECT count(*) FROM grading_result WHERE round_id = ?", first, 0);
	n = n < 512 ? n : 512;
	regraded(percent, n);
	snprintf(name, sizeof name, "%d年度%s", this_year,
	         this_year == year ? "整改后重新定级" : "基层党组织分类定级");
	int64_t second = new_round(s, this_year, name, top, "", e);
	if (!second || score_round(s, second, percent, n, e))
		return -1;
	return 0;
}
