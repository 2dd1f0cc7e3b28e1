/* sheet.c — 评议录入: one round's organizations down, the eight vote counts
 * across (党员评议 好/较好/一般/差, then 群众评议), the share of 好+较好 and
 * the grade following every key.  Enter moves right, then to the next
 * organization; a changed row is saved when the cursor leaves it
 * (version-checked, audited).  F4 opens the row's 述职 (date, summary,
 * secretary).  The sheet is read into memory when it opens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/appraise.h"
#include "core/text.h"
#include "screens/common/list_screen.h"
#include "screens/common/print_dialog.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/sheet.h"

enum { NCOUNTS = AP_GROUPS * AP_KINDS, C_SHARE = 0, C_GRADE, NCOMPUTED };

struct vote_sheet {
	struct session *s;
	struct appraise_arg *arg;
	struct appraise_round r;
	struct appraise_rule rule;
	struct appraise_line *rows;
	int n;
	struct sheet sh;
	struct sheet_col cols[NCOUNTS];
	struct sheet_col computed[NCOMPUTED];
	struct appraise_arg sub;
};

/* Columns: the vote over its group; messages name both. */
static const char *const kinds[NCOUNTS] = { "好", "较好", "一般", "差", "好", "较好", "一般", "差" };
static const char *const groups[NCOUNTS] = { "党员", "党员", "党员", "党员",
                                             "群众", "群众", "群众", "群众" };
static const char *const titles[NCOUNTS] = { "党员评议好", "党员评议较好", "党员评议一般",
                                             "党员评议差", "群众评议好", "群众评议较好",
                                             "群众评议一般", "群众评议差" };

/* The counts as typed; what does not parse counts as not typed. */
static void typed_votes(const struct vote_sheet *w, int row, struct appraise_votes *v)
{
	for (int k = 0; k < NCOUNTS; k++) {
		int c;
		if (appraise_parse_count(sheet_get(&w->sh, row, k), &c, NULL))
			c = APPRAISE_NONE;
		v->n[k / AP_KINDS][k % AP_KINDS] = c;
	}
}

static void op_label(void *ctx, int row, char *out, size_t cap)
{
	struct vote_sheet *w = ctx;
	snprintf(out, cap, "%s", w->rows[row].org);
}

static void op_computed(void *ctx, int row, int k, char *out, size_t cap)
{
	struct vote_sheet *w = ctx;
	struct appraise_votes v;
	typed_votes(w, row, &v);
	int share = appraise_share(&w->rule, &v);
	if (k == C_SHARE)
		appraise_format_share(share, out, cap);
	else
		snprintf(out, cap, "%s", appraise_word(&w->rule, share));
}

static int op_check(void *ctx, int row, int col, const char *text, char why[WHY_MAX])
{
	(void)ctx;
	(void)row;
	char reason[WHY_MAX];
	int c;
	if (appraise_parse_count(text, &c, reason) == 0)
		return 0;
	snprintf(why, WHY_MAX, "「%s」%s", titles[col], reason);
	return -1;
}

static void load_cells(struct vote_sheet *w, int row)
{
	char v[16];
	for (int k = 0; k < NCOUNTS; k++) {
		int c = w->rows[row].v.n[k / AP_KINDS][k % AP_KINDS];
		snprintf(v, sizeof v, "%d", c);
		sheet_load(&w->sh, row, k, c == APPRAISE_NONE ? "" : v);
	}
}

static int op_save(void *ctx, int row)
{
	struct vote_sheet *w = ctx;
	struct appraise_line l = w->rows[row];
	struct dj_err e;
	char share[16];
	typed_votes(w, row, &l.v);
	int rc = appraise_line_save(w->s, &l, &e);
	if (rc == DJ_CONFLICT) {
		frame_message(MSG_ERROR, "%s", e.msg);
		if (dialog_ask("这一行已被他人修改。\n重新读取他人保存的票数？（选「否」保留您输入的内容）", 1) &&
		    appraise_line_load(w->s, l.id, &w->rows[row], &e) == 0) {
			load_cells(w, row);
			frame_message(MSG_INFO, "已重新读取「%s」", w->rows[row].org);
		}
		return -1;
	}
	if (rc) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	w->rows[row] = l;
	load_cells(w, row);
	int sh = appraise_share(&w->rule, &l.v);
	appraise_format_share(sh, share, sizeof share);
	frame_message(MSG_INFO, "已保存「%s」的评议票数：好和较好占 %s，%s", l.org, *share ? share : "—",
	              appraise_word(&w->rule, sh));
	w->arg->changed = 1;
	return 0;
}

static const struct sheet_ops ops = {
	.label = op_label, .computed = op_computed, .check = op_check, .save_row = op_save,
};

static int first_unfinished(const struct vote_sheet *w)
{
	for (int i = 0; i < w->n; i++)
		if (appraise_group_total(&w->rows[i].v, AP_MEMBERS) + appraise_group_total(&w->rows[i].v, AP_PUBLIC) == 0)
			return i;
	return 0;
}

static int build(struct vote_sheet *w, int row, struct dj_err *e)
{
	struct appraise_line *rows;
	int n;
	if (appraise_round_load(w->s, w->arg->round_id, &w->r, e) ||
	    appraise_lines_load(w->s, w->r.id, &rows, &n, e))
		return -1;
	sheet_free(&w->sh);
	if (sheet_init(&w->sh, n, NCOUNTS)) {
		free(rows);
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	}
	free(w->rows);
	w->rows = rows;
	w->n = n;
	for (int k = 0; k < NCOUNTS; k++)
		w->cols[k] = (struct sheet_col){ kinds[k], groups[k], 4 };
	w->computed[C_SHARE] = (struct sheet_col){ "好和较好", "占比", 6 };
	int gw = utf8_cols(APPRAISE_UNRATED);
	for (int g = 0; g < 4; g++)
		gw = utf8_cols(w->rule.grade[g]) > gw ? utf8_cols(w->rule.grade[g]) : gw;
	w->computed[C_GRADE] = (struct sheet_col){ "评议等次", "", gw };
	w->sh.cols = w->cols;
	w->sh.computed = w->computed;
	w->sh.ncomputed = NCOMPUTED;
	w->sh.label_title = "党组织";
	w->sh.label_sub = "";
	w->sh.label_min = 8;
	w->sh.label_max = 30;
	w->sh.top_y = frame_body_top() + 1;
	w->sh.ops = &ops;
	w->sh.ctx = w;
	int closed = strcmp(w->r.status, "已结束") == 0;
	w->sh.readonly = closed || w->s->role == ROLE_VIEWER;
	w->sh.readonly_why = closed ? "本轮述职评议已结束，票数只能查看" : "您是只读用户，票数只能查看";
	for (int i = 0; i < n; i++)
		load_cells(w, i);
	sheet_goto(&w->sh, row < 0 ? first_unfinished(w) : (row < n ? row : 0), 0);
	return 0;
}

static void *open_sheet(struct app *a, void *arg)
{
	struct vote_sheet *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	appraise_rule_from(w->s->cfg, &w->rule);
	if (build(w, -1, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		sheet_free(&w->sh);
		free(w->rows);
		free(w);
		return NULL;
	}
	if (w->n == 0)
		frame_message(MSG_INFO, "本轮没有参加述职评议的组织（组织单位下没有党总支、党支部）");
	else if (w->sh.readonly)
		frame_message(MSG_INFO, "%s", w->sh.readonly_why);
	return w;
}

static void close_sheet(void *st)
{
	struct vote_sheet *w = st;
	sheet_free(&w->sh);
	free(w->rows);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct vote_sheet *w = st;
	char head[256], left[320];
	snprintf(head, sizeof head, "评议录入：%s（述职期限 %s，%s）", w->r.name, w->r.ends_on, w->r.status);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	sheet_draw(&w->sh);
	if (w->n == 0) {
		frame_status("暂无参加述职评议的组织", "");
		return;
	}
	const struct appraise_line *l = &w->rows[w->sh.row];
	snprintf(left, sizeof left, "第 %d/%d 个  书记 %s  述职 %s%s", w->sh.row + 1, w->n,
	         *l->secretary ? l->secretary : "—", *l->spoke_on ? l->spoke_on : "未述职",
	         sheet_row_dirty(&w->sh, w->sh.row) ? "  （未保存）" : "");
	frame_status(left, w->sh.readonly ? "只能查看" : "F4 述职  离开本行即保存");
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct vote_sheet *w = st;
	struct dj_err e;
	if (w->sub.changed && build(w, w->sh.row, &e))
		frame_message(MSG_ERROR, "%s", e.msg);
	w->sub.changed = 0;
}

static enum outcome open_line(struct vote_sheet *w, struct app *a)
{
	if (w->n == 0 || sheet_leave(&w->sh))
		return SCR_REDRAW;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.round_id = w->r.id;
	w->sub.id = w->rows[w->sh.row].id;
	app_push(a, &appraise_line_form_screen, &w->sub);
	return SCR_PUSH;
}

static void find_org(struct vote_sheet *w)
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

static int write_round(void *ctx, const char *path, FILE *report, int *n)
{
	struct vote_sheet *w = ctx;
	return appraise_export(w->s, atoi(w->r.year), path, report, n);
}

static enum outcome actions(struct vote_sheet *w, struct app *a)
{
	static const char *const items[] = { "述职登记（日期、摘要、述职人）", "查找组织",
	                                     "导出本年度述职评议结果（xlsx 或 CSV）", "重新读取（他人刚保存的票数）",
	                                     "打印述职评议结果表（PDF）" };
	char name[128];
	struct dj_err e;
	switch (dialog_pick("操作", items, 5, 0)) {
	case 0: return open_line(w, a);
	case 1: find_org(w); break;
	case 2:
		if (sheet_leave(&w->sh))
			break;
		snprintf(name, sizeof name, "述职评议结果表-%s", w->r.year);
		list_file_name(name, sizeof name, name);
		list_export("导出述职评议结果", name, "个组织的述职评议", NULL, write_round, w);
		break;
	case 3:
		if (sheet_leave(&w->sh) == 0 && build(w, w->sh.row, &e))
			frame_message(MSG_ERROR, "%s", e.msg);
		break;
	case 4:
		if (sheet_leave(&w->sh) == 0)
			print_dialog(w->s, FORM_APPRAISAL, w->r.id, 0);
		break;
	default: break;
	}
	return SCR_REDRAW;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct vote_sheet *w = st;
	switch (k.code) {
	case K_F3: case K_ESC: case K_F10:
		if (sheet_leave(&w->sh))
			return SCR_REDRAW;
		return k.code == K_F10 ? SCR_PASS : SCR_BACK;
	case K_F4: return open_line(w, a);
	case K_F7: find_org(w); return SCR_REDRAW;
	case K_F9: return actions(w, a);
	default: break;
	}
	return sheet_key(&w->sh, k) == SHEET_HANDLED ? SCR_REDRAW : SCR_PASS;
}

static const char *const legend[10] = { "帮助", "保存", "返回", "述职", "还原", NULL, "查找", NULL,
                                        "操作", "退出" };

const struct screen appraise_sheet_screen = {
	.name = "评议录入",
	.help = "评议录入表：本轮的组织为行，列为党员评议和群众评议的好、较好、一般、差票数。\n"
	        "直接输入票数，回车到右边一格，一行录完回车到下一个组织；Tab/→ 右移，\n"
	        "Shift-Tab/← 左移，↑↓ 上下，PgUp/PgDn 翻页。到达一格后第一次输入即替换原数；\n"
	        "退格删一位，Delete 或 Ctrl-U 清空本格。离开一行时自动保存（F2 立即保存，F5 恢复本行）。\n"
	        "右边两列随输入计算：好和较好票数占全部票数的比例（四舍五入到一位小数）和评议等次，\n"
	        "没有票数时为“未评议”；等次和分数线在 dangjian.ini [appraise] 配置。\n"
	        "F4 述职登记（述职日期、摘要、述职人）；F7 查找组织；F9 操作菜单（导出结果、打印结果表）。",
	.legend = legend, .open = open_sheet, .close = close_sheet, .draw = draw, .key = key,
	.resume = resume,
};
