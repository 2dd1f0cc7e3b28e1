/* actions.h — private to screens/org/: what the organization screens
 * share, 删除/撤销 and export. */
#ifndef DJ_ORG_ACTIONS_H
#define DJ_ORG_ACTIONS_H

#include <stdint.h>

#include "core/session.h"

/* F8: deletes an organization that has no history, after a confirmation;
 * one with members, children or history is offered 撤销 instead.  Returns 1
 * when the registry changed. */
int org_action_remove(struct session *s, int64_t id);

/* 撤销 with its date (default today) and reason.  Returns 1 when done. */
int org_action_dissolve(struct session *s, int64_t id);

/* Asks for a file name and writes the registry as CSV; the outcome goes to
 * the message line. */
void org_action_export(struct session *s);

#endif
