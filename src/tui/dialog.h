/* dialog.h — modal dialogs in a box over the current screen.
 *
 * Each dialog runs its own key loop and, when it returns, puts back exactly
 * what was under it (only the difference goes to the terminal), so a caller
 * in the middle of a key handler needs to redraw nothing.  Every dialog fits
 * in 80x24 and draws with the width-correct calls of draw.h.  Esc (or F3)
 * cancels; Esc+digit still works as the F-key.
 *
 * A resize or Ctrl-L while a dialog is open repaints the screen underneath
 * through the backdrop callback (app_run installs one that redraws the
 * current screen), then the dialog again at the new size. */
#ifndef DJ_TUI_DIALOG_H
#define DJ_TUI_DIALOG_H

#include <stddef.h>

/* Asks a yes/no question (UTF-8, lines split at \n) with buttons 是 and 否.
 * Y/1 answer yes, N/2 no; Left/Right/Tab move between the buttons; Enter
 * takes the highlighted one; Esc/F3 is no.  Returns 1 for yes, 0 for no. */
int dialog_ask(const char *question, int default_yes);
/* dialog_ask with 是 highlighted (Enter confirms): 退出系统？ */
int dialog_confirm(const char *question);

/* Shows text (lines split at \n, long lines wrapped) under a title.  When it
 * is longer than the box, Up/Down/PgUp/PgDn/Home/End/space scroll and any
 * other key closes; otherwise any key closes. */
void dialog_message(const char *title, const char *text);

/* One line of input: buf (UTF-8, cap bytes) holds the starting text and
 * receives the result.  Characters insert at the cursor (the hardware cursor
 * sits at the insertion point for the input method); Left/Right, Home/End,
 * Ctrl-A/Ctrl-E move; Backspace/Delete, Ctrl-U (clear), Ctrl-K (to the end)
 * delete.  Returns 1 on Enter or F2 (buf updated), 0 on Esc/F3 (buf
 * unchanged). */
int dialog_input(const char *title, const char *prompt, char *buf, size_t cap);

/* A short list to choose from, shown "1. 项目" … with the cursor on
 * `initial`.  Up/Down/PgUp/PgDn/Home/End move, Enter chooses, digits 1-9
 * choose the numbered item directly.  Returns the index, or -1 on Esc/F3. */
int dialog_pick(const char *title, const char *const *items, int n, int initial);

/* What a modal box covers and where the screen wanted the cursor: saved
 * before the box is drawn and put back when it closes, so the caller redraws
 * nothing.  The dialogs here and grid_pick use it. */
struct under {
	void *saved;       /* a copy of stdscr */
	int cur_y, cur_x;
};
void under_save(struct under *u);
void under_restore(struct under *u);

/* The function that repaints the whole screen under a dialog (after a resize
 * or Ctrl-L); NULL just clears it. */
void dialog_set_backdrop(void (*redraw)(void *ctx), void *ctx);

#endif
