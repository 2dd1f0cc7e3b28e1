/* sign.c — the signature block under an exported table. */
#include <string.h>

#include "core/db.h"
#include "core/validate.h"
#include "stats/tables.h"

/* The name of org id, or of the one organization at the top when id is 0. */
static int root_name(sqlite3 *db, int64_t id, char *out, size_t cap)
{
	sqlite3_stmt *q;
	const char *sql = id ? "SELECT name FROM org WHERE id = ?1"
	                     : "SELECT name FROM org WHERE parent_id IS NULL LIMIT 2";
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	if (id)
		sqlite3_bind_int64(q, 1, id);
	int n = 0;
	while (sqlite3_step(q) == SQLITE_ROW && n++ == 0)
		db_col_text(q, 0, out, cap);
	sqlite3_finalize(q);
	return n == 1 ? 0 : -1;
}

void stats_sign_fill(struct session *s, const struct stats_when *w, struct stats_sign *sign)
{
	memset(sign, 0, sizeof *sign);
	int64_t root = w->root ? w->root : s->scope_org;
	if (root_name(s->db, root, sign->unit, sizeof sign->unit))
		snprintf(sign->unit, sizeof sign->unit, "%s", s->cfg ? s->cfg->unit_name : "");
	snprintf(sign->filled_by, sizeof sign->filled_by, "%s", *s->display ? s->display : s->login);
	struct stats_rules r;
	stats_rules_load(s, &r);
	snprintf(sign->checked_by, sizeof sign->checked_by, "%s", r.checked_by);
	today(sign->date);
}
