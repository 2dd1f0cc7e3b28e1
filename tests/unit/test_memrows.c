/* test_memrows.c — rows held in memory as a row_source: paging by place,
 * find and sort for loaded rows (find text, name key, ranks, numbers with
 * empty cells last), for fixed rows (any cell, pinyin initials, leading
 * numbers) and for a screen's live rows; the organization tree's paging
 * shares rowslice.h and is checked through its screens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/memrows.h"
#include "core/rowslice.h"

/* The first cells of every row in view order, joined by '|'. */
static void column(struct row_source *rs, int col, char *out, size_t cap)
{
	struct rs_row rows[16];
	int n = rs->fetch(rs->ctx, NULL, 1, 16, rows);
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(out);
		snprintf(out + len, cap - len, "%s%s", i ? "|" : "", rows[i].cell[col]);
	}
}

static void slices_follow_the_anchor(void **state)
{
	(void)state;
	int from, to;
	rowslice_range(10, -1, 1, 4, &from, &to);
	assert_int_equal(from, 0);
	assert_int_equal(to, 4);
	rowslice_range(10, 3, 1, 4, &from, &to);   /* after place 3 */
	assert_int_equal(from, 4);
	assert_int_equal(to, 8);
	rowslice_range(10, 8, 1, 4, &from, &to);
	assert_int_equal(from, 9);
	assert_int_equal(to, 10);
	rowslice_range(10, 5, 0, 4, &from, &to);   /* the anchor itself and on */
	assert_int_equal(from, 5);
	assert_int_equal(to, 9);
	rowslice_range(10, -1, 0, 4, &from, &to);  /* anchor gone: from the top */
	assert_int_equal(from, 0);
	assert_int_equal(to, 4);
	rowslice_range(10, 2, -1, 4, &from, &to);  /* just before place 2 */
	assert_int_equal(from, 0);
	assert_int_equal(to, 2);
	rowslice_range(10, -1, -1, 4, &from, &to); /* the last four */
	assert_int_equal(from, 6);
	assert_int_equal(to, 10);
	struct rs_key k;
	assert_int_equal(rowslice_key_of(7, 42, &k), 0);
	assert_string_equal(k.sort, "00000007");
	assert_int_equal(k.id, 42);
	assert_int_equal(rowslice_key_of(-1, 42, &k), -1);
	assert_int_equal(rowslice_ordinal(7), 8);
	assert_int_equal(rowslice_ordinal(-1), -1);
}

/* ---- loaded rows ---- */

static const struct rs_column ledger_cols[] = {
	{ "党组织", 16, 1, 0, 1 }, { "综合", 5, 0, 1, 1 }, { "等次", 5, 0, 0, 1 }, { "备注", 6, 0, 0, 0 },
};

struct ledger_line {
	const char *org, *py, *total, *grade;
	int rank;
};

static const struct ledger_line ledger[] = {
	{ "五夫村党支部", "wfc", "88.5", "较好", 2 },
	{ "联桥村党支部", "lqc", "", "", 0 },
	{ "东关社区党支部", "dgsq", "91", "先进", 1 },
	{ "Alpha党小组", "alpha", "75", "一般", 3 },
};

static int loads;

static int load_ledger(void *ctx, struct memrows *m)
{
	int n = *(int *)ctx;
	loads++;
	for (int i = 0; i < n; i++) {
		char find[128], key[128];
		snprintf(find, sizeof find, "%s %s", ledger[i].org, ledger[i].py);
		snprintf(key, sizeof key, "%s\t%s", ledger[i].py, ledger[i].org);
		struct rs_row *row = memrows_add(m, 100 + i, find, key);
		if (!row) {
			memrows_fail(m, "内存不足");
			return -1;
		}
		snprintf(row->cell[0], RS_CELL, "%s", ledger[i].org);
		snprintf(row->cell[1], RS_CELL, "%s", ledger[i].total);
		snprintf(row->cell[2], RS_CELL, "%s", ledger[i].grade);
		row->flags = ledger[i].rank ? 0 : RS_FLAG_WARN;
		if (ledger[i].rank)
			memrows_rank(m, 2, ledger[i].rank);
	}
	return 0;
}

static int fail_to_load(void *ctx, struct memrows *m)
{
	(void)ctx;
	memrows_fail(m, "读取失败");
	return -1;
}

static void loaded_rows_page_find_and_sort(void **state)
{
	(void)state;
	int n = 4;
	char got[512];
	loads = 0;
	struct row_source *rs = memrows_new(ledger_cols, 4, load_ledger, &n, NULL);
	assert_non_null(rs);
	assert_int_equal(loads, 1);
	assert_int_equal(rs->count(rs->ctx), 4);
	column(rs, 0, got, sizeof got);
	assert_string_equal(got, "五夫村党支部|联桥村党支部|东关社区党支部|Alpha党小组");

	struct rs_row rows[4];
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 4, rows), 4);
	assert_int_equal(rows[1].key.id, 101);
	assert_int_equal(rows[1].flags, RS_FLAG_WARN);
	assert_string_equal(rows[1].key.sort, "00000001");
	assert_string_equal(rows[2].cell[1], "91");

	/* Find: the find text, ASCII case ignored, spaces trimmed. */
	assert_int_equal(rs->set_filter(rs->ctx, " LQ "), 0);
	column(rs, 0, got, sizeof got);
	assert_string_equal(got, "联桥村党支部");
	assert_int_equal(rs->set_filter(rs->ctx, "alPHA"), 0);
	column(rs, 0, got, sizeof got);
	assert_string_equal(got, "Alpha党小组");
	assert_int_equal(rs->set_filter(rs->ctx, "党支部"), 0);
	assert_int_equal(rs->count(rs->ctx), 3);
	rs->set_filter(rs->ctx, "");

	/* The first column by name key (pinyin). */
	assert_int_equal(rs->set_sort(rs->ctx, 0, 0), 0);
	column(rs, 0, got, sizeof got);
	assert_string_equal(got, "Alpha党小组|东关社区党支部|联桥村党支部|五夫村党支部");
	/* Numbers as numbers, the empty cell last either way. */
	rs->set_sort(rs->ctx, 1, 0);
	column(rs, 1, got, sizeof got);
	assert_string_equal(got, "75|88.5|91|");
	rs->set_sort(rs->ctx, 1, 1);
	column(rs, 1, got, sizeof got);
	assert_string_equal(got, "91|88.5|75|");
	/* Grades by rank, the ungraded last either way. */
	rs->set_sort(rs->ctx, 2, 0);
	column(rs, 2, got, sizeof got);
	assert_string_equal(got, "先进|较好|一般|");
	rs->set_sort(rs->ctx, 2, 1);
	column(rs, 2, got, sizeof got);
	assert_string_equal(got, "一般|较好|先进|");
	assert_int_equal(rs->set_sort(rs->ctx, 3, 0), -1);   /* not sortable */

	/* Keys and places follow the view. */
	struct rs_key k;
	assert_int_equal(rs->key_of(rs->ctx, 100, &k), 0);
	assert_string_equal(k.sort, "00000001");
	assert_int_equal(rs->ordinal(rs->ctx, &k), 2);
	assert_int_equal(rs->fetch(rs->ctx, &k, 1, 4, rows), 2);
	assert_int_equal(rows[0].key.id, 102);
	assert_int_equal(rs->fetch(rs->ctx, &k, -1, 4, rows), 1);
	assert_int_equal(rows[0].key.id, 103);
	assert_int_equal(rs->key_of(rs->ctx, 999, &k), -1);

	/* A reload reads the rows again under the same find and sort. */
	n = 3;
	rs->set_filter(rs->ctx, "党支部");
	assert_int_equal(memrows_reload(rs), 0);
	assert_int_equal(loads, 2);
	column(rs, 2, got, sizeof got);
	assert_string_equal(got, "较好|先进|");
	assert_string_equal(rs->last_error(rs->ctx), "");
	row_source_free(rs);

	assert_null(memrows_new(ledger_cols, 4, fail_to_load, NULL, NULL));
}

/* ---- fixed rows ---- */

static const struct rs_column fixed_cols[] = {
	{ "党支部", 18, 1, 0, 1 }, { "出席率", 6, 0, 1, 1 }, { "欠交", 8, 0, 1, 1 },
};

static void fixed_rows_find_cells_and_initials(void **state)
{
	(void)state;
	char got[512];
	struct row_source *rs = memrows_fixed_new(fixed_cols, 3);
	assert_non_null(rs);
	const char *a[] = { "五夫村党支部", "86%", "1,234.50" };
	const char *b[] = { "联桥村党支部", "9%", "-" };
	const char *c[] = { "Zhongxin党支部", "100%", "12.00" };
	assert_int_equal(memrows_fixed_add(rs, 7, RS_FLAG_WARN, a, "wfcdzb"), 0);
	assert_int_equal(memrows_fixed_add(rs, 8, 0, b, "lqcdzb"), 0);
	assert_int_equal(memrows_fixed_add(rs, 9, RS_FLAG_DIM, c, NULL), 0);
	assert_int_equal(rs->count(rs->ctx), 3);
	column(rs, 0, got, sizeof got);
	assert_string_equal(got, "五夫村党支部|联桥村党支部|Zhongxin党支部");

	rs->set_filter(rs->ctx, "WF");          /* the start of the initials */
	column(rs, 0, got, sizeof got);
	assert_string_equal(got, "五夫村党支部");
	rs->set_filter(rs->ctx, "cdzb");        /* not the start: no */
	assert_int_equal(rs->count(rs->ctx), 0);
	rs->set_filter(rs->ctx, "zHONG");       /* any cell, ASCII case ignored */
	column(rs, 0, got, sizeof got);
	assert_string_equal(got, "Zhongxin党支部");
	rs->set_filter(rs->ctx, "9%");
	column(rs, 0, got, sizeof got);
	assert_string_equal(got, "联桥村党支部");
	rs->set_filter(rs->ctx, "");

	rs->set_sort(rs->ctx, 1, 0);            /* 9% < 86% < 100% as numbers */
	column(rs, 1, got, sizeof got);
	assert_string_equal(got, "9%|86%|100%");
	rs->set_sort(rs->ctx, 2, 1);            /* 1,234.50 > 12.00; "-" is text */
	column(rs, 2, got, sizeof got);
	assert_string_equal(got, "1,234.50|12.00|-");

	struct rs_row rows[3];
	rs->set_sort(rs->ctx, 0, 0);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 3, rows), 3);
	assert_int_equal(rows[0].key.id, 9);
	assert_int_equal(rows[0].flags, RS_FLAG_DIM);
	assert_int_equal(memrows_reload(rs), 0);   /* nothing to read again */
	assert_int_equal(rs->count(rs->ctx), 3);
	row_source_free(rs);
}

/* ---- live rows ---- */

struct sheet {
	const char *name[3], *py[3];
	int n;
};

static int sheet_count(void *ctx)
{
	return ((struct sheet *)ctx)->n;
}

static void sheet_cell(void *ctx, int row, int col, char *out, size_t cap)
{
	struct sheet *s = ctx;
	if (col == 0)
		snprintf(out, cap, "%s", s->name[row]);
	else
		snprintf(out, cap, "%d", row * 10);
}

static const char *sheet_py(void *ctx, int row)
{
	return ((struct sheet *)ctx)->py[row];
}

static void live_rows_read_the_screens_rows(void **state)
{
	(void)state;
	static const struct rs_column cols[] = { { "姓名", 10, 0, 0, 0 }, { "金额", 8, 0, 1, 0 } };
	struct sheet s = { { "张三", "李四", "Wang五" }, { "zs", "ls", "w" }, 2 };
	struct live_rows lr = { &s, sheet_count, sheet_cell, sheet_py, NULL, 0 };
	char got[256];
	struct row_source *rs = live_rows_new(&lr, cols, 2);
	assert_non_null(rs);
	column(rs, 0, got, sizeof got);
	assert_string_equal(got, "张三|李四");
	s.n = 3;                                  /* a refresh (dir 0) sees a new row */
	struct rs_row rows[3];
	assert_int_equal(rs->fetch(rs->ctx, NULL, 0, 3, rows), 3);
	assert_int_equal(rows[2].key.id, 3);
	assert_string_equal(rows[2].cell[1], "20");
	assert_int_equal(live_rows_index(rows[2].key.id), 2);
	assert_int_equal(live_rows_index(0), -1);

	rs->set_filter(rs->ctx, "L");             /* initials */
	column(rs, 0, got, sizeof got);
	assert_string_equal(got, "李四");
	rs->set_filter(rs->ctx, "wANG");          /* the name, ASCII case ignored */
	column(rs, 0, got, sizeof got);
	assert_string_equal(got, "Wang五");
	assert_int_equal(rs->set_sort(rs->ctx, 0, 0), -1);
	struct rs_key k;
	assert_int_equal(rs->key_of(rs->ctx, 3, &k), 0);
	assert_int_equal(rs->ordinal(rs->ctx, &k), 1);
	assert_int_equal(rs->key_of(rs->ctx, 1, &k), -1);
	row_source_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slices_follow_the_anchor),
		cmocka_unit_test(loaded_rows_page_find_and_sort),
		cmocka_unit_test(fixed_rows_find_cells_and_initials),
		cmocka_unit_test(live_rows_read_the_screens_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
