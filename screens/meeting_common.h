/* meeting_common.h — what the 三会一课 and 党费 screens share: choosing the
 * organization a list covers (F4), naming it, and exporting a list to a
 * CSV file the operator names. */
#ifndef DJ_SCREENS_MEETING_COMMON_H
#define DJ_SCREENS_MEETING_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rowsource.h"
#include "session.h"

/* F4: a pick list of organizations (pinyin initials narrow it).  Returns 1
 * with *org_id set when one was chosen, 0 on Esc. */
int meeting_pick_org(struct session *s, const char *title, int64_t *org_id);

/* The name of an organization, or of everything the operator sees (0). */
void meeting_scope_name(struct session *s, int64_t org_id, char *out, size_t cap);

/* Asks for a file name (starting from default_name) and writes it with
 * `write`; the outcome ("已导出 N 条…到 …" or the reason) goes to the message
 * line.  `what` names the records (会议记录). */
typedef int (*meeting_writer)(void *ctx, const char *path, FILE *report, int *n);
void meeting_export_dialog(const char *title, const char *default_name, const char *what,
                           meeting_writer write, void *ctx);

/* The same for a list on screen: its rows under the current find, with a
 * first line naming what they are (the period, the month …). */
void meeting_export_rows(struct row_source *rs, const char *title, const char *default_name,
                         const char *heading);

/* "2026年11月21日" style file-name date: "20261121". */
void meeting_file_date(char out[9]);

#endif
