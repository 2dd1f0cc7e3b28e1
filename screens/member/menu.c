/* menu.c — 党员管理: the roster, the tree to choose a subtree from,
 * the structure counts, the development path and its reminders, the
 * 回执 of the letters of transfer, the roster import, the yearly
 * 民主评议党员, the training hours, and 关怀帮扶. */
#include "screens/common/menu_screen.h"
#include "screens/common/screens.h"

static const struct menu_entry entries[] = {
	{ { '1', "党员台账", "全部在册党员：按姓名、拼音首字母、身份证号或手机号查找；F4 选择范围；新增、转出等" },
	  &member_list_screen },
	{ { '2', "按组织查看党员", "从组织树中选择党委、党总支或党支部，查看其（含下级）党员" },
	  &member_scope_screen },
	{ { '3', "党员结构统计", "性别、民族、年龄段、学历、人员类别、入党时间；可导出" },
	  &member_stats_screen },
	{ { '4', "发展党员", "入党申请人 → 积极分子 → 发展对象 → 预备党员 → 正式党员，逐步登记" },
	  &dev_list_screen },
	{ { '5', "发展提醒", "待谈话的申请、积极分子满一年、30 天内到期转正的预备党员" },
	  &dev_remind_screen },
	{ { '6', "回执台账", "转出党员的介绍信回执：待退回、逾期未回；登记退回日期" },
	  &member_receipts_screen },
	{ { '7', "导入党员名册", "从 Excel（.xlsx）或 CSV 名册导入：全部成功或全部不导入，逐行报告问题" },
	  &member_import_screen },
	{ { '8', "民主评议党员", "每年一次：党员自评、投票，评定优秀、合格、基本合格、不合格；不合格的处置" },
	  &evaluate_rounds_screen },
	{ { '9', "教育培训学时", "培训记录和参训名单；每名党员本年度学时与目标（32 学时）相比，列出未达标的" },
	  &training_menu_screen },
	{ { 'a', "关怀帮扶", "关怀对象（老党员、生活困难、因病）、慰问记录、本年未慰问、七一和春节慰问名单" },
	  &care_menu_screen },
};

static const struct menu_screen menu = {
	entries, sizeof entries / sizeof *entries, "按数字键直接进入，或用 ↑↓ 选择后按回车", 0,
};

static void *open_menu(struct app *a, void *arg)
{
	(void)arg;
	return menu_screen_open(&menu, a->session);
}

const struct screen member_menu_screen = {
	.name = "党员管理",
	.help = "党员信息库和发展党员。\n"
	        "1 党员台账：在册党员名册，F4 选择范围，F6 新增（连续录入），F8 办理转出、去世等。\n"
	        "2 按组织查看党员：从组织树中选择范围。\n"
	        "3 党员结构统计：按性别、民族、年龄、学历、类别、入党时间统计。\n"
	        "4 发展党员：入党申请人到正式党员的全过程登记，F9 办理下一步。\n"
	        "5 发展提醒：到期需要办理的事项。\n"
	        "6 回执台账：转出介绍信的回执，逾期未回的标出，回车登记退回日期。\n"
	        "7 导入党员名册：从 .xlsx 或 .csv 文件导入（命令行：dangjian import members 文件）。\n"
	        "8 民主评议党员：每个组织每年一次，评议表上按 1～4 登记结果；不合格的处置列入待办。\n"
	        "9 教育培训学时：培训记录（参训名单逐人标记）和学时台账（按组织列出未达标的党员）。\n"
	        "a 关怀帮扶：老党员、生活困难党员和因病党员的登记，慰问记录，本年未慰问，七一和春节慰问名单。",
	.legend = menu_screen_legend,
	.open = open_menu,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};
