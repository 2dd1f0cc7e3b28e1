/* menu.c — 工作计划与督导 (issue 13): the plan, recurring reports,
 * inspections, liaison visits, 述职评议 and the 通报. */
#include "screens/common/menu_screen.h"
#include "screens/common/screens.h"

static const struct menu_entry entries[] = {
	{ { '1', "工作计划", "实施方案：年度、文号、工作阶段；任务分组、任务、责任人和期限" },
	  &plan_list_screen },
	{ { '2', "任务台账", "最新计划的全部任务：责任人、期限、状态，逾期的标出；按期限排序，导出" },
	  &plan_tasks_screen },
	{ { '3', "责任人任务", "每个责任人名下的任务，期限近的在前；F4 选择责任人" },
	  &plan_people_screen },
	{ { '4', "工作汇报", "各支部每月（或按季、按年）书面汇报：按期登记收到日期、报送人，未报和逾期一览，导出" },
	  &supervise_report_ledger_screen },
	{ { '5', "督导检查", "检查日期、检查组、被检查党组织的检查发现和整改要求，导出" },
	  &supervise_inspection_ledger_screen },
	{ { '6', "督导整改", "督导检查提出、尚未完成的整改，逾期的标出；登记整改完成" },
	  &supervise_followup_ledger_screen },
	{ { '7', "联系点走访", "联系领导、联系干部走访联系点的记录；超过 N 个月未走访的联系领导名单" },
	  &supervise_visit_ledger_screen },
	{ { '8', "述职评议", "联述联评联考：书记述职，党员、群众评议（好、较好、一般、差），结果列入分类定级台账" },
	  &appraise_rounds_screen },
	{ { '9', "通报", "按期间和范围由台账记录起草通报：缺报、逾期、三会一课、整改；编文号保存、导出" },
	  &bulletin_list_screen },
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
	.help = "工作计划与督导：实施方案的任务、各支部的报送、督导检查、联系点走访、述职评议和通报。\n"
	        "1 工作计划：方案的阶段（起止日期）和任务；任务有分组、责任人、期限，可分解到支部。\n"
	        "2 任务台账：最新计划的任务，逾期（过了期限仍未完成）的标出，F9 导出。\n"
	        "3 责任人任务：每个责任人名下的任务，期限近的在前，F4 选择责任人。\n"
	        "4 工作汇报：每期应报送的党组织，已报、未报、逾期；回车登记，连续录入。\n"
	        "5 督导检查：检查组、被检查党组织的检查发现、整改要求和期限。\n"
	        "6 督导整改：未完成的整改，逾期的标出；回车登记整改完成。\n"
	        "7 联系点走访：走访记录；Tab 看超过 N 个月未走访的联系领导。\n"
	        "8 述职评议：每年一轮，书记述职，党员和群众评议；结果列入同年分类定级台账。\n"
	        "9 通报：按期间和范围由台账记录起草，修改正文、编文号后保存，导出。",
	.legend = menu_screen_legend,
	.open = open_menu,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};
