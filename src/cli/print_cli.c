/* print_cli.c — `dangjian print letter|signin|minutes|member|grading|honours ID
 * FILE.pdf [--blank] [--force]`: one record's paper form as PDF, written
 * where the operator says with the operator's rights.  Sending it to a
 * printer is the operator's own step (lp -d 打印机 FILE.pdf): the program,
 * setgid on a shared server, starts no other program. */
#include "cli/print_cli.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/session.h"
#include "docs/forms.h"

static const struct {
	const char *word, *alias, *what;
	enum form_kind kind;
} forms[] = {
	{ "letter", "介绍信", "党员组织关系介绍信", FORM_LETTER },
	{ "signin", "签到表", "签到表", FORM_SIGNIN },
	{ "minutes", "会议记录", "会议记录", FORM_MINUTES },
	{ "member", "采集表", "党员信息采集表", FORM_MEMBER },
	{ "grading", "定级台账", "定级台账", FORM_GRADING },
	{ "honours", "表彰汇总", "表彰荣誉汇总表", FORM_HONOURS },
	{ "appraisal", "述职评议", "述职评议结果表", FORM_APPRAISAL },
	{ "bulletin", "通报", "通报", FORM_BULLETIN },
	{ "evaluate", "民主评议", "民主评议党员结果表", FORM_EVALUATE },
	{ "training", "学时登记表", "教育培训学时登记表", FORM_TRAINING },
};
enum { NFORMS = sizeof forms / sizeof *forms };

const char *print_cli_verb(int i)
{
	return i >= 0 && i < NFORMS ? forms[i].word : NULL;
}

static void usage(void)
{
	fprintf(stderr, "用法：dangjian print letter 变动编号 文件.pdf      组织关系介绍信（转出）\n"
	                "      dangjian print signin 会议编号 文件.pdf [--blank]  签到表（--blank：空白待签）\n"
	                "      dangjian print minutes 会议编号 文件.pdf     会议记录\n"
	                "      dangjian print member 党员编号|身份证号 文件.pdf  党员信息采集表\n"
	                "      dangjian print grading 定级轮次编号 文件.pdf  定级台账\n"
	                "      dangjian print honours 年度 文件.pdf         表彰荣誉汇总表\n"
	                "      dangjian print appraisal 述职评议编号 文件.pdf  述职评议结果表\n"
	                "      dangjian print bulletin 通报编号 文件.pdf    通报\n"
	                "      dangjian print evaluate 民主评议编号 文件.pdf  民主评议党员结果表\n"
	                "      dangjian print training 培训编号 文件.pdf    教育培训学时登记表\n"
	                "      另可加 --force（覆盖已有文件）\n");
}

/* Takes a flag word out of argv; 1 when it was there. */
static int take_flag(int *argc, char **argv, const char *flag)
{
	int found = 0, k = 0;
	for (int i = 0; i < *argc; i++) {
		if (i > 0 && strcmp(argv[i], flag) == 0)
			found = 1;
		else
			argv[k++] = argv[i];
	}
	*argc = k;
	return found;
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

static int ends_with_pdf(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && (strcmp(path + n - 4, ".pdf") == 0 || strcmp(path + n - 4, ".PDF") == 0);
}

static int form_of(const char *word)
{
	for (int i = 0; i < NFORMS; i++)
		if (strcmp(word, forms[i].word) == 0 || strcmp(word, forms[i].alias) == 0)
			return i;
	return -1;
}

int print_cli_parse(int argc, char **argv, int force, struct print_args *a)
{
	memset(a, 0, sizeof *a);
	a->force = force;
	a->blank = take_flag(&argc, argv, "--blank");
	a->form = argc == 4 ? form_of(argv[1]) : -1;
	int ok = a->form >= 0 && (!a->blank || forms[a->form].kind == FORM_SIGNIN);
	if (ok && number(argv[2], &a->id)) {
		/* a member may be named by the 身份证号 */
		ok = forms[a->form].kind == FORM_MEMBER && strlen(argv[2]) >= 15;
		a->id_number = argv[2];
	}
	if (!ok) {
		usage();
		return 2;
	}
	a->path = argv[3];
	if (!ends_with_pdf(a->path)) {
		fprintf(stderr, "打印文件名须以 .pdf 结尾：%s\n", a->path);
		return 2;
	}
	return 0;
}

int print_cli_run(struct session *s, const struct print_args *a)
{
	if (cli_may_write(a->path, a->force))
		return 1;
	struct dj_err e;
	int pages = 0;
	int64_t id = a->id;
	if (a->id_number && !(id = form_member_by_id_number(s, a->id_number))) {
		fprintf(stderr, "没有身份证号为 %s 的党员\n", a->id_number);
		return 1;
	}
	if (form_write_pdf(s, forms[a->form].kind, id, a->blank, a->path, &pages, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	char full[PATH_MAX];
	printf("已写出%s（%d 页）到 %s\n", forms[a->form].what, pages,
	       realpath(a->path, full) ? full : a->path);
	return 0;
}
