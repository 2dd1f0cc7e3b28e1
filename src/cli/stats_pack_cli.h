/* stats_pack_cli.h — `dangjian stats pack [--as-of 日期] 文件` (a township
 * packs its year's tables for the level above) and `dangjian stats merge
 * [-o 文件.csv|.xlsx] 文件…` (the level above sums the packs), as verbs of
 * the `stats` command. */
#ifndef DJ_STATS_PACK_CLI_H
#define DJ_STATS_PACK_CLI_H

#include "core/config.h"

/* argv[0] is "pack" / "merge" (--force may still be among the words).
 * Return the exit code: 0 done, 1 refused, 2 usage. */
int stats_pack_cli(struct config *c, int argc, char **argv);
int stats_merge_cli(struct config *c, int argc, char **argv);

#endif
