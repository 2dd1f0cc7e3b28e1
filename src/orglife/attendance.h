/* attendance.h — the sign-in and leave sheet of a meeting (签到请假制度,
 * seed 000).
 *
 * The sheet lists the meeting organization's current members (status 正常,
 * in the organization or anywhere below it: a 党支部's sheet includes its
 * 党小组, a 党总支's or 党委's the whole subtree; a 党小组's sheet lists the
 * members whose 所在党小组 it is) and anyone already recorded.  Each row is 出席, 请假, 缺席, 列席, or not expected (blank: not
 * stored, not counted).  应到 = 出席 + 请假 + 缺席; 实到 = 出席; 列席 are
 * counted apart.
 *
 * A meeting whose sheet was never filled starts with every member 出席
 * (the operator marks the exceptions), except a 支委会, which only the
 * committee attends: there every row starts blank.  The sheet is saved in
 * one transaction that moves the meeting's version, so two operators
 * cannot overwrite each other's sheets. */
#ifndef DJ_ATTENDANCE_H
#define DJ_ATTENDANCE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/session.h"
#include "orglife/meeting.h"

enum att_state { ATT_NONE, ATT_PRESENT, ATT_LEAVE, ATT_ABSENT, ATT_OBSERVER, ATT_NSTATES };
/* "", 出席, 请假, 缺席, 列席 — indexed by enum att_state. */
extern const char *const att_state_names[];
/* The state named by text ("" → ATT_NONE), or -1. */
int att_state_of(const char *name);

struct att_row {
	int64_t member_id;
	char name[64];
	char org[128];        /* the member's own organization (党小组, else branch) */
	char tell[24];        /* "" unless the name recurs on the sheet: 1985年生 …
	                         (MEMBER_TELL_SQL, member.h) */
	int state;            /* enum att_state */
	char reason[128];     /* 请假/缺席 事由 */
	int stored;           /* 1 when the row came from the database */
};

struct att_sheet {
	int64_t meeting_id;
	int64_t version;      /* the meeting's version the sheet was read at */
	int64_t org_id;
	char org[128];
	char type[24];
	char date[11];
	char topic[256];
	int is_group;         /* the meeting is a 党小组's */
	struct att_row *rows;
	int n;
};

/* The state a row starts with when the sheet was never filled. */
int attendance_default_state(const char *meeting_type);

/* Reads the meeting and its sheet (rows sorted by organization, then
 * pinyin).  Free with attendance_free. */
int attendance_load(struct session *s, int64_t meeting_id, struct att_sheet *sh,
                    struct dj_err *e);
void attendance_free(struct att_sheet *sh);

/* The counts of a sheet as it stands (the meeting's own, meeting.h, are
 * those stored). */
void attendance_count(const struct att_row *rows, int n, struct att_counts *c);

/* Saves every row in one transaction: the meeting's version must still be
 * sh->version (else DJ_CONFLICT) and moves on; the stored rows become the
 * sheet's non-blank rows.  Reasons are kept on 请假 and 缺席 rows only
 * (a row changed to 出席 loses its old reason).  Audited as one change of the meeting ("签到").  On success
 * sh->version is the new version and every non-blank row is stored. */
int attendance_save(struct session *s, struct att_sheet *sh, struct dj_err *e);

#endif
