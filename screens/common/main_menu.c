/* main_menu.c — the first screen: the workflows that work, numbered.
 * Each workflow adds one line to `entries`; nothing is listed that does not
 * open a working screen. */
#include "screens/common/menu_screen.h"
#include "screens/common/screens.h"
#include "todo/todo.h"

/* Digits for the workflows in the order of the year's work, letters for
 * the rest (f 党费, t 统计, y 用户, r 日志); 0 leaves. */
static const struct menu_entry entries[] = {
	{ { 'd', "今日待办", "逾期和即将到期的事项：任务、月报、督导、整改、评议、发展党员、换届等，回车办理" },
	  &todo_screen },
	{ { '1', "组织管理", "按 党委→党总支→党支部→党小组 逐级展开，新增、修改、撤销、调整隶属关系" },
	  &org_tree_screen },
	{ { '2', "组织台账", "全部党组织一览：按名称或拼音首字母查找，排序，届满提醒，导出 xlsx 或 CSV" },
	  &org_list_screen },
	{ { '3', "党员管理", "党员台账、按组织查看、党员结构统计；发展党员（申请人到转正）和到期提醒" },
	  &member_menu_screen },
	{ { '4', "三会一课", "会议台账与签到请假、组织生活落实情况（按月季年统计）、缺勤预警名单" },
	  &meeting_menu_screen },
	{ { '5', "分类定级", "基层党组织分类定级：评分、定级、比例控制、确认公布，整改台账和晋位升级" },
	  &grading_rounds_screen },
	{ { '6', "支部立项", "党支部工作立项活动：申报、评审立项、经费、中期检查、验收评分、优秀成果" },
	  &review_project_batches_screen },
	{ { '7', "标杆样板创建", "标杆学院和样板支部：申报、资格审查、遴选、创建、验收命名" },
	  &review_create_batches_screen },
	{ { '8', "表彰荣誉", "优秀共产党员、先进基层党组织等荣誉登记：年度、称号、级别筛选，撤销，导出" },
	  &honour_menu_screen },
	{ { '9', "工作计划与督导", "实施方案与任务、工作汇报、督导检查、联系点走访、述职评议、通报" },
	  &plan_menu_screen },
	{ { 'f', "党费管理", "按月按支部录入党费（比例和定额自动计算）、各支部汇总、欠交名单" },
	  &dues_menu_screen },
	{ { 't', "党内统计", "年报各表：党员基本情况、增减（逐人核对）、发展、转正、出党、基层组织、表彰；名单、导出" },
	  &stats_menu_screen },
	{ { 'y', "用户管理", "登记操作员：系统账号、角色（管理员/操作员/只读）、可修改的组织范围" },
	  &user_browse_screen, 1 },
	{ { 'r', "操作日志", "谁在何时新增、修改、撤销、删除了哪条记录，改动前后的内容；筛选、导出" },
	  &audit_browse_screen, 1 },
	{ { '0', "退出系统", "退出党建台账（也可按 F10）" }, NULL },
};

static const struct menu_screen menu = {
	entries, sizeof entries / sizeof *entries, "按数字键直接进入，或用 ↑↓ 选择后按回车", 1,
};

static void *open_menu(struct app *a, void *arg)
{
	(void)arg;
	struct session *s = a->session;
	/* the main menu opens once, when the program starts */
	if (todo_at_start(s->cfg))
		app_push(a, &todo_screen, NULL);
	return menu_screen_open(&menu, s);
}

const struct screen main_menu_screen = {
	.name = "主菜单",
	.help = "主菜单列出本系统已提供的各项工作。\n"
	        "按菜单项前的数字或字母直接进入，或用 ↑↓ 移动后按回车。\n"
	        "F10（或 Esc 0）退出系统；F1（或 Esc 1）显示本帮助。\n"
	        "功能键在部分终端上不起作用时，先按 Esc 再按数字键即可代替。",
	.legend = menu_screen_legend,
	.open = open_menu,
	.close = menu_screen_close,
	.draw = menu_screen_draw,
	.key = menu_screen_key,
};
