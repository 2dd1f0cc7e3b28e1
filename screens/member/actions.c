/* actions.c — see actions.h. */
#include "screens/member/actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
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

/* Every row of the source, a page at a time, under a heading row.  Returns
 * 0, or -1 with the reason in why. */
static int write_rows(struct row_source *rs, const char *path, int *n, char *why, size_t cap)
{
	struct csv_writer w;
	struct rs_row *page = calloc(64, sizeof *page);
	*n = 0;
	if (!page || csv_writer_open(&w, path)) {
		snprintf(why, cap, "%s", page ? csv_writer_why(&w) : "内存不足");
		free(page);
		return -1;
	}
	for (int c = 0; c < rs->ncols; c++)
		csv_write_field(&w, rs->cols[c].title);
	csv_end_record(&w);
	int got = rs->fetch(rs->ctx, NULL, 1, 64, page);
	while (got > 0) {
		for (int i = 0; i < got; i++) {
			for (int c = 0; c < rs->ncols; c++)
				csv_write_field(&w, page[i].cell[c]);
			csv_end_record(&w);
		}
		*n += got;
		struct rs_key last = page[got - 1].key;
		got = got < 64 ? 0 : rs->fetch(rs->ctx, &last, 1, 64, page);
	}
	free(page);
	if (got < 0) {
		snprintf(why, cap, "读取列表失败：%s", rs->last_error(rs->ctx));
		csv_writer_abort(&w);   /* half a list is not written, the old file stays */
		return -1;
	}
	if (csv_writer_close(&w)) {
		snprintf(why, cap, "%s", csv_writer_why(&w));
		return -1;
	}
	return 0;
}

void member_export_rows(struct row_source *rs, const char *file_stem, const char *what)
{
	char path[256];
	list_file_name(path, sizeof path, file_stem);
	if (!list_ask_file("导出为 CSV 文件", path, sizeof path))
		return;
	int n = 0;
	char why[512];
	if (write_rows(rs, path, &n, why, sizeof why))
		frame_message(MSG_ERROR, "导出失败：%s", why);
	else
		frame_message(MSG_INFO, "已导出 %d 条%s到 %s", n, what, path);
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
