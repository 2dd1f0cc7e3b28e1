/* actions.c — see actions.h. */
#include "screens/member/actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rows_csv.h"
#include "member/member.h"
#include "org/org.h"
#include "screens/common/list_screen.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"

int member_pick_scope(struct session *s, int64_t *root)
{
	return list_pick_org(s, "选择范围（党委、党总支或党支部，可输入拼音首字母）", root);
}

void member_scope_branch(struct session *s, int64_t root, char *out, size_t cap)
{
	struct org o;
	struct dj_err e;
	out[0] = 0;
	if (root && org_load(s, root, &o, &e) == 0 && strcmp(o.kind, "党支部") == 0 &&
	    strcmp(o.status, "正常") == 0)
		snprintf(out, cap, "%s", o.name);
}

struct rows_ctx {
	struct row_source *rs;
};

static int write_rows(void *ctx, const char *path, FILE *report, int *n)
{
	struct rows_ctx *c = ctx;
	return rows_export_csv(c->rs, NULL, path, report, n);
}

void member_export_rows(struct row_source *rs, const char *file_stem, const char *what)
{
	char path[256], title[96], unit[64];
	struct rows_ctx c = { rs };
	list_file_name(path, sizeof path, file_stem);
	snprintf(title, sizeof title, "导出%s", file_stem);
	snprintf(unit, sizeof unit, "条%s", what);
	list_export(title, path, unit, NULL, write_rows, &c);
}

struct roster {
	struct session *s;
	int64_t root;
};

static int write_roster(void *ctx, const char *path, FILE *report, int *n)
{
	struct roster *r = ctx;
	return member_export_subtree(r->s, r->root, path, report, n);
}

void member_export_roster(struct session *s, int64_t root)
{
	char path[256];
	struct roster r = { s, root ? root : s->scope_org };
	list_file_name(path, sizeof path, "党员名册");
	list_export("导出党员名册", path, "名党员", "（可用 dangjian import members 导入）", write_roster,
	            &r);
}

enum outcome member_choose_event(struct app *a, int64_t member_id, struct member_event_arg *arg)
{
	struct session *s = a->session;
	struct member m;
	struct dj_err e;
	if (!member_id)
		return SCR_HANDLED;
	if (member_load(s, member_id, &m, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return SCR_HANDLED;
	}
	const char *types[10];
	int n = member_events_for(m.status, types);
	if (n == 0) {
		frame_message(MSG_ERROR, "%s已%s，不能再办理变动", m.name, m.status);
		return SCR_HANDLED;
	}
	static const char *const what[][2] = {
		{ "转出", "转往其他单位，开具组织关系介绍信" }, { "出党", "除名、开除党籍等" },
		{ "去世", "" }, { "失联", "长期失去联系" }, { "流出", "外出务工经商等" },
		{ "流入", "外出归来" }, { "恢复", "重新取得联系" }, { "转入", "从外单位转回本单位" },
		{ "内部调整", "调到本单位的另一个党支部" },
	};
	char labels[10][96], title[128];
	const char *items[10];
	for (int i = 0; i < n; i++) {
		const char *note = "";
		for (size_t k = 0; k < sizeof what / sizeof *what; k++)
			if (strcmp(what[k][0], types[i]) == 0)
				note = what[k][1];
		snprintf(labels[i], sizeof labels[i], "%s%s%s%s", types[i], *note ? "（" : "", note,
		         *note ? "）" : "");
		items[i] = labels[i];
	}
	snprintf(title, sizeof title, "为%s办理（现为%s）", m.name, m.status);
	int k = dialog_pick(title, items, n, 0);
	if (k < 0)
		return SCR_HANDLED;
	memset(arg, 0, sizeof *arg);
	arg->member_id = member_id;
	snprintf(arg->type, sizeof arg->type, "%s", types[k]);
	app_push(a, &member_event_screen, arg);
	return SCR_PUSH;
}
