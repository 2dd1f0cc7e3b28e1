/* outfile.h — a file the program writes for the operator (every CSV export
 * and report): it holds personal data (身份证号, phones), so it is created
 * new and private, and appears whole or not at all.
 *
 * The text goes to NAME.tmp, created O_EXCL|O_NOFOLLOW with mode 0600 (0640
 * with [export] mode), so neither a file someone else made in a shared
 * directory nor a planted symlink receives it.  Commit fsyncs it and renames
 * it over NAME; any failure removes it and leaves the old NAME as it was.
 *
 * An existing NAME is replaced only after the operator confirmed
 * (outfile_permit_replace: the screens ask 文件已存在，是否覆盖？, the command
 * line takes --force), and a symlink at NAME is refused even then.  The
 * rename itself never writes through a link: it replaces the directory
 * entry, so the check is for the operator's sake, not the file's safety. */
#ifndef DJ_OUTFILE_H
#define DJ_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

struct outfile {
	FILE *f;            /* write here between open and commit */
	char *path, *tmp;   /* NAME and NAME.tmp */
	int replace;        /* NAME existed and the operator allowed replacing it */
	char why[512];      /* the reason open or commit failed, in Chinese */
};

/* The mode new files get: 0600 (the default) or 0640 ([export] mode). */
void outfile_set_mode(unsigned mode);
unsigned outfile_mode(void);

/* What is at path now, for the question the screens ask. */
enum outfile_target {
	OUTFILE_ABSENT,     /* nothing: the export creates it */
	OUTFILE_EXISTS,     /* a regular file: replaced only after confirmation */
	OUTFILE_REFUSED,    /* a symlink, a directory or a device: never written */
};
/* When REFUSED, why (if not NULL) says what is there. */
enum outfile_target outfile_target(const char *path, char *why, size_t cap);

/* The next outfile_open of exactly this path may replace an existing file.
 * The decision is the screen's or the command line's, which asked the
 * operator; the exporters between them and this module take only a path,
 * so the permission travels beside them, for one path and one open.  NULL
 * withdraws it. */
void outfile_permit_replace(const char *path);

/* Creates NAME.tmp with outfile_mode().  Returns 0, or -1 with o->why set
 * (nothing created). */
int outfile_open(struct outfile *o, const char *path);
/* The same with its own mode (a backup is 0600 whatever [export] says).
 * Another writer may fill o->tmp through its own descriptor (SQLite's
 * backup): commit fsyncs the file itself, not only what went through o->f. */
int outfile_open_as(struct outfile *o, const char *path, unsigned mode);
/* Flushes, fsyncs and renames NAME.tmp to NAME.  Returns 0, or -1 with
 * o->why set, the tmp removed and the old NAME intact. */
int outfile_commit(struct outfile *o);
/* Throws the file away (an export that failed half-way): NAME is untouched. */
void outfile_discard(struct outfile *o);

/* fsync of the directory holding path, so a rename into it survives a
 * crash.  0 or -1 (errno). */
int outfile_sync_dir(const char *path);

#endif
