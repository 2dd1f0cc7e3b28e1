/* browse.c — the two ways of looking at the registry: the tree
 * (组织管理) and the flat ledger (组织台账).  Both are a grid over a row
 * source; the tree adds expand and collapse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org/org.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/docs/import.h"
#include "screens/org/actions.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct browse {
	struct session *s;
	int tree;
	struct list_view list;
	struct org_form_arg arg;   /* what the form opened from here works on */
};

static void *open_browse(struct app *a, int tree)
{
	struct browse *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->s = a->session;
	b->tree = tree;
	struct row_source *rs = tree ? org_tree_source(b->s, b->s->scope_org)
	                             : org_list_source(b->s, b->s->scope_org);
	if (list_view_show(&b->list, rs, 0, "暂无记录，按 F6 新增第一个党组织（党委）", LIST_KEEP_NOTHING,
	                   "组织")) {
		free(b);
		return NULL;
	}
	return b;
}

static void *open_tree(struct app *a, void *arg)
{
	(void)arg;
	return open_browse(a, 1);
}

static void *open_list(struct app *a, void *arg)
{
	(void)arg;
	return open_browse(a, 0);
}

static void close_browse(void *st)
{
	struct browse *b = st;
	list_view_free(&b->list);
	free(b);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	grid_draw(&((struct browse *)st)->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct browse *b = st;
	if (b->arg.saved_id && b->tree)
		org_tree_reveal(b->list.rs, b->arg.saved_id);
	list_view_resume(&b->list, &b->arg.saved_id);
}

static enum outcome open_form(struct browse *b, struct app *a, int64_t id, const char *parent)
{
	memset(&b->arg, 0, sizeof b->arg);
	b->arg.id = id;
	snprintf(b->arg.parent, sizeof b->arg.parent, "%s", parent ? parent : "");
	app_push(a, &org_form_screen, &b->arg);
	return SCR_PUSH;
}

/* F6: a new organization under the selected one when it can hold one, else
 * beside it (under its parent). */
static enum outcome add_new(struct browse *b, struct app *a)
{
	struct org o;
	struct dj_err e;
	int64_t id = grid_selected_id(&b->list.g);
	if (!id || org_load(b->s, id, &o, &e))
		return open_form(b, a, 0, "");
	int holds = strcmp(o.kind, "党小组") != 0 && strcmp(o.status, "正常") == 0;
	return open_form(b, a, 0, holds ? o.name : o.parent);
}

static enum outcome redraw_after(struct browse *b, int changed)
{
	if (changed)
		grid_refresh(&b->list.g);
	return SCR_REDRAW;
}

static enum outcome actions(struct browse *b, struct app *a)
{
	static const char *const items[] = { "新增下级组织", "撤销本组织", "删除本组织",
	                                     "导出全部党组织（xlsx/CSV）", "导入党组织（.xlsx 或 CSV）" };
	int64_t id = grid_selected_id(&b->list.g);
	switch (dialog_pick("操作", items, 5, 0)) {
	case 0:
		return add_new(b, a);
	case 1:
		return redraw_after(b, id && org_action_dissolve(b->s, id));
	case 2:
		return redraw_after(b, org_action_remove(b->s, id));
	case 3:
		org_action_export(b->s);
		return SCR_REDRAW;
	case 4:
		return redraw_after(b, import_run(b->s, IMPORT_ORGS) > 0);
	default:
		return SCR_REDRAW;
	}
}

/* Expand/collapse in the tree; Left on an open node closes it, on a closed
 * one goes up to its parent. */
static enum outcome tree_key(struct browse *b, struct key k)
{
	const struct rs_row *r = grid_selected(&b->list.g);
	if (!r)
		return SCR_PASS;
	int64_t id = r->key.id;
	const char *cell = r->cell[0];
	while (*cell == ' ')
		cell++;
	int has_children = *cell == '+' || *cell == '-';
	int open = *cell == '-';
	int right = k.code == K_RIGHT || (k.code == K_CHAR && k.ch == L'+');
	int left = k.code == K_LEFT || (k.code == K_CHAR && k.ch == L'-');
	if (k.code == K_CHAR && k.ch == L'*') {
		org_tree_expand_all(b->list.rs, 1);
	} else if (k.code == K_F4 || (right && has_children && !open) || (left && open)) {
		if (!has_children)
			return SCR_HANDLED;
		org_tree_toggle(b->list.rs, id);
	} else if (left) {
		struct org o;
		struct dj_err e;
		int64_t parent;
		if (org_load(b->s, id, &o, &e) == 0 && *o.parent &&
		    org_find_by_name(b->s, o.parent, &parent) == 0)
			grid_select_id(&b->list.g, parent);
		grid_draw(&b->list.g);
		return SCR_HANDLED;
	} else {
		return SCR_PASS;
	}
	grid_select_id(&b->list.g, id);
	grid_draw(&b->list.g);
	return SCR_HANDLED;
}

static enum outcome open_row(void *st, struct app *a, int64_t id)
{
	return open_form(st, a, id, NULL);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct browse *b = st;
	if (b->tree && tree_key(b, k) == SCR_HANDLED)
		return SCR_HANDLED;
	int finding = k.code == K_F7 || (k.code == K_CHAR && k.ch == L'/');
	enum outcome o = list_view_key(&b->list, k, a, open_row, b);
	/* The tree lists a match's ancestors too: put the selection on the
	 * first organization that matches itself. */
	if (o == SCR_HANDLED && b->tree && finding && org_tree_first_match(b->list.rs)) {
		grid_select_id(&b->list.g, org_tree_first_match(b->list.rs));
		grid_draw(&b->list.g);
	}
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F6:
		return add_new(b, a);
	case K_F8:
		return redraw_after(b, org_action_remove(b->s, grid_selected_id(&b->list.g)));
	case K_F9:
		return actions(b, a);
	default:
		return SCR_PASS;
	}
}

static const char *const tree_legend[10] = { "帮助", NULL, "返回", "展开", "刷新", "新增", "查找",
                                             "删除", "操作", "退出" };
static const char *const list_legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找",
                                             "删除", "操作", "退出" };

#define COMMON_HELP \
	"↑↓ 移动，PgUp/PgDn 翻页，Home/End 到首/末条。\n" \
	"回车：打开所选组织的登记表修改。\n" \
	"F6：新增党组织（默认设在所选组织之下）。\n" \
	"F7 或 /：查找，输入名称中的字或拼音首字母（如 wfc 找 五夫村），空白回车取消查找。\n" \
	"F8：删除所选组织；有下级、党员或历史记录的组织不能删除，可改为撤销。\n" \
	"F9：操作菜单（新增下级、撤销、删除、导出 xlsx 或 CSV、导入党组织）。\n" \
	"F5：刷新。F3 或 Esc：返回主菜单。F10：退出系统。\n" \
	"行首的 ! 表示本届将在 6 个月内届满（或已届满），灰色为已撤销的组织。\n" \
	"功能键不起作用时，先按 Esc 再按数字键（Esc 6 = F6）。"

const struct screen org_tree_screen = {
	.name = "组织管理",
	.help = "组织树：党委 → 党总支 → 党支部 → 党小组；同级按类型、排序号、名称拼音排列。\n"
	        "→ 或 + 展开，← 或 - 收起（已收起时回到上级），F4 展开/收起，* 全部展开。\n"
	        COMMON_HELP,
	.legend = tree_legend,
	.open = open_tree,
	.close = close_browse,
	.draw = draw,
	.key = key,
	.resume = resume,
};

const struct screen org_list_screen = {
	.name = "组织台账",
	.help = "全部党组织一览（含已撤销的组织）。\n"
	        "按组织树排列：上级在前、下级随后；同一上级下先按类型（党委、党总支、党支部、党小组），"
	        "再按排序号，再按名称拼音（第一、第二……第十按数字顺序）。排序号在登记表中修改。\n"
	        "< 和 > 选择排序列（党组织名称按拼音，上级组织即组织树的次序），r 反向排序。\n"
	        COMMON_HELP,
	.legend = list_legend,
	.open = open_list,
	.close = close_browse,
	.draw = draw,
	.key = key,
	.resume = resume,
};
