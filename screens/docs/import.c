/* import.c — 导入党员名册 (a screen of its own in 党员管理) and 导入党组织
 * (the organization tree's F9): the file, the sheet of a workbook, then
 * the import through the domain's own csv_import, as the command line
 * runs it; the report opens in the text viewer. */
#include "screens/docs/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv_table.h"
#include "member/member.h"
#include "org/csv.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

static const struct {
	const char *title, *unit;
	int (*import)(struct session *s, const char *path, FILE *report, int *imported);
} kinds[] = {
	[IMPORT_MEMBERS] = { "导入党员名册", "名党员", member_import_csv },
	[IMPORT_ORGS] = { "导入党组织", "个党组织", org_import_csv },
};

/* The message line while a long file is read: rows read so far, or -1
 * when the rows are being stored. */
static void progress(void *arg, int rows)
{
	(void)arg;
	if (rows < 0)
		frame_message(MSG_INFO, "正在写入数据库……");
	else
		frame_message(MSG_INFO, "正在读取和检查：已读 %d 行……", rows);
	draw_flush();
}

static int is_workbook_name(const char *path)
{
	size_t n = strlen(path);
	return (n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0) ||
	       (n > 5 && strcasecmp(path + n - 5, ".xlsm") == 0);
}

/* The file (and a workbook's sheet) from the operator; 0 when cancelled. */
static int ask(const char *title, char *path, size_t cap, char *sheet, size_t scap)
{
	if (!dialog_input(title, "文件名（.csv 或 .xlsx）：", path, cap) || !*path)
		return 0;
	sheet[0] = 0;
	if (is_workbook_name(path) &&
	    !dialog_input(title, "工作表名（空白：第一个工作表）：", sheet, scap))
		return 0;
	return 1;
}

int import_run(struct session *s, enum import_kind kind)
{
	static char path[256];   /* kept: a second try starts from the last file */
	char sheet[128];
	if (!ask(kinds[kind].title, path, sizeof path, sheet, sizeof sheet))
		return 0;
	char *text = NULL;
	size_t len = 0;
	FILE *report = open_memstream(&text, &len);
	if (!report) {
		frame_message(MSG_ERROR, "内存不足，无法导入");
		return 0;
	}
	const struct csv_import_opts opts = { .sheet = *sheet ? sheet : NULL, .progress = progress };
	s->import = &opts;
	frame_message(MSG_INFO, "正在读取 %s……", path);
	draw_flush();
	int n = 0, rc = kinds[kind].import(s, path, report, &n);
	s->import = NULL;
	if (rc == 0)
		fprintf(report, "已导入 %d %s（来自 %s）\n", n, kinds[kind].unit, path);
	fclose(report);
	if (rc == 0)
		frame_message(MSG_INFO, "已导入 %d %s", n, kinds[kind].unit);
	else
		frame_message(MSG_ERROR, "导入失败，没有导入任何记录：原因见导入报告");
	dialog_message(rc == 0 ? "导入报告" : "导入报告（导入失败）", text ? text : "");
	free(text);
	return rc == 0 ? n : 0;
}

/* ---- the screen in 党员管理 ---- */

struct import_screen {
	struct session *s;
	char last[160];
};

static void *open_import(struct app *a, void *arg)
{
	(void)arg;
	struct import_screen *st = calloc(1, sizeof *st);
	if (st)
		st->s = a->session;
	return st;
}

static void close_import(void *st)
{
	free(st);
}

static const char *const lines[] = {
	"把单位的党员名册（Excel .xlsx 或 CSV 文件）导入系统。",
	"",
	"按回车，输入文件名（可含路径）；.xlsx 文件再输入工作表名，空白为第一个。",
	"列名行可在标题行之下；序号列和空白列名的列不导入；",
	"名字/姓名、出生年月/出生日期、所在支部/所在党组织、入党时间/入党日期、",
	"文化程度/学历 等常见列名都认得。",
	"必需的列：姓名、性别、人员类别、入党日期、所在党组织。",
	"",
	"全部行检查无误才导入，有一行不对就一行也不导入；",
	"导入报告列出每一个有问题的行（第 N 行，按 Excel 的行号）。",
};

static void draw_import(void *st, struct app *a)
{
	(void)a;
	struct import_screen *im = st;
	int top = frame_body_top(), rows = frame_body_rows();
	draw_clear_rows(top, top + rows - 1);
	for (int i = 0; i < (int)(sizeof lines / sizeof *lines) && i + 1 < rows; i++)
		draw_text(top + 1 + i, 2, 76, lines[i], ST_NORMAL);
	frame_status(im->last[0] ? im->last : "按回车选择要导入的文件", "");
	cursor_want(-1, -1);
}

static enum outcome import_key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct import_screen *im = st;
	if (k.code != K_ENTER && k.code != K_F6)
		return SCR_PASS;
	int n = import_run(im->s, IMPORT_MEMBERS);
	if (n > 0)
		snprintf(im->last, sizeof im->last, "上次导入：%d 名党员", n);
	return SCR_REDRAW;
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, NULL, "导入", NULL, NULL,
                                        NULL, "退出" };

const struct screen member_import_screen = {
	.name = "导入党员名册",
	.help = "导入党员名册：回车（或 F6）输入文件名，.csv 或 .xlsx；.xlsx 再输入工作表名。\n"
	        "导入全部成功或全部不导入；报告中 ↑↓ 翻看，任意其他键关闭。\n"
	        "命令行同样可用：dangjian import members 文件.xlsx [--sheet 工作表名]。\n"
	        "党组织在 组织管理 的 F9 菜单中导入。F3 或 Esc：返回。",
	.legend = legend,
	.open = open_import,
	.close = close_import,
	.draw = draw_import,
	.key = import_key,
};
