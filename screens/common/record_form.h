/* record_form.h — the load → form → save → conflict flow every record form
 * (登记表) repeats around the toolkit's form (tui/form.h).
 *
 * A screen keeps its record struct (the one its field table describes with
 * FORM_MEMBER) and a struct record_form in its state, and says in a struct
 * record_ops how one record is read and saved.  Then:
 *
 *   record_form_open  reads record `id` (0: the new record as the screen
 *                     prepared it) and sets the form up showing it;
 *   record_form_save  on FORM_SAVE: what is typed, stored into a draft, goes
 *                     to the domain's save.  Saved: the form shows the record
 *                     as stored, or clears for the next one in entry mode
 *                     (连续录入).  Refused: the message, and the cursor on the
 *                     field named.  Someone else saved first: conflict_resolve
 *                     (conflict.h) shows who changed what and the
 *                     operator chooses;
 *   record_form_key   the form's keys as the screen's outcome.
 *
 * A form whose save is not a plain record save (a workflow step, a grade set
 * on a result) uses the pieces: record_form_conflict and record_form_stored. */
#ifndef DJ_SCREENS_RECORD_FORM_H
#define DJ_SCREENS_RECORD_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/session.h"
#include "tui/app.h"
#include "tui/form.h"

/* What the operator is told after a save met someone else's change. */
enum record_conflict_words {
	RECORD_QUIET,       /* the domain's refusal, shown first, stays on the message line */
	RECORD_QUIET_GONE,  /* the same, but a record that can no longer be read says why */
	RECORD_TELL,        /* nothing first; after the choice 已读取最新内容并保留您的改动…,
	                       已重新读取最新内容… or …尚未保存；您输入的内容仍在表中 */
	RECORD_TELL_ONCE,   /* the same, with one message for both ways of reading it again:
	                       已读取最新内容，请核对后按 F2 保存 */
};

struct record_ops {
	const char *table;   /* the audit log's table: who changed the record */
	size_t size;         /* sizeof the record struct */
	size_t id_at;        /* offsetof its int64_t id (0 for a new record) */
	int entry;           /* a new record is entered in entry mode (连续录入) */
	enum record_conflict_words words;
	/* Reads record id into rec.  0, or the dj_err code with e->msg. */
	int (*load)(void *ctx, int64_t id, void *rec, struct dj_err *e);
	/* The domain's save of draft (a new record when its id is 0), setting its
	 * id and version.  0; DJ_CONFLICT when someone else saved first; another
	 * code with e->field naming the field at fault.  NULL for a form that
	 * saves in its own steps (it does not call record_form_save). */
	int (*save)(void *ctx, void *draft, struct dj_err *e);
};

struct record_form {
	struct form f;
	const struct record_ops *ops;
	struct session *s;
	void *ctx;           /* the screen's state: ops' and the form's lookups' ctx */
	void *rec;           /* the screen's record as loaded: the original for F5 and
	                        for what a conflict compares with */
};

enum record_saved {
	RECORD_SAVED,        /* draft holds the record as stored */
	RECORD_REFUSED,      /* not saved; the form keeps what was typed */
	RECORD_REREAD,       /* not saved; someone else's version is in the form and in *rec */
};

/* ops, s, ctx and rec are filled in first.  Reads record id into rec (0
 * leaves rec as prepared for a new record) and sets the form up on defs
 * showing it, in entry mode for a new record when ops->entry.  0, or -1
 * when the record cannot be read (the reason on the message line) or out
 * of memory. */
int record_form_open(struct record_form *r, const struct form_field *defs, int n, int64_t id);

/* Saves what is typed, with draft (ops->size bytes) to work in. */
enum record_saved record_form_save(struct record_form *r, void *draft);

/* The save of `typed` was refused with DJ_CONFLICT (`refusal`): the record
 * is read again and the operator chooses (conflict_resolve), then told per
 * ops->words.  RECORD_REREAD when *rec and the form now hold the record as
 * it is, else RECORD_REFUSED. */
enum record_saved record_form_conflict(struct record_form *r, const void *typed,
                                       const struct dj_err *refusal);

/* After a save: in entry mode the form clears for the next record (keeping
 * the carried fields) and *rec is emptied; otherwise `saved` becomes the
 * record as loaded. */
void record_form_stored(struct record_form *r, const void *saved);

/* Every field read-only (a record that may only be looked at). */
void record_form_lock(struct form *f);

/* The form's keys as a screen outcome: a key the form took is SCR_HANDLED;
 * F2, or Enter on the last field, calls save(st) and stays (SCR_REDRAW);
 * 保存修改？是 on leaving saves and goes back when save(st) returned 0; a
 * form left unchanged or with its changes dropped goes back.  SCR_PASS:
 * not a form key. */
enum outcome record_form_key(struct form *f, struct key k, int (*save)(void *st), void *st);
/* The same for a form that closes once it saved (a one-time entry: an
 * event, a filter): F2 goes back too when save(st) returned 0. */
enum outcome record_form_key_once(struct form *f, struct key k, int (*save)(void *st), void *st);

#endif
