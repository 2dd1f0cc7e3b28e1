/* training.h — 教育培训学时 (党员教育培训制度, seed 000 三(3)): training
 * sessions (date, title, 主办单位, form, 学时), who attended each, and a
 * member's hours for a year against [training] target_hours.
 *
 * A member's hours in a year are the sessions of that year attended (their
 * own hours where the attendee row has them, else the session's), plus
 * [training] meeting_hours for every meeting of a [training] meeting_types
 * type (default 党课) that year on whose sign-in sheet they are 出席.  The
 * meeting part is computed from attendance, never copied: triggers in
 * migration 020 keep a per-member-year count the ledger reads.
 *
 * Hours are kept in half-hours (学时 × 2) in this interface, so 1.5 学时
 * adds up exactly; text shows them as "2" or "1.5". */
#ifndef DJ_TRAINING_H
#define DJ_TRAINING_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "core/validate.h"

#define TRAINING_MAX_TYPES 8
#define TRAINING_MAX_FORMS 12

/* ---- the settings and hours as text (rules.c) ----------------------- */

struct training_rules {
	int target2;                    /* target_hours × 2 (64) */
	int meeting2;                   /* meeting_hours × 2 (4) */
	char types[TRAINING_MAX_TYPES][24];   /* meeting types counted (党课) */
	int ntypes;
	char forms[TRAINING_MAX_FORMS][24];   /* 集中学习,党课,网络学习,专题培训,… */
	int nforms;
	const char *form_list[TRAINING_MAX_FORMS + 1];   /* forms, NULL-ended, for a choice field */
};

/* From [training] target_hours (32; 1..200), meeting_hours (2; 0..24,
 * halves allowed), meeting_types (党课; meeting types, comma-separated)
 * and forms; a value that does not read falls back to its default. */
void training_rules_from(const struct config *c, struct training_rules *r);

/* "2", "1.5", "２" (全角 too), "1.0": 0 with *half2 = 学时 × 2, > 0 and at
 * most 200 学时; -1 with why (not a number, not a multiple of 0.5, 0). */
int training_parse_hours(const char *text, int *half2, char why[WHY_MAX]);
/* 4 -> "2", 3 -> "1.5", 0 -> "0", -3 -> "-1.5". */
void training_format_hours(int half2, char *out, size_t cap);

/* ---- sessions (record.c) ---------------------------------------------- */

struct training {
	int64_t id, version, org_id;
	char org[128];          /* 参训组织: whose members the attendance sheet lists */
	char date[11];
	char title[128];        /* 培训主题 */
	char organizer[128];    /* 主办单位 */
	char form[24];          /* 培训形式 */
	char hours[8];          /* 学时 as typed */
	char notes[256];
	int attendees;          /* shown: members who attended */
};

/* A new session's defaults: today, the operator's top organization as both
 * 参训组织 and 主办单位, the first form, 2 学时. */
void training_defaults(struct session *s, const struct training_rules *r, struct training *t);
int training_load(struct session *s, int64_t id, struct training *t, struct dj_err *e);
/* Validates (field keys: date org title organizer form hours notes) and
 * inserts or updates with the version check, audited. */
int training_save(struct session *s, struct training *t, struct dj_err *e);
/* Deletes a session and its attendance. */
int training_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);
/* Sessions in scope of `year` (0: all), latest first:
 * 日期 培训主题 主办单位 形式 学时 参训人数. */
struct row_source *training_source(struct session *s, int year);

/* ---- who attended (attendee.c) ---------------------------------------- */

struct trn_row {
	int64_t member_id;
	char name[64];
	char org[128];          /* the member's own organization (党小组, else branch) */
	char tell[24];          /* tells namesakes apart (MEMBER_TELL_SQL) */
	int on;                 /* 1 参加, 0 未参加 */
	int own2;               /* the member's own hours × 2; 0: the session's */
	int stored;             /* came from the database */
};

struct trn_sheet {
	int64_t training_id, version, org_id;
	char org[128];
	char date[11];
	char title[128];
	int hours2;             /* the session's hours × 2 */
	struct trn_row *rows;
	int n;
};

/* The session and its sheet: the current members (状态 正常) of 参训组织
 * and below, and anyone recorded, all 未参加 on a sheet never saved. */
int training_sheet_load(struct session *s, int64_t training_id, struct trn_sheet *sh,
                        struct dj_err *e);
void training_sheet_free(struct trn_sheet *sh);
/* Adds a member from elsewhere (a lookup across organizations) marked
 * 参加; an already listed one is marked instead.  The row's index, or -1
 * with why (not found, not 正常, out of memory). */
int training_sheet_add(struct session *s, struct trn_sheet *sh, int64_t member_id,
                       struct dj_err *e);
/* Members marked 参加, and their hours × 2 in all. */
void training_sheet_count(const struct trn_sheet *sh, int *on, int *hours2);
/* Saves the sheet in one transaction under the session's version (else
 * DJ_CONFLICT); the stored rows become the 参加 ones.  Audited as one
 * change of the session ("参训").  sh->version moves on. */
int training_sheet_save(struct session *s, struct trn_sheet *sh, struct dj_err *e);

/* ---- the hours ledger (ledger.c) -------------------------------------- */

/* One member's hours in `year` × 2: from sessions, from counted meetings. */
int training_member_hours(struct session *s, int64_t member_id, int year, int *train2,
                          int *meet2, struct dj_err *e);

/* The member form's line: "2026 年学时：12 / 32，差 20" (or "，已达标"),
 * training and counted meetings together against [training] target_hours. */
void training_member_line(struct session *s, int64_t member_id, int year, char *out, size_t cap);

/* The members (状态 正常) under scope (0: the operator's), by organization:
 * 所在组织 姓名 培训学时 会议学时 已完成 目标 差额; short_only lists those
 * below the target.  Flags: RS_FLAG_WARN for short. */
struct row_source *training_ledger_source(struct session *s, const struct training_rules *r,
                                          int year, int64_t scope, int short_only);
/* How many are listed and how many are short. */
int training_ledger_totals(struct session *s, const struct training_rules *r, int year,
                           int64_t scope, long *members, long *short_n, struct dj_err *e);
/* The ledger as CSV or xlsx (the columns above). */
int training_ledger_export(struct session *s, int year, int64_t scope, int short_only,
                           const char *path, FILE *report, int *exported);
/* The command line's: this year's ledger of the operator's scope. */
int training_export_all(struct session *s, const char *path, FILE *report, int *exported);

#endif
