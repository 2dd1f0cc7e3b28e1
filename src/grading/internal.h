/* internal.h — private to src/grading/ (not for screens): what the
 * grading files share, recomputing a result after its scores changed and
 * the grade an organization had in a round.  Their writes join a
 * transaction the caller holds (the demo writes a whole township in one):
 * db_txn_begin with db_in_txn(s->db), db_write.h. */
#ifndef DJ_GRADING_INTERNAL_H
#define DJ_GRADING_INTERNAL_H

#include "grading/grading.h"

#define GRADING_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

/* Sets total and suggested of one result from its scores. */
int grading_recompute(struct session *s, const struct grading_round *r, int64_t result_id,
                      struct dj_err *e);

/* The sum of one source's scores for a result, or GRADING_NONE. */
int grading_source_sum(struct session *s, int64_t result_id, int64_t source_id);

/* The grade a result had in a round (final grade, else the office's, else
 * the suggestion), 0 when the org was not in it. */
int grading_grade_in(struct session *s, int64_t round_id, int64_t org_id);

#endif
