/* rules.c — the arithmetic of 分类定级, apart from the database so
 * tests can pin every edge: scores, weighted totals, rounding, thresholds,
 * proportions, movement, category groups. */
#include <stdio.h>
#include <string.h>

#include "core/itemlist.h"
#include "core/text.h"
#include "grading/grading.h"

int grading_parse_score(const char *text, int max, int *tenths, char why[WHY_MAX])
{
	char s[32];
	snprintf(s, sizeof s, "%s", text ? text : "");
	utf8_trim(s);
	long whole = 0;
	int digits = 0, decimals = 0, tenth = 0, dot = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.' && !dot) {
			dot = 1;
		} else if (*p >= '0' && *p <= '9') {
			if (dot) {
				if (++decimals > 1) {
					if (why)
						snprintf(why, WHY_MAX, "最多一位小数：%s", s);
					return -1;
				}
				tenth = *p - '0';
			} else if (++digits > 4) {
				if (why)
					snprintf(why, WHY_MAX, "分数太大：%s", s);
				return -1;
			} else {
				whole = whole * 10 + (*p - '0');
			}
		} else {
			if (why)
				snprintf(why, WHY_MAX, "不是分数：%s（只能输入数字和小数点）", s);
			return -1;
		}
	}
	if (digits + decimals == 0) {
		if (why)
			snprintf(why, WHY_MAX, "不是分数：%s", s);
		return -1;
	}
	int v = (int)whole * 10 + tenth;
	if (v > max) {
		char m[16];
		grading_format_score(max, m, sizeof m);
		if (why)
			snprintf(why, WHY_MAX, "超过满分 %s 分：%s", m, s);
		return -1;
	}
	*tenths = v;
	return 0;
}

void grading_format_score(int tenths, char *out, size_t cap)
{
	if (tenths < 0)
		snprintf(out, cap, "%s", "");
	else if (tenths % 10 == 0)
		snprintf(out, cap, "%d", tenths / 10);
	else
		snprintf(out, cap, "%d.%d", tenths / 10, tenths % 10);
}

void grading_format_total(int tenths, char *out, size_t cap)
{
	if (tenths < 0)
		snprintf(out, cap, "%s", "");
	else
		snprintf(out, cap, "%d.%d", tenths / 10, tenths % 10);
}

int grading_row_total(const int *scores, int n)
{
	int sum = 0, any = 0;
	for (int i = 0; i < n; i++)
		if (scores[i] >= 0) {
			sum += scores[i];
			any = 1;
		}
	return any ? sum : GRADING_NONE;
}

int grading_weighted_total(const int *weights, const int *totals, int n)
{
	long long num = 0, den = 0;
	for (int i = 0; i < n; i++)
		if (totals[i] >= 0 && weights[i] > 0) {
			num += (long long)weights[i] * totals[i];
			den += weights[i];
		}
	if (den == 0)
		return GRADING_NONE;
	/* Half up on non-negative numbers: floor((2·num + den) / (2·den)). */
	return (int)((2 * num + den) / (2 * den));
}

int grading_grade_of(const int lines[3], int total)
{
	if (total < 0)
		return 0;
	for (int g = 0; g < 3; g++)
		if (total >= lines[g])
			return g + 1;
	return 4;
}

const char *grading_movement(int previous, int now)
{
	if (previous <= 0 || now <= 0)
		return "";
	return now < previous ? "晋位" : now > previous ? "降位" : "持平";
}

int grading_proportion(const struct grading_mix *m, const int guide[BANDS], int tolerance,
                       struct grading_band out[BANDS])
{
	int counts[BANDS] = { m->count[0] + m->count[1], m->count[2], m->count[3] };
	int off = 0;
	for (int b = 0; b < BANDS; b++) {
		out[b].count = counts[b];
		out[b].guide = guide[b];
		out[b].permille = m->n ? (2000 * counts[b] + m->n) / (2 * m->n) : 0;
		out[b].off = 0;
		if (m->n == 0)
			continue;
		/* Exact in integers: |100·count − guide·n| against tolerance·n. */
		long long diff = 100LL * counts[b] - (long long)guide[b] * m->n;
		if (diff > (long long)tolerance * m->n)
			out[b].off = 1;
		else if (-diff > (long long)tolerance * m->n)
			out[b].off = -1;
		off += out[b].off != 0;
	}
	return off;
}

/* 、，,/ and spaces separate items; 「陈 刚」 does not occur in these lists. */
int grading_split_list(const char *text, char items[][32], int max)
{
	static const char *const seps[] = { "、", "，", ",", "/", "；", " ", "　", "+", NULL };
	int n = 0;
	const char *p = text ? text : "";
	while (*p) {
		size_t skip, cut = itemlist_span(p, seps, &skip);
		if (cut > 0) {
			if (n < max) {
				char item[128];
				snprintf(item, sizeof item, "%.*s", (int)(cut < sizeof item ? cut : sizeof item - 1), p);
				utf8_trim(item);
				snprintf(items[n], 32, "%.*s", (int)utf8_prefix_fitting(item, 30), item);
			}
			n++;
		}
		p += cut + skip;
	}
	return n > max ? max + 1 : n;
}

static const char *const default_groups[] = {
	"农村:农村、社区",
	"国有金融机构:国有企业",
	"非公企业:非公企业、社会组织",
	"机关事业单位:机关、事业单位、学校教工、学校学生",
	NULL,
};

/* "名称:类别、类别" (also with a full-width colon) from group1..group8, or the
 * defaults when none is configured.  Returns the text of group i or NULL. */
static const char *group_spec(const struct config *c, int i, int configured)
{
	if (!configured)
		return i < (int)(sizeof default_groups / sizeof *default_groups) ? default_groups[i] : NULL;
	char key[32];
	snprintf(key, sizeof key, "grading:group%d", i + 1);
	const char *v = config_str(c, key, NULL);
	return v && *v ? v : NULL;
}

static int groups_configured(const struct config *c)
{
	for (int i = 0; i < GRADING_MAX_GROUPS; i++) {
		char key[32];
		snprintf(key, sizeof key, "grading:group%d", i + 1);
		const char *v = config_str(c, key, NULL);
		if (v && *v)
			return 1;
	}
	return 0;
}

/* Splits a spec at its colon: the group's name into name, the members' list
 * start returned. */
static const char *spec_parts(const char *spec, char name[32])
{
	const char *colon = strstr(spec, "：");
	size_t skip = 3;
	const char *ascii = strchr(spec, ':');
	if (ascii && (!colon || ascii < colon)) {
		colon = ascii;
		skip = 1;
	}
	if (!colon) {
		snprintf(name, 32, "%.30s", spec);
		return "";
	}
	char tmp[128];
	snprintf(tmp, sizeof tmp, "%.*s", (int)((size_t)(colon - spec) < sizeof tmp ? colon - spec : 0), spec);
	utf8_trim(tmp);
	snprintf(name, 32, "%.*s", (int)utf8_prefix_fitting(tmp, 30), tmp);
	return colon + skip;
}

void grading_category_group(const struct config *c, const char *category, char *out, size_t cap)
{
	int configured = c && groups_configured(c);
	const char *spec;
	for (int i = 0; i < GRADING_MAX_GROUPS && (spec = group_spec(c, i, configured)); i++) {
		char name[32], members[12][32];
		int n = grading_split_list(spec_parts(spec, name), members, 12);
		for (int k = 0; k < n && k < 12; k++)
			if (strcmp(members[k], category) == 0) {
				snprintf(out, cap, "%s", name);
				return;
			}
	}
	snprintf(out, cap, "%s", "其他");
}

int grading_category_groups(const struct config *c, char names[][32], int max)
{
	int configured = c && groups_configured(c), n = 0;
	const char *spec;
	for (int i = 0; i < GRADING_MAX_GROUPS && n < max - 1 && (spec = group_spec(c, i, configured)); i++)
		spec_parts(spec, names[n++]);
	if (n < max)
		snprintf(names[n++], 32, "%s", "其他");
	return n;
}
