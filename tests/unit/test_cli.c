/* The command line in its own words: no message written for the screens
 * tells a command-line user to press a key, and --help (and the man page)
 * name every command cli_run knows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/hint.h"
#include "core/config.h"
#include "srctree.h"

struct cli_env {
	char dir[64];
	struct config cfg;
};

static int setup(void **state)
{
	struct cli_env *t = calloc(1, sizeof *t);
	snprintf(t->dir, sizeof t->dir, "/tmp/djcli.XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	config_defaults(&t->cfg);
	snprintf(t->cfg.db_path, sizeof t->cfg.db_path, "%s/t.db", t->dir);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct cli_env *t = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	int rc = system(cmd);
	free(t);
	return rc == 0 ? 0 : -1;
}

/* Runs a command with its stderr (and stdout) caught in out. */
static int run(struct cli_env *t, char *out, size_t cap, const char *const *args)
{
	char *argv[16];
	int argc = 0;
	while (args[argc] && argc < 15) {
		argv[argc] = (char *)args[argc];
		argc++;
	}
	argv[argc] = NULL;
	char path[128];
	snprintf(path, sizeof path, "%s/out.txt", t->dir);
	fflush(stdout);
	fflush(stderr);
	int saved_err = dup(2), saved_out = dup(1);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	dup2(fd, 1);
	close(fd);
	int rc = cli_run(&t->cfg, argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_err, 2);
	dup2(saved_out, 1);
	close(saved_err);
	close(saved_out);
	FILE *in = fopen(path, "r");
	size_t n = fread(out, 1, cap - 1, in);
	out[n] = 0;
	fclose(in);
	return rc;
}

static void write_file(struct cli_env *t, const char *name, const char *text, char *path,
                       size_t cap)
{
	snprintf(path, cap, "%s/%s", t->dir, name);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

/* "F4", "F9" … anywhere in text. */
static int names_a_key(const char *text)
{
	for (const char *p = text; (p = strchr(p, 'F')) != NULL; p++)
		if (p[1] >= '0' && p[1] <= '9')
			return 1;
	return strstr(text, "Esc") || strstr(text, "回车");
}

static void no_key_in(const char *out)
{
	if (names_a_key(out))
		fail_msg("the command line was told to press a key:\n%s", out);
}

/* Imports and the user commands meet every rule that ends in （按 F4 选择）
 * on a form: they say what to type instead. */
static void refusals_say_what_to_type(void **state)
{
	struct cli_env *t = *state;
	char out[16384], orgs[160], bad_orgs[160], bad_members[160];
	const char *const init[] = { "init", NULL };
	assert_int_equal(run(t, out, sizeof out, init), 0);
	write_file(t, "orgs.csv", "党组织名称,类型,类别,上级组织\n"
	           "中共驿亭镇委员会,党委,机关,\n五夫村党总支,党总支,农村,中共驿亭镇委员会\n"
	           "五夫村第一党支部,党支部,农村,五夫村党总支\n", orgs, sizeof orgs);
	const char *const import_orgs[] = { "import", "orgs", orgs, NULL };
	assert_int_equal(run(t, out, sizeof out, import_orgs), 0);

	write_file(t, "bad_orgs.csv", "党组织名称,类型,类别,上级组织\n"
	           "甲村党支部,党支部,农村,\n乙村党支部,党支部,农村,无此组织\n"
	           "丙村党支部,党支部,农田,中共驿亭镇委员会\n", bad_orgs, sizeof bad_orgs);
	const char *const import_bad_orgs[] = { "import", "orgs", bad_orgs, NULL };
	assert_int_equal(run(t, out, sizeof out, import_bad_orgs), 1);
	no_key_in(out);
	assert_non_null(strstr(out, "第 2 行「上级组织」"));
	assert_non_null(strstr(out, "dangjian export orgs"));
	assert_non_null(strstr(out, "（可填：农村、社区、机关"));

	write_file(t, "bad_members.csv", "姓名,性别,人员类别,入党日期,转正日期,出生日期,民族,所在党组织\n"
	           "张一,男,正式党员,2010-01-01,2011-01-01,1980-01-01,汉族,\n"
	           "张二,男,正式党员,2010-01-01,2011-01-01,1980-01-01,汉族,无此支部\n"
	           "张三,男,正式党员,2010-01-01,2011-01-01,1980-01-01,汉族,五夫村党总支\n"
	           "张四,男,正式党员,2010-01-01,2011-01-01,1980-01-01,火星,五夫村第一党支部\n",
	           bad_members, sizeof bad_members);
	const char *const import_bad_members[] = { "import", "members", bad_members, NULL };
	assert_int_equal(run(t, out, sizeof out, import_bad_members), 1);
	no_key_in(out);
	assert_non_null(strstr(out, "第 3 行「所在党组织」值「无此支部」"));
	assert_non_null(strstr(out, "填写所在党支部的全称"));
	assert_non_null(strstr(out, "第 5 行「民族」值「火星」"));
	assert_non_null(strstr(out, "（可填：汉族、蒙古族、回族"));

	const char *const add[] = { "user", "add", "zhangsan", "--role", "operator", "--org", "无此组织",
	                            NULL };
	assert_int_equal(run(t, out, sizeof out, add), 1);
	no_key_in(out);
	assert_non_null(strstr(out, "--org 填写党组织的全称"));
	const char *const add_ok[] = { "user", "add", "zhangsan", "--role", "operator", NULL };
	assert_int_equal(run(t, out, sizeof out, add_ok), 0);
	const char *const no_role[] = { "user", "set", "zhangsan", "--role", "", NULL };
	assert_int_equal(run(t, out, sizeof out, no_role), 1);
	no_key_in(out);
	assert_non_null(strstr(out, "--role 可填 admin"));
}

struct leaks {
	char found[2048];
	int literals;
};

/* Each string literal of a line with a key name, through cli_plain. */
static void scan_line(const char *path, int no, const char *line, struct leaks *l)
{
	for (const char *p = strchr(line, '"'); p; p = strchr(p + 1, '"')) {
		const char *end = strchr(p + 1, '"');
		if (!end)
			return;
		char literal[512], plain[2048];
		snprintf(literal, sizeof literal, "%.*s", (int)(end - p - 1), p + 1);
		if (names_a_key(literal)) {
			l->literals++;
			cli_plain(literal, plain, sizeof plain);
			size_t n = strlen(l->found);
			if (names_a_key(plain) && n < sizeof l->found)
				snprintf(l->found + n, sizeof l->found - n, "%s:%d: %s\n", path, no, plain);
		}
		p = end;
	}
}

static void scan_file(const char *path, void *ctx)
{
	if (strncmp(path, "src/tui/", 8) == 0)   /* the toolkit speaks only to the screen */
		return;
	FILE *f = fopen(path, "r");
	char line[1024];
	int no = 0, in_comment = 0;
	while (f && fgets(line, sizeof line, f)) {
		no++;
		const char *code = line + strspn(line, " \t");
		if (in_comment || strncmp(code, "/*", 2) == 0 || *code == '*')
			in_comment = !strstr(code, "*/");
		else
			scan_line(path, no, line, ctx);
	}
	if (f)
		fclose(f);
}

/* Every message in src/ that names a key is one the command line can
 * rephrase: a new one cannot reach a command-line user unnoticed. */
static void no_message_in_src_leaks_a_key(void **state)
{
	(void)state;
	struct leaks l = { "", 0 };
	assert_true(srctree_walk("src", scan_file, &l) > 80);
	assert_true(l.literals >= 20);
	assert_string_equal(l.found, "");
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot read %s", path);
	static char text[262144];
	size_t n = fread(text, 1, sizeof text - 1, f);
	text[n] = 0;
	fclose(f);
	return text;
}

/* --help has a line for each command cli_run takes; the man page and the
 * README's 命令行 section name each one too. */
/* The number that starts the line holding `needle` in a listing. */
static long long number_of_line(const char *out, const char *needle)
{
	const char *hit = strstr(out, needle);
	if (!hit)
		return 0;
	while (hit > out && hit[-1] != '\n')
		hit--;
	long long n = 0;
	return sscanf(hit, "%lld", &n) == 1 ? n : 0;
}

/* `review`: the batches, one batch's applications with who is late, its
 * ledger as CSV and a form to print, on the demo; bad numbers and forms
 * refused with the usage. */
static void review_lists_exports_and_prints(void **state)
{
	struct cli_env *t = *state;
	static char out[65536];
	setenv("DJ_TODAY", "2026-12-03", 1);
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "init", "--demo", NULL }), 0);
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "review", "list", NULL }), 0);
	assert_non_null(strstr(out, "学年党支部工作“立项活动”"));
	assert_non_null(strstr(out, "样板支部培育创建"));
	char batch[24], app[24], csv[160], txt[160];
	long long b = number_of_line(out, "立项活动");
	assert_true(b > 0);
	snprintf(batch, sizeof batch, "%lld", b);
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "review", "list", batch, NULL }), 0);
	assert_non_null(strstr(out, "“𠮷祥联桥”党建品牌创建"));
	assert_non_null(strstr(out, "优秀成果"));
	assert_non_null(strstr(out, "逾期"));
	long long a = number_of_line(out, "𠮷祥联桥");
	assert_true(a > 0);
	snprintf(app, sizeof app, "%lld", a);

	snprintf(csv, sizeof csv, "%s/立项.csv", t->dir);
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "review", "export", batch, csv, NULL }), 0);
	assert_non_null(strstr(out, "已导出 8 条申报记录"));
	/* a second time the file is there: refused without --force */
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "review", "export", batch, csv, NULL }), 1);
	assert_non_null(strstr(out, "--force"));
	assert_int_equal(run(t, out, sizeof out,
	                     (const char *[]){ "review", "export", batch, csv, "--force", NULL }), 0);

	snprintf(txt, sizeof txt, "%s/验收.txt", t->dir);
	assert_int_equal(run(t, out, sizeof out,
	                     (const char *[]){ "review", "print", "验收评审表", app, txt, NULL }), 0);
	FILE *f = fopen(txt, "r");
	assert_non_null(f);
	size_t n = fread(out, 1, sizeof out - 1, f);
	out[n] = 0;
	fclose(f);
	assert_non_null(strstr(out, "验收评审表"));
	assert_non_null(strstr(out, "陈狄龙"));
	assert_non_null(strstr(out, "总评"));

	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "review", "list", "99999", NULL }), 1);
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "review", "list", "x", NULL }), 2);
	assert_non_null(strstr(out, "用法"));
	assert_int_equal(run(t, out, sizeof out,
	                     (const char *[]){ "review", "print", "介绍信", app, txt, NULL }), 2);
	unsetenv("DJ_TODAY");
}

/* `stats pack` and `stats merge` are verbs of the stats command as typed:
 * a township's pack merges to its own figures, and the same pack given
 * again (copied under another name) is refused as sent twice. */
static void stats_pack_and_merge_from_the_command_line(void **state)
{
	struct cli_env *t = *state;
	static char out[65536];
	char pack[128], copy[128], cmd[300];
	setenv("DJ_TODAY", "2026-12-03", 1);
	snprintf(pack, sizeof pack, "%s/驿亭镇.djpack", t->dir);
	snprintf(copy, sizeof copy, "%s/again.djpack", t->dir);
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "init", "--demo", NULL }), 0);
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "stats", "pack", pack, NULL }), 0);
	assert_non_null(strstr(out, "已制作汇总包"));
	assert_non_null(strstr(out, "统计截至 2026-12-31"));
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "stats", "merge", pack, NULL }), 0);
	assert_non_null(strstr(out, "合计"));
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", pack, copy);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "stats", "merge", pack, copy, NULL }), 1);
	assert_non_null(strstr(out, "没有汇总"));
	assert_int_equal(run(t, out, sizeof out, (const char *[]){ "stats", "pack", NULL }), 2);
	unsetenv("DJ_TODAY");
}

static void help_and_man_page_name_every_command(void **state)
{
	(void)state;
	char names[64][32];
	int n = cli_command_names(names, 64);
	assert_true(n >= 18);
	char *help = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&help, &len);
	cli_usage(f);
	fclose(f);
	const char *man = read_text("man/dangjian.1");
	char missing[2048] = "";
	for (int i = 0; i < n; i++) {
		char line[48];
		snprintf(line, sizeof line, "\n  %s ", names[i]);
		size_t m = strlen(missing);
		if (!strstr(help, line) && !(snprintf(line, sizeof line, "\n  %s\n", names[i]) &&
		                             strstr(help, line)))
			snprintf(missing + m, sizeof missing - m, "--help: %s\n", names[i]);
		m = strlen(missing);
		snprintf(line, sizeof line, "\\fB%s", names[i]);
		if (!strstr(man, line))
			snprintf(missing + m, sizeof missing - m, "man/dangjian.1: \\fB%s\n", names[i]);
	}
	const char *readme = read_text("README.md");
	for (int i = 0; i < n; i++) {
		char line[48];
		snprintf(line, sizeof line, "\ndangjian %s", names[i]);
		size_t m = strlen(missing);
		if (!strstr(readme, line))
			snprintf(missing + m, sizeof missing - m, "README.md: dangjian %s\n", names[i]);
	}
	free(help);
	assert_string_equal(missing, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(refusals_say_what_to_type, setup, teardown),
		cmocka_unit_test(no_message_in_src_leaks_a_key),
		cmocka_unit_test(help_and_man_page_name_every_command),
		cmocka_unit_test_setup_teardown(stats_pack_and_merge_from_the_command_line, setup, teardown),
		cmocka_unit_test_setup_teardown(review_lists_exports_and_prints, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
