/* pick.h — private to screens/showcase/: the organization a form names,
 * chosen with F4 or typed in full. */
#ifndef DJ_SCREENS_SHOWCASE_PICK_H
#define DJ_SCREENS_SHOWCASE_PICK_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/session.h"
#include "tui/form.h"

struct sc_org_pick {
	int64_t id;        /* chosen with F4 (or loaded) … */
	char name[128];    /* … under this name */
};

/* F4 on form field `key`: the organizations in scope; the chosen one's name
 * put in the field.  1 when one was chosen. */
int sc_pick_org(struct session *s, struct form *f, const char *key, struct sc_org_pick *p);

/* The organization named `typed`: the one picked while its name is still
 * there, else the one of that full name; DJ_INVALID naming key/label. */
int sc_org_of(struct session *s, const char *typed, const struct sc_org_pick *p, int64_t *id,
              const char *key, const char *label, struct dj_err *e);

#endif
