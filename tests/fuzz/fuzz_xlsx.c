/* fuzz_xlsx.c — the xlsx reader (docs/xlsx_in.h, through core/csv.h's
 * csv_open_sheet) on any bytes: a refusal says why, each field is
 * NUL-terminated strict UTF-8, rows come in rising order, and a row stays
 * under the row limit.  Limits are small (4 MB inflated, 64 KB a row) so a
 * bomb is refused fast.  Seeds: tiny real workbooks (openpyxl) and raw ones
 * (tests/data/make_xlsx.py). */
#include <string.h>

#include "core/csv.h"
#include "fuzz.h"

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
	char why[600];
	const struct csv_limits lim = { 4 << 20, 64 << 10 };
	struct csv_reader *r = csv_open_sheet(fuzz_file(data, size), &lim, NULL, why, sizeof why);
	if (!r) {
		FUZZ_ASSERT(why[0] != 0, "(no reason given)");
		return 0;
	}
	char **fields;
	int line, last = 0, n;
	while ((n = csv_next(r, &fields, &line)) > 0) {
		FUZZ_ASSERT(line > last, fields[0]);
		last = line;
		size_t bytes = 0;
		for (int i = 0; i < n; i++) {
			FUZZ_ASSERT(utf8_ok((const unsigned char *)fields[i]), fields[i]);
			bytes += strlen(fields[i]) + 1;
		}
		FUZZ_ASSERT(bytes <= lim.max_record, fields[0]);
	}
	if (n < 0)
		FUZZ_ASSERT(csv_error(r) && *csv_error(r), "(stopped without a reason)");
	csv_close(r);
	return 0;
}
