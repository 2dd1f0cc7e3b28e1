/* bench.h — `make bench` and `make bench-smoke`: the real program (./dangjian,
 * the -O2 build) measured in a pseudo-terminal at 80x24 on a generated
 * county, each figure beside its limit (the same SQL run bare, or the
 * target of issue 7).
 *
 * bench.c      runs everything, prints the table, writes BENCHMARKS.md
 * bench_tui.c  the screens: first screen, keys, bytes, repaints, memory
 * bench_bare.c the limits: the ledger's own keyset SELECTs timed bare;
 *              statistics and grading in the core
 * bench_io.c   import beside sqlite3 .import; 20 processes saving at once */
#ifndef DJ_BENCH_H
#define DJ_BENCH_H

#include <stddef.h>
#include <stdint.h>

/* One line of the table. */
struct figure {
	char what[160];      /* 组织台账 Down … */
	char value[64];      /* the figure, with its unit */
	char limit[64];      /* what it is measured against ("" when only a target) */
	char ratio[24];      /* value / limit, "" when none */
	char target[64];     /* issue 7's target */
	int verdict;         /* 1 met, 0 missed, -1 not judged (no target) */
	char note[1024];     /* why, when missed or waiting */
};

struct bench {
	int smoke;
	const char *program;       /* ./dangjian */
	char dir[256];             /* work directory for databases and logs */
	char county[300];          /* the generated county */
	char township[300];        /* the 1,000-member database */
	char ini[300], township_ini[300];
	int orgs, members, meetings;
	int small_members;
	int reps;                  /* repetitions per key */
	double gen_seconds;
	struct figure fig[96];
	int nfig;
	int checks, failures;      /* smoke assertions */
};

extern const char *const bench_today;   /* DJ_TODAY for every run */

/* Adds a figure; fmt formats value. */
struct figure *bench_fig(struct bench *b, const char *what, const char *target, int verdict,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void fig_limit(struct figure *f, double value_ms, double limit_ms, double max_ratio);
void fig_note(struct figure *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A smoke check: counts it, and prints the failure. */
int bench_check(struct bench *b, int ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

double bench_now_ms(void);
double bench_median(double *v, int n);
double bench_percentile(double *v, int n, double p);   /* p in 0..100 */

/* bench_tui.c */
void bench_tui(struct bench *b);
/* bench_bare.c */
/* What the keys of `ledger` ask of SQLite, timed bare: [0] Down past the
 * last row, [1] PgDn, [2] End, [3] a find by pinyin initials, which it
 * chooses (into find) among those the data has; [4] the rows it finds. */
void bench_bare_keys(struct bench *b, const char *db, const char *ledger, char find[8],
                     double bare_ms[5]);
void bench_core(struct bench *b);
/* bench_io.c */
void bench_import(struct bench *b);
void bench_saves(struct bench *b);

#endif
