/* internal.h — private to src/care/: what its records share. */
#ifndef DJ_CARE_INTERNAL_H
#define DJ_CARE_INTERNAL_H

#include "care/care.h"

#define CARE_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

/* A date field normalized in place: required ("" refused) or not, and
 * never after today.  0, or DJ_INVALID naming key. */
int care_day(char *v, const char *key, const char *label, int required, struct dj_err *e);
/* The member's name, branch and branch id, the operator allowed to write
 * there.  0, DJ_INVALID naming key, or DJ_DENIED. */
int care_member(struct session *s, int64_t member_id, const char *key, char name[64],
                char org[128], struct dj_err *e);
/* Runs fn(s, rec, e) in a transaction (joining one that is open). */
int care_in_txn(struct session *s, const char *savepoint,
                int (*fn)(struct session *, void *, struct dj_err *), void *rec, struct dj_err *e);

#endif
