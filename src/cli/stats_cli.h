/* stats_cli.h — `dangjian stats TABLE [--as-of DATE] [--org NAME] FILE`:
 * one 党内统计 table written as the upper level's form. */
#ifndef DJ_STATS_CLI_H
#define DJ_STATS_CLI_H

#include "core/session.h"

struct stats_args {
	const char *table;   /* a key from stats_defs */
	const char *as_of;   /* "" for 12-31 of this year */
	const char *org;     /* NULL: the whole database within scope */
	const char *path;
	int force;
};
/* Reads argv (argv[0] is "stats"; --force already taken out).  0, or 2
 * after saying what is wrong and the usage. */
int stats_cli_parse(int argc, char **argv, int force, struct stats_args *a);
/* Computes and writes the table, says where; for 党员增减 also checks
 * 上年末 + 增加 − 减少 = 本年末 and names the members that break it.
 * Returns the exit code (1: refused, or the check failed). */
int stats_cli_run(struct session *s, const struct stats_args *a);

#endif
