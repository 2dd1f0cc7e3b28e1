/* scope.c — 按组织查看党员: the organization tree; Enter opens the
 * roster of the chosen organization and everything under it. */
#include <stdlib.h>

#include "org/org.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/draw.h"

struct scope_tree {
	struct session *s;
	struct list_view tree;
	struct member_scope_arg list;
};

static void *open_tree(struct app *a, void *arg)
{
	(void)arg;
	struct scope_tree *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	struct row_source *rs = org_tree_source(w->s, w->s->scope_org);
	if (list_view_show(&w->tree, rs, 0, "还没有党组织：请先在“组织管理”中新增", LIST_KEEP_NOTHING,
	                   NULL)) {
		frame_message(MSG_ERROR, "无法读取组织树");
		free(w);
		return NULL;
	}
	return w;
}

static void close_tree(void *st)
{
	struct scope_tree *w = st;
	list_view_free(&w->tree);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct scope_tree *w = st;
	grid_draw(&w->tree.g);
}

/* → + open a node, ← - close it (or go to the parent), * opens all. */
static int tree_key(struct scope_tree *w, struct key k)
{
	const struct rs_row *r = grid_selected(&w->tree.g);
	if (!r)
		return 0;
	const char *cell = r->cell[0];
	while (*cell == ' ')
		cell++;
	int has_children = *cell == '+' || *cell == '-', open = *cell == '-';
	int right = k.code == K_RIGHT || (k.code == K_CHAR && k.ch == L'+');
	int left = k.code == K_LEFT || (k.code == K_CHAR && k.ch == L'-');
	int64_t id = r->key.id;
	if (k.code == K_CHAR && k.ch == L'*')
		org_tree_expand_all(w->tree.rs, 1);
	else if ((k.code == K_F4 && has_children) || (right && has_children && !open) || (left && open))
		org_tree_toggle(w->tree.rs, id);
	else if (!right && !left && k.code != K_F4)
		return 0;
	grid_select_id(&w->tree.g, id);
	grid_draw(&w->tree.g);
	return 1;
}

static enum outcome open_roster(void *st, struct app *a, int64_t id)
{
	struct scope_tree *w = st;
	w->list.root = id;
	app_push(a, &member_list_screen, &w->list);
	return SCR_PUSH;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct scope_tree *w = st;
	if (tree_key(w, k))
		return SCR_HANDLED;
	return list_view_key(&w->tree, k, a, open_roster, w);
}

static const char *const legend[10] = { "帮助", NULL, "返回", "展开", "刷新", NULL, "查找", NULL,
                                        NULL, "退出" };

const struct screen member_scope_screen = {
	.name = "按组织查看党员",
	.help = "组织树：选中一个党组织后按回车，查看它（含下级）的党员台账。\n"
	        "→ 或 + 展开，← 或 - 收起，F4 展开/收起，* 全部展开。\n"
	        "F7 或 /：按名称或拼音首字母查找组织。F3 或 Esc 返回。",
	.legend = legend,
	.open = open_tree,
	.close = close_tree,
	.draw = draw,
	.key = key,
};
