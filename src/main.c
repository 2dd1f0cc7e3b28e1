/* main.c — arguments; then either a command-line command or the full-screen
 * program. */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "admin/user_priv.h"
#include "cli/cli.h"
#include "core/config.h"
#include "core/db.h"
#include "core/db_queue.h"
#include "core/session.h"
#include "core/text.h"
#include "docs/xlsx_out.h"
#include "screens/common/screens.h"

/* GB18030/GBK terminals draw ambiguous characters (· — “ é) two columns
 * wide, and glibc's wcwidth agrees in those locales; UTF-8 ones one. */
static int default_ambiwidth(void)
{
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ? 1 : 2;
}

/* The full-screen program.  The group is needed to open the database
 * (with its WAL, the writers' lock and the audit key); it is then given up
 * for good before the terminal is set up (user_priv.h), and nothing later
 * needs it: closing keeps the WAL file (priv_give_up), and restore and
 * backup are commands, not screens. */
static int run_screens(struct config *c)
{
	struct session s = { .cfg = c };
	struct dj_err e;
	char why[256], queue[700] = "";
	priv_raise();
	int failed = db_open(c, c->db_path, 0, &s.db, &e);
	priv_drop();
	if (failed) {
		cli_refuse(c, e.msg);
		return 1;
	}
	int rc = 1;
	db_queue_problem(queue, sizeof queue);
	if (session_identify(&s, why, sizeof why)) {
		cli_refuse(c, why);   /* a login not configured sees nothing else */
	} else {
		priv_give_up(s.db);
		rc = screens_run(&s, queue);
	}
	priv_raise();   /* does nothing once given up; after a refusal, closes as it opened */
	db_close(s.db);
	priv_drop();
	return rc;
}

static int show_version(const char *config_path)
{
	printf("dangjian %s（数据库结构版本 %d）\n", DJ_VERSION, db_schema_latest());
	struct config c;
	char why[512], where[2 * PATH_MAX + 128];
	config_path = priv_config_path(config_path, why, sizeof why);
	if (*why)
		printf("%s\n", why);
	if (config_load(&c, config_path, why, sizeof why)) {
		printf("%s\n", why);
		return 2;
	}
	cli_where(&c, where, sizeof where);
	printf("%s\n", where);
	config_free(&c);
	return 0;
}

int main(int argc, char **argv)
{
	/* Installed setgid: a reduced environment, and the group let go of
	 * before anything else runs (user_priv.h). */
	priv_start();
	/* The terminal's locale decides how we talk to it (UTF-8 or GB18030);
	 * the data itself is always UTF-8. */
	setlocale(LC_ALL, "");
	xlsx_out_install();   /* exports to FILE.xlsx: the core's writer dispatches on the name */
	const char *config_path = NULL;
	int i = 1;
	if (i < argc && strcmp(argv[i], "--config") == 0) {
		if (i + 1 >= argc) {
			fprintf(stderr, "--config 后面需要配置文件路径\n");
			return 2;
		}
		config_path = argv[i + 1];
		i += 2;
	}
	if (i < argc && strcmp(argv[i], "--version") == 0)
		return show_version(config_path);
	if (i < argc && (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)) {
		cli_usage(stdout);
		return 0;
	}
	struct config c;
	char why[512];
	config_path = priv_config_path(config_path, why, sizeof why);
	if (*why)
		fprintf(stderr, "%s\n", why);
	if (config_load(&c, config_path, why, sizeof why)) {
		fprintf(stderr, "%s\n", why);
		return 2;
	}
	if (priv_setgid() && c.db_path[0] != '/') {   /* never a file relative to where one stands */
		snprintf(why, sizeof why, "配置文件 %s 中 [database] path 须为绝对路径（现为 %s），请联系管理员",
		         PRIV_SYSTEM_CONFIG, c.db_path);
		cli_refuse(&c, why);
		config_free(&c);
		return 2;
	}
	text_set_ambiwidth(c.ambiwidth ? c.ambiwidth : default_ambiwidth());
	int rc = i < argc ? cli_run(&c, argc - i, argv + i) : run_screens(&c);
	config_free(&c);
	pinyin_shutdown();
	return rc;
}
