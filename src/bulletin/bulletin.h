/* bulletin.h — 通报: a draft written from the records for a period and a
 * scope.  Each module that knows a shortfall exposes a source of this shape
 * in its own header; bulletin.c lists them, in the order the 通报 reads. */
#ifndef DJ_BULLETIN_H
#define DJ_BULLETIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"

/* The draft's sections, in the order they are written. */
enum bulletin_section {
	BUL_REPORT_MISSING = 1,  /* branches whose monthly (recurring) report is missing */
	BUL_TASK_OVERDUE,        /* tasks (or branch lines) past their deadline, not 已完成 */
	BUL_MEETING_SHORT,       /* 三会一课 shortfalls (compliance) */
	BUL_RECTIFY_OVERDUE,     /* rectifications past their deadline */
	BUL_FOLLOWUP_OPEN,       /* 督导检查 follow-ups past their deadline, not done */
};

/* One finding about one organization (org_id 0: about no single one, such
 * as a task assigned to the township itself). */
struct bulletin_line {
	int section;             /* enum bulletin_section */
	int64_t org_id;
	char org[64];
	char text[200];          /* what is wrong, in a phrase the 通报 can print */
};

typedef int (*bulletin_emit)(void *ctx, const struct bulletin_line *l);

/* A source emits every finding for organizations under `root` (0: the
 * session's scope) in the period [from, to] (YYYY-MM-DD, inclusive), as the
 * records stand on `to`.  Returns 0, or -1 with e set. */
typedef int (*bulletin_source)(struct session *s, int64_t root, const char *from, const char *to,
                               bulletin_emit emit, void *ctx, struct dj_err *e);

/* ---- the sources written here (source_*.c); the table in sources.c ---- */

/* BUL_MEETING_SHORT: each branch with a 三会一课 cycle missed in the
 * period's months (orglife/compliance.h), naming the types and cycles. */
int bulletin_meeting_short(struct session *s, int64_t root, const char *from, const char *to,
                           bulletin_emit emit, void *ctx, struct dj_err *e);
/* BUL_RECTIFY_OVERDUE: rectifications (grading/rectify.h) whose deadline
 * fell before `to` and that were not accepted by then. */
int bulletin_rectify_overdue(struct session *s, int64_t root, const char *from, const char *to,
                             bulletin_emit emit, void *ctx, struct dj_err *e);

/* Every source in section order (sources.c), each called once. */
struct bulletin_source_entry {
	bulletin_source run;
	const char *name;        /* for a failure's message: 三会一课落实情况 */
};
extern const struct bulletin_source_entry bulletin_sources[];
extern const int bulletin_nsources;

/* The paragraph heading of a section: 月度工作汇报未按时报送的支部 … */
const char *bulletin_section_heading(int section);

/* ---- the draft (draft.c) ---- */

/* Runs every source for [from, to] under root (0: the session's scope) and
 * writes the 通报: a title (关于…情况的通报), an opening with the period,
 * one numbered paragraph per section with findings (sections without any
 * are left out, so the numbers run on), then the 党支部 in scope found in
 * no section (按时完成各项工作的支部：…), and a closing request.  *text is
 * malloc'd.  Field keys: from to root. */
int bulletin_draft(struct session *s, int64_t root, const char *from, const char *to, char **text,
                   struct dj_err *e);
/* The title alone: 关于2026年11月基层党建工作落实情况的通报. */
void bulletin_title(const char *from, const char *to, char *out, size_t cap);

/* ---- saved 通报 (store.c) ---- */

struct bulletin {
	int64_t id, version, org_id;
	char year[8];
	char doc_no[64];         /* 文号: 驿组通〔2026〕3号 */
	char title[160];
	char from[11], to[11];   /* the period */
	char org[128];           /* 发文单位: the scope the draft covered */
	char issued_on[11];
	char *text;              /* malloc'd; the body as the office edited it */
};

void bulletin_free(struct bulletin *b);
/* Loads a saved 通报 (b->text malloc'd; bulletin_free). */
int bulletin_load(struct session *s, int64_t id, struct bulletin *b, struct dj_err *e);
/* Validates (keys: doc_no title from to org issued_on text) and inserts or
 * updates with the version check; audited. */
int bulletin_save(struct session *s, struct bulletin *b, struct dj_err *e);
/* The saved 通报 in scope, latest first: 日期 文号 标题 发文单位. */
struct row_source *bulletin_list_source(struct session *s);
/* One 通报 as plain text (title, 文号, body, unit and date at the foot). */
int bulletin_export_text(struct session *s, int64_t id, const char *path, FILE *report, int *n);
/* Every saved 通报 as CSV. */
int bulletin_export_csv(struct session *s, const char *path, FILE *report, int *exported);

#endif
