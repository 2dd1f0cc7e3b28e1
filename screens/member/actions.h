/* actions.h — private to screens/member/: what the member and
 * development screens share, the organization a list covers (F4), CSV
 * export of a list or of the roster, and the choice of a member event. */
#ifndef DJ_SCREENS_MEMBER_ACTIONS_H
#define DJ_SCREENS_MEMBER_ACTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "core/rowsource.h"
#include "core/session.h"
#include "screens/common/screens.h"

/* F4: list_pick_org with the member screens' title, starting on *root.
 * Returns 1 with *root set when one was chosen. */
int member_pick_scope(struct session *s, int64_t *root);

/* The name of root when it is an active 党支部 (so new records start in
 * it), else "". */
void member_scope_branch(struct session *s, int64_t root, char *out, size_t cap);

/* Asks for a file name and writes the rows of a list (under its find) as
 * CSV with its column headings; the outcome goes to the message line. */
void member_export_rows(struct row_source *rs, const char *file_stem, const char *what);

/* Asks for a file name and writes the roster of the subtree (every field,
 * every status) as CSV that `dangjian import members` reads back. */
void member_export_roster(struct session *s, int64_t root);

/* Offers the events a member's status allows (转出, 出党 … 内部调整) and
 * opens the event form for the one chosen: SCR_PUSH, or SCR_HANDLED when
 * nothing was chosen (the reason, if any, on the message line). */
enum outcome member_choose_event(struct app *a, int64_t member_id, struct member_event_arg *arg);

#endif
