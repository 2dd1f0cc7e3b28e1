/* meeting.h — 三会一课: the meeting ledger of each organization (seed 000:
 * 支部党员大会, 支委会, 党小组会, 党课, 组织生活会, 民主评议, 主题党日) with date,
 * topic, host, recorder and minutes.  Who came is the attendance sheet
 * (attendance.h), saved under the meeting's version.
 *
 * A meeting belongs to one organization; a 党支部's ledger also lists the
 * meetings of its 党小组, a 党总支's or 党委's those of everything below. */
#ifndef DJ_MEETING_H
#define DJ_MEETING_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"

enum { MEETING_NTYPES = 7 };
/* In this order everywhere (compliance columns, config keys, CSV). */
extern const char *const meeting_types[];   /* NULL-terminated */
/* Short column titles for the compliance table: 大会 支委 小组 党课 生活 评议 党日. */
extern const char *const meeting_type_short[];
int meeting_type_index(const char *type);   /* -1 when not a type */

/* Who came to a meeting, as its sign-in sheet (attendance.h) counts them:
 * 应到 = 出席 + 请假 + 缺席; 实到 = 出席; 列席 apart. */
struct att_counts {
	int expected;   /* 应到 */
	int present;    /* 实到 */
	int leave;      /* 请假 */
	int absent;     /* 缺席 */
	int observer;   /* 列席 */
};

/* Counts of a stored meeting (0, or -1 on a database error). */
int meeting_counts(struct session *s, int64_t meeting_id, struct att_counts *c);
/* "应到 12 人  实到 9 人  请假 2 人  缺席 1 人" (+ "  列席 1 人" when any). */
void meeting_counts_text(const struct att_counts *c, char *out, size_t cap);

/* Every field as text, the way the form carries it; keys are member names. */
struct meeting {
	int64_t id;              /* 0 for a new meeting */
	int64_t version;
	int64_t org_id;          /* set by meeting_save from `org` */
	char org[128];           /* 组织, full name */
	char type[24];           /* 会议类型 */
	char date[11];           /* 日期 */
	char topic[256];         /* 主题 */
	char host[64];           /* 主持人 */
	char recorder[64];       /* 记录人 */
	char minutes[4096];      /* 会议记录, several lines */
	char counts[96];         /* 应到…实到…请假…缺席… (read-only, from the sheet) */
};

int meeting_load(struct session *s, int64_t id, struct meeting *m, struct dj_err *e);

/* Required: org (an existing organization, not dissolved before the date),
 * type, date (a real date, not in the future, not before the organization
 * was founded), topic.  Sets e->field. */
int meeting_validate(struct session *s, const struct meeting *m, struct dj_err *e);

/* Inserts (id 0) or updates with the version check, in its own
 * transaction, audited.  Fills org_id, id and version.  The attendance is
 * untouched. */
int meeting_save(struct session *s, struct meeting *m, struct dj_err *e);

/* Deletes a meeting recorded by mistake, with its attendance (version
 * checked, audited). */
int meeting_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);

/* The ledger: meetings of the organizations under `scope` (0: all), newest
 * first.  Columns: 日期 会议类型 组织 主题 应到 实到 请假 缺席.  Find by
 * topic, organization (name or pinyin initials), type or host. */
struct row_source *meeting_list_source(struct session *s, int64_t scope);

/* Organizations a meeting may belong to (active, inside the operator's
 * scope, 党小组 included), for F4 on 组织. */
struct row_source *meeting_org_source(struct session *s);

/* The branches under `scope` (0: all) that keep 三会一课 and collect dues:
 * every 党支部, and a 党总支 with no 党支部 of its own.  Dissolved ones are
 * included (with their dates) so past periods stay complete. */
struct branch_ref {
	int64_t id;
	char name[128];
	char name_py[64];
	char founded_on[11];
	char dissolved_on[11];   /* "" while active */
};
int meeting_branches(struct session *s, int64_t scope, struct branch_ref **out, int *n,
                     struct dj_err *e);

/* SQL for "the organizations in the subtree under ?1", reused by the
 * sheets: WITH RECURSIVE sub(id) … */
#define MEETING_SUBTREE(param) \
	"WITH RECURSIVE sub(id) AS (SELECT " param " UNION ALL SELECT c.id FROM org c" \
	" JOIN sub ON c.parent_id = sub.id)"

/* CSV of the meeting ledger (every meeting in the operator's scope, with
 * its counts and minutes): 0, or 1 with the reason in report. */
int meeting_export_csv(struct session *s, const char *path, FILE *report, int *exported);
/* The same for one subtree (0: all). */
int meeting_export_scope(struct session *s, int64_t scope, const char *path, FILE *report,
                         int *exported);

#endif
