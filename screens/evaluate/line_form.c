/* line_form.c — 自评和得票: one member's self-assessment in a 民主评议党员
 * round and the votes the members gave (优秀, 合格, 基本合格, 不合格); the
 * result is given on the sheet, shown here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluate/evaluate.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

struct line_rec {
	struct eval_line l;
	char who[160];
	char result[64];
	char votes[EVAL_NVOTES][8];
};

struct line_form {
	struct session *s;
	struct evaluate_arg *arg;
	struct eval_words words;
	struct line_rec rec, draft;
	struct record_form r;
	struct form_field defs[3 + EVAL_NVOTES];
	char labels[EVAL_NVOTES][48];
};

#define M(member) FORM_MEMBER(struct line_rec, member)
static const struct form_field fields[] = {
	{ .key = "who", .label = "党员：", .row = 0, .col = 2, .width = 50, .type = FT_READONLY,
	  .grow = 1, M(who), .help = "参加评议的党员和所在组织。" },
	{ .key = "result", .label = "评议结果：", .row = 1, .col = 2, .width = 30, .type = FT_READONLY,
	  M(result), .help = "在民主评议表上按 1～4 登记（1 优秀 2 合格 3 基本合格 4 不合格）。" },
	{ .key = "self_note", .label = "自评：", .row = 2, .col = 2, .width = 64, .height = 8,
	  .type = FT_NOTE, .grow = 1, M(l.self_note),
	  .help = "党员对照党员标准所作的自我评价要点。多行文字：回车换行。" },
	{ .key = "v1", .label = NULL, .row = 11, .col = 2, .width = 5, .type = FT_INT, .max_chars = 5,
	  M(votes[0]), .help = "评为这一结果的票数（0～99999）；不填为未统计。" },
	{ .key = "v2", .label = NULL, .row = 11, .col = 22, .width = 5, .type = FT_INT, .max_chars = 5,
	  M(votes[1]), .help = "评为这一结果的票数（0～99999）；不填为未统计。" },
	{ .key = "v3", .label = NULL, .row = 12, .col = 2, .width = 5, .type = FT_INT, .max_chars = 5,
	  M(votes[2]), .help = "评为这一结果的票数（0～99999）；不填为未统计。" },
	{ .key = "v4", .label = NULL, .row = 12, .col = 22, .width = 5, .type = FT_INT, .max_chars = 5,
	  M(votes[3]), .help = "评为这一结果的票数（0～99999）；不填为未统计。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

static void describe(struct line_form *w, struct line_rec *r)
{
	snprintf(r->who, sizeof r->who, "%s（%s）", r->l.name, r->l.org);
	snprintf(r->result, sizeof r->result, "%s%s%s", evaluate_word(&w->words, r->l.result),
	         *r->l.action ? "，处置：" : "", r->l.action);
	for (int k = 0; k < EVAL_NVOTES; k++) {
		if (r->l.v[k] == EVAL_UNSET)
			r->votes[k][0] = 0;
		else
			snprintf(r->votes[k], sizeof r->votes[k], "%d", r->l.v[k]);
	}
}

static int load_line(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct line_form *w = ctx;
	struct line_rec *r = rec;
	memset(r, 0, sizeof *r);
	if (evaluate_line_load(w->s, id, &r->l, e))
		return e ? e->code : DJ_DB;
	describe(w, r);
	return 0;
}

static int save_line(void *ctx, void *draft, struct dj_err *e)
{
	struct line_form *w = ctx;
	struct line_rec *r = draft;
	if (evaluate_votes_parse(&w->words, (const char (*)[8])r->votes, r->l.v, e))
		return DJ_INVALID;
	int rc = evaluate_line_save(w->s, &r->l, e);
	if (rc == 0)
		describe(w, r);
	return rc;
}

static const struct record_ops line_ops = {
	.table = "eval_line", .size = sizeof(struct line_rec),
	.id_at = offsetof(struct line_rec, l.id), .words = RECORD_TELL, .load = load_line,
	.save = save_line,
};

static void *open_form(struct app *a, void *arg)
{
	struct line_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	evaluate_words_from(w->s->cfg, &w->words);
	memcpy(w->defs, fields, sizeof fields);
	for (int k = 0; k < EVAL_NVOTES; k++) {
		evaluate_vote_label(&w->words, k, w->labels[k], sizeof w->labels[k] - 4);
		strcat(w->labels[k], "：");
		w->defs[3 + k].label = w->labels[k];
	}
	w->r = (struct record_form){ .ops = &line_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->defs, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	if (w->s->role == ROLE_VIEWER)
		record_form_lock(&w->r.f);
	return w;
}

static void close_form(void *st)
{
	struct line_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct line_form *w = st;
	form_draw(&w->r.f);
	frame_status("自评和得票", "F2 保存");
}

static int save(void *st)
{
	struct line_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	w->arg->saved_id = w->draft.l.id;
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存 %s 的自评和得票", w->draft.l.name);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct line_form *w = st;
	if (w->s->role == ROLE_VIEWER && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", NULL, "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen evaluate_line_form_screen = {
	.name = "自评和得票",
	.help = "一名党员在本次民主评议中的自评要点，和党员投票评为优秀、合格、基本合格、\n"
	        "不合格的票数（不填为未统计）。评议结果在民主评议表上按 1～4 登记。\n"
	        "回车到下一项，F2 保存，F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
