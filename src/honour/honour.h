/* honour.h — the honours register (issue 14): 优秀共产党员, 先进基层党组织 …
 * given to a member or an organization, with level, date, 批准机关, 文号
 * and 事迹.  An honour is never deleted: it is revoked with a date and a
 * reason and is read-only from then on.  Titles and levels come from
 * dangjian.ini [honours]. */
#ifndef DJ_HONOUR_H
#define DJ_HONOUR_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"

#define HONOUR_MAX_CHOICES 32

struct honour {
	int64_t id;                /* 0: new */
	int64_t version;
	char kind[8];              /* "member" or "org" */
	int64_t member_id;         /* kind member */
	int64_t org_id;            /* kind org */
	char recipient[128];       /* read back: the member's or organization's name */
	char title[64];            /* 荣誉称号 */
	char level[32];            /* 级别 */
	char awarded_on[11];       /* 授予日期 */
	char approved_by[128];     /* 批准机关 */
	char doc_no[64];           /* 文号 */
	char deeds[2048];          /* 事迹 (several lines) */
	int posthumous;            /* 追授 */
	char revoked_on[11];       /* 撤销日期, "" while in force */
	char revoke_reason[256];   /* 撤销原因 */
};

/* The configured titles and levels ([honours] titles, levels; the defaults
 * of issue 14 when not set).  Each returns how many were written to out. */
int honour_titles(const struct session *s, char out[][64], int cap);
int honour_levels(const struct session *s, char out[][64], int cap);

/* Who a title may go to: 'm' members only (优秀共产党员, 优秀党务工作者,
 * 党员示范岗, 党员示范寝室), 'o' organizations only (先进基层党组织,
 * 党建示范点), 0 either (优秀成果, and titles the office adds). */
int honour_title_for(const char *title);

/* The recipient named `name` as typed: a member ("member") or an
 * organization ("org") of that exact name.  0 with *id; DJ_INVALID naming
 * 获得者 when there is none, or several members share the name. */
int honour_find_recipient(struct session *s, const char *kind, const char *name, int64_t *id,
                          struct dj_err *e);

int honour_load(struct session *s, int64_t id, struct honour *h, struct dj_err *e);

/* Validates and saves (new when h->id is 0): the recipient exists and lies
 * in the operator's scope, the title suits its kind, title and level are
 * configured, 追授 only to a member who is 去世, a revoked honour is not
 * changed.  Audited.  On failure what was typed stays in h. */
int honour_save(struct session *s, struct honour *h, struct dj_err *e);

/* 撤销: the date and reason are required; audited; never deleted. */
int honour_revoke(struct session *s, int64_t id, int64_t version, const char *date,
                  const char *reason, struct dj_err *e);

/* The ledger's filter: "" or 0 for any. */
struct honour_filter {
	int year;
	char title[64];
	char level[32];
	int64_t member_id;
	int64_t org_id;
};

/* The ledger (年度 授予日期 获得者 类别 荣誉称号 级别 批准机关 文号 状态) of
 * the honours under the operator's scope, as a keyset pager: find by name,
 * pinyin initials or 文号, every column sorts.  f may be NULL. */
struct row_source *honour_source(struct session *s, const struct honour_filter *f);

/* One line per honour of a member or an organization, newest first, as the
 * forms list them: "2026 优秀共产党员（镇级）".  Returns how many honours
 * there are (lines beyond cap are counted, not written), or -1. */
int honour_lines(struct session *s, const char *kind, int64_t id, char out[][96], int cap);

/* Writes the ledger under the scope (filtered by f, which may be NULL) to
 * path (.csv or .xlsx). */
int honour_export(struct session *s, const struct honour_filter *f, const char *path,
                  FILE *report, int *exported);

/* honour_export with no filter, as the CLI's ledgers table calls it. */
int honour_export_all(struct session *s, const char *path, FILE *report, int *exported);

/* ---- the year's summary by title and level (summary.c) ---- */

#define HONOUR_SUM_MAX 32
#define HONOUR_SUM_COLS (HONOUR_SUM_MAX + 4)

struct honour_summary {
	int year;
	int ntitles, nlevels;
	char titles[HONOUR_SUM_MAX][64];   /* the configured, then others of the year */
	char levels[HONOUR_SUM_MAX][64];
	int count[HONOUR_SUM_MAX][HONOUR_SUM_MAX];   /* [title][level], in force */
	int title_total[HONOUR_SUM_MAX], level_total[HONOUR_SUM_MAX];
	int persons[HONOUR_SUM_MAX], orgs[HONOUR_SUM_MAX];   /* per title */
	int total, posthumous, revoked;
	int overflow;                       /* honours past HONOUR_SUM_MAX titles or levels */
};

/* The honours awarded in `year` under the operator's scope. */
int honour_summary_load(struct session *s, int year, struct honour_summary *sum,
                        struct dj_err *e);
/* The table's column titles (荣誉称号, each level, 合计, 其中个人, 其中组织)
 * and one row (t a title's index, -1 the 合计 row), as text; each returns
 * its cell count (at most HONOUR_SUM_COLS). */
int honour_summary_head(const struct honour_summary *sum, char cells[][64]);
int honour_summary_row(const struct honour_summary *sum, int t, char cells[][64]);
/* "2026 年度共 12 项有效荣誉（追授 1 项）；已撤销 1 项不计入". */
void honour_summary_note(const struct honour_summary *sum, char *out, size_t cap);
/* The table (a row per title, then 合计) to path, .csv or .xlsx. */
int honour_summary_export(const struct honour_summary *sum, const char *path, FILE *report);

#endif
