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

/* 党员: every active branch's secretary and members (valid 身份证号, ages 20
 * to 85, a few 预备党员 and minorities), some moves and close-outs through
 * their events, and applicants at every stage of 发展党员, a few due. */
int demo_members(struct session *s, struct dj_err *e);

#endif
