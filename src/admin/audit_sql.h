/* audit_sql.h — private to src/admin/: the SQL functions the 操作日志's
 * list, entry and export call, so their statements stay short (the pager
 * builds its queries in fixed buffers):
 *   dj_audit_label(tbl, key)     audit_field_label
 *   dj_audit_action(action)      audit_action_short
 *   dj_audit_record(tbl, row_id, old_json, new_json)
 *                                the record by name with its id (audit_name.c) */
#ifndef DJ_AUDIT_SQL_H
#define DJ_AUDIT_SQL_H

#include <sqlite3.h>

/* Registers them on db unless they are there already; 0 or -1. */
int audit_sql_register(sqlite3 *db);
/* dj_audit_record's body. */
void audit_record_fn(sqlite3_context *cx, int argc, sqlite3_value **argv);

#endif
