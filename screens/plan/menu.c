/* menu.c — 工作计划与督导: the year's plan and its supervision.  Each part
 * adds one line to `entries` as it lands. */
#include "screens/common/menu_screen.h"
#include "screens/common/screens.h"

static const struct menu_entry entries[] = {
	{ { '1', "工作计划", "实施方案：年度、文号、工作阶段；任务分组、任务、责任人和期限" },
	  &plan_list_screen },
	{ { '2', "任务台账", "最新计划的全部任务：责任人、期限、状态，逾期的标出；按期限排序，导出" },
	  &plan_tasks_screen },
	{ { '3', "责任人任务", "每个责任人名下的任务，期限近的在前；F4 选择责任人" },
	  &plan_people_screen },
};

static const struct menu_screen menu = {
	entries, sizeof entries / sizeof *entries, "按数字键直接进入，或用 ↑↓ 选择后按回车", 0,
};

static void *open_menu(struct app *a, void *arg)
{
	(void)arg;
	return menu_screen_open(&menu, a->session);
}

const struct screen plan_menu_screen = {
	.name = "工作计划与督导",
	.help = "工作计划与督导：年度实施方案的落实。\n"
	        "1 工作计划：方案的阶段（起止日期）和任务；任务有分组、责任人、期限，可分解到支部。\n"
	        "2 任务台账：最新计划的任务，逾期（过了期限仍未完成）的标出，F9 导出。\n"
	        "3 责任人任务：每个责任人名下的任务，期限近的在前，F4 选择责任人。",
	.legend = menu_screen_legend,
	.open = open_menu,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};
