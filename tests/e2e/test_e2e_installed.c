/* The shared-server layout for real: tools/install.sh run by root without
 * DESTDIR — groups created, files handed to them, the program setgid — and
 * the installed program run by two throwaway Unix users who are in the
 * users' group and not in the data group, as operators are.  Checked:
 *   - both operators' saves go through the writers' queue (each draws a
 *     ticket in dangjian.db-lock, and nobody is told the queue is off);
 *   - a lock file an older install left 0644 is told on stderr and on the
 *     message line, and the next install repairs it;
 *   - the full-screen program has given up the data group for good (real,
 *     effective and saved group all the operator's) while it runs, the
 *     operator's own $HOME/.terminfo is not read, and it leaves without the
 *     group: the WAL file stays until the next command removes it;
 *   - the 操作日志's key is root's and the data group's, no operator reads
 *     it, and a save on screen after the group is given up still chains
 *     the log (check verifies it as the other operator).
 *
 * Why a tree of its own and not the machine's /etc/dangjian: the setgid
 * program reads only PRIV_SYSTEM_CONFIG.  Installing the real /etc/dangjian
 * and /var/lib/dangjian would change the machine under every other test
 * running at the same time, and any program started without --config would
 * then use that database (issue 18, item 12).  So build/installed/dangjian
 * is the -O2 program built with PRIV_SYSTEM_CONFIG inside INSTALLED_ROOT
 * (Makefile), and install.sh is given PREFIX, DATADIR and CONFDIR there and
 * groups named for this run (DATA_GROUP, USER_GROUP).  Everything else is
 * as on a server.  Users, groups and the tree are removed afterwards.
 * Needs root (useradd, groupadd, chgrp); skipped otherwise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "vt.h"

#ifndef INSTALLED_ROOT
#error "INSTALLED_ROOT comes from the Makefile"
#endif
#define BUILT "build/installed/dangjian"
#define PROG INSTALLED_ROOT "/usr/bin/dangjian"
#define LOCK INSTALLED_ROOT "/var/lib/dangjian/dangjian.db-lock"
#define DB INSTALLED_ROOT "/var/lib/dangjian/dangjian.db"
#define KEY DB "-key"
#define QUEUE_OFF "写入不排队"

struct run {
	char user[2][32];       /* the two operators */
	char data_group[32], user_group[32];
	struct vt *vt;          /* the full-screen program, ended before its user goes */
};

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

/* Runs argv as root or as login (its groups, its home, a small
 * environment), output of both streams in out; returns the exit status. */
static int run_as(const char *login, char *const argv[], const char *const env[], char *out,
                  size_t cap)
{
	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	struct passwd *pw = login ? getpwnam(login) : NULL;
	assert_true(!login || pw);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		close(pipefd[0]);
		if (pw) {
			if (initgroups(login, pw->pw_gid) || setgid(pw->pw_gid) || setuid(pw->pw_uid) ||
			    chdir(pw->pw_dir))
				_exit(126);
			clearenv();
			setenv("HOME", pw->pw_dir, 1);
			setenv("PATH", "/usr/bin:/bin", 1);
		}
		setenv("LANG", "C.UTF-8", 1);
		for (int i = 0; env && env[i]; i++)
			putenv((char *)env[i]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pipefd[1]);
	size_t n = 0;
	ssize_t got;
	while (n + 1 < cap && (got = read(pipefd[0], out + n, cap - 1 - n)) > 0)
		n += (size_t)got;
	out[n] = 0;
	close(pipefd[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int sh(const char *fmt, ...)
{
	char cmd[2048], out[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	char *argv[] = { "/bin/sh", "-c", cmd, NULL };
	int rc = run_as(NULL, argv, NULL, out, sizeof out);
	if (rc != 0)
		fprintf(stderr, "%s: %s", cmd, out);
	return rc;
}

static int install(struct run *r, char *out, size_t cap)
{
	char dg[64], ug[64];
	snprintf(dg, sizeof dg, "DATA_GROUP=%s", r->data_group);
	snprintf(ug, sizeof ug, "USER_GROUP=%s", r->user_group);
	const char *env[] = { "PREFIX=" INSTALLED_ROOT "/usr", "DATADIR=" INSTALLED_ROOT "/var/lib/dangjian",
	                      "CONFDIR=" INSTALLED_ROOT "/etc/dangjian", "DESTDIR=", dg, ug, NULL };
	char *argv[] = { "/bin/sh", "tools/install.sh", BUILT, NULL };
	int rc = run_as(NULL, argv, env, out, cap);
	if (rc != 0)
		fprintf(stderr, "%s", out);
	return rc;
}

/* The tree is root's own: whatever stands at its name (a link another user
 * planted, a run that died) is refused or removed, never followed. */
static int clear_tree(void)
{
	struct stat st;
	if (lstat(INSTALLED_ROOT, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode) || st.st_uid != 0) {
		fprintf(stderr, "%s exists and is not root's directory\n", INSTALLED_ROOT);
		return -1;
	}
	return nftw(INSTALLED_ROOT, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static int teardown(void **state)
{
	struct run *r = *state;
	if (!r)
		return 0;
	vt_free(r->vt);
	for (int i = 0; i < 2; i++)
		sh("userdel %s 2>/dev/null || true", r->user[i]);
	sh("groupdel %s 2>/dev/null || true; groupdel %s 2>/dev/null || true", r->data_group,
	   r->user_group);
	clear_tree();
	free(r);
	return 0;
}

static int setup(void **state)
{
	*state = NULL;
	if (getuid() != 0)
		return 0;
	struct run *r = calloc(1, sizeof *r);
	int id = (int)getpid();
	snprintf(r->user[0], sizeof r->user[0], "djt%da", id);
	snprintf(r->user[1], sizeof r->user[1], "djt%db", id);
	snprintf(r->data_group, sizeof r->data_group, "djt%dd", id);
	snprintf(r->user_group, sizeof r->user_group, "djt%du", id);
	*state = r;
	char out[8192];
	if (clear_tree() || mkdir(INSTALLED_ROOT, 0755) || chmod(INSTALLED_ROOT, 0755) ||
	    mkdir(INSTALLED_ROOT "/home", 0755) || install(r, out, sizeof out))
		return -1;
	for (int i = 0; i < 2; i++)
		if (sh("useradd -M -d %s/home/%s -s /bin/sh -G %s %s && mkdir %s/home/%s && "
		       "chown %s: %s/home/%s", INSTALLED_ROOT, r->user[i], r->user_group, r->user[i],
		       INSTALLED_ROOT, r->user[i], r->user[i], INSTALLED_ROOT, r->user[i]))
			return -1;
	/* The first administrator is registered by root, as README says. */
	char *argv[] = { PROG, "user", "add", r->user[0], "--role", "admin", "--name", "甲", NULL };
	if (run_as(NULL, argv, NULL, out, sizeof out) != 0) {
		fprintf(stderr, "%s", out);
		return -1;
	}
	return 0;
}

/* How many tickets writers have drawn from the queue (db_queue.c: the
 * next ticket, 8 bytes at 0). */
static uint64_t tickets(void)
{
	uint64_t t = 0;
	int fd = open(LOCK, O_RDONLY);
	assert_true(fd >= 0);
	assert_true(pread(fd, &t, sizeof t, 0) >= 0);
	close(fd);
	return t;
}

/* One save by login through the installed command; returns its output. */
static void save_as(const char *login, const char *what, const char *name, char *out, size_t cap)
{
	char *argv[] = { PROG, "user", (char *)what, (char *)name, "--role", "admin", "--name", "某", NULL };
	int rc = run_as(login, argv, NULL, out, cap);
	if (rc != 0)
		fprintf(stderr, "%s", out);
	assert_int_equal(rc, 0);
}

static void both_operators_queue_their_saves(void **state)
{
	struct run *r = *state;
	if (!r)
		skip();
	struct stat lock, db;
	assert_int_equal(stat(LOCK, &lock), 0);
	assert_int_equal(stat(DB, &db), 0);
	assert_int_equal(lock.st_mode & 07777, 0660);
	assert_int_equal(lock.st_uid, db.st_uid);
	assert_int_equal(lock.st_gid, getgrnam(r->data_group)->gr_gid);
	char out[8192];
	uint64_t t0 = tickets();
	save_as(r->user[0], "add", r->user[1], out, sizeof out);
	assert_null(strstr(out, QUEUE_OFF));
	uint64_t t1 = tickets();
	assert_true(t1 > t0);
	save_as(r->user[1], "set", r->user[0], out, sizeof out);
	assert_null(strstr(out, QUEUE_OFF));
	assert_true(tickets() > t1);
}

static int count(const char *text, const char *what)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, what)) != NULL; p += strlen(what))
		n++;
	return n;
}

static void a_lock_file_left_0644_is_told_and_the_next_install_repairs_it(void **state)
{
	struct run *r = *state;
	if (!r)
		skip();
	assert_int_equal(chmod(LOCK, 0644), 0);   /* what install.sh used to leave */
	char out[8192];
	uint64_t t0 = tickets();
	save_as(r->user[0], "add", r->user[1], out, sizeof out);
	if (!strstr(out, QUEUE_OFF))
		fprintf(stderr, "%s", out);
	assert_non_null(strstr(out, QUEUE_OFF "：无法打开 " LOCK "（没有权限）"));
	assert_int_equal(count(out, QUEUE_OFF), 1);   /* once */
	assert_true(tickets() == t0);   /* the save went unqueued */
	assert_int_equal(install(r, out, sizeof out), 0);
	assert_non_null(strstr(out, "已修复 " LOCK " 的权限（原为 0644"));
	struct stat st;
	assert_int_equal(stat(LOCK, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0660);
	save_as(r->user[0], "set", r->user[1], out, sizeof out);
	assert_null(strstr(out, QUEUE_OFF));
	assert_true(tickets() > t0);
}

/* "Gid:\treal\teffective\tsaved\tfs" of a running process. */
static void gids_of(int pid, long g[4])
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	int found = 0;
	while (!found && fgets(line, sizeof line, f))
		found = sscanf(line, "Gid: %ld %ld %ld %ld", &g[0], &g[1], &g[2], &g[3]) == 4;
	fclose(f);
	assert_true(found);
}

static struct vt *screen_as(struct run *r, const char *login, const char *term)
{
	static char home[PATH_MAX], termvar[64];
	struct passwd *pw = getpwnam(login);
	assert_non_null(pw);
	snprintf(home, sizeof home, "HOME=%s", pw->pw_dir);
	snprintf(termvar, sizeof termvar, "TERM=%s", term);
	char reuid[64], regid[64];
	snprintf(reuid, sizeof reuid, "--reuid=%d", (int)pw->pw_uid);
	snprintf(regid, sizeof regid, "--regid=%d", (int)pw->pw_gid);
	char *argv[] = { "/usr/bin/setpriv", reuid, regid, "--init-groups", "--", PROG, NULL };
	char *env[] = { home, termvar, NULL };
	vt_free(r->vt);
	r->vt = vt_spawn(24, 80, "C.UTF-8", argv, env);
	assert_non_null(r->vt);
	return r->vt;
}

static void the_full_screen_program_holds_no_group_and_reads_no_home_terminfo(void **state)
{
	struct run *r = *state;
	if (!r)
		skip();
	struct passwd *pw = getpwnam(r->user[0]);
	assert_non_null(pw);
	/* A terminal description of the operator's own, under a name no system
	 * has: had the program read it, the menu would come up. */
	char term[32];
	snprintf(term, sizeof term, "djt%dterm", (int)getpid());
	assert_int_equal(sh("printf '%s|planted by the operator,\\n\\tuse=vt100,\\n' > %s/planted.src && "
	                    "tic -o %s/.terminfo %s/planted.src && chown -R %s: %s/.terminfo",
	                    term, pw->pw_dir, pw->pw_dir, pw->pw_dir, r->user[0], pw->pw_dir), 0);
	struct vt *vt = screen_as(r, r->user[0], term);
	int status = 0;
	assert_true(vt_wait_text(vt, "无法使用终端类型", VT_TIMEOUT_MS));
	assert_true(vt_wait_exit(vt, VT_TIMEOUT_MS, &status));
	assert_int_equal(WEXITSTATUS(status), 1);

	/* A system terminal: the program runs with the operator's group alone,
	 * and a lock file it cannot use is told on the message line. */
	assert_int_equal(chmod(LOCK, 0644), 0);
	vt = screen_as(r, r->user[0], "vt100");
	assert_true(vt_wait_text(vt, "主菜单", VT_TIMEOUT_MS));
	assert_true(vt_wait_text(vt, QUEUE_OFF, VT_TIMEOUT_MS));
	long g[4];
	gids_of(vt_pid(vt), g);
	for (int i = 0; i < 4; i++)
		assert_int_equal(g[i], (long)pw->pw_gid);
	/* Leaving closes the database without the group: the WAL file stays
	 * (the operator may not remove it from the data directory) and the
	 * next command, which closes holding the group, takes it away. */
	app_quit(vt);
	assert_int_equal(access(DB "-wal", F_OK), 0);
	char out[8192];
	char *argv[] = { PROG, "check", NULL };
	int rc = run_as(r->user[0], argv, NULL, out, sizeof out);
	if (rc != 0)
		fprintf(stderr, "%s", out);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "检查通过"));
	assert_int_equal(access(DB "-wal", F_OK), -1);
}

/* The key was read while the group was held (db_open, before priv_give_up):
 * an operator cannot read the file, yet the screen's save is chained. */
static void the_audit_key_is_out_of_reach_and_a_save_on_screen_chains(void **state)
{
	struct run *r = *state;
	if (!r)
		skip();
	struct stat st;
	assert_int_equal(stat(KEY, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(st.st_uid, 0);
	assert_int_equal(st.st_gid, getgrnam(r->data_group)->gr_gid);
	char out[8192];
	char *cat[] = { "/bin/cat", KEY, NULL };
	assert_int_not_equal(run_as(r->user[0], cat, NULL, out, sizeof out), 0);
	save_as(r->user[0], "add", r->user[1], out, sizeof out);   /* a command's entry first */

	struct vt *vt = screen_as(r, r->user[0], "vt100");
	app_wait(vt, "主菜单");
	vt_type(vt, "1");
	app_wait_row(vt, 1, "主菜单 > 组织管理");
	vt_key(vt, VT_KEY_F6);
	app_wait_row(vt, 1, "主菜单 > 组织管理 > 党组织登记表");
	vt_type(vt, "五夫镇党委");
	vt_key(vt, VT_KEY_ENTER);
	vt_key(vt, VT_KEY_ENTER);
	vt_type(vt, "dw");
	vt_key(vt, VT_KEY_ENTER);
	app_wait(vt, "类型：党委");
	vt_key(vt, VT_KEY_ENTER);   /* 上级组织: none, the top */
	vt_type(vt, "nc");
	vt_key(vt, VT_KEY_ENTER);
	app_wait(vt, "类别：农村");
	vt_key(vt, VT_KEY_F2);
	app_wait_row(vt, 22, "已保存「五夫镇党委」");
	app_quit(vt);

	char *check[] = { PROG, "check", NULL };
	int rc = run_as(r->user[1], check, NULL, out, sizeof out);
	if (rc != 0)
		fprintf(stderr, "%s", out);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "检查通过"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(both_operators_queue_their_saves, setup, teardown),
		cmocka_unit_test_setup_teardown(a_lock_file_left_0644_is_told_and_the_next_install_repairs_it,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(the_full_screen_program_holds_no_group_and_reads_no_home_terminfo,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(the_audit_key_is_out_of_reach_and_a_save_on_screen_chains,
		                                setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
