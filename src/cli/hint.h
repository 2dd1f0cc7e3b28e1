/* hint.h — the command line's words for what the screens say with keys.
 *
 * The domain modules' messages are shared by the forms and the commands,
 * and some end in a screen's advice: （按 F4 选择）.  On the command line
 * there is no F4; the commands pass every message through here, which puts
 * what to type instead: the valid values, or where to find them. */
#ifndef DJ_CLI_HINT_H
#define DJ_CLI_HINT_H

#include <stddef.h>
#include <stdio.h>

/* msg with each screen hint replaced; the field it is about is the first
 * 「…」 in msg (the report's column, or the message's own field). */
void cli_plain(const char *msg, char *out, size_t cap);
/* Writes text (lines of a report) to `to` through cli_plain. */
void cli_plain_lines(FILE *to, const char *text);
/* fprintf(stderr, "%s\n", msg) through cli_plain. */
void cli_error(const char *msg);

#endif
