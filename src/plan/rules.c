/* rules.c — the plan's state rules, without a database: 逾期 computed from
 * the deadline and today, a split task rolled up from its lines. */
#include <string.h>

#include "core/validate.h"
#include "plan/plan.h"

const char *const plan_states[] = { "未开始", "进行中", "已完成", NULL };
const char *const plan_target_kinds[] = { "本级", "下属全部", "全部党支部", "类别", NULL };

int plan_is_late(const char *stored, const char *deadline, const char *today)
{
	if (!deadline || !*deadline || strcmp(stored, "已完成") == 0)
		return 0;
	return strcmp(today, deadline) > 0;
}

const char *plan_state_of(const char *stored, const char *deadline, const char *today)
{
	return plan_is_late(stored, deadline, today) ? PLAN_LATE : stored;
}

const char *plan_rollup(const char *const *line_states, int n)
{
	int done = 0, started = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(line_states[i], "已完成") == 0)
			done++;
		else if (strcmp(line_states[i], "进行中") == 0)
			started++;
	}
	return plan_rollup_counts(n, done, started);
}

const char *plan_rollup_counts(int n, int done, int going)
{
	if (n > 0 && done == n)
		return "已完成";
	return done || going ? "进行中" : "未开始";
}

int plan_check_state(const char *state, char done_on[11], const char *state_key,
                     const char *done_key, struct dj_err *e)
{
	int known = 0;
	for (int i = 0; plan_states[i]; i++)
		known |= strcmp(state, plan_states[i]) == 0;
	if (!known)
		return dj_fail(e, DJ_INVALID, state_key, "「状态」须为 未开始、进行中 或 已完成，不能是「%s」",
		               state);
	if (strcmp(state, "已完成") != 0) {
		if (*done_on)
			return dj_fail(e, DJ_INVALID, done_key, "「完成日期」只在状态为已完成时填写");
		return 0;
	}
	char norm[11], why[WHY_MAX], now[11];
	if (!*done_on)
		return dj_fail(e, DJ_INVALID, done_key, "「完成日期」不能为空：已完成的须填写完成日期");
	if (valid_date(done_on, norm, why))
		return dj_fail(e, DJ_INVALID, done_key, "「完成日期」%s：%s", why, done_on);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, done_key, "「完成日期」%s 在今天之后", norm);
	memcpy(done_on, norm, 11);
	return 0;
}
