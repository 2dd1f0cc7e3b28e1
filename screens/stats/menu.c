/* menu.c — 党内统计: the year-end tables, one screen each, in the order of
 * the upper level's forms. */
#include "screens/common/menu_screen.h"
#include "screens/common/screens.h"
#include "screens/stats/stats_screens.h"

/* A table's screen: the shared one, opened on its key. */
#define TABLE_SCREEN(id, key_, title, legend_)                                                \
	static void *open_##id(struct app *a, void *arg)                               \
	{                                                                              \
		(void)arg;                                                             \
		return stats_table_open(a, key_);                                      \
	}                                                                              \
	static const struct screen id##_screen = {                                     \
		.name = title, .help = stats_table_help, .legend = legend_,          \
		.open = open_##id, .close = stats_table_close, .draw = stats_table_draw, \
		.key = stats_table_key, .resume = stats_table_resume,                  \
	}

TABLE_SCREEN(basic, "basic", "党员基本情况", stats_table_legend);
TABLE_SCREEN(change, "change", "党员增减", stats_change_legend);
TABLE_SCREEN(develop, "develop", "发展党员", stats_table_legend);
TABLE_SCREEN(confirm, "confirm", "预备党员转正", stats_table_legend);
TABLE_SCREEN(exits, "exit", "出党情况", stats_table_legend);
TABLE_SCREEN(orgs, "orgs", "基层组织", stats_table_legend);
TABLE_SCREEN(honours, "honours", "党内表彰", stats_table_legend);

static const struct menu_entry entries[] = {
	{ { '1', "党员基本情况", "年末在册党员：女、少数民族、预备党员；年龄段、学历、入党时间、职业" },
	  &basic_screen },
	{ { '2', "党员增减", "上年末、本年增加（发展、转入、恢复）、本年减少（转出、死亡、出党、失联）、本年末；逐人核对" },
	  &change_screen },
	{ { '3', "发展党员", "年末申请人、积极分子、发展对象；本年发展党员按性别、年龄、学历、职业" },
	  &develop_screen },
	{ { '4', "预备党员转正", "按期转正、延长预备期、取消预备党员资格" }, &confirm_screen },
	{ { '5', "出党情况", "本年出党党员按原因（开除党籍、除名等，dangjian.ini [stats] 可改）" },
	  &exits_screen },
	{ { '6', "基层组织", "党委、党总支、党支部、党小组按类别；本年新建、撤销；届满未换届" },
	  &orgs_screen },
	{ { '7', "党内表彰", "本年表彰荣誉按称号和级别（与表彰荣誉汇总相同）" }, &honours_screen },
};

static const struct menu_screen menu = {
	entries, sizeof entries / sizeof *entries, "按数字键直接进入；表中回车列出数字背后的名单", 0,
};

static void *open_menu(struct app *a, void *arg)
{
	(void)arg;
	return menu_screen_open(&menu, a->session);
}

const struct screen stats_menu_screen = {
	.name = "党内统计",
	.help = "党内统计年报的各张表，由台账记录按截止日期（默认本年 12 月 31 日）计算，\n"
	        "可选范围（组织及其下级）；每个数字回车可列出背后的名单，F9 导出上报格式\n"
	        "（xlsx 或 CSV，带填报单位、填报人、审核人、日期）。\n"
	        "命令行：dangjian stats 表名 [--as-of 日期] [--org 组织全称] 文件。",
	.legend = menu_screen_legend,
	.open = open_menu,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};
