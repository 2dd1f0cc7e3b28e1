/* meeting.c — the meeting record's rules and writes. */
#include "orglife/meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "core/validate.h"
#include "org/org.h"

const char *const meeting_types[] = {
	"支部党员大会", "支委会", "党小组会", "党课", "组织生活会", "民主评议", "主题党日", NULL,
};
const char *const meeting_type_short[] = {
	"大会", "支委", "小组", "党课", "生活", "评议", "党日", NULL,
};

int meeting_type_index(const char *type)
{
	for (int i = 0; type && meeting_types[i]; i++)
		if (strcmp(meeting_types[i], type) == 0)
			return i;
	return -1;
}

void meeting_counts_text(const struct att_counts *c, char *out, size_t cap)
{
	int n = snprintf(out, cap, "应到 %d 人  实到 %d 人  请假 %d 人  缺席 %d 人", c->expected,
	                 c->present, c->leave, c->absent);
	if (c->observer && n > 0 && (size_t)n < cap)
		snprintf(out + n, cap - (size_t)n, "  列席 %d 人", c->observer);
}

int meeting_counts(struct session *s, int64_t meeting_id, struct att_counts *c)
{
	sqlite3_stmt *st;
	memset(c, 0, sizeof *c);
	if (sqlite3_prepare_v2(s->db,
	        "SELECT coalesce(sum(state='出席'),0), coalesce(sum(state='请假'),0),"
	        " coalesce(sum(state='缺席'),0), coalesce(sum(state='列席'),0)"
	        " FROM attendance WHERE meeting_id = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, meeting_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->present = sqlite3_column_int(st, 0);
		c->leave = sqlite3_column_int(st, 1);
		c->absent = sqlite3_column_int(st, 2);
		c->observer = sqlite3_column_int(st, 3);
		c->expected = c->present + c->leave + c->absent;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static void fill_counts(struct session *s, struct meeting *m)
{
	struct att_counts c;
	m->counts[0] = 0;
	if (m->id && meeting_counts(s, m->id, &c) == 0)
		meeting_counts_text(&c, m->counts, sizeof m->counts);
}

int meeting_load(struct session *s, int64_t id, struct meeting *m, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db,
	        "SELECT m.id, m.version, m.org_id, o.name, m.type, m.date, m.topic, m.host,"
	        " m.recorder, m.minutes FROM meeting m JOIN org o ON o.id = m.org_id WHERE m.id = ?",
	        id, &st, "读取会议", "该会议记录已不存在（可能已被他人删除）", e);
	if (rc)
		return rc;
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	m->version = sqlite3_column_int64(st, 1);
	m->org_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, m->org, sizeof m->org);
	db_col_text(st, 4, m->type, sizeof m->type);
	db_col_text(st, 5, m->date, sizeof m->date);
	db_col_text(st, 6, m->topic, sizeof m->topic);
	db_col_text(st, 7, m->host, sizeof m->host);
	db_col_text(st, 8, m->recorder, sizeof m->recorder);
	db_col_text(st, 9, m->minutes, sizeof m->minutes);
	db_done(st);
	fill_counts(s, m);
	return 0;
}

/* The organization a meeting names must exist and have existed that day. */
static int check_org(struct session *s, const struct meeting *m, const char *date,
                     struct dj_err *e)
{
	int64_t id;
	struct org o;
	if (!*m->org)
		return dj_fail(e, DJ_INVALID, "org", "「组织」不能为空（按 F4 选择）");
	if (org_find_by_name(s, m->org, &id))
		return dj_fail(e, DJ_INVALID, "org", "组织「%s」不存在（按 F4 选择）", m->org);
	if (org_load(s, id, &o, e))
		return e ? e->code : DJ_DB;
	if (*date && *o.founded_on && strcmp(date, o.founded_on) < 0)
		return dj_fail(e, DJ_INVALID, "date", "「日期」%s 早于「%s」的成立日期 %s", date,
		               o.name, o.founded_on);
	if (strcmp(o.status, "撤销") == 0 && (!*date || strcmp(date, o.dissolved_on) > 0))
		return dj_fail(e, DJ_INVALID, "org", "「%s」已于 %s 撤销", o.name, o.dissolved_on);
	return 0;
}

int meeting_validate(struct session *s, const struct meeting *m, struct dj_err *e)
{
	char why[WHY_MAX], norm[11] = "", now[11];
	/* Every text a message may quote back, before anything quotes it. */
	const struct text_field f[] = {
		{ "org", "组织", m->org, 0 }, { "type", "会议类型", m->type, 0 },
		{ "date", "日期", m->date, 0 }, { "topic", "主题", m->topic, 0 },
		{ "host", "主持人", m->host, 0 }, { "recorder", "记录人", m->recorder, 0 },
		{ "minutes", "会议记录", m->minutes, 1 },
	};
	if (valid_texts(f, sizeof f / sizeof *f, e))
		return DJ_INVALID;
	if (!*m->type)
		return dj_fail(e, DJ_INVALID, "type", "「会议类型」不能为空（按 F4 选择）");
	if (meeting_type_index(m->type) < 0)
		return dj_fail(e, DJ_INVALID, "type", "「会议类型」不在类型表中：%s（按 F4 选择）",
		               m->type);
	if (!*m->date)
		return dj_fail(e, DJ_INVALID, "date", "「日期」不能为空");
	if (valid_date(m->date, norm, why))
		return dj_fail(e, DJ_INVALID, "date", "「日期」%s：%s", why, m->date);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, "date", "「日期」%s 在今天之后（只登记已召开的会议）", norm);
	if (check_org(s, m, norm, e))
		return e ? e->code : DJ_INVALID;
	if (!*m->topic)
		return dj_fail(e, DJ_INVALID, "topic", "「主题」不能为空");
	return 0;
}

static const char *meeting_json(const struct meeting *m, struct json *j)
{
	json_begin(j);
	json_str(j, "组织", m->org);
	json_str(j, "会议类型", m->type);
	json_str(j, "日期", m->date);
	json_str(j, "主题", m->topic);
	json_str(j, "主持人", m->host);
	json_str(j, "记录人", m->recorder);
	json_str(j, "会议记录", m->minutes);
	return json_end(j);
}

static void normalise(struct meeting *m)
{
	char *fields[] = { m->org, m->type, m->topic, m->host, m->recorder };
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		utf8_trim(fields[i]);
	char norm[11];
	if (valid_date(m->date, norm, NULL) == 0)
		memcpy(m->date, norm, sizeof norm);
}

static int write_row(struct session *s, struct meeting *m, struct dj_err *e)
{
	static const char ins[] =
		"INSERT INTO meeting(org_id, type, date, topic, host, recorder, minutes, updated_at,"
		" updated_by) VALUES (?1,?2,?3,?4,?5,?6,?7,"
		" strftime('%Y-%m-%d %H:%M:%S','now','localtime'), ?8)";
	static const char upd[] =
		"UPDATE meeting SET org_id=?1, type=?2, date=?3, topic=?4, host=?5, recorder=?6,"
		" minutes=?7, updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime'),"
		" updated_by=?8, version = version + 1 WHERE id=?9 AND version=?10";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, m->id ? upd : ins, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存会议");
	sqlite3_bind_int64(st, 1, m->org_id);
	const char *vals[] = { m->type, m->date, m->topic, m->host, m->recorder, m->minutes,
	                       s->login };
	for (int i = 0; i < 7; i++)
		db_bind_text(st, i + 2, vals[i], i >= 3);
	if (m->id) {
		sqlite3_bind_int64(st, 9, m->id);
		sqlite3_bind_int64(st, 10, m->version);
	}
	return db_step_save(s->db, st, &m->id, &m->version, "保存会议", e);
}

static int save_in_txn(struct session *s, struct meeting *m, struct dj_err *e)
{
	struct meeting old;
	if (m->id && meeting_load(s, m->id, &old, e))
		return e ? e->code : DJ_DB;
	if (m->id && old.version != m->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (meeting_validate(s, m, e))
		return e ? e->code : DJ_INVALID;
	org_find_by_name(s, m->org, &m->org_id);
	if (session_may_move(s, m->id != 0, old.org_id, m->org_id, e))
		return DJ_DENIED;
	int is_new = m->id == 0;
	if (write_row(s, m, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;   /* old is the record as it was */
	int rc = audit_saved(s, "meeting", m->id, is_new, is_new ? NULL : meeting_json(&old, &before),
	                     meeting_json(m, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int meeting_save(struct session *s, struct meeting *m, struct dj_err *e)
{
	normalise(m);
	struct db_txn t;
	if (db_txn_begin(&t, s->db, 0, NULL, e))
		return DJ_DB;
	struct meeting keep = *m;
	int rc = db_txn_end(&t, save_in_txn(s, m, e), e);
	if (rc) {
		*m = keep;   /* what the operator typed stays as it was */
		return rc;
	}
	fill_counts(s, m);
	return 0;
}

static int delete_in_txn(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct meeting m;
	if (meeting_load(s, id, &m, e))
		return e ? e->code : DJ_DB;
	if (m.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (session_may_write(s, m.org_id, e))
		return DJ_DENIED;
	static const char *const sql[] = { "DELETE FROM attendance WHERE meeting_id=?",
	                                   "DELETE FROM meeting WHERE id=?" };
	for (int i = 0; i < 2; i++)
		if (db_exec_ids(s->db, sql[i], &id, 1, "删除会议", e))
			return DJ_DB;
	struct json before = JSON_INIT;
	int rc = audit_write(s, "meeting", id, "删除", meeting_json(&m, &before), NULL, e);
	json_free(&before);
	return rc;
}

int meeting_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, 0, NULL, e))
		return DJ_DB;
	return db_txn_end(&t, delete_in_txn(s, id, version, e), e);
}

int meeting_branches(struct session *s, int64_t scope, struct branch_ref **out, int *n,
                     struct dj_err *e)
{
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db,
	        MEETING_SUBTREE("?1") " SELECT o.id, o.name, o.name_py, coalesce(o.founded_on, ''),"
	        " CASE WHEN o.status = '撤销' THEN coalesce(o.dissolved_on, '0000-00-00') ELSE '' END"
	        " FROM org o WHERE (?1 = 0 OR o.id IN (SELECT id FROM sub))"
	        " AND (o.kind = '党支部' OR (o.kind = '党总支' AND NOT EXISTS (SELECT 1 FROM org c"
	        " WHERE c.parent_id = o.id AND c.kind = '党支部' AND c.status = '正常')))"
	        " ORDER BY CASE o.status WHEN '正常' THEN 0 ELSE 1 END, o.sort_key, o.id",
	        -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取党支部");
	sqlite3_bind_int64(st, 1, scope);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			struct branch_ref *m = realloc(*out, (size_t)cap * sizeof *m);
			if (!m) {
				sqlite3_finalize(st);
				return dj_fail(e, DJ_DB, NULL, "内存不足");
			}
			*out = m;
		}
		struct branch_ref *b = &(*out)[(*n)++];
		b->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, b->name, sizeof b->name);
		db_col_text(st, 2, b->name_py, sizeof b->name_py);
		db_col_text(st, 3, b->founded_on, sizeof b->founded_on);
		db_col_text(st, 4, b->dissolved_on, sizeof b->dissolved_on);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "读取党支部");
}
