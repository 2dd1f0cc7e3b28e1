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

/* 三会一课 and 党费 (issue 4): two sub-menus, the meeting ledger, form and
 * sign-in sheet, the compliance table with its detail and absentee list,
 * the dues month overview, month sheet and arrears list. */
extern const struct screen meeting_menu_screen;
extern const struct screen dues_menu_screen;
extern const struct screen meeting_browse_screen;
extern const struct screen meeting_form_screen;
extern const struct screen meeting_sheet_screen;
extern const struct screen compliance_browse_screen;
extern const struct screen compliance_detail_screen;
extern const struct screen compliance_absent_screen;
extern const struct screen dues_browse_screen;
extern const struct screen dues_sheet_screen;
extern const struct screen dues_arrears_screen;

/* What meeting_form_screen and meeting_sheet_screen open: a meeting (id,
 * 0 for a new one under `org`), and what they hand back. */
struct meeting_arg {
	long long id;
	char org[128];         /* a new meeting's organization ("" to choose) */
	long long saved_id;    /* set on return: the meeting last saved */
	long long read_version;/* set by the sheet: the meeting's version it read */
	long long new_version; /* set by the sheet after a save: the version now */
};

/* A subtree (0: the operator's scope) and a period or month, for the
 * compliance and dues screens. */
struct meeting_scope_arg {
	long long org_id;
	int period_kind;       /* enum period_kind (compliance.h) */
	int period_from, period_to;   /* month indices; 0: the current period */
	char asof[11];         /* compliance_absent_screen: as of this day ("" today) */
	char month[8];         /* dues screens: YYYY-MM ("" this month) */
	int saved;             /* set on return when something was saved */
};

#endif
