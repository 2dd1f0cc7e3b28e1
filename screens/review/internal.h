/* internal.h — what the review screens share among themselves: the F9 menu
 * of an application (app_actions.c), which app_form.c opens. */
#ifndef DJ_SCREENS_REVIEW_INTERNAL_H
#define DJ_SCREENS_REVIEW_INTERNAL_H

#include <stddef.h>

#include "review/review.h"
#include "screens/common/screens.h"
#include "tui/app.h"

/* What the application's F9 menu did. */
enum review_menu_done {
	REVIEW_MENU_NOTHING,   /* cancelled, refused, or a file written */
	REVIEW_MENU_CHANGED,   /* a transition was made: read the application again */
	REVIEW_MENU_PUSHED,    /* a screen of its records was pushed with *sub */
};

/* F9 on the saved application ap of batch b: first the transitions the
 * flow allows from its state now, each asking for what its step carries,
 * then its records (notes, funds, the score sheet, tasks, evidence) and the
 * paper forms as files.  *sub is what a pushed screen gets. */
enum review_menu_done review_app_menu(struct app *a, struct session *s, const struct review_app *ap,
                                      const struct review_batch *b, struct review_arg *sub);

/* The domain's reasons, a line each, on one line of a form: "a；b". */
void review_join_lines(const char *lines, char *out, size_t cap);

#endif
