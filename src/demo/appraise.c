/* appraise.c — last year's 述职评议 in the demo township (seed 002 二(三)):
 * the 镇党委's round over every 党总支 and 党支部, held in December, each
 * secretary's 述职 recorded and both groups' votes typed, spread so that
 * the grades run from 好 to 差; the round is closed (已结束).  Everything
 * goes through the module's saves, with their rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/appraise.h"
#include "core/validate.h"
#include "demo/demo.h"

#define S(dst, ...) snprintf((dst), sizeof(dst), __VA_ARGS__)

static const char *const summaries[] = {
	"一年来，带领支部班子落实“三会一课”，开展主题党日十二次；存在的问题是党员教育形式单一，明年将结合远程教育改进。",
	"围绕村级集体经济发展抓党建，完成道路硬化和河道整治；不足是青年党员发展偏少，下一步重点培养后备力量。",
	"坚持每月召开支委会，落实党员联系户制度；对照分类定级指标，在阵地建设上还有差距，将逐项整改。",
};

/* Votes of line i: a 党员 group of 18–33 and a 群众 group of 8–19; the
 * share of 一般 and 差 steps through 0–57% with i, so every grade appears. */
static void votes_for(int i, struct appraise_votes *v)
{
	int size[AP_GROUPS] = { 18 + (i * 7) % 16, 8 + (i * 5) % 12 };
	int bad_pct = (i * 37) % 58;
	for (int g = 0; g < AP_GROUPS; g++) {
		int bad = size[g] * (bad_pct + g * 5) / 100;
		v->n[g][AP_POOR] = bad / 2;
		v->n[g][AP_AVG] = bad - bad / 2;
		v->n[g][AP_FAIR] = (size[g] - bad) / 3;
		v->n[g][AP_GOOD] = size[g] - bad - v->n[g][AP_FAIR];
	}
}

int demo_appraise(struct session *s, struct dj_err *e)
{
	char now[11];
	int year = atoi(today(now)) - 1;
	struct appraise_round r;
	appraise_round_defaults(s, &r);
	S(r.year, "%d", year);
	S(r.name, "%d年度党组织书记抓基层党建述职评议", year);
	S(r.org, "中共驿亭镇委员会");
	S(r.starts_on, "%d-12-01", year);
	S(r.ends_on, "%d-12-31", year);
	S(r.notes, "联述联评联考：述职评议结果与分类定级一并纳入年度考核。");
	int rc = appraise_round_save(s, &r, e);
	struct appraise_line *rows = NULL;
	int n = 0;
	if (rc || (rc = appraise_lines_load(s, r.id, &rows, &n, e)))
		return rc;
	for (int i = 0; i < n && rc == 0; i++) {
		struct appraise_line *l = &rows[i];
		votes_for(i, &l->v);
		if (*l->secretary) {   /* a branch without a secretary on record has not 述职ed */
			S(l->spoke_on, "%d-12-%02d", year, 5 + i % 20);
			S(l->summary, "%s", summaries[i % 3]);
		}
		rc = appraise_line_save(s, l, e);
	}
	free(rows);
	if (rc)
		return rc;
	S(r.status, "已结束");
	return appraise_round_save(s, &r, e);
}
