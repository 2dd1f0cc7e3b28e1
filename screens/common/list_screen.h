/* list_screen.h — what every list screen (台账) repeats around its grid
 * (tui/grid.h): a row source shown from a body row down to the body's end
 * (the grid follows terminal resizes itself), replaced when the scope or
 * the period changes while keeping what the operator was finding or looking
 * at, the record a form saved selected on return, Enter opening a row, the
 * organization a list covers (F4), and a list written as CSV to a file the
 * operator names. */
#ifndef DJ_SCREENS_LIST_SCREEN_H
#define DJ_SCREENS_LIST_SCREEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/rowsource.h"
#include "core/session.h"
#include "tui/app.h"
#include "tui/grid.h"

struct list_view {
	struct row_source *rs;   /* what is shown; freed with the view */
	struct grid g;
	int shown;               /* g is set up on rs */
};

/* What list_view_show keeps of the list it replaces. */
enum list_keep {
	LIST_KEEP_NOTHING = 0,
	LIST_KEEP_FIND = 1,      /* the find text (F7), typed again */
	LIST_KEEP_ROW = 2,       /* the selected record, when it is listed */
};

/* Shows rs under the body's first `head` rows, saying `empty` when nothing
 * is listed; the view takes rs over and frees what it showed before, after
 * taking what `keep` (enum list_keep bits) asks of it.  0; -1 when rs is
 * NULL or there is no memory for the grid: rs is freed, the view shows
 * what it showed before, and with `unreadable` ("党员") the message line
 * says 无法读取党员：<the source's error, or 内存不足>. */
int list_view_show(struct list_view *v, struct row_source *rs, int head, const char *empty,
                   int keep, const char *unreadable);
void list_view_free(struct list_view *v);

/* Back from a screen on top: the record it saved (*saved_id, then reset)
 * selected, or the rows read again in place. */
void list_view_resume(struct list_view *v, long long *saved_id);

/* The grid's keys: SCR_HANDLED when the grid took the key, open(st, a, id)
 * for Enter on a row, SCR_PASS for the screen's own keys. */
enum outcome list_view_key(struct list_view *v, struct key k, struct app *a,
                           enum outcome (*open)(void *st, struct app *a, int64_t id), void *st);

/* F4: a pick list of organizations (pinyin initials narrow it) starting on
 * *org_id.  1 with *org_id set when one was chosen, 0 on Esc. */
int list_pick_org(struct session *s, const char *title, int64_t *org_id);

/* The name of the organization a list covers; for 0, of the operator's
 * scope, or 全部党组织 when that is everything. */
void list_scope_name(struct session *s, int64_t org_id, char *out, size_t cap);

/* Writes a file at `path`: 0 with *n records, or non-zero with the reason
 * as the first line of `report`. */
typedef int (*list_writer)(void *ctx, const char *path, FILE *report, int *n);

/* Asks for the file an export writes (path holds the default and gets the
 * answer).  A symlink or a directory there is refused on the message line;
 * an existing file is replaced only when the operator answers yes to
 * 文件已存在，是否覆盖？ (core/outfile.h).  Returns 1 to go on. */
int list_ask_file(const char *title, char *path, size_t cap);

/* Asks for a file name under `title` (list_ask_file), starting from
 * default_name, and writes it with `write`.  The message line says 已导出 N <unit>到 <path>
 * (the absolute path)
 * (then `note`, may be NULL) or 导出失败：<the reason>. */
void list_export(const char *title, const char *default_name, const char *unit, const char *note,
                 list_writer write, void *ctx);

/* The same for the rows of a list on screen, under its find and sort, the
 * column titles first and `heading` (the period, the scope …) above them. */
void list_export_rows(struct row_source *rs, const char *title, const char *default_name,
                      const char *heading);

/* Today for file names: "20261121". */
void list_file_date(char out[9]);
/* A default file name: "<stem>-20261121.xlsx" (Excel/WPS open it as it
 * is; the dialog says that .csv gives CSV). */
void list_file_name(char *out, size_t cap, const char *stem);
/* The absolute path of a file just written, for the message that names it. */
void list_full_path(const char *path, char *out, size_t cap);

#endif
