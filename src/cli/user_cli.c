/* user_cli.c — `dangjian user add|set|del|list` and `dangjian restore`:
 * what an administrator types on the server. */
#include "cli/user_cli.h"

#include <stdio.h>
#include <string.h>

#include "admin/restore.h"
#include "admin/user.h"
#include "cli/hint.h"
#include "core/text.h"

static void usage(void)
{
	fprintf(stderr,
	        "用法：dangjian user list\n"
	        "      dangjian user add 登录名 --role 角色 [--org 组织全称] [--name 姓名]\n"
	        "      dangjian user set 登录名 [--role 角色] [--org 组织全称] [--name 姓名]\n"
	        "      dangjian user del 登录名\n"
	        "角色：admin（管理员）、operator（操作员）、viewer（只读）；\n"
	        "--org 为操作员能修改的组织（含下级），不写或写 \"\" 为全部。\n");
}

/* --role/--org/--name after the login; the ones not given stay as they are. */
static int read_options(int argc, char **argv, struct user *u)
{
	for (int i = 3; i < argc; i += 2) {
		if (i + 1 >= argc)
			return -1;
		char *dest = strcmp(argv[i], "--role") == 0   ? u->role
		             : strcmp(argv[i], "--org") == 0  ? u->org
		             : strcmp(argv[i], "--name") == 0 ? u->display : NULL;
		size_t cap = dest == u->role ? sizeof u->role
		             : dest == u->org ? sizeof u->org : sizeof u->display;
		if (!dest || strlen(argv[i + 1]) >= cap)
			return -1;
		snprintf(dest, cap, "%s", argv[i + 1]);
	}
	return 0;
}

static void describe(const struct user *u, char *out, size_t cap)
{
	snprintf(out, cap, "%s（%s，%s，管辖范围：%s）", u->login, u->display, u->role,
	         *u->org ? u->org : "全部");
}

static int add(struct session *s, int argc, char **argv)
{
	struct user u = { 0 };
	struct dj_err e;
	snprintf(u.login, sizeof u.login, "%s", argv[2]);
	if (read_options(argc, argv, &u) || !*u.role) {
		usage();
		return 2;
	}
	struct user existing;
	if (user_find(s, u.login, &existing, NULL) == 0) {
		fprintf(stderr, "%s 已是本系统的操作员；修改请用 dangjian user set\n", u.login);
		return 1;
	}
	if (user_save(s, &u, &e)) {
		cli_error(e.msg);
		return 1;
	}
	char what[400];
	describe(&u, what, sizeof what);
	if (u.caller_added)
		printf("数据库中原来没有操作员：已先把您（%s）登记为管理员\n", s->login);
	printf("已添加操作员 %s\n", what);
	if (!user_unix_account_exists(u.login))
		fprintf(stderr, "注意：本机还没有系统账号 %s，请用 adduser 创建后再让其登录\n", u.login);
	return 0;
}

static int set(struct session *s, int argc, char **argv)
{
	struct user u;
	struct dj_err e;
	if (user_find(s, argv[2], &u, &e)) {
		cli_error(e.msg);
		return 1;
	}
	if (argc < 5 || read_options(argc, argv, &u)) {
		usage();
		return 2;
	}
	if (user_save(s, &u, &e)) {
		cli_error(e.msg);
		return 1;
	}
	char what[400];
	describe(&u, what, sizeof what);
	printf("已修改操作员 %s\n", what);
	return 0;
}

static int del(struct session *s, char **argv)
{
	struct user u;
	struct dj_err e;
	if (user_find(s, argv[2], &u, &e) || user_delete(s, u.id, u.version, &e)) {
		cli_error(e.msg);
		return 1;
	}
	printf("已删除操作员 %s（其操作日志保留）\n", u.login);
	return 0;
}

static void print_cell(const char *text, int cols)
{
	char cell[256];
	utf8_fit(text, cols, cell, sizeof cell);
	printf("%s ", cell);
}

static int list(struct session *s)
{
	struct dj_err e;
	if (s->role != ROLE_ADMIN) {
		user_may_manage(s, &e);
		cli_error(e.msg);
		return 1;
	}
	struct row_source *rs = user_list_source(s);
	struct rs_row rows[32];
	static const int widths[] = { 16, 12, 6, 30, 16 };
	for (int c = 0; c < 5; c++)
		print_cell(rs->cols[c].title, widths[c]);
	putchar('\n');
	int n, total = 0;
	const struct rs_key *anchor = NULL;
	struct rs_key last;
	while ((n = rs->fetch(rs->ctx, anchor, 1, 32, rows)) > 0) {
		for (int i = 0; i < n; i++, total++) {
			for (int c = 0; c < 5; c++)
				print_cell(rows[i].cell[c], widths[c]);
			putchar('\n');
		}
		last = rows[n - 1].key;
		anchor = &last;
	}
	if (total == 0)
		printf("（还没有操作员：本机用户均以管理员身份使用。请先用 user add 登记自己为管理员）\n");
	int failed = n < 0;
	if (failed)
		fprintf(stderr, "%s\n", rs->last_error(rs->ctx));
	row_source_free(rs);
	return failed;
}

static int list_cmd(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return list(s);
}

static int del_cmd(struct session *s, int argc, char **argv)
{
	(void)argc;
	return del(s, argv);
}

/* user VERB …: the verb and how many words the whole command has. */
static const struct {
	const char *verb;
	int min_argc, max_argc;
	int (*run)(struct session *, int, char **);
} verbs[] = {
	{ "list", 2, 2, list_cmd }, { "add", 3, 64, add }, { "set", 3, 64, set },
	{ "del", 3, 3, del_cmd },
};
enum { NVERBS = sizeof verbs / sizeof *verbs };

const char *user_cli_verb(int i)
{
	return i >= 0 && i < NVERBS ? verbs[i].verb : NULL;
}

int user_cli(struct session *s, int argc, char **argv)
{
	for (int i = 0; s && argc >= 2 && i < NVERBS; i++)
		if (strcmp(argv[1], verbs[i].verb) == 0 && argc >= verbs[i].min_argc &&
		    argc <= verbs[i].max_argc)
			return verbs[i].run(s, argc, argv);
	usage();
	return 2;
}

int restore_cli(struct session *s, const char *from)
{
	struct dj_err e;
	char saved[4200];
	if (db_restore(s, from, saved, sizeof saved, &e)) {
		cli_error(e.msg);
		return 1;
	}
	printf("已从 %s 恢复数据库 %s\n恢复前的数据另存为 %s\n", from, s->cfg->db_path, saved);
	return 0;
}
