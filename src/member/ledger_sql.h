/* ledger_sql.h — private to src/member/: the SQL pieces its pagers share. */
#ifndef DJ_MEMBER_LEDGER_SQL_H
#define DJ_MEMBER_LEDGER_SQL_H

#include "core/db.h"   /* DB_SUBTREE */

/* The branch's name as lists show it (alias o). */
#define BRANCH "coalesce(nullif(o.short_name, ''), o.name)"

#endif
