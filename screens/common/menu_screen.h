/* menu_screen.h — a screen that is a menu of other screens (主菜单, 党员管理,
 * 三会一课, 党费管理): a hotkey or Enter opens an entry's screen; the entry
 * without one leaves — back to the menu below, or, on the main menu, out of
 * the program after 退出系统？.
 *
 * A menu file holds its entries and a struct menu_screen, and its screen
 * table uses an open that calls menu_screen_open with them, and
 * menu_screen_close, _draw, _key and menu_screen_legend. */
#ifndef DJ_SCREENS_MENU_SCREEN_H
#define DJ_SCREENS_MENU_SCREEN_H

#include "core/session.h"
#include "tui/app.h"
#include "tui/menu.h"

struct menu_entry {
	struct menu_item item;
	const struct screen *screen;   /* NULL: leave */
	int admin_only;                /* hidden from operators and viewers */
};

struct menu_screen {
	const struct menu_entry *entries;
	int n;                         /* at most MENU_MAX */
	const char *status;            /* the status line's text */
	int quits;                     /* leaving ends the program (asks first) */
};

/* The menu's state for a screen's open (s: whose role hides admin-only
 * entries; NULL hides them).  NULL when out of memory. */
void *menu_screen_open(const struct menu_screen *def, struct session *s);
void menu_screen_close(void *st);
void menu_screen_draw(void *st, struct app *a);
enum outcome menu_screen_key(void *st, struct app *a, struct key k);

/* F1 帮助, F3 返回, F10 退出. */
extern const char *const menu_screen_legend[10];

#endif
