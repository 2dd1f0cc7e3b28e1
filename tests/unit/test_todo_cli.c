/* test_todo_cli.c — `dangjian todo` on the demo: the printed list agrees
 * with its own title (逾期 N 项 lines marked "!", N + M lines in all), the
 * file holds the same items, --ahead widens the window, and the usage
 * errors (a bad --ahead, a file that is neither .csv nor .xlsx) exit 2 while
 * an existing file is refused without --force. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/config.h"
#include "core/csv.h"

struct env {
	char dir[64];
	struct config cfg;
};

static int setup(void **state)
{
	struct env *t = calloc(1, sizeof *t);
	setenv("DJ_TODAY", "2026-11-21", 1);
	snprintf(t->dir, sizeof t->dir, "/tmp/djtodo.XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	config_defaults(&t->cfg);
	snprintf(t->cfg.db_path, sizeof t->cfg.db_path, "%s/t.db", t->dir);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct env *t = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	int rc = system(cmd);
	free(t);
	return rc == 0 ? 0 : -1;
}

/* Runs a command with stdout and stderr caught in out. */
static int run(struct env *t, char *out, size_t cap, const char *const *args)
{
	char *argv[16], path[128];
	int argc = 0;
	while (args[argc] && argc < 15) {
		argv[argc] = (char *)args[argc];
		argc++;
	}
	argv[argc] = NULL;
	snprintf(path, sizeof path, "%s/out.txt", t->dir);
	fflush(stdout);
	fflush(stderr);
	int saved_err = dup(2), saved_out = dup(1);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	dup2(fd, 1);
	close(fd);
	int rc = cli_run(&t->cfg, argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_err, 2);
	dup2(saved_out, 1);
	close(saved_err);
	close(saved_out);
	FILE *in = fopen(path, "r");
	size_t n = fread(out, 1, cap - 1, in);
	out[n] = 0;
	fclose(in);
	return rc;
}

/* Items in a CSV the command wrote (the header not counted). */
static int csv_items(const char *path)
{
	char why[256], **fields;
	int line, n = -1;
	struct csv_reader *r = csv_open(path, why, sizeof why);
	if (!r)
		fail_msg("%s", why);
	while (csv_next(r, &fields, &line) > 0)
		n++;
	csv_close(r);
	return n;
}

static void printed_and_written_alike(void **state)
{
	struct env *t = *state;
	static char out[1 << 16];
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "init", "--demo", NULL }), 0);
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "todo", NULL }), 0);
	int late = -1, due = -1;
	const char *title = strstr(out, "逾期 ");
	assert_non_null(title);
	assert_int_equal(sscanf(title, "逾期 %d 项，即将到期 %d 项", &late, &due), 2);
	assert_true(late > 0);
	int marked = 0, lines = 0;
	for (const char *p = strchr(out, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
		lines++;
		marked += p[1] == '!';
	}
	assert_int_equal(marked, late);
	assert_int_equal(lines, late + due);
	assert_non_null(strstr(out, "整改"));
	assert_non_null(strstr(out, "申请待谈话"));

	char csv[160];
	snprintf(csv, sizeof csv, "%s/待办.csv", t->dir);
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "todo", csv, NULL }), 0);
	assert_non_null(strstr(out, "已导出"));
	assert_int_equal(csv_items(csv), late + due);
	/* there already: refused, then replaced with --force and a wider window */
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "todo", csv, NULL }), 1);
	assert_non_null(strstr(out, "已存在"));
	assert_int_equal(run(t, out, sizeof out,
	                     (const char *[]){ "todo", "--ahead", "120", csv, "--force", NULL }), 0);
	assert_true(csv_items(csv) > late + due);
}

static void usage_errors_exit_2(void **state)
{
	struct env *t = *state;
	char out[2048];
	const char *const bad[][5] = {
		{ "todo", "--ahead", NULL }, { "todo", "--ahead", "七", NULL },
		{ "todo", "--ahead", "400", NULL }, { "todo", "--ahead", "-1", NULL },
		{ "todo", "待办.txt", NULL }, { "todo", "a.csv", "b.csv", NULL },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (run(t, out, sizeof out, bad[i]) != 2)
			fail_msg("case %zu: %s", i, out);
		assert_non_null(strstr(out, "用法：dangjian todo"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(printed_and_written_alike, setup, teardown),
		cmocka_unit_test_setup_teardown(usage_errors_exit_2, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
