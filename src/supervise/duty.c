/* duty.c — the recurring duties and the liaison settings read from
 * dangjian.ini ([duty], [duty.NAME], [liaison]), with issue 13's defaults. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/itemlist.h"
#include "core/text.h"
#include "supervise/supervise.h"

static int split_list(const char *list, char out[][64], int cap)
{
	static const char *const seps[] = { "、", "，", ",", NULL };
	char item[64];
	int n = 0;
	while (n < cap && itemlist_next(&list, seps, item, sizeof item)) {
		utf8_trim(item);
		if (*item)
			snprintf(out[n++], 64, "%s", item);
	}
	return n;
}

static const char *setting(const struct session *s, const char *key, const char *def)
{
	return s && s->cfg ? config_str(s->cfg, key, def) : def;
}

static int period_kind(const char *word)
{
	if (strcmp(word, "quarter") == 0 || strcmp(word, "季度") == 0 || strcmp(word, "季") == 0)
		return SUP_QUARTER;
	if (strcmp(word, "year") == 0 || strcmp(word, "年度") == 0 || strcmp(word, "年") == 0)
		return SUP_YEAR;
	return SUP_MONTH;
}

static void read_duty(const struct session *s, const char *name, struct sup_duty *d)
{
	char key[96], kinds[SUP_MAX_KINDS][64];
	memset(d, 0, sizeof *d);
	snprintf(d->name, sizeof d->name, "%s", name);
	snprintf(key, sizeof key, "duty.%s:period", name);
	d->period = period_kind(setting(s, key, "month"));
	snprintf(key, sizeof key, "duty.%s:due_day", name);
	d->due_day = atoi(setting(s, key, "5"));
	if (d->due_day < 1 || d->due_day > 31)
		d->due_day = 5;
	snprintf(key, sizeof key, "duty.%s:kinds", name);
	d->nkinds = split_list(setting(s, key, "党支部"), kinds, SUP_MAX_KINDS);
	for (int i = 0; i < d->nkinds; i++)
		snprintf(d->kinds[i], sizeof d->kinds[i], "%s", kinds[i]);
}

int sup_duties(const struct session *s, struct sup_duty *out, int cap)
{
	char names[SUP_MAX_DUTIES][64];
	int n = split_list(setting(s, "duty:names", "月报"), names,
	                   cap < SUP_MAX_DUTIES ? cap : SUP_MAX_DUTIES);
	if (n == 0 && cap > 0) {
		read_duty(s, "月报", &out[0]);
		return 1;
	}
	for (int i = 0; i < n; i++)
		read_duty(s, names[i], &out[i]);
	return n;
}

int sup_duty_named(const struct session *s, const char *name, const char *key,
                   struct sup_duty *d, struct dj_err *e)
{
	struct sup_duty all[SUP_MAX_DUTIES];
	int n = sup_duties(s, all, SUP_MAX_DUTIES);
	for (int i = 0; i < n; i++)
		if (strcmp(all[i].name, name) == 0) {
			*d = all[i];
			return 0;
		}
	if (!name || !*name)
		return dj_fail(e, DJ_INVALID, key, "「事项」不能为空");
	return dj_fail(e, DJ_INVALID, key, "「事项」「%s」不在 dangjian.ini [duty] names 配置的列表中",
	               name);
}

const char *sup_period_word(int kind)
{
	return kind == SUP_QUARTER ? "季度" : kind == SUP_YEAR ? "年度" : "月";
}

int sup_no_visit_months(const struct session *s)
{
	int n = s && s->cfg ? config_int(s->cfg, "liaison:no_visit_months", 3) : 3;
	return n < 1 ? 1 : n > 60 ? 60 : n;
}

int sup_activities(const struct session *s, char out[][64], int cap)
{
	return split_list(setting(s, "liaison:activities", "参加组织生活,解决困难,调研指导,宣讲党课,其他"),
	                  out, cap);
}
