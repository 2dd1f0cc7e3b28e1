/* cli.h — the command-line half of the program (DESIGN.md §7).  Exit codes:
 * 0 success, 1 data refused or problems found (the report says why),
 * 2 usage error or unusable file. */
#ifndef DJ_CLI_H
#define DJ_CLI_H

#include <stdio.h>

#include "core/config.h"
#include "core/session.h"

#include "core/version.h"

/* Runs the command in argv[0..argc) (after --config was taken out).
 * Returns the exit code. */
int cli_run(struct config *c, int argc, char **argv);
/* --help: every command line, one by one. */
void cli_usage(FILE *to);
/* Every command line cli_run takes, by its words: "init", "import orgs",
 * "export audit", "user add" …  Returns how many were written (at most
 * cap); the test that holds --help and the man page to them calls it. */
int cli_command_names(char names[][32], int cap);

/* The configuration file and the database this run uses, on one line
 * ("配置文件：/etc/dangjian/dangjian.ini；数据库：/var/lib/dangjian/dangjian.db",
 * relative names made absolute), for --version, check and every refusal to
 * start: where /etc/dangjian/dangjian.ini exists, a start in a folder
 * without ./dangjian.ini uses the system's database, and should say so. */
void cli_where(const struct config *c, char *out, size_t cap);
/* A refusal to start: msg, then cli_where's line, on stderr. */
void cli_refuse(const struct config *c, const char *msg);

/* Takes --force (or 覆盖) out of a command's arguments: the operator's
 * consent to replace an existing file (core/outfile.h).  Returns argc left. */
int cli_take_force(int argc, char **argv, int *force);
/* Whether a command may write `path`: a symlink or directory is refused,
 * an existing file only replaced with force (then permitted).  0, or 1
 * after saying why on stderr. */
int cli_may_write(const char *path, int force);

/* `check`: prints each problem; returns how many were found. */
int cli_check(struct session *s, FILE *out);

#endif
