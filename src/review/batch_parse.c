/* batch_parse.c — what a batch form typed, checked field by field with a
 * message naming the field, and turned into the numbers the rules use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/itemlist.h"
#include "core/text.h"
#include "org/org.h"
#include "review/batch_parse.h"

static int check_texts(const struct review_batch *b, struct dj_err *e)
{
	const struct text_field f[] = {
		{ "term", "学年/周期", b->term, 0 }, { "name", "批次名称", b->name, 0 },
		{ "org", "组织单位", b->org, 0 }, { "fund", "经费", b->fund, 0 },
		{ "fund2", "标杆学院经费", b->fund2, 0 }, { "match", "配套比例", b->match, 0 },
		{ "pass_line", "验收通过分数", b->pass_line, 0 },
		{ "excellent_line", "优秀成果分数", b->excellent_line, 0 },
		{ "excellent_max", "优秀成果名额", b->excellent_max, 0 },
		{ "per_org", "每个支部项目数", b->per_org, 0 },
		{ "quota_college", "标杆学院名额", b->quota_college, 0 },
		{ "quota_branch", "样板支部名额", b->quota_branch, 0 },
		{ "limit_zongzhi", "党总支推荐数", b->limit_zongzhi, 0 },
		{ "limit_jiguan", "机关党委推荐数", b->limit_jiguan, 0 },
		{ "years", "年限", b->years, 0 }, { "reviewers", "评审组", b->reviewers, 0 },
		{ "notes", "备注", b->notes, 1 },
	};
	if (valid_texts(f, sizeof f / sizeof *f, e))
		return DJ_INVALID;
	char why[WHY_MAX], key[24];
	for (int i = 0; i < REVIEW_MAX_CRIT; i++) {
		int name_bad = valid_text(b->crit_name[i], 0, why) != 0;
		if (name_bad || valid_text(b->crit_max[i], 0, why)) {
			snprintf(key, sizeof key, "%s%d", name_bad ? "crit_name" : "crit_max", i + 1);
			return dj_fail(e, DJ_INVALID, key, "第 %d 项评分标准%s", i + 1, why);
		}
	}
	return 0;
}

static void trim_all(struct review_batch *b)
{
	char *t[] = { b->term, b->name, b->org, b->fund, b->fund2, b->match, b->pass_line,
	              b->excellent_line, b->excellent_max, b->per_org, b->quota_college,
	              b->quota_branch, b->limit_zongzhi, b->limit_jiguan, b->years, b->reviewers,
	              b->notes };
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		utf8_trim(t[i]);
	for (int i = 0; i < REVIEW_MAX_CRIT; i++) {
		utf8_trim(b->crit_name[i]);
		utf8_trim(b->crit_max[i]);
	}
	for (int i = 0; i < REVIEW_MAX_STAGES; i++)
		utf8_trim(b->stage_due[i]);
}

/* A whole number typed in field `key`, min..max. */
static int parse_count(const char *text, const char *key, const char *label, long min, long max,
                       int *out, struct dj_err *e)
{
	long v;
	char t[16];
	snprintf(t, sizeof t, "%s", text);
	fold_fullwidth_digits(t);
	if (!*t)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label);
	if (parse_int(t, min, max, &v, NULL))
		return dj_fail(e, DJ_INVALID, key, "「%s」应为 %ld 至 %ld 的整数：%s", label, min, max, text);
	*out = (int)v;
	return 0;
}

/* 学年 "2026-2027" (one year) or a 创建 cycle of `years` years. */
static int parse_term(struct review_batch *b, struct review_rules *r, struct dj_err *e)
{
	int y1, y2;
	char tail;
	const char *what = r->kind == REVIEW_CREATE ? "创建周期" : "学年";
	int span = r->kind == REVIEW_CREATE ? r->years : 1;
	if (!*b->term)
		return dj_fail(e, DJ_INVALID, "term", "「%s」不能为空", what);
	if (strlen(b->term) != 9 || sscanf(b->term, "%4d-%4d%c", &y1, &y2, &tail) != 2 ||
	    y1 < 1990 || y1 > 2098)
		return dj_fail(e, DJ_INVALID, "term", "「%s」应写作 %d-%d 这样的起止年份：%s", what, 2026,
		               2026 + span, b->term);
	if (y2 - y1 != span)
		return dj_fail(e, DJ_INVALID, "term", "「%s」%s 应跨 %d 年（如 %d-%d）", what, b->term,
		               span, y1, y1 + span);
	snprintf(r->term, sizeof r->term, "%s", b->term);
	return 0;
}

static int parse_org(struct session *s, struct review_batch *b, struct review_rules *r,
                     struct dj_err *e)
{
	struct org o;
	if (!*b->org)
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」不能为空（按 F4 选择）");
	if (org_find_by_name(s, b->org, &r->org_id) || org_load(s, r->org_id, &o, NULL))
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」%s 不存在（按 F4 选择）", b->org);
	if (strcmp(o.status, "正常") != 0)
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」%s 已撤销", b->org);
	return 0;
}

static int parse_money_field(const char *text, const char *key, const char *label, int64_t *fen,
                             struct dj_err *e)
{
	char why[WHY_MAX];
	if (!*text)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空（元）", label);
	if (review_parse_money(text, fen, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s", label, why);
	return 0;
}

static int parse_line(const char *text, const char *key, const char *label, int *tenths,
                      struct dj_err *e)
{
	char why[WHY_MAX];
	if (!*text)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label);
	if (review_parse_tenths(text, 1000, tenths, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s", label, why);
	return 0;
}

static int parse_numbers(struct review_batch *b, struct review_rules *r, struct dj_err *e)
{
	if (parse_money_field(b->fund, "fund", r->kind == REVIEW_CREATE ? "样板支部每年经费"
	                      : "每个项目经费", &r->fund_fen, e) ||
	    parse_line(b->pass_line, "pass_line", "验收通过分数", &r->pass_line, e))
		return DJ_INVALID;
	if (r->kind == REVIEW_PROJECT) {
		r->match_pct = 100, r->limit_zongzhi = 1, r->limit_jiguan = 2;
		if (parse_line(b->excellent_line, "excellent_line", "优秀成果分数", &r->excellent_line, e) ||
		    parse_count(b->excellent_max, "excellent_max", "优秀成果名额", 0, 99,
		                &r->excellent_max, e) ||
		    parse_count(b->per_org, "per_org", "每个支部项目数", 1, 9, &r->per_org, e))
			return DJ_INVALID;
		return 0;
	}
	r->per_org = 1;
	if (parse_money_field(b->fund2, "fund2", "标杆学院每年经费", &r->fund2_fen, e) ||
	    parse_count(b->match, "match", "配套比例（%）", 0, 1000, &r->match_pct, e) ||
	    parse_count(b->quota_college, "quota_college", "标杆学院名额", 0, 99, &r->quota_college,
	                e) ||
	    parse_count(b->quota_branch, "quota_branch", "样板支部名额", 0, 99, &r->quota_branch, e) ||
	    parse_count(b->limit_zongzhi, "limit_zongzhi", "党总支推荐数", 0, 9, &r->limit_zongzhi,
	                e) ||
	    parse_count(b->limit_jiguan, "limit_jiguan", "机关党委推荐数", 0, 9, &r->limit_jiguan, e))
		return DJ_INVALID;
	if (r->quota_college + r->quota_branch == 0)
		return dj_fail(e, DJ_INVALID, "quota_branch", "标杆学院和样板支部的名额不能都为 0");
	return 0;
}

/* The calendar's stages are the flow's; only their dates are typed. */
static int parse_stages(struct review_batch *b, struct batch_parsed *p, struct dj_err *e)
{
	char dues[REVIEW_MAX_STAGES][11], why[WHY_MAX], key[16];
	p->nstage = review_default_stages(p->r.kind, 2000, 1, p->stage_name, dues, p->stage_reach);
	for (int i = 0; i < p->nstage; i++) {
		snprintf(key, sizeof key, "stage_due%d", i + 1);
		if (!*b->stage_due[i])
			return dj_fail(e, DJ_INVALID, key, "「%s」日期不能为空", p->stage_name[i]);
		if (valid_date(b->stage_due[i], p->stage_due[i], why))
			return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", p->stage_name[i], why,
			               b->stage_due[i]);
		snprintf(b->stage_due[i], sizeof b->stage_due[i], "%s", p->stage_due[i]);
		if (i && strcmp(p->stage_due[i], p->stage_due[i - 1]) < 0)
			return dj_fail(e, DJ_INVALID, key, "「%s」%s 早于上一阶段「%s」%s", p->stage_name[i],
			               p->stage_due[i], p->stage_name[i - 1], p->stage_due[i - 1]);
	}
	return 0;
}

static int parse_criteria(const struct review_batch *b, struct batch_parsed *p, struct dj_err *e)
{
	char key[16], why[WHY_MAX];
	p->ncrit = 0;
	for (int i = 0; i < REVIEW_MAX_CRIT; i++) {
		if (!*b->crit_name[i] && !*b->crit_max[i])
			continue;
		snprintf(key, sizeof key, "crit_name%d", i + 1);
		if (!*b->crit_name[i])
			return dj_fail(e, DJ_INVALID, key, "「评分标准 %d」有满分但没有名称", i + 1);
		if (utf8_cols(b->crit_name[i]) > 40)
			return dj_fail(e, DJ_INVALID, key, "「评分标准 %d」名称太长（最多 20 个汉字）", i + 1);
		for (int k = 0; k < p->ncrit; k++)
			if (strcmp(p->crit_name[k], b->crit_name[i]) == 0)
				return dj_fail(e, DJ_INVALID, key, "「评分标准 %d」与前面的标准重名：%s", i + 1,
				               b->crit_name[i]);
		snprintf(key, sizeof key, "crit_max%d", i + 1);
		int *m = &p->crit_max[p->ncrit];
		if (!*b->crit_max[i])
			return dj_fail(e, DJ_INVALID, key, "「%s」的满分不能为空", b->crit_name[i]);
		if (review_parse_tenths(b->crit_max[i], 1000, m, why) || *m == 0)
			return dj_fail(e, DJ_INVALID, key, "「%s」的满分应为大于 0、不超过 100 的分数：%s",
			               b->crit_name[i], b->crit_max[i]);
		snprintf(p->crit_name[p->ncrit++], sizeof p->crit_name[0], "%s", b->crit_name[i]);
	}
	if (p->ncrit == 0)
		return dj_fail(e, DJ_INVALID, "crit_name1", "至少要有一项评分标准");
	return 0;
}

static int parse_reviewers(const struct review_batch *b, struct batch_parsed *p, struct dj_err *e)
{
	static const char *const seps[] = { "、", "，", ",", NULL };
	char item[sizeof b->reviewers];
	const char *at = b->reviewers;
	p->nrev = 0;
	while (itemlist_next(&at, seps, item, sizeof item)) {
		if (!*item)
			continue;
		if (p->nrev == REVIEW_MAX_REVIEWERS)
			return dj_fail(e, DJ_INVALID, "reviewers", "「评审组」最多 %d 人", REVIEW_MAX_REVIEWERS);
		if (strlen(item) > 30)
			return dj_fail(e, DJ_INVALID, "reviewers", "「评审组」姓名太长（最多 10 个汉字）：%s",
			               item);
		for (int k = 0; k < p->nrev; k++)
			if (strcmp(p->rev[k], item) == 0)
				return dj_fail(e, DJ_INVALID, "reviewers", "「评审组」%s 重复", item);
		snprintf(p->rev[p->nrev++], sizeof p->rev[0], "%s", item);
	}
	if (p->nrev == 0)
		return dj_fail(e, DJ_INVALID, "reviewers",
		               "「评审组」至少一人，姓名用顿号分隔，如 张三、李四、王五");
	return 0;
}

int batch_parse(struct session *s, struct review_batch *b, struct batch_parsed *p,
                struct dj_err *e)
{
	if (check_texts(b, e))
		return DJ_INVALID;
	trim_all(b);
	memset(p, 0, sizeof *p);
	p->r.id = b->id;
	p->r.kind = b->kind;
	p->version = b->version;
	if (parse_count(b->years, "years", "年限", 1, 5, &p->r.years, e) || parse_term(b, &p->r, e))
		return DJ_INVALID;
	if (!*b->name)
		return dj_fail(e, DJ_INVALID, "name", "「批次名称」不能为空");
	if (utf8_cols(b->name) > 60)
		return dj_fail(e, DJ_INVALID, "name", "「批次名称」太长（最多 30 个汉字）");
	snprintf(p->name, sizeof p->name, "%s", b->name);
	snprintf(p->notes, sizeof p->notes, "%s", b->notes);
	snprintf(p->r.frozen_on, sizeof p->r.frozen_on, "%s", b->frozen_on);
	if (parse_org(s, b, &p->r, e) || parse_numbers(b, &p->r, e) || parse_stages(b, p, e) ||
	    parse_criteria(b, p, e) || parse_reviewers(b, p, e))
		return DJ_INVALID;
	return 0;
}

/* ---- the freeze and the audit ---- */

static void criteria_text(const struct batch_parsed *p, char *out, size_t cap)
{
	char m[16];
	out[0] = 0;
	for (int i = 0; i < p->ncrit; i++) {
		review_format_tenths(p->crit_max[i], m, sizeof m);
		snprintf(out + strlen(out), cap - strlen(out), "%s%s:%s", i ? "，" : "", p->crit_name[i], m);
	}
}

static void reviewers_text(const struct batch_parsed *p, char *out, size_t cap)
{
	out[0] = 0;
	for (int i = 0; i < p->nrev; i++)
		snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? "、" : "", p->rev[i]);
}

int batch_check_frozen(const struct batch_parsed *was, const struct batch_parsed *now,
                       const char *frozen_on, struct dj_err *e)
{
	const struct review_rules *a = &was->r, *b = &now->r;
	const struct { const char *key, *label; int differs; } f[] = {
		{ "term", "学年/周期", strcmp(a->term, b->term) != 0 },
		{ "org", "组织单位", a->org_id != b->org_id },
		{ "fund", "经费", a->fund_fen != b->fund_fen },
		{ "fund2", "标杆学院经费", a->fund2_fen != b->fund2_fen },
		{ "match", "配套比例", a->match_pct != b->match_pct },
		{ "pass_line", "验收通过分数", a->pass_line != b->pass_line },
		{ "excellent_line", "优秀成果分数", a->excellent_line != b->excellent_line },
		{ "excellent_max", "优秀成果名额", a->excellent_max != b->excellent_max },
		{ "per_org", "每个支部项目数", a->per_org != b->per_org },
		{ "quota_college", "标杆学院名额", a->quota_college != b->quota_college },
		{ "quota_branch", "样板支部名额", a->quota_branch != b->quota_branch },
		{ "limit_zongzhi", "党总支推荐数", a->limit_zongzhi != b->limit_zongzhi },
		{ "limit_jiguan", "机关党委推荐数", a->limit_jiguan != b->limit_jiguan },
		{ "years", "年限", a->years != b->years },
	};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		if (f[i].differs)
			return dj_fail(e, DJ_INVALID, f[i].key,
			               "批次已于 %s 开始评审，「%s」不能再修改（可改名称、备注和阶段日期）",
			               frozen_on, f[i].label);
	char x[768], y[768];
	criteria_text(was, x, sizeof x);
	criteria_text(now, y, sizeof y);
	if (strcmp(x, y) != 0)
		return dj_fail(e, DJ_INVALID, "crit_name1",
		               "批次已于 %s 开始评审，评分标准和满分不能再修改", frozen_on);
	reviewers_text(was, x, sizeof x);
	reviewers_text(now, y, sizeof y);
	if (strcmp(x, y) != 0)
		return dj_fail(e, DJ_INVALID, "reviewers", "批次已于 %s 开始评审，「评审组」不能再修改",
		               frozen_on);
	return 0;
}

const char *batch_json(const struct batch_parsed *p, const char *org, struct json *j)
{
	const struct review_rules *r = &p->r;
	char crit[768], rev[400], stages[400], v[32];
	criteria_text(p, crit, sizeof crit);
	reviewers_text(p, rev, sizeof rev);
	stages[0] = 0;
	for (int i = 0; i < p->nstage; i++)
		snprintf(stages + strlen(stages), sizeof stages - strlen(stages), "%s%s %s",
		         i ? "，" : "", p->stage_name[i], p->stage_due[i]);
	json_begin(j);
	json_str(j, "类别", review_kind_word(r->kind));
	json_str(j, r->kind == REVIEW_CREATE ? "创建周期" : "学年", r->term);
	json_str(j, "批次名称", p->name);
	json_str(j, "组织单位", org);
	review_format_money(r->fund_fen, v, sizeof v);
	json_str(j, r->kind == REVIEW_CREATE ? "样板支部每年经费" : "每个项目经费", v);
	if (r->kind == REVIEW_CREATE) {
		review_format_money(r->fund2_fen, v, sizeof v);
		json_str(j, "标杆学院每年经费", v);
		json_int(j, "配套比例", r->match_pct);
		json_int(j, "标杆学院名额", r->quota_college);
		json_int(j, "样板支部名额", r->quota_branch);
		json_int(j, "党总支推荐数", r->limit_zongzhi);
		json_int(j, "机关党委推荐数", r->limit_jiguan);
	} else {
		review_format_tenths(r->excellent_line, v, sizeof v);
		json_str(j, "优秀成果分数", v);
		json_int(j, "优秀成果名额", r->excellent_max);
		json_int(j, "每个支部项目数", r->per_org);
	}
	review_format_tenths(r->pass_line, v, sizeof v);
	json_str(j, "验收通过分数", v);
	json_int(j, "年限", r->years);
	json_str(j, "阶段日期", stages);
	json_str(j, "评分标准", crit);
	json_str(j, "评审组", rev);
	json_str(j, "备注", p->notes);
	return json_end(j);
}
