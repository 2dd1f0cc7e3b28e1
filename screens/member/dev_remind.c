/* dev_remind.c — 发展提醒: what falls due on the development path in a
 * subtree — applications waiting for their talk, activists reaching their
 * year, probationers due for 转正 — by due date; Enter opens the case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "member/devcase.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/member/actions.h"
#include "tui/draw.h"

struct remind {
	struct session *s;
	int64_t root;
	char scope[128];
	struct list_view list;
	struct dev_form_arg form;
};

/* What falls due in the scope; a new scope keeps what was being looked for. */
static int load(struct remind *w)
{
	struct row_source *rs = dev_remind_source(w->s, w->root ? w->root : w->s->scope_org);
	if (list_view_show(&w->list, rs, 1, "目前没有到期需要办理的事项", LIST_KEEP_FIND, "发展提醒"))
		return -1;
	list_scope_name(w->s, w->root, w->scope, sizeof w->scope);
	return 0;
}

static void *open_remind(struct app *a, void *arg)
{
	struct remind *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->root = arg ? ((struct member_scope_arg *)arg)->root : 0;
	if (load(w)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_remind(void *st)
{
	struct remind *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct remind *w = st;
	char head[256];
	snprintf(head, sizeof head, "%s  到期或即将到期的发展党员事项（行首 ! 为已到期）", w->scope);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct remind *w = st;
	grid_refresh(&w->list.g);
}

static enum outcome open_case(void *st, struct app *a, int64_t id)
{
	struct remind *w = st;
	memset(&w->form, 0, sizeof w->form);
	w->form.id = id;
	app_push(a, &dev_form_screen, &w->form);
	return SCR_PUSH;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct remind *w = st;
	int64_t root = w->root ? w->root : w->s->scope_org;
	enum outcome o = list_view_key(&w->list, k, a, open_case, w);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4:
		if (!member_pick_scope(w->s, &root))
			return SCR_REDRAW;
		w->root = root;
		return load(w) ? SCR_BACK : SCR_REDRAW;
	case K_F9:
		member_export_rows(w->list.rs, "发展提醒", "提醒");
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", NULL, "查找", NULL,
                                        "导出", "退出" };

const struct screen dev_remind_screen = {
	.name = "发展提醒",
	.help = "到期或即将到期的发展党员事项，按到期日排列：\n"
	        "申请待谈话：收到入党申请后应在规定天数（默认 30 天）内派人谈话；\n"
	        "积极分子满培养期：培养满一年，可以确定为发展对象；\n"
	        "预备党员转正：预备期在 30 天内届满（或已届满），应及时讨论转正；\n"
	        "培养考察到期：每半年一次的考察；公示结束：发展对象或转正公示的最后一天；\n"
	        "待备案：确定发展对象或党委审批后 30 天内应报上级备案。\n"
	        "天数按 dangjian.ini [develop] 的设置计算。回车打开登记表办理。\n"
	        "F4：选择范围。F7 或 /：按姓名或拼音首字母查找。F9：导出为 xlsx 或 CSV。",
	.legend = legend,
	.open = open_remind,
	.close = close_remind,
	.draw = draw,
	.key = key,
	.resume = resume,
};
