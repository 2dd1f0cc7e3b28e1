/* session.h — one operator's running program: the config, the database and
 * who they are.  Domain calls take the session so they can check scope and
 * write the audit log. */
#ifndef DJ_SESSION_H
#define DJ_SESSION_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/config.h"

struct csv_import_opts;

enum role { ROLE_VIEWER, ROLE_OPERATOR, ROLE_ADMIN };

struct session {
	struct config *cfg;
	sqlite3 *db;
	char login[64];        /* Unix login from getpwuid(getuid()) */
	char display[64];      /* 操作员 shown on row 0 */
	enum role role;
	int64_t scope_org;     /* 0 = everything; else the root of their subtree */
	/* the sheet and progress of an import being run (core/csv_table.h); NULL: none */
	const struct csv_import_opts *import;
};

/* Fills login/display/role from the OS user and app_user.  With no users
 * configured, the local user is admin.  Returns 0, or -1 with why set when
 * users exist and this login is not one of them. */
int session_identify(struct session *s, char *why, size_t whycap);

/* Whether this operator may change records of organization org_id: viewers
 * never; operators only inside their subtree (org_id 0 — a record with no
 * organization, or a new top-level one — only when unscoped).  Returns 0, or
 * DJ_DENIED with a message. */
struct dj_err;
int session_may_write(struct session *s, int64_t org_id, struct dj_err *e);

/* A save that may move a record between organizations: an update that
 * moves it must be allowed both where the record was (from_org) and where it
 * goes (to_org); an update that keeps from_org, and a new record, only where
 * it is.  Returns 0 or DJ_DENIED, like session_may_write. */
int session_may_move(struct session *s, int is_update, int64_t from_org, int64_t to_org,
                     struct dj_err *e);

/* The same for an organization (org_id 0: a new one under new_parent): the
 * organization itself must be in scope — the scope's root included — and a
 * change of parent needs both the old and the new parent in scope, so the
 * root cannot be moved out.  Returns 0 or DJ_DENIED. */
int session_may_move_org(struct session *s, int64_t org_id, int64_t old_parent,
                         int64_t new_parent, struct dj_err *e);

/* 1 when org_id lies in the subtree under root (root 0: everything). */
int org_in_subtree(sqlite3 *db, int64_t root, int64_t org_id);

/* Records a change in audit_log (inside the caller's transaction).
 * old_json/new_json may be NULL. */
int audit_record(struct session *s, const char *table, int64_t row_id, const char *action,
                 const char *old_json, const char *new_json);

/* audit_record for a write path, where a change that cannot be logged must
 * not be saved: returns 0, or DJ_DB as db_fail("记录操作日志"). */
int audit_write(struct session *s, const char *table, int64_t row_id, const char *action,
                const char *old_json, const char *new_json, struct dj_err *e);
/* audit_write for a save: 新增 with only the new values, or 修改 with both. */
int audit_saved(struct session *s, const char *table, int64_t row_id, int is_new,
                const char *old_json, const char *new_json, struct dj_err *e);

#endif
