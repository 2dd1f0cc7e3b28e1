/* user_form.c — 操作员登记: one operator's login, name, role and scope.
 * New operators are entered in entry mode; 角色 and 管辖范围 carry over. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/user.h"
#include "org/org.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

struct user_form {
	struct session *s;
	struct user_form_arg *arg;
	struct user rec;
	struct record_form r;
};

static struct row_source *open_orgs(void *ctx)
{
	return org_pick_source(((struct user_form *)ctx)->s);
}

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择管辖范围（组织）",
};

#define M(member) FORM_MEMBER(struct user, member)
static const struct form_field fields[] = {
	{ .key = "login", .label = "登录名：", .row = 1, .col = 2, .width = 20, .type = FT_TEXT,
	  .required = 1, .max_chars = 32, M(login),
	  .help = "该操作员在服务器上的系统账号名，即 SSH 登录时用的名字，如 zhangsan。\n"
	          "账号须由系统管理员创建（adduser）并加入 dangjian-users 组。" },
	{ .key = "display", .label = "姓名：", .row = 1, .col = 42, .width = 12, .type = FT_TEXT,
	  .max_chars = 10, M(display), .help = "显示在屏幕顶行「操作员」处的姓名；不填则显示登录名。" },
	{ .key = "role", .label = "角色：", .row = 3, .col = 2, .width = 8, .type = FT_CHOICE,
	  .required = 1, .choices = user_role_labels, .carry = 1, M(role),
	  .help = "管理员：全部功能，含用户管理、操作日志、备份恢复。\n"
	          "操作员：只能修改「管辖范围」内组织（含下级）的数据。\n"
	          "只读：只能查看，不能修改。按 F4 选择。" },
	{ .key = "org", .label = "管辖范围：", .row = 5, .col = 2, .width = 46, .type = FT_LINK,
	  .lookup = &org_lookup, .carry = 1, .grow = 1, M(org),
	  .help = "操作员能修改的组织：该组织及其全部下级。按 F4 从列表中选择。\n"
	          "留空为全部组织；管理员必须留空。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

static int load_user(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return user_load(((struct user_form *)ctx)->s, id, rec, e);
}

static int save_user(void *ctx, void *draft, struct dj_err *e)
{
	return user_save(((struct user_form *)ctx)->s, draft, e);
}

static const struct record_ops user_ops = {
	.table = "app_user", .size = sizeof(struct user), .id_at = offsetof(struct user, id),
	.entry = 1, .words = RECORD_TELL_ONCE, .load = load_user, .save = save_user,
};

static void *open_form(struct app *a, void *arg)
{
	struct session *s = a->session;
	struct dj_err e;
	if (user_may_manage(s, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return NULL;
	}
	struct user_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = s;
	w->arg = arg;
	if (!w->arg->id)
		snprintf(w->rec.role, sizeof w->rec.role, "%s", user_role_label(ROLE_OPERATOR));
	w->r = (struct record_form){ .ops = &user_ops, .s = s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_form(void *st)
{
	struct user_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct user_form *w = st;
	form_draw(&w->r.f);
	frame_status(w->rec.id ? "修改操作员" : "新增操作员（连续录入：保存后保留角色和管辖范围）",
	             "F2 保存  F4 选择");
}

static void saved_message(const struct user *u, int entry_mode, const char *me)
{
	const char *more = entry_mode ? "，可继续录入下一位" : "";
	if (u->caller_added)
		frame_message(MSG_INFO, "已保存 %s；原来没有操作员，已先把您（%s）登记为管理员%s", u->login,
		              me, more);
	else if (!user_unix_account_exists(u->login))
		frame_message(MSG_INFO, "已保存 %s；注意：服务器上还没有这个系统账号，请系统管理员创建%s",
		              u->login, more);
	else
		frame_message(MSG_INFO, "已保存操作员 %s%s", u->login, more);
}

static int save(void *st)
{
	struct user_form *w = st;
	struct user draft;
	if (record_form_save(&w->r, &draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = draft.id;
	saved_message(&draft, w->r.f.entry_mode, w->s->login);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	return record_form_key(&((struct user_form *)st)->r.f, k, save, st);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen user_form_screen = {
	.name = "操作员登记",
	.help = "登记或修改一名操作员。\n"
	        "回车到下一栏，最后一栏回车即保存；F2 保存；F3 或 Esc 返回（有改动时询问）。\n"
	        "F4 在「角色」「管辖范围」栏打开选择列表。F5 把本栏恢复为打开时的内容。\n"
	        "F1 在某一栏上显示该栏的说明。\n"
	        "至少要保留一名管理员。第一次登记他人时，您自己会先被登记为管理员。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
