/* evidence.c — 记录中的事实: what the program already knows about the
 * application's organization over the batch's span (三会一课, grades and
 * rectifications, 发展党员 and dues, honours), so reviewers score against
 * facts.  The text is the domain's (review_evidence); this screen wraps it
 * to the terminal's width, scrolls it, and writes it out with F9. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/fit.h"
#include "core/text.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "screens/review/subs.h"
#include "tui/draw.h"

enum { TEXT_CAP = 64 * 1024 };

struct line {
	size_t from, to;           /* a wrapped line: text[from, to) */
	int indent;                /* columns before it: a continuation hangs under its paragraph */
};

struct evidence {
	struct session *s;
	struct review_arg *arg;
	struct review_app *app;
	wchar_t *text;
	size_t len;
	struct line *lines;        /* wrapped at `width` */
	int nlines, cap, width;
	int top;                   /* first line shown */
};

/* The domain's text, read again (F5) and decoded once for the screen. */
static int read_text(struct evidence *w)
{
	struct dj_err e;
	char *utf8 = malloc(TEXT_CAP);
	if (!utf8) {
		frame_message(MSG_ERROR, "内存不足");
		return -1;
	}
	if (review_evidence(w->s, w->app->id, utf8, TEXT_CAP, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(utf8);
		return -1;
	}
	size_t n = strlen(utf8);
	wchar_t *t = malloc((n + 1) * sizeof *t);
	if (!t) {
		free(utf8);
		frame_message(MSG_ERROR, "内存不足");
		return -1;
	}
	w->len = utf8_to_wcs(utf8, n, t, n + 1);
	free(utf8);
	free(w->text);
	w->text = t;
	w->width = 0;              /* wrap again */
	return 0;
}

static int add_line(struct evidence *w, size_t from, size_t to, int indent)
{
	if (w->nlines == w->cap) {
		int cap = w->cap ? w->cap * 2 : 64;
		struct line *l = realloc(w->lines, (size_t)cap * sizeof *l);
		if (!l)
			return -1;
		w->lines = l;
		w->cap = cap;
	}
	w->lines[w->nlines++] = (struct line){ from, to, indent };
	return 0;
}

/* Each paragraph (a line of the text) wrapped at `width` columns. */
static void wrap(struct evidence *w, int width)
{
	w->nlines = 0;
	w->width = width;
	size_t p = 0;
	while (p < w->len || p == 0) {   /* a final line break opens no line */
		size_t end = p;
		while (end < w->len && w->text[end] != L'\n')
			end++;
		if (end == p && add_line(w, p, p, 0))
			return;
		/* the lines after a paragraph's first stand two columns in from
		 * its own indent, so a wrapped item still reads as one */
		size_t lead = p;
		while (lead < end && w->text[lead] == L' ')
			lead++;
		int hang = (int)(lead - p) + 2 < width / 2 ? (int)(lead - p) + 2 : 0;
		for (size_t at = p; at < end;) {
			size_t next;
			int indent = at == p ? 0 : hang;
			size_t stop = fit_line(w->text, end, at, width - indent, &next);
			if (add_line(w, at, stop, indent))
				return;
			at = next > at ? next : stop;
		}
		if (end == w->len)
			break;
		p = end + 1;
	}
}

static int shown_rows(void)
{
	return frame_body_rows() - 1;
}

static void *open_evidence(struct app *a, void *arg)
{
	struct evidence *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	w->app = subs_app_load(w->s, w->arg->id);
	if (!w->app || read_text(w)) {
		free(w->app);
		free(w);
		return NULL;
	}
	return w;
}

static void close_evidence(void *st)
{
	struct evidence *w = st;
	free(w->app);
	free(w->text);
	free(w->lines);
	free(w);
}

static void clamp(struct evidence *w)
{
	int last = w->nlines - shown_rows();
	if (w->top > last)
		w->top = last;
	if (w->top < 0)
		w->top = 0;
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct evidence *w = st;
	char head[400], left[80];
	int cols = term_cols(), y0 = frame_body_top(), rows = shown_rows();
	if (w->width != cols - 2)
		wrap(w, cols - 2);
	clamp(w);
	subs_app_heading(w->app, head, sizeof head);
	draw_text(y0, 0, cols, head, ST_HEADING);
	for (int r = 0; r < rows; r++) {
		int i = w->top + r;
		if (i < w->nlines) {
			const struct line *l = &w->lines[i];
			draw_text(y0 + 1 + r, 0, 1 + l->indent, "", ST_NORMAL);
			draw_wtext(y0 + 1 + r, 1 + l->indent, cols - 1 - l->indent, w->text + l->from,
			           l->to - l->from, ST_NORMAL);
		}
		else
			draw_text(y0 + 1 + r, 0, cols, "", ST_NORMAL);
	}
	int last = w->top + rows < w->nlines ? w->top + rows : w->nlines;
	snprintf(left, sizeof left, "第 %d–%d 行，共 %d 行%s", w->nlines ? w->top + 1 : 0, last,
	         w->nlines, last < w->nlines ? "  更多…↓" : "");
	frame_status(left, "↑↓ PgUp PgDn 翻看  F9 导出");
	cursor_want(-1, -1);
}

struct export_ctx {
	struct session *s;
	int64_t app_id;
};

static int write_text(void *ctx, const char *path, FILE *report, int *n)
{
	struct export_ctx *c = ctx;
	*n = 1;
	return review_evidence_write(c->s, c->app_id, path, report);
}

static void export_text(struct evidence *w)
{
	char stem[64], name[96];
	struct export_ctx c = { w->s, w->app->id };
	snprintf(stem, sizeof stem, "记录中的事实-%lld", (long long)w->app->id);
	char date[9];
	list_file_date(date);
	snprintf(name, sizeof name, "%s-%s.txt", stem, date);
	list_export("导出记录中的事实", name, "份", NULL, write_text, &c);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct evidence *w = st;
	int page = shown_rows() > 1 ? shown_rows() - 1 : 1;
	switch (k.code) {
	case K_UP:
		w->top--;
		break;
	case K_DOWN:
		w->top++;
		break;
	case K_PGUP:
		w->top -= page;
		break;
	case K_PGDN:
	case K_CHAR:
		if (k.code == K_CHAR && k.ch != L' ')
			return SCR_PASS;
		w->top += page;
		break;
	case K_HOME:
		w->top = 0;
		break;
	case K_END:
		w->top = w->nlines;
		break;
	case K_F5:
		if (read_text(w) == 0)
			frame_message(MSG_INFO, "已重新汇总记录中的事实");
		break;
	case K_F9:
		export_text(w);
		break;
	default:
		return SCR_PASS;
	}
	clamp(w);
	return SCR_REDRAW;
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", NULL, NULL, NULL,
                                        "导出", "退出" };

const struct screen review_evidence_screen = {
	.name = "记录中的事实",
	.help = "程序已有的记录中，申报组织在本批次期间的情况：三会一课应开与实开、\n"
	        "分类定级等次和整改、发展党员和党费收缴、所获荣誉。\n"
	        "自查和验收评审时对照这些事实打分，而不只看书面材料。\n"
	        "↑ ↓ 逐行、PgUp PgDn（或空格）翻页、Home End 到首尾。\n"
	        "F5：重新汇总（录入新记录之后）。F9：导出为文本文件，供评审组查阅。\n"
	        "F3 或 Esc 返回。",
	.legend = legend,
	.open = open_evidence,
	.close = close_evidence,
	.draw = draw,
	.key = key,
};
