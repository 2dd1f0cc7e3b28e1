/* sheet.c — 验收评审表: one application's acceptance scored by the batch's
 * 评审组, a row per reviewer and a column per criterion with its maximum.
 * Each reviewer's total and the 总评 (the mean over the reviewers who
 * scored everything, review_mean) follow the typing; a changed row is saved
 * when the cursor leaves it (version-checked, audited).  Scores may be typed
 * only while the application waits for its acceptance (已结题); otherwise
 * the sheet shows them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grading/grading.h"
#include "review/review.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/sheet.h"

struct score_sheet {
	struct session *s;
	struct review_arg *arg;
	struct review_app ap;
	struct review_sheet rs;
	struct sheet sh;
	struct sheet_col cols[REVIEW_MAX_CRIT];
	char subs[REVIEW_MAX_CRIT][16];
	struct sheet_col total_col;
	char total_sub[16];
};

/* The typed cells of a row in tenths; -1 for empty or what does not parse
 * (a number over its maximum still counts, so the totals show the typing;
 * leaving the cell refuses it). */
static void typed_scores(const struct score_sheet *w, int row, int scores[REVIEW_MAX_CRIT])
{
	for (int k = 0; k < REVIEW_MAX_CRIT; k++) {
		int v;
		scores[k] = -1;
		if (k < w->rs.ncrit && *sheet_get(&w->sh, row, k) &&
		    grading_parse_score(sheet_get(&w->sh, row, k), 99999, &v, NULL) == 0)
			scores[k] = v;
	}
}

/* A row's total as typed: -1 until every criterion has a score. */
static int typed_total(const struct score_sheet *w, int row)
{
	int scores[REVIEW_MAX_CRIT], t = 0;
	typed_scores(w, row, scores);
	for (int k = 0; k < w->rs.ncrit; k++) {
		if (scores[k] < 0)
			return -1;
		t += scores[k];
	}
	return t;
}

/* The 总评 over the rows complete as typed. */
static int typed_mean(const struct score_sheet *w, int *complete)
{
	int totals[REVIEW_MAX_REVIEWERS], n = 0;
	for (int i = 0; i < w->rs.nrev; i++) {
		int t = typed_total(w, i);
		if (t >= 0)
			totals[n++] = t;
	}
	*complete = n;
	return review_mean(totals, n);
}

static void op_label(void *ctx, int row, char *out, size_t cap)
{
	struct score_sheet *w = ctx;
	snprintf(out, cap, "%s", w->rs.rows[row].reviewer);
}

static void op_computed(void *ctx, int row, int k, char *out, size_t cap)
{
	(void)k;
	struct score_sheet *w = ctx;
	int t = typed_total(w, row);
	if (t < 0)
		snprintf(out, cap, "—");
	else
		grading_format_score(t, out, cap);
}

static int op_check(void *ctx, int row, int col, const char *text, char why[WHY_MAX])
{
	struct score_sheet *w = ctx;
	char reason[WHY_MAX];
	int v;
	(void)row;
	if (!*text || grading_parse_score(text, w->rs.crit_max[col], &v, reason) == 0)
		return 0;
	char msg[2 * WHY_MAX];
	snprintf(msg, sizeof msg, "「%s」%s", w->rs.crit_name[col], reason);
	size_t n = strlen(msg);
	if (n >= WHY_MAX) {   /* cut before a character, never inside one */
		n = WHY_MAX - 1;
		while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(why, msg, n);
	why[n] = 0;
	return -1;
}

static void load_cells(struct score_sheet *w, int row)
{
	char v[16];
	for (int k = 0; k < w->rs.ncrit; k++) {
		v[0] = 0;
		if (w->rs.rows[row].score[k] >= 0)
			grading_format_score(w->rs.rows[row].score[k], v, sizeof v);
		sheet_load(&w->sh, row, k, v);
	}
}

static int op_save(void *ctx, int row)
{
	struct score_sheet *w = ctx;
	struct dj_err e;
	int scores[REVIEW_MAX_CRIT];
	char total[16] = "—", mean[16] = "—";
	typed_scores(w, row, scores);
	int rc = review_sheet_save_row(w->s, &w->rs, row, scores, &e);
	if (rc == DJ_CONFLICT) {
		frame_message(MSG_ERROR, "%s", e.msg);
		if (dialog_ask("这一行的评分已被他人修改。\n重新读取他人保存的评分？（选「否」保留您输入的内容）", 1) &&
		    review_sheet_load(w->s, w->ap.id, &w->rs, &e) == 0) {
			load_cells(w, row);
			frame_message(MSG_INFO, "已重新读取「%s」的评分", w->rs.rows[row].reviewer);
		}
		return -1;
	}
	if (rc) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	for (int i = 0; i < w->rs.nrev; i++)   /* the sheet as stored, others' rows too */
		if (i == row || !sheet_row_dirty(&w->sh, i))
			load_cells(w, i);
	w->arg->changed = 1;
	if (w->rs.rows[row].total >= 0)
		grading_format_score(w->rs.rows[row].total, total, sizeof total);
	if (w->rs.mean >= 0)
		grading_format_score(w->rs.mean, mean, sizeof mean);
	frame_message(MSG_INFO, "已保存「%s」的评分，合计 %s，总评 %s", w->rs.rows[row].reviewer, total,
	              mean);
	return 0;
}

static const struct sheet_ops ops = {
	.label = op_label, .computed = op_computed, .check = op_check, .save_row = op_save,
};

static int first_unfinished(const struct score_sheet *w)
{
	for (int i = 0; i < w->rs.nrev; i++)
		for (int k = 0; k < w->rs.ncrit; k++)
			if (w->rs.rows[i].score[k] < 0)
				return i;
	return 0;
}

static int build(struct score_sheet *w, struct dj_err *e)
{
	if (review_app_load(w->s, w->arg->id, &w->ap, e) || review_sheet_load(w->s, w->ap.id, &w->rs, e))
		return -1;
	if (sheet_init(&w->sh, w->rs.nrev, w->rs.ncrit))
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	int sum = 0;
	for (int k = 0; k < w->rs.ncrit; k++) {
		grading_format_score(w->rs.crit_max[k], w->subs[k], sizeof w->subs[k]);
		w->cols[k] = (struct sheet_col){ w->rs.crit_name[k], w->subs[k], 6 };
		sum += w->rs.crit_max[k];
	}
	grading_format_score(sum, w->total_sub, sizeof w->total_sub);
	w->total_col = (struct sheet_col){ "合计", w->total_sub, 6 };
	w->sh.cols = w->cols;
	w->sh.computed = &w->total_col;
	w->sh.ncomputed = 1;
	w->sh.label_title = "评委";
	w->sh.label_sub = "满分";
	w->sh.label_max = 12;
	w->sh.top_y = frame_body_top() + 1;
	w->sh.ops = &ops;
	w->sh.ctx = w;
	w->sh.readonly = w->ap.state != RV_CONCLUDED || w->s->role == ROLE_VIEWER;
	w->sh.readonly_why = w->s->role == ROLE_VIEWER ? "您是只读用户，评分只能查看"
	                     : "只有已结题（待验收）的申报才能录入验收评分，现在只能查看";
	for (int i = 0; i < w->rs.nrev; i++)
		load_cells(w, i);
	sheet_goto(&w->sh, first_unfinished(w), 0);
	return 0;
}

static void *open_sheet(struct app *a, void *arg)
{
	struct score_sheet *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (build(w, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		sheet_free(&w->sh);
		free(w);
		return NULL;
	}
	if (w->rs.nrev == 0)
		frame_message(MSG_INFO, "本批次没有评审组成员，请在批次设置中填写评审组");
	else if (w->sh.readonly)
		frame_message(MSG_INFO, "%s", w->sh.readonly_why);
	return w;
}

static void close_sheet(void *st)
{
	struct score_sheet *w = st;
	sheet_free(&w->sh);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct score_sheet *w = st;
	char head[320], left[160], mean[16] = "—";
	int complete;
	int m = typed_mean(w, &complete);
	if (m >= 0)
		grading_format_score(m, mean, sizeof mean);
	snprintf(head, sizeof head, "总评 %s（%d/%d 位评委已评完）  第 %d 次验收  %s", mean, complete,
	         w->rs.nrev, w->rs.round, w->ap.title);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	sheet_draw(&w->sh);
	if (w->rs.nrev == 0) {
		frame_status("暂无评审组成员", "");
		return;
	}
	snprintf(left, sizeof left, "第 %d/%d 位评委  %s%s", w->sh.row + 1, w->rs.nrev,
	         w->rs.rows[w->sh.row].reviewer, sheet_row_dirty(&w->sh, w->sh.row) ? "  （未保存）" : "");
	frame_status(left, w->sh.readonly ? "只能查看" : "离开本行即保存");
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct score_sheet *w = st;
	switch (k.code) {
	case K_F3: case K_ESC: case K_F10:
		/* a changed row is saved before leaving; a refusal keeps the sheet */
		if (sheet_leave(&w->sh))
			return SCR_REDRAW;
		return k.code == K_F10 ? SCR_PASS : SCR_BACK;
	default:
		break;
	}
	return sheet_key(&w->sh, k) == SHEET_HANDLED ? SCR_REDRAW : SCR_PASS;
}

static const char *const legend[10] = { "帮助", "保存", "返回", NULL, "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen review_sheet_screen = {
	.name = "验收评分",
	.help = "验收评审表：评审组每位评委一行，每项评分标准一列，列头下方是满分。\n"
	        "直接输入分数（可有一位小数），回车到右边一格，一行录完回车到下一位评委；\n"
	        "Tab/→ 右移，Shift-Tab/← 左移，↑↓ 上下，Home/End 到行首/行尾。\n"
	        "到达一格后第一次输入即替换原分数；退格删一位，Delete 或 Ctrl-U 清空本格。\n"
	        "离开一格时检查是否超过满分；离开一行时自动保存本行（F2 立即保存，F5 恢复本行）。\n"
	        "右边的合计和第一行的总评随输入计算：总评是评完的评委合计的平均分，\n"
	        "四舍五入到一位小数。所有评委评完后，在申报表按 F9 办理验收。\n"
	        "只有已结题（待验收）的申报能录入评分。F3 或 Esc 返回（先保存本行）。",
	.legend = legend,
	.open = open_sheet,
	.close = close_sheet,
	.draw = draw,
	.key = key,
};
