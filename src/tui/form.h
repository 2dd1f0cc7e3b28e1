/* form.h — a data-entry form (录入) driven by a table of field descriptors.
 *
 * The screen describes its fields as data and keeps a record struct whose
 * text members the form reads and writes as UTF-8 (FORM_MEMBER gives their
 * offset and size).  The form does the keyboard work of DESIGN.md §4:
 *
 *   Enter        next field; on the last field, save
 *   Tab, Down    next field            Shift-Tab, Up   previous field
 *                (a pick or lookup field whose text matches several rows
 *                stays, with them on the message line: see below)
 *   F2           save (checks every field first)
 *   F3, Esc      back; asks 保存修改？ when something changed
 *   F4           pick list (CHOICE) or lookup (LINK) with pinyin-initial
 *                filter, narrowed by the text typed when the list answers
 *                it; a pick moves on to the next field, as Enter does
 *   F5           the field's value as loaded
 *   F1           help on the current field
 *   Ctrl-D       同上: this field's value in the record saved before
 *
 * Leaving a CHOICE field takes the one choice its text matches; text that
 * matches several keeps the cursor there with them on the message line (a
 * list opened by itself would swallow what is typed for the next field).
 * A LINK field does the same with its lookup's rows: the row its text names
 * exactly stays, a single match is taken, several keep the cursor there with
 * a bell and the first few on the message line; the list never opens by
 * itself.  A strict lookup (its value must be one of the rows) refuses, with
 * a bell, a key after which the list answers nothing, and does not let text
 * the list lacks leave the field; any other keeps text that matches nothing
 * as typed (the domain decides on save), and ambiguous text on a second
 * Enter.
 *
 * Saving is the screen's: form_key returns FORM_SAVE after every field passed
 * its checks; the screen calls form_store, the domain's save, then either
 * form_saved (success) or form_fail (the domain's error: message shown, the
 * cursor on err.field, everything typed kept).
 *
 * Layout: rows and columns are for 80x24, rows counted from the body's first
 * row (frame_body_top()); the body has frame_body_rows() rows (19 at 80x24).
 * A label starts at `col`, its input right after it, `width` columns wide.
 * For two columns of fields put the right column at col >= 40; on wider
 * terminals it moves right by half the spare width and `grow` fields widen.
 * A form taller than the body scrolls to keep the current field in view. */
#ifndef DJ_TUI_FORM_H
#define DJ_TUI_FORM_H

#include <stddef.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/validate.h"
#include "tui/field.h"
#include "tui/term.h"

/* Offset and size of a char[] member: `FORM_MEMBER(struct org, founded_on)`. */
#define FORM_MEMBER(type, member) \
	.offset = offsetof(type, member), .size = sizeof(((type *)0)->member)

/* F4 on a LINK field: a list to pick from (e.g. org_pick_source), the column
 * whose text is copied into the field, and how to free the list.  The list
 * is also what typing is checked against: open it cheaply, filter through
 * an index (a strict field probes it on every key; the form keeps it open
 * while the cursor stays in the field). */
struct form_lookup {
	struct row_source *(*open)(void *ctx);     /* ctx: form_init's ctx */
	void (*close)(struct row_source *rs);      /* NULL: row_source_free */
	int col;
	const char *title;                          /* box title, e.g. "选择上级组织" */
	int strict;   /* the domain takes only a row of this list (所在支部):
	                 keys leading nowhere are refused */
};

struct form_field {
	const char *key;        /* id matching dj_err.field, e.g. "founded_on" */
	const char *label;      /* "成立日期：" (full-width colon) */
	int row, col;           /* at 80x24: body row, label column */
	int width;              /* input columns at 80 wide */
	int height;             /* FT_NOTE: rows (default 3) */
	enum field_type type;
	int required;           /* empty refused on save: 「成立日期」不能为空 */
	int max_chars;          /* 0: as many as the member holds */
	const char *const *choices;        /* FT_CHOICE, NULL-terminated */
	const struct form_lookup *lookup;  /* FT_LINK */
	size_t offset, size;    /* the char[] member: FORM_MEMBER(type, member) */
	int carry;              /* entry mode keeps the value for the next record
	                           (and a kept value is no change of that record) */
	int grow;               /* takes spare width on wider terminals */
	const char *help;       /* F1 text (the type's typing hint is added) */
	/* Optional check when leaving the field and on save; matches
	 * validate.h's valid_mobile/valid_phone.  Not called on "". */
	int (*check)(const char *value, char why[WHY_MAX]);
};

enum form_result {
	FORM_HANDLED,    /* done, and drawn */
	FORM_SAVE,       /* every field passed: store, save, then form_saved/form_fail */
	FORM_SAVE_BACK,  /* the same, then go back when the save succeeded (保存修改？是) */
	FORM_BACK,       /* leave the form (nothing changed, or changes discarded) */
	FORM_PASS,       /* not a form key (F6, F8, F9, F10, Ctrl-L …) */
};

struct form {
	const struct form_field *defs;
	int n;
	void *ctx;               /* for lookups */
	int entry_mode;          /* 连续录入: after a save, clear for the next record */
	/* Called after a field's value changed and passed its checks (e.g. the
	 * 身份证号 fills 出生日期); may call form_set.  NULL: none. */
	void (*changed)(struct form *f, const char *key, void *ctx);
	/* private */
	struct field *fields;
	char **orig;             /* values as loaded (F5, dirty) */
	char **prev;             /* values of the record saved before (Ctrl-D) */
	char **names;            /* labels without the colon, for messages */
	char *focus_val;         /* the current field's value when it was entered */
	char *declined;          /* ambiguous LINK text Enter was refused once */
	struct row_source *probe;  /* the current LINK field's lookup, kept open */
	int probe_at;            /* the field it belongs to */
	int *y, *x;              /* where each input is drawn, body-relative row */
	int cur;                 /* current field */
	int top;                 /* first body row shown (tall forms) */
};

/* Sets up the form for n fields (all empty).  ctx goes to lookups and the
 * changed callback.  Returns 0, or -1 when out of memory. */
int form_init(struct form *f, const struct form_field *defs, int n, void *ctx);
void form_free(struct form *f);

/* Fills the fields from the record's members; this is the "original" for
 * F5 and dirty tracking.  The cursor goes to the first editable field. */
void form_load(struct form *f, const void *record);
/* Writes every field (but READONLY ones) into the record, trimmed of
 * surrounding spaces. */
void form_store(const struct form *f, void *record);
int form_is_dirty(const struct form *f);

/* After the screen's save succeeded: remembers the record for Ctrl-D; in
 * entry mode clears the fields but the carried ones and goes to the first
 * empty field, else makes the record the new original.  Redraw afterwards. */
void form_saved(struct form *f, const void *record);
/* The domain refused: shows err->msg, moves to the field err->field.
 * Redraw afterwards. */
void form_fail(struct form *f, const struct dj_err *err);

/* The current field, a field by key (NULL/-1 when unknown). */
const char *form_current_key(const struct form *f);
int form_index(const struct form *f, const char *key);
void form_focus(struct form *f, const char *key);
void form_set_readonly(struct form *f, const char *key, int on);
/* A field's text as UTF-8 (untrimmed), and setting it (marks it changed). */
size_t form_get(const struct form *f, const char *key, char *out, size_t cap);
void form_set(struct form *f, const char *key, const char *utf8);

/* Draws labels and fields in the body, and the cursor in the current field. */
void form_draw(struct form *f);
enum form_result form_key(struct form *f, struct key k);

#endif
