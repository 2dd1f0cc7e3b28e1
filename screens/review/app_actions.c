/* app_actions.c — F9 on an application: the steps the flow allows from its
 * state now, in the flow's own words, each asking only for what its step
 * carries (the date, 批复意见 or 理由, the funds granted, 奖牌奖金, and an
 * 整改期限 when the domain says an acceptance failed); then the records it
 * keeps, each its own screen, and its paper forms written as files.  The
 * rules are the domain's: a refusal shows its reason, and for 创建 every
 * eligibility rule that fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "screens/common/list_screen.h"
#include "screens/review/internal.h"
#include "tui/dialog.h"
#include "tui/draw.h"

enum record_item { RI_NOTES, RI_FUNDS, RI_SHEET, RI_TASKS, RI_EVIDENCE, RI_FORMS, RI_N };

static const char *const record_words[RI_N] = {
	[RI_NOTES] = "阶段小结与检查记录", [RI_FUNDS] = "经费（拨付、支出、结余）",
	[RI_SHEET] = "验收评分（验收评审表）", [RI_TASKS] = "创建任务（任务书、路线图、时间表）",
	[RI_EVIDENCE] = "工作实绩（佐证）", [RI_FORMS] = "导出表格",
};

/* What the opinion of each step is called; NULL: the step has none. */
static const char *opinion_prompt(enum review_action act)
{
	switch (act) {
	case RA_RECOMMEND: return "推荐意见（可不填）：";
	case RA_SCREEN: return "初审意见（可不填）：";
	case RA_APPROVE: return "批复意见：";
	case RA_REFUSE: return "理由：";
	case RA_ACCEPT: return "验收意见（可不填）：";
	case RA_REVOKE: return "撤销理由：";
	default: return NULL;
	}
}

/* The rules of eligibility that fail, each on its line, in a dialog: the
 * message line has room for one. */
static int show_eligibility(struct session *s, const struct review_app *ap)
{
	char why[2048];
	struct dj_err e;
	if (strcmp(ap->kind, "项目") == 0)
		return 0;
	int fails = review_eligibility(s, ap->id, why, sizeof why, &e);
	if (fails > 0)
		dialog_message("不符合申报条件", why);
	return fails;
}

/* A refusal's reason prefilled from the records for 创建 (初审不通过). */
static void default_reason(struct session *s, const struct review_app *ap, char *out, size_t cap)
{
	char why[1024];
	struct dj_err e;
	if (strcmp(ap->kind, "项目") == 0 || review_eligibility(s, ap->id, why, sizeof why, &e) <= 0)
		return;
	review_join_lines(why, out, cap);
}

void review_join_lines(const char *lines, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = 0;
	for (const char *p = lines; *p && n + 1 < cap;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len)
			n += (size_t)snprintf(out + n, cap - n, "%s%.*s", n ? "；" : "", (int)len, p);
		if (!end)
			break;
		p = end + 1;
	}
}

/* Asks what step `act` carries.  0 to go on, -1 when the operator cancelled. */
static int ask_step(struct session *s, const struct review_app *ap, const struct review_batch *b,
                    const char *word, struct review_step *st)
{
	const char *prompt = opinion_prompt(st->action);
	today(st->on);
	if (!dialog_input(word, "日期：", st->on, sizeof st->on))
		return -1;
	if (st->action == RA_APPROVE) {
		snprintf(st->amount, sizeof st->amount, "%s",
		         strcmp(ap->kind, "标杆学院") == 0 ? b->fund2 : b->fund);
		if (!dialog_input(word, "拨付经费（元）：", st->amount, sizeof st->amount))
			return -1;
	}
	if (st->action == RA_REFUSE)
		default_reason(s, ap, st->opinion, sizeof st->opinion);
	if (prompt && !dialog_input(word, prompt, st->opinion, sizeof st->opinion))
		return -1;
	if (st->action == RA_HONOUR && !dialog_input(word, "奖牌、奖金：", st->award, sizeof st->award))
		return -1;
	return 0;
}

/* Makes the step; an acceptance the domain finds failing asks for its
 * 整改期限 and goes again. */
static int make_step(struct session *s, const struct review_app *ap, const char *word,
                     struct review_step *st, int *result, struct dj_err *e)
{
	int rc = review_transition(s, ap->id, ap->version, st, result, e);
	if (rc == DJ_INVALID && st->action == RA_ACCEPT && strcmp(e->field, "due") == 0 && !*st->due) {
		frame_message(MSG_ERROR, "%s", e->msg);
		if (!dialog_input(word, "验收不通过，整改期限：", st->due, sizeof st->due))
			return -1;
		rc = review_transition(s, ap->id, ap->version, st, result, e);
	}
	return rc;
}

static enum review_menu_done transition(struct session *s, const struct review_app *ap,
                                        const struct review_batch *b, enum review_action act)
{
	const char *word = review_flow_of(b->kind)->action_word[act];
	struct review_step st = { .action = act };
	struct dj_err e;
	int result = 0;
	if (ask_step(s, ap, b, word, &st))
		return REVIEW_MENU_NOTHING;
	int rc = make_step(s, ap, word, &st, &result, &e);
	if (rc < 0)
		return REVIEW_MENU_NOTHING;
	if (rc == DJ_CONFLICT) {
		frame_message(MSG_ERROR, "此申报已被他人修改（%s），已重新读取，请核对后再办理", e.msg);
		return REVIEW_MENU_CHANGED;
	}
	if (rc) {
		if (act == RA_SCREEN || act == RA_APPROVE || act == RA_RECOMMEND)
			show_eligibility(s, ap);
		frame_message(MSG_ERROR, "%s：%s", word, e.msg);
		return REVIEW_MENU_NOTHING;
	}
	if (act == RA_ACCEPT)
		frame_message(MSG_INFO, "已办理「%s」：%s", word, review_state_word(b->kind, result));
	else
		frame_message(MSG_INFO, "已办理「%s」", word);
	return REVIEW_MENU_CHANGED;
}

struct form_ctx {
	struct session *s;
	int64_t id;
	enum review_form form;
};

static int write_form(void *ctx, const char *path, FILE *report, int *n)
{
	struct form_ctx *c = ctx;
	int rc = review_form_write(c->s, c->id, c->form, path, report);
	*n = rc == 0;
	return rc;
}

static void export_form(struct session *s, const struct review_app *ap, enum review_kind k)
{
	static const char *const project[] = { "项目申报表", "中期检查表", "验收评审表" };
	static const char *const create[] = { "示范创建申报书", "中期评估表", "验收评审表" };
	const char *const *words = k == REVIEW_PROJECT ? project : create;
	int pick = dialog_pick("导出表格", words, 3, 0);
	if (pick < 0)
		return;
	char stem[96], path[256], title[96];
	snprintf(stem, sizeof stem, "%s-%lld", words[pick], (long long)ap->id);
	list_file_name(path, sizeof path, stem);
	char *dot = strrchr(path, '.');   /* a form to print is a PDF (.txt: aligned text) */
	if (dot)
		snprintf(dot, sizeof path - (size_t)(dot - path), ".pdf");
	snprintf(title, sizeof title, "导出%s", words[pick]);
	struct form_ctx c = { s, ap->id, (enum review_form)pick };
	list_export(title, path, "份", NULL, write_form, &c);
}

static enum review_menu_done open_record(struct app *a, struct session *s,
                                         const struct review_app *ap,
                                         const struct review_batch *b, enum record_item it,
                                         struct review_arg *sub)
{
	static const struct screen *const screens[RI_N] = {
		[RI_NOTES] = &review_notes_screen, [RI_FUNDS] = &review_funds_screen,
		[RI_SHEET] = &review_sheet_screen, [RI_TASKS] = &review_tasks_screen,
		[RI_EVIDENCE] = &review_evidence_screen,
	};
	if (it == RI_FORMS) {
		export_form(s, ap, b->kind);
		return REVIEW_MENU_NOTHING;
	}
	memset(sub, 0, sizeof *sub);
	sub->kind = b->kind;
	sub->batch_id = b->id;
	sub->id = ap->id;
	app_push(a, screens[it], sub);
	return REVIEW_MENU_PUSHED;
}

enum review_menu_done review_app_menu(struct app *a, struct session *s, const struct review_app *ap,
                                      const struct review_batch *b, struct review_arg *sub)
{
	enum review_action acts[RA_ACTIONS];
	const char *items[RA_ACTIONS + RI_N];
	int what[RA_ACTIONS + RI_N];   /* >= 0: an action; < 0: -1 - a record item */
	char words[RA_ACTIONS][64];
	int n = 0;
	int na = review_actions(b->kind, ap->state, ap->accept_round, acts);
	const struct review_flow *fl = review_flow_of(b->kind);
	for (int i = 0; i < na; i++) {
		snprintf(words[i], sizeof words[i], "办理：%s", fl->action_word[acts[i]]);
		items[n] = words[i];
		what[n++] = (int)acts[i];
	}
	for (int it = 0; it < RI_N; it++) {
		if (it == RI_TASKS && b->kind != REVIEW_CREATE)
			continue;
		items[n] = record_words[it];
		what[n++] = -1 - it;
	}
	char title[64];
	snprintf(title, sizeof title, "操作（%s）", ap->state_word);
	int pick = dialog_pick(title, items, n, 0);
	if (pick < 0)
		return REVIEW_MENU_NOTHING;
	if (what[pick] >= 0)
		return transition(s, ap, b, (enum review_action)what[pick]);
	return open_record(a, s, ap, b, (enum record_item)(-1 - what[pick]), sub);
}
