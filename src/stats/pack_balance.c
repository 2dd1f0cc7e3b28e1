/* pack_balance.c — the reconciliation a pack must pass both when it is made
 * and when the level above reads it: a township whose own figures do not
 * add up would make the county's total wrong where nobody can see it. */
#include "stats/pack_priv.h"

#include <string.h>

static long figure(const struct stats_table *t, const char *row)
{
	for (int r = 0; r < t->nrows; r++)
		for (int c = 0; strcmp(t->row_key[r], row) == 0 && c < t->ncols; c++)
			if (strcmp(t->col_key[c], "total") == 0)
				return t->cell[r][c];
	return 0;
}

int pack_change_check(const struct stats_table *change, const char *unit, struct dj_err *e)
{
	if (!change)
		return dj_fail(e, DJ_INVALID, NULL, "%s的汇总包缺少「党员增减」表", unit);
	if (stats_change_balances(change))
		return 0;
	return dj_fail(e, DJ_INVALID, NULL,
	               "%s的党员增减不平衡：上年末 %ld + 增加 %ld − 减少 %ld ≠ 本年末 %ld",
	               unit, figure(change, "start"), figure(change, "added"), figure(change, "removed"),
	               figure(change, "end"));
}
