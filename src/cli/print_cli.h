/* print_cli.h — `dangjian print FORM ID FILE.pdf`: the printed forms of
 * docs/forms.h from the command line. */
#ifndef DJ_PRINT_CLI_H
#define DJ_PRINT_CLI_H

#include <stdint.h>

#include "core/session.h"

/* The forms by their words (letter signin minutes member grading), i from
 * 0; NULL past the last. */
const char *print_cli_verb(int i);

struct print_args {
	int form;                /* index into the forms */
	int64_t id;              /* the record; 0 with id_number for `print member 身份证号` */
	const char *id_number;
	const char *path;
	int blank, force;
};
/* Reads argv (argv[0] is "print"; --force already taken out).  0, or 2
 * after printing the usage. */
int print_cli_parse(int argc, char **argv, int force, struct print_args *a);
/* Writes the form and says the full path written.  Returns the exit code. */
int print_cli_run(struct session *s, const struct print_args *a);

#endif
