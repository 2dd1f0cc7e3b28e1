/* list.c — 党员台账: the members of a subtree, with the counts of
 * those in good standing above the grid.  F4 chooses the subtree; F6 enters
 * new members; F8 closes a member out (转出, 去世 …) through its event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "member/member.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/member/actions.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct member_list {
	struct session *s;
	struct member_scope_arg *arg;   /* may be NULL: the operator's scope */
	int64_t root;
	int all;                        /* also those who left */
	char scope[128];
	long n_full, n_prob;
	struct list_view list;
	struct member_form_arg form;
	struct member_event_arg event;
	struct member_scope_arg stats;
};

static void count(struct member_list *w)
{
	w->n_full = member_count(w->s, w->root, "正式党员");
	w->n_prob = member_count(w->s, w->root, "预备党员");
}

/* A new source for the scope and the 在册/全部 choice; a new scope keeps
 * what was being looked for. */
static int load(struct member_list *w)
{
	struct row_source *rs = member_list_source(w->s, w->root, w->all);
	if (list_view_show(&w->list, rs, 1,
	                   w->all ? "暂无党员记录，按 F6 新增" :
	                   "暂无在册党员，按 F6 新增（名册可用 dangjian import members 导入）",
	                   LIST_KEEP_FIND, "党员"))
		return -1;
	list_scope_name(w->s, w->root, w->scope, sizeof w->scope);
	count(w);
	return 0;
}

static void *open_list(struct app *a, void *arg)
{
	struct member_list *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->root = w->arg ? w->arg->root : 0;
	if (load(w)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_list(void *st)
{
	struct member_list *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct member_list *w = st;
	char head[512];
	snprintf(head, sizeof head, "%s  在册党员 %ld 人（正式 %ld，预备 %ld）%s", w->scope,
	         w->n_full + w->n_prob, w->n_full, w->n_prob, w->all ? "  显示：全部（含已转出等）" : "");
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct member_list *w = st;
	count(w);
	list_view_resume(&w->list, &w->form.saved_id);
}

static enum outcome open_form(struct member_list *w, struct app *a, int64_t id, int transfer_in)
{
	memset(&w->form, 0, sizeof w->form);
	w->form.id = id;
	w->form.transfer_in = transfer_in;
	if (!id)
		member_scope_branch(w->s, w->root, w->form.org, sizeof w->form.org);
	app_push(a, &member_form_screen, &w->form);
	return SCR_PUSH;
}

static enum outcome change_scope(struct member_list *w)
{
	int64_t root = w->root ? w->root : w->s->scope_org;
	if (!member_pick_scope(w->s, &root))
		return SCR_REDRAW;
	w->root = root;
	return load(w) ? SCR_BACK : SCR_REDRAW;
}

static enum outcome actions(struct member_list *w, struct app *a)
{
	const char *items[] = {
		"办理党员变动（转出、出党、去世、失联、流出、内部调整…）", "转入党员（从外单位转来）",
		w->all ? "只显示在册党员" : "显示全部党员（含已转出、去世等）", "党员结构统计",
		"导出党员名册（xlsx/CSV）",
	};
	switch (dialog_pick("操作", items, 5, 0)) {
	case 0:
		return member_choose_event(a, grid_selected_id(&w->list.g), &w->event);
	case 1:
		return open_form(w, a, 0, 1);
	case 2:
		w->all = !w->all;
		return load(w) ? SCR_BACK : SCR_REDRAW;
	case 3:
		w->stats.root = w->root;
		app_push(a, &member_stats_screen, &w->stats);
		return SCR_PUSH;
	case 4:
		member_export_roster(w->s, w->root);
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome open_row(void *st, struct app *a, int64_t id)
{
	return open_form(st, a, id, 0);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct member_list *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_row, w);
	if (o == SCR_HANDLED && k.code == K_F5) {   /* the grid read its rows again */
		count(w);
		return SCR_REDRAW;
	}
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F4:
		return change_scope(w);
	case K_F6:
		return open_form(w, a, 0, 0);
	case K_F8:
		return member_choose_event(a, grid_selected_id(&w->list.g), &w->event);
	case K_F9:
		return actions(w, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", "范围", "刷新", "新增", "查找",
                                        "转出等", "操作", "退出" };

const struct screen member_list_screen = {
	.name = "党员台账",
	.help = "所选党组织（含下级）的党员名册；首行为在册党员人数（只计状态为“正常”的党员）。\n"
	        "↑↓ 移动，PgUp/PgDn 翻页，Home/End 到首/末条；< > 选择排序列，r 反向。\n"
	        "F5：刷新名册和首行人数（读入他人刚录入或转出的党员）。\n"
	        "回车：打开党员信息（下方显示组织关系变动记录）。\n"
	        "F4：选择范围（党委、党总支或党支部，可输入拼音首字母）。\n"
	        "F6：新增党员（连续录入，Ctrl-D 复制上一条的本栏，如所在支部）。\n"
	        "F7 或 /：查找，输入姓名、拼音首字母（如 zs）、身份证号或手机号的一部分；\n"
	        "　　只输入字母时按拼音首字母的开头查找。\n"
	        "F8：为所选党员办理转出、出党、去世、失联、流出、内部调整等。党员不删除。\n"
	        "F9：操作菜单（办理变动、转入党员、显示全部、党员结构统计、导出名册）。\n"
	        "灰色为已转出、出党、去世等不在册的党员（F9 选择“显示全部”时列出）。\n"
	        "功能键不起作用时，先按 Esc 再按数字键（Esc 6 = F6）。",
	.legend = legend,
	.open = open_list,
	.close = close_list,
	.draw = draw,
	.key = key,
	.resume = resume,
};
