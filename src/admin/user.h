/* user.h — the operators (app_user): which Unix logins may use the program,
 * in which role, over which part of the organization tree (DESIGN.md §8).
 *
 * Roles: 管理员 (admin: everything, and this module), 操作员 (operator:
 * changes records of the organizations under their own), 只读 (viewer).
 * With no operators configured the local user is admin (session.c), so the
 * first `user add` of somebody else registers the caller as admin too —
 * otherwise nobody could manage users any more.  At least one admin always
 * remains.  Every change is in the audit log (table "app_user"). */
#ifndef DJ_USER_H
#define DJ_USER_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"

/* The words operators see, in role order (viewer, operator, admin), NULL
 * terminated: the form's choices. */
extern const char *const user_role_labels[];

/* Every field as text, as the form and the CLI carry it; field keys for
 * dj_err.field are the member names. */
struct user {
	int64_t id;            /* 0 for a new operator */
	int64_t version;
	char login[64];        /* 登录名: the Unix account */
	char display[64];      /* 姓名: shown as 操作员 on row 0 ("" = the login) */
	char role[16];         /* 角色: 管理员 / 操作员 / 只读, or admin / operator / viewer */
	char org[128];         /* 管辖范围: an organization's full name, "" = 全部 */
	int caller_added;      /* set by user_save: the caller was registered as admin first */
};

/* "admin", "管理员" … -> role; returns 0, or -1 when the text names none. */
int user_role_parse(const char *text, enum role *out);
const char *user_role_label(enum role r);   /* 管理员 操作员 只读 */
const char *user_role_code(enum role r);    /* admin operator viewer */

/* Whether the session may manage operators: 0, or DJ_DENIED with why. */
int user_may_manage(struct session *s, struct dj_err *e);

int user_load(struct session *s, int64_t id, struct user *u, struct dj_err *e);
/* By login: 0, or DJ_NOTFOUND with a message naming it. */
int user_find(struct session *s, const char *login, struct user *u, struct dj_err *e);

/* Checks login (a Unix account name), role, scope; admins are unscoped. */
int user_validate(struct session *s, const struct user *u, struct dj_err *e);

/* Inserts (id 0) or updates with the version check (DJ_CONFLICT), admins
 * only, in its own BEGIN IMMEDIATE.  Refuses to leave no admin.  Fills
 * id/version; a failed save leaves *u as it was. */
int user_save(struct session *s, struct user *u, struct dj_err *e);

/* Removes an operator (version-checked).  Refuses the last admin.  Their
 * entries in the audit log stay. */
int user_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);

/* 1 when the system has a Unix account of that name (getpwnam). */
int user_unix_account_exists(const char *login);

/* The list for 用户管理: 登录名 姓名 角色 管辖范围 修改时间; find by a part
 * of the login or the name. */
struct row_source *user_list_source(struct session *s);

/* The list as CSV (登录名,姓名,角色,管辖范围), admins only.  0 or 1. */
int user_export_csv(struct session *s, const char *path, FILE *report, int *exported);

#endif
