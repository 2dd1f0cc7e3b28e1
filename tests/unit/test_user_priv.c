/* What the setgid program keeps of its environment, where it reads its
 * configuration, and that no source file can start a shell. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin/user_priv.h"
#include "srctree.h"

extern char **environ;

static int count_environ(void)
{
	int n = 0;
	for (char **e = environ; *e; e++)
		n++;
	return n;
}

static void only_the_terminal_language_home_and_zone_remain(void **state)
{
	(void)state;
	setenv("TERM", "xterm", 1);
	setenv("LANG", "zh_CN.UTF-8", 1);
	setenv("LC_CTYPE", "zh_CN.GB18030", 1);
	setenv("LC_ALL", "zh_CN.UTF-8", 1);
	setenv("HOME", "/home/zhangsan", 1);
	setenv("TZ", "Asia/Shanghai", 1);
	setenv("PATH", "/tmp/evil:/usr/bin", 1);
	setenv("LD_PRELOAD", "/tmp/evil.so", 1);
	setenv("TMPDIR", "/var/lib/dangjian", 1);
	setenv("SQLITE_TMPDIR", "/var/lib/dangjian", 1);
	setenv("TERMINFO", "/tmp/evil", 1);
	setenv("DJ_TODAY", "2000-01-01", 1);
	setenv("LCX", "not a locale variable", 1);
	priv_reduce_environment();
	assert_string_equal(getenv("TERM"), "xterm");
	assert_string_equal(getenv("LANG"), "zh_CN.UTF-8");
	assert_string_equal(getenv("LC_CTYPE"), "zh_CN.GB18030");
	assert_string_equal(getenv("LC_ALL"), "zh_CN.UTF-8");
	assert_string_equal(getenv("HOME"), "/home/zhangsan");
	assert_string_equal(getenv("TZ"), "Asia/Shanghai");
	assert_null(getenv("PATH"));
	assert_null(getenv("LD_PRELOAD"));
	assert_null(getenv("TMPDIR"));
	assert_null(getenv("SQLITE_TMPDIR"));
	assert_null(getenv("TERMINFO"));
	assert_null(getenv("DJ_TODAY"));
	assert_null(getenv("LCX"));
	assert_int_equal(count_environ(), 6);
}

static void not_setgid_everything_is_as_asked(void **state)
{
	(void)state;
	char note[256] = "x";
	gid_t before = getegid();
	assert_int_equal(priv_start(), getegid() != getgid());
	assert_int_equal(priv_setgid(), 0);   /* the tests do not run setgid */
	assert_string_equal(priv_config_path("my.ini", note, sizeof note), "my.ini");
	assert_string_equal(note, "");
	assert_null(priv_config_path(NULL, note, sizeof note));
	priv_raise();
	assert_int_equal(getegid(), before);
	priv_drop();
	assert_int_equal(getegid(), before);
}

/* A call that starts another program, written anywhere in the program's
 * sources (tests may fork; the program may not). */
static const char *const forbidden[] = { "system(", "popen(", "execl(", "execle(", "execlp(",
                                         "execv(", "execve(", "execvp(", "fork(", "posix_spawn",
                                         NULL };

struct scan {
	char *found;   /* the first call found, as "path:line: call" */
	size_t cap;
};

static void scan_file(const char *path, void *ctx)
{
	struct scan *sc = ctx;
	char line[1024];
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	for (int no = 1; fgets(line, sizeof line, f); no++)
		for (int i = 0; forbidden[i]; i++)
			if (strstr(line, forbidden[i]) && !*sc->found)
				snprintf(sc->found, sc->cap, "%s:%d: %s", path, no, forbidden[i]);
	fclose(f);
}

static void no_source_starts_a_shell_or_a_program(void **state)
{
	(void)state;
	char found[600] = "";
	struct scan sc = { found, sizeof found };
	/* src/ includes src/tui/; the counts show the walk reached the modules. */
	assert_true(srctree_walk("src", scan_file, &sc) > 80);
	assert_true(srctree_walk("screens", scan_file, &sc) > 40);
	assert_string_equal(found, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_the_terminal_language_home_and_zone_remain),
		cmocka_unit_test(not_setgid_everything_is_as_asked),
		cmocka_unit_test(no_source_starts_a_shell_or_a_program),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
