/* print_dialog.c — the screens' 打印 (print_dialog.h). */
#include "screens/common/print_dialog.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/outfile.h"
#include "screens/common/list_screen.h"
#include "tui/draw.h"

static const char *const titles[] = {
	[FORM_LETTER] = "打印党员组织关系介绍信", [FORM_SIGNIN] = "打印签到表",
	[FORM_MINUTES] = "打印会议记录", [FORM_MEMBER] = "打印党员信息采集表",
	[FORM_GRADING] = "打印定级台账", [FORM_HONOURS] = "打印表彰荣誉汇总表",
	[FORM_APPRAISAL] = "打印述职评议结果表", [FORM_BULLETIN] = "打印通报",
	[FORM_CARE] = "打印慰问名单",
	[FORM_EVALUATE] = "打印民主评议党员结果表",
	[FORM_TRAINING] = "打印学时登记表",
};

void print_dialog(struct session *s, enum form_kind k, int64_t id, int blank)
{
	char path[PATH_MAX], full[PATH_MAX];
	struct dj_err e;
	if (form_file_name(s, k, id, path, sizeof path, &e)) {
		frame_message(MSG_ERROR, "打印失败：%s", e.msg);
		return;
	}
	if (!list_ask_file(titles[k], path, sizeof path))
		return;
	int pages = 0, rc = form_write_pdf(s, k, id, blank, path, &pages, &e);
	outfile_permit_replace(NULL);
	if (rc) {
		frame_message(MSG_ERROR, "打印失败：%s", e.msg);
		return;
	}
	frame_message(MSG_INFO, "已写出 %s（%d 页）", realpath(path, full) ? full : path, pages);
}
