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

#endif
