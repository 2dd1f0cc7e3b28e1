/* screens.h — the full-screen program's entry and the screens it opens. */
#ifndef DJ_SCREENS_H
#define DJ_SCREENS_H

#include "session.h"
#include "tui/app.h"

/* Starts the terminal, runs the main menu until the operator leaves, and
 * restores the terminal.  Returns the process exit code. */
int screens_run(struct session *s);

extern const struct screen main_menu_screen;
extern const struct screen org_tree_screen;
extern const struct screen org_list_screen;
extern const struct screen org_form_screen;

/* What org_form_screen opens: an existing record (id) or a new one under
 * a parent (name, may be ""). */
struct org_form_arg {
	long long id;
	char parent[128];
	long long saved_id;   /* set by the form: the record last saved, to select it */
};

/* Operators and the audit log (issue 6), admins only; the conflict dialog
 * every form uses is in screens/conflict.h. */
extern const struct screen user_browse_screen;
extern const struct screen user_form_screen;
extern const struct screen audit_browse_screen;

/* What user_form_screen opens: an operator (id) or a new one (0). */
struct user_form_arg {
	long long id;
	long long saved_id;   /* set by the form: the operator last saved */
};

#endif
