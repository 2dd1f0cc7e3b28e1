/* actions.c — the grading dialogs screens share (see actions.h). */
#include "screens/grading/actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "grading/grading.h"
#include "grading/rectify.h"
#include "screens/common/list_screen.h"
#include "tui/dialog.h"
#include "tui/draw.h"

void grading_action_check(struct session *s, int64_t round_id)
{
	struct dj_err e;
	struct grading_report *rep = malloc(sizeof *rep);
	if (!rep) {
		frame_message(MSG_ERROR, "内存不足");
		return;
	}
	if (grading_check(s, round_id, rep, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else
		dialog_message("比例检查", rep->text);
	free(rep);
}

static int ask_to_confirm(const struct grading_round *r, const struct grading_report *rep,
                          char *date, size_t cap)
{
	char q[1024];
	today(date);
	if (!dialog_input("确认定级并公布", "公布日期：", date, cap))
		return 0;
	snprintf(q, sizeof q,
	         "确认「%s」的定级，公布日期 %s？\n\n"
	         "确认后本轮锁定：评分、等次和设置都不能再修改；\n"
	         "%s、%s的组织（及倒排后进的村）列入整改台账。%s",
	         r->name, date, r->grade[2], r->grade[3],
	         rep->flags ? "\n\n注意：有比例超出指导范围（见上一屏）。" : "");
	return dialog_ask(q, 0);
}

int grading_action_confirm(struct session *s, int64_t round_id)
{
	struct dj_err e;
	struct grading_round r;
	char date[32];
	if (grading_round_load(s, round_id, &r, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return 0;
	}
	if (strcmp(r.status, "已确认") == 0) {
		frame_message(MSG_ERROR, "本轮已于 %s 确认定级", r.published_on);
		return 0;
	}
	if (session_may_write(s, r.org_id, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return 0;
	}
	struct grading_report *rep = malloc(sizeof *rep);
	if (!rep || grading_check(s, round_id, rep, &e)) {
		frame_message(MSG_ERROR, "%s", rep ? e.msg : "内存不足");
		free(rep);
		return 0;
	}
	dialog_message(rep->ungraded ? "不能确认：还有组织没有等次" : "确认前的比例检查", rep->text);
	int go = !rep->ungraded && ask_to_confirm(&r, rep, date, sizeof date);
	free(rep);
	if (!go)
		return 0;
	if (grading_confirm(s, round_id, r.version, date, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return 0;
	}
	struct rectify_counts c;
	rectify_count(s, round_id, &c);
	frame_message(MSG_INFO, "已确认定级并公布（%s）；%d 个组织列入整改", date, c.total);
	return 1;
}

void grading_action_bottom(struct session *s, int64_t round_id)
{
	struct dj_err e;
	struct grading_round r;
	int64_t ids[256];
	char text[8192], total[16];
	if (grading_round_load(s, round_id, &r, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return;
	}
	int n = grading_bottom(s, &r, ids, 256);
	const char *group = config_str(s->cfg, "grading:bottom_group", "农村");
	snprintf(text, sizeof text, "按综合得分倒排%s%s后 %d%%（共 %d 个），实行“一村一策、分类指导”：\n\n",
	         *group ? "的" : "", group, config_int(s->cfg, "grading:bottom_share", 10), n);
	for (int i = 0; i < n; i++) {
		struct grading_result res;
		if (grading_result_load(s, ids[i], &res, &e))
			continue;
		grading_format_total(res.total, total, sizeof total);
		size_t len = strlen(text);
		snprintf(text + len, sizeof text - len, "%d. %s  %s 分  %s\n", i + 1, res.org, total,
		         grading_word(&r, res.grade ? res.grade : res.suggested));
	}
	if (n == 0)
		snprintf(text + strlen(text), sizeof text - strlen(text), "（还没有评分）\n");
	dialog_message("一村一策名单", text);
}

typedef int (*export_fn)(struct session *, int64_t, const char *, FILE *, int *);

struct export_ctx {
	struct session *s;
	int64_t round_id;
	export_fn fn;
};

static int write_round(void *ctx, const char *path, FILE *report, int *n)
{
	struct export_ctx *c = ctx;
	return c->fn(c->s, c->round_id, path, report, n);
}

static void export_with(struct session *s, int64_t round_id, const char *what, export_fn fn)
{
	char path[256], title[64];
	struct export_ctx c = { s, round_id, fn };
	list_file_name(path, sizeof path, what);
	snprintf(title, sizeof title, "导出%s", what);
	list_export(title, path, "条", NULL, write_round, &c);
}

void grading_action_export(struct session *s, int64_t round_id)
{
	export_with(s, round_id, "定级台账", grading_export_round_csv);
}

void rectify_action_export(struct session *s, int64_t round_id)
{
	export_with(s, round_id, "整改台账", rectify_export_round_csv);
}
