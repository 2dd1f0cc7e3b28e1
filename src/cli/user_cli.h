/* user_cli.h — private to src/cli/: the administrator's commands, called
 * from cli.c with an open session.  Return the exit code (0, 1 refused,
 * 2 usage). */
#ifndef DJ_USER_CLI_H
#define DJ_USER_CLI_H

#include "core/session.h"

/* argv[0] is "user": list | add LOGIN … | set LOGIN … | del LOGIN. */
int user_cli(struct session *s, int argc, char **argv);
/* The i-th verb user_cli takes ("list" …), NULL past the last. */
const char *user_cli_verb(int i);

/* `restore FILE`: see restore.h. */
int restore_cli(struct session *s, const char *from);

#endif
