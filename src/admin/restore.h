/* restore.h — putting a backup back in place (`dangjian restore FILE`).
 *
 * Admins only, and only while nobody else has the database open: a restore
 * replaces every record, and a program still running on the old data would
 * go on saving into the new.  The current data are first copied beside the
 * database (<db>.before-restore-YYYYMMDD-HHMMSS), the backup is copied in
 * as one transaction, the migrations bring it up to this program's schema,
 * and the restore itself is written to the audit log. */
#ifndef DJ_RESTORE_H
#define DJ_RESTORE_H

#include <stddef.h>

#include "core/err.h"
#include "core/session.h"

/* Checks that `path` is a readable dangjian database this program can use:
 * ours (application_id), intact (quick_check), not newer than us. */
int restore_check_file(const char *path, struct dj_err *e);

/* Restores `from` into the session's database.  s->db is closed during the
 * restore and open again afterwards (also after most failures; NULL only when
 * it could not be reopened).  `saved` receives the copy of the data as they
 * were.  DJ_DENIED when not an admin or others are connected. */
int db_restore(struct session *s, const char *from, char *saved, size_t savedcap,
               struct dj_err *e);

#endif
