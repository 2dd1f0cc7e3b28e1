/* cell_kinds.c — see cell_kinds.h. */
#include "core/cell_kinds.h"

#include <stdlib.h>
#include <string.h>

#include "core/validate.h"

static int has_any(const char *s, const char *const words[])
{
	for (int i = 0; words[i]; i++)
		if (strstr(s, words[i]))
			return 1;
	return 0;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* Words of the headers our exports and offices' rosters use. */
static const char *const code_words[] = {
	"身份证", "证件", "电话", "手机", "联系方式", "编号", "号码", "代码", "文号", "证号",
	"邮编", "邮政", "账号", "帐号", "学号", "工号", "卡号", "QQ", "微信", NULL,
};
static const char *const date_words[] = {
	"日期", "时间", "出生", "生日", "入党", "转正", "期限", "截止", "到期", "届满", NULL,
};
static const char *const money_words[] = {
	"金额", "党费", "经费", "预算", "元", "工资", "收入", "基数", "应交", "实交", "已交",
	"资金", "费用", "补助", "支出", "余额", NULL,
};

enum col_kind col_kind_of_header(const char *h)
{
	if (!h)
		return COL_PLAIN;
	/* not every header ending in 号 is a code: 序号, 排序号 and 记录号 are numbers */
	if (has_any(h, code_words))
		return COL_CODE;
	if (has_any(h, date_words) || ends_with(h, "日"))
		return COL_DATE;
	if (has_any(h, money_words))
		return COL_MONEY;
	return COL_PLAIN;
}

int cell_code_like(const char *v)
{
	size_t n = strlen(v), d = strspn(v, "0123456789");
	if (d == n)
		return n >= 2 && (n >= 11 || v[0] == '0');
	return n == 18 && d == 17 && (v[17] == 'X' || v[17] == 'x');
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)? with at most 15 significant digits (what a
 * double holds exactly).  Returns the digits after the point, or -1. */
static int plain_number(const char *v)
{
	const char *p = v + (*v == '-');
	size_t whole = strspn(p, "0123456789");
	if (whole == 0 || (whole > 1 && p[0] == '0'))
		return -1;
	size_t frac = 0;
	if (p[whole] == '.') {
		frac = strspn(p + whole + 1, "0123456789");
		if (frac == 0)
			return -1;
		if (p[whole + 1 + frac])
			return -1;
	} else if (p[whole]) {
		return -1;
	}
	return whole + frac <= 15 ? (int)frac : -1;
}

/* YYYY-MM-DD exactly, and a real day (valid_date's calendar). */
static int full_date(const char *v, int ymd[3])
{
	if (strlen(v) != 10 || v[4] != '-' || v[7] != '-' || strspn(v, "0123456789-") != 10)
		return 0;
	if (valid_date(v, NULL, NULL) != 0)
		return 0;
	ymd[0] = atoi(v);
	ymd[1] = atoi(v + 5);
	ymd[2] = atoi(v + 8);
	return 1;
}

enum cell_kind cell_kind_of(enum col_kind k, const char *v, int *decimals, int ymd[3])
{
	*decimals = 0;
	if (!v || !*v || k == COL_CODE || cell_code_like(v))
		return CELL_TEXT;
	if (k == COL_DATE) {   /* a month, a year or a word stays as written */
		int d[3];
		return full_date(v, ymd ? ymd : d) ? CELL_DATE : CELL_TEXT;
	}
	int frac = plain_number(v);
	if (frac < 0 || frac > 6)
		return CELL_TEXT;
	*decimals = frac;
	return k == COL_MONEY ? CELL_MONEY : CELL_NUMBER;
}
