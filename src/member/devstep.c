/* devstep.c — the catalogue of the 细则's steps, and the dev_step rows:
 * reading, saving (with the step's own checks, audited) and removing. */
#include "member/devstep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "core/validate.h"
#include "member/member.h"

#define NEVER DEV_NSTAGES
#define ROW (DS_ROW | DS_OPTIONAL)
/* In the 细则's order: its five stages, each step where the 细则 puts it. */
const struct dev_step_def dev_steps[] = {
	{ "申请", "递交入党申请书", 1, DEV_APPLICANT, 0, "applied_on", NULL, NULL },
	{ "谈话", "党组织派人谈话", 1, DEV_ACTIVIST, 0, "talked_on", NULL, NULL },
	{ "推荐", "党员推荐、群团推优", 2, DEV_ACTIVIST, ROW | DS_NUMBER | DS_VOTES, NULL,
	  "推荐方式", "推荐情况" },
	{ "积极分子", "确定入党积极分子", 2, DEV_ACTIVIST, 0, "activist_on", NULL, NULL },
	{ "积极分子备案", "积极分子报上级党委备案", 2, DEV_CANDIDATE, ROW, NULL, NULL, "备案情况" },
	{ "联系人", "指定培养联系人", 2, DEV_ACTIVIST, 0, "mentor1", NULL, NULL },
	{ "考察", "培养教育考察（每半年）", 2, DEV_CANDIDATE, ROW | DS_REPEAT, NULL, NULL, "考察意见" },
	{ "听取意见", "听取党员和群众意见", 3, DEV_CANDIDATE, ROW, NULL, NULL, "意见情况" },
	{ "发展对象", "确定发展对象", 3, DEV_CANDIDATE, 0, "candidate_on", NULL, NULL },
	{ "发展对象公示", "发展对象公示", 3, DEV_PROBATIONER, ROW | DS_UNTIL, NULL, NULL, "异议及处理" },
	{ "发展对象备案", "发展对象报上级党委备案", 3, DEV_PROBATIONER, ROW, NULL, NULL, "备案情况" },
	{ "介绍人", "确定入党介绍人", 3, DEV_PROBATIONER, 0, "sponsor1", NULL, NULL },
	{ "政审", "政治审查", 3, DEV_PROBATIONER, 0, "vetted_on", NULL, NULL },
	{ "培训", "集中培训", 3, DEV_PROBATIONER, 0, "training_hours", NULL, NULL },
	{ "支委会审查", "支部委员会审查", 4, DEV_PROBATIONER, ROW, NULL, NULL, "审查意见" },
	{ "上级预审", "上级党委预审", 4, DEV_PROBATIONER, ROW, NULL, NULL, "预审意见" },
	{ "入党志愿书", "填写入党志愿书", 4, DEV_PROBATIONER, ROW | DS_NUMBER, NULL, "志愿书编号",
	  "说明" },
	{ "支部大会", "支部大会讨论接收", 4, DEV_PROBATIONER, 0, "branch_meeting_on", NULL, NULL },
	{ "派人谈话", "上级党委派人谈话", 4, DEV_PROBATIONER, ROW, NULL, NULL, "谈话情况" },
	{ "审批", "上级党委审批", 4, DEV_PROBATIONER, 0, "approved_on", NULL, NULL },
	{ "审批备案", "再上一级党委组织部门备案", 4, DEV_FULL, ROW, NULL, NULL, "备案情况" },
	{ "编入党小组", "编入党支部和党小组", 5, DEV_FULL, ROW | DS_NUMBER, NULL, "党小组", "说明" },
	{ "宣誓", "入党宣誓", 5, NEVER, 0, "sworn_on", NULL, NULL },
	{ "转正申请", "提出转正申请", 5, DEV_FULL, ROW, NULL, NULL, "说明" },
	{ "转正公示", "预备党员转正公示", 5, DEV_FULL, ROW | DS_UNTIL, NULL, NULL, "异议及处理" },
	{ "转正", "支部大会讨论转正", 5, DEV_FULL, 0, "confirmed_on", NULL, NULL },
};
#undef ROW
const int dev_nsteps = sizeof dev_steps / sizeof *dev_steps;

const char *const dev_phase_names[] = {
	"", "入党申请", "积极分子", "发展对象", "接收预备", "转正", NULL,
};

const char *const dev_step_state_names[] = { "", "已完成", "待办", "未记录", "不适用" };

const struct dev_step_def *dev_step_find(const char *key)
{
	for (int i = 0; i < dev_nsteps; i++)
		if (strcmp(dev_steps[i].key, key) == 0)
			return &dev_steps[i];
	return NULL;
}

unsigned long dev_step_optional_mask(const char *list, char bad[64])
{
	unsigned long mask = 0;
	char buf[512], *p = buf;
	if (bad)
		bad[0] = 0;
	snprintf(buf, sizeof buf, "%s", list ? list : "");
	for (char *q; (q = strstr(p, "，")); )   /* 全角逗号 as an input method types it */
		memcpy(q, ",  ", 3);
	for (char *tok = strtok(p, ","); tok; tok = strtok(NULL, ",")) {
		utf8_trim(tok);
		if (!*tok)
			continue;
		const struct dev_step_def *d = dev_step_find(tok);
		if (d && (d->has & DS_OPTIONAL))
			mask |= 1ul << (d - dev_steps);
		else if (bad && !*bad)
			snprintf(bad, 64, "%s", tok);
	}
	return mask;
}

int dev_step_is_optional(const struct dev_rules *r, const struct dev_step_def *d)
{
	return (r->optional >> (d - dev_steps)) & 1;
}

/* ---- rows ------------------------------------------------------------------ */

#define STEP_COLS "id, version, case_id, step, done_on, coalesce(until_on, ''), coalesce(number, ''),"\
	" coalesce(votes, ''), coalesce(of_votes, ''), coalesce(note, '')"

static void read_row(sqlite3_stmt *st, struct dev_step *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->case_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, r->step, sizeof r->step);
	db_col_text(st, 4, r->done_on, sizeof r->done_on);
	db_col_text(st, 5, r->until_on, sizeof r->until_on);
	db_col_text(st, 6, r->number, sizeof r->number);
	db_col_text(st, 7, r->votes, sizeof r->votes);
	db_col_text(st, 8, r->of_votes, sizeof r->of_votes);
	db_col_text(st, 9, r->note, sizeof r->note);
}

int dev_step_list(struct session *s, int64_t case_id, struct dev_step **out, struct dj_err *e)
{
	sqlite3_stmt *st;
	int n = 0, cap = 0;
	*out = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT " STEP_COLS " FROM dev_step WHERE case_id = ?"
	                       " ORDER BY done_on, id", -1, &st, NULL) != SQLITE_OK) {
		db_fail(s->db, e, "读取发展程序");
		return -1;
	}
	sqlite3_bind_int64(st, 1, case_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			struct dev_step *more = realloc(*out, (size_t)(cap = cap ? 2 * cap : 16) * sizeof **out);
			if (!more) {
				sqlite3_finalize(st);
				free(*out);
				*out = NULL;
				dj_fail(e, DJ_DB, NULL, "内存不足");
				return -1;
			}
			*out = more;
		}
		read_row(st, &(*out)[n++]);
	}
	sqlite3_finalize(st);
	return n;
}

int dev_step_load(struct session *s, int64_t id, struct dev_step *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT " STEP_COLS " FROM dev_step WHERE id = ?", id, &st,
	                     "读取发展程序", "该步骤的记录已不存在", e);
	if (rc)
		return rc;
	read_row(st, r);
	db_done(st);
	return 0;
}

static const char *step_json(const struct dev_step *r, struct json *j)
{
	json_begin(j);
	json_str(j, "step", r->step);
	json_str(j, "done_on", r->done_on);
	json_str(j, "until_on", r->until_on);
	json_str(j, "number", r->number);
	json_str(j, "votes", r->votes);
	json_str(j, "of_votes", r->of_votes);
	json_str(j, "note", r->note);
	return json_end(j);
}

static void bind_opt_int(sqlite3_stmt *st, int at, const char *v)
{
	if (*v)
		sqlite3_bind_int(st, at, atoi(v));
	else
		sqlite3_bind_null(st, at);
}

static int write_step(struct session *s, struct dev_step *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = r->id
		? "UPDATE dev_step SET done_on=?2, until_on=?3, number=?4, votes=?5, of_votes=?6,"
		  " note=?7, updated_by=?8, version=version+1,"
		  " updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime')"
		  " WHERE id=?9 AND version=?10"
		: "INSERT INTO dev_step(case_id, done_on, until_on, number, votes, of_votes, note,"
		  " updated_by, step) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存发展程序");
	if (!r->id)
		sqlite3_bind_int64(st, 1, r->case_id);
	sqlite3_bind_text(st, 2, r->done_on, -1, SQLITE_STATIC);
	db_bind_text(st, 3, r->until_on, 1);
	db_bind_text(st, 4, r->number, 1);
	bind_opt_int(st, 5, r->votes);
	bind_opt_int(st, 6, r->of_votes);
	db_bind_text(st, 7, r->note, 1);
	sqlite3_bind_text(st, 8, s->login, -1, SQLITE_STATIC);
	if (r->id) {
		sqlite3_bind_int64(st, 9, r->id);
		sqlite3_bind_int64(st, 10, r->version);
	} else {
		sqlite3_bind_text(st, 9, r->step, -1, SQLITE_STATIC);
	}
	return db_step_save(s->db, st, &r->id, &r->version, "保存发展程序", e);
}

static int save_in_txn(struct session *s, struct dev_step *r, struct dj_err *e)
{
	struct dev_case c;
	struct dev_step old;
	if (dev_load(s, r->case_id, &c, e) || (r->id && dev_step_load(s, r->id, &old, e)))
		return e ? e->code : DJ_DB;
	if (r->id && old.version != r->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (r->id)
		snprintf(r->step, sizeof r->step, "%s", old.step);
	if (session_may_move(s, 1, c.org_id, c.org_id, e))
		return DJ_DENIED;
	if (dev_step_check_row(s, r, &c, e))
		return e ? e->code : DJ_INVALID;
	int is_new = r->id == 0;
	if (write_step(s, r, e) || dev_step_group(s, &c, r, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_write(s, "dev_step", r->id, is_new ? "新增" : "修改",
	                     is_new ? NULL : step_json(&old, &before), step_json(r, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int dev_step_save(struct session *s, struct dev_step *r, int in_txn, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, in_txn, "dev_step_save", e))
		return DJ_DB;
	struct dev_step keep = *r;
	int rc = db_txn_end(&t, save_in_txn(s, r, e), e);
	if (rc)
		*r = keep;   /* what the operator typed stays as typed */
	return rc;
}

static int delete_in_txn(struct session *s, int64_t id, struct dj_err *e)
{
	struct dev_step old;
	struct dev_case c;
	if (dev_step_load(s, id, &old, e) || dev_load(s, old.case_id, &c, e))
		return e ? e->code : DJ_DB;
	if (session_may_move(s, 1, c.org_id, c.org_id, e))
		return DJ_DENIED;
	int stage = dev_stage_of(c.stage);
	if (stage == DEV_FULL || stage == DEV_ENDED)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」已%s，记录只能查看", c.name,
		               stage == DEV_FULL ? "转正" : "终止培养");
	int64_t ids[1] = { id };
	if (db_exec_ids(s->db, "DELETE FROM dev_step WHERE id = ?", ids, 1, "删除发展程序", e))
		return DJ_DB;
	struct json before = JSON_INIT;
	int rc = audit_write(s, "dev_step", id, "删除", step_json(&old, &before), NULL, e);
	json_free(&before);
	return rc;
}

int dev_step_delete(struct session *s, int64_t id, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, 0, "dev_step_delete", e))
		return DJ_DB;
	return db_txn_end(&t, delete_in_txn(s, id, e), e);
}
