/* menu_screen.c — see menu_screen.h. */
#include "screens/common/menu_screen.h"

#include <stdlib.h>

#include "tui/dialog.h"
#include "tui/draw.h"

const char *const menu_screen_legend[10] = { "帮助", NULL, "返回", NULL, NULL, NULL, NULL, NULL,
                                             NULL, "退出" };

struct menu_state {
	const struct menu_screen *def;
	struct menu_item items[MENU_MAX];   /* the entries' items, side by side as menu_init wants */
	struct menu m;
};

void *menu_screen_open(const struct menu_screen *def, struct session *s)
{
	struct menu_state *ms = calloc(1, sizeof *ms);
	int n = def->n < MENU_MAX ? def->n : MENU_MAX;
	if (!ms)
		return NULL;
	ms->def = def;
	for (int i = 0; i < n; i++)
		ms->items[i] = def->entries[i].item;
	menu_init(&ms->m, ms->items, n);
	for (int i = 0; i < n; i++)
		if (def->entries[i].admin_only && (!s || s->role != ROLE_ADMIN))
			menu_hide(&ms->m, i, 1);
	return ms;
}

void menu_screen_close(void *st)
{
	free(st);
}

void menu_screen_draw(void *st, struct app *a)
{
	(void)a;
	struct menu_state *ms = st;
	menu_draw(&ms->m);
	frame_status(ms->def->status, "");
}

enum outcome menu_screen_key(void *st, struct app *a, struct key k)
{
	struct menu_state *ms = st;
	int chosen = menu_key(&ms->m, k);
	if (chosen == MENU_HANDLED)
		return SCR_HANDLED;
	if (chosen < 0)
		return SCR_PASS;
	const struct screen *next = ms->def->entries[chosen].screen;
	if (!next && ms->def->quits)
		return dialog_confirm("退出系统？") ? SCR_QUIT : SCR_HANDLED;
	if (!next)
		return SCR_BACK;
	app_push(a, next, NULL);
	return SCR_PUSH;
}
