/* demo.h — a plausible township for trying the program and for tests. */
#ifndef DJ_DEMO_H
#define DJ_DEMO_H

#include "err.h"
#include "session.h"

/* Fills an empty database with 驿亭镇's registry (seed 003's 联系表 and the
 * branches a township has): a 镇党委, village 党总支 with their 党支部 and
 * 党小组, village and community branches, enterprise and organ branches.
 * Refused when organizations already exist.  All in one transaction. */
int demo_populate(struct session *s, struct dj_err *e);

#endif
