/* user_priv.c — see user_priv.h. */
#define _GNU_SOURCE   /* setresgid, getresgid */
#include "admin/user_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"

extern char **environ;

static int running_setgid;
static gid_t data_gid;   /* the setgid group, kept as the saved set-group-ID */
static int given_up;     /* priv_give_up: the group is gone for good */

static int kept(const char *entry)
{
	static const char *const names[] = { "TERM=", "LANG=", "HOME=", "TZ=", NULL };
	for (int i = 0; names[i]; i++)
		if (strncmp(entry, names[i], strlen(names[i])) == 0)
			return 1;
	return strncmp(entry, "LC_", 3) == 0 && strchr(entry, '=') != NULL;
}

void priv_reduce_environment(void)
{
	size_t n = 0;
	for (char **e = environ; e && *e; e++)
		n++;
	char **keep = calloc(n + 1, sizeof *keep);
	size_t k = 0;
	for (size_t i = 0; keep && i < n; i++)
		if (kept(environ[i]))
			keep[k++] = strdup(environ[i]);
	clearenv();
	for (size_t i = 0; i < k; i++) {
		char *eq = keep[i] ? strchr(keep[i], '=') : NULL;
		if (eq) {
			*eq = 0;
			setenv(keep[i], eq + 1, 1);
		}
		free(keep[i]);
	}
	free(keep);
}

int priv_start(void)
{
	running_setgid = getegid() != getgid();
	if (!running_setgid)
		return 0;
	data_gid = getegid();
	priv_reduce_environment();
	priv_drop();
	return 1;
}

int priv_setgid(void)
{
	return running_setgid;
}

const char *priv_config_path(const char *requested, char *note, size_t cap)
{
	if (cap)
		note[0] = 0;
	if (!running_setgid)
		return requested;
	if (requested && strcmp(requested, PRIV_SYSTEM_CONFIG) != 0)
		snprintf(note, cap, "本程序以共享服务器方式安装，只读取 %s，已忽略 --config %s",
		         PRIV_SYSTEM_CONFIG, requested);
	return PRIV_SYSTEM_CONFIG;
}

/* setegid to the real or the saved group needs no privilege; failing would
 * mean the kernel refused a documented call, so the program stops rather
 * than run with the wrong rights. */
static void set_group(gid_t g)
{
	if (setegid(g) != 0) {
		perror("setegid");
		_exit(2);
	}
}

void priv_raise(void)
{
	if (running_setgid && !given_up)
		set_group(data_gid);
}

void priv_drop(void)
{
	if (running_setgid && !given_up)
		set_group(getgid());
}

void priv_give_up(sqlite3 *db)
{
	if (!running_setgid || given_up)
		return;
	int keep = 1;
	if (db)
		sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
	gid_t g = getgid(), r, e, s;
	/* Checked afterwards too: a process that still has the group in any of
	 * the three must not go on to read the terminal description. */
	if (setresgid(g, g, g) != 0 || getresgid(&r, &e, &s) != 0 || r != g || e != g || s != g) {
		fprintf(stderr, "无法永久放弃数据组的权限（setresgid：%s），程序停止\n", dj_io_why(errno));
		_exit(2);
	}
	given_up = 1;
	unsetenv("HOME");
}
