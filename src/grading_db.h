/* grading_db.h — what the grading modules share inside src/ (not for
 * screens): transactions that nest in a caller's (the demo writes a whole
 * township in one), and recomputing a result after its scores changed. */
#ifndef DJ_GRADING_DB_H
#define DJ_GRADING_DB_H

#include "grading.h"

#define GRADING_CONFLICT "此记录已被他人修改，请按 F5 重新读取后再保存"
#define GRADING_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

/* Begins BEGIN IMMEDIATE unless a transaction is already open; *own says
 * whether this call opened it. */
int grading_txn_begin(struct session *s, int *own, struct dj_err *e);
/* Commits (rc 0) or rolls back what this call opened; returns the outcome.
 * Inside a caller's transaction a failure is left for the caller to undo. */
int grading_txn_end(struct session *s, int own, int rc, struct dj_err *e);

/* Sets total and suggested of one result from its scores. */
int grading_recompute(struct session *s, const struct grading_round *r, int64_t result_id,
                      struct dj_err *e);

/* The sum of one source's scores for a result, or GRADING_NONE. */
int grading_source_sum(struct session *s, int64_t result_id, int64_t source_id);

/* Runs a statement with int64 parameters (n of them), expecting it done. */
int grading_exec_ids(struct session *s, const char *sql, const int64_t *ids, int n,
                     const char *what, struct dj_err *e);

/* The grade a result had in a round (final grade, else the office's, else
 * the suggestion), 0 when the org was not in it. */
int grading_grade_in(struct session *s, int64_t round_id, int64_t org_id);

#endif
