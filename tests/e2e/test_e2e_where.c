/* The program names the configuration file and the database it uses — in
 * --version, on the first line of check, and in every refusal to start —
 * so that a start in a folder without ./dangjian.ini that silently took an
 * installed /etc/dangjian/dangjian.ini (and its database) is seen at once
 * (issue 18, item 12).  build/dangjian-san run in a folder of its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"

struct where {
	char dir[64];
	char program[PATH_MAX];
	char ini[128], db[128];   /* dir/my.ini names dir/my.db */
};

static int setup(void **state)
{
	struct where *w = calloc(1, sizeof *w);
	snprintf(w->dir, sizeof w->dir, "/tmp/dj-where-XXXXXX");
	if (!mkdtemp(w->dir) || !realpath(APP_PROGRAM, w->program))
		return -1;
	snprintf(w->ini, sizeof w->ini, "%s/my.ini", w->dir);
	snprintf(w->db, sizeof w->db, "%s/my.db", w->dir);
	FILE *f = fopen(w->ini, "w");
	fprintf(f, "[database]\npath = %s\n", w->db);
	fclose(f);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct where *w = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", w->dir);
	int rc = system(cmd);
	free(w);
	return rc == 0 ? 0 : -1;
}

/* Runs the program in w->dir with args (NULL-terminated); both streams in out. */
static int run(struct where *w, char *out, size_t cap, ...)
{
	char *argv[12] = { w->program };
	va_list ap;
	va_start(ap, cap);
	for (int i = 1; i < 11 && (argv[i] = va_arg(ap, char *)) != NULL; i++)
		;
	va_end(ap);
	argv[11] = NULL;
	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		close(pipefd[0]);
		if (chdir(w->dir) != 0)
			_exit(126);
		setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
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

static void expect(const char *out, const char *ini, const char *db)
{
	char line[600];
	snprintf(line, sizeof line, "配置文件：%s；数据库：%s\n", ini, db);
	if (!strstr(out, line))
		fail_msg("wanted «%s» in:\n%s", line, out);
}

static void version_names_the_configuration_and_the_database(void **state)
{
	struct where *w = *state;
	char out[4096];
	assert_int_equal(run(w, out, sizeof out, "--config", w->ini, "--version", NULL), 0);
	assert_non_null(strstr(out, "dangjian "));
	expect(out, w->ini, w->db);
	/* The file found in the folder, relative names made absolute. */
	char here[160], here_db[160];
	snprintf(here, sizeof here, "%s/dangjian.ini", w->dir);
	snprintf(here_db, sizeof here_db, "%s/本地.db", w->dir);
	FILE *f = fopen(here, "w");
	fputs("[database]\npath = 本地.db\n", f);
	fclose(f);
	assert_int_equal(run(w, out, sizeof out, "--version", NULL), 0);
	expect(out, here, here_db);
	/* None there: the system's file when it exists, else the defaults, said so. */
	remove(here);
	assert_int_equal(run(w, out, sizeof out, "--version", NULL), 0);
	if (access("/etc/dangjian/dangjian.ini", F_OK) == 0) {
		assert_non_null(strstr(out, "配置文件：/etc/dangjian/dangjian.ini；数据库："));
	} else {
		snprintf(here_db, sizeof here_db, "%s/dangjian.db", w->dir);
		assert_non_null(strstr(out, "配置文件：无（"));
		assert_non_null(strstr(out, here_db));
	}
}

static void check_names_them_first(void **state)
{
	struct where *w = *state;
	char out[8192];
	assert_int_equal(run(w, out, sizeof out, "--config", w->ini, "init", NULL), 0);
	assert_int_equal(run(w, out, sizeof out, "--config", w->ini, "check", NULL), 0);
	char first[600];
	snprintf(first, sizeof first, "配置文件：%s；数据库：%s\n", w->ini, w->db);
	assert_memory_equal(out, first, strlen(first));
}

static void every_refusal_to_start_names_them(void **state)
{
	struct where *w = *state;
	char out[4096];
	/* No database: each command, and the full-screen program (it refuses
	 * before it needs a terminal). */
	static const char *const cmds[][3] = { { "check" }, { "export", "orgs", "x.csv" },
	                                       { "import", "orgs", "x.csv" }, { "user", "list" },
	                                       { "backup", "b.db" }, { NULL } };
	for (int i = 0; i < 6; i++) {
		int rc = run(w, out, sizeof out, "--config", w->ini, cmds[i][0], cmds[i][1], cmds[i][2], NULL);
		assert_int_equal(rc, 1);
		assert_non_null(strstr(out, "不存在"));
		expect(out, w->ini, w->db);
	}
	/* A file that is not a database: the open fails in SQLite. */
	FILE *f = fopen(w->db, "w");
	fputs("这不是数据库，只是一段文字，足够长以便 SQLite 读它的文件头。………………………………", f);
	fclose(f);
	assert_int_equal(run(w, out, sizeof out, "--config", w->ini, "check", NULL), 1);
	expect(out, w->ini, w->db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(version_names_the_configuration_and_the_database, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(check_names_them_first, setup, teardown),
		cmocka_unit_test_setup_teardown(every_refusal_to_start_names_them, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
