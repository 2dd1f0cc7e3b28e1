/* fuzz_csv_table.c — the CSV import table (core/csv_table.h) on any file:
 * the header mapped onto a roster's columns, every row's cells copied into
 * the record, checked and stored in one transaction of an in-memory
 * database.  Beyond the sanitizers: a cell is always terminated within its
 * column, what csv_import returns agrees with the rows it stored, and the
 * validators (core/validate.h) take every cell. */
#include <sqlite3.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/validate.h"
#include "fuzz.h"

struct rec {
	char name[64], id_number[64], joined_on[11], phone[32], notes[256];
};

#define C(h, m, req) CSV_COLUMN(struct rec, h, m, req)
static const struct csv_column cols[] = {
	C("姓名", name, 1), C("身份证号", id_number, 0), C("入党日期", joined_on, 0),
	C("联系电话", phone, 0), C("备注", notes, 0),
};
#undef C

static long stored;

/* Every cell terminated inside its column, and through every validator. */
static void take(const struct rec *r)
{
	const struct { const char *v; size_t cap; } cell[] = {
		{ r->name, sizeof r->name }, { r->id_number, sizeof r->id_number },
		{ r->joined_on, sizeof r->joined_on }, { r->phone, sizeof r->phone },
		{ r->notes, sizeof r->notes },
	};
	for (size_t i = 0; i < sizeof cell / sizeof *cell; i++)
		FUZZ_ASSERT(memchr(cell[i].v, 0, cell[i].cap) != NULL, "(a cell past its column)");
	char why[WHY_MAX], birth[11], norm[11];
	int male;
	valid_text(r->name, 0, why);
	valid_text(r->notes, 1, why);
	valid_id_number(r->id_number, birth, &male, why);
	valid_date(r->joined_on, norm, why);
	valid_phone(r->phone, why);
}

static int check_row(void *rec, int line, FILE *report)
{
	struct rec *r = rec;
	take(r);
	char why[WHY_MAX];
	if (valid_text(r->name, 0, why)) {   /* as the roster's import refuses it */
		fprintf(report, "第 %d 行「姓名」：%s\n", line, why);
		return 1;
	}
	return 0;
}

static int store(struct session *s, const struct csv_import *t, void *recs, const int *lines,
                 int n, void *ctx, FILE *report)
{
	(void)t;
	(void)ctx;
	(void)lines;
	(void)report;
	const struct rec *r = recs;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO t VALUES (?1, ?2)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (int i = 0; i < n; i++) {
		take(&r[i]);
		sqlite3_bind_text(st, 1, r[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, r[i].notes, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			abort();
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	stored += n;
	return 0;
}

static const struct csv_import import = {
	.cols = cols, .ncols = sizeof cols / sizeof *cols, .rec_size = sizeof(struct rec),
	.empty_file = "文件为空", .no_rows = "文件只有列名行", .check_row = check_row, .store = store,
	.batch = 8,   /* small, so that a short input crosses batches */
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct session s;
	if (!s.db) {
		if (sqlite3_open(":memory:", &s.db) != SQLITE_OK ||
		    sqlite3_exec(s.db, "CREATE TABLE t(name TEXT, notes TEXT)", NULL, NULL, NULL) != SQLITE_OK)
			abort();
		snprintf(s.login, sizeof s.login, "fuzz");
		s.role = ROLE_ADMIN;
	}
	FILE *report = fopen("/dev/null", "w");
	if (!report)
		abort();
	int imported = -1;
	stored = 0;
	int rc = csv_import(&s, &import, fuzz_file(data, size), NULL, report, &imported);
	fclose(report);
	long rows = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s.db, "SELECT count(*) FROM t", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		abort();
	rows = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* all or nothing: a refused file leaves the table as it was */
	FUZZ_ASSERT(rc == 0 ? rows == stored && imported == stored : rows == 0, "(the import's result)");
	sqlite3_exec(s.db, "DELETE FROM t", NULL, NULL, NULL);
	return 0;
}
