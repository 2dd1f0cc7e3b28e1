/* db_busy.c — the process holding a database's WAL write lock, named. */
#include "core/db_busy.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>


/* SQLite's unix VFS locks the WAL writer's byte at (22 + 8) * 4 of the
 * -shm file (UNIX_SHM_BASE + WAL_WRITE_LOCK in os_unix.c, stable since
 * WAL came in, 3.7.0). */
enum { WAL_WRITE_BYTE = 120 };

/* The process holding the write byte, 0 when none or when it is our own.
 * It is read from /proc/locks and never by opening the -shm file: closing
 * any descriptor of a file drops every POSIX lock the process holds on it,
 * SQLite's own among them, and a second process then takes the -shm for
 * unused and resets it under our mapping (a SIGBUS, or two views of the
 * WAL).  A blocked waiter's line ("->") holds nothing. */
static pid_t write_lock_pid(sqlite3 *db)
{
	const char *file = sqlite3_db_filename(db, "main");
	char shm[4096], line[256];
	struct stat st;
	if (!file || !*file || snprintf(shm, sizeof shm, "%s-shm", file) >= (int)sizeof shm ||
	    stat(shm, &st) != 0)
		return 0;
	FILE *f = fopen("/proc/locks", "r");
	if (!f)
		return 0;
	pid_t found = 0;
	while (!found && fgets(line, sizeof line, f)) {
		char kind[16], type[16], end[24];
		unsigned maj, min;
		unsigned long ino;
		long long pid, from;
		if (sscanf(line, "%*s %15s %*s %15s %lld %x:%x:%lu %lld %23s", kind, type, &pid, &maj, &min,
		           &ino, &from, end) != 8 || strcmp(type, "WRITE") != 0 ||
		    (strcmp(kind, "POSIX") != 0 && strcmp(kind, "OFDLCK") != 0))
			continue;
		long long to = strcmp(end, "EOF") == 0 ? WAL_WRITE_BYTE : atoll(end);
		if (ino == (unsigned long)st.st_ino && maj == major(st.st_dev) && min == minor(st.st_dev) &&
		    from <= WAL_WRITE_BYTE && to >= WAL_WRITE_BYTE && pid > 0 && pid != getpid())
			found = (pid_t)pid;
	}
	fclose(f);
	return found;
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
