/* rules.c — [training] settings and 学时 as text (half-hours inside). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/itemlist.h"
#include "core/text.h"
#include "training/training.h"

static const char default_types[] = "党课";
static const char default_forms[] = "集中学习,党课,网络学习,专题培训,专题党日,其他";
static const char *const list_seps[] = { ",", "，", "、", NULL };

/* Distinct non-empty items of text into out; 0 when none. */
static int split(const char *text, char out[][24], int cap)
{
	char item[64];
	int n = 0;
	const char *p = text;
	while (n < cap && itemlist_next(&p, list_seps, item, sizeof item)) {
		int seen = !*item || strlen(item) >= 24;
		for (int i = 0; i < n && !seen; i++)
			seen = strcmp(out[i], item) == 0;
		if (!seen)
			snprintf(out[n++], 24, "%s", item);
	}
	return n;
}

void training_rules_from(const struct config *c, struct training_rules *r)
{
	int half2;
	char why[WHY_MAX];
	memset(r, 0, sizeof *r);
	int target = c ? config_int(c, "training:target_hours", 32) : 32;
	r->target2 = target >= 1 && target <= 200 ? target * 2 : 64;
	const char *mh = c ? config_str(c, "training:meeting_hours", "2") : "2";
	r->meeting2 = strcmp(mh, "0") == 0 ? 0
	              : training_parse_hours(mh, &half2, why) == 0 && half2 <= 48 ? half2 : 4;
	const char *types = c ? config_str(c, "training:meeting_types", default_types) : default_types;
	r->ntypes = split(types, r->types, TRAINING_MAX_TYPES);
	if (r->ntypes == 0 && strcmp(types, "") != 0)
		r->ntypes = split(default_types, r->types, TRAINING_MAX_TYPES);
	const char *forms = c ? config_str(c, "training:forms", default_forms) : default_forms;
	r->nforms = split(forms, r->forms, TRAINING_MAX_FORMS);
	if (r->nforms == 0)
		r->nforms = split(default_forms, r->forms, TRAINING_MAX_FORMS);
	for (int i = 0; i < r->nforms; i++)
		r->form_list[i] = r->forms[i];
	r->form_list[r->nforms] = NULL;
}

int training_parse_hours(const char *text, int *half2, char why[WHY_MAX])
{
	char s[32];
	snprintf(s, sizeof s, "%s", text ? text : "");
	fold_fullwidth_digits(s);
	char *dot = strstr(s, "．");   /* a full-width point typed with the digits */
	if (dot)
		memmove(dot + 1, dot + strlen("．"), strlen(dot + strlen("．")) + 1), *dot = '.';
	utf8_trim(s);
	const char *p = s;
	long whole = 0;
	int digits = 0, half = 0;
	while (*p >= '0' && *p <= '9' && digits < 4)
		whole = whole * 10 + (*p++ - '0'), digits++;
	if (*p == '.') {
		p++;
		if (*p == '5')
			half = 1, p++;
		else if (*p == '0')
			p++;
		else if (*p >= '0' && *p <= '9')
			digits = -1;
		while (digits >= 0 && *p == '0')
			p++;
	}
	if (digits == 0 || *p) {
		snprintf(why, WHY_MAX, digits < 0 ? "应为 0.5 的整数倍（如 1.5）" : "应为数字（如 2 或 1.5）");
		return -1;
	}
	int h2 = (int)whole * 2 + half;
	if (h2 <= 0 || h2 > 400) {
		snprintf(why, WHY_MAX, "应大于 0 且不超过 200");
		return -1;
	}
	*half2 = h2;
	return 0;
}

void training_format_hours(int half2, char *out, size_t cap)
{
	int neg = half2 < 0, a = neg ? -half2 : half2;
	snprintf(out, cap, a % 2 ? "%s%d.5" : "%s%d", neg ? "-" : "", a / 2);
}
