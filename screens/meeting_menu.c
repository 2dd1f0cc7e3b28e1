/* meeting_menu.c — the two sub-menus of issue 4: 三会一课 (the meeting
 * ledger, how well branches keep it, who stays away) and 党费 (the month's
 * collection, the arrears). */
#include <stdlib.h>

#include "screens/screens.h"
#include "tui/draw.h"
#include "tui/menu.h"

struct sub_entry {
	struct menu_item item;
	const struct screen *screen;   /* NULL: back */
};

static const struct sub_entry meeting_entries[] = {
	{ { '1', "会议台账", "各组织的支部党员大会、支委会、党小组会、党课等会议记录，签到与请假" },
	  &meeting_browse_screen },
	{ { '2', "组织生活落实情况", "按月、季度、年度统计各党支部三会一课召开情况和出席率，标出未按要求召开的" },
	  &compliance_browse_screen },
	{ { '3', "缺勤预警名单", "连续多次缺席会议、或半年以上未参加组织生活的党员" },
	  &compliance_absent_screen },
	{ { '0', "返回主菜单", NULL }, NULL },
};

static const struct sub_entry dues_entries[] = {
	{ { '1', "党费收缴", "按月、按党支部录入党费：计算基数、应交、实交、交纳日期；各支部汇总" },
	  &dues_browse_screen },
	{ { '2', "欠交名单", "欠交党费的党员：欠交月数、金额、起止月份" }, &dues_arrears_screen },
	{ { '0', "返回主菜单", NULL }, NULL },
};

struct sub_menu {
	const struct sub_entry *entries;
	struct menu_item items[8];
	struct menu m;
};

static void *open_sub(const struct sub_entry *entries, int n)
{
	struct sub_menu *sm = malloc(sizeof *sm);
	if (!sm)
		return NULL;
	sm->entries = entries;
	for (int i = 0; i < n && i < 8; i++)
		sm->items[i] = entries[i].item;
	menu_init(&sm->m, sm->items, n < 8 ? n : 8);
	return sm;
}

static void *open_meetings(struct app *a, void *arg)
{
	(void)a;
	(void)arg;
	return open_sub(meeting_entries, sizeof meeting_entries / sizeof *meeting_entries);
}

static void *open_dues(struct app *a, void *arg)
{
	(void)a;
	(void)arg;
	return open_sub(dues_entries, sizeof dues_entries / sizeof *dues_entries);
}

static void close_sub(void *st)
{
	free(st);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct sub_menu *sm = st;
	menu_draw(&sm->m);
	frame_status("按数字键直接进入，或用 ↑↓ 选择后按回车；Esc 返回", "");
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct sub_menu *sm = st;
	int chosen = menu_key(&sm->m, k);
	if (chosen == MENU_HANDLED)
		return SCR_HANDLED;
	if (chosen < 0)
		return SCR_PASS;
	if (!sm->entries[chosen].screen)
		return SCR_BACK;
	app_push(a, sm->entries[chosen].screen, NULL);
	return SCR_PUSH;
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, NULL, NULL, NULL, NULL, NULL,
                                        "退出" };

const struct screen meeting_menu_screen = {
	.name = "三会一课",
	.help = "三会一课：支部党员大会、支委会、党小组会和党课，以及组织生活会、民主评议、主题党日。\n"
	        "1 会议台账：登记每次会议及签到、请假情况。\n"
	        "2 组织生活落实情况：各党支部是否按 dangjian.ini 规定的频次召开会议，出席率。\n"
	        "3 缺勤预警名单：连续缺席或长期未参加组织生活的党员。\n"
	        "按数字键进入；Esc 或 F3 返回主菜单。",
	.legend = legend,
	.open = open_meetings,
	.close = close_sub,
	.draw = draw,
	.key = key,
};

const struct screen dues_menu_screen = {
	.name = "党费管理",
	.help = "党费按月收缴：在职党员按税后月收入、离退休党员按离退休费的比例交纳，"
	        "学生、困难党员和农民党员按定额交纳（比例和定额见 dangjian.ini [dues]）。\n"
	        "1 党费收缴：选月份，看各党支部的应交、实交、欠交，回车进入该支部的收缴表录入。\n"
	        "2 欠交名单：欠交党费的党员及欠交金额。\n"
	        "按数字键进入；Esc 或 F3 返回主菜单。",
	.legend = legend,
	.open = open_dues,
	.close = close_sub,
	.draw = draw,
	.key = key,
};
