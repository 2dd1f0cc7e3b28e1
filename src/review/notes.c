/* notes.c — the dated notes of an application's stages (阶段小结, 延期,
 * 中期检查, 结题报告/成果报告, 整改, 自查报告, 公示): which kind an
 * application may take in which state, the 延期 that moves its planned end,
 * saves with the version check and the audit, and the list.  The tasks of a
 * 创建 申报书 are in tasks.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/memrows.h"
#include "core/text.h"
#include "review/records.h"

#define FLOW_PROJECT 1
#define FLOW_CREATE 2

/* Which kind of note each flow takes in which states.  A note records what
 * happened at a stage, so it is written, changed and deleted only while the
 * application is at that stage: once the stage is over its notes are the
 * record the next step was decided on. */
struct note_rule {
	const char *kind;
	int flows;
	int states[8];
	int n;
};

static const struct note_rule note_rules[] = {
	{ "阶段小结", FLOW_PROJECT | FLOW_CREATE, { RV_APPROVED, RV_STARTED, RV_MIDTERM }, 3 },
	{ "延期", FLOW_PROJECT | FLOW_CREATE, { RV_APPROVED, RV_STARTED, RV_MIDTERM }, 3 },
	/* 立项 is checked while being carried out; 创建 evaluated once started */
	{ "中期检查", FLOW_PROJECT, { RV_APPROVED }, 1 },
	{ "中期检查", FLOW_CREATE, { RV_STARTED }, 1 },
	{ "结题报告", FLOW_PROJECT, { RV_MIDTERM }, 1 },
	{ "成果报告", FLOW_CREATE, { RV_MIDTERM }, 1 },
	{ "整改", FLOW_PROJECT, { RV_FAILED }, 1 },
	/* the self-check follows the batch's 指南 from the application on, and
	 * may be completed until the acceptance */
	{ "自查报告", FLOW_CREATE,
	  { RV_APPLIED, RV_RECOMMENDED, RV_SCREENED, RV_APPROVED, RV_STARTED, RV_MIDTERM,
	    RV_CONCLUDED }, 7 },
	{ "公示", FLOW_CREATE, { RV_APPROVED }, 1 },
};
#define NRULES (sizeof note_rules / sizeof *note_rules)

static const char *const midterm_results[] = { "良好", "合格", "需整改" };

static int flow_bit(enum review_kind k)
{
	return k == REVIEW_CREATE ? FLOW_CREATE : FLOW_PROJECT;
}

static const struct note_rule *rule_of(enum review_kind k, const char *kind)
{
	for (size_t i = 0; i < NRULES; i++)
		if ((note_rules[i].flows & flow_bit(k)) && strcmp(note_rules[i].kind, kind) == 0)
			return &note_rules[i];
	return NULL;
}

/* The kinds a flow takes, "阶段小结、延期、…", for the refusal of another. */
static void kinds_of(enum review_kind k, char *out, size_t cap)
{
	size_t len = 0;
	out[0] = 0;
	for (size_t i = 0; i < NRULES && len < cap; i++) {
		if (!(note_rules[i].flows & flow_bit(k)) || (len && strstr(out, note_rules[i].kind)))
			continue;
		int m = snprintf(out + len, cap - len, "%s%s", len ? "、" : "", note_rules[i].kind);
		if (m < 0)
			break;
		len += (size_t)m;
	}
}

/* Refuses a kind the application cannot take in its state, naming both. */
static int check_kind_state(const struct rv_facts *a, const char *kind, const char *doing,
                            struct dj_err *e)
{
	char list[512], buf[32];
	const struct note_rule *r = rule_of(a->kind, kind);
	if (!r) {
		kinds_of(a->kind, list, sizeof list);
		return dj_fail(e, DJ_INVALID, "kind", "「类别」%s不适用于%s，可选：%s", kind,
		               review_flow_of(a->kind)->name, list);
	}
	if (rv_state_in(a->state, r->states, r->n))
		return 0;
	rv_state_list(a->kind, r->states, r->n, list, sizeof list);
	return dj_fail(e, DJ_INVALID, "kind", "%s只能在%s时%s，本申报现为「%s」", kind, list, doing,
	               rv_state_name(a->kind, a->state, buf));
}

/* ---- reading ---- */

#define SELECT_NOTE \
	"SELECT n.id, n.version, n.app_id, n.kind, n.on_date, coalesce(c.name, ''), n.body," \
	" coalesce(n.problems, ''), coalesce(n.opinion, ''), coalesce(n.result, '')," \
	" coalesce(n.extends_to, '')" \
	" FROM review_note n LEFT JOIN review_criterion c ON c.id = n.criterion_id"

static void read_note(sqlite3_stmt *st, struct review_note *n)
{
	memset(n, 0, sizeof *n);
	n->id = sqlite3_column_int64(st, 0);
	n->version = sqlite3_column_int64(st, 1);
	n->app_id = sqlite3_column_int64(st, 2);
	char *text[] = { n->kind, n->on_date, n->criterion, n->body, n->problems, n->opinion,
	                 n->result, n->extends_to };
	size_t cap[] = { sizeof n->kind, sizeof n->on_date, sizeof n->criterion, sizeof n->body,
	                 sizeof n->problems, sizeof n->opinion, sizeof n->result,
	                 sizeof n->extends_to };
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		db_col_text(st, (int)i + 3, text[i], cap[i]);
}

int review_note_load(struct session *s, int64_t id, struct review_note *n, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, SELECT_NOTE " WHERE n.id = ?", id, &st, "读取记录",
	                     "该记录已不存在", e);
	if (rc)
		return rc;
	read_note(st, n);
	db_done(st);
	return 0;
}

static const char *note_json(const struct rv_facts *a, const struct review_note *n,
                             struct json *j)
{
	json_begin(j);
	json_str(j, "申报", a->title);
	json_str(j, "类别", n->kind);
	json_str(j, "日期", n->on_date);
	json_str(j, "对照指标", n->criterion);
	json_str(j, "内容", n->body);
	json_str(j, "存在问题", n->problems);
	json_str(j, "意见", n->opinion);
	json_str(j, "结果", n->result);
	json_str(j, "延期至", n->extends_to);
	return json_end(j);
}

/* ---- checking ---- */

/* A date field: required, real, normalised in place; not after today when
 * it records something that happened. */
static int check_date(char *d, const char *key, const char *label, int past, struct dj_err *e)
{
	char why[WHY_MAX], norm[11], now[11];
	if (!*d)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label);
	if (valid_date(d, norm, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", label, why, d);
	if (past && strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, key, "「%s」%s 在今天之后", label, norm);
	memcpy(d, norm, sizeof norm);
	return 0;
}

/* The criterion of the batch a 自查报告 answers: its id, or a refusal
 * listing the batch's criteria. */
static int find_criterion(struct session *s, const struct rv_facts *a, const char *name,
                          int64_t *id, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id, name FROM review_criterion WHERE batch_id = ?"
	                       " ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取指标");
	sqlite3_bind_int64(st, 1, a->batch_id);
	char list[512] = "";
	size_t len = 0;
	*id = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 1);
		if (strcmp(c, name) == 0)
			*id = sqlite3_column_int64(st, 0);
		if (len < sizeof list) {
			int m = snprintf(list + len, sizeof list - len, "%s%s", len ? "、" : "", c);
			len += m > 0 ? (size_t)m : 0;
		}
	}
	sqlite3_finalize(st);
	if (*id)
		return 0;
	if (!*name)
		return dj_fail(e, DJ_INVALID, "criterion", "自查报告须选择「对照指标」：%s", list);
	return dj_fail(e, DJ_INVALID, "criterion", "「对照指标」%s不是本批次的指标，可选：%s", name,
	               list);
}

/* The end a 延期 is measured from: the planned end, else the batch's last
 * stage. */
static const char *current_end(const struct rv_facts *a)
{
	return *a->ends_on ? a->ends_on : a->last_stage;
}

static int check_fields(struct session *s, const struct rv_facts *a, struct review_note *n,
                        int64_t *crit, struct dj_err *e)
{
	const struct text_field f[] = {
		{ "kind", "类别", n->kind, 0 }, { "criterion", "对照指标", n->criterion, 0 },
		{ "body", "内容", n->body, 1 }, { "problems", "存在问题", n->problems, 1 },
		{ "opinion", "意见", n->opinion, 1 }, { "result", "结果", n->result, 0 },
	};
	if (valid_texts(f, sizeof f / sizeof *f, e))
		return DJ_INVALID;
	if (!*n->kind)
		return dj_fail(e, DJ_INVALID, "kind", "「类别」不能为空");
	if (check_kind_state(a, n->kind, "录入", e) || check_date(n->on_date, "on_date", "日期", 1, e))
		return DJ_INVALID;
	int extend = strcmp(n->kind, "延期") == 0;
	if (!*n->body)
		return dj_fail(e, DJ_INVALID, "body", extend ? "延期须写明理由（「内容」不能为空）"
		                                              : "「内容」不能为空");
	*crit = 0;
	if (strcmp(n->kind, "自查报告") == 0 && find_criterion(s, a, n->criterion, crit, e))
		return e ? e->code : DJ_INVALID;
	if (strcmp(n->kind, "中期检查") == 0) {
		size_t i = 0;
		while (i < 3 && strcmp(n->result, midterm_results[i]) != 0)
			i++;
		if (i == 3)
			return dj_fail(e, DJ_INVALID, "result", *n->result
			               ? "「结果」须为 良好、合格 或 需整改：%s"
			               : "中期检查须填写「结果」：良好、合格 或 需整改%s", n->result);
	}
	if (extend) {
		if (check_date(n->extends_to, "extends_to", "延期至", 0, e))
			return DJ_INVALID;
		const char *end = current_end(a);
		if (*end && strcmp(n->extends_to, end) <= 0)
			return dj_fail(e, DJ_INVALID, "extends_to", "「延期至」%s 须晚于现定结束日期 %s",
			               n->extends_to, end);
	}
	/* fields a kind does not use are not kept, so a form that carried
	 * them over from another kind leaves nothing behind */
	if (!extend)
		n->extends_to[0] = 0;
	if (strcmp(n->kind, "中期检查") != 0)
		n->result[0] = 0;
	if (!*crit)
		n->criterion[0] = 0;
	return 0;
}

/* ---- writing ---- */

static int store_note(struct session *s, struct review_note *n, int64_t crit, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = n->id == 0
		? "INSERT INTO review_note(kind, on_date, criterion_id, body, problems, opinion, result,"
		  " extends_to, updated_by, updated_at, app_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
		  " ?9, " RV_NOW ", ?10)"
		: "UPDATE review_note SET kind = ?1, on_date = ?2, criterion_id = ?3, body = ?4,"
		  " problems = ?5, opinion = ?6, result = ?7, extends_to = ?8, updated_by = ?9,"
		  " updated_at = " RV_NOW ", version = version + 1 WHERE id = ?10 AND version = ?11";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存记录");
	db_bind_text(st, 1, n->kind, 0);
	db_bind_text(st, 2, n->on_date, 0);
	if (crit)
		sqlite3_bind_int64(st, 3, crit);
	db_bind_text(st, 4, n->body, 0);
	db_bind_text(st, 5, n->problems, 1);
	db_bind_text(st, 6, n->opinion, 1);
	db_bind_text(st, 7, n->result, 1);
	db_bind_text(st, 8, n->extends_to, 1);
	db_bind_text(st, 9, s->login, 1);
	if (n->id == 0) {
		sqlite3_bind_int64(st, 10, n->app_id);
	} else {
		sqlite3_bind_int64(st, 10, n->id);
		sqlite3_bind_int64(st, 11, n->version);
	}
	return db_step_save(s->db, st, &n->id, &n->version, "保存记录", e);
}

/* A 延期 moves the application's planned end in the same transaction, and
 * the application's version with it: a form still holding the old end must
 * read it again before it acts on it. */
static int move_end(struct session *s, const struct rv_facts *a, const char *to,
                    struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE review_app SET ends_on = ?1, updated_by = ?2,"
	                       " updated_at = " RV_NOW ", version = version + 1"
	                       " WHERE id = ?3 AND version = ?4", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "延期");
	db_bind_text(st, 1, to, 0);
	db_bind_text(st, 2, s->login, 1);
	sqlite3_bind_int64(st, 3, a->id);
	sqlite3_bind_int64(st, 4, a->version);
	if (db_step_update(s->db, st, "延期", DB_CONFLICT_SAVE, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	json_begin(&before);
	json_str(&before, "计划结束日期", a->ends_on);
	json_begin(&after);
	json_str(&after, "计划结束日期", to);
	int rc = audit_write(s, "review_app", a->id, "延期", json_end(&before), json_end(&after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

/* What an update may not change: the application, and a 延期 that has
 * already moved the end (a later end needs a new 延期, so the history of
 * every move stays readable). */
static int check_update(const struct rv_facts *a, const struct review_note *was,
                        const struct review_note *n, struct dj_err *e)
{
	if (was->version != n->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (check_kind_state(a, was->kind, "修改", e))
		return DJ_INVALID;
	int was_ext = strcmp(was->kind, "延期") == 0, is_ext = strcmp(n->kind, "延期") == 0;
	if (was_ext != is_ext)
		return dj_fail(e, DJ_INVALID, "kind", was_ext ? "延期记录不能改为其他类别"
		                                                : "不能把其他记录改为延期，请新增一条延期");
	if (was_ext && strcmp(was->extends_to, n->extends_to) != 0)
		return dj_fail(e, DJ_INVALID, "extends_to", "「延期至」%s 已生效，不能修改；"
		               "如需再延期，请新增一条延期", was->extends_to);
	return 0;
}

static int note_save_in_txn(struct session *s, struct review_note *n, struct dj_err *e)
{
	struct review_note was;
	struct rv_facts a;
	int is_new = n->id == 0;
	if (!is_new) {
		if (review_note_load(s, n->id, &was, e))
			return e ? e->code : DJ_DB;
		n->app_id = was.app_id;   /* a note stays with its application */
	}
	if (rv_facts_load(s, n->app_id, &a, e))
		return e ? e->code : DJ_DB;
	if (session_may_write(s, a.org_id, e))
		return DJ_DENIED;
	if (!is_new && check_update(&a, &was, n, e))
		return e ? e->code : DJ_INVALID;
	int64_t crit;
	if (!is_new && strcmp(n->kind, "延期") == 0) {
		/* its extends_to is the end now: check the rest against the end
		 * before it, which it was measured from when saved */
		char keep[11];
		memcpy(keep, a.ends_on, sizeof keep);
		a.ends_on[0] = 0;
		a.last_stage[0] = 0;
		int rc = check_fields(s, &a, n, &crit, e);
		memcpy(a.ends_on, keep, sizeof keep);
		if (rc)
			return rc;
	} else if (check_fields(s, &a, n, &crit, e)) {
		return e ? e->code : DJ_INVALID;
	}
	if (store_note(s, n, crit, e))
		return e ? e->code : DJ_DB;
	if (is_new && strcmp(n->kind, "延期") == 0 && move_end(s, &a, n->extends_to, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "review_note", n->id, is_new,
	                     is_new ? NULL : note_json(&a, &was, &before), note_json(&a, n, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int review_note_save(struct session *s, struct review_note *n, struct dj_err *e)
{
	struct review_note *keep = malloc(sizeof *keep);
	if (!keep)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	*keep = *n;
	char *trim[] = { n->kind, n->on_date, n->criterion, n->body, n->problems, n->opinion,
	                 n->result, n->extends_to };
	for (size_t i = 0; i < sizeof trim / sizeof *trim; i++)
		utf8_trim(trim[i]);
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e);
	if (!rc)
		rc = db_txn_end(&t, note_save_in_txn(s, n, e), e);
	if (rc)
		*n = *keep;   /* what was typed stays as typed */
	free(keep);
	return rc ? rc : review_note_load(s, n->id, n, e);
}

static int note_delete_in_txn(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct review_note n;
	struct rv_facts a;
	if (review_note_load(s, id, &n, e) || rv_facts_load(s, n.app_id, &a, e))
		return e ? e->code : DJ_DB;
	if (n.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (session_may_write(s, a.org_id, e))
		return DJ_DENIED;
	/* the end it moved is the application's now, and what it was before
	 * is kept only in the audit log: a 延期 stays as the record of it */
	if (strcmp(n.kind, "延期") == 0)
		return dj_fail(e, DJ_INVALID, NULL, "延期记录已改变计划结束日期（%s），不能删除",
		               n.extends_to);
	if (check_kind_state(&a, n.kind, "删除", e))
		return DJ_INVALID;
	if (db_exec_ids(s->db, "DELETE FROM review_note WHERE id = ?", &id, 1, "删除记录", e))
		return DJ_DB;
	struct json before = JSON_INIT;
	int rc = audit_write(s, "review_note", id, "删除", note_json(&a, &n, &before), NULL, e);
	json_free(&before);
	return rc;
}

int review_note_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	return db_txn_end(&t, note_delete_in_txn(s, id, version, e), e);
}

/* ---- the list ---- */

static const struct rs_column note_cols[] = {
	{ "日期", 10, 0, 0, 1, 0, 0 }, { "类别", 8, 0, 0, 1, 0, 0 },
	{ "内容", 30, 1, 0, 0, 0, 1 }, { "意见/结果", 16, 1, 0, 0, 0, 0 },
};

struct app_list {
	struct session *s;
	int64_t app_id;
};

/* The first line of a text, as a list cell. */
static void first_line(const char *text, char *out, size_t cap)
{
	size_t n = strcspn(text, "\n");
	snprintf(out, cap, "%.*s", (int)n, text);
	if (text[n] && n + 4 < cap)
		strcat(out, "…");
}

static void note_cells(const struct review_note *n, struct rs_row *row)
{
	char line[RS_CELL];
	first_line(n->body, line, sizeof line);
	snprintf(row->cell[0], RS_CELL, "%s", n->on_date);
	snprintf(row->cell[1], RS_CELL, "%s", n->kind);
	if (*n->extends_to)
		snprintf(row->cell[2], RS_CELL, "延期至 %s：%s", n->extends_to, line);
	else if (*n->criterion)
		snprintf(row->cell[2], RS_CELL, "【%s】%s", n->criterion, line);
	else
		snprintf(row->cell[2], RS_CELL, "%s", line);
	if (*n->result)
		snprintf(row->cell[3], RS_CELL, "%s", n->result);
	else
		first_line(n->opinion, row->cell[3], RS_CELL);
}

static int load_notes(void *ctx, struct memrows *m)
{
	struct app_list *l = ctx;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(l->s->db, SELECT_NOTE " WHERE n.app_id = ? ORDER BY n.on_date, n.id",
	                       -1, &st, NULL) != SQLITE_OK) {
		memrows_fail(m, "读取阶段记录失败");
		return -1;
	}
	sqlite3_bind_int64(st, 1, l->app_id);
	struct review_note *n = malloc(sizeof *n);
	while (n && sqlite3_step(st) == SQLITE_ROW) {
		read_note(st, n);
		char find[RS_CELL * 2], key[32];
		snprintf(find, sizeof find, "%s %s %.120s", n->kind, n->criterion, n->body);
		snprintf(key, sizeof key, "%s\t%012lld", n->on_date, (long long)n->id);
		struct rs_row *row = memrows_add(m, n->id, find, key);
		if (!row)
			break;
		note_cells(n, row);
	}
	free(n);
	sqlite3_finalize(st);
	return 0;
}

struct row_source *review_note_list_source(struct session *s, int64_t app_id)
{
	struct app_list *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->s = s;
	l->app_id = app_id;
	return memrows_new(note_cols, 4, load_notes, l, free);
}
