/* internal.h — private to src/appraise/: what its files share. */
#ifndef DJ_APPRAISE_INTERNAL_H
#define DJ_APPRAISE_INTERNAL_H

#include "appraise/appraise.h"

#define AP_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"


/* The count columns in struct appraise_votes order, and their labels. */
extern const char *const ap_count_cols[AP_GROUPS * AP_KINDS];
extern const char *const ap_count_labels[AP_GROUPS * AP_KINDS];

/* Runs fn(s, rec, e) in a transaction (joining one that is open). */
int ap_in_txn(struct session *s, const char *savepoint,
              int (*fn)(struct session *, void *, struct dj_err *), void *rec, struct dj_err *e);

#endif
