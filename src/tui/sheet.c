/* sheet.c — the editable matrix of numbers (see sheet.h).
 *
 * A cell holds a short number typed at its end, so it is edited in place
 * without a cursor inside it: characters append, Backspace removes the last,
 * and the number stays right-aligned like its neighbours while it is typed.
 * The hardware cursor sits just after it, where an input method expects. */
#include "tui/sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/draw.h"

#define HEAD_ROWS 3

int sheet_init(struct sheet *sh, int nrows, int ncols)
{
	memset(sh, 0, sizeof *sh);
	sh->nrows = nrows;
	sh->ncols = ncols;
	sh->label_min = 10;
	sh->label_max = 30;
	size_t n = (size_t)(nrows > 0 ? nrows : 1) * (size_t)(ncols > 0 ? ncols : 1);
	sh->text = calloc(n, sizeof *sh->text);
	sh->orig = calloc(n, sizeof *sh->orig);
	sh->fresh = 1;
	if (!sh->text || !sh->orig) {
		sheet_free(sh);
		return -1;
	}
	return 0;
}

void sheet_free(struct sheet *sh)
{
	free(sh->text);
	free(sh->orig);
	sh->text = sh->orig = NULL;
}

static char *cell(const struct sheet *sh, int row, int col)
{
	return sh->text[(size_t)row * (size_t)sh->ncols + (size_t)col];
}

static char *saved(const struct sheet *sh, int row, int col)
{
	return sh->orig[(size_t)row * (size_t)sh->ncols + (size_t)col];
}

void sheet_load(struct sheet *sh, int row, int col, const char *text)
{
	if (row < 0 || row >= sh->nrows || col < 0 || col >= sh->ncols)
		return;
	snprintf(cell(sh, row, col), SHEET_CELL, "%s", text ? text : "");
	snprintf(saved(sh, row, col), SHEET_CELL, "%s", text ? text : "");
}

const char *sheet_get(const struct sheet *sh, int row, int col)
{
	if (row < 0 || row >= sh->nrows || col < 0 || col >= sh->ncols)
		return "";
	return cell(sh, row, col);
}

int sheet_row_dirty(const struct sheet *sh, int row)
{
	for (int c = 0; row >= 0 && row < sh->nrows && c < sh->ncols; c++)
		if (strcmp(cell(sh, row, c), saved(sh, row, c)) != 0)
			return 1;
	return 0;
}

void sheet_row_saved(struct sheet *sh, int row)
{
	for (int c = 0; row >= 0 && row < sh->nrows && c < sh->ncols; c++)
		memcpy(saved(sh, row, c), cell(sh, row, c), SHEET_CELL);
}

void sheet_goto(struct sheet *sh, int row, int col)
{
	sh->row = row < 0 ? 0 : row >= sh->nrows ? (sh->nrows > 0 ? sh->nrows - 1 : 0) : row;
	sh->col = col < 0 ? 0 : col >= sh->ncols ? (sh->ncols > 0 ? sh->ncols - 1 : 0) : col;
	sh->fresh = 1;
}

/* ---- layout ---- */

struct layout {
	int label;                /* label column width */
	int x[64];                /* left edge of number columns left..left+shown-1 */
	int shown;
	int cx[16];               /* left edge of computed columns */
	int end;                  /* first column after everything */
};

static int first_data_row(const struct sheet *sh)
{
	return sh->top_y + HEAD_ROWS;
}

static int data_rows(const struct sheet *sh)
{
	int n = frame_body_top() + frame_body_rows() - first_data_row(sh);
	return n > 1 ? n : 1;
}

/* How many number columns from `left` fit in `room` columns. */
static int fitting(const struct sheet *sh, int left, int room)
{
	int n = 0;
	for (int c = left; c < sh->ncols && n < 64; c++) {
		if (sh->cols[c].width + 1 > room)
			break;
		room -= sh->cols[c].width + 1;
		n++;
	}
	return n;
}

static void lay_out(struct sheet *sh, struct layout *L)
{
	int width = term_cols(), computed = 0, numbers = 0;
	for (int k = 0; k < sh->ncomputed && k < 16; k++)
		computed += sh->computed[k].width + 1;
	for (int c = 0; c < sh->ncols; c++)
		numbers += sh->cols[c].width + 1;
	L->label = width - computed - numbers;
	if (L->label > sh->label_max)
		L->label = sh->label_max;
	if (L->label < sh->label_min)
		L->label = sh->label_min;
	int room = width - L->label - computed;
	if (sh->col < sh->left)
		sh->left = sh->col;
	while (sh->left < sh->col && fitting(sh, sh->left, room) <= sh->col - sh->left)
		sh->left++;
	while (sh->left > 0 && fitting(sh, sh->left - 1, room) > sh->ncols - sh->left)
		sh->left--;   /* room again after a resize: show from further left */
	L->shown = fitting(sh, sh->left, room);
	/* What the shown columns leave over widens the label. */
	int used = 0;
	for (int i = 0; i < L->shown; i++)
		used += sh->cols[sh->left + i].width + 1;
	if (L->label + room - used <= sh->label_max)
		L->label += room - used;
	int x = L->label;
	for (int i = 0; i < L->shown; i++) {
		L->x[i] = x + 1;
		x += sh->cols[sh->left + i].width + 1;
	}
	for (int k = 0; k < sh->ncomputed && k < 16; k++) {
		L->cx[k] = x + 1;
		x += sh->computed[k].width + 1;
	}
	L->end = x;
	sh->shown_cols = L->shown;
	int rows = data_rows(sh);
	if (sh->row < sh->top)
		sh->top = sh->row;
	if (sh->row >= sh->top + rows)
		sh->top = sh->row - rows + 1;
}

/* ---- drawing ---- */

/* A title on two rows, split near its middle when it does not fit on one:
 * 党组织带头人 -> 党组织 / 带头人, 工作思路 -> 工作 / 思路. */
static void draw_title(int y, int x, int w, const char *title)
{
	char lines[2][96];
	int total = utf8_cols(title);
	if (total <= w) {
		lines[0][0] = 0;
		snprintf(lines[1], sizeof lines[1], "%s", title);
	} else {
		int half = (total + 1) / 2;
		size_t cut = utf8_prefix_fitting(title, half < w ? half : w);
		snprintf(lines[0], sizeof lines[0], "%.*s", (int)cut, title);
		snprintf(lines[1], sizeof lines[1], "%s", title + cut);
	}
	for (int i = 0; i < 2; i++) {
		int pad = (w - utf8_cols(lines[i])) / 2;
		pad = pad < 0 ? 0 : pad;
		draw_text(y + i, x, pad, "", ST_HEADING);
		draw_text(y + i, x + pad, w - pad, lines[i], ST_HEADING);
	}
}

static void draw_headings(const struct sheet *sh, const struct layout *L)
{
	int y = sh->top_y;
	for (int r = 0; r < HEAD_ROWS; r++)
		draw_text(y + r, 0, term_cols(), "", ST_HEADING);
	draw_text(y + 1, 0, L->label, sh->label_title ? sh->label_title : "", ST_HEADING);
	char sub[64];
	snprintf(sub, sizeof sub, "%s%s", sh->left > 0 ? "< " : "", sh->label_sub ? sh->label_sub : "");
	draw_text_right(y + 2, 0, L->label, sub, ST_HEADING);
	for (int i = 0; i < L->shown; i++) {
		const struct sheet_col *c = &sh->cols[sh->left + i];
		draw_title(y, L->x[i], c->width, c->title ? c->title : "");
		draw_text_right(y + 2, L->x[i], c->width, c->sub ? c->sub : "", ST_HEADING);
	}
	if (sh->left + L->shown < sh->ncols)
		draw_text(y + 2, L->shown ? L->x[L->shown - 1] + sh->cols[sh->left + L->shown - 1].width : L->label,
		          1, ">", ST_HEADING);
	for (int k = 0; k < sh->ncomputed && k < 16; k++) {
		draw_title(y, L->cx[k], sh->computed[k].width, sh->computed[k].title);
		draw_text_right(y + 2, L->cx[k], sh->computed[k].width,
		                sh->computed[k].sub ? sh->computed[k].sub : "", ST_HEADING);
	}
}

static void draw_row(const struct sheet *sh, const struct layout *L, int row, int y)
{
	char label[256], text[64];
	int current = row == sh->row;
	draw_text(y, 0, term_cols(), "", ST_NORMAL);
	if (row >= sh->nrows)
		return;
	if (sh->ops && sh->ops->label)
		sh->ops->label(sh->ctx, row, label, sizeof label);
	else
		label[0] = 0;
	draw_text(y, 0, L->label, label, current ? ST_SELECTED : ST_NORMAL);
	for (int i = 0; i < L->shown; i++) {
		int c = sh->left + i;
		enum style st = !current ? ST_NORMAL : c == sh->col && !sh->readonly ? ST_FIELD_EDIT : ST_FIELD;
		draw_text_right(y, L->x[i], sh->cols[c].width, cell(sh, row, c), st);
	}
	for (int k = 0; k < sh->ncomputed && k < 16; k++) {
		text[0] = 0;
		if (sh->ops && sh->ops->computed)
			sh->ops->computed(sh->ctx, row, k, text, sizeof text);
		draw_text_right(y, L->cx[k], sh->computed[k].width, text, current ? ST_HEADING : ST_NORMAL);
	}
}

void sheet_draw(struct sheet *sh)
{
	struct layout L;
	lay_out(sh, &L);
	draw_headings(sh, &L);
	int y0 = first_data_row(sh), rows = data_rows(sh);
	for (int i = 0; i < rows; i++)
		draw_row(sh, &L, sh->top + i, y0 + i);
	if (sh->nrows == 0 || sh->readonly) {
		cursor_want(-1, -1);
		return;
	}
	int i = sh->col - sh->left;
	if (i >= 0 && i < L.shown)
		cursor_want(y0 + sh->row - sh->top, L.x[i] + sh->cols[sh->col].width);
}

/* ---- keys ---- */

static int check_cell(struct sheet *sh)
{
	char why[WHY_MAX] = "";
	if (sh->readonly || !sh->ops || !sh->ops->check || sh->nrows == 0)
		return 0;
	if (sh->ops->check(sh->ctx, sh->row, sh->col, cell(sh, sh->row, sh->col), why) == 0)
		return 0;
	frame_message(MSG_ERROR, "%s", why);
	return -1;
}

static int save_row(struct sheet *sh)
{
	if (sh->readonly || !sheet_row_dirty(sh, sh->row) || !sh->ops || !sh->ops->save_row)
		return 0;
	if (sh->ops->save_row(sh->ctx, sh->row))
		return -1;
	sheet_row_saved(sh, sh->row);
	return 0;
}

/* Moves the cursor, checking the cell and saving the row it leaves. */
static void go(struct sheet *sh, int row, int col)
{
	if (sh->nrows == 0)
		return;
	row = row < 0 ? 0 : row >= sh->nrows ? sh->nrows - 1 : row;
	col = col < 0 ? 0 : col >= sh->ncols ? sh->ncols - 1 : col;
	if (check_cell(sh))
		return;
	if (row != sh->row && save_row(sh))
		return;
	sh->row = row;
	sh->col = col;
	sh->fresh = 1;
}

/* Enter at the very last cell saves and stays. */
static void next_cell(struct sheet *sh)
{
	if (sh->col + 1 < sh->ncols) {
		go(sh, sh->row, sh->col + 1);
	} else if (sh->row + 1 < sh->nrows) {
		go(sh, sh->row + 1, 0);
	} else if (check_cell(sh) == 0 && save_row(sh) == 0) {
		sh->fresh = 1;
		frame_message(MSG_INFO, "已到本表最后一格");
	}
}

static void prev_cell(struct sheet *sh)
{
	if (sh->col > 0)
		go(sh, sh->row, sh->col - 1);
	else if (sh->row > 0)
		go(sh, sh->row - 1, sh->ncols - 1);
}

/* Full-width digits and 。．from an input method count as ASCII. */
static wchar_t ascii_form(wchar_t c)
{
	if (c >= 0xFF10 && c <= 0xFF19)
		return c - 0xFF10 + L'0';
	if (c == 0xFF0E || c == 0x3002)
		return L'.';
	return c;
}

static int refuse_readonly(const struct sheet *sh)
{
	if (!sh->readonly)
		return 0;
	frame_message(MSG_ERROR, "%s", sh->readonly_why ? sh->readonly_why : "只能查看，不能修改");
	return 1;
}

static void type_char(struct sheet *sh, wchar_t c)
{
	char *t = cell(sh, sh->row, sh->col);
	c = ascii_form(c);
	if (refuse_readonly(sh))
		return;
	if (!((c >= L'0' && c <= L'9') || c == L'.')) {
		frame_message(MSG_ERROR, "「%s」只能输入数字和小数点", sh->cols[sh->col].title);
		return;
	}
	if (sh->fresh)
		t[0] = 0;
	sh->fresh = 0;
	size_t n = strlen(t);
	int most = sh->cols[sh->col].width < SHEET_CELL - 1 ? sh->cols[sh->col].width : SHEET_CELL - 1;
	if ((int)n >= most) {
		frame_message(MSG_ERROR, "「%s」已满，不能再输入", sh->cols[sh->col].title);
		return;
	}
	t[n] = (char)c;
	t[n + 1] = 0;
}

static void erase(struct sheet *sh, int all)
{
	char *t = cell(sh, sh->row, sh->col);
	if (refuse_readonly(sh))
		return;
	sh->fresh = 0;
	if (all)
		t[0] = 0;
	else if (*t)
		t[strlen(t) - 1] = 0;
}

static void save_now(struct sheet *sh)
{
	if (refuse_readonly(sh) || check_cell(sh))
		return;
	if (!sheet_row_dirty(sh, sh->row)) {
		frame_message(MSG_INFO, "本行没有修改");
		return;
	}
	save_row(sh);
	sh->fresh = 1;
}

static void restore_row(struct sheet *sh)
{
	for (int c = 0; c < sh->ncols; c++)
		memcpy(cell(sh, sh->row, c), saved(sh, sh->row, c), SHEET_CELL);
	sh->fresh = 1;
	frame_message(MSG_INFO, "本行已恢复为保存时的内容");
}

int sheet_leave(struct sheet *sh)
{
	if (sh->nrows == 0)
		return 0;
	return check_cell(sh) || save_row(sh) ? -1 : 0;
}

enum sheet_result sheet_key(struct sheet *sh, struct key k)
{
	int page = data_rows(sh);
	if (sh->nrows == 0)
		return SHEET_PASS;
	switch (k.code) {
	case K_CHAR:
		if (k.ch < 0x20)
			return SHEET_PASS;
		type_char(sh, k.ch);
		break;
	case K_BACKSPACE: erase(sh, 0); break;
	case K_DELETE: case K_CTRL_U: erase(sh, 1); break;
	case K_ENTER: case K_TAB: case K_RIGHT: next_cell(sh); break;
	case K_BTAB: case K_LEFT: prev_cell(sh); break;
	case K_UP: go(sh, sh->row - 1, sh->col); break;
	case K_DOWN: go(sh, sh->row + 1, sh->col); break;
	case K_PGUP: go(sh, sh->row - page, sh->col); break;
	case K_PGDN: go(sh, sh->row + page, sh->col); break;
	case K_HOME: go(sh, sh->row, 0); break;
	case K_END: go(sh, sh->row, sh->ncols - 1); break;
	case K_F2: save_now(sh); break;
	case K_F5:
		if (!refuse_readonly(sh))
			restore_row(sh);
		break;
	default:
		return SHEET_PASS;
	}
	return SHEET_HANDLED;
}
