/* nominate_screens.h — what the nominations ledger shares with its steps
 * (nominate_steps.c). */
#ifndef DJ_SCREENS_NOMINATE_H
#define DJ_SCREENS_NOMINATE_H

#include "honour/nominate.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"

struct nom_ledger {
	struct session *s;
	struct nominate_arg *arg;   /* the cycle listed */
	struct nom_cycle cycle;     /* as last read */
	struct list_view list;
	struct nominate_arg sub;
};

/* Reads the cycle and its nominations again; 0, or -1 with the message. */
int nom_ledger_load(struct nom_ledger *w, int keep);
/* Opens nomination id (0: a new one) on its form. */
enum outcome nom_ledger_open(void *st, struct app *a, int64_t id);
/* F9: the steps menu. */
enum outcome nom_ledger_steps(struct nom_ledger *w, struct app *a);

#endif
