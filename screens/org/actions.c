#include "screens/org/actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "org/csv.h"
#include "org/org.h"
#include "screens/common/list_screen.h"
#include "tui/dialog.h"
#include "tui/draw.h"

static int show_result(int rc, const struct dj_err *e, const char *done)
{
	if (rc) {
		frame_message(MSG_ERROR, "%s", e->msg);
		return 0;
	}
	frame_message(MSG_INFO, "%s", done);
	return 1;
}

int org_action_dissolve(struct session *s, int64_t id)
{
	struct org o;
	struct dj_err e;
	if (org_load(s, id, &o, &e))
		return show_result(1, &e, "");
	char date[32], reason[128] = "", question[256];
	today(date);
	snprintf(question, sizeof question, "撤销「%s」", o.name);
	if (!dialog_input(question, "撤销日期：", date, sizeof date) ||
	    !dialog_input(question, "撤销原因：", reason, sizeof reason))
		return 0;
	int rc = org_dissolve(s, id, o.version, date, reason, &e);
	char done[256];
	snprintf(done, sizeof done, "已撤销「%s」", o.name);
	return show_result(rc, &e, done);
}

int org_action_remove(struct session *s, int64_t id)
{
	struct org o;
	struct dj_err e;
	if (!id)
		return 0;
	if (org_load(s, id, &o, &e))
		return show_result(1, &e, "");
	if (strcmp(o.status, "撤销") == 0) {
		frame_message(MSG_ERROR, "「%s」已于 %s 撤销", o.name, o.dissolved_on);
		return 0;
	}
	char q[512];
	snprintf(q, sizeof q, "删除「%s」？\n只有没有下级、党员和历史记录的组织才能删除。", o.name);
	if (!dialog_ask(q, 0))
		return 0;
	int rc = org_delete(s, id, o.version, &e);
	if (rc == DJ_INVALID) {
		snprintf(q, sizeof q, "%s\n现在撤销「%s」？", e.msg, o.name);
		return dialog_ask(q, 0) ? org_action_dissolve(s, id) : 0;
	}
	char done[256];
	snprintf(done, sizeof done, "已删除「%s」", o.name);
	return show_result(rc, &e, done);
}

static int write_registry(void *ctx, const char *path, FILE *report, int *n)
{
	return org_export_csv(ctx, path, report, n);
}

void org_action_export(struct session *s)
{
	char path[256];
	list_file_name(path, sizeof path, "党组织台账");
	list_export("导出党组织台账", path, "个党组织", NULL, write_registry, s);
}
