/* internal.h — private to src/plan/: what the records of the module share. */
#ifndef DJ_PLAN_INTERNAL_H
#define DJ_PLAN_INTERNAL_H

#include <sqlite3.h>

#include "plan/plan.h"

#define PLAN_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"


/* A task's deadline in effect: its date, else its phase's end. */
#define PLAN_DUE "coalesce(t.deadline, (SELECT ph.to_on FROM plan_phase ph WHERE ph.id = t.phase_id), '')"

/* A required date, normalized in place (any date: deadlines are ahead). */
int pl_check_date(char *v, int required, const char *key, const char *label, struct dj_err *e);
/* Runs fn(s, rec, e) in a transaction (joining one that is open). */
int pl_in_txn(struct session *s, const char *savepoint,
              int (*fn)(struct session *, void *, struct dj_err *), void *rec, struct dj_err *e);
/* The organization of plan_id, for the scope check; DJ_INVALID when none. */
int pl_plan_org(struct session *s, int64_t plan_id, int64_t *org, struct dj_err *e);
/* The task's stored state set from its lines (a split task). */
int pl_roll_up(struct session *s, int64_t task_id, struct dj_err *e);

#endif
