/* srctree.h — for the tests that read the program's own sources (the
 * layer rules in test_layers.c, the calls that start programs in
 * test_user_priv.c): every .c and .h file under a folder, in name order so
 * a report is the same from run to run.  Paths are as given ("src" walks
 * src/…); make test runs the tests from the repository's top. */
#ifndef DJ_TEST_SRCTREE_H
#define DJ_TEST_SRCTREE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Called with each source file's path. */
typedef void (*srctree_fn)(const char *path, void *ctx);

static int srctree_is_source(const char *name)
{
	size_t n = strlen(name);
	return n > 2 && name[n - 2] == '.' && (name[n - 1] == 'c' || name[n - 1] == 'h');
}

static int srctree_by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Walks dir and the folders below it.  Returns the number of source files
 * seen, or -1 when dir cannot be read (the caller's assertion names it). */
static int srctree_walk(const char *dir, srctree_fn fn, void *ctx)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, srctree_by_name);
	if (n < 0)
		return -1;
	int files = 0;
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		char path[1024];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (name[0] != '.' && stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				int below = srctree_walk(path, fn, ctx);
				files += below > 0 ? below : 0;
			} else if (srctree_is_source(name)) {
				files++;
				fn(path, ctx);
			}
		}
		free(list[i]);
	}
	free(list);
	return files;
}

#endif
