/* sheet.c — 评分录入: one score sheet per source, organizations
 * down, indicators across.  Enter moves right then down; each cell is
 * checked against its maximum when the cursor leaves it; the row's total,
 * the weighted total over every source and the suggested grade follow the
 * typing; a changed row is saved when the cursor leaves it (version-checked,
 * audited).  The whole sheet is read into memory when it opens, so nothing
 * stays open while the operator types. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "grading/grading.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/sheet.h"

enum { C_ROW_TOTAL, C_WEIGHTED, C_GRADE, NCOMPUTED };

struct score_sheet {
	struct session *s;
	struct grading_round r;
	int src;
	struct grading_sheet_row *rows;
	int n;
	struct sheet sh;
	struct sheet_col cols[GRADING_MAX_IND];
	char subs[GRADING_MAX_IND][16];
	struct sheet_col computed[NCOMPUTED];
};

/* The cells of a row as numbers; what does not parse counts as empty.  A
 * number over its maximum still counts here, so the totals show what was
 * typed; leaving the cell refuses it. */
static void typed_scores(const struct score_sheet *w, int row, int scores[GRADING_MAX_IND])
{
	for (int k = 0; k < GRADING_MAX_IND; k++) {
		scores[k] = GRADING_NONE;
		int v;
		if (k < w->r.nind && *sheet_get(&w->sh, row, k) &&
		    grading_parse_score(sheet_get(&w->sh, row, k), 99999, &v, NULL) == 0)
			scores[k] = v;
	}
}

static void op_label(void *ctx, int row, char *out, size_t cap)
{
	struct score_sheet *w = ctx;
	snprintf(out, cap, "%s", w->rows[row].org);
}

static void op_computed(void *ctx, int row, int k, char *out, size_t cap)
{
	struct score_sheet *w = ctx;
	int scores[GRADING_MAX_IND], grade;
	typed_scores(w, row, scores);
	int total = grading_sheet_preview(&w->r, w->src, &w->rows[row], scores, &grade);
	if (k == C_ROW_TOTAL)
		grading_format_total(grading_row_total(scores, w->r.nind), out, cap);
	else if (k == C_WEIGHTED)
		grading_format_total(total, out, cap);
	else
		snprintf(out, cap, "%s", grading_word(&w->r, grade));
}

static int op_check(void *ctx, int row, int col, const char *text, char why[WHY_MAX])
{
	struct score_sheet *w = ctx;
	char reason[WHY_MAX];
	int v;
	(void)row;
	if (!*text || grading_parse_score(text, w->r.ind[col].max, &v, reason) == 0)
		return 0;
	char msg[2 * WHY_MAX];
	snprintf(msg, sizeof msg, "「%s」%s", w->r.ind[col].name, reason);
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
	for (int k = 0; k < w->r.nind; k++) {
		grading_format_score(w->rows[row].score[k], v, sizeof v);
		sheet_load(&w->sh, row, k, v);
	}
}

/* Someone else saved this line first: their scores, or keep typing. */
static void on_conflict(struct score_sheet *w, int row, const struct dj_err *e)
{
	struct grading_sheet_row *fresh;
	struct dj_err le;
	int n;
	frame_message(MSG_ERROR, "%s", e->msg);
	if (!dialog_ask("这一行的评分已被他人修改。\n重新读取他人保存的评分？（选「否」保留您输入的内容）", 1))
		return;
	if (grading_sheet_load(w->s, &w->r, w->src, &fresh, &n, &le)) {
		frame_message(MSG_ERROR, "%s", le.msg);
		return;
	}
	for (int i = 0; i < n; i++)
		if (fresh[i].result_id == w->rows[row].result_id)
			w->rows[row] = fresh[i];
	free(fresh);
	load_cells(w, row);
	frame_message(MSG_INFO, "已重新读取「%s」的评分", w->rows[row].org);
}

static int op_save(void *ctx, int row)
{
	struct score_sheet *w = ctx;
	struct dj_err e;
	int scores[GRADING_MAX_IND];
	char total[16];
	typed_scores(w, row, scores);
	int rc = grading_sheet_save_row(w->s, &w->r, w->src, &w->rows[row], scores, &e);
	if (rc == DJ_CONFLICT && strcmp(e.field, "round") != 0) {
		on_conflict(w, row, &e);
		return -1;
	}
	if (rc) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	load_cells(w, row);
	int grade, t = grading_sheet_preview(&w->r, w->src, &w->rows[row], w->rows[row].score, &grade);
	grading_format_total(t, total, sizeof total);
	frame_message(MSG_INFO, "已保存「%s」的%s评分，综合 %s 分，建议%s", w->rows[row].org,
	              w->r.src[w->src].name, total, *grading_word(&w->r, grade) ? grading_word(&w->r, grade) : "—");
	return 0;
}

static const struct sheet_ops ops = {
	.label = op_label, .computed = op_computed, .check = op_check, .save_row = op_save,
};

/* The first organization with an empty cell, where entry goes on. */
static int first_unfinished(const struct score_sheet *w)
{
	for (int i = 0; i < w->n; i++)
		for (int k = 0; k < w->r.nind; k++)
			if (w->rows[i].score[k] == GRADING_NONE)
				return i;
	return 0;
}

static int build(struct score_sheet *w, int src, int row, struct dj_err *e)
{
	struct grading_sheet_row *rows;
	int n;
	if (grading_sheet_load(w->s, &w->r, src, &rows, &n, e))
		return -1;
	sheet_free(&w->sh);
	if (sheet_init(&w->sh, n, w->r.nind)) {
		free(rows);
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	}
	free(w->rows);
	w->rows = rows;
	w->n = n;
	w->src = src;
	for (int k = 0; k < w->r.nind; k++) {
		grading_format_score(w->r.ind[k].max, w->subs[k], sizeof w->subs[k]);
		w->cols[k] = (struct sheet_col){ w->r.ind[k].name, w->subs[k], 6 };
	}
	int gw = 4;
	for (int g = 0; g < GRADING_GRADES; g++)
		gw = utf8_cols(w->r.grade[g]) > gw ? utf8_cols(w->r.grade[g]) : gw;
	w->computed[C_ROW_TOTAL] = (struct sheet_col){ "本表合计", "100", 5 };
	w->computed[C_WEIGHTED] = (struct sheet_col){ "加权综合", "", 5 };
	w->computed[C_GRADE] = (struct sheet_col){ "建议等次", "", gw };
	w->sh.cols = w->cols;
	w->sh.computed = w->computed;
	w->sh.ncomputed = NCOMPUTED;
	w->sh.label_title = "党组织";
	w->sh.label_sub = "满分";
	w->sh.label_max = 40;
	w->sh.top_y = frame_body_top() + 1;
	w->sh.ops = &ops;
	w->sh.ctx = w;
	w->sh.readonly = strcmp(w->r.status, "已确认") == 0 || w->s->role == ROLE_VIEWER;
	w->sh.readonly_why = strcmp(w->r.status, "已确认") == 0 ? "本轮已确认定级，评分只能查看"
	                                                         : "您是只读用户，评分只能查看";
	for (int i = 0; i < n; i++)
		load_cells(w, i);
	sheet_goto(&w->sh, row < 0 ? first_unfinished(w) : row, 0);
	return 0;
}

static void *open_sheet(struct app *a, void *arg)
{
	const struct grading_arg *from = arg;
	struct score_sheet *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	if (grading_round_load(w->s, from->round_id, &w->r, &e) || build(w, 0, -1, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		sheet_free(&w->sh);
		free(w->rows);
		free(w);
		return NULL;
	}
	if (w->n == 0)
		frame_message(MSG_INFO, "本轮没有参加定级的组织，请在定级台账中按 F6 加入");
	else if (w->sh.readonly)
		frame_message(MSG_INFO, "%s", w->sh.readonly_why);
	return w;
}

static void close_sheet(void *st)
{
	struct score_sheet *w = st;
	sheet_free(&w->sh);
	free(w->rows);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct score_sheet *w = st;
	char head[256], left[320], total[16];
	snprintf(head, sizeof head, "评分表：%s（权重 %d%%）  第 %d/%d 张，F4 换表  %s", w->r.src[w->src].name,
	         w->r.src[w->src].weight, w->src + 1, w->r.nsrc, w->r.name);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	sheet_draw(&w->sh);
	if (w->n == 0) {
		frame_status("暂无参加定级的组织", "");
		return;
	}
	int row = w->sh.row, scores[GRADING_MAX_IND], grade;
	typed_scores(w, row, scores);
	grading_format_total(grading_sheet_preview(&w->r, w->src, &w->rows[row], scores, &grade), total,
	                     sizeof total);
	snprintf(left, sizeof left, "第 %d/%d 个  %s  综合 %s  建议 %s%s", row + 1, w->n, w->rows[row].org,
	         *total ? total : "—", *grading_word(&w->r, grade) ? grading_word(&w->r, grade) : "—",
	         sheet_row_dirty(&w->sh, row) ? "  （未保存）" : "");
	frame_status(left, w->sh.readonly ? "只能查看" : "离开本行即保存");
}

static void switch_source(struct score_sheet *w)
{
	const char *names[GRADING_MAX_SRC];
	char labels[GRADING_MAX_SRC][64];
	struct dj_err e;
	if (sheet_leave(&w->sh))
		return;
	for (int i = 0; i < w->r.nsrc; i++) {
		snprintf(labels[i], sizeof labels[i], "%s（权重 %d%%）", w->r.src[i].name, w->r.src[i].weight);
		names[i] = labels[i];
	}
	int pick = dialog_pick("换评分表", names, w->r.nsrc, w->src);
	if (pick < 0 || pick == w->src)
		return;
	if (build(w, pick, w->sh.row, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else
		frame_message(MSG_INFO, "已换到「%s」评分表", w->r.src[pick].name);
}

/* F7: to an organization by part of its name or its pinyin initials. */
static void find_org(struct score_sheet *w)
{
	char text[64] = "", py[128];
	if (!dialog_input("查找组织", "名称或拼音首字母：", text, sizeof text) || !*text)
		return;
	for (char *c = text; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	for (int i = 0; i < w->n; i++) {
		pinyin_initials(w->rows[i].org, py, sizeof py);
		if (strstr(w->rows[i].org, text) || strncmp(py, text, strlen(text)) == 0) {
			if (sheet_leave(&w->sh) == 0)
				sheet_goto(&w->sh, i, 0);
			return;
		}
	}
	frame_message(MSG_ERROR, "没有找到「%s」", text);
}

static void next_unfinished(struct score_sheet *w)
{
	for (int step = 1; step <= w->n; step++) {
		int i = (w->sh.row + step) % w->n;
		for (int k = 0; k < w->r.nind; k++)
			if (!*sheet_get(&w->sh, i, k)) {
				if (sheet_leave(&w->sh) == 0)
					sheet_goto(&w->sh, i, k);
				return;
			}
	}
	frame_message(MSG_INFO, "本表已全部录完");
}

/* Others may be scoring the same round: their saved lines read again. */
static void reread(struct score_sheet *w)
{
	struct dj_err e;
	if (sheet_leave(&w->sh))
		return;
	if (build(w, w->src, w->sh.row, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	else
		frame_message(MSG_INFO, "已重新读取本表");
}

static void actions(struct score_sheet *w)
{
	static const char *const items[] = { "换评分表（评分来源）", "查找组织", "到下一个未录完的组织",
	                                     "重新读取本表（他人刚保存的评分）" };
	switch (dialog_pick("操作", items, 4, 0)) {
	case 0: switch_source(w); break;
	case 1: find_org(w); break;
	case 2: next_unfinished(w); break;
	case 3: reread(w); break;
	default: break;
	}
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
	case K_F4: switch_source(w); return SCR_REDRAW;
	case K_F7: find_org(w); return SCR_REDRAW;
	case K_F9: actions(w); return SCR_REDRAW;
	default: break;
	}
	return sheet_key(&w->sh, k) == SHEET_HANDLED ? SCR_REDRAW : SCR_PASS;
}

static const char *const legend[10] = { "帮助", "保存", "返回", "换表", "还原", NULL, "查找", NULL,
                                        "操作", "退出" };

const struct screen grading_sheet_screen = {
	.name = "评分录入",
	.help = "评分表：每个评分来源一张表，组织为行、评分指标为列，列头下方是满分。\n"
	        "直接输入分数（可有一位小数），回车到右边一格，一行录完回车到下一行的第一格；\n"
	        "Tab/→ 右移，Shift-Tab/← 左移，↑↓ 上下，PgUp/PgDn 翻页，Home/End 到行首/行尾。\n"
	        "到达一格后第一次输入即替换原分数；退格删一位，Delete 或 Ctrl-U 清空本格。\n"
	        "离开一格时检查是否超过满分；离开一行时自动保存本行（F2 立即保存，F5 恢复本行）。\n"
	        "右边三列随输入计算：本表合计、按各来源权重的加权综合分、建议等次。\n"
	        "某个来源尚未评分时，按已评来源的权重折算综合分。\n"
	        "F4 换评分表（来源）；F7 查找组织（名称或拼音首字母）；\n"
	        "F9 操作菜单：到下一个未录完的组织、重新读取他人刚保存的评分。\n"
	        "F3 或 Esc 返回（先保存本行）。本轮确认后评分只能查看。",
	.legend = legend,
	.open = open_sheet,
	.close = close_sheet,
	.draw = draw,
	.key = key,
};
