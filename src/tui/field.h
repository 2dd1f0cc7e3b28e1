/* field.h — the single-field editor: one value being typed, in wchar_t,
 * measured in terminal columns (a 10-column field holds 5 CJK characters),
 * scrolled sideways when the text is wider than the field.
 *
 * Values go in and out as UTF-8, exactly as typed.  The type decides which
 * characters a key may insert (INT refuses 中 and letters with a message on
 * the message line) and what "leaving the field" checks (field_check).
 * Full-width digits and punctuation typed in an input method's full-width
 * mode (１２。) are taken as their ASCII forms in INT, MONEY and DATE fields.
 *
 * A CHOICE field takes only keys that keep its text leading somewhere: a
 * character after which no choice matches (choice_matches) is refused with
 * a bell and a message naming the field and the choices, so text meant for
 * the next field never piles up in this one.
 *
 * Text wider than the field scrolls; a one-column mark (‹ or ›) stands at
 * each side where some of it is hidden, while editing and when not.
 *
 * Keys: characters insert; Left/Right move by one character (with its
 * combining marks); Home/Ctrl-A, End/Ctrl-E; Backspace/Delete; Ctrl-U clears;
 * Ctrl-K kills to the end.  NOTE fields hold several lines: Enter inserts a
 * line break, Up/Down move between lines, and Down on the last line or Up on
 * the first is passed on (the form moves to the next/previous field). */
#ifndef DJ_TUI_FIELD_H
#define DJ_TUI_FIELD_H

#include <stddef.h>
#include <wchar.h>

#include "core/validate.h"
#include "tui/term.h"

enum field_type {
	FT_TEXT,      /* free text */
	FT_INT,       /* digits only */
	FT_MONEY,     /* yuan: digits, one '.', at most two decimals */
	FT_DATE,      /* digits and - . / ; normalised to YYYY-MM-DD when left */
	FT_CHOICE,    /* one of a list; F4 picks, typing pinyin initials narrows */
	FT_LINK,      /* text naming another record; F4 looks it up (form.h) */
	FT_NOTE,      /* several lines; Enter is a line break */
	FT_READONLY,  /* shown dim, never focused */
};

struct field {
	enum field_type type;
	const char *name;            /* for messages: 「成立日期」 */
	const char *const *choices;  /* FT_CHOICE: NULL-terminated UTF-8 list */
	wchar_t *buf;                /* len characters, terminated */
	size_t len, cap;             /* cap: most characters the value may hold */
	size_t max_bytes;            /* most UTF-8 bytes (0: no limit besides cap) */
	size_t cur;                  /* insertion point, a character index */
	size_t scroll;               /* first character shown (first line shown in NOTE) */
	int width, height;           /* columns; rows (1 except NOTE) */
};

/* Result of field_key. */
enum field_result {
	FIELD_HANDLED,  /* the text or the cursor changed; redraw the field */
	FIELD_REFUSED,  /* the key was refused; the reason is on the message line */
	FIELD_PASS,     /* not an editing key here (Enter, Tab, F-keys, Up/Down …) */
};

/* Sets up an empty field.  max_bytes counts the UTF-8 terminator's room
 * (pass sizeof the record member), 0 for no byte limit.  Returns 0, or -1
 * when out of memory. */
int field_init(struct field *f, enum field_type type, const char *name,
               size_t max_chars, size_t max_bytes, int width, int height);
void field_free(struct field *f);

/* Replaces the text (cut to what fits); the cursor goes to the end. */
void field_set(struct field *f, const char *utf8);
/* The text as UTF-8 (as typed, untrimmed).  Returns bytes written. */
size_t field_get(const struct field *f, char *out, size_t cap);
/* 1 when the text is empty or only spaces. */
int field_is_blank(const struct field *f);

enum field_result field_key(struct field *f, struct key k);

/* Draws the field at (y, x) across f->width columns (f->height rows for
 * NOTE); when active, in ST_FIELD_EDIT with the hardware cursor at the
 * insertion point, else ST_FIELD (ST_DIM when read-only). */
void field_draw(struct field *f, int y, int x, int active);

/* The check made when the cursor leaves the field: the type's rules (a real
 * date, a number, money with two decimals, one of the choices).  Normalises
 * dates to YYYY-MM-DD in place.  An empty field passes (required is the
 * form's business).  Returns 0, or -1 with why filled (Chinese, naming the
 * field). */
int field_check(struct field *f, char why[WHY_MAX]);

/* A line for F1 saying how this type is typed ("日期，如 2024-05-01 …"). */
const char *field_type_hint(enum field_type type);

/* Choice matching, shared with the pick lists: 1 when `filter` is empty,
 * or found in item or in item's pinyin initials (case-insensitive: dxbk
 * and bk both find 大学本科). */
int choice_matches(const char *item, const char *filter);

/* The items that answer filter best (those it begins, by name or initials,
 * when there are any, else those containing it: jg is 机关 rather than
 * 学校教工), as "甲、乙、丙" cut to about `cols` columns (ending in 等 when
 * some were left out; cols 0 only counts).  Returns how many. */
int choice_list(const char *const *items, const char *filter, char *out, size_t cap, int cols);
/* The one item that answers filter best, or NULL when none or several. */
const char *choice_only(const char *const *items, const char *filter);

/* A row_source over a NULL-terminated list of strings (one column titled
 * `title`), filtered with choice_matches; for F4 on CHOICE fields.  The key
 * of item i has id i+1.  Free with row_source_free(). */
struct row_source *choice_source_new(const char *const *items, const char *title);

#endif
