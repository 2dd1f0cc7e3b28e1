/* menu.h — a numbered menu in the screen body:
 *
 *        1. 组织管理
 *        2. 党员管理
 *        …
 *   (the current item's hint on the last body row)
 *
 * Keys: an item's hotkey (digit or letter, case-insensitive) chooses it at
 * once; Up/Down move (wrapping), Home/End and PgUp/PgDn go to the first and
 * last item; Enter chooses the current item.  Hidden items (functions this
 * operator or this build does not offer) are neither shown nor chosen. */
#ifndef DJ_TUI_MENU_H
#define DJ_TUI_MENU_H

#include "tui/term.h"

#define MENU_MAX 32

struct menu_item {
	char hotkey;          /* '1'..'9', '0', 'a'..'z'; 0: chosen by moving only */
	const char *label;    /* UTF-8: "组织管理" */
	const char *hint;     /* one line shown while the item is current; may be NULL */
};

struct menu {
	const struct menu_item *items;
	int n;                /* at most MENU_MAX */
	int cur;              /* index of the current item (never a hidden one) */
	int top;              /* first item shown when the list is longer than the area */
	unsigned long hidden; /* bit i set: item i is not listed */
};

/* menu_key's results besides a chosen index. */
#define MENU_HANDLED (-1) /* the current item moved; the menu has been redrawn */
#define MENU_PASS (-2)    /* not a menu key: the screen or the app handles it */

/* Sets up a menu over items[0..n-1] (n at most MENU_MAX) with the first
 * item current. */
void menu_init(struct menu *m, const struct menu_item *items, int n);

/* Hides or shows item i (the current item moves off a hidden one). */
void menu_hide(struct menu *m, int i, int hidden);

/* Draws the whole body at the current terminal size: the items centred, the
 * current one in ST_SELECTED, its hint on the body's last row.  Hides the
 * hardware cursor. */
void menu_draw(struct menu *m);

/* Returns the index of the item chosen, MENU_HANDLED or MENU_PASS. */
int menu_key(struct menu *m, struct key k);

#endif
