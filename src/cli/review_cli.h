/* review_cli.h — private to src/cli/: `dangjian review …`, the 立项 and 创建
 * batches from the command line (src/review/review.h).  Return the exit
 * code (0, 1 refused or unwritable, 2 usage). */
#ifndef DJ_REVIEW_CLI_H
#define DJ_REVIEW_CLI_H

#include "core/session.h"

/* argv[0] is "review": list [BATCH] | export BATCH FILE.csv |
 * print FORM APPLICATION FILE.txt; --force already taken out. */
int review_cli(struct session *s, int argc, char **argv, int force);
/* 1 after printing the usage when argv is not one of those shapes (checked
 * before the database is opened). */
int review_cli_usage_error(int argc, char **argv);
/* The i-th verb review_cli takes ("list" …), NULL past the last. */
const char *review_cli_verb(int i);

#endif
