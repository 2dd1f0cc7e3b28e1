/* record.c — a training session: its settings, deleting it, the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/pager.h"
#include "core/text.h"
#include "org/org.h"
#include "training/internal.h"

void training_defaults(struct session *s, const struct training_rules *r, struct training *t)
{
	memset(t, 0, sizeof *t);
	today(t->date);
	snprintf(t->form, sizeof t->form, "%s", r->nforms ? r->forms[0] : "");
	snprintf(t->hours, sizeof t->hours, "2");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, s->scope_org ? "SELECT name FROM org WHERE id = ?1"
	                       : "SELECT name FROM org WHERE parent_id IS NULL AND status = '正常'"
	                         " ORDER BY id LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return;
	if (s->scope_org)
		sqlite3_bind_int64(st, 1, s->scope_org);
	if (sqlite3_step(st) == SQLITE_ROW) {
		db_col_text(st, 0, t->org, sizeof t->org);
		db_col_text(st, 0, t->organizer, sizeof t->organizer);
	}
	sqlite3_finalize(st);
}

int training_load(struct session *s, int64_t id, struct training *t, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT t.id, t.version, t.org_id, o.name, t.date, t.title,"
	                     " t.organizer, t.form, t.hours * 2, coalesce(t.notes, ''),"
	                     " (SELECT count(*) FROM training_attendee a WHERE a.training_id = t.id)"
	                     " FROM training t JOIN org o ON o.id = t.org_id WHERE t.id = ?", id, &st,
	                     "读取培训记录", "该培训记录已不存在（可能已被他人删除）", e);
	if (rc)
		return rc;
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->version = sqlite3_column_int64(st, 1);
	t->org_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, t->org, sizeof t->org);
	db_col_text(st, 4, t->date, sizeof t->date);
	db_col_text(st, 5, t->title, sizeof t->title);
	db_col_text(st, 6, t->organizer, sizeof t->organizer);
	db_col_text(st, 7, t->form, sizeof t->form);
	training_format_hours(sqlite3_column_int(st, 8), t->hours, sizeof t->hours);
	db_col_text(st, 9, t->notes, sizeof t->notes);
	t->attendees = sqlite3_column_int(st, 10);
	db_done(st);
	return 0;
}

static const char *record_json(const struct training *t, struct json *j)
{
	json_begin(j);
	json_str(j, "日期", t->date);
	json_str(j, "参训组织", t->org);
	json_str(j, "培训主题", t->title);
	json_str(j, "主办单位", t->organizer);
	json_str(j, "培训形式", t->form);
	json_str(j, "学时", t->hours);
	json_str(j, "备注", t->notes);
	return json_end(j);
}

static int check_form(struct session *s, const char *form, struct dj_err *e)
{
	struct training_rules r;
	training_rules_from(s->cfg, &r);
	if (!*form)
		return dj_fail(e, DJ_INVALID, "form", "「培训形式」不能为空");
	for (int i = 0; i < r.nforms; i++)
		if (strcmp(form, r.forms[i]) == 0)
			return 0;
	return dj_fail(e, DJ_INVALID, "form",
	               "「培训形式」「%s」不在 dangjian.ini [training] forms 配置的列表中", form);
}

static int check_record(struct session *s, struct training *t, int *half2, struct dj_err *e)
{
	char norm[11], why[WHY_MAX];
	const struct text_field tf[] = { { "title", "培训主题", t->title, 0 },
	                                 { "organizer", "主办单位", t->organizer, 0 },
	                                 { "notes", "备注", t->notes, 1 } };
	if (!*t->date)
		return dj_fail(e, DJ_INVALID, "date", "「日期」不能为空");
	if (valid_date(t->date, norm, why))
		return dj_fail(e, DJ_INVALID, "date", "「日期」%s：%s", why, t->date);
	snprintf(t->date, sizeof t->date, "%s", norm);
	struct org o;
	if (!*t->org)
		return dj_fail(e, DJ_INVALID, "org", "「参训组织」不能为空（按 F4 选择）");
	if (org_find_by_name(s, t->org, &t->org_id) || org_load(s, t->org_id, &o, NULL))
		return dj_fail(e, DJ_INVALID, "org", "「参训组织」%s 不存在（按 F4 选择）", t->org);
	if (!*t->title)
		return dj_fail(e, DJ_INVALID, "title", "「培训主题」不能为空");
	if (!*t->organizer)
		return dj_fail(e, DJ_INVALID, "organizer", "「主办单位」不能为空");
	if (valid_texts(tf, 3, e) || check_form(s, t->form, e))
		return DJ_INVALID;
	if (!*t->hours)
		return dj_fail(e, DJ_INVALID, "hours", "「学时」不能为空");
	if (training_parse_hours(t->hours, half2, why))
		return dj_fail(e, DJ_INVALID, "hours", "「学时」%s：%s", why, t->hours);
	training_format_hours(*half2, t->hours, sizeof t->hours);
	return session_may_write(s, t->org_id, e) ? DJ_DENIED : 0;
}

static int store(struct session *s, struct training *t, int half2, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = t->id == 0
		? "INSERT INTO training(org_id, date, title, organizer, form, hours, notes, updated_by,"
		  " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6 / 2.0, ?7, ?8, " TRN_NOW ")"
		: "UPDATE training SET org_id = ?1, date = ?2, title = ?3, organizer = ?4, form = ?5,"
		  " hours = ?6 / 2.0, notes = ?7, updated_by = ?8, updated_at = " TRN_NOW ","
		  " version = version + 1 WHERE id = ?9 AND version = ?10";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存培训记录");
	sqlite3_bind_int64(st, 1, t->org_id);
	db_bind_text(st, 2, t->date, 0);
	db_bind_text(st, 3, t->title, 0);
	db_bind_text(st, 4, t->organizer, 0);
	db_bind_text(st, 5, t->form, 0);
	sqlite3_bind_int(st, 6, half2);
	db_bind_text(st, 7, t->notes, 1);
	db_bind_text(st, 8, s->login, 1);
	if (t->id) {
		sqlite3_bind_int64(st, 9, t->id);
		sqlite3_bind_int64(st, 10, t->version);
	}
	return db_step_save(s->db, st, &t->id, &t->version, "保存培训记录", e);
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct training *t = rec, was;
	int is_new = t->id == 0, half2 = 0;
	if (!is_new) {
		if (training_load(s, t->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != t->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (session_may_write(s, was.org_id, e))
			return DJ_DENIED;
	}
	if (check_record(s, t, &half2, e) || store(s, t, half2, e))
		return e ? e->code : DJ_INVALID;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "training", t->id, is_new, is_new ? NULL : record_json(&was, &before),
	                     record_json(t, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int training_save(struct session *s, struct training *t, struct dj_err *e)
{
	struct training keep = *t;
	utf8_trim(t->date);
	utf8_trim(t->org);
	utf8_trim(t->title);
	utf8_trim(t->organizer);
	utf8_trim(t->hours);
	int rc = db_txn_run(s, "training", save_in_txn, t, e);
	if (rc) {
		*t = keep;
		return rc;
	}
	return training_load(s, t->id, t, e);
}

struct del { int64_t id, version; };

static int delete_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct del *d = rec;
	struct training was;
	if (training_load(s, d->id, &was, e))
		return e ? e->code : DJ_DB;
	if (was.version != d->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (session_may_write(s, was.org_id, e))
		return DJ_DENIED;
	if (db_exec_ids(s->db, "DELETE FROM training_attendee WHERE training_id = ?", &d->id, 1,
	                "删除培训记录", e) ||
	    db_exec_ids(s->db, "DELETE FROM training WHERE id = ?", &d->id, 1, "删除培训记录", e))
		return DJ_DB;
	struct json j = JSON_INIT;
	int rc = audit_write(s, "training", d->id, "删除", record_json(&was, &j), NULL, e);
	json_free(&j);
	return rc;
}

int training_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct del d = { id, version };
	return db_txn_run(s, "training_delete", delete_in_txn, &d, e);
}

static const struct rs_column record_cols[] = {
	{ "日期", 10, 0, 0, 1 }, { "培训主题", 22, 1, 0, 1, 40, 1 }, { "主办单位", 14, 1, 0, 1, 30 },
	{ "形式", 8, 0, 0, 1 }, { "学时", 4, 0, 1, 1 }, { "参训", 4, 0, 1, 1 },
};

#define ATTENDEES "(SELECT count(*) FROM training_attendee a WHERE a.training_id = t.id)"
#define HOURS_TEXT "CASE WHEN t.hours = CAST(t.hours AS INTEGER) THEN CAST(CAST(t.hours AS INTEGER)" \
	" AS TEXT) ELSE printf('%.1f', t.hours) END"

struct row_source *training_source(struct session *s, int year)
{
	const struct pager_def def = {
		.cols = record_cols, .ncols = sizeof record_cols / sizeof *record_cols,
		.cells = { "t.date", "t.title", "t.organizer", "t.form", HOURS_TEXT, ATTENDEES },
		.sort = { "t.date", "t.title", "t.organizer", "t.form", "printf('%08.1f', t.hours)",
		          "printf('%08d', " ATTENDEES ")" },
		.id = "t.id", .from = "training t",
		.find = "t.title LIKE :fc ESCAPE '\\' OR t.organizer LIKE :fc ESCAPE '\\'"
		        " OR t.form LIKE :fc ESCAPE '\\' OR t.date LIKE :fc ESCAPE '\\'",
	};
	struct pager_def d = def;
	char *where = year ? sqlite3_mprintf("t.date BETWEEN '%04d-01-01' AND '%04d-12-31' AND %s",
	                                     year, year, DB_SUBTREE("t.org_id"))
	                   : sqlite3_mprintf("%s", DB_SUBTREE("t.org_id"));
	d.where = where;
	struct row_source *rs = pager_new_owning(s->db, &d, s->scope_org, where);
	if (rs)
		rs->set_sort(rs->ctx, 0, 1);
	return rs;
}
