/* db_busy.c — the process holding a database's WAL write lock, named. */
#include "core/db_busy.h"

#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* SQLite's unix VFS locks the WAL writer's byte at (22 + 8) * 4 of the
 * -shm file (UNIX_SHM_BASE + WAL_WRITE_LOCK in os_unix.c, stable since
 * WAL came in, 3.7.0). */
enum { WAL_WRITE_BYTE = 120 };

/* The process holding the write byte, 0 when none (or our own process:
 * POSIX locks never conflict with the asker's own). */
static pid_t write_lock_pid(sqlite3 *db)
{
	const char *file = sqlite3_db_filename(db, "main");
	char shm[4096];
	if (!file || !*file || snprintf(shm, sizeof shm, "%s-shm", file) >= (int)sizeof shm)
		return 0;
	int fd = open(shm, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = WAL_WRITE_BYTE;
	fl.l_len = 1;
	pid_t pid = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK ? fl.l_pid : 0;
	close(fd);
	return pid > 0 ? pid : 0;
}

/* Appends s to out (of cap, holding *len bytes) as far as it fits, cut at
 * a character boundary.  Another user typed it: control characters (an ESC
 * sequence in a file name) become '?' before they reach our operator's
 * terminal. */
static void append(char *out, size_t cap, size_t *len, const char *s)
{
	size_t n = strlen(s);
	if (*len + n >= cap) {
		n = cap - 1 - *len;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;   /* back off to a character boundary */
	}
	for (size_t i = 0; i < n; i++)
		out[*len + i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	*len += n;
	out[*len] = 0;
}

/* The command line of pid as an operator would type it: the program's
 * name without its directory, then the arguments but --config and its
 * file ("dangjian import members a.csv"). */
static int command_of(pid_t pid, char *out, size_t cap)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%ld/cmdline", (long)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	if (n == 0)
		return -1;
	buf[n] = 0;
	size_t len = 0;
	out[0] = 0;
	for (const char *arg = buf; arg < buf + n; arg += strlen(arg) + 1) {
		if (arg == buf) {
			const char *slash = strrchr(arg, '/');
			append(out, cap, &len, slash ? slash + 1 : arg);
			continue;
		}
		if (strcmp(arg, "--config") == 0) {
			arg += strlen(arg) + 1;   /* and its file */
			continue;
		}
		append(out, cap, &len, " ");
		append(out, cap, &len, arg);
	}
	return 0;
}

void db_busy_holder(sqlite3 *db, char *out, size_t cap)
{
	out[0] = 0;
	pid_t pid = write_lock_pid(db);
	char path[64], cmd[96];
	struct stat st;
	snprintf(path, sizeof path, "/proc/%ld", (long)pid);
	if (!pid || stat(path, &st) != 0)
		return;
	struct passwd *pw = getpwuid(st.st_uid);
	if (command_of(pid, cmd, sizeof cmd) != 0)
		snprintf(cmd, sizeof cmd, "党建台账");
	if (pw)
		snprintf(out, cap, "：%s（进程 %ld）正在运行 %s", pw->pw_name, (long)pid, cmd);
	else
		snprintf(out, cap, "：用户 %ld（进程 %ld）正在运行 %s", (long)st.st_uid, (long)pid, cmd);
}
