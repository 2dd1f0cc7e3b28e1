/* internal.h — private to src/evaluate/: what its files share. */
#ifndef DJ_EVALUATE_INTERNAL_H
#define DJ_EVALUATE_INTERNAL_H

#include "evaluate/evaluate.h"

#define EV_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

/* A date field: required or not, normalized in place (YYYY-MM-DD, 10
 * bytes + NUL), not after today.  0, or DJ_INVALID naming key. */
int ev_check_date(char *v, int required, const char *key, const char *label, struct dj_err *e);

#endif
