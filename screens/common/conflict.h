/* conflict.h — private to screens/common/ (record_form.c calls it for
 * every form): what a form does when its save met DJ_CONFLICT (someone else
 * saved the record after it was opened).  Any form screen can use it:
 *
 *     if (rc == DJ_CONFLICT) {
 *         struct member now;
 *         if (member_load(s, w->rec.id, &now, &e) == 0 &&
 *             conflict_resolve(&w->f, s, "member", w->rec.id, &w->rec, &now, &draft)
 *                 != CONFLICT_KEEP)
 *             w->rec = now;    // the new version number comes with it
 *     }
 *
 * loaded, current and typed are three copies of the screen's record struct
 * (the one the form's field table describes with FORM_MEMBER): as the form
 * opened it, as it is in the database now, and with what was typed
 * (form_store).  The operator sees who changed the record (the audit log's
 * newest entry on table/id) and, field by field, what they changed and what
 * the operator changed, then chooses: */
#ifndef DJ_SCREENS_CONFLICT_H
#define DJ_SCREENS_CONFLICT_H

#include <stdint.h>

#include "core/session.h"
#include "tui/form.h"

enum conflict_choice {
	CONFLICT_MERGE,   /* the form shows `current` with the operator's own changes put
	                     back on top (marked changed): check, then F2 again */
	CONFLICT_THEIRS,  /* the form shows `current`; the operator's changes are dropped */
	CONFLICT_KEEP,    /* nothing reloaded: the form keeps what was typed (Esc) */
};

enum conflict_choice conflict_resolve(struct form *f, struct session *s, const char *table,
                                      int64_t id, const void *loaded, const void *current,
                                      const void *typed);

/* The report shown in the first dialog, for tests and for screens that
 * want it elsewhere: who and when, their changes, the operator's changes
 * (a field both changed is marked).  Returns how many fields the other
 * person changed. */
int conflict_report(const struct form_field *defs, int n, const char *who, const void *loaded,
                    const void *current, const void *typed, char *out, size_t cap);

#endif
