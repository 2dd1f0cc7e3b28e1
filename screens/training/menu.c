/* menu.c — 教育培训学时: the sessions with who attended, and the hours
 * ledger against the year's target. */
#include "screens/common/menu_screen.h"
#include "screens/common/screens.h"

static const struct menu_entry entries[] = {
	{ { '1', "培训记录", "集中学习、党课、网络学习等培训：日期、主题、主办单位、学时和参训党员" },
	  &training_list_screen },
	{ { '2', "学时台账", "每名党员本年度的学时与目标：已完成、差额，按组织列出未达标的党员" },
	  &training_ledger_screen },
};

static const struct menu_screen menu = {
	entries, sizeof entries / sizeof *entries, "按数字键直接进入，或用 ↑↓ 选择后按回车", 0,
};

static void *open_menu(struct app *a, void *arg)
{
	(void)arg;
	return menu_screen_open(&menu, a->session);
}

const struct screen training_menu_screen = {
	.name = "教育培训学时",
	.help = "党员教育培训：培训记录和学时台账。\n"
	        "1 培训记录：登记每次培训（日期、主题、主办单位、形式、学时），回车填写参训名单。\n"
	        "2 学时台账：每名党员本年度的培训学时、计入的会议学时（dangjian.ini [training]\n"
	        "  meeting_types，默认党课，签到为出席的每次计 meeting_hours 学时），与年度目标\n"
	        "  （target_hours，默认 32）相比的差额；可只看未达标的党员，可导出。",
	.legend = menu_screen_legend,
	.open = open_menu,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};
