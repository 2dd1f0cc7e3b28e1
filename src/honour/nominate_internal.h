/* nominate_internal.h — what the nomination files share and nothing else
 * needs. */
#ifndef DJ_NOMINATE_INTERNAL_H
#define DJ_NOMINATE_INTERNAL_H

#include "core/json.h"
#include "honour/nominate.h"

#define NOM_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"


const char *nom_cycle_json(const struct nom_cycle *c, struct json *j);
const char *nomination_json(const struct nomination *n, struct json *j);
int nom_cycle_has_title(const struct nom_cycle *c, const char *title);
/* A date typed: normalized in place; "" refused when required. */
int nom_check_date(char *v, const char *key, const char *label, int required, struct dj_err *e);
/* Sets a nomination's state (and one text column) version-checked, audited
 * with the action word. */
int nom_set_state(struct session *s, struct nomination *n, const char *state,
                  const char *column, const char *text, const char *action, struct dj_err *e);

#endif
