/* menu.c — 工作计划与督导 (issue 13): the plan, recurring reports,
 * inspections, 述职评议 and the 通报.  Each part adds one line to `entries`
 * as it lands. */
#include "screens/common/menu_screen.h"
#include "screens/common/screens.h"

static const struct menu_entry entries[] = {
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
	.help = "工作计划与督导：实施方案的任务、月报、督导检查、述职评议和通报。\n"
	        "8 述职评议：每年一轮，书记述职，党员和群众评议；结果列入同年分类定级台账。\n"
	        "9 通报：按期间和范围由台账记录起草，修改正文、编文号后保存，导出。",
	.legend = menu_screen_legend,
	.open = open_menu,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};
