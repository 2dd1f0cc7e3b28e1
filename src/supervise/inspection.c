/* inspection.c — 督导检查 (seed 003 四(二)): a date, the inspection group
 * (组长 and members as text) and the organizations visited, each with what
 * was found, the follow-up required with its deadline, and when the
 * follow-up was done.  The inspection is saved as a whole; a follow-up done
 * is recorded on its line alone, so an office closes it months later
 * without touching the rest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "supervise/internal.h"

#define LINE_COLS "v.id, v.version, v.org_id, o.name, v.findings, v.followup," \
	" coalesce(v.deadline, ''), coalesce(v.done_on, ''), v.done_note"

static void read_line(sqlite3_stmt *st, int at, struct sup_visited *v)
{
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(st, at);
	v->version = sqlite3_column_int64(st, at + 1);
	v->org_id = sqlite3_column_int64(st, at + 2);
	db_col_text(st, at + 3, v->org, sizeof v->org);
	db_col_text(st, at + 4, v->findings, sizeof v->findings);
	db_col_text(st, at + 5, v->followup, sizeof v->followup);
	db_col_text(st, at + 6, v->deadline, sizeof v->deadline);
	db_col_text(st, at + 7, v->done_on, sizeof v->done_on);
	db_col_text(st, at + 8, v->done_note, sizeof v->done_note);
}

static int load_lines(struct session *s, struct sup_inspection *in, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT " LINE_COLS " FROM inspection_org v JOIN org o"
	                       " ON o.id = v.org_id WHERE v.inspection_id = ? ORDER BY v.id", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取被检查党组织");
	sqlite3_bind_int64(st, 1, in->id);
	in->nvisited = 0;
	while (in->nvisited < SUP_MAX_VISITED && sqlite3_step(st) == SQLITE_ROW)
		read_line(st, 0, &in->visited[in->nvisited++]);
	sqlite3_finalize(st);
	return 0;
}

int sup_inspection_load(struct session *s, int64_t id, struct sup_inspection *in,
                        struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT id, version, on_date, leader, team, note FROM inspection"
	                     " WHERE id = ?", id, &st, "读取督导检查", "该督导检查记录已不存在", e);
	if (rc)
		return rc;
	memset(in, 0, sizeof *in);
	in->id = sqlite3_column_int64(st, 0);
	in->version = sqlite3_column_int64(st, 1);
	db_col_text(st, 2, in->on_date, sizeof in->on_date);
	db_col_text(st, 3, in->leader, sizeof in->leader);
	db_col_text(st, 4, in->team, sizeof in->team);
	db_col_text(st, 5, in->note, sizeof in->note);
	db_done(st);
	return load_lines(s, in, e);
}

int sup_visited_load(struct session *s, int64_t id, struct sup_visited *v, char on_date[11],
                     struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT " LINE_COLS ", i.on_date FROM inspection_org v JOIN org o"
	                     " ON o.id = v.org_id JOIN inspection i ON i.id = v.inspection_id"
	                     " WHERE v.id = ?", id, &st, "读取督导整改", "该督导整改记录已不存在", e);
	if (rc)
		return rc;
	read_line(st, 0, v);
	if (on_date)
		db_col_text(st, 9, on_date, 11);
	db_done(st);
	return 0;
}

int sup_followup_late(const struct sup_visited *v, const char *today)
{
	return *v->followup && !*v->done_on && *v->deadline && strcmp(today, v->deadline) > 0;
}

static const char *line_json(const struct sup_visited *v, const char *on_date, struct json *j)
{
	json_begin(j);
	json_str(j, "检查日期", on_date);
	json_str(j, "被检查党组织", v->org);
	json_str(j, "检查发现", v->findings);
	json_str(j, "整改要求", v->followup);
	json_str(j, "整改期限", v->deadline);
	json_str(j, "整改完成日期", v->done_on);
	json_str(j, "整改情况", v->done_note);
	return json_end(j);
}

static const char *inspection_json(const struct sup_inspection *in, struct json *j)
{
	char orgs[512] = "";
	for (int i = 0; i < in->nvisited; i++) {
		size_t at = strlen(orgs);
		snprintf(orgs + at, sizeof orgs - at, "%s%s", i ? "、" : "", in->visited[i].org);
	}
	json_begin(j);
	json_str(j, "检查日期", in->on_date);
	json_str(j, "组长", in->leader);
	json_str(j, "检查组成员", in->team);
	json_str(j, "备注", in->note);
	json_str(j, "被检查党组织", orgs);
	return json_end(j);
}

/* The follow-up's own dates: a deadline with every follow-up, neither
 * date before the inspection.  Field keys carry the line: deadline3. */
static int check_followup(struct sup_visited *v, int i, const char *on_date, struct dj_err *e)
{
	char key[24], key2[24];
	snprintf(key, sizeof key, "deadline%d", i);
	snprintf(key2, sizeof key2, "done_on%d", i);
	if (sup_check_date_opt(v->deadline, key, "整改期限", 0, e) ||
	    sup_check_date_opt(v->done_on, key2, "整改完成日期", 1, e))
		return DJ_INVALID;
	if (*v->followup && !*v->deadline)
		return dj_fail(e, DJ_INVALID, key, "「整改期限」%s 有整改要求，须填写整改期限", v->org);
	if (*v->deadline && strcmp(v->deadline, on_date) < 0)
		return dj_fail(e, DJ_INVALID, key, "「整改期限」%s 在检查日期 %s 之前", v->deadline,
		               on_date);
	if (*v->done_on && !*v->followup)
		return dj_fail(e, DJ_INVALID, key2, "「整改完成日期」%s 没有整改要求，不需登记整改完成",
		               v->org);
	if (*v->done_on && strcmp(v->done_on, on_date) < 0)
		return dj_fail(e, DJ_INVALID, key2, "「整改完成日期」%s 在检查日期 %s 之前", v->done_on,
		               on_date);
	return 0;
}

static int check_line(struct session *s, struct sup_inspection *in, int i, struct dj_err *e)
{
	struct sup_visited *v = &in->visited[i];
	char key[24];
	snprintf(key, sizeof key, "org%d", i);
	if (sup_org_name(s, v->org_id, key, v->org, NULL, e))
		return DJ_INVALID;
	if (session_may_write(s, v->org_id, e))
		return DJ_DENIED;
	for (int k = 0; k < i; k++)
		if (in->visited[k].org_id == v->org_id)
			return dj_fail(e, DJ_INVALID, key, "「被检查党组织」%s 已在第 %d 行，每个党组织只列一次",
			               v->org, k + 1);
	const struct text_field t[] = { { key, "检查发现", v->findings, 1 },
	                                { key, "整改要求", v->followup, 1 },
	                                { key, "整改情况", v->done_note, 1 } };
	if (valid_texts(t, 3, e))
		return DJ_INVALID;
	return check_followup(v, i, in->on_date, e);
}

static int check_inspection(struct session *s, struct sup_inspection *in, struct dj_err *e)
{
	const struct text_field t[] = { { "leader", "组长", in->leader, 0 },
	                                { "team", "检查组成员", in->team, 0 },
	                                { "note", "备注", in->note, 1 } };
	if (sup_check_date(in->on_date, "on_date", "检查日期", e) || valid_texts(t, 3, e))
		return DJ_INVALID;
	if (!*in->leader)
		return dj_fail(e, DJ_INVALID, "leader", "「组长」不能为空：填写检查组组长");
	if (in->nvisited <= 0)
		return dj_fail(e, DJ_INVALID, "org0", "「被检查党组织」至少填写一个");
	for (int i = 0; i < in->nvisited; i++) {
		int rc = check_line(s, in, i, e);
		if (rc)
			return rc;
	}
	return 0;
}

static int store_head(struct session *s, struct sup_inspection *in, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = in->id == 0
		? "INSERT INTO inspection(on_date, leader, team, note, updated_by, updated_at)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, " SUP_NOW ")"
		: "UPDATE inspection SET on_date = ?1, leader = ?2, team = ?3, note = ?4,"
		  " updated_by = ?5, updated_at = " SUP_NOW ", version = version + 1"
		  " WHERE id = ?6 AND version = ?7";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存督导检查");
	db_bind_text(st, 1, in->on_date, 0);
	db_bind_text(st, 2, in->leader, 0);
	db_bind_text(st, 3, in->team, 0);
	db_bind_text(st, 4, in->note, 0);
	db_bind_text(st, 5, s->login, 1);
	if (in->id) {
		sqlite3_bind_int64(st, 6, in->id);
		sqlite3_bind_int64(st, 7, in->version);
	}
	return db_step_save(s->db, st, &in->id, &in->version, "保存督导检查", e);
}

static int store_line(struct session *s, int64_t inspection, struct sup_visited *v,
                      struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = v->id == 0
		? "INSERT INTO inspection_org(org_id, findings, followup, deadline, done_on, done_note,"
		  " updated_by, updated_at, inspection_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " SUP_NOW
		  ", ?8)"
		: "UPDATE inspection_org SET org_id = ?1, findings = ?2, followup = ?3, deadline = ?4,"
		  " done_on = ?5, done_note = ?6, updated_by = ?7, updated_at = " SUP_NOW ","
		  " version = version + 1 WHERE inspection_id = ?8 AND id = ?9";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存被检查党组织");
	sqlite3_bind_int64(st, 1, v->org_id);
	db_bind_text(st, 2, v->findings, 0);
	db_bind_text(st, 3, v->followup, 0);
	db_bind_text(st, 4, v->deadline, 1);
	db_bind_text(st, 5, v->done_on, 1);
	db_bind_text(st, 6, v->done_note, 0);
	db_bind_text(st, 7, s->login, 1);
	sqlite3_bind_int64(st, 8, inspection);
	if (v->id)
		sqlite3_bind_int64(st, 9, v->id);
	if (db_step_done(s->db, st, "保存被检查党组织", e))
		return DJ_DB;
	if (!v->id)
		v->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static const struct sup_visited *line_with(const struct sup_inspection *in, int64_t id)
{
	for (int i = 0; id && i < in->nvisited; i++)
		if (in->visited[i].id == id)
			return &in->visited[i];
	return NULL;
}

/* Lines left out are removed (audited), the others inserted or updated;
 * a line is audited when it is new or changed. */
static int store_lines(struct session *s, struct sup_inspection *in,
                       const struct sup_inspection *was, struct dj_err *e)
{
	struct json a = JSON_INIT, b = JSON_INIT;
	int rc = 0;
	for (int i = 0; !rc && was && i < was->nvisited; i++) {
		const struct sup_visited *old = &was->visited[i];
		if (line_with(in, old->id))
			continue;
		int64_t ids[1] = { old->id };
		rc = db_exec_ids(s->db, "DELETE FROM inspection_org WHERE id = ?1", ids, 1,
		                 "删除被检查党组织", e);
		if (!rc)
			rc = audit_write(s, "inspection_org", old->id, "删除",
			                 line_json(old, was->on_date, &b), NULL, e);
	}
	for (int i = 0; !rc && i < in->nvisited; i++) {
		struct sup_visited *v = &in->visited[i];
		const struct sup_visited *old = was ? line_with(was, v->id) : NULL;
		if (!old)
			v->id = 0;
		rc = store_line(s, in->id, v, e);
		if (rc)
			break;
		const char *now = line_json(v, in->on_date, &a);
		const char *then = old ? line_json(old, was->on_date, &b) : NULL;
		if (!then || strcmp(now, then) != 0)
			rc = audit_saved(s, "inspection_org", v->id, !old, then, now, e);
	}
	json_free(&a);
	json_free(&b);
	return rc;
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct sup_inspection *in = rec;
	struct sup_inspection *was = NULL;
	int rc = 0;
	if (in->id) {
		was = malloc(sizeof *was);
		if (!was)
			return dj_fail(e, DJ_DB, NULL, "内存不足");
		if (sup_inspection_load(s, in->id, was, e))
			rc = e ? e->code : DJ_DB;
		else if (was->version != in->version)
			rc = dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		for (int i = 0; !rc && i < was->nvisited; i++)
			if (session_may_write(s, was->visited[i].org_id, e))
				rc = DJ_DENIED;
	}
	if (!rc)
		rc = check_inspection(s, in, e);
	if (!rc)
		rc = store_head(s, in, e);
	if (!rc)
		rc = store_lines(s, in, was, e);
	if (!rc) {
		struct json before = JSON_INIT, after = JSON_INIT;
		rc = audit_saved(s, "inspection", in->id, !was, was ? inspection_json(was, &before) : NULL,
		                 inspection_json(in, &after), e);
		json_free(&before);
		json_free(&after);
	}
	free(was);
	return rc;
}

int sup_inspection_save(struct session *s, struct sup_inspection *in, struct dj_err *e)
{
	struct sup_inspection *keep = malloc(sizeof *keep);
	if (!keep)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	*keep = *in;
	utf8_trim(in->on_date);
	utf8_trim(in->leader);
	for (int i = 0; i < in->nvisited; i++) {
		utf8_trim(in->visited[i].deadline);
		utf8_trim(in->visited[i].done_on);
		utf8_trim(in->visited[i].followup);
	}
	int rc = db_txn_run(s, "inspection", save_in_txn, in, e);
	if (rc)
		*in = *keep;
	free(keep);
	return rc ? rc : sup_inspection_load(s, in->id, in, e);
}

static int done_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct sup_visited *v = rec, was;
	char on_date[11];
	if (sup_visited_load(s, v->id, &was, on_date, e))
		return e ? e->code : DJ_DB;
	if (was.version != v->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (session_may_write(s, was.org_id, e))
		return DJ_DENIED;
	struct sup_visited now = was;
	snprintf(now.done_on, sizeof now.done_on, "%s", v->done_on);
	snprintf(now.done_note, sizeof now.done_note, "%s", v->done_note);
	const struct text_field t = { "done_note", "整改情况", now.done_note, 1 };
	if (!*now.done_on)
		return dj_fail(e, DJ_INVALID, "done_on", "「整改完成日期」不能为空");
	if (valid_texts(&t, 1, e) || check_followup(&now, 0, on_date, e)) {
		if (e && strncmp(e->field, "done_on", 7) == 0)
			snprintf(e->field, sizeof e->field, "done_on");
		return DJ_INVALID;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE inspection_org SET done_on = ?1, done_note = ?2,"
	                       " updated_by = ?3, updated_at = " SUP_NOW ", version = version + 1"
	                       " WHERE id = ?4 AND version = ?5", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存整改情况");
	db_bind_text(st, 1, now.done_on, 0);
	db_bind_text(st, 2, now.done_note, 0);
	db_bind_text(st, 3, s->login, 1);
	sqlite3_bind_int64(st, 4, v->id);
	sqlite3_bind_int64(st, 5, v->version);
	int rc = db_step_update(s->db, st, "保存整改情况", DB_CONFLICT_SAVE, e);
	if (rc)
		return rc;
	struct json before = JSON_INIT, after = JSON_INIT;
	rc = audit_write(s, "inspection_org", v->id, "整改完成", line_json(&was, on_date, &before),
	                 line_json(&now, on_date, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int sup_followup_done(struct session *s, struct sup_visited *v, struct dj_err *e)
{
	utf8_trim(v->done_on);
	char norm[11];
	if (*v->done_on && valid_date(v->done_on, norm, NULL) == 0)
		memcpy(v->done_on, norm, sizeof norm);
	int rc = db_txn_run(s, "inspection_org", done_in_txn, v, e);
	return rc ? rc : sup_visited_load(s, v->id, v, NULL, e);
}
