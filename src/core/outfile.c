/* outfile.c — see outfile.h. */
#define _GNU_SOURCE   /* renameat2(RENAME_NOREPLACE) */
#include "core/outfile.h"

#include "core/err.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static unsigned new_mode = 0600;
static char *permitted;   /* the one path outfile_permit_replace allowed */

void outfile_set_mode(unsigned mode)
{
	new_mode = mode == 0640 ? 0640 : 0600;
}

unsigned outfile_mode(void)
{
	return new_mode;
}

void outfile_permit_replace(const char *path)
{
	free(permitted);
	permitted = path ? strdup(path) : NULL;
}

static void say(char *why, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *why, size_t cap, const char *fmt, ...)
{
	if (!why || !cap)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, cap, fmt, ap);
	va_end(ap);
}

/* What a non-regular entry is, in the operator's words. */
static const char *kind_of(mode_t m)
{
	return S_ISLNK(m) ? "符号链接" : S_ISDIR(m) ? "目录" : "特殊文件（不是普通文件）";
}

enum outfile_target outfile_target(const char *path, char *why, size_t cap)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return OUTFILE_ABSENT;   /* ENOENT, or a reason the open will name */
	if (S_ISREG(st.st_mode))
		return OUTFILE_EXISTS;
	if (S_ISLNK(st.st_mode))
		say(why, cap, "%s 是符号链接，不会通过它写入（以免写到它指向的文件）：请换一个文件名，或先删除这个链接", path);
	else
		say(why, cap, "%s 是%s，不能写入：请换一个文件名", path, kind_of(st.st_mode));
	return OUTFILE_REFUSED;
}

static int fail(struct outfile *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct outfile *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(o->why, sizeof o->why, fmt, ap);
	va_end(ap);
	return -1;
}

static int create_tmp(const char *tmp)
{
	return open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
}

/* NAME.tmp is there already.  Ours and left by a crash (a regular file of
 * this user that no live export holds locked): removed, so a crash never
 * blocks the export for good.  Anything else — a symlink or a file of
 * another user, which in a shared directory is a trap, or another export
 * still writing — is refused.  Returns 0 when it was removed. */
static int clear_stale(struct outfile *o)
{
	struct stat st, fst;
	if (lstat(o->tmp, &st) != 0)
		return errno == ENOENT ? 0 : fail(o, "无法检查 %s（%s）", o->tmp, dj_io_why(errno));
	if (!S_ISREG(st.st_mode))
		return fail(o, "%s 已存在且是%s，不是本程序留下的：为安全起见不导出，请检查并删除它",
		            o->tmp, kind_of(st.st_mode));
	if (st.st_uid != geteuid())
		return fail(o, "%s 已存在，属于另一个用户（uid %ld）：为安全起见不导出，请换一个文件名",
		            o->tmp, (long)st.st_uid);
	int fd = open(o->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return fail(o, "无法检查 %s（%s）", o->tmp, dj_io_why(errno));
	int rc = 0;
	if (fstat(fd, &fst) != 0 || fst.st_ino != st.st_ino || fst.st_dev != st.st_dev)
		rc = fail(o, "%s 在检查时被换掉了：为安全起见不导出", o->tmp);
	else if (flock(fd, LOCK_EX | LOCK_NB) != 0 ||
	         (fst.st_size == 0 && time(NULL) - fst.st_mtime < 2))   /* just created, not yet locked */
		rc = fail(o, "另一个导出正在写入 %s：请等它完成后再试", o->tmp);
	else if (lstat(o->tmp, &st) == 0 && st.st_ino == fst.st_ino && unlink(o->tmp) != 0)
		rc = fail(o, "无法删除上次中断留下的 %s（%s）", o->tmp, dj_io_why(errno));
	close(fd);
	return rc;
}

static void release(struct outfile *o)
{
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->f = NULL;
}

/* May path be written?  Sets o->replace. */
static int check_target(struct outfile *o, const char *path)
{
	int allowed = permitted && strcmp(permitted, path) == 0;
	outfile_permit_replace(NULL);   /* one open only */
	switch (outfile_target(path, o->why, sizeof o->why)) {
	case OUTFILE_REFUSED:
		return -1;
	case OUTFILE_EXISTS:
		if (!allowed)
			return fail(o, "文件 %s 已存在：确认覆盖后才会替换它（命令行加 --force）", path);
		o->replace = 1;
		return 0;
	case OUTFILE_ABSENT:
		return 0;
	}
	return 0;
}

int outfile_open(struct outfile *o, const char *path)
{
	return outfile_open_as(o, path, new_mode);
}

int outfile_open_as(struct outfile *o, const char *path, unsigned mode)
{
	memset(o, 0, sizeof *o);
	if (check_target(o, path))
		return -1;
	o->path = strdup(path);
	o->tmp = malloc(strlen(path) + 5);
	if (!o->path || !o->tmp) {
		release(o);
		return fail(o, "内存不足");
	}
	sprintf(o->tmp, "%s.tmp", path);
	int fd = create_tmp(o->tmp);
	if (fd < 0 && errno == EEXIST && clear_stale(o) == 0)
		fd = create_tmp(o->tmp);
	if (fd < 0) {
		if (!o->why[0])
			fail(o, errno == EEXIST ? "%s 已存在（另一个导出正在写入？）" : "无法创建 %s（%s）",
			     o->tmp, dj_io_why(errno));
		release(o);
		return -1;
	}
	/* Locked while written, so another export knows it is not a crash's
	 * leftover; the mode set exactly, whatever the umask. */
	if (flock(fd, LOCK_EX | LOCK_NB) != 0 || fchmod(fd, mode) != 0 ||
	    !(o->f = fdopen(fd, "wb"))) {
		fail(o, "无法写入 %s（%s）", o->tmp, dj_io_why(errno));
		close(fd);
		unlink(o->tmp);
		release(o);
		return -1;
	}
	return 0;
}

void outfile_discard(struct outfile *o)
{
	if (o->f) {
		fclose(o->f);
		unlink(o->tmp);
	}
	release(o);
}

/* NAME.tmp to NAME: over the old file when the operator allowed it, else
 * only where NAME still does not exist (someone may have made it since). */
static int place(struct outfile *o)
{
	if (o->replace)
		return rename(o->tmp, o->path);
	if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* a file system without RENAME_NOREPLACE: link() refuses an existing name too */
	if (link(o->tmp, o->path) != 0)
		return -1;
	unlink(o->tmp);
	return 0;
}

int outfile_commit(struct outfile *o)
{
	if (!o->f)
		return fail(o, "文件没有打开");
	int bad = fflush(o->f) != 0 || ferror(o->f);
	int e = errno;
	if (!bad && fsync(fileno(o->f)) != 0)
		bad = 1, e = errno;
	if (fclose(o->f) != 0 && !bad)
		bad = 1, e = errno;
	o->f = NULL;
	if (bad) {
		unlink(o->tmp);
		fail(o, "写入 %s 失败（%s）", o->path, dj_io_why(e));
		release(o);
		return -1;
	}
	if (place(o) != 0) {
		e = errno;
		unlink(o->tmp);
		if (e == EEXIST)
			fail(o, "文件 %s 在导出期间被创建：没有覆盖它，请确认后重新导出", o->path);
		else
			fail(o, "无法把 %s 改名为 %s（%s）", o->tmp, o->path, dj_io_why(e));
		release(o);
		return -1;
	}
	outfile_sync_dir(o->path);   /* the file is whole either way; this only makes the name durable */
	release(o);
	return 0;
}

int outfile_sync_dir(const char *path)
{
	char *dir = strdup(path);
	if (!dir)
		return -1;
	char *slash = strrchr(dir, '/');
	const char *d = slash == dir ? "/" : slash ? (*slash = 0, dir) : ".";
	int fd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = fd < 0 ? -1 : fsync(fd);
	if (fd >= 0)
		close(fd);
	free(dir);
	return rc;
}
