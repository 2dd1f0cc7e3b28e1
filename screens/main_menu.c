/* main_menu.c — the first screen: the workflows that work, numbered.
 * Each workflow adds one line to `entries`; nothing is listed that does not
 * open a working screen. */
#include <stdlib.h>

#include "screens/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/menu.h"

struct entry {
	struct menu_item item;
	const struct screen *screen;   /* NULL: leave the program */
	int admin_only;                /* hidden from operators and viewers */
};

/* Digits for the workflows in the order of the year's work, letters for
 * the rest (f 党费, y 用户, r 日志); 0 leaves. */
static const struct entry entries[] = {
	{ { '1', "组织管理", "按 党委→党总支→党支部→党小组 逐级展开，新增、修改、撤销、调整隶属关系" },
	  &org_tree_screen },
	{ { '2', "组织台账", "全部党组织一览：按名称或拼音首字母查找，排序，届满提醒，导出 CSV" },
	  &org_list_screen },
	{ { '3', "党员管理", "党员台账、按组织查看、党员结构统计；发展党员（申请人到转正）和到期提醒" },
	  &member_menu_screen },
	{ { '4', "三会一课", "会议台账与签到请假、组织生活落实情况（按月季年统计）、缺勤预警名单" },
	  &meeting_menu_screen },
	{ { '5', "分类定级", "基层党组织分类定级：评分、定级、比例控制、确认公布，整改台账和晋位升级" },
	  &grading_rounds_screen },
	{ { 'f', "党费管理", "按月按支部录入党费（比例和定额自动计算）、各支部汇总、欠交名单" },
	  &dues_menu_screen },
	{ { 'y', "用户管理", "登记操作员：系统账号、角色（管理员/操作员/只读）、可修改的组织范围" },
	  &user_browse_screen, 1 },
	{ { 'r', "操作日志", "谁在何时新增、修改、撤销、删除了哪条记录，改动前后的内容；筛选、导出" },
	  &audit_browse_screen, 1 },
	{ { '0', "退出系统", "退出党建台账（也可按 F10）" }, NULL },
};
enum { NENTRIES = sizeof entries / sizeof *entries };

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, NULL, NULL, NULL, NULL, NULL,
                                        "退出" };

struct main_menu {
	struct menu_item items[NENTRIES];
	struct menu m;
};

static void *open_menu(struct app *a, void *arg)
{
	(void)arg;
	struct session *s = a->session;
	struct main_menu *mm = malloc(sizeof *mm);
	if (!mm)
		return NULL;
	for (int i = 0; i < NENTRIES; i++)
		mm->items[i] = entries[i].item;
	menu_init(&mm->m, mm->items, NENTRIES);
	for (int i = 0; i < NENTRIES; i++)
		if (entries[i].admin_only && (!s || s->role != ROLE_ADMIN))
			menu_hide(&mm->m, i, 1);
	return mm;
}

static void close_menu(void *st)
{
	free(st);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct main_menu *mm = st;
	menu_draw(&mm->m);
	frame_status("按数字键直接进入，或用 ↑↓ 选择后按回车", "");
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct main_menu *mm = st;
	int chosen = menu_key(&mm->m, k);
	if (chosen == MENU_HANDLED)
		return SCR_HANDLED;
	if (chosen < 0)
		return SCR_PASS;
	if (!entries[chosen].screen)
		return dialog_confirm("退出系统？") ? SCR_QUIT : SCR_HANDLED;
	app_push(a, entries[chosen].screen, NULL);
	return SCR_PUSH;
}

const struct screen main_menu_screen = {
	.name = "主菜单",
	.help = "主菜单列出本系统已提供的各项工作。\n"
	        "按菜单项前的数字或字母直接进入，或用 ↑↓ 移动后按回车。\n"
	        "F10（或 Esc 0）退出系统；F1（或 Esc 1）显示本帮助。\n"
	        "功能键在部分终端上不起作用时，先按 Esc 再按数字键即可代替。",
	.legend = legend,
	.open = open_menu,
	.close = close_menu,
	.draw = draw,
	.key = key,
};
