/* review_cli.c — `dangjian review …`: the batches of 立项 and 创建 and, for
 * one batch, every application with its state, the next stage due and
 * whether it is late (the screens' ledgers, for a script or a mail to the
 * office); a batch's ledger as CSV; an application's paper forms as text
 * files to print. */
#include "cli/review_cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/text.h"
#include "review/review.h"

static const char *const verbs[] = { "list", "export", "print", NULL };

const char *review_cli_verb(int i)
{
	return i >= 0 && i < 3 ? verbs[i] : NULL;
}

static const struct {
	const char *word;
	enum review_form form;
} forms[] = {
	{ "申报表", RF_APPLICATION }, { "申报书", RF_APPLICATION },
	{ "中期检查表", RF_MIDTERM }, { "验收评审表", RF_ACCEPTANCE },
};

static void usage(void)
{
	fprintf(stderr, "用法：dangjian review list [批次编号]\n"
	                "      dangjian review export 批次编号 文件.csv [--force]\n"
	                "      dangjian review print 申报表|申报书|中期检查表|验收评审表 申报编号 文件.pdf|文件.txt"
	                " [--force]\n");
}

static int number(const char *text, int64_t *out)
{
	char *end;
	long long v = strtoll(text, &end, 10);
	if (!*text || *end || v <= 0)
		return -1;
	*out = v;
	return 0;
}

static int form_of(const char *word)
{
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
		if (strcmp(word, forms[i].word) == 0)
			return (int)forms[i].form;
	return -1;
}

int review_cli_usage_error(int argc, char **argv)
{
	int64_t n;
	int ok = (argc == 2 && strcmp(argv[1], "list") == 0) ||
	         (argc == 3 && strcmp(argv[1], "list") == 0 && number(argv[2], &n) == 0) ||
	         (argc == 4 && strcmp(argv[1], "export") == 0 && number(argv[2], &n) == 0) ||
	         (argc == 5 && strcmp(argv[1], "print") == 0 && form_of(argv[2]) >= 0 &&
	          number(argv[3], &n) == 0);
	if (!ok)
		usage();
	return !ok;
}

/* A cell padded to `cols` display columns (emoji and 𠮷 counted as they
 * show), so that the lines of a listing stay aligned in a terminal. */
static void put_cell(const char *text, int cols, int last)
{
	fputs(text, stdout);
	if (!last)
		for (int w = utf8_cols(text); w < cols + 2; w++)
			fputc(' ', stdout);
}

/* Every row of rs, read whole (a batch's applications, the batches: a
 * few hundred at most), so that each column is as wide as its longest
 * text. */
static int read_all(struct row_source *rs, struct rs_row **out, int *n)
{
	enum { PAGE = 64 };
	struct rs_row *rows = NULL;
	int have = 0, got;
	const struct rs_key *from = NULL;
	struct rs_key anchor;
	do {
		struct rs_row *more = realloc(rows, (size_t)(have + PAGE) * sizeof *rows);
		if (!more) {
			free(rows);
			fprintf(stderr, "读取失败：内存不足\n");
			return 1;
		}
		rows = more;
		got = rs->fetch(rs->ctx, from, 1, PAGE, rows + have);
		if (got < 0) {
			free(rows);
			fprintf(stderr, "读取失败：%s\n", rs->last_error(rs->ctx));
			return 1;
		}
		have += got;
		if (got > 0) {
			anchor = rows[have - 1].key;
			from = &anchor;
		}
	} while (got == PAGE);
	*out = rows;
	*n = have;
	return 0;
}

/* The rows under a heading of their titles, the record's number first. */
static int print_rows(struct row_source *rs)
{
	if (!rs) {
		fprintf(stderr, "读取失败：内存不足\n");
		return 1;
	}
	struct rs_row *rows;
	int n;
	if (read_all(rs, &rows, &n)) {
		row_source_free(rs);
		return 1;
	}
	int w[RS_MAXCOLS + 1] = { utf8_cols("编号") };
	char id[24];
	for (int c = 0; c < rs->ncols; c++)
		w[c + 1] = utf8_cols(rs->cols[c].title);
	for (int i = 0; i < n; i++) {
		int k = snprintf(id, sizeof id, "%lld", (long long)rows[i].key.id);
		w[0] = k > w[0] ? k : w[0];
		for (int c = 0; c < rs->ncols; c++) {
			int cw = utf8_cols(rows[i].cell[c]);
			w[c + 1] = cw > w[c + 1] ? cw : w[c + 1];
		}
	}
	put_cell("编号", w[0], 0);
	for (int c = 0; c < rs->ncols; c++)
		put_cell(rs->cols[c].title, w[c + 1], c == rs->ncols - 1);
	fputc('\n', stdout);
	for (int i = 0; i < n; i++) {
		snprintf(id, sizeof id, "%lld", (long long)rows[i].key.id);
		put_cell(id, w[0], 0);
		for (int c = 0; c < rs->ncols; c++)
			put_cell(rows[i].cell[c], w[c + 1], c == rs->ncols - 1);
		fputc('\n', stdout);
	}
	printf("共 %d 条\n", n);
	free(rows);
	row_source_free(rs);
	return 0;
}

static int export_batch(struct session *s, int64_t batch, const char *path, int force)
{
	if (cli_may_write(path, force))
		return 1;
	int n = 0;
	if (review_export_csv(s, batch, path, stderr, &n))
		return 1;
	char full[PATH_MAX];
	printf("已导出 %d 条申报记录到 %s\n", n, realpath(path, full) ? full : path);
	return 0;
}

static int print_form(struct session *s, enum review_form form, int64_t app, const char *path,
                      int force)
{
	if (cli_may_write(path, force))
		return 1;
	if (review_form_write(s, app, form, path, stderr))
		return 1;
	printf("已写出到 %s\n", path);
	return 0;
}

/* A batch named by its number, in the operator's scope. */
static int batch_known(struct session *s, int64_t id)
{
	struct review_batch b;
	struct dj_err e;
	if (review_batch_load(s, id, &b, &e) == 0)
		return 1;
	fprintf(stderr, "%s\n", e.msg);
	return 0;
}

int review_cli(struct session *s, int argc, char **argv, int force)
{
	int64_t id = 0;
	if (argc >= 3)
		number(argv[argc == 5 ? 3 : 2], &id);
	if (argc >= 3 && argc <= 4 && !batch_known(s, id))
		return 1;
	if (strcmp(argv[1], "list") == 0)
		return print_rows(argc == 2 ? review_batch_list_source(s, -1)
		                            : review_ledger_source(s, id, NULL));
	if (strcmp(argv[1], "export") == 0)
		return export_batch(s, id, argv[3], force);
	return print_form(s, (enum review_form)form_of(argv[2]), id, argv[4], force);
}
