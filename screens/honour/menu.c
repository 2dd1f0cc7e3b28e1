/* menu.c — 表彰荣誉: the register of honours given, and the records they
 * come from.  Each part adds one line to `entries` as it lands. */
#include "screens/common/menu_screen.h"
#include "screens/common/screens.h"

static const struct menu_entry entries[] = {
	{ { '1', "荣誉台账", "已授予的荣誉：按年度、称号、级别筛选，新增、撤销，导出 xlsx 或 CSV" },
	  &honour_ledger_screen },
	{ { '2', "表彰推荐评选", "两优一先等：推荐（名额、条件）、审核、公示、审批（文号），批准的记入荣誉台账" },
	  &nominate_cycles_screen },
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
	        "2 表彰推荐评选：推荐、审核、公示、审批，批准的推荐记入荣誉台账。",
	.legend = menu_screen_legend,
	.open = open_menu,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};
