/* nominate_steps.c — the nominations ledger's F9: 审核通过/不通过, 开始公示,
 * 登记异议, 处理异议, 未批准, 审批 with the 文号, 设置名额 and the export.
 * Each asks what the step needs until the core takes it or the operator
 * presses Esc; what was typed stays in the dialog after a refusal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/itemlist.h"
#include "core/validate.h"
#include "screens/honour/nominate_screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

/* The selected nomination, read now; 0 when there is none. */
static int selected(struct nom_ledger *w, struct nomination *n)
{
	struct dj_err e;
	int64_t id = grid_selected_id(&w->list.g);
	if (!id) {
		frame_message(MSG_ERROR, "没有选中的推荐");
		return 0;
	}
	if (nomination_load(w->s, id, n, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return 0;
	}
	return 1;
}

/* After a step: the list again, and the message. */
static enum outcome done(struct nom_ledger *w, const char *msg)
{
	frame_message(MSG_INFO, "%s", msg);
	w->arg->changed = 1;
	nom_ledger_load(w, LIST_KEEP_FIND | LIST_KEEP_ROW);
	return SCR_REDRAW;
}

/* A refusal: told; 1 when asking again makes sense. */
static int again(const char *title, const struct dj_err *e)
{
	dialog_message(title, e->msg);
	return e->code != DJ_CONFLICT && e->code != DJ_DENIED && e->code != DJ_DB;
}

static enum outcome review(struct nom_ledger *w, int pass)
{
	struct nomination n;
	struct dj_err e;
	char note[256] = "";
	const char *title = pass ? "审核通过" : "审核不通过";
	if (!selected(w, &n))
		return SCR_REDRAW;
	if (pass)
		snprintf(note, sizeof note, "同意推荐");
	for (;;) {
		if (!dialog_input(title, pass ? "审核意见：" : "审核意见（不通过的原因）：", note,
		                  sizeof note))
			return SCR_REDRAW;
		if (nominate_review(w->s, n.id, n.version, pass, note, &e) == 0)
			break;
		if (!again(title, &e))
			return SCR_REDRAW;
	}
	char msg[200];
	snprintf(msg, sizeof msg, "%s：%s（%s）", title, n.recipient, n.title);
	return done(w, msg);
}

static enum outcome publicize(struct nom_ledger *w)
{
	struct dj_err e;
	char from[32], to[32] = "";
	today(from);
	for (;;) {
		if (!dialog_input("开始公示", "公示开始日期：", from, sizeof from) ||
		    !dialog_input("开始公示", "公示结束日期（公示期满后才能审批）：", to, sizeof to))
			return SCR_REDRAW;
		if (nominate_publicize(w->s, w->cycle.id, w->cycle.version, from, to, &e) == 0)
			break;
		if (!again("不能开始公示", &e))
			return SCR_REDRAW;
	}
	return done(w, "已开始公示：审核通过的推荐现为「公示中」");
}

static enum outcome object(struct nom_ledger *w)
{
	struct nomination n;
	struct dj_err e;
	char on[32], text[512] = "", outcome[512] = "";
	if (!selected(w, &n))
		return SCR_REDRAW;
	today(on);
	for (;;) {
		if (!dialog_input("登记异议", "异议日期：", on, sizeof on) ||
		    !dialog_input("登记异议", "异议内容：", text, sizeof text) ||
		    !dialog_input("登记异议", "处理结果（尚未处理可留空，审批前须填写）：", outcome,
		                  sizeof outcome))
			return SCR_REDRAW;
		if (nominate_object(w->s, n.id, on, text, outcome, &e) == 0)
			break;
		if (!again("不能登记异议", &e))
			return SCR_REDRAW;
	}
	return done(w, "已登记公示异议");
}

static enum outcome resolve(struct nom_ledger *w)
{
	struct nomination n;
	struct dj_err e;
	int64_t obj = 0;
	char outcome[512] = "";
	if (!selected(w, &n))
		return SCR_REDRAW;
	nom_objection_open(w->s, n.id, &obj);
	if (!obj) {
		frame_message(MSG_ERROR, "%s没有待处理的公示异议", n.recipient);
		return SCR_REDRAW;
	}
	for (;;) {
		if (!dialog_input("处理异议", "处理结果：", outcome, sizeof outcome))
			return SCR_REDRAW;
		if (nominate_resolve(w->s, obj, outcome, &e) == 0)
			break;
		if (!again("不能处理异议", &e))
			return SCR_REDRAW;
	}
	return done(w, "已填写异议的处理结果");
}

static enum outcome reject(struct nom_ledger *w)
{
	struct nomination n;
	struct dj_err e;
	char reason[256] = "";
	if (!selected(w, &n))
		return SCR_REDRAW;
	for (;;) {
		if (!dialog_input("未批准", "未批准原因：", reason, sizeof reason))
			return SCR_REDRAW;
		if (nominate_reject(w->s, n.id, n.version, reason, &e) == 0)
			break;
		if (!again("未批准", &e))
			return SCR_REDRAW;
	}
	return done(w, "已记为未批准");
}

static enum outcome approve(struct nom_ledger *w)
{
	struct dj_err e;
	char on[32], by[128], doc[64];
	int n = 0;
	today(on);
	snprintf(by, sizeof by, "%s", *w->cycle.approved_by ? w->cycle.approved_by : w->cycle.org);
	snprintf(doc, sizeof doc, "%s", w->cycle.doc_no);
	for (;;) {
		if (!dialog_input("审批", "审批日期（公示结束之后）：", on, sizeof on) ||
		    !dialog_input("审批", "批准机关：", by, sizeof by) ||
		    !dialog_input("审批", "文号：", doc, sizeof doc))
			return SCR_REDRAW;
		if (nominate_approve(w->s, w->cycle.id, w->cycle.version, on, by, doc, &n, &e) == 0)
			break;
		if (!again("不能审批", &e))
			return SCR_REDRAW;
	}
	char msg[200];
	snprintf(msg, sizeof msg, "已审批（%s）：%d 项推荐已批准，记入荣誉台账", doc, n);
	return done(w, msg);
}

/* 设置名额: an organization (F4 list), one of the cycle's titles, the number. */
static enum outcome set_quota(struct nom_ledger *w)
{
	static const char *const seps[] = { "、", "，", ",", NULL };
	char titles[16][64], num[8];
	const char *items[16], *p = w->cycle.titles;
	int nt = 0;
	int64_t org = 0;
	struct dj_err e;
	while (nt < 16 && itemlist_next(&p, seps, titles[nt], sizeof titles[nt]))
		if (*titles[nt])
			items[nt] = titles[nt], nt++;
	if (!list_pick_org(w->s, "设置名额：选择推荐单位", &org))
		return SCR_REDRAW;
	int t = dialog_pick("称号", items, nt, 0);
	if (t < 0)
		return SCR_REDRAW;
	snprintf(num, sizeof num, "%d", nom_quota_of(w->s, &w->cycle, org, items[t]));
	for (;;) {
		if (!dialog_input("设置名额", "名额：", num, sizeof num))
			return SCR_REDRAW;
		if (strspn(num, "0123456789") != strlen(num) || !*num) {
			dialog_message("名额有误", "「名额」须为 0 至 99 的整数");
			continue;
		}
		if (nom_quota_set(w->s, w->cycle.id, org, items[t], atoi(num), &e) == 0)
			break;
		if (!again("不能设置名额", &e))
			return SCR_REDRAW;
	}
	return done(w, "已设置名额");
}

static int write_cycle(void *ctx, const char *path, FILE *report, int *n)
{
	struct nom_ledger *w = ctx;
	return nominate_export(w->s, w->cycle.id, path, report, n);
}

enum outcome nom_ledger_steps(struct nom_ledger *w, struct app *a)
{
	static const char *const items[] = {
		"审核通过（所选推荐）", "审核不通过（所选推荐）", "开始公示（全部审核通过的）",
		"登记异议（所选推荐）", "处理异议（所选推荐）", "未批准（所选推荐）",
		"审批（填写文号，公示中的全部批准）", "设置某单位的名额", "导出推荐（xlsx/CSV）",
		"推荐（F6）",
	};
	char name[128];
	int pick = dialog_pick("操作", items, sizeof items / sizeof *items, 0);
	if (pick >= 0 && pick <= 7 && w->s->role == ROLE_VIEWER) {
		frame_message(MSG_ERROR, "您是只读用户，不能办理评选");
		return SCR_REDRAW;
	}
	switch (pick) {
	case 0: return review(w, 1);
	case 1: return review(w, 0);
	case 2: return publicize(w);
	case 3: return object(w);
	case 4: return resolve(w);
	case 5: return reject(w);
	case 6: return approve(w);
	case 7: return set_quota(w);
	case 8:
		list_file_name(name, sizeof name, "表彰推荐");
		list_export("导出表彰推荐", name, "条推荐", NULL, write_cycle, w);
		return SCR_REDRAW;
	case 9:
		return w->s->role == ROLE_VIEWER ? SCR_REDRAW : nom_ledger_open(w, a, 0);
	default:
		return SCR_REDRAW;
	}
}
