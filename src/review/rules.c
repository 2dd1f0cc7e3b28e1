/* rules.c — the arithmetic and the eligibility rules of the review cycle,
 * apart from the database so tests can pin every edge: the 总评's mean and
 * its rounding, the pass line, money typed in yuan, and seed 001's
 * conditions for 标杆学院 and 样板支部. */
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "review/internal.h"

int review_mean(const int *totals, int n)
{
	if (n <= 0)
		return -1;
	long long sum = 0;
	for (int i = 0; i < n; i++)
		sum += totals[i];
	/* Half up on non-negative tenths: floor((2·sum + n) / (2·n)). */
	return (int)((2 * sum + n) / (2LL * n));
}

int review_accept_state(int total, int pass_line)
{
	return total >= pass_line ? RV_PASSED : RV_FAILED;
}

/* ---- money ---- */

/* The text with full-width digits, point and comma made ASCII, a trailing
 * 元 and a leading ￥/¥ dropped, and spaces trimmed. */
static void money_fold(const char *text, char *out, size_t cap)
{
	static const char *const from[] = { "．", "，", "￥", "¥", NULL };
	static const char *const to[] = { ".", ",", "", "" };
	size_t o = 0;
	const char *p = text ? text : "";
	while (*p && o + 1 < cap) {
		int hit = 0;
		for (int i = 0; from[i]; i++) {
			size_t l = strlen(from[i]);
			if (strncmp(p, from[i], l) == 0) {
				size_t t = strlen(to[i]);
				if (o + t < cap) {
					memcpy(out + o, to[i], t);
					o += t;
				}
				p += l;
				hit = 1;
				break;
			}
		}
		if (!hit)
			out[o++] = *p++;
	}
	out[o] = 0;
	fold_fullwidth_digits(out);
	utf8_trim(out);
	size_t n = strlen(out), yuan = strlen("元");
	if (n >= yuan && strcmp(out + n - yuan, "元") == 0)
		out[n - yuan] = 0;
	utf8_trim(out);
}

#define MONEY_MAX_YUAN 1000000000LL   /* 10 亿元: more is a typing slip */

static int money_why(char why[WHY_MAX], const char *fmt, const char *shown)
{
	if (why)
		snprintf(why, WHY_MAX, fmt, shown);
	return -1;
}

int review_parse_money(const char *text, int64_t *fen, char why[WHY_MAX])
{
	char s[64], shown[48];
	money_fold(text, s, sizeof s);
	text_shown(text ? text : "", 16, shown, sizeof shown);
	if (s[0] == '-')
		return money_why(why, "金额不能为负数：%s", shown);
	long long yuan = 0;
	int digits = 0, decimals = 0, cents = 0, dot = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.' && !dot) {
			dot = 1;
		} else if (*p == ',' && !dot && digits > 0) {
			continue;   /* 1,000.00: thousands separators before the point */
		} else if (*p >= '0' && *p <= '9') {
			if (!dot) {
				yuan = yuan * 10 + (*p - '0');
				if (++digits > 10 || yuan > MONEY_MAX_YUAN)
					return money_why(why, "金额太大（最多 10 亿元）：%s", shown);
			} else if (++decimals > 2) {
				return money_why(why, "金额最多两位小数：%s", shown);
			} else {
				cents = cents * 10 + (*p - '0');
			}
		} else {
			return money_why(why, "不是金额：%s（只能输入数字和小数点）", shown);
		}
	}
	if (digits + decimals == 0)
		return money_why(why, "不是金额：%s", shown);
	if (decimals == 1)
		cents *= 10;
	int64_t v = (int64_t)yuan * 100 + cents;
	if (v > MONEY_MAX_YUAN * 100)
		return money_why(why, "金额太大（最多 10 亿元）：%s", shown);
	*fen = v;
	return 0;
}

void review_format_money(int64_t fen, char *out, size_t cap)
{
	const char *sign = fen < 0 ? "-" : "";
	uint64_t a = fen < 0 ? (uint64_t)(-(fen + 1)) + 1 : (uint64_t)fen;
	snprintf(out, cap, "%s%llu.%02llu", sign, (unsigned long long)(a / 100),
	         (unsigned long long)(a % 100));
}

/* ---- eligibility (seed 001 二 and 三(二)) ---- */

static void add_line(char *why, size_t cap, int *fails, const char *fmt, const char *a,
                     const char *b, const char *c)
{
	size_t at = strlen(why);
	if (at && at + 1 < cap)
		why[at++] = '\n', why[at] = 0;
	if (at < cap)
		snprintf(why + at, cap - at, fmt, a, b, c);
	(*fails)++;
}

static int years_needed(const struct review_facts *f)
{
	return strcmp(f->category, "学校学生") == 0 ? 2 : 3;
}

static void check_founded(const struct review_facts *f, char *why, size_t cap, int *fails)
{
	int need = years_needed(f);
	char n[8], norm[11], full[11];
	snprintf(n, sizeof n, "%d", need);
	if (!*f->founded_on || valid_date(f->founded_on, norm, NULL)) {
		add_line(why, cap, fails, "成立日期未登记，无法确认成立满 %s 年%s%s", n, "", "");
		return;
	}
	date_add_months(norm, 12 * need, full);
	if (*f->on && strcmp(full, f->on) > 0) {
		char text[160];
		snprintf(text, sizeof text, "成立不满 %s 年（%s 成立，至 %s 不足 %s 年）", n, norm,
		         f->on, n);
		add_line(why, cap, fails, "%s%s%s", text, "", "");
	}
}

static void check_limit(const struct review_facts *f, char *why, size_t cap, int *fails)
{
	if (f->limit <= 0 || f->recommended < f->limit)
		return;
	char a[12], b[12];
	snprintf(a, sizeof a, "%d", f->recommended);
	snprintf(b, sizeof b, "%d", f->limit);
	add_line(why, cap, fails, "超过推荐名额（%s 已推荐 %s 个，最多推荐 %s 个）",
	         *f->parent ? f->parent : "上级党组织", a, b);
}

int review_check_eligible(const struct review_facts *f, char *why, size_t cap)
{
	int fails = 0;
	if (cap)
		why[0] = 0;
	int college = strcmp(f->app_kind, "标杆学院") == 0;
	if (!college && strcmp(f->app_kind, "样板支部") != 0) {
		snprintf(why, cap, "%s", "符合申报条件");
		return 0;
	}
	const char *need = college ? "党总支" : "党支部";
	if (strcmp(f->org_kind, need) != 0)
		add_line(why, cap, &fails, "%s应由%s申报（申报组织是%s）", f->app_kind, need,
		         *f->org_kind ? f->org_kind : "未登记类型");
	if (strcmp(f->status, "正常") != 0)
		add_line(why, cap, &fails, "申报组织已%s%s%s", *f->status ? f->status : "撤销", "", "");
	check_founded(f, why, cap, &fails);
	if (!f->has_declaration)
		add_line(why, cap, &fails, "未记录“未出现重大问题、事件”的声明（须写明声明人和日期）%s%s%s",
		         "", "", "");
	check_limit(f, why, cap, &fails);
	if (!fails && cap)
		snprintf(why, cap, "%s", "符合申报条件");
	return fails;
}

/* ---- scores in tenths ---- */

int review_parse_tenths(const char *text, int max, int *tenths, char why[WHY_MAX])
{
	char s[32], shown[48];
	snprintf(s, sizeof s, "%s", text ? text : "");
	fold_fullwidth_digits(s);
	utf8_trim(s);
	text_shown(s, 12, shown, sizeof shown);
	int whole = 0, digits = 0, decimals = 0, tenth = 0, dot = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.' && !dot) {
			dot = 1;
		} else if (*p < '0' || *p > '9') {
			return money_why(why, "不是分数：%s（只能输入数字和小数点）", shown);
		} else if (dot) {
			if (++decimals > 1)
				return money_why(why, "分数最多一位小数：%s", shown);
			tenth = *p - '0';
		} else {
			if (++digits > 4)
				return money_why(why, "分数太大：%s", shown);
			whole = whole * 10 + (*p - '0');
		}
	}
	if (digits + decimals == 0)
		return money_why(why, "不是分数：%s", shown);
	int v = whole * 10 + tenth;
	if (v > max) {
		char m[16], msg[WHY_MAX];
		review_format_tenths(max, m, sizeof m);
		snprintf(msg, sizeof msg, "超过 %s 分：%%s", m);
		return money_why(why, msg, shown);
	}
	*tenths = v;
	return 0;
}

void review_format_tenths(int tenths, char *out, size_t cap)
{
	if (tenths < 0)
		snprintf(out, cap, "%s", "");
	else if (tenths % 10 == 0)
		snprintf(out, cap, "%d", tenths / 10);
	else
		snprintf(out, cap, "%d.%d", tenths / 10, tenths % 10);
}
