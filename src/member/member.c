/* member.c — a member's record: the rules it must meet and its saves. */
#include "member/member.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/roster_words.h"
#include "core/text.h"
#include "core/validate.h"
#include "member/devcase.h"
#include "member/stats.h"

const char *const member_genders[] = { "男", "女", NULL };
const char *const member_categories[] = { "正式党员", "预备党员", NULL };
const char *const member_educations[] = {
	"研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下", NULL,
};
const char *const member_ethnicities[] = {
	"汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
	"满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
	"佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族",
	"土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
	"阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
	"保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族",
	"基诺族", "其他", NULL,
};

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

/* ---- identity ---------------------------------------------------------- */

char member_id_check_char(const char *first17)
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int sum = 0;
	for (int i = 0; i < 17 && first17[i]; i++)
		sum += (first17[i] - '0') * weight[i];
	return check[sum % 11];
}

const char *member_id_why(const char *why)
{
	static const char prefix[] = "身份证号";
	return strncmp(why, prefix, sizeof prefix - 1) == 0 ? why + sizeof prefix - 1 : why;
}

int member_check_identity(const char *id_number, char birth_date[11], const char *gender,
                          struct dj_err *e)
{
	char why[WHY_MAX], born[11], norm[11];
	int male;
	if (!*id_number)
		return 0;
	if (valid_id_number(id_number, born, &male, why))
		return dj_fail(e, DJ_INVALID, "id_number", "「身份证号」%s：%s", member_id_why(why), id_number);
	if (!*birth_date)
		memcpy(birth_date, born, sizeof born);
	else if (valid_date(birth_date, norm, NULL) == 0 && strcmp(norm, born) != 0)
		return dj_fail(e, DJ_INVALID, "birth_date",
		               "「出生日期」%s 与身份证号中的出生日期 %s 不一致", norm, born);
	if (*gender && strcmp(gender, male ? "男" : "女") != 0)
		return dj_fail(e, DJ_INVALID, "gender",
		               "「性别」为%s，但身份证号第17位表示%s（奇数为男，偶数为女）", gender,
		               male ? "男" : "女");
	return 0;
}

enum member_id_fill member_id_fill(const char *id_number, const char *birth_date,
                                   const char *gender, char born[11], const char **sex)
{
	char norm[11];
	int male;
	if (valid_id_number(id_number, born, &male, NULL))
		return MEMBER_ID_INVALID;
	*sex = male ? "男" : "女";
	int birth_ok = *birth_date && valid_date(birth_date, norm, NULL) == 0 &&
	               strcmp(norm, born) == 0;
	int sex_ok = strcmp(gender, *sex) == 0;
	if (birth_ok && sex_ok)
		return MEMBER_ID_AGREES;
	if ((*birth_date && !birth_ok) || (*gender && !sex_ok))
		return MEMBER_ID_DIFFERS;
	return MEMBER_ID_FILL;
}

/* ---- checks ------------------------------------------------------------ */

/* A date that may be empty unless required, and never after today. */
static int check_date(const char *v, const char *field, const char *label, int required,
                      struct dj_err *e)
{
	char why[WHY_MAX], norm[11], now[11];
	if (!*v)
		return required ? dj_fail(e, DJ_INVALID, field, "「%s」不能为空", label) : 0;
	if (valid_date(v, norm, why))
		return dj_fail(e, DJ_INVALID, field, "「%s」%s：%s", label, why, v);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, field, "「%s」%s 在今天之后", label, norm);
	return 0;
}

static int setting(struct session *s, const char *key, int def)
{
	return s->cfg ? config_int(s->cfg, key, def) : def;
}

/* 1 when an authorised operator let this member's 转正 come early on the
 * development path ([develop] rules = warn), recorded in dev_override. */
static int probation_overridden(struct session *s, int64_t member_id)
{
	return member_id && db_int(s->db, "SELECT count(*) FROM dev_override o JOIN dev_case c"
	                           " ON c.id = o.case_id WHERE c.member_id = ? AND o.rule = 'probation'",
	                           member_id, 0) > 0;
}

static int check_extension(struct session *s, const struct member *m, long *months,
                           struct dj_err *e)
{
	char why[WHY_MAX];
	int lo = setting(s, "develop:extension_min", 6), hi = setting(s, "develop:extension_max", 12);
	*months = 0;
	if (!*m->extension || strcmp(m->extension, "0") == 0)
		return 0;
	if (parse_int(m->extension, lo, hi, months, why))
		return dj_fail(e, DJ_INVALID, "extension", "「延长预备期（月）」应为 %d 至 %d 个月：%s", lo,
		               hi, m->extension);
	return 0;
}

int member_probation_end(struct session *s, const char *joined_on, const char *extension,
                         char out[11])
{
	char joined[11], why[WHY_MAX];
	long ext = 0;
	if (valid_date(joined_on, joined, NULL) ||
	    (*extension && parse_int(extension, 0, 120, &ext, why)))
		return -1;
	date_add_months(joined, setting(s, "develop:probation_months", 12) + (int)ext, out);
	return 0;
}

int member_confirm_prefill(struct session *s, const struct member *m, char out[11])
{
	char now[11];
	if (strcmp(m->category, "正式党员") != 0 || *m->confirmed_on ||
	    member_probation_end(s, m->joined_on, m->extension, out))
		return 0;
	return strcmp(out, today(now)) <= 0;
}

/* 转正日期 is the day probation ends: 入党日期 plus the probation and any
 * extension.  A 正式党员 must be past it; a 预备党员 has no 转正日期 yet. */
static int check_probation(struct session *s, const struct member *m, struct dj_err *e)
{
	long ext;
	char joined[11], due[11], confirmed[11], now[11];
	if (check_extension(s, m, &ext, e))
		return DJ_INVALID;
	if (valid_date(m->joined_on, joined, NULL))
		return 0;
	member_probation_end(s, joined, m->extension, due);
	if (strcmp(m->category, "预备党员") == 0) {
		if (*m->confirmed_on)
			return dj_fail(e, DJ_INVALID, "confirmed_on",
			               "预备党员还没有「转正日期」；已转正的请把「人员类别」改为正式党员");
		return 0;
	}
	if (!*m->confirmed_on) {
		if (strcmp(due, today(now)) > 0)
			return dj_fail(e, DJ_INVALID, "category",
			               "入党日期 %s 起预备期至 %s 未满，「人员类别」应为预备党员", joined, due);
		return 0;
	}
	valid_date(m->confirmed_on, confirmed, NULL);
	if (strcmp(confirmed, due) == 0)
		return 0;
	if (probation_overridden(s, m->id) && strcmp(confirmed, joined) > 0)
		return 0;
	if (ext)
		return dj_fail(e, DJ_INVALID, "confirmed_on",
		               "「转正日期」应为预备期满之日 %s（入党满一年另加延长的 %ld 个月）", due, ext);
	return dj_fail(e, DJ_INVALID, "confirmed_on",
	               "「转正日期」应为预备期满之日 %s（入党满一年；延长预备期的另加）", due);
}

/* 1 when an authorised operator let this person's development go on
 * under age ([develop] rules = warn, recorded in dev_override): their case,
 * by the member it made or (while it makes it) by the 身份证号. */
static int age_overridden(struct session *s, const struct member *m)
{
	sqlite3_stmt *st = db_keep(s->db, "SELECT 1 FROM dev_override o JOIN dev_case c"
	                                  " ON c.id = o.case_id WHERE o.rule = 'age'"
	                                  " AND (c.member_id = ?1 OR (?2 <> '' AND c.id_number = ?2))");
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, m->id);
	sqlite3_bind_text(st, 2, m->id_number, -1, SQLITE_STATIC);
	int found = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return found;
}

int member_check_join_age(struct session *s, const struct member *m, struct dj_err *e)
{
	/* 发展党员's rule is "min_age (18) at the application" (devcase_rules.c).
	 * A member entered directly — the form, an import, a 转入 — has no
	 * application date, but nobody joins before applying, so someone under
	 * min_age on the 入党日期 was under it when they applied too: that much
	 * of the rule holds on every path that makes a member. */
	struct dev_rules r;
	dev_rules_load(s->cfg, &r);
	int age = member_age(m->birth_date, m->joined_on);
	if (age < 0 || age >= r.min_age || age_overridden(s, m))
		return 0;
	return dj_fail(e, DJ_INVALID, "joined_on",
	               "「入党日期」%s 时年龄 %d 岁，未满 %d 周岁（年满 %d 周岁才能申请入党，入党在申请之后）",
	               m->joined_on, age, r.min_age, r.min_age);
}

int64_t member_branch_id(struct session *s, const char *name)
{
	int64_t id = 0;
	sqlite3_stmt *st = db_keep(s->db, "SELECT id FROM org WHERE name = ? AND kind = '党支部'"
	                                  " AND status = '正常'");
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	db_done(st);
	return id;
}

int64_t member_branch_id_left(struct session *s, const char *name)
{
	int64_t id = member_branch_id(s, name);
	sqlite3_stmt *st;
	if (id || !(st = db_keep(s->db, "SELECT id FROM org WHERE name = ? AND kind = '党支部'"
	                                " ORDER BY id DESC LIMIT 1")))
		return id;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	db_done(st);
	return id;
}

int64_t member_group_id(struct session *s, int64_t branch_id, const char *name, char *full,
                        size_t cap)
{
	int64_t id = 0;
	sqlite3_stmt *st = db_keep(s->db, "SELECT g.id, g.name FROM org g JOIN org b ON b.id = g.parent_id"
	                                  " WHERE g.parent_id = ?1 AND g.kind = '党小组' AND g.status = '正常'"
	                                  " AND (g.name = ?2 OR g.short_name = ?2 OR g.name = b.name || ?2)"
	                                  " ORDER BY g.name <> ?2, g.id LIMIT 1");
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, branch_id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (full)
			db_col_text(st, 1, full, cap);
	}
	db_done(st);
	return id;
}

/* The 所在党小组, when given, is an active 党小组 of the member's branch:
 * 0 with its id in *group_id (0 for none).  The message says what the
 * named organization is instead. */
static int check_group(struct session *s, const struct member *m, int64_t branch_id,
                       int64_t *group_id, struct dj_err *e)
{
	*group_id = 0;
	if (!*m->group || (*group_id = member_group_id(s, branch_id, m->group, NULL, 0)) != 0)
		return 0;
	sqlite3_stmt *st;
	char kind[16] = "", status[8] = "", parent[128] = "";
	if (sqlite3_prepare_v2(s->db, "SELECT g.kind, g.status, coalesce(p.name, '') FROM org g"
	                       " LEFT JOIN org p ON p.id = g.parent_id WHERE g.name = ?", -1, &st,
	                       NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, m->group, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			db_col_text(st, 0, kind, sizeof kind);
			db_col_text(st, 1, status, sizeof status);
			db_col_text(st, 2, parent, sizeof parent);
		}
		sqlite3_finalize(st);
	}
	if (!*kind)
		return dj_fail(e, DJ_INVALID, "group", "「所在党小组」「%s」不是「%s」的党小组（按 F4 选择）",
		               m->group, m->org);
	if (strcmp(kind, "党小组") != 0)
		return dj_fail(e, DJ_INVALID, "group", "「所在党小组」「%s」是%s，不是党小组（按 F4 选择）",
		               m->group, kind);
	if (strcmp(status, "正常") != 0)
		return dj_fail(e, DJ_INVALID, "group", "「所在党小组」「%s」已撤销，请另选或清空", m->group);
	return dj_fail(e, DJ_INVALID, "group",
	               "「所在党小组」「%s」属于「%s」，不属于所在支部「%s」（按 F4 在本支部的党小组中选择）",
	               m->group, parent, m->org);
}

/* The 所在支部 names an active 党支部: 0 with its id in *org_id. */
static int check_branch(struct session *s, const struct member *m, int64_t *org_id,
                        struct dj_err *e)
{
	if (!*m->org)
		return dj_fail(e, DJ_INVALID, "org", "「所在支部」不能为空（按 F4 选择）");
	if ((*org_id = member_branch_id(s, m->org)) != 0)
		return 0;
	sqlite3_stmt *st;
	char kind[16] = "", status[8] = "";
	if (sqlite3_prepare_v2(s->db, "SELECT kind, status FROM org WHERE name = ?", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, m->org, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			db_col_text(st, 0, kind, sizeof kind);
			db_col_text(st, 1, status, sizeof status);
		}
		sqlite3_finalize(st);
	}
	if (!*kind)
		return dj_fail(e, DJ_INVALID, "org", "「所在支部」没有名为「%s」的党组织（按 F4 选择）", m->org);
	/* One who left before the branch was dissolved stays on its books: an
	 * import of such a member (a migration) names the 撤销 branch. */
	if (strcmp(status, "正常") != 0 && strcmp(kind, "党支部") == 0 && !m->id &&
	    strcmp(m->status, "正常") != 0 && (*org_id = member_branch_id_left(s, m->org)) != 0)
		return 0;
	if (strcmp(status, "正常") != 0)
		return dj_fail(e, DJ_INVALID, "org", "「所在支部」「%s」已撤销", m->org);
	return dj_fail(e, DJ_INVALID, "org", "「%s」是%s，党员应编入党支部（按 F4 选择）", m->org, kind);
}

/* The 身份证号 belongs to one member only; the message names the holder.
 * Only the check letter x/X varies in case: the spelling as saved (upper)
 * is looked up through the unique index, and a lower-case x too only when
 * the number has one.  (upper(id_number) = … read all 200,000 rows of a
 * county, 34 ms a save; IN (upper(?), lower(?)) built a temporary table of
 * the two values on every save — 15% of an import.) */
static int check_id_unique(struct session *s, const struct member *m, struct dj_err *e)
{
	if (!*m->id_number)
		return 0;
	sqlite3_stmt *st = db_keep(s->db, "SELECT m.name, o.name, m.status FROM member m JOIN org o"
	                           " ON o.id = m.org_id WHERE m.id_number = ?1 AND m.id <> ?2");
	if (!st)
		return db_fail(s->db, e, "检查身份证号");
	char spelling[2][sizeof m->id_number];
	for (size_t i = 0; i < sizeof spelling[0]; i++) {
		char c = m->id_number[i];
		spelling[0][i] = c == 'x' ? 'X' : c;
		spelling[1][i] = c == 'X' ? 'x' : c;
	}
	int rc = 0, n = strpbrk(m->id_number, "xX") ? 2 : 1;
	for (int k = 0; k < n && rc == 0; k++) {
		sqlite3_bind_text(st, 1, spelling[k], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, m->id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			char name[64], org[128], status[8];
			db_col_text(st, 0, name, sizeof name);
			db_col_text(st, 1, org, sizeof org);
			db_col_text(st, 2, status, sizeof status);
			rc = dj_fail(e, DJ_INVALID, "id_number", "该身份证号已登记为%s「%s」（%s），不能重复",
			             org, name, status);
		}
		sqlite3_reset(st);
	}
	db_done(st);
	return rc;
}

/* Why a 民族 or 学历 not on its list was not read as one: a roster's word
 * that could be several, or just not one. */
static int not_in_list(enum roster_kind kind, const char *const *list, const char *field,
                       const char *v, const char *usual, struct dj_err *e)
{
	char why[WHY_MAX];
	const char *label;
	if (roster_word(kind, v, list, &label, why) < 0)
		return dj_fail(e, DJ_INVALID, field, "「%s」%s", roster_kind_name(kind), why);
	return dj_fail(e, DJ_INVALID, field, usual, v);
}

static int check_lists(const struct member *m, struct dj_err *e)
{
	if (!*m->gender)
		return dj_fail(e, DJ_INVALID, "gender", "「性别」不能为空");
	if (!in_list(member_genders, m->gender))
		return dj_fail(e, DJ_INVALID, "gender", "「性别」应为 男 或 女：%s", m->gender);
	if (*m->ethnicity && !in_list(member_ethnicities, m->ethnicity))
		return not_in_list(ROSTER_ETHNICITY, member_ethnicities, "ethnicity", m->ethnicity,
		                   "「民族」不在民族表中：%s（按 F4 选择）", e);
	if (*m->education && !in_list(member_educations, m->education))
		return not_in_list(ROSTER_EDUCATION, member_educations, "education", m->education,
		                   "「学历」应为 研究生、大学本科、大学专科、中专、高中、初中 或 小学及以下：%s",
		                   e);
	if (!*m->category)
		return dj_fail(e, DJ_INVALID, "category", "「人员类别」不能为空（正式党员或预备党员）");
	if (!in_list(member_categories, m->category))
		return dj_fail(e, DJ_INVALID, "category", "「人员类别」应为 正式党员 或 预备党员：%s",
		               m->category);
	return 0;
}

static int check_dates(const struct member *m, struct dj_err *e)
{
	char born[11], joined[11], confirmed[11];
	if (check_date(m->birth_date, "birth_date", "出生日期", 1, e) ||
	    check_date(m->joined_on, "joined_on", "入党日期", 1, e) ||
	    check_date(m->confirmed_on, "confirmed_on", "转正日期", 0, e))
		return DJ_INVALID;
	valid_date(m->birth_date, born, NULL);
	valid_date(m->joined_on, joined, NULL);
	if (strcmp(joined, born) <= 0)
		return dj_fail(e, DJ_INVALID, "joined_on", "「入党日期」%s 不应早于出生日期 %s", joined, born);
	if (*m->confirmed_on && valid_date(m->confirmed_on, confirmed, NULL) == 0 &&
	    strcmp(confirmed, joined) <= 0)
		return dj_fail(e, DJ_INVALID, "confirmed_on", "「转正日期」%s 应晚于入党日期 %s",
		               confirmed, joined);
	return 0;
}

int member_check_texts(const struct member *m, struct dj_err *e)
{
	/* Every text a message may quote back, before anything quotes it. */
	const struct text_field f[] = {
		{ "name", "姓名", m->name, 0 }, { "id_number", "身份证号", m->id_number, 0 },
		{ "gender", "性别", m->gender, 0 }, { "ethnicity", "民族", m->ethnicity, 0 },
		{ "birth_date", "出生日期", m->birth_date, 0 }, { "education", "学历", m->education, 0 },
		{ "category", "人员类别", m->category, 0 }, { "phone", "联系电话", m->phone, 0 },
		{ "joined_on", "入党日期", m->joined_on, 0 },
		{ "confirmed_on", "转正日期", m->confirmed_on, 0 },
		{ "extension", "延长预备期（月）", m->extension, 0 }, { "org", "所在支部", m->org, 0 },
		{ "group", "所在党小组", m->group, 0 }, { "job", "工作岗位", m->job, 0 },
		{ "notes", "备注", m->notes, 1 }, { "status", "状态", m->status, 0 },
	};
	return valid_texts(f, sizeof f / sizeof *f, e);
}

/* member_validate, giving the branch's and the group's ids to a save (one
 * lookup each a row). */
static int validate(struct session *s, const struct member *m, int64_t *org_id,
                    int64_t *group_id, struct dj_err *e)
{
	char why[WHY_MAX], birth[11];
	if (member_check_texts(m, e))
		return DJ_INVALID;
	if (!*m->name)
		return dj_fail(e, DJ_INVALID, "name", "「姓名」不能为空");
	if (utf8_cols(m->name) > 40)
		return dj_fail(e, DJ_INVALID, "name", "「姓名」太长（最多 20 个汉字）");
	if (check_lists(m, e))
		return DJ_INVALID;
	snprintf(birth, sizeof birth, "%s", m->birth_date);
	if (member_check_identity(m->id_number, birth, m->gender, e))
		return DJ_INVALID;
	struct member filled = *m;
	memcpy(filled.birth_date, birth, sizeof birth);
	if (check_dates(&filled, e) || check_probation(s, &filled, e) ||
	    member_check_join_age(s, &filled, e))
		return DJ_INVALID;
	if (*m->phone && valid_mobile(m->phone, why))
		return dj_fail(e, DJ_INVALID, "phone", "「联系电话」%s：%s", why, m->phone);
	if (check_branch(s, m, org_id, e) || check_group(s, m, *org_id, group_id, e) ||
	    check_id_unique(s, m, e))
		return e ? e->code : DJ_INVALID;
	return 0;
}

int member_validate(struct session *s, const struct member *m, struct dj_err *e)
{
	int64_t org_id, group_id;
	return validate(s, m, &org_id, &group_id, e);
}

/* ---- load and save ------------------------------------------------------- */

int member_load(struct session *s, int64_t id, struct member *m, struct dj_err *e)
{
	static const char sql[] =
		"SELECT m.id, m.version, m.org_id, coalesce(m.group_id, 0), o.name, coalesce(g.name, ''),"
		" m.name, m.gender, m.ethnicity, m.birth_date,"
		" m.id_number, m.education, m.phone, m.category, m.joined_on, m.confirmed_on,"
		" CASE m.extension_months WHEN 0 THEN '' ELSE m.extension_months END, m.job, m.status,"
		" m.notes FROM member m JOIN org o ON o.id = m.org_id LEFT JOIN org g ON g.id = m.group_id"
		" WHERE m.id = ?";
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, sql, id, &st, "读取党员", "该党员记录已不存在", e);
	if (rc)
		return rc;
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	m->version = sqlite3_column_int64(st, 1);
	m->org_id = sqlite3_column_int64(st, 2);
	m->group_id = sqlite3_column_int64(st, 3);
	struct { char *p; size_t cap; } text[] = {
		{ m->org, sizeof m->org }, { m->group, sizeof m->group }, { m->name, sizeof m->name },
		{ m->gender, sizeof m->gender },
		{ m->ethnicity, sizeof m->ethnicity }, { m->birth_date, sizeof m->birth_date },
		{ m->id_number, sizeof m->id_number }, { m->education, sizeof m->education },
		{ m->phone, sizeof m->phone }, { m->category, sizeof m->category },
		{ m->joined_on, sizeof m->joined_on }, { m->confirmed_on, sizeof m->confirmed_on },
		{ m->extension, sizeof m->extension }, { m->job, sizeof m->job },
		{ m->status, sizeof m->status }, { m->notes, sizeof m->notes },
	};
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		db_col_text(st, (int)i + 4, text[i].p, text[i].cap);
	db_done(st);
	return 0;
}

static void normalise_date(char d[11])
{
	char norm[11];
	if (valid_date(d, norm, NULL) == 0)
		memcpy(d, norm, sizeof norm);
}

/* A roster's word (大专, 汉, 男性) as the dictionary's, in place. */
static void map_word(enum roster_kind kind, const char *const *list, char *v, size_t cap)
{
	const char *label;
	if (roster_word(kind, v, list, &label, NULL) == ROSTER_MAPPED)
		snprintf(v, cap, "%s", label);
}

/* Trims, maps the 身份证号's 全角 digits and spaces and upper-cases its x,
 * maps a roster's words for 性别, 民族 and 学历 onto the dictionary's, fills
 * 民族 and the birth date from the ID, and writes dates in the normal form. */
static void normalise(struct member *m)
{
	char *fields[] = { m->org, m->group, m->name, m->gender, m->ethnicity, m->birth_date, m->id_number,
	                   m->education, m->phone, m->category, m->joined_on, m->confirmed_on,
	                   m->extension, m->job };
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		utf8_trim(fields[i]);
	fold_id_number(m->id_number);   /* １２３…, spaces inside, as typed and pasted */
	map_word(ROSTER_GENDER, member_genders, m->gender, sizeof m->gender);
	map_word(ROSTER_ETHNICITY, member_ethnicities, m->ethnicity, sizeof m->ethnicity);
	map_word(ROSTER_EDUCATION, member_educations, m->education, sizeof m->education);
	if (!*m->ethnicity)
		snprintf(m->ethnicity, sizeof m->ethnicity, "汉族");
	if (!*m->birth_date && *m->id_number) {
		char born[11];
		if (valid_id_number(m->id_number, born, NULL, NULL) == 0)
			memcpy(m->birth_date, born, sizeof born);
	}
	normalise_date(m->birth_date);
	normalise_date(m->joined_on);
	normalise_date(m->confirmed_on);
	if (strcmp(m->extension, "0") == 0)
		m->extension[0] = 0;
}

const char *member_json(const struct member *m, struct json *j)
{
	json_begin(j);
	json_str(j, "所在支部", m->org);
	json_str(j, "所在党小组", m->group);
	json_str(j, "姓名", m->name);
	json_str(j, "性别", m->gender);
	json_str(j, "民族", m->ethnicity);
	json_str(j, "出生日期", m->birth_date);
	json_str(j, "身份证号", m->id_number);
	json_str(j, "学历", m->education);
	json_str(j, "联系电话", m->phone);
	json_str(j, "人员类别", m->category);
	json_str(j, "入党日期", m->joined_on);
	json_str(j, "转正日期", m->confirmed_on);
	json_str(j, "延长预备期", m->extension);
	json_str(j, "工作岗位", m->job);
	json_str(j, "状态", m->status);
	json_str(j, "备注", m->notes);
	return json_end(j);
}

static int write_row(struct session *s, struct member *m, const char *py, struct dj_err *e)
{
	static const char ins[] =
		"INSERT INTO member(org_id, name, name_py, gender, ethnicity, birth_date, id_number,"
		" education, phone, category, joined_on, confirmed_on, extension_months, job, notes,"
		" status, updated_at, updated_by, group_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,"
		"?12,?13,?14,?15,?16, strftime('%Y-%m-%d %H:%M:%S','now','localtime'), ?17, ?20)";
	static const char upd[] =
		"UPDATE member SET org_id=?1, name=?2, name_py=?3, gender=?4, ethnicity=?5,"
		" birth_date=?6, id_number=?7, education=?8, phone=?9, category=?10, joined_on=?11,"
		" confirmed_on=?12, extension_months=?13, job=?14, notes=?15, group_id=?20,"
		" updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime'), updated_by=?17,"
		" version = version + 1 WHERE id=?18 AND version=?19";
	sqlite3_stmt *st = db_keep(s->db, m->id ? upd : ins);
	if (!st)
		return db_fail(s->db, e, "保存党员");
	sqlite3_bind_int64(st, 1, m->org_id);
	const char *vals[] = { m->name, py, m->gender, m->ethnicity, m->birth_date, m->id_number,
	                       m->education, m->phone, m->category, m->joined_on, m->confirmed_on };
	for (int i = 0; i < 11; i++)
		db_bind_text(st, i + 2, vals[i], i > 1);
	sqlite3_bind_int(st, 13, *m->extension ? (int)strtol(m->extension, NULL, 10) : 0);
	db_bind_text(st, 14, m->job, 1);
	db_bind_text(st, 15, m->notes, 1);
	db_bind_text(st, 16, *m->status ? m->status : "正常", 0);
	db_bind_text(st, 17, s->login, 0);
	if (m->group_id)
		sqlite3_bind_int64(st, 20, m->group_id);
	else
		sqlite3_bind_null(st, 20);
	if (m->id) {
		sqlite3_bind_int64(st, 18, m->id);
		sqlite3_bind_int64(st, 19, m->version);
	}
	return db_step_save(s->db, st, &m->id, &m->version, "保存党员", e);
}

static int has_left(const char *status)
{
	return strcmp(status, "转出") == 0 || strcmp(status, "出党") == 0 ||
	       strcmp(status, "去世") == 0;
}

/* Every rule, the ids of the branch and the group, the group by its full
 * name, and the operator's scope over the move from old_org (0: new). */
static int check_and_resolve(struct session *s, struct member *m, int64_t old_org,
                             struct dj_err *e)
{
	if (validate(s, m, &m->org_id, &m->group_id, e))
		return e ? e->code : DJ_INVALID;
	char group[sizeof m->group];   /* stored and shown by its full name */
	if (m->group_id && member_group_id(s, m->org_id, m->group, group, sizeof group))
		memcpy(m->group, group, sizeof group);
	if (session_may_move(s, m->id != 0, old_org, m->org_id, e))
		return DJ_DENIED;
	return 0;
}

static int save_in_txn(struct session *s, struct member *m, const char *py, struct dj_err *e)
{
	struct member old;
	if (m->id && member_load(s, m->id, &old, e))
		return e ? e->code : DJ_DB;
	if (m->id && old.version != m->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (m->id && has_left(old.status))
		return dj_fail(e, DJ_INVALID, NULL, "「%s」已%s，记录只能查看，不能修改", old.name,
		               old.status);
	snprintf(m->status, sizeof m->status, "%s", m->id ? old.status : "正常");
	/* A member moved to another branch leaves the old branch's 党小组. */
	if (m->id && *m->group && strcmp(m->group, old.group) == 0 &&
	    member_branch_id(s, m->org) != old.org_id)
		m->group[0] = 0;
	int rc = check_and_resolve(s, m, m->id ? old.org_id : 0, e);
	if (rc)
		return rc;
	int is_new = m->id == 0;
	struct json before = JSON_INIT, after = JSON_INIT;
	if (!is_new)
		member_json(&old, &before);
	rc = write_row(s, m, py, e);
	if (rc == 0)
		rc = audit_saved(s, "member", m->id, is_new, before.buf, member_json(m, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int member_prepare_as(struct session *s, struct member *m, char py[MEMBER_PY_MAX],
                      const char *status, struct dj_err *e)
{
	normalise(m);
	pinyin_initials_person(m->name, py, MEMBER_PY_MAX);
	m->id = 0;
	snprintf(m->status, sizeof m->status, "%s", status);
	int rc = check_and_resolve(s, m, 0, e);
	snprintf(m->status, sizeof m->status, "正常");   /* stored so; the status follows */
	return rc;
}

int member_prepare(struct session *s, struct member *m, char py[MEMBER_PY_MAX], struct dj_err *e)
{
	return member_prepare_as(s, m, py, "正常", e);
}

int member_insert(struct session *s, struct member *m, const char *py, struct dj_err *e)
{
	if (write_row(s, m, py, e))
		return e ? e->code : DJ_DB;
	struct json after = JSON_INIT;
	int rc = audit_saved(s, "member", m->id, 1, "", member_json(m, &after), e);
	json_free(&after);
	return rc;
}

int member_save(struct session *s, struct member *m, int in_txn, struct dj_err *e)
{
	normalise(m);
	char py[64];
	pinyin_initials_person(m->name, py, sizeof py);   /* text.h: before the write lock */
	struct db_txn t;
	if (db_txn_begin(&t, s->db, in_txn, NULL, e))
		return DJ_DB;
	struct member keep = *m;
	int rc = db_txn_end(&t, save_in_txn(s, m, py, e), e);
	if (rc)
		*m = keep;   /* a failed save leaves the operator's record as it was */
	return rc;
}
