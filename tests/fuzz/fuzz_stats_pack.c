/* fuzz_stats_pack.c — the 党内统计 pack reader (stats/stats_pack.h) on any
 * file, as a county office receives them on a USB stick.  Beyond the
 * sanitizers: a pack that reads has its tables within their bounds, keys
 * of plain ASCII and no control character in any text that a terminal
 * would print; and reading leaves nothing beside the file (no -wal, no
 * -journal: it is opened immutable). */
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "stats/stats_pack.h"

/* No C0 control or DEL, and no C1 control (U+0080–U+009F: C2 80–C2 9F). */
static void printable(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		FUZZ_ASSERT(*p >= 0x20 && *p != 0x7f, "(a control character in a label)");
		FUZZ_ASSERT(!(p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0), "(a C1 control in a label)");
	}
}

static void plain_key(const char *s)
{
	FUZZ_ASSERT(s[0] && strlen(s) < STATS_KEYLEN, s);
	FUZZ_ASSERT(strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == strlen(s), s);
}

static void check(const struct stats_pack *p)
{
	FUZZ_ASSERT(p->n >= 1 && p->n <= STATS_PACK_MAX_TABLES, "(the number of tables)");
	printable(p->meta.unit);
	printable(p->meta.program);
	printable(p->meta.made_at);
	for (int i = 0; i < p->n; i++) {
		const struct stats_table *t = &p->t[i];
		plain_key(t->key);
		printable(t->name);
		FUZZ_ASSERT(t->nrows >= 0 && t->nrows <= STATS_MAXROWS, t->key);
		FUZZ_ASSERT(t->ncols >= 0 && t->ncols <= STATS_MAXCOLS, t->key);
		for (int r = 0; r < t->nrows; r++) {
			plain_key(t->row_key[r]);
			printable(t->row_label[r]);
		}
		for (int c = 0; c < t->ncols; c++) {
			plain_key(t->col_key[c]);
			printable(t->col_label[c]);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct stats_pack p;
	struct dj_err e;
	const char *path = fuzz_file(data, size);
	if (stats_pack_read(path, &p, &e) == 0)
		check(&p);
	else
		FUZZ_ASSERT(e.msg[0] != 0, "(a refusal without its reason)");
	char side[96];
	snprintf(side, sizeof side, "%s-journal", path);
	FUZZ_ASSERT(access(side, F_OK) != 0, side);
	snprintf(side, sizeof side, "%s-wal", path);
	FUZZ_ASSERT(access(side, F_OK) != 0, side);
	return 0;
}
