/* dev_list.c — 发展党员: the people on the development path in a subtree,
 * with how many are at each stage; F6 registers an applicant, Enter opens
 * the case, where F9 takes the next step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "member/devcase.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/member/actions.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct dev_list {
	struct session *s;
	int64_t root;
	char scope[128];
	long counts[DEV_NSTAGES];
	struct list_view list;
	struct dev_form_arg form;
	struct member_scope_arg remind;
};

/* The cases of the scope; a new scope keeps what was being looked for. */
static int load(struct dev_list *w)
{
	struct row_source *rs = dev_list_source(w->s, w->root ? w->root : w->s->scope_org);
	if (list_view_show(&w->list, rs, 1, "暂无发展党员记录，按 F6 登记入党申请人", LIST_KEEP_FIND,
	                   "发展党员记录"))
		return -1;
	list_scope_name(w->s, w->root, w->scope, sizeof w->scope);
	dev_stage_counts(w->s, w->root ? w->root : w->s->scope_org, w->counts);
	return 0;
}

static void *open_list(struct app *a, void *arg)
{
	struct dev_list *w = calloc(1, sizeof *w);
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

static void close_list(void *st)
{
	struct dev_list *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct dev_list *w = st;
	char head[512];
	size_t n = (size_t)snprintf(head, sizeof head, "%s ", w->scope);
	for (int i = 0; i < DEV_NSTAGES && n < sizeof head; i++)
		n += (size_t)snprintf(head + n, sizeof head - n, " %s %ld", dev_stage_names[i], w->counts[i]);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct dev_list *w = st;
	dev_stage_counts(w->s, w->root ? w->root : w->s->scope_org, w->counts);
	list_view_resume(&w->list, &w->form.saved_id);
}

static enum outcome open_form(void *st, struct app *a, int64_t id)
{
	struct dev_list *w = st;
	memset(&w->form, 0, sizeof w->form);
	w->form.id = id;
	if (!id)
		member_scope_branch(w->s, w->root, w->form.org, sizeof w->form.org);
	app_push(a, &dev_form_screen, &w->form);
	return SCR_PUSH;
}

static enum outcome actions(struct dev_list *w, struct app *a)
{
	static const char *const items[] = { "登记入党申请人", "打开所选记录办理下一步", "发展提醒",
	                                     "导出本列表（xlsx/CSV）" };
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0:
		return open_form(w, a, 0);
	case 1:
		return grid_selected_id(&w->list.g) ? open_form(w, a, grid_selected_id(&w->list.g))
		                                    : SCR_HANDLED;
	case 2:
		w->remind.root = w->root;
		app_push(a, &dev_remind_screen, &w->remind);
		return SCR_PUSH;
	case 3:
		member_export_rows(w->list.rs, "发展党员", "发展党员记录");
		return SCR_REDRAW;
	default:
		return SCR_HANDLED;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct dev_list *w = st;
	int64_t root = w->root ? w->root : w->s->scope_org;
	enum outcome o = list_view_key(&w->list, k, a, open_form, w);
	if (o == SCR_HANDLED && k.code == K_F5) {   /* the stage counts with the rows */
		dev_stage_counts(w->s, root, w->counts);
		return SCR_REDRAW;
	}
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4:
		if (!member_pick_scope(w->s, &root))
			return SCR_REDRAW;
		w->root = root;
		return load(w) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		return open_form(w, a, 0);
	case K_F9:
		return actions(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", "登记", "查找", NULL,
                                        "操作", "退出" };

const struct screen dev_list_screen = {
	.name = "发展党员",
	.help = "发展党员的全过程：入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员。\n"
	        "首行为各阶段人数。“下一步”列为该办理的事项和到期日；行首 ! 表示 30 天内到期或已过期，\n"
	        "灰色为已转正或已终止培养。\n"
	        "回车：打开登记表，填写下一步的日期等，再按 F9 办理（如“确定为入党积极分子”）。\n"
	        "F6：登记新的入党申请人。F4：选择范围。F7 或 /：按姓名或拼音首字母查找。\n"
	        "F9：操作菜单（登记、办理下一步、发展提醒、导出）。< > 选择排序列，r 反向。",
	.legend = legend,
	.open = open_list,
	.close = close_list,
	.draw = draw,
	.key = key,
	.resume = resume,
};
