/* hub.c — one round's menu: its settings, the score sheets, the
 * ledger, the proportion check and confirmation, and rectification, with
 * the round's state on the status line. */
#include <stdlib.h>
#include <string.h>

#include "grading/grading.h"
#include "screens/common/screens.h"
#include "screens/grading/actions.h"
#include "tui/draw.h"
#include "tui/menu.h"

enum { H_SETTINGS, H_SHEET, H_LEDGER, H_CHECK, H_CONFIRM, H_BOTTOM, H_RECTIFY, H_BACK, H_N };

static const struct menu_item items[H_N] = {
	[H_SETTINGS] = { '1', "定级设置", "年度、组织单位、等次名称、分数线、比例指导，评分指标和评分来源权重" },
	[H_SHEET] = { '2', "评分录入", "每个评分来源一张表：组织为行、指标为列，边录入边算合计和建议等次" },
	[H_LEDGER] = { '3', "定级台账", "各组织各来源得分、综合得分、等次、上次等次和升降；调整等次；导出 xlsx 或 CSV" },
	[H_CHECK] = { '4', "比例检查", "按等次、按分类（农村、国有金融机构、非公企业、机关事业单位）对照指导比例" },
	[H_CONFIRM] = { '5', "确认定级并公布", "检查比例后确认：本轮锁定，记录公布日期，一般和后进的组织列入整改" },
	[H_BOTTOM] = { '6', "一村一策名单", "按综合得分倒排后 10% 的村，实行一村一策、分类指导" },
	[H_RECTIFY] = { '7', "整改台账", "存在问题、整改措施、责任人、整改期限、进展和验收；逾期提醒" },
	[H_BACK] = { '0', "返回", NULL },
};

struct hub {
	struct session *s;
	int64_t round_id;
	struct grading_arg sub;
	struct menu m;
	char summary[320];
};

static void refresh_summary(struct hub *h)
{
	grading_summary(h->s, h->round_id, h->summary, sizeof h->summary);
}

static void *open_hub(struct app *a, void *arg)
{
	const struct grading_arg *from = arg;
	struct grading_round r;
	struct dj_err e;
	struct hub *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	h->s = a->session;
	h->round_id = from ? from->round_id : 0;
	if (grading_round_load(h->s, h->round_id, &r, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(h);
		return NULL;
	}
	menu_init(&h->m, items, H_N);
	refresh_summary(h);
	return h;
}

static void close_hub(void *st)
{
	free(st);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct hub *h = st;
	menu_draw(&h->m);
	frame_status(h->summary, "");
}

static void resume(void *st, struct app *a)
{
	(void)a;
	refresh_summary(st);
}

static enum outcome push(struct hub *h, struct app *a, const struct screen *sc)
{
	memset(&h->sub, 0, sizeof h->sub);
	h->sub.round_id = h->round_id;
	app_push(a, sc, &h->sub);
	return SCR_PUSH;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct hub *h = st;
	int chosen = menu_key(&h->m, k);
	if (chosen == MENU_HANDLED)
		return SCR_HANDLED;
	switch (chosen) {
	case H_SETTINGS:
		return push(h, a, &grading_round_form_screen);
	case H_SHEET:
		return push(h, a, &grading_sheet_screen);
	case H_LEDGER:
		return push(h, a, &grading_ledger_screen);
	case H_CHECK:
		grading_action_check(h->s, h->round_id);
		return SCR_REDRAW;
	case H_CONFIRM:
		grading_action_confirm(h->s, h->round_id);
		refresh_summary(h);
		return SCR_REDRAW;
	case H_BOTTOM:
		grading_action_bottom(h->s, h->round_id);
		return SCR_REDRAW;
	case H_RECTIFY:
		return push(h, a, &rectify_list_screen);
	case H_BACK:
		return SCR_BACK;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, NULL, NULL, NULL, NULL, NULL,
                                        "退出" };

const struct screen grading_hub_screen = {
	.name = "本轮定级",
	.help = "一轮分类定级的各项工作，按数字键直接进入：\n"
	        "1 定级设置　2 评分录入　3 定级台账　4 比例检查\n"
	        "5 确认定级并公布　6 一村一策名单　7 整改台账　0 返回\n"
	        "顺序一般为：设置 → 按来源录入评分 → 在台账中核对、必要时调整等次 →\n"
	        "比例检查 → 确认并公布 → 整改。最下一行显示本轮状态。",
	.legend = legend,
	.open = open_hub,
	.close = close_hub,
	.draw = draw,
	.key = key,
	.resume = resume,
};
