/* meeting_menu.c — the two sub-menus of issue 4: 三会一课 (the meeting
 * ledger, how well branches keep it, who stays away) and 党费 (the month's
 * collection, the arrears). */
#include "screens/common/menu_screen.h"
#include "screens/common/screens.h"

static const struct menu_entry meeting_entries[] = {
	{ { '1', "会议台账", "各组织的支部党员大会、支委会、党小组会、党课等会议记录，签到与请假" },
	  &meeting_browse_screen },
	{ { '2', "组织生活落实情况", "按月、季度、年度统计各党支部三会一课召开情况和出席率，标出未按要求召开的" },
	  &compliance_browse_screen },
	{ { '3', "缺勤预警名单", "连续多次缺席会议、或半年以上未参加组织生活的党员" },
	  &compliance_absent_screen },
	{ { '0', "返回主菜单", NULL }, NULL },
};

static const struct menu_entry dues_entries[] = {
	{ { '1', "党费收缴", "按月、按党支部录入党费：计算基数、应交、实交、交纳日期；各支部汇总" },
	  &dues_browse_screen },
	{ { '2', "欠交名单", "欠交党费的党员：欠交月数、金额、起止月份" }, &dues_arrears_screen },
	{ { '0', "返回主菜单", NULL }, NULL },
};

#define STATUS "按数字键直接进入，或用 ↑↓ 选择后按回车；Esc 返回"
static const struct menu_screen meetings = {
	meeting_entries, sizeof meeting_entries / sizeof *meeting_entries, STATUS, 0,
};
static const struct menu_screen dues = {
	dues_entries, sizeof dues_entries / sizeof *dues_entries, STATUS, 0,
};
#undef STATUS

static void *open_meetings(struct app *a, void *arg)
{
	(void)arg;
	return menu_screen_open(&meetings, a->session);
}

static void *open_dues(struct app *a, void *arg)
{
	(void)arg;
	return menu_screen_open(&dues, a->session);
}

const struct screen meeting_menu_screen = {
	.name = "三会一课",
	.help = "三会一课：支部党员大会、支委会、党小组会和党课，以及组织生活会、民主评议、主题党日。\n"
	        "1 会议台账：登记每次会议及签到、请假情况。\n"
	        "2 组织生活落实情况：各党支部是否按 dangjian.ini 规定的频次召开会议，出席率。\n"
	        "3 缺勤预警名单：连续缺席或长期未参加组织生活的党员。\n"
	        "按数字键进入；Esc 或 F3 返回主菜单。",
	.legend = menu_screen_legend,
	.open = open_meetings,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};

const struct screen dues_menu_screen = {
	.name = "党费管理",
	.help = "党费按月收缴：在职党员按税后月收入、离退休党员按离退休费的比例交纳，"
	        "学生、困难党员和农民党员按定额交纳（比例和定额见 dangjian.ini [dues]）。\n"
	        "1 党费收缴：选月份，看各党支部的应交、实交、欠交，回车进入该支部的收缴表录入。\n"
	        "2 欠交名单：欠交党费的党员及欠交金额。\n"
	        "按数字键进入；Esc 或 F3 返回主菜单。",
	.legend = menu_screen_legend,
	.open = open_dues,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};
