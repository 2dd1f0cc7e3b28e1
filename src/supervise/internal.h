/* internal.h — private to src/supervise/: the checks its records repeat. */
#ifndef DJ_SUPERVISE_INTERNAL_H
#define DJ_SUPERVISE_INTERNAL_H

#include "supervise/supervise.h"

#define SUP_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"


/* A required date, normalized in place, not after today. */
int sup_check_date(char *v, const char *key, const char *label, struct dj_err *e);
/* An optional date: "" passes; otherwise as sup_check_date. */
int sup_check_date_opt(char *v, const char *key, const char *label, int not_future,
                       struct dj_err *e);
/* The organization's name, when it exists: 0, or DJ_INVALID naming key. */
int sup_org_name(struct session *s, int64_t org_id, const char *key, char name[128],
                 char kind[16], struct dj_err *e);
/* "kind IN ('党支部', …)" for a duty, sqlite3_mprintf'd (sqlite3_free it). */
char *sup_kinds_sql(const struct sup_duty *d, const char *col);

#endif
