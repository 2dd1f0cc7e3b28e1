/* subs.h — private to screens/review/: what the screens of an
 * application's records (notes, tasks, funds, evidence) repeat: the
 * application read once for their heading, the list shown and read again
 * after a form saved, and the list written out. */
#ifndef DJ_SCREENS_REVIEW_SUBS_H
#define DJ_SCREENS_REVIEW_SUBS_H

#include <stddef.h>

#include "review/review.h"
#include "screens/common/list_screen.h"

#define SUBS_EMPTY "暂无记录，按 F6 新增"

/* The application id, read into a new struct (free() it); NULL with the
 * reason on the message line. */
struct review_app *subs_app_load(struct session *s, long long id);
/* Which configuration the application belongs to: 项目 is 立项, the rest 创建. */
enum review_kind subs_app_flow(const struct review_app *app);
/* "项目：<title>（<state>）" or "样板支部：…", for row 0 of the body. */
void subs_app_heading(const struct review_app *app, char *out, size_t cap);

/* Shows rs under `head` heading rows, empty as SUBS_EMPTY; on a second
 * call keeps the find text and the selected row.  0, or -1 with the
 * message line saying 无法读取<what>. */
int subs_list_show(struct list_view *v, struct row_source *rs, int head, const char *what);
/* Back from a form: the list read again (any kind of source), with the row
 * the form saved (*saved_id, then reset) selected. */
void subs_list_reload(struct list_view *v, struct row_source *rs, int head, const char *what,
                      long long *saved_id);
/* F9 导出: the rows on screen as CSV under the application's heading. */
void subs_list_export(struct list_view *v, const struct review_app *app, const char *what);

#endif
