/* gen.h — the county-scale database generator (tests/bench/gen.c and
 * gen_work.c): its shared state, random numbers and dates.
 *
 * Everything is drawn from one seeded generator in a fixed order, so the
 * same seed and sizes give the same database, byte for byte in content. */
#ifndef DJ_BENCH_GEN_H
#define DJ_BENCH_GEN_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

struct gen_member {
	int64_t id;
	int branch;          /* index into gen.branches */
	char name[16];
	int active;          /* status 正常 */
	int retired;         /* over 60: dues as 离退休 */
	int farmer;          /* in a village branch: dues as 农民 */
};

struct gen_branch {
	int64_t org_id;
	int village;
	int weight;
	int first, n;        /* its members in gen.by_branch[first .. first+n) */
};

struct gen {
	sqlite3 *db;
	uint64_t rng;
	int today;           /* days since 1970-01-01 */
	char stamp[20];      /* created_at of every row: "<today> 09:00:00" */
	int norgs, nmembers, nmeetings, dues_months;
	int64_t root_id;
	struct gen_branch *branches;
	int nbranches, branches_cap;
	int64_t *graded;     /* 党总支 and 党支部, for grading */
	int ngraded, graded_cap;
	struct gen_member *members;
	int *by_branch;      /* member indexes grouped by branch */
	long rows;           /* rows inserted, for the summary line */
};

uint64_t gen_rand(struct gen *g);
int gen_int(struct gen *g, int lo, int hi);            /* lo..hi inclusive */
const char *gen_pick(struct gen *g, const char *const *list, int n);
#define GEN_PICK(g, arr) gen_pick((g), (arr), (int)(sizeof(arr) / sizeof *(arr)))

int gen_days(int y, int m, int d);                      /* civil date -> days */
void gen_date(int days, char out[11]);                  /* days -> YYYY-MM-DD */
void gen_ymd(int y, int m, int d, char out[11]);
void gen_date_parts(int days, int *y, int *m, int *d);

/* Prepares sql or exits with the reason (a generator has no one to tell). */
sqlite3_stmt *gen_prepare(struct gen *g, const char *sql);
/* Steps an INSERT; returns SQLITE_DONE or the error code (constraint retry). */
int gen_insert(struct gen *g, sqlite3_stmt *st);
void gen_text(sqlite3_stmt *st, int i, const char *s);  /* NULL or "" binds NULL */
int gen_has_table(struct gen *g, const char *name);

/* A plausible Chinese personal name. */
void gen_person(struct gen *g, char *out, size_t cap);

/* gen_work.c: what exists once schema 003/004 do. */
void gen_meetings(struct gen *g);
void gen_dues(struct gen *g);
void gen_grading(struct gen *g);
void gen_honours(struct gen *g);
/* 工作汇报: the 月报 of every branch for the last six months, some missing. */
void gen_reports(struct gen *g);
void gen_appraisal(struct gen *g);   /* last year's 述职评议 of every graded org */
void gen_devcases(struct gen *g);   /* 发展党员 under way, for the 待办 list */
void gen_evaluations(struct gen *g); /* last year's 民主评议党员 of every branch and member */
void gen_devsteps(struct gen *g);   /* their 发展程序 steps (推荐, 考察) */
void gen_plans(struct gen *g);
void gen_care(struct gen *g);        /* 关怀对象 and their 慰问, for 本年未慰问 */
void gen_training(struct gen *g);   /* this year's 培训 in every branch, with attendees */

#endif
