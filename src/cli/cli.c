#include "cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin/audit.h"
#include "admin/user.h"
#include "admin/user_priv.h"
#include "appraise/appraise.h"
#include "evaluate/evaluate.h"
#include "bulletin/bulletin.h"
#include "care/care.h"
#include "cli/hint.h"
#include "cli/print_cli.h"
#include "cli/review_cli.h"
#include "cli/stats_cli.h"
#include "cli/stats_pack_cli.h"
#include "cli/user_cli.h"
#include "core/csv.h"
#include "core/db.h"
#include "core/db_queue.h"
#include "core/db_wait.h"
#include "core/csv_table.h"
#include "core/outfile.h"
#include "core/session.h"
#include "core/validate.h"
#include "demo/demo.h"
#include "grading/grading.h"
#include "grading/rectify.h"
#include "honour/honour.h"
#include "showcase/showcase.h"
#include "supervise/supervise.h"
#include "todo/todo.h"
#include "plan/plan.h"
#include "honour/nominate.h"
#include "member/member.h"
#include "org/csv.h"
#include "orglife/dues.h"
#include "orglife/meeting.h"
#include "training/training.h"

/* Every command line cli_run takes has a line here: tests/unit/test_cli.c
 * holds this text, and man/dangjian.1, to the tables below. */
void cli_usage(FILE *to)
{
	fprintf(to,
	        "用法：dangjian [--config 配置文件] [命令]\n"
	        "\n"
	        "不带命令时启动全屏台账程序。命令：\n"
	        "  init [--demo]                 创建数据库（--demo：生成示例乡镇数据）\n"
	        "  import orgs 文件.csv|.xlsx    导入党组织（全部成功或全部不导入）\n"
	        "  import members 文件.csv|.xlsx 导入党员名册（全部成功或全部不导入）\n"
	        "        [--sheet 工作表名]       .xlsx 读哪一个工作表（默认第一个）\n"
	        "  export orgs 文件.csv          导出党组织\n"
	        "  export members 文件.csv       导出全部党员（含各种状态），可再导入\n"
	        "  export meetings 文件.csv      导出会议台账（应到、实到、请假缺席、会议记录）\n"
	        "  export dues 文件.csv          导出党费；文件名含月份时只导出该月\n"
	        "                                （如 党费-2026-10.csv、dues202610.csv）\n"
	        "  export grading 文件.csv       导出定级台账（各轮评分、等次、升降）\n"
	        "  export rectify 文件.csv       导出整改台账\n"
	        "  export receipts 文件.csv      导出介绍信回执台账（待退回、逾期、已退回）\n"
	        "  export honours 文件.csv       导出表彰荣誉台账（称号、级别、批准机关、文号、撤销）\n"
	        "  export showcase-posts 文件.csv  导出党员示范岗台账（承诺、历年考核、记录数）\n"
	        "  export showcase-dorms 文件.csv  导出党员示范寝室台账（成员、检查评比得分）\n"
	        "  export showcase-points 文件.csv 导出党建示范点台账（级别、历年检查）\n"
	        "  export appraisal [年度] 文件.csv 导出述职评议结果（票数、好和较好占比、等次）\n"
	        "  export bulletins 文件.csv      导出已保存的通报\n"
	        "  export evaluations 文件.csv    导出民主评议党员结果（自评、得票、结果、不合格处置）\n"
	        "  export training 文件.csv       导出本年度学时台账（培训、会议学时，已完成、目标、差额）\n"
	        "  export plan-tasks 文件.csv      导出工作计划任务台账（责任人、期限、状态、支部分解）\n"
	        "  export nominations 文件.csv   导出表彰推荐（各次评选的推荐、理由、审核、异议）\n"
	        "  export reports 文件.csv       导出工作汇报；文件名含期间时导出该期的报送台账\n"
	        "                                （已报、未报、逾期，如 月报-2026-10.csv）\n"
	        "  export inspections 文件.csv   导出督导检查（被检查党组织、发现、整改要求和情况）\n"
	        "  export visits 文件.csv        导出联系点走访记录\n"
	        "  export care-visits 文件.csv   导出关怀帮扶的慰问记录\n"
	        "  export care-unvisited 文件.csv 导出本年未慰问的关怀对象\n"
	        "  export care-list 文件.csv     导出七一慰问名单；文件名含“春节”时为春节名单，\n"
	        "                                含日期或年份时为该日或该年（如 春节-2027.xlsx）\n"
	        "  export audit 文件.csv         导出全部操作日志（管理员）\n"
	        "  export users 文件.csv         导出操作员名单（管理员）\n"
	        "                                （导出的文件名以 .xlsx 结尾时写成 Excel 表格）\n"
	        "  review list [批次编号]        列出立项、创建批次；给出批次编号时列出其中的申报，\n"
	        "                                含状态、下一节点和逾期\n"
	        "  review export 批次编号 文件.csv\n"
	        "                                导出一个批次的台账（经费、总评、各评审专家的分数）\n"
	        "  review print 表名 申报编号 文件.txt\n"
	        "                                写出申报的纸质表格：申报表（创建为申报书）、\n"
	        "                                中期检查表、验收评审表\n"
	        "  print letter 变动编号 文件.pdf 打印党员组织关系介绍信（转出；存根、介绍信、回执）\n"
	        "  print signin 会议编号 文件.pdf [--blank]\n"
	        "                                打印签到表（--blank：空白，带签名栏）\n"
	        "  print minutes 会议编号 文件.pdf\n"
	        "                                打印会议记录\n"
	        "  print member 党员编号|身份证号 文件.pdf\n"
	        "                                打印党员信息采集表\n"
	        "  print grading 轮次编号 文件.pdf\n"
	        "                                打印定级台账\n"
	        "  print appraisal 述职评议编号 文件.pdf\n"
	        "                                打印述职评议结果表\n"
	        "  print bulletin 通报编号 文件.pdf\n"
	        "                                打印通报\n"
	        "  print evaluate 民主评议编号 文件.pdf\n"
	        "                                打印民主评议党员结果表\n"
	        "  print training 培训编号 文件.pdf\n"
	        "                                打印教育培训学时登记表\n"
	        "  print honours 年度 文件.pdf\n"
	        "                                打印表彰荣誉汇总表（print 均可加 --force 覆盖已有文件）\n"
	        "  stats 表名 [--as-of 截止日期] [--org 组织全称] 文件.csv|.xlsx\n"
	        "                                导出党内统计表（党员基本情况 basic、党员增减 change、\n"
	        "                                发展党员 develop、预备党员转正 confirm、出党情况 exit、\n"
	        "                                基层组织 orgs、党内表彰 honours），默认截至本年 12-31；\n"
	        "                                党员增减核对不平时列出有关党员，退出码 1\n"
	        "  stats pack [--as-of 截止日期] 文件\n"
	        "                                把全库的各张党内统计表做成汇总包，报上级\n"
	        "  stats merge [-o 文件.csv|.xlsx] 汇总包…\n"
	        "                                合计下级各单位的汇总包：每个单位一行和合计；\n"
	        "                                损坏、重复报送、年度不同或本身核对不平的包一律拒收\n"
	        "  todo [--ahead 天数] [文件.csv|.xlsx]\n"
	        "                                列出权限范围内逾期和即将到期的待办事项（默认\n"
	        "                                [todo] ahead_days 天内）；给出文件名时导出\n"
	        "  check                         检查数据库完整性、外键和业务规则\n"
	        "  backup 文件                   在线备份数据库（他人可同时使用；管理员）\n"
	        "  restore 文件                  用备份恢复数据库（管理员；须其他人都已退出）\n"
	        "  user list                     列出操作员（管理员）\n"
	        "  user add 登录名 --role 角色 [--org 组织全称] [--name 姓名]\n"
	        "                                登记操作员（管理员）\n"
	        "  user set 登录名 [--role 角色] [--org 组织全称] [--name 姓名]\n"
	        "                                修改操作员的角色、管辖范围或姓名（管理员）\n"
	        "  user del 登录名               删除操作员，其操作日志保留（管理员）\n"
	        "  --version                     显示版本\n"
	        "  --help                        显示本帮助\n"
	        "\n"
	        "CSV 文件为 UTF-8（可带 BOM）或 GB18030，第一行为中文列名。\n"
	        "导出的文件只有本人可读写（0600）；文件已存在时拒绝，加 --force 才覆盖，\n"
	        "符号链接一律拒绝。\n"
	        "角色：admin（管理员）、operator（操作员）、viewer（只读）。\n"
	        "退出码：0 成功；1 数据被拒绝或发现问题；2 用法错误。\n"
	        "详见 man dangjian 和 docs/使用手册.md。\n");
}

/* name as given when absolute, else the current directory before it. */
static void absolute(const char *name, char *out, size_t cap)
{
	char cwd[PATH_MAX];
	if (name[0] == '/' || !getcwd(cwd, sizeof cwd))
		snprintf(out, cap, "%s", name);
	else
		snprintf(out, cap, "%s/%s", strcmp(cwd, "/") == 0 ? "" : cwd,
		         strncmp(name, "./", 2) == 0 ? name + 2 : name);
}

void cli_where(const struct config *c, char *out, size_t cap)
{
	char ini[PATH_MAX + 8], db[PATH_MAX + 8];
	absolute(c->db_path, db, sizeof db);
	if (c->path[0])
		absolute(c->path, ini, sizeof ini);
	else
		snprintf(ini, sizeof ini, "无（当前目录没有 dangjian.ini，也没有 /etc/dangjian/dangjian.ini，用默认设置）");
	snprintf(out, cap, "配置文件：%s；数据库：%s", ini, db);
}

void cli_refuse(const struct config *c, const char *msg)
{
	char where[2 * PATH_MAX + 128];
	cli_where(c, where, sizeof where);
	fprintf(stderr, "%s\n%s\n", msg, where);
}

/* Installed setgid, the program holds its group only while it opens or
 * closes the database (user_priv.h). */
static void close_session(struct session *s)
{
	priv_raise();
	db_close(s->db);
	priv_drop();
}

static int open_session(struct config *c, int create, struct session *s)
{
	struct dj_err e;
	char why[700];
	memset(s, 0, sizeof *s);
	s->cfg = c;
	priv_raise();
	int failed = db_open(c, c->db_path, create, &s->db, &e);
	priv_drop();
	if (failed) {
		cli_refuse(c, e.msg);
		return -1;
	}
	if (db_queue_problem(why, sizeof why))
		fprintf(stderr, "%s\n", why);
	if (session_identify(s, why, sizeof why)) {
		cli_refuse(c, why);
		close_session(s);
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
	close_session(&s);
	return rc;
}

/* Ledgers that import and export CSV.  import: all or nothing, a report line
 * per problem, 0/1/2 as the CLI's exit codes; export may be NULL. */
struct ledger_io {
	const char *name;      /* the word after import/export */
	const char *what;      /* 党组织 */
	int (*import)(struct session *s, const char *path, FILE *report, int *imported);
	int (*export)(struct session *s, const char *path, FILE *report, int *exported);
};

static const struct ledger_io ledgers[] = {
	{ "orgs", "党组织", org_import_csv, org_export_csv },
	{ "members", "党员", member_import_csv, member_export_csv },
	{ "audit", "操作日志", NULL, audit_export_csv },
	{ "users", "操作员", NULL, user_export_csv },
	{ "meetings", "会议", NULL, meeting_export_csv },
	{ "dues", "党费", NULL, dues_export_csv },   /* a month in the file name: that month only */
	{ "grading", "定级台账", NULL, grading_export_csv },   /* every round in scope */
	{ "rectify", "整改台账", NULL, rectify_export_csv },
	{ "receipts", "回执台账", NULL, member_receipt_export },
	{ "honours", "荣誉台账", NULL, honour_export_all },
	{ "showcase-posts", "党员示范岗台账", NULL, showcase_post_export },
	{ "showcase-dorms", "党员示范寝室台账", NULL, showcase_dorm_export },
	{ "showcase-points", "党建示范点台账", NULL, showcase_point_export },
	{ "nominations", "表彰推荐", NULL, nominate_export_all },
	{ "reports", "工作汇报", NULL, sup_report_export_cli },   /* a period in the name: its ledger */
	{ "inspections", "督导检查", NULL, sup_inspection_export },
	{ "visits", "联系点走访", NULL, sup_visit_export },
	{ "care-visits", "慰问记录", NULL, care_visit_export },
	{ "care-unvisited", "本年未慰问", NULL, care_unvisited_export_cli },
	{ "care-list", "慰问名单", NULL, care_list_export_cli },   /* 春节 and a date or year in the name */
	{ "appraisal", "述职评议", NULL, appraise_export_all },   /* [年度] before the file: that year */
	{ "bulletins", "通报", NULL, bulletin_export_csv },
	{ "evaluations", "民主评议党员", NULL, evaluate_export_all },
	{ "plan-tasks", "任务台账", NULL, plan_task_export_all },
	{ "training", "学时台账", NULL, training_export_all },   /* this year's, the operator's scope */
};

static const struct ledger_io *find_ledger(const char *name, int exporting)
{
	for (size_t i = 0; i < sizeof ledgers / sizeof *ledgers; i++)
		if (strcmp(ledgers[i].name, name) == 0 &&
		    (exporting ? ledgers[i].export != NULL : ledgers[i].import != NULL))
			return &ledgers[i];
	return NULL;
}

static void ledger_usage(const char *verb, int exporting)
{
	fprintf(stderr, "用法：dangjian %s 台账 %s，台账为：", verb,
	        exporting ? "文件.csv 或 文件.xlsx" : "文件.csv");
	for (size_t i = 0; i < sizeof ledgers / sizeof *ledgers; i++)
		if (exporting ? ledgers[i].export != NULL : ledgers[i].import != NULL)
			fprintf(stderr, " %s（%s）", ledgers[i].name, ledgers[i].what);
	fputc('\n', stderr);
}

/* Takes "--sheet NAME" (or --sheet=NAME) out of argv; returns the new argc,
 * -1 when --sheet has no name. */
static int take_sheet(int argc, char **argv, const char **sheet)
{
	int n = 0;
	*sheet = NULL;
	for (int i = 0; i < argc; i++) {
		if (i > 0 && strcmp(argv[i], "--sheet") == 0) {
			if (i + 1 >= argc || !*argv[i + 1])
				return -1;
			*sheet = argv[++i];
		} else if (i > 0 && strncmp(argv[i], "--sheet=", 8) == 0 && argv[i][8]) {
			*sheet = argv[i] + 8;
		} else {
			argv[n++] = argv[i];
		}
	}
	return n;
}

static int cmd_import(struct config *c, int argc, char **argv)
{
	const char *sheet;
	argc = take_sheet(argc, argv, &sheet);
	const struct ledger_io *l = argc == 3 ? find_ledger(argv[1], 0) : NULL;
	if (!l) {
		ledger_usage("import", 0);
		return 2;
	}
	struct session s;
	if (open_session(c, 0, &s))
		return 1;
	if (!writable(&s)) {
		close_session(&s);
		return 1;
	}
	/* The report is gathered, then written in the command line's words. */
	char *text = NULL;
	size_t len = 0;
	FILE *report = open_memstream(&text, &len);
	const struct csv_import_opts opts = { .sheet = sheet };
	s.import = &opts;
	int n = 0, rc = l->import(&s, argv[2], report ? report : stderr, &n);
	if (report) {
		fclose(report);
		cli_plain_lines(stderr, text);
		free(text);
	}
	if (rc == 0)
		printf("已导入 %d 条%s记录\n", n, l->what);
	close_session(&s);
	return rc;
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && strcmp(s + a - b, tail) == 0;
}

int cli_take_force(int argc, char **argv, int *force)
{
	int n = 0;
	*force = 0;
	for (int i = 0; i < argc; i++)
		if (i > 0 && (strcmp(argv[i], "--force") == 0 || strcmp(argv[i], "覆盖") == 0))
			*force = 1;
		else
			argv[n++] = argv[i];
	return n;
}

int cli_may_write(const char *path, int force)
{
	char why[512];
	enum outfile_target at = outfile_target(path, why, sizeof why);
	if (at == OUTFILE_REFUSED || (at == OUTFILE_EXISTS && !force)) {
		if (at == OUTFILE_EXISTS)
			fprintf(stderr, "文件 %s 已存在：没有导出。要覆盖它，请加 --force\n", path);
		else
			fprintf(stderr, "%s\n", why);
		return 1;
	}
	if (force)
		outfile_permit_replace(path);
	return 0;
}

static int cmd_export(struct config *c, int argc, char **argv)
{
	int force, year = 0;
	argc = cli_take_force(argc, argv, &force);
	if (argc == 4 && strcmp(argv[1], "appraisal") == 0) {   /* export appraisal 年度 文件 */
		year = atoi(argv[2]);
		if (year < 1990 || year > 2099) {
			fprintf(stderr, "年度应为 1990 至 2099 的年份：%s\n", argv[2]);
			return 2;
		}
		argv[2] = argv[3];
		argc = 3;
	}
	const struct ledger_io *l = argc == 3 ? find_ledger(argv[1], 1) : NULL;
	if (!l) {
		ledger_usage("export", 1);
		return 2;
	}
	if (!ends_with(argv[2], ".csv") && !ends_with(argv[2], ".CSV") && !csv_format_for(argv[2])) {
		fprintf(stderr, "导出文件名须以 .csv 或 .xlsx 结尾：%s\n", argv[2]);
		return 2;
	}
	if (cli_may_write(argv[2], force))
		return 1;
	struct session s;
	if (open_session(c, 0, &s))
		return 1;
	int n = 0, rc = year ? appraise_export(&s, year, argv[2], stderr, &n)
	                     : l->export(&s, argv[2], stderr, &n);
	char full[PATH_MAX];
	if (rc == 0)   /* the file written, by its whole path, as the screens say it */
		printf("已导出 %d 条%s记录到 %s\n", n, l->what, realpath(argv[2], full) ? full : argv[2]);
	close_session(&s);
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
	if (s.role != ROLE_ADMIN) {   /* a backup is every record, outside any scope */
		fprintf(stderr, "只有管理员才能备份数据库（%s 不是管理员）\n", s.login);
		close_session(&s);
		return 1;
	}
	struct dj_err e;
	int rc = db_backup(s.db, argv[1], &e);
	if (rc)
		fprintf(stderr, "%s\n", e.msg);
	else
		printf("已备份到 %s\n", argv[1]);
	close_session(&s);
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
	close_session(&s);
	return problems ? 1 : 0;
}

static int cmd_user(struct config *c, int argc, char **argv)
{
	struct session s;
	if (argc < 2) {
		user_cli(NULL, argc, argv);   /* prints the usage */
		return 2;
	}
	if (open_session(c, 0, &s))
		return 1;
	int rc = user_cli(&s, argc, argv);
	close_session(&s);
	return rc;
}

static int cmd_restore(struct config *c, int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "用法：dangjian restore 备份文件\n");
		return 2;
	}
	struct session s;
	if (open_session(c, 0, &s))
		return 1;
	int rc = restore_cli(&s, argv[1]);
	if (s.db)
		close_session(&s);
	return rc;
}

static int cmd_review(struct config *c, int argc, char **argv)
{
	int force;
	argc = cli_take_force(argc, argv, &force);
	if (review_cli_usage_error(argc, argv))
		return 2;
	struct session s;
	if (open_session(c, 0, &s))
		return 1;
	int rc = review_cli(&s, argc, argv, force);
	close_session(&s);
	return rc;
}

static int cmd_print(struct config *c, int argc, char **argv)
{
	int force;
	struct print_args a;
	argc = cli_take_force(argc, argv, &force);
	if (print_cli_parse(argc, argv, force, &a))
		return 2;
	struct session s;
	if (open_session(c, 0, &s))
		return 1;
	int rc = print_cli_run(&s, &a);
	close_session(&s);
	return rc;
}

static int cmd_stats(struct config *c, int argc, char **argv)
{
	int force;
	struct stats_args a;
	if (argc >= 2 && strcmp(argv[1], "pack") == 0)
		return stats_pack_cli(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "merge") == 0)
		return stats_merge_cli(c, argc - 1, argv + 1);
	argc = cli_take_force(argc, argv, &force);
	if (stats_cli_parse(argc, argv, force, &a))
		return 2;
	struct session s;
	if (open_session(c, 0, &s))
		return 1;
	int rc = stats_cli_run(&s, &a);
	close_session(&s);
	return rc;
}

/* Takes "--ahead N" out of argv: *ahead N (0..365); -1 on a bad N. */
static int take_ahead(int argc, char **argv, int *ahead)
{
	int n = 0;
	for (int i = 0; i < argc; i++) {
		if (i > 0 && strcmp(argv[i], "--ahead") == 0) {
			char *end;
			long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : -1;
			if (i + 1 >= argc || *end || !*argv[i + 1] || v < 0 || v > 365)
				return -1;
			*ahead = (int)v;
			i++;
		} else {
			argv[n++] = argv[i];
		}
	}
	return n;
}

/* `todo [--ahead N] [FILE]`: the 待办 list printed (for a cron mail) or written. */
static int cmd_todo(struct config *c, int argc, char **argv)
{
	int force, ahead = -1;
	argc = cli_take_force(argc, argv, &force);
	argc = take_ahead(argc, argv, &ahead);
	if (argc < 0 || argc > 2 || (argc == 2 && !ends_with(argv[1], ".csv") &&
	                             !ends_with(argv[1], ".CSV") && !csv_format_for(argv[1]))) {
		fprintf(stderr, "用法：dangjian todo [--ahead 天数（0～365）] [文件.csv|文件.xlsx]\n");
		return 2;
	}
	if (argc == 2 && cli_may_write(argv[1], force))
		return 1;
	struct session s;
	if (open_session(c, 0, &s))
		return 1;
	struct todo_item *items;
	struct dj_err e;
	char now[11];
	int n, written, rc = 0;
	if (ahead < 0)
		ahead = todo_ahead_days(s.cfg);
	if (todo_collect(&s, today(now), ahead, &items, &n, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		close_session(&s);
		return 1;
	}
	if (argc == 1) {
		rc = todo_print(items, n, now, ahead, stdout) ? 1 : 0;
	} else if (todo_export_csv(items, n, argv[1], stderr, &written)) {
		rc = 1;
	} else {
		char full[PATH_MAX];
		printf("已导出 %d 项待办事项到 %s\n", written, realpath(argv[1], full) ? full : argv[1]);
	}
	free(items);
	close_session(&s);
	return rc;
}

static const struct {
	const char *name;
	int (*run)(struct config *, int, char **);
} cmds[] = {
	{ "init", cmd_init }, { "import", cmd_import }, { "export", cmd_export },
	{ "backup", cmd_backup }, { "check", cmd_check },
	{ "user", cmd_user }, { "restore", cmd_restore }, { "review", cmd_review },
	{ "print", cmd_print }, { "todo", cmd_todo }, { "stats", cmd_stats },
};
enum { NCMDS = sizeof cmds / sizeof *cmds };

int cli_command_names(char names[][32], int cap)
{
	int n = 0;
	for (int i = 0; i < NCMDS; i++) {
		int io = strcmp(cmds[i].name, "import") == 0 ? 0 : strcmp(cmds[i].name, "export") == 0 ? 1 : -1;
		if (io >= 0) {
			for (size_t k = 0; k < sizeof ledgers / sizeof *ledgers && n < cap; k++)
				if (io ? ledgers[k].export != NULL : ledgers[k].import != NULL)
					snprintf(names[n++], 32, "%s %s", cmds[i].name, ledgers[k].name);
		} else if (strcmp(cmds[i].name, "user") == 0) {
			for (int v = 0; user_cli_verb(v) && n < cap; v++)
				snprintf(names[n++], 32, "user %s", user_cli_verb(v));
		} else if (strcmp(cmds[i].name, "review") == 0) {
			for (int v = 0; review_cli_verb(v) && n < cap; v++)
				snprintf(names[n++], 32, "review %s", review_cli_verb(v));
		} else if (strcmp(cmds[i].name, "print") == 0) {
			for (int v = 0; print_cli_verb(v) && n < cap; v++)
				snprintf(names[n++], 32, "print %s", print_cli_verb(v));
		} else if (strcmp(cmds[i].name, "stats") == 0) {
			static const char *const forms[] = { "stats", "stats pack", "stats merge" };
			for (int v = 0; v < 3 && n < cap; v++)
				snprintf(names[n++], 32, "%s", forms[v]);
		} else if (n < cap) {
			snprintf(names[n++], 32, "%s", cmds[i].name);
		}
	}
	return n;
}

/* A command about to wait for another operator's write says so, so that a
 * script's log shows why it paused (the screens put it on the message line). */
static void say_wait(const char *msg)
{
	fprintf(stderr, "%s\n", msg);
}

int cli_run(struct config *c, int argc, char **argv)
{
	db_on_wait(say_wait);
	for (int i = 0; i < NCMDS; i++)
		if (strcmp(argv[0], cmds[i].name) == 0)
			return cmds[i].run(c, argc, argv);
	fprintf(stderr, "未知命令：%s\n\n", argv[0]);
	cli_usage(stderr);
	return 2;
}
