/* result.c — the office's grade of one organization's result, the
 * check before confirmation (what is missing, the proportions overall and
 * per 分类) and the confirmation that locks a round. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "core/validate.h"
#include "grading/internal.h"
#include "grading/rectify.h"

static const char *grade_json(const struct grading_round *r, int grade, const char *reason,
                              struct json *j)
{
	json_begin(j);
	json_str(j, "等次", grade ? grading_word(r, grade) : "按建议");
	json_str(j, "调整理由", reason);
	return json_end(j);
}

static int set_grade_in_txn(struct session *s, int64_t id, int64_t version, int grade,
                            const char *reason, struct dj_err *e)
{
	struct grading_result res;
	struct grading_round r;
	if (grading_result_load(s, id, &res, e) || grading_round_load(s, res.round_id, &r, e))
		return e ? e->code : DJ_DB;
	if (res.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (strcmp(r.status, "已确认") == 0)
		return dj_fail(e, DJ_INVALID, NULL, "本轮已于 %s 确认定级，等次不能再修改", r.published_on);
	if (session_may_write(s, res.org_id, e))
		return DJ_DENIED;
	if (grade < 0 || grade > GRADING_GRADES)
		return dj_fail(e, DJ_INVALID, "grade", "「等次」应为%s、%s、%s或%s", r.grade[0], r.grade[1],
		               r.grade[2], r.grade[3]);
	if (grade == res.suggested)
		grade = 0;   /* the same as suggested: follows the scores from now on */
	const struct text_field f[] = { { "reason", "调整理由", reason, 0 } };
	if (valid_texts(f, 1, e))
		return DJ_INVALID;
	if (grade && !*reason)
		return dj_fail(e, DJ_INVALID, "reason", "等次与建议等次（%s）不同，须填写「调整理由」",
		               res.suggested ? grading_word(&r, res.suggested) : "未评分");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE grading_result SET grade = ?1, reason = ?2,"
	                       " version = version + 1, updated_by = ?3, updated_at = " GRADING_NOW
	                       " WHERE id = ?4 AND version = ?5", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存等次");
	if (grade)
		sqlite3_bind_int(st, 1, grade);
	db_bind_text(st, 2, grade ? reason : "", 1);
	sqlite3_bind_text(st, 3, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_int64(st, 5, version);
	int rc = db_step_update(s->db, st, "保存等次", DB_CONFLICT_SAVE, e);
	if (rc)
		return rc;
	struct json before = JSON_INIT, after = JSON_INIT;
	rc = audit_write(s, "grading_result", id, "调整等次", grade_json(&r, res.grade, res.reason, &before),
	                 grade_json(&r, grade, grade ? reason : "", &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int grading_result_set_grade(struct session *s, int64_t result_id, int64_t version, int grade,
                             const char *reason, struct dj_err *e)
{
	char why[256];
	snprintf(why, sizeof why, "%s", reason ? reason : "");
	utf8_trim(why);
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	return db_txn_end(&t, set_grade_in_txn(s, result_id, version, grade, why, e), e);
}

/* ---- the check before confirmation ---- */

struct line {
	int64_t id, org_id;
	char org[128];
	char group[32];
	int total, grade;                /* grade: the office's, else the suggestion */
	int cells[GRADING_MAX_SRC];
};

static int read_lines(struct session *s, const struct grading_round *r, struct line **out, int *n,
                      struct dj_err *e)
{
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT x.id, x.org_id, o.name, o.category, coalesce(x.total, -1),"
	        " coalesce(x.grade, x.suggested, 0) FROM grading_result x JOIN org o ON o.id = x.org_id"
	        " LEFT JOIN dict d ON d.kind = '组织类别' AND d.label = o.category WHERE x.round_id = ?"
	        " ORDER BY coalesce(d.sort, 99), o.sort_key", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "检查定级");
	sqlite3_bind_int64(st, 1, r->id);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			struct line *m = realloc(*out, (size_t)(cap = cap ? cap * 2 : 32) * sizeof *m);
			if (!m)
				break;
			*out = m;
		}
		struct line *l = &(*out)[(*n)++];
		memset(l, 0, sizeof *l);
		l->id = sqlite3_column_int64(st, 0);
		l->org_id = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, l->org, sizeof l->org);
		char category[32];
		db_col_text(st, 3, category, sizeof category);
		grading_category_group(s->cfg, category, l->group, sizeof l->group);
		l->total = sqlite3_column_int(st, 4);
		l->grade = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	for (int i = 0; i < *n; i++)
		for (int k = 0; k < r->nsrc; k++) {
			char sql[128];
			snprintf(sql, sizeof sql, "SELECT count(*) FROM grading_score WHERE source_id = %lld"
			         " AND result_id = ?", (long long)r->src[k].id);
			(*out)[i].cells[k] = (int)db_int(s->db, sql, (*out)[i].id, 0);
		}
	return 0;
}

/* Appends to buf, never past its end. */
static void append(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t cap, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;
	va_start(ap, fmt);
	if (len < cap - 1)
		vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
}
#define say(rep, ...) append((rep)->text, sizeof (rep)->text, __VA_ARGS__)

/* A cell of the proportion table padded to cols columns. */
static void say_cell(struct grading_report *rep, const char *text, int cols)
{
	char cell[96];
	utf8_fit(text, cols, cell, sizeof cell);
	say(rep, "%s", cell);
}

static void say_mix(struct grading_report *rep, const char *name, const struct grading_mix *m,
                    const struct grading_band b[BANDS])
{
	char n[16], cell[64];
	say_cell(rep, name, 14);
	snprintf(n, sizeof n, "%5d  ", m->n);
	say(rep, "%s", n);
	for (int k = 0; k < BANDS; k++) {
		if (m->n)
			snprintf(cell, sizeof cell, "%d（%d.%d%%）%s", b[k].count, b[k].permille / 10,
			         b[k].permille % 10, b[k].off > 0 ? "↑" : b[k].off < 0 ? "↓" : "");
		else
			snprintf(cell, sizeof cell, "—");
		say_cell(rep, cell, 16);
	}
	say(rep, "\n");
}

static void band_names(const struct grading_round *r, char names[BANDS][80])
{
	snprintf(names[BAND_TOP], 80, "%s+%s", r->grade[0], r->grade[1]);
	snprintf(names[BAND_MID], 80, "%s", r->grade[2]);
	snprintf(names[BAND_BOTTOM], 80, "%s", r->grade[3]);
}

static void say_flags(char *out, size_t cap, const struct grading_round *r, const char *who,
                      const struct grading_band b[BANDS])
{
	char names[BANDS][80];
	band_names(r, names);
	for (int k = 0; k < BANDS; k++)
		if (b[k].off)
			append(out, cap, "！%s「%s」占 %d.%d%%，%s指导比例 %d%%（允许 %d%%～%d%%）\n", who,
			       names[k], b[k].permille / 10, b[k].permille % 10, b[k].off > 0 ? "高于" : "低于",
			       b[k].guide, b[k].guide - r->tolerance < 0 ? 0 : b[k].guide - r->tolerance,
			       b[k].guide + r->tolerance > 100 ? 100 : b[k].guide + r->tolerance);
}

static void proportions(struct session *s, const struct grading_round *r, const struct line *l,
                        int n, struct grading_report *rep)
{
	char groups[GRADING_MAX_GROUPS + 1][32], names[BANDS][80], flags[2048] = "";
	int ng = grading_category_groups(s->cfg, groups, GRADING_MAX_GROUPS + 1);
	int min = config_int(s->cfg, "grading:guide_min_orgs", 5);
	struct grading_band b[BANDS];
	band_names(r, names);
	say(rep, "按等次统计（指导比例：%s %d%%、%s %d%%、%s %d%%，允许偏差 ±%d 个百分点）：\n",
	    names[0], r->guide[0], names[1], r->guide[1], names[2], r->guide[2], r->tolerance);
	say_cell(rep, "分类", 14);
	say(rep, "组织数  ");
	for (int k = 0; k < BANDS; k++)
		say_cell(rep, names[k], 16);
	say(rep, "\n");
	rep->flags = grading_proportion(&rep->all, r->guide, r->tolerance, b);
	say_mix(rep, "全部", &rep->all, b);
	say_flags(flags, sizeof flags, r, "全部：", b);
	for (int g = 0; g < ng; g++) {
		struct grading_mix m = { 0 };
		for (int i = 0; i < n; i++)
			if (strcmp(l[i].group, groups[g]) == 0 && l[i].grade) {
				m.n++;
				m.count[l[i].grade - 1]++;
			}
		int off = grading_proportion(&m, r->guide, r->tolerance, b);
		if (m.n < min)
			for (int k = 0; k < BANDS; k++)
				b[k].off = 0;   /* too few to judge a share */
		else
			rep->flags += off;
		say_mix(rep, groups[g], &m, b);
		char who[64];
		snprintf(who, sizeof who, "%s：", groups[g]);
		say_flags(flags, sizeof flags, r, who, b);
	}
	say(rep, "（↑↓ 表示高于或低于指导比例；少于 %d 个组织的分类只列数字，不作比例判断）\n", min);
	if (*flags)
		say(rep, "\n%s", flags);
}

/* Names of lines matching `pick`, "、"-joined, at most a dozen. */
static void say_names(struct grading_report *rep, const struct line *l, int n,
                      int (*pick)(const struct grading_round *, const struct line *),
                      const struct grading_round *r)
{
	int shown = 0, total = 0;
	for (int i = 0; i < n; i++)
		if (pick(r, &l[i])) {
			if (shown < 12)
				say(rep, "%s%s", shown++ ? "、" : "", l[i].org);
			total++;
		}
	if (total > shown)
		say(rep, " 等 %d 个", total);
	say(rep, "\n");
}

static int is_ungraded(const struct grading_round *r, const struct line *l)
{
	(void)r;
	return l->grade == 0;
}

static int is_partial(const struct grading_round *r, const struct line *l)
{
	if (l->grade == 0)
		return 0;
	for (int k = 0; k < r->nsrc; k++)
		if (l->cells[k] < r->nind)
			return 1;
	return 0;
}

static void summarise(struct session *s, const struct grading_round *r, const struct line *l, int n,
                      struct grading_report *rep)
{
	memset(rep, 0, sizeof *rep);
	rep->orgs = n;
	for (int i = 0; i < n; i++) {
		rep->ungraded += is_ungraded(r, &l[i]);
		rep->partial += is_partial(r, &l[i]);
		if (l[i].grade) {
			rep->all.n++;
			rep->all.count[l[i].grade - 1]++;
		}
	}
	say(rep, "「%s」共 %d 个组织，已有等次 %d 个。\n\n", r->name, n, rep->all.n);
	proportions(s, r, l, n, rep);
	if (rep->ungraded) {
		say(rep, "\n未定级（既无评分也未定等次，不能确认）：");
		say_names(rep, l, n, is_ungraded, r);
	}
	if (rep->partial) {
		say(rep, "\n评分不全（缺少某个来源或某项指标，按已评分折算）：");
		say_names(rep, l, n, is_partial, r);
	}
}

int grading_check(struct session *s, int64_t round_id, struct grading_report *rep,
                  struct dj_err *e)
{
	struct grading_round r;
	struct line *l;
	int n;
	if (grading_round_load(s, round_id, &r, e) || read_lines(s, &r, &l, &n, e))
		return e ? e->code : DJ_DB;
	summarise(s, &r, l, n, rep);
	free(l);
	return 0;
}
