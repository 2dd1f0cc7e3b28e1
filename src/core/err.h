/* err.h — how the core reports a refusal: a code, the field it concerns, and a
 * Chinese message an operator can act on.  Screens put msg on the message line
 * and the cursor on `field`; the CLI prints it in the per-row report. */
#ifndef DJ_ERR_H
#define DJ_ERR_H

#include <stdarg.h>

enum dj_code {
	DJ_OK = 0,
	DJ_INVALID,   /* the input breaks a rule; field says which */
	DJ_CONFLICT,  /* someone else saved this record first (version moved) */
	DJ_NOTFOUND,
	DJ_DENIED,    /* the operator may not do this */
	DJ_DB,        /* the database failed (I/O, full disk, corrupt, busy too long) */
};

struct dj_err {
	enum dj_code code;
	char field[32];   /* the field's key (e.g. "founded_on"), "" when none */
	char msg[256];    /* UTF-8, Chinese, says what is wrong and where */
};

/* Sets e (when not NULL) and returns code, so callers can `return dj_fail(...)`. */
int dj_fail(struct dj_err *e, enum dj_code code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void dj_clear(struct dj_err *e);

/* What a failed file operation's errno means to an operator, in Chinese:
 * ENOSPC and EDQUOT are 磁盘已满 (a quota is a full disk to the one who hits
 * it), EACCES/EPERM 没有权限, EROFS 只读, the rest 磁盘或文件系统故障 —
 * for backups, exports and reports alike. */
const char *dj_io_why(int errnum);
/* 1 when errnum says the disk (or the user's quota) is full. */
int dj_disk_full(int errnum);

#endif
