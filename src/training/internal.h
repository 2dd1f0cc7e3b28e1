/* internal.h — private to src/training/: what its files share. */
#ifndef DJ_TRAINING_INTERNAL_H
#define DJ_TRAINING_INTERNAL_H

#include "training/training.h"

#define TRN_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

/* Runs fn(s, rec, e) in a transaction (joining one that is open). */
int trn_in_txn(struct session *s, const char *savepoint,
               int (*fn)(struct session *, void *, struct dj_err *), void *rec, struct dj_err *e);

#endif
