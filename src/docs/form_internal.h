/* form_internal.h — private to src/docs/: what the form files share. */
#ifndef DJ_FORM_INTERNAL_H
#define DJ_FORM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/session.h"
#include "docs/pdf.h"

/* The fonts the forms use. */
#define FONT_TITLE ((struct pdf_font){ 18, 1 })
#define FONT_HEAD ((struct pdf_font){ 12, 1 })
#define FONT_BODY ((struct pdf_font){ 12, 0 })
#define FONT_CELL ((struct pdf_font){ 10.5, 0 })
#define FONT_SMALL ((struct pdf_font){ 9, 0 })

/* DJ_DENIED unless the operator may view records of org_id (their scope
 * holds it, as the screens list them). */
int form_may_view(struct session *s, int64_t org_id, struct dj_err *e);

/* Whole years from born (YYYY-MM-DD) to on; -1 when either is not a date. */
int form_age_on(const char *born, const char *on);

/* "2026-10" → "2026年10月", "2026-11-21" → "2026年11月21日"; else the text. */
void form_date_words(const char *date, char *out, size_t cap);

/* Copies text into a file name, characters a name cannot hold as _. */
void form_name_part(const char *text, char *out, size_t cap);

/* The member and the date of member_event event_id.  0, or DJ_NOTFOUND. */
int form_event_member(struct session *s, int64_t event_id, int64_t *member_id, char date[11],
                      struct dj_err *e);

/* Every row of rs, read whole (a round's organizations, a member's
 * events: hundreds at most), into *rows (free it); rs is freed.  0, or
 * DJ_DB with e set. */
struct row_source;
struct rs_row;
int form_read_rows(struct row_source *rs, struct rs_row **rows, int *n, struct dj_err *e);

/* Where a page's content starts below a heading drawn by form_page_title:
 * the title centred at the top, the subtitle line under it. */
double form_page_title(struct pdf *p, const char *title, const char *subtitle);

/* The unit a report is filed for: the operator's organization, or the one
 * top organization of the database (全部党组织 when there are several). */
void form_unit_name(struct session *s, char *out, size_t cap);

#endif
