/* dues.c — the dues brackets from dangjian.ini, the amount owed, the checks
 * on one month's line, and how far a member has paid. */
#include "orglife/dues.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/itemlist.h"
#include "core/text.h"
#include "core/validate.h"
#include "orglife/compliance.h"

const char *const dues_kinds[] = { "在职", "离退休", "学生", "困难", "农民", NULL };
const char *const dues_reliefs[] = { "", "减交", "免交", NULL };

#define DEFAULT_WORK "3000:0.5, 5000:1, 10000:1.5, *:2"
#define DEFAULT_RETIRED "5000:0.5, *:1"
#define DEFAULT_FIXED 20   /* 0.2 元 */

/* Brackets in dangjian.ini are separated by , ， or ;. */
static const char *const bracket_seps[] = { ",", "，", ";", "；", NULL };

static int parse_bracket(const char *item, struct dues_bracket *b, char *why, size_t cap)
{
	char limit[64], why2[WHY_MAX];
	const char *colon = strchr(item, ':');
	int64_t fen, rate;
	if (!colon) {
		snprintf(why, cap, "「%s」应写成 上限:比例，如 3000:0.5", item);
		return -1;
	}
	snprintf(limit, sizeof limit, "%.*s", (int)(colon - item), item);
	utf8_trim(limit);
	if (strcmp(limit, "*") == 0)
		b->upto = -1;
	else if (parse_money(limit, &fen, why2) == 0)
		b->upto = fen;
	else {
		snprintf(why, cap, "「%s」的上限%s", item, why2);
		return -1;
	}
	/* A percentage with two decimals is a whole number of 1/10000. */
	if (parse_money(colon + 1, &rate, why2) != 0 || rate > 10000) {
		snprintf(why, cap, "「%s」的比例应为 0～100 的百分数，如 1.5", item);
		return -1;
	}
	b->rate = (int)rate;
	return 0;
}

int dues_parse_brackets(const char *text, struct dues_bracket *b, int cap, int *n,
                        char *why, size_t whycap)
{
	char item[64];
	*n = 0;
	for (const char *p = text; itemlist_next(&p, bracket_seps, item, sizeof item);) {
		if (!*item)
			continue;
		if (*n == cap) {
			snprintf(why, whycap, "档次太多（最多 %d 档）", cap);
			return -1;
		}
		if (parse_bracket(item, &b[*n], why, whycap))
			return -1;
		if (*n > 0 && (b[*n - 1].upto < 0 || (b[*n].upto >= 0 && b[*n].upto <= b[*n - 1].upto))) {
			snprintf(why, whycap, "「%s」：上限应从小到大排列，* 放在最后", item);
			return -1;
		}
		(*n)++;
	}
	if (*n == 0 || b[*n - 1].upto >= 0) {
		snprintf(why, whycap, "最后一档应为 *（无上限），如 *:2");
		return -1;
	}
	return 0;
}

void dues_rules_default(struct dues_rules *r)
{
	char why[128];
	memset(r, 0, sizeof *r);
	dues_parse_brackets(DEFAULT_WORK, r->work, DUES_BRACKETS, &r->nwork, why, sizeof why);
	dues_parse_brackets(DEFAULT_RETIRED, r->retired, DUES_BRACKETS, &r->nretired, why,
	                    sizeof why);
	r->student = r->relief = r->farmer = DEFAULT_FIXED;
}

static int load_list(const struct config *c, const char *key, struct dues_bracket *b, int *n,
                     char *why, size_t cap)
{
	char full[64], reason[160];
	struct dues_bracket tmp[DUES_BRACKETS];
	int k;
	snprintf(full, sizeof full, "dues:%s", key);
	const char *text = config_str(c, full, NULL);
	if (!text)
		return 0;
	if (dues_parse_brackets(text, tmp, DUES_BRACKETS, &k, reason, sizeof reason)) {
		snprintf(why, cap, "dangjian.ini [dues] %s 有误：%s；已按默认档次计算", key, reason);
		return -1;
	}
	memcpy(b, tmp, sizeof tmp);
	*n = k;
	return 0;
}

static int load_fixed(const struct config *c, const char *key, int64_t *out, char *why,
                      size_t cap)
{
	char full[64], reason[WHY_MAX];
	int64_t fen;
	snprintf(full, sizeof full, "dues:%s", key);
	const char *text = config_str(c, full, NULL);
	if (!text)
		return 0;
	if (parse_money(text, &fen, reason)) {
		snprintf(why, cap, "dangjian.ini [dues] %s = %s 有误：%s；已按 0.2 元计算", key, text,
		         reason);
		return -1;
	}
	*out = fen;
	return 0;
}

int dues_rules_load(const struct config *c, struct dues_rules *r, char *why, size_t cap)
{
	int bad = 0;
	if (cap)
		why[0] = 0;
	dues_rules_default(r);
	bad |= load_list(c, "brackets", r->work, &r->nwork, why, cap) != 0;
	bad |= load_list(c, "retiree_brackets", r->retired, &r->nretired, why, bad ? 0 : cap) != 0;
	bad |= load_fixed(c, "student", &r->student, why, bad ? 0 : cap) != 0;
	bad |= load_fixed(c, "relief", &r->relief, why, bad ? 0 : cap) != 0;
	bad |= load_fixed(c, "farmer", &r->farmer, why, bad ? 0 : cap) != 0;
	return bad ? -1 : 0;
}

int dues_kind_has_base(const char *kind)
{
	return strcmp(kind, "在职") == 0 || strcmp(kind, "离退休") == 0;
}

static int bracket_rate(const struct dues_bracket *b, int n, int64_t base)
{
	for (int i = 0; i < n; i++)
		if (b[i].upto < 0 || base <= b[i].upto)
			return b[i].rate;
	return n ? b[n - 1].rate : 0;
}

int dues_compute(const struct dues_rules *r, const char *kind, int64_t base, int *rate,
                 int64_t *due)
{
	*rate = 0;
	if (strcmp(kind, "学生") == 0 || strcmp(kind, "困难") == 0 || strcmp(kind, "农民") == 0) {
		*due = strcmp(kind, "学生") == 0 ? r->student
		       : strcmp(kind, "困难") == 0 ? r->relief : r->farmer;
		return 0;
	}
	if (!dues_kind_has_base(kind) || base < 0)
		return -1;
	int retired = strcmp(kind, "离退休") == 0;
	*rate = retired ? bracket_rate(r->retired, r->nretired, base)
	                : bracket_rate(r->work, r->nwork, base);
	*due = (base * *rate + 5000) / 10000;   /* to the fen, halves up */
	return 0;
}

void dues_rate_text(int rate, char *out, size_t cap)
{
	if (rate % 100 == 0)
		snprintf(out, cap, "%d%%", rate / 100);
	else if (rate % 10 == 0)
		snprintf(out, cap, "%d.%d%%", rate / 100, rate % 100 / 10);
	else
		snprintf(out, cap, "%d.%02d%%", rate / 100, rate % 100);
}

void dues_line_recompute(const struct dues_rules *r, struct dues_line *l)
{
	int rate = 0;
	int64_t due = -1;
	if (dues_compute(r, l->kind, l->base, &rate, &due) != 0)
		due = -1;
	l->rate = rate;
	if (strcmp(l->relief, "免交") == 0)
		l->due = 0;
	else if (strcmp(l->relief, "减交") != 0)
		l->due = due;
	l->dirty = 1;
}

int dues_line_validate(const struct dues_line *l, struct dj_err *e)
{
	char why[WHY_MAX], now[11];
	if (valid_text(l->approval, 0, why))
		return dj_fail(e, DJ_INVALID, "approval", "%s：「批准情况」%s", l->name, why);
	if (valid_text(l->notes, 0, why))
		return dj_fail(e, DJ_INVALID, "notes", "%s：「备注」%s", l->name, why);
	if (dues_kind_has_base(l->kind) && l->base < 0 && strcmp(l->relief, "免交") != 0 &&
	    (l->due < 0 || l->paid > 0))
		return dj_fail(e, DJ_INVALID, "base", "%s：请先填写「计算基数」（月收入或离退休费，元）",
		               l->name);
	if (l->due < 0 && strcmp(l->relief, "减交") != 0)
		return dj_fail(e, DJ_INVALID, "kind", "%s：「类别」应为 在职、离退休、学生、困难 或 农民",
		               l->name);
	if (*l->relief && !*l->approval)
		return dj_fail(e, DJ_INVALID, "approval", "%s：%s须注明批准情况（何时经谁批准）", l->name,
		               l->relief);
	if (strcmp(l->relief, "减交") == 0 && l->due < 0)
		return dj_fail(e, DJ_INVALID, "due", "%s：减交须填写减交后的「应交」金额", l->name);
	if (l->paid > 0 && !*l->paid_on)
		return dj_fail(e, DJ_INVALID, "paid_on", "%s：已交党费须填写「交纳日期」", l->name);
	if (l->paid == 0 && *l->paid_on)
		return dj_fail(e, DJ_INVALID, "paid_on", "%s：未交党费，不应有「交纳日期」", l->name);
	if (*l->paid_on && valid_date(l->paid_on, NULL, why))
		return dj_fail(e, DJ_INVALID, "paid_on", "%s：「交纳日期」%s：%s", l->name, why, l->paid_on);
	if (*l->paid_on && strcmp(l->paid_on, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, "paid_on", "%s：「交纳日期」%s 在今天之后", l->name,
		               l->paid_on);
	return 0;
}

int dues_paid_up_to(struct session *s, int64_t member_id, char out[8])
{
	sqlite3_stmt *st;
	out[0] = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT month, paid >= due FROM dues WHERE member_id = ?"
	                       " ORDER BY month", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, member_id);
	int prev = -1, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int m = month_index((const char *)sqlite3_column_text(st, 0));
		/* A month with no record, or one paid short, ends the run. */
		if (m < 0 || (prev >= 0 && m != prev + 1) || !sqlite3_column_int(st, 1))
			break;
		month_text(m, out);
		prev = m;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}
