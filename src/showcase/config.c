/* config.c — the [showcase] settings with issue 14's defaults, and the
 * scores typed in tenths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/itemlist.h"
#include "core/text.h"
#include "core/validate.h"
#include "showcase/showcase.h"

static int config_list(const struct session *s, const char *key, const char *def,
                       char out[][64], int cap)
{
	static const char *const seps[] = { "、", "，", ",", NULL };
	const char *list = s && s->cfg ? config_str(s->cfg, key, def) : def;
	char item[64];
	int n = 0;
	while (n < cap && itemlist_next(&list, seps, item, sizeof item))
		if (*item)
			snprintf(out[n++], 64, "%s", item);
	return n;
}

int showcase_post_grades(const struct session *s, char out[][64], int cap)
{
	return config_list(s, "showcase:post_grades", "优秀,合格,不合格", out, cap);
}

int showcase_point_levels(const struct session *s, char out[][64], int cap)
{
	return config_list(s, "showcase:point_levels", "党总支示范点,党支部示范点", out, cap);
}

int showcase_point_results(const struct session *s, char out[][64], int cap)
{
	return config_list(s, "showcase:point_results", "优秀,合格,不合格", out, cap);
}

int showcase_dorm_min_members(const struct session *s)
{
	int n = s && s->cfg ? config_int(s->cfg, "showcase:dorm_min_members", 2) : 2;
	return n < 0 ? 0 : n > SHOWCASE_MAX_RESIDENTS ? SHOWCASE_MAX_RESIDENTS : n;
}

int showcase_dorm_items(const struct session *s, struct showcase_item *out, int cap)
{
	char list[SHOWCASE_MAX_ITEMS * 2][64];
	int n = config_list(s, "showcase:dorm_items", "卫生:30,纪律:30,学风:20,文化:20", list,
	                    SHOWCASE_MAX_ITEMS * 2);
	int k = 0;
	for (int i = 0; i < n && k < cap; i++) {
		char *colon = strrchr(list[i], ':');
		int max;
		if (!colon || colon == list[i])
			continue;
		*colon = 0;
		if (showcase_parse_tenths(colon + 1, 10000, &max, NULL) || max == 0)
			continue;
		snprintf(out[k].name, sizeof out[k].name, "%s", list[i]);
		utf8_trim(out[k].name);
		out[k++].max = max;
	}
	return k;
}

static int why_of(char why[WHY_MAX], const char *fmt, const char *shown)
{
	if (why)
		snprintf(why, WHY_MAX, fmt, shown);
	return -1;
}

int showcase_parse_tenths(const char *text, int max, int *tenths, char why[WHY_MAX])
{
	char s[32], shown[48];
	snprintf(s, sizeof s, "%s", text ? text : "");
	fold_fullwidth_digits(s);
	utf8_trim(s);
	text_shown(s, 12, shown, sizeof shown);
	int whole = 0, digits = 0, decimals = 0, tenth = 0, dot = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.' && !dot)
			dot = 1;
		else if (*p < '0' || *p > '9')
			return why_of(why, "不是分数：%s（只能输入数字和小数点）", shown);
		else if (dot && ++decimals > 1)
			return why_of(why, "分数最多一位小数：%s", shown);
		else if (dot)
			tenth = *p - '0';
		else if (++digits > 4)
			return why_of(why, "分数太大：%s", shown);
		else
			whole = whole * 10 + (*p - '0');
	}
	if (digits + decimals == 0)
		return why_of(why, "不是分数：%s", shown);
	int v = whole * 10 + tenth;
	if (v > max) {
		char m[16], fmt[WHY_MAX];
		showcase_format_tenths(max, m, sizeof m);
		snprintf(fmt, sizeof fmt, "%%s 超过满分 %s 分", m);
		return why_of(why, fmt, shown);
	}
	*tenths = v;
	return 0;
}

void showcase_format_tenths(int tenths, char *out, size_t cap)
{
	if (tenths < 0)
		snprintf(out, cap, "%s", "");
	else if (tenths % 10)
		snprintf(out, cap, "%d.%d", tenths / 10, tenths % 10);
	else
		snprintf(out, cap, "%d", tenths / 10);
}
