/* fuzz_csv.c — the CSV reader (core/csv.h) on any bytes: csv_open on the
 * file, every record through csv_next, csv_close.  Beyond the sanitizers:
 * a refusal says why, each field is NUL-terminated strict UTF-8 (the
 * reader decodes GB18030 and refuses what is neither), and a record starts
 * on a later line than the one before. */
#include <string.h>

#include "core/csv.h"
#include "fuzz.h"

/* Strict UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
static int utf8_ok(const unsigned char *s)
{
	while (*s) {
		int len = *s < 0x80 ? 1 : (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3
		        : (*s & 0xF8) == 0xF0 ? 4 : 0;
		if (len == 0)
			return 0;
		unsigned long c = len == 1 ? *s : *s & (0x7F >> len);
		for (int i = 1; i < len; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			c = c << 6 | (s[i] & 0x3F);
		}
		static const unsigned long least[] = { 0, 0, 0x80, 0x800, 0x10000 };
		if (c < least[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		s += len;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256];
	struct csv_reader *r = csv_open(fuzz_file(data, size), why, sizeof why);
	if (!r) {
		FUZZ_ASSERT(why[0] != 0, "(no reason given)");
		return 0;
	}
	char **fields;
	int line, last = 0, n;
	while ((n = csv_next(r, &fields, &line)) > 0) {
		FUZZ_ASSERT(line > last, fields[0]);
		last = line;
		for (int i = 0; i < n; i++)
			FUZZ_ASSERT(utf8_ok((const unsigned char *)fields[i]), fields[i]);
	}
	csv_close(r);   /* n < 0: a reader that streams may stop on a bad record */
	return 0;
}
