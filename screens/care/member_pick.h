/* member_pick.h — private to screens/care/: the member field both forms
 * have (关怀对象 and 慰问对象): F4 picks from the roster, a typed name is
 * read as the one member of that name. */
#ifndef DJ_SCREENS_CARE_MEMBER_PICK_H
#define DJ_SCREENS_CARE_MEMBER_PICK_H

#include <stdint.h>

#include "core/err.h"
#include "core/session.h"
#include "tui/app.h"
#include "tui/form.h"

struct member_pick {
	int64_t id;                /* the member F4 chose or the record holds */
	char name[64];
};

/* F4 on the field `key` of f: the roster under `title`; the choice goes
 * into the field and p, and the cursor on to `next`. */
void member_pick_run(struct session *s, struct member_pick *p, struct form *f, const char *key,
                     const char *next, const char *title);
/* The member the field's text names: p's while the text is its name, else
 * the one member so named.  0, or DJ_INVALID naming `key` with `label`. */
int member_pick_id(struct session *s, const struct member_pick *p, const char *typed,
                   const char *key, const char *label, int64_t *id, struct dj_err *e);

/* The keys of a form with the member field "member": a viewer's F2 is
 * refused, F4 there runs member_pick_run (then the cursor goes to
 * `next`), the rest go to record_form_key with save(st). */
enum outcome member_pick_form_key(struct session *s, struct member_pick *p, struct form *f,
                                  struct key k, const char *next, const char *title,
                                  int (*save)(void *st), void *st);
/* 1帮助 2保存 3返回 4选择 5还原 10退出 */
extern const char *const member_pick_legend[10];

#endif
