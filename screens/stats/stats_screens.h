/* stats_screens.h — inside screens/stats: the 党内统计 table screen and the
 * list behind one of its cells. */
#ifndef DJ_SCREENS_STATS_H
#define DJ_SCREENS_STATS_H

#include "stats/stats.h"
#include "tui/app.h"

/* What stats_drill_screen opens: the computed table, the cell, the date. */
struct stats_drill_arg {
	const struct stats_table *t;
	const struct stats_when *w;
	int row, col;
	const char *scope;    /* the subtree's name */
};

extern const struct screen stats_drill_screen;

/* A table screen opens on the key its screen was made for (menu.c). */
void *stats_table_open(struct app *a, const char *key);
void stats_table_close(void *st);
void stats_table_draw(void *st, struct app *a);
enum outcome stats_table_key(void *st, struct app *a, struct key k);
void stats_table_resume(void *st, struct app *a);
extern const char *const stats_table_legend[10];
extern const char *const stats_change_legend[10];   /* with F8 核对 */
extern const char stats_table_help[];

#endif
