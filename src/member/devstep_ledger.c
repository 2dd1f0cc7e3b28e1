/* devstep_ledger.c — 发展程序: one line per step of the 细则 for a case, in
 * the 细则's order, with its date and state; the 考察 records each on a
 * line of their own under their step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memrows.h"
#include "member/devstep.h"

static const struct rs_column step_cols[] = {
	{ "序号", 4, 0, 1, 0 }, { "阶段", 8, 0, 0, 0 }, { "步骤", 24, 0, 0, 0, 26, 1 },
	{ "日期", 10, 0, 0, 0 }, { "状态", 6, 0, 0, 0 }, { "说明", 20, 1, 0, 0 },
};

struct steps_ctx {
	struct session *s;
	int64_t case_id;
};

static void add_survey_rows(struct memrows *m, const struct dev_step *rows, int n, int at)
{
	for (int i = 0, k = 0; i < n; i++) {
		if (strcmp(rows[i].step, "考察") != 0)
			continue;
		char key[16];
		snprintf(key, sizeof key, "%03d.%03d", at, ++k);
		struct rs_row *row = memrows_add(m, DEV_STEP_ROW_ID(rows[i].id), rows[i].note, key);
		if (!row)
			return;
		snprintf(row->cell[2], RS_CELL, "　第 %d 次考察", k);
		snprintf(row->cell[3], RS_CELL, "%s", rows[i].done_on);
		snprintf(row->cell[4], RS_CELL, "已完成");
		snprintf(row->cell[5], RS_CELL, "%.200s", rows[i].note);
	}
}

static int load_steps(void *ctx, struct memrows *m)
{
	struct steps_ctx *x = ctx;
	struct dev_case c;
	struct dev_step *rows = NULL;
	struct dj_err e;
	struct dev_rules r;
	if (dev_load(x->s, x->case_id, &c, &e)) {
		memrows_fail(m, e.msg);
		return -1;
	}
	int n = dev_step_list(x->s, x->case_id, &rows, &e);
	if (n < 0) {
		memrows_fail(m, e.msg);
		return -1;
	}
	dev_rules_load(x->s->cfg, &r);
	for (int i = 0; i < dev_nsteps; i++) {
		const struct dev_step_def *d = &dev_steps[i];
		char key[16], value[64], note[RS_CELL];
		snprintf(key, sizeof key, "%03d", i + 1);
		enum dev_step_state st = dev_step_state(&r, &c, d, rows, n, value, note, sizeof note);
		struct rs_row *row = memrows_add(m, i + 1, d->label, key);
		if (!row)
			break;
		row->flags = st == DSS_DUE || st == DSS_MISSING ? 1 : st == DSS_NA ? 2 : 0;
		snprintf(row->cell[0], RS_CELL, "%d", i + 1);
		snprintf(row->cell[1], RS_CELL, "%s", dev_phase_names[d->phase]);
		snprintf(row->cell[2], RS_CELL, "%s", d->label);
		snprintf(row->cell[3], RS_CELL, "%.60s", value);
		snprintf(row->cell[4], RS_CELL, "%s", dev_step_state_names[st]);
		/* a step of the 登记表 still to do says where it is filled */
		snprintf(row->cell[5], RS_CELL, "%s", !(d->has & DS_ROW) && (st == DSS_DUE || st == DSS_MISSING)
		         ? "（登记表中填写）" : note);
		if (d->has & DS_REPEAT)
			add_survey_rows(m, rows, n, i + 1);
	}
	free(rows);
	return 0;
}

struct row_source *dev_step_source(struct session *s, int64_t case_id)
{
	struct steps_ctx *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	x->s = s;
	x->case_id = case_id;
	return memrows_new(step_cols, 6, load_steps, x, free);
}
