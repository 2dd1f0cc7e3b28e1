/* menu.c — 关怀帮扶 (issue 20), under 党员管理: the register of 关怀对象,
 * the 慰问 records, who has had no visit this year, and the 七一 and 春节
 * 慰问名单. */
#include "screens/common/menu_screen.h"
#include "screens/common/screens.h"

static const struct menu_entry entries[] = {
	{ { '1', "关怀对象", "老党员、生活困难党员、因病党员：列入原因和日期，移出日期和原因；F9 按规则列入老党员" },
	  &care_cases_screen },
	{ { '2', "慰问记录", "慰问日期、对象、慰问人、慰问金（元）或慰问品、时机（七一、春节……）" },
	  &care_visits_screen },
	{ { '3', "本年未慰问", "在册关怀对象中今年还没有慰问记录的，按组织（F4）；回车登记慰问" },
	  &care_unvisited_screen },
	{ { '4', "七一慰问名单", "七一当天在册的关怀对象，拟慰问金；导出、打印（带签收栏）" },
	  &care_july1_list_screen },
	{ { '5', "春节慰问名单", "春节当天在册的关怀对象，拟慰问金；导出、打印（带签收栏）" },
	  &care_spring_list_screen },
};

static const struct menu_screen menu = {
	entries, sizeof entries / sizeof *entries, "按数字键直接进入，或用 ↑↓ 选择后按回车", 0,
};

static void *open_menu(struct app *a, void *arg)
{
	(void)arg;
	return menu_screen_open(&menu, a->session);
}

const struct screen care_menu_screen = {
	.name = "关怀帮扶",
	.help = "党内关怀帮扶：关心和帮助老党员、生活困难党员。\n"
	        "1 关怀对象：登记列入的党员、类别、原因和列入日期；不再需要时填移出日期和原因。\n"
	        "  F9 按规则列入老党员（dangjian.ini [care] old_age、old_standing_years）。\n"
	        "2 慰问记录：每次慰问的日期、慰问人（F4）、慰问金或慰问品、时机。\n"
	        "3 本年未慰问：在册关怀对象中今年尚未慰问的，F4 选择组织，回车登记慰问。\n"
	        "4 七一慰问名单、5 春节慰问名单：当天在册的关怀对象和拟慰问金（[care] amount_*），\n"
	        "  F9 导出（.xlsx 或 .csv）、打印（PDF，带签收栏）、更改名单日期。",
	.legend = menu_screen_legend,
	.open = open_menu,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};
