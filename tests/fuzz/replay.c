/* replay.c — a libFuzzer target's seed corpus replayed as one cmocka test
 * under the ordinary build (gcc, ASan/UBSan).  `make test` links it with
 * every target, so a target that no longer compiles against the core, or a
 * seed that breaks a property the target asserts, fails the suite without
 * clang; `make fuzz` is where new inputs are searched for.  FUZZ_CORPUS names
 * the target's seed folder. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void replay_one(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static uint8_t buf[1 << 20];   /* seeds are small: a larger one is a mistake */
	size_t n = fread(buf, 1, sizeof buf, f);
	assert_true(feof(f));
	fclose(f);
	uint8_t *copy = malloc(n ? n : 1);   /* exact size, so ASan sees an overread */
	assert_non_null(copy);
	memcpy(copy, buf, n);
	print_message("  %s\n", path);
	LLVMFuzzerTestOneInput(copy, n);
	free(copy);
}

static void every_seed_holds(void **state)
{
	(void)state;
	struct dirent **list;
	int n = scandir(FUZZ_CORPUS, &list, NULL, by_name);
	assert_true(n >= 0);
	int seeds = 0;
	for (int i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.') {
			char path[512];
			snprintf(path, sizeof path, "%s/%s", FUZZ_CORPUS, list[i]->d_name);
			replay_one(path);
			seeds++;
		}
		free(list[i]);
	}
	free(list);
	assert_true(seeds > 0);   /* an empty corpus would prove nothing */
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(every_seed_holds) };
	return cmocka_run_group_tests_name(FUZZ_CORPUS, tests, NULL, NULL);
}
