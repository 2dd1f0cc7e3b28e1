/* menu.c — 表彰荣誉: the register of honours given, and the records they
 * come from.  Each part adds one line to `entries` as it lands. */
#include "screens/common/menu_screen.h"
#include "screens/common/screens.h"

static const struct menu_entry entries[] = {
	{ { '1', "荣誉台账", "已授予的荣誉：按年度、称号、级别筛选，新增、撤销，导出 xlsx 或 CSV" },
	  &honour_ledger_screen },
	{ { '2', "表彰推荐评选", "两优一先等：推荐（名额、条件）、审核、公示、审批（文号），批准的记入荣誉台账" },
	  &nominate_cycles_screen },
	{ { '3', "党员示范岗", "岗位目标、公开承诺、跟踪检查记录和年度考核，导出 xlsx 或 CSV" },
	  &showcase_post_ledger_screen },
	{ { '4', "党员示范寝室", "寝室成员（至少 2 名党员）和检查评比的各项得分，导出" },
	  &showcase_dorm_ledger_screen },
	{ { '5', "党建示范点", "党总支、党支部示范点和年度检查，导出" },
	  &showcase_point_ledger_screen },
	{ { '6', "年度汇总", "一年的荣誉按称号和级别统计：回车查看明细，导出 xlsx 或 CSV，打印汇总表" },
	  &honour_summary_screen },
};

static const struct menu_screen menu = {
	entries, sizeof entries / sizeof *entries, "按数字键直接进入，或用 ↑↓ 选择后按回车", 0,
};

static void *open_menu(struct app *a, void *arg)
{
	(void)arg;
	return menu_screen_open(&menu, a->session);
}

const struct screen honour_menu_screen = {
	.name = "表彰荣誉",
	.help = "表彰荣誉：荣誉的登记和它们的来历。\n"
	        "1 荣誉台账：已授予的荣誉，F4 按年度、称号、级别筛选，F6 新增，F9 导出或撤销。\n"
	        "2 表彰推荐评选：推荐、审核、公示、审批，批准的推荐记入荣誉台账。\n"
	        "3 党员示范岗：岗位目标和公开承诺，F9 跟踪、检查记录和年度考核。\n"
	        "4 党员示范寝室：寝室成员和检查评比（各项得分，总分自动计算）。\n"
	        "5 党建示范点：示范点的级别和年度检查。\n"
	        "示范岗考核和寝室检查的结果作为评选优秀党员的依据。\n"
	        "6 年度汇总：一年的荣誉按称号和级别统计，回车看明细，F9 导出或打印。",
	.legend = menu_screen_legend,
	.open = open_menu,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};
