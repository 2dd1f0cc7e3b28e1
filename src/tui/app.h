/* app.h — screens and the loop that owns their stack.
 *
 * A screen is a table of callbacks; handlers return an outcome instead of
 * calling each other (htop's model).  To open another screen a handler calls
 * app_push() and returns SCR_PUSH; SCR_BACK pops the current one.  Keys a
 * screen does not handle (SCR_PASS) get the shared behaviour: F1 shows the
 * screen's help, F3/Esc go back, F10 asks 退出系统？, Ctrl-L redraws fully,
 * a resize redraws. */
#ifndef DJ_TUI_APP_H
#define DJ_TUI_APP_H

#include "tui/term.h"

enum outcome {
	SCR_PASS,      /* not mine: apply the shared key behaviour */
	SCR_HANDLED,   /* done; the screen has drawn what changed */
	SCR_REDRAW,    /* redraw this screen's body (draw callback) */
	SCR_BACK,      /* close this screen, return to the one below */
	SCR_PUSH,      /* app_push() was called: open that screen on top */
	SCR_QUIT,      /* leave the program (already confirmed) */
};

struct app;

struct screen {
	const char *name;      /* 屏幕名 for the title row and breadcrumbs */
	const char *help;      /* F1 text, UTF-8, lines separated by \n */
	const char *const *legend; /* 10 labels for the F-key legend (NULL entries hidden) */
	/* Creates the screen's state from arg; NULL refuses to open (the
	 * reason is already on the message line). */
	void *(*open)(struct app *a, void *arg);
	void (*close)(void *st);
	/* Draws the whole body (rows frame_body_top() .. +frame_body_rows()) and the
	 * status line; positions the cursor with cursor_want(). */
	void (*draw)(void *st, struct app *a);
	enum outcome (*key)(void *st, struct app *a, struct key k);
	/* Called when the screen on top of this one closed (reload changed data). */
	void (*resume)(void *st, struct app *a);
};

struct app {
	void *session;          /* the core's session (db, config, operator) for screens */
	const char *system;     /* 系统名 */
	const char *unit;       /* the organization's own name from dangjian.ini */
	const char *op;         /* operator's display name */
	/* private to app.c */
	int depth;
	struct { const struct screen *s; void *st; } stack[16];
	const struct screen *pending;
	void *pending_arg;
};

/* Asks the loop to open s with arg after the current handler returns. */
void app_push(struct app *a, const struct screen *s, void *arg);

/* F10 on a screen holding unsaved work (a form or a sheet): asks whether to
 * save first — 是 saves (save(st) returns 0) and quits, 否 quits without,
 * Esc stays — so 退出系统？'s default answer never drops what was typed.
 * Returns SCR_QUIT or SCR_REDRAW (stay: cancelled, or the save refused). */
enum outcome app_quit_unsaved(int (*save)(void *st), void *st);

/* Runs until the bottom screen goes back or a handler returns SCR_QUIT.
 * Returns 0. */
int app_run(struct app *a, const struct screen *first, void *arg);

#endif
