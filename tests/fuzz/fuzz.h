/* fuzz.h — what the libFuzzer targets share: the input written to a file
 * (the CSV reader's public API opens a path, and stays the API when the
 * reader streams), and a check that stops the run with a message. */
#ifndef DJ_FUZZ_H
#define DJ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A file in TMPDIR (one per process, removed at exit) holding data. */
static char fuzz_path[64];

static void fuzz_remove(void)
{
	unlink(fuzz_path);
}

static inline const char *fuzz_file(const uint8_t *data, size_t size)
{
	if (!fuzz_path[0]) {
		const char *dir = getenv("TMPDIR");
		snprintf(fuzz_path, sizeof fuzz_path, "%.40s/dj-fuzz-XXXXXX", dir && *dir ? dir : "/tmp");
		int fd = mkstemp(fuzz_path);
		if (fd < 0)
			abort();
		close(fd);
		atexit(fuzz_remove);
	}
	FILE *f = fopen(fuzz_path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
		abort();
	return fuzz_path;
}

/* A property the code promises, broken: say which, with the input's text. */
#define FUZZ_ASSERT(cond, text)                                                       \
	do {                                                                              \
		if (!(cond)) {                                                                \
			fprintf(stderr, "%s:%d: %s fails for \"%s\"\n", __FILE__, __LINE__, #cond,   \
			        (text));                                                          \
			abort();                                                                  \
		}                                                                             \
	} while (0)

#endif
