/* The build's own runs of the program name their configuration: without
 * --config a folder with no dangjian.ini takes /etc/dangjian/dangjian.ini,
 * and `make bench` once measured an installed system that way (issue 18,
 * item 12).  Scanned: the Makefile's recipes that run ./dangjian, and every
 * argument list of the program in tests/e2e and tests/bench — the program
 * (APP_PROGRAM, b->program) followed by anything but "--config". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <string.h>

/* Where a program's argument list starts, and what must come next. */
static const char *const starts[] = { "{ APP_PROGRAM, ", "execl(APP_PROGRAM, APP_PROGRAM, ",
                                      "{ (char *)b->program, ", NULL };

static int scan_sources(const char *dir, char *found, size_t cap)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *de;
	int files = 0;
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n < 3 || strcmp(de->d_name + n - 2, ".c") != 0)
			continue;
		char path[512], line[1024];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		FILE *f = fopen(path, "r");
		assert_non_null(f);
		files++;
		for (int no = 1; fgets(line, sizeof line, f); no++)
			for (int i = 0; starts[i]; i++) {
				const char *at = strstr(line, starts[i]);
				if (at && strncmp(at + strlen(starts[i]), "\"--config\"", 10) != 0 && !*found)
					snprintf(found, cap, "%s:%d: %s", path, no, line);
			}
		fclose(f);
	}
	closedir(d);
	return files;
}

static void tests_and_the_bench_pass_config(void **state)
{
	(void)state;
	char found[1200] = "";
	assert_true(scan_sources("tests/e2e", found, sizeof found) > 10);
	assert_true(scan_sources("tests/bench", found, sizeof found) > 3);
	assert_string_equal(found, "");
}

static void the_makefile_passes_config(void **state)
{
	(void)state;
	FILE *f = fopen("Makefile", "r");
	assert_non_null(f);
	char line[1024], found[1200] = "";
	int runs = 0;
	for (int no = 1; fgets(line, sizeof line, f); no++) {
		if (line[0] != '\t' || !strstr(line, "./dangjian"))
			continue;
		const char *at = strstr(line, "./dangjian");
		if (strncmp(at, "./dangjian ", 11) != 0 && strncmp(at, "./dangjian\n", 11) != 0)
			continue;   /* another file (./dangjian.ini), or the program as an argument */
		if (strstr(line, "install.sh"))
			continue;   /* handed to the installer, which passes its own --config */
		runs++;
		if (!strstr(line, "--config") && !*found)
			snprintf(found, sizeof found, "Makefile:%d: %s", no, line);
	}
	fclose(f);
	assert_true(runs >= 2);   /* make run and the demo database */
	assert_string_equal(found, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tests_and_the_bench_pass_config),
		cmocka_unit_test(the_makefile_passes_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
