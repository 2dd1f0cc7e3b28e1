/* stats_pack_cli.c — the two verbs that carry 党内统计 upward: `pack` on the
 * township's server, `merge` on the county's machine, which may have no
 * database of its own (merge reads only the packs). */
#include "cli/stats_pack_cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admin/user_priv.h"
#include "cli/cli.h"
#include "core/csv.h"
#include "core/db.h"
#include "core/validate.h"
#include "stats/stats_pack.h"

#define MERGE_WIDTH 80   /* the terminal the office has */

static int pack_usage(void)
{
	fprintf(stderr, "用法：dangjian stats pack [--as-of 统计截止日期] 文件 [--force]\n"
	                "      （截止日期默认为本年 12 月 31 日）\n");
	return 2;
}

static int merge_usage(void)
{
	fprintf(stderr, "用法：dangjian stats merge [-o 文件.csv|文件.xlsx] 汇总包…  [--force]\n");
	return 2;
}

/* Takes "flag VALUE" out of argv into *value; -1 when the value is missing. */
static int take_value(int *argc, char **argv, const char *flag, const char **value)
{
	int k = 0;
	for (int i = 0; i < *argc; i++) {
		if (i > 0 && strcmp(argv[i], flag) == 0) {
			if (i + 1 >= *argc)
				return -1;
			*value = argv[++i];
		} else {
			argv[k++] = argv[i];
		}
	}
	*argc = k;
	return 0;
}

/* The session pack computes in, opened as every command opens it (the
 * database with the program's group, then who is working). */
static int open_db(struct config *c, struct session *s)
{
	struct dj_err e;
	char why[512];
	memset(s, 0, sizeof *s);
	s->cfg = c;
	priv_raise();
	int failed = db_open(c, c->db_path, 0, &s->db, &e);
	priv_drop();
	if (failed || session_identify(s, why, sizeof why)) {
		cli_refuse(c, failed ? e.msg : why);
		priv_raise();
		db_close(s->db);
		priv_drop();
		return -1;
	}
	return 0;
}

int stats_pack_cli(struct config *c, int argc, char **argv)
{
	int force;
	const char *as_of = "";
	char norm[11], why[WHY_MAX], full[PATH_MAX];
	argc = cli_take_force(argc, argv, &force);
	if (take_value(&argc, argv, "--as-of", &as_of) || argc != 2 || argv[1][0] == '-')
		return pack_usage();
	if (*as_of && valid_date(as_of, norm, why)) {
		fprintf(stderr, "「统计截止日期」%s：%s\n", why, as_of);
		return 2;
	}
	if (cli_may_write(argv[1], force))
		return 1;
	struct session s;
	if (open_db(c, &s))
		return 1;
	struct stats_pack_meta m;
	struct dj_err e;
	int rc = stats_pack_make(&s, argv[1], *as_of ? norm : "", &m, &e);
	priv_raise();
	db_close(s.db);
	priv_drop();
	if (rc) {
		fprintf(stderr, "没有制作汇总包：%s\n", e.msg);
		return 1;
	}
	printf("已制作汇总包 %s：%s，统计截至 %s，校验和 %.16s…\n",
	       realpath(argv[1], full) ? full : argv[1], m.unit, m.as_of, m.checksum);
	return 0;
}

int stats_merge_cli(struct config *c, int argc, char **argv)
{
	(void)c;
	int force;
	const char *out = NULL;
	argc = cli_take_force(argc, argv, &force);
	if (take_value(&argc, argv, "-o", &out) || argc < 2)
		return merge_usage();
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-')
			return merge_usage();
	if (out && !csv_format_for(out) &&
	    (strlen(out) < 4 || strcasecmp(out + strlen(out) - 4, ".csv") != 0)) {
		fprintf(stderr, "汇总结果的文件名须以 .csv 或 .xlsx 结尾：%s\n", out);
		return 2;
	}
	if (out && cli_may_write(out, force))
		return 1;
	struct stats_merge m;
	struct dj_err e;
	if (stats_merge_files((const char *const *)argv + 1, argc - 1, &m, &e)) {
		fprintf(stderr, "没有汇总：%s\n", e.msg);
		return 1;
	}
	stats_merge_print(&m, MERGE_WIDTH, stdout);
	int rc = 0;
	char full[PATH_MAX];
	if (out && stats_merge_export(&m, out, stderr))
		rc = 1;
	else if (out)
		printf("已把 %d 个单位的汇总写到 %s\n", m.nunits, realpath(out, full) ? full : out);
	stats_merge_free(&m);
	return rc;
}
