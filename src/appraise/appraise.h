/* appraise.h — 述职评议 (联述联评联考, seed 002 二(三)): a yearly round in
 * which the secretary of every 党总支 and 党支部 under the organizing
 * organization 述职s (date, summary) and is 评议ed by 党员 and 群众, each
 * voting 好/较好/一般/差.
 *
 * The result is the share of 好+较好 votes, in tenths of a percent (‰),
 * rounded half up (四舍五入) to one decimal, and a grade word read from the
 * rounded share against [appraise] thresholds.  With [appraise]
 * member_weight 0 (the default) all votes of both groups count alike (合并
 * 计票, as the paper tally sheets add them up); 1..99 weights the 党员
 * group's share by that percent and the 群众 group's by the rest, a group
 * with no votes left out.  No votes at all: 未评议.
 *
 * 联考: the grading ledger of the same year shows each organization's
 * 评议 grade beside its 分类定级 grade (appraise_result_of). */
#ifndef DJ_APPRAISE_H
#define DJ_APPRAISE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "core/validate.h"
#include "todo/todo.h"

#define APPRAISE_NONE (-1)       /* a count not typed; a share with no votes */
#define APPRAISE_UNRATED "未评议"

enum { AP_GOOD, AP_FAIR, AP_AVG, AP_POOR, AP_KINDS };   /* 好 较好 一般 差 */
enum { AP_MEMBERS, AP_PUBLIC, AP_GROUPS };              /* 党员评议 群众评议 */

struct appraise_votes {
	int n[AP_GROUPS][AP_KINDS];   /* APPRAISE_NONE: not typed (counts as 0) */
};

/* ---- the rules, without the database (rules.c) ------------------------ */

struct appraise_rule {
	char grade[4][32];   /* best first: 好 较好 一般 差 */
	int line[3];         /* lowest share (‰) of grade[0], grade[1], grade[2] */
	int member_weight;   /* 0: all votes pooled; 1..99: % of the 党员 group */
};

/* From [appraise] grades / thresholds / member_weight, falling back to the
 * defaults (好,较好,一般,差; 90,70,50; 0) for any that do not read. */
void appraise_rule_from(const struct config *c, struct appraise_rule *r);
/* Reads "好,较好,一般,差" and "90,70,50" (percent, one decimal allowed).
 * 0, or -1 with why (four distinct words, three falling thresholds 0..100). */
int appraise_rule_parse(const char *grades, const char *lines, int member_weight,
                        struct appraise_rule *r, char why[WHY_MAX]);

/* Share of 好+较好 in ‰, rounded half up; APPRAISE_NONE with no votes. */
int appraise_share(const struct appraise_rule *r, const struct appraise_votes *v);
/* 1..4 against r->line; 0 for APPRAISE_NONE. */
int appraise_grade_of(const struct appraise_rule *r, int share);
/* The grade's word, APPRAISE_UNRATED for no votes. */
const char *appraise_word(const struct appraise_rule *r, int share);
/* 933 -> "93.3%", 1000 -> "100.0%"; APPRAISE_NONE -> "". */
void appraise_format_share(int share, char *out, size_t cap);
/* A vote count as typed (全角 digits too), 0..99999; "" is not typed
 * (APPRAISE_NONE).  0, or -1 with why. */
int appraise_parse_count(const char *text, int *n, char why[WHY_MAX]);
/* Votes of one group, 0 when none typed. */
int appraise_group_total(const struct appraise_votes *v, int group);

/* ---- rounds and their lines (round.c, line.c) ------------------------- */

struct appraise_round {
	int64_t id, version, org_id;
	char year[8];
	char name[128];
	char org[128];          /* 组织单位 (full name) */
	char starts_on[11], ends_on[11];
	char status[16];        /* 进行中 / 已结束 */
	char notes[256];
	int lines;              /* shown: organizations in the round */
};

/* A new round's defaults: this year, 述职评议, the top organization in scope,
 * 1 January .. 31 January of the year. */
void appraise_round_defaults(struct session *s, struct appraise_round *r);
int appraise_round_load(struct session *s, int64_t id, struct appraise_round *r, struct dj_err *e);
/* Validates (field keys: year name org starts_on ends_on status notes) and
 * inserts or updates with the version check; a new round gets one line for
 * each active 党总支 and 党支部 in the subtree under 组织单位 (not itself),
 * its secretary from the organization's record.  组织单位 may not change
 * once the round has lines with votes. */
int appraise_round_save(struct session *s, struct appraise_round *r, struct dj_err *e);
/* Deletes a round with no votes and no 述职 recorded. */
int appraise_round_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);
/* The rounds in scope, latest first: 年度 名称 组织单位 述职期限 状态 已述职. */
struct row_source *appraise_round_source(struct session *s);

struct appraise_line {
	int64_t id, version, round_id, org_id;
	char org[128];
	char secretary[64];
	char spoke_on[11];
	char summary[512];
	struct appraise_votes v;
};

/* Every line of a round, in the organizations' order; *rows malloc'd. */
int appraise_lines_load(struct session *s, int64_t round_id, struct appraise_line **rows, int *n,
                        struct dj_err *e);
int appraise_line_load(struct session *s, int64_t id, struct appraise_line *l, struct dj_err *e);
/* Saves secretary, 述职 date and summary and the counts (field keys:
 * secretary spoke_on summary m_good … p_poor), version-checked, audited.
 * A closed round (已结束) refuses. */
int appraise_line_save(struct session *s, struct appraise_line *l, struct dj_err *e);

/* The line of org_id in the latest round of `year` (by 述职期限):
 * 0 with *line_id, or DJ_NOTFOUND with the message. */
int appraise_line_find(struct session *s, int year, int64_t org_id, int64_t *line_id,
                       struct dj_err *e);

/* 联考: the organization's result in that year's round (the latest round
 * of the year holding the organization): the share (APPRAISE_NONE) and
 * grade word into out ("好 93.3%", "未评议", "" when in no round). */
void appraise_result_of(struct session *s, int year, int64_t org_id, char *out, size_t cap);

/* The organization's results, latest year first, for its form:
 * "2025 较好 85.4%；2024 好 92.0%" (at most `max` years); "" when none. */
void appraise_history(struct session *s, int64_t org_id, int max, char *out, size_t cap);

/* CSV / xlsx of every line of the year's rounds in scope (year 0: all). */
int appraise_export(struct session *s, int year, const char *path, FILE *report, int *exported);
int appraise_export_all(struct session *s, const char *path, FILE *report, int *exported);

/* 待办: organizations of a round 进行中 with no 述职 date (TODO_APPRAISE,
 * id the org, year in ref, due the round's end). */
int appraise_todo(struct session *s, const char *today, int ahead, todo_emit emit, void *ctx,
                  struct dj_err *e);

#endif
