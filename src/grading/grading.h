/* grading.h — 分类定级 (seeds 000, 002, 003; DESIGN.md §6): a round grades
 * the 党总支 and 党支部 directly under one organization (the 组织单位) on
 * a set of indicators, from several score sources with weights; totals give
 * a suggested grade by thresholds; the office may set another grade with a
 * reason; the proportions are checked against the guide; confirming locks
 * the round and records the publication date.
 *
 * Round life cycle (an explicit state machine):
 *   设置中 --first score saved--> 评分中 --grading_confirm--> 已确认
 * In 设置中 every setting may change; in 评分中 the scoring settings
 * (indicators, sources, weights, thresholds, grade words, 组织单位, year) are
 * frozen and only name, proportion guide, rectification deadline and notes
 * may change; 已确认 is read-only.
 *
 * Numbers: scores and totals are integer tenths of a point (one decimal may
 * be typed: 18.5); weights and proportions are whole percents.
 * Rounding: the weighted total is rounded half up (四舍五入) to one decimal,
 * and the grade is read from the rounded total, so a total shown as 90.0 is
 * always at least the 90 line.  A source not yet scored for an organization
 * is left out and the other weights count in proportion (按已评来源折算);
 * the check before confirmation lists such organizations. */
#ifndef DJ_GRADING_H
#define DJ_GRADING_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "core/validate.h"

#define GRADING_MAX_IND 10     /* indicators in a round (seed 003 has seven) */
#define GRADING_MAX_SRC 4      /* score sources (群众初评 党员评议 支部自评 组织考评) */
#define GRADING_GRADES 4
#define GRADING_NONE (-1)      /* no score / no total */

/* ---- the rules, without the database (rules.c) ------------------------ */

/* A score as typed ("18", "18.5", full-width digits already ASCII) within
 * 0..max tenths, at most one decimal.  Returns 0 with *tenths, or -1 with a
 * reason ("超过满分 20", "最多一位小数", "不是分数"). */
int grading_parse_score(const char *text, int max, int *tenths, char why[WHY_MAX]);
/* 185 -> "18.5", 200 -> "20"; GRADING_NONE -> "". */
void grading_format_score(int tenths, char *out, size_t cap);
/* Totals always with one decimal: 865 -> "86.5", 900 -> "90.0". */
void grading_format_total(int tenths, char *out, size_t cap);

/* Sum of the scores that are not GRADING_NONE; GRADING_NONE when all are. */
int grading_row_total(const int *scores, int n);
/* Σ weight·total / Σ weight over the sources with a total, rounded half up
 * to tenths; GRADING_NONE when no source has one. */
int grading_weighted_total(const int *weights, const int *totals, int n);
/* Rank 1..4 of a total against lines[0] > lines[1] > lines[2] (tenths):
 * total >= lines[0] is 1 … below lines[2] is 4; 0 for GRADING_NONE. */
int grading_grade_of(const int lines[3], int total);
/* 晋位 (rank went up: a smaller number), 降位, 持平; "" when either is 0. */
const char *grading_movement(int previous, int now);

/* The proportion guide: grades 1+2 (好+较好), 3 (一般), 4 (较差). */
enum { BAND_TOP, BAND_MID, BAND_BOTTOM, BANDS };
struct grading_mix {
	int n;                 /* organizations with a grade */
	int count[GRADING_GRADES];
};
struct grading_band {
	int count;
	int permille;          /* share in tenths of a percent, rounded half up */
	int guide;             /* percent */
	int off;               /* -1 below guide-tolerance, +1 above guide+tolerance, 0 within */
};
/* Fills out[BANDS]; a share exactly at guide±tolerance is within.  Returns
 * how many bands are out of range (0 when m->n is 0). */
int grading_proportion(const struct grading_mix *m, const int guide[BANDS], int tolerance,
                       struct grading_band out[BANDS]);

/* 组织类别 -> the four 分类 of seed 003 per [grading] categories (default:
 * 农村 ← 农村、社区; 国有金融机构 ← 国有企业; 非公企业 ← 非公企业、社会组织;
 * 机关事业单位 ← 机关、事业单位、学校教工、学校学生); anything else is 其他. */
#define GRADING_MAX_GROUPS 8
void grading_category_group(const struct config *c, const char *category, char *out, size_t cap);
/* The groups in their configured order, 其他 last; returns how many. */
int grading_category_groups(const struct config *c, char names[][32], int max);

/* Splits "a、b，c,d" (、，,/ and spaces) into up to max items of cap bytes;
 * returns how many (more than max: max + 1). */
int grading_split_list(const char *text, char items[][32], int max);

/* ---- rounds (round.c; read, listed and deleted in store.c) ------------ */

/* A round's settings as typed in the form (and as defaults from
 * dangjian.ini).  Field keys for dj_err.field: year name org grades lines
 * guide tolerance rectify_due notes ind_name1..10 ind_max1..10 src_name1..4
 * src_weight1..4. */
struct grading_settings {
	int64_t id;                    /* 0: a new round */
	int64_t version;
	char year[8];
	char name[128];
	char org[128];                 /* 组织单位 (full name) */
	char grades[160];              /* 等次名称 "先进、较好、一般、后进" */
	char lines[64];                /* 分数线 "90、75、60" */
	char guide[32];                /* 比例指导 "30、60、10" (%) */
	char tolerance[8];             /* 允许偏差 (percentage points) */
	char rectify_due[11];          /* 整改期限 ("" : publication + [grading] rectify_months) */
	char notes[256];
	char ind_name[GRADING_MAX_IND][32];
	char ind_max[GRADING_MAX_IND][8];
	char src_name[GRADING_MAX_SRC][32];
	char src_weight[GRADING_MAX_SRC][8];
	/* shown only */
	char status[16];
	char previous[160];            /* the round compared with */
	char published_on[11];
	char orgs[16];                 /* organizations in the round */
};

/* Defaults for a new round: this work year, the top 党委 in the operator's
 * scope, and [grading] indicators/sources/grades/thresholds/guide. */
void grading_settings_defaults(struct session *s, struct grading_settings *g);
int grading_settings_load(struct session *s, int64_t round_id, struct grading_settings *g,
                          struct dj_err *e);
/* Validates everything (indicators' maxima add up to 100, weights to 100,
 * thresholds falling, four distinct grade words …) and inserts or updates
 * with the version check.  A new round gets its organizations (the active
 * 党总支 and 党支部 directly under 组织单位); changing 组织单位 while in
 * 设置中 replaces them.  Frozen settings that differ are refused. */
int grading_settings_save(struct session *s, struct grading_settings *g, struct dj_err *e);
/* 1 when the field `key` may not change in a round of this status. */
int grading_setting_frozen(const char *status, const char *key);

struct grading_indicator {
	int64_t id;
	char name[32];
	int max;                       /* tenths */
};
struct grading_source {
	int64_t id;
	char name[32];
	int weight;                    /* percent */
};

/* A round as the rules use it. */
struct grading_round {
	int64_t id, version, org_id;
	int year;
	char name[128];
	char org[128];
	char status[16];
	char grade[GRADING_GRADES][32];
	int line[3];                   /* tenths */
	int guide[BANDS];
	int tolerance;
	char rectify_due[11];
	char published_on[11];
	int64_t previous_id;           /* stored once confirmed, else the latest earlier
	                                  confirmed round of the same 组织单位; 0 none */
	char previous[128];
	int nind, nsrc;
	struct grading_indicator ind[GRADING_MAX_IND];
	struct grading_source src[GRADING_MAX_SRC];
};

int grading_round_load(struct session *s, int64_t id, struct grading_round *r, struct dj_err *e);
/* A one-line summary of a round for a status line: name, status, counts
 * (the reason on one line when the round cannot be read). */
void grading_summary(struct session *s, int64_t round_id, char *out, size_t cap);
/* The grade word of rank 1..4, "" for 0. */
const char *grading_word(const struct grading_round *r, int rank);
/* Deletes a round that has no scores (设置中), with its organizations. */
int grading_round_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);
/* Adds an organization (by full name) to a round not yet confirmed. */
int grading_round_add_org(struct session *s, int64_t round_id, const char *org_name,
                          struct dj_err *e);
/* Takes an organization without scores out of a round not yet confirmed. */
int grading_round_remove_org(struct session *s, int64_t result_id, struct dj_err *e);
/* Rounds in the operator's scope, newest first: 年度 名称 组织单位 状态 组织数 公布日期. */
struct row_source *grading_round_list_source(struct session *s);

/* ---- scores (score.c) ------------------------------------------------- */

/* One organization's line on one source's score sheet. */
struct grading_sheet_row {
	int64_t result_id, org_id;
	char org[128];
	int score[GRADING_MAX_IND];            /* tenths, GRADING_NONE when empty */
	int64_t score_id[GRADING_MAX_IND];     /* 0: no row yet */
	int64_t score_version[GRADING_MAX_IND];
	int source_total[GRADING_MAX_SRC];     /* each source's sum for this org */
};

/* Every organization of the round for source index `src` (0-based), in
 * ledger order; *rows is malloc'd (free it).  Nothing stays open. */
int grading_sheet_load(struct session *s, const struct grading_round *r, int src,
                       struct grading_sheet_row **rows, int *n, struct dj_err *e);
/* Saves one line: scores[] as now typed (GRADING_NONE = empty).  Each cell
 * is version-checked (someone else's change is DJ_CONFLICT), the total and
 * suggested grade are recomputed, the round moves to 评分中, one audit
 * record says what changed.  On success the row is reloaded.  When the
 * round's indicators, sources or thresholds changed since the sheet was
 * read, DJ_CONFLICT with e->field "round": the sheet must be opened again. */
int grading_sheet_save_row(struct session *s, const struct grading_round *r, int src,
                           struct grading_sheet_row *row, const int scores[], struct dj_err *e);
/* The weighted total and suggested grade of a line as typed, with the other
 * sources' totals: what the sheet shows while the operator types. */
int grading_sheet_preview(const struct grading_round *r, int src,
                          const struct grading_sheet_row *row, const int scores[], int *grade);

/* ---- results (read in store.c), check and confirmation (result.c) ----- */

struct grading_result {
	int64_t id, version, round_id, org_id;
	char org[128];
	char category[32];
	int total;                     /* tenths or GRADING_NONE */
	int suggested, grade;          /* ranks; grade 0: follows the suggestion */
	int previous;                  /* rank in the round compared with, 0 none */
	char reason[256];
	int source_total[GRADING_MAX_SRC];
};
int grading_result_load(struct session *s, int64_t result_id, struct grading_result *res,
                        struct dj_err *e);
/* The office's grade (rank 1..4, or 0 to follow the suggestion) with its
 * reason — required when it differs from the suggestion.  Version-checked,
 * audited; refused once the round is confirmed. */
int grading_result_set_grade(struct session *s, int64_t result_id, int64_t version, int grade,
                             const char *reason, struct dj_err *e);

/* What stands before confirmation. */
struct grading_report {
	int orgs;                      /* organizations in the round */
	int ungraded;                  /* neither scores nor a grade: confirmation refused */
	int partial;                   /* a weighted source missing or a cell left empty */
	int flags;                     /* proportion bands out of range */
	struct grading_mix all;
	char text[8192];               /* the report an operator reads, lines with \n */
};
int grading_check(struct session *s, int64_t round_id, struct grading_report *rep,
                  struct dj_err *e);
/* Locks the round: refused while an organization has no grade; writes each
 * final grade and the previous round's grade, the publication date (a real
 * date, not in the future), and creates the rectifications (一般 and 后进,
 * and the bottom share of [grading] bottom_group for 一村一策) with the
 * round's deadline.  Version-checked and audited. */
int grading_confirm(struct session *s, int64_t round_id, int64_t version, const char *published_on,
                    struct dj_err *e);
/* The bottom [grading] bottom_share percent (at least one) of the round's
 * organizations in [grading] bottom_group, lowest total first: their result
 * ids into ids (up to max).  Returns how many. */
int grading_bottom(struct session *s, const struct grading_round *r, int64_t *ids, int max);

/* ---- the ledger (ledger.c) -------------------------------------------- */

/* 党组织 类别 one column per source 综合 建议 等次 上次 变化 整改; Enter on
 * a row gives the result id.  Rows with 一般/后进 or overdue rectification
 * are flagged. */
struct row_source *grading_ledger_source(struct session *s, const struct grading_round *r);
struct grading_moves {
	int compared;                  /* organizations with a previous grade */
	int up, same, down;
};
int grading_moves(struct session *s, const struct grading_round *r, struct grading_moves *m);
/* CSV: every round (CLI `export grading`), or one round. */
int grading_export_csv(struct session *s, const char *path, FILE *report, int *exported);
int grading_export_round_csv(struct session *s, int64_t round_id, const char *path, FILE *report,
                             int *exported);

#endif
