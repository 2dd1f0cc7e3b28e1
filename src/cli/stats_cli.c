/* stats_cli.c — `dangjian stats TABLE …`: a 党内统计 table to CSV or xlsx
 * for a script or a mail to the level above, the same file the screen's
 * export writes. */
#include "cli/stats_cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/csv.h"
#include "org/org.h"
#include "stats/stats.h"

static void usage(void)
{
	fprintf(stderr, "用法：dangjian stats 表名 [--as-of 截止日期] [--org 组织全称] 文件.csv|文件.xlsx"
	                " [--force]\n表名：");
	for (int i = 0; i < stats_ndefs; i++)
		fprintf(stderr, "%s%s（%s）", i ? "、" : "", stats_defs[i].key, stats_defs[i].name);
	fprintf(stderr, "\n");
}

static int bad(const char *fmt, const char *what)
{
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	usage();
	return 2;
}

static int tabular(const char *path)
{
	size_t n = strlen(path);
	return (n > 4 && strcasecmp(path + n - 4, ".csv") == 0) || csv_format_for(path);
}

int stats_cli_parse(int argc, char **argv, int force, struct stats_args *a)
{
	memset(a, 0, sizeof *a);
	a->as_of = "";
	a->force = force;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--as-of") == 0 || strcmp(argv[i], "--org") == 0) {
			if (i + 1 >= argc)
				return bad("%s 后缺少取值", argv[i]);
			*(argv[i][2] == 'a' ? &a->as_of : &a->org) = argv[i + 1];
			i++;
		} else if (!a->table) {
			const struct stats_def *d = stats_def_find(argv[i]);
			if (!d)
				return bad("没有这张统计表：%s", argv[i]);
			a->table = d->key;
		} else if (!a->path) {
			a->path = argv[i];
		} else {
			return bad("多余的参数：%s", argv[i]);
		}
	}
	if (!a->table)
		return bad("%s缺少表名", "");
	if (!a->path)
		return bad("%s缺少输出文件名", "");
	if (!tabular(a->path))
		return bad("输出文件应以 .csv 或 .xlsx 结尾：%s", a->path);
	return 0;
}

/* The reconciliation of the change table, said on stderr when it fails. */
static int check(struct session *s, const struct stats_when *w)
{
	struct stats_recon r;
	struct dj_err e;
	char why[4096];
	if (stats_reconcile(s, w, &r, why, sizeof why, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	if (r.ok)
		return 0;
	fprintf(stderr, "核对不平：上年末 %ld + 增加 %ld − 减少 %ld ≠ 本年末 %ld。以下党员的变动记录与状态不符：\n%s",
	        r.start, r.added, r.removed, r.end, why);
	return 1;
}

int stats_cli_run(struct session *s, const struct stats_args *a)
{
	struct dj_err e;
	int64_t root = 0;
	if (a->org && org_find_by_name(s, a->org, &root)) {
		fprintf(stderr, "没有这个党组织：%s\n", a->org);
		return 1;
	}
	struct stats_when w;
	if (stats_when_set(&w, root, a->as_of, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	if (cli_may_write(a->path, a->force))
		return 1;
	struct stats_table *t = malloc(sizeof *t);
	if (!t) {
		fprintf(stderr, "内存不足\n");
		return 1;
	}
	int rc = 1;
	if (stats_compute(s, a->table, &w, t, &e)) {
		fprintf(stderr, "%s\n", e.msg);
	} else {
		struct stats_sign sign;
		stats_sign_fill(s, &w, &sign);
		if (stats_export(t, sign.unit, &w, &sign, a->path, stderr) == 0) {
			char full[PATH_MAX];
			printf("已导出%s（截止 %s）到 %s\n", t->name, w.as_of,
			       realpath(a->path, full) ? full : a->path);
			rc = strcmp(t->key, "change") == 0 ? check(s, &w) : 0;
		}
	}
	free(t);
	return rc;
}
