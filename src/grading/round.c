/* round.c — a grading round's settings: defaults from dangjian.ini,
 * the checks, the freeze once scoring starts, and the organizations graded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "grading/internal.h"
#include "org/org.h"

/* ---- defaults and text forms ---- */

static void join_words(char words[][32], int n, char *out, size_t cap)
{
	out[0] = 0;
	for (int i = 0; i < n; i++)
		snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? "、" : "", words[i]);
}

/* "名称:分值" pairs from an ini list into name/value columns. */
static void pairs_from_ini(const char *list, char names[][32], char values[][8], int max)
{
	char items[GRADING_MAX_IND + 1][32];
	int n = grading_split_list(list, items, max);
	for (int i = 0; i < n && i < max; i++) {
		char *colon = strchr(items[i], ':');
		if (colon) {
			*colon = 0;
			snprintf(values[i], 8, "%.7s", colon + 1);
		}
		snprintf(names[i], 32, "%s", items[i]);
	}
}

static int work_year(const struct session *s)
{
	char now[11];
	return s->cfg->year ? s->cfg->year : atoi(today(now));
}

/* The top 党委 the operator may write for: their scope, else the only
 * top-level organization. */
static void default_org(struct session *s, char *out, size_t cap)
{
	sqlite3_stmt *st;
	out[0] = 0;
	if (sqlite3_prepare_v2(s->db,
	        s->scope_org ? "SELECT name FROM org WHERE id = ?1"
	                     : "SELECT name FROM org WHERE parent_id IS NULL AND status = '正常'"
	                       " ORDER BY id LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return;
	if (s->scope_org)
		sqlite3_bind_int64(st, 1, s->scope_org);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, out, cap);
	sqlite3_finalize(st);
}

/* What a new round under g->org would grade and compare with. */
static void describe_new_round(struct session *s, struct grading_settings *g)
{
	int64_t org_id;
	sqlite3_stmt *st;
	if (!*g->org || org_find_by_name(s, g->org, &org_id))
		return;
	snprintf(g->orgs, sizeof g->orgs, "%d 个",
	         (int)db_int(s->db, "SELECT count(*) FROM org WHERE parent_id = ? AND status = '正常'"
	                            " AND kind IN ('党总支','党支部')", org_id, 0));
	if (sqlite3_prepare_v2(s->db, "SELECT name FROM grading_round WHERE org_id = ? AND status ="
	                       " '已确认' ORDER BY year DESC, id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, org_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, g->previous, sizeof g->previous);
	sqlite3_finalize(st);
}

void grading_settings_defaults(struct session *s, struct grading_settings *g)
{
	const struct config *c = s->cfg;
	memset(g, 0, sizeof *g);
	int year = work_year(s);
	snprintf(g->year, sizeof g->year, "%d", year);
	snprintf(g->name, sizeof g->name, "%d年度基层党组织分类定级", year);
	default_org(s, g->org, sizeof g->org);
	char words[GRADING_GRADES + 1][32];
	int n = grading_split_list(config_str(c, "grading:grades", "先进,较好,一般,后进"), words,
	                           GRADING_GRADES);
	join_words(words, n > GRADING_GRADES ? GRADING_GRADES : n, g->grades, sizeof g->grades);
	n = grading_split_list(config_str(c, "grading:thresholds", "90,75,60"), words, 3);
	join_words(words, n > 3 ? 3 : n, g->lines, sizeof g->lines);
	n = grading_split_list(config_str(c, "grading:guide", "30,60,10"), words, 3);
	join_words(words, n > 3 ? 3 : n, g->guide, sizeof g->guide);
	snprintf(g->tolerance, sizeof g->tolerance, "%d", config_int(c, "grading:tolerance", 10));
	pairs_from_ini(config_str(c, "grading:indicators",
	                          "党组织带头人:20,工作思路:10,工作制度:15,活动阵地:15,"
	                          "保障机制:10,工作业绩:20,群众评价:10"),
	               g->ind_name, g->ind_max, GRADING_MAX_IND);
	pairs_from_ini(config_str(c, "grading:sources", "群众初评:15,党员评议:15,支部自评:30,组织考评:40"),
	               g->src_name, g->src_weight, GRADING_MAX_SRC);
	snprintf(g->status, sizeof g->status, "设置中");
	describe_new_round(s, g);
}

/* The canonical text of a parsed round, so a frozen setting compares equal
 * however it was typed (90 / 90.0, 、 or ，). */
static void settings_from_round(const struct grading_round *r, struct grading_settings *g)
{
	char a[16], b[16], c[16];
	snprintf(g->year, sizeof g->year, "%d", r->year);
	snprintf(g->name, sizeof g->name, "%s", r->name);
	snprintf(g->org, sizeof g->org, "%s", r->org);
	snprintf(g->grades, sizeof g->grades, "%s、%s、%s、%s", r->grade[0], r->grade[1], r->grade[2],
	         r->grade[3]);
	grading_format_score(r->line[0], a, sizeof a);
	grading_format_score(r->line[1], b, sizeof b);
	grading_format_score(r->line[2], c, sizeof c);
	snprintf(g->lines, sizeof g->lines, "%s、%s、%s", a, b, c);
	snprintf(g->guide, sizeof g->guide, "%d、%d、%d", r->guide[0], r->guide[1], r->guide[2]);
	snprintf(g->tolerance, sizeof g->tolerance, "%d", r->tolerance);
	snprintf(g->rectify_due, sizeof g->rectify_due, "%s", r->rectify_due);
	for (int i = 0; i < GRADING_MAX_IND; i++) {
		g->ind_name[i][0] = g->ind_max[i][0] = 0;
		if (i < r->nind) {
			snprintf(g->ind_name[i], sizeof g->ind_name[i], "%s", r->ind[i].name);
			grading_format_score(r->ind[i].max, g->ind_max[i], sizeof g->ind_max[i]);
		}
	}
	for (int i = 0; i < GRADING_MAX_SRC; i++) {
		g->src_name[i][0] = g->src_weight[i][0] = 0;
		if (i < r->nsrc) {
			snprintf(g->src_name[i], sizeof g->src_name[i], "%s", r->src[i].name);
			snprintf(g->src_weight[i], sizeof g->src_weight[i], "%d", r->src[i].weight);
		}
	}
	snprintf(g->status, sizeof g->status, "%s", r->status);
	snprintf(g->published_on, sizeof g->published_on, "%s", r->published_on);
	snprintf(g->previous, sizeof g->previous, "%s", r->previous);
}

/* ---- parsing and checking what was typed ---- */

static int parse_year(const struct grading_settings *g, struct grading_round *r, struct dj_err *e)
{
	long y;
	char why[WHY_MAX];
	if (!*g->year)
		return dj_fail(e, DJ_INVALID, "year", "「年度」不能为空");
	if (parse_int(g->year, 1990, 2099, &y, why))
		return dj_fail(e, DJ_INVALID, "year", "「年度」应为 1990 至 2099 的年份：%s", g->year);
	r->year = (int)y;
	return 0;
}

static int parse_org(struct session *s, const struct grading_settings *g, struct grading_round *r,
                     struct dj_err *e)
{
	if (!*g->org)
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」不能为空（按 F4 选择）");
	struct org o;
	if (org_find_by_name(s, g->org, &r->org_id) || org_load(s, r->org_id, &o, NULL))
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」%s 不存在（按 F4 选择）", g->org);
	if (strcmp(o.status, "正常") != 0)
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」%s 已撤销", g->org);
	if (db_int(s->db, "SELECT count(*) FROM org WHERE parent_id = ? AND status = '正常'"
	                  " AND kind IN ('党总支','党支部')", r->org_id, 0) == 0)
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」%s 下没有党总支或党支部可以定级", g->org);
	snprintf(r->org, sizeof r->org, "%s", g->org);
	return 0;
}

static int parse_grades(const struct grading_settings *g, struct grading_round *r, struct dj_err *e)
{
	char w[GRADING_GRADES + 1][32];
	int n = grading_split_list(g->grades, w, GRADING_GRADES);
	if (n != GRADING_GRADES)
		return dj_fail(e, DJ_INVALID, "grades",
		               "「等次名称」应为四个，由好到差，用顿号分隔，如 先进、较好、一般、后进");
	for (int i = 0; i < GRADING_GRADES; i++) {
		if (utf8_cols(w[i]) > 8)
			return dj_fail(e, DJ_INVALID, "grades", "「等次名称」每个最多 4 个汉字：%s", w[i]);
		for (int k = 0; k < i; k++)
			if (strcmp(w[i], w[k]) == 0)
				return dj_fail(e, DJ_INVALID, "grades", "「等次名称」重复：%s", w[i]);
		snprintf(r->grade[i], sizeof r->grade[i], "%s", w[i]);
	}
	return 0;
}

static int parse_lines(const struct grading_settings *g, struct grading_round *r, struct dj_err *e)
{
	char w[4][32], why[WHY_MAX];
	if (grading_split_list(g->lines, w, 3) != 3)
		return dj_fail(e, DJ_INVALID, "lines", "「分数线」应为三个分数，由高到低，如 90、75、60");
	for (int i = 0; i < 3; i++) {
		if (grading_parse_score(w[i], 1000, &r->line[i], why))
			return dj_fail(e, DJ_INVALID, "lines", "「分数线」%s", why);
		if (i && r->line[i] >= r->line[i - 1])
			return dj_fail(e, DJ_INVALID, "lines", "「分数线」应由高到低：%s", g->lines);
	}
	return 0;
}

static int parse_guide(const struct grading_settings *g, struct grading_round *r, struct dj_err *e)
{
	char w[4][32];
	long v;
	int sum = 0;
	if (grading_split_list(g->guide, w, 3) != 3)
		return dj_fail(e, DJ_INVALID, "guide",
		               "「比例指导」应为三个百分数：好+较好、一般、较差，如 30、60、10");
	for (int i = 0; i < 3; i++) {
		if (parse_int(w[i], 0, 100, &v, NULL))
			return dj_fail(e, DJ_INVALID, "guide", "「比例指导」应为 0 至 100 的整数：%s", w[i]);
		r->guide[i] = (int)v;
		sum += (int)v;
	}
	if (sum != 100)
		return dj_fail(e, DJ_INVALID, "guide", "「比例指导」三项合计应为 100%%，现为 %d%%", sum);
	if (!*g->tolerance || parse_int(g->tolerance, 0, 50, &v, NULL))
		return dj_fail(e, DJ_INVALID, "tolerance", "「允许偏差」应为 0 至 50 个百分点：%s",
		               g->tolerance);
	r->tolerance = (int)v;
	return 0;
}

static int parse_indicators(const struct grading_settings *g, struct grading_round *r,
                            struct dj_err *e)
{
	char key[16], why[WHY_MAX];
	int sum = 0;
	r->nind = 0;
	for (int i = 0; i < GRADING_MAX_IND; i++) {
		if (!*g->ind_name[i] && !*g->ind_max[i])
			continue;
		snprintf(key, sizeof key, "ind_name%d", i + 1);
		if (!*g->ind_name[i])
			return dj_fail(e, DJ_INVALID, key, "「指标 %d」有满分但没有名称", i + 1);
		for (int k = 0; k < r->nind; k++)
			if (strcmp(r->ind[k].name, g->ind_name[i]) == 0)
				return dj_fail(e, DJ_INVALID, key, "「指标 %d」与前面的指标重名：%s", i + 1,
				               g->ind_name[i]);
		snprintf(key, sizeof key, "ind_max%d", i + 1);
		struct grading_indicator *d = &r->ind[r->nind];
		if (!*g->ind_max[i])
			return dj_fail(e, DJ_INVALID, key, "「%s」的满分不能为空", g->ind_name[i]);
		if (grading_parse_score(g->ind_max[i], 1000, &d->max, why) || d->max == 0)
			return dj_fail(e, DJ_INVALID, key, "「%s」的满分应为大于 0 的分数：%s", g->ind_name[i],
			               g->ind_max[i]);
		snprintf(d->name, sizeof d->name, "%s", g->ind_name[i]);
		d->id = 0;
		sum += d->max;
		r->nind++;
	}
	if (r->nind == 0)
		return dj_fail(e, DJ_INVALID, "ind_name1", "至少要有一项评分指标");
	if (sum != 1000) {
		char t[16];
		grading_format_score(sum, t, sizeof t);
		return dj_fail(e, DJ_INVALID, "ind_max1", "各指标满分合计应为 100 分，现为 %s 分", t);
	}
	return 0;
}

static int parse_sources(const struct grading_settings *g, struct grading_round *r, struct dj_err *e)
{
	char key[16];
	long w;
	int sum = 0;
	r->nsrc = 0;
	for (int i = 0; i < GRADING_MAX_SRC; i++) {
		if (!*g->src_name[i] && !*g->src_weight[i])
			continue;
		snprintf(key, sizeof key, "src_name%d", i + 1);
		if (!*g->src_name[i])
			return dj_fail(e, DJ_INVALID, key, "「来源 %d」有权重但没有名称", i + 1);
		for (int k = 0; k < r->nsrc; k++)
			if (strcmp(r->src[k].name, g->src_name[i]) == 0)
				return dj_fail(e, DJ_INVALID, key, "「来源 %d」与前面的来源重名：%s", i + 1,
				               g->src_name[i]);
		snprintf(key, sizeof key, "src_weight%d", i + 1);
		if (!*g->src_weight[i] || parse_int(g->src_weight[i], 1, 100, &w, NULL))
			return dj_fail(e, DJ_INVALID, key, "「%s」的权重应为 1 至 100 的整数（%%）：%s",
			               g->src_name[i], g->src_weight[i]);
		struct grading_source *d = &r->src[r->nsrc++];
		snprintf(d->name, sizeof d->name, "%s", g->src_name[i]);
		d->weight = (int)w;
		d->id = 0;
		sum += (int)w;
	}
	if (r->nsrc == 0)
		return dj_fail(e, DJ_INVALID, "src_name1", "至少要有一个评分来源");
	if (sum != 100)
		return dj_fail(e, DJ_INVALID, "src_weight1", "各来源权重合计应为 100%%，现为 %d%%", sum);
	return 0;
}

/* Every text a message may quote back, before anything quotes it: no
 * control or invisible format character (core/validate.h). */
static int check_texts(const struct grading_settings *g, struct dj_err *e)
{
	const struct text_field f[] = {
		{ "year", "年度", g->year, 0 }, { "name", "定级名称", g->name, 0 },
		{ "org", "组织单位", g->org, 0 }, { "grades", "等次名称", g->grades, 0 },
		{ "lines", "分数线", g->lines, 0 }, { "guide", "比例指导", g->guide, 0 },
		{ "tolerance", "允许偏差", g->tolerance, 0 }, { "rectify_due", "整改期限", g->rectify_due, 0 },
		{ "notes", "备注", g->notes, 0 },
	};
	if (valid_texts(f, sizeof f / sizeof *f, e))
		return DJ_INVALID;
	char why[WHY_MAX], key[24];
	for (int i = 0; i < GRADING_MAX_IND; i++) {
		int name_bad = valid_text(g->ind_name[i], 0, why) != 0;
		if (name_bad || valid_text(g->ind_max[i], 0, why)) {
			snprintf(key, sizeof key, "%s%d", name_bad ? "ind_name" : "ind_max", i + 1);
			return dj_fail(e, DJ_INVALID, key, "第 %d 项指标%s", i + 1, why);
		}
	}
	for (int i = 0; i < GRADING_MAX_SRC; i++) {
		int name_bad = valid_text(g->src_name[i], 0, why) != 0;
		if (name_bad || valid_text(g->src_weight[i], 0, why)) {
			snprintf(key, sizeof key, "%s%d", name_bad ? "src_name" : "src_weight", i + 1);
			return dj_fail(e, DJ_INVALID, key, "第 %d 个评分来源%s", i + 1, why);
		}
	}
	return 0;
}

static int parse_settings(struct session *s, struct grading_settings *g, struct grading_round *r,
                          struct dj_err *e)
{
	char why[WHY_MAX], norm[11];
	if (check_texts(g, e))
		return DJ_INVALID;
	memset(r, 0, sizeof *r);
	r->id = g->id;
	r->version = g->version;
	char *trim[] = { g->year, g->name, g->org, g->grades, g->lines, g->guide, g->tolerance,
	                 g->rectify_due };
	for (size_t i = 0; i < sizeof trim / sizeof *trim; i++)
		utf8_trim(trim[i]);
	if (parse_year(g, r, e))
		return DJ_INVALID;
	if (!*g->name)
		return dj_fail(e, DJ_INVALID, "name", "「定级名称」不能为空");
	if (utf8_cols(g->name) > 60)
		return dj_fail(e, DJ_INVALID, "name", "「定级名称」太长（最多 30 个汉字）");
	snprintf(r->name, sizeof r->name, "%s", g->name);
	if (parse_org(s, g, r, e) || parse_grades(g, r, e) || parse_lines(g, r, e) ||
	    parse_guide(g, r, e) || parse_indicators(g, r, e) || parse_sources(g, r, e))
		return DJ_INVALID;
	if (*g->rectify_due) {
		if (valid_date(g->rectify_due, norm, why))
			return dj_fail(e, DJ_INVALID, "rectify_due", "「整改期限」%s：%s", why, g->rectify_due);
		snprintf(g->rectify_due, sizeof g->rectify_due, "%s", norm);
	}
	snprintf(r->rectify_due, sizeof r->rectify_due, "%s", g->rectify_due);
	return 0;
}

int grading_setting_frozen(const char *status, const char *key)
{
	static const char *const free_while_scoring[] = { "name", "guide", "tolerance",
	                                                   "rectify_due", "notes", NULL };
	if (strcmp(status, "已确认") == 0)
		return 1;
	if (strcmp(status, "评分中") != 0)
		return 0;
	for (int i = 0; free_while_scoring[i]; i++)
		if (strcmp(key, free_while_scoring[i]) == 0)
			return 0;
	return 1;
}

/* ---- loading and saving ---- */

int grading_settings_load(struct session *s, int64_t round_id, struct grading_settings *g,
                          struct dj_err *e)
{
	struct grading_round r;
	if (grading_round_load(s, round_id, &r, e))
		return e ? e->code : DJ_DB;
	memset(g, 0, sizeof *g);
	g->id = r.id;
	g->version = r.version;
	settings_from_round(&r, g);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT coalesce(notes, ''), (SELECT count(*) FROM grading_result"
	                       " WHERE round_id = ?1) FROM grading_round WHERE id = ?1", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取定级设置");
	sqlite3_bind_int64(st, 1, round_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		db_col_text(st, 0, g->notes, sizeof g->notes);
		snprintf(g->orgs, sizeof g->orgs, "%d 个", sqlite3_column_int(st, 1));
	}
	sqlite3_finalize(st);
	return 0;
}

static void pairs_text(const char (*names)[32], const char (*values)[8], int n, char *out,
                       size_t cap)
{
	out[0] = 0;
	for (int i = 0; i < n; i++)
		if (*names[i])
			snprintf(out + strlen(out), cap - strlen(out), "%s%s:%s", *out ? "、" : "", names[i],
			         values[i]);
}

static const char *settings_json(const struct grading_settings *g, struct json *j)
{
	char ind[512], src[256];
	pairs_text(g->ind_name, g->ind_max, GRADING_MAX_IND, ind, sizeof ind);
	pairs_text(g->src_name, g->src_weight, GRADING_MAX_SRC, src, sizeof src);
	json_begin(j);
	json_str(j, "年度", g->year);
	json_str(j, "定级名称", g->name);
	json_str(j, "组织单位", g->org);
	json_str(j, "等次名称", g->grades);
	json_str(j, "分数线", g->lines);
	json_str(j, "比例指导", g->guide);
	json_str(j, "允许偏差", g->tolerance);
	json_str(j, "整改期限", g->rectify_due);
	json_str(j, "评分指标", ind);
	json_str(j, "评分来源", src);
	json_str(j, "备注", g->notes);
	return json_end(j);
}

static void bind_round(sqlite3_stmt *st, const struct grading_round *r, const char *notes,
                       const char *login)
{
	sqlite3_bind_int(st, 1, r->year);
	sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, r->org_id);
	for (int i = 0; i < GRADING_GRADES; i++)
		sqlite3_bind_text(st, 4 + i, r->grade[i], -1, SQLITE_STATIC);
	for (int i = 0; i < 3; i++)
		sqlite3_bind_int(st, 8 + i, r->line[i]);
	for (int i = 0; i < BANDS; i++)
		sqlite3_bind_int(st, 11 + i, r->guide[i]);
	sqlite3_bind_int(st, 14, r->tolerance);
	db_bind_text(st, 15, r->rectify_due, 1);
	db_bind_text(st, 16, notes, 1);
	sqlite3_bind_text(st, 17, login, -1, SQLITE_STATIC);
}

static int write_round(struct session *s, struct grading_round *r, const char *notes,
                       struct dj_err *e)
{
	static const char ins[] =
		"INSERT INTO grading_round(year, name, org_id, grade1, grade2, grade3, grade4, line1,"
		" line2, line3, guide_top, guide_mid, guide_bottom, tolerance, rectify_due, notes,"
		" updated_by, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,"
		"?17, " GRADING_NOW ")";
	static const char upd[] =
		"UPDATE grading_round SET year=?1, name=?2, org_id=?3, grade1=?4, grade2=?5, grade3=?6,"
		" grade4=?7, line1=?8, line2=?9, line3=?10, guide_top=?11, guide_mid=?12,"
		" guide_bottom=?13, tolerance=?14, rectify_due=?15, notes=?16, updated_by=?17,"
		" updated_at=" GRADING_NOW ", version=version+1 WHERE id=?18 AND version=?19";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, r->id ? upd : ins, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存定级设置");
	bind_round(st, r, notes, s->login);
	if (r->id) {
		sqlite3_bind_int64(st, 18, r->id);
		sqlite3_bind_int64(st, 19, r->version);
	}
	return db_step_save(s->db, st, &r->id, &r->version, "保存定级设置", e);
}

/* Indicators and sources are replaced whole: no score refers to them yet. */
static int write_lists(struct session *s, const struct grading_round *r, struct dj_err *e)
{
	if (db_exec_ids(s->db, "DELETE FROM grading_indicator WHERE round_id = ?", &r->id, 1,
	                "保存评分指标", e) ||
	    db_exec_ids(s->db, "DELETE FROM grading_source WHERE round_id = ?", &r->id, 1,
	                "保存评分来源", e))
		return DJ_DB;
	sqlite3_stmt *ind, *src;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO grading_indicator(round_id, seq, name, max_score,"
	                       " updated_by) VALUES (?1,?2,?3,?4,?5)", -1, &ind, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存评分指标");
	if (sqlite3_prepare_v2(s->db, "INSERT INTO grading_source(round_id, seq, name, weight,"
	                       " updated_by) VALUES (?1,?2,?3,?4,?5)", -1, &src, NULL) != SQLITE_OK) {
		sqlite3_finalize(ind);
		return db_fail(s->db, e, "保存评分来源");
	}
	int rc = SQLITE_DONE;
	for (int i = 0; i < r->nind + r->nsrc && rc == SQLITE_DONE; i++) {
		int is_ind = i < r->nind, k = is_ind ? i : i - r->nind;
		sqlite3_stmt *st = is_ind ? ind : src;
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_int(st, 2, k + 1);
		sqlite3_bind_text(st, 3, is_ind ? r->ind[k].name : r->src[k].name, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, is_ind ? r->ind[k].max : r->src[k].weight);
		sqlite3_bind_text(st, 5, s->login, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(ind);
	sqlite3_finalize(src);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "保存评分指标和来源");
}

/* The organizations graded: the active 党总支 and 党支部 under 组织单位. */
static int write_members(struct session *s, const struct grading_round *r, struct dj_err *e)
{
	if (db_exec_ids(s->db, "DELETE FROM grading_result WHERE round_id = ?", &r->id, 1,
	                "确定参加定级的组织", e))
		return DJ_DB;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO grading_result(round_id, org_id, updated_by)"
	                       " SELECT ?1, id, ?3 FROM org WHERE parent_id = ?2 AND status = '正常'"
	                       " AND kind IN ('党总支','党支部')", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "确定参加定级的组织");
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->org_id);
	sqlite3_bind_text(st, 3, s->login, -1, SQLITE_STATIC);
	return db_step_done(s->db, st, "确定参加定级的组织", e);
}

static const struct { const char *key, *label; } frozen_fields[] = {
	{ "year", "年度" }, { "org", "组织单位" }, { "grades", "等次名称" }, { "lines", "分数线" },
};

/* In 评分中 only the free settings may differ from what is stored. */
static int check_frozen(const struct grading_settings *was, const struct grading_settings *now,
                        struct dj_err *e)
{
	const char *a[] = { was->year, was->org, was->grades, was->lines };
	const char *b[] = { now->year, now->org, now->grades, now->lines };
	for (int i = 0; i < 4; i++)
		if (strcmp(a[i], b[i]) != 0)
			return dj_fail(e, DJ_INVALID, frozen_fields[i].key,
			               "本轮已开始评分，「%s」不能再修改（可改名称、比例指导、整改期限和备注）",
			               frozen_fields[i].label);
	for (int i = 0; i < GRADING_MAX_IND; i++)
		if (strcmp(was->ind_name[i], now->ind_name[i]) || strcmp(was->ind_max[i], now->ind_max[i]))
			return dj_fail(e, DJ_INVALID, strcmp(was->ind_name[i], now->ind_name[i]) ?
			               "ind_name1" : "ind_max1",
			               "本轮已开始评分，评分指标和满分不能再修改");
	for (int i = 0; i < GRADING_MAX_SRC; i++)
		if (strcmp(was->src_name[i], now->src_name[i]) ||
		    strcmp(was->src_weight[i], now->src_weight[i]))
			return dj_fail(e, DJ_INVALID, "src_weight1", "本轮已开始评分，评分来源和权重不能再修改");
	return 0;
}

static int check_unique_name(struct session *s, const struct grading_round *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM grading_round WHERE org_id=?1 AND year=?2"
	                       " AND name=?3 AND id<>?4", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存定级设置");
	sqlite3_bind_int64(st, 1, r->org_id);
	sqlite3_bind_int(st, 2, r->year);
	sqlite3_bind_text(st, 3, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, r->id);
	int dup = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return dup ? dj_fail(e, DJ_INVALID, "name", "%s %d 年度已有名为「%s」的定级", r->org, r->year,
	                     r->name)
	           : 0;
}

static int save_existing(struct session *s, struct grading_settings *g, struct grading_round *r,
                         struct dj_err *e)
{
	struct grading_settings was;
	if (grading_settings_load(s, g->id, &was, e))
		return e ? e->code : DJ_DB;
	if (was.version != g->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (strcmp(was.status, "已确认") == 0)
		return dj_fail(e, DJ_INVALID, NULL, "本轮已于 %s 确认定级，设置不能再修改", was.published_on);
	struct grading_settings now = *g;
	settings_from_round(r, &now);
	int scoring = strcmp(was.status, "评分中") == 0;
	if (scoring && check_frozen(&was, &now, e))
		return DJ_INVALID;
	int64_t old_org;
	if (org_find_by_name(s, was.org, &old_org) == 0 && session_may_write(s, old_org, e))
		return DJ_DENIED;
	if (session_may_write(s, r->org_id, e) || check_unique_name(s, r, e))
		return e ? e->code : DJ_DENIED;
	if (write_round(s, r, g->notes, e) || (!scoring && write_lists(s, r, e)) ||
	    (!scoring && strcmp(was.org, r->org) != 0 && write_members(s, r, e)))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_write(s, "grading_round", r->id, "修改", settings_json(&was, &before),
	                     settings_json(&now, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

static int save_new(struct session *s, struct grading_settings *g, struct grading_round *r,
                    struct dj_err *e)
{
	struct grading_settings now = *g;
	settings_from_round(r, &now);
	if (session_may_write(s, r->org_id, e) || check_unique_name(s, r, e))
		return e ? e->code : DJ_DENIED;
	if (write_round(s, r, g->notes, e) || write_lists(s, r, e) || write_members(s, r, e))
		return e ? e->code : DJ_DB;
	struct json after = JSON_INIT;
	int rc = audit_write(s, "grading_round", r->id, "新增", NULL,
	                     settings_json(&now, &after), e);
	json_free(&after);
	return rc;
}

int grading_settings_save(struct session *s, struct grading_settings *g, struct dj_err *e)
{
	struct grading_round r;
	utf8_trim(g->notes);
	if (parse_settings(s, g, &r, e))
		return e ? e->code : DJ_INVALID;
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	int rc = db_txn_end(&t, g->id ? save_existing(s, g, &r, e) : save_new(s, g, &r, e), e);
	if (rc)
		return rc;
	return grading_settings_load(s, r.id, g, e);
}
