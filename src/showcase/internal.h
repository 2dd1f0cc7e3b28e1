/* internal.h — private to src/showcase/: the checks every record of the
 * module repeats. */
#ifndef DJ_SHOWCASE_INTERNAL_H
#define DJ_SHOWCASE_INTERNAL_H

#include "showcase/showcase.h"

#define SHOWCASE_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

/* A required date, normalized in place, not after today. */
int sc_check_date(char *v, const char *key, const char *label, struct dj_err *e);
/* A required value that is one of list (configured under [showcase] ini_key). */
int sc_check_choice(const char *v, const char *key, const char *label, char list[][64], int n,
                    const char *ini_key, struct dj_err *e);
/* A year 1921..this year. */
int sc_check_year(int year, const char *key, struct dj_err *e);
/* The member's organization, status and name; DJ_INVALID naming key when
 * the member does not exist. */
int sc_member(struct session *s, int64_t member_id, const char *key, int64_t *org,
              char status[16], char name[64], struct dj_err *e);
/* Runs fn(s, rec, e) in a transaction (joining one that is open). */
int sc_in_txn(struct session *s, const char *savepoint,
              int (*fn)(struct session *, void *, struct dj_err *), void *rec, struct dj_err *e);

#endif
