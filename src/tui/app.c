/* app.c — the screen stack and the one loop that reads keys (see app.h).
 *
 * Each key ends in exactly one doupdate().  Screens redraw through normal
 * drawing on stdscr, so ncurses sends the terminal only the cells that
 * changed; the whole terminal is cleared and repainted only on Ctrl-L and
 * on a resize. */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include <stdio.h>
#include <string.h>

#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/draw.h"

#define MIN_ROWS 24
#define MIN_COLS 80
#define STACK_MAX ((int)(sizeof ((struct app *)0)->stack / sizeof ((struct app *)0)->stack[0]))

static const char *const no_legend[10];

void app_push(struct app *a, const struct screen *s, void *arg)
{
	a->pending = s;
	a->pending_arg = arg;
}

static int too_small(void)
{
	return LINES < MIN_ROWS || COLS < MIN_COLS;
}

static void draw_too_small(void)
{
	char msg[160];
	clear();
	snprintf(msg, sizeof msg, "终端窗口太小（%d列x%d行），请调大到至少 %d列x%d行。", COLS, LINES,
	         MIN_COLS, MIN_ROWS);
	draw_text(0, 0, COLS, msg, ST_ERROR);
	cursor_want(-1, -1);
}

static const struct screen *top_screen(const struct app *a) { return a->stack[a->depth - 1].s; }

static void draw_breadcrumbs(const struct app *a)
{
	char path[768];
	size_t n = 0;
	path[0] = '\0';
	for (int i = 0; i < a->depth; i++) {
		const char *name = a->stack[i].s->name ? a->stack[i].s->name : "";
		int w = snprintf(path + n, sizeof path - n, "%s%s", i ? " > " : "", name);
		if (w < 0 || (size_t)w >= sizeof path - n)
			break;
		n += (size_t)w;
	}
	frame_breadcrumbs(path);
}

/* The top screen with its frame, by normal drawing: the body is cleared in
 * memory first, so only what differs from the terminal is sent. */
static void draw_screen(struct app *a)
{
	const struct screen *s = top_screen(a);
	frame_title(s->name);
	draw_breadcrumbs(a);
	frame_legend(s->legend ? s->legend : no_legend);
	frame_message_draw();
	draw_clear_rows(frame_body_top(), LINES - 2);
	cursor_want(-1, -1);
	if (s->draw)
		s->draw(a->stack[a->depth - 1].st, a);
}

static void draw_body(struct app *a)
{
	const struct screen *s = top_screen(a);
	draw_clear_rows(frame_body_top(), LINES - 2);
	cursor_want(-1, -1);
	if (s->draw)
		s->draw(a->stack[a->depth - 1].st, a);
}

static void redraw_full(void *ctx)
{
	struct app *a = ctx;
	clear();
	if (too_small())
		draw_too_small();
	else if (a->depth > 0)
		draw_screen(a);
}

static int open_screen(struct app *a, const struct screen *s, void *arg)
{
	if (a->depth >= STACK_MAX) {
		frame_message(MSG_ERROR, "打开的屏幕层数太多，请先按 F3 返回");
		return -1;
	}
	void *st = s->open ? s->open(a, arg) : NULL;
	if (s->open && st == NULL)
		return -1;
	a->stack[a->depth].s = s;
	a->stack[a->depth].st = st;
	a->depth++;
	return 0;
}

static void close_top(struct app *a)
{
	a->depth--;
	if (a->stack[a->depth].s->close)
		a->stack[a->depth].s->close(a->stack[a->depth].st);
}

static void show_help(struct app *a)
{
	const struct screen *s = top_screen(a);
	char title[160];
	snprintf(title, sizeof title, "帮助：%s", s->name ? s->name : "");
	dialog_message(title, s->help && *s->help ? s->help : "此屏幕没有帮助说明。");
}

enum outcome app_quit_unsaved(int (*save)(void *st), void *st)
{
	static const char *const answers[] = { "是，保存后退出", "否，不保存，退出" };
	switch (dialog_pick("退出系统前保存修改？", answers, 2, 0)) {
	case 0:
		return save(st) == 0 ? SCR_QUIT : SCR_REDRAW;
	case 1:
		return SCR_QUIT;
	default:
		return SCR_REDRAW;
	}
}

/* The keys every screen shares, for keys the screen passed on. */
static enum outcome shared_key(struct app *a, struct key k)
{
	switch (k.code) {
	case K_F1:
		show_help(a);
		return SCR_HANDLED;
	case K_F3: case K_ESC:
		if (a->depth > 1)
			return SCR_BACK;
		return dialog_confirm("退出系统？") ? SCR_QUIT : SCR_HANDLED;
	case K_F10:
		return dialog_confirm("退出系统？") ? SCR_QUIT : SCR_HANDLED;
	case K_CTRL_L:
		redraw_full(a);
		return SCR_HANDLED;
	default:
		return SCR_HANDLED;
	}
}

/* Applies a handler's outcome.  Returns 1 when the loop should end.
 * A pending app_push() is honoured after SCR_BACK too, which replaces the
 * screen on top. */
static int apply_outcome(struct app *a, enum outcome o)
{
	int changed = 0;
	if (o == SCR_QUIT)
		return 1;
	if (o == SCR_REDRAW)
		draw_body(a);
	if (o == SCR_BACK) {
		close_top(a);
		if (a->depth == 0 && a->pending == NULL)
			return 1;
		changed = 1;
	}
	if (a->pending) {
		const struct screen *s = a->pending;
		a->pending = NULL;
		if (open_screen(a, s, a->pending_arg) == 0)
			changed = 1;
		else if (a->depth == 0)
			return 1;
	} else if (o == SCR_BACK && a->depth > 0) {
		const struct screen *s = top_screen(a);
		if (s->resume)
			s->resume(a->stack[a->depth - 1].st, a);
	}
	if (changed)
		draw_screen(a);
	return 0;
}

static enum outcome dispatch(struct app *a, struct key k)
{
	const struct screen *s = top_screen(a);
	enum outcome o = SCR_PASS;
	if (s->key)
		o = s->key(a->stack[a->depth - 1].st, a, k);
	if (o == SCR_PASS)
		o = shared_key(a, k);
	return o;
}

/* With no screen to show (the first refused to open), the reason on the
 * message line stays until a key is pressed. */
static void show_refusal(void)
{
	frame_message_draw();
	frame_legend(no_legend);
	cursor_want(-1, -1);
	draw_flush();
	term_getkey();
}

static void close_all(struct app *a)
{
	while (a->depth > 0)
		close_top(a);
}

int app_run(struct app *a, const struct screen *first, void *arg)
{
	a->depth = 0;
	a->pending = NULL;
	frame_set_identity(a->system, a->unit, a->op);
	dialog_set_backdrop(redraw_full, a);
	if (open_screen(a, first, arg) != 0) {
		show_refusal();
		dialog_set_backdrop(NULL, NULL);
		return 0;
	}
	/* the first screen may push another as it opens (the main menu, the
	 * 待办 screen when [todo] at_start says so): Esc returns to it */
	if (a->pending)
		apply_outcome(a, SCR_HANDLED);
	redraw_full(a);
	for (;;) {
		draw_flush();
		struct key k = term_getkey();
		if (k.code == K_NONE)
			continue;
		if (too_small()) {
			if (k.code == K_RESIZE || k.code == K_CTRL_L)
				redraw_full(a);
			continue;
		}
		if (k.code != K_RESIZE)
			frame_message_clear();
		enum outcome o = dispatch(a, k);
		if (apply_outcome(a, o))
			break;
		if (k.code == K_RESIZE)
			redraw_full(a);
	}
	close_all(a);
	dialog_set_backdrop(NULL, NULL);
	return 0;
}
