/* `make install` into a DESTDIR (tools/install.sh with the test build of
 * the program): the modes of the shared-server layout, a database in WAL
 * mode, the writers' lock file as writable as the database, the man page
 * and the manual, nothing overwritten the second time;
 * `make uninstall` (tools/uninstall.sh) takes the program away and keeps
 * the configuration and the data unless PURGE=1; and the installed program,
 * run setgid by an ordinary user, ignores --config.  Needs root (to hand
 * the binary to a group and to become another user); skipped otherwise. */
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
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROGRAM "build/dangjian-san"
#define NOBODY 65534

struct place {
	char dir[PATH_MAX];    /* temporary directory */
	char root[PATH_MAX + 16];   /* DESTDIR */
};

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	if (getuid() != 0)
		return 0;
	struct place *p = calloc(1, sizeof *p);
	snprintf(p->dir, sizeof p->dir, "/tmp/dj-install-XXXXXX");
	assert_non_null(mkdtemp(p->dir));
	chmod(p->dir, 0755);
	snprintf(p->root, sizeof p->root, "%s/root", p->dir);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	struct place *p = *state;
	if (p) {
		nftw(p->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
		free(p);
	}
	return 0;
}

/* Runs argv with its output in out (both streams); returns the exit status. */
static int run(char *const argv[], const char *const env[], uid_t as, char *out, size_t cap)
{
	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		close(pipefd[0]);
		for (int i = 0; env && env[i]; i++)
			putenv((char *)env[i]);
		if (as && (setgroups(0, NULL) || setgid(NOBODY) || setuid(as)))
			_exit(126);
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

static int install(struct place *p, char *out, size_t cap)
{
	char destdir[PATH_MAX + 32];
	snprintf(destdir, sizeof destdir, "DESTDIR=%s", p->root);
	const char *env[] = { destdir, "PREFIX=/usr/local", NULL };
	char *argv[] = { "/bin/sh", "tools/install.sh", PROGRAM, NULL };
	return run(argv, env, 0, out, cap);
}

static int uninstall(struct place *p, const char *purge, char *out, size_t cap)
{
	char destdir[PATH_MAX + 32];
	snprintf(destdir, sizeof destdir, "DESTDIR=%s", p->root);
	const char *env[] = { destdir, "PREFIX=/usr/local", purge, NULL };
	char *argv[] = { "/bin/sh", "tools/uninstall.sh", NULL };
	return run(argv, env, 0, out, cap);
}

static int exists(struct place *p, const char *path)
{
	char full[PATH_MAX * 2];
	struct stat st;
	snprintf(full, sizeof full, "%s%s", p->root, path);
	return lstat(full, &st) == 0;
}

static mode_t mode_of(struct place *p, const char *path)
{
	char full[PATH_MAX * 2];
	struct stat st;
	snprintf(full, sizeof full, "%s%s", p->root, path);
	if (lstat(full, &st) != 0)
		fail_msg("not installed: %s", full);
	return st.st_mode;
}

static void read_file(struct place *p, const char *path, char *out, size_t cap)
{
	char full[PATH_MAX * 2];
	snprintf(full, sizeof full, "%s%s", p->root, path);
	FILE *f = fopen(full, "r");
	assert_non_null(f);
	size_t n = fread(out, 1, cap - 1, f);
	out[n] = 0;
	fclose(f);
}

static void the_layout_has_its_modes(void **state)
{
	struct place *p = *state;
	if (!p)
		skip();
	char out[8192];
	int rc = install(p, out, sizeof out);
	if (rc != 0)
		fprintf(stderr, "%s", out);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "DESTDIR 安装：未创建组"));
	assert_int_equal(mode_of(p, "/usr/local/lib/dangjian/dangjian") & 07777, 02755);
	assert_int_equal(mode_of(p, "/usr/local/lib/dangjian") & 07777, 0750);
	assert_true(S_ISLNK(mode_of(p, "/usr/local/bin/dangjian")));
	assert_int_equal(mode_of(p, "/etc/dangjian/dangjian.ini") & 07777, 0644);
	assert_true(S_ISDIR(mode_of(p, "/var/lib/dangjian")));
	assert_int_equal(mode_of(p, "/var/lib/dangjian") & 07777, 02770);
	assert_int_equal(mode_of(p, "/var/lib/dangjian/dangjian.db") & 07777, 0660);
	/* The writers' queue: a lock file the operators cannot write turns it off. */
	assert_int_equal(mode_of(p, "/var/lib/dangjian/dangjian.db-lock") & 07777, 0660);
	assert_int_equal(mode_of(p, "/usr/local/share/man/man1/dangjian.1") & 07777, 0644);
	assert_int_equal(mode_of(p, "/usr/local/share/doc/dangjian/使用手册.md") & 07777, 0644);
	char text[65536];   /* the whole dangjian.ini, which grows with every module */
	read_file(p, "/etc/dangjian/dangjian.ini", text, sizeof text);
	assert_non_null(strstr(text, "\npath = /var/lib/dangjian/dangjian.db\n"));
	/* WAL is kept in the file header (bytes 18 and 19 are 2), and it is ours. */
	unsigned char head[20];
	char db[PATH_MAX * 2];
	snprintf(db, sizeof db, "%s/var/lib/dangjian/dangjian.db", p->root);
	int fd = open(db, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, head, sizeof head), sizeof head);
	close(fd);
	assert_int_equal(head[18], 2);
	assert_int_equal(head[19], 2);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA application_id", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0x444a4a31);
	sqlite3_finalize(st);
	/* A second install keeps the data and the configuration as they are. */
	assert_int_equal(sqlite3_exec(h, "INSERT INTO dict(kind, label) VALUES ('测试','保留')", NULL,
	                              NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	char ini[PATH_MAX * 2];
	snprintf(ini, sizeof ini, "%s/etc/dangjian/dangjian.ini", p->root);
	FILE *f = fopen(ini, "a");
	fputs("; 管理员加的一行\n", f);
	fclose(f);
	assert_int_equal(install(p, out, sizeof out), 0);
	assert_non_null(strstr(out, "保留已有的数据库"));
	assert_non_null(strstr(out, "保留已有的配置文件"));
	read_file(p, "/etc/dangjian/dangjian.ini", text, sizeof text);
	assert_non_null(strstr(text, "; 管理员加的一行\n"));
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM dict WHERE label='保留'", -1, &st,
	                                    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	sqlite3_close(h);
	assert_int_equal(mode_of(p, "/usr/local/lib/dangjian/dangjian") & 07777, 02755);
}

/* Uninstalled, the program, its command and its documents are gone; the
 * settings and the data stay, and the output says so.  PURGE=1 removes
 * them, leaving a file that is not the program's. */
static void uninstall_keeps_the_data_unless_purged(void **state)
{
	struct place *p = *state;
	if (!p)
		skip();
	char out[8192];
	assert_int_equal(install(p, out, sizeof out), 0);
	char other[PATH_MAX * 2];
	snprintf(other, sizeof other, "%s/var/lib/dangjian/笔记.txt", p->root);
	int rc = uninstall(p, "PURGE=", out, sizeof out);
	if (rc != 0)
		fprintf(stderr, "%s", out);
	assert_int_equal(rc, 0);
	static const char *const gone[] = { "/usr/local/bin/dangjian", "/usr/local/lib/dangjian/dangjian",
	                                    "/usr/local/lib/dangjian", "/usr/local/share/man/man1/dangjian.1",
	                                    "/usr/local/share/doc/dangjian" };
	for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
		if (exists(p, gone[i]))
			fail_msg("still there after make uninstall: %s", gone[i]);
	assert_true(exists(p, "/etc/dangjian/dangjian.ini"));
	assert_true(exists(p, "/var/lib/dangjian/dangjian.db"));
	assert_non_null(strstr(out, "保留配置文件 /etc/dangjian/dangjian.ini"));
	assert_non_null(strstr(out, "保留数据目录 /var/lib/dangjian"));
	assert_non_null(strstr(out, "make uninstall PURGE=1"));

	/* PURGE=1: the program's files go, somebody else's file stays with its directory. */
	assert_int_equal(install(p, out, sizeof out), 0);
	FILE *f = fopen(other, "w");
	fputs("不是本程序的文件\n", f);
	fclose(f);
	assert_int_equal(uninstall(p, "PURGE=1", out, sizeof out), 0);
	assert_false(exists(p, "/etc/dangjian/dangjian.ini"));
	assert_false(exists(p, "/var/lib/dangjian/dangjian.db"));
	assert_false(exists(p, "/usr/local/lib/dangjian"));
	assert_true(exists(p, "/var/lib/dangjian/笔记.txt"));
	assert_non_null(strstr(out, "保留数据目录 /var/lib/dangjian：其中还有不是本程序的文件"));
	remove(other);
	assert_int_equal(uninstall(p, "PURGE=1", out, sizeof out), 0);
	assert_false(exists(p, "/var/lib/dangjian"));
}

static void run_setgid_the_program_reads_only_the_system_configuration(void **state)
{
	struct place *p = *state;
	if (!p)
		skip();
	/* The program as installed, handed to a group the caller is not in. */
	char bin[PATH_MAX + 16], evil[PATH_MAX + 16], out[8192];
	snprintf(bin, sizeof bin, "%s/dangjian", p->dir);
	snprintf(evil, sizeof evil, "%s/evil.ini", p->dir);
	char *cp[] = { "/bin/cp", PROGRAM, bin, NULL };
	assert_int_equal(run(cp, NULL, 0, out, sizeof out), 0);
	assert_int_equal(chown(bin, 0, 1), 0);   /* group daemon (1), then the setgid bit */
	assert_int_equal(chmod(bin, 02755), 0);
	FILE *f = fopen(evil, "w");
	fprintf(f, "[database]\npath = %s/evil.db\n", p->dir);
	fclose(f);
	/* The sanitizer build's leak checker cannot work in a setgid process and
	 * says so at exit; what is checked here is the program's own message. */
	const char *env[] = { "LANG=C.UTF-8", NULL };
	char *argv[] = { bin, "--config", evil, "init", NULL };
	int rc = run(argv, env, NOBODY, out, sizeof out);
	if (!strstr(out, "已忽略 --config"))
		fprintf(stderr, "%s", out);
	assert_non_null(strstr(out, "只读取 /etc/dangjian/dangjian.ini，已忽略 --config"));
	assert_true(rc != 0 || access("/etc/dangjian/dangjian.ini", F_OK) == 0);
	char db[PATH_MAX + 16];
	snprintf(db, sizeof db, "%s/evil.db", p->dir);
	assert_int_equal(access(db, F_OK), -1);   /* the file named in --config was never made */
	/* Not setgid, the same user's --config is honoured as usual. */
	assert_int_equal(chmod(bin, 0755), 0);
	rc = run(argv, env, NOBODY, out, sizeof out);
	assert_null(strstr(out, "已忽略"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(the_layout_has_its_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(uninstall_keeps_the_data_unless_purged, setup, teardown),
		cmocka_unit_test_setup_teardown(run_setgid_the_program_reads_only_the_system_configuration,
		                                setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
