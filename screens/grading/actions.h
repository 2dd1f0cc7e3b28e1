/* actions.h — private to screens/grading/: what the round's menu, the
 * ledger and the rectification list share: the proportion check,
 * confirmation, the 一村一策 list and CSV export, each a dialog with its
 * outcome on the message line. */
#ifndef DJ_SCREENS_GRADING_ACTIONS_H
#define DJ_SCREENS_GRADING_ACTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"

/* Shows the report of grading_check (distribution, flags, what is missing). */
void grading_action_check(struct session *s, int64_t round_id);

/* The report, the publication date (today by default), a last question,
 * then grading_confirm.  Returns 1 when the round was confirmed. */
int grading_action_confirm(struct session *s, int64_t round_id);

/* The bottom share of villages (一村一策) with their totals and grades. */
void grading_action_bottom(struct session *s, int64_t round_id);

/* Asks for a file name and writes the round's ledger (or its
 * rectification plans) as CSV. */
void grading_action_export(struct session *s, int64_t round_id);
void rectify_action_export(struct session *s, int64_t round_id);


#endif
