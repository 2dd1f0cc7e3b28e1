/* tables.h — inside src/stats: how one table is counted so that its
 * drill-down lists exactly what its cells count.  A table's counter walks
 * the members (cases, organizations, honours) of the subtree once and
 * calls stats_hit for every cell a unit falls in; compute keeps the counts,
 * the drill-down keeps the units of one cell. */
#ifndef DJ_STATS_TABLES_H
#define DJ_STATS_TABLES_H

#include "stats/stats.h"

#define STATS_MAXEXIT 8   /* 出党 reasons configured, besides 其他 */
#define STATS_MAXOCC 10   /* 职业 groups configured, besides 其他 */

/* [stats] in dangjian.ini, read with defaults (rules.c). */
struct stats_rules {
	int lost_removes;                        /* lost_removes: 失联 counts as 减少 */
	int nexit;
	char exit_reason[STATS_MAXEXIT][32];     /* exit_reasons */
	int nocc;
	char occ_label[STATS_MAXOCC][32];        /* occupations: label:word|word,… */
	char occ_words[STATS_MAXOCC][160];
	int nwords[STATS_MAXOCC];
	char occ_word[STATS_MAXOCC][16][32];     /* occ_words split at '|', once */
	char checked_by[64];                     /* checked_by: 审核人 */
};
void stats_rules_load(const struct session *s, struct stats_rules *r);
/* The exit reason a 出党 reason text falls under (0 … nexit-1), nexit for 其他. */
int stats_exit_index(const struct stats_rules *r, const char *reason);
/* The 职业 group of a 工作岗位 (0 … nocc-1), nocc for 其他. */
int stats_occ_index(const struct stats_rules *r, const char *job);

/* 学历 as the form groups it: member_educations' 初中 and 小学及以下 are
 * 初中及以下; the last is 未填学历. */
#define STATS_NEDU 7
extern const char *const stats_edu_labels[STATS_NEDU];
int stats_edu_group(const char *edu);

/* A unit the drill-down shows: its id and the cells of its line. */
struct stats_unit_row {
	int64_t id;
	char name[64];
	char cells[5][64];   /* the columns after 姓名/名称 (drill.c names them) */
};

struct stats_visit {
	struct stats_table *t;
	int want_row, want_col;     /* the drill-down's cell; -1: counting only */
	struct stats_unit_row *rows;
	int n, cap, oom;
	/* Set: the wanted cell's units go to keep (nonzero: out of memory)
	 * instead of rows, so a county's list is not held twice. */
	int (*keep)(void *ctx, const struct stats_unit_row *u);
	void *keep_ctx;
};
/* The unit u falls in cell (row, col): counted, and kept when it is the
 * wanted cell. */
void stats_hit(struct stats_visit *v, const struct stats_unit_row *u, int row, int col);

/* Building a table's rows and columns. */
void stats_table_init(struct stats_table *t, const char *key, int unit);
int stats_add_row(struct stats_table *t, const char *key, const char *label, int sub);
int stats_add_col(struct stats_table *t, const char *key, const char *label);
int stats_row_of(const struct stats_table *t, const char *key);
int stats_col_of(const struct stats_table *t, const char *key);

/* The subtree a computation covers: w->root, or the operator's scope when
 * it is 0; DJ_DENIED when w->root lies outside that scope. */
int stats_scope(struct session *s, const struct stats_when *w, int64_t *root, struct dj_err *e);

/* One member's year, from the roll and the member_event history (roll.c). */
struct roll_member {
	struct stats_unit_row u;      /* 姓名, then 性别 出生日期 所在组织 状态 */
	char id4[8];                  /* 身份证号后四位 */
	char gender[8], ethnicity[32], birth[11], education[32], job[64];
	char category[16], joined[11], confirmed[11], status[8];
	int extension;
	int start, end;               /* on the roll at 01-01 and at as_of */
	int end_by_status;            /* end read from status (no later events) */
	int developed;                /* 发展 here in the year */
	int in_transfer, in_restore;
	int out_transfer, out_death, out_lost, out_exit;
	int exit_by[STATS_MAXEXIT + 1];
	int cancelled;                /* 出党 as 取消预备党员资格 */
	int probation;                /* 预备党员 at as_of */
};
int roll_added(const struct roll_member *m);
int roll_removed(const struct roll_member *m);
/* Calls fn for every member of the subtree (all statuses); fn returns 0 to go on. */
int roll_each(struct session *s, const struct stats_when *w, const struct stats_rules *r,
              int (*fn)(void *ctx, const struct roll_member *m), void *ctx, struct dj_err *e);

/* The counters, one per table.  Each sets up t's rows and columns, then hits. */
int stats_count_basic(struct session *s, const struct stats_when *w, struct stats_visit *v,
                      struct dj_err *e);
int stats_count_change(struct session *s, const struct stats_when *w, struct stats_visit *v,
                       struct dj_err *e);
int stats_count_exit(struct session *s, const struct stats_when *w, struct stats_visit *v,
                     struct dj_err *e);
int stats_count_confirm(struct session *s, const struct stats_when *w, struct stats_visit *v,
                        struct dj_err *e);
int stats_count_develop(struct session *s, const struct stats_when *w, struct stats_visit *v,
                        struct dj_err *e);
int stats_count_orgs(struct session *s, const struct stats_when *w, struct stats_visit *v,
                     struct dj_err *e);
int stats_count_honours(struct session *s, const struct stats_when *w, struct stats_visit *v,
                        struct dj_err *e);

/* Runs table key's counter with v (compute.c). */
int stats_run(struct session *s, const char *key, const struct stats_when *w,
              struct stats_visit *v, struct dj_err *e);

#endif
