#include "cli.h"

#include <string.h>
#include <unistd.h>

#include "db.h"
#include "demo.h"
#include "org_csv.h"
#include "session.h"

void cli_usage(FILE *to)
{
	fprintf(to,
	        "用法：dangjian [--config 配置文件] [命令]\n"
	        "\n"
	        "不带命令时启动全屏台账程序。命令：\n"
	        "  init [--demo]              创建数据库（--demo：生成示例乡镇数据）\n"
	        "  import orgs 文件.csv       导入党组织（UTF-8 或 GB18030，中文列名，全部成功或全部不导入）\n"
	        "  export orgs 文件.csv       导出党组织\n"
	        "  check                      检查数据库完整性、外键和业务规则\n"
	        "  backup 文件                在线备份数据库（他人可同时使用）\n"
	        "  --version                  显示版本\n"
	        "  --help                     显示本帮助\n"
	        "\n"
	        "退出码：0 成功；1 数据被拒绝或发现问题；2 用法错误。\n");
}

static int open_session(struct config *c, int create, struct session *s)
{
	struct dj_err e;
	char why[256];
	memset(s, 0, sizeof *s);
	s->cfg = c;
	if (db_open(c, c->db_path, create, &s->db, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	if (session_identify(s, why, sizeof why)) {
		fprintf(stderr, "%s\n", why);
		db_close(s->db);
		return -1;
	}
	return 0;
}

static int writable(struct session *s)
{
	if (db_readonly(s->db)) {
		fprintf(stderr, "数据库由更新版本的程序创建，本程序只能读取，不能修改\n");
		return 0;
	}
	if (s->role == ROLE_VIEWER) {
		fprintf(stderr, "操作员 %s 是只读用户，不能修改数据\n", s->login);
		return 0;
	}
	return 1;
}

static int cmd_init(struct config *c, int argc, char **argv)
{
	int demo = argc == 2 && strcmp(argv[1], "--demo") == 0;
	if (argc > 2 || (argc == 2 && !demo)) {
		cli_usage(stderr);
		return 2;
	}
	int existed = access(c->db_path, F_OK) == 0;
	struct session s;
	if (open_session(c, 1, &s))
		return 1;
	int rc = 0;
	struct dj_err e;
	if (demo && writable(&s) && demo_populate(&s, &e) != 0) {
		fprintf(stderr, "%s\n", e.msg);
		rc = 1;
	} else if (demo && !writable(&s)) {
		rc = 1;
	}
	if (rc == 0)
		printf("%s %s（数据库结构版本 %d）%s\n", existed ? "已打开" : "已创建", c->db_path,
		       db_schema_latest(), demo ? "，已生成示例数据" : "");
	db_close(s.db);
	return rc;
}

static int cmd_import(struct config *c, int argc, char **argv)
{
	if (argc != 3 || strcmp(argv[1], "orgs") != 0) {
		fprintf(stderr, "用法：dangjian import orgs 文件.csv\n");
		return 2;
	}
	struct session s;
	if (open_session(c, 0, &s))
		return 1;
	if (!writable(&s)) {
		db_close(s.db);
		return 1;
	}
	int n = 0, rc = org_import_csv(&s, argv[2], stderr, &n);
	if (rc == 0)
		printf("已导入 %d 个党组织\n", n);
	db_close(s.db);
	return rc;
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && strcmp(s + a - b, tail) == 0;
}

static int cmd_export(struct config *c, int argc, char **argv)
{
	if (argc != 3 || strcmp(argv[1], "orgs") != 0) {
		fprintf(stderr, "用法：dangjian export orgs 文件.csv\n");
		return 2;
	}
	if (!ends_with(argv[2], ".csv") && !ends_with(argv[2], ".CSV")) {
		fprintf(stderr, "导出文件名须以 .csv 结尾：%s\n", argv[2]);
		return 2;
	}
	struct session s;
	if (open_session(c, 0, &s))
		return 1;
	int n = 0, rc = org_export_csv(&s, argv[2], stderr, &n);
	if (rc == 0)
		printf("已导出 %d 个党组织到 %s\n", n, argv[2]);
	db_close(s.db);
	return rc;
}

static int cmd_backup(struct config *c, int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "用法：dangjian backup 文件\n");
		return 2;
	}
	struct session s;
	if (open_session(c, 0, &s))
		return 1;
	struct dj_err e;
	int rc = db_backup(s.db, argv[1], &e);
	if (rc)
		fprintf(stderr, "%s\n", e.msg);
	else
		printf("已备份到 %s\n", argv[1]);
	db_close(s.db);
	return rc ? 1 : 0;
}

static int cmd_check(struct config *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "用法：dangjian check\n");
		return 2;
	}
	struct session s;
	if (open_session(c, 0, &s))
		return 1;
	int problems = cli_check(&s, stdout);
	db_close(s.db);
	return problems ? 1 : 0;
}

int cli_run(struct config *c, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct config *, int, char **);
	} cmds[] = {
		{ "init", cmd_init }, { "import", cmd_import }, { "export", cmd_export },
		{ "backup", cmd_backup }, { "check", cmd_check },
	};
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		if (strcmp(argv[0], cmds[i].name) == 0)
			return cmds[i].run(c, argc, argv);
	fprintf(stderr, "未知命令：%s\n\n", argv[0]);
	cli_usage(stderr);
	return 2;
}
