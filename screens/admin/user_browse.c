/* user_browse.c — 用户管理: the operators, who may use the program in which
 * role over which organizations.  Admins only (the main menu hides it from
 * everyone else, and the screen refuses to open for them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/user.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct user_browse {
	struct session *s;
	struct list_view list;
	struct user_form_arg arg;
};

static void *open_browse(struct app *a, void *arg)
{
	(void)arg;
	struct session *s = a->session;
	struct dj_err e;
	if (s->role != ROLE_ADMIN) {
		user_may_manage(s, &e);
		frame_message(MSG_ERROR, "%s", e.msg);
		return NULL;
	}
	struct user_browse *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->s = s;
	struct row_source *rs = user_list_source(s);
	if (list_view_show(&b->list, rs, 0,
	                   "暂无操作员（本机用户现均为管理员），按 F6 新增，第一个请登记您自己",
	                   LIST_KEEP_NOTHING, "操作员")) {
		free(b);
		return NULL;
	}
	return b;
}

static void close_browse(void *st)
{
	struct user_browse *b = st;
	list_view_free(&b->list);
	free(b);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	grid_draw(&((struct user_browse *)st)->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct user_browse *b = st;
	list_view_resume(&b->list, &b->arg.saved_id);
}

static enum outcome open_form(void *st, struct app *a, int64_t id)
{
	struct user_browse *b = st;
	memset(&b->arg, 0, sizeof b->arg);
	b->arg.id = id;
	app_push(a, &user_form_screen, &b->arg);
	return SCR_PUSH;
}

static enum outcome remove_selected(struct user_browse *b)
{
	struct user u;
	struct dj_err e;
	int64_t id = grid_selected_id(&b->list.g);
	if (!id)
		return SCR_HANDLED;
	if (user_load(b->s, id, &u, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_REDRAW;
	}
	char q[256];
	snprintf(q, sizeof q, "删除操作员 %s（%s）？\n删除后该账号不能再使用本系统；其操作日志保留。",
	         u.login, u.display);
	if (!dialog_ask(q, 0))
		return SCR_REDRAW;
	if (user_delete(b->s, u.id, u.version, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else
		frame_message(MSG_INFO, "已删除操作员 %s", u.login);
	grid_refresh(&b->list.g);
	return SCR_REDRAW;
}

static int write_users(void *ctx, const char *path, FILE *report, int *n)
{
	return user_export_csv(ctx, path, report, n);
}

static void export_list(struct user_browse *b)
{
	char path[256];
	list_file_name(path, sizeof path, "操作员");
	list_export("导出操作员名单", path, "名操作员", NULL, write_users, b->s);
}

static enum outcome actions(struct user_browse *b, struct app *a)
{
	static const char *const items[] = { "新增操作员", "修改所选操作员", "删除所选操作员",
	                                     "导出操作员名单（xlsx/CSV）" };
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0:
		return open_form(b, a, 0);
	case 1:
		return grid_selected_id(&b->list.g) ? open_form(b, a, grid_selected_id(&b->list.g))
		                                    : SCR_REDRAW;
	case 2:
		return remove_selected(b);
	case 3:
		export_list(b);
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct user_browse *b = st;
	enum outcome o = list_view_key(&b->list, k, a, open_form, b);
	if (o != SCR_PASS)
		return o;
	switch (k.code) {
	case K_F6:
		return open_form(b, a, 0);
	case K_F8:
		return remove_selected(b);
	case K_F9:
		return actions(b, a);
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", "删除",
                                        "操作", "退出" };

const struct screen user_browse_screen = {
	.name = "用户管理",
	.help = "本系统的操作员：谁能使用、是什么角色、能修改哪些组织。只有管理员能进入本屏。\n"
	        "角色：管理员（全部功能，含用户管理和操作日志）；操作员（只能修改「管辖范围」\n"
	        "所列组织及其下级的数据）；只读（只能查看）。\n"
	        "登录名是该人在服务器上的系统账号名；账号须先由系统管理员创建并加入\n"
	        "dangjian-users 组（见 README「管理员」一节）。没有登记的账号不能使用本系统。\n"
	        "↑↓ 移动，回车修改，F6 新增，F8 删除，F9 操作（含导出），F7 或 / 查找登录名或姓名。\n"
	        "角色和管辖范围的改动在该操作员下次启动本程序时生效。\n"
	        "F5 刷新，F3 或 Esc 返回主菜单，F10 退出系统。",
	.legend = legend,
	.open = open_browse,
	.close = close_browse,
	.draw = draw,
	.key = key,
	.resume = resume,
};
